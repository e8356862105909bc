"""The kiosk's data: a playlist of maps and a version that is a hash of the
content, so an identical rebuild never reloads an office screen. No MkDocs."""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Callable

from .i18n import format_decimal, labels_for
from .organisation import Entry, journey_owners, owner_of
from .score import Moment, Scorecard
from .terms import slugify, unique

KIOSK_MOMENTS = 3  # weak and strong moments beside the map
KIOSK_KILLERS = 2  # killers a headline names before 'and N more' (all of three: 'and 1 more' hides one)


def names(uris: list[str]) -> dict[str, tuple[str, str]]:
    """Each journey page's (id, picture name) on the kiosk, by its path.
    The id is what a screen's `?map=` names: the path with / as -, so it
    never changes while the page keeps its path. The picture's name is a
    file name, its slug. x/y.md and x-y.md have one id, x/y.md, x-y.md and
    x_y.md one slug: each gets its own, numbered only where they meet.
    `uris` are all journey pages, those with problems too, so that one
    turning broken or mended never renumbers another."""
    taken_ids: set[str] = set()
    taken_names: set[str] = set()
    return {uri: (unique(posixpath.splitext(uri)[0].replace("/", "-"), taken_ids),
                  unique(slugify(posixpath.splitext(uri)[0], empty="journey"), taken_names))
            for uri in sorted(uris)}


def playlist(entries: list[Entry], *, lang: Callable[[Entry], str], ident: Callable[[Entry], str],
             svg: Callable[[Entry], str], owner_pages: dict[str, str],
             tags: Callable[[Entry], list[str]],
             today: Callable[[Entry], Scorecard | None] = lambda entry: None) -> tuple[dict, dict[str, dict]]:
    """The playlist every screen reads, and each department's own part.
    `maps`: one item per journey, worst first, with everything the kiosk
    shows as text, in the journey's language (`lang`: its page's, or the
    site's), as its page is. `ident` is a journey's id, unique in the site,
    and `svg` its picture's address; `owner_pages` names each department's
    page (its slug), so a screen may choose a department as its page's
    address does; `today` is the journey a redesign is compared with, as its
    page compares them.

    A department's screen (`?owner=`) lists that department's own weak and
    strong moments beside each map: each moment listed names its owner's
    slug. `departments` names each department by its slug, for the screen's
    header, and `department_headings` gives, once for each language of the
    maps, the words around them (each item's own `headings` say the rest).
    Each department's own part (by its slug) holds, by journey id, its first
    three of its own that the journey's first three leave out: its screen
    reads them from a file of its own (`owners/<slug>.json`); in the one
    playlist, every department's in every journey made it twice as large (a
    library of 500 journeys: 0.8 to 1.7 MB)."""
    items, languages, departments, own = [], set(), {}, {}
    for entry in entries:
        card, language = entry.card, lang(entry)
        labels = labels_for(language)
        if card.killed:
            # Up to three killers named, else two and how many more: five of them took five lines of a screen's
            # header, and 'and 1 more' hid the second (in the example, the data leak) behind a number.
            cut = KIOSK_KILLERS if len(card.killer_labels) > KIOSK_KILLERS + 1 else len(card.killer_labels)
            named, more = card.killer_labels[:cut], card.killer_labels[cut:]
            killers = ", ".join(named)
            if more:
                killers = labels["kiosk_more_killers"].format(killers=killers, n=len(more))
            verdict, headline = "killed", f"{labels['killed_by']}: {killers}"
            if card.average is not None:  # the format: still shown, marked as such
                headline += f" ({labels['without_killer'].replace('{score}', format_decimal(card.average, labels))})"
        elif card.score is not None:
            verdict, headline = "scored", f"{format_decimal(card.score, labels)} {labels['out_of_five']}"
        else:
            verdict, headline = "unrated", labels["no_score"]
        if (base := today(entry)) is not None:
            # A design's goal beside where customers are today: an office screen showed the goal alone.
            now = (labels["killed"].lower() if base.killed else
                   format_decimal(base.score, labels) if base.score is not None else labels["no_score"])
            headline += f" ({labels['kiosk_today'].format(verdict=now)})"
        owners = journey_owners(entry)
        languages.add(language)
        departments.update((owner_pages[o], o) for o in owners if o in owner_pages)
        slug = {m.index: owner_pages.get(owner_of(entry, m)) for m in card.moments}
        items.append({
            "id": ident(entry),
            "lang": language,
            "headings": {"weak": labels["weak"], "strong": labels["strong"], "owner": labels["owner"]},
            "title": entry.title,
            "owner": entry.owner or "",
            "owners": owners,
            "tags": tags(entry),
            "verdict": verdict,
            "score": card.score,
            "headline": headline,
            # Said above its title, what its score is not: a design's is a goal, not how today's customers
            # fare; a touchpoint analysis's a guess from inside, which no customer backs.
            "caveat": labels["kiosk_design"] if entry.journey.status == "to-be"
            else labels["kiosk_touchpoint_analysis"] if card.touchpoint_analysis else "",
            "svg": svg(entry),
            "owner_pages": sorted({owner_pages[o] for o in owners if o in owner_pages}),
            "weak": [_moment(m, slug) for m in card.weak[:KIOSK_MOMENTS]],
            "strong": [_moment(m, slug) for m in card.strong[:KIOSK_MOMENTS]],
        })
        _beyond_three(card, slug, ident(entry), own)
    return {
        "maps": sorted(items, key=lambda i: (i["verdict"] != "killed", i["score"] is None, i["score"] or 0,
                                             i["title"])),
        "departments": departments,
        "department_headings": {language: _department_headings(language) for language in languages},
    }, {**{name: {} for name in departments}, **own}


def _beyond_three(card: Scorecard, slug: dict[int, str | None], ident: str, own: dict[str, dict]) -> None:
    """Add to `own` (by department, then journey id) each department's first
    three weak and strong moments of its own that the journey's first three
    leave out (Klantcontactcentrum's one weak moment of the dakkapel
    journey is its fifth), in the order of `weak` and `strong` (worst and
    best first), so that a screen lists its department's first three of
    both together."""
    for kind, ranked in zip(("strong", "weak"), card.ranked()):
        met: dict[str, int] = {}  # each department's moments so far, in that order
        for place, moment in enumerate(ranked):
            if name := slug[moment.index]:
                met[name] = met.get(name, 0) + 1
                if place >= KIOSK_MOMENTS and met[name] <= KIOSK_MOMENTS:
                    own.setdefault(name, {}).setdefault(ident, {}).setdefault(kind, []).append(_moment(moment, slug))


def _department_headings(language: str) -> dict:
    labels = labels_for(language)
    return {"department": labels["department"], "own_weak": labels["kiosk_own_weak"],
            "own_strong": labels["kiosk_own_strong"], "journey_weak": labels["kiosk_journey_weak"],
            "journey_strong": labels["kiosk_journey_strong"]}


def _moment(moment: Moment, slug: dict[int, str | None]) -> dict:
    item = {"number": moment.index + 1, "label": moment.touchpoint.label, "emotion": moment.emotion,
            "killer": bool(moment.killers)}  # numbered as on the picture
    if slug[moment.index]:  # its department's page, as `owner_pages` names it (none: a moment nobody owns)
        item["owner"] = slug[moment.index]
    return item


def content_version(*parts: str) -> str:
    """A short hash of everything a kiosk shows: equal content, equal version."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def dumps(data: object) -> str:
    """Deterministic JSON, compact (written by the C encoder: a library's playlist is large)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
