"""What changed in the journeys between two git revisions, as Markdown for a
pull-request comment: moments added, removed or changed, and the change in
journey score, killers and customer voice."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field

from .compare import pair
from .escape import markdown_text, visible
from .i18n import format_number, format_signed
from .load import has_journey
from .score import Scorecard, score_journey
from .validate import Problem, Site, check_page, decode_page


class GitError(Exception):
    pass


def _git(*args: str) -> bytes:
    """Git's output as bytes: a page is decoded as check and the build decode it."""
    done = subprocess.run(["git", *args], capture_output=True)
    if done.returncode != 0:
        raise GitError(os.fsdecode(done.stderr).strip() or f"git {' '.join(args)} failed")
    return done.stdout


@dataclass
class Snapshot:
    """The journeys of one revision: path -> (title, scorecard or None, problems),
    and the files that could not be read as text, as `journeys check` names them."""

    journeys: dict[str, tuple[str, Scorecard | None, int]]
    unreadable: list[Problem] = field(default_factory=list)


def snapshot(rev: str | None, docs_dir: str, site: Site) -> Snapshot:
    """Journeys at a revision; `rev=None` is the working tree."""
    root = os.fsdecode(_git("rev-parse", "--show-toplevel")).strip()
    prefix = os.fsdecode(_git("rev-parse", "--show-prefix")).strip()
    folder = posixpath.normpath(posixpath.join(prefix, docs_dir))
    # -z: names as they are; without it git quotes a name with other than ASCII ("caf\303\251.md")
    if rev is None:
        names = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", docs_dir)
    else:
        names = _git("ls-tree", "-z", "-r", "--name-only", "--full-tree", rev, "--", folder)
    names = [n for n in os.fsdecode(names).split("\0") if n.endswith(".md")]
    uris = {posixpath.relpath(n, folder) for n in names}
    scoped = Site(site.language, site.killers, page_exists=uris.__contains__)
    found = Snapshot({})
    for name in names:
        if rev is None:
            try:
                with open(posixpath.join(root, name), "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:  # deleted, not yet committed: git still lists it
                continue
        else:
            data = _git("show", f"{rev}:{name}")
        text, undecodable = decode_page(data, name if rev is None else f"{rev}:{name}")
        if undecodable:  # named on its own line; a journey page shows as one with a problem
            found.unreadable += undecodable
            if has_journey(text):
                found.journeys[name] = (posixpath.basename(name), None, len(undecodable))
            continue
        checked = check_page(text, path=name, src_uri=posixpath.relpath(name, folder), site=scoped)
        if checked is None:
            continue
        title = checked.meta.get("title") if isinstance(checked.meta.get("title"), str) else posixpath.basename(name)
        card = score_journey(checked.journey) if checked.journey else None
        found.journeys[name] = (title, card, len(checked.problems))
    return found


def _score(value: float | None, language: str) -> str:
    return format_number(value, language) if value is not None else "–"


def compare(old: Snapshot, new: Snapshot, language: str = "en") -> str:
    """Markdown: one section per journey that was added, removed or changed."""
    sections = []
    for path in sorted(set(old.journeys) | set(new.journeys)):
        before, after = old.journeys.get(path), new.journeys.get(path)
        title = (after or before)[0]
        lines = []
        if before is None:
            lines.append("- New journey.")
        elif after is None:
            lines.append("- Journey removed.")
        for label, state in (("before", before), ("after", after)):
            if state and state[1] is None:
                lines.append(f"- {label.capitalize()}: {state[2]} problem(s); run `journeys check`.")
        b, a = (before[1] if before else None), (after[1] if after else None)
        if a is not None or b is not None:
            lines += _changes(b, a, language)
        if lines:  # titles, labels and names are a pull request's text: shown, never markup, links or mentions
            sections.append(f"### {markdown_text(title)}\n\n{_code(path)}\n\n" + "\n".join(lines))
    if not sections:
        return "No journeys changed.\n"
    return "## Journey changes\n\n" + "\n\n".join(sections) + "\n"


def _code(text: str) -> str:
    """A code span that holds `text` as written: its fence is longer than any run of backticks in it."""
    text = visible(text)  # a line break would end the span's line
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _changes(before: Scorecard | None, after: Scorecard | None, language: str) -> list[str]:
    lines = []
    old_score = before.score if before else None
    new_score = after.score if after else None
    if before and after and (old_score != new_score or before.killed != after.killed):
        both = old_score is not None and new_score is not None
        delta = f" ({format_signed(new_score - old_score, language)})" if both else ""
        lines.append(f"- Journey score: {_verdict(before, language)} → {_verdict(after, language)}{delta}")
    old_killers = set(before.killer_labels if before else ())
    new_killers = set(after.killer_labels if after else ())
    if new_killers - old_killers:
        lines.append("- Killers added: " + ", ".join(map(markdown_text, sorted(new_killers - old_killers))))
    if old_killers - new_killers:
        lines.append("- Killers removed: " + ", ".join(map(markdown_text, sorted(old_killers - new_killers))))
    if before and after and round(before.voice * 100) != round(after.voice * 100):
        lines.append(f"- Customer voice: {round(before.voice * 100)}% → {round(after.voice * 100)}%")
    if before and after:
        pairs, left = pair(before.moments, after.moments)  # as a baseline comparison matches them
        added = [markdown_text(n.touchpoint.label) for o, n in pairs if o is None]
        removed = [markdown_text(o.touchpoint.label) for o in left]
        changed = []
        for o, n in pairs:
            if o is not None and o.touchpoint != n.touchpoint:
                what = ""
                if o.score != n.score:
                    what = f" (score {_score(o.score, language)} → {_score(n.score, language)})"
                changed.append(f"{markdown_text(n.touchpoint.label)}{what}")
        for name, items in (("added", added), ("removed", removed), ("changed", changed)):
            if items:
                lines.append(f"- Moments {name}: " + "; ".join(f"“{i}”" for i in items))
    return lines


def _verdict(card: Scorecard, language: str) -> str:
    if card.killed:
        return "killed"
    return _score(card.score, language)
