"""Helpers for browser tests: visit every page of a built site while
recording what happens, and type into Material's search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

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
    page.on("console", lambda m: "Content Security Policy" in m.text
            and log["violations"].append(f"{page.url}: {m.text}"))
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




def type_search(page, words: str, *, expect=None):
    """Type `words` into Material's search, key by key as a person types
    (Material listens to keys); returns the result items, once `expect`
    (a locator, default any result) has appeared."""
    found = expect or page.locator(".md-search-result__item")
    for _ in range(3):  # a query typed before the search worker is ready is not run: type it again
        page.fill("input.md-search__input", "")
        page.click("input.md-search__input")
        page.keyboard.type(words, delay=20)
        try:
            found.first.wait_for(timeout=5000)  # results render in steps
            break
        except Exception:
            continue
    return page.locator(".md-search-result__item")
