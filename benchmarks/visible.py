"""Time to a visible map in Chromium: from navigation start to the first
frame in which the map has a size, for one journey drawn three ways:

- `bare`: the map's SVG inline on an HTML page with nothing else (the floor);
- `journeymaps`: the journey's page as the plugin builds it, with Material;
- `scripts first`: the same page built with `map_first: false`, its scripts
  (Material's among them) free to run before its first frame;
- `material`: not a map but a page of the same site with one heading and one
  sentence, timed to its content having a size: what any Material page costs;
- `mermaid`: the same journey as a Mermaid `journey` diagram, drawn in the
  browser by mermaid.js (installed from the npm registry for this benchmark
  only, into .cache/benchmarks; the product never loads it).

And, on a site with Material's instant loading (`navigation.instant`), a
journey page loaded against one shown from another page without loading.

Every page is served from localhost, by a server that only sends files; the
median of several loads is reported, for a first visit (nothing cached) and a
return visit (styles and scripts in the browser's cache).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
NPM_FOLDER = ROOT / ".cache" / "benchmarks"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Runs before any script of the page: polls every frame until the map has a size.
WATCH = """
(() => {
  const selector = %r;
  const look = () => {
    const map = document.querySelector(selector);
    const box = map && map.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) { window.__visibleAt = performance.now(); return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""


def mermaid_script() -> Path:
    """mermaid.min.js, installed once with npm."""
    script = NPM_FOLDER / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if not script.exists():
        NPM_FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "mermaid@11"],
                       cwd=NPM_FOLDER, check=True)
    return script


def mermaid_journey(journey, title: str) -> str:
    """The journey in Mermaid's `journey` syntax (scores 1-5, unrated as 3)."""
    phases = {p.id: p.label for p in journey.phases}
    lines = ["journey", f"  title {title}"]
    current = None
    for tp in journey.touchpoints:
        if tp.phase != current:
            current = tp.phase
            lines.append(f"  section {phases.get(tp.phase, '-')}")
        score = round(tp.score) if tp.score is not None else 3
        label = tp.label.replace(":", " ").replace("#", " ").replace(";", " ")
        lines.append(f"    {label}: {score}: {tp.owner or 'Klant'}")
    return "\n".join(lines)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on: that is the point
            pass


def time_to_visible(built_site: Path, journey_page: str, journey, title: str, svg: str,
                    runs: int = 9) -> dict[tuple[str, str], float]:
    """Median milliseconds to a visible map by (way of drawing it, 'first' or 'again').
    `built_site` is a site built with the plugin; `journey_page` a journey
    page in it (a path such as 'journeys/reis-00000/'); `svg` its inline map.
    The same site built with `map_first: false` is in `_bench/scripts-first`."""
    pages = built_site / "_bench"
    pages.mkdir(exist_ok=True)
    (pages / "bare.html").write_text(
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>{svg}</body></html>",
        encoding="utf-8")
    shutil.copy(mermaid_script(), pages / "mermaid.min.js")
    (pages / "mermaid.html").write_text(
        "<!doctype html><html><head><meta charset=utf-8><title>Mermaid</title></head><body>"
        f"<pre class=mermaid>\n{mermaid_journey(journey, title)}\n</pre>"
        "<script src=mermaid.min.js></script><script>mermaid.initialize({startOnLoad: true});</script>"
        "</body></html>", encoding="utf-8")
    targets = {
        "bare": ("_bench/bare.html", "svg"),
        "journeymaps": (journey_page, ".jm-figure svg.jm-map"),
        "scripts first": (f"_bench/scripts-first/{journey_page}", ".jm-figure svg.jm-map"),
        "material": ("", ".md-content__inner"),
        "mermaid": ("_bench/mermaid.html", ".mermaid svg"),
    }
    server, base = serve(built_site)
    times: dict[tuple[str, str], list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(runs):
                for name, (path, selector) in targets.items():  # interleaved: noise hits all alike
                    # A new context has an empty cache: the first load is a first
                    # visit, the second a return visit with the styles and scripts cached.
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    page.add_init_script(WATCH % selector)
                    for visit in ("first", "again"):
                        page.goto(f"{base}/{path}")
                        page.wait_for_function("window.__visibleAt !== undefined", timeout=30000)
                        times.setdefault((name, visit), []).append(page.evaluate("window.__visibleAt"))
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return {key: statistics.median(values) for key, values in times.items()}


# From asking Material to show a page (as a click does) to the first frame in
# which the new page's map has a size: like navigation start for a page
# loaded, the moment the browser is asked for the page.
INSTANT = """([url, selector, title]) => new Promise(done => {
  const start = performance.now();
  window.location$.next(new URL(url));
  const look = () => {
    const map = document.querySelector(selector);
    const box = map && map.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0 && document.title.startsWith(title)) done(performance.now() - start);
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})"""


def time_to_visible_instant(root: Path, config: str, pages: list[tuple[str, str]], runs: int = 9) -> dict[str, float]:
    """With Material's instant loading: median milliseconds to a journey
    page's visible map, 'loaded' (from navigation start, with the styles and
    scripts cached) and 'instant' (shown from the home page without loading
    it, as a click on a link does). `root` holds the library's docs; it is
    built here, for the address it is served at (Material takes over only
    links to the host and port of `site_url`). `config` is its mkdocs.yml
    without `site_url`; `pages` are (path, title) of journey pages."""
    site = root / "site-instant"
    server, base = serve(site)
    times: dict[str, list[float]] = {"loaded": [], "instant": []}
    try:
        (root / "mkdocs.yml").write_text(f"{config}site_url: {base}/\nsite_dir: site-instant\n", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
        selector = ".jm-figure svg.jm-map"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for n in range(runs):
                loaded, shown = pages[n % len(pages)], pages[(n + 1) % len(pages)]
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.add_init_script(WATCH % selector)
                # styles and scripts cached; Material has read the sitemap
                page.goto(f"{base}/", wait_until="networkidle")
                page.goto(f"{base}/{loaded[0]}")
                page.wait_for_function("window.__visibleAt !== undefined")
                times["loaded"].append(page.evaluate("window.__visibleAt"))
                page.goto(f"{base}/", wait_until="networkidle")
                times["instant"].append(page.evaluate(INSTANT, [f"{base}/{shown[0]}", selector, shown[1]]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {key: statistics.median(values) for key, values in times.items()}
