"""Build real MkDocs sites in a temporary folder (no mocks)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

BASE_CONFIG = """
site_name: Test
docs_dir: docs
theme:
  name: material
  language: {language}
  font: false
plugins:
  - search
  - journeys{plugin_options}
"""


@dataclass
class Build:
    root: Path
    returncode: int
    output: str

    def html(self, page: str) -> str:
        return (self.root / "site" / page).read_text(encoding="utf-8")

    def exists(self, path: str) -> bool:
        return (self.root / "site" / path).exists()


def make_site(root: Path, pages: dict[str, str], *, language: str = "nl", plugin_options: str = "",
              extra: str = "") -> Path:
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    options = ":\n" + textwrap.indent(textwrap.dedent(plugin_options).strip("\n"), "      ") if plugin_options else ""
    config = BASE_CONFIG.format(language=language, plugin_options=options) + textwrap.dedent(extra)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def build(root: Path, *options: str, strict: bool = True) -> Build:
    """`mkdocs build` as an editor runs it, from the site's folder, with any
    further command-line `options` (such as --dirty)."""
    # No -q: it silences MkDocs' own warnings, and then --strict does not count them (the plugin
    # keeps its own counted: test_editor_mistakes).
    command = [sys.executable, "-m", "mkdocs", "build", *options] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, env=env)
    return Build(root, done.returncode, done.stdout + done.stderr)
