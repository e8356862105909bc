"""A corpus of hostile text for every text field of the format, and an
oracle that finds live markup in what a build writes.

Every payload that could run carries the marker `pwn`, so the oracle can
tell markup that came from front-matter from the theme's own. A payload that
runs calls alert(), which a browser test sees as a dialog; one that loads
something asks for evil.test, which a browser test sees as a request.
"""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

PAYLOADS = [
    '<script>alert("pwn-script")</script>',
    '<img src=x onerror=alert("pwn-img")>',
    '"><svg onload=alert("pwn-svg")>',
    "' onmouseover='alert(\"pwn-attr\")' x='",
    'javascript:alert("pwn-js")',
    'data:text/html,<script>alert("pwn-data")</script>',
    '<a href="javascript:alert(\'pwn-link\')">klik</a>',
    '<foreignObject><iframe src="javascript:alert(\'pwn-fo\')"></iframe></foreignObject>',
    ']]><script>alert("pwn-cdata")</script><![CDATA[',
    '--><script>alert("pwn-comment")</script><!--',
    '<style>*{--pwn-style:1;background:url(http://evil.test/pwn-css.png)}</style>',
    '</style></title></textarea></noscript><script>alert("pwn-close")</script>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("pwn-mxss")>',
    '<img src="http://evil.test/pwn-request.png">',
    "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7} #{7*7} <%= 7*7 %>",
    "</script><script>alert('pwn-json')</script>",
    "zero\u200bwidth\u200cjoin\u200dmark\ufeffword\u2060end",
    "Lang " * 399 + "einde",  # 2,000 characters, the longest text the format allows
    "W" * 300,  # one word wider than any column
]

# Where front-matter text lands: (path to the field, payloads are rotated over these).
JOURNEY_FIELDS = ["persona", "owner", "phase", "value", "killer"]
TOUCHPOINT_FIELDS = ["label", "channel", "owner", "quote", "pain", "opportunity", "backstage", "ref"]
FIELDS = ["title"] + JOURNEY_FIELDS + TOUCHPOINT_FIELDS


def hostile_page(k: int) -> str:
    """Journey `k` of the corpus: payload (k + f) in field f, so that over
    len(PAYLOADS) journeys every field gets every payload."""

    def text(field: str, extra: str = "") -> str:
        return PAYLOADS[(k + FIELDS.index(field)) % len(PAYLOADS)][: 2000 - len(extra)] + extra

    touchpoints = []
    for i, rating in enumerate(["score", "killer", "none", "scores"]):
        tp = {"label": text("label", f" #{i}"), "phase": f"p{i % 2}"}
        tp.update({field: text(field) for field in ("channel", "owner", "quote", "pain", "opportunity", "backstage")})
        ref = text("ref")
        if ref.startswith(("javascript:", "data:")):  # a link with such a scheme is an error (test_hostile)
            ref = "Bron: " + ref  # as a citation it is text
        tp["evidence"] = [{"kind": "survey", "n": 3, "ref": ref}, {"kind": "interview", "ref": "https://x.test/\"><script>alert('pwn-ref')</script>"}]
        if rating == "score":
            tp["score"] = 4
        elif rating == "killer":
            tp["killer"] = "k"
        elif rating == "scores":
            tp["scores"] = {"v": 2}
        touchpoints.append(tp)
    journey = {
        "persona": text("persona"),
        "owner": text("owner"),
        "shape": "cycle" if k % 2 else "timeline",
        "phases": [{"id": "p0", "label": text("phase")}, {"id": "p1", "label": text("phase", " 2")}],
        "values": [{"id": "v", "label": text("value")}],
        "killers": [{"id": "k", "label": text("killer")}],
        "touchpoints": touchpoints,
    }
    front = yaml.safe_dump({"title": text("title", f" {k}"), "journey": journey}, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n\nHet verhaal {k}.\n"


def hostile_pages() -> dict[str, str]:
    return {f"journeys/hostile-{k:02d}.md": hostile_page(k) for k in range(len(PAYLOADS))}


# --- the oracle ------------------------------------------------------------------------

MARK = "pwn"
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background"}
_STRIP = re.compile(r"[\x00-\x20]+")


def bad_url(value: str) -> bool:
    """A URL a browser would run or load as a document: any scheme but http(s)."""
    url = _STRIP.sub("", value).lower()  # browsers drop these before reading the scheme
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url)
    return bool(scheme) and scheme.group(1) not in ("http", "https", "mailto")


class _Live(html.parser.HTMLParser):
    """Collects markup from front-matter that a browser would treat as live."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if MARK in tag or tag in ("foreignobject", "iframe", "object", "embed", "mglyph"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and (MARK in value or "alert" in value):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in URL_ATTRIBUTES and bad_url(value):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and MARK in value:
                self.found.append(f"<{tag} style={value!r}>")
            elif MARK in name:
                self.found.append(f"<{tag} {name}>")
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and MARK in data:
            self.found.append(f"<{self._in}>{data[:80]}")


def live_markup_in_html(text: str) -> list[str]:
    parser = _Live()
    parser.feed(text)
    parser.close()
    return parser.found


SVG = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {"svg", "title", "desc", "defs", "symbol", "g", "text", "tspan", "a", "rect", "line", "path", "circle",
                "use", "style", "ellipse", "polygon", "polyline"}


def live_markup_in_svg(text: str) -> list[str]:
    """An SVG file must be well-formed XML of drawing elements only."""
    root = ET.fromstring(text.encode())
    found = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag not in SVG_ELEMENTS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.startswith("on") or MARK in local or (local == "href" and bad_url(value)):
                found.append(f"<{tag} {local}={value!r}>")
        if tag == "style" and MARK in (element.text or ""):
            found.append("<style> from front-matter")
    return found


def strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


# Material's search shows the index's text as HTML; its tags.json carries the
# same tag names. Our kiosk's playlist.json is data that kiosk.js sets as text.
JSON_READ_AS_HTML = {"search_index.json", "tags.json"}


def live_markup_in_site(site: Path) -> dict[str, list[str]]:
    """Every HTML, SVG and JSON file of a built site, by path, with what is live in it.

    JSON that Material reads as HTML is checked as HTML; other JSON must parse."""
    report = {}
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            found = live_markup_in_html(path.read_text(encoding="utf-8"))
        elif path.suffix == ".svg":
            found = live_markup_in_svg(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if path.name not in JSON_READ_AS_HTML:
                continue  # data for our own scripts, which set it as text (the browser tests run them)
            found = [f for s in strings(data) for f in live_markup_in_html(s)]
        else:
            continue
        if found:
            report[str(path.relative_to(site))] = found
    return report
