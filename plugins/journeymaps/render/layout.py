"""Where everything goes: pure geometry for the timeline and the cycle.

A Layout lists rectangles, lines, paths, text boxes and marks (faces, killer
and unrated markers) in SVG user units. Text is wrapped here, and rows and
the canvas grow to fit it, so nothing is cut off and nothing overlaps; the
tests check exactly that on these objects. No SVG is written here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from ..model import Journey, Touchpoint
from ..score import Moment, Scorecard
from .text import text_width, wrap

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


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    cls: str


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
    texts: list[TextBox] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


def line_height(size: float) -> float:
    return round(size * 1.3, 1)


def text_box(text: str, x: float, y: float, width: float, size: float, cls: str, anchor: str = "start", href=None) -> TextBox:
    """Wrap `text` into `width` and place it; `x` is the left edge, centre or
    right edge of the column, after `anchor`."""
    lines = tuple(wrap(text, width, size))
    w = max(text_width(line, size) for line in lines)
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return TextBox(r1(left), r1(y), r1(w), r1(len(lines) * line_height(size)), lines, size, cls, anchor, href)


def r1(value: float) -> float:
    """One decimal: enough precision, and byte-stable output."""
    return round(value + 0.0, 1) + 0.0


# --- timeline -------------------------------------------------------------------------

PAD = 16  # outer margin
LEFT = 150  # room for the y-axis and lane titles
COL = 150  # one touchpoint
CELL = COL - 18  # text width in a column
TITLE_W = LEFT - PAD - 14  # text width of a lane title
FACE_R = 15
CHART_H = 240
CHART_PAD = 26


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


def layout_timeline(
    journey: Journey, card: Scorecard, labels: dict, href_for: Callable[[Touchpoint], str | None], words: bool = True,
    overlay: Overlay | None = None,
) -> Layout:
    """`overlay` adds a baseline's curve, lighter, and marks added moments.
    `words=False` draws the picture alone (bands, scale, curve, faces,
    killer zone): a kiosk puts the words beside it, in large type."""
    out = Layout("timeline")
    left = LEFT if words else PAD  # the margin holds the scale's and lanes' titles
    columns = _columns(journey)
    runs = _runs(columns)
    width = left + COL * len(columns) + PAD
    col_x = lambda c: left + COL * c  # noqa: E731
    y = PAD

    # Phase labels, one per run, wrapped to the run's width.
    if journey.phases and words:
        phase_boxes = [
            text_box(journey.phases[p].label, col_x(a) + 9, y, COL * (b - a + 1) - 18, 14, "jm-phase")
            for a, b, p in runs
        ]
        out.texts += phase_boxes
        y += max(b.h for b in phase_boxes) + 12
    band_top = y - 6 if journey.phases and words else PAD

    # Touchpoint labels, numbered so the table below the map can be matched.
    label_boxes = []
    for c, (i, _) in enumerate(columns if words else []):
        if i is None:
            continue
        tp = journey.touchpoints[i]
        new = f" ({labels['added']})" if overlay and i in overlay.added else ""
        label_boxes.append(
            text_box(f"{i + 1}. {tp.label}{new}", col_x(c) + COL / 2, y, CELL, 13, "jm-label", "middle", href_for(tp))
        )
    out.texts += label_boxes
    y += (max(b.h for b in label_boxes) if label_boxes else 0) + 14

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
            cx = col_x(col_of[m.index]) + COL / 2
            placed[m.index] = (r1(cx), r1(score_y(m.score)))
            out.marks.append(Mark("face", r1(cx), r1(score_y(m.score)), FACE_R, m.index, m.emotion))

    # Not rated: a row of its own, off the curve.
    unrated = [m for m in card.moments if m.score is None and not m.killers]
    if unrated:
        out.rects.append(Rect(left, y, width - PAD - left, 44, "jm-zone jm-zone--unrated"))
        if words:
            out.texts.append(text_box(labels["not_rated"], PAD, y + 6, TITLE_W, 12, "jm-lane-title"))
        for m in unrated:
            cx = col_x(col_of[m.index]) + COL / 2
            out.marks.append(Mark("unrated", r1(cx), r1(y + 22), 13, m.index, None))
        y += 44

    # The killer zone, below the scale: a marker and the killer's name.
    zone_top = y + 4
    killer_boxes = []
    for m in card.moments:
        if m.killers:
            cx = col_x(col_of[m.index]) + COL / 2
            out.marks.append(Mark("killer", r1(cx), r1(zone_top + 26), 16, m.index, None))
            placed[m.index] = (r1(cx), r1(zone_top + 26))
            names = ", ".join(k.label for k in m.killers)
            if words:
                killer_boxes.append(text_box(names, cx, zone_top + 48, CELL, 12, "jm-killer-label", "middle"))
    out.texts += killer_boxes
    zone_h = max([48 + b.h + 8 for b in killer_boxes] + [50])
    out.rects.append(Rect(left, r1(zone_top), width - PAD - left, r1(zone_h), "jm-zone jm-zone--killer"))
    if words:
        out.texts.append(text_box(labels["killer_zone"], PAD, zone_top + 8, TITLE_W, 12, "jm-lane-title jm-lane-title--killer"))
    y = zone_top + zone_h

    # The emotion curve: through every rated moment in order, down into the
    # killer zone where a killer strikes.
    out.curve = [placed[i] for i in sorted(placed)]
    if overlay:
        out.baseline_curve = [
            (r1(col_x(col_of[i]) + COL / 2), r1(score_y(score))) for i, score in sorted(overlay.scores.items())
        ]

    # The baseline's moments that the redesign drops: they have no column.
    if words and overlay and overlay.removed:
        y += 8
        title = text_box(labels["removed_moments"], PAD, y + 8, TITLE_W, 12, "jm-lane-title")
        text = text_box("; ".join(overlay.removed), left + 9, y + 8, width - PAD - left - 18, 12, "jm-lane jm-lane--removed")
        height = max(title.h, text.h) + 16
        out.rects.append(Rect(PAD - 6, r1(y), width - PAD - (PAD - 6), r1(height), "jm-lane-row jm-lane-row--1"))
        out.texts += [title, text]
        y += height

    # Lanes beneath, only those the journey uses.
    y += 8
    for n, lane in enumerate(k for k in LANES if words and any(getattr(tp, k) for tp in journey.touchpoints)):
        title = text_box(labels[lane], PAD, y + 8, TITLE_W, 12, "jm-lane-title")
        cells = []
        for c, (i, _) in enumerate(columns):
            value = getattr(journey.touchpoints[i], lane) if i is not None else None
            if value:
                text = f"“{value}”" if lane == "quote" else value
                cells.append(text_box(text, col_x(c) + 9, y + 8, CELL, 12, f"jm-lane jm-lane--{lane}"))
        height = max(b.h for b in cells + [title]) + 16
        out.rects.append(Rect(PAD - 6, r1(y), width - PAD - (PAD - 6), r1(height), f"jm-lane-row jm-lane-row--{n % 2}"))
        out.texts += [title] + cells
        y += height

    if words:
        y = _legend(out, labels, PAD, y + 10, width - 2 * PAD, overlay)

    # Phase bands behind everything, alternating tints.
    band_bottom = chart_top + CHART_H
    for n, (a, b, p) in enumerate(runs):
        out.rects.insert(0, Rect(col_x(a), r1(band_top), COL * (b - a + 1), r1(band_bottom - band_top), f"jm-band jm-band--{n % 2}"))
    out.width, out.height = r1(width), r1(y + PAD)
    return out


# --- cycle ----------------------------------------------------------------------------

KEY_W = 340  # a column of the numbered key below the ring
LOOP_GAP = 0.3  # radians kept free at 12 o'clock
LABEL_ROOM = 124  # room around the ring for phase names


def layout_cycle(
    journey: Journey, card: Scorecard, labels: dict, href_for: Callable[[Touchpoint], str | None], words: bool = True,
    overlay: Overlay | None = None,
) -> Layout:
    out = Layout("cycle")
    n = len(journey.touchpoints)
    killers = [m for m in card.moments if m.killers]
    # Radii grow with the number of touchpoints so faces never crowd.
    r_killer = max(42.0, len(killers) * 34 / (2 * math.pi) + 22)
    r1_ = max(r_killer + 34, n * 2 * (FACE_R + 3) / (2 * math.pi))  # score 1
    r5 = r1_ + 116  # score 5
    r_unrated = r5 + 26
    r_band = r_unrated + 30  # the phase ring, with touchpoint numbers on it
    cx = cy = PAD + LABEL_ROOM + r_band

    phases = journey.phases or []
    groups = _cycle_groups(journey)
    weights = [max(1, len(members)) for _, members in groups]
    total = sum(weights)
    gap = min(0.06, math.pi / max(len(groups), 1) / 4)  # radians between phase arcs

    angle_of: dict[int, float] = {}
    start = LOOP_GAP / 2  # the gap at 12 o'clock holds the loop's arrow and the scale
    arcs = []
    for (p, members), weight in zip(groups, weights):
        span = (2 * math.pi - LOOP_GAP) * weight / total
        a0, a1 = start + gap / 2, start + span - gap / 2
        arcs.append((a0, a1, p))
        for k, i in enumerate(members):
            angle_of[i] = a0 + (a1 - a0) * (k + 0.5) / len(members)
        start += span

    point = lambda a, r: (r1(cx + r * math.sin(a)), r1(cy - r * math.cos(a)))  # noqa: E731 - 0 rad is 12 o'clock

    # Guides: one ring per score, the unrated ring, the killer disc.
    out.shapes.append(Shape(_circle(cx, cy, r_killer), "jm-zone jm-zone--killer"))
    for s in range(1, 6):
        out.shapes.append(Shape(_circle(cx, cy, r1_ + (s - 1) / 4 * (r5 - r1_)), "jm-grid"))
        x, y = point(0.0, r1_ + (s - 1) / 4 * (r5 - r1_))
        if words:
            out.texts.append(text_box(str(s), x, y - 7, 12, 11, "jm-axis", "middle"))
    out.shapes.append(Shape(_circle(cx, cy, r_unrated), "jm-grid jm-grid--unrated"))

    # Phase arcs, and an arrow across the gap from the last phase back into the first.
    for n_arc, (a0, a1, p) in enumerate(arcs):
        out.shapes.append(Shape(_arc(cx, cy, r_band, a0, a1), f"jm-phase-arc jm-phase-arc--{n_arc % 2}"))
    out.shapes.append(Shape(_arc(cx, cy, r_band, arcs[-1][1] - 2 * math.pi, arcs[0][0] - 0.1), "jm-loop"))
    out.shapes.append(Shape(_arrowhead(cx, cy, r_band, arcs[0][0]), "jm-loop-arrow"))

    placed: dict[int, tuple[float, float]] = {}
    for m in card.moments:
        a = angle_of[m.index]
        if m.killers:
            # In the killer disc, with a dashed spoke out to where it strikes.
            x, y = point(a, r_killer - 22 if len(killers) > 1 else 0)
            out.marks.append(Mark("killer", x, y, 13, m.index))
            out.lines.append(Line(x, y, *point(a, r_band - 12), "jm-killer-spoke"))
            continue
        elif m.score is None:
            x, y = point(a, r_unrated)
            out.marks.append(Mark("unrated", x, y, 11, m.index))
            continue
        else:
            x, y = point(a, r1_ + (m.score - 1) / 4 * (r5 - r1_))
            out.marks.append(Mark("face", x, y, FACE_R - 2, m.index, m.emotion))
        placed[m.index] = (x, y)
    if overlay:  # the baseline as a lighter inner trace
        out.baseline_curve = [point(angle_of[i], r1_ + (score - 1) / 4 * (r5 - r1_)) for i, score in sorted(overlay.scores.items())]
    size = 2 * (PAD + LABEL_ROOM + r_band)
    if not words:
        out.curve = [placed[i] for i in sorted(placed)]
        out.width = out.height = r1(size)
        return out
    for m in card.moments:
        bx, by = point(angle_of[m.index], r_band)
        out.texts.append(text_box(str(m.index + 1), bx, by - 7, 30, 11, "jm-badge-number", "middle"))
    out.curve = [placed[i] for i in sorted(placed)]

    # Phase names outside the ring, if every one fits; the key names them anyway.
    ring_labels = []
    for a0, a1, p in arcs:
        if p is None:
            continue
        mid = (a0 + a1) / 2
        x, y = point(mid, r_band + 18)
        anchor = "start" if math.sin(mid) > 0.2 else "end" if math.sin(mid) < -0.2 else "middle"
        box = text_box(phases[p].label, x, y - (0 if math.cos(mid) < 0 else 14), LABEL_ROOM - 12, 13, "jm-phase", anchor)
        if math.cos(mid) > 0.2:
            box = TextBox(box.x, r1(y - box.h), box.w, box.h, box.lines, box.size, box.cls, box.anchor)
        ring_labels.append(box)
    size = 2 * (PAD + LABEL_ROOM + r_band)
    if all(0 <= b.x and b.x + b.w <= size and 0 <= b.y and b.y + b.h <= size for b in ring_labels) and not any(
        overlaps(b, c) for k, b in enumerate(ring_labels) for c in ring_labels[k + 1 :]
    ):
        out.texts += ring_labels

    # The key below the ring: phases with their numbered moments, in as many
    # columns as the ring is wide, so the map stays about as wide as the ring.
    columns = max(1, int((size - 2 * PAD) // KEY_W))
    blocks = []
    for p, members in groups:
        block = []
        if p is not None:
            block.append(text_box(phases[p].label, 0, 0, KEY_W - 20, 14, "jm-phase"))
        for i in members:
            tp = journey.touchpoints[i]
            new = f" ({labels['added']})" if overlay and i in overlay.added else ""
            block.append(text_box(f"{i + 1}. {tp.label}{new}", 12, 0, KEY_W - 32, 13, "jm-label", "start", href_for(tp)))
        blocks.append(block)
    if overlay and overlay.removed:
        blocks.append([text_box(labels["removed_moments"], 0, 0, KEY_W - 20, 14, "jm-phase")]
                      + [text_box(label, 12, 0, KEY_W - 32, 13, "jm-label") for label in overlay.removed])
    heights = [sum(b.h + 3 for b in block) + 10 for block in blocks]
    per_column = sum(heights) / columns
    x, top, y, column = PAD, size, size, 0
    bottom = size
    for block, height in zip(blocks, heights):
        if y > top and y - top + height > per_column + 1 and column < columns - 1:
            column, y = column + 1, top
            x = PAD + column * KEY_W
        for box in block:
            out.texts.append(TextBox(r1(x + box.x), r1(y), box.w, box.h, box.lines, box.size, box.cls, box.anchor, box.href))
            y += box.h + 3
        y += 10
        bottom = max(bottom, y)
    bottom = _legend(out, labels, PAD, bottom + 4, size - 2 * PAD, overlay)
    out.width = r1(size)
    out.height = r1(bottom + PAD)
    return out


def _legend(out: Layout, labels: dict, x0: float, y: float, width: float, overlay: Overlay | None) -> float:
    """What the marks mean, in the site's language: the four faces, the killer
    and unrated markers, and the baseline's line on a redesign. Items flow
    into as many rows as the map's width needs; returns the bottom."""
    items: list[tuple[str, str | None, str]] = [("face", e, labels[e]) for e in ("angry", "disappointed", "indifferent", "happy")]
    items += [("killer", None, labels["killer"]), ("unrated", None, labels["not_rated"])]
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
    r = r1(r)
    return f"M{r1(cx - r)},{r1(cy)} a{r},{r} 0 1,0 {r1(2 * r)},0 a{r},{r} 0 1,0 {r1(-2 * r)},0 Z"


def _arc(cx: float, cy: float, r: float, a0: float, a1: float) -> str:
    x0, y0 = r1(cx + r * math.sin(a0)), r1(cy - r * math.cos(a0))
    x1, y1 = r1(cx + r * math.sin(a1)), r1(cy - r * math.cos(a1))
    large = 1 if a1 - a0 > math.pi else 0
    return f"M{x0},{y0} A{r1(r)},{r1(r)} 0 {large},1 {x1},{y1}"


def _arrowhead(cx: float, cy: float, r: float, angle: float) -> str:
    """A triangle on the ring at `angle`, pointing clockwise: the loop's end leads back to its start."""
    tip = (cx + r * math.sin(angle), cy - r * math.cos(angle))
    back = angle - 0.12
    base = [(cx + (r + d) * math.sin(back), cy - (r + d) * math.cos(back)) for d in (-11, 11)]
    points = [tip] + base
    return "M" + " L".join(f"{r1(x)},{r1(y)}" for x, y in points) + " Z"


def overlaps(a, b) -> bool:
    """Do two boxes (TextBox, or Mark as its square) overlap?"""
    ax, ay, aw, ah = _box(a)
    bx, by, bw, bh = _box(b)
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _box(item) -> tuple[float, float, float, float]:
    if isinstance(item, Mark):
        return item.cx - item.r, item.cy - item.r, 2 * item.r, 2 * item.r
    return item.x, item.y, item.w, item.h
