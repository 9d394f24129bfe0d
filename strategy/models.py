from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.dates import DatePrecision, format_partial_date
from policykb.links import slug_url
from policykb.models.base import CitedRecord
from policykb.models.indexing import case_insensitive
from policykb.models.sources import prefetch_citations


class PolicyQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("issuer").prefetch_related(
            prefetch_citations(),
            prefetch_citations("provisions"),
            "goals",
            "funding__program",
            "funding__recipient",
            "funding__institute",
            prefetch_citations("funding"),
        )

    def for_api(self):
        """What the REST API shows with a policy: issuer, provisions, sources."""
        return self.select_related("issuer").prefetch_related(
            prefetch_citations(slugs_only=True), prefetch_citations("provisions", slugs_only=True)
        )


class Policy(CitedRecord):
    """A dated law, strategy, report or programme in the policy timeline."""

    class Kind(models.TextChoices):
        LAW = "law", _("law or bill")
        STRATEGY = "strategy", _("strategy or plan")
        REPORT = "report", _("report")
        PROGRAM = "program", _("programme or initiative")
        EXECUTIVE = "executive", _("executive action")

    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Empty where no paper dates it.")
    )
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    issuer = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
        verbose_name=_("issued by"),
    )
    summary_zh = models.TextField(_("summary (Chinese)"))
    summary_en = models.TextField(_("summary (English)"))

    title = Localized()
    summary = Localized()

    objects = PolicyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "slug"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        # Every filter and sort the pages and the API offer.
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["short_name"]),
            models.Index(fields=["title_en"]),
            models.Index(fields=["title_zh"]),
            *case_insensitive("policy", "slug", "short_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=True, date_precision="")
                | (models.Q(date__isnull=False) & ~models.Q(date_precision="")),
                name="policy_date_has_precision",
            )
        ]

    def __str__(self):
        when = format_partial_date(self.date, self.date_precision)
        return f"{when} {self.title_zh}".strip()

    def get_absolute_url(self):
        return slug_url("strategy:policy-detail", self.slug)


class PolicyProvision(CitedRecord):
    """A numbered goal, principle or criterion a policy sets out (e.g. CHIPS's 7 criteria)."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("goal")
        PRINCIPLE = "principle", _("principle")
        CRITERION = "criterion", _("application criterion")
        MEASURE = "measure", _("measure")

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="provisions", verbose_name=_("policy")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"))

    text = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "kind", "number"]
        verbose_name = _("policy provision")
        verbose_name_plural = _("policy provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind", "number"], name="provision_unique_number"
            )
        ]

    def __str__(self):
        policy = self.policy.short_name or self.policy.title_zh
        return f"{policy} {self.get_kind_display()} {self.number}"

    def get_absolute_url(self):
        return self.policy.get_absolute_url() + f"#{self.slug}"


class GoalQuerySet(models.QuerySet):
    def tree(self):
        """Goals with their objectives and recommendations (and sources), for the NSAM tree."""
        return self.select_related("policy").prefetch_related(
            prefetch_citations(),
            prefetch_citations("objectives"),
            prefetch_citations("objectives__recommendations"),
        )

    def for_api(self):
        """What the REST API shows with a goal: its strategy, objectives, sources."""
        return self.select_related("policy").prefetch_related(
            prefetch_citations(slugs_only=True), "objectives"
        )


class Goal(CitedRecord):
    """One of the National Strategy for Advanced Manufacturing's three goals."""

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="goals", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    name = Localized()
    description = Localized()

    objects = GoalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [
            models.Index(fields=["number"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            *case_insensitive("goal", "slug"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="goal_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.name_zh}"

    def get_absolute_url(self):
        return slug_url("strategy:goal-detail", self.slug)


class ObjectiveQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("goal__policy").prefetch_related(
            prefetch_citations(),
            prefetch_citations("recommendations"),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("agency").prefetch_related(
                    prefetch_citations()
                ),
            ),
        )

    def for_api(self):
        """The REST API's objective: goal, matrix cells, recommendations, sources."""
        return self.select_related("goal").prefetch_related(
            prefetch_citations(slugs_only=True),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("agency").order_by(
                    "agency__matrix_order", "agency__acronym"
                ),
            ),
            "recommendations",
        )


class Objective(CitedRecord):
    """A strategic objective under a goal; the rows of the agency participation matrix."""

    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="objectives", verbose_name=_("goal")
    )
    number = models.PositiveSmallIntegerField(_("number within the goal"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    agencies = models.ManyToManyField(
        "policykb.Agency",
        through="Participation",
        related_name="objectives",
        verbose_name=_("agencies"),
    )

    name = Localized()
    description = Localized()

    objects = ObjectiveQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__number", "number"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        indexes = [
            models.Index(fields=["number"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            *case_insensitive("objective", "slug"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="objective_unique_number")
        ]

    def __str__(self):
        return f"{self.code} {self.name_zh}"

    @property
    def code(self):
        return f"{self.goal.number}.{self.number}"

    def get_absolute_url(self):
        return slug_url("strategy:objective-detail", self.slug)


class RecommendationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("objective__goal__policy").prefetch_related(prefetch_citations())

    def for_api(self):
        """What the REST API shows with a recommendation: objective and goal, sources."""
        return self.select_related("objective__goal").prefetch_related(
            prefetch_citations(slugs_only=True)
        )


class Recommendation(CitedRecord):
    """One of the 37 recommendations, with the specific measures the papers give."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("objective"),
    )
    number = models.PositiveSmallIntegerField(_("number within the objective"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    measures_zh = models.TextField(_("specific measures (Chinese)"), blank=True)
    measures_en = models.TextField(_("specific measures (English)"), blank=True)

    name = Localized()
    measures = Localized()

    objects = RecommendationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective__goal__number", "objective__number", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["number"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "number"], name="recommendation_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name_zh}"

    def get_absolute_url(self):
        return slug_url("strategy:recommendation-detail", self.slug)

    @property
    def code(self):
        return f"{self.objective.code}.{self.number}"


class ParticipationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("objective__goal", "agency").prefetch_related(
            prefetch_citations()
        )


class Participation(CitedRecord):
    """One cell of the objective × agency matrix: ✓ and ✗ are both recorded."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("objective"),
    )
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("agency"),
    )
    participates = models.BooleanField(_("participates"))

    objects = ParticipationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective__goal__number", "objective__number", "agency__matrix_order"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "agency"], name="participation_unique_cell"
            )
        ]

    def __str__(self):
        mark = "✓" if self.participates else "✗"
        return f"{self.objective.code} × {self.agency.acronym}: {mark}"

    def get_absolute_url(self):
        return slug_url("strategy:participation-detail", self.slug)
