"""Shared fixtures: the format document's example and real-site helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_FORMAT = ROOT.parent / "shared" / "journey-format.md"


@pytest.fixture(scope="session")
def format_example() -> str:
    """The complete example of the format document, which must always validate."""
    text = (ROOT / "tests" / "data" / "format-example.md").read_text(encoding="utf-8")
    if SHARED_FORMAT.exists():  # keep the copy honest while the contract is beside us
        block = re.search(r"```yaml\n(.*?)```", SHARED_FORMAT.read_text(encoding="utf-8"), re.S).group(1)
        assert block == text, "tests/data/format-example.md differs from ../shared/journey-format.md"
    return text


# --- real sites and a real browser -----------------------------------------------------

import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# This machine's closed network needs Chromium's background traffic off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example site under content/, built with --strict: every example journey must be valid."""
    out = tmp_path_factory.mktemp("example") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "site_config.yml", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a loopback HTTP server for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (./dev test does)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where screenshots go; set JOURNEYMAPS_SCREENSHOTS to keep them."""
    folder = Path(os.environ.get("JOURNEYMAPS_SCREENSHOTS") or ROOT / ".cache" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
