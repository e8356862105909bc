"""Generated pages follow edits: under `mkdocs serve`, and with `build --dirty`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sites import build, make_site

JOURNEY = "---\ntitle: {title}\njourney:\n  owner: Team A\n  touchpoints: [{{label: Bellen, score: 3}}]\n---\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_generated_pages_when_a_journey_changes(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "reis.md": JOURNEY.format(title="Eerste titel")})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        catalogue = f"http://127.0.0.1:{port}/journeys/"
        assert wait_for(catalogue, "Eerste titel")
        (tmp_path / "docs/reis.md").write_text(JOURNEY.format(title="Tweede titel"), encoding="utf-8")
        assert wait_for(catalogue, "Tweede titel")
        assert wait_for(f"http://127.0.0.1:{port}/owners/team-a/", "Tweede titel")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_dirty_build_updates_generated_pages(tmp_path):
    make_site(tmp_path, {"index.md": "# Home\n", "reis.md": JOURNEY.format(title="Eerste titel")})
    assert build(tmp_path).returncode == 0
    time.sleep(1.1)  # a later modification time than the built page
    (tmp_path / "docs/reis.md").write_text(JOURNEY.format(title="Tweede titel"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=tmp_path, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "Tweede titel" in (tmp_path / "site/journeys/index.html").read_text()
    assert "Tweede titel" in (tmp_path / "site/reis/index.html").read_text()
