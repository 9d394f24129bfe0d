"""REST API filters of the shared records: agencies, organisations, sources, programmes, funding."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from institutes.models import Institute
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
from policykb.models import Agency, FundingAward, Organization, Program, Source
from roadmaps.models import FocusArea, Project
from strategy.models import Policy


def agency_filter(field_name="agency", **kwargs):
    kwargs.setdefault(
        "label", _("Agency by acronym or slug (DOE, dod); comma-separated for any of several.")
    )
    return RecordFilter(field_name=field_name, model=Agency, match=("slug", "acronym"), **kwargs)


def organization_filter(field_name, label, **kwargs):
    return RecordFilter(
        field_name=field_name, model=Organization, match=("slug", "acronym"), label=label, **kwargs
    )


def institute_filter(field_name="institute", **kwargs):
    kwargs.setdefault(
        "label", _("Institute by acronym or slug (LIFT, lift); comma-separated for several.")
    )
    return RecordFilter(field_name=field_name, model=Institute, match=("slug", "acronym"), **kwargs)


def on_or_after(field_name):
    return filters.DateFilter(
        field_name=field_name, lookup_expr="gte", label=_("On or after this date (YYYY-MM-DD).")
    )


def on_or_before(field_name):
    return filters.DateFilter(
        field_name=field_name, lookup_expr="lte", label=_("On or before this date (YYYY-MM-DD).")
    )


class AgencyFilter(KnowledgeFilterSet):
    kind = choices_filter(Agency.Kind.choices, _("Kind of agency."))
    parent = agency_filter("parent", label=_("Parent agency by acronym or slug."))
    in_matrix = BooleanFilter(
        field_name="matrix_order",
        lookup_expr="isnull",
        exclude=True,
        label=_("Only the 11 agencies of the NSAM participation matrix (true) or the others."),
    )
    ordering = StableOrderingFilter(
        fields=["acronym", "slug", "name_en", "name_zh", "matrix_order", "kind"],
        label=_("Sort by these fields (comma-separated; prefix - for descending)."),
    )

    class Meta:
        model = Agency
        fields = []


class OrganizationFilter(KnowledgeFilterSet):
    kind = choices_filter(Organization.Kind.choices, _("Kind of organisation."))
    agency = agency_filter(label=_("Organisations that are this federal agency."))
    ordering = StableOrderingFilter(
        fields=["slug", "acronym", "name_en", "name_zh", "kind"],
        label=_("Sort by these fields (comma-separated; prefix - for descending)."),
    )

    class Meta:
        model = Organization
        fields = []


class SourceFilter(KnowledgeFilterSet):
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    year = year_filter("date", "year", help_text=_("Published in this year."))
    ordering = StableOrderingFilter(
        fields=["slug", "file_name", "date", "title_en", "title_zh"],
        label=_("Sort by these fields (comma-separated; prefix - for descending)."),
    )

    class Meta:
        model = Source
        fields = []


class ProgramFilter(KnowledgeFilterSet):
    agency = agency_filter()
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["slug", "acronym", "name_en", "name_zh", "award_count", "awards_total_usd"],
        label=_("Sort by these fields (comma-separated; prefix - for descending)."),
    )

    class Meta:
        model = Program
        fields = []


class FundingFilter(KnowledgeFilterSet):
    kind = choices_filter(
        FundingAward.Kind.choices, _("Kind of funding record (repeat for several).")
    )
    program = RecordFilter(
        model=Program,
        match=("slug", "acronym"),
        label=_("Programme by slug or acronym (mfgtech, ARP); comma-separated for several."),
    )
    policy = RecordFilter(
        model=Policy,
        match=("slug", "short_name"),
        label=_("Policy by slug or short name; comma-separated for several."),
    )
    agency = agency_filter()
    recipient = organization_filter(
        "recipient", _("Recipient organisation by slug or acronym; comma-separated for several.")
    )
    institute = institute_filter()
    project = RecordFilter(
        model=Project, label=_("Roadmap project by slug; comma-separated for several.")
    )
    area = RecordFilter(
        field_name="project__area",
        model=FocusArea,
        match=("slug", "number"),
        label=_("Roadmap focus area (of the funded project) by slug or number."),
    )
    part_of = RecordFilter(
        model=FundingAward,
        label=_("The parts of this budget line (its slug); comma-separated for several."),
    )
    round = integer_filter("round", minimum=1, maximum=1000, help_text=_("Award round."))
    qualifier = choices_filter(
        [("exact", _("exact")), *FundingAward._meta.get_field("qualifier").choices[1:]],
        _("How the paper hedges the amount (exact, about, nearly, over, at_least)."),
        method="filter_qualifier",
    )
    amount_min = integer_filter(
        "amount_usd", "gte", help_text=_("Amount at least this many US dollars.")
    )
    amount_max = integer_filter(
        "amount_usd", "lte", help_text=_("Amount at most this many US dollars.")
    )
    date_after = on_or_after("date")
    date_before = on_or_before("date")
    year = year_filter("date", "year", help_text=_("Dated in this year."))
    year_min = year_filter("date", "year__gte", help_text=_("Dated in this year or later."))
    year_max = year_filter("date", "year__lte", help_text=_("Dated in this year or earlier."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["slug", "amount_usd", "date", "round", "title_en", "title_zh", "kind"],
        label=_("Sort by these fields (comma-separated; prefix - for descending)."),
    )

    class Meta:
        model = FundingAward
        fields = []

    def filter_qualifier(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(qualifier__in=["" if item == "exact" else item for item in value])
