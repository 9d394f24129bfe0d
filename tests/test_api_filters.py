"""REST API querying: filters, ordering, search (Chinese and English), and clear 400s."""

import pytest
from rest_framework.test import APIClient

from policykb.models import FundingAward
from strategy.models import Policy

pytestmark = pytest.mark.django_db

# Manufacturing USA's sponsoring agencies as the papers give them (003 表 1, 000 表 9).
DOD_INSTITUTES = {
    "America Makes",
    "MxD",
    "LIFT",
    "AIM Photonics",
    "NextFlex",
    "AFFOA",
    "BioFabUSA",
    "ARM",
    "BioMADE",
}
DOE_INSTITUTES = {"PowerAmerica", "IACMI", "CESMII", "RAPID", "REMADE", "CyManII"}
DOC_INSTITUTES = {"NIIMBL"}
# 002 brief 3: the American Rescue Plan awards, largest first.
ARP_AMOUNTS = [
    11116420,
    4982299,
    4974630,
    4933561,
    4729690,
    4638881,
    4075202,
    3880343,
    3773536,
    3021989,
    2369302,
    1109520,
    299149,
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


def results(api, endpoint, **params):
    response = api.get(f"/api/{endpoint}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def field(api, endpoint, name, **params):
    return [record[name] for record in results(api, endpoint, **params)]


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "agency, expected",
    [
        ("DOD", DOD_INSTITUTES),
        ("dod", DOD_INSTITUTES),
        ("DOE", DOE_INSTITUTES),
        ("doc", DOC_INSTITUTES),
        ("DOD,DOE", DOD_INSTITUTES | DOE_INSTITUTES),
    ],
)
def test_institutes_by_sponsoring_agency(api, agency, expected):
    assert set(field(api, "institutes", "acronym", agency=agency)) == expected


def test_every_institute_has_one_of_the_three_sponsors(api):
    assert len(results(api, "institutes")) == 16
    assert len(DOD_INSTITUTES | DOE_INSTITUTES | DOC_INSTITUTES) == 16


def test_funding_by_program_slug_or_acronym(api):
    by_slug = field(api, "funding", "amount_usd", program="american-rescue-plan")
    by_acronym = field(api, "funding", "amount_usd", program="ARP")
    assert by_slug == by_acronym == ARP_AMOUNTS
    assert sum(by_slug) == 53904522


def test_funding_amount_range(api):
    amounts = field(
        api, "funding", "amount_usd", program="ARP", amount_min=3000000, amount_max=4982299
    )
    assert amounts == [a for a in ARP_AMOUNTS if 3000000 <= a <= 4982299]
    assert len(amounts) == 9


def test_funding_by_institute_and_recipient(api):
    rapid = field(api, "funding", "slug", program="ARP", institute="RAPID")
    assert set(rapid) == {
        "arp-aiche-appalachia-drug-testbed",
        "arp-aiche-respirators-biosensors",
        "arp-aiche-virtual-operator-training",
    }
    assert set(field(api, "funding", "slug", program="ARP", recipient="aiche")) == set(rapid)


@pytest.mark.parametrize("round_, count", [(1, 4), (2, 7)])
def test_mfgtech_rounds(api, round_, count):
    # 002: round 1 went to four organisations, round 2 to seven.
    assert len(results(api, "funding", program="mfgtech", round=round_)) == count


def test_funding_by_roadmap_area(api):
    by_number = field(api, "funding", "project", area=1)
    by_slug = field(api, "funding", "project", area="microelectronics")
    assert (
        sorted(by_number)
        == sorted(by_slug)
        == sorted(field(api, "roadmap-projects", "slug", area="microelectronics"))
    )
    assert len(by_number) == 4


def test_funding_kind_and_qualifier(api):
    kinds = set(field(api, "funding", "kind", kind=["federal_commitment", "budget_line"]))
    assert kinds == {"federal_commitment", "budget_line"}
    exact = field(api, "funding", "qualifier", qualifier="exact")
    assert exact and set(exact) == {""}
    expected = FundingAward.objects.filter(qualifier="about").count()
    assert len(results(api, "funding", qualifier="about")) == expected


def test_funding_by_source(api):
    expected = set(
        FundingAward.objects.filter(citations__source__slug="idei-2022-6").values_list(
            "slug", flat=True
        )
    )
    found = field(api, "funding", "slug", source="idei-2022-6")
    assert len(found) == len(set(found)) == len(expected)
    assert set(found) == expected


def test_policies_by_date_and_year(api):
    def expected(**lookup):
        return set(Policy.objects.filter(**lookup).values_list("slug", flat=True))

    assert set(field(api, "policies", "slug", year=2022)) == expected(date__year=2022)
    assert set(field(api, "policies", "slug", date_after="2022-08-01")) == expected(
        date__gte="2022-08-01"
    )
    assert set(field(api, "policies", "slug", date_before="2010-12-31")) == expected(
        date__lte="2010-12-31"
    )
    assert set(field(api, "policies", "slug", year_min=2014, year_max=2016)) == expected(
        date__year__gte=2014, date__year__lte=2016
    )
    assert set(field(api, "policies", "slug", dated="false")) == expected(date__isnull=True)
    assert "nsam-2022" in field(api, "policies", "slug", year=2022)


def test_recommendations_per_goal(api):
    # 000 §1: 18, 8 and 11 recommendations under the three goals.
    assert len(results(api, "recommendations", goal=1)) == 18
    assert len(results(api, "recommendations", goal="goal-2")) == 8
    assert len(results(api, "recommendations", goal=3)) == 11
    assert len(results(api, "recommendations", objective="objective-1-2")) == 3


def test_objectives_an_agency_takes_part_in(api):
    assert field(api, "objectives", "code", agency="DOL") == ["2.1", "2.2", "2.3"]
    assert len(results(api, "objectives", goal=1)) == 5


def test_participations(api):
    cells = results(api, "participations", agency="DOL")
    assert len(cells) == 11
    assert [c["objective_code"] for c in cells if c["participates"]] == ["2.1", "2.2", "2.3"]
    assert len(results(api, "participations", agency="DOL", participates="true")) == 3
    assert len(results(api, "participations", agency="DOL", participates="false")) == 8


def test_agencies_in_the_matrix(api):
    matrix = field(api, "agencies", "acronym", in_matrix="true")
    assert len(matrix) == 11
    assert {"DOC", "DOD", "DOE", "NSF", "USDA"} <= set(matrix)
    assert "AMNPO" not in matrix
    assert set(field(api, "agencies", "kind", kind="department")) == {"department"}


def test_projects_by_area_lead_and_partner(api):
    assert len(results(api, "roadmap-projects", area="1")) == 4
    assert field(api, "roadmap-projects", "slug", lead="inemi") == ["5g-6g-mmwave-materials-test"]
    with_intel = field(api, "roadmap-projects", "slug", partner="intel")
    assert "5g-6g-mmwave-materials-test" in with_intel
    assert len(with_intel) == len(set(with_intel))
    assert "5g-6g-mmwave-materials-test" in field(
        api, "roadmap-projects", "slug", organization="inemi"
    )
    assert set(with_intel) <= set(field(api, "roadmap-projects", "slug", organization="intel"))
    assert len(results(api, "roadmap-projects", round=1)) == 4


def test_institutes_by_founding_year_and_lead(api):
    founded = field(api, "institutes", "founded", founded_after="2014-01-01", year_max=2014)
    assert founded and all(date.startswith("2014") for date in founded)
    assert field(api, "institutes", "acronym", lead="almmii") == ["LIFT"]
    assert "LIFT" in field(api, "institutes", "acronym", organization="ewi")


def test_member_counts(api):
    lift = results(api, "institute-members", institute="LIFT")
    assert [(m["year"], m["count"]) for m in lift] == [(2015, 66), (2021, 130), (2021, 104)]
    assert len(results(api, "institute-members", institute="lift", year=2021)) == 2
    assert len(results(api, "institute-members", institute="LIFT", count_min=100)) == 2
    dod = field(api, "institute-members", "institute_acronym", agency="DOD")
    assert dod and set(dod) <= DOD_INSTITUTES


def test_network_metrics(api):
    institutes = results(api, "network-metrics", metric="institutes", is_primary="true")
    assert [(m["year"], m["value"]) for m in institutes] == [
        (2015, 7),
        (2016, 9),
        (2017, 14),
        (2018, 14),
        (2019, 14),
        (2021, 16),
    ]
    ten_or_more = results(
        api, "network-metrics", metric="institutes", is_primary="true", value_min="10"
    )
    assert [m["year"] for m in ten_or_more] == [2017, 2018, 2019, 2021]
    assert [m["year"] for m in institutes if m["value"] <= 9] == [
        m["year"]
        for m in results(
            api, "network-metrics", metric="institutes", is_primary="true", value_max=9
        )
    ]


def test_mep_metrics(api):
    # 003 表 3: MEP results 2016-2020.
    years = results(api, "mep-metrics", year_min=2018)
    assert [(y["year"], y["manufacturers"], y["jobs"]) for y in years] == [
        (2018, 27707, 122000),
        (2019, 28200, 114650),
        (2020, 27574, 105748),
    ]


def test_sources_by_date(api):
    assert field(api, "sources", "slug", date_after="2022-01-01") == ["idei-2022-6"]


def test_goals_and_areas_by_number(api):
    assert field(api, "goals", "slug", number=2) == ["goal-2"]
    assert field(api, "roadmap-areas", "slug", number=1) == ["microelectronics"]


# --- ordering --------------------------------------------------------------------------------


def test_ordering_by_amount_both_ways(api):
    assert field(api, "funding", "amount_usd", program="ARP", ordering="amount_usd") == sorted(
        ARP_AMOUNTS
    )
    assert field(api, "funding", "amount_usd", program="ARP", ordering="-amount_usd") == ARP_AMOUNTS


def test_ordering_institutes(api):
    assert field(api, "institutes", "number", ordering="-number") == list(range(16, 0, -1))
    founded = field(api, "institutes", "founded", ordering="founded")
    assert founded == sorted(founded)
    acronyms = field(api, "institutes", "acronym", ordering="acronym")
    assert acronyms == sorted(acronyms)


def test_ordering_on_several_fields(api):
    records = results(api, "institute-members", ordering="-year,count")
    keys = [(-r["year"], r["count"]) for r in records]
    assert keys == sorted(keys)


def test_ordering_overrides_search_relevance(api):
    found = field(api, "policies", "date", search="CHIPS", ordering="-date")
    assert found == sorted(found, reverse=True)


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint, query, first",
    [
        ("institutes", "轻量", "lift"),
        ("institutes", "Lightweight", "lift"),
        ("organizations", "Purdue", "purdue"),
        ("organizations", "普渡", "purdue"),
        ("funding", "疫苗", "arp-biomade-vaccine-supply-chain"),
        ("funding", "vaccine", "arp-biomade-vaccine-supply-chain"),
        ("policies", "芯片", "chips-act-2022"),
        ("policies", "CHIPS", "chips-act-2022"),
        ("recommendations", "半导体", "recommendation-1-2-1"),
        ("roadmap-projects", "量子", "quantum-technology-manufacturing"),
        ("roadmap-projects", "quantum", "quantum-technology-manufacturing"),
    ],
)
def test_search_both_languages(api, endpoint, query, first):
    found = field(api, endpoint, "slug", search=query)
    assert found and found[0] == first


def test_search_combines_with_filters(api):
    assert set(field(api, "institutes", "acronym", search="生物")) >= {"BioFabUSA", "BioMADE"}
    assert set(field(api, "institutes", "acronym", search="生物", agency="DOC")) == {"NIIMBL"}


def test_search_without_hits_is_empty(api):
    assert results(api, "institutes", search="zzzzqqq") == []


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint, params, bad",
    [
        ("institutes", {"agency": "XYZ"}, "agency"),
        ("institutes", {"agency": "DOD,NOPE"}, "agency"),
        ("institutes", {"agency": ",".join(["dod"] * 51)}, "agency"),
        ("institutes", {"search": "a\x00b"}, "search"),
        ("funding", {"amount_min": "abc"}, "amount_min"),
        ("funding", {"amount_max": "1.5"}, "amount_max"),
        ("funding", {"amount_min": "-1"}, "amount_min"),
        ("funding", {"amount_min": "99999999999999999999999"}, "amount_min"),
        ("funding", {"date_after": "2020-13-01"}, "date_after"),
        ("funding", {"date_before": "yesterday"}, "date_before"),
        ("funding", {"year": "abc"}, "year"),
        ("funding", {"year": "0"}, "year"),
        ("funding", {"kind": "gift"}, "kind"),
        ("funding", {"qualifier": "roughly"}, "qualifier"),
        ("funding", {"program": "nope"}, "program"),
        ("funding", {"ordering": "bogus"}, "ordering"),
        ("funding", {"ordering": "amount_usd,nope"}, "ordering"),
        ("funding", {"page_size": "501"}, "page_size"),
        ("funding", {"page_size": "0"}, "page_size"),
        ("funding", {"page_size": "ten"}, "page_size"),
        ("funding", {"page": "abc"}, "page"),
        ("funding", {"page": "-1"}, "page"),
        ("funding", {"lang": "fr"}, "lang"),
        ("funding", {"agnecy": "DOE"}, "agnecy"),
        ("participations", {"participates": "maybe"}, "participates"),
        ("network-metrics", {"metric": "happiness"}, "metric"),
        ("network-metrics", {"value_min": "lots"}, "value_min"),
        ("roadmap-projects", {"area": "9"}, "area"),
        ("institute-members", {"institute": "nope"}, "institute"),
        ("sources", {"source": "x"}, "source"),
        ("recommendations", {"goal": "7"}, "goal"),
    ],
)
def test_bad_input_is_a_clear_400(api, endpoint, params, bad):
    response = api.get(f"/api/{endpoint}/", {**params, "format": "json"})
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    messages = response.json()[bad]
    assert messages and all(isinstance(m, str) and m for m in messages)


def test_400_messages_speak_the_requested_language(api):
    english = api.get("/api/institutes/", {"agency": "XYZ", "lang": "en"}).json()
    assert english["agency"] == ["Unknown agency: XYZ. Use a slug or acronym."]
    cap = api.get("/api/funding/", {"page_size": 1000, "lang": "en"}).json()["page_size"][0]
    assert "at most 500" in cap
    unknown = api.get("/api/funding/", {"agnecy": "DOE", "lang": "en"}).json()["agnecy"][0]
    assert "Unknown query parameter" in unknown and "agency" in unknown
    chinese = api.get("/api/institutes/", {"agency": "XYZ", "lang": "zh"}).json()
    assert "XYZ" in chinese["agency"][0] and "未知" in chinese["agency"][0]
    default = api.get("/api/institutes/", {"agency": "XYZ"}).json()  # the site's language
    assert default == chinese
    english_header = api.get("/api/institutes/", {"agency": "XYZ"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english_header.json() == english


def test_page_past_the_end_is_404(api):
    assert api.get("/api/sources/", {"page": 99}).status_code == 404


def test_empty_filter_values_are_ignored(api):
    assert len(results(api, "institutes", agency="", search="")) == 16
