"""Each rule a record keeps, as the curator meets it: an error on the form, in either language."""

import pytest
from django.urls import reverse

from institutes.models import Institute, MemberCount, MepYear
from policykb.models import Agency, Fact, FundingAward, Organization, Source
from roadmaps.models import Project
from tests.admin_forms import errors_of, form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def post_change(client, obj, language="en", **changes):
    """Open the record's admin page, change fields as a curator would, and save."""
    client.cookies["django_language"] = language
    url = change_url(obj)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_a_negative_figure_is_refused(admin_client):
    fact = Fact.objects.order_by("pk").first()
    response = post_change(admin_client, fact, value="-5")
    assert response.status_code == 200
    assert ("value", "Cannot be negative.") in errors_of(response)
    assert Fact.objects.get(pk=fact.pk).value >= 0


def test_a_negative_figure_is_refused_in_chinese_too(admin_client):
    mep = MepYear.objects.get(slug="mep-2020")
    response = post_change(admin_client, mep, language="zh-hans", return_per_dollar="-1")
    assert ("return_per_dollar", "不能为负数。") in errors_of(response)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Ensure this value is greater than or equal to 0."),
        ("zh-hans", "确保该值大于或等于0。"),
    ],
)
def test_a_negative_amount_is_refused(admin_client, language, message):
    award = FundingAward.objects.order_by("pk").first()
    response = post_change(admin_client, award, language=language, amount_usd="-1")
    assert ("amount_usd", message) in errors_of(response)
    assert FundingAward.objects.get(pk=award.pk).amount_usd == award.amount_usd


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The end cannot be before the start."), ("zh-hans", "结束不能早于开始。")],
)
def test_a_project_cannot_end_before_it_starts(admin_client, language, message):
    project = Project.objects.get(slug="5g-6g-mmwave-materials-test")
    response = post_change(admin_client, project, language=language, end="2021-01-01")
    assert ("end", message) in errors_of(response)
    assert str(Project.objects.get(pk=project.pk).end) == "2023-09-01"


def test_an_optional_text_needs_both_languages(admin_client):
    purdue = Organization.objects.get(slug="purdue")
    response = post_change(admin_client, purdue, location_en="")
    assert ("location_en", "The Chinese is filled in: give the English too.") in errors_of(response)
    response = post_change(admin_client, purdue, language="zh-hans", location_zh="")
    assert ("location_zh", "已填写英文：请同时填写中文。") in errors_of(response)


def test_a_figure_without_a_source_is_refused(admin_client):
    count = MemberCount.objects.get(slug="america-makes-000-2021")
    admin_client.cookies["django_language"] = "en"
    url = change_url(count)
    data = form_data(admin_client.get(url))
    # Tick "delete" on the record's only citation.
    prefix = next(k[: -len("-TOTAL_FORMS")] for k in data if k.endswith("-TOTAL_FORMS"))
    data[f"{prefix}-0-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert any("A figure needs its source" in message for _, message in errors_of(response))
    assert MemberCount.objects.get(pk=count.pk).citations.count() == 1


def test_a_new_figure_without_a_source_is_refused(admin_client):
    admin_client.cookies["django_language"] = "en"
    data = form_data(admin_client.get(add_url(MemberCount)))
    lift = Institute.objects.get(slug="lift")
    data.update(slug="lift-2023", institute=str(lift.pk), year="2023", count="300")
    response = admin_client.post(add_url(MemberCount), data)
    assert response.status_code == 200
    assert any("A figure needs its source" in message for _, message in errors_of(response))
    assert not MemberCount.objects.filter(slug="lift-2023").exists()


def test_a_new_member_count_on_the_institute_page_needs_its_source(admin_client):
    lift = Institute.objects.get(slug="lift")
    admin_client.cookies["django_language"] = "en"
    url = change_url(lift)
    data = form_data(admin_client.get(url))
    data["member_counts-TOTAL_FORMS"] = str(int(data["member_counts-TOTAL_FORMS"]) + 1)
    row = f"member_counts-{int(data['member_counts-TOTAL_FORMS']) - 1}"
    data.update({f"{row}-slug": "lift-2023", f"{row}-year": "2023", f"{row}-count": "300"})
    response = admin_client.post(url, data)
    assert ("member_counts.citation_source", "A new figure needs its source.") in errors_of(
        response
    )
    assert not MemberCount.objects.filter(slug="lift-2023").exists()

    data[f"{row}-citation_source"] = str(Source.objects.get(slug="sun-luo").pk)
    data[f"{row}-citation_locator"] = "表 1"
    assert admin_client.post(url, data).status_code == 302
    added = MemberCount.objects.get(slug="lift-2023")
    assert added.count == 300
    assert [(c.source.slug, c.locator) for c in added.citations.all()] == [("sun-luo", "表 1")]


def test_a_second_spelling_of_an_organisation_is_flagged(admin_client):
    admin_client.cookies["django_language"] = "en"
    data = form_data(admin_client.get(add_url(Organization)))
    data.update(
        slug="purdue-2",
        name_zh="普渡大学（西拉斐特）",
        name_en="PURDUE  university",
        kind="university",
    )
    response = admin_client.post(add_url(Organization), data)
    assert response.status_code == 200
    assert (
        "name_en",
        "“PURDUE  university” is already a name of the organisation “普渡大学” (slug purdue): "
        "edit that record, or add this wording to its other names.",
    ) in errors_of(response)
    assert not Organization.objects.filter(slug="purdue-2").exists()


def test_an_agency_under_one_of_its_other_names_is_flagged(admin_client):
    admin_client.cookies["django_language"] = "en"
    data = form_data(admin_client.get(add_url(Agency)))
    data.update(
        slug="commerce", acronym="COM", name_zh="商务部", name_en="Commerce", kind="department"
    )
    response = admin_client.post(add_url(Agency), data)
    assert [field for field, message in errors_of(response) if "slug doc" in message] == ["name_zh"]


def test_a_date_needs_its_precision(admin_client):
    from strategy.models import Policy

    policy = Policy.objects.filter(date__isnull=False).order_by("pk").first()
    response = post_change(admin_client, policy, date_precision="")
    assert ("date_precision", "Say how precise the date is (year, month or day).") in errors_of(
        response
    )


def test_money_comes_from_a_programme_or_a_policy(admin_client):
    award = FundingAward.objects.get(slug="arp-affoa-ppe-environment-automation")
    response = post_change(admin_client, award, program="")
    assert ("program", "Name the programme or the policy the money comes from.") in errors_of(
        response
    )
    assert FundingAward.objects.get(pk=award.pk).program.slug == "american-rescue-plan"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "A part cannot be larger than its whole."),
        ("zh-hans", "组成部分的金额不能大于其总额。"),
    ],
)
def test_a_part_cannot_be_larger_than_its_whole(admin_client, language, message):
    part = FundingAward.objects.get(slug="chips-rd-leadership")
    response = post_change(admin_client, part, language=language, amount_usd="60000000000")
    assert ("amount_usd", message) in errors_of(response)
    assert FundingAward.objects.get(pk=part.pk).amount_usd == 11_000_000_000


def test_parts_go_one_level_deep(admin_client):
    whole = FundingAward.objects.get(slug="chips-program-total")
    part = FundingAward.objects.get(slug="chips-rd-leadership")
    response = post_change(admin_client, whole, part_of=str(part.pk))
    assert (
        "part_of",
        "Parts go one level deep: a whole cannot be a part, nor a part a whole.",
    ) in errors_of(response)
    assert FundingAward.objects.get(pk=whole.pk).part_of is None
