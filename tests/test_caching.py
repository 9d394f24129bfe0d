"""Caching that is never stale: a reader sees every change on the very next request, a browser
that holds the current page gets a 304, repeated visits are served from the cache, and nothing
that belongs to one visitor (a login, a CSRF token) is ever served to another."""

import shutil
import socket
import uuid

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from policykb.kb.loading import knowledge_base_load
from policykb.kb.scaling import knowledge_base_scale, knowledge_base_unscale
from policykb.models import Agency, Fact, Organization
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

PAGE = "/en/agencies/dod/"
API = "/api/agencies/dod/"


@pytest.fixture(autouse=True)
def response_cache(settings):
    settings.RESPONSE_CACHE = True
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    caches["responses"].clear()
    caches["default"].clear()
    yield
    caches["responses"].clear()
    caches["default"].clear()


@pytest.fixture
def reader():
    """An anonymous visitor."""
    return APIClient()


def staff_token_client():
    user = User.objects.create_superuser("editor", password="editor-password-2024")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def admin_change(admin_client, obj, **changes):
    """Open the record's admin page, change fields as a curator would, and save."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    data = form_data(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:500]


# --- The cache is used, and a browser's copy is revalidated cheaply -----------------------------


@pytest.mark.parametrize("url", [PAGE, API, "/en/", "/api/funding/?page_size=50"])
def test_a_second_visit_is_served_from_the_cache(reader, url, django_assert_max_num_queries):
    first = reader.get(url)
    assert first.status_code == 200
    assert first["X-Response-Cache"] == "miss"

    # One query: the data version, which proves the copy is still current.
    with django_assert_max_num_queries(1):
        second = reader.get(url)
    assert second["X-Response-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("cache_on", [True, False])
def test_a_browser_holding_the_current_page_gets_a_304_without_rendering(
    reader, settings, cache_on, django_assert_max_num_queries
):
    settings.RESPONSE_CACHE = cache_on
    first = reader.get(PAGE)
    assert first["ETag"].startswith('W/"')
    assert "no-cache" in first["Cache-Control"]

    with django_assert_max_num_queries(1):
        by_etag = reader.get(PAGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]

    by_date = reader.get(PAGE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304

    # Another page's ETag does not match this one.
    other = reader.get("/en/agencies/doe/")
    assert reader.get(PAGE, HTTP_IF_NONE_MATCH=other["ETag"]).status_code == 200


# --- Any change is visible on the next request ---------------------------------------------------


def assert_changed(reader, url, before, text):
    """The next request shows `text`, and the browser's old copy no longer counts as current."""
    after = reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert text in after.content.decode()


def test_a_save_in_the_admin_shows_on_the_next_request(reader, admin_client):
    page, api = reader.get(PAGE), reader.get(API)
    assert reader.get(PAGE)["X-Response-Cache"] == "hit"

    admin_change(
        admin_client,
        Agency.objects.get(slug="dod"),
        description_zh="在管理后台修改。",
        description_en="Changed in the admin.",
    )

    assert_changed(reader, PAGE, page, "Changed in the admin.")
    assert_changed(reader, API, api, "Changed in the admin.")


def test_a_deletion_in_the_admin_shows_on_the_next_request(reader, admin_client):
    fact = Fact.objects.order_by("slug").first()
    page = reader.get("/en/figures/")
    assert fact.get_absolute_url() in page.content.decode()

    url = reverse("admin:policykb_fact_delete", args=[fact.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    after = reader.get("/en/figures/")
    assert after["ETag"] != page["ETag"]
    assert fact.get_absolute_url() not in after.content.decode()


def test_a_write_through_the_api_shows_on_the_next_request(reader):
    page, api = reader.get(PAGE), reader.get(API)

    change = {"description_zh": "经 API 更新。", "description_en": "Updated by the API."}
    assert staff_token_client().patch(API, change, format="json").status_code == 200

    assert_changed(reader, PAGE, page, "Updated by the API.")
    assert_changed(reader, API, api, "Updated by the API.")


def test_load_kb_with_a_changed_fixture_shows_on_the_next_request(reader, tmp_path, settings):
    url, page_url = "/api/organizations/purdue/", "/en/organisations/purdue/"
    before, page = reader.get(url), reader.get(page_url)
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    settings.FIXTURES_DIR = fixtures
    path = fixtures / "02_organizations.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in document["records"]:
        if record["slug"] == "purdue":
            record["location_en"] = "West Lafayette, IN (changed)"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    assert knowledge_base_load().changed == 1

    assert_changed(reader, url, before, "West Lafayette, IN (changed)")
    assert_changed(reader, page_url, page, "West Lafayette, IN (changed)")


def test_scale_kb_and_its_removal_show_on_the_next_request(reader):
    before = reader.get("/api/institutes/")
    assert before.json()["count"] == 16

    knowledge_base_scale(factor=2)
    scaled = reader.get("/api/institutes/")
    assert scaled.json()["count"] == 32

    knowledge_base_unscale()
    assert reader.get("/api/institutes/").json()["count"] == 16


def test_bulk_writes_and_raw_sql_show_on_the_next_request(reader):
    """Writes that send no Django signal: bulk_create, QuerySet.update(), SQL from elsewhere."""
    before = reader.get("/api/organizations/")
    Organization.objects.bulk_create(
        [Organization(slug="bulk-made", name_zh="批量", name_en="Bulk Made", kind="company")]
    )
    after = reader.get("/api/organizations/")
    assert after.json()["count"] == before.json()["count"] + 1

    page = reader.get(PAGE)
    Agency.objects.filter(slug="dod").update(description_en="Updated in bulk.")
    assert_changed(reader, PAGE, page, "Updated in bulk.")

    page = reader.get(PAGE)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE policykb_agency SET description_en = %s WHERE slug = %s",
            ["Updated by another program.", "dod"],
        )
    assert_changed(reader, PAGE, page, "Updated by another program.")


# --- Keyed by what changes a response: language and format ---------------------------------------


def test_each_language_and_format_has_its_own_cached_copy(reader):
    dod = Agency.objects.get(slug="dod")
    english = reader.get(API, HTTP_ACCEPT_LANGUAGE="en")
    chinese = reader.get(API, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert english.json()["name"] == dod.name_en
    assert chinese.json()["name"] == dod.name_zh
    assert reader.get(API, HTTP_ACCEPT_LANGUAGE="en").json()["name"] == dod.name_en
    assert reader.get(API, {"lang": "zh"}).json()["name"] == dod.name_zh

    as_json = reader.get("/api/agencies/", HTTP_ACCEPT="application/json")
    as_csv = reader.get("/api/agencies/", HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"].startswith("application/json")
    assert as_csv["Content-Type"].startswith("text/csv")
    again = reader.get("/api/agencies/", HTTP_ACCEPT="text/csv")
    assert again["X-Response-Cache"] == "hit"
    assert again["Content-Type"].startswith("text/csv")

    assert "ETag" in reader.get("/zh/agencies/dod/")
    assert reader.get("/zh/agencies/dod/")["ETag"] != reader.get(PAGE)["ETag"]


# --- Never cached: what belongs to one visitor ---------------------------------------------------


def test_signed_in_curators_always_get_a_fresh_page_and_never_the_cache(reader, admin_client):
    reader.get(PAGE)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(PAGE)
        assert len(queries) > 3  # rendered for them, not taken from the cache
        assert "X-Response-Cache" not in response
        assert "ETag" not in response

    token_client = staff_token_client()
    token_client.get(API)
    second = token_client.get(API)
    assert "X-Response-Cache" not in second
    assert "ETag" not in second


def test_a_response_that_sets_a_cookie_is_never_cached(reader):
    """The browsable API's form carries a CSRF token: it must reach no other visitor."""
    first = reader.get(API, HTTP_ACCEPT="text/html")
    assert first.status_code == 200
    assert "csrftoken" in first.cookies
    assert "X-Response-Cache" not in first

    other_visitor = APIClient()
    second = other_visitor.get(API, HTTP_ACCEPT="text/html")
    assert "X-Response-Cache" not in second
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_writes_and_visitors_with_a_session_bypass_the_cache(reader):
    reader.get(API)
    assert reader.post("/api/agencies/", {}).status_code in (401, 403)
    assert reader.head(API)["X-Response-Cache"] == "hit"

    with_session = APIClient()
    with_session.cookies["sessionid"] = "not-a-real-session"
    assert "X-Response-Cache" not in with_session.get(API)


# --- Shared by every app server: Redis ------------------------------------------------------------


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_redis_holds_the_cache_for_every_app_server(reader, settings):
    settings.CACHES = {
        **settings.CACHES,
        "responses": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            # Its own keys, left to expire: clear() would empty the whole Redis database.
            "KEY_PREFIX": f"policykb-test-{uuid.uuid4().hex}",
            "TIMEOUT": 60,
        },
    }
    assert reader.get(PAGE)["X-Response-Cache"] == "miss"
    assert reader.get(PAGE)["X-Response-Cache"] == "hit"
    Agency.objects.filter(slug="dod").update(description_en="Seen through Redis too.")
    response = reader.get(PAGE)
    assert response["X-Response-Cache"] == "miss"
    assert "Seen through Redis too." in response.content.decode()
