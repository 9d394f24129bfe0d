"""The curators' admin: the records' admin classes and what they share (bases, import, roles)."""

# Django's autodiscovery imports `policykb.admin`; importing the records' module registers them.
from . import records  # noqa: F401
