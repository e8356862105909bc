"""Property-based tests of the whole pipeline without MkDocs: front-matter
text -> check -> score -> SVG and page HTML.

- Mutations of a valid journey (a field replaced by anything, removed, or an
  unknown one added) give a journey or one-line `path:line: field: message`
  problems, never an exception.
- Valid journeys whose every text is hostile render to SVG and HTML in which
  nothing from front-matter is live markup.

With the tests in test_fuzz_validate.py and test_render.py this runs several
thousand cases in the default test run (counted in the README)."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import PAYLOADS, live_markup_in_html, live_markup_in_svg
from journeys import any_text
from journeymaps.i18n import labels_for
from journeymaps.present import journey_context, make_env
from journeymaps.render import render_map
from journeymaps.score import score_journey
from journeymaps.validate import Site, check_page
from test_fuzz_validate import FIELDS, assert_one_line_problems_or_journey, values

SITE = Site(language="nl", page_exists=lambda uri: uri == "x.md")
LABELS = labels_for("nl")
ENV = make_env([])
BASE = {
    "persona": "Bewoner", "owner": "Publiekszaken", "shape": "timeline", "status": "as-is", "updated": "2026-11-01",
    "phases": ["Oriëntatie", {"id": "aanvraag", "label": "Aanvraag"}],
    "values": [{"id": "snel", "label": "Snelheid", "weight": 2}],
    "killers": [{"id": "lek", "label": "Datalek"}],
    "touchpoints": [
        {"label": "Zoekt op de website", "phase": "Oriëntatie", "channel": "website", "owner": "Communicatie",
         "scores": {"snel": 3}, "evidence": [{"kind": "survey", "n": 40, "date": "2026-09", "ref": "https://x.test/r"}]},
        {"label": "Vult het formulier in", "id": "formulier", "phase": "aanvraag", "emotion": "happy",
         "quote": "Ging vlot"},
        {"label": "Brief naar verkeerd adres", "phase": "aanvraag", "killer": "lek", "pain": "Gegevens op straat",
         "opportunity": "Adres controleren", "backstage": "Adresregister"},
    ],
}


def pipeline(text: str) -> None:
    """Check, and render what is valid; assert the properties of each."""
    checked = assert_one_line_problems_or_journey(text, SITE)
    if checked is None or not checked.ok:
        return
    card = score_journey(checked.journey)
    svg = render_map(checked.journey, card, title="T", labels=LABELS, id_prefix="jm-x", standalone=True)
    assert live_markup_in_svg(svg) == []
    context = journey_context(checked.journey, card, title="T", labels=LABELS, language="nl", svg="", svg_url=None,
                              href_for=lambda tp: None)
    assert live_markup_in_html(ENV.get_template("journeys/map.html").render(context)) == []


@st.composite
def mutated(draw) -> dict:
    """The base journey with one to three places changed."""
    journey = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        parent, key = draw(_place(journey))
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[key] = draw(values)
        elif action == "remove":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELDS))] = draw(values)
        else:
            parent.insert(key, draw(values))
    return journey


@st.composite
def _place(draw, node):
    """A (container, key) somewhere in `node`, the deeper the likelier."""
    parent, key = node, draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
    while isinstance(parent[key], (dict, list)) and parent[key] and draw(st.booleans()):
        parent = parent[key]
        key = draw(st.sampled_from(list(parent) if isinstance(parent, dict) else range(len(parent))))
    return parent, key


def test_the_base_journey_is_valid():
    text = "---\n" + yaml.safe_dump({"journey": BASE}, allow_unicode=True) + "---\n"
    assert check_page(text, path="x.md", src_uri="x.md", site=SITE).ok


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=mutated())
def test_mutated_journeys_give_a_journey_or_one_line_problems(journey):
    pipeline("---\n" + yaml.safe_dump({"title": "T", "journey": journey}, allow_unicode=True) + "---\n")


hostile_texts = st.one_of(st.sampled_from(PAYLOADS), any_text(30))
TEXT_PLACES = [("persona",), ("owner",), ("phases", 1, "label"), ("values", 0, "label"), ("killers", 0, "label")] + [
    ("touchpoints", i, field) for i in range(3)
    for field in ("label", "channel", "owner", "quote", "pain", "opportunity", "backstage")
] + [("touchpoints", 0, "evidence", 0, "ref")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(hostile_texts, min_size=len(TEXT_PLACES), max_size=len(TEXT_PLACES)),
       shape=st.sampled_from(["timeline", "cycle"]))
def test_valid_journeys_with_hostile_text_in_every_field_render_inert(texts, shape):
    journey = copy.deepcopy(BASE)
    journey["shape"] = shape
    for place, text in zip(TEXT_PLACES, texts):
        node = journey
        for key in place[:-1]:
            node = node[key]
        node[place[-1]] = text
    front = yaml.safe_dump({"title": texts[0], "journey": journey}, allow_unicode=True)
    checked = check_page(f"---\n{front}---\n", path="x.md", src_uri="x.md", site=SITE)
    assert all(p.field.endswith(".ref") or "phase" in p.field for p in checked.problems), checked.problems[:1]
    pipeline(f"---\n{front}---\n")
