"""What a reader checks on the pages: languages, provenance, figures, sorting, filters, escaping."""

import datetime
import re
from html import unescape

import pytest

from policykb.models import Organization

pytestmark = pytest.mark.django_db


def html(client, path, status=200, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == status, path
    return response.content.decode()


def text(page):
    """The page's visible words, tags dropped and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


# --- languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("en-US,en;q=0.9", "/en/"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh/"),
        ("fr-FR,fr;q=0.9", "/zh/"),
        ("", "/zh/"),
    ],
)
def test_the_root_picks_the_language_by_accept_language_with_chinese_as_fallback(
    client, accept, target
):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


def test_the_switcher_leads_to_the_same_record_in_the_other_language(client):
    page = html(client, "/zh/institutes/lift/")
    assert 'href="/en/institutes/lift/" hreflang="en" lang="en"' in page
    assert '<html lang="zh-Hans">' in page
    page = html(client, "/en/institutes/lift/")
    assert 'href="/zh/institutes/lift/" hreflang="zh-Hans" lang="zh-Hans"' in page
    assert '<html lang="en">' in page


def test_the_switcher_keeps_the_search_and_the_filters(client):
    page = html(client, "/zh/search/?q=%E5%A2%9E%E6%9D%90")
    assert 'href="/en/search/?q=%E5%A2%9E%E6%9D%90"' in page
    page = html(client, "/en/funding/?program=mfgtech")
    assert 'href="/zh/funding/?program=mfgtech"' in page


def test_interface_and_records_speak_the_page_language(client):
    zh = text(html(client, "/zh/institutes/america-makes/"))
    assert "成立时间 2012 年 8 月" in zh
    assert "技术领域 增材制造" in zh
    en = text(html(client, "/en/institutes/america-makes/"))
    assert "Founded Aug 2012" in en
    assert "Technology Additive manufacturing" in en


# --- home ------------------------------------------------------------------------------------


def test_home_says_what_the_knowledge_base_holds_with_each_headline_figure_cited(client):
    page = html(client, "/en/")
    figures = re.findall(r'<li class="figure">(.*?)</li>', page, re.S)
    assert len(figures) >= 5
    assert all('class="cite"' in figure for figure in figures)
    words = text(page)
    assert "$53,904,522 ARP: 13 awards" in words
    assert "16 Manufacturing USA institutes" in words
    assert "37 NSAM recommendations" in words
    assert "14 MFGTech roadmap projects" in words


# --- provenance ------------------------------------------------------------------------------


def test_a_figure_links_to_its_source_at_the_locator(client):
    page = html(client, "/en/institutes/lift/")
    assert 'href="/en/sources/sun-luo/#loc-表-1"' in page
    source = html(client, "/en/sources/sun-luo/")
    assert 'id="loc-表-1"' in source
    # The source page lists the record under that locator.
    section = source.split('id="loc-表-1"')[1].split("</section>")[0]
    assert 'href="/en/institutes/lift/"' in section


def test_where_sources_disagree_every_value_is_shown_with_the_chosen_one_marked(client):
    page = html(client, "/zh/institutes/america-makes/")
    assert '<span class="value chosen"><strong>2012 年 8 月</strong>' in page
    assert '<span class="other">2021年8月</span>' in page
    assert 'href="/zh/discrepancies/america-makes-founded/"' in page
    project = text(html(client, "/en/roadmaps/projects/microelectronics-advanced-packaging/"))
    assert "Lead Semiconductor Research Corporation sources disagree" in project
    assert "国际半导体产业协会" in project


def test_a_discrepancy_page_gives_every_value_and_the_reason(client):
    page = text(html(client, "/en/discrepancies/mfgtech-astm-construction-amount/"))
    assert "299989 ✓ shown first" in page
    assert "299990 kept" in page
    assert "Why: 002's $299,989 is shown first" in page


def test_an_institute_shows_federal_and_non_federal_investment_and_their_ratio(client):
    page = text(html(client, "/en/institutes/lift/"))
    assert "Federal $70 million" in page
    assert "Non-federal (matching) $78 million" in page
    assert "Non-federal : federal 1.11 : 1" in page


def test_an_institute_shows_members_over_time_per_source(client):
    page = html(client, "/en/institutes/america-makes/")
    members = text(page.split('id="members"')[1].split("</section>")[0])
    assert "2015 94 Source: 004 §3.1" in members
    assert "2021 240 Source: 000 表 9" in members
    assert "2021 220 Source: 003 表 1" in members
    assert page.count('class="series ') >= 3


def test_an_organisation_page_shows_every_role_it_plays(client):
    page = html(client, "/en/organisations/purdue/")
    roles = page.split('id="roles-heading"')[1]
    assert 'href="/en/roadmaps/projects/pharma-biotech-freeze-thaw-drying/"' in roles
    assert 'href="/en/roadmaps/projects/cellular-agriculture-roadmap/"' in roles
    assert "Recipient of funding" in roles
    assert "Partner in roadmap projects" in roles


def test_an_agency_page_shows_its_objectives_institutes_and_funding(client):
    page = html(client, "/en/agencies/dod/")
    assert 'href="/en/strategy/objectives/objective-1-1/"' in page
    assert 'href="/en/institutes/america-makes/"' in page
    assert "Funding it gives" in page


def test_every_page_has_a_cite_this_page_block(client):
    page = text(html(client, "/en/institutes/lift/"))
    today = datetime.date.today().isoformat()
    assert "Cite this page Title LIFT · Lightweight Innovations for Tomorrow" in page
    assert "Permalink http://testserver/en/institutes/lift/" in page
    assert f"Date accessed {today}" in page
    assert "SUN Yi, LUO Muxiong: Development and Enlightenment" in page


# --- lists, sorting, filters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "first"),
    [("founded", "america-makes"), ("-members", "mxd"), ("-investment", "aim-photonics")],
)
def test_institutes_sort_by_founding_members_and_investment(client, sort, first):
    page = html(client, f"/en/institutes/?sort={sort}")
    rows = re.findall(r'<th scope="row"><a href="/en/institutes/([\w-]+)/"', page)
    assert len(rows) == 16
    assert rows[0] == first


def test_the_funding_explorer_filters_and_totals_what_it_shows(client):
    page = text(html(client, "/en/funding/?program=american-rescue-plan"))
    assert "13 records, $53,904,522 in all." in page
    page = text(html(client, "/en/funding/?program=mfgtech&recipient=purdue"))
    assert "1 record, $296,155 in all." in page
    page = text(html(client, "/zh/funding/?institute=lift"))
    assert "共 2 条记录，合计 1.48 亿美元。" in page


def test_the_chips_programme_and_its_initiatives_are_added_once(client):
    page = text(html(client, "/en/funding/?program=chips-for-america"))
    assert "4 records, $50 billion in all." in page
    page = text(html(client, "/en/funding/chips-rd-leadership/"))
    assert "Part of The $50 billion CHIPS for America programme" in page
    page = text(html(client, "/zh/funding/chips-program-total/"))
    assert "组成部分" in page and "芯片计划关键举措一：大规模投资前沿制造业" in page


def test_the_funding_explorer_labels_every_filter(client):
    page = html(client, "/en/funding/")
    for name in ("program", "agency", "year", "recipient", "institute", "kind"):
        assert f'<label for="id_{name}">' in page
        assert f'id="id_{name}"' in page


def test_the_nsam_tree_holds_3_goals_11_objectives_37_recommendations(client):
    page = html(client, "/en/strategy/nsam/")
    assert page.count('<li class="goal">') == 3
    assert page.count('<li class="objective">') == 11
    assert page.count('<li class="recommendation"') == 37


def test_every_cell_of_the_11_by_11_matrix_is_a_link(client):
    page = html(client, "/zh/strategy/matrix/")
    cells = re.findall(r'<td class="(?:yes|no)"><a href="/zh/strategy/matrix/([\w-]+)/"', page)
    assert len(cells) == 121
    assert len(set(cells)) == 121


def test_the_policy_timeline_runs_in_date_order(client):
    page = html(client, "/en/strategy/policies/")
    years = [int(year) for year in re.findall(r'<h2 id="y(\d{4})">', page)]
    assert years == sorted(years)
    assert years[0] == 2009
    assert "Not dated by the papers" in page


# --- charts and offline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "charts"),
    [
        ("/en/funding/", 3),
        ("/en/roadmaps/", 1),
        ("/en/institutes/", 1),
        ("/en/institutes/lift/", 2),
        ("/en/institutes/network/", 5),
        ("/en/institutes/mep/", 3),
    ],
)
def test_charts_are_svg_drawn_on_the_server_with_a_text_alternative(client, path, charts):
    page = html(client, path)
    svgs = re.findall(r'<svg class="chart-svg"[^>]*role="img"[^>]*>\s*<title>[^<]+</title>', page)
    assert len(svgs) == charts
    assert page.count("<desc>") == charts


@pytest.mark.parametrize(
    "path", ["/zh/", "/en/institutes/network/", "/zh/funding/", "/en/search/?q=NIIMBL"]
)
def test_no_page_loads_anything_from_another_host(client, path):
    page = html(client, path)
    assert "<script" not in page
    assert not re.search(r'src="(?:https?:)?//', page)
    assert not re.search(r'<link[^>]+href="(?:https?:)?//', page)
    assert "@import" not in page


# --- search ----------------------------------------------------------------------------------


def test_the_search_page_groups_hits_by_kind_best_first(client):
    page = html(client, "/en/search/?q=NIIMBL")
    groups = re.findall(r'<h2 id="group-(\w+)">', page)
    assert groups[0] == "institute"
    first = re.search(r'<li class="hit" data-kind="\w+">\s*<a href="([^"]+)"', page).group(1)
    assert first == "/en/institutes/niimbl/"


def test_a_chinese_search_finds_a_project_by_a_phrase_in_its_text(client):
    page = html(client, "/zh/search/?q=数字主线")
    assert 'href="/zh/roadmaps/projects/digital-thread-supply-chain-roadmap/"' in page


def test_every_page_has_one_labelled_search_box(client):
    page = html(client, "/en/agencies/")
    assert page.count('role="search"') == 1
    assert '<label for="site-search">Search</label>' in page


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/zh/institutes/no-such-institute/", "/en/organisations/nobody/", "/nowhere/"]
)
def test_an_unknown_address_gives_the_bilingual_404(client, path):
    page = html(client, path, status=404)
    assert "页面不存在" in page
    assert "Page not found" in page
    assert 'href="/zh/"' in page
    assert 'href="/en/"' in page


def test_a_record_name_containing_markup_is_shown_escaped(client):
    Organization.objects.create(
        slug="markup-test",
        name_zh="<script>alert('zh')</script>",
        name_en="<script>alert('en')</script>",
        kind=Organization.Kind.COMPANY,
    )
    for path in ("/en/organisations/markup-test/", "/en/organisations/", "/en/search/?q=alert"):
        page = html(client, path)
        assert "<script>" not in page
        assert "&lt;script&gt;alert(&#x27;en&#x27;)&lt;/script&gt;" in page


def test_the_landmarks_and_headings_a_screen_reader_needs(client):
    page = html(client, "/zh/institutes/lift/")
    assert page.count("<h1") == 1
    assert '<main id="main"' in page
    assert '<a class="skip-link" href="#main">' in page
    assert 'aria-label="栏目"' in page
    assert "<footer" in page


def test_the_matrix_totals_count_the_ticks_of_each_row_and_column(client):
    from strategy.models import Participation

    page = html(client, "/en/strategy/matrix/")
    ticks = Participation.objects.filter(participates=True)
    # 000 表 1: objective 1.1's row and DOE's column, recounted from the cells.
    row = ticks.filter(objective__goal__number=1, objective__number=1).count()
    column = ticks.filter(agency__acronym="DOE").count()
    assert "Agencies taking part" in page and "Objectives taken part in" in page
    rows = re.findall(r'<td class="total num">(\d+)</td>', page)
    assert len(rows) == 11 + 11  # one per objective, one per agency
    assert int(rows[0]) == row
    header = r'<th scope="col"><a href="/en/agencies/[\w-]+/" title="[^"]*">([^<]+)</a>'
    agencies = re.findall(header, page)
    assert int(rows[11 + agencies.index("DOE")]) == column
    assert sum(map(int, rows[:11])) == sum(map(int, rows[11:])) == ticks.count()
