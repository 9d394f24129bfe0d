"""`scale_kb`: synthetic rows for measurement, plainly marked, never mixed with the papers' data."""

from io import StringIO

import pytest
from django.core.management import call_command

from institutes.models import Institute
from policykb.kb.loading import knowledge_base_load
from policykb.models import FundingAward, Organization, Source

pytestmark = pytest.mark.django_db


def test_scaling_adds_marked_cited_rows_and_removal_restores_the_papers_data():
    real_awards = FundingAward.objects.count()
    call_command("scale_kb", factor=3, stdout=StringIO())

    assert Institute.objects.count() == 16 * 3
    assert FundingAward.objects.count() == real_awards * 3
    synthetic = Institute.objects.filter(slug__startswith="synthetic-")
    assert all(
        i.name_zh.startswith("【合成】") and i.name_en.startswith("[synthetic]") for i in synthetic
    )
    assert {c.source.slug for i in synthetic[:5] for c in i.citations.all()} == {"synthetic-source"}
    # The knowledge base proper is unchanged: load_kb finds nothing to do and its counts still hold.
    assert knowledge_base_load().changed == 0

    out = StringIO()
    call_command("scale_kb", remove=True, stdout=out)
    assert "Removed" in out.getvalue()
    assert Institute.objects.count() == 16
    assert FundingAward.objects.count() == real_awards
    assert not Organization.objects.filter(slug__startswith="synthetic-").exists()
    assert not Source.objects.filter(slug="synthetic-source").exists()
