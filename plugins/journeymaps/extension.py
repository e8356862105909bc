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
`page:` paths resolve within the site, `related` moments link to pages and
owners to their departments' pages.
"""

from __future__ import annotations

import contextvars
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from . import present
from .colours import FaceColour
from .i18n import labels_for
from .load import journey_blocks
from .render import render_map
from .score import score_journey
from .terms import slugify
from .validate import Problem, Site, check_block, resolve_page, with_fragment

if TYPE_CHECKING:
    import jinja2

class _Prefixed(logging.LoggerAdapter):
    """Each line begins 'journeymaps: ', as the plugin's do (MkDocs' get_plugin_logger,
    not imported here: the extension works without MkDocs)."""

    def process(self, msg, kwargs):
        return f"journeymaps: {msg}", kwargs


# Under MkDocs this logger is counted by `--strict`; elsewhere it is an ordinary logger.
log = _Prefixed(logging.getLogger("mkdocs.plugins.journeymaps.extension"), {})


@dataclass
class PageContext:
    """The page being rendered, as a front end knows it."""

    path: str  # the file as messages name it
    src_uri: str  # docs-relative, for resolving `page:` and `related`
    line_offset: int = 0  # lines above the Markdown body (front-matter)
    site: Site = field(default_factory=Site)
    read_page: Callable[[str], bytes | None] = lambda src_uri: None  # docs-relative path -> the file's bytes
    url_for: Callable[[str], str | None] = lambda src_uri: None  # docs-relative path -> link from this page
    # an owner as written -> its department's page, linked from this page (None: the site has no such page)
    department_url: Callable[[str], str | None] = lambda name: None
    faces: dict[str, FaceColour] | None = None  # the site's face colours (None: the default set)
    env: jinja2.Environment | None = None  # the site's templates, overrides first (None: the package's own)
    # Does the front end check and report every page of the site (the MkDocs plugin does)? Then a block
    # that shows a journey page leaves that page's problems to it; else the block reports them.
    reports_pages: bool = False
    # Where the page's bytes are not UTF-8 (replaced), for a page that is no journey page: said with its blocks.
    undecodable: list[Problem] = field(default_factory=list)


current_page: contextvars.ContextVar[PageContext | None] = contextvars.ContextVar("journeymaps_page", default=None)


class JourneyBlocks(Preprocessor):
    def __init__(self, md: Markdown, extension: JourneyExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out, after = [], 0
        blocks = journey_blocks(lines)
        if blocks:  # a page that is not UTF-8 reports it when it holds a journey (as check does)
            for problem in self.extension._context().undecodable:
                log.warning(str(problem))
        for number, (start, end) in enumerate(blocks, 1):
            html = self.extension.render_block("\n".join(lines[start + 1 : end]), first_line=start + 2, number=number)
            out += lines[after:start] + ["", self.md.htmlStash.store(html), ""]
            after = end + 1
        return out + lines[after:]


class JourneyExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "base_dir": [".", "Folder that `page:` paths resolve against when no site is known"],
            "language": ["en", "Language of the labels (nl or en) when no site is known"],
        }
        super().__init__(**kwargs)
        self._env: jinja2.Environment | None = None  # the package's templates, made once

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Before fenced code (priority 25), so the block is ours, not a code sample.
        md.preprocessors.register(JourneyBlocks(md, self), "journeymaps", 30)

    def _context(self) -> PageContext:
        context = current_page.get()
        if context is not None:
            return context
        base = Path(self.getConfig("base_dir"))

        def read(src_uri: str) -> bytes | None:
            path = base / src_uri
            return path.read_bytes() if path.is_file() else None

        site = Site(language=self.getConfig("language"), page_exists=lambda uri: (base / uri).is_file())
        return PageContext("<markdown>", "index.md", site=site, read_page=read)

    def _package_env(self) -> jinja2.Environment:
        if self._env is None:
            self._env = present.make_env([])
        return self._env

    def render_block(self, yaml_text: str, *, first_line: int, number: int) -> str:
        context = self._context()
        labels = labels_for(context.site.language)
        checked, target, reported = check_block(
            yaml_text, path=context.path, src_uri=context.src_uri, site=context.site,
            first_line=first_line + context.line_offset, read_page=context.read_page,
            reports_page=lambda src_uri: context.reports_pages)
        env = context.env or self._package_env()
        for problem in reported:  # warnings too: the map is drawn, but --strict fails
            log.warning(str(problem))
        if checked.journey is None:
            return env.get_template("journeys/errors.html").render(present.errors_context(checked.problems, labels))
        card = score_journey(checked.journey)
        title = checked.meta.get("title")
        if not isinstance(title, str) or not title:
            title = posixpath.basename(target) if target else labels["journey"]
        link = context.url_for(target) if target else None
        base = target or context.src_uri  # the docs-relative file the journey was written in

        def href_for(touchpoint) -> str | None:
            # relative to the file the journey was written in
            target = resolve_page(touchpoint.related, base) if touchpoint.related else None
            url = context.url_for(target) if target else None
            return with_fragment(url, touchpoint.related) if url else None

        map_id = f"jm-block{number}-{slugify(title, empty='map')[:40]}"
        # Drawn whole: a block has no table of moments that shows a text cut short.
        svg = render_map(checked.journey, card, title=title, labels=labels, id_prefix=map_id, href_for=href_for,
                         faces=context.faces, cut=False)
        language = context.site.language
        return env.get_template("journeys/embed.html").render(
            labels=labels, title=title, link=link, svg=Markup(svg), headline=present.headline(card, labels, language),
            journey=checked.journey,
            steps=present.steps(checked.journey, card, labels=labels, language=language, map_id=map_id,
                                href_for=href_for, department_url=context.department_url),
        )


def makeExtension(**kwargs) -> JourneyExtension:  # noqa: N802 - Python-Markdown's name
    return JourneyExtension(**kwargs)
