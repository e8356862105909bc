"""What checking a journey page found, as plain JSON the cache can keep.

Checking a page (YAML, every field, plain-language hints) costs more than
reading it back: a `Record` holds the problems, the warnings, the hints, the few
front-matter fields a build needs and the journey itself as JSON, which is
turned back into a model only when something has to be drawn again, or a
redesign compared with its baseline.
Whether a `related` or `baseline` page exists is not the page's own input:
the record keeps the answers it was made with, and is made again when any
of them has changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

import yaml

from .load import FrontMatter, plain_data, split_front_matter
from .organisation import written_owners
from .plain import Glossary, check_plain, page_glossary
from .score import Scorecard, score_journey
from .terms import anchors
from .validate import Problem, Site, check_page, is_web_link, page_language, related_links

if TYPE_CHECKING:  # loaded when a journey is read back (Record._journey)
    from .model import Journey


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
    meta = checked.meta if isinstance(checked.meta, dict) else {}
    lang = page_language(meta)
    hints = []
    if checked.lines is not None and glossary is not None:
        glossary = page_glossary(glossary, site.language, lang)
        hints = [str(h) for h in check_plain(checked.lines, checked.body, path=path, glossary=glossary,
                                             body_line=checked.body_line, language=lang or site.language)]
    record = problems_record(checked.problems)  # its fields, filled in below as far as the check got
    record.update(
        warnings=_rows(checked.warnings),
        title=meta.get("title") if isinstance(meta.get("title"), str) else None,
        tags=meta.get("tags") if isinstance(meta.get("tags"), list) else None,
        lang=lang,
        hints=hints,
        baseline_line=checked.lines.line_of(("journey", "baseline")) if checked.lines is not None else 1,
        asked=asked,
    )
    if (journey := checked.journey) is not None:
        record.update(
            journey=journey.model_dump_json(),
            baseline=journey.baseline,
            journey_tags=journey_tags(journey),
            owners=written_owners(journey, checked.lines),  # where each owner is written: see organisation.departments
            related=related_links(journey, checked.lines),  # for the rule across pages (Build.check_related)
            anchors=anchors(journey.touchpoints),
            # evidence refs that may name a file of the site, which the page then links to
            refs=sorted({e.ref for tp in journey.touchpoints for e in tp.evidence if e.ref and not is_web_link(e.ref)}),
        )
    if checked.lines is not None and "journey" in meta:
        # A journey with errors too: MkDocs' own reader drops the whole front-matter on a value it cannot
        # take (an impossible date), and the page lost its title and tags.
        record.update(read_once(text, checked.lines, meta))
    return record


def read_once(text: str, front: FrontMatter | None, meta: dict) -> dict:
    """How MkDocs can read a journey page without parsing its journey
    again: `cut`, the lines (from, to; 0-based) of the top-level `journey:`
    entry, which MkDocs is handed as `journey: null`, and `journey_meta`,
    what it would have read there, as JSON, for page.meta.

    MkDocs parses every page's front-matter with PyYAML's constructors,
    which for a journey of 20 moments costs more than the rest of its page;
    the plugin has parsed (and cached) it already. Nothing changes unless
    the rest of the front-matter then reads exactly as it did."""
    root = front.root if front is not None else None
    # MkDocs reads CR LF pages with other line ends than the text here, and
    # YAML counts lines at more characters than "\n".
    # (A value MkDocs' reader fails on, front.kept_text, is left to the rest's reading below: in the
    # journey it is cut away, and MkDocs reads the title and tags it dropped with the whole front-matter.)
    if _OTHER_LINE_ENDS.search(text) or not isinstance(root, yaml.MappingNode) or root.flow_style:
        return {}
    fence = _MKDOCS_FRONT_MATTER.match(text)
    yaml_text = fence.group(1) if fence else None
    if yaml_text is None or yaml_text != split_front_matter(text)[0]:
        return {}  # MkDocs would not read this front-matter as the plugin does
    index = [key.value for key, _ in root.value].index("journey")  # one: the loader refuses duplicate keys
    key = root.value[index][0]
    if key.start_mark.column != 0:
        return {}
    after = root.value[index + 1][0].start_mark.line if index + 1 < len(root.value) else yaml_text.count("\n")
    cut = [front.first_line - 1 + key.start_mark.line, front.first_line - 1 + after]
    rest = plain_data(split_front_matter(cut_journey(text, cut))[0] or "")  # {} where MkDocs' reading fails
    if list(rest.items()) != list({**meta, "journey": None}.items()):
        return {}  # every other field, in its place, as it was
    return {"cut": cut, "journey_meta": json.dumps(meta["journey"], default=str)}


# What MkDocs takes for front-matter (mkdocs/utils/meta.py: YAML_RE); the
# core imports nothing from MkDocs.
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_OTHER_LINE_ENDS = re.compile("[\r\x85\u2028\u2029]")


def cut_journey(text: str, cut: list[int]) -> str:
    """The page with the lines `cut` replaced by `journey: null`."""
    lines = text.split("\n")
    return "\n".join(lines[: cut[0]] + ["journey: null"] + lines[cut[1]:])


def problems_record(problems: list[Problem]) -> dict:
    """The record of a page that has only problems to show; every field a
    record has (make_record fills in the rest)."""
    return {"problems": _rows(problems), "warnings": [], "journey": None, "title": None,
            "tags": None, "lang": None, "baseline": None, "journey_tags": [], "owners": [], "related": [],
            "anchors": [], "refs": [], "hints": [], "baseline_line": 1, "asked": {}}


def _rows(problems: list[Problem]) -> list[list]:
    return [[p.path, p.line, p.field, p.message] for p in problems]


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


# A record's fields that only on_files reads (Record.settle).
_SETTLED = ("owners", "related", "refs", "asked", "hints", "baseline_line", "cut")


@dataclass
class Record:
    """A journey page as the build uses it."""

    data: dict
    problems: list[Problem] = field(init=False)

    def __post_init__(self) -> None:
        self.problems = [Problem(*p) for p in self.data["problems"]]

    @property
    def warnings(self) -> list[Problem]:
        """What fails --strict without taking the page's map: text a YAML comment cut short (comments.py)."""
        return [Problem(*w) for w in self.data["warnings"]]

    @property
    def title(self) -> str | None:
        return self.data["title"]

    @property
    def tags(self) -> list | None:
        return self.data["tags"]

    @property
    def lang(self) -> str | None:
        """The page's own language, when it has one (`lang:`)."""
        return self.data["lang"]

    @property
    def owners(self) -> list[list]:
        """Every owner the journey names, as [name, line, field] (organisation.written_owners);
        read in on_files only: `settle` forgets it."""
        return self.data["owners"]

    @property
    def anchors(self) -> list[str]:
        """The ids of the moments' rows on the page."""
        return self.data["anchors"]

    @property
    def shown(self) -> list:
        """What maps and lists show of the page: its journey, title and tags,
        in its language. Not its prose, nor the hints about it: editing the
        text below the front-matter checks the page again and makes nothing else."""
        return [self.data["journey"], self.data["title"], self.data["tags"], self.data["lang"]]

    def fail(self, problem: Problem) -> None:
        """A problem found across pages (a baseline): the page shows it instead of a map."""
        self.problems.append(problem)

    @cached_property
    def _journey(self) -> Journey | None:
        from .model import Journey  # pydantic: only when a map, page or list has to be made again

        text = self.data["journey"]
        return Journey.model_validate_json(text) if text is not None else None

    @property
    def journey(self) -> Journey | None:
        return self._journey if not self.problems else None

    @cached_property
    def card(self) -> Scorecard | None:
        return score_journey(self.journey) if self.journey is not None else None

    def settle(self) -> None:
        """Forget what only the build's on_files reads: the departments'
        names and the links between pages are worked out by then, and a
        large library held them for every journey to the end of its build
        (about a quarter of a record; see README, "Performance")."""
        for name in _SETTLED:
            self.data.pop(name, None)

    def let_go(self) -> None:
        """Forget the model and its scorecard (read back from `data` if asked for again)."""
        self.__dict__.pop("_journey", None)
        self.__dict__.pop("card", None)
