"""A reader in a real browser (Debian's Chromium through Playwright): following records from the
home page, searching in both languages, switching language, and reading on a 375 px phone.

Screenshots of every page kind are kept in test-artifacts/screenshots/.
"""

import re

import pytest

# The browser, live-server, tab and screenshot fixtures.
pytest_plugins = ["tests.browser_conftest"]

# The pages only read the knowledge base, which the live server sees as committed data.
pytestmark = pytest.mark.django_db

# One page of every kind, by the fixtures' slugs.
PAGE_KINDS = {
    "home": "/zh/",
    "search": "/zh/search/?q=%E5%A2%9E%E6%9D%90",
    "source-list": "/zh/sources/",
    "source": "/zh/sources/sun-luo/",
    "agency-list": "/zh/agencies/",
    "agency": "/zh/agencies/dod/",
    "organization-list": "/zh/organisations/",
    "organization": "/zh/organisations/purdue/",
    "program": "/zh/programmes/mfgtech/",
    "funding-explorer": "/zh/funding/?program=mfgtech",
    "funding": "/zh/funding/mfgtech-5g-6g-mmwave-materials-test/",
    "discrepancy-list": "/zh/discrepancies/",
    "discrepancy": "/zh/discrepancies/america-makes-founded/",
    "fact-list": "/zh/figures/",
    "fact": "/zh/figures/network-institutes-2012-2020/",
    "nsam": "/zh/strategy/nsam/",
    "goal": "/zh/strategy/goals/goal-1/",
    "objective": "/zh/strategy/objectives/objective-1-1/",
    "recommendation": "/zh/strategy/recommendations/recommendation-1-1-1/",
    "matrix": "/zh/strategy/matrix/",
    "participation": "/zh/strategy/matrix/p-1-1-doc/",
    "policy-list": "/zh/strategy/policies/",
    "policy": "/zh/strategy/policies/framework-revitalizing-manufacturing-2009/",
    "area-list": "/zh/roadmaps/",
    "area": "/zh/roadmaps/areas/microelectronics/",
    "project": "/zh/roadmaps/projects/digital-thread-supply-chain-roadmap/",
    "institute-list": "/zh/institutes/",
    "institute": "/zh/institutes/america-makes/",
    "proposal": "/zh/institutes/proposals/ip-imi/",
    "network": "/zh/institutes/network/",
    "mep": "/zh/institutes/mep/",
}


def heading(tab):
    return tab.locator("h1").inner_text()


def search_for(tab, words):
    box = tab.get_by_role("searchbox").first
    box.fill(words)
    box.press("Enter")
    tab.wait_for_load_state()


def test_a_reader_follows_the_records_from_home_to_an_organisation_and_searches(
    page, site_url, screenshot
):
    page.goto(site_url + "/")
    assert page.url == site_url + "/zh/"
    screenshot(page, "path-1-home")

    page.get_by_role("link", name="America Makes", exact=True).first.click()
    assert page.url.endswith("/zh/institutes/america-makes/")
    assert "America Makes" in heading(page)
    assert "国家增材制造创新中心" in heading(page)

    page.get_by_role("link", name="DOD 美国国防部").first.click()
    assert page.url.endswith("/zh/agencies/dod/")
    assert heading(page) == "DOD 美国国防部"

    page.locator("#objectives-heading + ul a").first.click()
    assert page.url.endswith("/zh/strategy/objectives/objective-1-1/")
    assert heading(page) == "实现清洁和可持续制造以支持脱碳"

    page.get_by_role("navigation", name="栏目").get_by_role("link", name="MFGTech").click()
    assert page.url.endswith("/zh/roadmaps/")
    page.get_by_role("link", name="制药 / 生物技术制造的冻融和无菌干燥技术路线图").first.click()
    assert page.url.endswith("/zh/roadmaps/projects/pharma-biotech-freeze-thaw-drying/")
    screenshot(page, "path-2-project")

    page.locator("dd a", has_text="普渡大学").first.click()
    assert page.url.endswith("/zh/organisations/purdue/")
    assert heading(page) == "普渡大学"

    search_for(page, "增材")
    assert "/zh/search/?q=" in page.url
    first = page.locator(".hit a").first
    assert first.inner_text().startswith("America Makes")
    screenshot(page, "path-3-search-zh")

    search_for(page, "additive")
    assert page.locator(".hit a").first.inner_text().startswith("America Makes")
    assert page.get_by_role("heading", name="组织").count() == 1

    search_for(page, "数字主线")
    assert page.get_by_role("link", name=re.compile("通过数字主线制定加强美国制造业供应链")).count()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_switching_language_lands_on_the_same_record(page, site_url, screenshot, kind):
    path = PAGE_KINDS[kind]
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    chinese_heading = heading(page)

    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    assert page.url == site_url + path.replace("/zh/", "/en/", 1)
    assert page.locator("html").get_attribute("lang") == "en"
    english_heading = heading(page)
    screenshot(page, f"desktop-en-{kind}")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="中文").click()
    assert page.url == site_url + path
    assert heading(page) == chinese_heading
    if kind not in {"source-list", "matrix", "network", "mep", "funding-explorer"}:
        assert english_heading  # a record's heading exists in both languages


def test_a_phone_reader_never_scrolls_sideways(site_url, browser, screenshot):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    tab = context.new_page()
    try:
        for kind, path in {**PAGE_KINDS, "not-found": "/zh/institutes/no-such-one/"}.items():
            tab.goto(site_url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{kind} is {width}px wide"
            screenshot(tab, f"phone-{kind}")
        tab.goto(site_url + "/en/institutes/lift/")
        assert tab.get_by_role("searchbox").first.is_visible()
        assert tab.get_by_role("link", name="中文").is_visible()
    finally:
        context.close()


def test_the_first_tab_stop_skips_to_the_content(page, site_url):
    page.goto(site_url + "/en/institutes/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_charts_draw_in_the_browser(page, site_url):
    page.goto(site_url + "/en/institutes/network/")
    charts = page.locator("svg.chart-svg[role=img]")
    assert charts.count() == 5
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 300
        assert box["height"] > 100
    assert page.locator("svg.chart-svg .series circle").count() > 20


def test_the_not_found_page_speaks_both_languages(page, site_url, screenshot):
    response = page.goto(site_url + "/en/organisations/nobody-at-all/")
    assert response.status == 404
    assert "页面不存在" in heading(page)
    assert "Page not found" in heading(page)
    screenshot(page, "desktop-not-found")
