"""A JSON Schema of journey front-matter, generated from the model (not
written twice), for editors: a YAML language server or the Front Matter
extension checks a journey while it is typed.

It accepts every journey the checker accepts. Rules that need the whole
journey (does this phase exist? is this id unique?) are beyond JSON Schema;
`journeys check` reports those.
"""

from __future__ import annotations

import copy

from .model import Journey
from .terms import PRESETS
from .validate import LANGUAGE_TAG

TEXT_OR_NUMBER = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}


def journey_schema() -> dict:
    journey = Journey.model_json_schema(mode="validation")
    defs = journey.pop("$defs")
    defs["Journey"] = journey
    # What validation accepts before it normalises: a preset name or plain
    # labels for phases; one killer id or a list; a number as a phase or channel.
    journey["properties"]["phases"] = {
        "description": "Ordered stages: labels, {id, label} items, or a preset name",
        "anyOf": [
            {"enum": list(PRESETS)},
            {"type": "array", "items": {"anyOf": [TEXT_OR_NUMBER, {"$ref": "#/$defs/Phase"}]}},
        ],
    }
    touchpoint = defs["Touchpoint"]
    slug = copy.deepcopy(touchpoint["properties"]["killer"]["items"])
    touchpoint["properties"]["killer"] = {"anyOf": [slug, {"type": "array", "items": slug}]}
    for name in ("phase", "channel", "owner"):
        touchpoint["properties"][name] = {"anyOf": [TEXT_OR_NUMBER, {"type": "null"}]}
    journey["properties"]["owner"] = {"anyOf": [TEXT_OR_NUMBER, {"type": "null"}]}
    # They exclude each other; an empty one is as good as not given.
    touchpoint["not"] = {"required": ["score", "scores"],
                         "properties": {"score": {"type": "number"}, "scores": {"type": "object", "minProperties": 1}}}
    defs["Evidence"]["properties"]["date"]["anyOf"].append(
        {"type": "integer", "minimum": 1000, "maximum": 9999})  # a year
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Journey page front-matter",
        "description": "Front-matter of a journeymaps page: a `journey` key next to the page's usual fields.",
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "lang": {"type": "string", "pattern": f"^{LANGUAGE_TAG}$",
                     "description": "The page's language when it is not the site's, such as en: its labels follow it"},
            "journey": {"$ref": "#/$defs/Journey"},
        },
        "required": ["journey"],
        "$defs": defs,
    }
