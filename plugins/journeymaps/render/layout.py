"""Where everything goes: pure geometry for the timeline and the cycle.

A Layout lists rectangles, lines, paths, text boxes and marks (faces, killer
and unrated markers) in SVG user units. Text is wrapped here, and rows and
the canvas grow to fit it, so nothing is cut off and nothing overlaps; the
tests check exactly that on these objects. No SVG is written here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable

from ..i18n import format_decimal
from ..score import Moment, Scorecard
from .text import clamp, hyphenating, text_width, wrap

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from ..model import Journey, Touchpoint

LANES = ("channel", "owner", "pain", "opportunity", "quote", "backstage")


@dataclass(frozen=True)
class TextBox:
    x: float  # left edge
    y: float  # top edge
    w: float  # width of the widest line
    h: float
    lines: tuple[str, ...]
    size: float
    cls: str
    anchor: str = "start"  # start | middle | end, as SVG's text-anchor
    href: str | None = None
    name: str | None = None  # what a screen reader says for the link: the moment and its verdict
    rotate: float = 0  # degrees, around the start of its first line's baseline (the overview's phase names)
    full: str | None = None  # the whole text, under the pointer, when the lines shown are cut short

    @property
    def line_height(self) -> float:
        return line_height(self.size)

    @property
    def text_x(self) -> float:
        return {"start": self.x, "middle": self.x + self.w / 2, "end": self.x + self.w}[self.anchor]


@dataclass(frozen=True)
class Mark:
    kind: str  # face | killer | unrated
    cx: float
    cy: float
    r: float
    index: int  # the touchpoint's position in the journey
    emotion: str | None = None
    tip: str | None = None  # what a pointer over it shows


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    cls: str
    tip: str | None = None  # what a pointer over it shows


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str


@dataclass(frozen=True)
class Shape:
    d: str  # SVG path data
    cls: str


@dataclass(frozen=True)
class Overlay:
    """A baseline drawn under a redesign: its scores at the matched moments."""

    scores: dict[int, float]  # moment index in the redesign -> the baseline's score there
    added: frozenset[int]  # moments the baseline does not have
    removed: tuple[str, ...] = ()  # labels of the baseline's moments the redesign drops


@dataclass
class Layout:
    shape: str
    width: float = 0
    height: float = 0
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    curve: list[tuple[float, float]] = field(default_factory=list)
    baseline_curve: list[tuple[float, float]] = field(default_factory=list)
    # Path data that draws a curve through its points, when straight segments will not do.
    curve_d: str | None = None
    baseline_curve_d: str | None = None
    texts: list[TextBox] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    centre: tuple[float, float] | None = None  # a cycle's centre


def line_height(size: float) -> float:
    return round(size * 1.3, 1)


# Classes map.css sets in bold: their text is measured bold (test_render checks the CSS).
BOLD = frozenset({"jm-phase", "jm-lane-title", "jm-killer-label", "jm-badge-number", "jm-cell-text"})


def text_box(text: str, x: float, y: float, width: float, size: float, cls: str, anchor: str = "start", href=None,
             name: str | None = None, max_lines: int | None = None) -> TextBox:
    """Wrap `text` into `width` and place it; `x` is the left edge, centre or
    right edge of the column, after `anchor`. Beyond `max_lines` it is cut
    short, and whole under the pointer: only where the page shows it whole."""
    bold = not BOLD.isdisjoint(cls.split())
    wrapped = wrap(text, width, size, bold)
    lines = tuple(clamp(wrapped, max_lines, width, size, bold) if max_lines else wrapped)
    full = " ".join(text.split()) if len(lines) < len(wrapped) else None
    w = max(text_width(line, size, bold) for line in lines)
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return TextBox(r1(left), r1(y), r1(w), r1(len(lines) * line_height(size)), lines, size, cls, anchor, href, name,
                   full=full)


def r1(value: float) -> float:
    """One decimal: enough precision, and byte-stable output."""
    return round(value + 0.0, 1) + 0.0


def n(value: float):
    """A coordinate as written: one decimal at most, 12 rather than 12.0."""
    value = r1(float(value))
    return int(value) if value.is_integer() else value


def polyline(points) -> str:
    """Path data through (x, y) points."""
    return "M" + " L".join(f"{n(x)},{n(y)}" for x, y in points)


# --- timeline -------------------------------------------------------------------------

PAD = 16  # outer margin
LEFT = 150  # room for the y-axis and lane titles
COL = 150  # one touchpoint
CELL = COL - 18  # text width in a column
# A moment's label and a lane's text are cut short beyond these many lines
# (whole under the pointer and in the table of moments below the map): one
# long label made the whole row of labels ten lines tall.
LABEL_LINES = 6
LANE_LINES = 8
LABEL_SIZE = 13  # font sizes of a moment's label and of a lane's text on a timeline
LANE_SIZE = 12
BADGE_R = 10  # a moment's number in a disc, on the cycle's phase ring
KIOSK_BADGE_R = 14  # ... and in the kiosk's picture (on its ring, above its timeline), at the least
# The kiosk scales its picture to an area of about this many pixels on the
# smallest screen it is made for (1366 x 768, kiosk.css, beside a panel of
# moments 456 pixels wide, under a verdict of two lines), where no text may
# be under KIOSK_TEXT pixels: a fixed disc's number was 10 pixels on a long
# timeline, so a number's size follows its picture's.
KIOSK_AREA = (810, 540)
KIOSK_TEXT = 24
TITLE_W = LEFT - PAD - 14  # text width of a lane title
FACE_R = 15
UNHEARD_GAP = 4  # between a face and the dotted ring round it (_unheard)
CHART_H = 240
# The picture without words is shown on a kiosk beside its moments (an area
# 1.4 to 1.6 times as wide as high) or above them (on a portrait screen,
# about as wide as high): a long journey at full column width was a thin
# strip there, its faces a few pixels across. About 1.2 times as wide as it
# is high (CHART_H + 120), a short journey's picture fills a portrait
# screen's width with a taller picture, where at 1.6 it used 35% of a 1080 x
# 1920 screen's height; beside the moments its height sets its scale anyway.
PICTURE_H = CHART_H + 120
PICTURE_W = 1.2 * PICTURE_H
CHART_PAD = 26
UNRATED_H = 44  # the row of moments not rated, under the scale
KILLER_H = 50  # the killer zone with its markers, without words


def _columns(journey: Journey) -> list[tuple[int | None, int | None]]:
    """(touchpoint index or None, phase index or None) per column. Phases in
    order get an empty column when no touchpoint falls in them, so a gap in
    the journey shows; when touchpoints run out of phase order, the columns
    follow the touchpoints and a phase may appear twice."""
    phase_of = [journey.phase_index(tp) for tp in journey.touchpoints]
    if not journey.phases:
        return [(i, None) for i in range(len(phase_of))]
    if phase_of != sorted(phase_of):
        return [(i, p) for i, p in enumerate(phase_of)]
    columns = []
    for p in range(len(journey.phases)):
        members = [i for i, q in enumerate(phase_of) if q == p]
        columns += [(i, p) for i in members] or [(None, p)]
    return columns


def _runs(columns) -> list[tuple[int, int, int | None]]:
    """(first column, last column, phase index) of each run of one phase."""
    runs: list[list] = []
    for c, (_, phase) in enumerate(columns):
        if runs and runs[-1][2] == phase:
            runs[-1][1] = c
        else:
            runs.append([c, c, phase])
    return [tuple(run) for run in runs]


def _picture_column(columns: int) -> float:
    """A column of the picture without words: narrower for a long journey,
    never so narrow that neighbouring faces touch."""
    return max(2 * FACE_R + 12, min(COL, PICTURE_W / max(columns, 1)))


def layout_timeline(
    journey: Journey, card: Scorecard, labels: dict, href_for: Callable[[Touchpoint], str | None], words: bool = True,
    overlay: Overlay | None = None, cut: bool = True,
) -> Layout:
    """`overlay` adds a baseline's curve, lighter, and marks added moments.
    `words=False` draws the picture alone (bands, scale, curve, faces,
    killer zone): a kiosk puts the words beside it, in large type. `cut`
    cuts labels and lanes' texts short (LABEL_LINES, LANE_LINES)."""
    out = Layout("timeline")
    left = LEFT if words else PAD  # the margin holds the scale's and lanes' titles
    columns = _columns(journey)
    runs = _runs(columns)
    col = COL if words else _picture_column(len(columns))
    width = left + col * len(columns) + PAD
    col_x = lambda c: left + col * c  # noqa: E731
    band_top = PAD
    y = PAD + 8

    # Phase labels at the top of their bands, one per run, wrapped to the run's width.
    if journey.phases and words:
        phase_boxes = [
            text_box(journey.phases[p].label, col_x(a) + 9, y, col * (b - a + 1) - 18, 14, "jm-phase")
            for a, b, p in runs
        ]
        out.texts += phase_boxes
        y += max(b.h for b in phase_boxes) + 10

    # Touchpoint labels, numbered so the table below the map can be matched.
    label_boxes = []
    for c, (i, _) in enumerate(columns if words else []):
        if i is None:
            continue
        tp = journey.touchpoints[i]
        new = f" ({labels['added']})" if overlay and i in overlay.added else ""
        label_boxes.append(
            text_box(label_text(i, tp.label, new), col_x(c) + col / 2, y, CELL, LABEL_SIZE, "jm-label", "middle",
                     href_for(tp), _tip(card.moments[i], labels, words), LABEL_LINES if cut else None)
        )
    out.texts += label_boxes
    y += (max(b.h for b in label_boxes) if label_boxes else 0) + 14
    if not words:  # the moments' numbers, which the kiosk's lists beside the picture name
        # Its width or its height sets its scale; where the discs are wider
        # than a column they take turns in rows, which make it higher.
        below = (CHART_H + (UNRATED_H if any(m.score is None and not m.killers for m in card.moments) else 0)
                 + 4 + (KILLER_H if card.killers_hit else 0) + 8 + PAD)  # the picture below its numbers
        r = KIOSK_BADGE_R
        while True:
            rows = math.ceil((2 * r + 4) / col)
            needed = _kiosk_badge_r(max(width / KIOSK_AREA[0], (y + rows * (2 * r + 4) + below) / KIOSK_AREA[1]))
            if needed <= r or rows > 1:
                break
            r = needed
        if rows > 1:
            # In rows a larger disc makes the picture higher, which asks for a
            # larger disc again, without end (168 moments overflowed a float):
            # a timeline long enough for rows is as wide as its area, and its
            # width sets its discs' size.
            r = max(r, _kiosk_badge_r(width / KIOSK_AREA[0]))
            rows = math.ceil((2 * r + 4) / col)
        row_h = 2 * r + 4
        for c, (i, _) in enumerate(columns):
            if i is not None:
                _badge(out, col_x(c) + col / 2, y + r + c % rows * row_h, i, r)
        y += rows * row_h

    # The experience scale.
    chart_top = y
    score_y = lambda s: chart_top + CHART_PAD + (5 - s) / 4 * (CHART_H - 2 * CHART_PAD)  # noqa: E731
    for s in range(1, 6):
        out.lines.append(Line(left, r1(score_y(s)), width - PAD, r1(score_y(s)), "jm-grid"))
        if words:
            out.texts.append(text_box(str(s), left - 12, score_y(s) - 8, 20, 12, "jm-axis", "end"))
    if words:
        out.texts.append(text_box(labels["experience"], PAD, score_y(3) - 8, TITLE_W - 20, 12, "jm-lane-title"))
    y = chart_top + CHART_H

    placed: dict[int, tuple[float, float]] = {}
    col_of = {i: c for c, (i, _) in enumerate(columns) if i is not None}
    for m in card.moments:
        if m.score is not None and not m.killers:
            cx = col_x(col_of[m.index]) + col / 2
            placed[m.index] = (r1(cx), r1(score_y(m.score)))
            out.marks.append(Mark("face", *placed[m.index], FACE_R, m.index, m.emotion, _tip(m, labels, words)))
            if words:
                _unheard(out, m, cx, score_y(m.score), FACE_R)

    # Not rated: a row of its own, off the curve.
    unrated = [m for m in card.moments if m.score is None and not m.killers]
    if unrated:
        out.rects.append(Rect(left, y, width - PAD - left, UNRATED_H, "jm-zone jm-zone--unrated"))
        if words:
            out.texts.append(text_box(labels["not_rated"], PAD, y + 6, TITLE_W, 12, "jm-lane-title"))
        for m in unrated:
            cx = col_x(col_of[m.index]) + col / 2
            out.marks.append(Mark("unrated", r1(cx), r1(y + 22), 13, m.index, None, _tip(m, labels, words)))
        y += UNRATED_H

    # The emotion curve: through the rated moments, in order.
    out.curve = [placed[i] for i in sorted(placed)]

    # The killer zone, below the scale: a marker and the killer's name, and a
    # dashed drop from the curve where the killer strikes.
    zone_top = y + 4
    killer_boxes = []
    for m in card.moments:
        if m.killers:
            cx = col_x(col_of[m.index]) + col / 2
            out.marks.append(Mark("killer", r1(cx), r1(zone_top + 26), 16, m.index, None, _tip(m, labels, words)))
            out.lines.append(Line(r1(cx), r1(_curve_y(out.curve, cx, score_y(1))), r1(cx), r1(zone_top + 8),
                                  "jm-killer-spoke"))
            names = ", ".join(k.label for k in m.killers)
            if words:
                killer_boxes.append(text_box(names, cx, zone_top + 48, CELL, 12, "jm-killer-label", "middle"))
    out.texts += killer_boxes
    zone_h = max([48 + b.h + 8 for b in killer_boxes] + [KILLER_H if card.killers_hit else 32])  # none: a line's height
    if not (words or card.killers_hit):  # the kiosk's picture: a red band without words read as an alarm
        zone_h = 0
    else:
        out.rects.append(Rect(left, r1(zone_top), width - PAD - left, r1(zone_h), "jm-zone jm-zone--killer"))
    if words:
        out.texts.append(text_box(labels["killer_zone"], PAD, zone_top + 8, TITLE_W, 12,
                                  "jm-lane-title jm-lane-title--killer"))
        if not card.killers_hit:  # an empty band read as a gap in the drawing, not as good news
            out.texts.append(text_box(labels["no_killer"], left + 12, zone_top + 8, CELL * 2, 12, "jm-zone-note"))
    y = zone_top + zone_h

    if overlay:
        out.baseline_curve = [
            (r1(col_x(col_of[i]) + col / 2), r1(score_y(score))) for i, score in sorted(overlay.scores.items())
        ]

    # The baseline's moments that the redesign drops: they have no column.
    if words and overlay and overlay.removed:
        y += 8
        title = text_box(labels["removed_moments"], PAD, y + 8, TITLE_W, 12, "jm-lane-title")
        text = text_box("; ".join(overlay.removed), left + 9, y + 8, width - PAD - left - 18, 12,
                        "jm-lane jm-lane--removed")
        height = max(title.h, text.h) + 16
        out.rects.append(Rect(PAD - 6, r1(y), width - PAD - (PAD - 6), r1(height), "jm-lane-row jm-lane-row--1"))
        out.texts += [title, text]
        y += height

    # Lanes beneath, only those the journey uses.
    y += 8
    for row, lane in enumerate(k for k in LANES if words and any(getattr(tp, k) for tp in journey.touchpoints)):
        title = text_box(labels[lane], PAD, y + 8, TITLE_W, 12, "jm-lane-title")
        cells = []
        for c, (i, _) in enumerate(columns):
            value = getattr(journey.touchpoints[i], lane) if i is not None else None
            if lane == "owner" and i is not None:
                value = journey.owner_of(journey.touchpoints[i])
            if value:
                cells.append(text_box(lane_text(lane, value), col_x(c) + 9, y + 8, CELL, LANE_SIZE,
                                      f"jm-lane jm-lane--{lane}", max_lines=LANE_LINES if cut else None))
        height = max(b.h for b in cells + [title]) + 16
        out.rects.append(Rect(PAD - 6, r1(y), width - PAD - (PAD - 6), r1(height),
                              f"jm-lane-row jm-lane-row--{row % 2}"))
        out.texts += [title] + cells
        y += height

    if words:
        y = _legend(out, labels, PAD, y + 10, width - 2 * PAD, overlay)

    # Phase bands behind everything, alternating tints.
    band_bottom = chart_top + CHART_H
    out.rects[:0] = [
        Rect(col_x(a), r1(band_top), col * (b - a + 1), r1(band_bottom - band_top), f"jm-band jm-band--{band % 2}")
        for band, (a, b, _) in enumerate(runs)
    ]
    out.width, out.height = r1(width), r1(y + PAD)
    return out


def label_text(index: int, label: str, added: str = "") -> str:
    """A moment's label as a map shows it: numbered, as the table below it."""
    return f"{index + 1}. {label}{added}"


def lane_text(lane: str, value: str) -> str:
    return f"“{value}”" if lane == "quote" else value


def timeline_cuts(field: str, text: str, index: int, hyphenation: str | None) -> bool:
    """Whether a timeline cuts short the `field` (label or a lane) of the
    moment at `index`, its long words broken by the dictionary `hyphenation`
    (plain.py tells the editor)."""
    if field == "label":
        text, size, most = label_text(index, text), LABEL_SIZE, LABEL_LINES
    elif field in LANES:
        text, size, most = lane_text(field, text), LANE_SIZE, LANE_LINES
    else:
        return False
    with hyphenating(hyphenation):
        return len(wrap(text, CELL, size)) > most


def _kiosk_badge_r(units_per_pixel: float) -> int:
    """The radius of a disc on a kiosk's picture drawn at `units_per_pixel`
    in KIOSK_AREA, whose number (of size r + 1) is KIOSK_TEXT pixels there."""
    return max(KIOSK_BADGE_R, math.ceil(KIOSK_TEXT * units_per_pixel) - 1)


def _badge(out: Layout, x: float, y: float, index: int, r: float = BADGE_R) -> None:
    """A moment's number in a disc of radius `r`."""
    size = r + 1
    out.shapes.append(Shape(_circle(x, y, r), "jm-badge"))
    out.texts.append(text_box(str(index + 1), x, y - round(size * 0.64), 3 * r, size, "jm-badge-number", "middle"))


def _tip(m: Moment, labels: dict, words: bool = True) -> str:
    """What a moment's mark says under the pointer: its number, label and
    verdict, and of a score no customer gave that it is a guess (on a map with
    words, whose legend names its ring)."""
    if m.killers:
        verdict = f"{labels['killer']}: " + ", ".join(k.label for k in m.killers)
    elif m.score is None:
        verdict = labels["not_rated"]
    else:
        verdict = f"{labels[m.emotion]} ({format_decimal(m.score, labels)})"
        if not m.has_voice and words:
            verdict += f", {labels['unheard']}"
    return f"{m.index + 1}. {m.touchpoint.label}: {verdict}"


def _curve_y(curve: list[tuple[float, float]], x: float, default: float) -> float:
    """The curve's height at `x`, or `default` where the curve does not reach."""
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return default


# --- cycle ----------------------------------------------------------------------------

KEY_W = 340  # a column of the numbered key below the ring
LOOP_GAP = 0.3  # radians kept free at 12 o'clock, for the loop's arrow and the scale
RING_LABEL_W = 120  # wrap width of a phase name beside the ring
RING_LABEL_LINES = 3  # a longer phase name is left to the key
CYCLE_FACE_R = 13
# On a kiosk the ring's faces are drawn larger: at CYCLE_FACE_R they were 34
# pixels across on a 1920 x 1080 screen (the ring's picture is shown at
# about 3/4 of the timeline's scale), half the numbers' discs, and their
# mouths and brows could not be made out from across a room; now about as
# large as the timeline's faces there (53 pixels; the timeline's 54).
KIOSK_CYCLE_FACE_R = 22
KILLER_R = 13


def layout_cycle(
    journey: Journey, card: Scorecard, labels: dict, href_for: Callable[[Touchpoint], str | None], words: bool = True,
    overlay: Overlay | None = None,
) -> Layout:
    """The ring: phases as arcs from 12 o'clock clockwise, each moment's face
    on its phase's ray at a distance from the centre that grows with its
    score, killers in the central disc, unrated moments on a dotted ring.
    Moments are numbered on the ring; the key below names them by phase."""
    out = Layout("cycle")
    groups = _cycle_groups(journey)
    weights = [max(1, len(members)) for _, members in groups]
    total = sum(weights)
    slot = (2 * math.pi - LOOP_GAP) / total  # the angle of one moment
    gap = min(0.06, math.pi / len(groups) / 4, slot / 2)  # radians between phase arcs

    # Radii grow with the number of moments, so neither faces nor killers crowd:
    # two neighbours in a phase are `step` apart, across phases further.
    step = min(slot - gap / 2, math.pi / 2)
    face_r = CYCLE_FACE_R if words else KIOSK_CYCLE_FACE_R
    spacing = max(2 * face_r + 4, text_width(str(len(journey.touchpoints)), 11, bold=True) + 6)
    killers = [m for m in card.moments if m.killers]
    # Several killers sit on a ring in the disc, at least their width apart.
    r_killer_ring = (2 * KILLER_R + 12) / (2 * math.sin(math.pi / len(killers))) if len(killers) > 1 else 0.0
    r_killer = max(44.0, r_killer_ring + KILLER_R + 12)
    zone_label = None
    if words:  # the disc's name, just below it
        zone_label = text_box(labels["killer_zone"], 0, 0, 140, 11, "jm-lane-title jm-lane-title--killer", "middle")
    below_disc = zone_label.h + 4 if zone_label else 0
    r_low = max(  # score 1
        r_killer + below_disc + face_r + 8,
        r_killer + 34,
        spacing / (2 * math.sin(step / 2)),
    )
    r_high = r_low + 116  # score 5
    r_unrated = r_high + face_r + 13
    r_band = r_unrated + 30  # the phase ring, with the moments' numbers on it
    badge_r = BADGE_R
    while not words:  # the kiosk's numbers, sized for the square the ring makes, clear of the faces and markers
        badge_r = _kiosk_badge_r(2 * (PAD + r_band + 12) / KIOSK_AREA[1])
        if r_band >= r_unrated + 11 + badge_r + 2:
            break
        r_band = r_unrated + 11 + badge_r + 2
    radius = lambda score: r_low + (score - 1) / 4 * (r_high - r_low)  # noqa: E731

    angle_of: dict[int, float] = {}
    start = LOOP_GAP / 2
    arcs = []
    for (p, members), weight in zip(groups, weights):
        span = (2 * math.pi - LOOP_GAP) * weight / total
        a0, a1 = start + gap / 2, start + span - gap / 2
        arcs.append((a0, a1, p))
        for k, i in enumerate(members):
            angle_of[i] = a0 + (a1 - a0) * (k + 0.5) / len(members)
        start += span

    # Phase names beside the ring, where every one fits; the key names them anyway.
    ring_labels = _ring_labels(journey, arcs, r_band + BADGE_R + 10) if words else []
    reach = r_band + max(12, badge_r + 2)  # the arcs' stroke and the loop's arrowhead, the numbers' discs
    half_w = max([reach] + [max(-b.x, b.x + b.w) for b in ring_labels])
    top = max([reach] + [-b.y for b in ring_labels])
    bottom = max([reach] + [b.y + b.h for b in ring_labels])
    width = 2 * (PAD + half_w)
    if words:
        width = max(width, KEY_W + 2 * PAD)
    cx, cy = width / 2, PAD + top
    out.centre = (r1(cx), r1(cy))
    point = lambda a, r: (r1(cx + r * math.sin(a)), r1(cy - r * math.cos(a)))  # noqa: E731 - 0 rad is 12 o'clock

    # Guides: one ring per score, the unrated ring, the killer disc.
    if words or killers:  # the kiosk's picture: an empty red disc without words read as an alarm
        out.shapes.append(Shape(_circle(cx, cy, r_killer), "jm-zone jm-zone--killer"))
    for score in range(1, 6):
        out.shapes.append(Shape(_circle(cx, cy, radius(score)), "jm-grid"))
        if words:
            x, y = point(0.0, radius(score))
            out.texts.append(text_box(str(score), x, y - 7, 12, 11, "jm-axis", "middle"))
    out.shapes.append(Shape(_circle(cx, cy, r_unrated), "jm-grid jm-grid--unrated"))

    # Phase arcs, and an arrow across the gap from the last phase back into the first.
    for n_arc, (a0, a1, p) in enumerate(arcs):
        out.shapes.append(Shape(_arc(cx, cy, r_band, a0, a1), f"jm-phase-arc jm-phase-arc--{n_arc % 2}"))
    out.shapes.append(Shape(_arc(cx, cy, r_band, arcs[-1][1] - 2 * math.pi, arcs[0][0] - 0.1), "jm-loop"))
    out.shapes.append(Shape(_arrowhead(cx, cy, r_band, arcs[0][0]), "jm-loop-arrow"))

    # Killers in the central disc, a dashed spoke out to where each strikes.
    if zone_label:
        out.texts.append(_moved(zone_label, cx, cy + r_killer + 2))
        if not killers:  # said in the disc: an empty one read as a gap in the drawing
            note = text_box(labels["no_killer"], 0, 0, 2 * r_killer - 20, 11, "jm-zone-note", "middle")
            out.texts.append(_moved(note, cx, cy - note.h / 2))
    killer_angles = _spread([angle_of[m.index] for m in killers], 2 * KILLER_R + 10, r_killer_ring)
    for m, a in zip(killers, killer_angles):
        x, y = point(a, r_killer_ring)
        out.marks.append(Mark("killer", x, y, KILLER_R, m.index, None, _tip(m, labels, words)))
        out.lines.append(Line(x, y, *point(angle_of[m.index], r_band - BADGE_R - 2), "jm-killer-spoke"))

    placed: dict[int, tuple[float, float]] = {}
    for m in card.moments:
        a = angle_of[m.index]
        if m.killers:
            continue
        if m.score is None:
            out.marks.append(Mark("unrated", *point(a, r_unrated), 11, m.index, None, _tip(m, labels, words)))
            continue
        placed[m.index] = point(a, radius(m.score))
        out.marks.append(Mark("face", *placed[m.index], face_r, m.index, m.emotion, _tip(m, labels, words)))
        if words:
            _unheard(out, m, *placed[m.index], face_r)
    # The curve goes round with the ring, its distance from the centre
    # changing between moments: it never cuts across the killer disc.
    order = sorted(placed, key=lambda i: (angle_of[i], i))
    out.curve = [placed[i] for i in order]
    out.curve_d = _polar_path(cx, cy, [(angle_of[i], radius(card.moments[i].score)) for i in order])
    if overlay:  # the baseline as a lighter inner trace
        stops = sorted((angle_of[i], radius(score)) for i, score in overlay.scores.items())
        out.baseline_curve = [point(a, r) for a, r in stops]
        out.baseline_curve_d = _polar_path(cx, cy, stops)
    # Each moment's number in a badge on the ring (named by the key below, or
    # on a kiosk by the lists beside the picture), and the phase names.
    for m in card.moments:
        _badge(out, *point(angle_of[m.index], r_band), m.index, badge_r)
    ring_bottom = cy + bottom + PAD
    if not words:
        out.width, out.height = r1(width), r1(ring_bottom)
        return out
    out.texts += [_moved(b, cx, cy) for b in ring_labels]

    # The key below the ring: phases with their numbered moments, in as many
    # columns as the ring is wide, so the map stays about as wide as the ring.
    phases = journey.phases
    columns = max(1, int((width - 2 * PAD) // KEY_W))
    blocks = []
    for p, members in groups:
        block = []
        if p is not None:
            block.append(text_box(phases[p].label, 0, 0, KEY_W - 20, 14, "jm-phase"))
        for i in members:
            tp = journey.touchpoints[i]
            new = f" ({labels['added']})" if overlay and i in overlay.added else ""
            block.append(text_box(label_text(i, tp.label, new), 12, 0, KEY_W - 32, 13, "jm-label", "start",
                                  href_for(tp), _tip(card.moments[i], labels, words)))
            if card.moments[i].killers:  # the killer's name under its moment, as on the timeline
                names = ", ".join(k.label for k in card.moments[i].killers)
                block.append(text_box(f"{labels['killer']}: {names}", 24, 0, KEY_W - 44, 12, "jm-killer-label"))
        blocks.append(block)
    if overlay and overlay.removed:
        blocks.append([text_box(labels["removed_moments"], 0, 0, KEY_W - 20, 14, "jm-phase")]
                      + [text_box(label, 12, 0, KEY_W - 32, 13, "jm-label") for label in overlay.removed])
    heights = [sum(b.h + 3 for b in block) + 10 for block in blocks]
    left = (width - columns * KEY_W) / 2 + 10  # the key's columns centred under the ring
    top_y, column = ring_bottom, 0
    y = bottom_y = top_y
    for block, in_column in zip(blocks, _key_columns(heights, columns)):
        if in_column != column:
            column, y = in_column, top_y
        x = left + column * KEY_W
        for box in block:
            out.texts.append(replace(box, x=r1(x + box.x), y=r1(y)))
            y += box.h + 3
        y += 10
        bottom_y = max(bottom_y, y)
    bottom_y = _legend(out, labels, left, bottom_y + 4, width - left - PAD, overlay)
    out.width = r1(width)
    out.height = r1(bottom_y + PAD)
    return out


def _key_columns(heights: list[float], columns: int) -> list[int]:
    """The column of each of the key's blocks, in order, in at most `columns`
    columns with the tallest as short as it can be. (A column filled up to
    the average height put one phase of four in the first column and three
    in the second.)"""
    def fill(limit: float) -> list[int]:
        placed, column, used = [], 0, 0.0
        for height in heights:
            if used and used + height > limit:
                column, used = column + 1, 0.0
            placed.append(column)
            used += height
        return placed

    runs = sorted({sum(heights[i:j]) for i in range(len(heights)) for j in range(i + 1, len(heights) + 1)})
    return next(placed for limit in runs if (placed := fill(limit))[-1] < columns)


def _ring_labels(journey: Journey, arcs, r: float) -> list[TextBox]:
    """Phase names at the middle of their arcs, just outside radius `r`,
    around a centre at (0, 0); none at all when one is too long or two collide."""
    boxes = []
    for a0, a1, p in arcs:
        if p is None:
            continue
        mid = (a0 + a1) / 2
        x, y = r * math.sin(mid), -r * math.cos(mid)
        anchor = "start" if math.sin(mid) > 0.2 else "end" if math.sin(mid) < -0.2 else "middle"
        box = text_box(journey.phases[p].label, x, y, RING_LABEL_W, 13, "jm-phase", anchor)
        if len(box.lines) > RING_LABEL_LINES:
            return []
        # Above the point in the upper half, below it in the lower half, beside it between.
        shift = -box.h if math.cos(mid) > 0.2 else 0.0 if math.cos(mid) < -0.2 else -box.h / 2
        boxes.append(replace(box, y=r1(y + shift)))
    if any(overlaps(b, c) for k, b in enumerate(boxes) for c in boxes[k + 1 :]):
        return []
    return boxes


def _polar_path(cx: float, cy: float, stops: list[tuple[float, float]]) -> str | None:
    """Path data through (angle, radius) stops, the radius changing evenly
    with the angle in between, in steps of at most 0.06 radians."""
    if len(stops) < 2:
        return None
    points = []
    for (a0, ra), (a1, rb) in zip(stops, stops[1:]):
        steps = max(1, math.ceil(abs(a1 - a0) / 0.06))
        points += [(a0 + (a1 - a0) * k / steps, ra + (rb - ra) * k / steps) for k in range(steps)]
    points.append(stops[-1])
    return polyline((cx + r * math.sin(a), cy - r * math.cos(a)) for a, r in points)


def _moved(box: TextBox, dx: float, dy: float) -> TextBox:
    return replace(box, x=r1(box.x + dx), y=r1(box.y + dy))


def _spread(angles: list[float], size: float, r: float) -> list[float]:
    """Angles near `angles` on a ring of radius `r` at which marks of width
    `size` do not touch: pushed apart where they crowd, evenly spaced if that
    does not settle. One mark alone sits in the centre."""
    if len(angles) < 2:
        return angles
    least = 2 * math.asin(min(1.0, size / (2 * r)))  # the least angle between neighbours
    order = sorted(range(len(angles)), key=lambda k: (angles[k], k))
    spread = [angles[k] for k in order]
    count = len(spread)
    for _ in range(50):
        moved = False
        for k in range(count):
            a, b = spread[k], spread[(k + 1) % count] + (2 * math.pi if k == count - 1 else 0)
            if b - a < least - 1e-9:
                push = (least - (b - a)) / 2
                spread[k] -= push
                spread[(k + 1) % count] += push
                moved = True
        if not moved:
            break
    else:
        spread = [spread[0] + 2 * math.pi * k / count for k in range(count)]
    out = [0.0] * count
    for k, a in zip(order, spread):
        out[k] = a
    return out


def _unheard(out: Layout, m: Moment, cx: float, cy: float, r: float) -> None:
    """A dotted ring round the face of a moment whose score no customer gave
    (no evidence, or assumptions only): a guess reads as one, beside what
    customers said."""
    if m.guessed:
        dotted_ring(out, cx, cy, r + UNHEARD_GAP)


def dotted_ring(out: Layout, cx: float, cy: float, r: float) -> None:
    """A dotted ring, in the one path that holds the map's rings: a library's
    maps of 20 moments, most of them guesses, grew by 2.6 KB with a path, and
    its paint, a ring."""
    ring = _circle(cx, cy, r)
    for k, shape in enumerate(out.shapes):
        if shape.cls == "jm-unheard":
            out.shapes[k] = Shape(shape.d + ring, "jm-unheard")
            return
    out.shapes.append(Shape(ring, "jm-unheard"))


def _legend(out: Layout, labels: dict, x0: float, y: float, width: float, overlay: Overlay | None) -> float:
    """What the marks mean, in the site's language: the four faces, the killer
    and unrated markers, the ring of a moment no customer rated (when the map
    has one), and the baseline's line on a redesign. Items flow into as many
    rows as the map's width needs; returns the bottom."""
    items: list[tuple[str, str | None, str]] = [("face", e, labels[e])
                                                for e in ("angry", "disappointed", "indifferent", "happy")]
    items += [("killer", None, labels["killer"]), ("unrated", None, labels["not_rated"])]
    if any(shape.cls == "jm-unheard" for shape in out.shapes):
        items.append(("unheard", None, labels["unheard"]))
    if overlay is not None:
        items.append(("baseline", None, labels["baseline_legend"]))
    x, row = x0, y
    for kind, emotion, text in items:
        mark_w = 34 if kind == "baseline" else 20
        box_w = text_width(text, 12)
        if x > x0 and x + mark_w + 6 + box_w > x0 + width:
            x, row = x0, row + 26
        if kind == "baseline":
            out.lines.append(Line(r1(x), r1(row + 10), r1(x + mark_w), r1(row + 10), "jm-legend-baseline"))
        elif kind == "unheard":  # a face in its ring, as on the map: a ring alone read as "not rated"
            out.marks.append(Mark("face", r1(x + 10), r1(row + 10), 7, -1, "indifferent"))
            dotted_ring(out, x + 10, row + 10, 10)
        else:
            out.marks.append(Mark(kind, r1(x + 10), r1(row + 10), 9, -1, emotion))
        out.texts.append(text_box(text, x + mark_w + 6, row + 2, width, 12, "jm-legend"))
        x += mark_w + 6 + box_w + 16
    return row + 26


def _cycle_groups(journey: Journey) -> list[tuple[int | None, list[int]]]:
    """(phase index, touchpoint indexes) in ring order; no phases: one group."""
    if not journey.phases:
        return [(None, list(range(len(journey.touchpoints))))]
    groups = [(p, []) for p in range(len(journey.phases))]
    for i, tp in enumerate(journey.touchpoints):
        groups[journey.phase_index(tp)][1].append(i)
    return groups


def _circle(cx: float, cy: float, r: float) -> str:
    r, x, y = r1(r), r1(cx - r), r1(cy)
    return f"M{n(x)},{n(y)} a{n(r)},{n(r)} 0 1,0 {n(r1(2 * r))},0 a{n(r)},{n(r)} 0 1,0 {n(r1(-2 * r))},0 Z"


def _arc(cx: float, cy: float, r: float, a0: float, a1: float) -> str:
    x0, y0 = r1(cx + r * math.sin(a0)), r1(cy - r * math.cos(a0))
    x1, y1 = r1(cx + r * math.sin(a1)), r1(cy - r * math.cos(a1))
    large = 1 if a1 - a0 > math.pi else 0
    return f"M{n(x0)},{n(y0)} A{n(r1(r))},{n(r1(r))} 0 {large},1 {n(x1)},{n(y1)}"


def _arrowhead(cx: float, cy: float, r: float, angle: float) -> str:
    """A triangle on the ring at `angle`, pointing clockwise: the loop's end leads back to its start."""
    tip = (cx + r * math.sin(angle), cy - r * math.cos(angle))
    back = angle - 0.12
    base = [(cx + (r + d) * math.sin(back), cy - (r + d) * math.cos(back)) for d in (-11, 11)]
    return polyline([tip] + base) + " Z"


def overlaps(a, b) -> bool:
    """Do two boxes (TextBox, or Mark as its square) overlap?"""
    ax, ay, aw, ah = _box(a)
    bx, by, bw, bh = _box(b)
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _box(item) -> tuple[float, float, float, float]:
    if isinstance(item, Mark):
        return item.cx - item.r, item.cy - item.r, 2 * item.r, 2 * item.r
    return item.x, item.y, item.w, item.h
