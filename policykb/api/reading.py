"""Records represented without DRF's per-field machinery, with the same output.

DRF asks every field of every record to find its attribute (walking the source, checking for
mappings and callables, catching errors) and then to represent it. For a list of 50 funding
records with their sources that was most of a response's time. `FastRepresentation` looks at
the fields once and keeps, for each, the shortest way to the same value: a column read
directly, a related record's slug, a URL from a pattern resolved once. A field it does not know
is asked exactly as DRF asks it. tests/test_api_representation.py compares the two for every
record of every endpoint.

Those readers (a serializer's `Plan`) are worked out once per process for each serializer, site
origin, script prefix, URLconf and language, and shared by every response with the same: building a
serializer's fields was a quarter of one funding record's time. A serializer with a field that
could read more of the request than that (a SerializerMethodField, a field this module does not
know) gets a plan of its own in every response, as before.
"""

import copy
import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import Hyperlink, ManyRelatedField, PKOnlyObject

from policykb.bilingual import localized
from policykb.links import quoted, url_parts
from policykb.models.base import RelatedList, related_slug_name

from .fields import (
    HtmlUrlField,
    LocalizedField,
    RecordIdentityField,
    RecordSlugField,
    RecordUrlField,
)

SKIP = object()  # what a field's reader gives where DRF's field raises SkipField

# Fields whose `to_representation` needs only the column's value.
COLUMN_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.IntegerField,
)


class Reader:
    """What one response's readers share: the site's scheme and host, the language."""

    def __init__(self, context):
        request = context.get("request")
        # build_absolute_uri("/x") is this prefix + "/x" for the slugs' ASCII paths.
        self.origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self.language = get_language()

    def api_url(self, field):
        """record -> its absolute API URL (None without a slug, as PlainUrlMixin)."""
        url_of_slug = self.api_url_of_slug(field)
        return lambda record: url_of_slug(record.slug, record)

    def api_url_of_slug(self, field):
        """(slug, record) -> the record's absolute API URL, None without a slug."""
        before, after = url_parts(field.view_name, field.lookup_url_kwarg)
        before = self.origin + before

        def url(slug, record=None):
            return Hyperlink(f"{before}{quoted(slug)}{after}", record) if slug else None

        return url

    def read(self, field, model):
        """A function giving the field's representation of a record (SKIP where DRF skips)."""
        attr = field.source_attrs[0] if len(field.source_attrs) == 1 else None
        column = model_field(model, attr)
        if isinstance(field, RecordIdentityField):
            return self.api_url(field)
        if isinstance(field, HtmlUrlField):
            origin = self.origin
            return lambda record: origin + record.get_absolute_url()
        if isinstance(field, LocalizedField):
            base, language = field.base, self.language
            return lambda record: localized(record, base, language)
        if isinstance(column, models.ForeignKey):
            if type(field) is RecordSlugField:
                return linked_slug(attr, lambda slug: slug)
            if type(field) is RecordUrlField:
                return linked_slug(attr, self.api_url_of_slug(field))
        if isinstance(field, ManyRelatedField) and column is not None and column.is_relation:
            child = field.child_relation
            attr = listed_as(model, attr)
            if type(child) is RecordSlugField:
                return related_many(attr, lambda record: record.slug)
            if type(child) is RecordUrlField:
                return related_many(attr, self.api_url(child))
        if isinstance(field, serializers.ListSerializer) and listed_as(model, attr) != attr:
            # Nested records (sources, an institute's member counts): the list prefetched for them.
            attr, represent = listed_as(model, attr), field.to_representation
            return lambda record: represent(getattr(record, attr))
        is_column = column is not None and column.concrete and not column.is_relation
        if isinstance(field, COLUMN_FIELDS) and is_column:
            return value_of(attr, field.to_representation)
        return as_drf_does(field)


def model_field(model, name):
    if model is None or name is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a property or a method: not a column
        return None


def value_of(attr, represent):
    """A column's, or a related record's, representation (None stays None, as in DRF)."""

    def read(record):
        value = getattr(record, attr)
        return None if value is None else represent(value)

    return read


def linked_slug(attr, represent):
    """A linked record's slug, represented: read from the record where its queryset gave it
    (`with_related_slugs`), else from the linked record (None stays None, as in DRF)."""
    annotated = related_slug_name(attr)

    def read(record):
        try:
            slug = record.__dict__[annotated]
        except KeyError:
            related = getattr(record, attr)
            if related is None:
                return None
            slug = related.slug
        return None if slug is None else represent(slug)

    return read


def related_many(attr, represent):
    """Linked records' slugs or URLs (ManyRelatedField: [] for an unsaved record)."""

    def read(record):
        if record.pk is None:
            return []
        related = getattr(record, attr)  # a prefetched list, or a manager
        if isinstance(related, models.manager.BaseManager):
            related = related.all()
        return [represent(value) for value in related]

    return read


@functools.cache
def listed_as(model, relation):
    """The model's RelatedList over `relation` (the prefetched list), else the relation itself."""
    for klass in model.__mro__ if model is not None else ():
        for name, value in vars(klass).items():
            if isinstance(value, RelatedList) and value.relation == relation:
                return name
    return relation


def as_drf_does(field):
    """DRF's own steps (Serializer.to_representation) for a field this module does not know."""

    def read(record):
        try:
            attribute = field.get_attribute(record)
        except SkipField:
            return SKIP
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check_for_none is None else field.to_representation(attribute)

    return read


class Plan:
    """How one serializer's records are represented: a reader per field, in the fields' order."""

    def __init__(self, serializer):
        reader = Reader(serializer.context)
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        self.readers = [
            (name, reader.read(field, model))
            for name, field in serializer.fields.items()
            if not field.write_only
        ]
        self.names = frozenset(name for name, _ in self.readers)

    def represent(self, instance):
        representation = {}
        for name, read in self.readers:
            value = read(instance)
            if value is not SKIP:
                representation[name] = value
        return representation


class SiteOrigin:
    """All of the request a shared plan may use: the scheme and host its absolute URLs start
    with. It stands in for the request in the serializer a shared plan is built from, so that a
    plan kept between responses holds no request of its own."""

    def __init__(self, origin):
        self.origin = origin

    def build_absolute_uri(self, location):
        return self.origin + location


# (serializer class, origin, script prefix, URLconf, language) -> its Plan: a handful of origins
# in practice (ALLOWED_HOSTS), but a Host header should never be able to grow it without bound.
PLANS = {}
MAX_PLANS = 512
# serializer class -> whether all its fields read no more of a request than a SiteOrigin gives.
SHAREABLE = {}


def plan_for(serializer):
    """The serializer's plan: the shared one for its class and this response's origin, script
    prefix, URLconf and language when its fields allow, else its own."""
    cls = type(serializer)
    if SHAREABLE.get(cls) is False:
        return Plan(serializer)
    origin = Reader(serializer.context).origin
    key = (cls, origin, get_script_prefix(), get_urlconf(), get_language())
    plan = PLANS.get(key)
    if plan is None:
        stand_in = cls(context={"request": SiteOrigin(origin)})
        if shareable(stand_in):
            if len(PLANS) >= MAX_PLANS:
                PLANS.clear()
            plan = PLANS[key] = Plan(stand_in)
        else:
            plan = Plan(serializer)
    return plan


def shareable(serializer):
    """Whether plans of the serializer's class may be shared (worked out once per class)."""
    cls = type(serializer)
    if cls not in SHAREABLE:
        SHAREABLE[cls] = all(map(context_free, serializer.fields.values()))
    return SHAREABLE[cls]


# DRF's fields that represent a value from the record alone.
CONTEXT_FREE_FIELDS = (
    *COLUMN_FIELDS,
    serializers.ReadOnlyField,
    serializers.SlugRelatedField,
)


def context_free(field):
    """Whether the field's representation depends on nothing but the record and what a plan is
    shared by (the origin, the script prefix, the URLconf, the language)."""
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        field = field.child
    if isinstance(field, ManyRelatedField):
        field = field.child_relation
    if isinstance(field, FastRepresentation):
        return shareable(field)
    if isinstance(field, RecordUrlField | RecordIdentityField | HtmlUrlField | LocalizedField):
        return True  # the origin, the script prefix, the URLconf and the language
    return isinstance(field, CONTEXT_FREE_FIELDS) or getattr(field, "context_free", False)


class FastRepresentation:
    """Serializer mixin: `to_representation` through a plan chosen once per serializer."""

    @functools.cached_property
    def plan(self):
        return plan_for(self)

    def to_representation(self, instance):
        return self.plan.represent(instance)


class FastModelSerializer(FastRepresentation, serializers.ModelSerializer):
    """The ModelSerializer every API record and nested record is read through."""

    def get_fields(self):
        # ModelSerializer works its fields out from the model for every serializer, so for
        # every response (a millisecond for a funding record). Worked out once per class, each
        # serializer gets its own fresh fields.
        template = FIELD_TEMPLATES.get(type(self))
        if template is None:
            template = FIELD_TEMPLATES[type(self)] = super().get_fields()
        return {name: fresh(field) for name, field in template.items()}


FIELD_TEMPLATES = {}


def fresh(field):
    """A new unbound field made from `field`'s arguments, as DRF's Field.__deepcopy__ makes it,
    but sharing the arguments no field changes (texts, querysets, validators) where deepcopy
    copied them: copying lazy translated help texts was most of the time."""
    args = [fresh_value(value) for value in field._args]
    kwargs = {name: fresh_value(value) for name, value in field._kwargs.items()}
    return field.__class__(*args, **kwargs)


def fresh_value(value):
    if isinstance(value, serializers.Field | list | dict | set):
        return copy.deepcopy(value)  # a nested serializer or a container: its own copy
    return value
