"""Text from front-matter made harmless where it lands outside HTML: in a
terminal (messages) and in Markdown (pages the tools write, pull-request
comments). HTML is escaped where it is written (templates, render/)."""

from __future__ import annotations

import re

# C0 controls but the tab, DEL and C1 controls: ESC and CSI start terminal
# sequences (colour, the window's title, hyperlinks), BEL rings, CR overwrites.
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character written out: '\\x1b' for ESC."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
