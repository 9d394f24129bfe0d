"""REST API filters of Manufacturing USA: institutes, member counts, network figures, MEP."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from institutes.models import Institute, InstituteTie, MemberCount, MepYear, NetworkMetric
from policykb.api.filters import (
    BooleanFilter,
    KnowledgeFilterSet,
    StableOrderingFilter,
    choices_filter,
    integer_filter,
    source_filter,
    year_filter,
)
from policykb.api.filtersets import (
    agency_filter,
    institute_filter,
    on_or_after,
    on_or_before,
    organization_filter,
)

ORDERING_LABEL = _("Sort by these fields (comma-separated; prefix - for descending).")


class InstituteFilter(KnowledgeFilterSet):
    agency = agency_filter(label=_("Sponsoring agency by acronym or slug (DOD, DOE, NIST)."))
    lead = organization_filter("lead", _("Lead organisation by slug or acronym."))
    organization = organization_filter(
        "organization",
        _("Institutes an organisation leads or is a reported partner of, by slug or acronym."),
        method="filter_organization",
    )
    number = integer_filter("number", minimum=1, maximum=1000, help_text=_("Row number (1-16)."))
    founded_after = on_or_after("founded")
    founded_before = on_or_before("founded")
    year = year_filter("founded", "year", help_text=_("Founded in this year."))
    year_min = year_filter("founded", "year__gte", help_text=_("Founded in this year or later."))
    year_max = year_filter("founded", "year__lte", help_text=_("Founded in this year or earlier."))
    planned_years = integer_filter(
        "planned_years", minimum=1, maximum=1000, help_text=_("Planned investment period (years).")
    )
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["number", "acronym", "founded", "planned_years", "slug", "name_en", "name_zh"],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = Institute
        fields = []

    def filter_organization(self, queryset, name, value):
        tied = InstituteTie.objects.filter(organization__in=value).values("institute")
        return queryset.filter(Q(lead__in=value) | Q(pk__in=tied))


class MemberCountFilter(KnowledgeFilterSet):
    institute = institute_filter()
    agency = agency_filter("institute__agency", label=_("Sponsoring agency of the institute."))
    year = year_filter("year", help_text=_("Counted in this year."))
    year_min = year_filter("year", "gte", help_text=_("Counted in this year or later."))
    year_max = year_filter("year", "lte", help_text=_("Counted in this year or earlier."))
    count_min = integer_filter("count", "gte", help_text=_("At least this many members."))
    count_max = integer_filter("count", "lte", help_text=_("At most this many members."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[("institute__number", "institute"), "year", "count", "slug"], label=ORDERING_LABEL
    )

    class Meta:
        model = MemberCount
        fields = []


class NetworkMetricFilter(KnowledgeFilterSet):
    metric = choices_filter(NetworkMetric.Metric.choices, _("Which figure (repeat for several)."))
    year = year_filter("year", help_text=_("The figure's year."))
    year_min = year_filter("year", "gte", help_text=_("This year or later."))
    year_max = year_filter("year", "lte", help_text=_("This year or earlier."))
    value_min = filters.NumberFilter(
        field_name="value",
        lookup_expr="gte",
        min_value=0,
        max_value=10**15,
        label=_("Value at least this."),
    )
    value_max = filters.NumberFilter(
        field_name="value",
        lookup_expr="lte",
        min_value=0,
        max_value=10**15,
        label=_("Value at most this."),
    )
    fiscal_year = BooleanFilter(label=_("Fiscal-year figures (true) or calendar-year."))
    is_primary = BooleanFilter(
        label=_("Only the figure shown first where sources give several (true).")
    )
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["year", "metric", "value", "slug"], label=ORDERING_LABEL
    )

    class Meta:
        model = NetworkMetric
        fields = []


class MepYearFilter(KnowledgeFilterSet):
    year = year_filter("year", help_text=_("The year of the results."))
    year_min = year_filter("year", "gte", help_text=_("This year or later."))
    year_max = year_filter("year", "lte", help_text=_("This year or earlier."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[
            "year",
            "manufacturers",
            "jobs",
            "new_sales_usd",
            "cost_savings_usd",
            "return_per_dollar",
            "slug",
        ],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = MepYear
        fields = []
