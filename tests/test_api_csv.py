"""REST API CSV: every row, a header in a stable order, Chinese intact, formula-safe cells."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from policykb.api.renderers import cell_text, neutralise

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "agencies",
    "organizations",
    "sources",
    "programs",
    "policies",
    "goals",
    "objectives",
    "recommendations",
    "participations",
    "institutes",
    "institute-members",
    "network-metrics",
    "mep-metrics",
    "roadmap-areas",
    "roadmap-projects",
    "funding",
]


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture
def api():
    return APIClient()


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_csv_has_every_row_and_the_json_columns(api, endpoint):
    listing = api.get(f"/api/{endpoint}/", {"page_size": 1}).json()
    rows = read_csv(api.get(f"/api/{endpoint}/", {"format": "csv", "page_size": 1}))
    header, body = rows[0], rows[1:]
    assert len(body) == listing["count"]  # all rows, not one page
    assert header == list(listing["results"][0])  # the JSON's fields, in their order
    assert all(len(row) == len(header) for row in body)


def test_csv_header_is_stable_even_without_rows(api):
    full = read_csv(api.get("/api/institutes/", {"format": "csv"}))[0]
    empty = read_csv(api.get("/api/institutes/", {"format": "csv", "search": "zzzzqqq"}))
    assert empty == [full]
    assert full[:6] == ["url", "slug", "number", "acronym", "name_zh", "name_en"]


def test_doe_institutes_csv_keeps_the_chinese(api):
    response = api.get("/api/institutes/", {"agency": "DOE", "format": "csv"})
    assert response.content.startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    rows = read_csv(response)
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert {r["acronym"] for r in records} == {
        "PowerAmerica",
        "IACMI",
        "CESMII",
        "RAPID",
        "REMADE",
        "CyManII",
    }
    assert {r["agency"] for r in records} == {"doe"}
    power = next(r for r in records if r["acronym"] == "PowerAmerica")
    assert power["headquarters_zh"] == "北卡罗来纳州罗利"
    assert power["url"] == "http://testserver/api/institutes/poweramerica/"
    assert "表 1" in power["sources"]


def test_bom_can_be_left_out(api):
    response = api.get("/api/sources/", {"format": "csv", "bom": "false"})
    assert response.content.startswith(b"url,slug,")


def test_accept_header_also_gives_csv(api):
    response = api.get("/api/goals/", HTTP_ACCEPT="text/csv")
    assert len(read_csv(response)) == 4


def test_csv_nested_values(api):
    rows = read_csv(api.get("/api/roadmap-projects/", {"format": "csv", "lead": "inemi"}))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["partners"].split("; ")[:2] == ["dupont", "dell"]
    assert record["partners_incomplete"] == "true"
    assert record["funding"] == "mfgtech-5g-6g-mmwave-materials-test"
    assert "shi-wang-zhang 表 5" in record["sources"].split("; ")


def test_csv_of_one_record(api):
    rows = read_csv(api.get("/api/agencies/dod/", {"format": "csv"}))
    assert len(rows) == 2
    assert dict(zip(rows[0], rows[1], strict=True))["acronym"] == "DOD"


def test_csv_errors_are_json(api):
    response = api.get("/api/institutes/", {"format": "csv", "agency": "XYZ"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "agency" in response.json()


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("美国", "美国"),
        ("a=b", "a=b"),
    ],
)
def test_formula_injection_is_neutralised(value, expected):
    assert neutralise(value) == expected
    assert cell_text(value) == expected


def test_numbers_and_lists_are_not_mangled():
    assert cell_text(-5) == "-5"
    assert cell_text(None) == ""
    assert cell_text(True) == "true"
    assert cell_text(["=a", "b"]) == "'=a; b"
    assert cell_text([{"source": "sun-luo", "locator": "表 1"}]) == "sun-luo 表 1"


def test_formula_in_a_record_is_neutralised_in_the_export(api):
    from policykb.models import Agency

    Agency.objects.filter(slug="dod").update(description_en="=cmd|' /C calc'!A0")
    rows = read_csv(api.get("/api/agencies/", {"format": "csv", "kind": "department"}))
    record = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[1] == "dod")
    assert record["description_en"] == "'=cmd|' /C calc'!A0"
