"""The whole organisation's view of its journeys: a catalogue, the moments
each owner (department or team) owns, and owners against phases.

Plain data in, plain data out: front ends pass one `Entry` per journey page;
no MkDocs here. A touchpoint without an `owner` belongs to its journey's owner.
Owners whose names differ only in case, spacing or Unicode form are one
department, shown under its most used spelling (`departments`).
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Mapping

from .load import shorten
from .score import Moment, Scorecard, mean1
from .terms import anchors, slugify, unique
from .validate import Problem, field_name

if TYPE_CHECKING:  # the model is only named here: a rebuild from the cache never loads pydantic
    from .load import FrontMatter
    from .model import Journey


@dataclass(frozen=True)
class Entry:
    """One journey page, as the organisation's pages need it: its journey
    a model, or the `Outline` of one (`brief`), which is all they read."""

    key: str  # a stable key, e.g. the page's docs-relative path
    title: str
    journey: Journey | Outline
    card: Scorecard
    names: Mapping[str, str] = field(default_factory=dict)  # an owner as written -> its department (`departments`)
    lang: str | None = None  # the page's own language (`lang:`), which its words on the lists are marked with

    def department(self, name: str | None) -> str | None:
        """The department an owner, as written here, is shown as."""
        return self.names.get(name, name) if name else None

    @property
    def owner(self) -> str | None:
        return self.department(self.journey.owner)


@dataclass(frozen=True, slots=True)
class Named:
    """A phase or a killer, as the lists name it."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Brief:
    """A touchpoint as the lists read it: not its evidence, quote or
    backstage, which only its journey's page shows."""

    label: str
    id: str | None
    phase: str | None
    channel: str | None
    owner: str | None
    pain: str | None
    opportunity: str | None


@dataclass(frozen=True, slots=True)
class Outline:
    """A journey as the lists read it."""

    persona: str | None
    owner: str | None
    shape: str
    status: str
    updated: object  # a date, or None
    phases: tuple[Named, ...]
    touchpoints: tuple[Brief, ...]

    def owner_of(self, touchpoint: Brief) -> str | None:
        return touchpoint.owner or self.owner  # as Journey.owner_of


def brief(key: str, title: str, journey: Journey, card: Scorecard, names: Mapping[str, str],
          lang: str | None) -> Entry:
    """An entry that holds the outline of `journey` and a scorecard of its
    moments' briefs, not the model, which can then go: every list is made
    from every journey, and their models were most of what a large
    library's build held (about 45 KB a journey of 20 moments, against
    a few for its outline; see README, "Performance"). The names a library
    repeats (phases, channels, owners) are held once."""
    def name(text: str | None) -> str | None:
        return sys.intern(text) if text is not None else None

    touchpoints = tuple(Brief(tp.label, tp.id, name(tp.phase), name(tp.channel), name(tp.owner), tp.pain,
                              tp.opportunity) for tp in journey.touchpoints)
    killers = {k.id: Named(k.id, k.label) for k in journey.killers}
    moments = {m.index: replace(m, touchpoint=touchpoints[m.index], killers=tuple(killers[k.id] for k in m.killers))
               for m in card.moments}

    def again(chosen: tuple[Moment, ...]) -> tuple[Moment, ...]:
        return tuple(moments[m.index] for m in chosen)

    outline = Outline(journey.persona, name(journey.owner), journey.shape, journey.status, journey.updated,
                      tuple(Named(p.id, name(p.label)) for p in journey.phases), touchpoints)
    card = replace(card, moments=again(card.moments), killers_hit=again(card.killers_hit), strong=again(card.strong),
                   weak=again(card.weak))
    return Entry(key, title, outline, card, names, lang)


@dataclass(frozen=True)
class OwnedMoment:
    entry: Entry
    moment: Moment
    anchor: str
    phase: str | None  # the phase label

    @property
    def designed(self) -> bool:
        """Is it a moment of a redesign, not of the journey as it is today?"""
        return self.entry.journey.status == "to-be"

    @property
    def sort_key(self) -> tuple:
        """Killers first, then weakest first, unrated last; ties by journey and order."""
        m = self.moment
        return (0 if m.killers else 1, m.score is None, m.score or 0, self.entry.title, m.index)


@dataclass
class Owner:
    name: str
    slug: str
    moments: list[OwnedMoment] = field(default_factory=list)
    journeys: list[Entry] = field(default_factory=list)  # journeys it owns as a whole

    @property
    def measured(self) -> list[OwnedMoment]:
        """The moments of journeys as they are today. A redesign's (status
        to-be) are listed with the others but not counted: its scores are
        what a design hopes for, and averaged in they hid today's pain (in
        the example, an angry 1,5 and a designed 4,5 made a calm 3,0)."""
        return [o for o in self.moments if not o.designed]

    @property
    def killers(self) -> int:
        return sum(1 for o in self.measured if o.moment.killers)

    @property
    def average(self) -> float | None:
        return mean1([m.score for m in self._averaged])

    @property
    def guessed(self) -> bool:
        """Its average is a guess, as each score of it is: no customer gave any (Belastingen's 3,3 read as
        measured)."""
        averaged = self._averaged
        return bool(averaged) and all(m.guessed for m in averaged)

    @property
    def _averaged(self) -> list[Moment]:
        return [o.moment for o in self.measured if o.moment.score is not None and not o.moment.killers]


def owner_of(entry: Entry, moment: Moment) -> str | None:
    return entry.department(entry.journey.owner_of(moment.touchpoint))


def department_key(name: str) -> str:
    """What two spellings of one department have in common. Editors mean one
    team by 'Keuken', 'keuken', 'Klant  contact' and 'Klant contact', a
    non-breaking space or a full-width letter: compatibility forms (NFKC),
    whitespace runs and case (casefold: 'Straße' is 'STRASSE') do not count.
    Accents do: 'Zorg' and 'Zörg' may be two teams."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


def written_owners(journey: Journey, front: FrontMatter | None) -> list[list]:
    """Every owner a valid journey names, as [name, line, field]: the
    journey's own, then its moments' in order."""
    places = [("journey", "owner")] + [("journey", "touchpoints", i, "owner") for i in range(len(journey.touchpoints))]
    names = [journey.owner] + [tp.owner for tp in journey.touchpoints]
    return [[name, front.line_of(loc) if front is not None else 1, field_name(loc)]
            for name, loc in zip(names, places) if name]


@dataclass(frozen=True)
class Departments:
    names: dict[str, str]  # a spelling -> the department's shown one, for the spellings that are not shown
    problems: list[Problem]  # one per such spelling, where it is first written


def departments(pages: Iterable[tuple[str, list[list]]]) -> Departments:
    """One department for the spellings of one `department_key`, shown as
    the most used spelling; on a tie the first. `pages`: (path as an editor
    knows it, its `written_owners`), in a stable order (the build and
    `journeys check` both go by the page's docs-relative path), so the same
    spelling wins in both."""
    groups: dict[str, dict[str, list[tuple[str, int, str]]]] = {}
    keys: dict[str, str] = {}  # a library writes a few names many times
    for path, owners in pages:
        for name, line, where in owners:
            key = keys.get(name) or keys.setdefault(name, department_key(name))
            groups.setdefault(key, {}).setdefault(name, []).append((path, line, where))
    names, problems = {}, []
    for spellings in groups.values():
        shown = max(spellings, key=lambda name: len(spellings[name]))  # the first of the most used
        count = len(spellings[shown])
        for name, places in spellings.items():
            if name == shown:
                continue
            names[name] = shown
            path, line, where = places[0]
            others = len(places) - 1
            also = f" (here and in {others} more place{'s' if others != 1 else ''})" if others else ""
            times, as_shown = f"{count} time{'s' if count != 1 else ''}", shorten(shown)
            problems.append(Problem(path, line, where, f"'{shorten(name)}'{also} is written '{as_shown}' elsewhere "
                                                       f"({times}); the department is shown as '{as_shown}'"))
    return Departments(names, problems)


def department_slugs(named: Iterable[Iterable[str | None]]) -> dict[str, str]:
    """Each department's page name, by department: `named` holds, journey
    by journey in the order of their titles, the departments each names (its
    owner first). 'R&D' and 'R-D' must not share a page, so the one named
    first gets 'r-d'. Worked out from what a journey's check keeps, so a
    journey's page links to its departments without reading every journey."""
    slugs: dict[str, str] = {}
    taken = {"index"}  # owners/index.md lists the departments: a department 'Index' took its place
    for names in named:
        for name in names:
            if name and name not in slugs:
                slugs[name] = unique(slugify(name, empty="department"), taken)
    return slugs


def owners(entries: list[Entry], slugs: Mapping[str, str] | None = None) -> list[Owner]:
    """Every owner with the moments it owns, weakest first; sorted by name.
    `slugs`: each department's page name (`department_slugs`), when known."""
    by_name: dict[str, Owner] = {}
    entries = sorted(entries, key=lambda e: e.title)
    if slugs is None:
        slugs = department_slugs([e.owner, *(owner_of(e, m) for m in e.card.moments)] for e in entries)

    def get(name: str) -> Owner:
        if name not in by_name:
            by_name[name] = Owner(name, slugs[name])
        return by_name[name]

    for entry in entries:
        names = anchors(entry.journey.touchpoints)
        labels = {p.id: p.label for p in entry.journey.phases}
        if entry.owner:
            get(entry.owner).journeys.append(entry)
        for moment in entry.card.moments:
            name = owner_of(entry, moment)
            if name:
                phase = labels.get(moment.touchpoint.phase)
                get(name).moments.append(OwnedMoment(entry, moment, names[moment.index], phase))
    for owner in by_name.values():
        owner.moments.sort(key=lambda o: o.sort_key)
    return sorted(by_name.values(), key=lambda o: o.name.lower())


@dataclass(frozen=True)
class Cell:
    average: float | None  # of the rated moments without a killer
    rated: int
    killers: int
    guessed: bool = False  # no killer, and no customer gave any of the scores of its average: a guess


@dataclass(frozen=True)
class HeatMap:
    owners: list[str]
    phases: list[str]  # phase labels in the order journeys meet them, worst journey first; '' for no phase
    cells: dict[tuple[str, str], Cell]


def heat_map(all_owners: list[Owner]) -> HeatMap:
    """Owners against phases: the average experience in each cell, killers
    counted, of the journeys as they are today (Owner.measured).
    The phases of the journeys where customers suffer most come first, as the
    catalogue lists journeys: on a screen the grid's first columns are in
    view (until 2026-12-02 journeys went by title, and the one killed journey
    of the example was the last columns, off the screen)."""
    phases: list[str] = []
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    heard: set[tuple[str, str]] = set()  # cells with a score some customer gave
    killers: dict[tuple[str, str], int] = defaultdict(int)
    order = sorted((o for owner in all_owners for o in owner.measured),
                   key=lambda o: (*suffering(o.entry.card.killed, o.entry.card.score), o.entry.title, o.moment.index))
    for owned in order:
        phase = owned.phase or ""
        if phase not in phases:
            phases.append(phase)
    if "" in phases:  # moments without a phase go last
        phases.remove("")
        phases.append("")
    for owner in all_owners:
        for owned in owner.measured:
            key = (owner.name, owned.phase or "")
            if owned.moment.killers:
                killers[key] += 1
            elif owned.moment.score is not None:
                scores[key].append(owned.moment.score)
                if not owned.moment.guessed:
                    heard.add(key)
    cells = {}
    for key in set(scores) | set(killers):
        values = scores.get(key, [])
        # (beside killers the cell is drawn as killed, its average secondary: not marked a guess)
        guessed = bool(values) and key not in heard and not killers.get(key)
        cells[key] = Cell(mean1(values), len(values), killers.get(key, 0), guessed)
    return HeatMap([o.name for o in all_owners if o.measured], phases, cells)


def worst_cells(heat: HeatMap, limit: int = 5) -> list[tuple[str, str, Cell]]:
    """Where customers suffer most, (owner, phase, cell) in order: the cells
    with killers (the most first), then those whose average is below
    indifferent (the lowest first). What a director reads before the grid,
    which has a column for every phase label in the library."""
    suffering = [(owner, phase, cell) for (owner, phase), cell in heat.cells.items()
                 if cell.killers or (cell.average is not None and cell.average < 3)]
    return sorted(suffering, key=lambda c: (-c[2].killers, c[2].average if c[2].average is not None else 0,
                                            c[0].lower(), c[1]))[:limit]


def journey_owners(entry: Entry) -> list[str]:
    """Every department a journey involves: its owner and its moments' owners."""
    return sorted(({entry.owner} | {owner_of(entry, m) for m in entry.card.moments}) - {None})


def catalogue_row(entry: Entry) -> dict:
    """What the catalogue shows and filters on for one journey."""
    journey, card = entry.journey, entry.card
    return {
        "title": entry.title,
        "lang": entry.lang,
        "persona": journey.persona,
        "owner": entry.owner,
        "owners": journey_owners(entry),
        "status": journey.status,
        "shape": journey.shape,
        "killed": card.killed,
        "killers": list(card.killer_labels),
        "score": card.score,
        "average": card.average,
        "voice": round(card.voice * 100),
        "touchpoint_analysis": card.touchpoint_analysis,
        "updated": journey.updated.isoformat() if journey.updated else None,
        # the phases it visits, in order: a filter on a phase finds journeys with moments there
        "phases": [p.label for p in journey.phases if any(tp.phase == p.id for tp in journey.touchpoints)],
        "channels": sorted({tp.channel for tp in journey.touchpoints if tp.channel}),
        "moments": len(card.moments),
    }


def worst_first(rows: list[dict]) -> list[dict]:
    """Killed journeys first, then by score from low to high, unrated last."""
    return sorted(rows, key=lambda r: (*suffering(r["killed"], r["score"]), r["title"]))


def suffering(killed: bool, score: float | None) -> tuple:
    """A journey's place among journeys, worst first: killed, then by score from low to high, unrated last."""
    return not killed, score is None and not killed, score or 0
