"""The journey model: the `journey:` front-matter as typed, immutable data.

Pydantic checks each field on its own (types, enums, ranges, unknown keys);
rules that need the whole journey (does this phase exist? is this id unique?)
live in `validate.py`, which also turns errors into `path:line:` messages.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator

from .terms import EMOTIONS, EVIDENCE_KINDS, SHAPES, STATUSES, invisible_problem, line_breaks


# The format's fixed terms, named once in terms.py.
Emotion = Literal[EMOTIONS]
EvidenceKind = Literal[EVIDENCE_KINDS]
Shape = Literal[SHAPES]
Status = Literal[STATUSES]

def _no_hidden_characters(text: str) -> str:
    if problem := invisible_problem(text):
        raise ValueError(problem)
    return line_breaks(text)


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(_no_hidden_characters)
]


def _number_as_text(value: object) -> object:
    # 'phase: 2024' or 'owner: 112' is a name that YAML happens to read as a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A phase, channel or owner: text, or a whole number taken as its name.
Name = Annotated[Text, BeforeValidator(_number_as_text)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=100)]
Rating = Annotated[float, Field(ge=1, le=5, strict=True)]
def _on_the_calendar(text: str) -> str:
    if len(text) == 10:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a day on the calendar; expected a date like 2026-09-30, "
                             "a month like 2026-09 or a year like 2026") from None
    return text


# A year-month ("2026-09"), a year ("2026") or a full date.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$"),
                        AfterValidator(_on_the_calendar)]


class _Strict(BaseModel):
    # Unknown keys are errors (a misspelt field must not vanish silently);
    # frozen so a parsed journey can be shared between pages and renders.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(_Strict):
    id: Slug
    label: Text


class Value(_Strict):
    id: Slug
    label: Text
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)] = 1.0


class Killer(_Strict):
    id: Slug
    label: Text


class Evidence(_Strict):
    kind: EvidenceKind
    n: Annotated[int, Field(ge=1, strict=True)] | None = None
    date: PartialDate | None = None
    ref: Text | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        # YAML reads 2026-09-01 as a date, 2026 as a number and 2026-09 as
        # text; keep all as text.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value.isoformat() if isinstance(value, dt.date) else value


class Touchpoint(_Strict):
    label: Text
    id: Slug | None = None
    phase: Name | None = None
    channel: Name | None = None
    owner: Name | None = None
    emotion: Emotion | None = None
    score: Rating | None = None
    scores: dict[Slug, Rating] | None = None
    # default_factory: a shared [] default would be deep-copied for every touchpoint
    killer: list[Slug] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    quote: Text | None = None
    pain: Text | None = None
    opportunity: Text | None = None
    backstage: Text | None = None
    related: Text | None = None

    @field_validator("killer", mode="before")
    @classmethod
    def _one_killer_as_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Journey(_Strict):
    persona: Text | None = None
    owner: Name | None = None  # as a touchpoint's owner: every owner gets a page
    shape: Shape = "timeline"
    status: Status = "as-is"
    updated: dt.date | None = None
    baseline: Text | None = None
    # validate.py expands a preset name and plain labels into Phase items first.
    phases: list[Phase] = Field(default_factory=list)
    values: list[Value] = Field(default_factory=list)
    killers: list[Killer] = Field(default_factory=list)
    touchpoints: Annotated[list[Touchpoint], Field(min_length=1, max_length=500)]

    @field_validator("updated", mode="before")
    @classmethod
    def _not_seconds(cls, value: object) -> object:
        # pydantic reads a number as seconds since 1970: 'updated: 0' was 1970-01-01.
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
                isinstance(value, str) and value.strip().lstrip("+-").replace(".", "", 1).isdigit()):
            raise ValueError(f"{value} is not a date; expected a date like 2026-11-01")
        return value

    def owner_of(self, touchpoint: Touchpoint) -> str | None:
        """Who owns a moment, as written: its own owner, else the journey's (the format)."""
        return touchpoint.owner or self.owner

    def phase_index(self, touchpoint: Touchpoint) -> int | None:
        """Index of the touchpoint's phase in `phases` (None without phases)."""
        ids = [phase.id for phase in self.phases]
        labels = [phase.label for phase in self.phases]
        for names in (ids, labels):  # an id first, as validate._finish reads it
            if touchpoint.phase in names:
                return names.index(touchpoint.phase)
        return None
