"""The language switcher: the same page, record and query in the other language."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from policykb.i18n import url_prefix

register = template.Library()

# Each language is named in itself, so a reader finds theirs whatever the page's language.
NATIVE_NAMES = {"zh-hans": "中文", "en": "English"}
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "html_lang": HTML_LANG.get(code, code),
                "name": NATIVE_NAMES.get(code, code),
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
                "prefix": url_prefix(code),
            }
        )
    return links


@register.simple_tag
def html_lang():
    return HTML_LANG.get(get_language(), get_language() or "zh-Hans")
