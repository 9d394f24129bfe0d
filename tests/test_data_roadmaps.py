"""MFGTech as 000 §2 (图 2, 表 5–8) and 002's two award briefs describe it."""

import datetime

import pytest
from django.db.models import Sum

from policykb.models import Discrepancy, FundingAward
from roadmaps.models import FocusArea, Project

pytestmark = pytest.mark.django_db


def mfgtech():
    return FundingAward.objects.filter(program__slug="mfgtech")


def test_four_areas_hold_fourteen_projects_as_figure_2_draws_them():
    per_area = {area.name_zh: area.projects.count() for area in FocusArea.objects.all()}
    assert per_area == {"微电子": 4, "供应链弹性": 2, "未来工业": 4, "重振传统制造工业": 4}


def test_each_project_has_one_award():
    assert mfgtech().count() == 14
    assert set(mfgtech().values_list("project__slug", flat=True)) == set(
        Project.objects.values_list("slug", flat=True)
    )


def test_round_totals_match_the_announcements():
    # 002: round 1 "总计 120 万美元" to four organisations, round 2 "总计 208 万美元" to seven.
    assert mfgtech().filter(round=1).aggregate(t=Sum("amount_usd"))["t"] == 1_196_155
    assert mfgtech().filter(round=2).aggregate(t=Sum("amount_usd"))["t"] == 2_087_604
    assert mfgtech().filter(round__isnull=True).count() == 3


def test_purdue_freeze_drying_project_as_table_6_gives_it():
    project = Project.objects.get(slug="pharma-biotech-freeze-thaw-drying")
    assert project.lead.slug == "purdue"
    assert project.start == datetime.date(2022, 4, 1)
    assert project.end == datetime.date(2023, 9, 1)
    assert project.funding.get().amount_usd == 296_155
    partners = [p.organization.name_zh for p in project.partnerships.all()]
    assert partners == ["艾伯维", "阿斯利康", "基因泰克 / 罗氏", "辉瑞"]
    assert project.partners_incomplete is True


def test_one_organisation_is_one_record_across_roles():
    # Rolls-Royce and CESMII each partner two projects; Purdue leads one and partners another.
    assert Project.objects.filter(partners__slug="rolls-royce").count() == 2
    assert Project.objects.filter(partners__slug="cesmii").count() == 2
    assert Project.objects.filter(lead__slug="purdue").count() == 1
    assert Project.objects.filter(partners__slug="purdue").count() == 1


def test_amount_conflicts_keep_both_papers_and_show_the_announcement_first():
    astm = FundingAward.objects.get(slug="mfgtech-construction-digitalization-technologies")
    sri = FundingAward.objects.get(slug="mfgtech-quantum-technology-manufacturing")
    assert (astm.amount_usd, sri.amount_usd) == (299_989, 299_128)
    for slug, chosen, other in [
        ("mfgtech-astm-construction-amount", "299989", "299990"),
        ("mfgtech-sri-quantum-amount", "299128", "299110"),
    ]:
        discrepancy = Discrepancy.objects.get(slug=slug)
        assert discrepancy.chosen.value == chosen
        assert discrepancy.chosen.source.slug == "idei-2022-6"
        assert {v.value for v in discrepancy.values.all()} == {chosen, other}


def test_microelectronics_packaging_lead_is_src_with_semi_kept():
    project = Project.objects.get(slug="microelectronics-advanced-packaging")
    assert project.lead.slug == "src"
    discrepancy = Discrepancy.objects.get(slug="mfgtech-microelectronics-packaging-lead")
    assert [(v.value, v.source.slug, v.is_chosen) for v in discrepancy.values.all()] == [
        ("src", "idei-2022-6", True),
        ("semi", "shi-wang-zhang", False),
    ]
