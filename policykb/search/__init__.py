"""Site search: the engine (`engine`) and what each kind of record searches (`kinds`)."""

from .engine import (
    EXACT,
    KINDS,
    KINDS_BY_KEY,
    Results,
    forgiving_search,
    normalize,
    search,
    search_queryset,
    terms_of,
    title_of,
)

__all__ = [
    "EXACT",
    "KINDS",
    "KINDS_BY_KEY",
    "Results",
    "forgiving_search",
    "normalize",
    "search",
    "search_queryset",
    "terms_of",
    "title_of",
]
