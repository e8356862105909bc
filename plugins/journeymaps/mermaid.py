"""Mermaid `journey` diagrams to journey pages (`journeys import-mermaid`).

Reads the syntax Mermaid's own grammar reads (user-journey/journey.jison):
the `journey` keyword, `title`, `accTitle:`, `accDescr:` and `accDescr { ... }`,
`section`, tasks `Label: score: Actor, Actor`, comments from `%%` or `#` to
the end of the line, `;` between statements, blank lines, keywords in any
case. No MkDocs here.

Scores: Mermaid draws a sad face below 3, a neutral one at 3 and a smile
above it, on a scale from 0 to 5. `our_score` maps them onto the format's
1 to 5 so that each lands in the matching band (see README):
below 3 -> 1 + 2m/3 (1 to 2.99: angry or disappointed), 3 -> 3 (indifferent),
above 3 -> 4 + (m - 3)/2 (4 to 5: happy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .escape import markdown_text
from .terms import slugify, unique

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid[ \t]*$", re.I)
_ACC_DESCR_BLOCK = re.compile(r"accDescr\s*\{", re.I)
_KEYWORD = re.compile(r"(?i)^(title|section)\s+(.*)$|^(accTitle|accDescr)\s*:\s*(.*)$")


class MermaidError(Exception):
    """A problem in the diagram, at `line` of the file it came from."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message = line, message


@dataclass
class Task:
    label: str
    score: float  # Mermaid's own, 0 to 5
    actors: list[str]
    section: str | None
    line: int


@dataclass
class Diagram:
    title: str | None = None
    acc_title: str | None = None
    acc_descr: str | None = None
    sections: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def our_score(score: float) -> float:
    """Mermaid's 0-5 onto the format's 1-5, keeping sad, neutral and smiling apart."""
    if score < 3:
        return min(round(1 + 2 * score / 3, 2), 2.99)
    if score == 3:
        return 3.0
    return max(round(4 + (score - 3) / 2, 2), 4.0)


def parse(text: str, first_line: int = 1) -> Diagram:
    """A Mermaid journey; raises MermaidError naming the line of the problem.
    `first_line` is the line of `text`'s first line in its file."""
    diagram = Diagram()
    statements = list(_statements(text, first_line))
    if not statements or statements[0][1].lower() != "journey":
        line = statements[0][0] if statements else first_line
        raise MermaidError(line, "not a journey diagram: it must start with the word 'journey'")
    section = None
    for line, statement in statements[1:]:
        if statement.startswith("\0descr"):
            diagram.acc_descr = statement[len("\0descr"):].strip()
            continue
        keyword = _KEYWORD.match(statement)
        if keyword and keyword.group(1):
            name, value = keyword.group(1).lower(), keyword.group(2).strip()
            if name == "title":
                diagram.title = value
            else:
                section = value
                if section not in diagram.sections:
                    diagram.sections.append(section)
            continue
        if keyword:
            value = keyword.group(4).strip()
            if keyword.group(3).lower() == "acctitle":
                diagram.acc_title = value
            else:
                diagram.acc_descr = value
            continue
        diagram.tasks.append(_task(statement, section, line))
    if not diagram.tasks:
        raise MermaidError(first_line, "the journey diagram has no tasks; a task reads 'Label: score: Actor'")
    return diagram


def _task(statement: str, section: str | None, line: int) -> Task:
    label, colon, data = statement.partition(":")
    label = label.strip()
    if not colon:
        raise MermaidError(line, f"the task '{label}' has no score; write it as '{label}: 3: Actor' (scores 0 to 5)")
    if not label:
        raise MermaidError(line, "a task needs a label before its score, as in 'Fill in the form: 3: Actor'")
    score_text, _, people = data.partition(":")
    try:
        score = float(score_text.strip())
    except ValueError:
        shown = score_text.strip() or "nothing"
        raise MermaidError(line, f"the score of '{label}' is '{shown}', not a number; "
                                 "Mermaid scores run from 0 to 5") from None
    if not 0 <= score <= 5:
        raise MermaidError(line, f"the score of '{label}' is {score_text.strip()}; Mermaid scores run from 0 to 5")
    actors = list(dict.fromkeys(a.strip() for a in people.split(",") if a.strip()))
    return Task(label, score, actors, section, line)


def _statements(text: str, first_line: int):
    """(line, statement) pairs without comments; an `accDescr { ... }` block is
    one statement, marked with a leading NUL."""
    lines = _lines(text)
    number = 0
    while number < len(lines):
        raw, line = lines[number], first_line + number
        number += 1
        code = _uncomment(raw)
        block = _ACC_DESCR_BLOCK.search(code)
        if block and not code[: block.start()].strip():
            rest = code[block.end():]
            parts = [rest]
            while "}" not in parts[-1] and number < len(lines):
                parts.append(lines[number])
                number += 1
            if "}" not in parts[-1]:
                raise MermaidError(line, "accDescr { is never closed with }")
            body = "\n".join(parts)
            yield line, "\0descr" + " ".join(body[: body.index("}")].split())
            continue
        for piece in code.split(";"):
            if piece.strip():
                yield line, piece.strip()


def _lines(text: str) -> list[str]:
    """Lines as an editor shows them, at line feeds: str.splitlines also breaks
    at U+2028, U+0085 or a form feed, which put every later line one too far."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _uncomment(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith("%%"):
        return ""
    return line.split("#", 1)[0]


def to_page(diagram: Diagram, *, labels: dict) -> tuple[str, list[tuple[int, str]]]:
    """The journey page (front-matter and a short body), and notes for the
    reader: (line, what happened)."""
    notes: list[tuple[int, str]] = []
    title = title_of(diagram, labels)
    counts: dict[str, int] = {}
    for task in diagram.tasks:
        for actor in task.actors:
            counts[actor] = counts.get(actor, 0) + 1
    persona = next((a for a, n in counts.items() if n == len(diagram.tasks)), None)

    phases, phase_of = [], {}
    loose = [t for t in diagram.tasks if t.section is None]
    if loose and diagram.sections:
        # The format gives every touchpoint a phase once there are phases.
        phases.append({"id": "start", "label": labels["mermaid_before_sections"]})
        phase_of[None] = "start"
        notes += [(task.line, f"the task '{task.label}' comes before the first section; the journey format needs a "
                              f"phase for every moment once there are phases, so it goes into a first phase "
                              f"'{labels['mermaid_before_sections']}'") for task in loose]
    elif loose:
        notes.append((loose[0].line, "the diagram has no sections: its moments have no phases"))
    taken = set(phase_of.values())
    for name in diagram.sections:
        phase_of[name] = unique(slugify(name, empty="phase"), taken)
        phases.append({"id": phase_of[name], "label": name})

    touchpoints = []
    for task in diagram.tasks:
        point: dict = {"label": task.label}
        if phases:
            point["phase"] = phase_of[task.section]
        score = our_score(task.score)
        point["score"] = int(score) if score == int(score) else score
        others = [a for a in task.actors if a != persona]
        if others:
            point["backstage"] = f"{labels['mermaid_actors']}: {', '.join(others)}"
        touchpoints.append(point)
    journey: dict = {}
    if persona:
        journey["persona"] = persona
    if phases:
        journey["phases"] = phases
    journey["touchpoints"] = touchpoints
    front = yaml.safe_dump({"title": title, "journey": journey}, allow_unicode=True, sort_keys=False, width=1000)
    body = []
    if diagram.acc_descr:  # the diagram's text, not Markdown: no HTML, link or attribute list of its own
        body.append(markdown_text(diagram.acc_descr))
    body.append(labels["mermaid_converted"])
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n", notes


def title_of(diagram: Diagram, labels: dict) -> str:
    """The page's title: Mermaid's title, else its accessible title."""
    return diagram.title or diagram.acc_title or labels["mermaid_untitled"]


def fences(markdown: str) -> list[tuple[int, str]]:
    """The ```mermaid blocks of a Markdown text: (line of the block's first line, its text)."""
    found = []
    lines = _lines(markdown)
    number = 0
    while number < len(lines):
        opening = _FENCE.match(lines[number])
        number += 1
        if not opening:
            continue
        fence, start, body = opening.group("fence"), number + 1, []
        while number < len(lines) and not lines[number].strip().startswith(fence):
            body.append(lines[number])
            number += 1
        number += 1
        found.append((start, "\n".join(body)))
    return found


def kind(text: str) -> str:
    """The diagram type of a Mermaid text: its first word."""
    for line in _lines(text):
        code = _uncomment(line).strip()
        if code:
            return code.split()[0].split(";")[0]
    return ""
