"""One build's state: the journey pages collected in on_files, what the
later events need of them, and what can be asked of them alone (titles,
URLs, baselines). Made new for every build: under `mkdocs serve` the plugin
object lives from build to build (it has on_shutdown), and a rebuild must
find nothing of the last one's."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from . import organisation, pages
from .compare import Comparison, compare
from .draw import Check, Drawer, Job, PartInputs
from .record import Record
from .score import Scorecard
from .site_files import SiteFiles
from .validate import Problem, Site, baseline_problem, broken_baseline, related_problem, resolve_page, with_fragment

if TYPE_CHECKING:  # pydantic is loaded only when a journey is checked or read back
    from .model import Journey

log = get_plugin_logger(__name__)

PROGRESS_FROM = 200  # journey pages to make: about two seconds of a first build


@dataclass
class JourneyPage:
    """A journey page as collected in on_files."""

    src_uri: str
    record: Record
    path: str  # the file as an editor knows it
    shown_key: str  # the cache's name for what its map and the lists show of it (Record.shown)
    svg_file: File | None = None
    map_key: str = ""  # the cache's name for its map
    baseline: str | None = None  # docs-relative path of the baseline journey
    base: JourneyPage | None = None  # the baseline's page, when it is compared with (both are valid)
    compared_key: str | None = None  # the baseline's shown_key, when a comparison is drawn
    part: PartInputs | None = None  # what the page's part is made from

    @property
    def journey(self) -> Journey | None:
        return self.record.journey

    @property
    def card(self) -> Scorecard | None:
        return self.record.card

    @cached_property
    def comparison(self) -> Comparison | None:
        """Worked out when first asked for: a rebuild that takes the page,
        the map and the lists from the cache reads no journey at all."""
        return compare(self.base.card, self.card) if self.base is not None else None

    def let_go(self) -> None:
        """Forget the journey's model, once the page is made (see plugin._make_lists)."""
        self.record.let_go()
        self.__dict__.pop("comparison", None)


@dataclass
class Progress:
    """How far a long build is in making journey pages (a first build of a
    large library takes minutes): said at every tenth, from PROGRESS_FROM pages."""

    total: int = 0
    made: int = 0

    def step(self) -> None:
        self.made += 1  # may pass total: a damaged entry is made again
        if PROGRESS_FROM <= self.total and self.made <= self.total \
                and self.made * 10 // self.total > (self.made - 1) * 10 // self.total:  # the first of a tenth
            log.info(f"made {self.made:,} of {self.total:,} journey pages")


@dataclass
class Source:
    """A documentation page as on_files reads it."""

    file: File
    check: Check | None  # what checks it; None: not a journey page
    key: str | None  # the cache's name for its record, when it has a check
    undecodable: list[Problem] | None = None  # not UTF-8, with a journey: where the bad bytes are


@dataclass
class Build:
    """What one build knows, from on_files to on_post_build."""

    files: Files  # the site's files, as on_files has them
    drawer: Drawer  # checks pages and draws maps, in worker processes when it has many
    site_files: SiteFiles  # downloads and kiosk pictures: cache entries, linked into the site
    checking: Site  # what every page is checked against (and a ```journey block's page)
    search_marks: tuple[str, ...]  # around the text the search plugin reads (see plugin._for_search)
    pages: dict[str, JourneyPage] = field(default_factory=dict)  # by src_uri
    sources: dict[str, str] = field(default_factory=dict)  # replacement text of pages that are not UTF-8
    # Of those that are no journey page: where their bad bytes are, which a ```journey block on them reports.
    undecodable: dict[str, list[Problem]] = field(default_factory=dict)
    # Journey pages as MkDocs reads them: their journey is read already.
    read_as: dict[str, str] = field(default_factory=dict)
    redesigns: dict[str, list[str]] = field(default_factory=dict)  # baseline -> the journeys that redesign it
    # Owners written unlike the department they name (organisation.departments).
    departments: organisation.Departments = field(default_factory=lambda: organisation.Departments({}, []))
    department_slugs: dict[str, str] = field(default_factory=dict)  # each department's page name
    # Each department's page by its department_key, once the lists are added.
    _department_files: dict[str, File | None] | None = None
    progress: Progress = field(default_factory=Progress)
    # Drawer keys -> the pages whose maps and parts they make.
    drawing: dict[str, JourneyPage] = field(default_factory=dict)
    # Kiosk pictures drawn while MkDocs writes the pages (see plugin.on_env).
    later: dict[str, tuple[str, Job]] = field(default_factory=dict)
    site: pages.Site | None = None  # until the lists are made (see plugin._make_lists)
    # Generated pages by src_uri: given the page's File, its part's key and maker.
    generated: dict[str, Callable[[File], tuple[str, Callable[[], str]]]] = field(default_factory=dict)
    # By page: its part's key and maker, for its full HTML when it is written.
    after_search: dict[str, tuple[str, Callable[[], str]]] = field(default_factory=dict)
    search_later: set[str] = field(default_factory=set)  # pages whose search text on_page_context puts in
    moments: tuple[str, list] | None = None  # a page's moments, between two handlers of its on_page_context

    def check_baselines(self) -> None:
        """A baseline must be a journey page, and baselines must not loop.
        A page that breaks either rule shows its problem instead of a map."""
        for src_uri, page in self.pages.items():
            link = page.record.data.get("baseline") if not page.record.problems else None
            page.baseline = resolve_page(link, src_uri) if link else None
        baselines = {src_uri: page.baseline for src_uri, page in self.pages.items()}
        for src_uri, page in self.pages.items():
            if page.baseline is None:
                continue
            line = page.record.data["baseline_line"]
            if message := baseline_problem(src_uri, page.record.data["baseline"], baselines):
                problem = Problem(page.path, line, "journey.baseline", message)
                log.warning(str(problem))
                page.record.fail(problem)
            elif (base := self.pages.get(page.baseline)) is not None and base.record.problems:
                log.warning(str(Problem(page.path, line, "journey.baseline",
                                        broken_baseline(page.record.data["baseline"]))))

    def check_related(self) -> None:
        """A moment's `related` page is a journey that zooms into it: a link
        to another kind of page is shown as "zoom in" all the same, so it is
        a warning (`--strict` fails on it), not a map lost."""
        for src_uri, page in self.pages.items():
            for link, line, name in page.record.data["related"]:
                if message := related_problem(src_uri, link, self.pages):
                    log.warning(str(Problem(page.path, line, name, message)))

    def name_departments(self) -> None:
        """One department for the spellings of one name; each other spelling is a warning."""
        self.departments = organisation.departments(
            (p.path, p.record.owners) for _, p in sorted(self.pages.items()) if not p.record.problems)
        for problem in self.departments.problems:
            log.warning(str(problem))
        names = self.departments.names
        valid = sorted((uri for uri, page in self.pages.items() if not page.record.problems), key=self.title)
        self.department_slugs = organisation.department_slugs(
            [names.get(name, name) for name, _, _ in self.pages[uri].record.owners] for uri in valid)

    def department_urls(self, record: Record, origin: File, page_of: Callable[[str], str]) -> dict[str, str]:
        """The address from `origin` of the page of each department a journey
        names, by the name as its editor wrote it (see `department_url`)."""
        return {name: url for name in dict.fromkeys(name for name, _, _ in record.owners)  # a few, many times
                if (url := self.department_url(name, origin, page_of))}

    def department_url(self, name: str, origin: File, page_of: Callable[[str], str]) -> str | None:
        """The address from `origin` of the page of the department an owner,
        as its editor wrote it, is shown as; None when the site has no such
        page. `page_of`: a slug -> the page's docs-relative path. Found by
        `department_key`, the rule that merges spellings: a ```journey block's
        owner is one no journey page need have written that way."""
        if self._department_files is None:  # found once a build, not once a journey
            self._department_files = {organisation.department_key(name): self.files.get_file_from_path(page_of(slug))
                                      for name, slug in self.department_slugs.items()}
        target = self._department_files.get(organisation.department_key(name))
        return target.url_relative_to(origin) if target is not None else None

    def journey_tags(self, record: Record) -> list[str]:
        """A journey's tags, each department as it is shown."""
        if not self.departments.names:  # every department written one way: as most libraries
            return record.data["journey_tags"]
        return list(dict.fromkeys(self.departments.names.get(tag, tag) for tag in record.data["journey_tags"]))

    def pair_redesigns(self) -> None:
        """Each baseline with the journeys that redesign it, and each valid
        redesign with its baseline when that is valid too (it is compared with it)."""
        for uri, page in self.pages.items():
            if page.baseline and not page.record.problems:
                self.redesigns.setdefault(page.baseline, []).append(uri)
        for page in self.pages.values():
            if page.record.problems:
                continue
            base = self.pages.get(page.baseline) if page.baseline else None
            if base is not None and not base.record.problems:
                page.base, page.compared_key = base, base.shown_key

    def title(self, src_uri: str) -> str:
        title = self.pages[src_uri].record.title
        if isinstance(title, str) and title.strip():
            return title.strip()
        return posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()

    def url(self, src_uri: str, origin: File) -> str:
        return self.files.get_file_from_path(src_uri).url_relative_to(origin)

    def site_url(self, target: str | None, link: str, origin: File) -> str | None:
        """The address from `origin` of the file of this site that `link`
        names (`target`, docs-relative), with its #fragment; None when the
        site has no such file: links from front-matter go nowhere else."""
        target_file = self.files.get_file_from_path(target) if target else None
        return with_fragment(target_file.url_relative_to(origin), link) if target_file else None

    def url_of(self, src_uri: str) -> str | None:
        file = self.files.get_file_from_path(src_uri)
        return file.url if file is not None else None

    def baselines(self) -> dict[str, tuple[str, float | None]]:
        """Each redesign's baseline and how much its average score changed."""
        return {uri: (p.baseline, p.comparison.score_delta)
                for uri, p in self.pages.items() if p.base is not None}

    def entries(self) -> list[organisation.Entry]:
        """The valid journeys, as the lists read them: each journey's model
        goes once its entry is made (read back when a page needs it)."""
        entries = []
        for uri, page in self.pages.items():
            if not page.record.problems:
                entries.append(organisation.brief(uri, self.title(uri), page.journey, page.card,
                                                  self.departments.names, page.record.lang))
                page.let_go()
        return entries


def shown_path(file: File) -> str:
    """The file as an editor knows it: relative to where mkdocs runs."""
    if not file.abs_src_path:
        return file.src_uri
    relative = os.path.relpath(file.abs_src_path)
    return relative if not relative.startswith("..") else file.abs_src_path
