"""The example site shows every feature of the format, in both languages' labels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from journeymaps.i18n import LABELS
from journeymaps.load import parse_front_matter, split_front_matter
from journeymaps.model import Evidence, Journey, Touchpoint
from journeymaps.render.layout import CELL, LABEL_SIZE, label_text
from journeymaps.render.text import wrap
from journeymaps.terms import EVIDENCE_KINDS

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def example_journeys() -> list[dict]:
    journeys = []
    for path in sorted(CONTENT.rglob("*.md")):
        yaml_text, _ = split_front_matter(path.read_text(encoding="utf-8"))
        data = parse_front_matter(yaml_text or "").data
        if "journey" in data:
            journeys.append(data["journey"])
    return journeys


def test_examples_together_use_every_field_and_both_shapes():
    journeys = example_journeys()
    assert len(journeys) >= 6
    touchpoints = [tp for j in journeys for tp in j["touchpoints"]]
    evidence = [e for tp in touchpoints for e in tp.get("evidence", [])]
    assert set(Journey.model_fields) <= {k for j in journeys for k in j}
    assert set(Touchpoint.model_fields) <= {k for tp in touchpoints for k in tp}
    assert set(Evidence.model_fields) <= {k for e in evidence for k in e}
    assert set(EVIDENCE_KINDS) == {e["kind"] for e in evidence}
    assert {j.get("shape", "timeline") for j in journeys} == {"timeline", "cycle"}
    assert {j.get("status", "as-is") for j in journeys} == {"as-is", "to-be"}
    assert "ten-phases" in [j.get("phases") for j in journeys]
    assert any(isinstance(tp.get("killer"), list) for tp in touchpoints)
    assert any(isinstance(tp.get("killer"), str) for tp in touchpoints)
    # a label that wraps over five lines of its column or more, to show wrapping (none is cut: see below)
    lines = [len(wrap(label_text(0, tp["label"]), CELL, LABEL_SIZE)) for tp in touchpoints]
    assert max(lines) >= 5


def test_the_example_passes_check_without_a_hint():
    """The example shows editors how to write: plain words, and no text so long that its map cuts it short."""
    done = subprocess.run([sys.executable, "-m", "journeymaps.cli", "check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout  # a problem or a hint a line
    assert done.stderr.splitlines() == [f"{len(example_journeys())} journeys checked, 0 problems"]


def test_dutch_and_english_labels_have_the_same_keys():
    assert LABELS["nl"].keys() == LABELS["en"].keys()
    assert all(LABELS["nl"].values()) and all(LABELS["en"].values())
