"""Anonymous clients are throttled; the rates come from REST_FRAMEWORK at request time.

The figures (settings, `API_ANON_THROTTLE_RATE`) are made for analysis: reading every list of the
API page by page is about 30 requests, and reading every record one by one about 700, so an
anonymous client may read the whole knowledge base ten times an hour record by record, and
hundreds of times list by list. The schema and the docs are not counted; responses served from
the response cache (policykb/caching.py) are not either, since they cost no rendering.

Every anonymous API response says where its client stands, in the IETF draft's headers
(draft-ietf-httpapi-ratelimit-headers): `RateLimit-Limit`, `RateLimit-Remaining`,
`RateLimit-Reset` (seconds until the oldest request counted leaves the window, when one more
request is allowed) and `RateLimit-Policy` (`10000;w=3600`).
"""

import math
import time

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

# Where the view leaves its throttle's count for RateLimitHeadersMiddleware (on the HttpRequest).
STATE_ATTRIBUTE = "_policykb_rate_limit"


class AnonymousRateThrottle(AnonRateThrottle):
    """AnonRateThrottle reading DEFAULT_THROTTLE_RATES live (so settings overrides take effect),
    and leaving its count on the request for the RateLimit headers."""

    scope = "anon"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is not None and getattr(self, "key", None) is not None:
            setattr(http_request(request), STATE_ATTRIBUTE, self.state())
        return allowed

    def state(self):
        """(limit, remaining, seconds to reset) after this request was counted (or refused)."""
        return rate_limit_state(self.num_requests, self.duration, self.history, self.now)


class TokenRateThrottle(AnonymousRateThrottle):
    """POST /api/token/: password guesses, far fewer than reads (REST_FRAMEWORK's `token`)."""

    scope = "token"


def http_request(request):
    return getattr(request, "_request", request)


def rate_limit_state(limit, duration, history, now):
    """(limit, remaining, seconds to reset, window in seconds) of a sliding window's history
    (newest first, as DRF keeps it)."""
    remaining = max(0, limit - len(history))
    reset = math.ceil(history[-1] + duration - now) if history else 0
    return limit, remaining, max(0, reset), duration


def peek(request, throttle_class=AnonymousRateThrottle):
    """The anonymous client's standing without counting a request (a cache hit, the schema), or
    None when no rate applies or the throttle's cache cannot be read."""
    throttle = throttle_class()
    if throttle.rate is None:
        return None
    limit, duration = throttle.parse_rate(throttle.rate)
    key = throttle.cache_format % {"scope": throttle.scope, "ident": throttle.get_ident(request)}
    now = time.time()
    try:
        history = throttle.cache.get(key, [])
    except Exception:  # the throttle fails open (Redis away): no headers rather than an error
        return None
    history = [moment for moment in history if moment > now - duration]
    return rate_limit_state(limit, duration, history, now)


def stamp(response, state):
    limit, remaining, reset, window = state
    response["RateLimit-Limit"] = str(limit)
    response["RateLimit-Remaining"] = str(remaining)
    response["RateLimit-Reset"] = str(reset)
    response["RateLimit-Policy"] = f"{limit};w={window}"
    return response


PERIODS = {
    "s": _("second"),
    "m": _("minute"),
    "h": _("hour"),
    "d": _("day"),
}


def describe_rate(rate):
    """'1200/hour' -> '1200 requests per hour' in the active language."""
    try:
        number, period = rate.split("/")
        return _("%(number)s requests per %(period)s") % {
            "number": int(number),
            "period": PERIODS[period.strip()[0]],
        }
    except (ValueError, KeyError, IndexError):
        return rate


class Throttled(exceptions.Throttled):
    default_detail = _("Too many requests.")
    extra_detail_singular = _("Try again in %(wait)d second.")
    extra_detail_plural = _("Try again in %(wait)d seconds.")

    def __init__(self, wait=None, rate=None):
        wait_seconds = None if wait is None else max(1, math.ceil(wait))
        if rate:
            detail = _(
                "Too many requests: anonymous clients may make %(rate)s. Slow down, or "
                "authenticate with a token."
            ) % {"rate": describe_rate(rate)}
        else:
            detail = str(self.default_detail)
        if wait_seconds is not None:
            extra = self.extra_detail_singular if wait_seconds == 1 else self.extra_detail_plural
            # Chinese sentences follow each other without a space.
            space = "" if (get_language() or "").startswith("zh") else " "
            detail = f"{detail}{space}{extra % {'wait': wait_seconds}}"
        # APIException's own constructor: DRF's Throttled would append its "Try again" again.
        exceptions.APIException.__init__(self, detail=detail)
        self.wait = wait_seconds
