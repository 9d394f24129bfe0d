"""Every page of the site, found from the URL configuration rather than listed by hand, so a page
added later is swept by the hostile-input and security tests without anyone remembering to.

A page is a named route under the language prefix (/zh/…, /en/…); a route with a <slug> is
filled with the first record of its view's model.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation


def _routes(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from _routes(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def page_routes():
    """(url name, URLPattern) of every page under the language prefix."""
    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and isinstance(top.pattern, LocalePrefixPattern):
            yield from _routes(top.url_patterns)


def page_urls(language="en"):
    """{url name: path} of one page of every kind, in `language` ('en' or 'zh-hans')."""
    urls = {}
    with translation.override(language):
        for name, pattern in page_routes():
            kwargs = {}
            if "slug" in pattern.pattern.converters:
                model = pattern.callback.view_class.model
                slug = model._default_manager.order_by("pk").values_list("slug", flat=True)[0]
                kwargs["slug"] = slug
            urls[name] = reverse(name, kwargs=kwargs)
    return urls


class _QueryFinder(HTMLParser):
    """Query parameters a page offers: its GET forms' fields and its links' query strings."""

    def __init__(self, page_path):
        super().__init__()
        self.page_path = page_path
        self.found = {}  # path -> set of parameter names
        self.form_action = None

    def add(self, path, name):
        if name:
            self.found.setdefault(path, set()).add(name)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.form_action = urlsplit(urljoin(self.page_path, attrs.get("action") or "")).path
        elif tag in ("input", "select", "textarea") and self.form_action:
            self.add(self.form_action, attrs.get("name"))
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            url = urlsplit(urljoin(self.page_path, attrs["href"]))
            for name, _ in parse_qsl(url.query, keep_blank_values=True):
                self.add(url.path, name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form_action = None


def query_parameters(page_path, html):
    """{path: {parameter names}} that the page's forms and links send, to itself or elsewhere."""
    finder = _QueryFinder(page_path)
    finder.feed(html)
    return finder.found
