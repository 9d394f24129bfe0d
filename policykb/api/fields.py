"""Serializer pieces every record shares: its API and page URLs, its sources, its discrepancies.

A related record appears twice: `agency` is its slug (the identifier, writable by slug) and
`agency_url` its API URL.
"""

import functools
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policykb.bilingual import localized
from policykb.dates import partial_date_text
from policykb.models import Citation, Discrepancy, DiscrepancyValue, Source


def api_view_name(basename):
    return f"api:{basename}-detail"


SLUG_PLACEHOLDER = "slug-placeholder"


@functools.lru_cache(maxsize=256)
def url_pattern(view_name, kwarg, script_prefix):
    """A detail URL with a placeholder for the slug: a list of 50 records names hundreds of
    records, and resolving each through `reverse` was a fifth of the list's time. The script
    prefix, which `reverse` puts in front, is part of the cache key."""
    return reverse(view_name, kwargs={kwarg: SLUG_PLACEHOLDER})


def detail_url(view_name, kwarg, slug):
    prefix, _, suffix = url_pattern(view_name, kwarg, get_script_prefix()).partition(
        SLUG_PLACEHOLDER
    )
    return f"{prefix}{quote(str(slug), safe='')}{suffix}"


class PlainUrlMixin:
    """A record's API URL by slug, without the request's ?format= (a CSV's links are to JSON)."""

    def get_url(self, obj, view_name, request, format):
        slug = getattr(obj, self.lookup_field, None)
        if not slug:
            return None
        url = detail_url(view_name, self.lookup_url_kwarg, slug)
        return request.build_absolute_uri(url) if request is not None else url


class RecordUrlField(PlainUrlMixin, serializers.HyperlinkedRelatedField):
    pass


class RecordIdentityField(PlainUrlMixin, serializers.HyperlinkedIdentityField):
    pass


def identity_url(basename):
    """The record's own API URL."""
    return RecordIdentityField(view_name=api_view_name(basename), lookup_field="slug")


def related_url(basename, source, **kwargs):
    """A related record's API URL (read-only; write the slug field instead)."""
    return RecordUrlField(
        view_name=api_view_name(basename),
        lookup_field="slug",
        source=source,
        read_only=True,
        **kwargs,
    )


class RecordSlugField(serializers.SlugRelatedField):
    """A related record named by its slug. What no slug can be is refused before the lookup: a
    NUL character would make PostgreSQL fail the query (a 500 instead of this 400)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


def related_slug(model, **kwargs):
    """A related record's slug: its stable identifier, and how a write names it."""
    if kwargs.get("read_only"):
        return RecordSlugField(slug_field="slug", **kwargs)
    return RecordSlugField(slug_field="slug", queryset=model._default_manager.all(), **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The record's page, as an absolute URL in the response's language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


@extend_schema_field(OpenApiTypes.STR)
class LocalizedField(serializers.Field):
    """`name` (or `title`) in the request's language, falling back to the other one."""

    def __init__(self, base, **kwargs):
        self.base = base
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return localized(value, self.base)


@extend_schema_field(OpenApiTypes.STR)
class PartialDateField(serializers.Field):
    """A date as precisely as the paper gives it: '2012', '2012-08' or '2012-08-25'."""

    def __init__(self, date_field, precision_field, **kwargs):
        self.date_field, self.precision_field = date_field, precision_field
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault(
            "help_text",
            _("The date as precisely as the paper gives it: 2012, 2012-08, 2012-08-25."),
        )
        super().__init__(**kwargs)

    def to_representation(self, value):
        return partial_date_text(
            getattr(value, self.date_field), getattr(value, self.precision_field)
        )


class LinesField(serializers.ListField):
    """A newline-separated text column (aliases) as a list of strings."""

    child = serializers.CharField()

    def to_representation(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def to_internal_value(self, data):
        return "\n".join(super().to_internal_value(data))


class CitationListSerializer(serializers.ListSerializer):
    """Reads the record's `citation_list` (prefetched with the sources) instead of its manager."""

    def get_attribute(self, instance):
        return instance.citation_list


class CitationSerializer(serializers.ModelSerializer):
    """A source the record cites, with the place in it (表 1, §3.1)."""

    source = related_slug(Source)
    source_url = related_url("source", source="source")

    class Meta:
        model = Citation
        fields = ["source", "source_url", "locator"]
        list_serializer_class = CitationListSerializer


class DiscrepancyValueSerializer(serializers.ModelSerializer):
    source = related_slug(Source, read_only=True)
    source_url = related_url("source", source="source")

    class Meta:
        model = DiscrepancyValue
        fields = ["source", "source_url", "locator", "value", "as_stated", "is_chosen"]


class DiscrepancySerializer(serializers.ModelSerializer):
    """Where the papers disagree about one of the record's fields: every value, one chosen."""

    html_url = HtmlUrlField()
    values = DiscrepancyValueSerializer(many=True, read_only=True)

    class Meta:
        model = Discrepancy
        fields = [
            "slug",
            "kind",
            "field",
            "topic_zh",
            "topic_en",
            "decision_zh",
            "decision_en",
            "html_url",
            "values",
        ]


def attach_discrepancies(objects):
    """Set `_api_discrepancies` on every record: two queries per model, however many records."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, records in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        found = {}
        discrepancies = Discrepancy.objects.filter(
            content_type=content_type, object_id__in=[obj.pk for obj in records]
        ).prefetch_related(
            Prefetch("values", queryset=DiscrepancyValue.objects.select_related("source"))
        )
        for discrepancy in discrepancies:
            found.setdefault(discrepancy.object_id, []).append(discrepancy)
        for obj in records:
            obj._api_discrepancies = found.get(obj.pk, [])


@extend_schema_field(DiscrepancySerializer(many=True))
class DiscrepanciesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not hasattr(value, "_api_discrepancies"):
            attach_discrepancies([value])
        if not value._api_discrepancies:
            return []
        return self.serializer.to_representation(value._api_discrepancies)

    @functools.cached_property
    def serializer(self):
        # Built once per response, not once per record: building a serializer's fields costs
        # more than serializing a record.
        return DiscrepancySerializer(many=True, context=self.context)


class RecordListSerializer(serializers.ListSerializer):
    """Loads every record's discrepancies in one go before serializing the list."""

    def to_representation(self, data):
        records = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        if "discrepancies" in self.child.fields:
            attach_discrepancies(records)
        return super().to_representation(records)


class RecordSerializer(serializers.ModelSerializer):
    """A knowledge-base record: slug, URLs, discrepancies; writes are checked like the admin's."""

    discrepancies = DiscrepanciesField(
        help_text=_("Where the papers disagree about one of this record's figures (may be empty).")
    )
    html_url = HtmlUrlField(help_text=_("The record's page on the site."))

    nested_writes = ()

    class Meta:
        list_serializer_class = RecordListSerializer

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        if self.instance is not None:
            candidate = model._default_manager.get(pk=self.instance.pk)
        else:
            candidate = model()
        for name, value in attrs.items():
            if name not in self.nested_writes:
                setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return attrs


class CitedRecordSerializer(RecordSerializer):
    """A record that states a figure: its `sources` are required when it is created."""

    sources = CitationSerializer(
        source="citations",
        many=True,
        allow_empty=False,
        help_text=_("The sources stating this record, with where in each (required on create)."),
    )

    nested_writes = ("citations",)

    class Meta(RecordSerializer.Meta):
        pass

    def create(self, validated_data):
        citations = validated_data.pop("citations", [])
        with transaction.atomic():
            instance = super().create(validated_data)
            self.save_citations(instance, citations)
        return instance

    def update(self, instance, validated_data):
        citations = validated_data.pop("citations", None)
        with transaction.atomic():
            instance = super().update(instance, validated_data)
            if citations is not None:
                self.save_citations(instance, citations)
        return instance

    def save_citations(self, instance, citations):
        instance.citations.all().delete()
        content_type = ContentType.objects.get_for_model(instance)
        seen = set()
        for citation in citations:
            key = (citation["source"].pk, citation["locator"])
            if key in seen:
                continue
            seen.add(key)
            Citation.objects.create(
                content_type=content_type,
                object_id=instance.pk,
                source=citation["source"],
                locator=citation["locator"],
            )
        if hasattr(instance, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache.clear()
