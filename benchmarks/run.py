"""Benchmarks: `python benchmarks/run.py` (see README, "Performance").

Measures how fast broken pages are rejected, `journeys check` in maps per
second, then builds generated libraries of journeys with the plugin and, as the baseline
measured in the same run, a plain Material build of the same pages with a
one-line `nav:` (MkDocs and Material alone: the floor). Prints seconds per
map, peak memory and the ratio against the baseline. Timings are wall-clock
on a shared machine: read ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library import write_library  # noqa: E402

import yaml  # noqa: E402

PLAIN = """site_name: Bench
docs_dir: docs
theme: {name: material, language: nl, font: false}
plugins: [search]
nav: [index.md]
"""
JOURNEYS = """site_name: Bench
docs_dir: docs
theme: {name: material, language: nl, font: false}
plugins: [search, journeys]
"""


def timed_build(root: Path, config: str) -> tuple[float, float]:
    """(seconds, peak resident memory in MiB) of one `mkdocs build` in its own process."""
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.rmtree(root / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {root}")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="library sizes to build")
    parser.add_argument("--only", choices=["check", "broken", "build"], help="run one benchmark only")
    args = parser.parse_args()
    if args.only in (None, "broken"):
        broken_input()
    if args.only in (None, "check"):
        check_speed()
    if args.only in ("check", "broken"):
        return
    print(f"{'maps':>6} {'plain s':>8} {'plugin s':>9} {'ratio':>6} {'ms/map':>7} {'plain MiB':>10} {'plugin MiB':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"jm-bench-{size}-") as folder:
            root = Path(folder)
            write_library(root / "docs", size)
            plain, plain_mem = timed_build(root, PLAIN)
            ours, ours_mem = timed_build(root, JOURNEYS)
            print(f"{size:>6} {plain:>8.1f} {ours:>9.1f} {ours / plain:>6.2f} {1000 * ours / size:>7.1f} "
                  f"{plain_mem:>10.0f} {ours_mem:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
