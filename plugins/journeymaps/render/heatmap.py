"""The organisation overview: owners (rows) against phases (columns), each
cell the average experience of that owner's moments in that phase, killers
marked. Geometry only, written by svg.py like the maps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import format_number
from ..score import emotion_for
from .layout import PAD, Layout, Mark, Rect, r1, text_box

if TYPE_CHECKING:  # organisation imports present, which names the map's symbols from here
    from ..organisation import HeatMap

NAME_W = 200  # the owners' column
CELL_W = 116
CELL_H = 44


def layout_heat_map(heat: HeatMap, labels: dict, language: str) -> Layout:
    out = Layout("heatmap")
    x0 = PAD + NAME_W
    headers = [
        text_box(phase or labels["no_phase"], x0 + c * CELL_W + CELL_W / 2, PAD, CELL_W - 12, 12, "jm-phase", "middle")
        for c, phase in enumerate(heat.phases)
    ]
    out.texts += headers
    y0 = PAD + max([b.h for b in headers] + [14]) + 10
    y = y0
    for owner in heat.owners:
        name = text_box(owner, PAD, y + 6, NAME_W - 16, 13, "jm-heat-owner")
        height = max(CELL_H, name.h + 12)
        out.texts.append(name)
        for c, phase in enumerate(heat.phases):
            x = x0 + c * CELL_W
            cell = heat.cells.get((owner, phase))
            if cell and cell.average is not None:
                band = emotion_for(cell.average)
            else:
                band = "killed" if cell and cell.killers else "empty"
            out.rects.append(Rect(x + 2, r1(y + 2), CELL_W - 4, r1(height - 4), f"jm-cell jm-cell--{band}"))
            if cell is None:
                continue
            if cell.killers:
                out.marks.append(Mark("killer", x + 16, r1(y + height / 2), 9, -1))
                out.texts.append(text_box(f"×{cell.killers}", x + 28, y + height / 2 - 8, 30, 12,
                                          "jm-cell-text jm-cell-text--killer"))
            if cell.average is not None:
                out.texts.append(
                    text_box(format_number(cell.average, language), x + CELL_W - 12, y + height / 2 - 9, 50, 14,
                             "jm-cell-text", "end")
                )
        y += height
    out.width = r1(x0 + CELL_W * max(1, len(heat.phases)) + PAD)
    out.height = r1(y + PAD)
    return out
