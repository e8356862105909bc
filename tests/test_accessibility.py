"""Readable by everyone: axe-core finds nothing serious on any page type, the
map's graphics have enough contrast in both palettes, faces differ in shape,
a keyboard reaches every moment, a phone gets the journey top to bottom, and
printing gives an A3 poster. All in Debian's Chromium, on the example site."""

from __future__ import annotations

import io
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from coloraide import Color

from sites import build, make_site

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
TIMELINE = "journeys/verhuizing-doorgeven/"
CYCLE = "journeys/bibliotheek-lidmaatschap/"
PAGE_TYPES = {
    "timeline": TIMELINE,
    "cycle": CYCLE,
    "redesign": "journeys/parkeervergunning-nu/",  # compared with its baseline
    "english": "journeys/registering-as-a-new-resident/",
    "catalogue": "journeys/",
    "owners": "owners/",
    "owner": "owners/burgerzaken/",
    "overview": "overview/",
    "kiosk": "kiosk/",
    "home": "",  # a map in a ```journey block
    "tags": "tags/",
}


@pytest.fixture(scope="module")
def site_url(example_site, serve):
    return serve(example_site)


def new_page(browser, *, width: int = 1400, dark: bool = False, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light")
    return context, context.new_page()


def axe(page) -> list[dict]:
    """Serious and critical WCAG 2.0-2.2 A/AA violations axe-core finds on the page."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']}: {n['target']} {n['failureSummary']}" for v in violations for n in v["nodes"][:3])


@pytest.mark.parametrize("width", [1400, 375], ids=["wide", "narrow"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_page_type(browser, site_url, dark, width):
    context, page = new_page(browser, width=width, dark=dark)
    try:
        found = {}
        for name, path in PAGE_TYPES.items():
            page.goto(site_url + path, wait_until="networkidle")
            violations = axe(page)
            if violations:
                found[name] = describe(violations)
        assert not found, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())
    finally:
        context.close()


def test_every_box_that_scrolls_sideways_is_reached_and_named(browser, site_url):
    # On a phone a department's table scrolled, but a keyboard could not reach it to scroll.
    # (Since 2026-12-01 a department's and a journey's moments stand as blocks there, and do not scroll.)
    context, page = new_page(browser, width=390)
    try:
        unreachable, scrolled = {}, set()
        for name, path in PAGE_TYPES.items():
            page.goto(site_url + path, wait_until="networkidle")
            found = page.evaluate("""() => [...document.querySelectorAll('.jm-table-wrap, .jm-scroll')]
                .filter(box => box.getClientRects().length && box.scrollWidth > box.clientWidth + 1)
                .map(box => ({focusable: box.tabIndex >= 0,
                              named: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))}))""")
            if any(not (box["focusable"] and box["named"]) for box in found):
                unreachable[name] = found
            if found:
                scrolled.add(name)
        assert {"owners", "overview"} <= scrolled  # there are boxes that scroll to check
        assert unreachable == {}
    finally:
        context.close()


def test_no_page_scrolls_sideways_on_the_smallest_phone(browser, site_url, example_site):
    """At 320 px every journey page scrolled sideways by 16 px: its strong and
    weak moments stood in columns at least 16rem (320 px) wide. What is wider
    than a phone scrolls in a box of its own (the previous test)."""
    context, page = new_page(browser, width=320, height=640)
    try:
        journeys = sorted(f"journeys/{path.parent.name}/" for path in example_site.glob("journeys/*/index.html"))
        wide = {}
        for path in [*PAGE_TYPES.values(), *journeys]:
            page.goto(site_url + path, wait_until="networkidle")
            over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if over > 0:
                wide[path] = over
        assert len(journeys) >= 10 and wide == {}
    finally:
        context.close()


def test_axe_is_really_checking(browser, site_url):
    """The same run finds a planted fault, so a clean result means something."""
    context, page = new_page(browser)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        page.evaluate("""() => { const p = document.createElement('p');
            p.textContent = 'grey on white'; p.style.color = '#bbbbbb'; p.style.background = '#ffffff';
            document.querySelector('.md-content__inner').append(p); }""")
        assert "color-contrast" in {v["id"] for v in axe(page)}
    finally:
        context.close()


# --- contrast of the map's graphics ---------------------------------------------------------

# Every mark, line and text of the map with the colours it is painted in and
# the colour under its middle (the band, lane, zone or page behind it).
COLLECT = """svg => {
  const page = getComputedStyle(document.body).backgroundColor;
  const under = (el, skip) => {
    const r = el.getBoundingClientRect();
    for (const hit of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
      if (hit === el || el.contains(hit) || skip(hit) || !svg.contains(hit)) continue;
      const fill = getComputedStyle(hit).fill;
      if (hit.closest('.jm-background') && fill !== 'none') return fill;
    }
    return page;
  };
  const paint = (el) => { const s = getComputedStyle(el);
    return {fill: s.fill, stroke: s.stroke, opacity: s.opacity}; };
  const out = {page, texts: [], marks: [], curves: [], backgrounds: []};
  for (const text of svg.querySelectorAll('text')) {
    if (text.closest('defs') || !text.textContent.trim()) continue;
    out.texts.push({cls: text.parentNode.getAttribute('class') || text.parentNode.parentNode.getAttribute('class'),
                    text: text.textContent.slice(0, 30), ...paint(text), under: under(text, () => false)});
  }
  for (const use of svg.querySelectorAll('use')) {
    const symbol = svg.querySelector(use.getAttribute('href') || use.getAttribute('xlink:href'));
    const part = (sel) => symbol.querySelector(sel) && paint(symbol.querySelector(sel));
    out.marks.push({kind: symbol.getAttribute('class'), under: under(use, (hit) => hit.tagName === 'use'),
                    body: part('.jm-face__bg, .jm-killer__bg, .jm-unrated__ring'),
                    features: part('.jm-face__features, .jm-killer__cross')});
  }
  for (const curve of svg.querySelectorAll('.jm-curve:not(.jm-curve--baseline)')) out.curves.push(paint(curve));
  // what the curve runs over: phase bands, lanes and zones (not badges or arrows)
  for (const rect of svg.querySelectorAll('.jm-background :is([class*=band], [class*=zone], [class*=lane-row])')) {
    const fill = getComputedStyle(rect).fill;
    if (fill !== 'none') out.backgrounds.push(fill);
  }
  return out;
}"""


def killer_as_painted(page) -> tuple[int, int, int]:
    """The colour on screen inside a killer marker, left of its cross."""
    from PIL import Image

    use = page.locator(".jm-scroll > svg.jm-map use[href$='-killer'], "
                       ".jm-scroll > svg.jm-map use[*|href$='-killer']").first
    picture = Image.open(io.BytesIO(use.screenshot())).convert("RGB")
    return picture.getpixel((round(picture.width * 0.2), picture.height // 2))


def rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def solid(css: str, over: str = "rgb(255, 255, 255)", opacity: float = 1.0) -> Color:
    """A computed colour as it shows: composited over what lies beneath it."""
    r, g, b, a = rgba(css)
    below = solid(over) if rgba(over)[3] < 1 else Color("srgb", [v / 255 for v in rgba(over)[:3]])
    top = Color("srgb", [r / 255, g / 255, b / 255], a * opacity)
    return Color.layer([top, below], space="srgb")


def ratio(a: Color, b: Color) -> float:
    return a.contrast(b, method="wcag21")


@pytest.mark.parametrize("path", [TIMELINE, CYCLE, "journeys/parkeervergunning-nu/"],
                         ids=["timeline", "cycle", "redesign"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_map_graphics_have_3_to_1_and_text_4_5_to_1_contrast(browser, site_url, path, dark):
    context, page = new_page(browser, dark=dark)
    try:
        page.goto(site_url + path, wait_until="networkidle")
        svg = page.locator(".jm-scroll > svg.jm-map")
        found = svg.evaluate(COLLECT)
        painted_killer = killer_as_painted(page)
    finally:
        context.close()
    # the colours read from the symbols are the ones on screen (rules reach the <use> copies)
    computed = next(m["body"]["fill"] for m in found["marks"] if m["kind"] == "jm-killer")
    assert max(abs(a - b) for a, b in zip(painted_killer, rgba(computed)[:3])) <= 12, (painted_killer, computed)
    failures = []
    page_bg = found["page"]
    for text in found["texts"]:
        behind = solid(text["under"], page_bg)
        value = ratio(solid(text["fill"], behind.to_string(), float(text["opacity"])), behind)
        if value < 4.5:
            failures.append(f"text {text['cls']} {text['text']!r}: {value:.2f}")
    kinds = set()
    for mark in found["marks"]:
        behind = solid(mark["under"], page_bg)
        body = mark["body"]
        edge = max(ratio(solid(body["stroke"], behind.to_string()), behind),
                   ratio(solid(body["fill"], behind.to_string()), behind) if body["fill"] != "none" else 0)
        kinds.add(mark["kind"])
        if edge < 3:
            failures.append(f"{mark['kind']} against its background: {edge:.2f}")
        if mark["features"]:  # a face's features or the killer's cross, on the mark's own colour
            inside = solid(body["fill"], behind.to_string())
            value = ratio(solid(mark["features"]["stroke"], inside.to_string()), inside)
            if value < 3:
                failures.append(f"{mark['kind']} features: {value:.2f}")
    for curve in found["curves"]:
        for background in found["backgrounds"] + [page_bg]:
            behind = solid(background, page_bg)
            value = ratio(solid(curve["stroke"], behind.to_string()), behind)
            if value < 3:
                failures.append(f"curve on {background}: {value:.2f}")
    assert not failures, "\n".join(failures)
    # the check saw what it is about: every kind of mark, the curve, the lanes' text
    assert {"jm-killer", "jm-unrated"} <= kinds and any(k.startswith("jm-face") for k in kinds)
    assert found["curves"] and len(found["texts"]) > 20


# --- colour is never the only signal ----------------------------------------------------------

def test_faces_and_markers_differ_in_shape_when_colour_is_gone(browser, site_url, screenshots):
    """Each face, the killer marker and the unrated marker, painted in one grey
    with black features, are told apart by their pixels alone."""
    from PIL import Image, ImageChops

    context, page = new_page(browser)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        ids = page.evaluate("""() => [...document.querySelectorAll('.jm-scroll > svg.jm-map symbol')].map(s => s.id)""")
        page.evaluate("""ids => {
            const style = document.createElement('style');
            style.textContent = `
              .jm-face__bg, .jm-killer__bg { fill: #999 !important; stroke: #000 !important; }
              .jm-face__features, .jm-killer__cross, .jm-unrated__ring { stroke: #000 !important; }
              .jm-unrated__mark { fill: #000 !important; }
              .jm-shapes { filter: grayscale(1); }`;
            document.head.append(style);
            const row = document.createElement('div'); row.className = 'jm-shapes';
            for (const id of ids) row.insertAdjacentHTML('beforeend',
              `<svg class="jm-map" width="120" height="120" viewBox="0 0 33 33" style="background:#fff">` +
              `<use href="#${id}" width="33" height="33"/></svg>`);
            document.querySelector('.md-content__inner').prepend(row);
        }""", ids)
        pictures = {}
        for k, ident in enumerate(ids):
            png = page.locator(".jm-shapes svg").nth(k).screenshot()
            pictures[ident.rsplit("-", 2)[-1] if "face" in ident else ident.rsplit("-", 1)[-1]] = Image.open(
                io.BytesIO(png)).convert("L")
        page.locator(".jm-shapes").screenshot(path=str(screenshots / "shapes-without-colour.png"))
    finally:
        context.close()
    assert {"angry", "disappointed", "indifferent", "happy", "killer", "unrated"} <= set(pictures), sorted(pictures)
    for (a, picture_a), (b, picture_b) in combinations(sorted(pictures.items()), 2):
        differing = sum(1 for value in ImageChops.difference(picture_a, picture_b).tobytes() if value > 64)
        assert differing > 150, f"{a} and {b} differ in only {differing} pixels without colour"


# --- keyboard and screen reader ---------------------------------------------------------------

def test_a_keyboard_reaches_every_moment_from_the_map_and_lands_on_its_details(browser, site_url):
    context, page = new_page(browser)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        rows = page.locator(".jm-table tbody tr")
        moments = rows.count()
        focused = []
        for _ in range(200):  # Tab through the page until the table, as a keyboard user does
            page.keyboard.press("Tab")
            here = page.evaluate("""() => { const a = document.activeElement;
                return a.closest('svg.jm-map') ? a.getAttribute('aria-label')
                    : a.matches('.jm-table-wrap') ? 'TABLE' : null; }""")
            if here == "TABLE":
                break
            if here:
                focused.append(here)
        assert len(focused) == moments and focused[0].startswith("1. ") and focused[-1].startswith(f"{moments}. ")
        # what Chromium tells a screen reader: a group named after the journey, and
        # in it only a link per moment, named with its verdict (the drawing is hidden)
        tree = accessibility_tree(page, ".jm-scroll > svg.jm-map")
        assert tree[0] == ("group", "Verhuizing doorgeven")
        # read first is the first moment, not the "?" of the unrated marker's symbol
        assert tree[1][0] == "link", tree[:3]
        links = [name for role, name in tree[1:] if role == "link"]
        assert len(links) == moments and links[0].endswith(": teleurgesteld (2,5)")
        assert {role for role, _ in tree[1:]} <= {"link", "generic", "StaticText", "InlineTextBox"}
        assert not any("Voorbereiden" in name for _, name in tree)  # phase names are drawing, not reading
        # back to the third moment, and Enter: its row is the target
        page.locator(".jm-scroll > svg.jm-map a").nth(2).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.length > 1")
        target = page.evaluate("document.querySelector(':target').matches('.jm-table tbody tr:nth-child(3)')")
        assert target and page.locator(".jm-table tbody tr:nth-child(3)").is_visible()
        # the table is named and has headers for its columns and rows
        assert page.locator(".jm-table caption").first.text_content().startswith("Alle momenten")
        assert page.locator(".jm-table thead th[scope=col]").count() >= 4
        assert page.locator(".jm-table tbody th[scope=row]").count() == moments
    finally:
        context.close()


def test_a_moments_row_header_names_the_moment_and_its_quote_has_a_cell_of_its_own(browser, site_url):
    """A screen reader announces a row's header with every cell it reads: the
    header held the moment's quote, pain, chance and backstage too, and all of
    it came again at the phase, the channel, the owner and the evidence."""
    content = Path(__file__).resolve().parent.parent / "content/journeys/verhuizing-doorgeven.md"
    touchpoints = yaml.safe_load(content.read_text(encoding="utf-8").split("---\n")[1])["journey"]["touchpoints"]
    context, page = new_page(browser)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        columns = page.locator(".jm-table thead th").all_text_contents()
        rows = page.locator(".jm-table tbody tr")
        assert rows.count() == len(touchpoints)
        for k, tp in enumerate(touchpoints):
            tree = accessibility_tree(page, f".jm-table tbody tr:nth-child({k + 1})")
            # what Chromium tells a screen reader: the row's header is its number and label, no more
            assert [name for role, name in tree if role == "rowheader"] == [f"{k + 1}. {tp['label']}"]
            cells = [name for role, name in tree if role in ("cell", "gridcell")]
            for key in ("quote", "pain", "opportunity", "backstage"):
                if tp.get(key):  # still in the row, in a cell of the column that says what it is
                    found = [n for n, name in enumerate(cells) if tp[key] in name]
                    assert len(found) == 1, (tp[key], cells)
                    assert columns[found[0] + 1] == "Toelichting"
        quote = page.locator(".jm-table tbody tr:nth-child(3) .jm-detail--quote")
        assert quote.inner_text().startswith("Citaat:")
        # on a phone, the quote stands beside its label, before the table scrolls sideways
        page.set_viewport_size({"width": 390, "height": 844})
        box, wrap = quote.bounding_box(), page.locator("[aria-labelledby=jm-moments]").bounding_box()
        assert box["x"] + box["width"] <= wrap["x"] + wrap["width"]
    finally:
        context.close()


def test_a_keyboard_skips_to_the_content_on_every_page_type(browser, site_url):
    """Material offers 'Ga naar inhoud' only on a page whose table of contents
    has an entry; a journey page and the generated pages had none, so a
    keyboard went through the header, the navigation and a dozen tags first."""
    context, page = new_page(browser)
    try:
        missing = {}
        for name, path in PAGE_TYPES.items():
            if name in ("kiosk", "tags"):  # the kiosk has no header; the tags page is Material's own
                continue
            page.goto(site_url + path, wait_until="networkidle")
            page.keyboard.press("Tab")
            skip = page.evaluate("""() => { const a = document.activeElement;
                return a.matches('a.md-skip') ? document.querySelector(a.getAttribute('href')).tagName : null; }""")
            if skip == "H1":
                page.keyboard.press("Enter")
                page.keyboard.press("Tab")
                skip = page.evaluate("document.activeElement.closest('.md-content') ? 'content'"
                                     " : document.activeElement.outerHTML")
            if skip != "content":
                missing[name] = skip
        assert missing == {}
        # the heading is the page's only one of its level, with its title
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        assert page.locator("h1").all_text_contents() == ["Verhuizing doorgeven"]
    finally:
        context.close()


def test_a_moment_reached_by_tab_is_not_hidden_under_the_column_that_stays(browser, site_url):
    """Tabbing back through a wide map scrolled to its end, the browser left
    moments under the scale and lanes' names kept in view, focus ring and all."""
    context, page = new_page(browser, width=1100)
    try:
        page.goto(site_url + "journeys/dakkapel-vergunning/", wait_until="networkidle")
        page.wait_for_selector(".jm-scroll .jm-frozen__back", state="attached")  # the page's script has run
        links = page.locator(".jm-scroll > svg a")
        links.last.focus()
        hidden = []
        for _ in range(links.count() - 1):
            page.keyboard.press("Shift+Tab")
            # measured once the column has followed the scroll (its scroll event comes with the next frame)
            where = page.evaluate("""() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
                done({label: document.activeElement.getAttribute('aria-label').split(':')[0],
                      left: document.activeElement.getBoundingClientRect().left,
                      column: document.querySelector('.jm-map--scrolled .jm-frozen__back')
                          ?.getBoundingClientRect().right}))))""")
            if where["column"] is not None and where["left"] < where["column"]:
                hidden.append(where["label"])
        assert hidden == []
    finally:
        context.close()


def accessibility_tree(page, selector: str) -> list[tuple[str, str]]:
    """(role, name) of the nodes Chromium exposes under an element, depth first."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    backend = cdp.send("DOM.describeNode",
                       {"nodeId": cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]})
    nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    start = next(n for n in nodes.values() if n.get("backendDOMNodeId") == backend["node"]["backendNodeId"])
    out = []

    def walk(node):
        if not node.get("ignored"):
            out.append((node.get("role", {}).get("value"), node.get("name", {}).get("value", "")))
        for child in node.get("childIds", []):
            walk(nodes[child])

    walk(start)
    return out


# --- narrow screens ---------------------------------------------------------------------------

@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_phone_gets_the_journey_top_to_bottom(browser, site_url, screenshots, dark):
    from PIL import Image

    context, page = new_page(browser, width=375, height=812, dark=dark)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        assert page.locator(".jm-scroll > svg.jm-map").is_hidden()
        steps = page.locator(".jm-steps")
        assert steps.is_visible()
        # nothing on the page scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # phases as rows, in order, every moment once, each with its face drawn beside it
        phases = page.locator(".jm-steps__name").all_text_contents()
        assert phases == ["Voorbereiden", "Verhuizing doorgeven", "Bevestiging", "Na de verhuizing"]
        links = page.locator(".jm-step__text > a")
        labels = links.all_text_contents()
        rows = page.locator(".jm-table tbody tr")
        assert [links.nth(k).get_attribute("href") for k in range(links.count())] == [
            "#" + rows.nth(k).get_attribute("id") for k in range(rows.count())]
        assert all(" ".join(rows.nth(k).locator("th").inner_text().split()).startswith(label)
                   for k, label in enumerate(labels))
        for k in range(len(labels)):
            mark = page.locator(".jm-step__mark").nth(k)
            box = mark.bounding_box()
            assert box["width"] >= 24 and box["x"] + box["width"] < 375
            # the face is really painted, not an empty box: most of its square is not page background
            picture = Image.open(io.BytesIO(mark.screenshot())).convert("RGB")
            background = picture.getpixel((0, 0))
            painted = sum(1 for pixel in zip(*[iter(picture.tobytes())] * 3) if pixel != background)
            assert painted > 0.5 * picture.width * picture.height
        # each moment's owner links to its department's page, looking as the table's owners do
        owners, in_table = page.locator(".jm-step__meta a.jm-department"), page.locator(".jm-table a.jm-department")
        assert owners.count() and [owners.nth(k).get_attribute("href") for k in range(owners.count())] == [
            in_table.nth(k).get_attribute("href") for k in range(in_table.count())]
        look = "a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine]"
        assert owners.first.is_visible() and owners.first.evaluate(look) == in_table.first.evaluate(look)
        page.screenshot(path=str(screenshots / f"narrow-{'dark' if dark else 'light'}.png"), full_page=True)
        # a cycle says, at its end, that it begins again
        page.goto(site_url + CYCLE, wait_until="networkidle")
        assert page.locator(".jm-steps > li").last.inner_text().strip() == "↻ begint opnieuw"
        assert page.locator(".jm-steps__again").count() == 1
        # wide again: the map, not the list
        steps = page.locator(".jm-steps")
        page.set_viewport_size({"width": 1400, "height": 900})
        assert page.locator(".jm-scroll > svg.jm-map").is_visible() and steps.is_hidden()
        # a map in another page (a ```journey block) does the same
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(site_url + PAGE_TYPES["home"], wait_until="networkidle")
        embed = page.locator(".jm-embed")
        assert embed.locator(".jm-scroll").is_hidden() and embed.locator(".jm-steps").is_visible()
        content = Path(__file__).resolve().parent.parent / "content"
        assert "page: journeys/afvalpas-aanvragen.md" in (content / "index.md").read_text(encoding="utf-8")
        embedded = (content / "journeys/afvalpas-aanvragen.md").read_text(encoding="utf-8")
        assert embed.locator(".jm-step").count() == len(
            yaml.safe_load(embedded.split("---\n")[1])["journey"]["touchpoints"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.set_viewport_size({"width": 1400, "height": 900})
        assert embed.locator(".jm-scroll").is_visible() and embed.locator(".jm-steps").is_hidden()
        # a department's moments show how each is experienced without scrolling the table
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(site_url + PAGE_TYPES["owner"], wait_until="networkidle")
        cell = page.locator(".jm-owner-moments tbody tr").first.locator("td").first
        assert cell.inner_text().strip() and cell.bounding_box()["x"] + cell.bounding_box()["width"] <= 375
    finally:
        context.close()


def test_a_table_too_wide_for_a_phone_fades_out_where_its_columns_go_on(browser, site_url):
    """On a phone the departments' table showed three of its five columns and
    no sign of the killers past the edge (Chromium hides scrollbars there)."""
    context, page = new_page(browser, width=360, height=800)
    try:
        page.goto(site_url + "owners/", wait_until="networkidle")
        box = page.locator(".jm-table-wrap")
        page.wait_for_function("b => b.classList.contains('jm-scroll--more-right')", arg=box.element_handle())
        fade = "b => getComputedStyle(b).maskImage"
        assert box.evaluate("b => b.scrollWidth - b.clientWidth") > 20
        assert "gradient" in box.evaluate(fade)
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        page.wait_for_function("b => !b.classList.contains('jm-scroll--more-right')", arg=box.element_handle())
        assert "gradient" in box.evaluate(fade)  # now on the left, where the first columns went
        box.focus()  # from the keyboard: the focus outline shows whole
        assert box.evaluate(fade) == "none"
    finally:
        context.close()


def test_a_quote_in_the_moments_table_reads_as_a_sentence_on_a_phone(browser, site_url):
    """The 'Toelichting' column was as narrow as its longest word on a phone,
    so a customer's quote broke after every two or three words."""
    context, page = new_page(browser, width=390, height=844)
    try:
        page.goto(site_url + "journeys/verhuizing-doorgeven/", wait_until="networkidle")
        words_per_line = page.evaluate("""() => {
            const cell = [...document.querySelectorAll('.jm-table td.jm-details')]
                .find(c => c.textContent.split(/\\s+/).length > 25);
            const range = document.createRange();
            range.selectNodeContents(cell);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            return cell.textContent.trim().split(/\\s+/).length / lines;
        }""")
        assert words_per_line >= 2.5, words_per_line  # 1.8 before; wider, the quote would leave the screen
    finally:
        context.close()


def test_on_a_phone_each_moment_in_a_journey_s_table_is_a_block_with_every_cell_named(browser, site_url,
                                                                                     screenshots):
    """The table of a journey's moments, seven columns, was some 900 px wide at
    390 px: a moment's phase, channel, owner, verdict and evidence were a long
    sideways scroll from its label, under headers scrolled out of sight."""
    context, page = new_page(browser, width=390, height=844)
    try:
        page.goto(site_url + "journeys/verhuizing-doorgeven/", wait_until="networkidle")
        wrap = page.locator(".jm-moments .jm-table-wrap")
        assert wrap.evaluate("box => box.scrollWidth - box.clientWidth") <= 1
        seen = wrap.bounding_box()
        rows = page.locator(".jm-moments .jm-table tbody tr").all()
        assert len(rows) == 6
        for row in rows:
            label = row.locator("th").bounding_box()
            for cell in row.locator("td").all():
                box = cell.bounding_box()
                if box is None:  # an empty cell is left out
                    assert not cell.inner_text().strip()
                    continue
                assert seen["x"] <= box["x"] and box["x"] + box["width"] <= seen["x"] + seen["width"] + 0.5
                assert box["y"] >= label["y"] + label["height"] - 1  # under its moment, not beside it
        # Each cell named, as its header is out of sight: shown before it, not read (the header is).
        named = "cell => getComputedStyle(cell, '::before').content"
        assert [cell.evaluate(named) for cell in rows[3].locator("td:not(.jm-details)").all()] == [
            f'"{name}: " / ""' for name in ("Beleving", "Fase", "Kanaal", "Eigenaar", "Bewijs")]
        assert rows[3].locator("td[data-label='Eigenaar']").inner_text() == "Klantcontactcentrum"
        # A moment's first source starts on the line of the cell's name, as every other cell's value:
        # how far below the cell's first line its text starts, in lines (it stood alone on the next line).
        below = page.evaluate("""() => [...document.querySelectorAll('.jm-moments .jm-table .jm-evidence:first-child')]
            .map(source => {
                const cell = source.parentElement, style = getComputedStyle(cell);
                const first = cell.getBoundingClientRect().top + parseFloat(style.paddingTop);
                return (source.getClientRects()[0].top - first) / parseFloat(style.lineHeight);
            })""")
        # (six: the moment without evidence says so, 'geen bewijs van klanten', where its sources would be)
        assert len(below) == 6 and all(lines < 0.5 for lines in below), below
        page.screenshot(path=str(screenshots / "journey-moments-phone.png"), full_page=True)
        # a tablet and wider keep the table: a moment's cells side by side under the headers
        page.set_viewport_size({"width": 1400, "height": 900})
        assert page.locator(".jm-moments .jm-table thead th").first.is_visible()
        tops = {round(cell.bounding_box()["y"]) for cell in rows[1].locator("th, td").all()}
        assert len(tops) == 1, tops
    finally:
        context.close()


@pytest.mark.parametrize("path", ["journeys/afvalpas-aanvragen/", PAGE_TYPES["owner"]])
def test_stacked_moments_fit_a_phone_with_large_text(browser, site_url, path):
    """Stacked on a phone, a moment's label and its details kept the table's
    minimum widths (8rem and 9rem: a later rule of the same weight won over
    the phone's `min-width: 0`). With a reader's default text twice as large
    (Material's root size 125% of 32 px), they were 320 and 360 px wide at
    320 px, and the table scrolled sideways again by 104 px."""
    context, page = new_page(browser, width=320, height=800)
    try:
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("document.documentElement.style.fontSize = '250%'")  # 125% of a 32 px default
        wrap = page.locator(".jm-stacked").first.locator("xpath=..")
        assert wrap.evaluate("box => box.scrollWidth - box.clientWidth") <= 1
        assert page.locator(".jm-stacked tbody th").first.evaluate("th => getComputedStyle(th).minWidth") == "0px"
    finally:
        context.close()


def test_a_table_that_stacks_on_a_phone_names_each_element_s_role(example_site):
    """A table whose rows and cells a phone's stylesheet sets as blocks has
    been known to lose its rows and headers in Safari, for VoiceOver: there,
    a journey's phase, channel and owner would be read without their names
    (the names shown are hidden from screen readers, which have the headers).
    Each element's role written out keeps them. (No WebKit on this machine:
    what is tested is that every element carries its role.)"""
    from html.parser import HTMLParser

    roles = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "td": "cell"}

    class Stacked(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.seen, self.wrong = 0, Counter(), []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "table" and "jm-stacked" in (attrs.get("class") or "").split():
                self.depth += 1
            if self.depth and tag in (*roles, "th"):
                want = roles.get(tag) or {"col": "columnheader", "row": "rowheader"}[attrs["scope"]]
                self.seen[want] += 1
                if attrs.get("role") != want:
                    self.wrong.append((tag, attrs))

        def handle_endtag(self, tag):
            if tag == "table" and self.depth:
                self.depth -= 1

    for page in ("journeys/verhuizing-doorgeven/index.html", "owners/burgerzaken/index.html"):
        found = Stacked()
        found.feed((example_site / page).read_text(encoding="utf-8"))
        assert found.seen["table"] == 1 and found.seen["rowheader"] >= 2 and found.seen["cell"] >= 6, page
        assert found.wrong == [], page


def test_a_redesign_names_its_dashed_baseline_only_where_the_line_is_drawn(browser, site_url):
    """'gestreept: de uitgangssituatie' stood under the comparison as a note of
    its own: on a phone, where the map with the dashed line is not shown, and
    to a screen reader, for which the drawing is hidden. The map's legend says it."""
    context, page = new_page(browser, width=375, height=812)
    try:
        page.goto(site_url + "journeys/parkeervergunning/", wait_until="networkidle")
        assert page.locator(".jm-comparison").is_visible()
        assert page.get_by_text("gestreept").filter(visible=True).count() == 0
        page.set_viewport_size({"width": 1400, "height": 900})
        assert page.locator(".jm-scroll > svg.jm-map .jm-legend").get_by_text("gestreept").is_visible()
    finally:
        context.close()


# --- tables on a laptop -----------------------------------------------------------------------

# Words in table cells that a line break cuts in two; a break after a hyphen
# ('WOZ-/waarde') and inside a URL are allowed.
CUT_WORDS = """() => {
  const cut = [];
  for (const cell of document.querySelectorAll('.jm-table th, .jm-table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {
        if (word[0].includes('/')) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) cut.push(word[0]);
      }
    }
  }
  for (const date of document.querySelectorAll('.jm-table .jm-date')) {  // 2026-09, not 2026- / 09
    if (new Set([...date.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(date.textContent);
  }
  return cut;
}"""


def test_tables_keep_words_whole_and_a_journey_table_fits_a_laptop(browser, site_url, example_site, screenshots):
    """At 1280 px, Material's content column is 748 px wide: the seven columns of
    a journey's table fit it, and no column is squeezed below its longest word
    (Material lets links break anywhere, which once cut 'aanvrage/n')."""
    context, page = new_page(browser, width=1280)
    try:
        paths = sorted(str(p.parent.relative_to(example_site)) + "/" for p in example_site.glob("*/*/index.html")
                       if p.parts[-3] in ("journeys", "owners"))
        assert len(paths) >= 20
        cut, wide = {}, {}
        for path in paths:
            page.goto(site_url + path, wait_until="networkidle")
            if words := page.evaluate(CUT_WORDS):
                cut[path] = words
            scroll = page.evaluate("[...document.querySelectorAll('.jm-table-wrap')]"
                                   ".map(w => w.scrollWidth - w.clientWidth)")
            if any(extra > 1 for extra in scroll):
                wide[path] = scroll
        page.goto(site_url + "owners/klantcontactcentrum/", wait_until="networkidle")
        page.screenshot(path=screenshots / "owner-table-1280.png")
        assert not cut, f"words cut in two: {cut}"
        assert not wide, f"tables that scroll sideways: {wide}"
    finally:
        context.close()


# --- print ------------------------------------------------------------------------------------

A3_LANDSCAPE = (1190.55, 841.89)  # points


@pytest.mark.parametrize("path, dark", [(TIMELINE, False), (CYCLE, True)], ids=["timeline", "cycle-from-dark"])
def test_printing_a_journey_gives_one_a3_landscape_poster(browser, site_url, screenshots, path, dark):
    import pypdfium2

    context, page = new_page(browser, dark=dark)
    try:
        page.goto(site_url + path, wait_until="networkidle")
        title = page.locator("h1").first.text_content().strip()
        persona = page.locator(".jm-facts dd").first.text_content().strip()
        pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    assert len(pdf) == 1
    width, height = pdf[0].get_size()
    assert abs(width - A3_LANDSCAPE[0]) < 2 and abs(height - A3_LANDSCAPE[1]) < 2
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    for wanted in (title, persona, "boos", "blij", "killer", "niet beoordeeld", "Afgedrukt op"):
        assert wanted in text, wanted
    for chrome in ("Klantreizen van Gemeente Rivierstad", "Sterkste momenten", "Alle momenten", "Download de kaart",
                   "Zoeken"):
        assert chrome not in text, chrome
    image = pdf[0].render(scale=1.5).to_pil().convert("RGB")
    image.save(screenshots / f"print-{path.strip('/').split('/')[-1]}.png")
    # white paper to its edges, also when the screen was dark, and the map fills most of the sheet
    grey = image.convert("L")
    assert sum(grey.tobytes()) / (grey.width * grey.height) > 200
    assert min(grey.getpixel(corner) for corner in ((2, 2), (grey.width - 3, grey.height - 3))) > 240
    left, top, right, bottom = grey.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert (right - left) > 0.6 * grey.width and (bottom - top) > 0.6 * grey.height


def test_a_journey_in_another_language_prints_its_poster(browser, site_url):
    """The English journey's title and journey stand in a wrapper that says its
    language, and printing hid the wrapper with the rest of the page: a blank sheet."""
    import pypdfium2

    import datetime

    context, page = new_page(browser)
    try:
        page.clock.install(time=datetime.datetime(2026, 12, 3, 9, 0))
        page.goto(site_url + PAGE_TYPES["english"], wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-jm-printed]').textContent !== ''")
        first = page.locator(".jm-scroll > svg a").first.get_attribute("aria-label").split(":")[0][3:]
        pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert len(pdf) == 1
    # its printed line in English throughout, the date too (it was '3 december 2026', as the site's Dutch writes it)
    english = ("Registering as a new resident", "International PhD student", first[:20], "Printed on December 3, 2026")
    for wanted in english:
        assert wanted in text, wanted


def test_a_poster_stays_on_one_sheet_however_tall_its_heading(browser, serve, tmp_path):
    """Three killers with long names and a long persona took three lines more
    above a cycle drawn at a fixed height: the printed line went to a second sheet."""
    import pypdfium2

    killers = ["Persoonsgegevens komen bij de verkeerde persoon terecht en dat blijft zo",
               "Bewoner wordt afgesnauwd door een medewerker aan de telefoon",
               "De aanvraag raakt kwijt en niemand weet waar die is gebleven"]
    moments = "".join(f"""
            - label: Moment {k} met een wat langer label over wat er gebeurt
              phase: F{k % 4}
              {'killer: [a, b, c]' if k in (2, 5) else f'score: {1 + k % 5}'}""" for k in range(8))
    make_site(tmp_path, {"reis.md": f"""
        ---
        title: Een reis met een titel die over de hele breedte van het vel loopt, en nog verder
        journey:
          shape: cycle
          persona: >-
            Een bewoner met een lange beschrijving van wie hij is, waar hij woont, wat hij doet, waarom hij belt
            en nog meer
          owner: Team met een lange naam
          phases: [F0, F1, F2, F3]
          killers: [{", ".join(f"{{id: {key}, label: {label}}}" for key, label in zip("abc", killers))}]
          touchpoints:{moments}
        ---
        """})
    assert build(tmp_path).returncode == 0
    context, page = new_page(browser)
    try:
        page.goto(serve(tmp_path / "site") + "reis/", wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-jm-printed]').textContent !== ''")
        pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert len(pdf) == 1 and killers[2] in text and "niet beoordeeld" in text and "Afgedrukt op" in text


def test_a_printed_catalogue_keeps_each_card_on_one_sheet(browser, site_url):
    import pypdfium2

    context, page = new_page(browser)
    try:
        page.goto(site_url + "journeys/", wait_until="networkidle")
        cards = page.locator(".jm-card").evaluate_all(
            "cards => cards.map(c => [c.querySelector('.jm-card__title').textContent,"
            " c.querySelector('dl > div:last-child dd').textContent])")
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    finally:
        context.close()
    sheets = [" ".join(sheet.get_textpage().get_text_range().split()) for sheet in pdf]
    assert len(sheets) > 1 and len(cards) > 10
    for title, last in cards:  # the card's title and its last fact on one sheet
        assert any(title in text and last in text.split(title, 1)[1] for text in sheets), title


def test_a_poster_says_the_day_it_was_printed_not_loaded(browser, site_url):
    """A page left open for days printed the day it was loaded."""
    import datetime

    import pypdfium2

    context, page = new_page(browser)
    try:
        page.clock.install(time=datetime.datetime(2026, 11, 30, 9, 0))
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-jm-printed]').textContent !== ''")
        page.clock.fast_forward(3 * 24 * 3600 * 1000)  # three days, in milliseconds
        pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "Afgedrukt op 3 december 2026 van " in text, text[-200:]


def test_a_department_s_page_prints_as_a_handout_that_says_when_and_where_from(browser, site_url):
    """A department head's printout had no date or address, and printed the
    page's links to other screens and its tag chip."""
    import pypdfium2

    context, page = new_page(browser)
    try:
        page.goto(site_url + "owners/klantcontactcentrum/", wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-jm-printed]').textContent !== ''")
        pdf = pypdfium2.PdfDocument(page.pdf(print_background=True))
        page.emulate_media(media="print")
        chips = page.evaluate("getComputedStyle(document.querySelector('.md-tags')).display")
        # an A4 sheet's width within Material's 25 mm margins: the table was cut at its edge, after four
        # columns; every department's (ICT's moments ran into their neighbours, found by a review)
        page.set_viewport_size({"width": 605, "height": 1000})
        page.goto(site_url + "owners/")
        cut = {}
        for url in page.evaluate("[...document.querySelectorAll('.jm-owners tbody th a')].map(a => a.href)"):
            page.goto(url)
            cut[url] = page.evaluate("(b => b.scrollWidth - b.clientWidth)(document.querySelector('.jm-table-wrap'))")
    finally:
        context.close()
    text = " ".join(" ".join(sheet.get_textpage().get_text_range().split()) for sheet in pdf)
    assert "Afgedrukt op " in text and "/owners/klantcontactcentrum/" in text, text[-300:]
    assert "Alle afdelingen" not in text and "kantoorscherm" not in text
    assert chips == "none" and len(cut) >= 15 and max(cut.values()) <= 1, cut
    assert "Momenten van Klantcontactcentrum" in text and "Pijnpunt" in text  # the page itself


def test_a_moment_reached_by_tab_is_not_ringed_on_the_poster(browser, site_url):
    """Tabbing to a moment and printing put the focus ring on the poster."""
    import pypdfium2

    context, page = new_page(browser)
    try:
        page.goto(site_url + TIMELINE, wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-jm-printed]').textContent !== ''")

        def poster():
            pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
            return pdf[0].render(scale=1).to_pil().convert("RGB").tobytes()

        unfocused = poster()
        for _ in range(60):  # past the header, the navigation and the tags, as a keyboard goes
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.jm-scroll a')"):
                break
        assert page.evaluate("document.activeElement.matches('.jm-scroll a:focus-visible')")
        assert poster() == unfocused
    finally:
        context.close()


def test_a_map_scrolled_sideways_prints_as_drawn(browser, site_url, screenshots):
    """The column a wide map keeps in view while scrolled (its scale and lanes'
    names) was printed where the screen had scrolled to, in the middle of the
    poster over the moments there."""
    import pypdfium2

    context, page = new_page(browser, width=1100)
    try:
        page.goto(site_url + "journeys/dakkapel-vergunning/", wait_until="networkidle")
        page.locator(".jm-scroll").evaluate("box => { box.scrollLeft = 400; }")
        page.wait_for_function("document.querySelector('.jm-scroll > svg').classList.contains('jm-map--scrolled')")
        pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    pdf[0].render(scale=1.5).to_pil().save(screenshots / "print-scrolled-dakkapel-vergunning.png")
    text = pdf[0].get_textpage()

    def left(words: str) -> float:
        found = text.search(words).get_next()
        assert found, words
        return text.get_charbox(found[0])[0]

    first_moment = left("1. Doet de")
    for lane in ("Beleving", "Kanaal", "Eigenaar", "Pijnpunt"):
        assert left(lane) < first_moment, lane


def test_the_overview_prints_its_heat_map_turned_and_not_the_table_it_repeats(browser, site_url, screenshots):
    """Printed, the overview's table of 19 departments against 35 phases
    (Material opens it for print) was cut at the sheet's edge after six
    phases, and took two A4 sheets more; the heat map above it prints whole,
    with every figure the table has. Paper has room for rows, not columns:
    the map prints turned, phases as rows, its figures 1.7 times as large as
    the 35 columns of the screen's map allowed (digits 2.1 points high)."""
    import pypdfium2

    context, page = new_page(browser)
    try:
        page.goto(site_url + PAGE_TYPES["overview"], wait_until="networkidle")
        departments = page.locator(".jm-heat-table tbody th").all_text_contents()
        phases = page.locator(".jm-heat-table thead th").all_text_contents()[1:]
        figures = sorted(re.findall(r"\d,\d", " ".join(page.locator(".jm-heat-table tbody td").all_text_contents())))
        assert page.locator(".jm-heat-print").is_hidden()  # on screen, the map as it was
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    finally:
        context.close()
    for number, sheet in enumerate(pdf):
        sheet.render(scale=2).to_pil().save(screenshots / f"print-overview-{number + 1}.png")
    assert len(pdf) == 2 and len(departments) > 10 and len(phases) > 30 and len(figures) > 20
    words = " ".join(" ".join(sheet.get_textpage().get_text_range().split()) for sheet in pdf)
    assert "Het overzicht als tabel" not in words
    on_sheet, heights = Counter(), []  # the figures drawn within the sheet's width, and their digits' heights
    for sheet in pdf:
        text = sheet.get_textpage()
        for figure in set(figures):
            searcher = text.search(figure)
            while hit := searcher.get_next():
                left, bottom, right, top = text.get_charbox(hit[0] + hit[1] - 1)
                on_sheet[figure] += right <= sheet.get_width()
                heights.append(top - bottom)
    assert not Counter(figures) - on_sheet  # the worst list above the map has some of them too
    # The map's figures, each printed once; the worst list's are in the page's text, larger.
    in_map = [height for height in heights if height < 5]
    assert len(in_map) == len(figures) and min(in_map) >= 3.2, sorted(heights)
    for name in departments + phases:
        assert name in words, name


def test_a_long_overview_prints_its_map_a_sheet_at_a_time_under_the_departments_names(browser, serve, tmp_path,
                                                                                       screenshots):
    """80 phases turned for paper were one picture over four sheets: a
    sheet's edge cut a row in two, and the sheets after the first had no
    names over their columns."""
    import pypdfium2

    departments = ["Afvalbeheer", "Burgerzaken", "Klantcontactcentrum", "Vergunningen, Toezicht en Handhaving"]
    phases = [f"Stap-{number:02}" for number in range(1, 81)]  # no two alike in the first characters
    pages = {}
    for start in range(0, 80, 10):
        moments = [{"label": f"Moment {start + k}", "phase": phase, "owner": departments[k % 4], "score": 2 + k % 3}
                   for k, phase in enumerate(phases[start:start + 10])]
        journey = {"title": f"Reis {start}", "journey": {"phases": phases[start:start + 10], "touchpoints": moments}}
        pages[f"reis-{start}.md"] = "---\n" + yaml.safe_dump(journey, allow_unicode=True) + "---\n"
    result = build(make_site(tmp_path, pages))
    assert result.returncode == 0, result.output
    context, page = new_page(browser)
    try:
        page.goto(serve(tmp_path / "site") + "overview/", wait_until="networkidle")
        parts = page.locator(".jm-heat-print").count()
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    finally:
        context.close()
    assert parts > 2 and len(pdf) == parts + 1  # the list on the first sheet, then a part a sheet
    seen = Counter()  # the rows on the map's sheets (the first has the list of where customers suffer most)

    def found(text, words: str) -> int:
        searcher, hits = text.search(words, match_whole_word=True), 0
        while searcher.get_next():
            hits += 1
        return hits

    for number in range(1, len(pdf)):
        pdf[number].render(scale=1).to_pil().save(screenshots / f"print-long-overview-{number + 1}.png")
        text = pdf[number].get_textpage()
        assert all(found(text, name) for name in departments), number  # its columns named, the long one too
        letters = "".join(text.get_text_range().split())  # small print is read out a letter at a time
        seen.update({phase: letters.count(phase) for phase in phases})
    # Every row printed once, whole (a row cut in two was found on both sheets, or on neither)
    assert seen == Counter(phases)


def test_a_map_in_another_page_prints_whole_on_one_sheet(browser, site_url):
    """A ```journey block on the home page, printed on A4, lost all that lay
    right of the page's edge (its box scrolls on screen, not on paper): the
    moment with the second killer was gone, and the map ran on to a second sheet."""
    import pypdfium2

    context, page = new_page(browser)
    try:
        page.goto(site_url + PAGE_TYPES["home"], wait_until="networkidle")
        moments = page.locator(".jm-embed .jm-step").count()
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    finally:
        context.close()
    assert moments == 4
    found = {}
    for number, sheet in enumerate(pdf):
        text = sheet.get_textpage()
        for words in ("1. Meldt de", f"{moments}. De nieuwe pas", "niet beoordeeld"):
            searcher = text.search(words)
            while hit := searcher.get_next():
                left, _, right, _ = text.get_charbox(hit[0] + hit[1] - 1)
                if right <= sheet.get_width():  # on the sheet, not clipped beyond its edge
                    found.setdefault(words, set()).add(number)
    # one sheet has the first moment, the last and the legend below them
    assert len(found) == 3 and set.intersection(*found.values()), found


@pytest.mark.parametrize("width", [1280, 390])
def test_the_format_page_names_each_field_whole(browser, site_url, width):
    # An editor copies a field's name from the format's tables: a narrow
    # column broke 'touchpoints' after 'touchpoint'.
    context, page = new_page(browser, width=width)
    try:
        page.goto(site_url + "formaat/")
        names = page.locator(".md-typeset td:first-child > code").evaluate_all(
            "codes => codes.map(code => [code.textContent, code.getClientRects().length])")
        assert len(names) >= 20 and "touchpoints" in dict(names)
        assert [name for name, lines in names if lines > 1] == []
    finally:
        context.close()
