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


# What makes Markdown of text, in Python-Markdown (with Material's usual
# extensions) and in GitHub's: emphasis, code, links and images, attribute
# lists ({: onclick=...}), headings' #, raw HTML and entities, strikes and
# ~~~ fences; and what GitHub and pymdownx.magiclink link in plain text:
# https:// and www. addresses, @mentions, #123 and e-mail addresses.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]!#&<>~]|:(?=//)|(?<=www)\.|(?<=[@#])(?=\w)", re.I)
# A character written as a reference is text to both (a backslash before '~'
# or ':' stays visible in Python-Markdown); the empty match after @ or # takes
# a zero-width joiner, which no mention or issue reference reads through.
_AS_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", ":": "&#58;", "": "\u200d"}
# A line opening with these is a list, a tab, a note or a definition.
_LINE_START = re.compile(r"[-+=?:|]|\d+[.)]")


def markdown_text(text: str) -> str:
    """Untrusted text as Markdown that shows it as written, on one line: no
    markup, no link, no mention."""
    text = visible(" ".join(text.split()))  # a line break could start a heading or a list
    text = _MARKDOWN.sub(lambda match: _AS_TEXT.get(match.group(), "\\" + match.group()), text)
    start = _LINE_START.match(text)
    if start:
        text = f"{text[: start.end() - 1]}&#{ord(text[start.end() - 1])};{text[start.end():]}"
    return text
