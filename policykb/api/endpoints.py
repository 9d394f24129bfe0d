"""REST API viewsets of the shared records: agencies, organisations, sources, programmes, funding.

(`policykb/api/` is the package of shared API pieces, so these live here, not in policykb/api.py.)
"""

from types import SimpleNamespace

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from policykb.api.filtersets import (
    AgencyFilter,
    FundingFilter,
    OrganizationFilter,
    ProgramFilter,
    SourceFilter,
)
from policykb.api.serializers import (
    AgencySerializer,
    FundingAwardSerializer,
    FundingSummarySerializer,
    OrganizationSerializer,
    ProgramSerializer,
    SourceSerializer,
)
from policykb.api.viewsets import KnowledgeViewSet
from policykb.bilingual import localized
from policykb.models import Agency, FundingAward, Organization, Program, Source


class AgencyViewSet(KnowledgeViewSet):
    """US federal departments, agencies, offices and programmes the papers name."""

    queryset = Agency.objects.for_api()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter


class OrganizationViewSet(KnowledgeViewSet):
    """Leads, partners, recipients: one record per body wherever it appears."""

    queryset = Organization.objects.for_api()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter


class SourceViewSet(KnowledgeViewSet):
    """The papers every figure is traced to."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    filterset_class = SourceFilter


class ProgramViewSet(KnowledgeViewSet):
    """Federal funding programmes, with their awards' count and total."""

    queryset = Program.objects.for_api()
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter


GROUP_BY_PARAM = "group_by"
# group_by value -> (the column grouped on, the name columns, the API record's basename)
GROUPS = {
    "program": ("program__slug", ("program__name_zh", "program__name_en"), "program"),
    "agency": ("agency__slug", ("agency__name_zh", "agency__name_en"), "agency"),
    "year": ("year", None, None),
    "recipient": ("recipient__slug", ("recipient__name_zh", "recipient__name_en"), "organization"),
    "institute": ("institute__slug", ("institute__name_zh", "institute__name_en"), "institute"),
}
SUMMARY_COLUMNS = ["key", "name_zh", "name_en", "name", "count", "total_usd", "url"]


class FundingViewSet(KnowledgeViewSet):
    """Awards, budget lines and commitments in whole US dollars, linked to what they fund."""

    queryset = FundingAward.objects.for_api()
    serializer_class = FundingAwardSerializer
    filterset_class = FundingFilter

    @property
    def extra_query_params(self):
        return (GROUP_BY_PARAM,) if self.action == "summary" else ()

    def get_serializer_class(self):
        if self.action == "summary":
            return FundingSummarySerializer
        return super().get_serializer_class()

    @extend_schema(
        summary=_("Count and total of the funding records per group"),
        parameters=[
            OpenApiParameter(
                GROUP_BY_PARAM,
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(GROUPS),
                description=_("What to group the funding records matching the filters by."),
            )
        ],
        responses=FundingSummarySerializer,
        filters=True,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request):
        group_by = request.query_params.get(GROUP_BY_PARAM, "")
        if not group_by:
            raise ValidationError(
                {
                    GROUP_BY_PARAM: [
                        _("group_by is required: use one of %(choices)s.")
                        % {"choices": ", ".join(GROUPS)}
                    ]
                }
            )
        if group_by not in GROUPS:
            raise ValidationError(
                {
                    GROUP_BY_PARAM: [
                        _("Unknown group_by %(value)r: use one of %(choices)s.")
                        % {"value": group_by, "choices": ", ".join(GROUPS)}
                    ]
                }
            )
        matching = self.filter_queryset(self.get_queryset())
        records = FundingAward.objects.filter(pk__in=matching.values("pk")).order_by()
        totals = records.aggregate(count=Count("pk"), total_usd=records.counted_sum())
        return Response(
            {
                "group_by": group_by,
                "count": totals["count"],
                "total_usd": totals["total_usd"],
                "groups": self.summary_groups(records, group_by),
            }
        )

    def summary_groups(self, records, group_by):
        key, names, basename = GROUPS[group_by]
        if group_by == "year":
            records = records.annotate(year=ExtractYear("date"))
        columns = [key, *(names or ())]
        rows = records.values(*columns).annotate(count=Count("pk"), total_usd=records.counted_sum())
        groups = []
        for row in rows:
            value = row[key]
            if names:
                name_zh, name_en = row[names[0]], row[names[1]]
            else:
                name_zh = name_en = None if value is None else str(value)
            url = None
            if basename and value is not None:
                url = self.request.build_absolute_uri(
                    reverse(f"api:{basename}-detail", kwargs={"slug": value})
                )
            pair = SimpleNamespace(name_zh=name_zh or "", name_en=name_en or "")
            groups.append(
                {
                    "key": None if value is None else str(value),
                    "name_zh": name_zh,
                    "name_en": name_en,
                    "name": localized(pair, "name") or None,
                    "url": url,
                    "count": row["count"],
                    "total_usd": row["total_usd"],
                }
            )
        if group_by == "year":
            groups.sort(key=lambda g: (g["key"] is None, g["key"] or ""))
        else:
            groups.sort(key=lambda g: (-g["total_usd"], g["key"] is None, g["key"] or ""))
        return groups

    def get_csv_table(self, data):
        if self.action == "summary" and isinstance(data, dict) and "groups" in data:
            return SUMMARY_COLUMNS, data["groups"]
        return super().get_csv_table(data)
