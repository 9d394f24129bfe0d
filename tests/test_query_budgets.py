"""Query budgets: every page and every API list and detail runs a fixed number of SQL queries,
on the real knowledge base and on a 100× synthetic scale-up alike.

A budget is the count measured plus room for a query or two as pages grow; a query per record
shown would blow through it at 100×, where lists hold thousands of records. The scale-up is made
once for the module, inside a transaction that is rolled back after the module's last test.
"""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from policykb.kb.scaling import knowledge_base_scale

# (what a reader opens, URL, budget)
PAGES = [
    ("home", "/en/", 29),
    ("search in Chinese", "/zh/search/?q=制造", 16),
    ("search in English", "/en/search/?q=institute", 16),
    ("sources", "/en/sources/", 4),
    ("agencies", "/en/agencies/", 4),
    ("organisations", "/en/organisations/", 4),
    ("funding explorer", "/en/funding/", 19),
    ("funding explorer, filtered", "/en/funding/?program=mfgtech&kind=award", 19),
    # One query per kind of record a discrepancy is about (GenericPrefetch): 94_ added four kinds.
    ("discrepancies", "/en/discrepancies/", 17),
    ("stated figures", "/en/figures/", 6),
    ("NSAM goals and objectives", "/en/strategy/nsam/", 12),
    ("agency participation matrix", "/en/strategy/matrix/", 8),
    ("policy timeline", "/en/strategy/policies/", 15),
    ("MFGTech roadmaps", "/en/roadmaps/", 13),
    ("institutes", "/en/institutes/", 15),
    ("network figures", "/en/institutes/network/", 12),
    ("MEP results", "/en/institutes/mep/", 10),
    ("a source", "/en/sources/chen-yao/", 16),
    ("an agency", "/en/agencies/dod/", 20),
    ("an organisation", "/en/organisations/purdue/", 17),
    ("a programme", "/en/programmes/american-rescue-plan/", 11),
    ("a funding record", "/en/funding/affoa-federal/", 7),
    ("a discrepancy", "/en/discrepancies/aim-photonics-headquarters/", 8),
    ("a stated figure", "/en/figures/arp-awards-total/", 7),
    ("a goal", "/en/strategy/goals/goal-1/", 13),
    ("an objective", "/en/strategy/objectives/objective-1-1/", 13),
    ("a recommendation", "/en/strategy/recommendations/recommendation-1-1-1/", 7),
    ("a matrix cell", "/en/strategy/matrix/p-1-1-doc/", 7),
    ("a policy", "/en/strategy/policies/advanced-manufacturing-partnership/", 10),
    ("a roadmap focus area", "/en/roadmaps/areas/industries-of-the-future/", 13),
    ("a roadmap project", "/en/roadmaps/projects/5g-6g-mmwave-materials-test/", 14),
    ("a proposed institute", "/en/institutes/proposals/clean-energy-smart-manufacturing/", 7),
    ("an institute", "/en/institutes/affoa/", 16),
    ("another institute", "/en/institutes/niimbl/", 13),
]

# endpoint: (a record's slug, budget of a list page / every row as CSV, budget of a record)
ENDPOINTS = {
    "agencies": ("dod", 7, 5),
    "organizations": ("purdue", 6, 5),
    "sources": ("chen-yao", 7, 5),
    "programs": ("american-rescue-plan", 8, 7),
    "policies": ("advanced-manufacturing-partnership", 12, 8),
    "goals": ("goal-1", 9, 8),
    "objectives": ("objective-1-1", 10, 9),
    "recommendations": ("recommendation-1-1-1", 9, 7),
    "participations": ("p-1-1-doc", 8, 7),
    "institutes": ("niimbl", 15, 13),
    "institute-members": ("affoa-000-2021", 8, 7),
    "network-metrics": ("2015-federal-003", 9, 7),
    "mep-metrics": ("mep-2016", 8, 7),
    "roadmap-areas": ("industries-of-the-future", 9, 8),
    "roadmap-projects": ("5g-6g-mmwave-materials-test", 12, 10),
    "funding": ("affoa-federal", 9, 7),
}

API_CALLS = [
    ("API root", "/api/", 3),
    ("funding summary", "/api/funding/summary/?group_by=program", 5),
    ("matrix as a grid", "/api/participations/matrix/", 6),
    (
        "funding filtered and sorted",
        "/api/funding/?kind=award&ordering=-amount_usd&page_size=50",
        9,
    ),
]
for endpoint, (slug, list_budget, record_budget) in ENDPOINTS.items():
    API_CALLS += [
        (f"{endpoint} list", f"/api/{endpoint}/", list_budget),
        (f"{endpoint} list of 500", f"/api/{endpoint}/?page_size=500", list_budget),
        (f"{endpoint} as CSV", f"/api/{endpoint}/?format=csv", list_budget),
        (f"{endpoint} record", f"/api/{endpoint}/{slug}/", record_budget),
    ]

CALLS = [pytest.param(url, budget, id=name) for name, url, budget in PAGES + API_CALLS]


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """Budgets are of rendering: no response cache, no throttle."""
    settings.RESPONSE_CACHE = False
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
    }


@pytest.fixture(scope="module")
def content_types(django_db_setup, django_db_blocker):
    """The content-type cache every process fills once, filled before counting."""
    with django_db_blocker.unblock():
        ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(scope="module")
def hundredfold(content_types, django_db_blocker):
    """The knowledge base scaled to 100× (about 24,000 synthetic rows), for this module only."""
    with django_db_blocker.unblock(), transaction.atomic():
        knowledge_base_scale(factor=100)
        yield
        transaction.set_rollback(True)


def assert_within_budget(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("url, budget", CALLS)
def test_on_the_real_data(client, url, budget, content_types, django_assert_max_num_queries):
    assert_within_budget(client, url, budget, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url, budget", CALLS)
def test_at_100_times_the_data(client, url, budget, hundredfold, django_assert_max_num_queries):
    assert_within_budget(client, url, budget, django_assert_max_num_queries)


@pytest.mark.django_db
def test_the_scale_up_really_is_100_times(hundredfold, client):
    assert client.get("/api/institutes/").json()["count"] == 16 * 100
    assert client.get("/api/funding/?page_size=1").json()["count"] > 6000


@pytest.mark.django_db
def test_an_institute_page_cites_itself_and_all_it_shows_in_one_query(client, content_types):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/institutes/affoa/").content.decode()
    citing = [q["sql"] for q in queries if 'FROM "policykb_citation"' in q["sql"]]
    assert len(citing) == 1
    # Its 2021 member count cites 000 表 9; its Rescue Plan award, the award's news release.
    assert 'href="/en/sources/shi-wang-zhang/#loc-表-9"' in page
    assert 'href="/en/sources/idei-2022-6/#loc-第-3-篇' in page
    assert page.count('href="/en/sources/sun-luo/#loc-表-1"') == 6


@pytest.mark.django_db
def test_the_largest_awards_are_read_in_index_order(client, content_types):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner rightly reads a 65-row table whole")
    url = "/api/funding/?kind=award&ordering=-amount_usd&page_size=50"
    with CaptureQueriesContext(connection) as queries:
        amounts = [r["amount_usd"] for r in client.get(url).json()["results"]]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) == 50
    page = next(q["sql"] for q in queries if 'FROM "policykb_fundingaward"' in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {page}")
        plan = " ".join(str(step[-1]) for step in cursor.fetchall())
    assert "funding_kind_largest_idx" in plan and "TEMP B-TREE" not in plan, plan
