"""Several values, one way: repeated or comma-separated, never only the last one kept."""

import pytest
from rest_framework.test import APIClient

from tests.test_api_filters import DOD_INSTITUTES, DOE_INSTITUTES

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


def get(api, query):
    response = api.get(f"/api/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def acronyms(api, query):
    return {record["acronym"] for record in get(api, query)}


@pytest.mark.parametrize(
    "query",
    [
        "institutes/?agency=DOE&agency=DOD",
        "institutes/?agency=DOD&agency=DOE",
        "institutes/?agency=DOE,DOD",
        "institutes/?agency=doe,%20dod",
        "institutes/?agency=DOE,DOD&agency=DOD",
    ],
)
def test_the_institutes_of_both_agencies_however_asked(api, query):
    found = acronyms(api, query)
    assert len(found) == 15
    assert found == DOD_INSTITUTES | DOE_INSTITUTES


@pytest.mark.parametrize("separator", ["&kind=", ","])
def test_kind_takes_a_comma_list_as_well_as_repeats(api, separator):
    rows = get(api, f"funding/?page_size=500&kind=federal_commitment{separator}budget_line")
    assert {row["kind"] for row in rows} == {"federal_commitment", "budget_line"}


@pytest.mark.parametrize("query", ["round=1&round=2", "round=1,2"])
def test_mfgtech_rounds_both(api, query):
    # 002: four awards in round 1 and seven in round 2.
    rows = get(api, f"funding/?program=mfgtech&{query}")
    assert sorted(row["round"] for row in rows) == [1] * 4 + [2] * 7


@pytest.mark.parametrize("query", ["year=2015&year=2021", "year=2015,2021"])
def test_institute_members_in_either_year(api, query):
    rows = get(api, f"institute-members/?page_size=500&{query}")
    assert rows and {row["year"] for row in rows} == {2015, 2021}
    assert len(rows) == 37


def test_arp_awards_of_several_institutes(api):
    one = get(api, "funding/?program=ARP&institute=RAPID")
    other = get(api, "funding/?program=ARP&institute=MxD")
    both = get(api, "funding/?program=ARP&institute=RAPID&institute=MxD")
    assert (len(one), len(other), len(both)) == (3, 2, 5)
    assert {row["slug"] for row in both} == {row["slug"] for row in one + other}


@pytest.mark.parametrize("query", ["ordering=-year&ordering=count", "ordering=-year,count"])
def test_ordering_by_several_keys(api, query):
    rows = get(api, f"institute-members/?page_size=500&{query}")
    keys = [(-row["year"], row["count"]) for row in rows]
    assert keys == sorted(keys)
    assert rows[0]["year"] > rows[-1]["year"]


@pytest.mark.parametrize(
    "query, name",
    [
        ("funding/?amount_min=1&amount_min=2", "amount_min"),
        ("funding/?search=CHIPS&search=ARP", "search"),
        ("policies/?dated=true&dated=false", "dated"),
        ("funding/?page=1&page=2", "page"),
        ("institutes/?lang=en&lang=zh", "lang"),
        ("funding/summary/?group_by=agency&group_by=program", "group_by"),
    ],
)
def test_a_one_value_parameter_repeated_is_a_400(api, query, name):
    response = api.get(f"/api/{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = response.json()[name][0]
    # (lang=en&lang=zh is refused in the language of its last value.)
    assert "takes one value" in message or "只取一个值" in message


def test_a_repeated_unknown_value_is_named(api):
    response = api.get("/api/institutes/?agency=DOE&agency=NOPE", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "NOPE" in response.json()["agency"][0]


@pytest.fixture(scope="module")
def openapi():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def parameters(openapi, path):
    return {p["name"]: p for p in openapi["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize("path", ["/api/institutes/", "/api/funding/summary/"])
def test_the_schema_says_several_values_are_repeated(openapi, path):
    agency = parameters(openapi, path)["agency"]
    assert agency["schema"]["type"] == "array"
    assert (agency["style"], agency["explode"]) == ("form", True)
    assert "repeat the parameter or separate them with commas" in agency["description"]


def test_the_summary_and_the_matrix_list_the_filters_they_accept(openapi):
    summary = parameters(openapi, "/api/funding/summary/")
    assert {"kind", "program", "agency", "institute", "year", "source", "group_by"} <= set(summary)
    matrix = parameters(openapi, "/api/participations/matrix/")
    assert {"goal", "objective", "agency", "participates"} <= set(matrix)
    assert "page" not in summary and "page" not in matrix


@pytest.mark.parametrize("path", ["/api/nope/", "/api/institutes/lift/members/", "/api/a%0Ab/"])
def test_an_unknown_api_path_is_a_json_404(api, path):
    response = api.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "endpoints are listed at /api/" in response.json()["detail"]
    assert api.post(path)["Content-Type"] == "application/json"


def test_an_unknown_format_is_a_406_naming_the_formats(api):
    response = api.get("/api/institutes/?format=xml", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 406
    assert response.json() == {"detail": "Unknown format 'xml': use format=json or format=csv."}
