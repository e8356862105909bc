"""Drawing many maps, and checking many pages, at once: worker processes
work ahead while the build goes on, and the build does a job itself when it
is still queued (it takes the job back), so both keep busy. While the build
waits for a job a worker is on, it does the last job still queued (a kiosk
picture, or a map or page it will ask for later) instead of idling.

Checking and drawing are pure Python and most of a first build's time; a
second process is the only way to use a second core. A build with few jobs,
or one allowed a single process, does everything in its own process,
exactly as a worker would: a job names everything that goes into its
result, besides the site a page is checked against and the templates a
page's part is made with, which each worker is handed once, when it starts.

A journey page's map is drawn together with the rest of its part (the
headline, the moments, the table): the build's own process, which renders
every page with MkDocs, was the busy one throughout a first build, and a
part cost it about 1.3 ms a page (0.67 s of 500 journeys).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .colours import FaceColour
from .compare import compare
from .i18n import labels_for
from .plain import Glossary
from .present import comparison_context, journey_context, part_entry
from .record import make_record
from .render import render_map
from .score import score_journey
from .terms import anchors
from .validate import Site

# multiprocessing and concurrent.futures are loaded when workers start: a
# rebuild that draws little, or nothing, does without them.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    import jinja2

    from .compare import Comparison
    from .model import Journey
    from .score import Scorecard

# Below this many jobs, forking a worker and handing it the jobs saves too
# little to be worth a second process.
MIN_JOBS = 16
SWITCH_INTERVAL = 0.0005  # seconds; see Drawer._switch_sooner
Around = tuple[str, str]  # a page part's entry without its map: what comes before it and after it
Result = str | tuple[str, str | Around | None] | dict | None  # a map, a map and its page's part, or a check's record


@dataclass
class PartInputs:
    """What goes into a journey page's part besides its journey and map:
    `key` is the cache's name for the part, the rest the links on it."""

    key: str
    svg_url: str | None  # the download
    base_url: str | None  # the baseline's page, when the map compares with it
    base_title: str | None
    redesigned_in: list[dict]  # the journeys that redesign this one: title and url
    related: dict[str, str | None]  # a moment's `related` page: its url, None when there is none
    refs: dict[str, str]  # evidence refs that name a file of the site: its url
    departments: dict[str, str]  # the departments it names, as written: their pages' urls
    related_titles: dict[str, str] = field(default_factory=dict)  # a moment's `related` page: its title


@dataclass
class Job:
    """One map: the journey as JSON (as record.py keeps it), so a worker
    gets a short text instead of a pickled model. With `part`, the page's
    part is made too: the job's result is then (map, part's entry), the
    entry without the map it holds (`with_map` puts it back), None when its
    template failed (made again at the page, which MkDocs then names)."""

    journey: str
    title: str
    language: str  # the page's (its `lang:`), else the site's: of the labels and numbers around the map
    id_prefix: str
    faces: dict[str, FaceColour]
    words: bool = True  # False: the kiosk's picture without text, and without links
    baseline: str | None = None  # the baseline journey as JSON, when a comparison is drawn
    part: PartInputs | None = None

    @property
    def labels(self) -> dict:
        return labels_for(self.language)

    def run(self, checking: Checking | None) -> str | tuple[str, str | Around | None]:
        svg, journey, card, comparison = _draw(self)
        if self.part is None or checking is None or checking.env is None:
            return svg
        try:
            part = make_part(self, journey, card, comparison, svg, checking.env)
        except Exception:  # noqa: BLE001 - a site's own journeys/map.html can fail in any way:
            return svg, None  # the part is made again at its page, and MkDocs names the page with the error
        return svg, _without_map(part, svg)


@dataclass
class Checking:
    """What every page of a build is checked against, and the templates its
    parts are made with. Workers are handed it once, when they start
    (forked, not pickled): in each job it would be pickled again, and the
    set of a large site's pages costs more to send than a check."""

    site: Site
    glossary: Glossary | None
    env: jinja2.Environment | None = None


@dataclass
class Check:
    """One page to check, as record.py keeps it."""

    text: str
    path: str
    src_uri: str

    def run(self, checking: Checking | None) -> dict | None:
        return make_record(self.text, path=self.path, src_uri=self.src_uri, site=checking.site,
                           glossary=checking.glossary)


def draw(job: Job) -> str:
    """The job's map."""
    return _draw(job)[0]


def _draw(job: Job) -> tuple[str, Journey, Scorecard, Comparison | None]:
    from .model import Journey  # pydantic: not loaded by a build that draws nothing

    journey = Journey.model_validate_json(job.journey)
    card = score_journey(journey)
    comparison = None
    if job.baseline is not None:
        comparison = compare(score_journey(Journey.model_validate_json(job.baseline)), card)
    svg = render_map(
        journey,
        card,
        title=job.title,
        labels=job.labels,
        id_prefix=job.id_prefix,
        href_for=row_href(journey) if job.words else None,
        words=job.words,
        comparison=comparison,
        faces=job.faces,
    )
    return svg, journey, card, comparison


def make_part(job: Job, journey: Journey, card: Scorecard, comparison: Comparison | None, svg: str,
              env: jinja2.Environment) -> str:
    """The cache entry of a journey page's part (`journeys/map.html` and its
    search text) around `svg`, the job's map; in a worker, or in the build's
    own process when the map was drawn before and only the part is missing."""
    inputs, labels, language = job.part, job.labels, job.language
    compared = None
    if comparison is not None:
        compared = comparison_context(comparison, labels=labels, language=language,
                                      title=inputs.base_title, url=inputs.base_url)
    context = journey_context(
        journey,
        card,
        title=job.title,
        labels=labels,
        language=language,
        svg=svg,
        svg_url=inputs.svg_url,
        href_for=lambda tp: inputs.related.get(tp.related) if tp.related else None,
        related_title=lambda tp: inputs.related_titles.get(tp.related) if tp.related else None,
        comparison=compared,
        redesigned_in=inputs.redesigned_in,
        map_id=job.id_prefix,
        ref_url=inputs.refs.get,
        department_url=inputs.departments.get,
    )
    return part_entry(env.get_template("journeys/map.html").render(context))


def _without_map(part: str, svg: str) -> str | Around:
    """A part's entry as a job hands it back: without its map, which the
    result holds already. With it, a result (about 75 KB) did not fit in
    a pipe's buffer (64 KB on Linux), and a worker waited, job after job,
    until the build's process found time to read it: 0.9 ms between jobs,
    0.4 ms without (medians, 500 journeys). A template that leaves the map
    out gives the entry whole."""
    before, found, after = part.partition(svg)
    return (before, after) if found else part


def with_map(svg: str, part: str | Around | None) -> str | None:
    """The part's entry a job handed back, whole again."""
    return part[0] + svg + part[1] if isinstance(part, tuple) else part


def row_href(journey: Journey):
    """Each moment on the map links to its row in the table below, where its
    details are: a keyboard reaches them from the map."""
    rows = {id(tp): f"#{anchor}" for tp, anchor in zip(journey.touchpoints, anchors(journey.touchpoints))}
    return lambda touchpoint: rows[id(touchpoint)]


def can_fork() -> bool:
    """Workers are forked: a new Python would import the drawing code again
    and, by the rules of `spawn`, the script that started the build. Forking
    is safe only in a process with one thread (`mkdocs build`, not the
    rebuilds of `mkdocs serve`, which run beside its server's threads), and
    only where fork is the platform's own way (not macOS, not Windows)."""
    return threading.active_count() == 1 and sys.platform.startswith("linux")


def usable_cpus() -> int:
    """The CPUs this process may use (in a container too, on Linux), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_checking: Checking | None = None  # in a worker: what its build checks pages against


def _run(job: Job | Check) -> Result:
    """A job, in a worker."""
    return job.run(_checking)


def _worker_setup(checking: Checking | None) -> None:
    """Keep what pages are checked against (forked, so not pickled). Ctrl+C
    stops the build, which stops its workers (plugin.py's on_shutdown):
    without this, each worker would print a traceback of its own. And a
    worker goes when the build goes, even a killed build, whose pipes it
    would otherwise wait on for ever (Linux's PR_SET_PDEATHSIG)."""
    global _checking
    _checking = checking
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Drawer:
    """Jobs by key (maps to draw, pages to check): handed to `workers`
    processes once `start` sees enough of them, done here when `get` finds
    a job still queued. `checking` is what pages are checked against."""

    def __init__(self, workers: int, checking: Checking | None = None) -> None:
        self.workers = workers
        self.checking = checking
        self.jobs: dict[str, Job | Check] = {}
        self.futures: dict[str, Future] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.finished: deque[str] = deque()  # keys of jobs the workers have done (appended by the pool's thread)
        self.drawn_here: dict[str, Result] = {}  # jobs taken back from the end of the queue while waiting
        self.switch_interval: float | None = None  # Python's own, while the workers run

    def ahead(self, key: str, job: Job | Check) -> None:
        """A map or check the build will ask for."""
        self.jobs[key] = job
        if self.pool is not None:
            self._submit(key)

    def start(self) -> bool:
        """Start the workers on the jobs so far, if there are enough; whether they run."""
        if self.pool is not None or self.workers < 1 or len(self.jobs) < MIN_JOBS or not can_fork():
            return self.pool is not None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_worker_setup, initargs=(self.checking,))
        except (OSError, ValueError):
            return False  # no worker processes here: everything is done in the build's own
        self._switch_sooner()
        for key in self.jobs:
            self._submit(key)
        return self.pool is not None

    def _submit(self, key: str) -> None:
        if self.pool is None:
            return  # done here when asked for
        from concurrent.futures.process import BrokenProcessPool

        try:  # the first submit forks the workers
            future = self.futures[key] = self.pool.submit(_run, self.jobs[key])
        except (BrokenProcessPool, RuntimeError, OSError):  # OSError: no fork (a container's process limit)
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            self._switch_as_before()
            return
        future.add_done_callback(lambda _, key=key: self.finished.append(key))

    def working_on(self, key: str) -> bool:
        """Is a worker on the job `key`, or is it queued for one?"""
        future = self.futures.get(key)
        return future is not None and not future.done()

    def idle(self) -> bool:
        """Has everything been asked for?"""
        return not (self.jobs or self.futures or self.drawn_here)

    def get(self, key: str, job: Job | Check) -> Result:
        """What the job named `key` makes: from a worker that has begun it,
        else made here (the job as queued, if it was: it may make more)."""
        job = self.jobs.pop(key, None) or job
        if key in self.drawn_here:
            return self.drawn_here.pop(key)
        future = self.futures.pop(key, None)
        if future is not None and not future.cancel():
            from concurrent.futures.process import BrokenProcessPool

            while not future.done() and self._draw_the_last_queued():
                pass
            try:
                return future.result()
            except BrokenProcessPool:  # a worker died (out of memory, killed): do it here
                pass
        return job.run(self.checking)

    def _draw_the_last_queued(self) -> bool:
        """Take back the job queued last and do it here; False when there is
        none. Workers take jobs from the front, so when the last one has
        begun, every other has too."""
        if not self.futures:
            return False
        key = next(reversed(self.futures))
        if not self.futures[key].cancel():
            return False
        del self.futures[key]
        self.drawn_here[key] = self.jobs.pop(key).run(self.checking)
        return True

    def drawn(self) -> list[str]:
        """Keys of the jobs the workers have done since last asked: taking
        them as they come keeps them out of memory."""
        keys = []
        while self.finished:
            keys.append(self.finished.popleft())
        return [key for key in keys if key in self.futures or key in self.drawn_here]

    def _switch_sooner(self) -> None:
        """While workers run (and in them, forked after this): the pool's
        thread hands a worker its next job, and a worker's thread sends back
        what it made, only once the other thread lets go of the GIL, by
        default after up to 5 ms, as long as drawing a map."""
        if self.switch_interval is None:
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self.switch_interval, SWITCH_INTERVAL))

    def _switch_as_before(self) -> None:
        if self.switch_interval is not None:
            sys.setswitchinterval(self.switch_interval)
            self.switch_interval = None

    def close(self) -> None:
        try:
            if self.pool is not None:
                # Waits for the job a worker is on (a few milliseconds), so no
                # worker outlives the build.
                self.pool.shutdown(wait=True, cancel_futures=True)
                self.pool = None
        finally:
            self._switch_as_before()
        self.jobs.clear()
        self.futures.clear()
        self.finished.clear()
        self.drawn_here.clear()
