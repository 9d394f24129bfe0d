"""Every disagreement between the papers and every erratum, with the value shown first and the rest
kept. The closing note of the foundation issue lists the same table."""

import pytest

from policykb.kb.records import field_text
from policykb.models import Discrepancy

pytestmark = pytest.mark.django_db

# slug: (kind, value shown, {other values kept})
EXPECTED = {
    "nsf-name-table-1": ("erratum", "美国国家科学基金会", {"美国国家卫生基金会"}),
    "nsam-english-title": (
        "erratum",
        "National Strategy for Advanced Manufacturing",
        {"National Strategy for Advanced Manufacture"},
    ),
    "recommendation-1-4-2-name": ("erratum", "增材制造", {"添加剂制造"}),
    "sun-luo-table-1-investment-unit": ("erratum", "10 million USD", {"100 million USD"}),
    "america-makes-founded": ("erratum", "2012-08", {"2021-08"}),
    "poweramerica-founded": ("conflict", "2014-01-15", {"2014-01", "2015-01"}),
    "iacmi-founded": ("conflict", "2015-01-09", {"2015-01", "2015-06"}),
    "biofabusa-founded": ("conflict", "2016-12", {"2017-02"}),
    "lift-lead": ("conflict", "almmii", {"ewi"}),
    "mxd-lead": ("conflict", "ui-labs", {"uic"}),
    "america-makes-federal-commitment": ("conflict", "65000000", {"50000000"}),
    "america-makes-matching-commitment": ("conflict", "68000000", {"39000000"}),
    "mxd-federal-commitment": ("conflict", "83000000", {"70000000"}),
    "iacmi-matching-commitment": ("conflict", "178000000", {"180000000"}),
    "network-2017-projects": ("conflict", "273", {"270"}),
    "network-2017-federal": ("conflict", "120700000", {"121000000"}),
    "network-2017-nonfederal": ("conflict", "177800000", {"177000000"}),
    "mfgtech-astm-construction-amount": ("conflict", "299989", {"299990"}),
    "mfgtech-sri-quantum-amount": ("conflict", "299128", {"299110"}),
    "mfgtech-microelectronics-packaging-lead": ("conflict", "src", {"semi"}),
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_discrepancy_keeps_every_value_and_shows_the_chosen_one(slug):
    kind, shown, kept = EXPECTED[slug]
    discrepancy = Discrepancy.objects.get(slug=slug)
    assert discrepancy.kind == kind
    assert discrepancy.chosen.value == shown
    others = {v.value for v in discrepancy.values.all() if not v.is_chosen}
    assert kept <= others
    assert discrepancy.decision_zh and discrepancy.decision_en
    if discrepancy.content_type.model != "source":
        assert field_text(discrepancy.record, discrepancy.field) == shown


def test_every_discrepancy_value_cites_where_the_paper_says_it():
    for discrepancy in Discrepancy.objects.prefetch_related("values__source"):
        for value in discrepancy.values.all():
            assert value.locator and value.as_stated, discrepancy.slug
