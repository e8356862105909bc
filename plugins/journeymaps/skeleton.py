"""The page `journeys new` writes: a journey in the site's language, every
field with an example of what goes there. Its example texts are known to
the checks (`PLACEHOLDERS`): a page published with one still in it warns,
or a site would show a department named "The team that owns this moment"."""

from __future__ import annotations

import re

SKELETONS = {
    "en": """---
title: {title}
journey:
  persona: Who makes this journey, in one sentence
  owner: The team accountable for the journey as a whole
  shape: {shape}                 # timeline, or cycle for a relationship that comes round again
  status: as-is                   # as-is (today) or to-be (what we design for)
  updated: {today}
  phases: {phases}
  touchpoints:                    # in the order the customer meets them
    - label: What the customer does or meets first, in their words
      phase: {first_phase}
      channel: website            # where: website, phone, desk, app, letter, ...
      owner: The team that owns this moment
      emotion: indifferent        # angry, disappointed, indifferent or happy; or score: 1 to 5
      evidence:                   # how we know: survey, interview, observation, analytics,
        - {{kind: assumption}}      # complaints, usability-test; assumption until we ask customers
    - label: The next moment
      phase: {second_phase}
      channel: phone
      owner: The team that owns this moment
      score: 3
      pain: What goes wrong here, if anything
      opportunity: What we could do better
---
The story behind this map: who we spoke to, what we learned, what we will do.
""",
    "nl": """---
title: {title}
journey:
  persona: Wie deze reis maakt, in één zin
  owner: Het team dat voor de hele reis verantwoordelijk is
  shape: {shape}                 # timeline, of cycle voor een relatie die steeds terugkomt
  status: as-is                   # as-is (zoals het nu is) of to-be (waar we naartoe werken)
  updated: {today}
  phases: {phases}
  touchpoints:                    # in de volgorde waarin de klant ze tegenkomt
    - label: Wat de klant als eerste doet of tegenkomt, in zijn eigen woorden
      phase: {first_phase}
      channel: website            # waar: website, telefoon, balie, app, brief, ...
      owner: Het team van dit moment
      emotion: indifferent        # angry, disappointed, indifferent of happy; of score: 1 tot en met 5
      evidence:                   # hoe we het weten: survey, interview, observation, analytics,
        - {{kind: assumption}}      # complaints, usability-test; assumption tot we het klanten vragen
    - label: Het volgende moment
      phase: {second_phase}
      channel: telefoon
      owner: Het team van dit moment
      score: 3
      pain: Wat hier misgaat, als er iets misgaat
      opportunity: Wat we beter kunnen doen
---
Het verhaal bij deze kaart: met wie we spraken, wat we leerden en wat we gaan doen.
""",
}
# Phases of a new journey without the preset, in the site's language, and
# the comments beside them: (with the preset, without it).
NEW_PHASES = {"en": ("Discover", "Arrange", "Receive"), "nl": ("Ontdekken", "Regelen", "Ontvangen")}
PHASES_COMMENTS = {"en": ("the ten phases of a target group's journey", "or: ten-phases"),
                   "nl": ("de tien fasen van de reis van een doelgroep", "of: ten-phases")}


# The texts an editor is to replace: a field's example value, not a word of the format ('website', 'as-is').
_EXAMPLE = re.compile(r"^ *(?:- )?(?:persona|owner|label|pain|opportunity): ([^{#\n]+?) *(?:#.*)?$", re.M)
PLACEHOLDERS = frozenset(text for skeleton in SKELETONS.values() for text in _EXAMPLE.findall(skeleton))
