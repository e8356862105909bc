"""Benchmarks: `python benchmarks/run.py` (see README, "Performance").

Builds generated libraries of journeys with the plugin and, as the baseline
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
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
