"""The MkDocs plugin `journeys`: a thin adapter between MkDocs and the core.

Collect first, render once everything is known: `on_files` checks every
journey page (or takes the check from the cache, cache.py), adds the
standalone SVGs, the kiosk and the generated pages; `on_page_content` puts
the headline and table on the page, as text for the search plugin (or, for
a part a worker is still making, `on_page_context` does), and
`on_post_page` puts the full HTML and the map back. Problems are logged as
warnings on the plugin logger, so `mkdocs build --strict` fails on them and a
plain build shows them in place of the map while every other page builds as
usual.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import posixpath
import secrets
from importlib.resources import files as package_files
from typing import Callable
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from . import kiosk, organisation, pages, paint, present
from .build import Build, JourneyPage, Source, shown_path
from .colours import FaceColour, site_faces
from .config import JourneysConfig, processes, site_language
from .draw import Check, Checking, Drawer, Job, PartInputs, make_part, with_map
from .extension import PageContext, current_page
from .i18n import labels_for
from .page_html import H1_END, escape_file_title, escape_meta, in_language, keep_anchors, own_tags_only, titled
from .plain import Glossary
from .record import Record, cut_journey, problems_record, still_true, with_tags
from .render import MAP_CSS, as_standalone
from .site_cache import open_cache, site_name
from .site_files import SiteFiles
from .load import has_journey, may_be_journey, split_front_matter
from .terms import slugify
from .validate import Site, decode_page, in_line_order, resolve_file, resolve_page

log = get_plugin_logger(__name__)

CSS_URI = "assets/journeymaps/journeys.css"
JS_URI = "assets/journeymaps/journeys.js"
AFTER_PAINT_URI = "assets/journeymaps/after-paint.js"  # see paint.py
JS_KIOSK_URI = "assets/journeymaps/kiosk.js"
CSS_KIOSK_URI = "assets/journeymaps/kiosk.css"
_built_before = False  # has a build ended in this process (see JourneysPlugin._freeze)?


class JourneysPlugin(BasePlugin[JourneysConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: Build | None = None  # the build's state, from its on_files on
        self.frozen = False  # objects set aside from the garbage collector (see _freeze)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        _count_warnings_when_strict(config.strict)
        try:
            self.language = site_language(self.config.language, config.theme.get("language"))
        except ValueError as error:
            raise PluginError(f"journeys: {error}") from None
        self.labels = labels_for(self.language)
        self.killers = self.config.killers  # checked with the options (config.Killers)
        self.env = present.make_env([d for d in config.theme.dirs])
        self.cache = open_cache(config, self.config, self.language)
        colors = dict(self.config.colors)
        # Each colour is valid CSS: checked with the options (config.ColorsOption).
        faces = self.cache.json(self.cache.key("faces", colors), lambda: site_faces(colors))
        self.faces = {emotion: FaceColour(*face) for emotion, face in faces["faces"].items()}
        for clash in faces["clashes"]:
            log.warning(f"colors: {clash}")
        self.glossary = Glossary.for_site(self.language, self.config.plain_language.words)
        self.paths = pages.Paths(self.config.catalogue_page, self.config.owners_dir.strip("/"),
                                 self.config.overview_page,
                                 f"{self.config.kiosk_dir.strip('/')}/index.html" if self.config.kiosk else None)
        self.own_nav = config.nav is not None  # a site's own nav: is respected as it is
        self.tags_variable = _tags_variable(config)  # where Material's tags plugin puts a page's tags
        self.search = config.plugins.get("material/search")  # its index: see _moments_indexed
        self.assets = {CSS_URI: self._css(), JS_URI: _asset("assets/journeys.js"),
                       AFTER_PAINT_URI: _asset("assets/after-paint.js")}
        # Named by their content: the files keep their names from build to
        # build, and a browser takes them from its cache while it holds them
        # fresh (without a Cache-Control header, for a tenth of their age).
        self.asset_urls = {uri: _versioned(uri, content) for uri, content in self.assets.items()}
        config.extra_css.append(self.asset_urls[CSS_URI])
        config.extra_javascript.append(self.asset_urls[JS_URI])
        return config

    # Priority -50: after other plugins have added or removed pages, so every
    # journey that will be built is known before any page is rendered.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if self.build is not None:  # `mkdocs serve`: the last build's state goes before the rest is set aside
            self.build.drawer.close()
            self.build = None
        self._freeze()
        self._add_assets(files, config)
        uris = {f.src_uri for f in files.documentation_pages()}
        self.build = self._new_build(files, uris)
        self._collect(uris)
        self.build.check_baselines()
        self.build.check_related()
        self.build.name_departments()
        self.build.pair_redesigns()
        self._name_maps(config)
        owners = pages.owner_names(self.build.department_slugs)
        renderers = self._add_lists(config, owners)
        self._plan_parts()
        self._plan_lists(config, renderers, owners)
        if self.config.navigation and not self.own_nav:
            self._navigation(config)
        elif self.own_nav:
            self._not_in_nav()
        for page in self.build.pages.values():
            page.record.settle()
        self._freeze()
        return files

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        for uri, content in self.assets.items():
            if uri != AFTER_PAINT_URI or self.config.map_first:
                files.append(File.generated(config, uri, content=content))

    def _new_build(self, files: Files, uris: set[str]) -> Build:
        """A build's state, with nothing of the last one's."""
        glossary = self.glossary if self.config.plain_language.enabled else None
        checking = Site(self.language, self.killers, page_exists=uris.__contains__)
        drawer = Drawer(processes(self.config.processes) - 1, Checking(checking, glossary, self.env))
        marker = secrets.token_hex(8)  # front-matter cannot guess it (see _for_search)
        # Around what the search plugin reads of a part: before the page's text and after it (present.STORY)
        search_marks = tuple(f"<!--{end}jm-{half}-{marker}-->" for half in ("head", "tail") for end in ("", "/"))
        return Build(files, drawer, SiteFiles(self.cache, drawer), checking, search_marks)

    def _collect(self, uris: set[str]) -> None:
        """Every journey page with what checking it found (workers check the
        pages the cache has no check of, when there are many); its problems
        and plain-language hints are logged."""
        sources = [self._source(file) for file in self.build.files.documentation_pages()]
        for source in sources:
            if source.key and not self.cache.has(source.key, ".json"):
                self.build.drawer.ahead(source.key, source.check)
        if self.build.drawer.start():
            log.info(f"checking {len(self.build.drawer.jobs)} pages, in {self.build.drawer.workers + 1} processes")
        for source in sources:
            record = self._record(source, uris)
            if record is None:
                continue
            for problem in in_line_order(record.problems + record.warnings):
                log.warning(str(problem))
            level = logging.WARNING if self.config.plain_language.strict else logging.INFO
            for hint in record.data["hints"]:
                log.log(level, hint)
            uri = source.file.src_uri
            self.build.pages[uri] = JourneyPage(uri, record, shown_path(source.file),
                                                self.cache.key("shown", uri, record.shown))

    def _name_maps(self, config: MkDocsConfig) -> None:
        """Each valid journey's map: the cache's name for it, and its download among the site's files."""
        for src_uri, page in self.build.pages.items():
            if page.record.problems:
                continue
            page.map_key = self.cache.key("map", page.shown_key, page.compared_key)
            if self.config.download:
                name = _svg_name(self.build.files.get_file_from_path(src_uri), self.build.title(src_uri))
                page.svg_file = self.build.site_files.generated(
                    config, name, page.map_key, ".download.svg", lambda page=page: as_standalone(self._map_svg(page)))
                self.build.files.append(page.svg_file)

    def _plan_parts(self) -> None:
        """What each valid journey page's part is made from, and the maps to
        draw ahead: a part's the cache has not (drawn with the part), and a
        download's."""
        for page in self.build.pages.values():
            if page.record.problems:
                continue
            page.part = self._part_inputs(page)
            download = page.map_key + ".download.svg"
            missing = not self.cache.has(page.part.key, ".part")
            self.build.progress.total += missing
            # Kept when only its part is read, so a part made again later (a
            # link on the page changed) finds the map still drawn.
            if not self.cache.keep(page.map_key, ".svg") and (download in self.build.site_files.pending or missing):
                self.build.site_files.ahead(page.map_key, self._map_job(page, part=missing), download)
                if missing:
                    self.build.drawing[page.map_key] = page

    def _add_lists(self, config: MkDocsConfig, owners: list[tuple[str, str]]) -> dict[str, pages.Renderer]:
        """Add the pages that list journeys (the catalogue, the departments'
        pages, the overview) to the site's files, before the journeys' parts
        are planned: a journey page links to its departments' pages."""
        files = self.build.files
        svg_files = {uri: p.svg_file for uri, p in self.build.pages.items() if p.svg_file}
        broken = sorted((self.build.title(uri), uri) for uri, p in self.build.pages.items() if p.record.problems)
        self.build.site = site = pages.Site(self.build.entries, files, svg_files, self.labels, self.language, self.env,
                                            self.build.baselines, self.build.department_slugs, self.faces, broken)
        return pages.generate(site, self.paths, config, owners, tags=self.config.tags)

    def _plan_lists(self, config: MkDocsConfig, renderers: dict[str, pages.Renderer],
                    owners: list[tuple[str, str]]) -> None:
        """The pages that list journeys, made when first asked for (see
        _make_lists), and the kiosk; `owners`: the departments, as (name, slug)."""
        # What lists every journey is made again when any of them changed
        # (a department's page: when one that names the department changed).
        library = self.cache.key("library", self.paths, [
            (uri, p.shown_key, bool(p.record.problems), p.compared_key, p.svg_file and p.svg_file.dest_uri)
            for uri, p in self.build.pages.items()
        ])
        if self.config.kiosk:
            self._kiosk(self.build.site, library, self.build.files, config)
        if self.build.drawer.start():
            log.info(f"drawing {len(self.build.drawer.jobs)} maps, in {self.build.drawer.workers + 1} processes")
        # Worked out when first asked for, once the files are final.
        keys = functools.cache(lambda: pages.list_keys(self.cache, self.paths, self.build, renderers, owners, library))
        self.build.generated = {
            uri: lambda file, uri=uri, render=render: (keys()[uri], lambda: present.part_entry(render(file)))
            for uri, render in renderers.items()
        }

    def _navigation(self, config: MkDocsConfig) -> None:
        """The site's navigation without its journeys, their lists and the departments' pages."""
        owner_pages = {uri for uri in self.build.generated if uri.startswith(self.paths.owners + "/")}
        skip = set(self.build.pages) | owner_pages | {self.paths.catalogue, self.paths.overview}
        config.nav = pages.navigation(self.build.files, skip, self.paths, self.labels)
        # Leaving journeys out of the sidebar is deliberate: do not list them all.
        config.validation.nav.omitted_files = logging.DEBUG

    def _not_in_nav(self) -> None:
        """A site's own nav is left as it is, but journeys (reached from the
        catalogue) and the generated pages (a department's appears when an
        editor names it) are not reported as left out of it: with
        `omitted_files: warn` every --strict build failed on pages nobody could list."""
        for uri in [*self.build.pages, *self.build.generated]:
            file = self.build.files.get_file_from_path(uri)
            if file is not None and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV

    # What lives through the whole build (the modules, MkDocs' configuration
    # and files, the journeys' records: most of the objects a build has) is
    # set aside from Python's garbage collector until the build ends. A full
    # collection walks every object, and it runs several times a build: on
    # 500 journeys, they went from about 0.33 s to 0.17 s of a first build.
    # (Forked workers share these objects' memory for longer, too.)
    # `gc.freeze` and `gc.unfreeze` act on the whole process.
    def _freeze(self) -> None:
        global _built_before
        if not self.frozen and _built_before:
            # `mkdocs serve` builds again in the same process. What the last
            # build left behind became garbage when it ended: collected
            # now, or it would be set aside with the rest, and never freed.
            gc.collect()
        gc.freeze()
        self.frozen = True

    def _unfreeze(self) -> None:
        """After a build, or a failed one."""
        global _built_before
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
            _built_before = True

    def _source(self, file: File) -> Source:
        """A page as read: its check, and the cache's name for the check's
        record when the page may be a journey page."""
        path = shown_path(file)
        text, undecodable = decode_page(file.content_bytes, path)
        if undecodable:
            # MkDocs would abort the whole build on this page; build it
            # with the bad bytes replaced and say where they are when it
            # holds a journey: here for a journey page, else with its
            # ```journey blocks (extension.py), as check does.
            self.build.sources[file.src_uri] = text
            if has_journey(text):
                return Source(file, None, None, undecodable)
            self.build.undecodable[file.src_uri] = undecodable
            return Source(file, None, None)
        if not may_be_journey(text):
            return Source(file, None, None)
        return Source(file, Check(text, path, file.src_uri), self.cache.key("page", file.src_uri, path, text))

    def _record(self, source: Source, uris: set[str]) -> Record | None:
        """What checking the page found: from the cache when neither the page
        nor the pages it links to have changed."""
        if source.undecodable:
            return Record(problems_record(source.undecodable))
        if source.check is None:  # not a journey page
            return None
        key = source.key
        data = self.cache.json(key, lambda: self.build.drawer.get(key, source.check))
        if data is not None and not still_true(data, uris.__contains__):
            self.cache.forget(key, ".json")
            data = self.cache.put_json(key, self.build.drawer.get(key, source.check))
        if data is not None and data.get("cut"):
            self.build.read_as[source.file.src_uri] = cut_journey(source.check.text, data["cut"])
        return Record(data) if data is not None else None

    def _map_svg(self, page: JourneyPage) -> str:
        """A journey page's inline map: drawn once, then kept in the cache
        (and its download, when it waits for it, made)."""
        svg = self.cache.text(page.map_key, ".svg", lambda: self._drawn(page))
        self.build.site_files.drawn(page.map_key)
        return svg

    def _take_drawn(self, page: JourneyPage) -> None:
        """When the page's map is drawn with its part, put both in the cache now."""
        if page.map_key in self.build.drawing:
            self._map_svg(page)

    def _drawn(self, page: JourneyPage) -> str:
        """A page's map from its job; and its part, kept, when the job made it."""
        self.build.drawing.pop(page.map_key, None)
        result = self.build.drawer.get(page.map_key, self._map_job(page))
        if isinstance(result, tuple):
            result, part = result
            part = with_map(result, part)
            if part is not None:
                self.cache.put(page.part.key, ".part", part)
                self.build.progress.step()
        return result

    def _map_job(self, page: JourneyPage, *, words: bool = True, part: bool = False) -> Job:
        """What draws a journey's map: the page's own (linked to its table,
        compared with its baseline), or the kiosk's picture without words;
        with `part`, the page's part is made too."""
        base = page.base if words else None
        return Job(
            page.record.data["journey"],
            self.build.title(page.src_uri),
            page.record.lang or self.language,
            _id_prefix(page.src_uri, kiosk=not words),
            self.faces,
            words=words,
            baseline=base.record.data["journey"] if base is not None else None,
            part=page.part if part else None,
        )

    @event_priority(100)  # before other plugins read page.meta
    def _put_journey_back(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        """What MkDocs was not handed to read (see on_page_read_source)."""
        if not self.config.enabled:
            return None
        collected = self.build.pages.get(page.file.src_uri)
        if page.file.src_uri in self.build.read_as and collected and page.meta.get("journey") is None:
            meta = collected.record.data["journey_meta"]
            if isinstance(meta, str):  # the page's first reading: its text goes, which a large library held to the end
                meta = collected.record.data["journey_meta"] = json.loads(meta)
            page.meta["journey"] = meta

    @event_priority(25)
    def _escape_meta(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # MkDocs and Material put a front-matter title into <title>, the H1
        # and the navigation as HTML. Front-matter is untrusted plain text.
        # After Material's meta plugin (50), which adds the fields of .meta.yml
        # files; before plugins of the default priority, whose fields are HTML
        # (the git-revision-date plugins' dates).
        if not self.config.enabled:
            return None
        collected = self.build.pages.get(page.file.src_uri)
        tagged = self.config.tags and collected and not collected.record.problems
        escape_meta(page, self.build.journey_tags(collected.record) if tagged else None)
        if "journey" in markdown:  # perhaps a ```journey block (extension.py)
            self._set_page_context(markdown, page, files)
        if collected and collected.record.problems and not page.meta:
            # Front-matter MkDocs could not read stays in the page as text (its
            # last line a heading in the table of contents); the problems say it.
            yaml_text, body = split_front_matter(markdown)
            return body if yaml_text is not None else None
        return None

    on_page_markdown = CombinedEvent(_put_journey_back, _escape_meta)

    def _set_page_context(self, markdown: str, page: Page, files: Files) -> None:
        """Tell ```journey blocks which page they are on and how many lines sit above its body."""
        source = self.build.sources.get(page.file.src_uri) or page.file.content_string
        offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        current_page.set(
            PageContext(
                shown_path(page.file),
                page.file.src_uri,
                offset,
                self.build.checking,
                read_page=self._page_bytes(files),
                url_for=lambda uri: f.url_relative_to(page.file) if (f := files.get_file_from_path(uri)) else None,
                department_url=lambda name: self.build.department_url(name, page.file, self.paths.owner),
                faces=self.faces,
                env=self.env,
                reports_pages=True,
                undecodable=self.build.undecodable.get(page.file.src_uri, []),
            )
        )

    def _page_bytes(self, files: Files) -> Callable[[str], bytes | None]:
        """A page a ```journey block names, by src_uri: its bytes, which
        check_block decodes as _source does (File.content_string raises
        UnicodeDecodeError for a page that is not UTF-8), None when the site
        has no such page."""

        def read(uri: str) -> bytes | None:
            file = files.get_file_from_path(uri)
            return file.content_bytes if file is not None else None

        return read

    @event_priority(100)  # first, so a source another plugin gives wins (MkDocs keeps the last)
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        return self.build.read_as.get(page.file.src_uri) or self.build.sources.get(page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        current_page.set(None)  # the page's Markdown is rendered
        escape_file_title(page)
        self._keep_drawn()
        if self.build.site is not None:
            self._make_lists(files)
        if page.file.src_uri in self.build.generated:
            head, tail = self._for_search(page, *self.build.generated[page.file.src_uri](page.file))
            return titled(page, html + head + tail)
        collected = self.build.pages.get(page.file.src_uri)
        if collected is None:
            return None
        tail = ""
        if collected.record.problems:
            block = self.env.get_template("journeys/errors.html").render(
                present.errors_context(collected.record.problems, labels_for(collected.record.lang or self.language))
            )
        else:
            # A part a worker is still making with its map goes in when its
            # page is written: the build makes every page's content first, and
            # would otherwise wait for the worker here page by page.
            later = collected.map_key in self.build.drawing and self.build.drawer.working_on(collected.map_key)
            if not later:
                self._take_drawn(collected)  # drawn, or drawn here now, with its part
            block, tail = self._for_search(page, *self._map_html(collected), later=later)
            collected.let_go()
            html = keep_anchors(html, page, collected.record.anchors)
        # A page whose text has no sections leaves Material's table of
        # contents empty: its column goes to the map (wide maps were cut there).
        hide = page.meta.get("hide", [])
        if (not any(item.level > 1 or item.children for item in page.toc) and isinstance(hide, list)
                and "toc" not in hide):
            page.meta["hide"] = [*hide, "toc"]
        # Above the body, but below the page's own H1 when it has one.
        match = H1_END.search(html)
        html = html[: match.end()] + block + html[match.end() :] + tail if match else titled(page, block + html + tail)
        return in_language(html, collected.record.lang, self.language)

    def _make_lists(self, files: Files) -> None:
        """Make the pages that list every journey (catalogue, departments,
        overview) before the first page, when MkDocs' files are final, and
        let go of the journeys' entries; each journey page lets go of its
        model once its content is made. Held as models until the build
        ended, a library's journeys were about a quarter of the memory it
        used. (Asked for again, as when a cache entry went missing, they
        are read back from their records.)"""
        for uri, part in self.build.generated.items():
            file = files.get_file_from_path(uri)
            if file is None or not file.inclusion.is_included():  # taken out, or a draft (made if previewed)
                continue
            key, make = part(file)
            if self.cache.has(key, ".part"):  # read at its page (a rebuild made none of the lists again)
                continue
            try:
                self._part(key, make)
            except Exception:  # a broken template override: made again at the page, which MkDocs then names
                continue
        self._let_go(every_page=False)

    def _let_go(self, *, every_page: bool) -> None:
        """Forget the journeys' models: the lists', and with `every_page`
        every page's (a `--dirty` build makes only some pages; a redesign
        may read its baseline's model back)."""
        if self.build.site is not None:
            self.build.site.let_go()
            self.build.site = None
        for page in self.build.pages.values() if every_page else ():
            page.let_go()

    def _part_inputs(self, collected: JourneyPage) -> PartInputs:
        """What a journey page's part is made from besides its map (worked out
        in on_files, so a build knows which maps it will need)."""
        file = self.build.files.get_file_from_path(collected.src_uri)
        svg_url = collected.svg_file.url_from(file) if collected.svg_file else None
        base_url = self.build.url(collected.baseline, file) if collected.base is not None else None
        redesigned_in = [{"title": self.build.title(uri), "url": self.build.url(uri, file)}
                         for uri in self.build.redesigns.get(collected.src_uri, [])]
        targets = {link: resolve_page(link, file.src_uri) for link, _, _ in collected.record.data["related"]}
        related = {link: self.build.site_url(uri, link, file) for link, uri in targets.items()}
        related_titles = {link: self.build.title(uri) for link, uri in targets.items() if uri in self.build.pages}
        refs = {ref: url for ref in collected.record.data["refs"]
                if (url := self.build.site_url(resolve_file(ref, file.src_uri), ref, file))}
        departments = self.build.department_urls(collected.record, file, self.paths.owner)
        key = self.cache.key("page-html", collected.map_key, svg_url, base_url, redesigned_in, related,
                             related_titles, refs, departments)
        base_title = self.build.title(collected.baseline) if collected.base is not None else None
        return PartInputs(key, svg_url, base_url, base_title, redesigned_in, related, refs, departments,
                          related_titles)

    def _map_html(self, collected: JourneyPage) -> tuple[str, Callable[[], str]]:
        """The headline, the map, strong and weak moments and the table, as
        the cache's key for the page part and how to make it here (see
        `_part`), when the map's job did not. Made again only when the
        journey or a link on it changed."""

        def make() -> str:
            entry = make_part(self._map_job(collected, part=True), collected.journey, collected.card,
                              collected.comparison, self._map_svg(collected), self.env)
            self.build.progress.step()
            return entry

        return collected.part.key, make

    def _part(self, key: str, make: Callable[[], str]) -> tuple[str, str]:
        """A part of a page and the text search gets of it, kept as one
        entry (present.part_entry); `make` makes the entry."""
        part = present.split_part(self.cache.text(key, ".part", make))
        if part is None:  # damaged: made again
            self.cache.forget(key, ".part")
            part = present.split_part(self.cache.put(key, ".part", make()))
        return part

    # Material's search plugin reads the page's content when the page is
    # written (on_page_context), tag by tag in Python: on a page of tables
    # that costs more than the rest of the build.
    # It is handed the text instead (what it keeps of a table anyway, without
    # the figure it skips), and the finished page gets the full HTML back,
    # read from the cache again when the page is written: MkDocs renders
    # every page before it writes any, and holding each part until then
    # took a fifth of a large library's memory.
    def _for_search(self, page: Page, key: str, make: Callable[[], str], *, later: bool = False) -> tuple[str, str]:
        """The page's content for now, to go before and after its own text:
        its part's search text between marks, or with `later` the marks
        alone (on_page_context puts the text in)."""
        self.build.after_search[page.file.src_uri] = (key, make)
        if later:
            self.build.search_later.add(page.file.src_uri)
            return self._marked("", "")
        return self._marked(*present.around_story(self._part(key, make)[1]))

    def _marked(self, head: str, tail: str) -> tuple[str, str]:
        head_open, head_close, tail_open, tail_close = self.build.search_marks
        return head_open + head + head_close, tail_open + tail + tail_close

    @event_priority(100)  # before the search plugin reads the page
    def _search_text(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or page.file.src_uri not in self.build.after_search:
            return None
        collected = self.build.pages.get(page.file.src_uri)  # None: a list of journeys
        if page.file.src_uri in self.build.search_later:
            self.build.search_later.discard(page.file.src_uri)
            self._take_drawn(collected)
            _, search = self._part(*self.build.after_search[page.file.src_uri])
            page.content = self._in_marks(page.content, *self._marked(*present.around_story(search)), page)
        if collected is not None and self._search_entries() is not None:  # see _moments_indexed
            _, _, opening, closing = self.build.search_marks
            start = page.content.find(opening) + len(opening)
            end = page.content.find(closing, start)
            if start >= len(opening) and end >= 0:
                tail, moments = present.moment_sections(page.content[start:end], set(collected.record.anchors))
                page.content = page.content[:start] + tail + page.content[end:]
                self.build.moments = (page.file.src_uri, moments)
        return None

    @event_priority(-100)  # after Material's tags plugin has put the page's tags in its context
    def _own_tags_shown(self, context, *, page: Page, config: MkDocsConfig, nav):
        """A journey page shows its own `tags:` only. Its departments,
        channels and phases are tags for the tags index; above the title they
        were up to 22 chips that pushed the verdict down, and its facts, map
        and table name them all."""
        variable = self.tags_variable if self.config.enabled and self.config.tags else None
        collected = self.build.pages.get(page.file.src_uri) if variable else None
        if collected is not None and not collected.record.problems:
            own_tags_only(context, variable, collected.record.tags)
        return None

    # Each moment of a journey page is a section of its own to search
    # (present.search_text). Material's search plugin reads a section's
    # HTML tag by tag, which for twenty moments a page added half to the
    # Python a rebuild runs; and it gives every section the page's tags, as
    # many as twenty on each moment, which made the index 2.5 times as large.
    # Its moments are handed to Material's index as they are, without tags.
    @event_priority(-50)  # after Material's search plugin has indexed the page
    def _moments_indexed(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or self.build.moments is None:
            return None
        moments, self.build.moments = self.build.moments, None
        entries = self._search_entries()
        if moments[0] != page.file.src_uri or entries is None:
            return None
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return None
        for anchor, title, text in moments[1]:
            entry = {"location": f"{page.url}#{anchor}", "title": title, "text": text}
            if "boost" in search:
                entry["boost"] = search["boost"]
            entries.append(entry)
        return None

    def _search_entries(self) -> list | None:
        """The entries of Material's search index; None without its search plugin."""
        entries = getattr(getattr(self.search, "search_index", None), "entries", None)
        return entries if isinstance(entries, list) else None

    on_page_context = CombinedEvent(_search_text, _own_tags_shown, _moments_indexed)

    @event_priority(100)  # before other plugins post-process the page (minifiers drop comments)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Material's 404 page says '404 - Not found', in English on any site:
        in the site's language, with the way to every journey (a renamed
        journey's old address ends here)."""
        catalogue = self.build.files.get_file_from_path(self.paths.catalogue) if self.build else None
        if not self.config.enabled or template_name != "404.html" or catalogue is None:
            return None
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"  # as Material's 404: from the site's root
        text = (f'<h1>{escape(self.labels["not_found"])}</h1>\n<p>{escape(self.labels["not_found_help"])} '
                f'<a href="{escape(base + catalogue.url)}">{escape(self.labels["catalogue"])}</a></p>')
        return output_content.replace("<h1>404 - Not found</h1>", text, 1)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        self._keep_drawn()  # the maps, parts and kiosk pictures drawn meanwhile (see on_env)
        part = self.build.after_search.pop(page.file.src_uri, None)
        if part is not None:
            output = self._in_marks(output, *present.around_story(self._part(*part)[0]), page)
        if self.config.map_first and '<figure class="jm-figure' in output:
            output = paint.after_first_frame(output, normalize_url(self.asset_urls[AFTER_PAINT_URI], page)) or output
        return output

    def _in_marks(self, text: str, head: str, tail: str, page: Page) -> str:
        """`text` with the search marks, and what lies between them, replaced
        by what goes before the page's own text (`head`) and after it."""
        marks = self.build.search_marks
        for (opening, closing), replacement in ((marks[:2], head), (marks[2:], tail)):
            start = text.find(opening)
            end = text.find(closing, start)
            if start < 0 or end < 0:
                raise PluginError(f"journeys: {page.file.src_uri}: another plugin changed the page's content "
                                  "after the journeys plugin; list 'journeys' after it under plugins:")
            text = text[:start] + replacement + text[end + len(closing):]
        return text

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:  # None: before any on_files
            self.build.drawer.close()
        self._unfreeze()

    def on_shutdown(self) -> None:
        # Also after Ctrl+C, which MkDocs' on_build_error does not see.
        if self.build is not None:
            self.build.drawer.close()
        self._unfreeze()

    @event_priority(100)  # first: plugins that read the built site find the kiosk's pictures there
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unfreeze()
        if not self.config.enabled:
            return
        self.build.site_files.finish()
        self.build.drawer.close()
        made, kept = len(self.cache.made), len(self.cache.found)
        removed = self.cache.prune(site_name(config))
        log.info(f"{len(self.build.pages)} journey pages; checks, maps and page parts: {made} made, "
                 f"{kept} from the cache" + (f", {removed} unused removed" if removed else ""))

    def _kiosk(self, site: pages.Site, library: str, files: Files, config: MkDocsConfig) -> None:
        """The kiosk page, its playlist, its version and its maps (pictures without words)."""
        folder = self.config.kiosk_dir.strip("/")
        # Named among all journey pages, broken ones too: a page that breaks
        # or is mended takes no other map's id, and a screen pinned to a
        # broken one can say so rather than that its address matches nothing.
        names = kiosk.names(list(self.build.pages))
        broken = sorted(names[uri][0] for uri, page in self.build.pages.items() if page.record.problems)
        keys = []  # the cache's names for the pictures
        for uri, (_, name) in names.items():
            page = self.build.pages[uri]
            if page.record.problems:
                continue
            key = self.cache.key("kiosk-map", page.shown_key)
            keys.append(key)
            job = self._map_job(page, words=False)
            files.append(self.build.site_files.generated(config, f"{folder}/maps/{name}.svg", key, ".svg",
                                                         lambda key=key, job=job: self.build.drawer.get(key, job)))
            if key + ".svg" in self.build.site_files.pending:
                self.build.later[key + ".svg"] = (key, job)

        def tags(entry: organisation.Entry) -> list[str]:
            record = self.build.pages[entry.key].record
            return with_tags(record.tags, self.build.journey_tags(record))

        # Each item is in its journey's language: `library` names each page's
        # `lang:` (Record.shown), and the cache's salt the site's language.
        shared, own = self.cache.json(self.cache.key("kiosk", library), lambda: kiosk.playlist(
            site.entries, lang=lambda entry: self.build.pages[entry.key].record.lang or self.language,
            ident=lambda entry: names[entry.key][0],
            svg=lambda entry: f"maps/{names[entry.key][1]}.svg",
            owner_pages={o.name: o.slug for o in site.owners.values()}, tags=tags,
            today=lambda entry: base.card if (base := self.build.pages[entry.key].base) is not None else None))
        depth = "../" * (folder.count("/") + 1)
        assets = {JS_KIOSK_URI: _asset("assets/kiosk.js"), CSS_KIOSK_URI: _asset("assets/kiosk.css")}
        # A screen reloads for a new build, and a reload takes styles and
        # scripts from the browser's cache while they are fresh (without a
        # Cache-Control header, for a tenth of their age): each address names
        # its file's content, so the new page gets the new build's.
        versions = {posixpath.basename(uri): kiosk.content_version(content)
                    for uri, content in {CSS_URI: self.assets[CSS_URI], **assets}.items()}
        favicon = config.theme.get("favicon") or "assets/images/favicon.png"  # Material's, unless the site has its own
        page = self.env.get_template("journeys/kiosk.html").render(
            labels=self.labels, lang=self.language, assets=f"{depth}assets/journeymaps", versions=versions,
            favicon=favicon if "://" in favicon or favicon.startswith("/") else depth + favicon,
        )
        # A map's key names its content (the cache is salted with the code), so
        # the keys stand in for the maps in the version.
        version = kiosk.content_version(kiosk.dumps(shared), kiosk.dumps(own), kiosk.dumps(broken), page,
                                        self.assets[CSS_URI], *assets.values(), *sorted(keys))
        for uri, content in {**assets, f"{folder}/index.html": page}.items():
            files.append(File.generated(config, uri, content=content))
        # Kiosks poll version.json and reload when it changes, then read the
        # playlist: both go into the site after every picture (on_post_build),
        # the version last, so a kiosk that finds a new version finds all it
        # names. (A failed build leaves the last build's pair.)
        for uri, content in (*((f"{folder}/owners/{slug}.json", kiosk.dumps({"version": version, "more": more}))
                               for slug, more in own.items()),
                             (f"{folder}/playlist.json", kiosk.dumps({"version": version, **shared, "broken": broken})),
                             (f"{folder}/version.json", kiosk.dumps({"version": version}))):
            files.append(self.build.site_files.written_last(config, uri, content))

    def _keep_drawn(self) -> None:
        """Put the maps the workers have drawn so far into their entries
        (and pages' maps and parts into the cache: not held until their page)."""
        for key in self.build.drawer.drawn():
            if key in self.build.drawing:
                self._take_drawn(self.build.drawing[key])
            self.build.site_files.drawn(key)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """With workers, the maps (and parts) they are still drawing, and the
        kiosk's pictures, are drawn while MkDocs writes the pages, when a
        worker would otherwise be idle (on 500 journeys the kiosk's pictures
        took a tenth of a first build), and their files (downloads and
        pictures) go into the site as they are done: MkDocs passes them by,
        and the last are put in before any other plugin's on_post_build."""
        if not self.config.enabled:
            return None
        self._let_go(every_page=True)  # every page's content is made
        self.build.site_files.passed_by(files, self.build.later)
        if not self.build.later and self.build.drawer.idle():
            self.build.drawer.close()  # nothing left to draw
            return None
        for name, (key, job) in self.build.later.items():
            self.build.site_files.ahead(key, job, name)
        if self.build.later and self.build.drawer.start():
            log.info(f"drawing {len(self.build.later)} kiosk pictures while the pages are written, "
                     f"in {self.build.drawer.workers + 1} processes")
        return None

    def _css(self) -> str:
        colors = "\n".join(f"  --jm-{name}: {face.fill};\n  --jm-{name}-ink: {face.ink};"
                           for name, face in self.faces.items())
        return f"{MAP_CSS}\n{_asset('assets/journeys.css')}\n:root {{\n{colors}\n}}\n"


def _count_warnings_when_strict(strict: bool) -> None:
    """`mkdocs build --strict -q` passed with broken journeys: --quiet raises
    MkDocs' logger to ERROR, so a warning never reaches the handler that
    --strict counts with (mkdocs/mkdocs#4126). Under --strict a journey's
    problem fails the build, so it is shown and counted as an error would be."""
    ours = logging.getLogger("mkdocs.plugins.journeymaps")  # the plugin's logger and extension.py's
    ours.setLevel(logging.NOTSET)  # as MkDocs says, unless that hides what --strict must count
    if strict and not ours.isEnabledFor(logging.WARNING):
        ours.setLevel(logging.WARNING)


def _tags_variable(config: MkDocsConfig) -> str | None:
    """The context variable Material's tags plugin puts a page's tags in,
    when it reads them from `tags:` (where journey pages get theirs)."""
    tags = next((plugin for name, plugin in config.plugins.items() if name.startswith("material/tags")), None)
    options = getattr(tags, "config", None)
    if options is None or getattr(options, "tags_name_property", "tags") != "tags":
        return None
    return getattr(options, "tags_name_variable", "tags")


def _asset(name: str) -> str:
    return package_files("journeymaps").joinpath(name).read_text(encoding="utf-8")


def _versioned(uri: str, content: str) -> str:
    """The address of a file that keeps its name, naming its content (see on_config)."""
    return f"{uri}?v={kiosk.content_version(content)}"


def _svg_name(page_file: File, title: str) -> str:
    """Where a page's standalone SVG goes: next to the page's HTML, so the
    SVG and the page share a base URL and the same relative links work in both."""
    name = posixpath.splitext(posixpath.basename(page_file.src_uri))[0]
    if name in ("index", "README"):
        name = slugify(title, empty="journey")
    return posixpath.join(posixpath.dirname(page_file.dest_uri), f"{name}.svg")


def _id_prefix(src_uri: str, *, kiosk: bool = False) -> str:
    return ("jm-kiosk-" if kiosk else "jm-") + slugify(posixpath.splitext(src_uri)[0], empty="journey")
