"""What a locked-out login sees (django-axes): the admin's own page, in the reader's language.

django-axes' default answer is a bare line of English; a curator who mistyped their password
should instead learn, in their language, how long to wait and who can unlock them.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "minutes": max(1, seconds // 60),
    }
    response = render(request, "admin/policykb/locked_out.html", context, status=429)
    # 429 Too Many Requests: well-behaved clients (and scripts) wait this long before retrying.
    response["Retry-After"] = str(seconds)
    return response
