"""What the plugin changes of a page that MkDocs and Material write as HTML,
besides putting its part in: the front-matter fields they show escaped, an
H1 for a page without one, a title named after the file escaped, the anchors
of a journey's moments kept apart from the text's headings, and the content
of a page in another language marked as such. On MkDocs' Page, so on the
adapter's side."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from markupsafe import escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .build import shown_path
from .load import shorten
from .record import with_tags
from .validate import Problem, url_scheme

log = get_plugin_logger(__name__)

H1_END = re.compile(r"</h1>", re.I)

# Fields of any page's front-matter that MkDocs and Material write into
# pages as HTML, unescaped: the title (<title>, the H1, the navigation),
# description and author (<meta>), subtitle and status (the navigation),
# the dates of the page's last change and creation (source-file.html: the
# git-revision-date plugins set them as HTML, later than this is called,
# see plugin.py). (And `location`: _location; `tags`.)
_SHOWN_AS_HTML = ("title", "description", "author", "subtitle", "status", "revision_date",
                  "git_revision_date_localized", "git_creation_date_localized")


def escape_meta(page: Page, journey_tags: list[str] | None) -> None:
    """The fields of a page's front-matter that MkDocs and Material write
    into pages as HTML, escaped (front-matter is untrusted plain text), a
    redirect's location made safe, and the tags escaped, with a journey's
    own (`journey_tags`) added."""
    for key in _SHOWN_AS_HTML:
        if (value := page.meta.get(key)) is not None:  # a list or a number too: written as text
            page.meta[key] = str(escape(value if isinstance(value, str) else str(value)))
    if "title" in page.meta:
        page.title = page.meta["title"]
    if page.meta.get("template") == "redirect.html" and (location := page.meta.get("location")) is not None:
        page.meta["location"] = _location(location, page)
    tags = page.meta.get("tags")
    if journey_tags is not None:
        tags = with_tags(tags, journey_tags)
    # Material writes tag names into pages, tags.json and the search index
    # as HTML, without escaping them. It takes any collection but text as
    # tags (a mapping's keys, a !!set): each becomes a list here.
    if isinstance(tags, Iterable) and not isinstance(tags, str):
        page.meta["tags"] = [_escaped(tag) for tag in tags]


def _escaped(tag: object) -> object:
    return str(escape(tag)) if isinstance(tag, str) else tag


def own_tags_only(context: dict, variable: str, own: object) -> None:
    """Leave among the tags Material shows on a page (its tags plugin's
    context `variable`, tags with a `name` each) only those the page's
    front-matter gives, escaped as escape_meta wrote them."""
    if isinstance(context.get(variable), list):
        names = {str(_escaped(tag)) for tag in (own if isinstance(own, list) else [])}
        context[variable] = [tag for tag in context[variable] if str(getattr(tag, "name", tag)) in names]


def _location(location: object, page: Page) -> str:
    """Where Material's redirect page sends a reader, as it may stand in
    both an attribute and a script's string: only http(s) or relative,
    with quotes, brackets and backslashes percent-encoded."""
    location = str(location)
    if url_scheme(location)[0] not in (None, "http", "https"):
        found = re.search(r"^location\s*:", page.file.content_string, re.M)
        line = page.file.content_string[: found.start()].count("\n") + 1 if found else 1
        message = f"'{shorten(location)}' does not redirect; give an http(s) address or a relative link"
        log.warning(str(Problem(shown_path(page.file), line, "location", message)))
        return "#"
    return quote(location, safe=":/?#[]@!$&()*+,;=%~")


def titled(page: Page, html: str) -> str:
    """A page whose text has no H1 gets one here, with an id and first in its
    table of contents, as a Markdown '# title' gives it. Material writes an H1
    of its own then, with neither, and links "skip to content" only to the
    first entry of the table of contents: on a journey page, the catalogue,
    a department or the overview a keyboard had no way past the header, the
    navigation and the tags."""
    if H1_END.search(html) or not page.title:
        return html
    taken = page.present_anchor_ids or set()  # the text's headings and the moments' rows (keep_anchors)
    ident = next(name for n in range(len(taken) + 1) if (name := f"jm-title_{n}" if n else "jm-title") not in taken)
    page.present_anchor_ids = taken | {ident}
    heading = AnchorLink(page.title, ident, 1)  # page.title is HTML, as Material writes it (escape_meta)
    heading.children = list(page.toc)
    page.toc = TableOfContents([heading])
    return f'<h1 id="{heading.id}">{page.title}</h1>\n{html}'


def escape_file_title(page: Page) -> None:
    """A page without a title or a first heading is named after its file,
    which MkDocs and Material write as HTML: a file '<img onerror=…>.md'
    would be markup on every page that lists it. (Asked once the page is
    rendered, when MkDocs knows whether a heading names it, and before any
    page is written.)"""
    if "title" in page.meta or not page.title or not re.search("[<>]", page.title):
        return  # an '&' or a quote is text as it is (escaped, Material's aria-labels showed '&amp;amp;')
    name = page.file.name.replace("-", " ").replace("_", " ")
    if page.title in (name, name.capitalize()):
        page.meta["title"] = str(escape(page.title))  # as a title given (Material's <title> unescapes page.title)


def in_language(html: str, lang: str | None, site_language: str) -> str:
    """A page in another language than the site's (`lang:`) is marked as
    such, for screen readers' voices and the browser's hyphenation: its
    content, with its title (the content's H1, see titled)."""
    if lang is None or lang.lower() == site_language.lower().replace("_", "-"):
        return html
    # lang: a tag of letters, digits and hyphens (validate.page_language); the class for print (journeys.css).
    # A title that opens the page stays first, marked on its own: in a wrapper, Material's search
    # indexed the page twice, once empty and once as a section named after it.
    heading = _FIRST_H1.match(html)
    title = (heading[1] + ("" if " lang=" in heading[1] else f' lang="{lang}"') + heading[2]) if heading else ""
    return f'{title}<div class="jm-lang" lang="{lang}">{html[heading.end() if heading else 0:]}</div>'


_FIRST_H1 = re.compile(r"\s*(<h1\b[^>]*?)(>.*?</h1>)", re.S | re.I)


_HEADING_WITH_ID = re.compile(r'(<h([1-6])\b[^>]*\bid=")([^"]*)("[^>]*>)(.*?</h\2>)', re.S)
_TABLE_HEADING = "jm-moments"  # the id of the heading above the moments' table (templates/journeys/map.html)


def keep_anchors(html: str, page: Page, anchors: list[str]) -> str:
    """A moment's `id` is its row's anchor on its page (the format promises
    it), so a heading of the page's text with that id gets the next free
    one instead, as a second heading of one name does, with its permalink
    and its entry in the table of contents. MkDocs learns the rows'
    anchors, so it knows links to them when it checks anchors."""
    present = page.present_anchor_ids or set()
    ours = {*anchors, _TABLE_HEADING}
    clashes = ours & present
    page.present_anchor_ids = present | ours
    if not clashes:
        return html
    renamed: dict[str, str] = {}

    def apart(heading: re.Match) -> str:
        old = heading[3]
        if old not in clashes:
            return heading[0]
        n = 1
        while f"{old}_{n}" in page.present_anchor_ids:
            n += 1
        new = f"{old}_{n}"
        page.present_anchor_ids.add(new)
        renamed.setdefault(old, new)  # the table of contents lists one heading of an id
        return heading[1] + new + heading[4] + heading[5].replace(f'href="#{old}"', f'href="#{new}"')

    html = _HEADING_WITH_ID.sub(apart, html)
    items = list(page.toc)
    while items:
        item = items.pop()
        item.id = renamed.get(item.id, item.id)
        items += item.children
    return html
