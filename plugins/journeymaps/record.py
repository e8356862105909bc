"""What checking a journey page found, as plain JSON the cache can keep.

Checking a page (YAML, every field, plain-language hints) costs more than
reading it back: a `Record` holds the problems, the hints, the few
front-matter fields a build needs and the journey itself as JSON, which is
turned back into a model only when something has to be drawn again, or a
redesign compared with its baseline.
Whether a `related` or `baseline` page exists is not the page's own input:
the record keeps the answers it was made with, and is made again when any
of them has changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .model import Journey
from .plain import Glossary, check_plain
from .score import Scorecard, score_journey
from .validate import Problem, Site, check_page


def make_record(text: str, *, path: str, src_uri: str, site: Site, glossary: Glossary | None) -> dict | None:
    """Check a page; None when it is not a journey page."""
    asked: dict[str, bool] = {}
    exists = site.page_exists

    def page_exists(uri: str) -> bool:
        asked[uri] = answer = bool(exists(uri)) if exists else True
        return answer

    checked = check_page(text, path=path, src_uri=src_uri, site=Site(site.language, site.killers, page_exists))
    if checked is None:
        return None
    hints = []
    if checked.lines is not None and glossary is not None:
        hints = [str(h) for h in check_plain(checked.lines, checked.body, path=path, glossary=glossary, body_line=checked.body_line)]
    meta = checked.meta if isinstance(checked.meta, dict) else {}
    return {
        **problems_record(checked.problems),
        "journey": checked.journey.model_dump_json() if checked.journey is not None else None,
        "title": meta.get("title") if isinstance(meta.get("title"), str) else None,
        "tags": meta.get("tags") if isinstance(meta.get("tags"), list) else None,
        "baseline": checked.journey.baseline if checked.journey is not None else None,
        "journey_tags": journey_tags(checked.journey) if checked.journey is not None else [],
        "related": sorted({tp.related for tp in checked.journey.touchpoints if tp.related}) if checked.journey else [],
        "hints": hints,
        "baseline_line": checked.lines.line_of(("journey", "baseline")) if checked.lines is not None else 1,
        "asked": asked,
    }


def problems_record(problems: list[Problem]) -> dict:
    """The record of a page that has only problems to show."""
    return {"problems": [[p.path, p.line, p.field, p.message] for p in problems], "journey": None, "title": None,
            "tags": None, "baseline": None, "journey_tags": [], "related": [], "hints": [], "baseline_line": 1, "asked": {}}


def journey_tags(journey: Journey) -> list[str]:
    """A journey's owners, channels and phases, as tags."""
    owners = [journey.owner] + [tp.owner for tp in journey.touchpoints]
    channels = [tp.channel for tp in journey.touchpoints]
    used = {tp.phase for tp in journey.touchpoints}
    phases = [p.label for p in journey.phases if p.id in used]
    return list(dict.fromkeys(tag for tag in owners + channels + phases if tag))


def with_tags(existing: object, tags: list[str]) -> list:
    """The page's own tags, then `tags` not among them."""
    result = list(existing) if isinstance(existing, list) else []
    return result + [tag for tag in tags if tag not in result]


def still_true(record: dict, page_exists: Callable[[str], bool]) -> bool:
    """Do the pages the record asked about still exist, or not, as they did?"""
    return all(page_exists(uri) == answer for uri, answer in record.get("asked", {}).items())


@dataclass
class Record:
    """A journey page as the build uses it. `key` names everything the
    record was made from: the page's own input and the answers about the
    pages it links to."""

    key: str
    data: dict
    problems: list[Problem] = field(init=False)

    def __post_init__(self) -> None:
        self.problems = [Problem(*p) for p in self.data["problems"]]

    @property
    def title(self) -> str | None:
        return self.data["title"]

    @property
    def tags(self) -> list | None:
        return self.data["tags"]

    def fail(self, problem: Problem) -> None:
        """A problem found across pages (a baseline): the page shows it instead of a map."""
        self.problems.append(problem)

    @cached_property
    def _journey(self) -> Journey | None:
        text = self.data["journey"]
        return Journey.model_validate_json(text) if text is not None else None

    @property
    def journey(self) -> Journey | None:
        return self._journey if not self.problems else None

    @cached_property
    def card(self) -> Scorecard | None:
        return score_journey(self.journey) if self.journey is not None else None
