from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import models
from django.db.models import Count, Max, Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.links import slug_url

from .base import KnowledgeRecord, Qualifier, pointing_at

# scale_kb's measurement rows (policykb.kb.records.SYNTHETIC_PREFIX) are never a paper's rows.
SYNTHETIC_PREFIX = "synthetic-"


class StatedTotalQuerySet(models.QuerySet):
    def with_records(self):
        """Totals with the record stating each, one query per kind of record."""
        from django.contrib.contenttypes.prefetch import GenericPrefetch

        from .sources import record_querysets

        return self.select_related("content_type").prefetch_related(
            GenericPrefetch("record", record_querysets())
        )

    def about(self, records):
        return self.filter(pointing_at(records)).with_records()


class StatedTotal(KnowledgeRecord):
    """A total or count a paper states whose rows the knowledge base also holds: kept beside
    what those rows add to, so a reader sees whether the paper's figure and its rows agree."""

    class Aggregate(models.TextChoices):
        SUM = "sum", _("sum of the rows")
        COUNT = "count", _("number of rows")
        DISTINCT = "distinct", _("number of distinct values")
        MAX = "max", _("largest row (the figure is a cap)")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"), max_length=60, help_text=_("The record's field that holds the stated figure.")
    )
    label_zh = models.CharField(_("label (Chinese)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    rows_zh = models.CharField(_("the rows it adds (Chinese)"), max_length=300)
    rows_en = models.CharField(_("the rows it adds (English)"), max_length=300)
    rows_model = models.CharField(
        _("model of the rows"), max_length=60, help_text=_("app_label.model, e.g. roadmaps.project")
    )
    rows_filter = models.JSONField(
        _("filter of the rows"), default=dict, blank=True, help_text=_("Django lookups as JSON.")
    )
    rows_field = models.CharField(
        _("field of the rows"),
        max_length=60,
        blank=True,
        help_text=_("The field summed, compared or counted distinct; empty to count rows."),
    )
    aggregate = models.CharField(_("aggregate"), max_length=10, choices=Aggregate.choices)
    rounding_unit = models.DecimalField(
        _("precision of the stated figure"),
        max_digits=16,
        decimal_places=2,
        help_text=_(
            "The figure agrees with its rows when they differ by less than this "
            "(1 for an exact count, 10000 for a figure given in 万)."
        ),
    )
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    label = Localized()
    rows = Localized()
    note = Localized()

    objects = StatedTotalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("stated total")
        verbose_name_plural = _("stated totals")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rounding_unit__gt=0), name="stated_total_unit_positive"
            )
        ]

    def __str__(self):
        return self.label_zh

    def get_absolute_url(self):
        return slug_url("policykb:stated-total-detail", self.slug)

    # --- what the paper states -------------------------------------------------------------
    @property
    def stated(self):
        value = getattr(self.record, self.field)
        return None if value is None else Decimal(value)

    @property
    def as_stated(self):
        record = self.record
        for name in ("value_as_stated", "amount_as_stated"):
            if hasattr(record, name):
                return getattr(record, name)
        return str(self.stated)

    @property
    def qualifier(self):
        return getattr(self.record, "qualifier", "") or ""

    # --- what its rows add to --------------------------------------------------------------
    def rows_queryset(self):
        model = apps.get_model(self.rows_model)
        return model._default_manager.filter(**self.rows_filter).exclude(
            slug__startswith=SYNTHETIC_PREFIX
        )

    @cached_property
    def _rows_aggregate(self):
        """(what the rows give, how many rows there are), in one query."""
        rows = self.rows_queryset()
        functions = {
            self.Aggregate.SUM: lambda: Sum(self.rows_field),
            self.Aggregate.DISTINCT: lambda: Count(self.rows_field, distinct=True),
            self.Aggregate.MAX: lambda: Max(self.rows_field),
        }
        found = rows.aggregate(
            rows=Count("pk"),
            **({"n": functions[self.aggregate]()} if self.aggregate in functions else {}),
        )
        value = found["rows"] if self.aggregate == self.Aggregate.COUNT else found["n"]
        return Decimal(value or 0), found["rows"]

    @property
    def rows_total(self):
        return self._rows_aggregate[0]

    @property
    def row_count(self):
        return self._rows_aggregate[1]

    @property
    def difference(self):
        return self.rows_total - self.stated

    @property
    def agrees(self):
        """Whether the rows bear the figure out, at the precision and with the hedge it is given."""
        difference, unit = self.difference, self.rounding_unit
        if self.aggregate == self.Aggregate.MAX:
            return difference <= 0
        qualifier = self.qualifier
        if qualifier == Qualifier.NEARLY:
            return -unit < difference <= 0
        if qualifier == Qualifier.OVER:
            return 0 <= difference < unit
        if qualifier == Qualifier.AT_LEAST:
            return difference >= 0
        return abs(difference) < unit

    # --- rules -----------------------------------------------------------------------------
    def validation_errors(self):
        errors = super().validation_errors()
        record_model = self.content_type.model_class() if self.content_type_id else None
        if record_model is not None:
            try:
                record_model._meta.get_field(self.field)
            except FieldDoesNotExist:
                errors["field"] = _("The record has no field %(field)s.") % {"field": self.field}
        try:
            model = apps.get_model(self.rows_model)
        except (LookupError, ValueError):
            errors["rows_model"] = _("No model %(model)s.") % {"model": self.rows_model}
            return errors
        needs_field = self.aggregate != self.Aggregate.COUNT
        if needs_field and not self.rows_field:
            errors["rows_field"] = _("This aggregate needs the field of the rows.")
        elif self.rows_field:
            try:
                model._meta.get_field(self.rows_field)
            except FieldDoesNotExist:
                errors["rows_field"] = _("%(model)s has no field %(field)s.") % {
                    "model": self.rows_model,
                    "field": self.rows_field,
                }
        if not isinstance(self.rows_filter, dict):
            errors["rows_filter"] = _("The filter must be an object of lookups.")
        else:
            try:
                self.rows_queryset().exists()
            except (FieldError, ValueError, TypeError, ValidationError) as error:
                errors["rows_filter"] = _("The filter does not work: %(error)s") % {"error": error}
        return errors
