"""Language-prefixed URLs: /zh/… and /en/…, while the active language stays Django's `zh-hans`.

Keeping `zh-hans` as the language code means Django's, the admin's and DRF's own Chinese
catalogues apply; only the URL prefix is shortened.
"""

from django.conf import settings
from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.translation import get_language

URL_PREFIXES = {"zh-hans": "zh"}


def url_prefix(language_code):
    return URL_PREFIXES.get(language_code, language_code)


class ShortLocalePrefixPattern(LocalePrefixPattern):
    @property
    def language_prefix(self):
        return f"{url_prefix(get_language() or settings.LANGUAGE_CODE)}/"


def language_patterns(*urls):
    """Like i18n_patterns, always prefixed, with the short prefixes above."""
    return [URLResolver(ShortLocalePrefixPattern(prefix_default_language=True), list(urls))]
