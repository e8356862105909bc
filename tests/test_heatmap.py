"""The overview's heat map as laid out and written: small cells under slanted
phase names, each name and figure inside the picture and clear of the
others, each filled cell's figures in its tooltip."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from journeymaps.i18n import labels_for
from journeymaps.organisation import Cell, HeatMap
from journeymaps.render import render_heat_map
from journeymaps.render.heatmap import (
    DEPARTMENT_W, GUESS_GAP, PHASE_W, SHEET_H, SHEET_W, layout_heat_map, prints_transposed, sheets, shows_every_figure,
)
from journeymaps.render.text import text_width

LABELS = labels_for("nl")
SVG = "{http://www.w3.org/2000/svg}"

PHASES = [f"Fase {i}" for i in range(30)] + ["Een heel lange fasenaam die nooit op één schuine regel past", ""]
OWNERS = ["Klantcontactcentrum", "Bouw- en woningtoezicht en Ruimtelijke Ordening samen", "ICT"]
CELLS = {
    ("ICT", "Fase 0"): Cell(1.5, 2, 0),
    ("ICT", "Fase 29"): Cell(4.3, 3, 0),
    ("Klantcontactcentrum", "Fase 1"): Cell(None, 0, 1),  # a killer alone
    ("Klantcontactcentrum", "Fase 2"): Cell(None, 0, 3),  # three killers, nothing rated
    ("Klantcontactcentrum", PHASES[-2]): Cell(2.5, 1, 2),  # killers beside rated moments
    (OWNERS[1], ""): Cell(3.8, 4, 0),
}
HEAT = HeatMap(OWNERS, PHASES, CELLS)


def corners(box) -> list[tuple[float, float]]:
    """The four corners of a text box as drawn, turned by its `rotate` around
    the start of its first baseline (as svg.py writes it)."""
    base_x, base_y = box.x, box.y + 0.95 * box.size
    angle = math.radians(box.rotate)
    points = [(box.x, box.y), (box.x + box.w, box.y), (box.x, box.y + box.h), (box.x + box.w, box.y + box.h)]
    return [(base_x + (x - base_x) * math.cos(angle) - (y - base_y) * math.sin(angle),
             base_y + (x - base_x) * math.sin(angle) + (y - base_y) * math.cos(angle)) for x, y in points]


def test_a_long_grid_names_its_columns_again_below_it_inside_the_picture():
    # Scrolled down to the last of 40 departments, the names over the grid
    # were off screen: the columns were told apart only by a pointer on a cell.
    many = [f"Afdeling {i}" for i in range(13)]
    layout = layout_heat_map(HeatMap(many, PHASES, {}), LABELS, "nl")
    above = [t for t in layout.texts if t.cls == "jm-phase"]
    below = [t for t in layout.texts if t.cls == "jm-phase jm-phase--below"]
    assert [t.lines for t in below] == [t.lines for t in above] and len(below) == len(PHASES)
    grid_bottom = max(r.y + r.h for r in layout.rects)
    for a, b in zip(above, below):
        assert b.rotate == -a.rotate  # falling to the right, as the names above rise
        assert abs(b.x - a.x) < 12  # under its own column
        for x, y in corners(b):
            assert 0 <= x <= layout.width and grid_bottom <= y <= layout.height, (b.lines, x, y)
    # twelve departments fit a screen with the names above in view: no second row of names
    few = layout_heat_map(HeatMap(many[:12], PHASES, {}), LABELS, "nl")
    assert not [t for t in few.texts if t.cls == "jm-phase jm-phase--below"]
    assert not [t for t in layout_heat_map(HeatMap(many, PHASES, {}), LABELS, "nl", transposed=True).texts
                if "jm-phase--below" in t.cls]  # on paper, where the turned map is cut into sheets


def test_slanted_phase_names_stay_inside_the_picture_above_the_grid_and_apart():
    layout = layout_heat_map(HEAT, LABELS, "nl")
    names = [t for t in layout.texts if t.cls == "jm-phase"]
    assert len(names) == len(PHASES) and all(t.rotate for t in names)
    grid_top = min(r.y for r in layout.rects)
    for box in names:
        for x, y in corners(box):
            assert 0 <= x <= layout.width and 0 <= y <= grid_top, (box.lines, x, y)
    # Parallel baselines one column apart: further apart than a line is high.
    angle = math.radians(names[0].rotate)
    for a, b in zip(names, names[1:]):
        apart = abs((b.x - a.x) * math.sin(angle) - (b.y - a.y) * math.cos(angle))
        assert apart >= a.line_height, (a.lines, b.lines, apart)
    # A name longer than the slant allows is cut with an ellipsis (the table has it whole).
    long = names[-2].lines[0]
    assert long.endswith("…") and PHASES[-2].startswith(long[:-1]) and text_width(long, 12, True) <= PHASE_W
    assert names[-1].lines == (LABELS["no_phase"],)


def test_cells_hold_their_figures_clear_of_the_killer_marker_and_the_names():
    layout = layout_heat_map(HEAT, LABELS, "nl")
    cells = [r for r in layout.rects if r.cls.startswith("jm-cell ")]
    assert len(cells) == len(CELLS)  # empty cells are not drawn: lines part the columns
    grid = next(s for s in layout.shapes if s.cls == "jm-heat-grid")
    assert grid.d.count("M") == len(PHASES) + 1
    figures = [t for t in layout.texts if t.cls.startswith("jm-cell-text")]
    assert sorted(t.lines[0] for t in figures) == ["1,5", "2,5", "3,8", "4,3", "×3"]
    for text in figures:
        cell = next(r for r in cells if r.x <= text.x and text.x + text.w <= r.x + r.w
                    and r.y <= text.y and text.y + text.h <= r.y + r.h)
        assert text.x + text.w <= cell.x + cell.w - 2, text  # not against the tint's edge
        for mark in layout.marks:
            inside = cell.x <= mark.cx <= cell.x + cell.w and cell.y <= mark.cy <= cell.y + cell.h
            assert not inside or cell.x + 1 <= mark.cx - mark.r, mark
            if inside:  # the figure starts right of the marker
                assert mark.cx + mark.r <= text.x, (text.lines, mark)
    # A cell with killers has their marker; one without, the face of its average, told
    # by its shape as on the maps, not by its colour alone.
    kinds = sorted((m.kind, m.emotion) for m in layout.marks)
    assert kinds == [("face", "angry"), ("face", "happy"), ("face", "indifferent"),
                     ("killer", None), ("killer", None), ("killer", None)], kinds
    # Owners' names wrap inside their column, and their rows grow to hold them.
    owners = [t for t in layout.texts if t.cls == "jm-heat-owner"]
    first_cell_x = min(r.x for r in layout.rects if r.cls.startswith("jm-cell "))
    for name, after in zip(owners, owners[1:]):
        assert name.x + name.w < first_cell_x and name.y + name.h <= after.y
    assert len(owners[1].lines) > 1


def test_each_filled_cell_tells_its_department_phase_average_and_killers_on_hover():
    svg = ET.fromstring(render_heat_map(HEAT, title="Overzicht", labels=LABELS, language="nl"))
    tips = sorted(title.text for rect in svg.iter(SVG + "rect") for title in rect.iter(SVG + "title"))
    assert tips == sorted([
        "ICT · Fase 0: Gemiddeld 1,5",
        "ICT · Fase 29: Gemiddeld 4,3",
        "Klantcontactcentrum · Fase 1 · 1 killer",
        "Klantcontactcentrum · Fase 2 · 3 killers",
        f"Klantcontactcentrum · {PHASES[-2]}: Gemiddeld 2,5 · 2 killers",
        f"{OWNERS[1]} · (geen fase): Gemiddeld 3,8",
    ])
    rotated = [t for t in svg.iter(SVG + "text") if t.get("transform", "").startswith("rotate(-45 ")]
    assert len(rotated) == len(PHASES)


def test_a_cell_whose_average_no_customer_gave_is_ringed_and_says_so():
    # The overview gave assumptions the weight of what customers said (the departments page rings them).
    heat = HeatMap(["X"], ["A", "B"], {("X", "A"): Cell(3.5, 2, 0, guessed=True), ("X", "B"): Cell(3.5, 2, 0)})
    svg = ET.fromstring(render_heat_map(heat, title="Overzicht", labels=LABELS, language="nl"))
    tips = sorted(title.text for rect in svg.iter(SVG + "rect") for title in rect.iter(SVG + "title"))
    assert tips == ["X · A: Gemiddeld 3,5 · geen bewijs van klanten", "X · B: Gemiddeld 3,5"]
    rings = [p for p in svg.iter(SVG + "path") if p.get("class") == "jm-unheard"]
    assert len(rings) == 1 and rings[0].get("d").count("a") == 2  # one ring (a circle: two arcs), round A's face
    layout = layout_heat_map(heat, LABELS, "nl")
    face = next(m for m in layout.marks if m.kind == "face")
    cell = next(r for r in layout.rects if r.cls.startswith("jm-cell "))
    number = next(t for t in layout.texts if t.cls == "jm-cell-text")
    # the ring, half its stroke (1.5) on either side of it, inside the cell's tint and clear of its number
    # (a box anchored at its end: its x is where the number starts)
    ring = face.r + GUESS_GAP + 0.75
    assert cell.x <= face.cx - ring and face.cx + ring < number.x


def test_the_map_shows_every_figure_of_its_table_unless_a_name_is_cut_or_killers_share_a_cell():
    # Where it does, the printed overview leaves the table out (it was cut at the sheet's edge).
    assert not shows_every_figure(HEAT, LABELS)  # the long phase name, and two killers beside an average
    whole = [phase for phase in PHASES if phase != PHASES[-2]]
    alone = {key: cell for key, cell in CELLS.items() if key[1] in whole}  # killers alone, one or three (×3)
    assert shows_every_figure(HeatMap(OWNERS, whole, alone), LABELS)
    assert not shows_every_figure(HeatMap(OWNERS, [PHASES[-2]], {}), LABELS)
    assert not shows_every_figure(HeatMap(OWNERS, whole, {**alone, ("ICT", "Fase 0"): Cell(1.5, 2, 2)}), LABELS)
    assert shows_every_figure(HeatMap(OWNERS, whole, {**alone, ("ICT", "Fase 0"): Cell(1.5, 2, 1)}), LABELS)


def test_each_department_name_links_to_its_page_when_it_has_one():
    pages = {"ICT": "../owners/ict/", "Klantcontactcentrum": "../owners/kcc/?a=1&b=<2>"}
    root = ET.fromstring(render_heat_map(HEAT, title="Overzicht", labels=LABELS, language="nl", href_for=pages.get))
    links = {"".join(a.itertext()): a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")}
    # A name wrapped over two lines is one link; a department without a page keeps its name as text.
    assert links == pages
    assert root.get("role") == "group"  # its links are read; the drawing around them is hidden
    plain = ET.fromstring(render_heat_map(HEAT, title="Overzicht", labels=LABELS, language="nl"))
    assert not list(plain.iter(f"{SVG}a")) and plain.get("role") == "img"


def test_turned_for_paper_phases_are_rows_named_whole_and_departments_upright_columns():
    layout = layout_heat_map(HEAT, LABELS, "nl", href_for=lambda owner: "../owners/x/", transposed=True)
    heads = [t for t in layout.texts if t.cls == "jm-phase"]
    assert [" ".join(t.lines) for t in heads] == OWNERS and all(t.rotate == -90 for t in heads)
    # A long name takes two lines, each within DEPARTMENT_W, beside each other in its column.
    assert len(heads[1].lines) == 2 and all(text_width(line, 12, True) <= DEPARTMENT_W for line in heads[1].lines)
    grid_top = min(r.y for r in layout.rects)
    grid_left = min(r.x for r in layout.rects if r.cls.startswith("jm-cell "))
    for column, head in enumerate(heads):
        for x, y in corners(head):
            assert 0 <= y <= grid_top, (head.lines, x, y)
            assert grid_left - 2 + 42 * column <= x <= grid_left - 2 + 42 * (column + 1), (head.lines, x, y)
    # Upright, they take no room right of the grid: the picture ends a margin after its last column.
    grid = next(s for s in layout.shapes if s.cls == "jm-heat-grid")
    assert grid.d.count("M") == len(OWNERS) + 1
    last_column = max(float(part.split(",")[0]) for part in grid.d.split("M")[1:])
    assert layout.width <= last_column + 16 + 12
    # Every phase a row, its name wrapped whole, not a link (a phase has no page).
    rows = [t for t in layout.texts if t.cls == "jm-heat-owner"]
    assert [" ".join(t.lines).replace("- ", "-") for t in rows][:30] == PHASES[:30]
    assert len(rows[-2].lines) > 1 and " ".join(rows[-2].lines) == PHASES[-2]
    assert rows[-1].lines == (LABELS["no_phase"],) and not any(t.href for t in layout.texts)
    # A cell sits in its phase's row and its department's column.
    cell = next(r for r in layout.rects if r.tip and r.tip.startswith("ICT · Fase 29"))
    row = rows[29]
    assert row.y <= cell.y + cell.h / 2 <= row.y + max(row.h + 16, 30)
    assert heads[2].x - 42 < cell.x < heads[2].x
    # A name longer than two lines is cut on its second (the table has it whole).
    longer = OWNERS[1] + " met Vergunningen, Toezicht en Handhaving"
    layout = layout_heat_map(HeatMap([longer], PHASES, {}), LABELS, "nl", transposed=True)
    head = next(t for t in layout.texts if t.cls == "jm-phase")
    assert len(head.lines) == 2 and head.lines[1].endswith("…")
    assert text_width(head.lines[1], 12, True) <= DEPARTMENT_W


def test_the_overview_prints_turned_when_it_has_more_phases_than_departments():
    assert prints_transposed(HEAT)
    assert not prints_transposed(HeatMap(OWNERS, PHASES[:3], {}))
    assert not prints_transposed(HeatMap(OWNERS, PHASES[:2], {}))
    # Turned, it is the departments' names that must be whole for the map to show every figure.
    whole = [phase for phase in PHASES if phase != PHASES[-2]]
    alone = {key: cell for key, cell in CELLS.items() if key[1] in whole}
    assert shows_every_figure(HeatMap(OWNERS, PHASES, {}), LABELS, transposed=True)  # on two lines
    assert not shows_every_figure(HeatMap([OWNERS[1] + " met Vergunningen, Toezicht en Handhaving"], PHASES, {}),
                                  LABELS, transposed=True)
    assert not shows_every_figure(HeatMap(OWNERS, PHASES, CELLS), LABELS, transposed=True)  # two killers, 2,5
    assert shows_every_figure(HeatMap(OWNERS, whole, alone), LABELS, transposed=True)


def test_the_map_turned_for_paper_comes_in_parts_that_each_fit_a_sheet_under_the_names():
    """In one picture, a sheet's edge cut a row in half, and the sheets after
    the first had no names over their columns."""
    phases = [f"Fase {i}" for i in range(200)]
    cells = {(OWNERS[i % 3], phase): Cell(3.0, 1, i % 2) for i, phase in enumerate(phases)}
    parts = sheets(HeatMap(OWNERS, phases, cells), LABELS, "nl")
    assert [phase for part in parts for phase in part.phases] == phases  # every phase once, in order
    assert {cell for part in parts for cell in part.cells.items()} == set(cells.items())
    for part in parts:
        assert part.owners == OWNERS and all(phase in part.phases for _, phase in part.cells)
        layout = layout_heat_map(part, LABELS, "nl", transposed=True)
        assert layout.height * min(1, SHEET_W / layout.width) <= SHEET_H  # drawn on a sheet, whole
    sizes = [len(part.phases) for part in parts]
    assert max(sizes) - min(sizes) <= 1  # about equally long: none a few rows on a sheet of its own
    # Fewer than fill one sheet: one part, the map itself.
    short = HeatMap(OWNERS, phases[:10], {})
    assert sheets(short, LABELS, "nl") == [short]
    # A sheet is filled before another is started.
    assert len(parts) == -(-len(phases) // max(len(part.phases) for part in parts))
