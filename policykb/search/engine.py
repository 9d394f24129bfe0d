"""One search backend for the pages and the REST API.

A query matches a record when the whole query appears in one of its searchable fields, or when
every term of the query does (terms are the query's words; Chinese, written without spaces, is cut
into words by jieba). Relevance is computed in the database, so a search costs one query per kind
of record however many hits it finds:

    exact acronym or name > exact alias > name starts with the query > name contains it
    > alias contains it > description contains it > every term somewhere > a related name.

On PostgreSQL the score also adds trigram word similarity of the names (so "Purdu" or "NIIBML"
still finds its record) and full-text rank of the English text (so "funds" finds "funding").
"""

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import connection, models
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.text import capfirst

from policykb.bilingual import active_language_code
from policykb.search.kinds import KINDS, KINDS_BY_KEY, Kind
from policykb.search.spelling import suggestion_for
from policykb.search.synonyms import synonyms_of

# Scores of the tiers above; far enough apart that similarity and rank only reorder within a tier.
EXACT, EXACT_ALIAS, PREFIX, NAME, ALIAS, TEXT, ALL_TERMS, CONTEXT = 100, 90, 70, 50, 40, 20, 10, 5

# PostgreSQL only: how similar a name must be to a query that contains no part of it.
TRIGRAM_THRESHOLD = 0.5
TRIGRAM_MIN_LENGTH = 4

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SNIPPET_RADIUS = 40
# Latin terms this short match whole words only: "AM" should not find every "America".
SHORT_WORD = 3


@dataclass
class Hit:
    object: models.Model
    kind: str
    score: float
    snippet: str = ""

    @property
    def title(self):
        return title_of(self.object)

    @property
    def url(self):
        return self.object.get_absolute_url()


@dataclass
class Group:
    kind: str
    label: str
    hits: list = field(default_factory=list)
    has_more: bool = False


# --- the query -------------------------------------------------------------------------------


def normalize(query):
    # NUL is a separator here: no stored text holds one, and PostgreSQL refuses it in a query.
    return " ".join(str(query or "").replace("\x00", " ").split())


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def terms_of(query):
    """The words of a query: whitespace-separated, with Chinese runs cut into words by jieba."""
    terms = []
    for token in normalize(query).split(" "):
        if not token:
            continue
        if CJK.search(token):
            words = [w.strip() for w in _jieba().cut(token)]
            # Single characters (的, 与, 和) match nearly everything; keep them only if alone.
            kept = [w for w in words if len(w) > 1 or (len(words) == 1 and w)]
            terms.extend(kept or [token])
        else:
            terms.append(token)
    unique = []
    for term in terms:
        if term.lower() not in (t.lower() for t in unique):
            unique.append(term)
    return unique


def _any(fields, lookup, value):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__{lookup}": value})
    return condition


def _is_short_word(term):
    return len(term) <= SHORT_WORD and not CJK.search(term)


def _containing(fields, term):
    """Fields containing the term; a short Latin term (AM, MEP, SRC) only as a whole word."""
    if _is_short_word(term):
        # The same pattern means the same in Python's re (SQLite) and PostgreSQL's regex.
        return _any(fields, "iregex", rf"(^|[^0-9A-Za-z]){re.escape(term)}([^0-9A-Za-z]|$)")
    return _any(fields, "icontains", term)


def _starting_with(fields, term):
    if _is_short_word(term):
        return _any(fields, "iregex", rf"^{re.escape(term)}([^0-9A-Za-z]|$)")
    return _any(fields, "istartswith", term)


def _alias_line(fields, phrase):
    """An alias equal to the phrase, in a newline-separated list."""
    condition = Q()
    for name in fields:
        condition |= (
            Q(**{f"{name}__iexact": phrase})
            | Q(**{f"{name}__istartswith": f"{phrase}\n"})
            | Q(**{f"{name}__iendswith": f"\n{phrase}"})
            | Q(**{f"{name}__icontains": f"\n{phrase}\n"})
        )
    return condition


def _through_many(model, paths):
    relations = {path.split("__")[0] for path in paths if "__" in path}
    return any(model._meta.get_field(name).many_to_many for name in relations)


def _model_kind(model):
    """The registered kind of a model, or one derived from its text columns."""
    for kind in KINDS:
        if kind.get_model() is model:
            return kind
    names, text = [], []
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            is_name = model_field.name.split("_")[0] in {"name", "title", "label"}
            (names if is_name else text).append(model_field.name)
    exact = tuple(n for n in ("acronym", "short_name") if n in names + text)
    return Kind(
        model._meta.model_name,
        model._meta.label,
        capfirst(model._meta.verbose_name_plural),
        exact=exact,
        names=tuple(n for n in names if n not in exact),
        text=tuple(n for n in text if n not in exact),
    )


def _phrase_conditions(kind, phrase, *, synonym=False):
    """(what matches the phrase, its score) for one phrase: the tiers above, best first.

    A synonym's match scores one below the same match of the reader's own words, and without the
    per-term bonus: "美国制造" is first the programme so named, then what its synonyms name.
    """
    terms = terms_of(phrase)
    searchable = kind.own_fields + kind.context
    first_tier = kind.exact + kind.names

    every_term, every_term_own = Q(), Q()
    for term in terms:
        every_term &= _containing(searchable, term)
        every_term_own &= _containing(kind.own_fields, term)
    matches = _containing(searchable, phrase) | every_term

    tiers = [
        (_any(first_tier, "iexact", phrase), EXACT),
        (_alias_line(kind.aliases, phrase), EXACT_ALIAS),
        (_starting_with(first_tier, phrase), PREFIX),
        (_containing(first_tier, phrase), NAME),
        (_containing(kind.aliases, phrase), ALIAS),
        (_containing(kind.text, phrase), TEXT),
        (every_term_own, ALL_TERMS),
    ]
    below = 1 if synonym else 0
    score = Case(
        *(When(condition, then=Value(value - below)) for condition, value in tiers if condition),
        default=Value(CONTEXT - below),
        output_field=IntegerField(),
    )
    # Among records in the same tier, the one with more of the terms in its names comes first.
    for term in terms if len(terms) > 1 and first_tier and not synonym else ():
        score = score + Case(
            When(_containing(first_tier, term), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return matches, score


def _ranked(queryset, kind, query):
    """The matching records of `queryset`, annotated with `search_score`, best first.

    A query that is a synonym (ARP, NNMI, 芯片法案) also searches the group's other names; a
    record's score is its best over the phrases, so "ARP" finds the programme named
    "American Rescue Plan …" in the exact tier through its acronym.
    """
    phrase = normalize(query)
    if not phrase:
        return queryset.none()
    matches, score = _phrase_conditions(kind, phrase)
    scores = [score]
    for synonym in synonyms_of(phrase):
        synonym_matches, synonym_score = _phrase_conditions(kind, synonym, synonym=True)
        matches |= synonym_matches
        scores.append(synonym_score)
    score = Greatest(*scores) if len(scores) > 1 else scores[0]

    if connection.vendor == "postgresql":
        queryset, matches, score = _postgres_extras(queryset, kind, phrase, matches, score)

    if _through_many(queryset.model, kind.own_fields + kind.context):
        # A match through a many-to-many (a project's partners) would repeat the record.
        queryset = queryset.distinct()
    return (
        queryset.filter(matches)
        .annotate(search_score=ExpressionWrapper(score, output_field=FloatField()))
        .order_by("-search_score", *queryset.model._meta.ordering, "pk")
    )


def _postgres_extras(queryset, kind, phrase, matches, score):
    """Trigram similarity of the names and full-text rank of the English text (PostgreSQL)."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        TrigramWordSimilarity,
    )
    from django.db.models.functions import Coalesce

    latin = not CJK.search(phrase)
    english = [n for n in kind.own_fields if not n.endswith("_zh")]
    if english and latin:
        vector = SearchVector(*english, config="english")
        search_query = SearchQuery(phrase, config="english", search_type="websearch")
        queryset = queryset.annotate(_search_vector=vector)
        matches |= Q(_search_vector=search_query)
        score = score + Coalesce(SearchRank(F("_search_vector"), search_query), 0.0) * 5
    names = [n for n in kind.exact + kind.names if not n.endswith("_zh")]
    if names and latin and len(phrase) >= TRIGRAM_MIN_LENGTH:
        similarity = [TrigramWordSimilarity(phrase, name) for name in names]
        similar = Greatest(*similarity) if len(similarity) > 1 else similarity[0]
        queryset = queryset.annotate(_similarity=Coalesce(similar, 0.0))
        matches |= Q(_similarity__gte=TRIGRAM_THRESHOLD)
        score = score + F("_similarity") * 9
    return queryset, matches, score


# --- public interface ------------------------------------------------------------------------


def search_queryset(queryset, query):
    """`queryset` narrowed to the records matching `query`, best first (with `search_score`)."""
    return _ranked(queryset, _model_kind(queryset.model), query)


def search(query, *, kinds=None, limit=10):
    """Groups of hits, one per kind that has any, best group first; one query per kind."""
    phrase = normalize(query)
    if not phrase:
        return []
    wanted = [KINDS_BY_KEY[key] for key in kinds] if kinds else list(KINDS)
    terms = [*terms_of(phrase), *synonyms_of(phrase)]
    groups = []
    for kind in wanted:
        queryset = kind.get_model()._default_manager.select_related(*kind.related)
        found = list(_ranked(queryset, kind, phrase)[: limit + 1])
        if not found:
            continue
        hits = [
            Hit(obj, kind.key, obj.search_score, snippet_of(obj, kind, phrase, terms))
            for obj in found[:limit]
        ]
        groups.append(Group(kind.key, kind.label, hits, has_more=len(found) > limit))
    order = {kind.key: position for position, kind in enumerate(wanted)}
    groups.sort(key=lambda group: (-group.hits[0].score, order[group.kind]))
    return groups


@dataclass
class Results:
    """What the search page shows: the groups, and a spelling it suggests or searched instead."""

    groups: list
    suggestion: str | None = None
    corrected: bool = False  # True when nothing matched the query and `groups` are the suggestion's


def forgiving_search(query, *, kinds=None, limit=10):
    """`search`, and for a misspelt query, the results of its closest spelling.

    Only a query whose best hit is weaker than a name's prefix is checked for spelling, so a
    query that finds a name costs no more than `search`. Where the closest spelling finds better
    than the query itself, its results are shown (and said so); otherwise it is only suggested.
    """
    groups = search(query, kinds=kinds, limit=limit)
    phrase = normalize(query)
    best = max((group.hits[0].score for group in groups), default=0)
    if not phrase or CJK.search(phrase) or best >= PREFIX:
        return Results(groups)
    suggestion = suggestion_for(phrase)
    if not suggestion:
        return Results(groups)
    corrected = search(suggestion, kinds=kinds, limit=limit)
    if max((group.hits[0].score for group in corrected), default=0) > best:
        return Results(corrected, suggestion, corrected=True)
    return Results(groups, suggestion)


# --- showing a hit ---------------------------------------------------------------------------


def title_of(obj):
    """The name a record is shown by, in the active language."""
    code = getattr(obj, "code", None)
    acronym = getattr(obj, "acronym", "")
    for attribute in ("name", "title", "label"):
        text = getattr(obj, attribute, None)
        if isinstance(text, str) and text:
            break
    else:
        return str(obj)
    if isinstance(obj, apps.get_model("strategy.Recommendation")):
        return f"{obj.objective.code}.{obj.number} {text}"
    if code:
        return f"{code} {text}"
    if acronym and acronym.lower() not in text.lower():
        return f"{acronym} · {text}"
    return text


def _localized_first(fields):
    code = active_language_code()
    return sorted(fields, key=lambda name: 0 if name.endswith(f"_{code}") else 1)


def snippet_of(obj, kind, phrase, terms):
    """A short passage around the first place the query (or one of its terms) appears."""
    needles = [needle.lower() for needle in (phrase, *terms)]
    for name in _localized_first(kind.aliases + kind.text + kind.names) + list(kind.context):
        value = str(_value_at(obj, name) or "")
        # An alias is shown whole: it is one name among others, not a passage of text.
        passages = value.splitlines() if name in kind.aliases else [" ".join(value.split())]
        for needle in needles:
            for text in passages:
                position = text.lower().find(needle)
                if position >= 0:
                    return excerpt(text, position, len(needle))
    return ""


def _value_at(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
    return obj


def excerpt(text, position, length, radius=SNIPPET_RADIUS):
    start = max(0, position - radius)
    end = min(len(text), position + length + radius)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
