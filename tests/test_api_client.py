"""A client generated from the served schema (openapi-python-client), type-checked with mypy,
answering analysts' questions with the papers' figures.

The schema is fetched in Chinese (no Accept-Language): the generated names must not depend on it.
The client talks to the WSGI application in-process (httpx's WSGI transport), inside the test's
transaction, so the knowledge base loaded for the session is what it reads.
"""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

pytestmark = pytest.mark.django_db

BIN = Path(sys.executable).parent
CONFIG = "project_name_override: policykb-client\npackage_name_override: policykb_client\n"
CONFIG += "post_hooks: []\n"  # no ruff run over the generated code: it is checked by mypy


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """(the package's parent directory, the schema) of the client generated from /api/schema/."""
    root = tmp_path_factory.mktemp("client")
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    (root / "schema.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    package = root / "pkg" / "policykb_client"
    run(
        BIN / "openapi-python-client",
        "generate",
        "--path",
        root / "schema.json",
        "--config",
        root / "config.yaml",
        "--meta",
        "none",
        "--output-path",
        package,
    )
    return root / "pkg", schema


def run(*command):
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def client_package(generated):
    parent, _ = generated
    sys.path.insert(0, str(parent))
    yield importlib.import_module("policykb_client")
    sys.path.remove(str(parent))
    for name in [name for name in sys.modules if name.startswith("policykb_client")]:
        del sys.modules[name]


@pytest.fixture
def client(client_package, settings):
    import httpx

    from policykb.wsgi import application

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "token": "30/hour"},
    }
    # The WSGI handler closes the connection after each request, as a server's does; here it
    # is the test's own, inside its transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield client_package.Client(
        base_url="http://testserver",
        raise_on_unexpected_status=True,
        httpx_args={"transport": httpx.WSGITransport(app=application)},
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_generated_client_type_checks(generated):
    parent, _ = generated
    output = run(
        sys.executable, "-m", "mypy", parent / "policykb_client", "--ignore-missing-imports"
    )
    assert "Success: no issues found" in output


def test_the_names_do_not_depend_on_the_language(generated):
    parent, schema = generated
    models = {path.stem for path in (parent / "policykb_client" / "models").glob("*.py")}
    assert all(name.isascii() for name in models)
    assert "funding_list_kind_item" in models
    english = Client().get("/api/schema/", {"format": "json", "lang": "en"}).json()
    assert set(english["components"]["schemas"]) == set(schema["components"]["schemas"])


def summary(client, **filters):
    from policykb_client.api.funding import funding_summary_retrieve
    from policykb_client.models import FundingSummaryRetrieveGroupBy

    by = FundingSummaryRetrieveGroupBy(filters.pop("group_by"))
    answer = funding_summary_retrieve.sync(client=client, group_by=by, **filters)
    return answer, {group.key: (group.count, group.total_usd) for group in answer.groups}


def test_federal_and_non_federal_commitment_per_agency(client):
    from policykb_client.models import FundingSummaryRetrieveKindItem as Kind

    federal, per_agency = summary(client, group_by="agency", kind=[Kind.FEDERAL_COMMITMENT])
    # 003 表 1 (with the erratum: units of ten million dollars): the 16 institutes' federal
    # commitments, by sponsoring agency.
    assert per_agency == {
        "dod": (9, 726_000_000),
        "doe": (6, 420_000_000),
        "doc": (1, 70_000_000),
    }
    assert (federal.count, federal.total_usd) == (16, 1_216_000_000)
    matching, per_agency = summary(client, group_by="agency", kind=[Kind.MATCHING_COMMITMENT])
    assert per_agency == {
        "dod": (9, 1_689_000_000),
        "doe": (6, 499_000_000),
        "doc": (1, 129_000_000),
    }
    assert (matching.count, matching.total_usd) == (16, 2_317_000_000)


def test_rescue_plan_awards_by_institute(client):
    answer, per_institute = summary(client, group_by="institute", program=["ARP"])
    # 002 brief 3: 13 American Rescue Plan awards through eight institutes, $53,904,522.
    assert (answer.count, answer.total_usd) == (13, 53_904_522)
    assert per_institute == {
        "affoa": (1, 11_116_420),
        "rapid": (3, 9_521_937),
        "biomade": (2, 8_804_892),
        "mxd": (2, 6_249_645),
        "aim-photonics": (2, 5_273_779),
        "poweramerica": (1, 4_982_299),
        "arm": (1, 4_933_561),
        "america-makes": (1, 3_021_989),
    }


def test_members_per_institute_and_year(client):
    from policykb_client.api.institute_members import institute_members_list
    from policykb_client.models import InstituteMembersListOrderingItem as Order

    page = institute_members_list.sync(
        client=client,
        institute=["LIFT", "MxD"],
        ordering=[Order("institute"), Order("year")],
        page_size=500,
    )
    counts = {}
    for row in page.results:
        source = row.sources[0].source
        counts.setdefault((row.institute, row.year), {})[source] = row.count
    # 004 gives the 2015 counts; 000 表 9 and 003 表 1 both give 2021's, and differ.
    assert counts == {
        ("lift", 2015): {"chen-yao": 66},
        ("lift", 2021): {"shi-wang-zhang": 130, "sun-luo": 104},
        ("mxd", 2015): {"chen-yao": 73},
        ("mxd", 2021): {"shi-wang-zhang": 314, "sun-luo": 325},
    }
    assert page.count == 6


def test_roadmap_projects_per_area_with_their_amounts(client):
    from policykb_client.api.funding import funding_list
    from policykb_client.api.roadmap_areas import roadmap_areas_list
    from policykb_client.api.roadmap_projects import roadmap_projects_list

    answer = {}
    from policykb_client.models import RoadmapAreasListOrderingItem

    number = [RoadmapAreasListOrderingItem("number")]
    for area in roadmap_areas_list.sync(client=client, ordering=number).results:
        projects = roadmap_projects_list.sync(client=client, area=[area.slug], page_size=500)
        awards = funding_list.sync(client=client, area=[area.slug], page_size=500)
        answer[area.number] = (projects.count, sum(award.amount_usd for award in awards.results))
    # 000 图 2 and 表 5-8: 14 MFGTech projects in four areas.
    assert answer == {
        1: (4, 1_188_971),
        2: (2, 596_155),
        3: (4, 1_197_005),
        4: (4, 1_199_627),
    }


def test_csv_is_text_of_its_own_media_type(client, generated):
    _, schema = generated
    content = schema["paths"]["/api/institutes/"]["get"]["responses"]["200"]["content"]
    assert content["text/csv"]["schema"] == {"type": "string"}
    assert content["application/json"]["schema"]["$ref"].endswith("PaginatedInstituteList")
    # openapi-python-client parses a response as its first media type (JSON): CSV is read
    # through the same configured client's HTTP session.
    response = client.get_httpx_client().get("/api/institutes/", params={"format": "csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").startswith("url,slug,number,acronym")
