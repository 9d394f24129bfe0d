"""A curator, in Chromium, corrects an institute's member count with its source and follows it
to the public page, the API and the record's history."""

import os
from pathlib import Path

import pytest

from institutes.models import MemberCount
from policykb.admin.roles import roles_sync
from policykb.kb.loading import knowledge_base_load
from policykb.models import Source
from tests.admin_forms import user_in_group

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The session's Chromium (one sync Playwright per session: a second one cannot start).
pytest_plugins = ["tests.browser_conftest"]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module", autouse=True)
def knowledge_base_left_loaded(django_db_setup, django_db_blocker):
    """The live-server test below ends with pytest-django flushing the database; tests that run
    after it and read the session's knowledge base find it loaded again, with the roles."""
    yield
    with django_db_blocker.unblock():
        knowledge_base_load()
        roles_sync()


@pytest.fixture
def tab(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def curator(kb_reloaded):
    # A transactional test starts from a flushed database: put the roles back as the
    # migration made them, then create a curator as README describes.
    roles_sync()
    user_in_group("curator", "cora")
    return "cora", "curator-password-2024"


def test_a_curator_corrects_a_member_count_and_finds_it_everywhere(live_server, tab, curator):
    username, password = curator
    record = MemberCount.objects.get(slug="america-makes-000-2021")
    assert record.count == 240
    source = Source.objects.get(slug="shi-wang-zhang")

    # Log in to the admin.
    tab.goto(f"{live_server.url}/admin/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("input[type=submit]")
    tab.wait_for_selector("#site-name")

    # Find America Makes and change its FY2021 count (000 表 9) on the institute's page.
    tab.goto(f"{live_server.url}/admin/institutes/institute/?q=America+Makes")
    tab.click("#result_list a:text-is('1')")
    row = tab.locator("tr.form-row", has=tab.locator("input[value='america-makes-000-2021']"))
    row.locator("input[name$='-count']").fill("250")
    row.locator("select[name$='-citation_source']").select_option(str(source.pk))
    row.locator("input[name$='-citation_locator']").fill("表 9")
    tab.screenshot(path=str(ARTIFACTS / "curator-1-institute-form.png"), full_page=True)
    tab.click("input[name=_save]")
    tab.wait_for_selector(".messagelist .success")
    tab.screenshot(path=str(ARTIFACTS / "curator-2-saved.png"))

    record.refresh_from_db()
    assert record.count == 250
    assert record.citations.filter(source=source, locator="表 9").exists()

    # The public institute page shows the new figure.
    tab.goto(f"{live_server.url}/en/institutes/america-makes/")
    assert "250" in tab.locator("tr#america-makes-000-2021").inner_text()
    tab.screenshot(path=str(ARTIFACTS / "curator-3-public-page.png"), full_page=True)

    # So does the API.
    api = tab.request.get(f"{live_server.url}/api/institute-members/america-makes-000-2021/")
    assert api.ok
    assert api.json()["count"] == 250

    # The change is in the record's history, with who made it and what changed.
    tab.goto(f"{live_server.url}/admin/institutes/membercount/{record.pk}/change/")
    tab.click("a.historylink")
    history = tab.locator("#change-history")
    history.wait_for()
    text = history.inner_text()
    assert username in text
    assert "240" in text and "250" in text
    tab.screenshot(path=str(ARTIFACTS / "curator-4-history.png"), full_page=True)
