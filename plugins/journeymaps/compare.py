"""A redesigned journey against its baseline (normally today's journey).

Moments are matched by `id`, else by label (the format document's rule); a
redesign is judged by what changed: the journey score, the killers, the
customer voice, and moment by moment. No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .score import Moment, Scorecard

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from .model import Touchpoint


def moment_key(touchpoint: Touchpoint) -> tuple[str, str]:
    return ("id", touchpoint.id) if touchpoint.id else ("label", touchpoint.label)


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
    changes: tuple[MomentChange, ...]  # biggest changes first (improvements before regressions), then added, removed

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
    old = {moment_key(m.touchpoint): m for m in before.moments}
    new_keys = {moment_key(m.touchpoint) for m in after.moments}
    matched = [MomentChange(old.get(moment_key(m.touchpoint)), m) for m in after.moments]
    removed = [MomentChange(m, None) for key, m in old.items() if key not in new_keys]

    def order(change: MomentChange) -> tuple:
        delta = change.delta
        rank = {"matched": 0, "added": 1, "removed": 2}[change.kind]
        position = (change.after or change.before).index
        return (rank, -abs(delta) if delta is not None else 1, -(delta or 0), position)

    return Comparison(before, after, tuple(sorted(matched + removed, key=order)))
