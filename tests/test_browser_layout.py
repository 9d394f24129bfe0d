"""Every page kind read on a phone (375 px) and a desktop (1280 px) in Chromium, in both languages:
no table cell squeezed to a few letters, no word broken inside, nothing wider than the screen but
a table's own scroll container. Full-page screenshots go to test-artifacts/screenshots/layout-*."""

import pytest
from django.utils import translation

from tests.site_map import page_urls

# The browser, live-server, tab and screenshot fixtures.
pytest_plugins = ["tests.browser_conftest"]

# The pages only read the knowledge base, which the live server sees as committed data.
pytestmark = pytest.mark.django_db

WIDTHS = (375, 1280)

# A cell is "letter by letter" when it is narrower than this many em (one Chinese character is
# one em), or than LONG_CELL_EM while it holds LONG_TEXT characters or more.
MIN_CELL_EM = 2.5
LONG_TEXT, LONG_CELL_EM = 12, 6

MEASURE = (
    """() => {
  const em = parseFloat(getComputedStyle(document.body).fontSize);
  const narrow = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const text = cell.innerText.trim();
    if (text.length < 3) continue;
    const width = cell.getBoundingClientRect().width;
    if (width < """
    + str(MIN_CELL_EM)
    + """ * em) narrow.push(text.slice(0, 40) + ' (' + Math.round(width) + ' px)');
  }
  // A word split over two lines: a cell whose text is one word but whose height holds two lines.
  const broken = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    const text = cell.innerText.trim();
    if (!text || /\\s/.test(text) || /[\\u3400-\\u9fff]/.test(text) || text.length < 4) continue;
    // Line boxes of the cell's text nodes only (an element's own box, e.g. <code>'s padding,
    // would count as a line of its own).
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const lines = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0) lines.add(Math.round(rect.bottom));
      }
    }
    if (lines.size > 1) broken.push(text.slice(0, 40));
  }
  // Anything wider than the screen that is not inside a table's scroll container.
  const wide = [];
  for (const element of document.querySelectorAll('main *')) {
    if (element.closest('.table-wrap') || element.closest('svg')) continue;
    if (element.getBoundingClientRect().right > window.innerWidth + 1) {
      wide.push(element.tagName + '.' + element.className);
    }
  }
  return {narrow, broken, wide: wide.slice(0, 5), height: document.documentElement.scrollHeight,
          pageWidth: document.documentElement.scrollWidth};
}"""
)


def layout_pages():
    with translation.override("en"):
        english = page_urls("en")
    with translation.override("zh-hans"):
        chinese = page_urls("zh-hans")
    return [(f"en-{name}", path) for name, path in english.items()] + [
        (f"zh-{name}", path) for name, path in chinese.items()
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_reads_cleanly_at(width, page, site_url, screenshot):
    page.set_viewport_size({"width": width, "height": 900})
    problems, heights = {}, {}
    for name, path in layout_pages():
        page.goto(site_url + path)
        found = page.evaluate(MEASURE)
        heights[name] = found["height"]
        screenshot(page, f"layout-{width}-{name.replace(':', '-')}")
        bad = {key: found[key] for key in ("narrow", "broken", "wide") if found[key]}
        if found["pageWidth"] > width + 1:
            bad["page width"] = found["pageWidth"]
        if bad:
            problems[name] = bad
    print(f"\npage heights at {width} px:", heights)
    assert problems == {}
