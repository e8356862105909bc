"""The organisation's view: who owns which moments, and owners against phases."""

from __future__ import annotations

from journeymaps.model import Journey
from journeymaps.organisation import Entry, catalogue_row, heat_map, journey_owners, owners, worst_first
from journeymaps.score import score_journey
from journeymaps.terms import anchors
from journeymaps.validate import Site, _finish


def entry(title: str, data: dict) -> Entry:
    journey = _finish(Journey.model_validate(data), Site())
    return Entry(f"{title}.md", title, journey, score_journey(journey))


ALPHA = entry("Alpha", {
    "owner": "Team A",
    "phases": [{"id": "start", "label": "Start"}, {"id": "eind", "label": "Eind"}],
    "killers": [{"id": "k", "label": "K"}],
    "touchpoints": [
        {"label": "a1", "phase": "start", "owner": "X", "score": 2},
        {"label": "a2", "phase": "start", "score": 4},  # no owner: the journey's
        {"label": "a3", "phase": "eind", "owner": "X", "killer": "k"},
        {"label": "a4", "phase": "eind", "owner": "Y"},  # not rated
    ],
})
BETA = entry("Beta", {
    "phases": [{"id": "start", "label": "Start"}],
    "touchpoints": [
        {"label": "b1", "phase": "start", "owner": "X", "score": 1},
        {"label": "b2", "phase": "start", "owner": "Y", "emotion": "happy"},
    ],
})


def test_each_owner_gets_its_moments_killers_first_then_weakest():
    result = {o.name: o for o in owners([BETA, ALPHA])}
    assert list(result) == ["Team A", "X", "Y"]
    assert [o.moment.touchpoint.label for o in result["X"].moments] == ["a3", "b1", "a1"]
    assert [o.moment.touchpoint.label for o in result["Y"].moments] == ["b2", "a4"]  # unrated last
    assert [o.moment.touchpoint.label for o in result["Team A"].moments] == ["a2"]
    assert [e.title for e in result["Team A"].journeys] == ["Alpha"]
    assert (result["X"].average, result["X"].killers) == (1.5, 1)  # (2 + 1) / 2; the killer is counted apart
    assert result["Y"].average == 4.5
    assert result["X"].moments[1].anchor == "tp-b1"


def test_heat_map_cells_are_hand_computed_averages():
    heat = heat_map(owners([ALPHA, BETA]))
    assert heat.owners == ["Team A", "X", "Y"]
    assert heat.phases == ["Start", "Eind"]
    x_start = heat.cells[("X", "Start")]
    assert (x_start.average, x_start.rated, x_start.killers) == (1.5, 2, 0)
    x_end = heat.cells[("X", "Eind")]
    assert (x_end.average, x_end.killers) == (None, 1)
    assert heat.cells[("Team A", "Start")].average == 4.0
    assert heat.cells[("Y", "Start")].average == 4.5
    assert ("Y", "Eind") not in heat.cells  # only an unrated moment there


def test_owner_names_that_slug_alike_get_their_own_pages():
    a = entry("A", {"touchpoints": [{"label": "x", "owner": "R&D"}, {"label": "y", "owner": "R-D"}]})
    assert sorted(o.slug for o in owners([a])) == ["r-d", "r-d-2"]


def test_names_without_a_latin_letter_are_named_after_what_they_name():
    # A department in Arabic had the address owners/phase/, a moment the anchor #tp-phase.
    a = entry("A", {"touchpoints": [{"label": "البحث", "owner": "المالية"}, {"label": "الشراء", "owner": "ключ"}]})
    assert sorted(o.slug for o in owners([a])) == ["department", "department-2"]
    assert anchors(a.journey.touchpoints) == ["tp-moment", "tp-moment-2"]


def test_catalogue_rows_worst_first():
    gamma = entry("Gamma", {"touchpoints": [{"label": "g", "score": 2}]})
    delta = entry("Delta", {"touchpoints": [{"label": "d"}]})  # not rated
    rows = worst_first([catalogue_row(e) for e in (BETA, gamma, delta, ALPHA)])
    # killed first; then Gamma 2.0 before Beta (1 + 4.5) / 2 = 2.8; the unrated Delta last
    assert [r["title"] for r in rows] == ["Alpha", "Gamma", "Beta", "Delta"]


def test_a_journey_involves_its_owner_and_its_moments_owners():
    # The kiosk counted only the moments' owners, the catalogue the journey's owner too.
    assert journey_owners(ALPHA) == ["Team A", "X", "Y"]
    assert journey_owners(BETA) == ["X", "Y"]  # no owner of its own
    alone = entry("Alleen", {"owner": "Team A", "touchpoints": [{"label": "z", "score": 3}]})
    assert journey_owners(alone) == ["Team A"]
