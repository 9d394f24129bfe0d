"""The API as analysts' tools meet it: rate limits and their headers, CORS, gzip, Link headers,
the discrepancies and stated figures as endpoints of their own."""

import gzip
import math

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.test import APIClient

from policykb.models import Discrepancy, Fact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    # Throttle counts live in the default cache: every test here starts from none.
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def api():
    return APIClient()


def every_list(api):
    """Every list endpoint's URL, from the API root."""
    return list(api.get("/api/").json().values())


# --- rate limits -------------------------------------------------------------------------------


def test_ten_full_paginated_reads_of_every_endpoint_are_never_throttled(settings):
    # The default rates, not a test override: what an analyst meets.
    settings.RESPONSE_CACHE = False  # every request rendered, so every one counted
    client = APIClient()
    requests = 0
    for _ in range(10):
        requests += 1  # the root, listing the endpoints
        for url in every_list(client):
            while url:
                response = client.get(url)
                requests += 1
                assert response.status_code == 200, (url, response.content[:200])
                url = response.json()["next"]
    limit = int(response["RateLimit-Limit"])
    assert limit == 10000
    assert int(response["RateLimit-Remaining"]) == limit - requests
    assert requests >= 10 * 18


def test_every_api_response_tells_the_client_where_it_stands(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "token": "30/hour"},
    }
    first = api.get("/api/institutes/")
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("5", "4")
    assert first["RateLimit-Policy"] == "5;w=60"
    assert 0 < int(first["RateLimit-Reset"]) <= 60
    # A 404 of a path the API does not have, the schema and the docs say where it stands but
    # are not counted: none costs a query.
    assert api.get("/api/no-such-thing/")["RateLimit-Remaining"] == "4"
    for path in ("/api/schema/", "/api/docs/"):
        response = api.get(path)
        assert response.status_code == 200
        assert response["RateLimit-Remaining"] == "4"
    for _ in range(4):
        api.get("/api/agencies/")
    refused = api.get("/api/agencies/", {"lang": "en"})
    assert refused.status_code == 429
    assert refused["RateLimit-Remaining"] == "0"
    assert refused["Retry-After"] == refused["RateLimit-Reset"]
    # The schema is still served when the quota is spent.
    assert api.get("/api/schema/").status_code == 200


def test_a_cached_response_carries_fresh_counts(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100/minute", "token": "30/hour"},
    }
    settings.RESPONSE_CACHE = True
    api.get("/api/goals/")
    api.get("/api/objectives/")
    cached = api.get("/api/goals/")
    assert cached["X-Response-Cache"] == "hit"
    assert cached["RateLimit-Remaining"] == "98"  # a hit costs no rendering and is not counted


@pytest.mark.parametrize("wait, unit", [(1, "second."), (3270, "seconds.")])
def test_the_429_message_says_it_once_in_each_language(wait, unit):
    from django.utils import translation

    from policykb.api.throttling import Throttled

    with translation.override("en"):
        detail = str(Throttled(wait=wait, rate="10000/hour").detail)
    assert detail == (
        "Too many requests: anonymous clients may make 10000 requests per hour. Slow down, or "
        f"authenticate with a token. Try again in {wait} {unit}"
    )
    with translation.override("zh-hans"):
        chinese = str(Throttled(wait=wait, rate="10000/hour").detail)
    assert chinese.endswith(f"使用令牌认证。请在 {wait} 秒后重试。")  # once, and no space
    assert chinese.count("重试") == 1
    assert "%(" not in chinese and "%(" not in detail


def test_password_guesses_have_a_quota_of_their_own(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/hour", "token": "2/minute"},
    }
    client = APIClient()
    guesses = [
        client.post("/api/token/", {"username": "curator", "password": f"guess-{n}"}).status_code
        for n in range(3)
    ]
    assert guesses == [400, 400, 429]
    assert client.get("/api/institutes/").status_code == 200


# --- CORS --------------------------------------------------------------------------------------

NOTEBOOK = "https://observablehq.com"


def test_a_notebook_on_another_origin_reads_the_api():
    response = Client().get("/api/institutes/", HTTP_ORIGIN=NOTEBOOK)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = response["Access-Control-Expose-Headers"]
    assert "RateLimit-Remaining" in exposed and "Link" in exposed


def test_the_preflight_allows_reads_and_no_writes():
    response = Client().options(
        "/api/funding/",
        HTTP_ORIGIN=NOTEBOOK,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept-language",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "authorization" not in response["Access-Control-Allow-Headers"]


def test_a_write_from_another_origin_gets_no_cors_header():
    response = Client().post("/api/funding/", {}, HTTP_ORIGIN=NOTEBOOK)
    assert response.status_code in (401, 403)
    assert "Access-Control-Allow-Origin" not in response


def test_the_pages_are_not_cors_enabled():
    response = Client().get("/en/", HTTP_ORIGIN=NOTEBOOK)
    assert "Access-Control-Allow-Origin" not in response


# --- compression, Link, file names ---------------------------------------------------------------


@pytest.mark.parametrize("query", ["funding/", "funding/?format=csv"])
def test_json_and_csv_are_gzipped_for_clients_that_ask(api, query):
    plain = api.get(f"/api/{query}")
    packed = api.get(f"/api/{query}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 4
    assert "Content-Encoding" not in plain


def test_next_and_previous_pages_as_link_headers(api):
    count = api.get("/api/funding/").json()["count"]
    middle = api.get("/api/funding/", {"page": 2, "page_size": 20})
    body = middle.json()
    assert middle["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'
    last = api.get("/api/funding/", {"page": math.ceil(count / 20), "page_size": 20})
    assert 'rel="next"' not in last["Link"] and 'rel="prev"' in last["Link"]
    assert "Link" not in api.get("/api/sources/")  # one page: nothing to link


def test_a_csv_has_a_file_name(api):
    response = api.get("/api/institute-members/", {"format": "csv", "year": 2021})
    expected = 'attachment; filename="policykb-institute-members.csv"'
    assert response["Content-Disposition"] == expected
    record = api.get("/api/institutes/lift/", {"format": "csv"})
    assert record["Content-Disposition"] == 'attachment; filename="policykb-institutes-lift.csv"'


# --- discrepancies and stated figures ------------------------------------------------------------


def test_every_disagreement_is_listed(api):
    rows = api.get("/api/discrepancies/", {"page_size": 500}).json()["results"]
    assert {row["slug"] for row in rows} == set(Discrepancy.objects.values_list("slug", flat=True))
    headquarters = next(row for row in rows if row["slug"] == "aim-photonics-headquarters")
    assert (headquarters["model"], headquarters["record"]) == ("institute", "aim-photonics")
    assert headquarters["record_url"].endswith("/api/institutes/aim-photonics/")
    assert headquarters["chosen_value"] == "纽约州罗切斯特"
    assert [(v["source"], v["locator"], v["is_chosen"]) for v in headquarters["values"]] == [
        ("sun-luo", "表 1", True),
        ("zhu-chen", "表 1", False),
    ]


def test_discrepancies_by_model_record_source_and_kind(api):
    def slugs(**params):
        response = api.get("/api/discrepancies/", {"page_size": 500, **params})
        assert response.status_code == 200, response.content
        return {row["slug"] for row in response.json()["results"]}

    institute_ids = Discrepancy.objects.filter(content_type__model="institute")
    assert slugs(model="institute") == set(institute_ids.values_list("slug", flat=True))
    assert slugs(model="institute", kind="erratum") == set(
        institute_ids.filter(kind="erratum").values_list("slug", flat=True)
    )
    assert "lift-lead" in slugs(record="lift")
    by_number, by_slug = slugs(source="003"), slugs(source="sun-luo")
    assert by_number == by_slug and "aim-photonics-headquarters" in by_number
    errata = Discrepancy.objects.filter(kind="erratum").values_list("slug", flat=True)
    assert slugs(kind="erratum") == set(errata)
    assert slugs(kind="conflict,erratum") == slugs()
    assert api.get("/api/discrepancies/", {"kind": "typo"}).status_code == 400
    assert api.get("/api/discrepancies/", {"model": "nope"}).status_code == 400


def test_discrepancies_in_search_and_csv(api):
    found = api.get("/api/discrepancies/", {"search": "AIM Photonics"}).json()["results"]
    assert found[0]["slug"] == "aim-photonics-headquarters"
    csv = api.get("/api/discrepancies/", {"format": "csv", "bom": "false"}).content.decode()
    header = csv.splitlines()[0].split(",")
    assert header[:5] == ["url", "slug", "kind", "model", "record"]
    assert len(csv.splitlines()) == Discrepancy.objects.count() + 1


def test_stated_figures_endpoint(api):
    rows = api.get("/api/facts/", {"page_size": 500}).json()["results"]
    assert len(rows) == Fact.objects.count()
    for row in rows:
        fact = Fact.objects.get(slug=row["slug"])
        assert row["value"] == float(fact.value)
        if fact.value == int(fact.value):
            assert isinstance(row["value"], int)
        assert row["sources"]
    assert api.get("/api/facts/", {"source": "000", "topic": "economy"}).status_code == 200


def test_counts_are_integers(api):
    rows = api.get("/api/network-metrics/", {"metric": "institutes"}).json()["results"]
    assert rows and all(isinstance(row["value"], int) for row in rows)
