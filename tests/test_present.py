"""The templates' environment reads a dict's keys before Jinja would (it
tries the attribute first): the pages must come out as plain Jinja makes
them. And the text search is given of what they make."""

from __future__ import annotations

import re

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymaps.i18n import labels_for
from journeymaps.present import (TEMPLATE_GLOBALS, _without_skipped, journey_context, make_env, moment_sections,
                                 search_text)
from journeymaps.score import score_journey
from journeys import make_journey

PLAIN = jinja2.Environment(loader=jinja2.PackageLoader("journeymaps", "templates"), autoescape=True,
                           undefined=jinja2.StrictUndefined)
PLAIN.globals.update(TEMPLATE_GLOBALS)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("shape, killers, unrated",
                         [("timeline", (), ()), ("cycle", (1,), (2,)), ("timeline", (0, 3), (1, 4))])
def test_a_journey_page_is_what_plain_jinja_makes_of_it(language, shape, killers, unrated):
    journey = make_journey(8, shape=shape, killers=killers, unrated=unrated)
    context = journey_context(journey, score_journey(journey), title="Reis <b>", labels=labels_for(language),
                              language=language, svg="<svg/>", svg_url="reis.svg", href_for=lambda tp: None,
                              comparison=None, redesigned_in=[{"title": "Nieuw", "url": "nieuw/"}], map_id="jm-reis")
    ours = make_env([]).get_template("journeys/map.html").render(context)
    assert ours == PLAIN.get_template("journeys/map.html").render(context)
    assert "Reis &lt;b&gt;" in ours  # escaped, as ever
    assert ("jm-row--killer" in ours) == bool(killers)


@pytest.mark.parametrize("lanes", [True, False])
def test_a_journeys_table_has_a_details_column_only_when_a_moment_has_details(lanes):
    journey = make_journey(4, lanes=lanes)
    context = journey_context(journey, score_journey(journey), title="Reis", labels=labels_for("nl"), language="nl",
                              svg="<svg/>", svg_url=None, href_for=lambda tp: None, map_id="jm-reis")
    html = make_env([]).get_template("journeys/map.html").render(context)
    table = html.split('<table class="jm-table jm-stacked" role="table">')[1]
    head, body = table.split("</thead>")
    columns = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', head)
    assert ("Toelichting" in columns) == lanes
    rows = body.split("<tr ")[1:]
    assert len(rows) == 4
    for row in rows:  # a row header, then a cell for every other column
        assert row.count('<th scope="row"') == 1 and row.count("<td") == len(columns) - 1
        assert ("Lang wachten" in row.split("</th>")[1]) == lanes  # the pain, beside the header, not in it
        assert "Lang wachten" not in row.split("</th>")[0]


def test_names_a_dict_has_as_attributes_and_missing_keys_read_as_jinja_reads_them():
    template = ("{{ d.moment }} {{ d['keys'] }} {{ d.keys() | sort | join(',') }} {{ d.get('moment') }} "
                "{{ d.score_text is defined }}")
    data = {"d": {"moment": "Wachten", "keys": "sleutels"}}
    assert make_env([]).from_string(template).render(data) == PLAIN.from_string(template).render(data)
    assert make_env([]).from_string(template).render(data) == "Wachten sleutels keys,moment Wachten False"
    with pytest.raises(jinja2.UndefinedError):
        make_env([]).from_string("{{ d.missing }}").render(data)


def test_search_text_leaves_out_drawings_scripts_styles_and_excluded_elements_only():
    html = ('<h2 id="a">Kop</h2><p>voor</p><svg><title>kaart</title><svg>binnen</svg></svg>na-svg'
            '<figure class="x">getoond</figure><figure class="jm-figure" data-search-exclude><p>weg</p></figure>'
            '<ol class="jm-cards" data-search-exclude><li>weg</li></ol>'
            '<table data-search-excluded><td>blijft</td></table>'
            '<script>weg()</script><style>.weg{}</style><svgx>blijft</svgx><p>slot</p>')
    # Up to the first closing tag, as Material's own search skips them: "na-svg" follows one.
    assert search_text(html) == '<h2 id="a">Kop</h2>\n<p>voor na-svg getoond blijft blijft slot</p>'
    # The mark is an attribute, not words in an attribute's value (a link from front-matter).
    assert search_text('<a href="https://x.example/?q= data-search-exclude=1" class="r">bron</a>') == "<p>bron</p>"
    assert search_text('<ul class="a" hidden data-search-exclude=""><li>weg</li></ul>na') == "<p>na</p>"
    # An element that is never closed is read as text, not taken with the rest of the page.
    assert search_text("<p>een</p><svg><text>open</text><p>twee</p>") == "<p>een open twee</p>"
    assert search_text("<style>a{}</style><p>tekst</p><script>b()") == "<p>tekst b()</p>"


ROW_TEXTS = ["Tom &amp; Jerry&#39;s &#34;pas&#34;", "&lt;script&gt;alert(1)&lt;/script&gt;", "“Eerst betalen”",
             "a &amp;amp; b", "  veel   ruimte  ", "niet beoordeeld"]


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(ROW_TEXTS), st.sampled_from(ROW_TEXTS + [""])), min_size=1, max_size=4))
def test_a_moment_s_section_reads_as_material_s_search_reads_it(rows):
    # Each moment of a journey page is handed to Material's search index as an entry of its own
    # (the plugin's _moments_indexed), not parsed there tag by tag: it must read as Material's parser
    # reads the same section, escaping and spaces alike, and be gone from the rest.
    from material.plugins.search.plugin import Parser

    table = "".join(f'<tr id="m{n}" role="row">\n<th scope="row" role="rowheader"><span class="jm-number">{n + 1}.'
                    f'</span> {label}</th>\n<td data-label="Beleving">{text}</td></tr>'
                    for n, (label, text) in enumerate(rows))
    text = search_text(f'<h2 id="x">Kop</h2><p>voor</p><table>{table}</table>')
    rest, moments = moment_sections(text, {f"m{n}" for n in range(len(rows))} | {"y"})
    parser = Parser()
    parser.feed(text)
    parser.close()
    material = [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data
                if s.id not in (None, "x")]  # its preface and the heading before the table
    assert moments == material
    assert [m[0] for m in moments] == [f"m{n}" for n in range(len(rows))]
    assert rest == '<h2 id="x">Kop</h2>\n<p>voor</p>\n' and "m0" not in rest


# The lazy regular expression search_text used to skip with: slow on a map, and the reference for what it skips.
# Since then it skips any element marked data-search-exclude, not only a figure.
SKIPPED_BEFORE = re.compile(r"<(svg|script|style)\b.*?</\1>|<([a-z][a-z0-9]*)(?:\s+[\w:.-]+(?:=\"[^\"]*\"|='[^']*')?)*"
                            r"\s+data-search-exclude(?=[\s=/>])[^>]*>.*?</\2>", re.S)
PIECES = ["<svg>", "</svg>", "<svgx>", "<script>", "</script>", "<style a=1>", "</style>",
          "<figure data-search-exclude>", "<figure class=x>", "</figure>", "<figure data-search-excluded>",
          "<ol class=x data-search-exclude>", "<ol>", "</ol>", "<table data-search-exclude-not>",
          "<table data-search-exclude=''>", "</table>", "<svg data-search-exclude>",
          '<table title="a data-search-exclude b">', "<table title='x' data-search-exclude>",
          "tekst", " ", "<p>", "</p>", '<h2 id="a">Kop</h2>', "\n"]


@settings(max_examples=500, deadline=None)
@given(html=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_search_text_skips_what_the_lazy_expression_skipped(html):
    assert _without_skipped(html) == SKIPPED_BEFORE.sub(" ", html)
