from .institutes import Institute, InstituteProposal, InstituteTie, MemberCount
from .mep import MepYear
from .network import NetworkMetric

__all__ = [
    "Institute",
    "InstituteProposal",
    "InstituteTie",
    "MemberCount",
    "MepYear",
    "NetworkMetric",
]
