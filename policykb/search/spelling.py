"""Spelling suggestions: "addtive" → "additive", "Niimble" → "NIIMBL", on every database.

The vocabulary is every Latin word of the searchable fields (and the synonym table), read once per
data version and kept in the process; rapidfuzz picks the closest word for a term the vocabulary
does not hold. PostgreSQL's trigram similarity (engine) already forgives some typos in names; this
works the same on SQLite and for any field.
"""

import re

from rapidfuzz import fuzz, process

from policykb.caching import data_version

from .kinds import KINDS
from .synonyms import vocabulary as synonym_terms

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
# Below these lengths a one-letter slip turns a word into another word ("grant" / "giant").
MIN_LENGTH = 4
CUTOFF = 80
SHORT_CUTOFF = 85

_cached = {"token": None, "words": {}}


def _read_vocabulary():
    words = {}
    for text in synonym_terms():
        for word in WORD.findall(text):
            words.setdefault(word.casefold(), word)
    for kind in KINDS:
        fields = [name for name in kind.own_fields if not name.endswith("_zh")]
        for row in kind.get_model()._default_manager.values_list(*fields):
            for text in row:
                for word in WORD.findall(text or ""):
                    words.setdefault(word.casefold(), word)
    return words


def vocabulary():
    """casefolded word → the word as the records write it; rebuilt when the data changes."""
    version = data_version()
    token = version[0] if version else None
    if token is None or token != _cached["token"]:
        _cached.update(token=token, words=_read_vocabulary())
    return _cached["words"]


def _closest(term, words):
    cutoff = CUTOFF if len(term) >= 6 else SHORT_CUTOFF
    found = process.extractOne(
        term.casefold(), words.keys(), scorer=fuzz.ratio, score_cutoff=cutoff
    )
    return words[found[0]] if found else None


def suggestion_for(query):
    """The query with each unknown Latin word replaced by the closest known one, or None."""
    words = vocabulary()
    changed = False

    def replace(match):
        nonlocal changed
        term = match.group(0)
        if len(term) < MIN_LENGTH or term.casefold() in words:
            return term
        closest = _closest(term, words)
        if closest is None:
            return term
        changed = True
        return closest

    corrected = WORD.sub(replace, query)
    return corrected if changed else None
