"""The SVG maps: valid, accessible, deterministic, and nothing overlaps or is cut off."""

from __future__ import annotations

import gzip
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymaps.i18n import labels_for
from journeymaps.model import Journey
from journeymaps.render import MAP_CSS, as_standalone, layout_map, render_map
from journeymaps.render.layout import BOLD, COL, LANES, overlaps
from journeymaps.render.svg import BROWS, MOUTH, TEXT_STYLE
from journeymaps.score import score_journey
from journeymaps.validate import Site, _finish
from journeys import LONG, journeys, make_journey

NS = "{http://www.w3.org/2000/svg}"


def words(text: ET.Element) -> str:
    """What a text element shows: its lines (tspans), or its one line, joined by spaces."""
    return " ".join(text.itertext())


XLINK = "{http://www.w3.org/1999/xlink}"
NL = labels_for("nl")


def render(journey, **options) -> str:
    return render_map(journey, score_journey(journey), title="Kaart", labels=NL, id_prefix="jm-t", **options)


def parse(svg: str) -> ET.Element:
    """The SVG parsed, after the checks every map must pass: an accessible
    image named by its title and description, ids unique and prefixed,
    coordinates with one decimal at most."""
    root = ET.fromstring(svg.encode())
    assert root.tag == NS + "svg" and root.get("role") == "img" and root.get("viewBox")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("jm-t-") for i in ids), ids
    named = root.get("aria-labelledby").split()
    assert named == ["jm-t-title", "jm-t-desc"] and [e.tag for e in root][:2] == [NS + "title", NS + "desc"]
    assert root[0].get("id") == named[0] and root[1].get("id") == named[1] and root[1].text.strip()
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not re.search(r"\d\.\d\d", value), (element.tag, name, value)
    return root


def assert_clean_layout(journey) -> None:
    """No two text boxes overlap, no text box covers a mark, all inside the canvas."""
    assert_clean_layout_of(layout_map(journey, score_journey(journey), NL))


def assert_clean_layout_of(layout) -> None:
    texts = layout.texts
    for box in texts:
        assert 0 <= box.x and box.x + box.w <= layout.width, box
        assert 0 <= box.y and box.y + box.h <= layout.height, box
    for k, a in enumerate(texts):
        for b in texts[k + 1 :]:
            assert not overlaps(a, b), (a, b)
        for mark in layout.marks:
            assert not overlaps(a, mark), (a, mark)
    for mark in layout.marks:
        assert mark.r <= mark.cx <= layout.width - mark.r and mark.r <= mark.cy <= layout.height - mark.r
    moments = [m for m in layout.marks if m.index >= 0]  # faces, killers and unrated markers do not touch
    for k, a in enumerate(moments):
        for b in moments[k + 1 :]:
            assert math.hypot(a.cx - b.cx, a.cy - b.cy) >= a.r + b.r, (a, b)


CASES = {
    "one touchpoint": make_journey(1, phases=0, lanes=False),
    "forty touchpoints": make_journey(40),
    "long labels": make_journey(6, label=LONG),
    "one long word": make_journey(3, label="Klantcontactcentrumdoorverbindingsprocedurehandleiding" * 3),
    "twenty phases": make_journey(8, phases=20),
    "killers and unrated": make_journey(9, killers=(2, 3), unrated=(5, 6)),
    "many killers side by side": make_journey(12, killers=tuple(range(2, 10)), unrated=(10,)),
    "every lane full of long text": make_journey(5).model_copy(update={"touchpoints": [
        tp.model_copy(update={lane: LONG for lane in LANES}) for tp in make_journey(5).touchpoints
    ]}),
}


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
@pytest.mark.parametrize("name", list(CASES))
def test_nothing_overlaps_or_is_cut_off(name, shape):
    assert_clean_layout(CASES[name].model_copy(update={"shape": shape}))


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_svg_is_valid_xml_with_accessible_name_and_unique_prefixed_ids(shape):
    svg = render(make_journey(7, shape=shape, killers=(3,)))
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "jm-t-title jm-t-desc"
    assert root.find(NS + "title").text == "Kaart"
    desc = root.find(NS + "desc").text
    assert "7 momenten" in desc and "Onderuit door Datalek" in desc and "Slechtste moment: Moment 4" in desc
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("jm-t-") for i in ids)
    assert root.find(NS + "style") is None  # inline maps carry no <style> (strict CSP)
    assert root.get("viewBox") and float(root.get("width")) > 0


def test_four_faces_differ_in_shape_not_only_colour():
    shapes = {emotion: (MOUTH[emotion], BROWS.get(emotion)) for emotion in MOUTH}
    assert len(set(shapes.values())) == 4
    journey = make_journey(4, phases=0, lanes=False)
    journey = journey.model_copy(update={"touchpoints": [
        tp.model_copy(update={"score": None, "emotion": e}) for tp, e in zip(journey.touchpoints, MOUTH)
    ]})
    root = ET.fromstring(render(journey))
    symbols = {s.get("id"): s for s in root.iter(NS + "symbol")}
    used = [symbols[u.get("{http://www.w3.org/1999/xlink}href")[1:]] for u in root.iter(NS + "use")]
    faces = [s for s in used if s.get("class").startswith("jm-face ")]
    mouths = {s.get("class").split("--")[1]: s.find(f".//{NS}path[@class='jm-face__mouth']").get("d") for s in faces}
    assert mouths == {e: MOUTH[e] for e in MOUTH}


def test_higher_scores_sit_higher_and_killers_below_the_scale():
    journey = make_journey(9, killers=(4,), unrated=(7,))
    card = score_journey(journey)
    layout = layout_map(journey, card, NL)
    moments = [m for m in layout.marks if m.index >= 0]  # not the legend's
    faces = {m.index: m for m in moments if m.kind == "face"}
    by_score = sorted(faces, key=lambda i: card.moments[i].score)
    ys = [faces[i].cy for i in by_score]
    assert ys == sorted(ys, reverse=True)  # SVG y grows downwards
    (killer,) = [m for m in moments if m.kind == "killer"]
    (unrated,) = [m for m in moments if m.kind == "unrated"]
    lowest_face = max(f.cy for f in faces.values())
    assert killer.cy > unrated.cy > lowest_face
    score_one = max(line.y1 for line in layout.lines if line.cls == "jm-grid")  # the scale's bottom line
    assert killer.cy - killer.r > score_one and unrated.cy - unrated.r > score_one
    rated = [m for m in card.moments if m.score is not None and not m.killers]
    assert layout.curve == [(faces[m.index].cx, faces[m.index].cy) for m in rated]  # through every rated face, in order
    curve_by_score = [y for _, (x, y) in sorted(zip([m.score for m in rated], layout.curve))]
    assert curve_by_score == sorted(curve_by_score, reverse=True)  # score 5 higher on screen than score 1
    assert (unrated.cx, unrated.cy) not in layout.curve  # unrated moments are off the curve
    assert (killer.cx, killer.cy) not in layout.curve  # the curve runs through rated moments only


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_journey_without_killers_says_so_in_its_killer_zone(shape):
    # The empty zone, on ten of the example's eleven maps, read as a gap in
    # the drawing. Inside it (the band, the disc) it now says there is none.
    for killers, note in (((), ["Geen killer in deze reis"]), ((2,), [])):
        journey = make_journey(6, shape=shape, killers=killers)
        layout = layout_map(journey, score_journey(journey), NL)
        zone = next(r for r in layout.rects + layout.shapes if "jm-zone--killer" in r.cls)
        notes = [b for b in layout.texts if b.cls == "jm-zone-note"]
        assert [" ".join(b.lines) for b in notes] == note
        for b in notes:
            if shape == "timeline":
                assert zone.x < b.x and b.x + b.w < zone.x + zone.w and zone.y < b.y and b.y + b.h < zone.y + zone.h
            else:
                (cx, cy), r = layout.centre, float(zone.d.split(" a")[1].split(",")[0])
                assert all(math.dist((cx, cy), corner) < r for corner in
                           [(b.x, b.y), (b.x + b.w, b.y), (b.x, b.y + b.h), (b.x + b.w, b.y + b.h)])
        assert_clean_layout(journey)
        unlabelled = layout_map(journey, score_journey(journey), NL, words=False)
        assert not [b for b in unlabelled.texts if b.cls == "jm-zone-note"]
        # The kiosk's picture, which has no words, has no killer zone without a killer: a red band or
        # disc with nothing in it read, from across a room, as an alarm.
        zones = [r for r in unlabelled.rects + unlabelled.shapes if "jm-zone--killer" in r.cls]
        assert len(zones) == (1 if killers else 0)


def test_cycle_has_a_ring_with_an_arrow_back_to_the_start():
    root = ET.fromstring(render(make_journey(6, shape="cycle")))
    classes = Counter(e.get("class") for e in root.iter() if e.get("class"))
    assert classes["jm-loop-arrow"] == 1
    assert sum(v for k, v in classes.items() if k.startswith("jm-phase-arc")) == 3


def test_the_cycle_runs_clockwise_from_twelve_with_the_score_as_distance_from_the_centre():
    journey = make_journey(10, shape="cycle", killers=(2, 5), unrated=(7,))
    card = score_journey(journey)
    layout = layout_map(journey, card, NL)
    cx, cy = layout.centre
    marks = {m.index: m for m in layout.marks if m.index >= 0}
    distance = {i: math.hypot(m.cx - cx, m.cy - cy) for i, m in marks.items()}
    clockwise_from_twelve = {i: math.atan2(m.cx - cx, cy - m.cy) % (2 * math.pi)
                             for i, m in marks.items() if m.kind != "killer"}
    order = sorted(clockwise_from_twelve, key=clockwise_from_twelve.get)
    assert order == sorted(clockwise_from_twelve)  # touchpoints in journey order, clockwise from 12 o'clock
    faces = sorted((i for i, m in marks.items() if m.kind == "face"), key=lambda i: card.moments[i].score)
    assert [distance[i] for i in faces] == sorted(distance[i] for i in faces)  # better scores further out
    killers = [i for i, m in marks.items() if m.kind == "killer"]
    (unrated,) = [i for i, m in marks.items() if m.kind == "unrated"]
    assert max(distance[i] for i in killers) < min(distance[i] for i in faces)  # the killers' disc inside the scale
    assert distance[unrated] > max(distance[i] for i in faces)  # the unrated ring outside it
    assert not set(layout.curve) & {(marks[i].cx, marks[i].cy) for i in killers + [unrated]}
    root = ET.fromstring(render(journey))
    key = [words(t) for g in root.iter(NS + "g") if g.get("class") == "jm-label" for t in g]
    assert key == [f"{i}. Moment {i}" for i in range(1, 11)]  # the key names every numbered moment
    assert "Fase 1" in [words(t) for g in root.iter(NS + "g") if g.get("class") == "jm-phase" for t in g]


def test_phases_are_bands_over_their_touchpoints_and_no_phases_is_one_band_without_a_name():
    journey = make_journey(9, phases=3)
    layout = layout_map(journey, score_journey(journey), NL)
    bands = [r for r in layout.rects if r.cls.startswith("jm-band")]
    assert [b.cls for b in bands] == ["jm-band jm-band--0", "jm-band jm-band--1", "jm-band jm-band--0"]
    faces = {m.index: m for m in layout.marks if m.kind == "face" and m.index >= 0}
    for i, face in faces.items():
        band = bands[journey.phase_index(journey.touchpoints[i])]
        assert band.x < face.cx < band.x + band.w
    names = [t for t in layout.texts if t.cls == "jm-phase"]
    assert [" ".join(t.lines) for t in names] == ["Fase 1", "Fase 2", "Fase 3"]
    assert all(band.y <= name.y for band, name in zip(bands, names))  # each name at the top of its band
    plain = make_journey(4, phases=0)
    layout = layout_map(plain, score_journey(plain), NL)
    bands = [r for r in layout.rects if r.cls.startswith("jm-band")]
    assert len(bands) == 1 and bands[0].w == 4 * COL
    assert not [t for t in layout.texts if t.cls == "jm-phase"]


def test_the_standalone_file_opens_alone_with_its_css():
    journey = make_journey(4, killers=(1,))
    inline, standalone = render(journey), render(journey, standalone=True)
    assert standalone.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    assert ('xmlns="http://www.w3.org/2000/svg"' in standalone
            and 'xmlns:xlink="http://www.w3.org/1999/xlink"' in standalone)
    root = ET.fromstring(standalone.encode())
    css = root.find(NS + "style").text
    assert ".jm-face__bg" in css and "prefers-color-scheme: dark" in css and 'data-md-color-scheme="slate"' in css
    assert [e.tag for e in root][:3] == [NS + "title", NS + "desc", NS + "style"]
    # the same picture as the inline map, plus the declaration and the style
    assert re.sub(r"<\?xml[^>]*>\n|<style>.*?</style>", "", standalone, flags=re.S).strip() == inline


def test_a_map_whose_moments_link_to_the_table_is_a_group_of_named_links_and_its_download_a_picture():
    journey = make_journey(3, killers=(1,))
    inline = render(journey, href_for=lambda tp: "#row-" + tp.label.split()[-1])
    root = ET.fromstring(inline)
    assert root.get("role") == "group"
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == ("jm-t-title", "jm-t-desc")
    links = root.findall(f".//{NS}a")
    assert [a.get(XLINK + "href") for a in links] == ["#row-1", "#row-2", "#row-3"]
    assert [a.get("aria-label") for a in links][:2] == ["1. Moment 1: boos (1,0)", "2. Moment 2: killer: Datalek"]
    # everything but the links is hidden from screen readers: the drawing and every other text
    shown = [e for e in root.iter() if e.get("aria-hidden") != "true"]
    for element in root.iter():
        if element.tag in (NS + "text", NS + "use", NS + "path", NS + "rect", NS + "line") and element in shown:
            assert (any(element in list(a.iter()) for a in links) or _inside_hidden(root, element)
                    or _in_defs(root, element)), element
    standalone = ET.fromstring(as_standalone(inline).split("\n", 1)[1])
    assert standalone.findall(f".//{NS}a") == [] and standalone.get("role") == "img"
    assert standalone.get("aria-labelledby") == "jm-t-title jm-t-desc" and standalone.get("aria-describedby") is None
    assert 'aria-hidden' not in as_standalone(inline)


def _inside_hidden(root, element) -> bool:
    parents = {child: parent for parent in root.iter() for child in parent}
    while element in parents:
        element = parents[element]
        if element.get("aria-hidden") == "true":
            return True
    return False


def _in_defs(root, element) -> bool:
    return any(element in list(d.iter()) for d in root.iter(NS + "defs"))


def test_css_colours_and_fonts_come_from_custom_properties():
    assert "--jm-text: var(--md-default-fg-color," in MAP_CSS and "var(--jm-font," in MAP_CSS
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/", "", MAP_CSS, flags=re.S)))
    assert all(c.startswith("jm-") or c == "md-typeset" for c in classes), classes


def _light_paint() -> list[tuple[str, str, str]]:
    """What map.css paints with in the light palette (on paper): (class,
    property, colour) of its rules of one class, in the order they come,
    their custom properties resolved against :root and .jm-map, and those
    against their fallbacks (Material's colours are not there without it)."""
    css = re.sub(r"/\*.*?\*/", "", MAP_CSS, flags=re.S)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)  # the dark palette is for screens only
    variables = dict(re.findall(r"(--jm-[\w-]+):\s*([^;]+);", css))

    def resolve(value: str) -> str:
        while found := re.fullmatch(r"var\((--[\w-]+)(?:,\s*(.+))?\)", value.strip()):
            value = variables.get(found[1]) or found[2] or ""
        return value.strip().lower()

    return [(cls, prop, resolve(value))
            for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
            for cls in (re.findall(r"\.(jm-[\w-]+)$", selector.strip()) for selector in selectors.split(","))
            if cls
            for prop, value in re.findall(r"(?:^|;|\s)(fill|stroke):\s*([^;]+);", body)
            if resolve(value).startswith("#")
            for cls in cls]


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_map_without_its_css_is_painted_as_the_light_palette_paints_it(shape):
    # The colours written into the SVG (for a reader without CSS) had drifted
    # from map.css: the second band, the tinted lanes and the unrated ring.
    rules = _light_paint()
    root = ET.fromstring(render(make_journey(8, shape=shape, killers=(2,), unrated=(5,))))
    checked = 0
    for element in root.iter():
        classes = set((element.get("class") or "").split())
        expected = {prop: colour for cls, prop, colour in rules if cls in classes}  # the last rule wins
        for prop, colour in expected.items():
            if element.get(prop) not in (None, "none"):
                assert element.get(prop).lower() == colour, (classes, prop, element.get(prop), colour)
                checked += 1
    assert checked > 20


def test_text_is_measured_bold_where_the_css_makes_it_bold():
    css = re.sub(r"/\*.*?\*/", "", MAP_CSS, flags=re.S)
    bold = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if "font-weight: 700" in body:
            bold |= {re.findall(r"\.(jm-[\w-]+)", selector)[-1] for selector in selectors.split(",")}
    assert bold - {"jm-lane-title--killer"} == BOLD  # --killer always comes with jm-lane-title
    assert {cls for cls, style in TEXT_STYLE.items() if style.get("font_weight") == "bold"} == {
        cls for cls in TEXT_STYLE if not BOLD.isdisjoint(cls.split())
    }


def test_the_width_table_is_never_narrower_than_dejavu_or_liberation_sans():
    pytest.importorskip("fontTools")
    from journeymaps.render.text import char_em, font_widths

    for bold in (False, True):
        try:
            widths = font_widths(bold)
        except FileNotFoundError:
            pytest.skip("DejaVu Sans and Liberation Sans are not installed")
        narrower = [f"U+{code:04X}" for code, em in widths.items() if char_em(chr(code), bold) < em]
        assert narrower == [], narrower[:20]
        average = sum(char_em(c, bold) for c in "abcdefghijklmnopqrstuvwxyz") / 26
        assert average < 1.05 * sum(widths[ord(c)] for c in "abcdefghijklmnopqrstuvwxyz") / 26  # and not much wider


def test_any_unicode_has_a_width():
    from journeymaps.render.text import char_em, text_width, wrap

    assert char_em("\u0301") == 0 and char_em("\u200b") == 0  # combining accent, zero-width space
    assert char_em("日") >= 1 and char_em("😀") >= 1.25 and char_em("\ufdfd") >= 4
    assert text_width("e\u0301", 12) == text_width("e", 12)
    for text in ("日本語のラベルはとても長いのでちゃんと折り返す必要があります", "😀" * 30, "\u202eevil\u202c " * 8):
        assert all(text_width(line, 13) <= 100 for line in wrap(text, 100, 13))


EVIL = '</text><script>alert(1)</script>"><foo bar="baz">&amp; \x01'
EVIL_TEXT = EVIL.removesuffix(" \x01")  # the model refuses control characters; a page's title may hold one
SVG_TAGS = {"svg", "title", "desc", "defs", "symbol", "g", "text", "tspan", "a", "rect", "line", "path", "circle",
            "use", "style"}


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_front_matter_text_anywhere_lands_only_as_escaped_text(shape):
    data = {
        "shape": shape,
        "phases": [{"id": "p", "label": EVIL_TEXT}],
        "killers": [{"id": "k", "label": EVIL_TEXT}],
        "touchpoints": [
            {"label": EVIL_TEXT, "phase": "p", "killer": "k", **{lane: EVIL_TEXT for lane in LANES}},
            {"label": EVIL_TEXT, "phase": "p", "score": 2},
        ],
    }
    journey = _finish(Journey.model_validate(data), Site())
    svg = render_map(journey, score_journey(journey), title=EVIL, labels=NL, id_prefix="jm-t", standalone=True)
    root = ET.fromstring(svg.encode())
    assert {e.tag.removeprefix(NS) for e in root.iter()} <= SVG_TAGS  # no <script>, no <foo>
    assert "<script" not in svg and "<foo" not in svg and "&amp;amp;" in svg
    assert all(not k.startswith("on") and k != "bar" for e in root.iter() for k in e.attrib)
    assert root.find(NS + "title").text == EVIL.replace("\x01", "\ufffd")
    shown = ["".join(t.itertext()).replace("-", "").replace(" ", "") for t in root.iter(NS + "text")]
    literal = "<script>alert(1)</script>\"><foobar=\"baz\">&amp;"  # wrapped lines joined again
    # the labels, the phase and the killer; and on a timeline every lane
    assert sum(literal in t for t in shown) >= 4 + (len(LANES) if shape == "timeline" else 0)


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_every_moment_names_itself_under_the_pointer(shape):
    root = parse(render(make_journey(4, shape=shape, killers=(1,), unrated=(2,))))
    marks = root.find(f"{NS}g[@class='jm-marks']")
    tips = [use.find(NS + "title").text for use in marks if use.find(NS + "title") is not None]
    assert sorted(tips) == [  # in the site's language, with its decimal comma
        "1. Moment 1: boos (1,0)", "2. Moment 2: killer: Datalek", "3. Moment 3: niet beoordeeld",
        "4. Moment 4: teleurgesteld (2,5)",
    ]


def test_only_lanes_that_are_used_are_drawn():
    root = ET.fromstring(render(make_journey(3, lanes=False)))
    titles = [words(t) for g in root.iter(NS + "g") if "jm-lane-title" in (g.get("class") or "") for t in g]
    assert "Kanaal" not in titles and "Beleving" in titles
    root = ET.fromstring(render(make_journey(3)))
    titles = [words(t) for g in root.iter(NS + "g") if "jm-lane-title" in (g.get("class") or "") for t in g]
    assert {"Kanaal", "Eigenaar", "Pijnpunt", "Kans", "Citaat", "Achter de schermen"} <= set(titles)


def test_untrusted_text_is_escaped_and_links_only_come_from_the_caller():
    evil = '</text><script>alert(1)</script>"><a href="javascript:x">'
    journey = make_journey(2, label=evil)
    svg = render(journey, href_for=lambda tp: "../andere/")
    root = ET.fromstring(svg)  # still well-formed
    assert "<script" not in svg and root.find(f".//{NS}script") is None
    hrefs = {e.get("{http://www.w3.org/1999/xlink}href") or e.get("href") for e in root.iter(NS + "a")}
    assert hrefs == {"../andere/"}
    texts = "".join(root.itertext())
    assert "<script>alert(1)</script>" in texts  # shown as text, literally


def test_rendering_is_deterministic_across_processes():
    code = (
        "import sys; sys.path.insert(0, 'tests');"
        "from journeys import make_journey; from journeymaps.render import render_map;"
        "from journeymaps.score import score_journey; from journeymaps.i18n import labels_for;"
        "j = make_journey(12, killers=(3,), unrated=(5,));"
        "sys.stdout.write(render_map(j, score_journey(j), title='K', labels=labels_for('nl'), id_prefix='jm-t'))"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    here = render_map(make_journey(12, killers=(3,), unrated=(5,)),
                      score_journey(make_journey(12, killers=(3,), unrated=(5,))),
                      title="K", labels=NL, id_prefix="jm-t")
    assert runs == {here}


def test_a_twenty_touchpoint_map_stays_small():
    svg = render(make_journey(20, unheard=tuple(range(20))), standalone=True).encode()  # with every ring
    assert len(svg) < 30_000, len(svg)
    assert len(gzip.compress(svg)) < 8_000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(journey=journeys())
def test_random_valid_journeys_render_clean_svg(journey):
    parse(render(journey))
    assert_clean_layout(journey)


def test_wrapping_keeps_every_character_and_hyphenates_broken_words():
    from journeymaps.render.text import text_width, wrap

    lines = wrap("Klantcontactcentrum belt terug", 80, 12)
    assert all(text_width(line, 12) <= 80 for line in lines)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == "Klantcontactcentrumbeltterug"
    assert lines[0].endswith("-")
    assert wrap("", 80, 12) == [""]


def test_a_word_too_long_for_its_column_breaks_between_syllables_of_the_sites_language():
    from journeymaps.render.text import hyphenating, text_width, wrap

    # The word a reviewer found on a map as "Klantcontactcent-rum".
    width = text_width("Klantcontactcent-", 12)
    assert wrap("Klantcontactcentrum", width, 12) == ["Klantcontactcent-", "rum"]  # without a language
    with hyphenating("nl_NL"):
        assert wrap("Klantcontactcentrum", width, 12) == ["Klantcontactcen-", "trum"]
        # a word broken after its own hyphen gets no second one
        assert wrap("Ünïcödé-Straßenverkehrsordnung", 90, 12)[0] == "Ünïcödé-"


COMPOUNDS = st.lists(st.sampled_from(["omgevings", "-", "KCC", "vergunning", "aanvraag", "co\u0308rdinatie", "İstanbul",
                                      "e\u0301", "centrum", "x"]), min_size=2, max_size=6).map("".join).filter(
    lambda word: "--" not in word)


@settings(max_examples=300, deadline=None)
@given(word=COMPOUNDS, width=st.integers(20, 200), language=st.sampled_from([None, "nl_NL", "en_GB"]))
def test_a_broken_word_keeps_every_character_and_no_line_starts_with_a_hyphen_or_a_mark(word, width, language):
    import unicodedata

    from journeymaps.render.text import hyphenating, text_width, wrap

    with hyphenating(language):
        lines = wrap(word, width, 12)
    position = 0  # every character once, in order; a line ends with the word's own hyphen or an added one
    for line in lines[:-1]:
        own = word[position:position + len(line)] == line
        assert own or (line.endswith("-") and word[position:position + len(line) - 1] == line[:-1]), lines
        position += len(line) if own else len(line) - 1
    assert word[position:] == lines[-1], lines
    for line in lines[1:]:
        assert not line.startswith("-") and not unicodedata.combining(line[0]), lines
    for line in lines:  # fits, unless one character (and its marks) is wider than the column
        assert (text_width(line, 12) <= width
                or len(line.rstrip("-")) - sum(map(unicodedata.combining, line)) <= 1), lines


@pytest.mark.parametrize("language, word", [("nl_NL", "vergunningverlener"), ("nl_NL", "Persoonsgegevens"),
                                            ("en_GB", "responsibilities"), ("en_GB", "municipality")])
@pytest.mark.parametrize("share", [0.5, 0.7, 0.9])
def test_the_break_is_the_last_syllable_that_fits_unless_it_wastes_half_a_line(language, word, share):
    import pyphen

    from journeymaps.render.text import hyphenating, text_width, wrap

    width = text_width(word, 12) * share
    with hyphenating(language):
        lines = wrap(word, width, 12)
    assert "".join(line.rstrip("-") for line in lines) == word and all(text_width(line, 12) <= width for line in lines)
    first = lines[0].rstrip("-")
    full = max(k for k in range(1, len(word)) if text_width(word[:k] + "-", 12) <= width)  # what fits
    syllables = [k for k in pyphen.Pyphen(lang=language, left=2, right=3).positions(word) if k <= full]
    if syllables and max(syllables) >= full / 2:
        assert len(first) == max(syllables), lines
    else:
        assert len(first) in (full, full - 1, full - 2), lines  # where the line is full (less the lonely-end rule)


def test_the_maps_long_words_break_between_syllables():
    import pyphen

    journey = make_journey(3, label="Klantcontactcentrumbezoek")
    words = re.findall(r">([^<>]+)</tspan>", render(journey))
    broken = [w for w in words if w.startswith("Klantcont") and w.endswith("-")]
    assert broken, words  # too long for its column
    positions = pyphen.Pyphen(lang="nl_NL", left=2, right=3).positions("Klantcontactcentrumbezoek")
    assert all(len(w) - 1 in positions for w in broken), broken


def _with_texts(journey, label: str, lane_text: str):
    first = journey.touchpoints[0].model_copy(update={"label": label, "pain": lane_text})
    return journey.model_copy(update={"touchpoints": [first, *journey.touchpoints[1:]]})


def test_a_long_label_or_lane_text_is_cut_short_and_whole_under_the_pointer():
    from journeymaps.render.layout import LABEL_LINES, LANE_LINES

    long, longer = " ".join([LONG] * 2), " ".join([LONG] * 4)
    journey = _with_texts(make_journey(3), long, long)
    layout = layout_map(journey, score_journey(journey), NL)
    label = next(b for b in layout.texts if b.cls == "jm-label" and b.lines[0].startswith("1."))
    pain = next(b for b in layout.texts if "jm-lane--pain" in b.cls and b.lines[0].startswith("Een"))
    for box, most, whole in ((label, LABEL_LINES, f"1. {long}"), (pain, LANE_LINES, long)):
        assert len(box.lines) == most and box.lines[-1].endswith("…") and box.full == whole
        # what is shown is the start of the whole text: only a hyphen that broke a word is added
        shown = "".join(box.lines).removesuffix("…").replace("-", "").replace(" ", "")
        assert whole.replace("-", "").replace(" ", "").startswith(shown)
    assert_clean_layout_of(layout)
    # The row of labels and the lanes grow no taller for a longer text.
    taller = layout_map(_with_texts(journey, longer, longer), score_journey(journey), NL)
    assert taller.height == layout.height
    assert min(ln.y1 for ln in taller.lines if ln.cls == "jm-grid") == min(
        ln.y1 for ln in layout.lines if ln.cls == "jm-grid")
    # The SVG shows the whole text under the pointer, for the cut texts alone.
    root = parse(render(journey))
    tips = [t.find(NS + "title").text for t in root.iter(NS + "text") if t.find(NS + "title") is not None]
    assert tips == [f"1. {long}", long]
    short = [b for b in layout.texts if b.cls == "jm-label" and not b.lines[0].startswith("1.")]
    assert short and all(b.full is None and not b.lines[-1].endswith("…") for b in short)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Belt", "na", "drie", "weken", "klantcontactcentrumdoorverbinding", "W", "ii",
                                 "vergunningverlener", "—", "MMMMMMMMMMMM"]), min_size=1, max_size=60).map(" ".join),
       st.integers(0, 30))
def test_the_editor_is_told_exactly_when_the_map_cuts_a_text_short(text, index):
    from journeymaps.render.layout import timeline_cuts

    journey = make_journey(index + 1, phases=0)
    last = journey.touchpoints[index].model_copy(update={"label": text, "pain": text})
    journey = journey.model_copy(update={"touchpoints": [*journey.touchpoints[:index], last]})
    layout = layout_map(journey, score_journey(journey), NL)
    label = next(b for b in layout.texts if b.cls == "jm-label" and b.lines[0].startswith(f"{index + 1}."))
    pain = [b for b in layout.texts if "jm-lane--pain" in b.cls][-1]
    assert timeline_cuts("label", text, index, NL["hyphenation"]) == (label.full is not None)
    assert timeline_cuts("pain", text, index, NL["hyphenation"]) == (pain.full is not None)


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_map_without_words_draws_the_picture_alone(shape):
    journey = make_journey(8, shape=shape, killers=(2,), unrated=(5,))
    root = ET.fromstring(render(journey, words=False))
    # No words: only each moment's number, which the kiosk's lists beside the picture name.
    texts = [t for t in root.iter(NS + "text") if (t.get("class") or "") != "jm-unrated__mark"]
    assert sorted("".join(t.itertext()) for t in texts) == sorted(str(n) for n in range(1, 9))
    assert len(list(root.iter(NS + "use"))) == 8  # every moment still has its face or marker
    assert root.find(NS + "title").text == "Kaart"  # and the picture keeps its accessible name


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_redesign_draws_its_baseline_under_its_own_curve(shape):
    from journeymaps.compare import compare

    after = make_journey(6, shape=shape)
    before_journey = make_journey(6, shape=shape, unrated=(2,))
    before = score_journey(before_journey.model_copy(update={"touchpoints": [
        tp.model_copy(update={"score": 1.0}) if tp.score else tp for tp in before_journey.touchpoints
    ]}))
    comparison = compare(before, score_journey(after))
    layout = layout_map(after, score_journey(after), NL, comparison=comparison)
    assert len(layout.baseline_curve) == 5  # every matched, rated baseline moment; not the unrated one
    faces = {m.index: m for m in layout.marks if m.kind == "face" and m.index >= 0}
    cx, cy = layout.centre or (0, 0)  # the ring's centre
    for (x, y), index in zip(layout.baseline_curve, [0, 1, 3, 4, 5]):
        face = faces[index]
        if shape == "timeline":  # in the same column, lower: the baseline scored 1
            assert x == face.cx and y >= face.cy
        else:  # on the same ray from the centre, nearer to it
            cross = (face.cx - cx) * (y - cy) - (face.cy - cy) * (x - cx)
            assert abs(cross) < 2 * max(abs(face.cx - cx), abs(face.cy - cy))
            assert (x - cx) ** 2 + (y - cy) ** 2 <= (face.cx - cx) ** 2 + (face.cy - cy) ** 2
    dropped = compare(score_journey(make_journey(7, shape=shape, label="Oud")), score_journey(after))
    assert_clean_layout_of(layout_map(after, score_journey(after), NL, comparison=dropped))
    root = ET.fromstring(render(after, comparison=comparison))
    assert [p.get("stroke-dasharray") for p in root.iter(NS + "path")
            if p.get("class") == "jm-curve jm-curve--baseline"] == ["7 6"]
    assert_clean_layout(after)


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_score_no_customer_gave_has_a_dotted_ring_said_in_the_legend_and_under_the_pointer(shape):
    # The to-be journey's assumed 4,5 stood beside measured faces as the same solid face.
    journey = make_journey(4, shape=shape, unheard=(0, 2))
    layout = layout_map(journey, score_journey(journey), NL)
    faces = {m.index: m for m in layout.marks if m.kind == "face" and m.index >= 0}
    rings = [ring for s in layout.shapes if s.cls == "jm-unheard" for ring in s.d.split("M")[1:]]
    assert len(rings) == 3  # moments 1 and 3, and the legend's
    for i in (0, 2):  # round its face: the ring's leftmost point is left of the face, as far as above it
        x, y = (float(v) for v in rings[[0, 2].index(i)].split(" ")[0].split(","))
        assert abs(y - faces[i].cy) < 0.1 and faces[i].cx - faces[i].r - 6 < x < faces[i].cx - faces[i].r
    assert "geen bewijs van klanten" in [" ".join(t.lines) for t in layout.texts if t.cls == "jm-legend"]
    root = parse(render(journey))
    tips = sorted(use.find(NS + "title").text for use in root.find(f"{NS}g[@class='jm-marks']")
                  if use.find(NS + "title") is not None)
    assert [tip.endswith(", geen bewijs van klanten") for tip in tips] == [True, False, True, False]
    assert tips[0] == "1. Moment 1: boos (1,0), geen bewijs van klanten"
    picture = layout_map(journey, score_journey(journey), NL, words=False)  # the kiosk's: no legend to say it
    assert not [s for s in picture.shapes if s.cls == "jm-unheard"]
    assert not [m for m in picture.marks if m.tip and "bewijs" in m.tip]
    legend = [m for m in layout.marks if m.index < 0 and m.kind == "face"]  # a face in its ring, not a ring alone
    assert len(legend) == 5 and len({(m.cx, m.cy) for m in legend}) == 5
    heard = make_journey(4, shape=shape)  # a map without one has no such item in its legend
    assert not [s for s in layout_map(heard, score_journey(heard), NL).shapes if s.cls == "jm-unheard"]
    assert_clean_layout(journey)


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_every_map_has_a_legend_in_the_sites_language(shape):
    journey = make_journey(1, shape=shape, phases=0, lanes=False)  # the narrowest map: the legend wraps
    layout = layout_map(journey, score_journey(journey), NL)
    legend = [" ".join(t.lines) for t in layout.texts if t.cls == "jm-legend"]
    assert legend == ["boos", "teleurgesteld", "neutraal", "blij", "killer", "niet beoordeeld"]
    kinds = sorted((m.kind, m.emotion or "") for m in layout.marks if m.index < 0)
    assert kinds == sorted([("face", e) for e in ("angry", "disappointed", "indifferent", "happy")]
                           + [("killer", ""), ("unrated", "")])
    assert_clean_layout(journey)
    english = layout_map(journey, score_journey(journey), labels_for("en"))
    assert "not rated" in [" ".join(t.lines) for t in english.texts if t.cls == "jm-legend"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(journey=journeys())
def test_the_fast_writer_writes_what_svgwrite_writes(journey):
    # svg.serialize stands in for svgwrite's own tostring (a third of the time):
    # for any journey, with any text in it, both and either palette, the same bytes.
    from journeymaps.colours import face_colours
    from journeymaps.render import svg

    faces = face_colours("viridis")
    layout = layout_map(journey, score_journey(journey), labels_for("nl"), href_for=lambda tp: f"#{tp.label}")
    ours = svg.write_svg(layout, title=journey.touchpoints[0].label, desc="<&\"'>", id_prefix="jm-x", css=MAP_CSS,
                         faces=faces)
    fast, svg.serialize = svg.serialize, lambda drawing: drawing.tostring()
    try:
        theirs = svg.write_svg(layout, title=journey.touchpoints[0].label, desc="<&\"'>", id_prefix="jm-x",
                               css=MAP_CSS, faces=faces)
    finally:
        svg.serialize = fast
    assert ours == theirs


def test_the_cycle_s_key_balances_its_columns():
    # Filled up to the average height, the first column took one phase of
    # four (two moments) and the second the other three (four moments).
    names = ["Boeken lenen", "Lezen en terugbrengen", "Abonnement verlengen", "Aanraden aan anderen"]
    data = {"shape": "cycle", "phases": [{"id": f"p{k}", "label": name} for k, name in enumerate(names)],
            "touchpoints": [{"label": f"Moment {i + 1}", "phase": f"p{p}", "score": 3}
                            for i, p in enumerate([0, 0, 1, 1, 2, 3])]}
    journey = _finish(Journey.model_validate(data), Site())
    layout = layout_map(journey, score_journey(journey), NL)
    key = {}  # each phase's name in the key: below its name on the ring
    for box in layout.texts:
        name = " ".join(box.lines)
        if box.cls == "jm-phase" and (name not in key or box.y > key[name].y):
            key[name] = box
    columns = Counter(box.x for box in key.values())
    assert layout.width > 700 and sorted(columns.values()) == [2, 2], (layout.width, columns)


@pytest.mark.parametrize("n", [6, 14, 30])
def test_the_kiosks_cycle_has_large_faces_clear_of_each_other_and_of_the_numbers(n):
    # The kiosk's faces on a ring are drawn larger than the page's; the ring
    # makes room for them, and its numbers' discs (larger on a kiosk too)
    # clear them and the unrated markers: such a marker lay under its disc.
    from journeymaps.render.layout import CYCLE_FACE_R

    journey = make_journey(n, shape="cycle", killers=(2,), unrated=(3, n - 1))
    picture = layout_map(journey, score_journey(journey), NL, words=False)
    marks = [m for m in picture.marks if m.kind != "killer"]
    assert min(m.r for m in marks if m.kind == "face") > CYCLE_FACE_R
    discs = [(float(s.d[1:].split(",")[0]) + r, float(s.d.split(",")[1].split(" ")[0]), r)
             for s in picture.shapes if s.cls == "jm-badge" for r in [float(s.d.split(" a")[1].split(",")[0])]]
    assert len(discs) == n
    for k, a in enumerate(marks):
        for b in marks[k + 1:]:
            assert math.dist((a.cx, a.cy), (b.cx, b.cy)) >= a.r + b.r, (a, b)
        for x, y, r in discs:
            assert math.dist((a.cx, a.cy), (x, y)) >= a.r + r, (a, (x, y, r))


@pytest.mark.parametrize("moments", [60, 168, 500])
def test_a_long_timeline_s_kiosk_picture_numbers_its_moments_in_rows(moments):
    # Sized by the picture's height too, a disc in rows made the picture
    # higher, which asked for a larger disc again: 168 moments overflowed.
    journey = make_journey(moments, lanes=False)
    layout = layout_map(journey, score_journey(journey), NL, words=False)
    discs = [t for t in layout.texts if t.cls == "jm-badge-number"]
    assert sorted(int(t.lines[0]) for t in discs) == list(range(1, moments + 1))
    rows = {t.y for t in discs}
    assert 1 < len(rows) < moments / 4  # the discs take turns in a few rows
