"""Anonymous clients are throttled; the rate comes from REST_FRAMEWORK at request time."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """AnonRateThrottle reading DEFAULT_THROTTLE_RATES live (so settings overrides take effect)."""

    scope = "anon"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


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
        wait_seconds = None if wait is None else max(1, int(round(wait)))
        if rate:
            detail = _(
                "Too many requests: anonymous clients may make %(rate)s. Slow down, or "
                "authenticate with a token."
            ) % {"rate": describe_rate(rate)}
        else:
            detail = self.default_detail
        if wait_seconds is not None:
            extra = self.extra_detail_singular if wait_seconds == 1 else self.extra_detail_plural
            detail = f"{detail} {extra % {'wait': wait_seconds}}"
        super().__init__(wait=wait, detail=detail)
