"""Serializer fields every record shares: its API and page URLs, names, dates, related records.

A related record appears twice: `agency` is its slug (the identifier, writable by slug) and
`agency_url` its API URL.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policykb.bilingual import localized
from policykb.dates import partial_date_text
from policykb.links import slug_url


def api_view_name(basename):
    return f"api:{basename}-detail"


class PlainUrlMixin:
    """A record's API URL by slug, without the request's ?format= (a CSV's links are to JSON)."""

    def get_url(self, obj, view_name, request, format):
        slug = getattr(obj, self.lookup_field, None)
        if not slug:
            return None
        url = slug_url(view_name, slug, self.lookup_url_kwarg)
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

    context_free = True  # policykb/api/reading.py: the same for every response

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


class FigureField(serializers.DecimalField):
    """A decimal column as a number: a whole number as an integer (`institutes: 7`, not 7.0),
    a fraction as a float (44.9). Counts are never shown as if they had decimals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 20)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("coerce_to_string", False)
        super().__init__(**kwargs)

    def to_representation(self, value):
        value = super().to_representation(value)
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)
