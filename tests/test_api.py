"""REST API: every endpoint's list and detail, record shape, languages, provenance, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# endpoint -> a record's slug, the record's bilingual name field, and its page's path
ENDPOINTS = {
    "agencies": ("dod", "name", "/zh/agencies/dod/"),
    "organizations": ("ewi", "name", "/zh/organisations/ewi/"),
    "sources": ("sun-luo", "title", "/zh/sources/sun-luo/"),
    "programs": ("mfgtech", "name", "/zh/programmes/mfgtech/"),
    "policies": ("nsam-2022", "title", "/zh/strategy/policies/nsam-2022/"),
    "goals": ("goal-1", "name", "/zh/strategy/goals/goal-1/"),
    "objectives": ("objective-1-1", "name", "/zh/strategy/objectives/objective-1-1/"),
    "recommendations": ("recommendation-1-2-1", "name", "/zh/strategy/recommendations/"),
    "participations": ("p-1-1-doc", None, "/zh/strategy/matrix/p-1-1-doc/"),
    "institutes": ("lift", "name", "/zh/institutes/lift/"),
    "institute-members": ("lift-004-2015", None, "/zh/institutes/lift/#members"),
    "network-metrics": ("2015-federal-003", None, "/zh/institutes/network/#2015-federal-003"),
    "mep-metrics": ("mep-2016", None, "/zh/institutes/mep/#mep-2016"),
    "roadmap-areas": ("microelectronics", "name", "/zh/roadmaps/areas/microelectronics/"),
    "roadmap-projects": (
        "5g-6g-mmwave-materials-test",
        "title",
        "/zh/roadmaps/projects/5g-6g-mmwave-materials-test/",
    ),
    "funding": (
        "arp-affoa-ppe-environment-automation",
        "title",
        "/zh/funding/arp-affoa-ppe-environment-automation/",
    ),
}
CITED = set(ENDPOINTS) - {"agencies", "organizations", "sources"}
# Records in the fixtures, per endpoint, where the papers state the number (checks.yaml).
COUNTS = {
    "sources": 5,
    "goals": 3,
    "objectives": 11,
    "recommendations": 37,
    "participations": 121,
    "institutes": 16,
    "roadmap-areas": 4,
    "roadmap-projects": 14,
    "mep-metrics": 5,
}
MAX_QUERIES = 15


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture
def api():
    return APIClient()


def test_root_lists_every_endpoint(api):
    response = api.get("/api/")
    assert response.status_code == 200
    data = response.json()
    for name in ENDPOINTS:
        assert data[name] == f"http://testserver/api/{name}/"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list(api, endpoint):
    response = api.get(f"/api/{endpoint}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] >= 1
    assert len(data["results"]) == min(data["count"], 50)
    if endpoint in COUNTS:
        assert data["count"] == COUNTS[endpoint]
    for record in data["results"]:
        assert record["url"] == f"http://testserver/api/{endpoint}/{record['slug']}/"
        assert record["html_url"].startswith("http://testserver/zh/")
        assert isinstance(record["discrepancies"], list)
        if endpoint in CITED:
            assert record["sources"], f"{endpoint} {record['slug']} cites no source"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_detail(api, endpoint):
    slug, name_field, page = ENDPOINTS[endpoint]
    response = api.get(f"/api/{endpoint}/{slug}/")
    assert response.status_code == 200
    record = response.json()
    assert record["slug"] == slug
    assert record["url"] == f"http://testserver/api/{endpoint}/{slug}/"
    assert record["html_url"].startswith(f"http://testserver{page}")
    if name_field:
        assert record[f"{name_field}_zh"] and record[f"{name_field}_en"]
        assert record[name_field] == record[f"{name_field}_zh"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_unknown_slug_is_404(api, endpoint):
    response = api.get(f"/api/{endpoint}/no-such-record/", {"lang": "en"})
    assert response.status_code == 404
    assert "no-such-record" in response.json()["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_query_count_does_not_grow_with_the_page(api, endpoint, django_assert_max_num_queries):
    slug = ENDPOINTS[endpoint][0]
    api.get(f"/api/{endpoint}/", {"page_size": 1})  # warm the content-type cache
    with CaptureQueriesContext(connection) as one:
        assert api.get(f"/api/{endpoint}/", {"page_size": 1}).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES), CaptureQueriesContext(connection) as every:
        assert api.get(f"/api/{endpoint}/", {"page_size": 500}).status_code == 200
    # Prefetches that a one-record page has nothing for are skipped; nothing is per record.
    assert len(every) <= len(one) + 3
    with django_assert_max_num_queries(MAX_QUERIES):
        assert api.get(f"/api/{endpoint}/{slug}/").status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert api.get(f"/api/{endpoint}/", {"format": "csv"}).status_code == 200


@pytest.mark.parametrize(
    "query, name", [({"lang": "en"}, "en"), ({"lang": "zh"}, "zh"), ({"lang": "EN"}, "en")]
)
def test_lang_parameter_adds_the_name_in_that_language(api, query, name):
    record = api.get("/api/institutes/niimbl/", query).json()
    assert record["name"] == record[f"name_{name}"]
    assert record["name_zh"] == "美国国家生物制药制造创新中心"
    assert record["name_en"] == (
        "National Institute for Innovation in Manufacturing Biopharmaceuticals"
    )


def test_accept_language_chooses_the_name(api):
    record = api.get("/api/agencies/dod/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").json()
    assert record["name"] == record["name_en"]
    assert record["html_url"] == "http://testserver/en/agencies/dod/"
    record = api.get("/api/agencies/dod/", HTTP_ACCEPT_LANGUAGE="zh-CN").json()
    assert record["name"] == record["name_zh"]
    # ?lang= wins over the header.
    record = api.get("/api/agencies/dod/", {"lang": "zh"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert record["name"] == record["name_zh"]


def test_titles_follow_the_language(api):
    record = api.get("/api/roadmap-projects/5g-6g-mmwave-materials-test/", {"lang": "en"}).json()
    assert record["title"] == record["title_en"]
    assert record["title_zh"] == "5G/6G 毫米波材料与电气测试技术"


def test_related_records_are_slugs_and_urls(api):
    record = api.get("/api/institutes/lift/").json()
    assert record["agency"] == "dod"
    assert record["agency_url"] == "http://testserver/api/agencies/dod/"
    assert record["lead"] == "almmii"
    assert record["lead_url"] == "http://testserver/api/organizations/almmii/"
    assert [m["year"] for m in record["member_counts"]] == [2015, 2021, 2021]
    assert record["member_counts"][0]["url"] == (
        "http://testserver/api/institute-members/lift-004-2015/"
    )
    assert "ewi" in [tie["organization"] for tie in record["ties"]]
    followed = api.get(record["agency_url"]).json()
    assert followed["acronym"] == "DOD"


def test_sources_carry_locators(api):
    record = api.get("/api/institutes/lift/").json()
    assert {"source": "sun-luo", "locator": "表 1"} in [
        {"source": s["source"], "locator": s["locator"]} for s in record["sources"]
    ]
    for source in record["sources"]:
        assert source["source_url"] == f"http://testserver/api/sources/{source['source']}/"


def test_discrepancies_keep_every_value(api):
    record = api.get("/api/institutes/lift/").json()
    lead = next(d for d in record["discrepancies"] if d["slug"] == "lift-lead")
    assert lead["field"] == "lead"
    assert lead["html_url"].startswith("http://testserver/zh/")
    chosen = [v for v in lead["values"] if v["is_chosen"]]
    assert [(v["source"], v["value"]) for v in chosen] == [("sun-luo", "almmii")]
    assert ("chen-yao", "ewi") in [(v["source"], v["value"]) for v in lead["values"]]
    # The chosen value is what the record stores.
    assert record["lead"] == "almmii"


def test_record_without_discrepancies_has_an_empty_list(api):
    assert api.get("/api/roadmap-areas/microelectronics/").json()["discrepancies"] == []


def test_partial_dates_keep_their_precision(api):
    record = api.get("/api/institutes/lift/").json()
    assert record["founded"] == "2014-02-01"
    assert record["founded_precision"] == "month"
    assert record["founded_text"] == "2014-02"


def test_objective_lists_the_agencies_taking_part(api):
    record = api.get("/api/objectives/objective-2-1/").json()
    assert "dol" in record["agencies"]
    assert record["code"] == "2.1"


def test_recommendation_code_and_parents(api):
    record = api.get("/api/recommendations/recommendation-1-2-1/").json()
    assert record["code"] == "1.2.1"
    assert record["objective"] == "objective-1-2"
    assert record["goal"] == "goal-1"
    assert record["name_zh"] == "半导体和电子纳米制造"


def test_decimal_figures_are_numbers(api):
    record = api.get("/api/mep-metrics/mep-2016/").json()
    assert record["year"] == 2016
    assert record["manufacturers"] == 25000
    assert record["jobs"] == 86602
    assert isinstance(record["return_per_dollar"], int | float)


def test_pagination(api):
    first = api.get("/api/participations/", {"page_size": 50}).json()
    assert first["count"] == 121
    assert first["next"].endswith("/api/participations/?page=2&page_size=50")
    last = api.get("/api/participations/", {"page_size": 50, "page": 3}).json()
    assert len(last["results"]) == 21
    slugs = [
        r["slug"]
        for page in (1, 2, 3)
        for r in api.get("/api/participations/", {"page_size": 50, "page": page}).json()["results"]
    ]
    assert len(set(slugs)) == 121


def test_a_list_on_one_page_is_counted_without_a_count_query(api):
    with CaptureQueriesContext(connection) as queries:
        data = api.get("/api/institutes/").json()
    assert data["count"] == 16 and len(data["results"]) == 16
    assert data["next"] is None and data["previous"] is None
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    # A filter that matches nothing is an empty first page, counted 0.
    empty = api.get("/api/institutes/", {"search": "no such institute anywhere"}).json()
    assert (empty["count"], empty["results"], empty["next"]) == (0, [], None)


def test_lists_are_counted_without_joining_the_records_they_link_to(api):
    from policykb.models import FundingAward

    with CaptureQueriesContext(connection) as queries:
        everything = api.get("/api/funding/", {"page_size": 5}).json()
        mfgtech = api.get("/api/funding/", {"page_size": 5, "program": "mfgtech"}).json()
        institutes = api.get("/api/institutes/", {"page_size": 16}).json()  # a full page
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 3
    assert "JOIN" not in counting[0].upper() and "JOIN" not in counting[2].upper()
    assert institutes["count"] == 16
    assert everything["count"] == FundingAward.objects.count()
    assert mfgtech["count"] == 14  # the MFGTech roadmap projects' awards (000 表 5-8)
    assert {r["program"] for r in mfgtech["results"]} == {"mfgtech"}


def test_a_full_first_page_is_counted_by_the_database(api):
    with CaptureQueriesContext(connection) as queries:
        first = api.get("/api/participations/", {"page_size": 121}).json()
    assert first["count"] == 121 and first["next"] is None
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert api.get("/api/participations/", {"page_size": 120}).json()["count"] == 121
