"""Hostile text in every field of the format: the site builds, the text
shows as text, and in Chromium nothing from front-matter runs or loads.

The corpus and the oracle live in tests/hostile.py."""

from __future__ import annotations

import functools
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hostile import FIELDS, PAYLOADS, hostile_pages, live_markup_in_html, live_markup_in_site, live_markup_in_svg
from browsing import type_search, visit_site_pages
from sites import build, make_site

SITE = """
site_name: Vijandig
docs_dir: docs
theme:
  name: material
  language: nl
  font: false
  features: [search.highlight]
plugins:
  - search
  - tags
  - journeys
"""


# Beyond the format: fields of any page's front-matter that MkDocs and
# Material write as HTML (also as a list or a mapping), and names of files
# and folders, which become titles.
OTHER_PAGES = {
    "meta/velden.md": """---
title: ['<img src=x onerror=alert("pwn-list")>']
description: {'"><img src=x onerror=alert("pwn-desc")>': 1}
author: '"><img src=x onerror=alert("pwn-author")>'
subtitle: '<img src=x onerror=alert("pwn-subtitle")>'
status: 'x"><img src=x onerror=alert("pwn-status")>'
git_revision_date_localized: '<img src=x onerror=alert("pwn-git-revised")>'
git_creation_date_localized: '<img src=x onerror=alert("pwn-git-created")>'
tags: {'<svg onload=alert("pwn-tag-mapping")>': 1}
---

Tekst.
""",
    # Material shows revision_date only without git_revision_date_localized.
    "meta/set.md": "---\ntags: !!set {'<img src=x onerror=alert(\"pwn-tag-set\")>'}\n"
                   "revision_date: '<img src=x onerror=alert(\"pwn-revised\")>'\n---\n\nTekst.\n",
    '<img src=x onerror=alert("pwn-dir")>/pagina.md': "# Pagina\n",
    '<svg onload=alert("pwn-file")>.md': "Tekst zonder kop.\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    pages = {**hostile_pages(), **OTHER_PAGES, "index.md": "# Start\n\nGewone tekst.\n",
             "tags.md": "# Trefwoorden\n\n<!-- material/tags -->\n"}
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                          text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return root / "site"


def test_the_oracle_sees_live_markup_and_passes_escaped_text():
    """The checks below are only as good as this: each payload, pasted raw, is caught."""
    raw = ("<p>{}</p>", '<a href="{}">x</a>', "<a title='{}'>x</a>")
    caught = [p for p in PAYLOADS if any(live_markup_in_html(place.format(p)) for place in raw)]
    harmless = {"{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7} #{7*7} <%= 7*7 %>"}
    assert set(PAYLOADS) - set(caught) - harmless == {p for p in PAYLOADS if "pwn" not in p} - harmless
    assert all(live_markup_in_html(f"<p>{html.escape(p)}</p>") == [] for p in PAYLOADS)
    assert live_markup_in_svg('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>')
    assert live_markup_in_html("<a href=' JaVa\tScRiPt:x'>x</a>")


def test_every_field_gets_every_payload():
    pages = list(hostile_pages().values())
    for field in FIELDS:
        landed = {p for page in pages for p in PAYLOADS if _value(page, field).startswith(p[:40])}
        assert len(landed) == len(PAYLOADS), field


def _value(page: str, field: str) -> str:
    front = _front(page)
    journey, tp = front["journey"], front["journey"]["touchpoints"][0]
    return str({
        "title": front["title"], "persona": journey["persona"], "owner": journey["owner"],
        "phase": journey["phases"][0]["label"], "value": journey["values"][0]["label"],
        "killer": journey["killers"][0]["label"],
        "ref": tp["evidence"][0]["ref"].removeprefix("Bron: "),
    }.get(field) or tp[field])


@functools.lru_cache(maxsize=None)
def _front(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_no_front_matter_text_becomes_live_markup_in_any_html_svg_or_json(hostile_site):
    outputs = [p for p in hostile_site.rglob("*") if p.suffix in (".html", ".svg", ".json")]
    assert len(outputs) > 60  # journey pages, their maps, owners, catalogue, overview, kiosk, tags, search
    assert live_markup_in_site(hostile_site) == {}


@pytest.mark.parametrize("field", ["persona", "label", "quote", "pain", "opportunity", "backstage", "channel", "title"])
def test_hostile_text_is_shown_as_the_text_it_is(hostile_site, field):
    """Escaped, not dropped or mangled: the page's text holds the field's text."""
    for name, page in hostile_pages().items():
        shown = _text_of(hostile_site / name.removesuffix(".md") / "index.html")
        assert " ".join(_value(page, field).split())[:300] in shown, (name, field)


def _text_of(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.browser
def test_nothing_runs_or_loads_in_chromium_on_any_page(hostile_site, browser, serve):
    base = serve(hostile_site)
    log = visit_site_pages(browser, base, hostile_site, poke=True)
    assert log["dialogs"] == [] and log["errors"] == []
    assert log["foreign"] == []
    assert log["pages"] > 40


@pytest.mark.browser
def test_search_results_and_the_kiosk_show_hostile_text_as_text(hostile_site, browser, serve):
    base = serve(hostile_site)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    events = []
    page.on("dialog", lambda d: (events.append("dialog: " + d.message), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"error: {e}"))
    page.goto(base, wait_until="networkidle")
    results = type_search(page, "alert pwn")
    assert results.count() >= 3
    assert "<script>" in page.inner_text(".md-search-result")  # the payload as text
    results.first.locator("a").first.click()  # search.highlight marks the words on the page it opens
    page.wait_for_load_state("networkidle")

    page.clock.install()
    page.goto(base + "kiosk/?interval=60")
    page.wait_for_selector("[data-map] svg")
    titles = set()
    for _ in range(6):
        titles.add(page.inner_text("[data-title]") if page.locator("[data-title]").count() else "")
        page.clock.run_for(61_000)
    assert any("<" in t for t in titles)  # hostile titles, shown as text
    assert events == []
    page.close()


@pytest.mark.browser
def test_a_redirect_pages_location_stays_a_link(tmp_path, browser, serve):
    """Material's redirect page writes `location` into a script's string and
    an attribute: a quote must not end the string, nor a scheme run script."""
    pages = {
        "index.md": "# Start\n",
        "quote.md": '---\ntemplate: redirect.html\nlocation: \'../?a=1&b="+alert("pwn-quote")+"\'\n---\n',
        "scheme.md": '---\ntemplate: redirect.html\nlocation: " JaVaScript:alert(\'pwn-scheme\')"\n---\n',
    }
    root = make_site(tmp_path, pages)
    done = build(root, strict=False)
    assert done.returncode == 0, done.output
    assert "docs/scheme.md:3: location: 'JaVaScript:alert('pwn-scheme')' does not redirect" in done.output
    script = re.search(r"<script>window\.location\.replace\((.*?)\)</script>", done.html("quote/index.html")).group(1)
    assert script.startswith('["../?a=1&b=%22+alert(%22pwn-quote%22)+%22",')
    assert '["#",' in done.html("scheme/index.html")
    # Only on the redirect page: another page's `location` (an event's room) is the page's own business.
    (root / "docs/event.md").write_text('---\nlocation: "Stadhuis: zaal 2"\n---\n# Open dag\n', encoding="utf-8")
    assert "docs/event.md" not in build(root, strict=False).output
    base = serve(root / "site")
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name in ("quote", "scheme"):
        page.goto(f"{base}{name}/", wait_until="commit")
        page.wait_for_timeout(500)
    assert dialogs == []
    page.close()
