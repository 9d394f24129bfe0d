"""The Chinese catalogue is complete: every interface string in the code is translated, none is
fuzzy, and the compiled catalogue the site serves says the same as the one reviewers read."""

import ast
import gettext
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# What makemessages reads: the code and templates, nothing installed or generated.
SKIPPED = {".venv", ".git", "test-artifacts", "staticfiles", "fixtures", "static", "__pycache__"}


def read_po(path):
    """Entries of a .po file as dicts: msgid, msgid_plural, msgstr list, flags, obsolete."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and not entry["obsolete"]:
            entries.append(entry)

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "msgid_plural": None, "msgstr": [], "flags": set()}
            entry["obsolete"] = False
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
        else:
            keyword, _, quoted = line.partition(" ")
            value = ast.literal_eval(quoted)
            if keyword.startswith("msgstr"):
                field = "msgstr"
                entry["msgstr"].append(value)
            else:
                field = keyword
                entry[keyword] = value
    return [e for e in entries if e["msgid"]]


def untranslated(entries):
    return [e["msgid"] for e in entries if not all(e["msgstr"]) or "fuzzy" in e["flags"]]


def test_the_committed_catalogue_has_no_untranslated_or_fuzzy_string():
    entries = read_po(CATALOGUE)
    assert len(entries) > 300
    assert untranslated(entries) == []
    header = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[0]
    assert "#, fuzzy" not in header
    assert '"Language: zh_Hans\\n"' in header


def test_every_interface_string_in_the_code_is_in_the_catalogue(tmp_path, monkeypatch, settings):
    """Run makemessages over a copy of the project: nothing new or fuzzy may appear."""
    project = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        project,
        copy,
        ignore=lambda directory, names: [n for n in names if n in SKIPPED or n.endswith(".mo")],
    )
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["zh_Hans"], ignore_patterns=list(SKIPPED), verbosity=0)
    entries = read_po(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")
    assert untranslated(entries) == []
    assert {e["msgid"] for e in entries} == {e["msgid"] for e in read_po(CATALOGUE)}


def test_the_compiled_catalogue_matches_the_reviewed_one():
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in read_po(CATALOGUE):
        if entry["msgid_plural"]:
            assert (
                translations.ngettext(entry["msgid"], entry["msgid_plural"], 1)
                == (entry["msgstr"][0])
            )
        else:
            assert translations.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


@pytest.mark.django_db
def test_the_chinese_pages_use_the_catalogue(client):
    page = client.get("/zh/").content.decode()
    assert "主要数据" in page
    assert "知识库收录内容" in page
    assert "Headline figures" not in page
