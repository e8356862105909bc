"""Write a Layout as SVG. The only module that imports svgwrite.

svgwrite builds the document; it is used with debug=False and every id is
given explicitly, namespaced by the page (svgwrite's own ids come from a
process-wide counter and would make output differ between runs). Its
`tostring` first copies the document into an ElementTree, which took half
the time of drawing a map: `_serialize` writes svgwrite's tree directly,
byte for byte as `tostring` does, with ElementTree's own escaping of text
and attribute values (tests/test_render.py compares the two).
Colours are presentation attributes, so a map reads even without CSS; the
classes let the site's CSS custom properties take over (light, dark, print).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # what svgwrite's tostring escapes with

from ..colours import INK, FaceColour, default_faces
from .layout import BOLD, FACE_R, UNHEARD_GAP, Layout, TextBox, _circle, n, polyline

if TYPE_CHECKING:  # imported when a map is first drawn: a warm rebuild draws none
    import svgwrite

# Mouth and brows of each face, drawn for a face of radius 15 around (0, 0):
# the emotions differ in shape, not only in colour.
MOUTH = {
    "happy": "M-7.5,3 Q0,11.5 7.5,3",
    "indifferent": "M-6.5,5.5 L6.5,5.5",
    "disappointed": "M-6.5,8 Q0,3 6.5,8",
    "angry": "M-7.5,9.5 Q0,0.5 7.5,9.5",
}
BROWS = {
    "angry": "M-9,-10 L-2.5,-6.5 M9,-10 L2.5,-6.5",  # pulled down towards the nose
    "disappointed": "M-8.5,-6.5 L-3,-9 M8.5,-6.5 L3,-9",  # raised in the middle
}
EYES = "M-5,-3.5 l0,0.1 M5,-3.5 l0,0.1"  # dots: round caps on a tiny stroke
OCTAGON = "M-6.6,-16 L6.6,-16 L16,-6.6 L16,6.6 L6.6,16 L-6.6,16 L-16,6.6 L-16,-6.6 Z"
CROSS = "M-6,-6 L6,6 M6,-6 L-6,6"
# The dotted ring round a face no customer's evidence backs (layout._unheard).
UNHEARD_PAINT = {"fill": "none", "stroke": "#5f5f6b", "stroke_width": 1.5, "stroke_dasharray": "2 3"}

# Characters XML 1.0 forbids; YAML's "\x01" or "\ud800" escapes could smuggle them in.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Presentation attributes of text classes, so a map reads the same without CSS.
_TEXT_PAINT = {
    "jm-phase": {},
    "jm-phase jm-phase--below": {},
    "jm-lane-title": {"fill": "#5f5f6b"},
    "jm-lane-title jm-lane-title--killer": {"fill": "#b71c1c"},
    "jm-killer-label": {"fill": "#b71c1c"},
    "jm-zone-note": {},  # the map's text colour: muted, it fell below 4.5:1 on the zone's pink
    "jm-badge-number": {"fill": "#ffffff"},
    "jm-axis": {"fill": "#5f5f6b"},
    "jm-legend": {"fill": "#5f5f6b"},
    "jm-lane jm-lane--pain": {"fill": "#b71c1c"},
    "jm-lane jm-lane--quote": {"font_style": "italic"},
    "jm-cell-text": {},
    "jm-cell-text jm-cell-text--killer": {"fill": "#b71c1c"},
}
TEXT_STYLE = {
    cls: {**({"font_weight": "bold"} if not BOLD.isdisjoint(cls.split()) else {}), **paint}
    for cls, paint in _TEXT_PAINT.items()
}


def symbol_id(id_prefix: str, kind: str, emotion: str | None = None) -> str:
    """The id of a mark's symbol in the map (the narrow-screen layout reuses them)."""
    return f"{id_prefix}-{kind}-{emotion}" if emotion else f"{id_prefix}-{kind}"


def face_icon(emotion: str, unheard: bool = False) -> str:
    """An emotion's face at the size of text, for the site's tables and
    lists: the map's shapes, so an emotion reads without its colour, in the
    colours the site set (--jm-happy and --jm-happy-ink, journeys.css);
    `unheard`: in the map's dotted ring, as a score no customer gave."""
    brows = f'<path d="{BROWS[emotion]}"/>' if emotion in BROWS else ""
    kind, ring = (f"{emotion} jm-face-icon--unheard", unheard_ring()) if unheard else (emotion, "")
    return _icon(kind, f'<circle r="15"/><path class="jm-face-icon__eyes" d="{EYES}"/><path d="{MOUTH[emotion]}"/>'
                       f'{brows}{ring}')


def unheard_ring(cx: float = 0, cy: float = 0) -> str:
    """The dotted ring the map draws round a face whose score no customer
    gave, as markup, for a face of the map's size (FACE_R) centred at (cx,
    cy): the narrow screen's steps put it round the map's own face."""
    paint = " ".join(f'{name.replace("_", "-")}="{value}"' for name, value in UNHEARD_PAINT.items())
    return f'<path class="jm-unheard" d="{_circle(cx, cy, FACE_R + UNHEARD_GAP)}" {paint}/>'


def killer_icon() -> str:
    """The map's killer marker at the size of text, as face_icon draws a face."""
    return _icon("killer", f'<path d="{OCTAGON}"/><path class="jm-face-icon__cross" d="{CROSS}"/>')


def unrated_icon() -> str:
    """The map's mark of a moment not rated at the size of text, as face_icon draws a face."""
    # The "?" drawn, not written: text in the icon would be copied and indexed with the cell's words.
    return _icon("unrated", '<circle r="15"/><path d="M-4.5,-4 A4.5,4.5 0 1 1 1.8,0.2 Q0,1.2 0,3.6 M0,8.2 l0,0.1"/>')


def _icon(kind: str, shapes: str) -> str:
    return (f'<svg class="jm-face-icon jm-face-icon--{kind}" viewBox="-16.5 -16.5 33 33" aria-hidden="true" '
            f'focusable="false">{shapes}</svg>')


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_svg(layout: Layout, *, title: str, desc: str, id_prefix: str, css: str | None,
              faces: dict[str, FaceColour] | None = None) -> str:
    import svgwrite
    from svgwrite.base import Desc, Title

    dwg = svgwrite.Drawing(size=(n(layout.width), n(layout.height)), debug=False)
    dwg.viewbox(0, 0, n(layout.width), n(layout.height))
    # A map without links is one picture to a screen reader: its title and
    # description. A map whose moments link to their details is a group whose
    # links are read, each as the moment and its verdict; the drawing around
    # them is hidden from screen readers, and a keyboard reaches every link.
    interactive = any(box.href for box in layout.texts)
    dwg.attribs.update({"class": f"jm-map jm-map--{layout.shape}", "font-family": "sans-serif"})
    if interactive:
        dwg.attribs.update({"role": "group", "aria-labelledby": f"{id_prefix}-title",
                            "aria-describedby": f"{id_prefix}-desc"})
    else:
        dwg.attribs.update({"role": "img", "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc"})
    hidden = {"aria-hidden": "true"} if interactive else {}
    for element, ident, text in ((Title, "title", title), (Desc, "desc", desc)):
        node = element(xml_text(text))
        node.xml.set("id", f"{id_prefix}-{ident}")
        dwg.elements.insert(0 if ident == "title" else 1, node)
    if css is not None:
        dwg.add(dwg.style(css))

    background = dwg.add(dwg.g(class_="jm-background", **hidden))
    for rect in layout.rects:
        drawn = background.add(dwg.rect(insert=(n(rect.x), n(rect.y)), size=(n(rect.w), n(rect.h)), class_=rect.cls,
                                        fill=_rect_fill(rect.cls)))
        if rect.tip:
            drawn.add(Title(xml_text(rect.tip)))
    for shape in layout.shapes:
        background.add(dwg.path(d=shape.d, class_=shape.cls, **_shape_paint(shape.cls)))
    for line in layout.lines:
        if "spoke" in line.cls:
            paint = {"stroke": "#b71c1c", "stroke_dasharray": "5 4", "stroke_width": 2}
        elif "legend-baseline" in line.cls:
            paint = {"stroke": INK, "stroke_dasharray": "7 6", "stroke_width": 2.5, "stroke_opacity": 0.4}
        else:
            paint = {"stroke": "#c8c8d0"}
        background.add(dwg.line(start=(n(line.x1), n(line.y1)), end=(n(line.x2), n(line.y2)), class_=line.cls, **paint))

    if len(layout.baseline_curve) > 1:
        d = layout.baseline_curve_d or polyline(layout.baseline_curve)
        dwg.add(dwg.path(d=d, class_="jm-curve jm-curve--baseline", fill="none", stroke=INK, stroke_width=2.5,
                         stroke_opacity=0.4, stroke_dasharray="7 6", stroke_linejoin="round", **hidden))
    if len(layout.curve) > 1:
        d = layout.curve_d or polyline(layout.curve)
        dwg.add(dwg.path(d=d, class_="jm-curve", fill="none", stroke=INK, stroke_width=2.5, stroke_linejoin="round",
                         **hidden))

    # Each kind of mark is drawn once as a symbol and placed with <use>.
    kinds = sorted({(m.kind, m.emotion or "") for m in layout.marks})
    # Chromium reads the unrated symbol's "?" out of <defs> as the group's
    # first text, before the moments' links: the symbols are drawing too.
    dwg.defs.attribs.update(hidden)
    for kind, emotion in kinds:
        dwg.defs.add(_symbol(dwg, kind, emotion, symbol_id(id_prefix, kind, emotion), faces))
    marks = dwg.add(dwg.g(class_="jm-marks", **hidden))
    for mark in layout.marks:
        ref = "#" + symbol_id(id_prefix, mark.kind, mark.emotion)
        size = n(2 * mark.r)
        use = dwg.use(ref, insert=(n(mark.cx - mark.r), n(mark.cy - mark.r)), size=(size, size))
        if mark.tip:
            use.add(Title(xml_text(mark.tip)))
        marks.add(use)

    # Texts grouped by class and size, so each group states them once.
    texts = dwg.add(dwg.g(class_="jm-texts", fill=INK))
    groups: dict[tuple, object] = {}
    for box in layout.texts:
        key = (box.cls, box.size)
        if key not in groups:
            groups[key] = texts.add(dwg.g(class_=box.cls, font_size=n(box.size), **TEXT_STYLE.get(box.cls, {})))
        groups[key].add(_text(dwg, box, hidden))
    return serialize(dwg)


def serialize(dwg: svgwrite.Drawing) -> str:
    """`dwg.tostring()`, the same text, in a third of the time."""
    from svgwrite.base import Title
    from svgwrite.container import Script
    from svgwrite.etree import CDATA_TPL
    from svgwrite.path import Path
    from svgwrite.text import TSpan
    from svgwrite.utils import strlist

    dwg.attribs.update({"xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink",
                        "xmlns:ev": "http://www.w3.org/2001/xml-events", "baseProfile": dwg.profile,
                        "version": dwg.version})
    out: list[str] = []
    write = out.append

    def element_text(element) -> None:
        if isinstance(element, Title):  # and Desc: svgwrite keeps these as ElementTree nodes
            node = element.xml
            tag, attributes, text, children, cdata = node.tag, list(node.items()), node.text, (), None
        else:
            if isinstance(element, Path):  # as Path.get_xml: its commands become `d` when written
                element.attribs["d"] = str(strlist(element.commands, " "))
            tag = element.elementname
            attributes = [(k, str(v)) for k, v in sorted(element.attribs.items()) if v is not None]
            text = str(element.text) if isinstance(element, TSpan) else None
            children = element.elements
            cdata = element._content if isinstance(element, Script) and element._content else None
        write("<" + tag)
        for name, value in attributes:
            if value:
                write(f' {name}="{_escape_attrib(value)}"')
        if not (text or children or cdata):
            write(" />")
            return
        write(">")
        if text:
            write(_escape_cdata(text))
        for child in children:
            element_text(child)
        if cdata:
            write(CDATA_TPL % cdata)
        write(f"</{tag}>")

    element_text(dwg)
    return "".join(out)


# Light tints under dark figures, where no stylesheet is (map.css has a dark palette's).
CELL_FILL = {"angry": "#ffcdd2", "disappointed": "#fff59d", "indifferent": "#ffe0b2", "happy": "#c8e6c9",
             "killed": "#ffcdd2"}


def _rect_fill(cls: str) -> str:
    if "jm-cell--" in cls:
        return CELL_FILL[cls.rsplit("--", 1)[1]]
    if "jm-zone--killer" in cls:
        return "#fdecea"
    if "jm-band--1" in cls:
        return "#eef0f8"
    if "jm-band--0" in cls or "jm-lane-row--1" in cls or "jm-heat-row--1" in cls:
        return "#f8f8fc"
    return "none"


def _shape_paint(cls: str) -> dict:
    if "jm-zone--killer" in cls:
        return {"fill": "#fdecea", "stroke": "none"}
    if "jm-phase-arc" in cls:
        return {"fill": "none", "stroke": "#9fa8da" if cls.endswith("0") else "#5c6bc0", "stroke_width": 18}
    if cls == "jm-badge":
        return {"fill": "#283593", "stroke": "#ffffff", "stroke_width": 1.5}
    if "jm-loop-arrow" in cls:
        return {"fill": "#3949ab", "stroke": "none"}
    if "jm-loop" in cls:
        return {"fill": "none", "stroke": "#3949ab", "stroke_width": 3}
    if cls == "jm-unheard":
        return UNHEARD_PAINT
    if "jm-grid--unrated" in cls:
        return {"fill": "none", "stroke": "#c8c8d0", "stroke_width": 1, "stroke_dasharray": "2 4"}
    return {"fill": "none", "stroke": "#c8c8d0", "stroke_width": 1}


def _symbol(dwg: svgwrite.Drawing, kind: str, emotion: str, ident: str, faces: dict[str, FaceColour] | None):
    """A face, killer marker or unrated marker, drawn for radius 15 around (0, 0)."""
    symbol = dwg.symbol(id=ident, viewBox="-16.5 -16.5 33 33", overflow="visible")
    if kind == "face":
        colour = (faces or default_faces())[emotion]
        symbol.attribs["class"] = f"jm-face jm-face--{emotion}"
        symbol.add(dwg.circle(center=(0, 0), r=15, class_="jm-face__bg", fill=colour.fill, stroke=INK,
                              stroke_width=1.5))
        # Features in dark or white ink, whichever stands out on this face's colour.
        features = dwg.g(class_="jm-face__features", fill="none", stroke=colour.ink, stroke_width=2,
                         stroke_linecap="round")
        features.add(dwg.path(d=EYES, stroke_width=3.2))
        features.add(dwg.path(d=MOUTH[emotion], class_="jm-face__mouth"))
        if emotion in BROWS:
            features.add(dwg.path(d=BROWS[emotion], class_="jm-face__brows"))
        symbol.add(features)
    elif kind == "killer":
        symbol.attribs["class"] = "jm-killer"
        symbol.add(dwg.path(d=OCTAGON, class_="jm-killer__bg", fill="#b71c1c", stroke=INK, stroke_width=1.5))
        symbol.add(dwg.path(d=CROSS, class_="jm-killer__cross", stroke="#ffffff", stroke_width=3.5,
                            stroke_linecap="round"))
    else:
        symbol.attribs["class"] = "jm-unrated"
        symbol.add(dwg.circle(center=(0, 0), r=15, class_="jm-unrated__ring", fill="none", stroke="#5f5f6b",
                              stroke_width=2, stroke_dasharray="4 3"))
        symbol.add(dwg.text("?", insert=(0, 6), class_="jm-unrated__mark", text_anchor="middle", font_size=17,
                            font_weight="bold", fill="#5f5f6b"))
    return symbol


def _text(dwg: svgwrite.Drawing, box: TextBox, hidden: dict):
    from svgwrite.base import Title
    from svgwrite.text import Text, TSpan

    # Made from svgwrite's classes and given their coordinates as text: a map
    # has a few hundred of them, and skipping its element factory and its
    # parsing of coordinate lists takes about 15% off writing a map.
    x = str(n(round(box.text_x, 1)))
    # The baseline sits about 0.95em below the top of each line box.
    ys = [str(n(round(box.y + k * box.line_height + box.size * 0.95, 1))) for k in range(len(box.lines))]
    if len(box.lines) == 1:  # one line: the text element holds it
        text = Text(xml_text(box.lines[0]), factory=dwg)
        text.attribs.update(x=x, y=ys[0])
    else:
        text = Text("", factory=dwg)
        for line, y in zip(box.lines, ys):
            line_element = TSpan(xml_text(line), factory=dwg)
            line_element.attribs.update(x=x, y=y)
            text.elements.append(line_element)
    if box.full:  # cut short: whole under the pointer
        text.elements.insert(0, Title(xml_text(box.full)))
    if box.anchor != "start":
        text.attribs["text-anchor"] = box.anchor
    if box.rotate:
        text.attribs["transform"] = f"rotate({n(box.rotate)} {x} {ys[0]})"
    if box.href is None:
        text.attribs.update(hidden)
        return text
    link = dwg.a(href=box.href, class_="jm-link")
    del link.attribs["target"]  # svgwrite's default is a new window
    if box.name:
        link.attribs["aria-label"] = xml_text(box.name)
    link.add(text)
    return link
