"""The kiosk's data: a playlist of maps and a version that is a hash of the
content, so an identical rebuild never reloads an office screen. No MkDocs."""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Callable

from .i18n import format_decimal, labels_for
from .organisation import Entry, journey_owners
from .score import Moment
from .terms import slugify, unique

KIOSK_MOMENTS = 3  # weak and strong moments beside the map


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
             tags: Callable[[Entry], list[str]]) -> list[dict]:
    """One item per journey, worst first, with everything the kiosk shows as
    text, in the journey's language (`lang`: its page's, or the site's), as
    its page is. `ident` is a journey's id, unique in the site, and `svg` its
    picture's address; `owner_pages` names each department's page (its slug),
    so a screen may choose a department as its page's address does."""
    items = []
    for entry in entries:
        card, language = entry.card, lang(entry)
        labels = labels_for(language)
        if card.killed:
            # the first killer only, and how many more: five of them took five lines of a screen's header
            first, *more = card.killer_labels
            killers = labels["kiosk_more_killers"].format(killer=first, n=len(more)) if more else first
            verdict, headline = "killed", f"{labels['killed_by']}: {killers}"
            if card.average is not None:  # the format: still shown, marked as such
                headline += f" ({labels['without_killer'].replace('{score}', format_decimal(card.average, labels))})"
        elif card.score is not None:
            verdict, headline = "scored", f"{format_decimal(card.score, labels)} {labels['out_of_five']}"
        else:
            verdict, headline = "unrated", labels["no_score"]
        owners = journey_owners(entry)
        items.append({
            "id": ident(entry),
            "lang": language,
            "headings": {"weak": labels["weak"], "strong": labels["strong"]},
            "title": entry.title,
            "owner": entry.owner or "",
            "owners": owners,
            "tags": tags(entry),
            "verdict": verdict,
            "score": card.score,
            "headline": headline,
            # a design's score is a goal, not how today's customers fare: said above its title
            "design": labels["kiosk_design"] if entry.journey.status == "to-be" else "",
            "svg": svg(entry),
            "owner_pages": sorted({owner_pages[o] for o in owners if o in owner_pages}),
            "weak": [_moment(m) for m in card.weak[:KIOSK_MOMENTS]],
            "strong": [_moment(m) for m in card.strong[:KIOSK_MOMENTS]],
        })
    return sorted(items, key=lambda i: (i["verdict"] != "killed", i["score"] is None, i["score"] or 0, i["title"]))


def _moment(moment: Moment) -> dict:
    return {"number": moment.index + 1, "label": moment.touchpoint.label, "emotion": moment.emotion,
            "killer": bool(moment.killers)}  # numbered as on the picture


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
