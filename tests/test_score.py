"""Every derived figure of the format document, pinned with worked numbers."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from journeymaps.model import Journey
from journeymaps.score import emotion_for, mean1, score_journey
from journeymaps.validate import Site, _finish, check_page


def journey(touchpoints, **fields) -> Journey:
    return Journey.model_validate({"touchpoints": touchpoints, **fields})


def test_format_document_example(format_example):
    card = score_journey(check_page(format_example, path="x.md", src_uri="x.md").journey)
    first, main, confession = card.moments
    # scores {gastvrij: 4 (weight 2), kwaliteit: 5 (weight 1)} -> (2*4 + 5) / 3
    assert first.score == pytest.approx(13 / 3)
    assert first.emotion == "happy"
    assert main.score == 4.5  # emotion happy, no number
    assert confession.score is None and confession.emotion is None  # not rated
    assert [k.id for k in confession.killers] == ["hygiene"]
    # the average it would have had: (4.333 + 4.5) / 2 = 4.4167 -> 4.4, but a killer cancels it
    assert card.average == 4.4
    assert card.killed and card.score is None
    assert card.killers_hit == (confession,)
    assert card.voice == pytest.approx(2 / 3)  # survey and interview; the confession has no evidence
    assert not card.touchpoint_analysis
    assert card.strong == (main, first)
    assert card.weak == (confession,)


@pytest.mark.parametrize(
    "emotion, score", [("angry", 1.5), ("disappointed", 2.5), ("indifferent", 3.5), ("happy", 4.5)]
)
def test_emotion_stands_for_its_nominal_score(emotion, score):
    card = score_journey(journey([{"label": "A", "emotion": emotion}]))
    assert card.moments[0].score == score
    assert card.score == score


@pytest.mark.parametrize(
    "score, emotion",
    [(1, "angry"), (1.99, "angry"), (2, "disappointed"), (2.99, "disappointed"), (3, "indifferent"),
     (3.99, "indifferent"), (4, "happy"), (5, "happy")],
)
def test_emotion_from_score_band(score, emotion):
    assert emotion_for(score) == emotion
    assert score_journey(journey([{"label": "A", "score": score}])).moments[0].emotion == emotion


def test_given_emotion_wins_over_score_band():
    moment = score_journey(journey([{"label": "A", "score": 4.8, "emotion": "disappointed"}])).moments[0]
    assert (moment.score, moment.emotion) == (4.8, "disappointed")


def test_weighted_mean_of_scores_uses_value_weights():
    values = [{"id": "snel", "label": "S", "weight": 3}, {"id": "vriendelijk", "label": "V"}]
    card = score_journey(journey([{"label": "A", "scores": {"snel": 2, "vriendelijk": 4}}], values=values))
    assert card.moments[0].score == pytest.approx((3 * 2 + 1 * 4) / 4)  # 2.5
    assert card.moments[0].emotion == "disappointed"


def test_journey_score_is_mean_of_rated_one_decimal_half_up():
    card = score_journey(journey([{"label": label, "score": s} for label, s in zip("ABCD", (3, 3, 3, 4))]
                                 + [{"label": "E"}]))
    assert card.average == 3.3  # 13 / 4 = 3.25 -> 3.3, the unrated E does not count
    assert card.score == 3.3 and not card.killed
    assert mean1([2.05]) == 2.1 and mean1([2.04]) == 2.0 and mean1([]) is None


def test_mean_is_worked_out_on_the_numbers_as_written():
    # In floats, (1.2 + 1.9) / 2 is 1.5499999999999998 and would round to 1.5.
    assert mean1([1.2, 1.9]) == 1.6
    # Many numbers, some with sixteen decimals (a weighted score), against
    # the same rule worked out with fractions of the numbers as written.
    rng = random.Random(7)
    for _ in range(2000):
        values = [rng.choice([rng.randint(10, 50) / 10, rng.uniform(1, 5), 2.05, 3.25])
                  for _ in range(rng.randint(1, 300))]
        exact = sum(Fraction(repr(v)) for v in values) / len(values)
        assert mean1(values) == math.floor(exact * 10 + Fraction(1, 2)) / 10, values


def test_no_rated_moments_means_no_score():
    card = score_journey(journey([{"label": "A"}, {"label": "B"}]))
    assert card.average is None and card.score is None and card.strong == () and card.weak == ()


def test_one_killer_cancels_a_nine_out_of_ten_journey():
    touchpoints = [{"label": str(i), "score": 5} for i in range(9)] + [{"label": "soup", "score": 5, "killer": "k"}]
    card = score_journey(journey(touchpoints, killers=[{"id": "k", "label": "K"}]))
    assert card.average == 5.0  # what it would have had, shown as such
    assert card.killed and card.score is None
    assert card.weak[0].touchpoint.label == "soup"
    assert all(m.touchpoint.label != "soup" for m in card.strong)


def test_customer_voice_and_touchpoint_analysis():
    assumption = {"kind": "assumption"}
    card = score_journey(journey([{"label": "A", "evidence": [assumption]}, {"label": "B"}]))
    assert card.voice == 0 and card.touchpoint_analysis
    card = score_journey(
        journey([{"label": "A", "evidence": [assumption, {"kind": "complaints", "n": 40}]}, {"label": "B"}]
                + [{"label": "C"}] * 2)
    )
    assert card.voice == 0.25 and not card.touchpoint_analysis


def test_strong_and_weak_moments():
    scores = {"a": 4.5, "b": 1.0, "c": 3.0, "d": 5.0, "e": 2.0, "f": 3.9, "g": 4.5}
    card = score_journey(journey([{"label": k, "score": v} for k, v in scores.items()]))
    labels = lambda moments: [m.touchpoint.label for m in moments]  # noqa: E731
    assert labels(card.strong) == ["d", "a", "g"]  # best first; ties keep the journey's order
    assert labels(card.weak) == ["b", "e", "c"]  # worst first, below 'happy'


def test_a_moment_is_never_both_strong_and_weak_and_bad_is_never_strong():
    card = score_journey(journey([{"label": "A", "score": 3.5}]))
    assert card.strong == () and card.weak == ()  # indifferent, and no better or worse than the journey
    card = score_journey(journey([{"label": "A", "score": 1.5}, {"label": "B", "score": 2}]))
    assert card.strong == () and [m.touchpoint.label for m in card.weak] == ["A", "B"]


def test_an_indifferent_moment_is_strong_or_weak_by_the_journey_it_is_in():
    labels = lambda moments: [m.touchpoint.label for m in moments]  # noqa: E731
    # A poor journey (average 2.9): its 3.0 is above it, so it is a strong point.
    poor = score_journey(journey([{"label": k, "score": v} for k, v in {"a": 2, "b": 3.0, "c": 3.8}.items()]))
    assert poor.average == 2.9 and labels(poor.strong) == ["c", "b"] and labels(poor.weak) == ["a"]
    # A fair one (average 3.1): the same 3.0 is below it, so it is weak, not strong.
    fair = score_journey(journey([{"label": k, "score": v} for k, v in {"a": 2, "b": 3.0, "c": 3.8, "d": 3.6}.items()]))
    assert fair.average == 3.1 and labels(fair.strong) == ["c", "d"] and labels(fair.weak) == ["a", "b"]
    # A happy moment is strong even below a happier average; never weak.
    good = score_journey(journey([{"label": k, "score": v} for k, v in {"a": 5, "b": 4.2, "c": 5}.items()]))
    assert labels(good.strong) == ["a", "c", "b"] and good.weak == ()


def test_the_killers_hit_are_named_once_each_in_the_order_they_strike():
    # The page's verdict, the catalogue, the kiosk, the map's description and
    # the comparisons all name them from Scorecard.killer_labels.
    journey = _finish(Journey.model_validate({
        "killers": [{"id": "a", "label": "Datalek"}, {"id": "b", "label": "Onbeschoft"}],
        "touchpoints": [{"label": "1", "killer": "b"}, {"label": "2", "killer": ["a", "b"]},
                        {"label": "3", "score": 4}],
    }), Site())
    assert score_journey(journey).killer_labels == ("Onbeschoft", "Datalek")
