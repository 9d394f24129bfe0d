from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.links import slug_url
from policykb.validation import duplicate_name_errors

from .base import KnowledgeRecord
from .counting import count_related
from .indexing import case_insensitive


class AgencyQuerySet(models.QuerySet):
    def for_api(self):
        """What the REST API shows with an agency: its parent."""
        return self.select_related("parent")

    def for_list(self):
        """The agency list: parent, and how many institutes, objectives and awards each has."""
        return self.select_related("parent").annotate(
            institute_count=count_related(self.model, "institutes"),
            objective_count=count_related(self.model, "participations", participates=True),
            funding_count=count_related(self.model, "funding"),
        )

    def with_related(self):
        """An agency's page: what it takes part in, sponsors, runs, funds and issues."""
        from institutes.models import Institute
        from strategy.models import Participation

        taking_part = Participation.objects.filter(participates=True).select_related(
            "objective__goal"
        )
        # Leads joined, not prefetched: Django 5.2 prefetches a foreign key with one OR term per
        # distinct target, which SQLite refuses past 1,000.
        institutes = Institute.objects.select_related("lead")
        return self.select_related("parent").prefetch_related(
            "children",
            models.Prefetch("institutes", queryset=institutes),
            "institute_proposals__institute",
            "programs",
            "policies",
            "organizations",
            models.Prefetch("participations", queryset=taking_part, to_attr="taking_part"),
        )


class Agency(KnowledgeRecord):
    """A US federal department, sub-agency, office or programme the papers name."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("department")
        INDEPENDENT = "independent", _("independent agency")
        SUB_AGENCY = "sub_agency", _("sub-agency")
        OFFICE = "office", _("office or council")
        PROGRAM = "program", _("programme")
        LEGISLATURE = "legislature", _("legislature")

    acronym = models.CharField(_("acronym"), max_length=30)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    matrix_order = models.PositiveSmallIntegerField(
        _("column in the NSAM matrix"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("1-11: the column order of the participation matrix (000 表 1)."),
    )
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line: other names used by the papers.")
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = AgencyQuerySet.as_manager()

    name = Localized()
    description = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["matrix_order", "acronym"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        # Every filter and sort the pages and the API offer (unique columns have theirs).
        indexes = [
            models.Index(fields=["acronym"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            *case_insensitive("agency", "slug", "acronym"),
        ]

    def __str__(self):
        return f"{self.acronym} {self.name_zh}"

    def validation_errors(self):
        # The same agency under a second spelling would split its roles across two records.
        return {**super().validation_errors(), **duplicate_name_errors(self)}

    def get_absolute_url(self):
        return slug_url("policykb:agency-detail", self.slug)
