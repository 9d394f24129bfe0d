"""The base viewset: read for everyone, write for staff with the model permission."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, views, viewsets
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.renderers import JSONRenderer

from .language import activate_request_language, requested_language
from .throttling import AnonymousRateThrottle, Throttled

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


class LanguageMixin:
    """?lang= is applied before anything else, so even a 401 or 429 speaks the asked language."""

    extra_query_params = ()

    def initial(self, request, *args, **kwargs):
        activate_request_language(request)
        super().initial(request, *args, **kwargs)
        requested_language(request)  # an unknown ?lang= is a 400

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:  # DRF's answer to an unknown ?format=: "Not found."
            raise NotAcceptable(
                _("Unknown format %(value)r: use format=json or format=csv.")
                % {"value": request.query_params.get("format", "")}
            ) from error

    def throttled(self, request, wait):
        rate = None
        if not request.user.is_authenticated:
            rate = next(
                (
                    t.get_rate()
                    for t in self.get_throttles()
                    if isinstance(t, AnonymousRateThrottle)
                ),
                None,
            )
        raise Throttled(wait=wait, rate=rate)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        renderer = getattr(response, "accepted_renderer", None)
        if response.status_code >= 400 and getattr(renderer, "format", None) == "csv":
            # An error is a message, not a table: always JSON.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
            response.renderer_context = self.get_renderer_context()
        return response


class ReadOnlyKnowledgeViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """A ReadOnlyModelViewSet by slug, with a clear 404 and CSV columns in declared order."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:
            model = self.get_queryset().model
            raise NotFound(
                _("There is no %(model)s with the slug %(slug)r.")
                % {"model": model._meta.verbose_name, "slug": self.kwargs.get(self.lookup_field)}
            ) from error

    def get_csv_table(self, data):
        """CSV columns: the serializer's fields in declared order (also when there are no rows)."""
        if isinstance(data, list):
            return list(self.get_serializer().fields), data
        if isinstance(data, dict) and "slug" in data:
            return list(self.get_serializer().fields), [data]
        return None


class KnowledgeViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ReadOnlyKnowledgeViewSet,
):
    """The read-only viewset plus the write actions, which pass StaffModelPermissionsOrReadOnly."""


class NoSuchPathView(LanguageMixin, views.APIView):
    """Any other path under /api/: a JSON 404 (never the site's HTML page), whatever the method."""

    schema = None  # not an operation of the schema
    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        activate_request_language(request)
        raise NotFound(
            _("There is no %(path)s in the API: its endpoints are listed at /api/.")
            % {"path": request.path}
        )

    def options(self, request, *args, **kwargs):
        self.initial(request, *args, **kwargs)

    get = post = put = patch = delete = options
