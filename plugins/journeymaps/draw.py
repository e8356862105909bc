"""Drawing many maps at once: worker processes draw ahead while the build
goes on, and the build draws a map itself when it is still queued (it takes
the job back), so both keep busy. While the build waits for a map a worker
is drawing, it draws the last job still queued (a kiosk picture, or a map
it will ask for later) instead of idling.

Drawing is pure Python and most of a first build's time; a second process
is the only way to use a second core. A build with few maps to draw, or one
allowed a single process, draws everything in its own process, exactly as a
worker would: a job names everything that goes into its map.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .colours import FaceColour
from .compare import compare
from .model import Journey
from .present import anchors
from .render import render_map
from .score import score_journey

# Below this many maps, forking a worker and handing it the jobs saves too
# little to be worth a second process.
MIN_JOBS = 16


@dataclass
class Job:
    """One map: the journey as JSON (as record.py keeps it), so a worker
    gets a short text instead of a pickled model."""

    journey: str
    title: str
    labels: dict
    id_prefix: str
    faces: dict[str, FaceColour]
    words: bool = True  # False: the kiosk's picture without text, and without links
    baseline: str | None = None  # the baseline journey as JSON, when a comparison is drawn


def draw(job: Job) -> str:
    journey = Journey.model_validate_json(job.journey)
    card = score_journey(journey)
    comparison = None
    if job.baseline is not None:
        comparison = compare(score_journey(Journey.model_validate_json(job.baseline)), card)
    return render_map(
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


def row_href(journey: Journey):
    """Each moment on the map links to its row in the table below, where its
    details are: a keyboard reaches them from the map."""
    rows = {id(tp): f"#{anchor}" for tp, anchor in zip(journey.touchpoints, anchors(journey))}
    return lambda touchpoint: rows[id(touchpoint)]


def _can_fork() -> bool:
    """Workers are forked: a new Python would import the drawing code again
    and, by the rules of `spawn`, the script that started the build. Forking
    is safe only in a process with one thread (`mkdocs build`, not the
    rebuilds of `mkdocs serve`, which run beside its server's threads), and
    only where fork is the platform's own way (not macOS, not Windows)."""
    return threading.active_count() == 1 and sys.platform.startswith("linux")


def _worker_setup() -> None:
    """Ctrl+C stops the build, which stops its workers (plugin.py's
    on_shutdown): without this, each worker would print a traceback of its
    own. And a worker goes when the build goes, even a killed build, whose
    pipes it would otherwise wait on for ever (Linux's PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Drawer:
    """Jobs by key: handed to `workers` processes once `start` sees enough
    of them, drawn here when `get` finds a job still queued."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.jobs: dict[str, Job] = {}
        self.futures: dict[str, Future] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.finished: deque[str] = deque()  # keys of maps the workers have drawn (appended by the pool's thread)
        self.drawn_here: dict[str, str] = {}  # maps taken back from the end of the queue while waiting

    def ahead(self, key: str, job: Job) -> None:
        """A map the build will ask for."""
        self.jobs[key] = job
        if self.pool is not None:
            self._submit(key)

    def start(self) -> bool:
        """Start the workers on the jobs so far, if there are enough; whether they run."""
        if self.pool is not None or self.workers < 1 or len(self.jobs) < MIN_JOBS or not _can_fork():
            return self.pool is not None
        try:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_worker_setup)
        except (OSError, ValueError):
            return False  # no worker processes here: everything is drawn in the build's own
        for key in self.jobs:
            self._submit(key)
        return self.pool is not None

    def _submit(self, key: str) -> None:
        if self.pool is None:
            return  # drawn here when asked for
        try:  # the first submit forks the workers
            future = self.futures[key] = self.pool.submit(draw, self.jobs[key])
        except (BrokenProcessPool, RuntimeError, OSError):  # OSError: no fork (a container's process limit)
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            return
        future.add_done_callback(lambda _, key=key: self.finished.append(key))

    def get(self, key: str, job: Job) -> str:
        """The map of `job` (named `key`): from a worker that has begun it, else drawn here."""
        self.jobs.pop(key, None)
        if key in self.drawn_here:
            return self.drawn_here.pop(key)
        future = self.futures.pop(key, None)
        if future is not None and not future.cancel():
            while not future.done() and self._draw_the_last_queued():
                pass
            try:
                return future.result()
            except BrokenProcessPool:  # a worker died (out of memory, killed): draw it here
                pass
        return draw(job)

    def _draw_the_last_queued(self) -> bool:
        """Take back the job queued last and draw it here; False when there is
        none. Workers take jobs from the front, so when the last one has
        begun, every other has too."""
        if not self.futures:
            return False
        key = next(reversed(self.futures))
        if not self.futures[key].cancel():
            return False
        del self.futures[key]
        self.drawn_here[key] = draw(self.jobs.pop(key))
        return True

    def drawn(self) -> list[str]:
        """Keys of the maps the workers have drawn since last asked: taking
        them as they come keeps them out of memory."""
        keys = []
        while self.finished:
            keys.append(self.finished.popleft())
        return [key for key in keys if key in self.futures or key in self.drawn_here]

    def close(self) -> None:
        if self.pool is not None:
            # Waits for the job a worker is on (a few milliseconds), so no
            # worker outlives the build.
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.jobs.clear()
        self.futures.clear()
        self.finished.clear()
        self.drawn_here.clear()
