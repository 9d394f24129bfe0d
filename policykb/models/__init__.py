from .agencies import Agency
from .base import Qualifier
from .discrepancies import Discrepancy, DiscrepancyValue
from .facts import Fact
from .funding import FundingAward, Program
from .organizations import Organization
from .sources import Citation, Source, attach_citations, prefetch_citations
from .totals import StatedTotal

__all__ = [
    "Agency",
    "Citation",
    "Discrepancy",
    "DiscrepancyValue",
    "Fact",
    "FundingAward",
    "Organization",
    "Program",
    "Qualifier",
    "Source",
    "StatedTotal",
    "attach_citations",
    "prefetch_citations",
]
