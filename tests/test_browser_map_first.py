"""On a page with a map, the page's scripts run after its first frame
(`map_first`, see paint.py): the map is seen before Material starts, and
then Material, the plugin's script and a site's own scripts work as they do
on a page built without it, in the same order."""

from __future__ import annotations

import pytest

from journeymaps.kiosk import content_version

from browsing import type_search
from sites import build, make_site

pytestmark = pytest.mark.browser

JOURNEY = """---
title: Paspoort aanvragen
journey:
  owner: Burgerzaken
  phases: [Aanvragen, Ophalen]
  touchpoints:
    - {label: Afspraak maken, phase: Aanvragen, score: 2}
    - {label: Paspoort ophalen, phase: Ophalen, score: 4}
---

Hoe een inwoner een paspoort aanvraagt.
"""

# A site's own scripts as Material's documentation suggests writing them:
# one waits for Material's document$ and for the page's events, one is
# deferred, one a module (both listed before it), one is async.
CLASSIC = """
window.__order = (window.__order || []).concat("classic, Material's document$: " + typeof window.document$);
document$.subscribe(function () { window.__order.push("document$"); });
document.addEventListener("DOMContentLoaded", function () { window.__order.push("DOMContentLoaded"); });
window.addEventListener("load", function () { window.__order.push("load"); });
window.onload = function () { window.__order.push("window.onload"); };
"""
MODULE = 'window.__order = (window.__order || []).concat("module");\n'
DEFERRED = 'window.__order = (window.__order || []).concat("deferred");\n'
ASYNC = "window.__async = true;\n"

# What the page has when its map first has a size: recorded in that frame;
# and how far anything on the page moved after it was drawn.
WATCH = """(() => {
  window.__moved = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) window.__moved += shift.value;
  }).observe({type: "layout-shift", buffered: true});
  const look = () => {
    const map = document.querySelector(".jm-figure svg.jm-map");
    const box = map && map.getBoundingClientRect();
    if (box && box.width > 0) {
      window.__atFirstSight = {material: typeof window.document$, order: (window.__order || []).slice()};
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""

EXTRA = """
extra_javascript:
  - {path: extra/module.mjs, type: module}
  - {path: extra/deferred.js, defer: true}
  - extra/classic.js
  - {path: extra/async.js, async: true}
extra:
  analytics:  # Material's, in the head: it waits for the page's DOMContentLoaded, then uses document$
    provider: google
    property: G-XXXXXXXXXX
    feedback:
      title: Geholpen?
      ratings:
        - {icon: material/emoticon-happy-outline, name: Ja, data: 1, note: Dank}
        - {icon: material/emoticon-sad-outline, name: Nee, data: 0, note: Dank}
"""


@pytest.fixture(scope="module", params=[True, False], ids=["map first", "scripts first"])
def site(request, tmp_path_factory, serve):
    root = make_site(tmp_path_factory.mktemp("map-first"),
                     {"index.md": "# Thuis\n\nGeen kaart hier.\n", "paspoort.md": JOURNEY,
                      "extra/classic.js": CLASSIC, "extra/module.mjs": MODULE,
                      "extra/deferred.js": DEFERRED, "extra/async.js": ASYNC},
                     plugin_options=f"map_first: {str(request.param).lower()}", extra=EXTRA)
    done = build(root)
    assert done.returncode == 0, done.output
    return request.param, root / "site", serve(root / "site")


def test_the_map_is_seen_before_the_scripts_run_and_they_then_run_in_their_order(browser, site):
    map_first, _, url = site
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors, late = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("https://www.googletagmanager.com/**", lambda route: route.abort())  # the closed network
    # held back: an async script must not hold up the others
    page.route("**/extra/async.js", lambda route: late.append(route))
    page.add_init_script(WATCH)
    page.goto(url + "paspoort/", wait_until="domcontentloaded")
    page.wait_for_function("window.__order && window.__order.includes('DOMContentLoaded')")
    if map_first:
        assert page.evaluate("window.__atFirstSight") == {"material": "undefined", "order": []}
    assert page.evaluate("window.__async") is None  # still on its way
    late[0].fulfill(body=ASYNC, content_type="text/javascript")
    page.wait_for_function("window.__async && window.__order.includes('window.onload')")
    assert page.evaluate("window.__order") == [
        "classic, Material's document$: object", "module", "deferred", "document$", "DOMContentLoaded",
        "load", "window.onload"]
    # The plugin's script set the page up; Material's search and its
    # analytics' feedback form (shown by the head's script, on document$) work.
    assert "{url}" not in page.text_content("[data-jm-printed]")
    page.wait_for_function("document.forms.feedback && !document.forms.feedback.hidden")
    # Material and the plugin's script moved nothing a reader sees: once, on a busy machine, the page
    # without map_first shifted by 0.00002 (a pixel's move of a small box; 0.1 is where shifts start to annoy).
    assert page.evaluate("window.__moved") < 0.001
    assert type_search(page, "paspoort").count() >= 1
    assert errors == []
    page.close()


def test_only_pages_with_a_map_have_their_scripts_after_the_first_frame(site):
    map_first, folder, _ = site
    journey = (folder / "paspoort" / "index.html").read_text(encoding="utf-8")
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert ('type="journeymaps/after-paint"' in journey) is map_first
    assert ("after-paint.js" in journey) is map_first
    assert (folder / "assets" / "journeymaps" / "after-paint.js").exists() is map_first
    if map_first:  # named by its content, as the other scripts: a browser's cached copy is not taken for a new one
        script = (folder / "assets" / "journeymaps" / "after-paint.js").read_text(encoding="utf-8")
        assert f'after-paint.js?v={content_version(script)}"' in journey
    assert "journeymaps/after-paint" not in home and "after-paint.js" not in home
    assert '<script src="assets/javascripts/bundle.' in home


PALETTES = """
  palette:
    - {media: "(prefers-color-scheme: light)", scheme: default, toggle: {icon: material/brightness-7, name: Donker}}
    - {media: "(prefers-color-scheme: dark)", scheme: slate, toggle: {icon: material/brightness-4, name: Licht}}
"""


def test_a_dark_readers_first_visit_draws_the_first_frame_dark(browser, tmp_path, serve):
    """Material picks the palette for the reader's preference when it starts,
    after the first frame here: until it has remembered one, the plugin picks it."""
    root = make_site(tmp_path, {"paspoort.md": JOURNEY})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  font: false\n", "  font: false" + PALETTES), encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.output
    url = serve(root / "site")
    for scheme, expected in (("dark", "slate"), ("light", "default")):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.add_init_script(WATCH.replace("material: typeof window.document$",
                                           "material: typeof window.document$, "
                                           "scheme: document.body.dataset.mdColorScheme"))
        page.goto(url + "paspoort/", wait_until="networkidle")
        assert page.evaluate("window.__atFirstSight") == {"material": "undefined", "order": [], "scheme": expected}
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected  # and so Material left it
        context.close()
