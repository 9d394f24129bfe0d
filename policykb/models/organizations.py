from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.links import slug_url
from policykb.validation import duplicate_name_errors

from .base import KnowledgeRecord
from .counting import count_related
from .indexing import case_insensitive
from .sources import prefetch_citations


class OrganizationQuerySet(models.QuerySet):
    def for_api(self):
        """What the REST API shows with an organisation: the agency it is."""
        return self.select_related("agency")

    def for_list(self):
        """The organisation list: how many roles of each kind every organisation plays."""
        return self.annotate(
            lead_count=count_related(self.model, "led_institutes")
            + count_related(self.model, "led_projects"),
            partner_count=count_related(self.model, "partnerships")
            + count_related(self.model, "institute_ties"),
            award_count=count_related(self.model, "funding_received"),
        )

    def with_roles(self):
        """An organisation's page: every role it plays, with the records it plays them in."""
        return self.select_related("agency", "as_institute").prefetch_related(
            "led_institutes__agency",
            "led_projects__area",
            "partnerships__project__area",
            "funding_received__program",
            prefetch_citations("funding_received"),
            "institute_ties__institute",
            prefetch_citations("institute_ties"),
        )


class Organization(KnowledgeRecord):
    """A lead, partner, recipient or operator: one record wherever it appears, so its roles meet."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        COMPANY = "company", _("company")
        NONPROFIT = "nonprofit", _("non-profit")
        ASSOCIATION = "association", _("association or consortium")
        RESEARCH = "research", _("research institute")
        INSTITUTE = "institute", _("Manufacturing USA institute")
        GOVERNMENT = "government", _("government body")

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    location_zh = models.CharField(_("location (Chinese)"), max_length=200, blank=True)
    location_en = models.CharField(_("location (English)"), max_length=200, blank=True)
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line: other names used by the papers.")
    )
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("is the agency"),
        help_text=_("Set when a paper names a federal agency in an organisation's role."),
    )

    objects = OrganizationQuerySet.as_manager()

    name = Localized()
    location = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Every filter and sort the pages and the API offer; (kind, name_en) is the list page's.
        indexes = [
            models.Index(fields=["kind", "name_en"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            models.Index(fields=["acronym"]),
            *case_insensitive("organization", "slug", "acronym"),
        ]

    def __str__(self):
        return self.name_zh

    def validation_errors(self):
        # The same body under a second spelling would split its roles across two records.
        return {**super().validation_errors(), **duplicate_name_errors(self)}

    def get_absolute_url(self):
        return slug_url("policykb:organization-detail", self.slug)
