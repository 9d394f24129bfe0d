"""Page heights a phone reader scrolls through: every page kind, both languages, in Chromium.

    .venv/bin/python -m bench.page_heights http://127.0.0.1:8000 [--width 375] [--css OLD.css]

Reads one page of each kind (tests/site_map.py) from a running server (make run) and prints its
full height in px at the given width. --css serves another stylesheet in place of site.css, so
one server compares two designs (e.g. `git show HEAD~1:static/css/site.css > /tmp/old.css`).
Nothing is asserted: tests/test_browser_layout.py checks the layout itself.
"""

import argparse
import os
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def page_paths():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings.dev")
    import django

    django.setup()
    from tests.site_map import page_urls

    return {
        f"{code} {name}": path
        for code in ("en", "zh-hans")
        for name, path in page_urls(code).items()
    }


def heights(base, paths, width, css=None):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        tab = browser.new_page(viewport={"width": width, "height": 800})
        if css:
            body = Path(css).read_text(encoding="utf-8")
            tab.route(
                "**/site.css*", lambda route: route.fulfill(body=body, content_type="text/css")
            )
        found = {}
        for name, path in paths.items():
            tab.goto(base + path)
            found[name] = tab.evaluate("document.documentElement.scrollHeight")
        browser.close()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=375)
    parser.add_argument("--css", help="a stylesheet to serve instead of site.css")
    args = parser.parse_args()
    for name, height in heights(args.base.rstrip("/"), page_paths(), args.width, args.css).items():
        print(f"{name:45} {height:>7,} px")


if __name__ == "__main__":
    main()
