"""Record URLs by slug, resolved once per URL name instead of once per link.

A page or an API list links hundreds of records, and `reverse` for each link was a fifth of an
API list's time. `reverse` is asked once for a URL with a placeholder slug; everything its answer
depends on (URL conf, script prefix, language prefix) is in the cache key.
"""

import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

PLACEHOLDER = "slug-placeholder"


@functools.lru_cache(maxsize=1024)
def _parts(view_name, kwarg, script_prefix, language, urlconf):
    before, _, after = reverse(view_name, kwargs={kwarg: PLACEHOLDER}, urlconf=urlconf).partition(
        PLACEHOLDER
    )
    return before, after


def url_parts(view_name, kwarg="slug"):
    """(before, after): the URL of `view_name` is before + quoted slug + after."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _parts(view_name, kwarg, get_script_prefix(), get_language(), urlconf)


def slug_url(view_name, slug, kwarg="slug"):
    """reverse(view_name, kwargs={kwarg: slug}), without resolving the URL name again."""
    before, after = url_parts(view_name, kwarg)
    return f"{before}{quoted(slug)}{after}"


@functools.lru_cache(maxsize=8192)
def quoted(slug):
    """The slug as a URL path segment; the same few thousand slugs are linked over and over."""
    return quote(str(slug), safe="")
