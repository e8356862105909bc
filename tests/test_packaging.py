"""Files other repositories use: the pre-commit hook and the example workflow."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_runs_the_installed_check_command():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "journeys-check" and hook["entry"] == "journeys check" and hook["language"] == "python"
    scripts = (ROOT / "pyproject.toml").read_text()
    assert 'journeys = "journeymaps.cli:main"' in scripts


def test_example_workflow_checks_builds_strictly_and_uploads_a_preview():
    workflow = yaml.safe_load((ROOT / "examples/journeys-pull-request.yml").read_text())
    steps = workflow["jobs"]["check-and-preview"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "journeys check --format github" in commands and "mkdocs build --strict" in commands
    assert "journeys diff" in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    # The plugin's cache is kept between runs, restored before the build, at
    # the folder the plugin uses by default for the configuration file built.
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache"))
    build = next(i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", ""))
    arguments = steps[build]["run"].split()
    config_file = arguments[arguments.index("-f") + 1] if "-f" in arguments else "mkdocs.yml"
    from journeymaps.config import cache_folder
    assert cache < build and steps[cache]["with"]["path"] == cache_folder(config_file, None)
    assert not (ROOT / ".github").exists()  # an example, not active in this repository


def test_an_installed_package_holds_every_file_it_reads(tmp_path):
    # `pip install journeymaps` (not -e) installs only what package-data names:
    # without the scripts, every build stopped at on_files with FileNotFoundError.
    import shutil
    import subprocess
    import sys

    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path)
    shutil.copytree(ROOT / "plugins/journeymaps", tmp_path / "plugins/journeymaps",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
                    "--build-lib", str(tmp_path / "lib")], cwd=tmp_path, check=True, capture_output=True)
    package = ROOT / "plugins/journeymaps"
    wanted = {str(p.relative_to(package)) for p in package.rglob("*")
              if p.is_file() and p.suffix in (".py", ".html", ".css", ".js") and "__pycache__" not in p.parts}
    installed = {str(p.relative_to(tmp_path / "lib/journeymaps")) for p in (tmp_path / "lib/journeymaps").rglob("*")
                 if p.is_file()}
    assert wanted - installed == set()
