"""Broken input costs nothing but its own problem: each broken page gives
`path:line: field: message` lines and no traceback, the page is still built
(with the problems in place of the map), and every other page builds as usual.

How fast each is rejected is measured in benchmarks/ (`--only broken`)."""

from __future__ import annotations

import re

import pytest

from sites import build, make_site

PAYMENT = """
---
title: Betalen
journey:
  touchpoints:
    - {label: Factuur openen, score: 4}
---
"""

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)

# name: (file content, the problems expected, as (line, field, start of message))
BROKEN: dict[str, tuple[str | bytes, list[tuple[int, str, str]]]] = {
    "unparseable": ("---\ntitle: X\njourney:\n  touchpoints: [unclosed\n---\nTekst\n",  # the [ never closed
                    [(4, "front-matter", "YAML does not parse: did not find expected ',' or ']'")]),
    "unclosed-quote": ("---\ntitle: X\njourney:\n  persona: \"Stel dat\n  touchpoints: [{label: A}]\n---\n",
                       [(4, "front-matter",
                         "YAML does not parse: the \" that opens this value is never closed; close the quote")]),
    "colon-in-text": ("---\njourney:\n  touchpoints:\n    - label: Klant belt: waar is mijn pakket?\n---\n",
                      [(4, "front-matter", "YAML does not parse: a colon followed by a space inside plain text; "
                                           "put the text in quotes: label: \"Klant belt: waar is mijn pakket?\"")]),
    "tabs": ("---\njourney:\n\ttouchpoints: [{label: A}]\n---\n",
             [(3, "front-matter", "YAML does not parse: a tab character")]),
    "duplicate-keys": ("---\njourney:\n  persona: A\n  persona: B\n  touchpoints: [{label: A}]\n---\n",
                       [(4, "front-matter", "YAML does not parse: duplicate key 'persona'")]),
    "anchors": ("---\nx: &naam Klant\njourney:\n  persona: *naam\n  touchpoints: [{label: A}]\n---\n",
                [(2, "front-matter", "YAML does not parse: anchors and aliases (& and *) are not allowed")]),
    "alias-bomb": ("---\n" + BOMB + "journey:\n  persona: *i\n  touchpoints: [{label: A}]\n---\n",
                   [(2, "front-matter", "YAML does not parse: anchors and aliases (& and *) are not allowed")]),
    "huge": ("---\njourney:\n  touchpoints:\n" + "    - label: x\n" * 30000 + "---\n",
             [(2, "front-matter", "front-matter is 450,024 characters; the limit is 262,144")]),
    "deep": ("---\njourney:\n  persona: " + "[" * 5000 + "]" * 5000 + "\n  touchpoints: [{label: A}]\n---\n",
             [(3, "front-matter", "YAML is nested too deeply")]),  # the line where it nests
    "wrong-types": ("---\njourney:\n  persona: [a, b]\n  shape: 3\n  phases: {a: b}\n  touchpoints:\n"
                    "    - label: {x: 1}\n      score: veel\n      evidence: yes\n---\n", [
                        (3, "journey.persona", "expected text, got a list"),
                        (4, "journey.shape", "expected one of timeline, cycle, got the number 3"),
                        (5, "journey.phases", "expected a list of phases or a preset: ten-phases, got a mapping"),
                        (7, "journey.touchpoints[0].label", "expected text, got a mapping"),
                        (8, "journey.touchpoints[0].score", "expected a number, got the text 'veel'"),
                        (9, "journey.touchpoints[0].evidence", "expected a list, got 'true' (yes/no)"),
                    ]),
    "not-utf8": (b"---\njourney:\n  persona: caf\xe9\n  touchpoints: [{label: A}]\n---\n",
                 [(3, "file", "is not UTF-8 text (byte 0xe9); save the file as UTF-8")]),
    "journey-empty": ("---\njourney:\n---\nTekst\n",
                      [(2, "journey", "expected a mapping of journey fields, got an empty value")]),
    "journey-text": ("---\njourney: hallo\n---\n",
                     [(2, "journey", "expected a mapping of journey fields, got the text 'hallo'")]),
    "journey-list": ("---\njourney: [a, b]\n---\n",
                     [(2, "journey", "expected a mapping of journey fields, got a list")]),
    "never-closed": ("---\ntitle: A\njourney:\n  touchpoints: [{label: A}]\n\nTekst\n",
                     [(1, "front-matter", "starts with --- but no line --- closes it")]),
    # A closing line with a dash too many or too few (or a dash a word processor made long): named where it is.
    "closed-with-four-dashes": ("---\ntitle: A\njourney:\n  touchpoints: [{label: A}]\n----\nTekst\n",
                                [(5, "front-matter", "'----' does not close the front-matter; write --- (three "
                                  "dashes) on this line")]),
    # Not closed, with a rule in its text: that line is not what it forgot.
    "never-closed-rule-below": ("---\ntitle: A\njourney:\n  touchpoints: [{label: A}]\n\nTekst\n\nKop\n-------\n",
                                [(1, "front-matter", "starts with --- but no line --- closes it")]),
    "closed-with-a-long-dash": ("---\ntitle: A\njourney:\n  touchpoints: [{label: A}]\n—\nTekst\n",
                                [(5, "front-matter", "'—' does not close the front-matter")]),
    "blank-line-above": ("\n---\ntitle: A\njourney:\n  touchpoints: [{label: A}]\n---\nTekst\n",  # showed as text
                         [(2, "front-matter", "the --- that opens it must be the first line of the page")]),
    "line-separator": ("---\njourney:\n  persona: \"Stel\u2028dat\"\n"
                       "  touchpoints:\n    - {label: A, emotion: hapy}\n---\n",
                       [(5, "journey.touchpoints[0].emotion", "'hapy' is not one of")]),  # YAML counts U+2028 as a line
    # Saved with a CR alone at each line's end (old Mac editors): MkDocs reads it as lines, and so do the checks.
    "old-mac-line-ends": (b"---\rtitle: CR\rjourney:\r  touchpoints:\r    - {label: A, emotion: hapy}\r---\r",
                          [(5, "journey.touchpoints[0].emotion", "'hapy' is not one of")]),
    "reorders-text": ("---\njourney:\n  touchpoints: [{label: \"Betalen\\u202e\"}]\n---\n",
                      [(3, "journey.touchpoints[0].label",
                        "character 8 is the invisible U+202E RIGHT-TO-LEFT OVERRIDE")]),
}
# Not broken at all: these are ordinary pages.
FINE = {
    "empty-front-matter": "---\n---\n# Leeg\n",
    "front-matter-list": "---\n- journey\n- b\n---\nTekst\n",
    "byte-order-mark": "\ufeff---\ntitle: Met BOM\njourney:\n  touchpoints: [{label: A, score: 3}]\n---\n",
    "windows-newlines": "---\r\ntitle: CRLF\r\njourney:\r\n  touchpoints: [{label: A, score: 3}]\r\n---\r\n",
    "old-mac-newlines": "---\rtitle: CR\rjourney:\r  touchpoints: [{label: A, score: 3}]\r---\r",
}
LINE = re.compile(r"^WARNING +- +journeymaps: (docs/[\w-]+\.md):(\d+): (\S+): (.+)$", re.M)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    make_site(root, {"index.md": "# Start\n", "betalen.md": PAYMENT, **{f"{n}.md": t for n, t in FINE.items()}})
    for name, (content, _) in BROKEN.items():
        path = root / "docs" / f"{name}.md"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture(scope="module")
def plain_build(broken_site):
    return build(broken_site, strict=False)


def test_each_broken_page_gives_its_own_one_line_problems_and_nothing_else(plain_build):
    result = plain_build
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output and "ERROR" not in result.output
    reported = {}
    for path, line, field, message in LINE.findall(result.output):
        reported.setdefault(path, []).append((int(line), field, message))
    assert sorted(reported) == sorted(f"docs/{name}.md" for name in BROKEN)
    for name, (_, expected) in BROKEN.items():
        got = reported[f"docs/{name}.md"]
        assert [(line, field) for line, field, _ in got] == [(line, field) for line, field, _ in expected], name
        assert all(message.startswith(start) for (_, _, message), (_, _, start) in zip(got, expected)), (name, got)


def test_no_page_is_lost_and_good_maps_still_draw(plain_build):
    result = plain_build
    for name in BROKEN:
        assert "Deze klantreiskaart bevat fouten" in result.html(f"{name}/index.html"), name
    for name in ("betalen", "byte-order-mark", "windows-newlines", "old-mac-newlines"):
        assert 'class="jm-map' in result.html(f"{name}/index.html"), name
    assert "Met BOM" in result.html("byte-order-mark/index.html")
    # Front-matter MkDocs could not read was shown below the problems as text (its last line a heading).
    for name in ("unparseable", "unclosed-quote", "colon-in-text", "tabs"):
        assert "touchpoints:" not in result.html(f"{name}/index.html"), name
    assert "Tekst" in result.html("unparseable/index.html")  # the page's own text stays
    assert "# Leeg" not in result.html("empty-front-matter/index.html")


def test_strict_build_fails_on_the_same_problems(broken_site, plain_build):
    result = build(broken_site, strict=True)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert len(LINE.findall(result.output)) == sum(len(expected) for _, expected in BROKEN.values())
