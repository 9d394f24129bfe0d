"""Browser fixtures: one Chromium per session (Debian's, at /usr/bin/chromium), one live server
per module serving the knowledge base. Import the fixtures from here into a browser test module.

Playwright's sync API runs an event loop in the test thread, so Django's guard against database
calls from async code must be lifted for these tests (DJANGO_ALLOW_ASYNC_UNSAFE).
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's event loop runs, Django sees an async context and gives this thread
    # other connections: close the ones opened before and during, or they would keep the test
    # database open when it is dropped. (In-memory SQLite ignores closing; nothing is lost.)
    connections.close_all()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


@pytest.fixture(scope="module")
def site_url(django_db_setup, django_db_blocker):
    """A live server over the loaded knowledge base, shared by the tests of one module.

    Transactional tests elsewhere may have flushed the database, so the knowledge base is
    (re)loaded first; the load is idempotent and commits, so the server's thread sees it.
    """
    from django.db import connections
    from pytest_django.live_server_helper import LiveServer

    from policykb.kb.loading import knowledge_base_load

    # Each request thread closes its connection when the request ends, so none is left open
    # when the test database is dropped (persistent connections would outlive the server).
    database = connections.settings["default"]
    kept_for = database["CONN_MAX_AGE"]
    database["CONN_MAX_AGE"] = 0
    with django_db_blocker.unblock():
        knowledge_base_load()
        server = LiveServer("127.0.0.1:0")
        try:
            yield server.url
        finally:
            server.stop()
            database["CONN_MAX_AGE"] = kept_for


@pytest.fixture
def page(site_url, browser):
    """A fresh browser tab; fails the test if the page asks any other host for anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    foreign = []
    tab.on(
        "request",
        lambda request: None if request.url.startswith(site_url) else foreign.append(request.url),
    )
    yield tab
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture(scope="session")
def screenshot():
    """Keep a full-page screenshot as a test artifact: screenshot(tab, "name")."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(tab, name):
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
