"""A page with a map shows it in its first frame, before its scripts run.

Material's script sits at the end of every page, and the browser runs it
before drawing the page's first frame whenever it has it by then (always on
a return visit, from its cache). Setting Material up on a journey page (its
header, search, sidebars and table of contents, each measuring the page)
takes tens of milliseconds, all of them before the map is seen. So on a page
with a map the build marks the scripts after Material's configuration as
data (`type="journeymaps/after-paint"`, their own type kept in
`data-jm-type`) and adds `after-paint.js`, which loads them in their order
once the first frame is drawn, and then hands them the DOMContentLoaded
event they missed (Material starts on it). No MkDocs import here.
"""

from __future__ import annotations

import html
import re

MARK = "journeymaps/after-paint"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
# An attribute named exactly `type` (not data-type), with its value.
TYPE = re.compile(r"""(?<![\w:.-])type\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
_TYPE_ATTRIBUTE = re.compile(r"\s+" + TYPE.pattern, re.I)  # with the space before it
SRC = re.compile(r"(?<![\w:.-])src\s*=", re.I)
# For browsers without modules: today's skip it, and fire no event the loader could count.
NOMODULE = re.compile(r"(?<![\w:.-])nomodule\b", re.I)
RUNS = {"", "text/javascript", "application/javascript", "module"}
# Material's configuration, the first script of its block at the end of the body.
_CONFIG = re.compile(r"""<script\b[^>]*\bid=["']?__config\b[^>]*>.*?</script\s*>""", re.S | re.I)


def script_type(attributes: str) -> str:
    """A script tag's type, lower case ('' when it has none)."""
    found = TYPE.search(attributes)
    return html.unescape(found.group(1).strip("\"'")).strip().lower() if found else ""


def runs(attributes: str) -> bool:
    """Whether a browser runs a script with these attributes (not data, such as JSON)."""
    return script_type(attributes) in RUNS


def after_first_frame(page: str, loader: str) -> str | None:
    """`page` with its scripts after Material's configuration marked to run
    after the first frame, and the loader (its URL, relative to the page)
    added as its last script. None when there is nothing to mark, no
    Material configuration, or an inline script among them: its text would
    need to run again as a new script, which a Content-Security-Policy's
    hashes may not allow."""
    near = page.rfind("__config")  # Material puts it near the end: a third of the time of a search from the start
    config = _CONFIG.search(page, max(page.rfind("<script", 0, near), 0)) if near >= 0 else None
    end = page.rfind("</body>")
    if config is None or end < config.end():
        return None
    marked = []
    for tag in SCRIPT.finditer(page, config.end(), end):
        attributes = tag.group(1)
        if not runs(attributes) or NOMODULE.search(attributes):
            continue
        if not SRC.search(attributes):
            return None
        own = script_type(attributes)
        rest = _TYPE_ATTRIBUTE.sub("", attributes).rstrip()
        marked.append((tag.start(), tag.end(), f'<script{rest} type="{MARK}" data-jm-type="{html.escape(own)}"></script>'))
    if not marked:
        return None
    parts, last = [], 0
    for start, stop, replacement in marked:
        parts += [page[last:start], replacement]
        last = stop
    loader_tag = f'<script src="{html.escape(loader)}"></script>'
    return "".join(parts) + page[last:end] + loader_tag + page[end:]
