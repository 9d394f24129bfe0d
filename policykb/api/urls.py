"""The REST API under /api/: one DefaultRouter, the OpenAPI schema and its browsable docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from institutes.api import (
    InstituteViewSet,
    MemberCountViewSet,
    MepYearViewSet,
    NetworkMetricViewSet,
)
from policykb.api.disputes import DiscrepancyViewSet, FactViewSet
from policykb.api.endpoints import (
    AgencyViewSet,
    FundingViewSet,
    OrganizationViewSet,
    ProgramViewSet,
    SourceViewSet,
)
from policykb.api.throttling import TokenRateThrottle
from policykb.api.viewsets import LanguageMixin, NoSuchPathView
from roadmaps.api import FocusAreaViewSet, ProjectViewSet
from strategy.api import (
    GoalViewSet,
    ObjectiveViewSet,
    ParticipationViewSet,
    PolicyViewSet,
    RecommendationViewSet,
)

app_name = "api"


class APIRootView(LanguageMixin, DefaultRouter.APIRootView):
    """PolicyKB's REST API: every entity of the knowledge base, in Chinese and English.

    Anyone may read; writing takes a staff user's token with the model permission. The OpenAPI
    schema is at /api/schema/ and its documentation at /api/docs/.
    """


class Router(DefaultRouter):
    APIRootView = APIRootView
    include_format_suffixes = False


router = Router()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("sources", SourceViewSet, basename="source")
router.register("programs", ProgramViewSet, basename="program")
router.register("policies", PolicyViewSet, basename="policy")
router.register("goals", GoalViewSet, basename="goal")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("institutes", InstituteViewSet, basename="institute")
router.register("institute-members", MemberCountViewSet, basename="institute-member")
router.register("network-metrics", NetworkMetricViewSet, basename="network-metric")
router.register("mep-metrics", MepYearViewSet, basename="mep-metric")
router.register("roadmap-areas", FocusAreaViewSet, basename="roadmap-area")
router.register("roadmap-projects", ProjectViewSet, basename="roadmap-project")
router.register("funding", FundingViewSet, basename="funding")
router.register("discrepancies", DiscrepancyViewSet, basename="discrepancy")
router.register("facts", FactViewSet, basename="fact")


class TokenView(LanguageMixin, ObtainAuthToken):
    """POST username and password: the user's API token (for writes as a staff user)."""

    throttle_classes = [TokenRateThrottle]  # ObtainAuthToken has none: no password guessing


# The schema and its docs are outside the read quota: a generator or a notebook fetching them
# should never spend an analyst's requests.
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(throttle_classes=[]), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP allows no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", throttle_classes=[]),
        name="docs",
    ),
    path("token/", TokenView.as_view(), name="token"),
    path("", include(router.urls)),
    # Last: what nothing above matched. Only paths ending in a slash, so that APPEND_SLASH still
    # redirects /api/institutes to /api/institutes/.
    re_path(r"^[\s\S]+/\Z", NoSuchPathView.as_view(), name="no-such-path"),
]
