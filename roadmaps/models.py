from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.dates import DatePrecision
from policykb.links import slug_url
from policykb.models.base import CitedRecord
from policykb.models.indexing import case_insensitive
from policykb.models.sources import prefetch_citations
from policykb.validation import end_before_start_errors


class FocusAreaQuerySet(models.QuerySet):
    def with_projects(self):
        """Areas with their projects, each project's lead, funding and sources."""
        # The lead joined, not prefetched: Django 5.2 prefetches a foreign key with one OR term
        # per distinct target, which SQLite refuses past 1,000 (the 100× scale-up has 1,386).
        projects = Project.objects.select_related("lead").prefetch_related(
            "funding", prefetch_citations()
        )
        return self.prefetch_related(
            prefetch_citations(), models.Prefetch("projects", queryset=projects)
        ).annotate(funding_total=models.Sum("projects__funding__amount_usd"))

    def for_api(self):
        """What the REST API shows with an area: its projects and sources."""
        return self.prefetch_related(prefetch_citations(slugs_only=True), "projects")


class FocusArea(CitedRecord):
    """One of the four technology areas NIST's MFGTech programme funds roadmaps in."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    name = Localized()
    description = Localized()

    objects = FocusAreaQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("roadmap focus area")
        verbose_name_plural = _("roadmap focus areas")
        indexes = [
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            *case_insensitive("focus_area", "slug"),
        ]

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return slug_url("roadmaps:area-detail", self.slug)


class ProjectQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("area", "lead").prefetch_related(
            "partnerships__organization", "funding", prefetch_citations()
        )

    def with_page(self):
        """A project's page: area, lead, partners in order, funding and every source."""
        return self.select_related("area", "lead").prefetch_related(
            prefetch_citations(),
            "partnerships__organization",
            "funding__program",
            prefetch_citations("funding"),
        )


class Project(CitedRecord):
    """A MFGTech roadmap project: who leads it, with whom, how long (amounts live in funding)."""

    area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="projects", verbose_name=_("area")
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    lead = models.ForeignKey(
        "policykb.Organization",
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("lead organisation"),
    )
    start = models.DateField(_("start"))
    start_precision = models.CharField(
        _("start precision"), max_length=5, choices=DatePrecision.choices, default="month"
    )
    end = models.DateField(_("end"))
    end_precision = models.CharField(
        _("end precision"), max_length=5, choices=DatePrecision.choices, default="month"
    )
    partners_incomplete = models.BooleanField(
        _("partner list is partial"),
        default=False,
        help_text=_("The paper ends the partner list with 等 (and others)."),
    )
    partners = models.ManyToManyField(
        "policykb.Organization",
        through="ProjectPartner",
        related_name="partner_projects",
        verbose_name=_("partners"),
    )

    objects = ProjectQuerySet.as_manager()

    title = Localized()
    summary = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number", "slug"]
        verbose_name = _("roadmap project")
        verbose_name_plural = _("roadmap projects")
        # Every filter and sort the pages and the API offer.
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["end"]),
            models.Index(fields=["title_en"]),
            models.Index(fields=["title_zh"]),
            *case_insensitive("project", "slug"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="project_end_not_before_start"
            )
        ]

    def __str__(self):
        return self.title_zh

    def validation_errors(self):
        return {**super().validation_errors(), **end_before_start_errors(self.start, self.end)}

    def get_absolute_url(self):
        return slug_url("roadmaps:project-detail", self.slug)


class ProjectPartner(models.Model):
    """A partner of a roadmap project, in the paper's order and with the paper's description."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("project")
    )
    organization = models.ForeignKey(
        "policykb.Organization",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    described_as_zh = models.CharField(
        _("described as (Chinese)"),
        max_length=200,
        blank=True,
        help_text=_("The paper's wording, e.g. 反无人机制造商 Dynetics."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"], name="project_partner_unique"
            )
        ]

    def __str__(self):
        return f"{self.project} — {self.organization}"

    def get_absolute_url(self):
        return self.project.get_absolute_url()
