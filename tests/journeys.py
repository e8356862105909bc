"""Journeys for tests: built through the real validation, and a hypothesis
strategy of random valid journeys."""

from __future__ import annotations

from hypothesis import strategies as st

from journeymaps.model import Journey
from journeymaps.terms import EMOTIONS, EVIDENCE_KINDS, invisible_problem
from journeymaps.validate import _finish, Site

LONG = ("Een heel lang label dat maar doorgaat over wat de klant hier allemaal meemaakt, van het wachten "
        "aan de telefoon tot het doorverbinden naar een afdeling die er ook niets van weet, keer op keer.")


def make_journey(n: int = 5, *, shape: str = "timeline", phases: int = 3, label: str = "Moment", lanes: bool = True,
                 killers: tuple[int, ...] = (), unrated: tuple[int, ...] = (),
                 unheard: tuple[int, ...] = ()) -> Journey:
    """`n` moments, rated from a survey of customers but for the `killers`,
    the `unrated` and the `unheard` (rated on an assumption)."""
    phase_list = [{"id": f"p{k}", "label": f"Fase {k + 1}"} for k in range(phases)]
    touchpoints = []
    for i in range(n):
        tp = {"label": f"{label} {i + 1}"}
        if phases:
            tp["phase"] = f"p{min(i * phases // n, phases - 1)}"
        if i in killers:
            tp["killer"] = "k"
        elif i not in unrated:
            tp["score"] = 1 + (i * 7 % 9) / 2  # 1 .. 5 in half steps
            tp["evidence"] = [{"kind": "assumption" if i in unheard else "survey"}]
        if lanes:
            tp.update(channel="telefoon", owner="Klantenservice", pain="Lang wachten", opportunity="Terugbellen",
                      quote="Ik hing twintig minuten in de wacht", backstage="Roostering")
        touchpoints.append(tp)
    data = {"shape": shape, "phases": phase_list, "killers": [{"id": "k", "label": "Datalek"}],
            "touchpoints": touchpoints}
    return _finish(Journey.model_validate(data), Site())


def any_text(max_size: int) -> st.SearchStrategy[str]:
    """Any text the format accepts as it is: not blank, no direction or control characters (refused with a
    message) and no carriage return (read as a line break)."""
    return st.text(min_size=1, max_size=max_size).filter(
        lambda text: text.strip() and not invisible_problem(text) and "\r" not in text)


texts = st.one_of(
    any_text(40),
    st.sampled_from(["A", "x" * 120, LONG, "Wachten", "<script>alert(1)</script>", "مرحبا بكم في البلدية",
                     "日本語のラベル"]),
)


@st.composite
def journeys(draw) -> Journey:
    """Random valid journeys: 1-40 touchpoints, any text, every optional part."""
    n_phases = draw(st.integers(0, 12))
    phases = [{"id": f"p{k}", "label": draw(texts)} for k in range(n_phases)]
    n_killers = draw(st.integers(0, 3))
    killers = [{"id": f"k{k}", "label": draw(texts)} for k in range(n_killers)]
    touchpoints = []
    for _ in range(draw(st.integers(1, 40))):
        tp = {"label": draw(texts)}
        if n_phases:
            tp["phase"] = f"p{draw(st.integers(0, n_phases - 1))}"
        rating = draw(st.sampled_from(["score", "emotion", "none", "killer"] if n_killers
                                      else ["score", "emotion", "none"]))
        if rating == "score":
            tp["score"] = draw(st.floats(1, 5))
        elif rating == "emotion":
            tp["emotion"] = draw(st.sampled_from(EMOTIONS))
        elif rating == "killer":
            tp["killer"] = f"k{draw(st.integers(0, n_killers - 1))}"
        for lane in ("channel", "owner", "pain", "opportunity", "quote", "backstage"):
            if draw(st.booleans()) and draw(st.booleans()):
                tp[lane] = draw(texts)
        if draw(st.booleans()):
            tp["evidence"] = [{"kind": draw(st.sampled_from(EVIDENCE_KINDS))}]
        touchpoints.append(tp)
    data = {"shape": draw(st.sampled_from(["timeline", "cycle"])), "phases": phases, "killers": killers,
            "touchpoints": touchpoints}
    return _finish(Journey.model_validate(data), Site())
