"""How a model's fields map to fixture values and back: shared by loading, exporting and checks."""

from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models

from policykb.dates import partial_date_text

# Rows made by scale_kb for measurement; never part of the curated knowledge base.
SYNTHETIC_PREFIX = "synthetic-"

# Fields a fixture never sets: the database and the generic relation machinery own them.
MANAGED_FIELDS = {"id", "content_type", "object_id"}


def get_model(label):
    return apps.get_model(label)


def model_label(model):
    return model._meta.label_lower


def data_fields(model):
    """Concrete, editable fields a fixture record sets, in declaration order."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and field.name not in MANAGED_FIELDS
    ]


def child_relations(model):
    """Reverse one-to-many relations whose rows belong to the record (partners, values)."""
    children = {}
    for rel in model._meta.related_objects:
        related = rel.related_model
        if (
            rel.one_to_many
            and not hasattr(related, "slug")
            and rel.field.remote_field.on_delete is models.CASCADE
        ):
            children[rel.get_accessor_name()] = rel
    return children


def has_citations(model):
    return any(
        isinstance(field, GenericRelation) and field.name == "citations"
        for field in model._meta.private_fields
    )


def has_generic_record(model):
    return any(isinstance(field, GenericForeignKey) for field in model._meta.private_fields)


def normalise(value):
    """A field value as comparable, fixture-ready plain data."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return int(text) if "." not in text else float(text)
    return value


def field_text(obj, field_name):
    """What a record stores in a field, written the way a discrepancy value writes it."""
    field = obj._meta.get_field(field_name)
    if field.is_relation:
        target = getattr(obj, field_name)
        return target.slug if target is not None else ""
    value = getattr(obj, field.attname)
    precision = getattr(obj, f"{field_name}_precision", None)
    if isinstance(field, models.DateField) and precision:
        return partial_date_text(value, precision)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)
