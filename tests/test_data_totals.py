"""Totals and counts the papers state, each beside what its rows add to. The rows are recomputed
here from the records themselves, never read back from the stated total."""

import shutil
from decimal import Decimal

import pytest
import yaml

from institutes.models import Institute, InstituteProposal, MemberCount, NetworkMetric
from policykb.kb.errors import FixtureError
from policykb.kb.loading import knowledge_base_load
from policykb.models import Discrepancy, FundingAward, StatedTotal
from roadmaps.models import FocusArea, Project
from strategy.models import Goal, Objective, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures_copy(tmp_path, settings):
    """A writable copy of the fixtures that load_kb reads instead of the real ones."""
    target = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, target)
    settings.FIXTURES_DIR = target
    return target


def amounts(**lookups):
    return [award.amount_usd for award in FundingAward.objects.filter(**lookups)]


def cited(model, source, locator):
    return [r for r in model.objects.all() if (source, locator) in citations_of(r)]


def citations_of(record):
    return {(c.source.slug, c.locator) for c in record.citation_list}


def table_9_member_counts():
    return [
        m.count
        for m in MemberCount.objects.filter(year=2021)
        if ("shi-wang-zhang", "表 9") in citations_of(m)
    ]


def metrics_2017_from_001(*names):
    return [
        m.value
        for m in NetworkMetric.objects.filter(year=2017, metric__in=names)
        if any(source == "zhu-chen" for source, _ in citations_of(m))
    ]


# slug: (what the paper states, as it states it, what the rows give recomputed here, agrees)
EXPECTED = {
    "mfgtech-projects-funding-total": (
        4_000_000,
        "约 400 万美元",
        lambda: sum(amounts(program__slug="mfgtech")),
        True,
    ),
    "mfgtech-project-count": (14, "14 个项目", lambda: Project.objects.count(), True),
    "mfgtech-area-count": (4, "4 个领域", lambda: FocusArea.objects.count(), True),
    "mfgtech-round-2-total": (
        2_080_000,
        "总计 208 万美元",
        lambda: sum(amounts(program__slug="mfgtech", round=2)),
        True,
    ),
    "mfgtech-round-2-organisations": (
        7,
        "七个组织",
        lambda: len(
            {a.recipient_id for a in FundingAward.objects.filter(program__slug="mfgtech", round=2)}
        ),
        True,
    ),
    "mfgtech-round-1-total": (
        1_200_000,
        "总计 120 万美元",
        lambda: sum(amounts(program__slug="mfgtech", round=1)),
        True,
    ),
    "mfgtech-round-1-organisations": (
        4,
        "四个组织",
        lambda: len(
            {a.recipient_id for a in FundingAward.objects.filter(program__slug="mfgtech", round=1)}
        ),
        True,
    ),
    "mfgtech-round-1-award-cap": (
        300_000,
        "最高资助金额为 30 万美元",
        lambda: max(amounts(program__slug="mfgtech", round=1)),
        True,
    ),
    "arp-awards-total": (
        54_000_000,
        "近 5400 万美元",
        lambda: sum(amounts(program__slug="american-rescue-plan")),
        True,
    ),
    "arp-projects": (13, "13 个", lambda: len(amounts(program__slug="american-rescue-plan")), True),
    "arp-institutes": (
        8,
        "8 个",
        lambda: len(
            {
                a.institute_id
                for a in FundingAward.objects.filter(program__slug="american-rescue-plan")
            }
        ),
        True,
    ),
    "network-2021-members": (2320, "2 320 名", lambda: sum(table_9_member_counts()), False),
    "network-2021-members-over-2300": (
        2300,
        "2 300 余个",
        lambda: sum(table_9_member_counts()),
        True,
    ),
    "network-2021-institutes": (
        16,
        "16 家",
        lambda: len(cited(Institute, "shi-wang-zhang", "表 9")),
        True,
    ),
    "network-2017-members": (
        1291,
        "1 291 个",
        lambda: sum(
            metrics_2017_from_001("members_manufacturers", "members_education", "members_other")
        ),
        True,
    ),
    "network-2017-total-funding": (
        298_500_000,
        "2.985 亿美元",
        lambda: sum(metrics_2017_from_001("federal_usd", "nonfederal_usd")),
        True,
    ),
    "network-2017-institutes": (
        14,
        "14 家",
        lambda: len(cited(Institute, "zhu-chen", "表 1")),
        True,
    ),
    "network-fy2017-new-institutes": (
        6,
        "6 家",
        lambda: len(
            [
                i
                for i in cited(Institute, "zhu-chen", "表 1")
                if "2016-10-01" <= i.founded.isoformat() <= "2017-09-30"
            ]
        ),
        True,
    ),
    "network-institutes-2012-2020": (
        16,
        "16 个",
        lambda: len(cited(Institute, "sun-luo", "表 1")),
        True,
    ),
    "network-2015-institutes-founded": (
        5,
        "5 家",
        lambda: len(cited(Institute, "chen-yao", "表 1")),
        True,
    ),
    "network-2015-institutes-in-competition": (
        4,
        "4 家",
        lambda: InstituteProposal.objects.count(),
        True,
    ),
    "nsam-goal-count": (3, "三大目标", lambda: Goal.objects.count(), True),
    "nsam-objective-count": (11, "11 项特定技术目标", lambda: Objective.objects.count(), True),
    "nsam-recommendation-count": (
        37,
        "37 项建议措施",
        lambda: Recommendation.objects.count(),
        True,
    ),
    "nsam-goal-1-objective-count": (
        5,
        "设立了 5 个特定技术目标",
        lambda: Objective.objects.filter(goal__number=1).count(),
        True,
    ),
    "nsam-goal-1-recommendation-count": (
        18,
        "共 18 项建议",
        lambda: Recommendation.objects.filter(objective__goal__number=1).count(),
        True,
    ),
    "nsam-goal-2-objective-count": (
        3,
        "3 个特定技术目标",
        lambda: Objective.objects.filter(goal__number=2).count(),
        True,
    ),
    "nsam-goal-2-recommendation-count": (
        8,
        "8 条建议",
        lambda: Recommendation.objects.filter(objective__goal__number=2).count(),
        True,
    ),
    "nsam-goal-3-objective-count": (
        3,
        "3 个特定技术目标",
        lambda: Objective.objects.filter(goal__number=3).count(),
        True,
    ),
    "nsam-goal-3-recommendation-count": (
        11,
        "11 条建议",
        lambda: Recommendation.objects.filter(objective__goal__number=3).count(),
        True,
    ),
    "chips-program-total": (
        50_000_000_000,
        "500 亿美元",
        lambda: sum(amounts(part_of__slug="chips-program-total")),
        False,
    ),
    "chips-key-initiative-count": (
        3,
        "三项关键举措",
        lambda: len(amounts(part_of__slug="chips-program-total")),
        True,
    ),
}


def test_every_stated_total_is_checked_here():
    assert set(StatedTotal.objects.values_list("slug", flat=True)) == set(EXPECTED)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_a_stated_total_shows_what_its_rows_add_to(slug):
    stated, as_stated, rows, agrees = EXPECTED[slug]
    total = StatedTotal.objects.with_records().get(slug=slug)
    assert total.stated == stated
    assert total.as_stated == as_stated
    assert total.rows_total == Decimal(rows())
    assert total.agrees is agrees
    if not agrees:
        # A total its rows do not bear out is a recorded disagreement about the same figure.
        assert Discrepancy.objects.about([total.record]).filter(field=total.field).exists()


def test_the_networks_2320_members_against_table_9s_rows():
    total = StatedTotal.objects.get(slug="network-2021-members")
    assert (total.stated, total.rows_total, total.difference) == (2320, 2334, 14)
    assert total.row_count == 16


def test_a_truncated_round_total_still_agrees_at_the_precision_given():
    total = StatedTotal.objects.get(slug="mfgtech-round-2-total")
    assert total.rows_total == 2_087_604  # 208.76 万: the brief writes 208 万
    assert total.rounding_unit == 10_000 and total.agrees


def test_the_totals_page_sets_each_figure_beside_its_rows(client):
    html = client.get("/en/totals/").content.decode()
    assert "2 320 名" in html and "2,334" in html
    assert "/en/discrepancies/network-2021-members-table-9/" in html
    assert "$2,087,604" in html


def test_a_stated_figures_page_shows_its_rows(client):
    html = client.get("/en/figures/arp-awards-total/").content.decode()
    assert "$53,904,522" in html
    zh = client.get("/zh/figures/arp-awards-total/").content.decode()
    assert "53,904,522 美元" in zh


def test_a_disagreeing_total_without_a_recorded_disagreement_is_refused(fixtures_copy):
    path = fixtures_copy / "94_discrepancies_inconsistencies.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["records"] = [
        r for r in document["records"] if r["slug"] != "network-2021-members-table-9"
    ]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    Discrepancy.objects.filter(slug="network-2021-members-table-9").delete()
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert error.value.file == "95_stated_totals.yaml"
    assert error.value.record == "network-2021-members"
    assert "2,334" in error.value.message


def test_a_total_whose_rows_cannot_be_found_is_refused(fixtures_copy):
    path = fixtures_copy / "95_stated_totals.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["records"][0]["rows_filter"] = {"no_such_field": 1}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert error.value.field == "rows_filter"
