from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.links import slug_url

from .base import CitedRecord, Qualifier
from .sources import prefetch_citations


class FactQuerySet(models.QuerySet):
    def with_related(self):
        return self.prefetch_related(prefetch_citations())


class Fact(CitedRecord):
    """A figure the papers state outside any table (trade, output, network size), kept and cited."""

    class Topic(models.TextChoices):
        ECONOMY = "economy", _("US manufacturing economy")
        NETWORK = "network", _("Manufacturing USA network")
        MEP = "mep", _("Manufacturing Extension Partnership")
        ROADMAPS = "roadmaps", _("MFGTech roadmaps")
        POLICY = "policy", _("policy design")

    class Unit(models.TextChoices):
        USD = "usd", _("US dollars")
        PERCENT = "percent", _("per cent")
        COUNT = "count", _("count")
        RATIO = "ratio", _("ratio (x : 1)")
        MULTIPLIER = "multiplier", _("dollars returned per dollar")
        SQUARE_METRES = "m2", _("square metres")
        MONTHS = "months", _("months")

    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    label_zh = models.CharField(_("label (Chinese)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, blank=True
    )
    value_as_stated = models.CharField(_("value as the paper states it"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    label = Localized()
    note = Localized()

    objects = FactQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "year", "slug"]
        verbose_name = _("stated figure")
        verbose_name_plural = _("stated figures")
        indexes = [models.Index(fields=["topic", "year"])]  # the figures page's order
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="fact_value_not_negative")
        ]

    def __str__(self):
        return self.label_zh

    def get_absolute_url(self):
        return slug_url("policykb:fact-detail", self.slug)
