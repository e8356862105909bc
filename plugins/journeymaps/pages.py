"""Generated pages: the catalogue, a page per department, their index and the
overview. Files are made with `File.generated`, so `mkdocs serve`, search and
the sitemap see them; their HTML comes from the templates under
`templates/journeys/`, made by `listings.py` (the core) when the page is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

import jinja2
import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import listings
from . import organisation as org

if TYPE_CHECKING:  # annotations only: build.py imports this module
    from .build import Build
    from .cache import Cache
    from .colours import FaceColour
    from .site_files import CacheFile


@dataclass
class Site:
    """What the generated pages are made from, for one build. The journeys
    are read only when a page has to be made (not when it comes from the cache)."""

    make_entries: Callable[[], list[org.Entry]]
    files: Files
    svg_files: dict[str, CacheFile]  # journey key -> its standalone SVG
    labels: dict
    language: str
    env: jinja2.Environment
    make_baselines: Callable[[], dict[str, tuple[str, float | None]]] = dict  # key -> (baseline key, score change)
    slugs: Mapping[str, str] | None = None  # each department's page name (organisation.department_slugs)
    faces: dict[str, FaceColour] | None = None  # the site's face colours (None: the default set)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (title, src_uri) of journeys with errors

    @cached_property
    def entries(self) -> list[org.Entry]:
        return self.make_entries()

    @cached_property
    def baselines(self) -> dict[str, tuple[str, float | None]]:
        return self.make_baselines()

    @cached_property
    def owners(self) -> dict[str, org.Owner]:
        """By slug."""
        return {owner.slug: owner for owner in org.owners(self.entries, self.slugs)}

    def let_go(self) -> None:
        """Forget the entries and what was worked out from them (made again if asked for)."""
        for name in ("entries", "baselines", "owners"):
            self.__dict__.pop(name, None)


@dataclass(frozen=True)
class Paths:
    catalogue: str = "journeys/index.md"
    owners: str = "owners"  # owners/index.md and owners/<slug>.md
    overview: str = "overview/index.md"
    kiosk: str | None = "kiosk/index.html"  # the kiosk's page, None without a kiosk

    def owner(self, slug: str) -> str:
        return f"{self.owners}/{slug}.md"

    @property
    def owners_index(self) -> str:
        return f"{self.owners}/index.md"


Renderer = Callable[[File], str]  # the HTML of a generated page, given its File


def generate(site: Site, paths: Paths, config: MkDocsConfig, owners: list[tuple[str, str]], *,
             tags: bool) -> dict[str, Renderer]:
    """Add the generated pages to `site.files`; return how to fill each one.
    `owners` are the departments, as (name, slug): see `owner_names`; with
    `tags`, each department's page is tagged with its name, as the journeys
    it takes part in are. A page the site already has at that path is its
    own and left alone."""
    pages: dict[str, tuple[dict, Renderer]] = {
        paths.catalogue: ({"title": site.labels["catalogue"]}, lambda f: _catalogue(site, paths, f)),
        paths.owners_index: ({"title": site.labels["owners"]}, lambda f: _owners(site, paths, f)),
        # its one heading's table of contents gives way to the grid (Material)
        paths.overview: ({"title": site.labels["overview"], "hide": ["toc"]}, lambda f: _overview(site, paths, f)),
    }
    for name, slug in owners:
        # Searching a department's name finds its page first, not below every
        # journey it takes part in: Material ranks a match of a tag a thousand
        # times a match of a title, and the page's one short tag ranks first.
        # (Not boosted: a boost lifted every department page above the rest
        # for any word of their shared introduction, "killers" among them.)
        meta = {"title": site.labels["owner_title"].format(owner=name)}
        if tags:
            meta["tags"] = [name]
        pages[paths.owner(slug)] = (meta, lambda f, slug=slug: _owner(site, paths, site.owners[slug], f))
    renderers = {}
    for src_uri, (meta, renderer) in pages.items():
        if site.files.get_file_from_path(src_uri) is not None:
            continue
        front_matter = yaml.safe_dump(meta, allow_unicode=True)
        site.files.append(File.generated(config, src_uri, content=f"---\n{front_matter}---\n"))
        renderers[src_uri] = renderer
    return renderers


def owner_names(slugs: Mapping[str, str]) -> list[tuple[str, str]]:
    """The departments that get a page, as (name, slug), by name."""
    return sorted(slugs.items(), key=lambda item: item[0].lower())


def list_keys(cache: Cache, paths: Paths, build: Build, uris: Iterable[str], owners: list,
              library: str) -> dict[str, str]:
    """The cache's name for each page that lists journeys (by `uris`), asked
    for when the pages are made: a plugin or hook after this one may have
    moved a journey (its URL is on the lists). A department's page is made
    from the journeys that name the department, the others from all of them."""
    urls = {uri: build.url_of(uri) for uri in build.pages}
    every = cache.key("lists", library, list(urls.values()))
    departments = _department_keys(cache, paths, build, owners, urls)
    return {uri: cache.key("generated", uri, build.url_of(uri), departments.get(uri, every)) for uri in uris}


def _department_keys(cache: Cache, paths: Paths, build: Build, owners: list,
                     urls: dict[str, str | None]) -> dict[str, str]:
    """What each department's page is made from, by page: the
    department's name (slugs shift when a name like it comes or goes)
    and the journeys that name it (what is shown of them, whether they
    have problems, their URL). Editing one journey under `mkdocs serve`
    then makes again only the pages of the departments it names. A journey's
    tags hold every department it names, its own owner too (a moment
    without an owner is the journey owner's: organisation.owner_of)."""
    names = {name for name, _ in owners}
    naming: dict[str, list[str]] = {}
    for uri, page in build.pages.items():
        named = names.intersection(build.journey_tags(page.record))
        if named:
            line = f"{uri}\0{page.shown_key}\0{bool(page.record.problems)}\0{urls[uri]}"
            for name in named:
                naming.setdefault(name, []).append(line)
    return {paths.owner(slug): cache.key("department", name, naming.get(name, [])) for name, slug in owners}


def _url(site: Site, src_uri: str, origin: File) -> str:
    target = site.files.get_file_from_path(src_uri)
    return target.url_relative_to(origin) if target else "#"


def _catalogue(site: Site, paths: Paths, origin: File) -> str:
    def thumbnail(key: str) -> str | None:
        svg = site.svg_files.get(key)
        return svg.url_from(origin) if svg else None

    departments = {owner.name: target.url_relative_to(origin) for slug, owner in site.owners.items()
                   if (target := site.files.get_file_from_path(paths.owner(slug)))}
    return listings.catalogue(site.entries, site.baselines, labels=site.labels, language=site.language,
                              env=site.env, url_for=lambda uri: _url(site, uri, origin), thumbnail_for=thumbnail,
                              department_url=departments.get,
                              broken=[{"title": title, "url": _url(site, uri, origin)} for title, uri in site.broken])


def _owners(site: Site, paths: Paths, origin: File) -> str:
    return listings.owners_index(list(site.owners.values()), labels=site.labels, language=site.language,
                                 env=site.env, url_for=lambda uri: _url(site, uri, origin), owner_page=paths.owner)


def _owner(site: Site, paths: Paths, owner: org.Owner, origin: File) -> str:
    kiosk = site.files.get_file_from_path(paths.kiosk) if paths.kiosk else None
    return listings.department(owner, labels=site.labels, language=site.language, env=site.env,
                               url_for=lambda uri: _url(site, uri, origin), index=paths.owners_index,
                               kiosk_url=kiosk and f"{kiosk.url_relative_to(origin)}?owner={owner.slug}")


def _overview(site: Site, paths: Paths, origin: File) -> str:
    return listings.overview(list(site.owners.values()), labels=site.labels, language=site.language,
                             env=site.env, url_for=lambda uri: _url(site, uri, origin), owner_page=paths.owner,
                             faces=site.faces)


def navigation(files: Files, skip: set[str], paths: Paths, labels: dict) -> list:
    """A navigation that stays short however many journeys there are: the
    site's own pages, then the catalogue, the departments and the overview.
    Journeys are reached from the catalogue, department pages, tags and
    search; listing each one in the sidebar would make every page carry the
    whole library (a build about 6 times slower at 1,000 journeys)."""
    tree: dict = {}
    for file in files.documentation_pages():
        if file.src_uri in skip:
            continue
        *folders, _ = file.src_uri.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[file.src_uri] = None

    def entries(node: dict) -> list:
        pages = sorted((k for k in node if not k.endswith("/")), key=lambda k: (not k.endswith("index.md"), k))
        folders = sorted(k for k in node if k.endswith("/"))
        # A folder's name is its section's title, which Material writes as HTML.
        return pages + [{str(escape(k.rstrip("/").replace("-", " ").capitalize())): entries(node[k])} for k in folders]

    generated = [{labels["catalogue"]: paths.catalogue}, {labels["owners"]: paths.owners_index},
                 {labels["overview"]: paths.overview}]
    return entries(tree) + generated
