"""REST API viewsets of Manufacturing USA: institutes, member counts, network figures, MEP."""

from institutes.filters import (
    InstituteFilter,
    MemberCountFilter,
    MepYearFilter,
    NetworkMetricFilter,
)
from institutes.models import Institute, MemberCount, MepYear, NetworkMetric
from institutes.serializers import (
    InstituteSerializer,
    MemberCountSerializer,
    MepYearSerializer,
    NetworkMetricSerializer,
)
from policykb.api.viewsets import KnowledgeViewSet


class InstituteViewSet(KnowledgeViewSet):
    """The Manufacturing USA institutes, with members, partners, proposals and funding."""

    queryset = Institute.objects.for_api()
    serializer_class = InstituteSerializer
    filterset_class = InstituteFilter


class MemberCountViewSet(KnowledgeViewSet):
    """Institutes' member counts, one per source and year."""

    queryset = MemberCount.objects.for_api()
    serializer_class = MemberCountSerializer
    filterset_class = MemberCountFilter


class NetworkMetricViewSet(KnowledgeViewSet):
    """The Manufacturing USA network's yearly figures, as each source states them."""

    queryset = NetworkMetric.objects.with_sources()
    serializer_class = NetworkMetricSerializer
    filterset_class = NetworkMetricFilter


class MepYearViewSet(KnowledgeViewSet):
    """Manufacturing Extension Partnership results per year."""

    queryset = MepYear.objects.with_sources()
    serializer_class = MepYearSerializer
    filterset_class = MepYearFilter
