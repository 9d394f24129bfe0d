"""Inconsistencies inside a paper or between papers: both statements kept, one shown, with why."""

import pytest

from policykb.kb.records import field_text
from policykb.models import Discrepancy

pytestmark = pytest.mark.django_db

# slug: (record's model, record, value shown, {(source, locator, other value kept)})
EXPECTED = {
    "network-2021-members-table-9": (
        "networkmetric",
        "2021-members-000",
        "2320",
        {("shi-wang-zhang", "表 9", "2334")},
    ),
    "chips-program-total-initiatives": (
        "fundingaward",
        "chips-program-total",
        "50000000000",
        {("idei-2022-6", "美国 500 亿美元芯片计划实施策略 (1)–(3)", "49000000000")},
    ),
    "network-projects-growth-2015-2019-ratio": (
        "fact",
        "network-projects-growth-2015-2019",
        "3",
        {("sun-luo", "表 2", "3.82")},
    ),
    "institute-matching-ratio-cymanii": (
        "fact",
        "institute-matching-ratio-target",
        "1",
        {("sun-luo", "表 1", "0.59"), ("chen-yao", "§2.3", "1")},
    ),
    "institute-federal-funding-america-makes": (
        "fact",
        "institute-federal-funding-min",
        "70000000",
        {("chen-yao", "§3.1", "50000000")},
    ),
    "network-2016-institutes-implied-by-001": (
        "networkmetric",
        "2016-institutes-003",
        "9",
        {("zhu-chen", "§2", "8")},
    ),
    "network-2016-projects-implied-by-001": (
        "networkmetric",
        "2016-projects-003",
        "200",
        {("zhu-chen", "§2", "192")},
    ),
    "ccam-name-commonwealth": (
        "organization",
        "ccam",
        "美国联邦先进制造业中心",
        {
            (
                "idei-2022-6",
                "第 5 篇 NIST 为加强微电子、数字和生物制造业提供资金 (3)",
                "弗吉尼亚州迪斯普坦塔先进制造中心",
            )
        },
    ),
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_an_inconsistency_keeps_both_statements_and_explains_itself(slug):
    model, record_slug, shown, kept = EXPECTED[slug]
    discrepancy = Discrepancy.objects.with_records().get(slug=slug)
    assert discrepancy.content_type.model == model
    assert discrepancy.record.slug == record_slug
    assert discrepancy.chosen.value == shown == field_text(discrepancy.record, discrepancy.field)
    others = {
        (v.source.slug, v.locator, v.value) for v in discrepancy.values.all() if not v.is_chosen
    }
    assert kept <= others
    assert discrepancy.decision_zh and discrepancy.decision_en


def test_the_inconsistencies_are_listed_with_the_disagreements(client):
    html = client.get("/en/discrepancies/").content.decode()
    for slug in EXPECTED:
        assert f"/en/discrepancies/{slug}/" in html
