"""Validation: every error kind gives one line naming file, line, field and the fix."""

from __future__ import annotations

import json
import textwrap

import pytest

from journeymaps.model import Killer
from journeymaps.plain import Glossary, check_plain
from journeymaps.score import score_journey
from journeymaps.validate import Site, check_page

PATH = "content/journeys/test.md"


def page(front_matter: str) -> str:
    return "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\nBody text.\n"


def problems(front_matter: str, site: Site = Site(language="nl")) -> list[str]:
    checked = check_page(page(front_matter), path=PATH, src_uri="journeys/test.md", site=site)
    assert checked is not None
    return [str(p) for p in checked.problems]


MINIMAL = """
title: T
journey:
  touchpoints:
    - label: Bellen
"""


def test_phases_in_any_script_or_as_numbers_are_labels():
    # Labels without a Latin letter all had the id 'phase': "duplicate id".
    checked = check_page(page("""
        title: T
        journey:
          phases: ["البحث", "الشراء", 🔍, 1, 2026]
          touchpoints:
            - {label: a, phase: "الشراء"}
            - {label: b, phase: 🔍}
            - {label: c, phase: 1}
            - {label: d, phase: 2026}
    """), path=PATH, src_uri="journeys/test.md")
    assert checked.ok, [str(p) for p in checked.problems]
    journey = checked.journey
    assert [(p.id, p.label) for p in journey.phases] == [
        ("phase-1", "البحث"), ("phase-2", "الشراء"), ("phase-3", "🔍"), ("1", "1"), ("2026", "2026")]
    assert [journey.phase_index(tp) for tp in journey.touchpoints] == [1, 2, 3, 4]


def test_a_phase_named_by_an_id_that_is_also_another_phases_label_is_the_phase_with_that_id():
    # The format: a touchpoint's phase is "phase id or label". 'phase: b' went to the phase labelled b, not to
    # the phase whose id is b.
    checked = check_page(page("""
        journey:
          phases: [{id: a, label: b}, {id: b, label: Betalen}]
          touchpoints:
            - {label: X, phase: b}
            - {label: Y, phase: Betalen}
    """), path=PATH, src_uri="journeys/test.md")
    assert checked.ok, [str(p) for p in checked.problems]
    journey = checked.journey
    assert [(tp.phase, journey.phase_index(tp)) for tp in journey.touchpoints] == [("b", 1), ("b", 1)]


def test_times_are_text_as_written():
    # YAML 1.1 reads 14:00 as 840 (base 60): the map said "840".
    checked = check_page(page("""
        title: T
        journey:
          owner: 9:30
          touchpoints:
            - {label: 10:30, channel: 14:00, owner: 1:2:3, score: 3}
    """), path=PATH, src_uri="journeys/test.md")
    assert checked.ok, [str(p) for p in checked.problems]
    journey = checked.journey
    assert (journey.owner, journey.touchpoints[0].label, journey.touchpoints[0].channel) == ("9:30", "10:30", "14:00")
    assert journey.touchpoints[0].owner == "1:2:3" and journey.touchpoints[0].score == 3


def test_the_pages_title_description_and_tags_hold_no_direction_controls():
    found = problems("""
        title: "abc\u202egnp.exe"
        description: "ok"
        tags: [gewoon, "x\u2066y"]
        journey:
          touchpoints:
            - label: A
    """)
    assert found == [
        "content/journeys/test.md:2: title: character 4 is the invisible U+202E RIGHT-TO-LEFT OVERRIDE, which changes "
        "the order in which text is shown; remove it (right-to-left text needs no such character)",
        "content/journeys/test.md:4: tags[1]: character 2 is the invisible U+2066 LEFT-TO-RIGHT ISOLATE, which changes "
        "the order in which text is shown; remove it (right-to-left text needs no such character)",
    ]


def test_dates_are_days_on_the_calendar_and_a_year_may_be_a_number():
    found = problems("""
        journey:
          updated: 0
          touchpoints:
            - label: A
              evidence: [{kind: survey, date: 2026}, {kind: survey, date: 2026-02-30}, {kind: survey, date: 2026-02-28}]
    """)
    assert found == [
        "content/journeys/test.md:3: journey.updated: 0 is not a date; expected a date like 2026-11-01",
        "content/journeys/test.md:6: journey.touchpoints[0].evidence[1].date: '2026-02-30' is not a day on the "
        "calendar; expected a date like 2026-09-30, a month like 2026-09 or a year like 2026",
    ]
    assert problems('journey:\n  updated: "0"\n  touchpoints: [{label: A}]') == [
        "content/journeys/test.md:3: journey.updated: 0 is not a date; expected a date like 2026-11-01"]


def test_keys_are_named_as_written():
    # YAML 1.1 reads the key `on` as true and `null` as None: the message named
    # 'touchpoints[0][1]: Keys should be strings' on the line above.
    found = problems("""
        journey:
          touchpoints:
            - label: A
              on: x
              null: z
    """)
    assert [p.split(": unknown field")[0] for p in found] == [
        "content/journeys/test.md:5: journey.touchpoints[0].on",
        "content/journeys/test.md:6: journey.touchpoints[0].null"]


def test_control_characters_are_refused_and_line_breaks_read_as_a_browser_does():
    # A browser reads NUL as U+FFFD and CR as LF in a page: a filter on such
    # an owner matched no journey.
    found = problems("""
        journey:
          touchpoints:
            - {label: A, owner: "Team\\0X"}
    """)
    assert found == ["content/journeys/test.md:4: journey.touchpoints[0].owner: character 5 is the control character "
                     "U+0000, which cannot be seen; remove it"]
    checked = check_page(page("""
        journey:
          touchpoints:
            - {label: "Wachten\\rop\\r\\npost", owner: "Team\\rX"}
    """), path=PATH, src_uri="journeys/test.md")
    assert checked.ok and checked.journey.touchpoints[0].label == "Wachten\nop\npost"
    assert checked.journey.touchpoints[0].owner == "Team\nX"


def test_minimal_journey_is_valid_with_defaults():
    checked = check_page(page(MINIMAL), path=PATH, src_uri="journeys/test.md")
    assert checked.ok
    journey = checked.journey
    assert (journey.shape, journey.status, journey.phases) == ("timeline", "as-is", [])
    assert journey.touchpoints[0].label == "Bellen"


def test_a_weight_is_any_positive_number():
    # The format: "weight a positive number". 1001 was refused as "out of range: expected a positive number".
    checked = check_page(page("""
        journey:
          values: [{id: snel, label: Snel, weight: 1001}, {id: zeker, label: Zeker, weight: 1.0e+308}]
          touchpoints:
            - {label: A, scores: {snel: 5, zeker: 5}}
    """), path=PATH, src_uri="journeys/test.md")
    assert checked.ok, [str(p) for p in checked.problems]
    assert score_journey(checked.journey).moments[0].score == 5.0  # in floats, 1e308 * 5 made inf, and the mean nan


def test_page_without_journey_is_not_checked():
    assert check_page(page("title: Gewoon een pagina"), path=PATH, src_uri="x.md") is None
    assert check_page("No front-matter at all", path=PATH, src_uri="x.md") is None


def test_format_document_example_validates(format_example):
    checked = check_page(format_example, path=PATH, src_uri="journeys/test.md")
    assert checked.problems == []
    journey = checked.journey
    assert [p.id for p in journey.phases] == ["reserveren", "ontvangst", "diner", "afrekenen"]
    # touchpoint phases are normalised to ids, whether given as id or label
    assert [tp.phase for tp in journey.touchpoints] == ["reserveren", "diner", "afrekenen"]
    assert journey.touchpoints[2].killer == ["hygiene"]
    assert journey.values[1].weight == 1.0
    assert journey.touchpoints[0].evidence[0].date == "2026-09"


CASES = [
    (  # enum with a suggestion, the format document's own example
        """
        journey:
          touchpoints:
            - label: A
              emotion: hapy
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].emotion: 'hapy' is not one of angry, disappointed, "
        "indifferent, happy (did you mean 'happy'?)",
    ),
    (  # unknown field with a suggestion
        """
        journey:
          persna: Iemand
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.persna: unknown field 'persna' (did you mean 'persona'?); "
        "expected one of: persona, owner, shape, status, updated, baseline, phases, values, killers, touchpoints",
    ),
    (  # unknown touchpoint field
        """
        journey:
          touchpoints:
            - label: A
              chanel: web
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].chanel: unknown field 'chanel' (did you mean 'channel'?); "
        "expected one of: label, id, phase, channel, owner, emotion, score, scores, killer, evidence, quote, pain, "
        "opportunity, backstage, related",
    ),
    (  # score out of range
        """
        journey:
          touchpoints:
            - label: A
              score: 6
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].score: 6 is out of range: expected a number from 1 to 5",
    ),
    (  # score of the wrong type
        """
        journey:
          touchpoints:
            - label: A
              score: goed
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].score: expected a number, got the text 'goed'",
    ),
    (  # score together with scores
        """
        journey:
          values: [{id: snel, label: Snelheid}]
          touchpoints:
            - label: A
              score: 4
              scores: {snel: 3}
        """,
        "content/journeys/test.md:7: journey.touchpoints[0].scores: 'score' and 'scores' exclude each other; "
        "give one of them",
    ),
    (  # empty touchpoint list
        """
        journey:
          persona: Iemand
          touchpoints: []
        """,
        "content/journeys/test.md:4: journey.touchpoints: at least one touchpoint is required",
    ),
    (  # missing touchpoints
        """
        journey:
          persona: Iemand
        """,
        "content/journeys/test.md:2: journey.touchpoints: required field is missing; expected a list of at least one "
        "touchpoint, each with a label",
    ),
    (  # what would be valid for a missing kind of evidence, or a phase's id
        """
        journey:
          touchpoints:
            - {label: A, evidence: [{n: 3}]}
        """,
        "content/journeys/test.md:4: journey.touchpoints[0].evidence[0].kind: required field is missing; expected one "
        "of survey, interview, observation, analytics, complaints, usability-test, assumption",
    ),
    (
        """
        journey:
          phases: [{label: Aanvragen}]
          touchpoints:
            - {label: A, phase: Aanvragen}
        """,
        "content/journeys/test.md:3: journey.phases[0].id: required field is missing; a phase is {id, label}, or its "
        "label alone (its id is then its slug)",
    ),
    (  # missing label
        """
        journey:
          touchpoints:
            - channel: web
        """,
        "content/journeys/test.md:4: journey.touchpoints[0].label: required field is missing",
    ),
    (  # undefined phase with a suggestion
        """
        journey:
          phases: [Oriëntatie, Aanvraag]
          touchpoints:
            - label: A
              phase: aanvrag
        """,
        "content/journeys/test.md:6: journey.touchpoints[0].phase: 'aanvrag' is not a phase of this journey; "
        "expected one of: orientatie, aanvraag (did you mean 'aanvraag'?)",
    ),
    (  # phase missing where phases exist
        """
        journey:
          phases: [Oriëntatie, Aanvraag]
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].phase: required when the journey has phases; "
        "expected one of: orientatie, aanvraag",
    ),
    (  # phase without phases
        """
        journey:
          touchpoints:
            - label: A
              phase: Begin
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].phase: 'Begin' is not a phase: this journey has no phases",
    ),
    (  # undefined value id
        """
        journey:
          values: [{id: snel, label: Snelheid}]
          touchpoints:
            - label: A
              scores: {snell: 3}
        """,
        "content/journeys/test.md:6: journey.touchpoints[0].scores.snell: 'snell' is not a value of this journey; "
        "expected one of: snel (did you mean 'snel'?)",
    ),
    (  # undefined killer id
        """
        journey:
          killers: [{id: datalek, label: Datalek}]
          touchpoints:
            - label: A
              killer: [datalek, onbeleefd]
        """,
        "content/journeys/test.md:6: journey.touchpoints[0].killer[1]: 'onbeleefd' is not a killer of this journey; "
        "expected one of: datalek",
    ),
    (  # duplicate ids
        """
        journey:
          touchpoints:
            - label: A
              id: bellen
            - label: B
              id: bellen
        """,
        "content/journeys/test.md:7: journey.touchpoints[1].id: duplicate id 'bellen'; already used on line 4",
    ),
    (  # duplicate phase ids from labels
        """
        journey:
          phases: [Start, start]
          touchpoints:
            - label: A
              phase: start
        """,
        "content/journeys/test.md:3: journey.phases[1]: 'start' is the same phase as the one on line 3 "
        "(names are compared without case and punctuation); give each its own name",
    ),
    (  # an invalid id
        """
        journey:
          touchpoints:
            - label: A
              id: Eerste Contact
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].id: 'Eerste Contact' is not a valid id; "
        "use lowercase letters, digits and hyphens, e.g. 'eerste-contact'",
    ),
    (  # wrong shape
        """
        journey:
          shape: circle
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.shape: 'circle' is not one of timeline, cycle (did you mean 'cycle'?)",
    ),
    (  # an unknown preset
        """
        journey:
          phases: ten-phase
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.phases: 'ten-phase' is not a preset; expected a list of phases or one of: "
        "ten-phases (did you mean 'ten-phases'?)",
    ),
    (  # evidence kind
        """
        journey:
          touchpoints:
            - label: A
              evidence: [{kind: enquete, n: 10}]
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].evidence[0].kind: 'enquete' is not one of "
        "survey, interview, observation, analytics, complaints, usability-test, assumption "
        "(values are written in English: 'survey')",
    ),
    (  # a javascript: ref
        """
        journey:
          touchpoints:
            - label: A
              evidence: [{kind: survey, ref: "javascript:alert(1)"}]
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].evidence[0].ref: 'javascript:alert(1)' is not allowed; "
        "a ref is a citation, an http(s) link or a relative link",
    ),
    (  # an impossible date
        """
        journey:
          updated: 2026-13-01
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.updated: '2026-13-01' is not a date; expected a date like 2026-11-01",
    ),
    (  # wrong type for a list
        """
        journey:
          touchpoints:
            label: A
        """,
        "content/journeys/test.md:3: journey.touchpoints: expected a list, got a mapping; start each item on its "
        "own line with '- '",
    ),
    (  # journey not a mapping
        """
        journey: [1, 2]
        """,
        "content/journeys/test.md:2: journey: expected a mapping of journey fields, got a list",
    ),
    (  # a related page that does not exist
        """
        journey:
          touchpoints:
            - label: A
              related: bestaat-niet.md
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].related: 'bestaat-niet.md' does not exist "
        "(looked for journeys/bestaat-niet.md)",
    ),
    (  # a related link that is not a page
        """
        journey:
          touchpoints:
            - label: A
              related: "javascript:alert(1)"
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].related: 'javascript:alert(1)' is not a page of this site; "
        "expected a relative path to a .md page, e.g. other-journey.md",
    ),
    (  # one killer id, or a list of them
        """
        journey:
          killers: [{id: datalek, label: Datalek}]
          touchpoints:
            - {label: A, killer: {id: datalek}}
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].killer: expected a killer id or a list of them, "
        "got a mapping",
    ),
    (  # a list of phases, or a preset
        """
        journey:
          phases: 10
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.phases: expected a list of phases or a preset: ten-phases, "
        "got the number 10",
    ),
    (  # a weight that is no number to weigh with
        """
        journey:
          values: [{id: snel, label: Snel, weight: .inf}]
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.values[0].weight: inf is not a finite number; expected a positive number",
    ),
    (  # a space copied along with a word: the message had shown 'happy' as not one of ... happy
        """
        journey:
          touchpoints:
            - label: A
              emotion: "happy\u00a0"
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].emotion: 'happy' has a space or an invisible character "
        "before or after it; remove it",
    ),
    (  # a field left empty: the message had said 'None'
        """
        journey:
          shape:
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.shape: expected one of timeline, cycle, got an empty value",
    ),
    (  # a count with a thousands separator: the advice had been 1.200, a number of people that is no count
        """
        journey:
          touchpoints:
            - label: A
              evidence: [{kind: survey, n: 1,200}]
        """,
        "content/journeys/test.md:5: journey.touchpoints[0].evidence[0].n: 1,200 is read as 1 and a field '200'; "
        "write the number without a separator: 1200",
    ),
    (  # a misspelt preset: its moments' phases had each been reported as 'this journey has no phases'
        """
        journey:
          phases: ten-phase
          touchpoints:
            - {label: A, phase: usage}
        """,
        "content/journeys/test.md:3: journey.phases: 'ten-phase' is not a preset; expected a list of phases or one "
        "of: ten-phases (did you mean 'ten-phases'?)",
    ),
    (  # no space after the dash: one field named '-label', and the line of the dash
        """
        journey:
          touchpoints:
            -label: A
        """,
        "content/journeys/test.md:4: journey.touchpoints: put a space after the - that starts a list item, "
        "e.g. '- label: ...'",
    ),
    (  # phases written the same way: one text, '-A -B'
        """
        journey:
          phases:
            -A
            -B
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:3: journey.phases: put a space after the - that starts each phase, e.g. '- A'",
    ),
    (  # a title in brackets is a list, which the catalogue showed as ['a', 'b']
        """
        title: [Verhuizen, doorgeven]
        journey:
          touchpoints:
            - label: A
        """,
        "content/journeys/test.md:2: title: expected text, got a list; put it in quotes if it starts with [ or {",
    ),
]


@pytest.mark.parametrize("front_matter, expected", CASES,
                         ids=[c[1].split(": ")[1] + f"#{i}" for i, c in enumerate(CASES)])
def test_each_error_kind_is_one_precise_line(front_matter, expected):
    site = Site(language="nl", page_exists={"journeys/test.md", "journeys/andere.md"}.__contains__)
    assert problems(front_matter, site) == [expected]


YAML_CASES = [
    ("title: [unclosed\njourney:\n  touchpoints: []", "content/journeys/test.md:2: front-matter: YAML does not parse"),
    ("journey:\n\ttouchpoints: []",
     "content/journeys/test.md:3: front-matter: YAML does not parse: a tab character; indent with spaces"),
    ("journey:\n  persona: A\n  persona: B\n  touchpoints: [{label: x}]",
     "content/journeys/test.md:4: front-matter: YAML does not parse: duplicate key 'persona': "
     "each field may appear only once"),
    ("x: &a [1]\njourney:\n  persona: *a\n  touchpoints: [{label: x}]",
     "content/journeys/test.md:2: front-matter: YAML does not parse: anchors and aliases (& and *) are not allowed"),
]


@pytest.mark.parametrize("front_matter, expected_start", YAML_CASES)
def test_broken_yaml_names_its_line(front_matter, expected_start):
    text = "---\n" + front_matter + "\n---\n"
    checked = check_page(text, path=PATH, src_uri="journeys/test.md")
    assert len(checked.problems) == 1
    assert str(checked.problems[0]).startswith(expected_start)
    assert "\n" not in str(checked.problems[0])


NOT_CLOSED = 'the " that opens this value is never closed; close the quote at the end of the value'
AFTER_QUOTE = ("text after a closing quote; put the quotes around the whole value, "
               "and check that every quote above is closed")
# The line of the value that breaks, and what to write instead.
YAML_HINTS = [
    ('journey:\n  owner: Team\n  persona: "Stel dat\n  touchpoints:\n    - label: A', 4, NOT_CLOSED),
    ("journey:\n  touchpoints:\n    - {label: 'Bellen, score: 3}\n    - {label: B}", 4, NOT_CLOSED.replace('"', "'")),
    ('journey:\n  persona: "Stel dat\n  touchpoints:\n    - label: "A"', 5, AFTER_QUOTE),
    ('journey:\n  persona: "Stel" dat viert\n  touchpoints: [{label: A}]', 3, AFTER_QUOTE),
    ("journey:\n  touchpoints:\n    - label: Klant belt: waar is mijn pakket?\n      score: 2", 4,
     'a colon followed by a space inside plain text; put the text in quotes: '
     'label: "Klant belt: waar is mijn pakket?"'),
    ('journey:\n  touchpoints:\n    - quote: Hij zei: "nee"', 4,
     'a colon followed by a space inside plain text; put the text in quotes: quote: "Hij zei: \\"nee\\""'),
    # The line where the colon is missing, and its name and value as they would be with it.
    ("journey:\n  persona Klant\n  touchpoints: [{label: A}]", 3,
     "no colon after the field name 'persona'; write persona: Klant"),
    ("journey:\n  owner: Team\n  persona Jonge ouder\n  touchpoints:\n    - label: A", 4,
     "no colon after the field name 'persona'; write persona: Jonge ouder"),
    ("journey:\n  persona: Klant\n   touchpoints:\n    - label: A", 4,  # its name once, colon and all
     "'touchpoints:' is read as more of the text on the line above; give each field its own line, lined up with "
     "the fields next to it, with a colon after its name"),
    ("journey:\n  touchpoints:\n    - {label: A, score: 3\n    - {label: B}\n  owner: Team", 4,
     "did not find expected ',' or '}'"),  # the line of the { never closed, not of the end
    ("journey:\n  touchpoints:\n    - {label: A,\n       pain: Stap #2 faalt, score: 3}", 5,
     "a space and a # start a YAML comment, even in braces or brackets, and the rest of the line is left out; "
     'put the text in quotes: pain: "Stap #2 faalt"'),
    ("journey:\n  touchpoints:\n    - label: @gemeente reageert niet", 4,
     "plain text cannot start with '@'; put the text in quotes: label: \"@gemeente reageert niet\""),
    ("journey:\n  touchpoints:\n    - label: A\n      pain: - niets werkt", 5,
     "plain text cannot start with '-'; put the text in quotes: pain: \"- niets werkt\""),
    ("journey:\n  touchpoints:\n    - {label: '@gemeente', score: 3}\n    - {label: @balie, score: 2}", 5,
     "plain text cannot start with '@'; put the text in quotes: label: \"@balie\""),  # that value, not the line
    ('journey:\n  touchpoints:\n    - {label: "Stap #1", pain: Stap #2 faalt, score: 3}\n    - {label: B}', 4,
     "a space and a # start a YAML comment, even in braces or brackets, and the rest of the line is left out; "
     'put the text in quotes: pain: "Stap #2 faalt"'),  # not the '#' inside quotes
    ("journey:\n  touchpoints:\n    - {label: A, #eerste\n       score: 3\n    - {label: B}", 4,
     "did not find expected ',' or '}'"),  # a comment that cut off no bracket: the brace is never closed
    ("journey:\n  touchpoints:\n    - label: A\n      pain: !!python/object:os.system ls", 5,
     "'!!python/object:os.system' is a YAML tag, which a journey does not use; remove it, or quote the text"),
]


@pytest.mark.parametrize("front_matter, line, message", YAML_HINTS, ids=[
    "quote", "quote-in-braces", "quote-closed-later", "text-after-quote", "colon", "colon-and-quotes", "no-colon",
    "no-colon-two-words", "indented-too-far",
    "brace", "hash-in-braces", "at-sign", "dash", "at-sign-in-braces", "hash-after-quoted-hash", "comment-no-bracket",
    "tag"])
def test_broken_yaml_names_the_line_of_the_broken_value_and_how_to_mend_it(front_matter, line, message):
    (problem,) = check_page("---\n" + front_matter + "\n---\n", path=PATH, src_uri="journeys/test.md").problems
    assert str(problem) == f"{PATH}:{line}: front-matter: YAML does not parse: {message}"


def test_yaml_hints_read_pyyamls_words_too():
    # Without libyaml, PyYAML says "found character '@' that cannot start any token".
    import yaml

    from journeymaps.load import _yaml_problem

    text = "journey:\n  touchpoints:\n    - label: @balie\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.SafeLoader(text).get_single_node()
    assert "found character '@'" in caught.value.problem
    hint = _yaml_problem(caught.value, text)[1]
    assert hint == "plain text cannot start with '@'; put the text in quotes: label: \"@balie\""


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"], ids=["U+2028", "U+2029", "U+0085", "CR"])
def test_lines_are_counted_as_an_editor_shows_them(separator):
    # YAML breaks lines at these too, where an editor shows one line: every later line was one too far.
    journey = f'journey:\n  persona: "Stel{separator}dat"\n  touchpoints:\n    - {{label: touchpoint, emotion: hapy}}\n'
    checked = check_page(f"---\n{journey}---\nEen{separator}touchpoint\n", path=PATH, src_uri="journeys/test.md")
    assert [(p.line, p.field) for p in checked.problems] == [(5, "journey.touchpoints[0].emotion")]
    hints = check_plain(checked.lines, checked.body, path=PATH, glossary=Glossary.for_site("en"),
                        body_line=checked.body_line)
    assert [(p.line, p.field) for p in hints] == [(5, "journey.touchpoints[0].label"), (7, "body")]
    broken = check_page(f"---\n{journey}\tscore: 3\n---\n", path=PATH, src_uri="journeys/test.md").problems
    assert [(p.line, p.message) for p in broken] == [(6, "YAML does not parse: a tab character; indent with spaces")]
    # Windows line ends are one line each, as everywhere.
    crlf = check_page(f"---\n{journey}---\n".replace("\n", "\r\n"), path=PATH, src_uri="journeys/test.md")
    assert [p.line for p in crlf.problems] == [5]


def test_front_matter_size_is_capped():
    text = "---\njourney:\n  touchpoints:\n" + "    - label: x\n" * 30000 + "---\n"
    (problem,) = check_page(text, path=PATH, src_uri="journeys/test.md").problems
    assert "the limit is 262,144" in problem.message


def test_all_problems_are_reported_not_only_the_first():
    found = problems(
        """
        journey:
          shape: ring
          touchpoints:
            - label: A
              emotion: blij
              scores: {x: 3}
        """
    )
    assert [p.split(": ")[1] for p in found] == [
        "journey.shape",
        "journey.touchpoints[0].emotion",
        "journey.touchpoints[0].scores.x",
    ]


def test_related_page_that_exists_is_accepted():
    site = Site(page_exists={"journeys/andere.md"}.__contains__)
    assert problems("journey:\n  touchpoints:\n    - {label: A, related: andere.md}", site) == []
    assert problems("journey:\n  touchpoints:\n    - {label: A, related: ../journeys/andere.md}", site) == []


def test_ten_phases_preset_follows_language():
    text = page("journey:\n  phases: ten-phases\n  touchpoints:\n    - {label: A, phase: Oriëntatie}")
    dutch = check_page(text, path=PATH, src_uri="t.md", site=Site(language="nl")).journey
    assert [p.label for p in dutch.phases][:3] == ["Latente behoefte", "Concrete behoefte", "Oriëntatie"]
    assert dutch.touchpoints[0].phase == "orientation"
    english = check_page(text.replace("Oriëntatie", "orientation"), path=PATH, src_uri="t.md",
                         site=Site(language="en")).journey
    assert [p.label for p in english.phases][-1] == "Ambassador"
    assert len(english.phases) == 10


def test_site_wide_killers_are_available():
    site = Site(killers=(Killer(id="datalek", label="Datalek"),))
    text = page("journey:\n  touchpoints:\n    - {label: A, killer: datalek}")
    journey = check_page(text, path=PATH, src_uri="t.md", site=site).journey
    assert [k.id for k in journey.killers] == ["datalek"]
    assert problems("journey:\n  touchpoints:\n    - {label: A, killer: datalek}") == [
        "content/journeys/test.md:4: journey.touchpoints[0].killer: 'datalek' is not a killer of this journey; "
        "this journey defines no killers"
    ]


def test_a_killer_of_the_journey_and_of_the_site_is_offered_once():
    site = Site(killers=(Killer(id="datalek", label="Datalek"),))
    text = page("journey:\n  killers: [{id: datalek, label: Lek}]\n  touchpoints:\n    - {label: A, killer: data-lek}")
    assert [str(p) for p in check_page(text, path=PATH, src_uri="t.md", site=site).problems] == [
        "content/journeys/test.md:5: journey.touchpoints[0].killer: 'data-lek' is not a killer of this journey; "
        "expected one of: datalek (did you mean 'datalek'?)"
    ]


@pytest.mark.parametrize("fields", ["score: null, scores: {snel: 3}", "score: 3, scores: null", "score: 3, scores: {}"])
def test_score_and_scores_exclude_each_other_only_when_both_hold_a_value(fields):
    text = "journey:\n  values: [{id: snel, label: Snel}]\n  touchpoints:\n    - {label: A, " + fields + "}"
    assert problems(text) == []


def _documented_examples():
    """Every journey example in the project's own docs."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for doc in ("README.md", "content/formaat.md"):
        for block in re.findall(r"```(?:yaml|markdown)\n(.*?)```", (root / doc).read_text(encoding="utf-8"), re.S):
            if "journey:" in block:
                yield pytest.param(block, id=doc)


@pytest.mark.parametrize("text", list(_documented_examples()))
def test_documented_examples_validate(text):
    checked = check_page(text, path="example.md", src_uri="example.md", site=Site(language="nl"))
    assert checked is not None and checked.problems == []


@pytest.mark.parametrize("ref", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
])
def test_refs_that_a_browser_would_run_or_open_as_another_scheme_are_refused(ref):
    (problem,) = problems(f"""
        journey:
          touchpoints:
            - label: A
              evidence: [{{kind: survey, ref: {json.dumps(ref)}}}]
        """)
    assert problem.startswith("content/journeys/test.md:5: journey.touchpoints[0].evidence[0].ref: ")
    assert problem.endswith("is not allowed; a ref is a citation, an http(s) link or a relative link")


@pytest.mark.parametrize("ref", [
    "https://intranet.example/rapport", "HTTP://X.TEST/", "../rapporten/enquete.pdf", "Rapport: klantpanel 2026",
    "Klantpanel, verslag 12", "javascript: alert(1) (a citation: only http(s) refs become links)",
])
def test_citations_http_links_and_relative_links_are_refs(ref):
    assert problems(f"""
        journey:
          touchpoints:
            - label: A
              evidence: [{{kind: survey, ref: {json.dumps(ref)}}}]
        """) == []


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                  "\u2066", "\u2067", "\u2068", "\u2069"])
def test_invisible_characters_that_reorder_text_are_refused(char):
    (problem,) = problems(f"""
        journey:
          touchpoints:
            - label: {json.dumps("Betalen" + char + "gnalrev")}
        """)
    assert problem.startswith("content/journeys/test.md:4: journey.touchpoints[0].label: "
                              f"character 8 is the invisible U+{ord(char):04X} ")
    assert problem.endswith("remove it (right-to-left text needs no such character)")


def test_right_to_left_text_zero_width_characters_and_marks_are_fine():
    assert problems("""
        journey:
          persona: "مقيم جديد في المدينة\u200f"
          touchpoints:
            - label: "zero\u200bwidth\u200djoiner\u200ewith marks\ufeff"
        """) == []


LONG_LABEL = ("Belt na drie weken wachten waar de pas blijft en hoort aan de telefoon dat het nu eenmaal druk is "
              "bij de balie")


@pytest.mark.parametrize("shape", ["timeline", "cycle"])
def test_a_text_the_timeline_cuts_short_gets_a_plain_language_hint(shape):
    text = page(f"""
        journey:
          shape: {shape}
          touchpoints:
            - label: Kort
              pain: {LONG_LABEL}. {LONG_LABEL}
              quote: {LONG_LABEL}. {LONG_LABEL}
            - label: {LONG_LABEL}
        """)
    checked = check_page(text, path=PATH, src_uri="journeys/test.md")
    assert checked.ok, checked.problems
    hints = check_plain(checked.lines, checked.body, path=PATH, glossary=Glossary.for_site("nl"),
                        body_line=checked.body_line, language="nl")
    found = [(p.line, p.field, p.message.split(";")[0]) for p in hints]
    if shape == "cycle":  # the ring's key shows labels whole, and a cycle has no lanes
        assert found == []
    else:  # a quote too: the editor chose how much of it to show
        assert found == [
            (6, "journey.touchpoints[0].pain",
             "plain language: the map shows 8 lines of this text and cuts off the rest"),
            (7, "journey.touchpoints[0].quote",
             "plain language: the map shows 8 lines of this text and cuts off the rest"),
            (8, "journey.touchpoints[1].label",
             "plain language: the map shows 6 lines of this label and cuts off the rest"),
        ]


def test_a_touchpoint_that_is_not_a_mapping_is_an_error_and_gets_no_hint():
    text = page(f"""
        journey:
          touchpoints:
            - {LONG_LABEL}
        """)
    checked = check_page(text, path=PATH, src_uri="journeys/test.md")
    assert [p.field for p in checked.problems] == ["journey.touchpoints[0]"]
    assert check_plain(checked.lines, checked.body, path=PATH, glossary=Glossary.for_site("nl"),
                       body_line=checked.body_line, language="nl") == []
