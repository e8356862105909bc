"""The core imports nothing from MkDocs (DESIGN.md, README's Design): it must
outlive Material, whose end of life is announced for May 2027. Each core
module is imported in a Python of its own, and no MkDocs or Material module
may come with it."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["model", "terms", "load", "validate", "comments", "csp", "paint", "score", "organisation", "listings",
        "compare", "kiosk", "plain", "schema", "diff", "escape", "cache", "record", "draw", "render", "render.layout",
        "render.svg", "render.text", "render.heatmap", "present", "extension", "i18n", "colours", "mermaid"]


@pytest.mark.parametrize("module", CORE)
def test_a_core_module_brings_no_mkdocs_with_it(module):
    code = (f"import sys, journeymaps.{module}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
