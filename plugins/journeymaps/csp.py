"""A Content-Security-Policy for a built site: everything from the site's own
origin, and inline scripts only by the hashes of the ones the build wrote.

Material for MkDocs puts a few small scripts inline (the palette, the page's
base URL); they differ by folder depth, so their hashes are read from the
built pages rather than written down. Script text injected any other way has
no hash and does not run. No MkDocs import here.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from .paint import SCRIPT, attributes, runs

# Everything from the site itself; images also as data: URLs (Material's icons in CSS).
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP source of every inline script that runs, over every page of a built site."""
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        for inside, body in SCRIPT.findall(page.read_text(encoding="utf-8", errors="replace")):
            found = attributes(inside)
            if "src" in found or not runs(found):
                continue  # an external script, or data such as Material's JSON configuration
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def policy(site: Path) -> str:
    """The Content-Security-Policy header value under which the built site works."""
    directives = dict(DIRECTIVES)
    directives["script-src"] = " ".join([directives["script-src"], *inline_script_hashes(site)])
    return "; ".join(f"{name} {value}" for name, value in directives.items())
