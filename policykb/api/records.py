"""The serializers every API record builds on: sources, discrepancies, validated writes."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policykb.models import Citation, Discrepancy, DiscrepancyValue, Source
from policykb.models.base import forget_related_slugs

from .fields import HtmlUrlField, related_slug, related_url
from .reading import FastModelSerializer


class CitationSerializer(FastModelSerializer):
    """A source the record cites, with the place in it (表 1, §3.1)."""

    source = related_slug(Source)
    source_url = related_url("source", source="source")

    class Meta:
        model = Citation
        fields = ["source", "source_url", "locator"]


class DiscrepancyValueSerializer(FastModelSerializer):
    source = related_slug(Source, read_only=True)
    source_url = related_url("source", source="source")

    class Meta:
        model = DiscrepancyValue
        fields = ["source", "source_url", "locator", "value", "as_stated", "is_chosen"]


class DiscrepancySerializer(FastModelSerializer):
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
            Discrepancy.value_list.prefetch(
                queryset=DiscrepancyValue.objects.with_related_slugs("source")
            )
        )
        for discrepancy in discrepancies:
            found.setdefault(discrepancy.object_id, []).append(discrepancy)
        for obj in records:
            obj._api_discrepancies = found.get(obj.pk, [])


@extend_schema_field(DiscrepancySerializer(many=True))
class DiscrepanciesField(serializers.Field):
    context_free = True  # policykb/api/reading.py: the same for every response

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
        if "discrepancies" in self.child.plan.names:
            attach_discrepancies(records)
        return super().to_representation(records)


class RecordSerializer(FastModelSerializer):
    """A knowledge-base record: slug, URLs, discrepancies; writes are checked like the admin's."""

    discrepancies = DiscrepanciesField(
        help_text=_("Where the papers disagree about one of this record's figures (may be empty).")
    )
    html_url = HtmlUrlField(help_text=_("The record's page on the site."))

    nested_writes = ()

    class Meta:
        list_serializer_class = RecordListSerializer

    def update(self, instance, validated_data):
        instance = super().update(instance, validated_data)
        # The answer names the records linked now, not the slugs the record was read with.
        forget_related_slugs(instance)
        return instance

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
        # The response shows the citations just saved, not those prefetched with the record.
        instance.__dict__.pop("citation_list", None)
