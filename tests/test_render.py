"""The SVG maps: valid, accessible, deterministic, and nothing overlaps or is cut off."""

from __future__ import annotations

import gzip
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from journeymaps.i18n import labels_for
from journeymaps.render import layout_map, render_map
from journeymaps.render.layout import overlaps
from journeymaps.render.svg import BROWS, MOUTH
from journeymaps.score import score_journey
from journeys import LONG, journeys, make_journey

NS = "{http://www.w3.org/2000/svg}"
NL = labels_for("nl")


def render(journey, **options) -> str:
    return render_map(journey, score_journey(journey), title="Kaart", labels=NL, id_prefix="jm-t", **options)


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


CASES = {
    "one touchpoint": make_journey(1, phases=0, lanes=False),
    "forty touchpoints": make_journey(40),
    "long labels": make_journey(6, label=LONG),
    "one long word": make_journey(3, label="Klantcontactcentrumdoorverbindingsprocedurehandleiding" * 3),
    "twenty phases": make_journey(8, phases=20),
    "killers and unrated": make_journey(9, killers=(2, 3), unrated=(5, 6)),
}


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
@pytest.mark.parametrize("name", list(CASES))
def test_nothing_overlaps_or_is_cut_off(name, shape):
    assert_clean_layout(CASES[name].model_copy(update={"shape": shape}))


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_svg_is_valid_xml_with_accessible_name_and_unique_prefixed_ids(shape):
    svg = render(make_journey(7, shape=shape, killers=(3,)))
    root = ET.fromstring(svg)
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
    assert (unrated.cx, unrated.cy) not in layout.curve  # unrated moments are off the curve
    assert (killer.cx, killer.cy) in layout.curve  # the curve plunges into the killer zone


def test_cycle_has_a_ring_with_an_arrow_back_to_the_start():
    root = ET.fromstring(render(make_journey(6, shape="cycle")))
    classes = Counter(e.get("class") for e in root.iter() if e.get("class"))
    assert classes["jm-loop-arrow"] == 1
    assert sum(v for k, v in classes.items() if k.startswith("jm-phase-arc")) == 3


def test_only_lanes_that_are_used_are_drawn():
    root = ET.fromstring(render(make_journey(3, lanes=False)))
    titles = [" ".join(s.text for s in t) for g in root.iter(NS + "g") if "jm-lane-title" in (g.get("class") or "") for t in g]
    assert "Kanaal" not in titles and "Beleving" in titles
    root = ET.fromstring(render(make_journey(3)))
    titles = [" ".join(s.text for s in t) for g in root.iter(NS + "g") if "jm-lane-title" in (g.get("class") or "") for t in g]
    assert {"Kanaal", "Eigenaar", "Pijnpunt", "Kans", "Citaat", "Achter de schermen"} <= set(titles)


def test_untrusted_text_is_escaped_and_links_only_come_from_the_caller():
    evil = '</text><script>alert(1)</script>"><a href="javascript:x">\x01'
    journey = make_journey(2, label=evil)
    svg = render(journey, href_for=lambda tp: "../andere/")
    root = ET.fromstring(svg)  # still well-formed, control character replaced
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
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in range(2)}
    here = render_map(make_journey(12, killers=(3,), unrated=(5,)), score_journey(make_journey(12, killers=(3,), unrated=(5,))),
                      title="K", labels=NL, id_prefix="jm-t")
    assert runs == {here}


def test_a_twenty_touchpoint_map_stays_small():
    svg = render(make_journey(20), standalone=True).encode()
    assert len(svg) < 30_000, len(svg)
    assert len(gzip.compress(svg)) < 8_000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(journey=journeys())
def test_random_valid_journeys_render_clean_svg(journey):
    ET.fromstring(render(journey))
    assert_clean_layout(journey)


def test_wrapping_keeps_every_character_and_hyphenates_broken_words():
    from journeymaps.render.text import text_width, wrap

    lines = wrap("Klantcontactcentrum belt terug", 80, 12)
    assert all(text_width(line, 12) <= 80 for line in lines)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == "Klantcontactcentrumbeltterug"
    assert lines[0].endswith("-")
    assert wrap("", 80, 12) == [""]


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_map_without_words_draws_the_picture_alone(shape):
    journey = make_journey(8, shape=shape, killers=(2,), unrated=(5,))
    root = ET.fromstring(render(journey, words=False))
    assert [t for t in root.iter(NS + "text") if (t.get("class") or "") != "jm-unrated__mark"] == []
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
    centre = layout.width / 2  # the ring's centre (the key sits below it)
    for (x, y), index in zip(layout.baseline_curve, [0, 1, 3, 4, 5]):
        face = faces[index]
        if shape == "timeline":  # in the same column, lower: the baseline scored 1
            assert x == face.cx and y >= face.cy
        else:  # on the same ray from the centre, nearer to it
            cross = (face.cx - centre) * (y - centre) - (face.cy - centre) * (x - centre)
            assert abs(cross) < 2 * max(abs(face.cx - centre), abs(face.cy - centre))
            assert (x - centre) ** 2 + (y - centre) ** 2 <= (face.cx - centre) ** 2 + (face.cy - centre) ** 2
    dropped = compare(score_journey(make_journey(7, shape=shape, label="Oud")), score_journey(after))
    assert_clean_layout_of(layout_map(after, score_journey(after), NL, comparison=dropped))
    root = ET.fromstring(render(after, comparison=comparison))
    assert [p.get("stroke-dasharray") for p in root.iter(NS + "path") if p.get("class") == "jm-curve jm-curve--baseline"] == ["7 6"]
    assert_clean_layout(after)


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_every_map_has_a_legend_in_the_sites_language(shape):
    journey = make_journey(1, shape=shape, phases=0, lanes=False)  # the narrowest map: the legend wraps
    layout = layout_map(journey, score_journey(journey), NL)
    legend = [" ".join(t.lines) for t in layout.texts if t.cls == "jm-legend"]
    assert legend == ["boos", "teleurgesteld", "neutraal", "blij", "killer", "niet beoordeeld"]
    kinds = sorted((m.kind, m.emotion or "") for m in layout.marks if m.index < 0)
    assert kinds == sorted([("face", e) for e in ("angry", "disappointed", "indifferent", "happy")] + [("killer", ""), ("unrated", "")])
    assert_clean_layout(journey)
    english = layout_map(journey, score_journey(journey), labels_for("en"))
    assert "not rated" in [" ".join(t.lines) for t in english.texts if t.cls == "jm-legend"]
