"""NSAM's goals, objectives and recommendations as 000 (史冬梅等, §1 and 表 1–4) and 002
(国外产业动态 2022 年第 6 期, its brief 美国先进制造业国家战略) word them: every difference is a
recorded disagreement with both wordings, 000's shown first."""

import pytest

from policykb.models import Discrepancy
from strategy.models import Goal, Objective, Recommendation

pytestmark = pytest.mark.django_db

# 002's wording of every item, read off the paper (its headings and its numbered lists).
WORDING_002 = {
    "goal-1": "开发和实施先进制造技术",
    "goal-2": "增加先进制造业劳动力",
    "goal-3": "增强制造业供应链的韧性",
    "objective-1-1": "清洁和可持续制造支持脱碳",
    "objective-1-2": "加速微电子和半导体制造",
    "objective-1-3": "实施先进制造以支持生物经济",
    "objective-1-4": "开发创新材料和加工技术",
    "objective-1-5": "引领智能制造的未来",
    "objective-2-1": "先进制造业人才库的扩大和多样化",
    "objective-2-2": "先进制造教育和培训的发展、促进和规模化",
    "objective-2-3": "加强雇主和教育组织间的联系",
    "objective-3-1": "加强供应链互联",
    "objective-3-2": "加大力度减少制造供应链漏洞",
    "objective-3-3": "加强和振兴先进制造生态系统",
    "recommendation-1-1-1": "制造过程脱碳",
    "recommendation-1-1-2": "清洁能源制造技术",
    "recommendation-1-1-3": "可持续制造和回收",
    "recommendation-1-2-1": "半导体纳米电子器件",
    "recommendation-1-2-2": "半导体材料设计和制造",
    "recommendation-1-2-3": "半导体封装和异构设计",
    "recommendation-1-3-1": "生物制造",
    "recommendation-1-3-2": "农业、林业和食品加工",
    "recommendation-1-3-3": "生物质加工和转化",
    "recommendation-1-3-4": "医药和保健产品",
    "recommendation-1-4-1": "高性能材料设计和加工",
    "recommendation-1-4-2": "添加剂制造",
    "recommendation-1-4-3": "关键材料",
    "recommendation-1-4-4": "太空制造",
    "recommendation-1-5-1": "数字制造",
    "recommendation-1-5-2": "人工智能制造",
    "recommendation-1-5-3": "以人为中心的技术应用",
    "recommendation-1-5-4": "制造业的网络安全",
    "recommendation-2-1-1": "提高先进制造业职业意识",
    "recommendation-2-1-2": "为参与不足的社区提供帮助和指导",
    "recommendation-2-1-3": "解决服务不足群体的社会和结构障碍",
    "recommendation-2-2-1": "将先进制造纳入基础 STEM 教育",
    "recommendation-2-2-2": "先进制造职业技术教育现代化",
    "recommendation-2-2-3": "开展和传播新的学习技术和实践",
    "recommendation-2-3-1": "探索基于工作的教育和学徒计划",
    "recommendation-2-3-2": "建立行业认可的认证和证书体系",
    "recommendation-3-1-1": "促进供应链管理中的供应链协调",
    "recommendation-3-1-2": "推进供应链数字化转型创新",
    "recommendation-3-2-1": "沿着供应链追踪信息和产品",
    "recommendation-3-2-2": "提高供应链的可视性",
    "recommendation-3-2-3": "改进供应链风险管理",
    "recommendation-3-2-4": "刺激供应链敏捷性",
    "recommendation-3-3-1": "促进新业务形成和增长",
    "recommendation-3-3-2": "支持中小型制造商发展",
    "recommendation-3-3-3": "协助技术过渡",
    "recommendation-3-3-4": "建立和加强区域制造网络",
    "recommendation-3-3-5": "改善公私伙伴关系",
}

# Where 000 words an item as 002 does: no disagreement to record.
SAME = {
    "goal-1",
    "objective-1-4",
    "objective-1-5",
    "objective-3-1",
    "recommendation-1-1-3",
    "recommendation-1-2-2",
    "recommendation-1-2-3",
    "recommendation-1-3-3",
    "recommendation-1-4-1",
    "recommendation-3-2-2",
    "recommendation-3-2-3",
    "recommendation-3-2-4",
    "recommendation-3-3-4",
}

# 000's wording, where it differs (§1 for goals, 表 1 for objectives, 表 2–4 for recommendations).
WORDING_000 = {
    "goal-2": ("§1", "促进先进制造业劳动力发展"),
    "goal-3": ("§1", "提升制造业供应链弹性"),
    "objective-1-1": ("表 1", "实现清洁和可持续制造以支持脱碳"),
    "objective-1-2": ("表 1", "加快微电子和半导体制造创新"),
    "objective-1-3": ("表 1", "实施先进制造技术支持生物经济"),
    "objective-2-1": ("表 1", "扩大先进制造业人才库并使其多样化"),
    "objective-2-2": ("表 1", "发展、扩大和促进先进制造业教育和培训"),
    "objective-2-3": ("表 1", "加强雇主和教育组织之间的联系"),
    "objective-3-2": ("表 1", "加大力度降低制造业供应链脆弱性"),
    "objective-3-3": ("表 1", "加强和振兴先进制造业生态系统"),
    "recommendation-1-1-1": ("表 2", "制造工艺脱碳"),
    "recommendation-1-1-2": ("表 2", "清洁能源制造技术改进"),
    "recommendation-1-2-1": ("表 2", "半导体和电子纳米制造"),
    "recommendation-1-3-1": ("表 2", "推进生物制造研究"),
    "recommendation-1-3-2": ("表 2", "农业、森林和食品加工"),
    "recommendation-1-3-4": ("表 2", "药物和保健产品开发"),
    "recommendation-1-4-2": ("表 2", "增材制造"),
    "recommendation-1-4-3": ("表 2", "关键材料开发"),
    "recommendation-1-4-4": ("表 2", "空间制造"),
    "recommendation-1-5-1": ("表 2", "数字化制造"),
    "recommendation-1-5-2": ("表 2", "在制造业中推广人工智能"),
    "recommendation-1-5-3": ("表 2", "采用以人为中心的技术"),
    "recommendation-1-5-4": ("表 2", "实现制造业网络安全"),
    "recommendation-2-1-1": ("表 3", "通过增加先进制造业活动提高人们对先进制造业职业的认识"),
    "recommendation-2-1-2": ("表 3", "提高先进制造业发展落后地区的参与度并增加对其的技术援助"),
    "recommendation-2-1-3": (
        "表 3",
        "解决先进制造业发展落后地区的社会和结构障碍并为其提供更多就业机会",
    ),
    "recommendation-2-2-1": ("表 3", "将先进制造纳入科学、技术、工程和数学（STEM）教育"),
    "recommendation-2-2-2": ("表 3", "推动先进制造业职业和技术教育现代化（CTE）"),
    "recommendation-2-2-3": ("表 3", "扩展和传播新的学习技术和实践"),
    "recommendation-2-3-1": ("表 3", "拓展基于工作的学习和学徒制"),
    "recommendation-2-3-2": ("表 3", "推广行业认可的证书和认证"),
    "recommendation-3-1-1": ("表 4", "促进供应链内的公私合作"),
    "recommendation-3-1-2": ("表 4", "推进供应链数字化转型"),
    "recommendation-3-2-1": ("表 4", "沿供应链追踪信息和产品"),
    "recommendation-3-3-1": ("表 4", "促进新业务的形成和增长"),
    "recommendation-3-3-2": ("表 4", "支持中小型制造商"),
    "recommendation-3-3-3": ("表 4", "协助技术从实验室到市场的过渡"),
    "recommendation-3-3-5": ("表 4", "改善公私合作关系"),
}


def nsam_records():
    return [*Goal.objects.all(), *Objective.objects.all(), *Recommendation.objects.all()]


def test_the_lists_cover_every_goal_objective_and_recommendation():
    assert {record.slug for record in nsam_records()} == set(WORDING_002)
    assert set(WORDING_000) == set(WORDING_002) - SAME
    assert len(WORDING_000) == 38


def test_where_the_papers_agree_the_record_shows_the_shared_wording():
    for record in nsam_records():
        if record.slug in SAME:
            assert record.name_zh == WORDING_002[record.slug]


@pytest.mark.parametrize("slug", sorted(WORDING_000))
def test_a_wording_difference_keeps_both_wordings_and_shows_000s(slug):
    locator, wording_000 = WORDING_000[slug]
    record = next(r for r in nsam_records() if r.slug == slug)
    assert record.name_zh == wording_000
    # The record cites the paper (and place) whose wording it shows.
    assert ("shi-wang-zhang", locator) in {(c.source.slug, c.locator) for c in record.citation_list}
    (discrepancy,) = Discrepancy.objects.about([record]).filter(field="name_zh")
    values = {(v.source.slug, v.locator, v.value) for v in discrepancy.values.all()}
    assert ("shi-wang-zhang", locator, wording_000) in values
    assert ("idei-2022-6", "美国先进制造业国家战略", WORDING_002[slug]) in values
    assert discrepancy.chosen.value == wording_000
    assert discrepancy.topic_en and discrepancy.decision_en


def test_goal_3_keeps_000s_own_other_wording_in_table_4():
    discrepancy = Discrepancy.objects.get(slug="goal-3-name")
    assert {v.value for v in discrepancy.values.all()} == {
        "提升制造业供应链弹性",
        "增强制造业供应链的韧性",
        "建立制造业供应链及生态系统弹性",
    }


@pytest.mark.parametrize(
    ("slug", "shown", "other"),
    [
        ("nsam-objective-count-wording", "11 项特定技术目标", "11项战略目标"),
        ("nsam-recommendation-count-wording", "37 项建议措施", "37项技术"),
    ],
)
def test_the_papers_name_nsams_counts_differently(slug, shown, other):
    discrepancy = Discrepancy.objects.get(slug=slug)
    assert discrepancy.chosen.value == shown
    assert other in {v.value for v in discrepancy.values.all()}
