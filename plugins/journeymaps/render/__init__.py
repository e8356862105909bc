"""Journey maps as SVG: `render_map` lays out a journey (layout.py) and
writes it (svg.py). Pure functions: the same input gives the same bytes."""

from __future__ import annotations

import re
import textwrap
from importlib.resources import files
from typing import TYPE_CHECKING, Callable

from ..colours import FaceColour
from ..i18n import format_decimal, format_number
from ..score import Scorecard
from .heatmap import layout_heat_map, sheets
from ..compare import Comparison
from .layout import Layout, Overlay, layout_cycle, layout_timeline
from .svg import write_svg
from .text import hyphenating

if TYPE_CHECKING:  # organisation imports present, which names the map's symbols from here
    from ..model import Journey, Touchpoint
    from ..organisation import HeatMap

MAP_CSS = files(__package__).joinpath("map.css").read_text(encoding="utf-8")
# The standalone file opened on its own follows the reader's system theme,
# in the dark palette that map.css gives the site's slate scheme and the
# kiosk; on the site, Material's palette toggle decides instead. Text and
# background colours, which Material supplies on the site, are added here.
_DARK_PALETTE = re.search(r'\[data-jm-theme="dark"\] \{\n(.*?)\}', MAP_CSS, re.S).group(1)
STANDALONE_CSS = (
    f"{MAP_CSS}\n@media (prefers-color-scheme: dark) {{\n  svg.jm-map:root {{\n"
    "    --jm-text: #e4e5ef;\n    --jm-muted: #a9abbd;\n    --jm-bg: #1e2029;\n"
    f"{textwrap.indent(textwrap.dedent(_DARK_PALETTE), '    ')}    background: var(--jm-bg);\n  }}\n}}\n"
)


def layout_map(journey: Journey, card: Scorecard, labels: dict, href_for=None, words: bool = True,
               comparison: Comparison | None = None, cut: bool = True) -> Layout:
    href_for = href_for or (lambda touchpoint: None)
    with hyphenating(labels["hyphenation"]):
        if journey.shape == "cycle":  # its key shows every label whole
            return layout_cycle(journey, card, labels, href_for, words, _overlay(comparison))
        return layout_timeline(journey, card, labels, href_for, words, _overlay(comparison), cut)


def _overlay(comparison: Comparison | None) -> Overlay | None:
    if comparison is None:
        return None
    scores = {
        c.after.index: c.before.score
        for c in comparison.changes
        if c.kind == "matched" and c.before.score is not None and not c.before.killers
    }
    added = frozenset(c.after.index for c in comparison.changes if c.kind == "added")
    removed = tuple(c.label for c in sorted(comparison.changes, key=lambda c: (c.before or c.after).index)
                    if c.kind == "removed")
    return Overlay(scores, added, removed)


def render_map(
    journey: Journey,
    card: Scorecard,
    *,
    title: str,
    labels: dict,
    id_prefix: str,
    href_for: Callable[[Touchpoint], str | None] | None = None,
    standalone: bool = False,
    words: bool = True,
    comparison: Comparison | None = None,
    faces: dict[str, FaceColour] | None = None,
    cut: bool = True,
) -> str:
    """The map as SVG text. Inline (the default) it carries no <style>, so a
    strict Content-Security-Policy holds and the site's CSS styles it;
    `standalone` embeds the CSS for the downloadable file; `words=False`
    draws the picture without any text (the kiosk puts the words beside it);
    `faces` are the site's face colours (default: the default set). `cut`
    cuts a timeline's texts too long for their column short, for a map with
    the table of moments beside it that shows them whole."""
    layout = layout_map(journey, card, labels, href_for, words, comparison, cut)
    svg = write_svg(layout, title=title, desc=summary(journey, card, labels), id_prefix=id_prefix, css=None,
                    faces=faces)
    return as_standalone(svg) if standalone else svg


def as_standalone(svg: str) -> str:
    """The downloadable file of an inline map: the same SVG with its CSS
    embedded (after <desc>, so title and description stay first), without
    links into the page it came from."""
    svg = _PAGE_LINK.sub(r"\1", svg)
    if 'class="jm-link"' not in svg:  # nothing left to reach: one picture again, as write_svg makes it
        root, rest = svg.split(">", 1)
        described = re.search(r' aria-describedby="([^"]*)"', root)
        if described:
            root = root.replace(described.group(0), "").replace('role="group"', 'role="img"')
            root = re.sub(r'aria-labelledby="([^"]*)"',
                          lambda m: f'aria-labelledby="{m.group(1)} {described.group(1)}"', root)
        svg = root + ">" + rest.replace(' aria-hidden="true"', "")
    head, tail = svg.split("</desc>", 1)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}</desc><style><![CDATA[\n{STANDALONE_CSS}]]></style>{tail}\n'


# A link to a row of the page's table (href="#..."), as write_svg writes it.
_PAGE_LINK = re.compile(r'<a aria-label="[^"]*" class="jm-link" xlink:href="#[^"]*">(.*?)</a>', re.S)


def summary(journey: Journey, card: Scorecard, labels: dict) -> str:
    """One or two sentences for screen readers: shape, phases, verdict, worst moment."""
    one = "_one" if len(card.moments) == 1 else ""
    shape = labels[("desc_cycle" if journey.shape == "cycle" else "desc_timeline") + one].format(
        moments=len(card.moments))
    if journey.phases:
        names = ", ".join(p.label for p in journey.phases)
        key = "desc_phases_one" if len(journey.phases) == 1 else "desc_phases"
        shape += " " + labels[key].format(count=len(journey.phases), names=names)
    average = format_decimal(card.average, labels) if card.average is not None else None
    if card.killed:
        killers = ", ".join(card.killer_labels)
        key = "desc_killed" if average else "desc_killed_unrated"
        verdict = labels[key].format(killers=killers, score=average)
    elif average:
        verdict = labels["desc_score"].format(score=average)
    else:
        verdict = labels["desc_unrated"]
    sentences = [shape, verdict]
    if card.weak:
        sentences.append(labels["desc_worst"].format(label=card.weak[0].touchpoint.label))
    return ". ".join(sentences) + "."


def render_heat_map(heat: HeatMap, *, title: str, labels: dict, language: str, id_prefix: str = "jm-overview",
                    href_for: Callable[[str], str | None] = lambda owner: None, transposed: bool = False,
                    faces: dict[str, FaceColour] | None = None) -> str:
    """Owners against phases as SVG, described for screen readers; `href_for`:
    a department -> the link to its page, on its name; `transposed`: phases
    as rows (layout_heat_map); `faces`: the cells' faces' colours (None: the default set)."""
    worst = [(c.average, owner, phase) for (owner, phase), c in heat.cells.items() if c.average is not None]
    killers = sum(c.killers for c in heat.cells.values())
    desc = labels["heat_desc"].format(owners=len(heat.owners), phases=len(heat.phases), killers=killers)
    if worst:
        average, owner, phase = min(worst)
        desc += " " + labels["heat_worst"].format(owner=owner, phase=phase or labels["no_phase"],
                                                  score=format_number(average, language))
    with hyphenating(labels["hyphenation"]):
        layout = layout_heat_map(heat, labels, language, href_for, transposed)
    return write_svg(layout, title=title, desc=desc, id_prefix=id_prefix, css=None, faces=faces)


def render_heat_map_sheets(heat: HeatMap, *, title: str, labels: dict, language: str,
                           faces: dict[str, FaceColour] | None = None) -> list[str]:
    """The map turned for paper, phases as rows: one SVG for each sheet it
    takes (heatmap.sheets), each under the departments' names."""
    with hyphenating(labels["hyphenation"]):
        parts = sheets(heat, labels, language)
    return [render_heat_map(part, title=title, labels=labels, language=language, id_prefix=f"jm-overview-print{k}",
                            transposed=True, faces=faces) for k, part in enumerate(parts, 1)]
