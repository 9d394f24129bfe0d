"""NSAM 2022 and the policy timeline as 000 (表 1–4), 002 and 003 give them."""

import datetime

import pytest

from policykb.models import FundingAward
from strategy.models import Goal, Objective, Participation, Policy, Recommendation

pytestmark = pytest.mark.django_db

# 000 表 1, row by row, columns 商务部 国防部 能源部 劳工部 交通部 教育部 环保局 卫生与公众服务部
# 航空航天局 国家科学基金会 农业部.
MATRIX = {
    "1.1": "√√√×√×√√×√√",
    "1.2": "√√√××××××√×",
    "1.3": "√√×××××√√√√",
    "1.4": "√√√×√×√√√√√",
    "1.5": "√√√×××××√√√",
    "2.1": "√√√√×√×√√√√",
    "2.2": "√√√√√√×√√√√",
    "2.3": "√√×√√√×√×√√",
    "3.1": "√√√××××√√√√",
    "3.2": "√√√×√×√√√√√",
    "3.3": "√√√×√√×√√√√",
}


def test_three_goals_eleven_objectives_thirty_seven_recommendations():
    assert [g.name_zh for g in Goal.objects.all()] == [
        "开发和实施先进制造技术",
        "促进先进制造业劳动力发展",
        "提升制造业供应链弹性",
    ]
    assert [g.objectives.count() for g in Goal.objects.all()] == [5, 3, 3]
    per_objective = [o.recommendations.count() for o in Objective.objects.all()]
    assert per_objective == [3, 3, 4, 4, 4, 3, 3, 2, 2, 4, 5]
    assert Recommendation.objects.count() == 37


def test_the_matrix_records_every_tick_and_cross_of_table_1():
    assert Participation.objects.count() == 121
    for objective in Objective.objects.all():
        row = "".join(
            "√" if cell.participates else "×"
            for cell in objective.participations.order_by("agency__matrix_order")
        )
        assert row == MATRIX[objective.code], objective.code
    assert Participation.objects.filter(participates=True).count() == 85
    assert Participation.objects.filter(participates=False).count() == 36


def test_labor_joins_only_the_workforce_objectives_and_two_others():
    labor = Objective.objects.filter(
        participations__agency__slug="dol", participations__participates=True
    )
    assert sorted(o.code for o in labor) == ["2.1", "2.2", "2.3"]


def test_recommendations_keep_the_specific_measures_of_table_2():
    additive = Recommendation.objects.get(slug="recommendation-1-4-2")
    assert additive.name_zh == "增材制造"
    assert additive.measures_zh == "与机器学习和智能制造平台集成"
    assert Recommendation.objects.filter(objective__goal__number=1, measures_zh="").count() == 0


def test_nsam_is_dated_and_the_timeline_runs_from_2009_to_2022():
    nsam = Policy.objects.get(slug="nsam-2022")
    assert nsam.date == datetime.date(2022, 10, 7)
    dated = Policy.objects.filter(date__isnull=False)
    assert dated.earliest("date").date.year == 2009
    assert dated.latest("date").date.year == 2022


def test_chips_strategy_lines_as_002_states_them():
    lines = {
        a.slug: (a.amount_usd, a.qualifier)
        for a in FundingAward.objects.filter(policy__slug="chips-implementation-strategy")
    }
    assert lines == {
        "chips-program-total": (50_000_000_000, ""),
        "chips-leading-edge-manufacturing": (28_000_000_000, "about"),
        "chips-current-generation-capacity": (10_000_000_000, "about"),
        "chips-rd-leadership": (11_000_000_000, ""),
    }
    strategy = Policy.objects.get(slug="chips-implementation-strategy")
    assert strategy.date == datetime.date(2022, 9, 6)
    assert strategy.provisions.filter(kind="goal").count() == 4
    assert strategy.provisions.filter(kind="criterion").count() == 7
