"""Text that YAML reads as a comment. In plain (unquoted) text, a space and
a '#' start a comment: 'quote: Melding #123 is nooit beantwoord' is the
quote 'Melding', and the rest is gone without a word. A '#' right before a
word or a number ('#123', '#2', '#hashtag') is taken as meant as text; a
comment written '# like this', with a space after the hash, as a comment.

Only the fields whose value is prose an editor writes are looked at (not
ids, enums, dates or numbers: 'score: 4 #guess' loses nothing), and only
in front-matter that has a hash before a word at all: most has none, and
then nothing is walked.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

import yaml

from .load import FrontMatter, shorten

# What follows a value that a comment cut short, to the end of its line (YAML also ends a line at U+2028 ...).
_COMMENT = re.compile("[ \t]+(#\\S[^\n\x85\u2028\u2029]*)")
_MEANT = re.compile(r"[ \t]+#(?:\s|$)")  # and a comment written as one after it: 'Bel #2  # het tweede'

# The text fields (model.py) of each part of the front-matter, and the lists of parts in it.
_TEXT = {
    "page": ("title", "description"),
    "journey": ("persona", "owner"),
    "phases": ("label",),
    "values": ("label",),
    "killers": ("label",),
    "touchpoints": ("label", "phase", "channel", "owner", "quote", "pain", "opportunity", "backstage"),
    "evidence": ("ref",),
}
_LISTS = {"journey": ("phases", "values", "killers", "touchpoints"), "touchpoints": ("evidence",)}


def cut_by_comments(front: FrontMatter) -> list[tuple[tuple, int, str]]:
    """(field path, line in the file, message) of each text field whose
    value a comment cut short, in the order they are written."""
    text = front.text
    if front.root is None or not _hash_before_a_word(text):
        return []
    found = []
    for loc, node in _texts(front.root, (), "page"):
        comment = _COMMENT.match(text, node.end_mark.index) if not node.style else None  # plain: no quotes, no |
        if comment is None:
            continue
        dropped = _MEANT.split(comment[1], 1)[0].rstrip()
        meant = node.value + text[node.end_mark.index : comment.start(1)] + dropped
        kept = f"so the text is '{shorten(node.value)}'" if node.value else "so the field is empty"
        found.append((loc, front.first_line + text.count("\n", 0, comment.start(1)),
                      f"'{shorten(dropped)}' is read as a YAML comment and left out, {kept}; "
                      f"put the whole text in quotes: {json.dumps(meant.strip(), ensure_ascii=False)}"))
    return found


def _hash_before_a_word(text: str) -> bool:
    """The quick test, before any walk: is there a '#' after a space or a tab
    and before a character that is not a space? (With str.find: a regular
    expression took 20 to 100 times as long on a journey of 20 moments.)"""
    at = text.find("#", 1)
    while at >= 0:
        after = text[at + 1 : at + 2]
        if text[at - 1] in " \t" and after and not after.isspace():
            return True
        at = text.find("#", at + 1)
    return False


def _texts(node: yaml.Node, loc: tuple, part: str) -> Iterator[tuple[tuple, yaml.ScalarNode]]:
    """(field path, node) of each text field of `node`, a `part` of the front-matter."""
    if part == "phases" and isinstance(node, yaml.ScalarNode):  # a phase given as its label
        yield loc, node
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        name = key.value
        if name in _TEXT[part] and isinstance(value, yaml.ScalarNode):
            yield loc + (name,), value
        elif part == "page" and name == "journey":
            yield from _texts(value, ("journey",), "journey")
        elif name in _LISTS.get(part, ()) and isinstance(value, yaml.SequenceNode):
            for n, item in enumerate(value.value):
                yield from _texts(item, loc + (name, n), name)
