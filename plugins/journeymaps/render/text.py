"""Text width without fonts, and wrapping to a width.

The map is laid out before any browser sees it, so widths are estimated from
a per-character table. The table errs wide (it is at least as wide as DejaVu
Sans and Roboto, the fonts a reader is likely to have), so a label that fits
here fits on screen: wrapping early costs a line, overflowing would overlap.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NARROW = set("ijl.,:;'|!`·")
_SLIM = set("frt()[]{}/\\\"- ")
_WIDE = set("mwMW@%")


@lru_cache(maxsize=4096)
def char_em(char: str) -> float:
    """Estimated advance width of one character, in em."""
    if char in _NARROW:
        return 0.32
    if char in _SLIM:
        return 0.42
    if char in _WIDE:
        return 1.0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf") or char in "\u200b\u200c\u200d\ufeff":
        return 0.0  # combining marks, zero-width and bidi controls take no room
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.05
    if char.isupper() or char.isdigit():
        return 0.76 if char.isupper() else 0.66
    return 0.64


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of `text` at font size `size`."""
    return sum(char_em(c) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of `text` no wider than `width`; words longer than a line are
    broken, so nothing is ever cut off and nothing spills into a neighbour."""
    lines: list[str] = []
    current, used = "", 0.0  # the line being filled, and its width
    space = char_em(" ") * size
    for word in text.split():
        word_width = text_width(word, size)
        if current and used + space + word_width <= width:
            current, used = f"{current} {word}", used + space + word_width
            continue
        if current:
            lines.append(current)
        current, used = word, word_width
        if word_width <= width:
            continue
        current, used = "", 0.0  # a word too long for a line of its own is broken, with a hyphen
        hyphen = char_em("-") * size
        for char in word:
            advance = char_em(char) * size
            if current and used + advance + hyphen > width:
                lines.append(current + "-")
                current, used = "", 0.0
            current, used = current + char, used + advance
    if current or not lines:
        lines.append(current)
    return lines
