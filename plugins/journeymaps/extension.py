"""A journey map anywhere in Markdown: a Python-Markdown extension.

    ```journey
    title: Balie bezoeken
    journey:
      touchpoints:
        - {label: Nummertje trekken, score: 3}
    ```

draws the map of the YAML in the block (the front-matter format, same
validation, errors naming the page's lines); a block with only `page:`

    ```journey
    page: ../journeys/verhuizing-doorgeven.md
    ```

shows the map of that journey page. It needs no MkDocs: `markdown_extensions:
[journeys]` in an MkDocs site, or `markdown.markdown(text, extensions=["journeys"])`
anywhere else. A front end that knows the page being rendered (the MkDocs
plugin does) sets `current_page`, so messages name the file and its lines,
`page:` paths resolve within the site and `related` moments link to pages.
"""

from __future__ import annotations

import contextvars
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from . import present
from .colours import FaceColour
from .i18n import labels_for
from .load import split_front_matter
from .render import render_map
from .score import score_journey
from .terms import slugify
from .validate import Checked, Problem, Site, check_front_matter, resolve_page

# Under MkDocs this logger is counted by `--strict`; elsewhere it is an ordinary logger.
log = logging.getLogger("mkdocs.plugins.journeymaps.extension")

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*journey[ \t]*$")


@dataclass
class PageContext:
    """The page being rendered, as a front end knows it."""

    path: str  # the file as messages name it
    src_uri: str  # docs-relative, for resolving `page:` and `related`
    line_offset: int = 0  # lines above the Markdown body (front-matter)
    site: Site = field(default_factory=Site)
    read_page: Callable[[str], str | None] = lambda src_uri: None  # docs-relative path -> text
    url_for: Callable[[str], str | None] = lambda src_uri: None  # docs-relative path -> link from this page
    faces: dict[str, FaceColour] | None = None  # the site's face colours (None: the default set)


current_page: contextvars.ContextVar[PageContext | None] = contextvars.ContextVar("journeymaps_page", default=None)


class JourneyBlocks(Preprocessor):
    def __init__(self, md: Markdown, extension: JourneyExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, count = 0, 0
        while i < len(lines):
            match = _FENCE.match(lines[i])
            if not match:
                out.append(lines[i])
                i += 1
                continue
            end = i + 1
            while end < len(lines) and lines[end].strip() != match["fence"]:
                end += 1
            count += 1
            html = self.extension.render_block("\n".join(lines[i + 1 : end]), first_line=i + 2, number=count)
            out += ["", self.md.htmlStash.store(html), ""]
            i = end + 1
        return out


class JourneyExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "base_dir": [".", "Folder that `page:` paths resolve against when no site is known"],
            "language": ["en", "Language of the labels (nl or en) when no site is known"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Before fenced code (priority 25), so the block is ours, not a code sample.
        md.preprocessors.register(JourneyBlocks(md, self), "journeymaps", 30)

    def _context(self) -> PageContext:
        context = current_page.get()
        if context is not None:
            return context
        base = Path(self.getConfig("base_dir"))

        def read(src_uri: str) -> str | None:
            path = base / src_uri
            return path.read_text(encoding="utf-8") if path.is_file() else None

        site = Site(language=self.getConfig("language"), page_exists=lambda uri: (base / uri).is_file())
        return PageContext("<markdown>", "index.md", site=site, read_page=read)

    def render_block(self, yaml_text: str, *, first_line: int, number: int) -> str:
        context = self._context()
        labels = labels_for(context.site.language)
        checked, title, link, base = self._check(yaml_text, context, first_line + context.line_offset)
        env = present.make_env([])
        if checked.journey is None:
            for problem in checked.problems:
                log.warning(str(problem))
            return env.get_template("journeys/errors.html").render(present.errors_context(checked.problems, labels))
        card = score_journey(checked.journey)

        def href_for(touchpoint) -> str | None:
            # relative to the file the journey was written in
            target = resolve_page(touchpoint.related, base) if touchpoint.related else None
            return context.url_for(target) if target else None

        map_id = f"jm-block{number}-{slugify(title)[:40]}"
        svg = render_map(checked.journey, card, title=title, labels=labels, id_prefix=map_id, href_for=href_for,
                         faces=context.faces)
        language = context.site.language
        return env.get_template("journeys/embed.html").render(
            labels=labels, title=title, link=link, svg=Markup(svg), headline=present.headline(card, labels, language),
            journey=checked.journey,
            steps=present.steps(checked.journey, card, labels=labels, language=language, map_id=map_id, href_for=href_for),
        )

    def _check(self, yaml_text: str, context: PageContext, first_line: int) -> tuple[Checked, str, str | None, str]:
        """(the check, the map's title, a link to the journey page or None,
        the docs-relative file the journey was written in)."""
        try:
            block = yaml.safe_load(yaml_text)
        except yaml.YAMLError:
            block = None  # the full check below says where
        if isinstance(block, dict) and set(block) == {"page"}:
            return self._referenced(str(block["page"]), context, first_line)
        checked = check_front_matter(
            yaml_text, path=context.path, src_uri=context.src_uri, site=context.site, first_line=first_line
        )
        title = checked.meta.get("title") if isinstance(checked.meta.get("title"), str) else None
        return checked, title or labels_for(context.site.language)["journey"], None, context.src_uri

    def _referenced(self, link: str, context: PageContext, line: int) -> tuple[Checked, str, str | None, str]:
        target = resolve_page(link, context.src_uri)
        text = context.read_page(target) if target else None
        if text is None:
            problem = Problem(context.path, line, "page", f"'{link}' is not a journey page of this site")
            return Checked(None, [problem]), "", None, context.src_uri
        yaml_text, _ = split_front_matter(text)
        checked = check_front_matter(
            yaml_text or "", path=posixpath.join(posixpath.dirname(context.path), link), src_uri=target, site=context.site
        )
        title = checked.meta.get("title")
        title = title if isinstance(title, str) else posixpath.basename(target)
        return checked, title, context.url_for(target), target


def makeExtension(**kwargs) -> JourneyExtension:  # noqa: N802 - Python-Markdown's name
    return JourneyExtension(**kwargs)
