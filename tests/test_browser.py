"""The example site in Debian's Chromium: maps render, follow the palette,
load nothing from outside, and log no errors."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def journey_pages(site) -> dict[str, str]:
    """{url path: shape} of every journey page in the built site."""
    pages = {}
    for html_file in site.rglob("index.html"):
        text = html_file.read_text(encoding="utf-8")
        match = re.search(r'class="jm-journey" data-jm-shape="(\w+)"', text)
        if match:
            pages[html_file.parent.relative_to(site).as_posix() + "/"] = match.group(1)
    return pages


@pytest.fixture(scope="module")
def site_url(example_site, serve):
    return serve(example_site)


def open_page(browser, url: str, *, dark: bool = False, width: int = 1400):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light")
    page = context.new_page()
    log = {"requests": [], "errors": []}
    page.on("request", lambda request: log["requests"].append(request.url))
    page.on("console", lambda message: message.type == "error" and log["errors"].append(message.text))
    page.on("pageerror", lambda error: log["errors"].append(str(error)))
    page.goto(url, wait_until="networkidle")
    return context, page, log


def test_example_site_has_both_shapes(example_site):
    shapes = set(journey_pages(example_site).values())
    assert shapes == {"timeline", "cycle"}


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_map_renders_and_follows_the_palette(browser, example_site, site_url, screenshots, shape, dark):
    path = next(p for p, s in sorted(journey_pages(example_site).items()) if s == shape)
    context, page, log = open_page(browser, site_url + path, dark=dark)
    try:
        svg = page.locator(".jm-scroll > svg.jm-map").first
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 200
        # Material applied the palette we asked for
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if dark else "default")
        # text on the map is light on dark and dark on light
        fill = page.evaluate(
            "getComputedStyle(document.querySelector('.jm-figure svg text')).fill"
        )
        assert luminance(fill) > 0.5 if dark else luminance(fill) < 0.3, fill
        assert log["errors"] == []
        assert all(url.startswith(site_url) for url in log["requests"]), log["requests"]
        page.screenshot(path=str(screenshots / f"{shape}-{'dark' if dark else 'light'}.png"), full_page=True)
    finally:
        context.close()


def luminance(css_color: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css_color)[:3])
    channel = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("system, site", [("dark", "default"), ("light", "slate")])
def test_in_high_contrast_the_maps_text_takes_the_system_s_colour_whatever_the_site_s_palette(
        browser, site_url, system, site):
    # Windows high contrast forces the page's background, not an SVG's fills: with the
    # site's palette the other way round, a map's lanes, scale and legend were invisible.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=system,
                                  forced_colors="active")
    try:
        page = context.new_page()
        for path, texts in (("journeys/afvalpas-aanvragen/", ".jm-figure svg .jm-texts text, .jm-figure svg .jm-axis, "
                                                             ".jm-figure svg .jm-legend text"),
                            ("overview/", ".jm-heat svg .jm-texts text, .jm-heat svg .jm-cell-text")):
            page.goto(site_url + path, wait_until="networkidle")
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{site}')")
            colours = page.evaluate("""(selector) => ({
                page: getComputedStyle(document.body).color,  // CanvasText, as the browser forces it
                texts: [...document.querySelectorAll(selector)].filter(e => !e.closest('a'))  // links: LinkText
                    .map(e => getComputedStyle(e).fill),
            })""", texts)
            assert colours["texts"] and set(colours["texts"]) == {colours["page"]}, (path, colours)
    finally:
        context.close()


def test_the_heat_map_s_cells_are_dark_in_the_dark_palette(browser, site_url):
    for dark in (False, True):
        context, page, _ = open_page(browser, site_url + "overview/", dark=dark)
        try:
            cells = page.evaluate("""() => [...document.querySelectorAll('.jm-heat svg .jm-cell')]
                                       .map(e => getComputedStyle(e).fill)""")
            figure = page.evaluate("getComputedStyle(document.querySelector('.jm-heat svg .jm-cell-text')).fill")
            assert cells and all((luminance(c) < 0.15) == dark for c in cells), cells
            assert (luminance(figure) > 0.5) == dark, figure  # and its figures light on them
        finally:
            context.close()


def test_related_link_and_table_anchor_work(browser, example_site, site_url):
    pages = journey_pages(example_site)
    path = next(p for p in sorted(pages) if 'class="jm-related"' in (example_site / p / "index.html").read_text())
    context, page, _ = open_page(browser, site_url + path)
    try:
        page.locator("a.jm-related").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".jm-scroll > svg.jm-map").count() == 1
        assert page.url != site_url + path
    finally:
        context.close()


def test_redesign_shows_the_baseline_curve(browser, example_site, site_url, screenshots):
    path = next(p for p in sorted(journey_pages(example_site))
                if "jm-curve--baseline" in (example_site / p / "index.html").read_text())
    context, page, log = open_page(browser, site_url + path)
    try:
        baseline = page.locator(".jm-figure path.jm-curve--baseline").bounding_box()
        own = page.locator(".jm-figure path.jm-curve:not(.jm-curve--baseline)").bounding_box()
        assert baseline["width"] > 100 and own["width"] > 100
        assert page.locator(".jm-comparison tbody tr").count() >= 3
        assert log["errors"] == []
        page.screenshot(path=str(screenshots / "redesign-timeline.png"), full_page=True)
    finally:
        context.close()


def test_a_map_wider_than_the_page_fades_out_on_the_side_there_is_more(browser, example_site, site_url, screenshots):
    # A scrollbar below a tall map, or one hidden until used, is easy to
    # miss: the moments past the page's edge fade out, on the side they are.
    context, page, log = open_page(browser, site_url + "journeys/dakkapel-vergunning/")
    try:
        box = page.locator(".jm-figure .jm-scroll")

        def state():
            return page.evaluate("""b => ({hidden: b.scrollWidth - b.clientWidth,
                classes: [...b.classList].filter(c => c.startsWith('jm-scroll--')).sort(),
                mask: getComputedStyle(b).maskImage || getComputedStyle(b).webkitMaskImage})""", box.element_handle())

        start = state()
        assert start["hidden"] > 500 and start["classes"] == ["jm-scroll--more-right"]
        assert "gradient" in start["mask"]
        # focused from the keyboard, the box shows its outline: a mask would clip it away
        box.focus()  # no pointer has been used: focus-visible, as from the keyboard
        assert box.evaluate("b => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle !== 'none'")
        assert state()["mask"] in ("none", None)
        box.evaluate("b => b.blur()")
        box.evaluate("b => { b.scrollLeft = b.scrollWidth / 3; }")
        page.wait_for_function("b => b.classList.contains('jm-scroll--more-left')", arg=box.element_handle())
        assert state()["classes"] == ["jm-scroll--more-left", "jm-scroll--more-right"]
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        page.wait_for_function("b => !b.classList.contains('jm-scroll--more-right')", arg=box.element_handle())
        assert state()["classes"] == ["jm-scroll--more-left"]
        page.emulate_media(media="print")  # on paper the whole map fits: nothing fades
        assert state()["mask"] in ("none", None)
        page.emulate_media(media="screen")
        page.goto(site_url + "journeys/stoeptegel-melden/")  # three moments: it fits, nothing fades
        fits = state()
        assert fits["hidden"] <= 0 and fits["classes"] == [] and fits["mask"] in ("none", None)
        assert log["errors"] == []
    finally:
        context.close()


def test_a_map_a_little_wider_than_the_page_is_drawn_to_its_width_and_a_much_wider_one_scrolls(browser, site_url):
    # At 1,280 px the six moments of verhuizing-doorgeven were 68 px too wide
    # for the page: the last one sat under the fade, its label and face cut.
    context, page, log = open_page(browser, site_url + "journeys/verhuizing-doorgeven/", width=1280)
    try:
        measure = """() => { const box = document.querySelector('.jm-figure .jm-scroll'), svg = box.firstElementChild;
            return {box: box.clientWidth, hidden: box.scrollWidth - box.clientWidth,
                    drawn: svg.getBoundingClientRect().width, natural: +svg.getAttribute('width')}; }"""
        slightly = page.evaluate(measure)
        assert slightly["box"] < slightly["natural"] <= slightly["box"] / 0.9  # the case: a little too wide
        assert slightly["hidden"] <= 0 and abs(slightly["drawn"] - slightly["box"]) < 1
        page.goto(site_url + "journeys/dakkapel-vergunning/")  # 14 moments: full size, scrolled to
        much = page.evaluate(measure)
        assert much["natural"] > much["box"] / 0.9 and much["drawn"] == much["natural"] and much["hidden"] > 500
        page.goto(site_url + "journeys/stoeptegel-melden/")  # three moments: as drawn, not stretched
        narrow = page.evaluate(measure)
        assert narrow["drawn"] == narrow["natural"] < narrow["box"]
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_killers_row_is_red_for_the_moment_not_for_its_chance_or_backstage(browser, site_url, dark):
    context, page, _ = open_page(browser, site_url + "journeys/afvalpas-aanvragen/", dark=dark)
    try:
        colours = page.evaluate("""() => {
            const colour = el => getComputedStyle(el).color;
            const row = [...document.querySelectorAll('tr.jm-row--killer')]
                .find(r => r.querySelector('.jm-detail--opportunity, .jm-detail--backstage, .jm-detail--quote'));
            return {label: colour(row.querySelector('th')), text: colour(document.querySelector('.md-typeset')),
                    details: [...row.querySelectorAll('.jm-detail:not(.jm-detail--pain)')].map(colour),
                    pain: colour(document.querySelector('tr.jm-row--killer .jm-detail--pain'))};
        }""")
        assert colours["label"] != colours["text"]  # the killer itself stands out
        assert colours["pain"] == colours["label"]  # and so does its pain, in a cell of its own
        assert colours["details"] and set(colours["details"]) == {colours["text"]}
    finally:
        context.close()


@pytest.mark.parametrize("width", [768, 1280])
def test_a_moments_experience_stays_inside_its_column(browser, site_url, width):
    # 'teleurgesteld ·' ran up to 16 px past its cell into the next column's words.
    for path in ("journeys/verhuizing-doorgeven/", "journeys/registering-as-a-new-resident/"):
        context, page, _ = open_page(browser, site_url + path, width=width)
        try:
            past = page.evaluate("""() => [...document.querySelectorAll('.jm-moments .jm-experience')].map(s => {
                const cell = s.closest('td'), style = getComputedStyle(cell);
                return s.getBoundingClientRect().right
                    - (cell.getBoundingClientRect().right - parseFloat(style.paddingRight));
            })""")
            assert past and max(past) <= 0.5, (path, past)
        finally:
            context.close()


def test_a_moments_experience_breaks_only_before_its_score(browser, site_url):
    """The table's experience cell: its face stood alone on a line, or a line began with '·'."""
    context, page, _ = open_page(browser, site_url + "journeys/verhuizing-doorgeven/", width=1280)
    try:
        lines = page.evaluate("""() => [...document.querySelectorAll('.jm-table td')]
            .filter(cell => cell.querySelector('.jm-face-icon'))
            .map(cell => {
                const tops = [];  // the top of each character's box, and of the face
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                const chars = [[cell.querySelector('.jm-face-icon').getBoundingClientRect().top, 'face']];
                for (let node; (node = walker.nextNode());)
                    for (let i = 0; i < node.length; i++) {
                        range.setStart(node, i); range.setEnd(node, i + 1);
                        const box = range.getBoundingClientRect();
                        if (box.width) chars.push([box.top, node.data[i]]);
                    }
                const byLine = new Map();
                for (const [top, c] of chars) {
                    const line = [...byLine.keys()].find(t => Math.abs(t - top) < 6) ?? top;
                    byLine.set(line, (byLine.get(line) || []).concat(c));
                }
                return [...byLine.values()].map(cs => cs.filter(c => c !== 'face').join('').trim()
                                                      + (cs.includes('face') ? ' (face)' : ''));
            })""")
        assert lines, "no experience cells"
        for cell in lines:
            assert cell[0] != " (face)" and all(line and not line.startswith("·") for line in cell), lines
            assert "(face)" in cell[0]  # the face starts its word's line
    finally:
        context.close()


def test_a_timeline_wider_than_the_page_says_above_it_how_many_moments_lie_past_each_edge(browser, site_url):
    # The scrollbar is under the map, a screen below its first moments: at
    # 1366 x 768 a 14-moment journey showed moments 1 to 6 and nothing said
    # that its two angriest lay past the fade.
    context, page, log = open_page(browser, site_url + "journeys/dakkapel-vergunning/", width=1366)
    try:
        nav, left, right = (page.locator(f".jm-scroll-nav{part}") for part in ("", "__button--left", "__button--right"))
        box = page.locator(".jm-scroll").first

        def words(button) -> str:
            return button.locator("span:not([aria-hidden])").inner_text().strip()

        def hidden_moments() -> tuple[int, int]:
            """Moments whose middle lies left of the box (or under its frozen column) and right of it."""
            return tuple(page.evaluate("""() => {
                const box = document.querySelector('.jm-scroll'), b = box.getBoundingClientRect();
                const edge = b.left + (box.scrollLeft > 1 ? parseFloat(box.style.getPropertyValue('--jm-frozen')) : 0);
                const middles = [...box.querySelectorAll('a.jm-link')].map(a => {
                    const r = a.getBoundingClientRect(); return r.left + r.width / 2; });
                return [middles.filter(m => m < edge).length, middles.filter(m => m > b.right).length];
            }"""))

        assert nav.bounding_box()["y"] < box.bounding_box()["y"]  # above the map, not under it
        before, after = hidden_moments()
        assert before == 0 and after >= 6
        assert not left.is_visible() and words(right) == f"{after} momenten"
        assert right.inner_text().strip().endswith("\u2192")  # an arrow the way it scrolls (not read out)
        right.click()
        page.wait_for_function("document.querySelector('.jm-scroll').scrollLeft > 300")
        page.wait_for_timeout(600)  # the smooth scroll's end
        before, after = hidden_moments()
        assert before > 0 and after > 0
        assert words(left) == f"{before} momenten" and left.inner_text().strip().startswith("\u2190")
        assert words(right) == (f"{after} momenten" if after > 1 else "1 moment")
        box.evaluate("box => box.scrollLeft = box.scrollWidth")
        page.wait_for_timeout(100)
        assert hidden_moments()[1] == 0 and not right.is_visible() and left.is_visible()
        # a phone shows the journey top to bottom, without the map or its buttons
        page.set_viewport_size({"width": 390, "height": 800})
        page.wait_for_timeout(100)
        assert not nav.is_visible()
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("language, words, right_way, left_way", [
    ("nl", "momenten", "momenten naar rechts", " momenten naar links"),
    ("en", "moments", "moments to the right", " moments to the left")])
def test_the_buttons_past_a_map_s_edge_name_their_way_keep_focus_and_count_a_block_s_moments_too(
        browser, serve, tmp_path, language, words, right_way, left_way):
    # Found by a review: in a ```journey block a moment's label is a link only with `related`, and the
    # buttons counted links (none: no buttons); each was named "8 momenten", its arrow not read out; and
    # the button pressed to the edge hid itself with the focus, which fell to the page's start.
    from sites import build, make_site

    moments = "".join(f"    - {{label: Moment nummer {n} van deze lange reis, score: 3}}\n" for n in range(1, 15))
    make_site(tmp_path, {"reis.md": f"---\ntitle: Reis\njourney:\n  touchpoints:\n{moments}---\n",
                         "index.md": "# Thuis\n\n```journey\npage: reis.md\n```\n"},
              language=language, extra="markdown_extensions:\n  - journeys\n")
    assert build(tmp_path).returncode == 0
    url = serve(tmp_path / "site")
    for path in ("", "reis/"):  # the block, and the journey's own page
        context, page, log = open_page(browser, url + path, width=1000)
        try:
            right, left = page.locator(".jm-scroll-nav__button--right"), page.locator(".jm-scroll-nav__button--left")
            assert right.is_visible(), path
            hidden, shown = right.locator("span:not([aria-hidden])").inner_text().split()
            assert 7 <= int(hidden) < 14 and shown == words, path
            assert right.get_attribute("aria-label") == f"{hidden} {right_way}"
            right.focus()
            for _ in range(20):  # Enter until the last moment is in
                if not right.is_visible():
                    break
                page.keyboard.press("Enter")
                page.wait_for_timeout(700)  # the smooth scroll's end
            assert not right.is_visible()
            # the focus went to the other button, not to the start of the page
            assert page.evaluate("document.activeElement.classList.contains('jm-scroll-nav__button--left')")
            assert left.get_attribute("aria-label").endswith(left_way)
            assert log["errors"] == []
        finally:
            context.close()


def test_the_buttons_past_a_map_s_edge_show_only_where_moments_are_hidden(browser, site_url):
    context, page, log = open_page(browser, site_url + "journeys/afvalpas-aanvragen/", width=900)
    try:
        assert page.locator(".jm-scroll svg.jm-map--timeline").is_visible()
        assert not page.locator(".jm-scroll-nav").is_visible()  # four moments: the map fits
        assert log["errors"] == []
    finally:
        context.close()


# Each evidence source of a table cell: the left of its first line and of
# its other lines, and its top and bottom.
EVIDENCE_LINES = """(row) => [...document.querySelectorAll(`#${row} .jm-evidence`)].map(source => {
    const range = document.createRange();
    range.selectNodeContents(source);
    const lines = [...range.getClientRects()].filter(r => r.width > 0);
    const box = source.getBoundingClientRect();
    return {first: lines[0].left, others: lines.filter(r => r.top > lines[0].bottom - 2).map(r => r.left),
            top: box.top, bottom: box.bottom};
})"""


def test_a_moments_evidence_sources_read_as_one_a_line(browser, site_url):
    # 'klachten (n=9), 2026-09' wrapped, and the next source ran on under it
    # as if it were more of the same: a wrapped source is indented under its
    # first line, and sources have room between them.
    context, page, log = open_page(browser, site_url + "journeys/afvalpas-aanvragen/", width=1280)
    try:
        sources = page.evaluate(EVIDENCE_LINES, "pas-verkeerd-adres")
        assert len(sources) == 2
        assert any(source["others"] for source in sources)  # the cell is narrow enough to wrap one
        for source in sources:
            assert all(left >= source["first"] + 8 for left in source["others"]), source
        for above, below in zip(sources, sources[1:]):
            assert below["top"] - above["bottom"] >= 3, (above, below)
        # on a phone the first source stands beside the cell's name, without the indent's gap after "Bewijs:"
        page.set_viewport_size({"width": 390, "height": 800})
        first = page.evaluate("""(row) => { const source = document.querySelector(`#${row} .jm-evidence`);
            const range = document.createRange(); range.selectNodeContents(source);
            return [range.getClientRects()[0].left, source.getClientRects()[0].left]; }""", "pas-verkeerd-adres")
        assert abs(first[0] - first[1]) < 1, first
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_site_s_tables_show_each_emotion_as_its_face_in_the_site_s_colours(browser, site_url, dark):
    """They showed a coloured dot: the four emotions apart by colour alone, the yellow faint on white."""
    from journeymaps.colours import contrast

    context, page, _ = open_page(browser, site_url + "owners/", dark=dark)
    try:
        faces = page.evaluate("""() => [...document.querySelectorAll(
                'svg.jm-face-icon:not(.jm-face-icon--killer, .jm-face-icon--unrated)')].map(svg => {
            const emotion = [...svg.classList].find(c => c.startsWith('jm-face-icon--')).slice(14);
            const probe = document.body.appendChild(document.createElement('span'));
            probe.style.color = `var(--jm-${emotion})`;
            const fill = getComputedStyle(probe).color;
            probe.style.color = `var(--jm-${emotion}-ink)`;
            const ink = getComputedStyle(probe).color;
            probe.remove();
            const paths = [...svg.querySelectorAll('path:not(.jm-unheard)')];  // a guess's dotted ring apart
            return {emotion, fill, ink, drawn: getComputedStyle(svg.querySelector('circle')).fill,
                    features: [...new Set(paths.map(p => getComputedStyle(p).stroke))],
                    shape: paths.slice(1).map(p => p.getAttribute('d')).join(' '),
                    height: svg.getBoundingClientRect().height,
                    text: parseFloat(getComputedStyle(svg.parentElement).fontSize)};
        })""")
    finally:
        context.close()
    assert len({f["emotion"] for f in faces}) >= 3, faces  # the example's departments feel three ways or more
    for face in faces:
        assert face["drawn"] == face["fill"] and face["features"] == [face["ink"]], face
        assert contrast(face["fill"], face["ink"]) >= 3, face  # eyes and mouth stand out on the face
        assert face["text"] <= face["height"] <= 1.5 * face["text"], face  # as tall as the text beside it
    shapes = {f["emotion"]: f["shape"] for f in faces}
    assert len(set(shapes.values())) == len(shapes)  # the emotions differ in shape, not only in colour


def test_a_moment_s_experience_in_a_table_starts_with_its_mark_on_the_map(browser, site_url):
    """Its face, the killer's octagon or the unrated moment's dashed ring: a killer or an unrated moment had none."""
    context, page, _ = open_page(browser, site_url + "owners/klantcontactcentrum/")
    try:
        cells = page.evaluate("""() => [...document.querySelectorAll('.jm-table tbody td')]
            .filter(cell => cell.querySelector('svg.jm-face-icon'))
            .map(cell => [[...cell.querySelector('svg.jm-face-icon').classList].pop().slice(14),
                          cell.textContent.trim()])""")
    finally:
        context.close()
    from journeymaps.i18n import labels_for

    words = {labels_for("nl")[kind]: kind for kind in ("angry", "disappointed", "indifferent", "happy", "not_rated")}
    kinds = {kind for kind, _ in cells}
    for kind, text in cells:
        said = "killer" if text.startswith(labels_for("nl")["killer"] + ":") else words[text.split("·")[0].strip()]
        assert kind == ("unrated" if said == "not_rated" else said), (kind, text)
    assert {"killer", "unrated"} <= kinds and len(kinds) >= 4, kinds  # the page has all three kinds of mark


def ink_around(page, element) -> int:
    """How many pixels a person sees drawn just outside `element`'s box (up to 4 px out), on a light page."""
    import io

    from PIL import Image

    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    clip = {"x": box["x"] - 4, "y": box["y"] - 4, "width": box["width"] + 8, "height": box["height"] + 8}
    picture = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("L")
    scale = picture.width / clip["width"]
    inside = (4 * scale, 4 * scale, (4 + box["width"]) * scale, (4 + box["height"]) * scale)
    return sum(1 for y in range(picture.height) for x in range(picture.width)
               if picture.getpixel((x, y)) < 215
               and not (inside[0] <= x < inside[2] and inside[1] <= y < inside[3]))


@pytest.mark.parametrize("width", [390, 1280])
def test_a_face_no_customer_backs_is_in_its_dotted_ring_beside_the_map_too(browser, site_url, width):
    """Moment 6 of 'Verhuizing doorgeven' is ringed on the map (no evidence); on a phone's list, in the
    table of moments and among the strong moments it read as measured, its evidence cell empty."""
    from journeymaps.i18n import labels_for

    unheard = labels_for("nl")["unheard"]
    context, page, _ = open_page(browser, site_url + "journeys/verhuizing-doorgeven/", width=width)
    try:
        if width == 390:  # the journey top to bottom: the map's face, in a ring not cut off by its box
            marks = {number: page.locator(f'.jm-step[value="{number}"]') for number in (5, 6)}
            assert all(step.is_visible() for step in marks.values())
            assert ink_around(page, marks[6].locator(".jm-step__mark")) > 20
            assert ink_around(page, marks[5].locator(".jm-step__mark")) == 0  # measured: no ring
            assert unheard in marks[6].locator(".jm-step__verdict").inner_text()
            assert unheard not in marks[5].locator(".jm-step__verdict").inner_text()
        # the table: the face in its ring, and the evidence cell says so in words (a phone stacks its cells)
        ringed, measured = page.locator("#aanslag .jm-face-icon"), page.locator("#brief .jm-face-icon")
        assert ink_around(page, ringed) > 8 and ink_around(page, measured) == 0
        assert page.locator("#aanslag td").last.inner_text().strip().endswith(unheard)
        assert unheard not in page.locator("#brief").inner_text()
        strong = page.locator(".jm-points__list--strong li").filter(has_text="eerste aanslag")
        assert f"· {unheard} ·" in strong.inner_text().replace("\xa0", " ")  # then its owner
    finally:
        context.close()


# Scrolls the page's first wide map sideways and tells where a text of it
# (by its words) is then, and whether the frozen column's band shows.
SCROLLED_TO = """([title, scroll]) => {
    const box = document.querySelector('.jm-scroll');
    box.scrollIntoView();
    box.scrollLeft = scroll;
    return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
        const text = [...box.querySelectorAll('text')].find(t => t.textContent === title);
        const r = text.getBoundingClientRect(), b = box.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        done({inside: r.left >= b.left - 1 && r.right <= b.right + 1, onTop: top === text || text.contains(top),
              scrolled: box.scrollLeft,
              band: (band => band && getComputedStyle(band).opacity)(box.querySelector('.jm-frozen__back'))});
    })));
}"""


@pytest.mark.parametrize("path, title", [("journeys/dakkapel-vergunning/", "Kanaal"), ("overview/", "Burgerzaken")],
                         ids=["timeline", "overview"])
def test_a_wide_map_scrolled_sideways_keeps_its_first_column_in_view(browser, site_url, path, title):
    # Scrolled, a long journey's lanes had no names (which is pain, which is
    # chance?), and the overview's cells no department.
    context, page, log = open_page(browser, site_url + path, width=1100)
    try:
        # The page's scripts run after its first frame (map_first): on a busy
        # machine that came after the network was idle, and the column was not made yet.
        page.wait_for_selector(".jm-scroll .jm-frozen__back", state="attached")
        rest = page.evaluate(SCROLLED_TO, [title, 0])
        assert rest["inside"] and rest["onTop"] and rest["band"] == "0"  # at rest, the map as drawn
        far = page.evaluate(SCROLLED_TO, [title, 100_000])
        assert far["scrolled"] > 500 and far["inside"] and far["onTop"] and far["band"] == "1"
        assert log["errors"] == []
    finally:
        context.close()


def test_a_wide_map_hidden_on_a_phone_freezes_its_column_when_the_screen_widens(browser, site_url):
    # On a phone the wide map is hidden (the turned one shows) and measured
    # 0 by 0: its column's band was given a height of -8, an error in the console.
    context, page, log = open_page(browser, site_url + "journeys/dakkapel-vergunning/", width=390)
    try:
        page.wait_for_selector(".jm-scroll .jm-frozen__back", state="attached")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert log["errors"] == []
        page.set_viewport_size({"width": 1100, "height": 900})
        far = page.evaluate(SCROLLED_TO, ["Kanaal", 100_000])
        assert far["scrolled"] > 500 and far["inside"] and far["onTop"] and far["band"] == "1"
        assert log["errors"] == []
    finally:
        context.close()


def test_the_overview_shows_most_of_its_phases_at_a_glance(browser, site_url):
    # The example's 35 phase names were 35 columns of 116 px beside a table
    # of contents: a wide screen showed six of them, and a director scrolled
    # through empty boxes to find a coloured one.
    context, page, log = open_page(browser, site_url + "overview/")
    try:
        seen = page.evaluate("""() => {
            const box = document.querySelector('.jm-scroll').getBoundingClientRect();
            // A phase's slanted name rises from its column: where it starts, the column is.
            const names = [...document.querySelectorAll(
                'figure:not(.jm-heat-print) .jm-scroll .jm-phase:not(.jm-phase--below) text')];
            const inView = names.filter(t => {
                const c = t.getBoundingClientRect();
                return c.left >= box.left && c.left + 20 <= box.right;
            });
            return {names: names.length, inView: inView.length,
                    toc: !!document.querySelector('.md-sidebar--secondary:not([hidden])')};
        }""")
        assert seen["names"] == 35
        assert seen["inView"] >= 20, seen
        assert not seen["toc"]  # its one heading gave way to the grid
        assert log["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_on_a_phone_the_overview_lists_each_department_s_phases_in_place_of_the_heat_map(browser, site_url, width):
    # On a phone the grid showed three of its 35 phase columns beside the departments' names, mostly empty.
    context, page, log = open_page(browser, site_url + "overview/", width=width)
    try:
        seen = page.evaluate("""() => {
            const shown = e => !!e && e.getClientRects().length > 0;
            const table = [...document.querySelectorAll('.jm-heat-table tbody tr')].map(row => {
                const phases = [...document.querySelectorAll('.jm-heat-table thead th')].slice(1)
                    .map(th => th.textContent.trim());
                return [row.querySelector('th').textContent.trim(),
                        [...row.querySelectorAll('td')].map((td, i) => [phases[i], td.textContent.trim()])
                            .filter(([, text]) => text).map(([phase, text]) => `${phase}: ${text}`)];
            });
            const list = [...document.querySelectorAll('.jm-heat-list__owner')].map(owner => [
                owner.querySelector('a').textContent.trim(),
                [...owner.querySelectorAll('li')].map(li => li.textContent.trim())]);
            const faces = [...document.querySelectorAll('.jm-heat-list li li')].filter(li => li.querySelector('svg'));
            const ringed = faces.filter(li => li.querySelector('.jm-face-icon--unheard'))
                .map(li => li.textContent.trim());
            return {table, list, ringed, faces: faces.length,
                    items: document.querySelectorAll('.jm-heat-list li li').length,
                    map: shown(document.querySelector('.jm-heat .jm-scroll')),
                    listed: shown(document.querySelector('.jm-heat-list')),
                    // the key's sentence is about the map's cells, which the list has not
                    cells_said: shown(document.querySelector('.jm-heat-key__text')),
                    gap: document.querySelector('.jm-heat-list').getBoundingClientRect().top
                         - document.querySelector('.jm-heat-key').getBoundingClientRect().bottom,
                    overflow: document.documentElement.scrollWidth - innerWidth};
        }""")
    finally:
        context.close()
    assert seen["map"] == (width > 390) and seen["listed"] == (width <= 390), seen
    assert seen["cells_said"] == (width > 390) and (width > 390 or seen["gap"] >= 12), seen
    assert seen["overflow"] <= 0  # nothing to scroll sideways on the page
    assert len(seen["list"]) >= 15 and seen["faces"] == seen["items"]  # every phase with its face or killer marker
    # The list says what the table says: each department's phases, with its figure (an average, or killers alone).
    table = {name: [cell.replace(": (", " (") for cell in cells] for name, cells in seen["table"]}  # killers alone
    # (an average no customer gave is ringed in the list, and the list and the table say so)
    assert seen["ringed"] and all(item.endswith(" · geen bewijs van klanten") for item in seen["ringed"])
    assert {name: sorted(items) for name, items in seen["list"]} == {name: sorted(c) for name, c in table.items()}
    # ... the worst first, as the departments page: killers (most first), then the lowest average
    def rank(item: str) -> tuple:
        killers = re.search(r"\((\d+) killers?\)", item)
        average = re.search(r": (\d,\d)", item)
        return -int(killers.group(1)) if killers else 0, float(average.group(1).replace(",", ".")) if average else 6
    ranks = {name: [rank(item) for item in items] for name, items in seen["list"]}
    assert all(r == sorted(r) for r in ranks.values()) and any(len(set(r)) > 1 for r in ranks.values())
    assert log["errors"] == []


def test_a_page_after_a_new_build_gets_the_new_build_s_stylesheet_and_script(browser, serve, tmp_path):
    # The plugin's journeys.css and journeys.js keep their names from build
    # to build, and a browser takes them from its cache while it holds them
    # fresh (with no Cache-Control header, nginx's default, a tenth of their
    # age): a page reloaded after a build with other colours, or after an
    # upgrade with new markup (and every page, where a server has HTML
    # revalidated), got the new HTML with the last build's for days.
    import os
    import time

    from sites import build, make_site

    journey = "---\ntitle: A\njourney:\n  touchpoints:\n    - {label: Een, score: 1}\n    - {label: Twee, score: 5}\n"
    root = make_site(tmp_path, {"a.md": journey + "---\n"})
    assert build(root).returncode == 0
    month_ago = time.time() - 30 * 86400
    for path in (root / "site").rglob("*"):
        os.utime(path, (month_ago, month_ago))  # the last build's files, as a long-running server has them
    url = serve(root / "site") + "a/"
    context, page, log = open_page(browser, url)
    try:
        happy = "getComputedStyle(document.documentElement).getPropertyValue('--jm-happy').trim()"
        before = page.evaluate(happy)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - journeys", "  - journeys:\n      colors: {happy: '#123456'}"))
        assert build(root, strict=False).returncode == 0  # a warning: the colour is close to another face's
        page.reload(wait_until="networkidle")  # as a reader does; or a server that says HTML is no-cache
        assert (before, page.evaluate(happy)) == ("#43a047", "#123456")
        scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(s => s.includes('journeys.js'))")
        assert len(scripts) == 1 and "?v=" in scripts[0]
        assert log["errors"] == []
    finally:
        context.close()
