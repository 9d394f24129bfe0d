"""The app's URLs plus /bench/constant/: the ceiling of the stack, measured in the same run."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from policykb.urls import urlpatterns as app_urlpatterns


# never_cache: the ceiling is a view the whole middleware stack runs for, not a cache hit.
@never_cache
def constant(request):
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("bench/constant/", constant), *app_urlpatterns]
