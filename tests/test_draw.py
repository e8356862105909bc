"""Maps drawn in worker processes: the same bytes as drawn in the build's
own process, whichever process ends up drawing each map."""

from __future__ import annotations

import json
import multiprocessing
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from journeymaps.colours import default_faces
from journeymaps.draw import MIN_JOBS, Check, Checking, Drawer, Job, PartInputs, _draw, draw, make_part, with_map
from journeymaps.plain import Glossary
from journeymaps.present import make_env, split_part
from journeymaps.validate import Site
from journeys import make_journey
from sites import build, make_site
from test_cache import assert_same_site


def jobs(count: int) -> dict[str, Job]:
    faces = default_faces()
    found = {}
    for n in range(count):
        journey = make_journey(4 + n % 9, shape="cycle" if n % 3 == 0 else "timeline",
                               killers=(1,) if n % 4 == 0 else ())
        found[f"map-{n}"] = Job(journey.model_dump_json(), f"Reis {n}", "nl", f"jm-reis-{n}", faces, words=n % 2 == 0)
    return found


def run_alone(scenario: str) -> None:
    """Run a scenario below in a Python of its own: workers are forked only
    from a process with one thread, and a test run has more."""
    done = subprocess.run([sys.executable, "-c", f"import test_draw; test_draw.{scenario}()"],
                          cwd=Path(__file__).parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def started(wanted: dict[str, Job]) -> Drawer:
    """A drawer with one worker, started on `wanted`."""
    drawer = Drawer(1)
    for key, job in wanted.items():
        drawer.ahead(key, job)
    assert drawer.start()
    return drawer


def taken_back() -> None:
    wanted = jobs(MIN_JOBS * 2)
    drawer = started(wanted)
    try:
        # One worker holds at most two jobs at a time: the last is still waiting, and is drawn here.
        futures = dict(drawer.futures)
        last = list(wanted)[-1]
        assert not futures[last].running()
        assert drawer.get(last, wanted[last]) == draw(wanted[last])
        assert futures[last].cancelled() and last not in drawer.futures
        for key, job in wanted.items():
            if key != last:
                assert drawer.get(key, job) == draw(job), key
        assert any(future.done() and not future.cancelled() for future in futures.values())  # the worker drew some
    finally:
        drawer.close()
    assert multiprocessing.active_children() == []  # no worker outlives the drawer


def busy_while_waiting() -> None:
    """While a worker draws the map the build asks for, the build draws the
    jobs queued last, and hands them out as drawn when asked."""
    faces = default_faces()
    slow = make_journey(400)  # a map that takes a while (about 0.1 s)
    wanted = {"slow": Job(slow.model_dump_json(), "Lang", "nl", "jm-lang", faces), **jobs(MIN_JOBS * 2)}
    drawer = started(wanted)
    try:
        futures = dict(drawer.futures)
        while not (futures["slow"].running() or futures["slow"].done()):  # handed to the worker (done: it failed)
            pass
        assert drawer.get("slow", wanted["slow"]) == draw(wanted["slow"])
        last = list(wanted)[-1]
        assert futures[last].cancelled() and last in drawer.drawn_here  # drawn here meanwhile
        assert last in drawer.drawn()  # so the build can put it in its entry
        for key, job in reversed(wanted.items()):
            if key != "slow":
                assert drawer.get(key, job) == draw(job), key
        assert not drawer.drawn_here
    finally:
        drawer.close()


def checked_alike() -> None:
    """Pages checked by a worker give the records checking them here gives:
    problems, which linked pages exist, plain-language hints, the cut."""
    checking = Checking(Site("nl", (), page_exists={"er.md"}.__contains__),
                        Glossary.for_site("nl", {"klantreis": "route"}))
    page = ("---\ntitle: Pagina {n}\njourney:\n  touchpoints:\n"
            "    - {{label: Aanvragen, score: {score}, related: {link}}}\n"
            "    - {{label: Wachten op de klantreis, score: 2}}\n---\nDe klantreis in tekst.\n")
    checks = {f"page-{n}": Check(page.format(n=n, score=1 + n % 7, link="er.md" if n % 2 else "weg.md"),
                                 f"p{n}.md", f"p{n}.md")
              for n in range(MIN_JOBS * 2)}
    drawer = Drawer(1, checking)
    for key, check in checks.items():
        drawer.ahead(key, check)
    interval = sys.getswitchinterval()
    assert drawer.start()
    assert sys.getswitchinterval() < interval  # so the pool's thread hands out jobs sooner
    try:
        futures = dict(drawer.futures)
        records = {key: drawer.get(key, check) for key, check in checks.items()}
        assert any(future.done() and not future.cancelled() for future in futures.values())  # the worker checked some
    finally:
        drawer.close()
    assert sys.getswitchinterval() == interval
    assert records == {key: check.run(checking) for key, check in checks.items()}
    assert records["page-5"]["problems"] and records["page-0"]["asked"] == {"weg.md": False}
    assert records["page-1"]["cut"] and records["page-1"]["hints"], records["page-1"]


def dead_worker() -> None:
    wanted = jobs(MIN_JOBS)
    drawer = started(wanted)
    try:
        for process in multiprocessing.active_children():
            process.kill()
        assert [drawer.get(key, job) for key, job in wanted.items()] == [draw(job) for job in wanted.values()]
    finally:
        drawer.close()


LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@LINUX
def test_workers_draw_what_the_build_would_and_the_build_takes_back_what_is_still_queued():
    run_alone("taken_back")


@LINUX
def test_the_build_draws_the_last_jobs_while_a_worker_draws_the_one_it_waits_for():
    run_alone("busy_while_waiting")


@LINUX
def test_a_worker_checks_a_page_as_the_build_would():
    run_alone("checked_alike")


@pytest.mark.parametrize("template", [None, "<p>{{ title }}</p>"], ids=["with the map", "an override without it"])
def test_a_page_job_hands_back_its_map_once_and_its_part_whole_again(tmp_path, template):
    # A result that holds the map twice no longer fits in a pipe's buffer.
    if template is not None:
        (tmp_path / "journeys").mkdir()
        (tmp_path / "journeys/map.html").write_text(template, encoding="utf-8")
    checking = Checking(Site("nl"), None, make_env([str(tmp_path)]))
    job = jobs(1)["map-0"]
    job.part = PartInputs("part", "reis-0.svg", None, None, [], {}, {}, {})
    svg, part = job.run(checking)
    assert svg == draw(job)
    entry = with_map(svg, part)
    assert entry == make_part(job, *_draw(job)[1:], svg, checking.env)  # byte for byte
    html, search = split_part(entry)
    if template is None:
        assert svg not in "".join(part) and html.count(svg) == 1 and "Lang wachten" in search
    else:
        assert part == entry and html == "<p>Reis 0</p>"


def no_fork() -> None:
    """A process limit refuses the fork: everything is done here, and
    Python's switch interval is as it was, also after a second try."""
    interval = sys.getswitchinterval()

    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    multiprocessing.context.ForkProcess._Popen = staticmethod(refuse)
    wanted = jobs(MIN_JOBS)
    drawer = Drawer(1)
    for key, job in wanted.items():
        drawer.ahead(key, job)
    assert not drawer.start() and sys.getswitchinterval() == interval
    assert not drawer.start() and sys.getswitchinterval() == interval
    assert [drawer.get(key, job) for key, job in wanted.items()] == [draw(job) for job in wanted.values()]
    drawer.close()
    assert sys.getswitchinterval() == interval


@LINUX
def test_no_fork_no_workers_and_python_as_it_was():
    run_alone("no_fork")


@LINUX
def test_a_dead_worker_costs_time_not_maps():
    run_alone("dead_worker")


def test_few_maps_one_process_or_other_threads_need_no_workers():
    few = Drawer(1)
    for key, job in jobs(MIN_JOBS - 1).items():
        few.ahead(key, job)
    assert not few.start() and few.pool is None
    alone = Drawer(0)
    for key, job in jobs(MIN_JOBS).items():
        alone.ahead(key, job)
    assert not alone.start() and alone.pool is None
    beside = Drawer(1)  # as under `mkdocs serve`: forking beside other threads can deadlock
    for key, job in jobs(MIN_JOBS).items():
        beside.ahead(key, job)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not beside.start() and beside.pool is None
    finally:
        stop.set()
        thread.join()
    assert beside.get("map-0", jobs(1)["map-0"]) == draw(jobs(1)["map-0"])


JOURNEY = """\
---
title: Reis {n}
journey:
  owner: Burgerzaken
  phases: [Aanvragen, Wachten]
  touchpoints:
    - {{label: Formulier {n} invullen, phase: Aanvragen, score: {score}, channel: website}}
    - {{label: Wachten op post, phase: Wachten, emotion: angry}}
    - {{label: Brief komt, phase: Wachten, score: 4}}
---
"""


BROKEN = """\
---
journey:
  touchpoints:
    - {label: Te goed, score: 9}
    - {label: Zie ook, score: 3, related: bestaat-niet.md}
---
"""


@LINUX
@pytest.mark.parametrize("cache", ["true", "false"])
def test_a_site_drawn_by_workers_is_the_site_drawn_in_one_process(tmp_path, cache):
    # More journeys than MIN_JOBS, so workers check pages too; one of them broken.
    count = MIN_JOBS + 2
    pages = {"index.md": "# Thuis\n", "kapot.md": BROKEN,
             **{f"reis-{n}.md": JOURNEY.format(n=n, score=1 + n % 5) for n in range(count)}}
    pages["nieuw.md"] = JOURNEY.format(n=99, score=5).replace("owner: Burgerzaken",
                                                              "owner: Burgerzaken\n  baseline: reis-1.md")
    workers = build(make_site(tmp_path / "workers", pages, plugin_options=f"processes: 2\ncache: {cache}"),
                    strict=False)
    assert workers.returncode == 0, workers.output
    assert f"checking {count + 2} pages, in 2 processes" in workers.output, workers.output
    # A map of each journey but the broken one: the workers ran from the
    # checks on, and each map was drawn once. (The kiosk's pictures are drawn
    # while the pages are written; the sites compare them below.)
    assert f"drawing {count + 1} maps, in 2 processes" in workers.output, workers.output
    assert f"drawing {count + 1} kiosk pictures while the pages are written, in 2 processes" in workers.output
    alone = build(make_site(tmp_path / "alone", pages, plugin_options=f"processes: 1\ncache: {cache}"), strict=False)
    assert alone.returncode == 0, alone.output
    assert "checking" not in alone.output and "drawing" not in alone.output
    assert_same_site(tmp_path / "workers/site", tmp_path / "alone/site")
    # The search text of a part made by a worker is put in when its page is
    # written (on_page_context), before the search plugin reads the page.
    assert_each_journey_indexed(tmp_path / "workers/site", count)
    problems = [line for line in alone.output.splitlines() if "kapot.md" in line]
    assert len(problems) == 2 and "journey.touchpoints[0].score" in problems[0], alone.output
    assert problems == [line for line in workers.output.splitlines() if "kapot.md" in line]
    if cache == "true":  # a rebuild checks and draws nothing, so it starts no workers
        again = build(tmp_path / "workers", strict=False)
        assert again.returncode == 0 and "checking" not in again.output and "drawing" not in again.output


@LINUX
def test_maps_drawn_while_the_pages_are_written_are_in_the_site_for_other_plugins(tmp_path):
    # Workers draw the kiosk's pictures, and the maps whose downloads are not
    # made yet, after MkDocs has copied its files; they are in the site,
    # whole, before any other plugin's on_post_build.
    done = _build_with_probe(tmp_path, 2, (
        "from pathlib import Path\n"
        "def on_post_build(config):\n"
        "    for name, pattern in (('kiosk pictures', 'kiosk/maps/*.svg'), ('downloads', 'reis-*/*.svg')):\n"
        "        maps = sorted(Path(config.site_dir).glob(pattern))\n"
        "        print(name, len(maps), all(m.read_text().rstrip().endswith('</svg>') for m in maps))\n"))
    assert f"kiosk pictures {PROBED} True" in done.output, done.output
    assert f"downloads {PROBED} True" in done.output, done.output
    assert "drawing" in done.output  # by workers


@pytest.mark.parametrize("processes", [1, 2])
def test_the_kiosks_version_goes_into_the_site_after_every_picture_it_names(tmp_path, processes):
    # Kiosks reload when version.json changes, then read the playlist: while
    # a build writes into the site they show, neither may name a picture not
    # there yet (a version alone, or a playlist alone, would fail to load here).
    done = _build_with_probe(tmp_path, processes, (
        "import json\n"
        "from pathlib import Path\n"
        "def look(config, when):\n"
        "    kiosk = Path(config.site_dir, 'kiosk')\n"
        "    if (kiosk / 'playlist.json').exists() or (kiosk / 'version.json').exists():\n"
        "        version = json.loads((kiosk / 'version.json').read_text())['version']\n"
        "        playlist = json.loads((kiosk / 'playlist.json').read_text())\n"
        "        missing = [m['svg'] for m in playlist['maps'] if not (kiosk / m['svg']).exists()]\n"
        "        print('kiosk', when, version == playlist['version'], len(playlist['maps']), 'missing', len(missing))\n"
        "def on_post_page(output, page, config):\n"
        "    look(config, 'page')\n"
        "def on_post_build(config):\n"
        "    look(config, 'built')\n"))
    seen = [line for line in done.output.splitlines() if line.startswith("kiosk ")]
    assert seen and seen[-1] == f"kiosk built True {PROBED} missing 0", done.output
    assert all(line.endswith("missing 0") for line in seen), seen


PROBED = MIN_JOBS + 2  # journeys: enough for workers to start


def _build_with_probe(tmp_path: Path, processes: int, probe: str):
    """Build a site of PROBED journeys with a hook `probe` (MkDocs' `hooks:`,
    so after the plugin at the same priority)."""
    pages = {"index.md": "# Thuis\n", **{f"reis-{n}.md": JOURNEY.format(n=n, score=1 + n % 5) for n in range(PROBED)}}
    root = make_site(tmp_path, pages, plugin_options=f"processes: {processes}", extra="hooks: [probe.py]\n")
    (root / "probe.py").write_text(probe, encoding="utf-8")
    done = build(root, strict=False)
    assert done.returncode == 0, done.output
    return done


@LINUX
@pytest.mark.parametrize("processes", [1, 2])
def test_an_error_in_a_journey_pages_template_names_the_page(tmp_path, processes):
    # A site's own template for a journey page's part that does not render:
    # in a worker, the part is left to the page, which MkDocs then names.
    pages = {"index.md": "# Thuis\n", **{f"reis-{n}.md": JOURNEY.format(n=n, score=1 + n % 5) for n in range(PROBED)}}
    root = make_site(tmp_path, pages, plugin_options=f"processes: {processes}")
    (root / "overrides/journeys").mkdir(parents=True)
    (root / "overrides/journeys/map.html").write_text("{{ 1 / 0 }}", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text()
    assert "  font: false\n" in config
    (root / "mkdocs.yml").write_text(config.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"),
                                     encoding="utf-8")
    done = build(root, strict=False)
    # MkDocs says "reading" when the page's content is made, "building" when it is written.
    assert done.returncode != 0 and re.search(r"Error (reading|building) page 'reis-0.md': division by zero",
                                              done.output), \
        done.output


def test_without_workers_other_plugins_find_the_page_text_and_download_as_before(tmp_path):
    # Parts are put in late only while a worker is making them: a build in
    # one process gives other plugins the text at on_page_content, and every
    # download is in the site before the pages are written.
    done = _build_with_probe(tmp_path, 1, (
        "from pathlib import Path\n"
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri.startswith('reis-'):\n"
        "        n = page.file.src_uri[5:-3]\n"
        "        print('text', f'Formulier {n} invullen' in html)\n"
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri == 'index.md':\n"
        "        print('downloads', len(list(Path(config.site_dir).glob('reis-*/*.svg'))))\n"))
    assert done.output.count("text True") == PROBED and "text False" not in done.output, done.output
    assert f"downloads {PROBED}" in done.output, done.output


@LINUX
def test_text_put_in_late_survives_a_plugin_that_changes_the_content_around_it(tmp_path):
    # A plugin after this one puts a line between the page's two search
    # marks: the text a worker made still goes between them.
    _build_with_probe(tmp_path, 2, (
        "import re\n"
        "def on_page_content(html, page, config, files):\n"
        "    return re.sub(r'-->\\s*<!--', '-->\\n<!--', html)\n"))
    assert_each_journey_indexed(tmp_path / "site", PROBED)


def assert_each_journey_indexed(site: Path, count: int) -> None:
    """Each journey's own entries in the search index hold its first moment."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for n in range(count):
        page = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(f"reis-{n}/"))
        assert f"Formulier {n} invullen" in page, (n, page)
