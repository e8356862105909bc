"""Generate a library of journeys for benchmarks: realistic, valid, 20 touchpoints each."""

from __future__ import annotations

import random
from pathlib import Path

OWNERS = ["Klantcontactcentrum", "Burgerzaken", "ICT", "Communicatie", "Financiën", "Handhaving",
          "Afvalbeheer", "Sport en Bewegen", "Facilitair", "Belastingen", "Team Parkeren", "Onderwijs"]
CHANNELS = ["website", "telefoon", "balie", "app", "brief", "e-mail"]
WORDS = ("aanvraag formulier wachten bellen brief betalen afspraak balie bevestiging uitleg vraag antwoord "
         "inloggen zoeken vergunning adres kenteken pas termijn klacht hulp").split()
EMOTIONS = ["angry", "disappointed", "indifferent", "happy"]


def journey(n: int, rng: random.Random, touchpoints: int = 20) -> str:
    phases = ["Oriënteren", "Aanvragen", "Wachten", "Ontvangen", "Gebruiken"]
    lines = [
        "---",
        f"title: Klantreis {n:05d} {rng.choice(WORDS)}",
        "journey:",
        f"  persona: Inwoner {n} die iets wil regelen",
        f"  owner: {rng.choice(OWNERS)}",
        f"  updated: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"  phases: [{', '.join(phases)}]",
        "  killers: [{id: datalek, label: Gegevens bij de verkeerde persoon}]",
        "  touchpoints:",
    ]
    for t in range(touchpoints):
        lines += [
            f"    - label: {' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()}",
            f"      phase: {phases[t * len(phases) // touchpoints]}",
            f"      channel: {rng.choice(CHANNELS)}",
            f"      owner: {rng.choice(OWNERS)}",
        ]
        kind = rng.random()
        if kind < 0.02:
            lines.append("      killer: datalek")
        elif kind < 0.6:
            lines.append(f"      score: {rng.randint(10, 50) / 10}")
        elif kind < 0.9:
            lines.append(f"      emotion: {rng.choice(EMOTIONS)}")
        if rng.random() < 0.3:
            lines.append(f"      pain: {' '.join(rng.choice(WORDS) for _ in range(8))}")
        if rng.random() < 0.5:
            lines.append(f"      evidence: [{{kind: survey, n: {rng.randint(5, 500)}, "
                         f"date: 2026-0{rng.randint(1, 9)}}}]")
    lines += ["---", "", f"Het verhaal van klantreis {n}.", ""]
    return "\n".join(lines)


def write_library(docs: Path, size: int, seed: int = 1) -> None:
    """`size` journeys in one folder, plus a home page."""
    rng = random.Random(seed)
    (docs / "journeys").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Bibliotheek\n\nDe klantreizen.\n", encoding="utf-8")
    for n in range(size):
        (docs / "journeys" / f"reis-{n:05d}.md").write_text(journey(n, rng), encoding="utf-8")
