"""A page with a map shows it in its first frame, before its scripts run.

Material's script sits at the end of every page, and the browser runs it
before drawing the page's first frame whenever it has it by then (always on
a return visit, from its cache). Evaluating it and setting Material up on a
journey page (its header, search, sidebars and table of contents, each
measuring the page) takes tens of milliseconds, all of them before the map
is seen; holding back only Material's start (its DOMContentLoaded listener)
gains nothing. So on a page with a map the build marks the scripts after
Material's configuration as data (`type="journeymaps/after-paint"`, their
own type kept in `data-jm-type`), asks the browser to fetch them as early as
before (`<link rel="preload">`), and puts `after-paint.js` first in the
head: it holds back the DOMContentLoaded listeners the page adds, runs the
marked scripts in their order once the first frame is drawn, and then calls
those listeners (Material starts on one). No MkDocs import here.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

MARK = "journeymaps/after-paint"
# A script element: its start tag's attributes (quoted values may hold ">") and its text.
SCRIPT = re.compile(r"""<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>(.*?)</script\s*>""", re.S | re.I)
# The types a browser runs as JavaScript (HTML's list of JavaScript MIME types), and modules.
RUNS = {"", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
        "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
        "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript"}
_FIRST_IN_HEAD = re.compile(r"<head\b[^>]*>(?:\s*<meta\s+charset\b[^>]*>)?", re.I)


class _StartTag(HTMLParser):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


def attributes(start_tag_inside: str) -> dict[str, str | None]:
    """The attributes of `<script{start_tag_inside}>`, as a browser reads them
    (names in lower case, values unescaped; None for a name without a value)."""
    parser = _StartTag(convert_charrefs=True)
    parser.feed(f"<script{start_tag_inside}>")
    parser.close()
    return getattr(parser, "attributes", {})


def _type(attributes: dict[str, str | None]) -> str:
    return (attributes.get("type") or "").strip().lower()


def runs(attributes: dict[str, str | None]) -> bool:
    """Whether a browser runs a script with these attributes (not data, such as JSON)."""
    return _type(attributes) in RUNS


def _tag(name: str, attributes: dict[str, str | None]) -> str:
    written = "".join(f" {key}" if value is None else f' {key}="{html.escape(value)}"'
                      for key, value in attributes.items())
    return f"<{name}{written}>"


def after_first_frame(page: str, loader: str) -> str | None:
    """`page` with its scripts after Material's configuration marked to run
    after the first frame, each fetched early, and the loader (its URL,
    relative to the page) first in the head. None when there is nothing to
    mark, no Material configuration, or an inline script among them: its
    text would need to run again as a new script, which a
    Content-Security-Policy's hashes may not allow. Scripts marked `async`
    keep their place: they run whenever they arrive, on any page."""
    near = page.rfind("__config")  # Material puts it near the end: a third of the time of a search from the start
    config = SCRIPT.search(page, max(page.rfind("<script", 0, near), 0)) if near >= 0 else None
    end = page.rfind("</body>")
    head = _FIRST_IN_HEAD.search(page)
    if config is None or attributes(config.group(1)).get("id") != "__config" or end < config.end() or head is None:
        return None
    marked, early = [], []
    for tag in SCRIPT.finditer(page, config.end(), end):
        found = attributes(tag.group(1))
        # nomodule: today's browsers neither run it nor fire an event the loader could wait for.
        if not runs(found) or "async" in found or "nomodule" in found:
            continue
        if not found.get("src"):
            return None
        if _type(found) == "module":
            fetch = {"rel": "modulepreload", "href": found["src"]}
        else:
            fetch = {"rel": "preload", "href": found["src"], "as": "script"}
        fetch.update({key: found[key] for key in ("crossorigin", "integrity", "referrerpolicy") if key in found})
        early.append(_tag("link", fetch))
        found["data-jm-type"] = found.pop("type", None) or ""
        found["type"] = MARK
        marked.append((tag.start(), tag.end(), _tag("script", found) + "</script>"))
    if not marked:
        return None
    parts, last = [page[:head.end()], f'<script src="{html.escape(loader)}"></script>', *early], head.end()
    for start, stop, replacement in marked:
        parts += [page[last:start], replacement]
        last = stop
    return "".join(parts) + page[last:]
