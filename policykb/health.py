"""/healthz/: can this app server answer? A load balancer's probe, so it checks the one thing
every page needs, the database, and says nothing else about the deployment.

The probe is answered by a middleware near the top of the stack rather than only by the URL
route: it reaches an app server by its own address (so ALLOWED_HOSTS would refuse its Host), and
no other middleware on the way (sessions, the response cache, which reads the database itself)
may turn "the database is down" into a 500 instead of this endpoint's 503.
"""

import logging

from django.db import Error as DatabaseError
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PATH = "/healthz/"


@never_cache  # a probe must see the database as it is now, never a cached answer
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Logged with the cause for the operator; the probe only learns that the database is down.
        logger.exception("Health check: the database is unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PATH:
            return healthz(request)
        return self.get_response(request)
