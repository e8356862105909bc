"""One build's state: the journey pages collected in on_files, and what the
later events need of them. Made new for every build: under `mkdocs serve` the
plugin object lives from build to build (it has on_shutdown), and a rebuild
must find nothing of the last one's."""

from __future__ import annotations

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
from .validate import Problem, Site

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
    search_marks: tuple[str, str]  # around the text the search plugin reads (see plugin._for_search)
    pages: dict[str, JourneyPage] = field(default_factory=dict)  # by src_uri
    sources: dict[str, str] = field(default_factory=dict)  # replacement text of pages that are not UTF-8
    # Journey pages as MkDocs reads them: their journey is read already.
    read_as: dict[str, str] = field(default_factory=dict)
    redesigns: dict[str, list[str]] = field(default_factory=dict)  # baseline -> the journeys that redesign it
    # Owners written unlike the department they name (organisation.departments).
    departments: organisation.Departments = field(default_factory=lambda: organisation.Departments({}, []))
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
