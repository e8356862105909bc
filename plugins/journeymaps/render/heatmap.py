"""The organisation overview: owners (rows) against phases (columns), each
cell the average experience of that owner's moments in that phase, killers
marked. Geometry only, written by svg.py like the maps.

A library has a column for every phase name its journeys use (35 in the
example site), most of them empty in most rows: the cells are small and the
phase names slanted above them, so a screen shows a few dozen columns and
the pattern reads at a glance. Each cell's figures are in its tooltip and in
the table under the map. Empty cells are not drawn: lines between the
columns and bands behind the rows guide the eye along them. On paper,
where nothing scrolls, a library with more phases than departments prints
the map turned: phases as rows, departments as columns.
"""

from __future__ import annotations

import math
from itertools import accumulate
from typing import TYPE_CHECKING, Callable

from ..i18n import count_killers, format_number
from ..score import emotion_for
from .layout import PAD, Layout, Mark, Rect, Shape, TextBox, dotted_ring, line_height, n, r1, text_box
from .text import cut_to_width, text_width, wrap

if TYPE_CHECKING:  # organisation imports present, which names the map's symbols from here
    from ..organisation import Cell, HeatMap

NAME_W = 190  # the owners' column
CELL_W = 42  # wider, the map printed turned is drawn smaller: its digits under 3.2 points
CELL_H = 30
PHASE_SIZE = 12
PHASE_W = 170  # a phase name's longest run along its slant; the table has it whole
DEPARTMENT_W = 230  # ... and a department's, on the map turned for paper, on two lines: their names run longer
SLANT = -45  # degrees
UPRIGHT = -90  # the map turned for paper: upright names take no room right of the grid, where paper has none
KILLER_R = 7
# From a cell's edge to its face, and to the end of its number: 1 and 2 inside the tint, which starts 2 in.
FACE_INSET, NUMBER_INSET = 3, 4
GUESS_GAP = 1  # between a guessed cell's face and its dotted ring
NAMES_BELOW_AFTER = 12  # rows: under a longer grid its columns are named again, slanting down


def layout_heat_map(heat: HeatMap, labels: dict, language: str,
                    href_for: Callable[[str], str | None] = lambda owner: None, transposed: bool = False) -> Layout:
    """`href_for`: a department -> the link to its page, on its name.
    `transposed`: phases as rows and departments as columns, as the overview
    prints a library with more phases than departments (see `prints_transposed`)."""
    out = Layout("heatmap")
    columns, rows = (heat.owners, heat.phases) if transposed else (heat.phases, heat.owners)
    x0 = PAD + NAME_W
    heads = [_heading(column, labels, transposed)[0] for column in columns]
    widths = [max(text_width(line, PHASE_SIZE, True) for line in lines) for lines in heads]
    # A slanted name rises from below its column's centre to the upper right.
    # Its glyphs stand about 0.8em above the baseline, at right angles to it.
    slant = UPRIGHT if transposed else SLANT
    cos, sin = math.cos(math.radians(slant)), -math.sin(math.radians(slant))
    rise = max([w * sin + 0.8 * PHASE_SIZE * cos for w in widths] + [PHASE_SIZE])
    y0 = r1(PAD + rise + 8)
    grid_right = right = x0 + CELL_W * max(1, len(columns))
    lh = line_height(PHASE_SIZE)
    for c, (lines, w) in enumerate(zip(heads, widths)):
        centre = x0 + c * CELL_W + CELL_W / 2
        # Upright, a name's glyphs stand left of its baseline and a second
        # line right of the first: the lines together are centred on the column.
        x, y = (centre - ((len(lines) - 1) * lh - 0.55 * PHASE_SIZE) / 2 if transposed else centre + 2), y0 - 6
        out.texts.append(TextBox(r1(x), r1(y - 0.95 * PHASE_SIZE), r1(w), lh * len(lines), lines,
                                 PHASE_SIZE, "jm-phase", rotate=slant))
        right = max(right, x + w * cos + (0.8 * PHASE_SIZE + (len(lines) - 1) * lh) * sin)
    width = r1(right + PAD)

    y = y0
    for r, row in enumerate(rows):
        # A row's name is wrapped whole; only a department's links to its page.
        name = text_box(row or labels["no_phase"], PAD, y + 8, NAME_W - 16, 13, "jm-heat-owner",
                        href=None if transposed else href_for(row))
        height = max(CELL_H, name.h + 16)
        band = f"jm-heat-row jm-heat-row--{r % 2}"
        out.rects.append(Rect(PAD - 6, r1(y), r1(grid_right - PAD + 6), r1(height), band))
        out.texts.append(name)
        for c, column in enumerate(columns):
            owner, phase = (column, row) if transposed else (row, column)
            _cell(out, heat.cells.get((owner, phase)), x0 + c * CELL_W, y, height,
                  f"{owner} · {phase or labels['no_phase']}", labels, language)
        y += height
    # Columns are told apart by lines, rows by their bands: a rectangle for
    # every empty cell was nine tenths of the picture (40 departments
    # against 300 phase names would have been 12,000 of them).
    out.shapes.append(Shape("".join(f"M{n(x0 + c * CELL_W)},{n(y0)}V{n(y)}" for c in range(len(columns) + 1)),
                            "jm-heat-grid"))
    bottom = y
    if len(rows) > NAMES_BELOW_AFTER and not transposed:
        # Scrolled down to its last rows, the names over the grid were off
        # screen and the columns told apart only by a pointer over a cell.
        # Mirrored: a name falls from just below its column to the lower right.
        glyphs = 0.8 * PHASE_SIZE * cos  # how far the glyphs stand out from the baseline, each way
        baseline = bottom + 6 + glyphs
        for c, (lines, w) in enumerate(zip(heads, widths)):
            x = x0 + c * CELL_W + CELL_W / 2 - glyphs / 2
            out.texts.append(TextBox(r1(x), r1(baseline - 0.95 * PHASE_SIZE), r1(w), lh, lines,
                                     PHASE_SIZE, "jm-phase jm-phase--below", rotate=-slant))
            right = max(right, x + glyphs + w * cos)
        bottom = baseline + max(widths, default=0) * sin
        width = max(width, r1(right + PAD))
    out.width = width
    out.height = r1(bottom + PAD)
    return out


def prints_transposed(heat: HeatMap) -> bool:
    """Whether the overview prints its map turned, phases as rows: paper
    has room for rows (they run on to the next sheet), not for columns. The
    example's 35 phases as columns were drawn at 0.35 times their size on A4,
    their figures at about 3 points."""
    return len(heat.phases) > len(heat.owners)


# The sheet the turned map is cut up for, in CSS pixels. Material prints
# with margins of 25 mm, which leave 160 x 247 mm on A4 and 166 x 229 mm on
# US Letter: the wider of the two (a map drawn wider is drawn taller) and
# the lower, less a little for the line a picture stands on.
SHEET_W, SHEET_H = 627, 850


def sheets(heat: HeatMap, labels: dict, language: str) -> list[HeatMap]:
    """The map turned for paper in parts that each fit a sheet, a run of
    phases each, every part under the departments' names. In one picture,
    a sheet's edge cut a row in half and the sheets after the first had no
    names over their columns."""
    layout = layout_heat_map(heat, labels, language, transposed=True)
    scale = min(1.0, SHEET_W / layout.width)
    grid_top = min(r.y for r in layout.rects)
    room = SHEET_H / scale - grid_top - PAD  # for rows, below the names
    rows = [r.h for r in layout.rects if r.cls.startswith("jm-heat-row ")]
    runs = _cut(rows, room)
    if len(runs) == 1:
        return [heat]
    # As many parts as the sheets need, about equally long (17 rows and 3
    # become 10 and 10): each cut at the row nearest its share, unless a
    # part would then not fit its sheet.
    ends = list(accumulate(rows, initial=0))
    cuts = [min(range(len(ends)), key=lambda i: abs(ends[i] - k * ends[-1] / len(runs))) for k in range(len(runs))]
    even = list(zip(cuts, cuts[1:] + [len(rows)]))
    if all(start < end and ends[end] - ends[start] <= room for start, end in even):
        runs = even
    part_of = {phase: k for k, (start, end) in enumerate(runs) for phase in heat.phases[start:end]}
    cells: list[dict] = [{} for _ in runs]
    for key, cell in heat.cells.items():
        cells[part_of[key[1]]][key] = cell
    return [type(heat)(heat.owners, heat.phases[start:end], part) for (start, end), part in zip(runs, cells)]


def _cut(rows: list[float], room: float) -> list[tuple[int, int]]:
    """Runs of rows, (start, end), as many as fit in `room` one after another."""
    runs, start, used = [], 0, 0.0
    for i, height in enumerate(rows):
        if used + height > room and i > start:
            runs.append((start, i))
            start, used = i, 0.0
        used += height
    return runs + [(start, len(rows))]


def _heading(name: str, labels: dict, transposed: bool) -> tuple[tuple[str, ...], bool]:
    """A column's name as the map writes it, and whether it is whole: on one
    slanted line, or upright on two, cut when too long."""
    text = " ".join((name or labels["no_phase"]).split())
    if not transposed:
        line = cut_to_width(text, PHASE_W, PHASE_SIZE, True)
        return (line,), line == text
    lines = wrap(text, DEPARTMENT_W, PHASE_SIZE, True)
    if len(lines) <= 2:
        return tuple(lines), True
    return (lines[0], cut_to_width(" ".join(lines[1:]), DEPARTMENT_W, PHASE_SIZE, True)), False


def shows_every_figure(heat: HeatMap, labels: dict, transposed: bool = False) -> bool:
    """Whether the map itself says all that the table of the same figures
    says: every column's name whole (a row's is wrapped, never cut) and every
    cell's killers counted. A cell with an average has room for one killer
    marker only, whatever the count."""
    if not all(_heading(column, labels, transposed)[1] for column in (heat.owners if transposed else heat.phases)):
        return False
    return all(cell.average is None or cell.killers <= 1 for cell in heat.cells.values())


def _cell(out: Layout, cell: Cell | None, x: float, y: float, height: float, place: str, labels: dict,
          language: str) -> None:
    """One cell: its colour, its average and the face of it, or a marker for
    killers instead of the face; what it holds in words as its tooltip."""
    if cell is None:
        return
    average = format_number(cell.average, language) if cell.average is not None else None
    band = emotion_for(cell.average) if cell.average is not None else "killed"
    tip = place + (f": {labels['average']} {average}" if average else "")
    if average and cell.guessed:
        tip += f" · {labels['unheard']}"
    if cell.killers:
        tip += " · " + count_killers(cell.killers, labels)
    out.rects.append(Rect(x + 2, r1(y + 2), CELL_W - 4, r1(height - 4), f"jm-cell jm-cell--{band}", tip))
    middle = y + height / 2
    if cell.killers:
        alone = average is None and cell.killers == 1
        left = CELL_W / 2 if alone else FACE_INSET + KILLER_R
        out.marks.append(Mark("killer", r1(x + left), r1(middle), KILLER_R, -1))
    elif average is not None:
        # The face of its average, as on the maps: by colour alone, the best
        # cells and the worst were equally light, one to a red-green blind eye.
        # A guess in the maps' dotted ring, its face a unit smaller: the ring, stroke and all, keeps to
        # the cell's tint and clear of its number (the 15.5 units from the tint's edge to the number's).
        r, cx = KILLER_R, x + FACE_INSET + KILLER_R
        if cell.guessed:
            r, cx = r - 1, cx - 0.25
        out.marks.append(Mark("face", r1(cx), r1(middle), r, -1, band))
        if cell.guessed:
            dotted_ring(out, cx, middle, r + GUESS_GAP)
    if average is not None:
        size = 11
        out.texts.append(text_box(average, x + CELL_W - NUMBER_INSET, middle - 0.65 * size, CELL_W, size,
                                  "jm-cell-text", "end"))
    elif cell.killers > 1:
        out.texts.append(text_box(f"×{cell.killers}", x + CELL_W - NUMBER_INSET, middle - 0.65 * 11, CELL_W, 11,
                                  "jm-cell-text jm-cell-text--killer", "end"))

