"""Property: whatever the front-matter, checking gives a journey or one-line
`path:line: field: message` problems; it never raises."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymaps.validate import Site, check_page

LINE = re.compile(r"^x\.md:\d+: [^\n]+: [^\n]+$")

FIELDS = ["persona", "owner", "shape", "status", "updated", "baseline", "phases", "values", "killers",
          "touchpoints", "label", "id", "phase", "channel", "emotion", "score", "scores", "killer",
          "evidence", "kind", "n", "date", "ref", "quote", "pain", "weight", "related", "bogus"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["happy", "hapy", "cycle", "ten-phases", "survey", "2026-09", "a", "x.md", "javascript:x"]),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), children, max_size=5),
    max_leaves=25,
)


def assert_one_line_problems_or_journey(text: str, site: Site = Site(page_exists=lambda uri: uri == "x.md")):
    """Checks `text` as page x.md; returns what check_page returned."""
    checked = check_page(text, path="x.md", src_uri="x.md", site=site)
    if checked is None:
        return None
    if checked.journey is None:
        assert checked.problems
    for problem in checked.problems:
        assert LINE.match(str(problem)), str(problem)
    return checked


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=values)
def test_random_structures_never_raise(journey):
    text = "---\n" + yaml.safe_dump({"title": "T", "journey": journey}, allow_unicode=True) + "---\n"
    assert_one_line_problems_or_journey(text)


@settings(max_examples=300, deadline=None)
@given(junk=st.text(max_size=300))
def test_random_text_as_front_matter_never_raises(junk):
    assert_one_line_problems_or_journey("---\njourney:\n" + junk + "\n---\n")
