"""Benchmarks: `python benchmarks/run.py` (see README, "Performance").

Each figure is printed with its ratio to a baseline measured in the same run:
how fast broken pages are rejected (against a valid page), `journeys check`
(against parsing alone), cold and warm builds of 500 journeys (against a plain
Material build of the same pages with a one-line `nav:`: MkDocs and Material
alone, the floor), 1,000 against 10,000 journeys, the size of a map (and of
the search index every visitor loads), the time to a visible map in Chromium
(against the bare SVG and Mermaid) and reloads under `mkdocs serve` (against
saving a page unchanged). Timings are wall-clock on a shared machine: read
the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library import write_library  # noqa: E402

import yaml  # noqa: E402

# The floor: the same pages and "the same one-line nav:" with and
# without the plugin, so both builds draw the same sidebar on every page.
PLAIN = """site_name: Bench
docs_dir: docs
theme: {name: material, language: nl, font: false}
plugins: [search]
nav: [index.md]
"""
JOURNEYS = PLAIN.replace("plugins: [search]", "plugins: [search, journeys]")
INSTANT_CONFIG = JOURNEYS.replace("font: false}", "font: false, features: [navigation.instant]}")


def timed_build(root: Path, config: str, cpu: list | None = None) -> tuple[float, float]:
    """(seconds, peak resident memory in MiB) of one `mkdocs build` in its own
    process; its CPU seconds (user, system) are appended to `cpu` if given."""
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.rmtree(root / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {root}")
    if cpu is not None:
        cpu.append((usage.ru_utime, usage.ru_stime))
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def check_speed(size: int = 1000) -> None:
    """`journeys check` in maps per second, against reading and parsing the
    same front-matter with libyaml alone (the floor)."""
    from journeymaps.cli import Settings, check_files

    with tempfile.TemporaryDirectory(prefix="jm-check-") as folder:
        docs = Path(folder) / "content"
        write_library(docs, size)
        files = sorted((docs / "journeys").glob("*.md"))

        def floor() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=yaml.CSafeLoader)

        def ours() -> None:
            count, errors, _ = check_files([str(docs)], Settings(docs_dir=str(docs)))
            assert count == size and not errors

        best = {name: min(_seconds(run) for _ in range(3)) for name, run in (("floor", floor), ("check", ours))}
    print(f"check: {size / best['check']:.0f} maps/s ({size} maps of 20 moments); "
          f"reading and parsing alone: {size / best['floor']:.0f} maps/s; ratio {best['check'] / best['floor']:.2f}")


def broken_input() -> None:
    """How long checking each broken page of tests/test_broken_input.py takes,
    against checking a valid journey of 20 moments (the baseline)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_broken_input import BROKEN
    from journeymaps.validate import Site, check_page, decode_page

    with tempfile.TemporaryDirectory(prefix="jm-broken-") as folder:
        write_library(Path(folder), 1)
        valid = next(Path(folder).rglob("journeys/*.md")).read_bytes()

    def best(data: bytes) -> float:
        def once() -> None:
            text, _ = decode_page(data, "x.md")
            check_page(text, path="x.md", src_uri="x.md", site=Site())
        return min(_seconds(once) for _ in range(5))

    baseline = best(valid)
    print(f"broken input: a valid 20-moment journey is checked in {1000 * baseline:.1f} ms")
    for name, (content, _) in BROKEN.items():
        seconds = best(content if isinstance(content, bytes) else content.encode("utf-8"))
        print(f"  {name:<16} {1000 * seconds:8.1f} ms  ratio {seconds / baseline:6.2f}  ({len(content):,} bytes)")


def _seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def builds(size: int = 500) -> None:
    """Target 1: a cold build (no cache) and a warm rebuild (the cache from the
    cold one) against plain Material, alternating, best of three each."""
    with tempfile.TemporaryDirectory(prefix=f"jm-build-{size}-") as folder:
        root = Path(folder)
        write_library(root / "docs", size)
        runs: dict[str, list[tuple[float, float]]] = {"plain": [], "cold": [], "warm": []}
        cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(3):
            runs["plain"].append(timed_build(root, PLAIN, cpu["plain"]))
            shutil.rmtree(root / ".cache", ignore_errors=True)
            runs["cold"].append(timed_build(root, JOURNEYS, cpu["cold"]))
            runs["warm"].append(timed_build(root, JOURNEYS, cpu["warm"]))
    best = {name: min(values) for name, values in runs.items()}
    user = {name: min(u for u, _ in values) for name, values in cpu.items()}
    system = {name: min(s for _, s in values) for name, values in cpu.items()}
    plain = best["plain"][0]
    print(f"build of {size} journeys of 20 moments (best of 3; CPU: user and system seconds, also best of 3):")
    for name, (seconds, memory) in best.items():
        print(f"  {name:<6} {seconds:6.2f} s  ratio {seconds / plain:5.2f}  peak {memory:5.0f} MiB  "
              f"CPU user {user[name]:5.2f} s (ratio {user[name] / user['plain']:4.2f}), system {system[name]:5.2f} s")
    # On a shared machine one slow round moves a best-of-three: each round's
    # ratio to the plain build just before it shows how far to trust it.
    for name in ("cold", "warm"):
        rounds = [ours / base for (ours, _), (base, _) in zip(runs[name], runs["plain"])]
        print(f"  {name} against the plain build of the same round: "
              f"{', '.join(f'{r:.2f}' for r in rounds)} (median {sorted(rounds)[1]:.2f})")


def scale(sizes: list[int]) -> None:
    """Target 2: cold builds of growing libraries; time per map and peak memory,
    each size against the first."""
    print(f"{'maps':>6} {'plain s':>8} {'plugin s':>9} {'vs plain':>8} {'ms/map':>7} {'vs first':>8} "
          f"{'plain MiB':>10} {'plugin MiB':>11}")
    first = None
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"jm-bench-{size}-") as folder:
            root = Path(folder)
            write_library(root / "docs", size)
            plain, plain_mem = timed_build(root, PLAIN)
            ours, ours_mem = timed_build(root, JOURNEYS)
        first = first or (size, ours)
        print(f"{size:>6} {plain:>8.1f} {ours:>9.1f} {ours / plain:>8.2f} {1000 * ours / size:>7.1f} "
              f"{ours / first[1]:>8.2f} {plain_mem:>10.0f} {ours_mem:>11.0f}", flush=True)


def pages(size: int = 20):
    """A built library of `size` journeys: (site folder, [(page path, inline SVG, its journey's Markdown)])."""
    folder = tempfile.TemporaryDirectory(prefix="jm-pages-")
    root = Path(folder.name)
    write_library(root / "docs", size)
    timed_build(root, JOURNEYS)
    found = []
    for html_path in sorted((root / "site/journeys").glob("reis-*/index.html")):
        html = html_path.read_text(encoding="utf-8")
        start = html.index("<svg", html.index('class="jm-scroll"'))
        source = root / "docs/journeys" / f"{html_path.parent.name}.md"
        found.append((html_path.parent, html[start:html.index("</svg>", start) + 6],
                      source.read_text(encoding="utf-8")))
    return folder, found


def map_size() -> None:
    """Target 3: the SVG of a 20-moment timeline, inline and as the download."""
    folder, built = pages()
    with folder:
        folder_path, svg, _ = max(built, key=lambda item: len(item[1].encode()))
        download = next(folder_path.glob("*.svg")).read_bytes()
        index = (Path(folder.name) / "site/search/search_index.json").read_bytes()
    raw = svg.encode()
    embedded = [word for word in ("<script", "@font-face", "<style", "data:font") if word in svg]
    print("map size, the largest of 20 timelines of 20 moments as built (limit 30 KB):")
    print(f"  inline     {len(raw) / 1024:5.1f} KB raw, {len(gzip.compress(raw)) / 1024:4.1f} KB gzipped;"
          f" ratio to the limit {len(raw) / 30720:.2f}; embedded fonts or scripts: {embedded or 'none'}")
    print(f"  download   {len(download) / 1024:5.1f} KB raw, {len(gzip.compress(download)) / 1024:4.1f} KB gzipped"
          " (with its stylesheet; no fonts or scripts)")
    # Every visitor's browser fetches the whole index: it grows with the library.
    docs = json.loads(index)["docs"]
    lists = sum(len(doc["text"]) for doc in docs if doc["location"].startswith(("journeys/", "owners/"))
                and not doc["location"].startswith("journeys/reis-"))
    print(f"search index of the {len(built)} journeys' site: {len(index) / 1024:.1f} KB raw "
          f"({len(index) / 1024 / len(built):.1f} KB a journey), {len(gzip.compress(index)) / 1024:.1f} KB gzipped; "
          f"the catalogue and department pages hold {lists / sum(len(doc['text']) for doc in docs):.0%} of its text")


def visible() -> None:
    """Target 4: time to a visible map in Chromium (see visible.py)."""
    from visible import time_to_visible, time_to_visible_instant
    from journeymaps.model import Journey
    from journeymaps.record import make_record
    from journeymaps.validate import Site

    folder, built = pages(5)
    with folder:
        site = Path(folder.name) / "site"
        records = [make_record(source, path="x.md", src_uri="x.md", site=Site("nl"), glossary=None)
                   for _, _, source in built]
        journeys = [(page.relative_to(site).as_posix() + "/", record["title"])
                    for (page, _, _), record in zip(built, records)]
        (path, title), svg = journeys[0], built[0][1]
        (Path(folder.name) / "mkdocs.yml").write_text(
            JOURNEYS.replace("journeys]", "{journeys: {map_first: false}}]") + "site_dir: site/_bench/scripts-first\n",
            encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder.name, env=env, check=True)
        times = time_to_visible(site, path, Journey.model_validate_json(records[0]["journey"]), title, svg)
        instant = time_to_visible_instant(Path(folder.name), INSTANT_CONFIG, journeys)
    print("time to a visible map in Chromium (median of 9 loads, ms from navigation start):")
    for visit in ("first", "again"):
        bare, ours, material, mermaid = (times[(name, visit)]
                                         for name in ("bare", "journeymaps", "material", "mermaid"))
        print(f"  {'first visit' if visit == 'first' else 'return visit'}: bare SVG page {bare:6.1f}, "
              f"journeymaps {ours:6.1f}, Mermaid {mermaid:6.1f}; "
              f"journeymaps / bare {ours / bare:.2f} (target at most 2), "
              f"Mermaid / journeymaps {mermaid / ours:.1f} (target at least 10; Mermaid / bare {mermaid / bare:.1f})")
        print(f"    a Material page without a map {material:6.1f}: material / bare {material / bare:.2f}, "
              f"journeymaps / material {ours / material:.2f}")
        first = times[("scripts first", visit)]
        print(f"    the journey page built with map_first: false {first:6.1f}: / bare {first / bare:.2f}, "
              f"journeymaps / it {ours / first:.2f}")
    print(f"  with Material's instant loading: a journey page loaded {instant['loaded']:6.1f} "
          f"(styles and scripts cached), shown from the home page {instant['instant']:6.1f}; "
          f"shown / loaded {instant['instant'] / instant['loaded']:.2f}, "
          f"shown / bare SVG page (return visit) {instant['instant'] / times[('bare', 'again')]:.2f}")


def serve_reload(size: int = 1000) -> None:
    """Target 5: under `mkdocs serve`, the rebuild after editing one journey
    (its title; and, apart, only its prose) against the rebuild after saving
    one unchanged (best of three each), each
    timed from MkDocs noticing the change to its reloading the browsers."""
    with tempfile.TemporaryDirectory(prefix=f"jm-serve-{size}-") as folder:
        root = Path(folder)
        write_library(root / "docs", size)
        (root / "mkdocs.yml").write_text(JOURNEYS, encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:0"],
                                  cwd=root, env=env, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=lambda: [lines.put((time.perf_counter(), line)) for line in server.stderr],
                         daemon=True).start()
        try:
            start = time.perf_counter()
            _wait_for(lines, "Serving on")
            print(f"mkdocs serve with {size} journeys: first build {time.perf_counter() - start:.1f} s", flush=True)
            page = root / "docs/journeys/reis-00007.md"
            original = page.read_text(encoding="utf-8")
            edits = {
                "unchanged": lambda n: original,
                "edited": lambda n: original.replace("title: Klantreis", f"title: Bewerkt {n} Klantreis"),
                "prose": lambda n: original + f"\nEen alinea die een redacteur toevoegt ({n}).\n",
            }
            results: dict[str, list[float]] = {name: [] for name in edits}
            for n in range(3):
                for name, edit in edits.items():
                    text = edit(n)
                    for content in (text,) if name == "unchanged" else (text, original):
                        time.sleep(1.5)  # MkDocs polls for changes twice a second
                        page.write_text(content, encoding="utf-8")
                        noticed = _wait_for(lines, "Detected file changes")
                        reloaded = _wait_for(lines, "Reloading browsers")
                        if content is text:
                            results[name].append(reloaded - noticed)
        finally:
            server.terminate()
            server.wait(timeout=30)
    unchanged, edited, prose = (min(results[name]) for name in edits)
    print(f"  rebuild after saving a journey unchanged {unchanged:.2f} s; after editing one {edited:.2f} s; "
          f"ratio {edited / unchanged:.2f} (target at most 2)")
    print(f"  after editing only the text below a journey's front-matter {prose:.2f} s; ratio {prose / unchanged:.2f}")


def _wait_for(lines: "queue.Queue[tuple[float, str]]", text: str, seconds: float = 1800) -> float:
    """When a line with `text` arrived."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            when, line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if "WARNING" in line or "ERROR" in line:
            raise SystemExit(f"mkdocs serve: {line.strip()}")
        if text in line:
            return when
    raise SystemExit(f"mkdocs serve: no '{text}' within {seconds} s")


BENCHMARKS = ("broken", "check", "build", "scale", "size", "visible", "serve")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=BENCHMARKS, nargs="+", help="run only these")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="library sizes for 'scale'")
    args = parser.parse_args()
    chosen = args.only or BENCHMARKS
    runs = {"broken": broken_input, "check": check_speed, "build": builds, "scale": lambda: scale(args.sizes),
            "size": map_size, "visible": visible, "serve": serve_reload}
    for name in BENCHMARKS:
        if name in chosen:
            runs[name]()
            print(flush=True)


if __name__ == "__main__":
    main()
