"""Mistakes an editor of a customer-experience team makes while writing a
journey by hand, found by writing one with `journeys new`: each is reported
as one line that names file, line and field and says what to write instead,
by `journeys check` as by the build, and nothing passes silently."""

from __future__ import annotations

import textwrap

import pytest

from journeymaps.model import Killer
from journeymaps.validate import Site, check_page
from sites import build, make_site

PATH = "content/journeys/test.md"


def problems(front_matter: str, site: Site = Site(language="nl")) -> list[str]:
    text = "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\nHet verhaal.\n"
    checked = check_page(text, path=PATH, src_uri="journeys/test.md", site=site)
    return [str(p) for p in checked.problems] if checked is not None else ["(not a journey page)"]


@pytest.mark.parametrize("key", ["Journey", "journeys", "JOURNEY", "journey_map", "Journeymap",
                                 "journy", "jorney", "Jouney", "reis"])
def test_a_journey_key_written_otherwise_is_reported_not_a_page_without_its_map(key):
    # 'Journey:' or 'journeys:' (the plugin's name) made an ordinary page: the map
    # silently gone, `check` saying "0 journeys checked, 0 problems", --strict passing.
    # So did a typo ('journy:'); 'reis' is reported for the touchpoints under it.
    assert problems(f"""
        title: Melding
        {key}:
          touchpoints:
            - label: Meldt de kapotte lamp
    """) == [f"content/journeys/test.md:3: {key}: '{key}' is not 'journey'; write journey: in lower case, singular, "
             "for this page to be a journey map"]


def test_a_journeys_fields_without_the_journey_line_are_reported():
    assert problems("""
        title: Melding
        persona: Bewoner
        touchpoints:
          - label: Meldt de kapotte lamp
    """) == ["content/journeys/test.md:4: touchpoints: a journey's fields go under journey:; add a line journey: "
             "above them and indent them under it"]


@pytest.mark.parametrize("moment, line, message", [
    ("label: yes", 4, "journey.touchpoints[0].label: expected text, got 'true' (yes/no); YAML reads yes, no, on, "
                      "off, true and false as yes or no: put the text in quotes"),
    ('label: A\nscore: "3.5"', 5, "journey.touchpoints[0].score: expected a number, got the text '3.5'; "
                                       "remove the quotes"),
    ("label: A\nevidence: [{kind: survey, n: 12.000}]", 5,
     "journey.touchpoints[0].evidence[0].n: expected a whole number, got the number 12.0 (YAML reads a point as a "
     "decimal point); write a count without a separator, e.g. 12000 for 12 thousand"),
    ("label: A\nevidence: {kind: survey, n: 12}", 5,
     "journey.touchpoints[0].evidence: expected a list, got a mapping; start each item on its own line with '- '"),
    ("label: A\nevidence: [{kind: survey, n: .nan}]", 5,  # a number it cannot round: no traceback
     "journey.touchpoints[0].evidence[0].n: expected a whole number, got the number nan"),
    ("label: A\nscore: nan", 5, "journey.touchpoints[0].score: expected a number, got the text 'nan'"),  # unquoted
    ("labl: A", 4, "journey.touchpoints[0].labl: unknown field 'labl' (did you mean 'label'?); expected one of: "
                   "label, id, phase, channel, owner, emotion, score, scores, killer, evidence, quote, pain, "
                   "opportunity, backstage, related"),  # and not also: label is missing
])
def test_a_wrong_value_says_how_to_write_it(moment, line, message):
    moment = moment.replace("\n", "\n      ")  # a field on a line of its own
    assert problems(f"journey:\n  touchpoints:\n    - {moment}") == [f"content/journeys/test.md:{line}: {message}"]


def test_a_misspelt_field_is_reported_once_not_also_as_the_field_missing():
    assert problems("""
        journey:
          persona: Bewoner
          touchpoint:
            - label: Meldt de kapotte lamp
    """) == ["content/journeys/test.md:4: journey.touchpoint: unknown field 'touchpoint' (did you mean "
             "'touchpoints'?); expected one of: persona, owner, shape, status, updated, baseline, phases, values, "
             "killers, touchpoints"]


def test_other_keys_and_the_word_in_text_leave_a_page_alone():
    assert problems("""
        title: Journey mapping, an introduction
        description: "journeys: what they are"
        journey_id: 12
        customer_journey: true
        tourist: ja
        summary: "touchpoints: what they are"
        extra:
          counts:
            touchpoints: 120
        notes: |
          touchpoints:
            - label: a
    """) == ["(not a journey page)"]


def test_a_journey_line_without_its_colon_is_named():
    assert problems("""
        title: Melding
        journey
          touchpoints:
            - label: Meldt de kapotte lamp
    """) == ["content/journeys/test.md:3: journey: no colon after journey; write journey: on this line"]


@pytest.mark.parametrize("key", ["Journey", "jorney"])
def test_a_misnamed_journey_key_fails_the_strict_build_and_shows_on_its_page(tmp_path, key):
    make_site(tmp_path, {"melding.md": f"""
        ---
        title: Kapotte lamp
        {key}:
          touchpoints:
            - label: Meldt de kapotte lamp
        ---
        Het verhaal.
        """})
    done = build(tmp_path)
    assert done.returncode == 1
    assert f"docs/melding.md:3: {key}: '{key}' is not 'journey'" in done.output, done.output
    done = build(tmp_path, strict=False)
    assert done.returncode == 0
    assert f"docs/melding.md:3: {key}: &#39;{key}&#39; is not &#39;journey&#39;" in done.html("melding/index.html")
    assert '<a href="../melding/">Kapotte lamp</a>' in done.html("journeys/index.html")  # named apart, by its title


def test_a_quiet_strict_build_still_fails_on_a_broken_journey_and_says_why(tmp_path):
    # `mkdocs build -q --strict` passed, with exit code 0 and not a word: --quiet kept the
    # plugin's warnings from the count --strict keeps. The map's page and a ```journey block.
    make_site(tmp_path, {"melding.md": """
        ---
        title: Melding
        journey:
          touchpoints:
            - {label: Meldt de kapotte lamp, emotion: blij}
        ---
        """, "index.md": """
        # Home

        ```journey
        journey:
          touchpoints:
            - {label: Belt, score: 6}
        ```
        """}, extra="markdown_extensions:\n  - journeys\n")
    done = build(tmp_path, "-q")
    assert done.returncode == 1, done.output
    assert "docs/melding.md:5: journey.touchpoints[0].emotion: 'blij' is not one of" in done.output
    assert "docs/index.md:6: journey.touchpoints[0].score: 6 is out of range" in done.output
    quiet = build(tmp_path, "-q", strict=False)  # without --strict, quiet is quiet
    assert quiet.returncode == 0 and "blij" not in quiet.output, quiet.output


@pytest.mark.parametrize("field, written, meant", [
    ("emotion", "blij", "happy"),
    ("emotion", "Teleurgesteld", "disappointed"),
    ("emotion", "neutraal", "indifferent"),
    ("kind", "enquête", "survey"),
    ("kind", "klachten", "complaints"),
    ("shape", "tijdlijn", "timeline"),
    ("shape", "cirkel", "cycle"),
])
def test_a_term_written_as_the_dutch_site_shows_it_is_given_in_the_formats_english(field, written, meant):
    # The site shows 'blij', 'enquête', 'tijdlijn'; an editor who wrote them was told only
    # "is not one of angry, disappointed, indifferent, happy", with no hint which one.
    touchpoint = {"emotion": f"emotion: {written}", "kind": f"evidence: [{{kind: {written}}}]"}.get(field, "score: 3")
    shape = f"shape: {written}" if field == "shape" else "shape: timeline"
    found = problems(f"""
        journey:
          {shape}
          touchpoints:
            - label: Meldt de kapotte lamp
              {touchpoint}
    """)
    assert len(found) == 1 and found[0].endswith(f"(values are written in English: '{meant}')"), found


def test_a_near_miss_in_english_is_still_a_near_miss():
    assert problems("""
        journey:
          touchpoints:
            - {label: Meldt de kapotte lamp, emotion: Happy}
    """)[0].endswith("(did you mean 'happy'?)")


def test_a_decimal_comma_is_named_as_the_number_it_was_meant_to_be():
    # The Dutch site shows a score as 4,5, and so editors write it: in a block the message said only
    # "expected a number, got the text '4,5'"; in braces YAML reads {snel: 4,5} as {snel: 4, '5': null},
    # and the message named a field 'scores.5' that is empty, or an unknown field '5' of a value.
    found = problems("""
        journey:
          values:
            - {id: snel, label: Snel geholpen, weight: 1,5}
          touchpoints:
            - label: Meldt de kapotte lamp
              score: 4,5
            - label: Lamp brandt weer
              scores: {snel: 3,75}
    """)
    assert found == [
        "content/journeys/test.md:4: journey.values[0].weight: 1,5 is read as 1 and a field '5'; "
        "write a decimal point, not a comma: 1.5",
        "content/journeys/test.md:7: journey.touchpoints[0].score: expected a number, got the text '4,5'; "
        "write a decimal point, not a comma: 4.5",
        "content/journeys/test.md:9: journey.touchpoints[1].scores.snel: 3,75 is read as 3 and a field '75'; "
        "write a decimal point, not a comma: 3.75",
    ]


def test_a_date_written_day_first_is_given_year_first():
    found = problems("""
        journey:
          updated: 30-11-2026
          touchpoints:
            - label: Meldt de kapotte lamp
              evidence: [{kind: survey, date: 10-2026}, {kind: survey, date: 3/9/2026}]
    """)
    assert found == [
        "content/journeys/test.md:3: journey.updated: '30-11-2026' is not a date; write the year first: 2026-11-30",
        "content/journeys/test.md:6: journey.touchpoints[0].evidence[0].date: '10-2026' is not a date; "
        "expected a year, year-month or date, e.g. 2026-10",
        "content/journeys/test.md:6: journey.touchpoints[0].evidence[1].date: '3/9/2026' is not a date; "
        "expected a year, year-month or date, e.g. 2026-09-03",
    ]


MELDING = """\
journey:
  phases: [Melden]
  touchpoints:
    - label: Meldt de kapotte lamp
      phase: Melden
      channel: app
"""


@pytest.mark.parametrize("wrong, right, line, message", [
    # libyaml's "did not find expected '-' indicator", "could not find expected ':'" and
    # "did not find expected key" said nothing a non-programmer could act on.
    ("      channel: app", "     channel: app", 7,
     "this line is not lined up with the lines above it; indent it with as many spaces as the fields next to it "
     "(an item of a list starts with '- ')"),
    ("      channel: app", "      channel: app\n    -label: Lamp brandt", 8,
     "put a space after the - that starts a list item, e.g. '- label: ...'"),
    ("      channel: app", "      channel:app", 7, "put a space after the colon of a field: channel: app"),
    ("  touchpoints:", " touchpoints:", 4,
     "this line is not lined up with the lines above it; indent it with as many spaces as the fields next to it "
     "(an item of a list starts with '- ')"),
    ("label: Meldt de kapotte lamp", "label: [Fixi] Meldt de kapotte lamp", 5,
     "text after a closing bracket; put the whole value in quotes, brackets and all"),
])
def test_yaml_that_does_not_parse_says_what_to_do_on_the_line_to_do_it(wrong, right, line, message):
    found = problems(MELDING.replace(wrong, right, 1))
    assert found == [f"content/journeys/test.md:{line}: front-matter: YAML does not parse: {message}"]


def test_a_list_item_without_a_space_after_its_dash_is_named_as_such_when_fields_follow():
    found = problems(MELDING.replace("    - label: Meldt", "    -label: Meldt"))
    assert found == ["content/journeys/test.md:6: front-matter: YAML does not parse: put a space after the - that "
                     "starts the list item on the line above, e.g. '- label: ...'"]


@pytest.mark.parametrize("written, message", [
    # Each gave two lines, the first advising an id made of the text: 'genegeerd-datalek'.
    ("Melding verdwijnt zonder reactie",
     "'Melding verdwijnt zonder reactie' is the label of a killer; write its id: genegeerd"),
    ("genegeerd, datalek", "'genegeerd, datalek' is several killers in one text; write them as a list: "
                           "[genegeerd, datalek]"),
    ("Genegeerd", "'Genegeerd' is not a killer of this journey; expected one of: genegeerd, datalek "
                  "(did you mean 'genegeerd'?)"),
])
def test_a_killer_named_otherwise_than_by_its_id_is_one_line_that_gives_the_id(written, message):
    site = Site(language="nl", killers=(Killer(id="datalek", label="Gegevens bij de verkeerde persoon"),))
    assert problems(f"""
        journey:
          killers:
            - {{id: genegeerd, label: Melding verdwijnt zonder reactie}}
          touchpoints:
            - label: Meldt de kapotte lamp
              killer: {written}
    """, site) == [f"content/journeys/test.md:7: journey.touchpoints[0].killer: {message}"]


CUT_BY_COMMENTS = """
title: Melding doen
journey:
  shape: timeline # or cycle
  phases:
    - Bel #2 naar het KCC
    - Afhandeling   # de fase na het bellen
  touchpoints:
    - label: Belt #2 naar het KCC
      phase: Afhandeling
      score: 4 #geschat
      quote: Melding #123 is nooit beantwoord
      pain: "Melding #1 kwijt, 'Melding #2' ook"
      opportunity: Melding#123 terugvinden
      channel: telefoon  # of balie
"""


def warnings(front_matter: str) -> list[str]:
    text = "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\nHet verhaal.\n"
    checked = check_page(text, path=PATH, src_uri="journeys/test.md", site=Site(language="nl"))
    return [str(p) for p in checked.warnings]


def test_text_after_a_space_and_a_hash_is_named_where_yaml_took_it_for_a_comment():
    # 'quote: Melding #123 is nooit beantwoord' was the quote 'Melding': the rest a YAML comment, gone without a
    # word, `check` saying 0 problems, --strict passing. A comment '# like this', quotes and 'Melding#123' are
    # what they were meant to be, and a score has no text to lose.
    assert warnings(CUT_BY_COMMENTS) == [
        "content/journeys/test.md:6: journey.phases[0]: '#2 naar het KCC' is read as a YAML comment and left out, "
        "so the text is 'Bel'; put the whole text in quotes: \"Bel #2 naar het KCC\"",
        "content/journeys/test.md:9: journey.touchpoints[0].label: '#2 naar het KCC' is read as a YAML comment and "
        "left out, so the text is 'Belt'; put the whole text in quotes: \"Belt #2 naar het KCC\"",
        "content/journeys/test.md:12: journey.touchpoints[0].quote: '#123 is nooit beantwoord' is read as a YAML "
        "comment and left out, so the text is 'Melding'; put the whole text in quotes: "
        "\"Melding #123 is nooit beantwoord\"",
    ]
    assert problems(CUT_BY_COMMENTS) == []  # a warning: the map is drawn with the text YAML read


@pytest.mark.parametrize("written", [
    "quote: Melding # een opmerking",  # a comment as comments are written
    "quote: 'Melding #1'", 'quote: "Melding #1"',
    "quote: Melding#1", "quote: Melding #",
    "quote: |\n  Melding #1",
    "emotion: happy #blij", "score: 4 #geschat", "evidence: [{kind: survey, n: 12 #personen\n}]",
    "id: melding #1",
])
def test_comments_meant_as_comments_quoted_text_and_fields_that_are_not_text_are_left_alone(written):
    field = written.replace("\n", "\n      ")
    front_matter = f"journey:\n  touchpoints:\n    - label: Meldt de kapotte lamp\n      {field}"
    assert problems(front_matter) == [] and warnings(front_matter) == []


def test_a_field_a_comment_leaves_empty_and_the_pages_own_title_are_named_too():
    assert warnings("""
        title: Melding #12
        journey:
          touchpoints:
            - label: Meldt de kapotte lamp
              pain: #1 klacht van de wijk
    """) == [
        "content/journeys/test.md:2: title: '#12' is read as a YAML comment and left out, so the text is 'Melding'; "
        "put the whole text in quotes: \"Melding #12\"",
        "content/journeys/test.md:6: journey.touchpoints[0].pain: '#1 klacht van de wijk' is read as a YAML comment "
        "and left out, so the field is empty; put the whole text in quotes: \"#1 klacht van de wijk\"",
    ]


def test_text_cut_by_a_comment_fails_the_strict_build_and_the_page_is_built_without_it(tmp_path):
    make_site(tmp_path, {"melding.md": """
        ---
        title: Melding
        journey:
          touchpoints:
            - label: Meldt de kapotte lamp
              quote: Melding #123 is nooit beantwoord
        ---
        Het verhaal.
        """})
    warning = ("WARNING -  journeymaps: docs/melding.md:6: journey.touchpoints[0].quote: '#123 is nooit beantwoord' "
               "is read as a YAML comment and left out, so the text is 'Melding'; put the whole text in quotes: "
               "\"Melding #123 is nooit beantwoord\"")
    done = build(tmp_path)
    assert done.returncode == 1 and warning in done.output, done.output
    done = build(tmp_path, strict=False)
    assert done.returncode == 0 and done.output.count(warning) == 1, done.output
    html = done.html("melding/index.html")
    assert "<svg" in html and "jm-errors" not in html and "Melding" in html and "nooit beantwoord" not in html
