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

# Unicode's explicit direction embeddings, overrides and isolates: invisible,
# they make text show in another order than it is written, and can reorder
# the text around it ("Trojan Source"). Right-to-left text needs none of them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


# Control characters but the tab and line breaks (written in YAML as "\0" or
# "\e"): invisible, and a browser reads some otherwise than the build (NUL
# becomes U+FFFD in a page), so a filter on such a text found nothing.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def invisible_problem(text: str) -> str | None:
    """What is wrong with `text` if it holds such a character; else None."""
    if found := BIDI_CONTROLS.search(text):
        char = found.group()
        return (f"character {found.start() + 1} is the invisible U+{ord(char):04X} {unicodedata.name(char)}, which "
                "changes the order in which text is shown; remove it (right-to-left text needs no such character)")
    if found := CONTROLS.search(text):
        return (f"character {found.start() + 1} is the control character U+{ord(found.group()):04X}, "
                "which cannot be seen; remove it")
    return None


def line_breaks(text: str) -> str:
    """Every line end, a CR alone too, as a LF: as Python's text mode reads a
    file (MkDocs's pages) and a browser reads a line break in a page."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def anchors(touchpoints: list) -> list[str]:
    """A stable anchor per touchpoint on its page: its `id`, else its label
    as a slug, made unique in the page by a number. The ids are taken first:
    a moment labelled 'Bellen' took 'tp-bellen' from a later one with that id."""
    seen = {tp.id for tp in touchpoints if tp.id}
    return [tp.id or unique(f"tp-{slugify(tp.label, empty='moment')[:60]}", seen) for tp in touchpoints]


def slugify(text: str, limit: int = 80, *, empty: str) -> str:
    """A name for ids, anchors, files and addresses: 'Oriëntatie & koop' ->
    'orientatie-koop'; `empty` for text with no Latin letter or digit
    ('البحث', '🔍'), which each caller names after what it names ('moment',
    'department'): a department in Arabic had the address owners/phase/.
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
