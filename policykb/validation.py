"""Rules every knowledge-base record keeps, checked in the models' `clean()`.

`clean()` runs for the admin's forms (so a curator sees the problem on the field), the CSV import
and `load_kb`; the database's CheckConstraints stay as the last line of defence.
"""

import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

NUMERIC_FIELDS = (models.IntegerField, models.DecimalField, models.FloatField)


def bilingual_pairs(model, *, optional_only=False):
    """The `x_zh` / `x_en` field-name pairs of a model, in declaration order."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    pairs = []
    for name, field in fields.items():
        if not name.endswith("_zh") or name[:-3] + "_en" not in fields:
            continue
        english = fields[name[:-3] + "_en"]
        if optional_only and not (field.blank and english.blank):
            continue
        pairs.append((name, english.name))
    return pairs


def one_language_only_errors(obj):
    """An optional text given in one language only: the error goes on the empty one."""
    errors = {}
    for zh, en in bilingual_pairs(type(obj), optional_only=True):
        zh_value, en_value = getattr(obj, zh), getattr(obj, en)
        if bool(zh_value) and not en_value:
            errors[en] = _("The Chinese is filled in: give the English too.")
        elif bool(en_value) and not zh_value:
            errors[zh] = _("The English is filled in: give the Chinese too.")
    return errors


def negative_figure_errors(obj):
    """No figure, count, year or amount in the knowledge base is below zero."""
    errors = {}
    for field in obj._meta.concrete_fields:
        if isinstance(field, NUMERIC_FIELDS) and not field.is_relation and not field.primary_key:
            value = getattr(obj, field.attname)
            if isinstance(value, int | float | Decimal) and value < 0:
                errors[field.name] = _("Cannot be negative.")
    return errors


def date_precision_errors(obj):
    """A date stored to the first of its month or year says how precise the paper was."""
    errors = {}
    names = {f.name for f in obj._meta.concrete_fields}
    for field in obj._meta.concrete_fields:
        precision = f"{field.name}_precision"
        if not isinstance(field, models.DateField) or precision not in names:
            continue
        if getattr(obj, field.attname) is not None and not getattr(obj, precision):
            errors[precision] = _("Say how precise the date is (year, month or day).")
    return errors


def end_before_start_errors(start, end):
    if start is not None and end is not None and end < start:
        return {"end": _("The end cannot be before the start.")}
    return {}


def normalised_name(text):
    """A name reduced to what tells two bodies apart: no case, width, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def record_names(obj):
    """(field, name) for the names a record goes by: both names and each line of `aliases`."""
    names = [("name_zh", obj.name_zh), ("name_en", obj.name_en)]
    names += [("aliases", line) for line in (obj.aliases or "").splitlines()]
    return [(field, name.strip()) for field, name in names if normalised_name(name)]


def duplicate_name_errors(obj):
    """A name of `obj` that another record of its model already goes by, naming that record."""
    model = type(obj)
    others = model._default_manager.exclude(pk=obj.pk).only("slug", "name_zh", "name_en", "aliases")
    taken = {}
    for other in others:
        for _field, name in record_names(other):
            taken.setdefault(normalised_name(name), other)
    errors = {}
    for field, name in record_names(obj):
        existing = taken.get(normalised_name(name))
        if existing is not None and field not in errors:
            errors[field] = ValidationError(
                _(
                    "“%(name)s” is already a name of the %(model)s “%(existing)s” (slug "
                    "%(slug)s): edit that record, or add this wording to its other names."
                ),
                code="duplicate",
                params={
                    "name": name,
                    "model": model._meta.verbose_name,
                    "existing": existing,
                    "slug": existing.slug,
                },
            )
    return errors


def raise_if_errors(errors):
    if errors:
        raise ValidationError(errors)
