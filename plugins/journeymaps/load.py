"""Read a page's front-matter as data, remembering the line of every field.

MkDocs parses front-matter itself and silently drops YAML it cannot read; we
parse the same text again so a broken map is reported, never hidden. The YAML
is loaded safely (plain data only), without anchors or aliases (no alias
bombs, no surprising shared values), without duplicate keys, and capped in size.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

import yaml

MAX_FRONT_MATTER = 256 * 1024  # characters; a real journey is a few kilobytes

# MkDocs' front-matter fence (mkdocs/utils/meta.py), a little looser: also an
# empty front-matter and a closing fence at the end of the file, so a page
# MkDocs would show as text is still recognised and reported. (record.py
# keeps MkDocs' own, for where the two must agree.)
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)??(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING = re.compile(r"-{3}[ \t]*\r?\n")
_JOURNEY_KEY = re.compile(r"^journey[ \t]*:", re.M)
# 'Journey:', 'journeys:' (the plugin's name), 'journey_map:': meant as the journey, but not a journey to
# MkDocs. Only these: a key such as 'journey_id:' or 'customer_journey:' may be another plugin's.
_NEAR_JOURNEY = re.compile(r"^(?P<key>journeys?|journey[ _-]?maps?)[ \t]*:(?:[ \t]|$)", re.M | re.I)
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z][\w-]*)[ \t]*:(?:[ \t]|$)", re.M)
_BARE_JOURNEY = re.compile(r"^journey[ \t]*$", re.M)
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*journey[ \t]*$")  # a ```journey block (extension.py)
# Any other fenced code block; backticks in a backtick fence's info make it inline code instead (CommonMark).
_OTHER_FENCE = re.compile(r"^(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_ANY_FENCE = re.compile(r"^(?:`{3,}|~{3,})[ \t]*journey", re.M)  # in a page's text as decode_page reads it

Path = tuple  # a field path such as ('journey', 'touchpoints', 2, 'emotion')


class LoadError(Exception):
    """Front-matter that cannot be read as data; `line` is 1-based in the file."""

    def __init__(self, line: int, message: str, field: str = "front-matter"):
        super().__init__(message)
        self.line, self.message, self.field = line, message, field


@dataclass
class FrontMatter:
    data: dict
    root: yaml.Node | None = None  # the parsed nodes, which know where they start
    first_line: int = 2  # the line after the opening '---'
    kept_text: bool = False  # a value PyYAML's own loader fails on (an impossible date) was kept as text
    text: str = ""  # the YAML

    def line_of(self, path: Path) -> int:
        """The line of a field (its key's line), else of its nearest enclosing
        field. Looked up only when a message needs it: most pages have none."""
        node = self.root
        if node is None:
            return self.first_line - 1
        mark = node.start_mark
        for part in path:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if match is None:
                    break
                mark, node = match[0].start_mark, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return self.first_line + line_in(self.text, mark)


def line_in(text: str, mark: yaml.Mark) -> int:
    """The 0-based line of a YAML mark, as an editor counts lines: YAML's
    own count (mark.line) also breaks lines at a lone CR, U+0085, U+2028 and
    U+2029, which an editor shows within a line. mark.index counts characters."""
    return text.count("\n", 0, mark.index)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front-matter YAML or None, Markdown body)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end() :]


def has_journey(text: str) -> bool:
    """Is this page meant to be a journey map? Judged on the raw text, so a
    page whose YAML does not parse is still recognised and reported."""
    yaml_text, _ = split_front_matter(text)
    return yaml_text is not None and mentions_journey(yaml_text)


def mentions_journey(text: str) -> bool:
    """Does a line of `text` start with the key `journey:`?"""
    return bool(_JOURNEY_KEY.search(text))


class Near(NamedTuple):
    """Where `text` has a journey without its `journey:` key: the offset of
    the line, and the key written instead ('' when the journey's fields
    stand at the top, with no key above them)."""

    start: int
    key: str


def near_journey(text: str) -> Near | None:
    """A page meant as a journey page that has no `journey:` key (the map
    would silently be gone): a top-level key written otherwise ('Journey',
    'journeys', 'journey_map'), misspelt ('journy', 'jorney'), without its
    colon, or any whose mapping holds `touchpoints` ('reis:'); or
    `touchpoints` at the top, with no key above it."""
    if match := next((m for m in _NEAR_JOURNEY.finditer(text) if m["key"] != "journey"), None):
        return Near(match.start(), match["key"])
    if match := _BARE_JOURNEY.search(text):  # 'journey' alone on its line: its colon forgotten
        return Near(match.start(), "journey")
    for match in _TOP_KEY.finditer(text):
        key = match["key"].lower()
        # A typo; not a key with the word in it ('journey_id', 'customer_journey'), which may be another plugin's.
        # (A ratio of 0.8 needs 5 to 10 letters: the many other keys are passed over without the comparison.)
        if 5 <= len(key) <= 10 and "journey" not in key and SequenceMatcher(None, key, "journey").ratio() >= 0.8:
            return Near(match.start(), match["key"])
    if "touchpoints" not in text:
        return None
    data = plain_data(text)  # read, not guessed from lines: not in a block of text, nor deeper down
    if "journey" in data:  # written in braces, {journey: {...}}: not a key left out (and not read as a journey)
        return None
    if "touchpoints" in data:
        key = ""
    else:
        key = next((str(k) for k, value in data.items() if isinstance(value, dict) and "touchpoints" in value), None)
        if key is None:
            return None
    line = re.search(rf"^{re.escape(key or 'touchpoints')}[ \t]*:", text, re.M)
    return Near(line.start() if line else 0, key)


def plain_data(text: str) -> dict:
    """YAML read as MkDocs reads it, or {} when it does not read as a mapping."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # as MkDocs catches it: any error of any constructor
        return {}
    return data if isinstance(data, dict) else {}


def may_be_journey(text: str) -> bool:
    """Could this page be a journey page, or one meant as one (see
    `near_journey`)? Told for most pages by a search for a part of the word
    (a case-blind search took 17 times as long)."""
    if "ourney" in text or "OURNEY" in text:  # 'Journey:' and 'JOURNEY:' are reported too
        return True
    if not text.startswith("---"):
        return False
    yaml_text, _ = split_front_matter(text)
    return yaml_text is not None and near_journey(yaml_text) is not None


def mentions_block(text: str) -> bool:
    """Might the page hold a ```journey block? Cheaper than looking for them."""
    return bool(_ANY_FENCE.search(text))


def journey_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(index of the opening fence, of the closing one) of each ```journey
    block in a page's Markdown lines; a block never closed ends with the page.
    Any other fenced code block is code, ```journey lines in it too (a page
    that shows the block's syntax in ````markdown): as Python-Markdown's
    fenced_code and pymdownx.superfences read fences, only the same fence
    closes it, and a fence never closed opens nothing."""
    blocks, i = [], 0
    while i < len(lines):
        if match := _FENCE.match(lines[i]):
            end = _closing(lines, i, match["fence"])
            blocks.append((i, end))
            i = end
        elif (match := _OTHER_FENCE.match(lines[i])) and (end := _closing(lines, i, match["fence"])) < len(lines):
            i = end
        i += 1
    return blocks


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The index of the line that closes the fence opened at `start`; len(lines) when none does."""
    end = start + 1
    while end < len(lines) and lines[end].strip() != fence:
        end += 1
    return end


def opens_front_matter(text: str) -> bool:
    """Does the page start with a `---` line (closed or not)?"""
    return bool(_OPENING.match(text))


# libyaml's parser where it is installed (as MkDocs uses), else PyYAML's own.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS = {yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}
_BASE_60 = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class _Loader(_Base):
    kept_text = False

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        """PyYAML's resolver, with a fast path for what is plainly text: most
        scalars start with a letter no number, date, boolean or null starts with."""
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers):
                return "tag:yaml.org,2002:str"
            tag = super().resolve(kind, value, implicit)
            if ":" in value and tag in _BASE_60:  # YAML 1.1 reads '14:00' as 840: a time is text
                return "tag:yaml.org,2002:str"
            return tag
        return _TAGS[kind]


def _refuse_anchors(yaml_text: str) -> None:
    """Anchors and aliases need '&' or '*': only then scan the events for them."""
    if "&" not in yaml_text and "*" not in yaml_text:
        return
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed; write the value out in full",
                problem_mark=event.start_mark,
            )


TOO_DEEP = "YAML is nested too deeply"


def parse_front_matter(yaml_text: str, first_line: int = 2) -> FrontMatter:
    """Parse front-matter YAML; raises LoadError with the line of the problem."""
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise LoadError(first_line, f"front-matter is {len(yaml_text):,} characters; the limit is {MAX_FRONT_MATTER:,}")
    loader = None
    try:
        _refuse_anchors(yaml_text)
        loader = _Loader(yaml_text)
        node = loader.get_single_node()
        front = FrontMatter(data={}, root=node, first_line=first_line, text=yaml_text)
        data = _build(loader, node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        if error.problem == "exceeded maximum nesting depth":  # libyaml's own limit (since PyYAML 6.0.4), with its line
            raise LoadError(first_line + line_in(yaml_text, error.problem_mark), TOO_DEEP) from None
        mark, message = _yaml_problem(error, yaml_text)
        raise LoadError(first_line + (line_in(yaml_text, mark) if mark else 0),
                        f"YAML does not parse: {message}") from None
    except yaml.reader.ReaderError as error:
        line = first_line + yaml_text[: error.position].count("\n")
        raise LoadError(line, f"YAML does not parse: the control character U+{error.character:04X} "
                              "is not allowed") from None
    except yaml.YAMLError as error:
        raise LoadError(first_line, f"YAML does not parse: {shorten(str(error), 200)}") from None
    except RecursionError:
        raise LoadError(first_line, TOO_DEEP) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise LoadError(first_line, f"front-matter must be a mapping of fields, not {describe(data)}")
    front.data, front.kept_text = data, loader.kept_text
    return front


def _build(loader: _Loader, node: yaml.Node):
    """Plain Python data from a YAML node."""
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
            key = key_node.value  # as written: YAML 1.1 reads the key 'on' as true, 'null' as None
            if key in result:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}': each field may appear only once",
                    problem_mark=key_node.start_mark,
                )
            result[key] = _build(loader, value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item) for item in node.value]
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most scalars are text: no constructor needed
    try:
        return loader.construct_object(node)
    except ValueError:
        # An impossible date such as 2026-13-01: keep the text, and let
        # validation say what a date looks like.
        loader.kept_text = True
        return node.value


def _yaml_problem(error: yaml.MarkedYAMLError, yaml_text: str) -> tuple[yaml.Mark | None, str]:
    """Where a YAML error is, and what would be valid. libyaml's problem mark
    is where it gave up: for a quote or bracket never closed, the end of the
    text. Its context mark is where the broken value starts, except for a
    block mapping or list, which may start far above the problem."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None, error.problem or error.context or "invalid YAML"
    line, column = _line_at(yaml_text, mark.index), mark.index - (yaml_text.rfind("\n", 0, mark.index) + 1)
    if "\t" in line[: column + 1]:
        return mark, "a tab character; indent with spaces"
    problem = error.problem or ""
    if error.context == "while scanning a quoted scalar" and problem == "found unexpected end of stream":
        quote = yaml_text[error.context_mark.index]
        return error.context_mark, (f"the {quote} that opens this value is never closed; "
                                    "close the quote at the end of the value")
    if problem.startswith("mapping values are not allowed"):  # libyaml: "in this context", PyYAML: "here"
        key, _, value = line.partition(": ")
        if len(key) < column:  # the colon is not the one after the field's name
            return mark, f"a colon followed by a space inside plain text; put the text in quotes: {_quoted(line)}"
        above_start = yaml_text.rfind("\n", 0, max(yaml_text.rfind("\n", 0, mark.index), 0)) + 1
        above = _line_at(yaml_text, above_start)
        if re.match(r"[ \t]*-[^\s-]", above):  # '-label: A' is a field named '-label'
            return mark, "put a space after the - that starts the list item on the line above, e.g. '- label: ...'"
        if forgotten := _no_colon(above):  # 'persona Klant': the colon forgotten there, where it is to be mended
            return _mark_at(yaml_text, above_start), forgotten
        name = re.split(r":(?:[ \t]|$)", line, maxsplit=1)[0].strip(" -")
        return mark, (f"'{name}:' is read as more of the text on the line above; give each field its own "
                      "line, lined up with the fields next to it, with a colon after its name")
    if problem == "did not find expected key" and yaml_text[: mark.index].rstrip(" ")[-1:] in ("'", '"'):
        return mark, ("text after a closing quote; put the quotes around the whole value, "
                      "and check that every quote above is closed")
    if problem == "did not find expected key" and yaml_text[: mark.index].rstrip(" ")[-1:] in ("]", "}"):
        return mark, "text after a closing bracket; put the whole value in quotes, brackets and all"
    # libyaml's words, then PyYAML's: "found character '@' that cannot start any token"
    if (re.match(r"found character .*that cannot start any token", problem)
            or problem.startswith("block sequence entries are not allowed")) and line[:column].rstrip().endswith(":"):
        return mark, (f"plain text cannot start with {line[column]!r}; put the text in quotes: "
                      f"{_quoted(line, column)}")
    if problem.startswith("could not determine a constructor for the tag"):  # '!!python/object', '!x'
        tag = line[column:].split()[0] if line[column:].strip() else "!"
        return mark, f"'{shorten(tag)}' is a YAML tag, which a journey does not use; remove it, or quote the text"
    if re.match(r"(did not find )?expected ',' or '[}\]]'", problem) and error.context_mark:
        # In braces or brackets a space and a '#' start a comment too, and the rest of the line is gone,
        # with the bracket that closed them.
        start = error.context_mark.index
        comment = next((c for c in re.finditer(r"[ \t]#\S(?=[^\n]*[}\]])", yaml_text[: mark.index])
                        if c.start() >= start and _outside_quotes(yaml_text, c.start())), None)
        if comment:
            mark = _mark_at(yaml_text, comment.start())
            before = re.search(r"(?:([\w-]+):[ \t]+)?([^,{}\[\]:]*)$", yaml_text[start : comment.start()])
            after = re.match(r"[^,{}\[\]\n]*", yaml_text[comment.start() :])[0]
            text = json.dumps((before[2] + after).strip(), ensure_ascii=False)
            return mark, ("a space and a # start a YAML comment, even in braces or brackets, and the rest of the "
                          f"line is left out; put the text in quotes: {before[1] + ': ' if before[1] else ''}{text}")
    indent = len(line) - len(line.lstrip(" "))
    if problem in ("did not find expected '-' indicator", "did not find expected key") and column <= indent:
        # libyaml's words for a line that starts where no field or list item can
        if re.match(r"[ \t]*-[^\s-]", line):
            return mark, "put a space after the - that starts a list item, e.g. '- label: ...'"
        return mark, ("this line is not lined up with the lines above it; indent it with as many spaces as "
                      "the fields next to it (an item of a list starts with '- ')")
    if error.context_mark and not (error.context or "").startswith("while parsing a block"):
        mark = error.context_mark
    if problem == "could not find expected ':'":  # 'channel:app' is text, not a field
        written = _line_at(yaml_text, mark.index).strip(" -")
        if re.fullmatch(r"[\w-]+:\S.*", written):
            name, _, value = written.partition(":")
            return mark, f"put a space after the colon of a field: {name}: {value}"
        return mark, _no_colon(written) or "a field needs its name, a colon and a space, e.g. channel: app"
    return mark, problem or error.context or "invalid YAML"


def _quoted(line: str, column: int | None = None) -> str:
    """The field of the line with its value in double quotes (JSON's strings
    are YAML's double-quoted ones): the line's first field, or the one whose
    value starts at `column`, in braces up to the next comma or bracket."""
    if column is None:
        key, _, value = line.partition(": ")
        return f"{key.strip(' -')}: {json.dumps(value.strip(), ensure_ascii=False)}"
    key = re.search(r"([^\s{},\[\]-][^{},\[\]]*?)\s*:\s*$", line[:column])
    in_braces = re.search(r"[{\[]", line[:column])
    value = re.match(r"[^,{}\[\]]*" if in_braces else ".*", line[column:])[0]
    return f"{key[1].strip() if key else ''}: {json.dumps(value.strip(), ensure_ascii=False)}"


def _outside_quotes(text: str, index: int) -> bool:
    """Is the character at `index` outside quotes on its line? (Quotes closed on the line, as flow values are.)"""
    before = text[text.rfind("\n", 0, index) + 1 : index].replace("\\\"", "").replace("''", "")
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def _no_colon(line: str) -> str | None:
    """What to write for a field whose colon is forgotten ('persona Jonge
    ouder'), when the line starts with a field's name: not a line of text
    that wraps at the wrong indent ('tekst die doorloopt')."""
    missing = re.fullmatch(r"[ \t]*(?:-[ \t]+)?([a-z]+)[ \t]+([^:#]+)", line)
    if missing is None or missing[1] not in _field_names():
        return None
    return f"no colon after the field name '{missing[1]}'; write {missing[1]}: {missing[2].strip()}"


@functools.cache
def _field_names() -> frozenset[str]:
    from .model import Evidence, Journey, Killer, Phase, Touchpoint, Value  # pydantic: on a broken page only

    return frozenset(name for model in (Journey, Touchpoint, Phase, Value, Killer, Evidence)
                     for name in model.model_fields) | {"journey"}


def _mark_at(text: str, index: int) -> yaml.Mark:
    """A mark at the character `index` of `text` (line_in reads its index)."""
    line = text.count("\n", 0, index)
    return yaml.Mark("front-matter", index, line, index - (text.rfind("\n", 0, index) + 1), None, None)


def _line_at(text: str, index: int) -> str:
    """The line of `text` that holds the character at `index`."""
    end = text.find("\n", index)
    return text[text.rfind("\n", 0, index) + 1 : end if end >= 0 else None].rstrip("\r")


def describe(value: object) -> str:
    """'a list', 'the number 3', ... for error messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        if not value.strip():  # not "the text ''": shorten() leaves nothing of spaces to quote
            return "an empty text" if not value else "a text of only spaces"
        return f"the text '{shorten(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
