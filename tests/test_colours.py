"""Face colours: the sets read for colour-blind readers, the features stand
out on any colour, and a site's colours are parsed, never pasted."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from coloraide import Color
from hypothesis import given, settings, strategies as st

from journeymaps.colours import SETS, face_colours, parse_colour
from journeymaps.i18n import labels_for
from journeymaps.render import render_map
from journeymaps.score import score_journey
from journeys import make_journey

NS = "{http://www.w3.org/2000/svg}"
EMOTIONS = ("angry", "disappointed", "indifferent", "happy")


def drawn_faces(set_name: str) -> dict[str, tuple[str, str]]:
    """{emotion: (fill, features' stroke)} as a rendered map draws its faces."""
    journey = make_journey(4)
    svg = render_map(journey, score_journey(journey), title="t", labels=labels_for("nl"), id_prefix="c",
                     faces=face_colours(set_name))
    faces = {}
    for symbol in ET.fromstring(svg).iter(NS + "symbol"):
        match = re.fullmatch(r"jm-face jm-face--(\w+)", symbol.get("class", ""))
        if match:
            circle = symbol.find(NS + "circle")
            features = symbol.find(NS + "g")
            faces[match.group(1)] = (circle.get("fill"), features.get("stroke"))
    assert sorted(faces) == sorted(EMOTIONS)  # the legend draws all four
    return faces


def simulated_lightness(colour: str, kind: str | None) -> float:
    """CIE L* as seen with full deuteranopia, protanopia (Machado 2009) or tritanopia (Brettel 1997)."""
    seen = Color(colour)
    if kind in ("deutan", "protan"):
        seen = seen.filter(kind, 1, method="machado")
    elif kind == "tritan":
        seen = seen.filter(kind, 1, method="brettel")
    return seen.convert("lab-d65")["lightness"]


@pytest.mark.parametrize("set_name", sorted(SETS))
@pytest.mark.parametrize("vision", [None, "deutan", "protan", "tritan"])
def test_faces_differ_in_lightness_with_every_kind_of_colour_blindness(set_name, vision):
    faces = drawn_faces(set_name)
    lightness = {e: simulated_lightness(fill, vision) for e, (fill, _) in faces.items()}
    for a, b in combinations(EMOTIONS, 2):
        assert abs(lightness[a] - lightness[b]) >= 10, (set_name, vision, a, b, lightness)


@pytest.mark.parametrize("set_name", sorted(SETS))
def test_features_stand_out_on_every_face(set_name):
    for emotion, (fill, ink) in drawn_faces(set_name).items():
        assert Color(fill).contrast(ink, method="wcag21") >= 3, (set_name, emotion, fill, ink)


def test_the_default_set_keeps_the_formats_colours():
    """journey-format.md: angry red, disappointed yellow, indifferent orange, happy green."""
    hue = {e: Color(fill).convert("oklch")["hue"] for e, (fill, _) in drawn_faces("traffic-light").items()}
    assert hue["angry"] < 35 or hue["angry"] > 345  # red
    assert 40 <= hue["indifferent"] < 75  # orange
    assert 85 <= hue["disappointed"] < 115  # yellow
    assert 125 <= hue["happy"] < 160  # green


@settings(max_examples=200, deadline=None)
@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_any_colour_a_site_picks_gets_features_that_stand_out(rgb):
    colour = "#%02x%02x%02x" % rgb
    face = face_colours(overrides={"happy": colour})["happy"]
    assert face.fill == colour
    assert Color(colour).contrast(face.ink, method="wcag21") >= 4


@pytest.mark.parametrize(
    "value, written",
    [("green", "#008000"), ("#ABC", "#aabbcc"), ("rgb(255 238 88)", "#ffee58"), ("hsl(0 100% 50%)", "#ff0000")],
)
def test_css_colours_are_written_as_the_hex_they_mean(value, written):
    assert parse_colour(value) == written


@pytest.mark.parametrize("value", ["red;} body {display:none", "url(javascript:alert(1))", "currentColor", "",
                                   "transparent"])
def test_what_is_not_an_opaque_colour_is_refused(value):
    with pytest.raises(ValueError):
        parse_colour(value)
