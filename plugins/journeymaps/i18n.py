"""Labels the site adds to maps and pages, in Dutch and English.

The site's language (MkDocs `theme.language`) picks the set; any other
language falls back to English.
"""

from __future__ import annotations

# The preset `ten-phases`: id, Dutch label, English label.
TEN_PHASES = (
    ("latent-need", "Latente behoefte", "Latent need"),
    ("concrete-need", "Concrete behoefte", "Concrete need"),
    ("orientation", "Oriëntatie", "Orientation"),
    ("consideration", "Overweging", "Consideration"),
    ("decision", "Beslismoment", "Decision"),
    ("purchase", "Koop", "Purchase"),
    ("delivery", "Levering", "Delivery"),
    ("usage", "Gebruik", "Usage"),
    ("loyalty", "Loyaliteit", "Loyalty"),
    ("ambassador", "Ambassadeur", "Ambassador"),
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "angry": "angry",
        "disappointed": "disappointed",
        "indifferent": "indifferent",
        "happy": "happy",
        "not_rated": "not rated",
        "killer": "killer",
        "killer_zone": "Killers",
        "experience": "Experience",
        "journey_score": "Journey score",
        "killed": "Killed",
        "killed_by": "Killed by",
        "would_have_been": "would have been",
        "without_killer": "without the killer it would have scored {score}",
        "out_of_five": "out of 5",
        "download": "Download",
        "no_score": "no rated moments",
        "customer_voice": "Customer voice",
        "touchpoint_analysis": "Touchpoint analysis",
        "touchpoint_analysis_note": "no customer evidence yet: an inside-out view of our contact moments, not yet a customer journey",
        "persona": "Persona",
        "owner": "Owner",
        "status": "Status",
        "as-is": "as is (today)",
        "to-be": "to be (designed)",
        "updated": "Updated",
        "shape": "Shape",
        "timeline": "timeline",
        "cycle": "cycle",
        "strong": "Strong moments",
        "weak": "Weak moments",
        "none": "none",
        "touchpoints": "All moments",
        "moment": "Moment",
        "phase": "Phase",
        "channel": "Channel",
        "emotion": "Emotion",
        "score": "Score",
        "evidence": "Evidence",
        "quote": "Quote",
        "pain": "Pain",
        "opportunity": "Opportunity",
        "backstage": "Backstage",
        "related": "Zoom in",
        "download_svg": "Download the map (SVG)",
        "map_of": "Journey map of",
        "errors_title": "This journey map has errors and is not shown",
        "phases_summary": "Phases",
        "worst_moment": "Worst moment",
        "best_moment": "Best moment",
        "moments_count": "moments",
        "back_to_start": "starts again",
        "survey": "survey",
        "interview": "interviews",
        "observation": "observation",
        "analytics": "analytics",
        "complaints": "complaints",
        "usability-test": "usability test",
        "assumption": "assumption",
    },
    "nl": {
        "angry": "boos",
        "disappointed": "teleurgesteld",
        "indifferent": "neutraal",
        "happy": "blij",
        "not_rated": "niet beoordeeld",
        "killer": "killer",
        "killer_zone": "Killers",
        "experience": "Beleving",
        "journey_score": "Score van de reis",
        "killed": "Onderuit",
        "killed_by": "Onderuit door",
        "would_have_been": "zou zijn geweest",
        "without_killer": "zonder killer was het een {score} geweest",
        "out_of_five": "van de 5",
        "download": "Download",
        "no_score": "geen beoordeelde momenten",
        "customer_voice": "Stem van de klant",
        "touchpoint_analysis": "Contactpuntenanalyse",
        "touchpoint_analysis_note": "nog geen bewijs van klanten: een blik van binnenuit op onze contactmomenten, nog geen klantreis",
        "persona": "Persona",
        "owner": "Eigenaar",
        "status": "Status",
        "as-is": "zoals het nu is",
        "to-be": "zoals we het ontwerpen",
        "updated": "Bijgewerkt",
        "shape": "Vorm",
        "timeline": "tijdlijn",
        "cycle": "cirkel",
        "strong": "Sterke momenten",
        "weak": "Zwakke momenten",
        "none": "geen",
        "touchpoints": "Alle momenten",
        "moment": "Moment",
        "phase": "Fase",
        "channel": "Kanaal",
        "emotion": "Gevoel",
        "score": "Score",
        "evidence": "Bewijs",
        "quote": "Citaat",
        "pain": "Pijnpunt",
        "opportunity": "Kans",
        "backstage": "Achter de schermen",
        "related": "Inzoomen",
        "download_svg": "Download de kaart (SVG)",
        "map_of": "Klantreiskaart van",
        "errors_title": "Deze klantreiskaart bevat fouten en wordt niet getoond",
        "phases_summary": "Fasen",
        "worst_moment": "Slechtste moment",
        "best_moment": "Beste moment",
        "moments_count": "momenten",
        "back_to_start": "begint opnieuw",
        "survey": "enquête",
        "interview": "interviews",
        "observation": "observatie",
        "analytics": "analytics",
        "complaints": "klachten",
        "usability-test": "gebruikstest",
        "assumption": "aanname",
    },
}


def labels_for(language: str | None) -> dict[str, str]:
    """The label set for a language code such as 'nl', 'nl_BE' or 'en'."""
    code = (language or "en").replace("-", "_").split("_")[0].lower()
    return LABELS.get(code, LABELS["en"])


def preset_phases(name: str, language: str | None) -> list[tuple[str, str]]:
    """(id, label) pairs of a phase preset in the site's language."""
    dutch = labels_for(language) is LABELS["nl"]
    return [(pid, nl if dutch else en) for pid, nl, en in TEN_PHASES]


def format_number(value: float, language: str | None) -> str:
    """One decimal in the site's notation: 3.8 in English, 3,8 in Dutch."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if labels_for(language) is LABELS["nl"] else text
