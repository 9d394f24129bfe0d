"""REST API viewsets of the MFGTech roadmaps: focus areas and projects."""

from policykb.api.viewsets import KnowledgeViewSet
from roadmaps.filters import FocusAreaFilter, ProjectFilter
from roadmaps.models import FocusArea, Project
from roadmaps.serializers import FocusAreaSerializer, ProjectSerializer


class FocusAreaViewSet(KnowledgeViewSet):
    """The four technology areas NIST's MFGTech programme funds roadmaps in."""

    queryset = FocusArea.objects.for_api()
    serializer_class = FocusAreaSerializer
    filterset_class = FocusAreaFilter


class ProjectViewSet(KnowledgeViewSet):
    """MFGTech roadmap projects: lead, partners in order, duration, funding."""

    queryset = Project.objects.with_related()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
