"""The pages that list journeys: the catalogue, a page per department, their
index and the overview, as HTML from the templates under `templates/journeys/`.

Plain data in, HTML out, as organisation.py: a front end passes the entries,
the templates and `url_for`, which gives the link from the page being made to
a page of the site by its docs-relative path ('#' when there is none). The
MkDocs plugin (pages.py) adds the files and the navigation. No MkDocs here.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Callable

from markupsafe import Markup

from . import organisation as org
from .i18n import format_number, format_signed
from .render import render_heat_map, render_heat_map_sheets
from .render.heatmap import prints_transposed, shows_every_figure
from .score import emotion_for

if TYPE_CHECKING:
    import jinja2

    from .colours import FaceColour

UrlFor = Callable[[str], str]  # docs-relative path -> link from the page being made; '#' when there is none


def catalogue(entries: list[org.Entry], baselines: dict[str, tuple[str, float | None]], *, labels: dict,
              language: str, env: jinja2.Environment, url_for: UrlFor,
              thumbnail_for: Callable[[str], str | None],
              department_url: Callable[[str], str | None] = lambda name: None, broken: list[dict] = ()) -> str:
    """Every journey, worst first, a redesign after its baseline. `baselines`:
    a redesign's key -> (its baseline's key, the change in score);
    `thumbnail_for`: a journey's key -> the link to its picture, if any;
    `department_url`: a department -> the link to its page, if any;
    `broken`: the journey pages with errors, each {title, url}, named apart: not gone without a word."""
    rows = []
    titles = {entry.key: entry.title for entry in entries}
    for entry in entries:
        row = org.catalogue_row(entry)
        score = row["score"]
        row.update(
            url=url_for(entry.key),
            thumbnail=thumbnail_for(entry.key),
            verdict="killed" if row["killed"] else ("scored" if score is not None else "unrated"),
            score_text=format_number(score, language) if score is not None else None,
            average_text=(format_number(row["average"], language)
                          if row["killed"] and row["average"] is not None else None),
            emotion=emotion_for(score) if score is not None else None,
            group=_group(entry.key),
            key=entry.key,
            baseline=None,
            owner_url=department_url(row["owner"]) if row["owner"] else None,
            others=[{"name": name, "url": department_url(name)} for name in row["owners"] if name != row["owner"]],
        )
        if entry.key in baselines:
            base, delta = baselines[entry.key]
            row["baseline"] = {"url": url_for(base), "key": base, "title": titles.get(base, base),
                               "delta": format_signed(delta, language) if delta is not None else None}
        rows.append(row)
    rows = _pairs_together(org.worst_first(rows))
    if len({r["group"] for r in rows}) < 2:  # one folder: naming it says nothing
        for row in rows:
            row["group"] = None
    # Each choice with the number of journeys it finds: among 59 phases, the
    # ones most journeys share stand out from a team's own words.
    filters = {
        "owner": _counted(rows, lambda r: r["owners"], _by_name),
        "status": _counted(rows, lambda r: [r["status"]], str),
        "verdict": _counted(rows, lambda r: [r["verdict"]], ("killed", "scored", "unrated").index),
        "phase": _counted(rows, lambda r: r["phases"], _by_name),
        "channel": _counted(rows, lambda r: r["channels"], _by_name),
    }
    labels = {**labels, "killed": labels["verdict_killed"], "scored": labels["verdict_scored"],
              "unrated": labels["verdict_unrated"]}
    return env.get_template("journeys/catalogue.html").render(labels=labels, rows=rows, filters=filters,
                                                              broken=broken)


def owners_index(owners: list[org.Owner], *, labels: dict, language: str, env: jinja2.Environment,
                 url_for: UrlFor, owner_page: Callable[[str], str]) -> str:
    """The departments, each with its figures, the weakest first; `owner_page`: a slug -> its page's
    docs-relative path."""
    rows = [{"name": owner.name, "url": url_for(owner_page(owner.slug)), **_figures(owner, language)}
            for owner in sorted(owners, key=_weakest_first)]
    return env.get_template("journeys/owners.html").render(labels=labels, owners=rows)


def _figures(owner: org.Owner, language: str) -> dict:
    """What the departments page says of a department, and its own page at its top. Every figure counts
    the journeys as they are today (Owner.measured), as its killers and average do: its moments counted
    a redesign's too, so Team Parkeren had 'Momenten: 6' beside an average of three of them."""
    average = owner.average  # worked out from every moment it owns: once
    measured = owner.measured
    return {
        "moments": len(measured),
        "average_text": format_number(average, language) if average is not None else None,
        "emotion": emotion_for(average) if average is not None else None,
        "unheard": owner.guessed,
        "killers": owner.killers,
        "journeys": len({o.entry.key for o in measured}
                        | {e.key for e in owner.journeys if e.journey.status != "to-be"}),
        "designed": len(owner.moments) - len(measured),
    }


def department(owner: org.Owner, *, labels: dict, language: str, env: jinja2.Environment, url_for: UrlFor,
               index: str, kiosk_url: str | None = None) -> str:
    """One department's page: its figures, the moments it owns and the journeys it owns as a whole;
    `index`: the departments page's docs-relative path; `kiosk_url`: the kiosk showing only its journeys."""
    journey_url = cache(url_for)  # once per journey, not per moment
    moments = [
        {
            "label": owned.moment.touchpoint.label,
            "url": _with_anchor(journey_url(owned.entry.key), owned.anchor),
            "journey": owned.entry.title,
            "journey_url": journey_url(owned.entry.key),
            "lang": owned.entry.lang,
            "phase": owned.phase,
            "emotion": owned.moment.emotion,
            "score_text": format_number(owned.moment.score, language) if owned.moment.score is not None else None,
            "killers": [k.label for k in owned.moment.killers],
            # why it hurts and what could be done, which the team had to look up on each journey
            "pain": owned.moment.touchpoint.pain,
            "opportunity": owned.moment.touchpoint.opportunity,
            "unheard": owned.moment.guessed,
            # marked, whatever its journey's title says: '(ontwerp)' in a title was all that told a design's
            # hoped-for 4,5 from today's
            "designed": owned.designed,
        }
        for owned in owner.moments
    ]
    journeys = [{"title": e.title, "url": journey_url(e.key), "designed": e.journey.status == "to-be", "lang": e.lang}
                for e in owner.journeys]
    return env.get_template("journeys/owner.html").render(labels=labels, name=owner.name, moments=moments,
                                                          journeys=journeys, figures=_figures(owner, language),
                                                          has_details=any(m["pain"] or m["opportunity"]
                                                                          for m in moments),
                                                          index_url=url_for(index), kiosk_url=kiosk_url)


def overview(owners: list[org.Owner], *, labels: dict, language: str, env: jinja2.Environment, url_for: UrlFor,
             owner_page: Callable[[str], str], faces: dict[str, FaceColour] | None = None) -> str:
    """Departments against phases: the heat map, and the same figures as a table;
    its faces in the site's colours (`faces`, None: the default set)."""
    heat = org.heat_map(owners)
    departments = {o.name: o for o in owners}
    page_url = {name: url_for(owner_page(owner.slug)) for name, owner in departments.items()}
    svg = render_heat_map(heat, title=labels["overview"], labels=labels, language=language, href_for=page_url.get,
                          faces=faces)
    turned = prints_transposed(heat)
    print_svgs = []
    if turned:
        print_svgs = render_heat_map_sheets(heat, title=labels["overview"], labels=labels, language=language,
                                            faces=faces)
    phases = [p or labels["no_phase"] for p in heat.phases]
    rows = []
    for name in heat.owners:
        cells = []
        for phase, shown in zip(heat.phases, phases):
            cell = heat.cells.get((name, phase))
            average = cell.average if cell else None
            cells.append({"phase": shown, "text": format_number(average, language) if average is not None else "",
                          "emotion": emotion_for(average) if average is not None else None,
                          "killers": cell.killers if cell else 0, "average": average,
                          "unheard": bool(cell and cell.guessed)})
        # On a phone, a department's phases the worst first, as the
        # departments page orders them: the ones to talk about on top.
        filled = [c for c in cells if c["text"] or c["killers"]]
        worst_first = sorted(filled, key=lambda c: (-c["killers"], 6 if c["average"] is None else c["average"]))
        rows.append({"name": name, "url": page_url[name], "cells": cells, "worst_first": worst_first})
    guessed = any(cell.guessed for cell in heat.cells.values())  # its key then names the ring
    worst = []
    for name, phase, cell in org.worst_cells(heat):
        # A phase's name is its journey's own word: the cell's worst moment
        # says what happened there, and where (its moments are weakest first).
        moment = next(o for o in departments[name].measured if (o.phase or "") == phase)
        worst.append({"name": name, "url": page_url[name], "phase": phase or labels["no_phase"],
                      "text": format_number(cell.average, language) if cell.average is not None else "",
                      "killers": cell.killers, "moment": moment.moment.touchpoint.label,
                      "moment_url": _with_anchor(url_for(moment.entry.key), moment.anchor),
                      "journey": moment.entry.title, "lang": moment.entry.lang})
    return env.get_template("journeys/overview.html").render(
        labels=labels, svg=Markup(svg), print_svgs=[Markup(sheet) for sheet in print_svgs], phases=phases, rows=rows,
        worst=worst, in_map=shows_every_figure(heat, labels, transposed=turned), guessed=guessed)


def _weakest_first(owner: org.Owner) -> tuple:
    """As the catalogue sorts journeys: the departments with killers first (the
    most first), then from the lowest average up; those with nothing rated last."""
    average = owner.average
    return -owner.killers, average is None, average or 0, _by_name(owner.name)


def _counted(rows: list[dict], values: Callable[[dict], list[str]], order: Callable) -> list[tuple[str, int]]:
    """Each value the rows have, in `order`, with the number of rows that have it."""
    counts = Counter(value for row in rows for value in set(values(row)))
    return [(value, counts[value]) for value in sorted(counts, key=order)]


def _by_name(name: str) -> tuple[str, str]:
    """Alphabetical, ignoring case; names that differ only in case in one
    order every time (a set's order changes from run to run)."""
    return name.lower(), name


def _with_anchor(url: str, anchor: str) -> str:
    return f"{url}#{anchor}" if anchor and url != "#" else url


def _group(key: str) -> str:
    """The folder a journey lives in, below the docs folder."""
    return posixpath.dirname(key)


def _pairs_together(rows: list[dict]) -> list[dict]:
    """A redesign right after the journey it redesigns; otherwise the order stays."""
    keys = {row["key"] for row in rows}
    follows: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("baseline") and row["baseline"]["key"] in keys:
            follows.setdefault(row["baseline"]["key"], []).append(row)
    ordered: list[dict] = []

    def place(row: dict) -> None:
        ordered.append(row)
        for redesign in follows.get(row["key"], []):
            place(redesign)

    for row in rows:
        if not (row.get("baseline") and row["baseline"]["key"] in keys):
            place(row)
    return ordered
