"""Privacy: the built site asks nothing of any origin but its own.

Checked in Chromium's own request log, page by page, over every page the
example site has (journeys, catalogue, owners, overview, kiosk, tags,
search, 404), scrolled to the end so lazy images load, with search typed
into and the kiosk left to rotate and poll."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

# What a page is allowed to ask for besides its own origin: nothing that leaves the machine.
LOCAL_SCHEMES = ("data", "blob", "about")

# Fires every event a stray inline handler could wait for, on every element.
POKE = """() => { for (const element of document.querySelectorAll('*')) {
  for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart']) {
    element.dispatchEvent(new Event(type, {bubbles: true}));
  }
} }"""


def visit_site_pages(browser, base: str, site: Path, *, poke: bool = False, headers: dict | None = None) -> dict:
    """Open every HTML page of `site` as served at `base`; returns what happened."""
    origin = urlsplit(base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900}, extra_http_headers=headers or {})
    page = context.new_page()
    log = {"dialogs": [], "errors": [], "foreign": [], "requests": 0, "pages": 0, "violations": []}

    def request(r):
        log["requests"] += 1
        parts = urlsplit(r.url)
        if parts.scheme not in LOCAL_SCHEMES and parts.netloc != origin:
            log["foreign"].append(f"{page.url} -> {r.url}")

    page.on("request", request)
    page.on("dialog", lambda d: (log["dialogs"].append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: log["errors"].append(f"{page.url}: {e}"))
    page.on("console", lambda m: "Content Security Policy" in m.text and log["violations"].append(f"{page.url}: {m.text}"))
    for path in sorted(site.rglob("*.html")):
        url = base + str(path.relative_to(site)).removesuffix("index.html")
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        if poke:
            page.evaluate(POKE)
        page.wait_for_load_state("networkidle")
        log["pages"] += 1
    context.close()
    return log


@pytest.mark.browser
def test_no_page_of_the_example_site_asks_another_origin_for_anything(example_site, browser, serve):
    base = serve(example_site)
    log = visit_site_pages(browser, base, example_site)
    assert log["foreign"] == []
    assert log["pages"] >= 30 and log["requests"] > 5 * log["pages"]  # the log did see the site's own requests


@pytest.mark.browser
def test_search_and_the_kiosk_ask_only_their_own_origin(example_site, browser, serve):
    base = serve(example_site)
    origin = urlsplit(base).netloc
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("wachten", delay=20)
    page.wait_for_timeout(1500)
    page.clock.install()
    page.goto(base + "kiosk/?interval=60&poll=60")
    page.wait_for_selector("[data-map] svg")
    for _ in range(3):
        page.clock.run_for(61_000)
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in url for url in requests) and any("version.json" in url for url in requests)
    assert [url for url in requests if urlsplit(url).netloc != origin and urlsplit(url).scheme not in LOCAL_SCHEMES] == []
    page.close()
