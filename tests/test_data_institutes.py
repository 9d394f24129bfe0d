"""The Manufacturing USA network and MEP as 000, 001, 003 and 004 give them."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from institutes.models import Institute, InstituteProposal, MemberCount, MepYear, NetworkMetric
from policykb.models import FundingAward

pytestmark = pytest.mark.django_db


def test_sixteen_institutes_sponsored_by_three_departments():
    by_agency = {}
    for institute in Institute.objects.all():
        by_agency.setdefault(institute.agency.slug, []).append(institute.acronym)
    assert by_agency == {
        "dod": [
            "America Makes",
            "MxD",
            "LIFT",
            "AIM Photonics",
            "NextFlex",
            "AFFOA",
            "BioFabUSA",
            "ARM",
            "BioMADE",
        ],
        "doe": ["PowerAmerica", "IACMI", "CESMII", "RAPID", "REMADE", "CyManII"],
        "doc": ["NIIMBL"],
    }


def commitments(slug):
    awards = FundingAward.objects.filter(institute__slug=slug, program__slug="manufacturing-usa")
    return {a.kind: a.amount_usd for a in awards}


def test_investment_in_table_1_is_read_in_units_of_ten_million_dollars():
    assert commitments("lift") == {
        "federal_commitment": 70_000_000,
        "matching_commitment": 78_000_000,
    }
    assert commitments("aim-photonics") == {
        "federal_commitment": 110_000_000,
        "matching_commitment": 502_000_000,
    }


def test_every_institute_has_a_federal_and_a_matching_commitment():
    commitments = FundingAward.objects.filter(program__slug="manufacturing-usa")
    assert commitments.filter(kind="federal_commitment").count() == 16
    assert commitments.filter(kind="matching_commitment").count() == 16


def test_member_counts_are_kept_per_source_and_year():
    lift = MemberCount.objects.filter(institute__slug="lift")
    assert {(m.year, m.count, m.citations.get().source.slug) for m in lift} == {
        (2015, 66, "chen-yao"),
        (2021, 130, "shi-wang-zhang"),
        (2021, 104, "sun-luo"),
    }
    niimbl_2021 = MemberCount.objects.get(slug="niimbl-000-2021")
    assert niimbl_2021.count == 186


def test_founding_dates_follow_the_announcements():
    founded = dict(Institute.objects.values_list("slug", "founded"))
    assert founded["america-makes"] == datetime.date(2012, 8, 1)
    assert founded["poweramerica"] == datetime.date(2014, 1, 15)
    assert founded["niimbl"] == datetime.date(2017, 3, 1)
    assert founded["biomade"] == datetime.date(2020, 11, 1)


def test_the_2015_paper_lists_four_proposed_institutes_that_were_founded_later():
    became = dict(InstituteProposal.objects.values_list("acronym", "institute__slug"))
    assert became == {
        "IP-IMI": "aim-photonics",
        "FHE-MII": "nextflex",
        "RFT-IMI": "affoa",
        "Clean Energy": "cesmii",
    }


def test_network_table_2015_to_2019():
    primary = NetworkMetric.objects.filter(is_primary=True)
    members = dict(primary.filter(metric="members").values_list("year", "value"))
    assert {y: int(v) for y, v in members.items() if y <= 2019} == {
        2015: 800,
        2016: 830,
        2017: 1291,
        2018: 1937,
        2019: 1920,
    }
    federal_2019 = primary.get(year=2019, metric="federal_usd")
    assert federal_2019.value == Decimal("133000000")


def test_fy2017_funding_adds_up_to_the_stated_total():
    fy2017 = NetworkMetric.objects.filter(year=2017, citations__source__slug="zhu-chen")
    values = dict(fy2017.values_list("metric", "value"))
    assert values["federal_usd"] + values["nonfederal_usd"] == values["total_usd"] == 298_500_000
    assert (
        values["members_manufacturers"] + values["members_education"] + values["members_other"]
        == values["members"]
        == 1291
    )


def test_fy2021_figures_of_000():
    fy2021 = dict(
        NetworkMetric.objects.filter(year=2021, is_primary=True).values_list("metric", "value")
    )
    assert fy2021["institutes"] == 16
    assert fy2021["projects"] == 708
    assert fy2021["members"] == 2320
    assert fy2021["federal_usd"] == 127_000_000
    assert fy2021["nonfederal_usd"] == 354_000_000


def test_mep_results_2016_to_2020_as_table_3_gives_them():
    rows = list(
        MepYear.objects.values_list(
            "year",
            "manufacturers",
            "jobs",
            "new_sales_usd",
            "cost_savings_usd",
            "return_per_dollar",
        )
    )
    assert rows == [
        (2016, 25_000, 86_602, 2_300_000_000, 1_400_000_000, Decimal("44.9")),
        (2017, 26_313, 100_000, 12_600_000_000, 1_700_000_000, Decimal("41.9")),
        (2018, 27_707, 122_000, 16_000_000_000, 1_700_000_000, Decimal("60.6")),
        (2019, 28_200, 114_650, 15_700_000_000, 1_500_000_000, Decimal("66.0")),
        (2020, 27_574, 105_748, 13_000_000_000, 2_700_000_000, Decimal("53.3")),
    ]
    assert MepYear.objects.aggregate(t=Sum("jobs"))["t"] == 529_000
