"""`export_kb` writes the database as fixtures that `load_kb` reads back to the same database."""

import difflib
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command

from institutes.models import MemberCount
from policykb.kb.exporting import knowledge_base_export
from policykb.kb.loading import fixture_paths, knowledge_base_load, read_fixture
from policykb.models import Agency, Citation, FundingAward, Source
from policykb.services import cited_record_save

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["policykb", "strategy", "roadmaps", "institutes"]


def plain(obj, field):
    """A field's value with links to other records written as their slugs."""
    if field.is_relation:
        target = getattr(obj, field.name)
        if target is None:
            return None
        return target.model if field.name == "content_type" else target.slug
    if field.name == "object_id" and hasattr(obj, "record"):
        return obj.record.slug
    return getattr(obj, field.attname)


def snapshot():
    """Every record of the knowledge base by slug, with every field, citation and child row."""
    state = {}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            rows = [
                tuple((f.name, plain(obj, f)) for f in fields)
                for obj in model._default_manager.all()
            ]
            state[model._meta.label] = sorted(rows, key=repr)
    return state


def empty_knowledge_base():
    """Delete every record, children before what they point at."""
    Citation.objects.all().delete()
    Agency.objects.update(parent=None)
    FundingAward.objects.update(part_of=None)
    models = []
    for path in fixture_paths():
        model, _records = read_fixture(path)
        if model not in models:
            models.append(model)
    for model in reversed(models):
        model._default_manager.all().delete()
    assert all(not rows for rows in snapshot().values())


@pytest.fixture
def fixtures_copy(tmp_path, settings):
    """A writable copy of fixtures/ that both commands use instead of the real one."""
    target = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, target)
    settings.FIXTURES_DIR = target
    return target


def data_files(directory):
    return {path.name: path.read_bytes() for path in sorted(Path(directory).glob("[0-9]*.yaml"))}


def test_an_export_right_after_loading_is_byte_identical(settings, tmp_path):
    out = StringIO()
    call_command("export_kb", output=str(tmp_path / "export"), stdout=out)
    assert "No changes: all 736 records" in out.getvalue()
    assert data_files(tmp_path / "export") == data_files(settings.FIXTURES_DIR)
    assert (tmp_path / "export" / "checks.yaml").exists()


def test_loading_an_export_into_the_same_database_changes_nothing(tmp_path):
    knowledge_base_export(output=tmp_path, rewrite=True)
    report = knowledge_base_load(paths=sorted(tmp_path.glob("[0-9]*.yaml")))
    assert report.changed == 0
    assert report.total == 736


@pytest.mark.parametrize("rewrite", [False, True], ids=["kept-text", "rewritten"])
def test_an_emptied_database_is_rebuilt_identical_from_the_export(settings, tmp_path, rewrite):
    before = snapshot()
    knowledge_base_export(output=tmp_path, rewrite=rewrite)
    empty_knowledge_base()
    settings.FIXTURES_DIR = tmp_path
    report = knowledge_base_load()
    assert sum(report.created.values()) == 736
    assert snapshot() == before


def test_a_curators_change_is_a_small_reviewable_diff(fixtures_copy):
    before = data_files(fixtures_copy)
    count = MemberCount.objects.get(slug="america-makes-000-2021")
    count.count = 250
    cited_record_save(record=count, source=Source.objects.get(slug="sun-luo"), locator="表 1")

    report = knowledge_base_export()

    assert report.rewritten == {"32_member_counts.yaml": 1}
    after = data_files(fixtures_copy)
    assert {name for name in after if after[name] != before[name]} == {"32_member_counts.yaml"}
    diff = [
        line
        for line in difflib.unified_diff(
            before["32_member_counts.yaml"].decode().splitlines(),
            after["32_member_counts.yaml"].decode().splitlines(),
            lineterm="",
            n=0,
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["-  count: 240", "+  count: 250", "+  - {source: sun-luo, locator: 表 1}"]
    assert knowledge_base_load().changed == 0


def test_new_records_go_to_their_models_first_file_and_deleted_ones_leave(fixtures_copy):
    MemberCount.objects.get(slug="america-makes-004-2015").delete()
    lift_2023 = MemberCount(
        slug="lift-2023", institute=MemberCount.objects.get(slug="lift-000-2021").institute
    )
    lift_2023.year, lift_2023.count = 2023, 300
    cited_record_save(record=lift_2023, source=Source.objects.get(slug="sun-luo"), locator="表 1")

    report = knowledge_base_export()

    assert report.added == {"32_member_counts.yaml": 1}
    assert report.removed == {"32_member_counts.yaml": 1}
    text = (fixtures_copy / "32_member_counts.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Member counts of each institute as each paper gives them.")
    assert text.endswith(
        "- slug: lift-2023\n"
        "  en_translated: true\n"
        "  institute: lift\n"
        "  year: 2023\n"
        "  count: 300\n"
        "  sources:\n"
        "  - {source: sun-luo, locator: 表 1}\n"
    )
    slugs = [r["slug"] for r in yaml.safe_load(text)["records"]]
    assert "america-makes-004-2015" not in slugs
    assert knowledge_base_load(prune=True).changed == 0
