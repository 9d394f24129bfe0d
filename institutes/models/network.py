from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.models.base import CitedRecord, Qualifier
from policykb.models.sources import prefetch_citations


class NetworkMetricQuerySet(models.QuerySet):
    def with_sources(self):
        return self.prefetch_related(prefetch_citations())


class NetworkMetric(CitedRecord):
    """One yearly figure of the Manufacturing USA network as one source states it."""

    class Metric(models.TextChoices):
        INSTITUTES = "institutes", _("institutes")
        PROJECTS = "projects", _("R&D projects")
        MEMBERS = "members", _("members")
        MEMBERS_MANUFACTURERS = "members_manufacturers", _("members: manufacturing firms")
        MEMBERS_EDUCATION = "members_education", _("members: educational institutions")
        MEMBERS_OTHER = "members_other", _("members: other entities")
        TRAINEES = "trainees", _("workers and students trained")
        FEDERAL_USD = "federal_usd", _("federal investment (USD)")
        NONFEDERAL_USD = "nonfederal_usd", _("non-federal investment (USD)")
        TOTAL_USD = "total_usd", _("total project funding (USD)")
        MATCH_RATIO = "match_ratio", _("non-federal : federal match")
        MANUFACTURER_SHARE = "manufacturer_share_pct", _("manufacturers among members (%)")
        SME_SHARE = "sme_share_pct", _("small and medium manufacturers (%)")

    year = models.PositiveSmallIntegerField(_("year"))
    fiscal_year = models.BooleanField(_("fiscal year"), default=False)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, blank=True
    )
    value_as_stated = models.CharField(_("value as the paper states it"), max_length=100)
    is_primary = models.BooleanField(
        _("shown first"),
        default=True,
        help_text=_("Where sources give the same metric for the same year, the one charts use."),
    )
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)

    note = Localized()

    objects = NetworkMetricQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "metric", "-is_primary", "slug"]
        verbose_name = _("network figure")
        verbose_name_plural = _("network figures")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "metric"],
                condition=models.Q(is_primary=True),
                name="network_metric_one_primary",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="network_metric_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "metric"]),
            models.Index(fields=["metric"]),
            models.Index(fields=["value"]),
        ]

    def __str__(self):
        return f"{self.year} {self.get_metric_display()}: {self.value_as_stated}"

    def get_absolute_url(self):
        return reverse("institutes:network") + f"#{self.slug}"
