"""The MkDocs plugin `journeys`: a thin adapter between MkDocs and the core.

Collect first, render once everything is known: `on_files` checks every
journey page and adds its standalone SVG as a generated file; `on_page_content`
puts the map, headline and table on the page. Problems are logged as warnings
on the plugin logger, so `mkdocs build --strict` fails on them and a plain
build shows them in place of the map while every other page builds as usual.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass
from importlib.resources import files as package_files

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from markupsafe import escape
from pydantic import ValidationError

from . import kiosk, organisation, pages, present
from .colours import face_colours, lightness_clashes
from .config import JourneysConfig
from .extension import PageContext, current_page
from .i18n import labels_for
from .model import Journey, Killer, slugify
from .plain import Glossary, check_plain
from .render import MAP_CSS, as_standalone, render_map
from .score import Scorecard, score_journey
from .load import has_journey
from .compare import Comparison, compare
from .validate import Checked, Problem, Site, check_page, decode_page, resolve_page

log = get_plugin_logger(__name__)

CSS_URI = "assets/journeymaps/journeys.css"
SVG_SLOT = "<jm-map-slot></jm-map-slot>"  # where on_post_page puts the map
JS_URI = "assets/journeymaps/journeys.js"
JS_KIOSK_URI = "assets/journeymaps/kiosk.js"
CSS_KIOSK_URI = "assets/journeymaps/kiosk.css"
_H1_END = re.compile(r"</h1>", re.I)


@dataclass
class JourneyPage:
    """A journey page as collected in on_files."""

    checked: Checked
    svg_file: File | None = None
    card: Scorecard | None = None
    svg: str = ""  # the inline map, rendered once per build
    baseline: str | None = None  # docs-relative path of the baseline journey
    comparison: Comparison | None = None

    @property
    def journey(self) -> Journey | None:
        return self.checked.journey


class JourneysPlugin(BasePlugin[JourneysConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, JourneyPage] = {}  # by src_uri
        self.generated: dict[str, pages.Renderer] = {}  # generated pages by src_uri
        self.sources: dict[str, str] = {}  # replacement text of pages that are not UTF-8

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.language = self.config.language or config.theme.get("language") or "en"
        self.labels = labels_for(self.language)
        try:
            killers = tuple(Killer.model_validate(dict(k)) for k in self.config.killers)
        except ValidationError as error:
            raise PluginError(f"journeys: killers: {error.errors()[0]['msg']} (each killer needs an id such as 'rude-staff' and a label)")
        colors = dict(self.config.colors)
        try:
            self.faces = face_colours(colors.pop("set"), colors)
        except ValueError as error:
            raise PluginError(f"journeys: colors.{error}") from None
        for clash in lightness_clashes(self.faces):
            log.warning(f"colors: {clash}")
        self.site = Site(language=self.language, killers=killers)
        self.env = present.make_env([d for d in config.theme.dirs])
        self.paths = pages.Paths(self.config.catalogue_page, self.config.owners_dir.strip("/"), self.config.overview_page)
        self.own_nav = config.nav is not None  # a site's own nav: is respected as it is
        config.extra_css.append(CSS_URI)
        config.extra_javascript.append(JS_URI)
        return config

    # Priority -50: after other plugins have added or removed pages, so every
    # journey that will be built is known before any page is rendered.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.files = files
        files.append(File.generated(config, CSS_URI, content=self._css()))
        files.append(File.generated(config, JS_URI, content=_asset("assets/journeys.js")))
        uris = {f.src_uri for f in files.documentation_pages()}
        self.checking = site = Site(self.site.language, self.site.killers, page_exists=uris.__contains__)
        self.pages, self.sources, self._paths = {}, {}, {}
        glossary = Glossary.for_site(self.language, self.config.plain_language.words)
        for file in files.documentation_pages():
            text, undecodable = decode_page(file.content_bytes, _shown_path(file))
            if undecodable:
                # MkDocs would abort the whole build on this page; build it
                # with the bad bytes replaced and say where they are.
                self.sources[file.src_uri] = text
                checked = Checked(None, undecodable) if has_journey(text) else None
            else:
                checked = check_page(text, path=_shown_path(file), src_uri=file.src_uri, site=site)
            for problem in checked.problems if checked else undecodable:
                log.warning(str(problem))
            if checked is not None and checked.lines is not None and self.config.plain_language.enabled:
                self._plain_hints(checked, _shown_path(file), glossary)
            if checked is not None:
                self.pages[file.src_uri] = JourneyPage(checked)
                self._paths[file.src_uri] = _shown_path(file)
        self._check_baselines()
        self.redesigns: dict[str, list[str]] = {}  # baseline -> the journeys that redesign it
        for uri, page in self.pages.items():
            if page.baseline and page.journey is not None:
                self.redesigns.setdefault(page.baseline, []).append(uri)
        for page in self.pages.values():
            if page.journey is not None:
                page.card = score_journey(page.journey)
        entries = []
        for src_uri, page in self.pages.items():
            if page.journey is None:
                continue
            base = self.pages.get(page.baseline) if page.baseline else None
            if base is not None and base.card is not None:
                page.comparison = compare(base.card, page.card)
            title = _title(page.checked, src_uri)
            entries.append(organisation.Entry(src_uri, title, page.journey, page.card))
            page_file = files.get_file_from_path(src_uri)
            page.svg = render_map(
                page.journey,
                page.card,
                title=title,
                labels=self.labels,
                id_prefix=_id_prefix(src_uri),
                href_for=_row_href(page.journey),
                comparison=page.comparison,
                faces=self.faces,
            )
            if self.config.download:
                page.svg_file = _svg_file(page_file, as_standalone(page.svg), title, config)
                files.append(page.svg_file)
        if self.config.kiosk:
            self._kiosk(entries, files, config)
        svg_files = {uri: p.svg_file for uri, p in self.pages.items() if p.svg_file}
        baselines = {uri: (p.baseline, p.comparison.score_delta) for uri, p in self.pages.items() if p.comparison}
        site = pages.Site(entries, files, svg_files, self.labels, self.language, self.env, baselines)
        self.generated = pages.generate(site, self.paths, config)
        if self.config.navigation and not self.own_nav:
            owner_pages = {uri for uri in self.generated if uri.startswith(self.paths.owners + "/")}
            skip = set(self.pages) | owner_pages | {self.paths.catalogue, self.paths.overview}
            config.nav = pages.navigation(files, skip, self.paths, self.labels)
            # Leaving journeys out of the sidebar is deliberate: do not list them all.
            config.validation.nav.omitted_files = logging.DEBUG
        return files

    def _check_baselines(self) -> None:
        """A baseline must be a journey page, and baselines must not loop.
        A page that breaks either rule shows its problem instead of a map."""
        for src_uri, page in self.pages.items():
            link = page.journey.baseline if page.journey else None
            page.baseline = resolve_page(link, src_uri) if link else None
        for src_uri, page in self.pages.items():
            if page.baseline is None:
                continue
            line = page.checked.lines.line_of(("journey", "baseline"))
            path = self._paths[src_uri]
            message = None
            if page.baseline not in self.pages:
                message = f"'{page.journey.baseline}' is not a journey page; a baseline needs journey front-matter"
            else:
                chain, current = [src_uri], page.baseline
                while current is not None and current not in chain:
                    chain.append(current)
                    current = self.pages[current].baseline if current in self.pages else None
                if current == src_uri:
                    message = "baselines go round in a loop: " + " → ".join(chain + [src_uri])
            if message:
                problem = Problem(path, line, "journey.baseline", message)
                log.warning(str(problem))
                page.checked.problems.append(problem)
                page.checked.journey = None

    def _plain_hints(self, checked: Checked, path: str, glossary: Glossary) -> None:
        """Jargon hints: information, or warnings when the site asks for strict plain language."""
        level = logging.WARNING if self.config.plain_language.strict else logging.INFO
        for hint in check_plain(checked.lines, checked.body, path=path, glossary=glossary, body_line=checked.body_line):
            log.log(level, str(hint))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # MkDocs and Material put a front-matter title into <title>, the H1
        # and the navigation as HTML. Front-matter is untrusted plain text.
        if not self.config.enabled:
            return None
        title = page.meta.get("title")
        if isinstance(title, str):
            page.title = page.meta["title"] = str(escape(title))
        collected = self.pages.get(page.file.src_uri)
        tags = page.meta.get("tags")
        if self.config.tags and collected and collected.journey:
            tags = _tags(tags, collected.journey)
        # Material writes tag names into pages, tags.json and the search index
        # as HTML, without escaping them.
        if isinstance(tags, list):
            page.meta["tags"] = [str(escape(tag)) if isinstance(tag, str) else tag for tag in tags]
        if "journey" in markdown:  # perhaps a ```journey block (extension.py)
            self._set_page_context(markdown, page, files)
        return None

    def _set_page_context(self, markdown: str, page: Page, files: Files) -> None:
        """Tell ```journey blocks which page they are on and how many lines sit above its body."""
        source = self.sources.get(page.file.src_uri) or page.file.content_string
        offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        current_page.set(
            PageContext(
                _shown_path(page.file),
                page.file.src_uri,
                offset,
                self.checking,
                read_page=lambda uri: f.content_string if (f := files.get_file_from_path(uri)) else None,
                url_for=lambda uri: f.url_relative_to(page.file) if (f := files.get_file_from_path(uri)) else None,
                faces=self.faces,
            )
        )

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.sources.get(page.file.src_uri) if self.config.enabled else None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        current_page.set(None)  # the page's Markdown is rendered
        if page.file.src_uri in self.generated:
            return html + self.generated[page.file.src_uri](page.file)
        collected = self.pages.get(page.file.src_uri)
        if collected is None:
            return None
        if collected.journey is None:
            block = self.env.get_template("journeys/errors.html").render(
                present.errors_context(collected.checked.problems, self.labels)
            )
        else:
            block = self._map_html(collected, page)
        # Above the body, but below the page's own H1 when it has one.
        match = _H1_END.search(html)
        return html[: match.end()] + block + html[match.end() :] if match else block + html

    def _map_html(self, collected: JourneyPage, page: Page) -> str:
        comparison = None
        if collected.comparison is not None:
            base = self.pages[collected.baseline]
            comparison = present.comparison_context(
                collected.comparison, labels=self.labels, language=self.language,
                title=_title(base.checked, collected.baseline),
                url=self.files.get_file_from_path(collected.baseline).url_relative_to(page.file),
            )
        redesigned_in = [
            {"title": _title(self.pages[uri].checked, uri), "url": self.files.get_file_from_path(uri).url_relative_to(page.file)}
            for uri in self.redesigns.get(page.file.src_uri, [])
        ]
        context = present.journey_context(
            collected.journey,
            collected.card,
            title=_title(collected.checked, page.file.src_uri),
            labels=self.labels,
            language=self.language,
            svg=SVG_SLOT,
            svg_url=collected.svg_file.url_relative_to(page.file) if collected.svg_file else None,
            href_for=self._href_for(page.file, self.files),
            comparison=comparison,
            redesigned_in=redesigned_in,
            map_id=_id_prefix(page.file.src_uri),
        )
        return self.env.get_template("journeys/map.html").render(context)

    # The map goes into the finished page, after the search plugin has read
    # the content: search skips it anyway, and need not parse 20 KB of SVG
    # on every journey page to do so.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        collected = self.pages.get(page.file.src_uri) if self.config.enabled else None
        if collected is None or not collected.svg:
            return None
        return output.replace(SVG_SLOT, collected.svg, 1)

    def _kiosk(self, entries: list[organisation.Entry], files: Files, config: MkDocsConfig) -> None:
        """The kiosk page, its playlist, its version and its maps (pictures without words)."""
        folder = self.config.kiosk_dir.strip("/")
        svgs: dict[str, str] = {}

        def svg_url(entry: organisation.Entry) -> str:
            name = slugify(posixpath.splitext(entry.key)[0])
            svgs[f"{folder}/maps/{name}.svg"] = render_map(
                entry.journey, entry.card, title=entry.title, labels=self.labels,
                id_prefix=f"jm-kiosk-{name}", words=False, faces=self.faces,
            )
            return f"maps/{name}.svg"

        def tags(entry: organisation.Entry) -> list[str]:
            return _tags(self.pages[entry.key].checked.meta.get("tags"), entry.journey)

        maps = kiosk.playlist(entries, labels=self.labels, language=self.language, svg_url=svg_url, tags=tags)
        depth = "../" * (folder.count("/") + 1)
        page = self.env.get_template("journeys/kiosk.html").render(
            labels=self.labels, lang=self.language, assets=f"{depth}assets/journeymaps"
        )
        assets = {JS_KIOSK_URI: _asset("assets/kiosk.js"), CSS_KIOSK_URI: _asset("assets/kiosk.css")}
        version = kiosk.content_version(kiosk.dumps(maps), page, self._css(), *assets.values(), *sorted(svgs.values()))
        generated = {
            **svgs,
            **assets,
            f"{folder}/index.html": page,
            f"{folder}/playlist.json": kiosk.dumps({"version": version, "maps": maps}),
            f"{folder}/version.json": kiosk.dumps({"version": version}),
        }
        for uri, content in generated.items():
            files.append(File.generated(config, uri, content=content))

    def _href_for(self, origin: File, files: Files):
        """Links for `related`: only ever to pages of this site."""

        def href(touchpoint) -> str | None:
            target = resolve_page(touchpoint.related, origin.src_uri) if touchpoint.related else None
            target_file = files.get_file_from_path(target) if target else None
            return target_file.url_relative_to(origin) if target_file else None

        return href

    def _css(self) -> str:
        colors = "\n".join(f"  --jm-{name}: {face.fill};" for name, face in self.faces.items())
        return f"{MAP_CSS}\n{_asset('assets/journeys.css')}\n:root {{\n{colors}\n}}\n"


def _row_href(journey: Journey):
    """Each moment on the map links to its row in the table below, where its
    details are: a keyboard reaches them from the map."""
    rows = {id(tp): f"#{anchor}" for tp, anchor in zip(journey.touchpoints, present.anchors(journey))}
    return lambda touchpoint: rows[id(touchpoint)]


def _asset(name: str) -> str:
    return package_files("journeymaps").joinpath(name).read_text(encoding="utf-8")


def _tags(existing: object, journey: Journey) -> list:
    """The page's own tags, then its owners, channels and phases."""
    tags = list(existing) if isinstance(existing, list) else []
    owners = [journey.owner] + [tp.owner for tp in journey.touchpoints]
    channels = [tp.channel for tp in journey.touchpoints]
    used = {tp.phase for tp in journey.touchpoints}
    phases = [p.label for p in journey.phases if p.id in used]
    for tag in owners + channels + phases:
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _svg_file(page_file: File, svg: str, title: str, config: MkDocsConfig) -> File:
    """The standalone SVG, next to the page's HTML: the SVG and the page
    share a base URL, so the same relative links work in both."""
    name = posixpath.splitext(posixpath.basename(page_file.src_uri))[0]
    if name in ("index", "README"):
        name = slugify(title)
    return File.generated(config, posixpath.join(posixpath.dirname(page_file.dest_uri), f"{name}.svg"), content=svg)


def _title(checked: Checked, src_uri: str) -> str:
    title = checked.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()


def _id_prefix(src_uri: str) -> str:
    return "jm-" + slugify(posixpath.splitext(src_uri)[0])


def _shown_path(file: File) -> str:
    """The file as an editor knows it: relative to where mkdocs runs."""
    if not file.abs_src_path:
        return file.src_uri
    relative = os.path.relpath(file.abs_src_path)
    return relative if not relative.startswith("..") else file.abs_src_path
