"""REST API filters of the strategy: policies, goals, objectives, recommendations, matrix cells."""

from django.utils.translation import gettext_lazy as _

from policykb.api.filters import (
    BooleanFilter,
    KnowledgeFilterSet,
    RecordFilter,
    StableOrderingFilter,
    choices_filter,
    integer_filter,
    source_filter,
    year_filter,
)
from policykb.api.filtersets import agency_filter, on_or_after, on_or_before
from strategy.models import Goal, Objective, Participation, Policy, Recommendation

ORDERING_LABEL = _("Sort by these fields (comma-separated; prefix - for descending).")


def goal_filter(field_name="goal"):
    return RecordFilter(
        field_name=field_name,
        model=Goal,
        match=("slug", "number"),
        label=_("NSAM goal by slug or number (1-3); comma-separated for several."),
    )


def objective_filter(field_name="objective"):
    return RecordFilter(
        field_name=field_name,
        model=Objective,
        label=_("Objective by slug; comma-separated for several."),
    )


class PolicyFilter(KnowledgeFilterSet):
    kind = choices_filter(Policy.Kind.choices, _("Kind of policy (repeat for several)."))
    issuer = agency_filter("issuer", label=_("Issuing agency by acronym or slug."))
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    year = year_filter("date", "year", help_text=_("Dated in this year."))
    year_min = year_filter("date", "year__gte", help_text=_("Dated in this year or later."))
    year_max = year_filter("date", "year__lte", help_text=_("Dated in this year or earlier."))
    dated = BooleanFilter(
        field_name="date",
        lookup_expr="isnull",
        exclude=True,
        label=_("Only policies a paper dates (true) or only undated ones (false)."),
    )
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["date", "slug", "title_en", "title_zh", "kind", "short_name"], label=ORDERING_LABEL
    )

    class Meta:
        model = Policy
        fields = []


class GoalFilter(KnowledgeFilterSet):
    policy = RecordFilter(
        model=Policy, match=("slug", "short_name"), label=_("Strategy by slug or short name.")
    )
    number = integer_filter("number", minimum=1, maximum=1000, help_text=_("Goal number."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["number", "slug", "name_en", "name_zh"], label=ORDERING_LABEL
    )

    class Meta:
        model = Goal
        fields = []


class ObjectiveFilter(KnowledgeFilterSet):
    goal = goal_filter()
    agency = agency_filter(
        method="filter_agency",
        label=_("Objectives this agency takes part in (✓), by acronym or slug."),
    )
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[("goal__number", "goal"), "number", "slug", "name_en", "name_zh"],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = Objective
        fields = []

    def filter_agency(self, queryset, name, value):
        # Only ✓ cells count: the matrix also records the agencies that do not take part.
        taking_part = Participation.objects.filter(participates=True, agency__in=value)
        return queryset.filter(pk__in=taking_part.values("objective"))


class RecommendationFilter(KnowledgeFilterSet):
    objective = objective_filter()
    goal = goal_filter("objective__goal")
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[
            ("objective__goal__number", "goal"),
            ("objective__number", "objective"),
            "number",
            "slug",
            "name_en",
            "name_zh",
        ],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = Recommendation
        fields = []


class ParticipationFilter(KnowledgeFilterSet):
    objective = objective_filter()
    goal = goal_filter("objective__goal")
    agency = agency_filter()
    participates = BooleanFilter(label=_("✓ (true) or ✗ (false) cells only."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[
            ("objective__goal__number", "goal"),
            ("objective__number", "objective"),
            ("agency__matrix_order", "agency"),
            "participates",
            "slug",
        ],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = Participation
        fields = []
