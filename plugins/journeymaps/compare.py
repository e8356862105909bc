"""A redesigned journey against its baseline (normally today's journey).

Moments are matched by `id`, else by label (the format document's rule); a
redesign is judged by what changed: the journey score, the killers, the
customer voice, and moment by moment. No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .score import Moment, Scorecard

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from .model import Touchpoint


def pair(before: Sequence[Moment], after: Sequence[Moment]) -> tuple[list[tuple[Moment | None, Moment]], list[Moment]]:
    """Each moment of `after` with its moment of `before` (None: added), and
    the moments of `before` left over (removed). By id, else by label (the
    format's rule): first the moments with the same id, then the others by
    label, in order. Keyed by id or label alone, a moment that gained an id
    no longer met its label on the other side, and of a label written twice
    only the last was compared."""
    left = list(before)
    found: dict[int, Moment] = {}

    def same_id(b: Touchpoint, a: Touchpoint) -> bool:
        return a.id is not None and b.id == a.id

    def same_label(b: Touchpoint, a: Touchpoint) -> bool:
        return b.label == a.label and not (b.id and a.id)  # two ids that differ name two moments

    for same in (same_id, same_label):
        for moment in after:
            match = None if moment.index in found else next(
                (b for b in left if same(b.touchpoint, moment.touchpoint)), None)
            if match is not None:
                found[moment.index] = match
                left.remove(match)
    return [(found.get(m.index), m) for m in after], left


@dataclass(frozen=True)
class MomentChange:
    before: Moment | None  # None: added in the redesign
    after: Moment | None  # None: removed by the redesign

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "matched"

    @property
    def delta(self) -> float | None:
        """The change in score; None unless both sides are rated (killers count as unrated)."""
        if self.before is None or self.after is None:
            return None
        b = None if self.before.killers else self.before.score
        a = None if self.after.killers else self.after.score
        return None if a is None or b is None else a - b

    @property
    def label(self) -> str:
        return (self.after or self.before).touchpoint.label


@dataclass(frozen=True)
class Comparison:
    before: Scorecard
    after: Scorecard
    # biggest changes first, either way (an improvement before a regression of the same size), then added, removed
    changes: tuple[MomentChange, ...]

    @property
    def score_delta(self) -> float | None:
        b, a = self.before.score, self.after.score
        return None if a is None or b is None else a - b

    @property
    def killers_removed(self) -> list[str]:
        return sorted(set(self.before.killer_labels) - set(self.after.killer_labels))

    @property
    def killers_added(self) -> list[str]:
        return sorted(set(self.after.killer_labels) - set(self.before.killer_labels))


def compare(before: Scorecard, after: Scorecard) -> Comparison:
    pairs, left = pair(before.moments, after.moments)
    matched = [MomentChange(b, a) for b, a in pairs]
    removed = [MomentChange(b, None) for b in left]

    def order(change: MomentChange) -> tuple:
        delta = change.delta
        rank = {"matched": 0, "added": 1, "removed": 2}[change.kind]
        position = (change.after or change.before).index
        return (rank, -abs(delta) if delta is not None else 1, -(delta or 0), position)

    return Comparison(before, after, tuple(sorted(matched + removed, key=order)))
