from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.dates import DatePrecision
from policykb.links import slug_url

from .base import CitedRecord, Qualifier, RecordQuerySet
from .indexing import case_insensitive
from .sources import prefetch_citations


class ProgramQuerySet(models.QuerySet):
    def for_api(self):
        """The REST API's programme: agency, sources, its awards' count and total."""
        return (
            self.select_related("agency")
            .prefetch_related(prefetch_citations(slugs_only=True))
            .annotate(
                award_count=models.Count("awards"),
                awards_total_usd=models.Sum("awards__amount_usd"),
            )
            .order_by("name_en", "slug")  # an aggregate drops Meta.ordering
        )

    def with_related(self):
        """A programme's page: its agency and sources."""
        return self.select_related("agency").prefetch_related(prefetch_citations())


class Program(CitedRecord):
    """A federal funding programme (Rescue Plan awards, MFGTech, CHIPS, Manufacturing USA)."""

    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("agency"),
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = ProgramQuerySet.as_manager()

    name = Localized()
    description = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        # Every filter and sort the API offers.
        indexes = [
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            models.Index(fields=["acronym"]),
            *case_insensitive("program", "slug", "acronym"),
        ]

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return slug_url("policykb:program-detail", self.slug)


class FundingAwardQuerySet(RecordQuerySet):
    def for_api(self):
        """What the REST API shows with an award: every record it links to, and its sources."""
        return self.with_related_slugs(
            "program", "policy", "agency", "recipient", "institute", "project", "part_of"
        ).prefetch_related(prefetch_citations(slugs_only=True))

    def with_related(self):
        """Awards as pages and tables show them: every linked record and the sources."""
        return self.select_related(
            "program", "policy", "agency", "recipient", "institute", "project__area", "part_of"
        ).prefetch_related(prefetch_citations())

    def counted_sum(self):
        """Sum of the amounts, leaving out a part whose whole is among these records."""
        whole_present = models.Q(part_of__in=self.order_by().values("pk"))
        return models.Sum("amount_usd", filter=~whole_present, default=0)

    def total(self):
        return self.aggregate(total=self.counted_sum())["total"]

    def totals_by(self, *fields):
        """Sum (as `counted_sum`) and count of the records per value of `fields`, largest first."""
        return (
            self.order_by()
            .values(*fields)
            .annotate(total=self.counted_sum(), count=models.Count("pk"))
            .order_by("-total", *fields)
        )


class FundingAward(CitedRecord):
    """One award or budget line in whole US dollars, linked to what it funds."""

    class Kind(models.TextChoices):
        AWARD = "award", _("award")
        BUDGET_LINE = "budget_line", _("budget line")
        FEDERAL_COMMITMENT = "federal_commitment", _("federal commitment")
        MATCHING_COMMITMENT = "matching_commitment", _("non-federal (matching) commitment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("programme"),
    )
    policy = models.ForeignKey(
        "strategy.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("policy"),
    )
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("funding agency"),
    )
    recipient = models.ForeignKey(
        "policykb.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_received",
        verbose_name=_("recipient"),
    )
    institute = models.ForeignKey(
        "institutes.Institute",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("institute"),
    )
    project = models.ForeignKey(
        "roadmaps.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name=_("roadmap project"),
    )
    # A paper may give a whole (CHIPS's $50 billion) and also some of its parts; totals must not
    # count the same dollars twice.
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_(
            "The budget line this amount is included in. A total counts a part only when "
            "its whole is not among the records totalled."
        ),
    )
    amount_usd = models.PositiveBigIntegerField(_("amount (USD)"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, blank=True
    )
    amount_as_stated = models.CharField(
        _("amount as the paper states it"),
        max_length=100,
        help_text=_(
            "Verbatim, with its unit, so every conversion to whole dollars can be checked."
        ),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    round = models.PositiveSmallIntegerField(_("award round"), null=True, blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = FundingAwardQuerySet.as_manager()

    title = Localized()
    description = Localized()
    note = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["program__slug", "-amount_usd", "slug"]
        verbose_name = _("funding award")
        verbose_name_plural = _("funding awards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_usd__gte=0), name="funding_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(program__isnull=False) | models.Q(policy__isnull=False),
                name="funding_has_program_or_policy",
            ),
            models.CheckConstraint(
                condition=models.Q(round__isnull=True) | models.Q(round__gte=1),
                name="funding_round_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(date__isnull=True) | ~models.Q(date_precision=""),
                name="funding_date_has_precision",
            ),
            models.CheckConstraint(
                condition=~models.Q(part_of=models.F("pk")), name="funding_not_part_of_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["date"]),
            models.Index(fields=["amount_usd"]),
            # The largest awards, grants or commitments first (`?kind=…&ordering=-amount_usd`),
            # read in index order, ties by slug, and cut at the page: without it SQLite joined
            # and sorted every line of the kind (3.5 of 0.2 ms at 100×).
            models.Index(fields=["kind", "-amount_usd", "slug"], name="funding_kind_largest_idx"),
            # The API's other filters and sorts.
            models.Index(fields=["round"]),
            models.Index(fields=["qualifier"]),
            models.Index(fields=["title_en"]),
            models.Index(fields=["title_zh"]),
        ]

    def __str__(self):
        return f"{self.title_zh} (${self.amount_usd:,})"

    def validation_errors(self):
        errors = super().validation_errors()
        if self.program_id is None and self.policy_id is None:
            errors.setdefault(
                "program", _("Name the programme or the policy the money comes from.")
            )
        whole = self.part_of
        if whole is not None:
            if whole.pk is not None and whole.pk == self.pk:
                errors.setdefault("part_of", _("A record cannot be a part of itself."))
            elif whole.part_of_id is not None or (self.pk and self.parts.exists()):
                errors.setdefault(
                    "part_of",
                    _("Parts go one level deep: a whole cannot be a part, nor a part a whole."),
                )
            elif self.amount_usd is not None and self.amount_usd > whole.amount_usd:
                errors.setdefault("amount_usd", _("A part cannot be larger than its whole."))
        return errors

    def get_absolute_url(self):
        return slug_url("policykb:funding-detail", self.slug)
