from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.models.base import CitedRecord
from policykb.models.sources import prefetch_citations


class MepYearQuerySet(models.QuerySet):
    def with_sources(self):
        return self.prefetch_related(prefetch_citations())


class MepYear(CitedRecord):
    """One year of Manufacturing Extension Partnership results (003 表 3)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    manufacturers = models.PositiveIntegerField(_("manufacturers served"))
    jobs = models.PositiveIntegerField(_("manufacturing jobs created or retained"))
    new_sales_usd = models.PositiveBigIntegerField(_("new sales (USD)"))
    cost_savings_usd = models.PositiveBigIntegerField(_("cost savings (USD)"))
    return_per_dollar = models.DecimalField(
        _("return per federal dollar (USD)"), max_digits=6, decimal_places=1
    )

    objects = MepYearQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("MEP year")
        verbose_name_plural = _("MEP years")
        # Every sort the API offers (year is unique).
        indexes = [
            models.Index(fields=["manufacturers"]),
            models.Index(fields=["jobs"]),
            models.Index(fields=["new_sales_usd"]),
            models.Index(fields=["cost_savings_usd"]),
            models.Index(fields=["return_per_dollar"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_per_dollar__gte=0), name="mep_return_not_negative"
            )
        ]

    def __str__(self):
        return f"MEP {self.year}"

    def get_absolute_url(self):
        return reverse("institutes:mep") + f"#{self.slug}"
