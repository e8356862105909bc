"""The journey format's fixed terms (emotions, evidence kinds, shapes,
statuses, phase presets) and how a label becomes an id. Plain Python: what
only names these (colours, ids and file names) loads without pydantic, so a
rebuild whose journeys all come from the cache never imports it.
"""

from __future__ import annotations

import re
import unicodedata

EMOTIONS = ("angry", "disappointed", "indifferent", "happy")
EVIDENCE_KINDS = (
    "survey",
    "interview",
    "observation",
    "analytics",
    "complaints",
    "usability-test",
    "assumption",
)
SHAPES = ("timeline", "cycle")
STATUSES = ("as-is", "to-be")
PRESETS = ("ten-phases",)


def slugify(text: str, limit: int = 80, empty: str = "phase") -> str:
    """The id of a phase given only as a label: 'Oriëntatie & koop' -> 'orientatie-koop';
    `empty` for text with no Latin letter or digit ('البحث', '🔍').
    Slugs also name files and URLs, so they stop at `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())[:limit].strip("-") or empty


def unique(base: str, taken: set[str]) -> str:
    """`base`, else `base-2`, `base-3`, ...: the first not in `taken`, which it joins."""
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name
