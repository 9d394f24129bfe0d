"""Root URLs: pages under /zh/ and /en/, the API under /api/, the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

from policykb.health import healthz
from policykb.i18n import language_patterns
from policykb.views import language_redirect

urlpatterns = [
    path("", language_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("api/", include("policykb.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    *language_patterns(
        path("", include("policykb.views.urls")),
        path("strategy/", include("strategy.urls")),
        path("roadmaps/", include("roadmaps.urls")),
        path("institutes/", include("institutes.urls")),
    ),
]
