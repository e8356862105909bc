"""The colours of the four emotion faces: the sets a site can pick, the ink
their features are drawn in, and the check that faces stay apart for readers
with colour blindness.

Faces differ in shape (mouth and brows) first; colour is the second signal.
So that colour still helps readers who cannot tell red from green, the four
colours of a set differ in lightness too, by at least MIN_LIGHTNESS_STEP in
CIE L*, also after a simulation of deuteranopia, protanopia and tritanopia.
coloraide parses every CSS colour syntax and does the simulations and the
WCAG contrast, which is why it is a dependency rather than a regex here. It
is imported when a colour is first worked out: it takes longer to import
than a warm rebuild of a small site, which takes the faces from the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Mapping

from .terms import EMOTIONS

SETS: dict[str, dict[str, str]] = {
    # The format's colours (angry red, disappointed yellow, indifferent orange,
    # happy green), in shades that differ in lightness: dark red, light yellow,
    # mid orange, mid green.
    "traffic-light": {"angry": "#b71c1c", "disappointed": "#ffeb3b", "indifferent": "#ffa726", "happy": "#43a047"},
    # For a brand that clashes with red and green: four steps of the viridis
    # scale, dark purple to light yellow, designed to read in every kind of
    # colour blindness and in greyscale.
    "viridis": {"angry": "#440154", "disappointed": "#31688e", "indifferent": "#35b779", "happy": "#fde725"},
}
DEFAULT_SET = "traffic-light"

INK = "#1b1b1f"  # dark features and outlines
WHITE = "#ffffff"
MIN_LIGHTNESS_STEP = 10.0  # CIE L*: a step anyone sees between two greys

# How each kind of colour blindness is simulated: Machado et al. (2009) for
# the red-green kinds, Brettel et al. (1997) for tritanopia, all at full severity.
SIMULATIONS = {"deuteranopia": ("deutan", "machado"), "protanopia": ("protan", "machado"),
               "tritanopia": ("tritan", "brettel")}


@dataclass(frozen=True)
class FaceColour:
    fill: str  # #rrggbb
    ink: str  # the features' colour: INK or WHITE, whichever stands out more


def parse_colour(value: str) -> str:
    """Any opaque CSS colour as #rrggbb; ValueError with a reason otherwise.
    The result is all that is ever written into CSS or SVG."""
    try:
        colour = _Color()(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a CSS colour; expected e.g. '#2e7d32' or 'green'") from None
    if colour.alpha() < 1:
        raise ValueError(f"'{value}' is see-through; a face needs an opaque colour")
    return colour.convert("srgb").fit("srgb").to_string(hex=True)


def face_colours(set_name: str = DEFAULT_SET,
                 overrides: Mapping[str, str | None] | None = None) -> dict[str, FaceColour]:
    """The four faces' colours: a set, with any emotion's colour replaced.
    Raises ValueError naming the emotion when a colour is not valid CSS."""
    faces = {}
    for emotion in EMOTIONS:
        value = (overrides or {}).get(emotion) or SETS[set_name][emotion]
        try:
            fill = parse_colour(value)
        except ValueError as error:
            raise ValueError(f"{emotion}: {error}") from None
        faces[emotion] = FaceColour(fill, max((INK, WHITE), key=lambda ink: contrast(fill, ink)))
    return faces


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    return _Color()(a).contrast(b, method="wcag21")


def lightness(colour: str, simulation: str | None = None) -> float:
    """CIE L* of a colour, as seen with one kind of colour blindness (or none)."""
    seen = _Color()(colour)
    if simulation:
        kind, method = SIMULATIONS[simulation]
        seen = seen.filter(kind, method=method)
    return seen.convert("lab-d65")["lightness"]


def lightness_clashes(faces: Mapping[str, FaceColour]) -> list[str]:
    """Pairs of faces whose colours are too close in lightness, for normal
    vision or one simulation, as sentences for a build message."""
    clashes = []
    for simulation in (None, *SIMULATIONS):
        seen_as = {emotion: lightness(faces[emotion].fill, simulation) for emotion in EMOTIONS}
        for a, b in combinations(EMOTIONS, 2):
            step = abs(seen_as[a] - seen_as[b])
            if step < MIN_LIGHTNESS_STEP:
                seen = f"with {simulation}" if simulation else "for anyone"
                clashes.append(f"{a} and {b} differ by only {step:.0f} in lightness {seen} "
                               f"(at least {MIN_LIGHTNESS_STEP:.0f} reads)")
    return clashes


def site_faces(colors: Mapping[str, str | None]) -> dict:
    """The faces of a site's `colors` option (its set and colours of its own)
    and any lightness clashes between them, as plain data for the build's
    cache: working them out means importing coloraide."""
    colors = dict(colors)
    faces = face_colours(colors.pop("set"), colors)
    return {"faces": {emotion: [face.fill, face.ink] for emotion, face in faces.items()},
            "clashes": lightness_clashes(faces)}


@cache
def default_faces() -> dict[str, FaceColour]:
    """The faces of the default set."""
    return face_colours()


def _Color():
    from coloraide import Color

    return Color
