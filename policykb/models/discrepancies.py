from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.links import slug_url

from .base import KnowledgeRecord, RecordQuerySet, RelatedList, pointing_at


class DiscrepancyQuerySet(models.QuerySet):
    def with_values(self):
        return self.select_related("content_type").prefetch_related("values__source")

    def about(self, records):
        """The discrepancies about any of `records` (model instances of any kinds)."""
        return self.filter(pointing_at(records)).with_values()

    def with_records(self):
        """Discrepancies with the record each is about, one query per kind of record."""
        from django.contrib.contenttypes.prefetch import GenericPrefetch

        from .sources import record_querysets

        return self.with_values().prefetch_related(GenericPrefetch("record", record_querysets()))


class Discrepancy(KnowledgeRecord):
    """Where papers disagree on a figure, or one is plainly wrong: every value kept, one chosen."""

    class Kind(models.TextChoices):
        CONFLICT = "conflict", _("sources disagree")
        ERRATUM = "erratum", _("erratum corrected")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"), max_length=60, help_text=_("The record's field the values are about.")
    )
    topic_zh = models.CharField(_("topic (Chinese)"), max_length=300)
    topic_en = models.CharField(_("topic (English)"), max_length=300)
    decision_zh = models.TextField(_("decision and reason (Chinese)"))
    decision_en = models.TextField(_("decision and reason (English)"))

    topic = Localized()
    decision = Localized()

    # The API's discrepancies (policykb/api/records.py) read their values from this list.
    value_list = RelatedList("values", select_related=("source",))

    objects = DiscrepancyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["kind", "slug"]),  # the discrepancies page's order
        ]

    def __str__(self):
        return self.topic_zh

    def get_absolute_url(self):
        return slug_url("policykb:discrepancy-detail", self.slug)

    @property
    def chosen(self):
        return next((value for value in self.values.all() if value.is_chosen), None)


class DiscrepancyValue(models.Model):
    """One source's value in a discrepancy, verbatim and normalised."""

    discrepancy = models.ForeignKey(
        Discrepancy, on_delete=models.CASCADE, related_name="values", verbose_name=_("discrepancy")
    )
    source = models.ForeignKey(
        "policykb.Source",
        on_delete=models.PROTECT,
        related_name="discrepancy_values",
        verbose_name=_("source"),
    )
    locator = models.CharField(_("locator"), max_length=100)
    value = models.CharField(
        _("value"), max_length=200, help_text=_("Normalised as the record stores it.")
    )
    as_stated = models.CharField(_("as the paper states it"), max_length=300)
    is_chosen = models.BooleanField(_("shown first"), default=False)

    objects = RecordQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["discrepancy", "-is_chosen", "source__file_name"]
        verbose_name = _("discrepancy value")
        verbose_name_plural = _("discrepancy values")
        constraints = [
            models.UniqueConstraint(
                fields=["discrepancy"],
                condition=models.Q(is_chosen=True),
                name="discrepancy_one_chosen_value",
            ),
            models.UniqueConstraint(
                fields=["discrepancy", "source", "locator", "value"],
                name="discrepancy_value_unique",
            ),
        ]

    def __str__(self):
        return f"{self.value} ({self.source.slug} {self.locator})"

    def get_absolute_url(self):
        return self.discrepancy.get_absolute_url()
