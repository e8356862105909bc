"""The site works under the Content-Security-Policy that `journeys csp`
prints (and the README suggests): served with that header, no page breaks a
rule, and maps, search, the catalogue's filters and the kiosk still work."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading

import pytest

from browsing import type_search, visit_site_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def csp(example_site) -> str:
    done = subprocess.run([sys.executable, "-m", "journeymaps.cli", "csp", str(example_site)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def csp_url(example_site, csp):
    class WithPolicy(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", csp)
            super().end_headers()

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(WithPolicy, directory=str(example_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_policy_allows_only_the_site_itself_and_hashed_inline_scripts(csp):
    directives = dict(part.split(" ", 1) for part in csp.split("; "))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert directives["script-src"].startswith("'self' 'sha256-")


def test_no_page_breaks_the_policy(example_site, csp_url, browser):
    log = visit_site_pages(browser, csp_url, example_site)
    assert log["violations"] == [] and log["errors"] == []
    assert log["pages"] >= 30


def test_maps_search_filters_and_kiosk_work_under_the_policy(csp_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    page.goto(csp_url + "journeys/verhuizing-doorgeven/", wait_until="networkidle")
    box = page.locator("svg.jm-map").first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200

    page.goto(csp_url + "journeys/", wait_until="networkidle")
    total = page.locator(".jm-card").count()
    page.select_option("select[name=verdict]", "killed")
    assert 0 < page.locator(".jm-card:visible").count() < total  # the filter script ran

    page.goto(csp_url, wait_until="networkidle")
    results = type_search(page, "vergunning")
    assert results.count() >= 1

    page.goto(csp_url + "kiosk/")
    page.wait_for_selector("[data-map] svg")
    assert page.inner_text("[data-title]").strip()
    assert refused == []
    page.close()
