"""The organisation overview: owners (rows) against phases (columns), each
cell the average experience of that owner's moments in that phase, killers
marked. Geometry only, written by svg.py like the maps.

A library has a column for every phase name its journeys use (35 in the
example site), most of them empty in most rows: the cells are small and the
phase names slanted above them, so a screen shows a few dozen columns and
the pattern reads at a glance. Each cell's figures are in its tooltip and in
the table under the map. Empty cells are not drawn: lines between the
columns and bands behind the rows guide the eye along them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable

from ..i18n import format_number
from ..score import emotion_for
from .layout import PAD, Layout, Mark, Rect, Shape, TextBox, line_height, n, r1, text_box
from .text import cut_to_width, text_width

if TYPE_CHECKING:  # organisation imports present, which names the map's symbols from here
    from ..organisation import Cell, HeatMap

NAME_W = 190  # the owners' column
CELL_W = 42
CELL_H = 30
PHASE_SIZE = 12
PHASE_W = 170  # a phase name's longest run along its slant; the table has it whole
SLANT = -45  # degrees
KILLER_R = 7


def layout_heat_map(heat: HeatMap, labels: dict, language: str,
                    href_for: Callable[[str], str | None] = lambda owner: None) -> Layout:
    """`href_for`: a department -> the link to its page, on its name."""
    out = Layout("heatmap")
    x0 = PAD + NAME_W
    names = [_phase_name(phase, labels) for phase in heat.phases]
    widths = [text_width(name, PHASE_SIZE, True) for name in names]
    # A slanted name rises from below its column's centre to the upper right.
    # Its glyphs stand about 0.8em above the baseline, at right angles to it.
    cos, sin = math.cos(math.radians(SLANT)), -math.sin(math.radians(SLANT))
    rise = max([w * sin + 0.8 * PHASE_SIZE * cos for w in widths] + [PHASE_SIZE])
    y0 = r1(PAD + rise + 8)
    grid_right = right = x0 + CELL_W * max(1, len(heat.phases))
    for c, (name, w) in enumerate(zip(names, widths)):
        x, y = x0 + c * CELL_W + CELL_W / 2 + 2, y0 - 6
        out.texts.append(TextBox(r1(x), r1(y - 0.95 * PHASE_SIZE), r1(w), line_height(PHASE_SIZE), (name,),
                                 PHASE_SIZE, "jm-phase", rotate=SLANT))
        right = max(right, x + w * cos + 0.8 * PHASE_SIZE * sin)
    width = r1(right + PAD)

    y = y0
    for row, owner in enumerate(heat.owners):
        name = text_box(owner, PAD, y + 8, NAME_W - 16, 13, "jm-heat-owner", href=href_for(owner))
        height = max(CELL_H, name.h + 16)
        band = f"jm-heat-row jm-heat-row--{row % 2}"
        out.rects.append(Rect(PAD - 6, r1(y), r1(grid_right - PAD + 6), r1(height), band))
        out.texts.append(name)
        for c, phase in enumerate(heat.phases):
            _cell(out, heat.cells.get((owner, phase)), x0 + c * CELL_W, y, height,
                  f"{owner} · {phase or labels['no_phase']}", labels, language)
        y += height
    # Columns are told apart by lines, rows by their bands: a rectangle for
    # every empty cell was nine tenths of the picture (40 departments
    # against 300 phase names would have been 12,000 of them).
    out.shapes.append(Shape("".join(f"M{n(x0 + c * CELL_W)},{n(y0)}V{n(y)}" for c in range(len(heat.phases) + 1)),
                            "jm-heat-grid"))
    out.width = width
    out.height = r1(y + PAD)
    return out


def _phase_name(phase: str, labels: dict) -> str:
    """A phase's name as the map writes it: on one slanted line, cut when too long."""
    return cut_to_width(phase or labels["no_phase"], PHASE_W, PHASE_SIZE, True)


def shows_every_figure(heat: HeatMap, labels: dict) -> bool:
    """Whether the map itself says all that the table of the same figures
    says: every phase's name whole and every cell's killers counted. A cell
    with an average has room for one killer marker only, whatever the count."""
    for phase in heat.phases:
        if _phase_name(phase, labels) != " ".join((phase or labels["no_phase"]).split()):
            return False
    return all(cell.average is None or cell.killers <= 1 for cell in heat.cells.values())


def _cell(out: Layout, cell: Cell | None, x: float, y: float, height: float, place: str, labels: dict,
          language: str) -> None:
    """One cell: its colour, its average and a marker for killers; what it
    holds in words as its tooltip."""
    if cell is None:
        return
    average = format_number(cell.average, language) if cell.average is not None else None
    band = emotion_for(cell.average) if cell.average is not None else "killed"
    tip = place + (f": {labels['average']} {average}" if average else "")
    if cell.killers:
        tip += f" · {labels['killers_count']}: {cell.killers}"
    out.rects.append(Rect(x + 2, r1(y + 2), CELL_W - 4, r1(height - 4), f"jm-cell jm-cell--{band}", tip))
    middle = y + height / 2
    if cell.killers:
        alone = average is None and cell.killers == 1
        out.marks.append(Mark("killer", r1(x + (CELL_W / 2 if alone else 3 + KILLER_R)), r1(middle), KILLER_R, -1))
    if average is not None:
        size = 11 if cell.killers else 12
        anchor, at = ("end", x + CELL_W - 3) if cell.killers else ("middle", x + CELL_W / 2)
        out.texts.append(text_box(average, at, middle - 0.65 * size, CELL_W, size, "jm-cell-text", anchor))
    elif cell.killers > 1:
        out.texts.append(text_box(f"×{cell.killers}", x + CELL_W - 4, middle - 0.65 * 11, CELL_W, 11,
                                  "jm-cell-text jm-cell-text--killer", "end"))

