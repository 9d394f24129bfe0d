"""REST API aggregates: funding totals per group, and the participation matrix as a grid."""

import csv
import io

import pytest
from django.db.models import Count, Q, Sum
from rest_framework.test import APIClient

from policykb.models import FundingAward

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture
def api():
    return APIClient()


def summary(api, **params):
    response = api.get("/api/funding/summary/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_summary_by_program(api):
    data = summary(api, group_by="program")
    assert data["group_by"] == "program"
    groups = {g["key"]: g for g in data["groups"]}
    rescue = groups["american-rescue-plan"]
    assert rescue["count"] == 13
    assert rescue["total_usd"] == 53904522  # 002: 近 5400 万美元
    assert rescue["url"] == "http://testserver/api/programs/american-rescue-plan/"
    assert rescue["name_en"] == "American Rescue Plan manufacturing awards"
    assert groups["mfgtech"]["count"] == 14
    assert data["count"] == FundingAward.objects.count()
    assert data["total_usd"] == sum(g["total_usd"] for g in data["groups"])
    assert sum(g["count"] for g in data["groups"]) == data["count"]
    totals = [g["total_usd"] for g in data["groups"]]
    assert totals == sorted(totals, reverse=True)


def test_summary_takes_the_list_filters(api):
    data = summary(api, group_by="institute", program="ARP")
    assert data["count"] == 13
    assert data["total_usd"] == 53904522
    groups = {g["key"]: (g["count"], g["total_usd"]) for g in data["groups"]}
    # 002 brief 3: 13 projects at 8 institutes.
    assert len(groups) == 8
    assert groups["rapid"] == (3, 4638881 + 3773536 + 1109520)
    assert groups["affoa"] == (1, 11116420)


def test_summary_by_agency_recipient_and_year(api):
    by_agency = summary(api, group_by="agency", program="mfgtech")
    assert [(g["key"], g["count"]) for g in by_agency["groups"]] == [("nist", 14)]
    round_2 = summary(api, group_by="recipient", program="mfgtech", round=2)
    assert round_2["count"] == 7
    assert round_2["total_usd"] == 2087604  # 002 brief 4: 208 万美元 to seven organisations
    assert len(round_2["groups"]) == 7
    by_year = summary(api, group_by="year")
    # Every whole is among all records, so no part of one adds to a total.
    expected = {
        (str(row["date__year"]) if row["date__year"] else None): (row["n"], row["total"])
        for row in FundingAward.objects.order_by()
        .values("date__year")
        .annotate(n=Count("pk"), total=Sum("amount_usd", filter=Q(part_of__isnull=True)))
    }
    assert {g["key"]: (g["count"], g["total_usd"]) for g in by_year["groups"]} == expected
    keys = [g["key"] for g in by_year["groups"] if g["key"]]
    assert keys == sorted(keys)


def test_summary_names_follow_the_language(api):
    data = summary(api, group_by="program", program="ARP", lang="en")
    assert data["groups"][0]["name"] == "American Rescue Plan manufacturing awards"
    data = summary(api, group_by="program", program="ARP", lang="zh")
    assert data["groups"][0]["name"] == data["groups"][0]["name_zh"]


def test_summary_with_no_match(api):
    data = summary(api, group_by="program", search="zzzzqqq")
    assert data == {"group_by": "program", "count": 0, "total_usd": 0, "groups": []}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"group_by": "colour"},
        {"group_by": "program", "agency": "XYZ"},
        {"group_by": "year", "x": 1},
    ],
)
def test_summary_bad_input_is_400(api, params):
    response = api.get("/api/funding/summary/", {**params, "lang": "en"})
    assert response.status_code == 400
    assert response.json()


def test_summary_as_csv(api):
    response = api.get("/api/funding/summary/", {"group_by": "program", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows[0] == ["key", "name_zh", "name_en", "name", "count", "total_usd", "url"]
    rescue = next(r for r in rows if r[0] == "american-rescue-plan")
    assert rescue[1] == "《美国救援法案》制造业拨款"
    assert rescue[4:6] == ["13", "53904522"]


def test_matrix_grid(api):
    response = api.get("/api/participations/matrix/")
    assert response.status_code == 200
    data = response.json()
    # 000 表 1: 11 objectives × 11 agencies.
    assert len(data["agencies"]) == 11
    assert len(data["rows"]) == 11
    assert [a["matrix_order"] for a in data["agencies"]] == list(range(1, 12))
    assert [r["code"] for r in data["rows"]][:3] == ["1.1", "1.2", "1.3"]
    cells = [v for row in data["rows"] for v in row["cells"].values()]
    assert len(cells) == 121 and None not in cells
    dol = [r["code"] for r in data["rows"] if r["cells"]["dol"]]
    assert dol == ["2.1", "2.2", "2.3"]
    assert sum(cells) == len(
        api.get("/api/participations/", {"participates": "true", "page_size": 500}).json()[
            "results"
        ]
    )


def test_matrix_takes_filters_and_csv(api):
    data = api.get("/api/participations/matrix/", {"goal": 2, "agency": "DOL,DOD"}).json()
    assert [a["acronym"] for a in data["agencies"]] == ["DOD", "DOL"]
    assert [r["code"] for r in data["rows"]] == ["2.1", "2.2", "2.3"]
    response = api.get("/api/participations/matrix/", {"goal": 2, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows[0][:4] == ["objective", "code", "name_zh", "name_en"]
    assert len(rows[0]) == 4 + 11
    assert len(rows) == 1 + 3
    assert "DOL" in rows[0]
    assert rows[1][rows[0].index("DOL")] == "true"


def test_a_whole_and_its_parts_are_counted_once(api):
    # 002 gives the $50 billion CHIPS programme and three of its initiatives ($28B, $11B, $10B).
    data = summary(api, group_by="program", program="chips-for-america")
    assert data["count"] == 4
    assert data["total_usd"] == 50_000_000_000
    # Without the whole, its parts are what there is to add.
    parts = summary(api, group_by="program", part_of="chips-program-total")
    assert parts["count"] == 3
    assert parts["total_usd"] == 28_000_000_000 + 11_000_000_000 + 10_000_000_000
