"""Every record is a page a reader can reach: it renders in both languages, every link on every
page resolves, and every record is at most three clicks from the home page."""

import re
from collections import deque
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation

from policykb.models.base import KnowledgeRecord

# Read-only: the knowledge base loaded once for the session is all these tests need.
pytestmark = pytest.mark.django_db

LANGUAGES = {"zh": "zh-hans", "en": "en"}
LINK = re.compile(r'href="(/(?:zh|en)/[^"#]*)(?:#([^"]*))?"')


def record_models():
    return sorted(
        (m for m in apps.get_models() if issubclass(m, KnowledgeRecord)),
        key=lambda m: m._meta.label,
    )


def record_urls(prefix):
    """Every record's permalink in one language: (label, slug, path, fragment)."""
    with translation.override(LANGUAGES[prefix]):
        for model in record_models():
            for record in model._default_manager.all():
                path, _, fragment = record.get_absolute_url().partition("#")
                yield model._meta.label, record.slug, path, fragment


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Every page reachable from /zh/ and /en/, with its status, links and clicks from home."""
    client = Client()
    pages = {}
    with django_db_blocker.unblock():
        for prefix in LANGUAGES:
            home = f"/{prefix}/"
            queue = deque([(home, 0)])
            depth = {home: 0}
            while queue:
                path, clicks = queue.popleft()
                response = client.get(path)
                html = response.content.decode() if response.status_code == 200 else ""
                links = [(unquote(p), unquote(f or "")) for p, f in LINK.findall(html)]
                pages[path] = {
                    "status": response.status_code,
                    "clicks": clicks,
                    "links": links,
                    "ids": set(re.findall(r'id="([^"]+)"', html)),
                }
                for link, _fragment in links:
                    target = urlsplit(link).path
                    # The language switcher's links are checked by the other language's crawl.
                    if target.startswith(home) and target not in depth:
                        depth[target] = clicks + 1
                        queue.append((target, clicks + 1))
    return pages


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m._meta.label)
@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_record_page_renders_in_both_languages(site, model, prefix, django_db_blocker):
    with django_db_blocker.unblock(), translation.override(LANGUAGES[prefix]):
        records = list(model._default_manager.all())
        assert records, f"no {model._meta.label} in the fixtures"
        for record in records:
            path, _, fragment = record.get_absolute_url().partition("#")
            assert path.startswith(f"/{prefix}/")
            page = site.get(path)
            assert page, f"{path} ({model._meta.label} {record.slug}) is not linked from any page"
            assert page["status"] == 200, path
            if fragment:
                assert fragment in page["ids"], f"{path} has no #{fragment}"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_record_is_at_most_three_clicks_from_home(site, prefix, django_db_blocker):
    with django_db_blocker.unblock():
        far = [
            (label, slug, site[path]["clicks"])
            for label, slug, path, _ in record_urls(prefix)
            if path in site and site[path]["clicks"] > 3
        ]
    assert far == []


def test_every_link_on_every_page_resolves(site):
    broken = [path for path, page in site.items() if page["status"] != 200]
    assert broken == []
    # Links into the other language (the switcher) land on pages that language's crawl reached.
    linked = {urlsplit(link).path for page in site.values() for link, _ in page["links"]}
    assert linked - set(site) == set()


def test_every_fragment_a_page_links_to_exists_on_the_target(site):
    missing = []
    for path, page in site.items():
        for link, fragment in page["links"]:
            target = site.get(urlsplit(link).path)
            if fragment and target and fragment not in target["ids"]:
                missing.append((path, link, fragment))
    assert missing == []


def test_both_languages_hold_the_same_pages(site):
    zh = {path.removeprefix("/zh") for path in site if path.startswith("/zh/")}
    en = {path.removeprefix("/en") for path in site if path.startswith("/en/")}
    assert zh == en
    assert len(zh) > 450
