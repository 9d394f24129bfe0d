"""Middleware of the API's responses: rate-limit headers, compression, CORS for reads.

Each acts on /api/ only. In MIDDLEWARE they sit before the response cache, so that a response
served from it is compressed, stamped and CORS-enabled like a rendered one, and the cache keeps
none of what differs per client (the counts, the encoding).
"""

from django.middleware.gzip import GZipMiddleware

from .throttling import STATE_ATTRIBUTE, peek, stamp

API_PREFIX = "/api/"


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


class RateLimitHeadersMiddleware:
    """RateLimit-Limit / -Remaining / -Reset / -Policy on every anonymous API response: the count
    the view's throttle left, else (a cached response, the schema, a 404 before any view) the
    client's standing read without counting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api(request):
            return response
        state = getattr(request, STATE_ATTRIBUTE, None)
        user = getattr(request, "user", None)
        if state is None and not (user is not None and user.is_authenticated):
            state = peek(request)
        if state is not None:
            stamp(response, state)
        return response


class APIGZipMiddleware(GZipMiddleware):
    """gzip for the API's JSON and CSV (a funding page: 108 KB to about 10). The pages are left
    to the front server (deploy/nginx.conf), whose gzip also covers them; static files come
    compressed from WhiteNoise."""

    def process_response(self, request, response):
        if not is_api(request):
            return response
        return super().process_response(request, response)


def cors_enabled(sender, request, **kwargs):
    """django-cors-headers' check_request_enabled: CORS for the API's reads only (GET, HEAD and
    their preflight); a write's response carries no CORS header, so writes stay same-origin."""
    return is_api(request) and request.method in ("GET", "HEAD", "OPTIONS")
