"""Generated pages: the catalogue, a page per department, their index and the
overview. Files are made with `File.generated`, so `mkdocs serve`, search and
the sitemap see them; their HTML comes from the templates under
`templates/journeys/`, filled from `organisation.py` when the page is built.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Callable

import jinja2
import yaml
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import organisation as org
from .i18n import format_number, format_signed
from .render import render_heat_map
from .score import emotion_for


@dataclass
class Site:
    """What the generated pages are made from, for one build. The journeys
    are read only when a page has to be made (not when it comes from the cache)."""

    make_entries: Callable[[], list[org.Entry]]
    files: Files
    svg_files: dict[str, File]  # journey key -> its standalone SVG
    labels: dict
    language: str
    env: jinja2.Environment
    make_baselines: Callable[[], dict[str, tuple[str, float | None]]] = dict  # key -> (baseline key, score change)

    @cached_property
    def entries(self) -> list[org.Entry]:
        return self.make_entries()

    @cached_property
    def baselines(self) -> dict[str, tuple[str, float | None]]:
        return self.make_baselines()

    @cached_property
    def owners(self) -> dict[str, org.Owner]:
        """By slug."""
        return {owner.slug: owner for owner in org.owners(self.entries)}

    def let_go(self) -> None:
        """Forget the entries and what was worked out from them (made again if asked for)."""
        for name in ("entries", "baselines", "owners"):
            self.__dict__.pop(name, None)


@dataclass(frozen=True)
class Paths:
    catalogue: str = "journeys/index.md"
    owners: str = "owners"  # owners/index.md and owners/<slug>.md
    overview: str = "overview/index.md"

    def owner(self, slug: str) -> str:
        return f"{self.owners}/{slug}.md"

    @property
    def owners_index(self) -> str:
        return f"{self.owners}/index.md"


Renderer = Callable[[File], str]  # the HTML of a generated page, given its File


def generate(site: Site, paths: Paths, config: MkDocsConfig, owners: list[tuple[str, str]]) -> dict[str, Renderer]:
    """Add the generated pages to `site.files`; return how to fill each one.
    `owners` are the departments, as (name, slug): see `owner_names`.
    A page the site already has at that path is its own and left alone."""
    pages: dict[str, tuple[str, Renderer]] = {
        paths.catalogue: (site.labels["catalogue"], lambda f: _catalogue(site, f)),
        paths.owners_index: (site.labels["owners"], lambda f: _owners(site, paths, f)),
        paths.overview: (site.labels["overview"], lambda f: _overview(site, paths, f)),
    }
    for name, slug in owners:
        title = site.labels["owner_title"].format(owner=name)
        pages[paths.owner(slug)] = (title, lambda f, slug=slug: _owner(site, site.owners[slug], f))
    renderers = {}
    for src_uri, (title, renderer) in pages.items():
        if site.files.get_file_from_path(src_uri) is not None:
            continue
        front_matter = yaml.safe_dump({"title": title}, allow_unicode=True)
        site.files.append(File.generated(config, src_uri, content=f"---\n{front_matter}---\n"))
        renderers[src_uri] = renderer
    return renderers


def owner_names(site: Site) -> list[tuple[str, str]]:
    """The departments that get a page, as (name, slug)."""
    return [(owner.name, slug) for slug, owner in site.owners.items()]


def _by_name(name: str) -> tuple[str, str]:
    """Alphabetical, ignoring case; names that differ only in case in one
    order every time (a set's order changes from run to run)."""
    return name.lower(), name


def _url(site: Site, src_uri: str, origin: File) -> str:
    target = site.files.get_file_from_path(src_uri)
    return target.url_relative_to(origin) if target else "#"


def _with_anchor(url: str, anchor: str) -> str:
    return f"{url}#{anchor}" if anchor and url != "#" else url


def _group(key: str) -> str:
    """The folder a journey lives in, below the docs folder."""
    return posixpath.dirname(key)


def _catalogue(site: Site, origin: File) -> str:
    rows = []
    titles = {entry.key: entry.title for entry in site.entries}
    for entry in site.entries:
        row = org.catalogue_row(entry)
        score = row["score"]
        svg = site.svg_files.get(entry.key)
        row.update(
            url=_url(site, entry.key, origin),
            thumbnail=svg.url_relative_to(origin) if svg else None,
            verdict="killed" if row["killed"] else ("scored" if score is not None else "unrated"),
            score_text=format_number(score, site.language) if score is not None else None,
            emotion=emotion_for(score) if score is not None else None,
            group=_group(entry.key),
            key=entry.key,
            baseline=None,
        )
        if entry.key in site.baselines:
            base, delta = site.baselines[entry.key]
            row["baseline"] = {"url": _url(site, base, origin), "key": base, "title": titles.get(base, base),
                               "delta": format_signed(delta, site.language) if delta is not None else None}
        rows.append(row)
    rows = _pairs_together(org.worst_first(rows))
    if len({r["group"] for r in rows}) < 2:  # one folder: naming it says nothing
        for row in rows:
            row["group"] = None
    filters = {
        "owner": sorted({o for r in rows for o in r["owners"]}, key=_by_name),
        "status": sorted({r["status"] for r in rows}),
        "verdict": [v for v in ("killed", "scored", "unrated") if any(r["verdict"] == v for r in rows)],
        "phase": sorted({p for r in rows for p in r["phases"]}, key=_by_name),
        "channel": sorted({c for r in rows for c in r["channels"]}, key=_by_name),
    }
    labels = {**site.labels, "killed": site.labels["verdict_killed"], "scored": site.labels["verdict_scored"],
              "unrated": site.labels["verdict_unrated"]}
    return site.env.get_template("journeys/catalogue.html").render(labels=labels, rows=rows, filters=filters)


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


def _owners(site: Site, paths: Paths, origin: File) -> str:
    rows = [
        {
            "name": owner.name,
            "url": _url(site, paths.owner(owner.slug), origin),
            "moments": len(owner.moments),
            "average_text": format_number(owner.average, site.language) if owner.average is not None else None,
            "emotion": emotion_for(owner.average) if owner.average is not None else None,
            "killers": owner.killers,
            "journeys": len({o.entry.key for o in owner.moments} | {e.key for e in owner.journeys}),
        }
        for owner in site.owners.values()
    ]
    return site.env.get_template("journeys/owners.html").render(labels=site.labels, owners=rows)


def _owner(site: Site, owner: org.Owner, origin: File) -> str:
    journey_url = cache(lambda key: _url(site, key, origin))  # once per journey, not per moment

    moments = [
        {
            "label": owned.moment.touchpoint.label,
            "url": _with_anchor(journey_url(owned.entry.key), owned.anchor),
            "journey": owned.entry.title,
            "journey_url": journey_url(owned.entry.key),
            "phase": owned.phase,
            "emotion": owned.moment.emotion,
            "score_text": format_number(owned.moment.score, site.language) if owned.moment.score is not None else None,
            "killers": [k.label for k in owned.moment.killers],
        }
        for owned in owner.moments
    ]
    journeys = [{"title": e.title, "url": journey_url(e.key)} for e in owner.journeys]
    return site.env.get_template("journeys/owner.html").render(
        labels=site.labels, name=owner.name, moments=moments, journeys=journeys
    )


def _overview(site: Site, paths: Paths, origin: File) -> str:
    owners = list(site.owners.values())
    heat = org.heat_map(owners)
    svg = render_heat_map(heat, title=site.labels["overview"], labels=site.labels, language=site.language)
    slugs = {o.name: o.slug for o in owners}
    rows = []
    for name in heat.owners:
        cells = []
        for phase in heat.phases:
            cell = heat.cells.get((name, phase))
            text = format_number(cell.average, site.language) if cell and cell.average is not None else ""
            cells.append({"text": text, "killers": cell.killers if cell else 0})
        rows.append({"name": name, "url": _url(site, paths.owner(slugs[name]), origin), "cells": cells})
    phases = [p or site.labels["no_phase"] for p in heat.phases]
    return site.env.get_template("journeys/overview.html").render(
        labels=site.labels, svg=Markup(svg), phases=phases, rows=rows
    )


def navigation(files: Files, skip: set[str], paths: Paths, labels: dict) -> list:
    """A navigation that stays short however many journeys there are: the
    site's own pages, then the catalogue, the departments and the overview.
    Journeys are reached from the catalogue, department pages, tags and
    search; listing each one in the sidebar would make every page carry the
    whole library (a build about 6 times slower at 1,000 journeys)."""
    tree: dict = {}
    for file in files.documentation_pages():
        if file.src_uri in skip:
            continue
        *folders, _ = file.src_uri.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[file.src_uri] = None

    def entries(node: dict) -> list:
        pages = sorted((k for k in node if not k.endswith("/")), key=lambda k: (not k.endswith("index.md"), k))
        folders = sorted(k for k in node if k.endswith("/"))
        # A folder's name is its section's title, which Material writes as HTML.
        return pages + [{str(escape(k.rstrip("/").replace("-", " ").capitalize())): entries(node[k])} for k in folders]

    generated = [{labels["catalogue"]: paths.catalogue}, {labels["owners"]: paths.owners_index}, {labels["overview"]: paths.overview}]
    return entries(tree) + generated
