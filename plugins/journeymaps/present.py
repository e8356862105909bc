"""What a journey page shows around the map, as plain data for templates.

Front ends (the MkDocs plugin today) pass a journey, its scorecard and a few
callables for links; the templates under `templates/journeys/` turn this into
HTML. A site overrides a template by putting a file with the same name in its
`theme.custom_dir`. No MkDocs import here.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import TYPE_CHECKING, Callable

import jinja2
from markupsafe import Markup

from .i18n import count_killers, format_number, format_signed
from .render.svg import face_icon, killer_icon, symbol_id, unheard_ring, unrated_icon
from .score import Moment, Scorecard, emotion_for
from .terms import anchors
from .validate import Problem, is_web_link

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from .model import Journey, Touchpoint


def make_env(template_dirs: list[str]) -> jinja2.Environment:
    """Templates from the site's own folders first, then the package's.
    Autoescape is on: every value from front-matter is untrusted. A build
    makes its own environment (on_config, also under `mkdocs serve`), so
    Jinja need not look up each template file's time again at every
    render (two looks for each of a journey page's four templates: about
    4,000 in a first build of 500 journeys)."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(template_dirs), jinja2.PackageLoader("journeymaps", "templates")]
    )
    env = _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False)
    env.globals.update(TEMPLATE_GLOBALS)
    return env


# What the templates call besides their context.
TEMPLATE_GLOBALS = {
    # markup of our own: an emotion is one of four words
    "face_icon": lambda emotion, unheard=False: Markup(face_icon(emotion, bool(unheard))),
    "unheard_ring": lambda cx=0, cy=0: Markup(unheard_ring(float(cx), float(cy))),
    "killer_icon": lambda: Markup(killer_icon()),
    "unrated_icon": lambda: Markup(unrated_icon()),
    "count_killers": count_killers,
}


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja, reading `labels.moment` and `m.anchor` from a dict as it
    always does, only sooner: Jinja looks for an attribute first and takes
    the key after the AttributeError, and the contexts here are dicts, read
    hundreds of times a page (a journey page renders in 0.5 ms instead of
    0.85). A name a dict has as an attribute (`items`) is looked up as before."""

    def getattr(self, obj, attribute):  # noqa: ANN001 - Jinja's signature
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def headline(card: Scorecard, labels: dict, language: str) -> dict:
    """The verdict in words: the journey score, or which killer cancelled it."""
    average = format_number(card.average, language) if card.average is not None else None
    if card.killed:
        return {"killed": True, "killers": list(card.killer_labels), "would_have_been": average}
    emotion = emotion_for(card.average) if card.average is not None else None
    return {"killed": False, "score": average, "emotion": emotion}


def journey_context(
    journey: Journey,
    card: Scorecard,
    *,
    title: str,
    labels: dict,
    language: str,
    svg: str,
    svg_url: str | None,
    href_for: Callable[[Touchpoint], str | None],
    related_title: Callable[[Touchpoint], str | None] = lambda tp: None,
    comparison: dict | None = None,
    redesigned_in: list[dict] | None = None,
    map_id: str = "",
    ref_url: Callable[[str], str | None] = lambda ref: None,
    department_url: Callable[[str], str | None] = lambda name: None,
) -> dict:
    """Everything `journeys/map.html` needs. `map_id` is the id prefix of the
    inline map, whose marks the narrow-screen layout reuses; `department_url`
    the address of a department's page, by its name as written."""
    moments = _moments(journey, card, labels=labels, language=language, href_for=href_for, map_id=map_id,
                       ref_url=ref_url, department_url=department_url)
    for moment, tp in zip(moments, journey.touchpoints):  # the link says where it goes, not only "zoom in"
        moment["related_title"] = related_title(tp)
    return {
        "title": title,
        "journey": journey,
        "owner_url": department_url(journey.owner) if journey.owner else None,
        "labels": labels,
        "headline": headline(card, labels, language),
        "voice": round(card.voice * 100),
        # what the share is of, where it is shown: staff who came by a link saw "83%" and no more
        "voice_counted": labels["voice_counted"].format(n=sum(m.has_voice for m in card.moments),
                                                         total=len(card.moments)),
        "touchpoint_analysis": card.touchpoint_analysis,
        "svg": Markup(svg),  # built by our renderer, which escapes every text
        "svg_url": svg_url,
        "moments": moments,
        "strong": [moments[m.index] for m in card.strong],
        "weak": [moments[m.index] for m in card.weak],
        "has": {k: any(m[k] for m in moments) for k in ("phase", "channel", "related")}
        # a column of owners where a moment names its own: else each row would repeat the journey's
        | {"owner": any(tp.owner for tp in journey.touchpoints)}
        | {"details": any(m[k] for m in moments for k in _DETAILS)},
        "comparison": comparison,
        "redesigned_in": redesigned_in or [],
        "steps": _steps(moments),
    }


# What a moment's details cell holds, besides its label (the row's header).
_DETAILS = ("related", "quote", "pain", "opportunity", "backstage")


def steps(journey: Journey, card: Scorecard, *, labels: dict, language: str, map_id: str,
          href_for: Callable[[Touchpoint], str | None],
          department_url: Callable[[str], str | None] = lambda name: None) -> list[dict]:
    """The journey for a narrow screen (`journeys/steps.html`) beside a map
    whose id prefix is `map_id`; `href_for` as for the map's own links,
    `department_url` as for `journey_context`."""
    return _steps(_moments(journey, card, labels=labels, language=language, href_for=href_for, map_id=map_id,
                           department_url=department_url))


def _moments(journey: Journey, card: Scorecard, *, labels: dict, language: str,
             href_for: Callable[[Touchpoint], str | None], map_id: str,
             ref_url: Callable[[str], str | None] = lambda ref: None,
             department_url: Callable[[str], str | None] = lambda name: None) -> list[dict]:
    """Each moment as the templates show it; `ref_url` is the address of an
    evidence ref that names a file of the site (else it stays a citation)."""
    names = anchors(journey.touchpoints)
    phase_label = {p.id: p.label for p in journey.phases}

    def moment(m: Moment) -> dict:
        tp = m.touchpoint
        owner = journey.owner_of(tp)
        return {
            "number": m.index + 1,
            "anchor": names[m.index],
            "label": tp.label,
            "phase": phase_label.get(tp.phase, ""),
            "channel": tp.channel,
            "owner": owner,
            "owner_url": department_url(owner) if owner else None,
            "emotion": m.emotion,
            "score": format_number(m.score, language) if m.score is not None else None,
            "killers": [k.label for k in m.killers],
            "evidence": [_evidence(e, labels, ref_url) for e in tp.evidence],
            "heard": m.has_voice,  # evidence from customers, not only assumptions
            "unheard": m.guessed,  # a face no customer's evidence backs: ringed, as on the map
            "quote": tp.quote,
            "pain": tp.pain,
            "opportunity": tp.opportunity,
            "backstage": tp.backstage,
            "related": href_for(tp),
            "mark": symbol_id(map_id, *_mark(m)),
        }

    return [moment(m) for m in card.moments]


def _mark(m: Moment) -> tuple[str, str | None]:
    """The mark a moment has on the map: (kind, emotion), as layout.py draws it."""
    if m.killers:
        return "killer", None
    return ("face", m.emotion) if m.emotion else ("unrated", None)


def _steps(moments: list[dict]) -> list[dict]:
    """The journey for a narrow screen: runs of moments in one phase, in order."""
    steps: list[dict] = []
    for moment in moments:
        phase = moment["phase"]
        if not steps or steps[-1]["phase"] != phase:
            steps.append({"phase": phase, "moments": []})
        steps[-1]["moments"].append(moment)
    return steps


def _evidence(evidence, labels: dict, ref_url: Callable[[str], str | None]) -> dict:
    ref = evidence.ref
    link = (ref if is_web_link(ref) else ref_url(ref)) if ref else None
    return {
        "kind": labels.get(evidence.kind, evidence.kind),
        "n": evidence.n,
        "date": evidence.date,
        "ref": ref,
        "link": link,
    }


_HEADING = re.compile(r"(<h[1-6][\s>].*?</h[1-6]>)", re.S)
_TAG = re.compile(r"<[^>]*>")
# Where what search should not read begins: drawings (Material's search would
# read their text), scripts, styles and any element with the attribute
# data-search-exclude (Material's own mark; the words in an attribute's value
# are not it), each up to its first closing tag: our templates nest no
# element in one of its kind.
_SKIPPED = re.compile(r"<(svg|script|style)\b"
                      r"|<([a-z][a-z0-9]*)(?:\s+[\w:.-]+(?:=\"[^\"]*\"|='[^']*')?)*\s+data-search-exclude(?=[\s=/>])[^>]*>")


# A moment's row in a journey page's table (journeys/map.html): to search, a
# section of its own, titled with its number and label and found at its
# anchor. As one section of every moment, a search for a pain point led to
# the top of a table of twenty rows.
_MOMENT_ROW = re.compile(r'<tr id="([^"]+)"[^>]*>\s*<th scope="row"[^>]*>(.*?)</th>', re.S)
# Such a section in a search text: its id, title and text (none has a '<').
_MOMENT_SECTION = re.compile(r'<h3 id="([^"]+)">([^<]*)</h3>\n?(?:<p>([^<]*)</p>\n?)?')


def moment_sections(text: str, ids: set[str]) -> tuple[str, list[tuple[str, str, str]]]:
    """A search text without the sections of the moments whose row ids are
    `ids`, and those sections as (id, title, text) as Material's search
    index holds a section's: escaped as its parser escapes text (quotes
    as they are), the text a paragraph."""
    moments, kept, done = [], [], 0
    for match in _MOMENT_SECTION.finditer(text):
        if match[1] in ids:
            kept.append(text[done:match.start()])
            done = match.end()
            body = escape(unescape(match[3] or ""), quote=False)
            moments.append((match[1], escape(unescape(match[2]), quote=False), f"<p>{body}</p>" if body else ""))
    return "".join(kept) + text[done:], moments


def search_text(html: str, *, sections: bool = True) -> str:
    """What a search index needs of HTML the templates made: headings as
    they are (with their ids they split a page into sections; without
    `sections`, text as the rest), the rest as paragraphs of text, a space
    wherever a tag was. Only for our own output, where autoescape leaves no
    '<' or '>' inside text or attribute values."""
    text = _without_skipped(html)
    if sections:
        text = _MOMENT_ROW.sub(lambda row: f'<h3 id="{row[1]}">{" ".join(_TAG.sub(" ", row[2]).split())}</h3>', text)
    parts = _HEADING.split(text) if sections else [text]
    kept = [part if i % 2 else " ".join(_TAG.sub(" ", part).split()) for i, part in enumerate(parts)]
    return "\n".join(part if i % 2 else f"<p>{part}</p>" for i, part in enumerate(kept) if part)


# In a journey page's part (journeys/map.html): where the page's own text
# goes, after the strong and weak moments and before the table of every
# moment (below the table, an editor's story read as a note to it).
STORY = "<!--jm-story-->"


def part_entry(html: str) -> str:
    """A page part as the cache keeps it, with the text search gets of it:
    the search text's length on the first line, then both as they are (as
    JSON, decoding escaped HTML took half the time of reading it). The
    search text is split where the HTML is (STORY); what comes before the
    page's text opens no section, so the page's text stays in the page's
    own (under "Weakest moments", a search found a journey's story there)."""
    head, story, tail = html.partition(STORY)
    search = search_text(head, sections=not story) + story + search_text(tail)
    return f"{len(search)}\n{search}{html}"


def around_story(text: str) -> tuple[str, str]:
    """A part's HTML or search text: (before the page's text, after it)."""
    head, _, tail = text.partition(STORY)
    return head, tail


def split_part(entry: str) -> tuple[str, str] | None:
    """(HTML, search text) of a `part_entry`; None when it is damaged."""
    head, _, rest = entry.partition("\n")
    length = int(head) if head.isascii() and head.isdigit() else len(rest) + 1
    return (rest[length:], rest[:length]) if length <= len(rest) else None


def _without_skipped(html: str) -> str:
    """`html` with each skipped element, up to its first closing tag, made a
    space; one never closed stays. The closing tag is looked for with
    str.find: a lazy regular expression (`.*?</svg>`) steps through a map
    one character at a time, which took two thirds of the search text."""
    kept, done, start = [], 0, 0
    while match := _SKIPPED.search(html, start):
        closing = f"</{match.group(1) or match.group(2)}>"
        end = html.find(closing, match.end())
        if end < 0:
            start = match.start() + 1
            continue
        kept += [html[done:match.start()], " "]
        done = start = end + len(closing)
    kept.append(html[done:])
    return "".join(kept)


def errors_context(problems: list[Problem], labels: dict) -> dict:
    return {"labels": labels, "problems": [str(p) for p in problems]}


def comparison_context(comparison, *, labels: dict, language: str, title: str, url: str | None) -> dict:
    """The figures of a redesign against its baseline, for `journeys/map.html`."""

    def score(moment) -> str:
        if moment is None:
            return ""
        if moment.killers:
            return labels["killer"]
        return format_number(moment.score, language) if moment.score is not None else labels["not_rated"]

    def signed(value: float | None) -> str:
        return format_signed(value, language) if value is not None else ""

    before, after = comparison.before, comparison.after
    return {
        "title": title,
        "url": url,
        "score_before": headline(before, labels, language),
        "score_after": headline(after, labels, language),
        "delta": signed(comparison.score_delta),
        "killers_removed": comparison.killers_removed,
        "killers_added": comparison.killers_added,
        "voice_before": round(before.voice * 100),
        "voice_after": round(after.voice * 100),
        "rows": [
            {
                "label": change.label,
                "kind": change.kind,
                "before": score(change.before),
                "after": score(change.after),
                "delta": signed(change.delta),
                "better": (change.delta or 0) > 0,
                "worse": (change.delta or 0) < 0,
            }
            for change in comparison.changes
        ],
    }
