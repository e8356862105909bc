"""From a page's text to a valid Journey, or to every problem in it.

Each problem is one line, `path:line: field.path: message`, and says what
would be valid. The plugin and the command line both call `check_page`, so an
editor sees the same messages before review as the build gives.
"""

from __future__ import annotations

import difflib
import math
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Container, Mapping
from urllib.parse import quote, unquote

from .comments import cut_by_comments
from .escape import visible
from .i18n import LABELS, preset_phases
from .load import (
    FrontMatter, LoadError, Near, describe, has_journey, journey_blocks, mentions_journey, near_journey,
    opens_front_matter, parse_front_matter, plain_data, shorten, split_front_matter,
)
from .skeleton import PLACEHOLDERS
from .terms import EMOTIONS, EVIDENCE_KINDS, PRESETS, SHAPES, STATUSES, invisible_problem, line_breaks, slugify

# pydantic is loaded when a page is first checked (_check_fields): a build
# that takes every check from the cache, and uses only what else is here
# (Problem, Site, decode_page, resolve_page), never needs it.
if TYPE_CHECKING:
    from pydantic import BaseModel

    from .model import Journey, Killer

ENUMS = {
    "emotion": EMOTIONS,
    "kind": EVIDENCE_KINDS,
    "shape": SHAPES,
    "status": STATUSES,
}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# What a browser drops from a URL before it reads the scheme (WHATWG URL):
# C0 controls and spaces around it, tabs and newlines anywhere ('java\tscript:').
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_IGNORES = re.compile(r"[\t\n\r]")


def url_scheme(text: str) -> tuple[str | None, str]:
    """The scheme a browser reads in `text` as a URL ('javascript', lower
    case; None without one), and what follows its colon."""
    url = _URL_IGNORES.sub("", text.strip(_URL_EDGES))
    scheme = _SCHEME.match(url)
    return (scheme.group()[:-1].lower(), url[scheme.end() :]) if scheme else (None, url)


def _is_foreign_url(ref: str) -> bool:
    """A ref that a browser would read as a URL with a scheme other than
    http(s). 'Rapport: enquête 2026' is a citation: a space follows the colon."""
    scheme, rest = url_scheme(ref)
    if scheme is None or not rest or rest[0].isspace():
        return False
    return scheme not in ("http", "https")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Messages quote front-matter (values, keys) and name files: shown in a
        # terminal, a control character could recolour it or set its title.
        for name in ("path", "field", "message"):
            object.__setattr__(self, name, visible(getattr(self, name)))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Site:
    """What validation needs to know about the site a page belongs to."""

    language: str = "en"
    killers: tuple[Killer, ...] = ()  # site-wide killers, available to every journey
    # Does a page exist at this docs-relative path? None: do not check links.
    page_exists: Callable[[str], bool] | None = None


@dataclass
class Checked:
    """The outcome of checking one page."""

    journey: Journey | None
    problems: list[Problem]
    meta: dict = field(default_factory=dict)  # the whole front-matter, when it parsed
    body: str = ""
    lines: FrontMatter | None = None
    body_line: int = 1  # the line of the file where the Markdown body starts
    # Warnings: the map is drawn, but --strict fails (text a YAML comment cut short, comments.py).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.journey is not None and not self.problems

    @property
    def reported(self) -> list[Problem]:
        return in_line_order(self.problems + self.warnings)


def in_line_order(problems: list[Problem]) -> list[Problem]:
    """Problems and warnings in the order of their lines, as the build logs them."""
    return sorted(problems, key=lambda p: p.line)


def decode_page(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """A page's text; bytes that are not UTF-8 become U+FFFD and one problem
    naming the line of the first, so the page is reported, not lost."""
    # As MkDocs reads pages (File.content_string): a byte-order mark is
    # dropped (editors on Windows write one), so the front-matter still starts
    # the file, and every line end, a CR alone too, becomes a LF.
    try:
        return line_breaks(data.decode("utf-8-sig")), []
    except UnicodeDecodeError as error:
        line = line_breaks(data[: error.start].decode("utf-8", errors="replace")).count("\n") + 1
        message = f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        return line_breaks(data.decode("utf-8-sig", errors="replace")), [Problem(path, line, "file", message)]


def check_page(text: str, *, path: str, src_uri: str, site: Site = Site()) -> Checked | None:
    """Check a Markdown page. None when it is not a journey page at all.

    `path` is how the file is named in messages; `src_uri` its path relative
    to the docs folder, against which `related` and `baseline` resolve.
    """
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        if opens_front_matter(text) and mentions_journey(text):  # MkDocs would show the YAML as text, and no map
            near = _NEAR_CLOSING.search(text, text.find("\n") + 1)  # '----' or '--' meant as the closing line
            # ... when what stands above it reads as the journey: not a rule or a heading's line in the text
            if near and "journey" in plain_data(text[text.find("\n") + 1 : near.start()]):
                return Checked(None, [Problem(path, text.count("\n", 0, near.start()) + 1, "front-matter",
                                              f"'{near[1]}' does not close the front-matter; write --- (three dashes) "
                                              "on this line")])
            return Checked(None, [Problem(path, 1, "front-matter", "starts with --- but no line --- closes it; "
                                          "add a line with --- after the journey")])
        # Blank lines or spaces above the ---: MkDocs reads front-matter only
        # at the very start, and would show the journey's YAML as text.
        below = text.lstrip()
        if below is not text and mentions_journey(split_front_matter(below)[0] or ""):
            line = text[: len(text) - len(below)].count("\n") + 1
            return Checked(None, [Problem(path, line, "front-matter", "the --- that opens it must be the first line "
                                          "of the page; remove the blank lines or spaces above it")])
        return None
    if not mentions_journey(yaml_text):
        if near := near_journey(yaml_text):  # else the page silently lost its map
            line = 2 + yaml_text.count("\n", 0, near.start)
            # with the rest of the front-matter, when it reads: its title names it on the lists
            return Checked(None, [_near_problem(near, path, line, "for this page to be a journey map")],
                           plain_data(yaml_text))
        return None
    checked = check_front_matter(yaml_text, path=path, src_uri=src_uri, site=site, first_line=2, body=body)
    checked.body_line = text[: len(text) - len(body)].count("\n") + 1
    return checked


_NEAR_CLOSING = re.compile(r"^(-{4,}|-{1,2}|\.{4,}|—|–)[ \t]*\r?$", re.M)


def check_front_matter(
    yaml_text: str, *, path: str, src_uri: str, site: Site = Site(), first_line: int = 2, body: str = ""
) -> Checked:
    """Check YAML with a `journey:` key whose first line is line `first_line`
    of the file (front-matter, or a fenced block in a page)."""
    try:
        front = parse_front_matter(yaml_text, first_line=first_line)
    except LoadError as error:
        return Checked(None, [Problem(path, error.line, error.field, error.message)], body=body)
    report = _Report(path, front)
    checked = Checked(None, report.problems, front.data, body, front,
                      warnings=[Problem(path, line, field_name(loc), message)
                                for loc, line, message in cut_by_comments(front)])
    raw = front.data.get("journey")
    if not isinstance(raw, dict):
        report.add(("journey",), f"expected a mapping of journey fields, got {describe(raw)}")
        return checked
    checked.warnings += [Problem(path, front.line_of(loc), field_name(loc), "still the example text that "
                                 "'journeys new' wrote; write what is true of this journey")
                         for loc in _placeholders(raw)]
    _check_page_fields(front.data, report)
    if _DIGIT_COMMA_DIGIT.search(yaml_text):  # most journeys have none: the walk costs nothing then
        raw = _decimal_commas(raw, ("journey",), report)
    data = _expand_phases(raw, page_language(front.data) or site.language, report)
    journey = _check_fields(data, report)
    _check_references(data, site, src_uri, report)
    if not report.problems and journey is not None:
        checked.journey = _finish(journey, site)
    return checked


def _placeholders(raw: dict) -> list[tuple]:
    """Where a field still holds an example text of `journeys new` (a
    warning: published, a team named "The team that owns this moment" got a
    department page of its own)."""
    fields = [(("journey", name), raw.get(name)) for name in ("persona", "owner")]
    moments = raw.get("touchpoints")
    for n, moment in enumerate(moments if isinstance(moments, list) else []):
        if isinstance(moment, dict):
            fields += [(("journey", "touchpoints", n, name), moment.get(name))
                       for name in ("label", "owner", "pain", "opportunity")]
    return [loc for loc, value in fields if isinstance(value, str) and value.strip() in PLACEHOLDERS]


def check_block(
    yaml_text: str, *, path: str, src_uri: str, site: Site, first_line: int, read_page: Callable[[str], bytes | None],
    reports_page: Callable[[str], bool] = lambda src_uri: False,
) -> tuple[Checked, str | None, list[Problem]]:
    """Check a ```journey block (extension.py) whose first line is line
    `first_line` of the page `path`: a journey in the front-matter format, or
    `page:` naming a journey page, read with `read_page` (docs-relative path
    -> the file's bytes, None when there is none; a page that is not UTF-8
    has that as its problem, as when it is checked itself). Also the docs-relative page named, and
    what the block reports: its own problems and warnings. A page it names
    reports its own when the site builds it and the front end reports that
    page's problems with it (`reports_page`, by docs-relative path: the build
    does for every page, check for each page it checks in the same run); else
    the block reports them."""
    try:
        front = parse_front_matter(yaml_text, first_line=first_line)
    except LoadError:
        front = None  # the full check below says where
    if front is None or ("journey" in front.data and "page" not in front.data):
        checked = check_front_matter(yaml_text, path=path, src_uri=src_uri, site=site, first_line=first_line)
        return checked, None, checked.reported
    if problems := _not_a_block(front, path):
        return Checked(None, problems), None, problems
    link = front.data["page"]
    target = resolve_page(link, src_uri)
    data = read_page(target) if target else None
    checked = None
    if data is not None:  # the page named as this page is named: from the same folder
        shown = posixpath.join(posixpath.dirname(path), posixpath.relpath(target, posixpath.dirname(src_uri) or "."))
        text, undecodable = decode_page(data, posixpath.normpath(shown))
        if undecodable and has_journey(text):  # as the page is reported itself: its bytes, its journey not checked
            checked = Checked(None, undecodable)
        else:
            checked = check_page(text, path=posixpath.normpath(shown), src_uri=target, site=site)
    line = front.line_of(("page",))
    if checked is None:
        # Where it looked: the link is relative to this page, as a Markdown link is, not to the docs folder.
        looked = f" (looked for {target}: a link from this page's folder)" if target and target != link else ""
        problems = [Problem(path, line, "page", f"'{link}' is not a journey page of this site{looked}")]
        return Checked(None, problems), None, problems
    if site.page_exists is None or not site.page_exists(target) or not reports_page(target):
        # A page the site leaves out (a draft), or one check is not checking, reports nothing of its own.
        return checked, target, checked.reported
    # The page reports its problems and warnings itself, once. Its map is drawn when it has no problems, else
    # they are shown in its place, and the block says so: where it is, and why it shows no map.
    broken = [Problem(path, line, "page", f"'{link}' has errors, reported with that page, so its map is not "
                                          "shown here")] if checked.problems else []
    return checked, target, broken


def _near_problem(near: Near, path: str, line: int, why: str = "") -> Problem:
    """A journey without its `journey:` key (load.near_journey)."""
    if near.key == "journey":
        return Problem(path, line, "journey", "no colon after journey; write journey: on this line")
    if not near.key:
        return Problem(path, line, "touchpoints", "a journey's fields go under journey:; add a line journey: above "
                       "them and indent them under it")
    return Problem(path, line, near.key, f"'{shorten(near.key)}' is not 'journey'; write journey: in lower case, "
                   f"singular{', ' + why if why else ''}")


def _not_a_block(front: FrontMatter, path: str) -> list[Problem]:
    """What makes a ```journey block neither a journey under `journey:` nor `page:` alone."""
    block = front.data
    if "page" not in block:
        if (near := near_journey(front.text)) and near.key:  # (fields with no key above: the message below)
            return [_near_problem(near, path, front.first_line + front.text.count("\n", 0, near.start))]
        return [Problem(path, front.line_of(()), "journey", "a ```journey block needs journey:, with the journey's "
                        "fields (touchpoints and the rest) indented under it, or page: alone, naming a journey page")]
    if "journey" in block:
        return [Problem(path, front.line_of(("page",)), "page", "a block holds a journey under journey:, or page: "
                        "naming a journey page, not both; remove one of them")]
    if others := [key for key in block if key != "page"]:
        return [Problem(path, front.line_of((key,)), key, f"a block with page: holds nothing else; remove "
                        f"'{shorten(key)}:', or write the journey itself in the block, under journey:, without page:")
                for key in others]
    if not isinstance(block["page"], str) or not block["page"].strip():
        return [Problem(path, front.line_of(("page",)), "page", "expected the path of a journey page, "
                        f"e.g. journeys/verhuizing.md, got {describe(block['page'])}")]
    return []


def block_problems(
    text: str, *, path: str, src_uri: str, site: Site, read_page: Callable[[str], bytes | None],
    undecodable: list[Problem] = (), reports_page: Callable[[str], bool] = lambda src_uri: False,
) -> list[Problem]:
    """What the build reports for the ```journey blocks in a page's Markdown
    body: the problems of each block that draws no map, and the warnings of
    each block's own YAML (extension.py logs both); first, when it holds a
    block, where the page is not UTF-8 (`undecodable`, from decode_page).
    A journey page a block shows reports its own problems where
    `reports_page` says so (check_block)."""
    _, body = split_front_matter(text)
    first_line = text[: len(text) - len(body)].count("\n") + 1
    # The line ends and tabs Python-Markdown reads before the blocks' preprocessor does (NormalizeWhitespace).
    lines = line_breaks(body).expandtabs(4).split("\n")
    blocks = journey_blocks(lines)
    problems: list[Problem] = list(undecodable) if blocks else []
    for start, end in blocks:
        _, _, reported = check_block("\n".join(lines[start + 1 : end]), path=path, src_uri=src_uri, site=site,
                                     first_line=first_line + start + 1, read_page=read_page,
                                     reports_page=reports_page)
        problems += reported
    return problems


class _Report:
    def __init__(self, path: str, front: FrontMatter):
        self.path, self.front, self.problems = path, front, []
        self._seen: set[tuple[int, str]] = set()

    def add(self, loc: tuple, message: str, at: tuple | None = None) -> None:
        """A problem of the field `loc`, on the line of the field `at` when given."""
        name = field_name(loc)
        line = self.front.line_of(at or loc)
        if (line, name) not in self._seen:  # pydantic may report one field twice
            self._seen.add((line, name))
            self.problems.append(Problem(self.path, line, name, message))

    def sort(self) -> None:
        self.problems.sort(key=lambda p: p.line)


def field_name(loc: tuple) -> str:
    """('journey', 'touchpoints', 2, 'emotion') -> 'journey.touchpoints[2].emotion'."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def suggest(value: object, options) -> str:
    """' (did you mean 'happy'?)' for a near miss, else ''."""
    match = difflib.get_close_matches(str(value).lower(), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def in_the_formats_words(value: object, options) -> str:
    """' (values are written in English: 'happy')' for an option written as
    the site shows it in Dutch ('blij', 'enquête', 'tijdlijn'), else ''."""
    written = slugify(str(value), empty="")
    if written in options:  # 'Happy': a near miss, not another language
        return ""
    for option in options:
        if any(written == slugify(labels.get(option, ""), empty="-") for labels in LABELS.values()):
            return f" (values are written in English: '{option}')"
    return ""


def _one_of(options) -> str:
    return ", ".join(str(o) for o in options)


def _check_page_fields(meta: dict, report: _Report) -> None:
    """The page's own fields that show with its map (on the catalogue, the
    kiosk, the department pages, in the SVG's title) hold no invisible
    direction or control characters either."""
    for key in ("title", "description"):
        if isinstance(meta.get(key), str) and (problem := invisible_problem(meta[key])):
            report.add((key,), problem)
        elif isinstance(meta.get(key), (list, dict)):  # '[a, b]' would show as a Python list
            report.add((key,), f"expected text, got {describe(meta[key])}; put it in quotes if it starts with [ or {{")
    tags = meta.get("tags")
    for n, tag in enumerate(tags if isinstance(tags, list) else []):
        if isinstance(tag, str) and (problem := invisible_problem(tag)):
            report.add(("tags", n), problem)
    if "lang" in meta and page_language(meta) is None:
        report.add(("lang",), f"{describe(meta['lang'])} is not a language tag; write one such as en, nl or en-GB")


# A language tag (BCP 47's language and its subtags), as the page's HTML lang attribute takes it.
LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*"


def page_language(meta: object) -> str | None:
    """The page's own language (`lang:` in its front-matter, when the page is
    written in another language than the site): its map and the labels
    around it follow it. None when it has none, or none that is valid."""
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and re.fullmatch(LANGUAGE_TAG, lang) else None


def _decimal_commas(value: object, loc: tuple, report: _Report) -> object:
    """A number with a decimal comma in braces, {snel: 4,5}, is to YAML
    {snel: 4, '5': null}: reported as the number it was meant to be, not as
    an unknown field '5' or a score '5' that is empty; the stray field is left out."""
    if isinstance(value, list):
        return [_decimal_commas(item, loc + (n,), report) for n, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    result: dict = {}
    before = None
    for key, item in value.items():
        number = result.get(before)
        if item is None and key.isdigit() and isinstance(number, int) and not isinstance(number, bool):
            if before == "n" and len(key) == 3:  # a count of people: 1,200 is twelve hundred
                advice = f"write the number without a separator: {number}{key}"
            else:
                advice = f"write a decimal point, not a comma: {number}.{key}"
            report.add(loc + (before,), f"{number},{key} is read as {number} and a field '{key}'; {advice}")
            continue
        result[key] = _decimal_commas(item, loc + (key,), report)
        before = key
    return result


# --- phases -------------------------------------------------------------------------


def _expand_phases(raw: dict, language: str, report: _Report) -> dict:
    """Presets become their phases; a plain label becomes {id: slug, label}."""
    phases = raw.get("phases")
    data = dict(raw)
    if isinstance(phases, str):
        if phases.startswith("-"):  # '-A' on each line: one text, '-A -B'
            first = phases.split()[0][1:] or "Oriënteren"
            report.add(("journey", "phases"), f"put a space after the - that starts each phase, "
                                              f"e.g. '- {shorten(first)}'")
            data.pop("phases")
        elif phases in PRESETS:
            data["phases"] = [{"id": pid, "label": label} for pid, label in preset_phases(phases, language)]
        else:
            report.add(
                ("journey", "phases"),
                f"'{shorten(phases)}' is not a preset; expected a list of phases or one of: "
                f"{_one_of(PRESETS)}{suggest(phases, PRESETS)}",
            )
            data.pop("phases")
    elif isinstance(phases, list):
        data["phases"] = [_phase(p, n) for n, p in enumerate(phases, 1)]
    return data


def _phase(item: object, number: int) -> object:
    """A label alone becomes {id, label}: its slug, or 'phase-2' for the
    second phase when the label has no Latin letter or digit (Arabic, Chinese,
    an emoji). A number is a label YAML happened to read as one."""
    if isinstance(item, int) and not isinstance(item, bool):  # as a touchpoint's phase (model.py)
        item = str(item)
    return {"id": slugify(item, empty=f"phase-{number}"), "label": item} if isinstance(item, str) else item


# --- field by field (pydantic) --------------------------------------------------------


def _check_fields(data: dict, report: _Report) -> Journey | None:
    """The journey, field by field; None (and the problems reported) when a field is wrong."""
    from pydantic import ValidationError

    from .model import Journey

    try:
        return Journey.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        # A field misspelt ('touchpoint:') is reported once, as unknown with the name meant: not
        # also as the required field that is then missing, on another line.
        meant = {tuple(e["loc"][:-1]) + (m[0],) for e in errors if e["type"] == "extra_forbidden"
                 for m in [difflib.get_close_matches(str(e["loc"][-1]).lower(),
                                                     list(_model_at(("journey",) + e["loc"]).model_fields), n=1,
                                                     cutoff=0.6)] if m}
        for err in errors:
            if err["type"] == "missing" and tuple(err["loc"]) in meant:
                continue
            loc = ("journey",) + tuple(p for p in err["loc"] if p != "[key]")
            if err["type"] == "string_pattern_mismatch" and "killer" in loc:
                continue  # not a killer id: _check_references says which killer was meant
            dashed = [key for key in err["input"] if str(key).startswith("-")] if err["type"] == "list_type" \
                and isinstance(err["input"], dict) else []
            if dashed:  # '-label: A' is a field named '-label', not an item of a list
                report.add(loc, "put a space after the - that starts a list item, e.g. '- label: ...'",
                           at=loc + (dashed[0],))
                continue
            report.add(loc, _message(err, loc))
        return None


def _model_at(loc: tuple) -> type[BaseModel]:
    """The model that holds the field at `loc` (for 'unknown field' messages)."""
    from . import model

    by_list = {"phases": model.Phase, "values": model.Value, "killers": model.Killer,
               "touchpoints": model.Touchpoint, "evidence": model.Evidence}
    current: type[BaseModel] = model.Journey
    for part in loc[1:-1]:
        if isinstance(part, str) and part in by_list:
            current = by_list[part]
    return current


_DIGIT_COMMA_DIGIT = re.compile(r"\d,[ \t]*\d")
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")  # 4,5: as the Dutch site shows a score, and as Dutch writes it
_DAY_FIRST = re.compile(r"(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})")  # 30-11-2026, 30/11/2026, 11-2026


def _is_number(text: str) -> bool:
    """Would YAML read the text, unquoted, as a finite number ('3.5'; not 'nan' or '1e0', text either way)?"""
    number = plain_data(f"x: {text.strip()}").get("x") if "\n" not in text else None
    return isinstance(number, (int, float)) and not isinstance(number, bool) and math.isfinite(number)


def year_first(value: object) -> str | None:
    """'30-11-2026' as the format writes it, '2026-11-30'; None for anything else."""
    match = _DAY_FIRST.fullmatch(str(value).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return f"{match[3]}-{int(match[2]):02}" + (f"-{int(match[1]):02}" if match[1] else "")


def _message(err: dict, loc: tuple) -> str:
    kind, value, name = err["type"], err.get("input"), loc[-1]
    if kind == "missing":  # and what would be valid, where the field's name does not say it
        if name in ENUMS:
            return f"required field is missing; expected one of {_one_of(ENUMS[name])}"
        if name == "touchpoints":
            return "required field is missing; expected a list of at least one touchpoint, each with a label"
        if name == "id" and "phases" in loc:
            return "required field is missing; a phase is {id, label}, or its label alone (its id is then its slug)"
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = list(_model_at(loc).model_fields)
        return f"unknown field '{shorten(name)}'{suggest(name, allowed)}; expected one of: {_one_of(allowed)}"
    if kind == "literal_error":
        options = ENUMS.get(name, ())
        if not isinstance(value, str) or not value.strip():  # not "'' is not one of": there is nothing to quote
            return f"expected one of {_one_of(options)}, got {describe(value)}"
        if value.strip() in options:  # 'happy ', or a no-break space copied along: shorten() would hide it
            return f"'{value.strip()}' has a space or an invisible character before or after it; remove it"
        hint = in_the_formats_words(value, options) or suggest(value, options)
        return f"'{shorten(value)}' is not one of {_one_of(options)}{hint}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than"):
        if name == "weight":
            return f"{value} is out of range: expected a positive number"
        if name == "n":
            return f"{value} is out of range: expected a count of people, at least 1"
        return f"{value} is out of range: expected a number from 1 to 5"
    if kind == "finite_number":  # a weight of .inf or .nan
        return f"{value} is not a finite number; expected a positive number"
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        whole = " whole" if kind.startswith("int") else ""
        if not whole and isinstance(value, str) and DECIMAL_COMMA.fullmatch(value.strip()):
            return (f"expected a number, got the text '{shorten(value)}'; write a decimal point, not a comma: "
                    f"{value.strip().replace(',', '.')}")
        if isinstance(value, str) and _is_number(value):  # score: "3.5"
            return f"expected a{whole} number, got the text '{shorten(value)}'; remove the quotes"
        if name == "n" and isinstance(value, float) and math.isfinite(value * 1000):  # 12.000: a decimal point
            return (f"expected a whole number, got the number {value} (YAML reads a point as a decimal point); "
                    f"write a count without a separator, e.g. {round(value * 1000)} for {value:g} thousand")
        return f"expected a{whole} number, got {describe(value)}"
    if kind == "string_type":
        if isinstance(value, bool):  # label: yes
            return (f"expected text, got {describe(value)}; YAML reads yes, no, on, off, true and false "
                    "as yes or no: put the text in quotes")
        return f"expected text, got {describe(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(value):,} characters long; the limit is {err['ctx']['max_length']:,}"
    if kind == "string_pattern_mismatch":
        if name == "date":
            return (f"'{shorten(value)}' is not a date; expected a year, year-month or date, "
                    f"e.g. {year_first(value) or '2026-09'}")
        example = slugify(str(value), empty="id-1")
        return f"'{shorten(value)}' is not a valid id; use lowercase letters, digits and hyphens, e.g. '{example}'"
    if kind == "list_type":  # a touchpoint's killer and the phases may also be one name
        expected = {"killer": "a killer id or a list of them",
                    "phases": f"a list of phases or a preset: {_one_of(PRESETS)}"}
        items = "; start each item on its own line with '- '" if isinstance(value, dict) and name not in expected \
            else ""
        return f"expected {expected.get(name, 'a list')}, got {describe(value)}{items}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {describe(value)}"
    if kind == "too_short":
        return "at least one touchpoint is required"
    if kind == "too_long":
        return f"has {len(value)} items; the limit is {err['ctx']['max_length']}"
    if kind == "value_error":  # our own validators' messages, complete as they are
        return str(err["ctx"]["error"])
    if kind.startswith("date"):
        if better := year_first(value):
            return f"'{shorten(value)}' is not a date; write the year first: {better}"
        return f"'{shorten(value)}' is not a date; expected a date like 2026-11-01"
    return err["msg"]


# --- rules across fields --------------------------------------------------------------
# These run on the raw data, next to pydantic, so one pass reports every
# problem; they skip what pydantic already reports as the wrong type.


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    items = data.get(key)
    return [(i, x) for i, x in enumerate(items) if isinstance(x, dict)] if isinstance(items, list) else []


def _ids(data: dict, key: str, report: _Report | None = None) -> list[str]:
    """The ids of a list of {id, ...}; reports duplicates."""
    seen: dict[str, int] = {}
    for i, item in _items(data, key):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen and report:
            first = report.front.line_of(("journey", key, seen[ident]))
            written = _written(report, key, i)
            if isinstance(written, str):  # a phase given by its label alone: its editor wrote no id
                report.add(("journey", key, i), f"'{shorten(written)}' is the same phase as the one on line "
                                                f"{first} (names are compared without case and punctuation); "
                                                "give each its own name")
            else:
                report.add(("journey", key, i, "id"), f"duplicate id '{shorten(ident)}'; already used on line {first}")
        seen.setdefault(ident, i)
    return list(seen)


def _written(report: _Report, key: str, index: int) -> object:
    """`journey.<key>[index]` as the page writes it, before phases are expanded."""
    items = report.front.data.get("journey", {}).get(key)
    return items[index] if isinstance(items, list) and index < len(items) else None


def _check_references(data: dict, site: Site, src_uri: str, report: _Report) -> None:
    phases = _items(data, "phases")
    phase_ids = _ids(data, "phases", report)
    phase_labels = [p.get("label") for _, p in phases if isinstance(p.get("label"), str)]
    value_ids = _ids(data, "values", report)
    killer_ids = list(dict.fromkeys(_ids(data, "killers", report) + [k.id for k in site.killers]))  # may overlap
    killer_labels = {k["label"]: k["id"] for _, k in _items(data, "killers") if isinstance(k.get("id"), str)
                     and isinstance(k.get("label"), str)} | {k.label: k.id for k in site.killers}
    _ids(data, "touchpoints", report)
    has_phases = "phases" in data and isinstance(data["phases"], list) and data["phases"]
    unreadable_phases = _phases_unreadable(data, report)

    for i, tp in _items(data, "touchpoints"):
        at = ("journey", "touchpoints", i)
        phase = tp.get("phase")
        if unreadable_phases:
            pass  # reported: the moments' phases have nothing to be checked against
        elif has_phases and phase is None:
            report.add(at + ("phase",), f"required when the journey has phases; expected one of: {_one_of(phase_ids)}")
        elif phase is not None and not has_phases:
            report.add(at + ("phase",), f"'{shorten(phase)}' is not a phase: this journey has no phases")
        elif isinstance(phase, (str, int)) and str(phase) not in phase_ids + phase_labels:
            report.add(
                at + ("phase",),
                f"'{shorten(phase)}' is not a phase of this journey; expected one of: "
                f"{_one_of(phase_ids)}{suggest(phase, phase_ids + phase_labels)}",
            )
        if tp.get("score") is not None and tp.get("scores") not in (None, {}):  # an empty one is not given
            report.add(at + ("scores",), "'score' and 'scores' exclude each other; give one of them")
        scores = tp.get("scores")
        if isinstance(scores, dict):
            for key in scores:
                if key not in value_ids:
                    known = f"expected one of: {_one_of(value_ids)}" if value_ids else "this journey defines no values"
                    report.add(at + ("scores", key),
                               f"'{shorten(key)}' is not a value of this journey; {known}{suggest(key, value_ids)}")
        killers = tp.get("killer")
        for n, killer in enumerate([killers] if isinstance(killers, str)
                                   else killers if isinstance(killers, list) else []):
            if isinstance(killer, str) and killer not in killer_ids:
                where = at + ("killer",) if isinstance(killers, str) else at + ("killer", n)
                report.add(where, _not_a_killer(killer, killer_ids, killer_labels))
        for j, evidence in _items(tp, "evidence"):
            ref = evidence.get("ref")
            if isinstance(ref, str) and _is_foreign_url(ref):
                report.add(at + ("evidence", j, "ref"),
                           f"'{shorten(ref)}' is not allowed; a ref is a citation, an http(s) link or a relative link")
        _check_page_link(tp.get("related"), at + ("related",), site, src_uri, report)
    _check_page_link(data.get("baseline"), ("journey", "baseline"), site, src_uri, report)
    report.sort()


def _phases_unreadable(data: dict, report: _Report) -> bool:
    """Did the page give phases that were reported as not a list or preset?"""
    written = report.front.data.get("journey")
    return isinstance(written, dict) and "phases" in written and not isinstance(data.get("phases"), list)


def _not_a_killer(killer: str, ids: list[str], labels: dict[str, str]) -> str:
    """What to write instead of `killer`: the id of a killer named by its
    label, a list for several ids in one text, else the ids there are."""
    if killer.strip() in labels:
        return f"'{shorten(killer)}' is the label of a killer; write its id: {labels[killer.strip()]}"
    parts = [part.strip() for part in killer.split(",")]
    if len(parts) > 1 and all(part in ids for part in parts):
        return f"'{shorten(killer)}' is several killers in one text; write them as a list: [{', '.join(parts)}]"
    known = f"expected one of: {_one_of(ids)}" if ids else "this journey defines no killers"
    return f"'{shorten(killer)}' is not a killer of this journey; {known}{suggest(killer, ids)}"


def site_killers(options: list) -> tuple[Killer, ...]:
    """The site-wide killers a configuration lists (`killers:` of the plugin's
    options), checked as a journey's own are; ValueError(where, message)
    names the first problem below `killers` (where: '[0].id'), in the words
    of a journey's messages."""
    if not options:
        return ()  # and pydantic stays unloaded
    from pydantic import ValidationError

    from .model import Killer

    killers = []
    for n, option in enumerate(options):
        try:
            killers.append(Killer.model_validate(dict(option) if isinstance(option, Mapping) else option))
        except ValidationError as error:
            err = error.errors()[0]
            loc = ("journey", "killers", n, *err["loc"])  # as _message and _model_at read a journey's
            raise ValueError(field_name(loc[1:]).removeprefix("killers"), _message(err, loc)) from None
        first = next((i for i, killer in enumerate(killers[:-1]) if killer.id == killers[-1].id), None)
        if first is not None:  # as in a journey: one of the two would silently stand for both
            raise ValueError(f"[{n}].id", f"duplicate id '{shorten(killers[-1].id)}'; already used by killers[{first}]")
    return tuple(killers)


def resolve_page(link: str, src_uri: str) -> str | None:
    """The docs-relative path of a page link such as '../b.md', or None when
    it is not a relative link to a Markdown page (no URLs, no 'javascript:')."""
    target = resolve_file(link, src_uri)
    return target if target is not None and target.endswith(".md") else None


def resolve_file(link: str, src_uri: str) -> str | None:
    """The docs-relative path of a relative link such as '../rapport.pdf'
    from the page `src_uri`, or None when it is no relative link."""
    target = link.strip().split("#", 1)[0]
    if not target or _SCHEME.match(target) or target.startswith("/"):
        return None
    # As MkDocs reads a Markdown link: 'mijn%20reis.md' is the file 'mijn reis.md'.
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(target)))
    return None if resolved.startswith("..") else resolved


def is_web_link(ref: str) -> bool:
    """Is an evidence `ref` an http(s) address (else a citation, or a link to a file of the site)?"""
    return ref.strip().lower().startswith(("http://", "https://"))


def with_fragment(url: str, link: str) -> str:
    """`url`, the page the link `link` names, with the link's #fragment, as
    MkDocs keeps it: 'other.md#moment' opens that page at that moment's id."""
    fragment = link.strip().partition("#")[2]
    return f"{url}#{quote(fragment, safe='%-._~')}" if fragment else url


def broken_baseline(link: str) -> str:
    """What a redesign says of a baseline page with errors: its map is drawn
    without the comparison, which had gone without a word."""
    return (f"'{link}' has errors, reported with that page, so this map is drawn without the comparison "
            "with it")


def baseline_problem(src_uri: str, link: str, baselines: Mapping[str, str | None]) -> str | None:
    """What is wrong with the baseline `link` of the journey page `src_uri`
    (a link to a page that exists): it is not a journey page, or baselines go
    round in a loop; None when neither. A rule across pages: `baselines` maps
    each journey page to the page its own baseline leads to (None without
    one, or when the page has problems)."""
    target = resolve_page(link, src_uri)
    if target not in baselines:
        return f"'{link}' is not a journey page; a baseline needs journey front-matter"
    chain, current = [src_uri], target
    while current is not None and current not in chain:
        chain.append(current)
        current = baselines.get(current)
    if current == src_uri:
        return "baselines go round in a loop: " + " → ".join(chain + [src_uri])
    return None


def related_links(journey: Journey, lines: FrontMatter) -> list[tuple[str, int, str]]:
    """Each moment's `related` link with the line and field it is written at,
    for `related_problem`, which needs the other pages (the build, `check`)."""
    return [(tp.related, lines.line_of(loc), field_name(loc))
            for i, tp in enumerate(journey.touchpoints) if tp.related
            for loc in [("journey", "touchpoints", i, "related")]]


def related_problem(src_uri: str, link: str, journeys: Container[str]) -> str | None:
    """What is wrong with a moment's `related` link (to a page that exists)
    on the journey page `src_uri`: it leads to a page that is not a journey
    (`journeys`: the site's journey pages), or to the moment's own page."""
    target = resolve_page(link, src_uri)
    if target == src_uri:
        return f"'{shorten(link)}' is this page; related names another journey, one that zooms into this moment"
    if target not in journeys:
        return f"'{shorten(link)}' is not a journey page; related names a journey that zooms into this moment"
    return None


def _check_page_link(link: object, loc: tuple, site: Site, src_uri: str, report: _Report) -> None:
    if not isinstance(link, str):
        return
    target = resolve_page(link, src_uri)
    if target is None:
        report.add(loc, f"'{shorten(link)}' is not a page of this site; "
                        "expected a relative path to a .md page, e.g. other-journey.md")
    elif site.page_exists is not None and not site.page_exists(target):
        report.add(loc, f"'{shorten(link)}' does not exist (looked for {target})")


def _finish(journey: Journey, site: Site) -> Journey:
    """Touchpoint phases become ids; site-wide killers join the journey's own
    (a journey's own killer wins over a site-wide one with the same id)."""
    # An id first: where one phase's label is another's id, the id names the phase it belongs to.
    by_label = {p.label: p.id for p in journey.phases} | {p.id: p.id for p in journey.phases}
    touchpoints = [
        tp.model_copy(update={"phase": by_label.get(tp.phase, tp.phase)}) if tp.phase is not None else tp
        for tp in journey.touchpoints
    ]
    own = {k.id for k in journey.killers}
    killers = list(journey.killers) + [k for k in site.killers if k.id not in own]
    return journey.model_copy(update={"touchpoints": touchpoints, "killers": killers})
