"""What the site derives from a journey: scores, emotions, killers, voice.

Every rule here is stated in the format document ("What the site derives");
the tests in tests/test_score.py pin each one with worked numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from .model import Journey, Killer, Touchpoint

# The score an emotion stands for when a touchpoint gives no number.
EMOTION_SCORE = {"angry": 1.5, "disappointed": 2.5, "indifferent": 3.5, "happy": 4.5}
STRONG_AND_WEAK = 3  # how many strong and weak moments are listed beside the map
INDIFFERENT_FROM = 3.0  # below it a moment is never called strong
HAPPY_FROM = 4.0  # from it a moment is never called weak


@dataclass(frozen=True, slots=True)
class Moment:
    """One touchpoint with what the site derives from it."""

    index: int
    touchpoint: Touchpoint
    score: float | None  # None: not rated
    emotion: str | None
    killers: tuple[Killer, ...]
    has_voice: bool  # evidence of a kind other than 'assumption'

    @property
    def guessed(self) -> bool:
        """A face whose score no customer gave (no evidence, or assumptions
        only): the map rings it, and every list that shows it says so."""
        return self.score is not None and not self.killers and not self.has_voice


@dataclass(frozen=True, slots=True)
class Scorecard:
    moments: tuple[Moment, ...]
    average: float | None  # mean of the rated moments, one decimal; shown as 'would have been' when killed
    killers_hit: tuple[Moment, ...]
    voice: float  # share of moments with customer evidence, 0..1
    strong: tuple[Moment, ...]
    weak: tuple[Moment, ...]

    @property
    def killed(self) -> bool:
        return bool(self.killers_hit)

    @property
    def score(self) -> float | None:
        """The journey score: the average, unless a killer cancels it."""
        return None if self.killed else self.average

    @property
    def touchpoint_analysis(self) -> bool:
        """No customer evidence at all: an inside-out view, not yet a customer journey."""
        return self.voice == 0

    def ranked(self) -> tuple[tuple[Moment, ...], tuple[Moment, ...]]:
        """Every strong and every weak moment, in the order of `strong` and
        `weak`, which are their first: what a list of one department's
        moments of the journey chooses from (its weakest may be the
        journey's fifth)."""
        return _strong_and_weak([m for m in self.moments if m.score is not None], self.killers_hit, self.average,
                                limit=None)

    @property
    def killer_labels(self) -> tuple[str, ...]:
        """The killers the journey hits, each once, in the order it meets them."""
        return tuple(dict.fromkeys(k.label for m in self.killers_hit for k in m.killers))


def _exact(number: float) -> Fraction:
    """A number as written in front-matter, 0.1 a tenth: worked out in floats,
    weights 0.1, 0.2 and 0.3 on three scores of 3 gave 2.9999999999999996
    ("disappointed"), and the mean of 1.2 and 1.9 gave 1.5499999999999998."""
    return Fraction(repr(number))


def mean1(values: list[float]) -> float | None:
    """The mean to one decimal, halves rounded up (3.25 -> 3.3), as people
    expect; None for no values."""
    if not values:
        return None
    # The same exact sum as Fractions of the numbers as written, ten times
    # sooner: a department's average sums every moment it owns.
    with localcontext(_EXACT_SUM):
        total = sum(map(Decimal, map(repr, values)), Decimal(0))
    return math.floor(Fraction(total) * 10 / len(values) + Fraction(1, 2)) / 10


# Decimal sums of written numbers, exact or an error: never rounded.
_EXACT_SUM = Context(prec=80, traps=[Inexact])


def emotion_for(score: float) -> str:
    if score < 2:
        return "angry"
    if score < 3:
        return "disappointed"
    if score < 4:
        return "indifferent"
    return "happy"


def touchpoint_score(touchpoint: Touchpoint, weights: dict[str, float]) -> float | None:
    if touchpoint.score is not None:
        return float(touchpoint.score)
    if touchpoint.scores:
        weight = {k: _exact(weights.get(k, 1.0)) for k in touchpoint.scores}
        return float(sum(weight[k] * _exact(v) for k, v in touchpoint.scores.items()) / sum(weight.values()))
    if touchpoint.emotion is not None:
        return EMOTION_SCORE[touchpoint.emotion]
    return None


def score_journey(journey: Journey) -> Scorecard:
    weights = {v.id: v.weight for v in journey.values}
    killers = {k.id: k for k in journey.killers}
    moments = []
    for i, tp in enumerate(journey.touchpoints):
        score = touchpoint_score(tp, weights)
        emotion = tp.emotion or (emotion_for(score) if score is not None else None)
        moments.append(
            Moment(
                index=i,
                touchpoint=tp,
                score=score,
                emotion=emotion,
                killers=tuple(killers[k] for k in tp.killer if k in killers),
                has_voice=any(e.kind != "assumption" for e in tp.evidence),
            )
        )
    rated = [m for m in moments if m.score is not None]
    average = mean1([m.score for m in rated])
    hit = tuple(m for m in moments if m.killers)
    strong, weak = _strong_and_weak(rated, hit, average)
    return Scorecard(
        moments=tuple(moments),
        average=average,
        killers_hit=hit,
        voice=sum(m.has_voice for m in moments) / len(moments),
        strong=strong,
        weak=weak,
    )


def _strong_and_weak(rated: list[Moment], hit: tuple[Moment, ...], average: float | None,
                     limit: int | None = STRONG_AND_WEAK) -> tuple[tuple[Moment, ...], tuple[Moment, ...]]:
    """Strong: the best rated moments that are happy, or indifferent and above
    the journey's average. Weak: every killer, then the worst rated moments
    that are angry or disappointed, or indifferent and below the average.
    So an indifferent moment is strong in a poor journey only when it beats
    the journey, and no moment is both; one at the average is neither. Ties
    keep the order of the journey. `limit`: how many of each (killers
    aside), None for all."""
    candidates = [m for m in rated if not m.killers]
    best = sorted(candidates, key=lambda m: (-m.score, m.index))
    strong = tuple(m for m in best if m.score >= HAPPY_FROM or INDIFFERENT_FROM <= m.score and m.score > average)
    worst = sorted(candidates, key=lambda m: (m.score, m.index))
    weak = tuple(m for m in worst if m.score < INDIFFERENT_FROM or m.score < HAPPY_FROM and m.score < average)
    strong, weak = strong[:limit], weak[:limit]
    return strong, hit + weak
