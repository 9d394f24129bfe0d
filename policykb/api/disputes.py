"""/api/discrepancies/ and /api/facts/: where the papers disagree, and the figures they state.

Every disagreement is also nested in the record it is about; here they are all in one list, each
naming its record (`model`, `record`, `record_url`), filterable by them, by source and by kind.
Discrepancies are read-only here: their values are curated together, in the admin.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policykb.models import Discrepancy, Fact, Source

from .fields import FigureField, HtmlUrlField, LocalizedField, identity_url
from .filters import (
    KnowledgeFilterSet,
    RecordFilter,
    SeveralValuesInput,
    SeveralValuesMixin,
    StableOrderingFilter,
    checked_count,
    choices_filter,
    integer_filter,
    source_filter,
    year_filter,
)
from .records import CitedRecordSerializer, DiscrepancyValueSerializer
from .viewsets import KnowledgeViewSet, ReadOnlyKnowledgeViewSet

ORDERING_LABEL = _("Sort by these fields (comma-separated; prefix - for descending).")


@functools.cache
def api_models():
    """API name of a kind of record (its endpoint's basename) -> its model, from the router."""
    from .urls import router

    return {
        basename: viewset.queryset.model
        for _prefix, viewset, basename in router.registry
        if getattr(viewset, "queryset", None) is not None
    }


def api_name_of(model):
    return next((name for name, candidate in api_models().items() if candidate is model), None)


class RecordOfDiscrepancyField(serializers.Field):
    """What a discrepancy is about: `model` (its endpoint's name), `record` (slug) or its URL."""

    part = None

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, discrepancy):
        record = discrepancy.record
        name = api_name_of(type(record)) if record is not None else None
        if self.part == "model":
            return name
        if record is None:
            return None
        if self.part == "record":
            return record.slug
        if name is None:
            return None
        from django.urls import reverse

        url = reverse(f"api:{name}-detail", kwargs={"slug": record.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


@extend_schema_field(OpenApiTypes.STR)
class RecordModelField(RecordOfDiscrepancyField):
    part = "model"


@extend_schema_field(OpenApiTypes.STR)
class RecordSlugField(RecordOfDiscrepancyField):
    part = "record"


@extend_schema_field(OpenApiTypes.URI)
class RecordLinkField(RecordOfDiscrepancyField):
    part = "record_url"


class DiscrepancyRecordSerializer(serializers.ModelSerializer):
    """A disagreement between the papers (conflict) or a paper's error corrected (erratum)."""

    url = identity_url("discrepancy")
    model = RecordModelField(
        help_text=_("The kind of record it is about: its endpoint (institute, funding).")
    )
    record = RecordSlugField(help_text=_("The slug of the record it is about."))
    record_url = RecordLinkField(help_text=_("The record it is about, in the API."))
    topic = LocalizedField("topic", help_text=_("The topic in the request's language."))
    name = LocalizedField("topic", help_text=_("The display name: the topic (an alias of it)."))
    decision = LocalizedField(
        "decision", help_text=_("The decision and its reason in the request's language.")
    )
    chosen_value = serializers.SerializerMethodField(
        help_text=_("The value the knowledge base shows first (null when none is chosen).")
    )
    values = DiscrepancyValueSerializer(many=True, read_only=True, source="value_list")
    html_url = HtmlUrlField()

    class Meta:
        model = Discrepancy
        fields = [
            "url",
            "slug",
            "kind",
            "model",
            "record",
            "record_url",
            "field",
            "topic_zh",
            "topic_en",
            "topic",
            "name",
            "decision_zh",
            "decision_en",
            "decision",
            "chosen_value",
            "values",
            "html_url",
        ]

    def get_chosen_value(self, discrepancy) -> str | None:
        chosen = next((value for value in discrepancy.value_list if value.is_chosen), None)
        return chosen.value if chosen is not None else None


RECORD_LABEL = _("The record it is about, by slug (with model= when slugs could clash).")


@extend_schema_field({"type": "string", "description": RECORD_LABEL})
class RecordSlugListField(SeveralValuesMixin, filters.Filter):
    """Any of several records by slug, of whatever kind (narrow with `model`)."""

    field_class = type(
        "SlugListField",
        (filters.Filter.field_class,),
        {
            "widget": SeveralValuesInput,
            "clean": lambda self, value: checked_count(value or []) or None,
        },
    )

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q(pk__in=[])
        for content_type_id in set(qs.values_list("content_type", flat=True).order_by()):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            pks = model._default_manager.filter(slug__in=value).values_list("pk", flat=True)
            condition |= Q(content_type_id=content_type_id, object_id__in=list(pks))
        return qs.filter(condition)


class DiscrepancyFilter(KnowledgeFilterSet):
    kind = choices_filter(Discrepancy.Kind.choices, _("conflict (sources disagree) or erratum."))
    model = choices_filter(
        lambda: [(name, name) for name in api_models()],  # once the router knows them all
        _("The kind of record the discrepancy is about, by its endpoint's name (institute)."),
        method="filter_model",
    )
    record = RecordSlugListField(label=RECORD_LABEL)
    source = RecordFilter(
        field_name="values__source",
        model=Source,
        match=("slug", "file_number"),
        distinct=True,
        label=_("Discrepancies with a value from this source (slug or number: 003)."),
    )
    ordering = StableOrderingFilter(
        fields=["kind", "slug", "field", "topic_en", "topic_zh"], label=ORDERING_LABEL
    )

    class Meta:
        model = Discrepancy
        fields = []

    def filter_model(self, queryset, name, value: str):  # (the hint: a string in the schema)
        if not value:
            return queryset
        models = [api_models()[item] for item in value]
        types = ContentType.objects.get_for_models(*models).values()
        return queryset.filter(content_type__in=list(types))


class DiscrepancyViewSet(ReadOnlyKnowledgeViewSet):
    """Every disagreement between the papers and every erratum, with all values and the choice."""

    queryset = Discrepancy.objects.with_records()
    serializer_class = DiscrepancyRecordSerializer
    filterset_class = DiscrepancyFilter


# --- Stated figures ------------------------------------------------------------------------------


class FactSerializer(CitedRecordSerializer):
    url = identity_url("fact")
    label = LocalizedField("label", help_text=_("The label in the request's language."))
    name = LocalizedField("label", help_text=_("The display name: the label (an alias of it)."))
    value = FigureField(help_text=_("The figure, in `unit`; a whole number where it is one."))

    class Meta(CitedRecordSerializer.Meta):
        model = Fact
        fields = [
            "url",
            "slug",
            "topic",
            "label_zh",
            "label_en",
            "label",
            "name",
            "value",
            "unit",
            "qualifier",
            "value_as_stated",
            "year",
            "note_zh",
            "note_en",
            "sources",
            "html_url",
            "discrepancies",
        ]


class FactFilter(KnowledgeFilterSet):
    topic = choices_filter(Fact.Topic.choices, _("Topic of the figure."))
    unit = choices_filter(Fact.Unit.choices, _("Unit of the figure."))
    year = year_filter("year", help_text=_("The figure's year."))
    year_min = year_filter("year", "gte", help_text=_("This year or later."))
    year_max = year_filter("year", "lte", help_text=_("This year or earlier."))
    value_min = integer_filter("value", "gte", help_text=_("Value at least this."))
    value_max = integer_filter("value", "lte", help_text=_("Value at most this."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["topic", "year", "value", "slug", "label_en", "label_zh"], label=ORDERING_LABEL
    )

    class Meta:
        model = Fact
        fields = []


class FactViewSet(KnowledgeViewSet):
    """Figures the papers state outside any table (the economy, the network, MEP), cited."""

    queryset = Fact.objects.with_related()
    serializer_class = FactSerializer
    filterset_class = FactFilter


__all__ = ["DiscrepancyViewSet", "FactViewSet"]
