"""Security a reader or a curator meets: the headers every answer carries, a Content Security
Policy strict enough that no inline script or style runs and loose enough that every page still
works, and an admin login that stops a password guesser.

The CSP and its middleware are in the base settings, so this suite runs the real policy; the
production-only settings (HTTPS, HSTS, secure cookies) are checked in tests/test_deploy.py.
"""

import os
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, RequestFactory

from tests.site_map import page_urls

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The session's Chromium, for the test that opens the pages in a real browser.
pytest_plugins = ["tests.browser_conftest"]

PASSWORD = "a-long-curator-passphrase"


# --- headers -----------------------------------------------------------------------------------


def csp_directives(response):
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return header, directives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/en/", "/zh/funding/", "/admin/login/", "/api/", "/api/funding/", "/api/docs/", "/nowhere/"],
)
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path, HTTP_ACCEPT="text/html")
    header, directives = csp_directives(response)
    # Only the site's own files; nothing inline, nothing evaluated, no plugins, never framed.
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_static_files_are_served_by_the_app_itself(client):
    # WhiteNoise serves them in every environment; here (DEBUG off, nothing collected) from the
    # apps' static folders.
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content)


# --- no inline script or style anywhere ----------------------------------------------------------


class InlineCode(HTMLParser):
    """What a CSP without 'unsafe-inline' would block: <script> without src (JSON data blocks
    are not run, so they are allowed), <style>, style="", on…="" handlers, javascript: URLs."""

    DATA_SCRIPTS = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs_dict = dict(attrs)
        kind = (attrs_dict.get("type") or "").lower()
        if tag == "script" and not attrs_dict.get("src") and kind not in self.DATA_SCRIPTS:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def admin_pages(user):
    """Every admin page a curator opens: the index, and for every model its list, its add form,
    one record's change form and that record's history."""
    pages = ["/admin/", "/admin/password_change/"]
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pages.append(base)
        if model_admin.has_add_permission(request):  # not the login attempts, for one
            pages.append(f"{base}add/")
        record = model._default_manager.order_by("pk").first()
        if record is not None:
            pages += [f"{base}{record.pk}/change/", f"{base}{record.pk}/history/"]
        if hasattr(model_admin, "import_action"):
            pages.append(f"{base}import/")
    return pages


@pytest.fixture
def superuser():
    return User.objects.create_superuser("security-admin", "admin@example.org", PASSWORD)


@pytest.mark.django_db
def test_no_public_page_needs_inline_script_or_style(client):
    found = {}
    for language in ("en", "zh-hans"):
        for path in page_urls(language).values():
            response = client.get(path)
            assert response.status_code == 200, path
            if inline := inline_code(response):
                found[path] = inline
    assert not found


@pytest.mark.django_db
def test_no_admin_page_needs_inline_script_or_style(client, superuser):
    assert inline_code(client.get("/admin/login/")) == []
    client.force_login(superuser)
    found = {}
    pages = admin_pages(superuser)
    assert len(pages) > 50
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        if inline := inline_code(response):
            found[path] = inline
    assert not found


@pytest.mark.django_db
def test_the_api_pages_need_no_inline_script_or_style(client, superuser):
    pages = ["/api/", "/api/funding/", "/api/funding/summary/?group_by=program", "/api/docs/"]
    pages += ["/api/institutes/america-makes/"]
    for who in ("anonymous", "staff"):
        if who == "staff":
            client.force_login(superuser)  # staff also get the browsable API's write forms
        for path in pages:
            response = client.get(path, HTTP_ACCEPT="text/html")
            assert response.status_code == 200, path
            assert inline_code(response) == [], (who, path)
    # Swagger UI's start-up script is a file of its own, which the CSP allows.
    docs = client.get("/api/docs/").content.decode()
    assert 'src="/api/docs/?script=' in docs
    script = client.get("/api/docs/", {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


@pytest.fixture
def browser_admin(site_url, django_db_blocker):
    """A superuser the live server can see (committed), removed afterwards."""
    with django_db_blocker.unblock():
        User.objects.filter(username="csp-admin").delete()
        User.objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
    yield "csp-admin"
    with django_db_blocker.unblock():
        User.objects.filter(username="csp-admin").delete()


VIOLATIONS = """
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp_violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_every_kind_of_page_works_in_a_browser_under_the_policy(
    browser, site_url, browser_admin, django_db_blocker
):
    """Chromium reports no CSP violation on the public pages, the admin (with its autocomplete
    widgets) and the API docs, and those pages do what they are for."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(VIOLATIONS)
    tab = context.new_page()
    console_errors = []
    tab.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    seen = {}

    def visit(path):
        tab.goto(f"{site_url}{path}")
        tab.wait_for_load_state("networkidle")
        seen[path] = tab.evaluate("window.__csp_violations")

    with django_db_blocker.unblock():
        institute = page_urls("en")["institutes:institute-detail"]
    for path in (
        "/en/",
        "/zh/funding/",
        institute,
        "/en/institutes/network/",
        "/en/search/?q=additive",
    ):
        visit(path)
    assert tab.locator("main").count() == 1

    # The admin: log in, open a list and a record whose links use the autocomplete widget.
    visit("/admin/login/?next=/admin/")
    tab.fill("input[name=username]", browser_admin)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url(f"{site_url}/admin/")
    visit("/admin/policykb/fundingaward/")
    tab.click("#result_list tbody tr th a")
    tab.wait_for_load_state("networkidle")
    seen["change form"] = tab.evaluate("window.__csp_violations")
    tab.click(".select2-selection")  # open an autocomplete: it fetches and lists choices
    tab.wait_for_selector(".select2-results__option")

    # The API docs: Swagger UI draws the operations from the schema.
    visit("/api/docs/")
    tab.wait_for_selector(".opblock-tag")
    assert "PolicyKB API" in tab.inner_text(".info .title")
    seen["docs"] = tab.evaluate("window.__csp_violations")
    visit("/api/funding/")
    context.close()

    assert {path: found for path, found in seen.items() if found} == {}
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors


# --- admin login throttling --------------------------------------------------------------------


@pytest.fixture
def curator_account(db):
    return User.objects.create_user("cora", password=PASSWORD, is_staff=True)


def log_in(client, password, address="192.0.2.10", language="en"):
    client.cookies["django_language"] = language
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "cora", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_a_password_guesser_is_locked_out_with_a_clear_message(settings, curator_account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "wrong guess")
        assert response.status_code == 200  # the login form again, with its error
        assert b"Please enter the correct username and password" in response.content
    response = log_in(client, "wrong guess")
    assert response.status_code == 429
    # Locked: even the right password is refused from this address, for the cool-off time.
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    text = response.content.decode()
    assert "Too many failed logins with this username from your address" in text
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"locked for {minutes} minutes" in text
    assert "ask an administrator to unlock the account" in text
    assert inline_code(response) == []


def test_the_lockout_message_is_in_chinese_for_a_chinese_reader(settings, curator_account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong guess", language="zh-hans")
    response = log_in(client, PASSWORD, language="zh-hans")
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text
    assert f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} 分钟" in text
    assert "返回登录页" in text


def test_the_lock_holds_for_that_username_from_that_address_only(settings, curator_account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong guess")
    assert log_in(client, PASSWORD).status_code == 429
    # The curator, from their own address, is not locked out by someone else's guessing.
    response = log_in(Client(), PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_token_endpoint_counts_the_same_failures(settings, curator_account):
    client = Client()
    # Before any failure the right password gets a token.
    response = client.post("/api/token/", {"username": "cora", "password": PASSWORD})
    assert response.status_code == 200 and response.json()["token"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong guess")
    # Locked out of the admin, the guesser gets no API token with the right password either.
    response = client.post(
        "/api/token/", {"username": "cora", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_a_good_login_clears_the_failures(settings, curator_account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong guess")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong guess").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account(settings, curator_account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong guess")
    assert log_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "cora", verbosity=0)
    assert log_in(client, PASSWORD).status_code == 302
