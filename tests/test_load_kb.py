"""`load_kb` as a curator meets it: idempotent, validating, all-or-nothing on a broken fixture."""

import shutil
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from institutes.models import Institute, InstituteTie, MepYear
from policykb.kb.errors import FixtureError
from policykb.kb.loading import knowledge_base_load
from policykb.models import FundingAward, Organization


@pytest.fixture
def fixtures_copy(tmp_path, settings):
    """A writable copy of the fixtures that load_kb reads instead of the real ones."""
    target = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, target)
    settings.FIXTURES_DIR = target
    return target


def edit_record(path, slug, **changes):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in document["records"]:
        if record["slug"] == slug:
            for key, value in changes.items():
                if value is None:
                    record.pop(key, None)
                else:
                    record[key] = value
            break
    else:
        raise AssertionError(f"{slug} not in {path}")
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def snapshot():
    return {
        "institutes": list(Institute.objects.values_list("slug", "name_zh", "founded")),
        "funding": list(FundingAward.objects.values_list("slug", "amount_usd")),
        "organizations": Organization.objects.count(),
    }


@pytest.mark.django_db
def test_a_second_load_changes_nothing_and_says_so():
    out = StringIO()
    call_command("load_kb", stdout=out)
    assert "No changes" in out.getvalue()
    report = knowledge_base_load()
    assert report.changed == 0
    assert report.total > 500


@pytest.mark.django_db
def test_a_changed_fixture_updates_only_that_record(fixtures_copy):
    edit_record(fixtures_copy / "02_organizations.yaml", "purdue", location_en="West Lafayette, IN")
    report = knowledge_base_load()
    assert sum(report.updated.values()) == 1
    assert report.updated["policykb.organization"] == 1
    assert Organization.objects.get(slug="purdue").location_en == "West Lafayette, IN"


@pytest.mark.django_db
def test_a_negative_amount_is_refused_naming_file_record_and_field(fixtures_copy):
    edit_record(fixtures_copy / "02_organizations.yaml", "purdue", name_zh="普渡大学（已改）")
    funding_file = next(fixtures_copy.glob("40_*.yaml"))
    first_slug = yaml.safe_load(funding_file.read_text(encoding="utf-8"))["records"][0]["slug"]
    edit_record(funding_file, first_slug, amount_usd=-5)
    before = snapshot()

    with pytest.raises(FixtureError) as error:
        knowledge_base_load()

    assert error.value.file == funding_file.name
    assert error.value.record == first_slug
    assert error.value.field == "amount_usd"
    # The organisation edited in an earlier file was rolled back with everything else.
    assert Organization.objects.get(slug="purdue").name_zh == "普渡大学"
    assert snapshot() == before


@pytest.mark.django_db
def test_a_dangling_link_is_refused(fixtures_copy):
    edit_record(fixtures_copy / "30_institutes.yaml", "lift", lead="no-such-organisation")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert (error.value.file, error.value.record, error.value.field) == (
        "30_institutes.yaml",
        "lift",
        "lead",
    )
    assert "no-such-organisation" in error.value.message


@pytest.mark.django_db
def test_text_in_one_language_only_is_refused(fixtures_copy):
    edit_record(fixtures_copy / "30_institutes.yaml", "niimbl", name_en="")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert (error.value.record, error.value.field) == ("niimbl", "name_en")


@pytest.mark.django_db
def test_a_figure_without_a_source_is_refused(fixtures_copy):
    edit_record(fixtures_copy / "35_mep_years.yaml", "mep-2020", sources=None)
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert (error.value.file, error.value.record, error.value.field) == (
        "35_mep_years.yaml",
        "mep-2020",
        "sources",
    )


@pytest.mark.django_db
def test_a_missing_record_breaks_the_stated_counts(fixtures_copy):
    path = fixtures_copy / "35_mep_years.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["records"] = [r for r in document["records"] if r["slug"] != "mep-2018"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load(prune=True)
    assert error.value.file == "checks.yaml"
    assert "expected 5 records, found 4" in error.value.message
    assert MepYear.objects.filter(slug="mep-2018").exists()


@pytest.mark.django_db
def test_a_record_dropped_from_the_fixtures_is_reported_and_kept_unless_pruned(fixtures_copy):
    path = fixtures_copy / "33_institute_ties.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    dropped = document["records"].pop()["slug"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = knowledge_base_load()
    assert report.stale == {"institutes.institutetie": [dropped]}
    assert InstituteTie.objects.filter(slug=dropped).exists()
    report = knowledge_base_load(prune=True)
    assert report.pruned == {"institutes.institutetie": 1}
    assert not InstituteTie.objects.filter(slug=dropped).exists()


@pytest.mark.django_db
def test_a_discrepancy_must_choose_what_the_record_shows(fixtures_copy):
    edit_record(fixtures_copy / "30_institutes.yaml", "america-makes", founded="2021-08-01")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert error.value.field == "values"
    assert "2012-08" in error.value.message


@pytest.mark.django_db
def test_the_command_reports_the_error_and_loads_nothing(fixtures_copy):
    edit_record(fixtures_copy / "01_agencies.yaml", "nist", parent="nowhere")
    before = snapshot()
    with pytest.raises(CommandError, match=r"01_agencies.yaml: record 'nist', field 'parent'"):
        call_command("load_kb", stdout=StringIO())
    assert snapshot() == before


@pytest.mark.django_db
def test_invalid_yaml_names_the_file(fixtures_copy):
    (fixtures_copy / "35_mep_years.yaml").write_text("model: institutes.mepyear\nrecords: [\n")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert error.value.file == "35_mep_years.yaml"
    assert "not valid YAML" in error.value.message


@pytest.mark.django_db
def test_an_unknown_field_is_refused(fixtures_copy):
    edit_record(fixtures_copy / "02_organizations.yaml", "purdue", founded_by="John Purdue")
    with pytest.raises(FixtureError) as error:
        knowledge_base_load()
    assert (error.value.record, error.value.field) == ("purdue", "founded_by")
