"""The code passes ruff's checks as pyproject.toml sets them (pyflakes,
Python's syntax errors and line length): an unused import, a name shadowed
by a loop variable or a line over 120 characters fails the suite, not only
an editor's linter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "plugins", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
