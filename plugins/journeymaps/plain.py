"""Plain language: flag jargon in a journey's text and suggest a plain word.

A journey map is read by the whole organisation; "contactmoment" reaches
further than "touchpoint". These are hints, not errors: a site decides whether
they fail a build. Quotes are left alone: customers say what they say.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .i18n import labels_for, language_code
from .load import FrontMatter
from .render.layout import LABEL_LINES, LANE_LINES, LANES, timeline_cuts
from .validate import Problem, field_name, in_line_order

# jargon -> a plain alternative. Keys are matched as whole words, ignoring case.
WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "touchpoint": "contactmoment",
        "touchpoints": "contactmomenten",
        "customer experience": "hoe klanten ons ervaren",
        "customer journey": "klantreis",
        "klantbeleving": "hoe de klant het ervaart",
        "roadmap": "plan",
        "triggeren": "aanzetten",
        "getriggerd": "aangezet",
        "implementeren": "invoeren",
        "faciliteren": "mogelijk maken",
        "optimaliseren": "verbeteren",
        "stakeholders": "betrokkenen",
        "omnichannel": "via elk kanaal",
        "moment of truth": "beslissend moment",
        "proactief": "uit onszelf",
        "onboarding": "de eerste weken",
        "pain point": "pijnpunt",
        "synergie": "samenwerking",
    },
    "en": {
        "touchpoint": "moment",
        "touchpoints": "moments",
        "customer experience": "how customers find us",
        "roadmap": "plan",
        "leverage": "use",
        "utilize": "use",
        "utilise": "use",
        "facilitate": "help",
        "synergy": "working together",
        "stakeholders": "people involved",
        "omnichannel": "every channel",
        "moment of truth": "deciding moment",
        "pain point": "problem",
        "onboarding": "getting started",
        "proactively": "before they ask",
    },
}

# The text fields of a touchpoint that editors write; `quote` is the customer's own.
TOUCHPOINT_TEXT = ("label", "channel", "pain", "opportunity", "backstage")


def page_glossary(site_glossary: Glossary, site_language: str, lang: str | None) -> Glossary:
    """The word list a page is read against: the site's, or for a page in
    another language (its `lang:`), that language's own list."""
    if lang is None or language_code(lang) == language_code(site_language):
        return site_glossary
    return _glossary(language_code(lang))


@functools.lru_cache(maxsize=None)
def _glossary(code: str) -> Glossary:
    return Glossary.for_site(code)


@dataclass(frozen=True)
class Glossary:
    words: dict[str, str]
    pattern: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", self._pattern())

    @classmethod
    def for_site(cls, language: str, extra: dict[str, str | None] | None = None) -> Glossary:
        """The word list of a language, extended by the site; a word mapped to
        nothing (None or '') is taken off the list."""
        words = dict(WORDS.get(language_code(language), WORDS["en"]))
        for word, plain in (extra or {}).items():
            if plain:
                words[word.lower()] = plain
            else:
                words.pop(word.lower(), None)
        return cls(words)

    def _pattern(self) -> re.Pattern | None:
        if not self.words:
            return None
        alternatives = sorted(self.words, key=len, reverse=True)  # 'touchpoints' before 'touchpoint'
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.I)

    def hints(self, text: str) -> list[str]:
        """'touchpoint' -> try 'contactmoment', for each jargon word in `text`."""
        pattern = self.pattern
        found = dict.fromkeys(m.group(1).lower() for m in pattern.finditer(text)) if pattern else {}
        return [f"plain language: '{word}'; try '{self.words[word]}'" for word in found]


def check_plain(front: FrontMatter, body: str, *, path: str, glossary: Glossary, body_line: int,
                language: str | None = None) -> list[Problem]:
    """Hints for the journey's text fields and for the page's Markdown body
    (which starts at line `body_line` of the file). `language`: the map's,
    whose dictionary breaks its long words."""
    journey = front.data.get("journey")
    found = [(loc, hint) for loc, text in _texts(journey) for hint in glossary.hints(text)]
    found += _cut_short(journey, labels_for(language)["hyphenation"])
    problems = in_line_order([Problem(path, front.line_of(loc), field_name(loc), hint) for loc, hint in found])
    in_code = False
    for n, line in enumerate(body.split("\n")):  # lines as an editor counts them (not at U+2028)
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or line.startswith(("    ", "\t", "```", "~~~")):
            continue  # code is not prose
        for hint in glossary.hints(line):
            problems.append(Problem(path, body_line + n, "body", hint))
    return problems


def _cut_short(journey: object, hyphenation: str):
    """(field path, hint) of each moment's label or lane text too long for
    its column on a timeline, which cuts it short (the journey page's table
    shows it whole). A quote too: the editor chose how much of it to show."""
    if not isinstance(journey, dict) or journey.get("shape") == "cycle":  # the ring's key shows labels whole
        return
    touchpoints = journey.get("touchpoints")
    for i, tp in enumerate(touchpoints if isinstance(touchpoints, list) else []):
        for name in ("label", *LANES) if isinstance(tp, dict) else ():
            text = tp.get(name)
            if not isinstance(text, str) or not timeline_cuts(name, text, i, hyphenation):
                continue
            loc = ("journey", "touchpoints", i, name)
            if name == "label":
                yield loc, (f"plain language: the map shows {LABEL_LINES} lines of this label and cuts off the rest; "
                            "keep it shorter (the detail can go in pain, backstage or the page's story)")
            else:
                yield loc, (f"plain language: the map shows {LANE_LINES} lines of this text and cuts off the rest; "
                            "keep it shorter")


def _texts(journey: object):
    """(field path, text) of every text an editor wrote in a journey."""
    if not isinstance(journey, dict):
        return
    if isinstance(journey.get("persona"), str):
        yield ("journey", "persona"), journey["persona"]
    for key in ("phases", "values", "killers", "touchpoints"):
        items = journey.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, str):  # a phase given as its label
                yield ("journey", key, i), item
            elif isinstance(item, dict):
                for name in TOUCHPOINT_TEXT if key == "touchpoints" else ("label",):
                    if isinstance(item.get(name), str):
                        yield ("journey", key, i, name), item[name]
