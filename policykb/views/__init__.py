"""Page views of the records every app shares; the apps' own pages live in their views.py."""

from .funding import FundingDetail, FundingList
from .home import Home, language_redirect
from .provenance import (
    DiscrepancyDetail,
    DiscrepancyList,
    FactDetail,
    FactList,
    StatedTotalDetail,
    StatedTotalList,
)
from .records import (
    AgencyDetail,
    AgencyList,
    OrganizationDetail,
    OrganizationList,
    ProgramDetail,
    SourceDetail,
    SourceList,
)
from .search import SearchPage

__all__ = [
    "AgencyDetail",
    "AgencyList",
    "DiscrepancyDetail",
    "DiscrepancyList",
    "FactDetail",
    "FactList",
    "StatedTotalDetail",
    "StatedTotalList",
    "FundingDetail",
    "FundingList",
    "Home",
    "OrganizationDetail",
    "OrganizationList",
    "ProgramDetail",
    "SearchPage",
    "SourceDetail",
    "SourceList",
    "language_redirect",
]
