"""Search synonyms kept with the data (fixtures/synonyms.yaml): "ARP" finds the Rescue Plan."""

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings


@cache
def _groups():
    path = Path(settings.FIXTURES_DIR) / "synonyms.yaml"
    if not path.exists():
        return ()
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(tuple(str(term) for term in group) for group in document.get("groups", ()))


@cache
def _index():
    index = {}
    for group in _groups():
        for term in group:
            index.setdefault(term.casefold(), []).extend(t for t in group if t != term)
    return index


def synonyms_of(phrase):
    """The other names of a phrase that is itself a synonym (case-insensitive), else ()."""
    seen, others = {phrase.casefold()}, []
    for term in _index().get(phrase.casefold(), ()):
        if term.casefold() not in seen:
            seen.add(term.casefold())
            others.append(term)
    return tuple(others)


def vocabulary():
    """Every synonym term: the spelling suggester knows them even where no record is named so."""
    return [term for group in _groups() for term in group]
