"""Material's instant loading (`navigation.instant`): a click inside the site
swaps the page without loading it, so the plugin's script must set up each
page Material announces, not only the first one loaded."""

from __future__ import annotations

import html
import re

import pytest

from sites import build

pytestmark = pytest.mark.browser

# Material takes over only links into its sitemap, whose addresses it reads
# with the page's scheme and host but the port of `site_url`: the site is
# built for the port it is served on.
CONFIG = """\
site_name: Instant
site_url: {url}
docs_dir: docs
theme:
  name: material
  language: nl
  font: false
  features: [navigation.instant]
plugins:
  - search
  - journeys
"""


def journey(title: str, owner: str, score: int) -> str:
    return f"""---
title: {title}
journey:
  owner: {owner}
  phases: [Aanvragen]
  touchpoints:
    - {{label: Formulier invullen, phase: Aanvragen, score: {score}}}
    - {{label: Bevestiging lezen, phase: Aanvragen, score: 4}}
---

Uitleg bij {title.lower()}.
"""


@pytest.fixture(scope="module")
def instant_root(tmp_path_factory):
    return tmp_path_factory.mktemp("instant")


@pytest.fixture(scope="module")
def instant_site(instant_root, serve):
    root = instant_root
    pages = {
        "index.md": "# Thuis\n\n[Alle reizen](journeys/index.md)\n",
        "paspoort.md": journey("Paspoort", "Burgerzaken", 2),
        "afvalpas.md": journey("Afvalpas", "Afvalbeheer", 5),
    }
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    url = serve(root / "site")
    (root / "mkdocs.yml").write_text(CONFIG.format(url=url), encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.output
    return url


SCRIPT = re.compile(r'<script src="assets/journeymaps/journeys\.js\?v=\w+"></script>')  # named by its content


def script_in_head(route) -> None:
    """The home page with the plugin's script moved before Material's, as a theme override might put it."""
    html = route.fetch().text()
    script = SCRIPT.search(html).group()
    route.fulfill(body=html.replace(script, "").replace("<head>", "<head>" + script, 1),
                  headers={"content-type": "text/html; charset=utf-8"})


@pytest.mark.parametrize("script_first", [False, True], ids=["as built", "script before Material's"])
def test_pages_reached_by_instant_loading_are_set_up(browser, instant_site, script_first):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if script_first:
        page.route(instant_site, script_in_head)
    page.goto(instant_site, wait_until="networkidle")  # Material reads the sitemap before it takes over links
    page.evaluate("window.__notReloaded = true")

    page.click("text=Alle reizen")
    page.wait_for_url("**/journeys/")
    assert page.evaluate("window.__notReloaded") is True  # swapped by Material, not loaded
    filters = page.locator("[data-jm-filters]")
    filters.wait_for(state="visible", timeout=5000)  # shown by the plugin's script, for this page
    page.select_option("select[name=owner]", "Afvalbeheer")
    assert page.locator(".jm-card:visible .jm-card__title").all_inner_texts() == ["Afvalpas"]

    page.click(".jm-card:visible a")
    page.wait_for_url("**/afvalpas/")
    assert page.evaluate("window.__notReloaded") is True
    printed = page.locator("[data-jm-printed]")
    # (Material shows the new address before the page it swaps in.)
    page.wait_for_function("(document.querySelector('[data-jm-printed]') || {textContent: ''}).textContent"
                           ".includes('/afvalpas/')")
    assert "{url}" not in printed.text_content()
    assert errors == []
    page.close()


def test_every_page_of_the_site_can_be_shown_by_instant_loading(browser, instant_site, instant_root):
    """Material rewrites the links of a page it swaps in; an SVG's `<use
    href>` cannot be rewritten, and the page was not shown (a TypeError)."""
    site = instant_root / "site"
    paths = sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("index.html"))
    paths = [path for path in paths if f"<loc>{instant_site}{path}</loc>" in (site / "sitemap.xml").read_text()]
    assert len(paths) >= 6  # home, two journeys, the catalogue, departments, a department, overview
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.goto(instant_site, wait_until="networkidle")
    page.evaluate("window.__notReloaded = true")
    for path in paths:
        title = re.search(r"<title>(.*?)</title>", (site / path / "index.html").read_text(encoding="utf-8")).group(1)
        page.evaluate("url => window.location$.next(new URL(url))", instant_site + path)
        page.wait_for_function("title => document.title === title", arg=html.unescape(title), timeout=10000)
    assert page.evaluate("window.__notReloaded") is True
    assert errors == []
    page.close()


def test_instant_loading_works_from_a_page_whose_scripts_ran_after_its_first_frame(browser, instant_site, instant_root):
    """A journey page loaded first has Material started late (see paint.py);
    Material then swaps in the pages a reader goes to, as from any page."""
    assert 'type="journeymaps/after-paint"' in (instant_root / "site" / "paspoort" / "index.html").read_text()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(instant_site + "paspoort/", wait_until="networkidle")
    page.evaluate("window.__notReloaded = true")
    page.click("a[href$='journeys/']")
    page.wait_for_url("**/journeys/")
    page.locator("[data-jm-filters]").wait_for(state="visible", timeout=5000)
    page.select_option("select[name=owner]", "Afvalbeheer")
    assert page.locator(".jm-card:visible .jm-card__title").all_inner_texts() == ["Afvalpas"]
    assert page.evaluate("window.__notReloaded") is True
    assert errors == []
    page.close()


def test_back_to_the_catalogue_with_another_query_reads_the_address_again(browser, instant_site):
    """Material swaps a page in only when its path changes: going Back to
    the catalogue from an entry of the same page (a link to a heading) left
    the filters of the later visit, and the address then said otherwise."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(instant_site, wait_until="networkidle")
    page.evaluate("window.__notReloaded = true")
    page.click("text=Alle reizen")
    page.locator("[data-jm-filters]").wait_for(state="visible", timeout=5000)
    page.select_option("select[name=owner]", "Afvalbeheer")
    page.wait_for_url("**/journeys/?owner=Afvalbeheer")

    page.focus("a.md-skip")  # Material's "skip to content", a link into this page, as a keyboard follows it
    page.keyboard.press("Enter")
    page.wait_for_url("**#jm-title")
    page.select_option("select[name=owner]", "")
    page.select_option("select[name=sort]", "title")
    page.fill("input[name=find]", "pas")
    page.wait_for_url("**/journeys/?sort=title&find=pas#jm-title")

    page.go_back()
    page.wait_for_url("**/journeys/?owner=Afvalbeheer")
    assert page.input_value("select[name=owner]") == "Afvalbeheer"
    assert page.input_value("select[name=sort]") == "worst" and page.input_value("input[name=find]") == ""
    assert page.locator(".jm-card:visible .jm-card__title").all_inner_texts() == ["Afvalpas"]
    assert page.url.endswith("/journeys/?owner=Afvalbeheer")  # and the address was left as it was

    page.go_forward()
    page.wait_for_url("**#jm-title")
    assert page.input_value("select[name=owner]") == "" and page.input_value("input[name=find]") == "pas"
    assert page.locator(".jm-card:visible .jm-card__title").all_inner_texts() == ["Afvalpas", "Paspoort"]
    assert page.evaluate("window.__notReloaded") is True  # all of it in the one page Material swapped in
    assert errors == []
    page.close()
