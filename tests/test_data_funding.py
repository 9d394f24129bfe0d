"""Funding rows: the American Rescue Plan awards of 002 and how they tie to institutes."""

import pytest
from django.db.models import Count, Sum

from policykb.models import FundingAward

pytestmark = pytest.mark.django_db


def rescue_plan():
    return FundingAward.objects.filter(program__slug="american-rescue-plan")


def test_thirteen_rescue_plan_awards_sum_to_53_904_522():
    assert rescue_plan().count() == 13
    assert rescue_plan().aggregate(t=Sum("amount_usd"))["t"] == 53_904_522


def test_rescue_plan_awards_reach_eight_institutes():
    institutes = rescue_plan().values("institute__acronym").annotate(n=Count("pk"))
    assert {row["institute__acronym"]: row["n"] for row in institutes} == {
        "AFFOA": 1,
        "PowerAmerica": 1,
        "AIM Photonics": 2,
        "ARM": 1,
        "BioMADE": 2,
        "RAPID": 3,
        "MxD": 2,
        "America Makes": 1,
    }


def test_largest_and_smallest_rescue_plan_awards():
    largest = rescue_plan().order_by("-amount_usd").first()
    smallest = rescue_plan().order_by("amount_usd").first()
    assert (largest.recipient.slug, largest.amount_usd) == ("affoa", 11_116_420)
    assert (smallest.recipient.slug, smallest.amount_usd) == ("rf-suny", 299_149)


def test_aiche_receives_three_awards_as_one_organisation():
    assert rescue_plan().filter(recipient__slug="aiche").aggregate(t=Sum("amount_usd"))["t"] == (
        4_638_881 + 3_773_536 + 1_109_520
    )


def test_every_award_keeps_the_amount_as_stated_and_cites_a_source():
    for award in FundingAward.objects.all():
        assert award.amount_as_stated
        assert award.citations.exists(), award.slug
