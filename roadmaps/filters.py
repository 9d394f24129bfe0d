"""REST API filters of the MFGTech roadmaps: focus areas and projects."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from policykb.api.filters import (
    KnowledgeFilterSet,
    RecordFilter,
    StableOrderingFilter,
    integer_filter,
    source_filter,
    year_filter,
)
from policykb.api.filtersets import on_or_after, on_or_before, organization_filter
from roadmaps.models import FocusArea, Project

ORDERING_LABEL = _("Sort by these fields (comma-separated; prefix - for descending).")


class FocusAreaFilter(KnowledgeFilterSet):
    number = integer_filter("number", minimum=1, maximum=1000, help_text=_("Area number (1-4)."))
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=["number", "slug", "name_en", "name_zh"], label=ORDERING_LABEL
    )

    class Meta:
        model = FocusArea
        fields = []


class ProjectFilter(KnowledgeFilterSet):
    area = RecordFilter(
        model=FocusArea,
        match=("slug", "number"),
        label=_("Focus area by slug or number (1-4); comma-separated for several."),
    )
    lead = organization_filter("lead", _("Lead organisation by slug or acronym."))
    partner = organization_filter(
        "partners", _("Partner organisation by slug or acronym."), distinct=True
    )
    organization = organization_filter(
        "organization",
        _("Projects an organisation leads or partners in, by slug or acronym."),
        method="filter_organization",
    )
    start_after = on_or_after("start")
    start_before = on_or_before("start")
    end_after = on_or_after("end")
    end_before = on_or_before("end")
    year = year_filter("start", "year", help_text=_("Starting in this year."))
    round = integer_filter(
        "funding__round",
        minimum=1,
        maximum=1000,
        help_text=_("MFGTech award round of the project."),
        distinct=True,
    )
    source = source_filter()
    ordering = StableOrderingFilter(
        fields=[("area__number", "area"), "start", "end", "slug", "title_en", "title_zh"],
        label=ORDERING_LABEL,
    )

    class Meta:
        model = Project
        fields = []

    def filter_organization(self, queryset, name, value):
        return queryset.filter(
            Q(lead__in=value) | Q(pk__in=Project.objects.filter(partners__in=value).values("pk"))
        )
