"""Filter pieces every app's FilterSets share, and the strict filter backend.

Bad input is a 400, never a silent empty or unfiltered list: an unknown slug or acronym, a
malformed number or date, an unknown `ordering` field, or a query parameter nobody defined.

Several values, one way everywhere: a filter that can match any of several values (records by
slug or acronym, choices, exact numbers and years, `ordering`'s keys) takes them repeated
(`?agency=DOE&agency=DOD`), comma-separated (`?agency=DOE,DOD`) or both, and matches any of them.
Every other parameter takes one value: repeated, it is a 400, never its last value kept.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.widgets import BaseCSVWidget
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions

from policykb.search import search_queryset

from .language import LANG_PARAM
from .renderers import BOM_PARAM

MAX_INT = 2**63 - 1
YEAR_MIN, YEAR_MAX = 1, 9999
MAX_VALUES = 50  # slugs in one comma-separated filter value
# Longer values are a 400 before any query: SQLite refuses LIKE patterns over 50 kB (a 500), and
# no name, slug or search needs more. A search is cut at what the search page reads, too.
MAX_LIST_LENGTH = MAX_VALUES * 121  # 50 slugs of at most 120 characters, with their commas
MAX_SEARCH_LENGTH = 200


SEVERAL_VALUES_HELP = _("Several values: repeat the parameter or separate them with commas.")


def several_values(data, name):
    """Every value of a parameter, repeated and comma-separated alike (None when absent)."""
    if name not in data:
        return None
    values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
    parts = [part.strip() for value in values for part in str(value).split(",")]
    return [part for part in parts if part]


class SeveralValuesInput(forms.TextInput):
    def value_from_datadict(self, data, files, name):
        return several_values(data, name)


class SeveralValuesSelect(forms.SelectMultiple):
    def value_from_datadict(self, data, files, name):
        return several_values(data, name)


class SeveralValuesCSVWidget(BaseCSVWidget, forms.TextInput):
    def value_from_datadict(self, data, files, name):
        return several_values(data, name)


def checked_count(values):
    """The values, unless there are too many or they are too long for any real query."""
    if any("\x00" in value for value in values):
        # PostgreSQL refuses the character in a query (a 500 instead of this 400).
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
    if sum(len(value) + 1 for value in values) > MAX_LIST_LENGTH:
        raise ValidationError(
            _("At most %(max)d characters of values."),
            code="too_long",
            params={"max": MAX_LIST_LENGTH},
        )
    if len(values) > MAX_VALUES:
        raise ValidationError(
            _("At most %(max)d values."), code="too_many", params={"max": MAX_VALUES}
        )
    return values


class SeveralValuesMixin:
    """Marks a filter as taking several values (the backend refuses repeating any other)."""

    several_values = True


class RecordListField(forms.Field):
    """Slugs (or acronyms, or numbers) of one model, repeated or comma-separated -> their pks."""

    widget = SeveralValuesInput

    def __init__(self, *, model, match=("slug",), **kwargs):
        self.model = model
        self.match = match
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def clean(self, value):
        wanted = checked_count(value or [])
        if not wanted:
            return None
        found, unknown = set(), []
        for part in wanted:
            pks = self.lookup(part)
            if pks:
                found.update(pks)
            else:
                unknown.append(part)
        if unknown:
            raise ValidationError(
                _("Unknown %(model)s: %(values)s. Use a %(keys)s."),
                code="unknown",
                params={
                    "model": self.model._meta.verbose_name,
                    "values": ", ".join(unknown),
                    "keys": _(" or ").join(str(key_label(self.model, key)) for key in self.match),
                },
            )
        return sorted(found)

    def lookup(self, part):
        manager = self.model._default_manager
        pks = set()
        for key in self.match:
            if key == "number":
                if part.isdigit() and len(part) < 6:
                    pks.update(manager.filter(number=int(part)).values_list("pk", flat=True))
            elif key == "file_number":
                # A source's number (000-004), as the pages and the decisions cite it.
                if part.isdigit() and len(part) == 3:
                    found = manager.filter(file_name__startswith=f"{part}_")
                    pks.update(found.values_list("pk", flat=True))
            else:
                pks.update(manager.filter(**{f"{key}__iexact": part}).values_list("pk", flat=True))
        return pks


def key_label(model, key):
    if key == "slug":
        return _("slug")
    if key == "file_number":
        return _("number (000)")
    return model._meta.get_field(key).verbose_name


class RecordFilter(SeveralValuesMixin, filters.CharFilter):
    """`?agency=DOE`, `?agency=doe,dod` or `?agency=DOE&agency=DOD`: records by slug or acronym,
    any of them; an unknown one is a 400."""

    field_class = RecordListField

    def __init__(self, *args, model, match=("slug",), distinct=False, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, distinct=distinct, model=model, match=match, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        qs = qs.filter(**{f"{self.field_name}__in": value})
        return qs.distinct() if self.distinct else qs


class BoundedIntegerField(forms.IntegerField):
    pass


TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no"}


class StrictBooleanField(forms.CharField):
    """true/false (also 1/0, yes/no); anything else is an error, not an ignored filter."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        text = value.strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValidationError(
            _("%(value)r is not a yes/no value: use true or false."),
            code="invalid",
            params={"value": value},
        )


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class IntegerListField(forms.Field):
    """Whole numbers, repeated or comma-separated, each within bounds."""

    widget = SeveralValuesInput
    default_error_messages = {
        "invalid": _("%(value)r is not a whole number."),
        "bounds": _("%(value)s is not from %(min)d to %(max)d."),
    }

    def __init__(self, *, min_value, max_value, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def clean(self, value):
        numbers = []
        for part in checked_count(value or []):
            try:
                number = int(part)
            except ValueError:
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": part}
                ) from None
            if not self.min_value <= number <= self.max_value:
                raise ValidationError(
                    self.error_messages["bounds"],
                    code="bounds",
                    params={"value": number, "min": self.min_value, "max": self.max_value},
                )
            numbers.append(number)
        return numbers or None


class IntegerListFilter(SeveralValuesMixin, filters.Filter):
    """`?year=2021&year=2022` or `?round=1,2`: any of several whole numbers."""

    field_class = IntegerListField

    def filter(self, qs, value):
        if not value:
            return qs
        lookup = "in" if self.lookup_expr == "exact" else f"{self.lookup_expr}__in"
        qs = qs.filter(**{f"{self.field_name}__{lookup}": value})
        return qs.distinct() if self.distinct else qs


def integer_filter(
    field_name, lookup_expr="exact", *, minimum=0, maximum=MAX_INT, help_text="", distinct=False
):
    """An integer filter whose bounds are checked (a 400) and documented in the schema.

    An exact match (`exact`, or a transform such as `year`) takes several values; a bound (`gte`,
    `lte`, ...) takes one."""
    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    if help_text:
        schema["description"] = str(help_text)
    if lookup_expr.split("__")[-1] not in {"gte", "lte", "gt", "lt"}:
        return extend_schema_field(schema)(IntegerListFilter)(
            field_name=field_name,
            lookup_expr=lookup_expr,
            min_value=minimum,
            max_value=maximum,
            label=help_text,
            distinct=distinct,
        )

    @extend_schema_field(schema)
    class IntegerFilter(filters.NumberFilter):
        field_class = BoundedIntegerField

    return IntegerFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        min_value=minimum,
        max_value=maximum,
        label=help_text,
        distinct=distinct,
    )


class SeveralChoicesFilter(SeveralValuesMixin, filters.MultipleChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SeveralValuesSelect)
        super().__init__(*args, **kwargs)


def choices_filter(choices, label, **kwargs):
    """`?kind=award,budget_line` or `?kind=award&kind=budget_line`: any of several values of one
    of the record's own columns.

    No DISTINCT (django-filter's default for this filter): a column of the record itself joins
    nothing, so there is nothing to de-duplicate, and DISTINCT over every column of a joined
    list cost a sort of the whole table at 100× data.
    """
    return SeveralChoicesFilter(choices=choices, label=label, distinct=False, **kwargs)


def year_filter(field_name, lookup_expr="exact", help_text=""):
    return integer_filter(
        field_name, lookup_expr, minimum=YEAR_MIN, maximum=YEAR_MAX, help_text=help_text
    )


class StableOrderingFilter(SeveralValuesMixin, filters.OrderingFilter):
    """django-filter's OrderingFilter (unknown fields are a 400), ties broken by slug; its keys
    repeated (`?ordering=-year&ordering=count`, as generated clients send a list) or
    comma-separated."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SeveralValuesCSVWidget)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "slug")
        return qs


class KnowledgeFilterSet(filters.FilterSet):
    """Base FilterSet: `search=` through the shared search module (best match first)."""

    search = filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        label=_("Search both languages' names and texts (Chinese or English), best match first."),
    )

    def filter_queryset(self, queryset):
        """Every filter in turn, `ordering` last so that it wins over search's best-first order."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if name != "ordering":
                queryset = self.filters[name].filter(queryset, value)
        if "ordering" in self.filters:
            queryset = self.filters["ordering"].filter(queryset, data.get("ordering"))
        return queryset

    def filter_search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return search_queryset(queryset, value)


class CitedSourceFilter(RecordFilter):
    """Records citing any of the given sources (a subquery: no join, no duplicates)."""

    def filter(self, qs, value):
        if not value:
            return qs
        from django.contrib.contenttypes.models import ContentType

        from policykb.models import Citation

        cited = Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(qs.model), source__in=value
        ).values("object_id")
        return qs.filter(pk__in=cited)


def source_filter():
    from policykb.models import Source

    return CitedSourceFilter(
        model=Source,
        match=("slug", "file_number"),
        label=_("Records citing this source, by slug or number (shi-wang-zhang, 000)."),
    )


COMMON_PARAMS = {"page", "page_size", "format", LANG_PARAM, BOM_PARAM}


class StrictDjangoFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, refusing query parameters that the view does not define."""

    def filter_queryset(self, request, queryset, view):
        allowed = set(COMMON_PARAMS) | set(getattr(view, "extra_query_params", ()))
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        params = request.query_params
        unknown = sorted(set(params) - allowed)
        if unknown:
            raise exceptions.ValidationError(
                {
                    name: [
                        _("Unknown query parameter. This endpoint accepts: %(allowed)s.")
                        % {"allowed": ", ".join(sorted(allowed))}
                    ]
                    for name in unknown
                }
            )
        several = {
            name
            for name, spec in (filterset_class.base_filters.items() if filterset_class else ())
            if getattr(spec, "several_values", False)
        }
        repeated = sorted(
            name for name in params if name not in several and len(params.getlist(name)) > 1
        )
        if repeated:
            raise exceptions.ValidationError(
                {
                    name: [
                        _(
                            "This parameter takes one value; it was given %(count)d. Filters "
                            "taking several values here: %(several)s."
                        )
                        % {
                            "count": len(params.getlist(name)),
                            "several": ", ".join(sorted(several)) or "-",
                        }
                    ]
                    for name in repeated
                }
            )
        if set(request.query_params) <= COMMON_PARAMS:
            # No filter asked for (a record by slug, a plain page of a list): building the filter
            # set's form cost a third of a record's time and a tenth of a list's, to filter
            # nothing. Every filter leaves the queryset as it is when its parameter is absent.
            return queryset
        return super().filter_queryset(request, queryset, view)
