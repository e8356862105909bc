"""Privacy: the built site asks nothing of any origin but its own.

Checked in Chromium's own request log, page by page, over every page the
example site has (journeys, catalogue, owners, overview, kiosk, tags,
search, 404), scrolled to the end so lazy images load, with search typed
into and the kiosk left to rotate and poll."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import LOCAL_SCHEMES, visit_site_pages


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
    assert [url for url in requests
            if urlsplit(url).netloc != origin and urlsplit(url).scheme not in LOCAL_SCHEMES] == []
    page.close()
