"""Whole-knowledge-base rules checked after every load: citations, both languages, discrepancies,
and the counts and totals the papers state."""

from pathlib import Path

import yaml
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Sum

from policykb.models import Discrepancy, Source, StatedTotal

from .errors import FixtureError
from .records import SYNTHETIC_PREFIX, field_text, get_model, model_label


def bilingual_pairs(model):
    names = {f.name for f in model._meta.concrete_fields}
    return [
        (n, n[:-3] + "_en") for n in sorted(names) if n.endswith("_zh") and n[:-3] + "_en" in names
    ]


def check_loaded(models, *, seen, origin):
    for model in models:
        label = model_label(model)
        slugs = seen[label]
        records = model._default_manager.filter(slug__in=slugs)
        pairs = bilingual_pairs(model)
        if pairs:
            for obj in records:
                for zh, en in pairs:
                    zh_value, en_value = getattr(obj, zh), getattr(obj, en)
                    if bool(zh_value) != bool(en_value):
                        missing = en if zh_value else zh
                        raise FixtureError(
                            origin[(label, obj.slug)],
                            obj.slug,
                            missing,
                            "text is given in one language only; both zh and en are required",
                        )
        if getattr(model, "citation_required", False):
            uncited = (
                records.annotate(n=Count("citations")).filter(n=0).values_list("slug", flat=True)
            )
            for slug in uncited:
                raise FixtureError(
                    origin[(label, slug)], slug, "sources", "states a figure but cites no source"
                )
        if model is Discrepancy:
            for discrepancy in records.prefetch_related("values"):
                check_discrepancy(discrepancy, origin[(label, discrepancy.slug)])
        if model is StatedTotal:
            for total in records:
                check_stated_total(total, origin[(label, total.slug)])


def check_discrepancy(discrepancy, file):
    values = list(discrepancy.values.all())
    chosen = [v for v in values if v.is_chosen]
    if len(values) < 2 or len(chosen) != 1:
        raise FixtureError(
            file, discrepancy.slug, "values", "needs at least two values and exactly one chosen"
        )
    record = discrepancy.record
    if record is None:
        raise FixtureError(file, discrepancy.slug, "record", "points at no record")
    try:
        shown = field_text(record, discrepancy.field)
    except FieldDoesNotExist:
        # A source-wide erratum (a table's unit) is about the paper, not one of its fields.
        if isinstance(record, Source):
            return
        raise FixtureError(
            file,
            discrepancy.slug,
            "field",
            f"{model_label(type(record))} has no field {discrepancy.field!r}",
        ) from None
    if shown != chosen[0].value:
        raise FixtureError(
            file,
            discrepancy.slug,
            "values",
            f"the chosen value {chosen[0].value!r} is not what {record.slug} stores ({shown!r})",
        )


def check_stated_total(total, file):
    """A stated total that its own rows do not bear out is a recorded disagreement."""
    if total.record is None:
        raise FixtureError(file, total.slug, "record", "points at no record")
    if total.agrees:
        return
    recorded = Discrepancy.objects.about([total.record]).filter(field=total.field).exists()
    if not recorded:
        raise FixtureError(
            file,
            total.slug,
            "record",
            f"{total.record.slug} states {total.stated:,} but its rows give {total.rows_total:,}:"
            " record the disagreement as a discrepancy about that field",
        )


def curated(label):
    """A model's records without scale_kb's synthetic rows: the counts are the papers' counts."""
    return get_model(label)._default_manager.exclude(slug__startswith=SYNTHETIC_PREFIX)


def check_expectations(path):
    """The counts and totals the papers state must hold for the loaded knowledge base."""
    path = Path(path)
    if not path.exists():
        return
    expectations = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for entry in expectations.get("counts", []):
        found = curated(entry["model"]).filter(**entry.get("filter", {})).count()
        if found != entry["count"]:
            raise FixtureError(
                path.name,
                entry["model"],
                "count",
                f"{entry['why']}: expected {entry['count']} records, found {found}",
            )
    for entry in expectations.get("sums", []):
        found = (
            curated(entry["model"])
            .filter(**entry.get("filter", {}))
            .aggregate(total=Sum(entry["field"]))["total"]
        )
        if found != entry["total"]:
            raise FixtureError(
                path.name,
                entry["model"],
                entry["field"],
                f"{entry['why']}: expected a total of {entry['total']:,}, found {found or 0:,}",
            )
