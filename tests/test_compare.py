"""A redesign against its baseline: matching and the change figures, with worked numbers."""

from __future__ import annotations

import pytest

from journeymaps.compare import compare
from journeymaps.model import Journey
from journeymaps.score import score_journey
from journeymaps.validate import Site, _finish


def card(touchpoints, **fields):
    return score_journey(_finish(Journey.model_validate({"touchpoints": touchpoints, **fields}), Site()))


KILLERS = {"killers": [{"id": "k", "label": "Datalek"}]}
BEFORE = card([
    {"label": "Formulier invullen", "id": "aanvragen", "score": 2, "evidence": [{"kind": "survey"}]},
    {"label": "Wachten op post", "score": 2.5},
    {"label": "Bellen", "score": 3, "killer": "k"},
    {"label": "Verlengen", "score": 1.5, "evidence": [{"kind": "complaints"}]},
], **KILLERS)
AFTER = card([
    {"label": "Aanvragen in de app", "id": "aanvragen", "score": 4.5},  # matched by id, new label
    {"label": "Bellen", "score": 2},  # matched by label; the killer is gone
    {"label": "Herinnering per e-mail"},  # added, not rated
    {"label": "Verlengen", "score": 4.5, "evidence": [{"kind": "interview"}]},  # matched by label
], **KILLERS)


def test_moments_match_by_id_else_by_label():
    changes = {c.label: c for c in compare(BEFORE, AFTER).changes}
    assert changes["Aanvragen in de app"].before.touchpoint.label == "Formulier invullen"
    assert changes["Bellen"].kind == "matched" and changes["Verlengen"].kind == "matched"
    assert changes["Herinnering per e-mail"].kind == "added"
    assert changes["Wachten op post"].kind == "removed"


def test_change_figures():
    comparison = compare(BEFORE, AFTER)
    # before: killed (would have been (2 + 2.5 + 3 + 1.5) / 4 = 2.25 -> 2.3); after: (4.5 + 2 + 4.5) / 3 = 3.67 -> 3.7
    assert BEFORE.killed and BEFORE.score is None and AFTER.score == 3.7
    assert comparison.score_delta is None  # no score to subtract from: the baseline was killed
    assert comparison.killers_removed == ["Datalek"] and comparison.killers_added == []
    assert (round(comparison.before.voice, 2), round(comparison.after.voice, 2)) == (0.5, 0.25)
    deltas = {c.label: c.delta for c in comparison.changes}
    assert deltas["Verlengen"] == pytest.approx(3.0)  # 1.5 -> 4.5
    assert deltas["Aanvragen in de app"] == pytest.approx(2.5)  # 2 -> 4.5
    assert deltas["Bellen"] is None  # the baseline moment was a killer: no score to compare


def test_biggest_improvement_and_regression_first_then_added_and_removed():
    before = card([{"label": label, "score": s} for label, s in (("a", 3), ("b", 4), ("c", 2), ("d", 3), ("gone", 3))])
    after = card([{"label": label, "score": s}
                  for label, s in (("a", 3.5), ("b", 1), ("c", 4.5), ("d", 3), ("new", 5))])
    order = [(c.label, c.delta) for c in compare(before, after).changes]
    assert order == [("b", -3.0), ("c", 2.5), ("a", 0.5), ("d", 0.0), ("new", None), ("gone", None)]
    assert compare(before, after).score_delta == pytest.approx(3.4 - 3.0)  # (3.5+1+4.5+3+5)/5 = 3.4 against 3.0


@pytest.mark.parametrize("language", ["nl", "nl_BE", "nl-NL", "NL"])
def test_a_change_is_written_in_the_notation_of_every_other_number_of_the_site(language):
    # The sign's number said '.', or ',' only for 'nl' (diff) or a code starting with 'nl'
    # (the page and the catalogue), beside scores written '3,8' for any Dutch code.
    from journeymaps.diff import Snapshot
    from journeymaps.diff import compare as diff
    from journeymaps.i18n import format_number, labels_for
    from journeymaps.present import comparison_context

    before = card([{"label": "a", "score": 3}])
    after = card([{"label": "a", "score": 3.5}])
    context = comparison_context(compare(before, after), labels=labels_for(language), language=language, title="T",
                                 url=None)
    assert format_number(3.5, language) == "3,5"
    assert context["delta"] == "+0,5" and context["rows"][0]["delta"] == "+0,5"
    markdown = diff(Snapshot({"r.md": ("R", before, 0)}), Snapshot({"r.md": ("R", after, 0)}), language)
    assert "- Journey score: 3,0 → 3,5 (+0,5)" in markdown
