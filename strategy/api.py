"""REST API viewsets of the strategy: policies, goals, objectives, recommendations, the matrix."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from policykb.api.viewsets import KnowledgeViewSet
from policykb.bilingual import localized
from strategy.filters import (
    GoalFilter,
    ObjectiveFilter,
    ParticipationFilter,
    PolicyFilter,
    RecommendationFilter,
)
from strategy.models import Goal, Objective, Participation, Policy, Recommendation
from strategy.serializers import (
    GoalSerializer,
    MatrixSerializer,
    ObjectiveSerializer,
    ParticipationSerializer,
    PolicySerializer,
    RecommendationSerializer,
)


class PolicyViewSet(KnowledgeViewSet):
    """The policy timeline: laws, strategies, reports and programmes, with their provisions."""

    queryset = Policy.objects.for_api()
    serializer_class = PolicySerializer
    filterset_class = PolicyFilter


class GoalViewSet(KnowledgeViewSet):
    """The National Strategy for Advanced Manufacturing's goals."""

    queryset = Goal.objects.for_api()
    serializer_class = GoalSerializer
    filterset_class = GoalFilter


class ObjectiveViewSet(KnowledgeViewSet):
    """The strategy's objectives: the rows of the participation matrix."""

    queryset = Objective.objects.for_api()
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilter


class RecommendationViewSet(KnowledgeViewSet):
    """The strategy's recommendations with their specific measures."""

    queryset = Recommendation.objects.for_api()
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter


class ParticipationViewSet(KnowledgeViewSet):
    """The objective × agency matrix, one cell per record (✓ and ✗ both recorded)."""

    queryset = Participation.objects.with_related()
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter

    def get_serializer_class(self):
        if self.action == "matrix":
            return MatrixSerializer
        return super().get_serializer_class()

    @extend_schema(responses=MatrixSerializer, filters=True)
    @action(detail=False, methods=["get"], pagination_class=None)
    def matrix(self, request):
        """The cells matching the filters as a grid: objectives as rows, agencies as columns."""
        cells = list(self.filter_queryset(self.get_queryset()).order_by())
        agencies = sorted(
            {cell.agency_id: cell.agency for cell in cells}.values(),
            key=lambda agency: (
                agency.matrix_order is None,
                agency.matrix_order or 0,
                agency.acronym,
            ),
        )
        objectives = sorted(
            {cell.objective_id: cell.objective for cell in cells}.values(),
            key=lambda objective: (objective.goal.number, objective.number),
        )
        marks = {(cell.objective_id, cell.agency_id): cell.participates for cell in cells}
        absolute = request.build_absolute_uri
        return Response(
            {
                "agencies": [
                    {
                        "slug": agency.slug,
                        "acronym": agency.acronym,
                        "name_zh": agency.name_zh,
                        "name_en": agency.name_en,
                        "name": localized(agency, "name"),
                        "matrix_order": agency.matrix_order,
                        "url": absolute(reverse("api:agency-detail", kwargs={"slug": agency.slug})),
                    }
                    for agency in agencies
                ],
                "rows": [
                    {
                        "objective": objective.slug,
                        "code": objective.code,
                        "name_zh": objective.name_zh,
                        "name_en": objective.name_en,
                        "name": localized(objective, "name"),
                        "url": absolute(
                            reverse("api:objective-detail", kwargs={"slug": objective.slug})
                        ),
                        "cells": {
                            agency.slug: marks.get((objective.pk, agency.pk)) for agency in agencies
                        },
                    }
                    for objective in objectives
                ],
            }
        )

    def get_csv_table(self, data):
        if self.action == "matrix" and isinstance(data, dict) and "rows" in data:
            acronyms = {agency["slug"]: agency["acronym"] for agency in data["agencies"]}
            header = ["objective", "code", "name_zh", "name_en", *acronyms.values()]
            rows = []
            for row in data["rows"]:
                flat = {key: row[key] for key in ("objective", "code", "name_zh", "name_en")}
                for slug, acronym in acronyms.items():
                    flat[acronym] = row["cells"].get(slug)
                rows.append(flat)
            return header, rows
        return super().get_csv_table(data)
