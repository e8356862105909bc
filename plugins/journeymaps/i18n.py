"""Labels the site adds to maps and pages, in Dutch and English.

The site's language (MkDocs `theme.language`) picks the set; any other
language falls back to English.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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
        "no_killer": "No killer in this journey",
        "hyphenation": "en_GB",  # the dictionary a long word on a map breaks by (pyphen)
        "experience": "Experience",
        "journey_score": "Journey score",
        "killed": "Killed",
        "killed_by": "Killed by",
        "would_have_been": "would have been",
        "without_killer": "without the killer it would have scored {score}",
        "average_without_killers": "without killers",  # after a department's average, beside its killers
        "killer_one": "1 killer",  # a count of killers, on the overview
        "killer_many": "{n} killers",
        "out_of_five": "out of 5",
        "download": "Download",
        "no_score": "no rated moments",
        "customer_voice": "Customer voice",
        "voice_counted": "{n} of {total} moments backed by what customers said or did",
        "touchpoint_analysis": "Touchpoint analysis",
        "touchpoint_analysis_note": "an inside-out view of our contact moments; evidence from customers "
                                    "makes it a customer journey",
        "persona": "Persona",
        "owner": "Owner",
        "status": "Status",
        "as-is": "as is (today)",
        "to-be": "to be (designed)",
        "kiosk_design": "Design, not yet today's journey",
        "kiosk_touchpoint_analysis": "Touchpoint analysis, without evidence from customers",
        "kiosk_today": "today: {verdict}",  # after a design's verdict: the journey it redesigns
        "kiosk_more_killers": "{killers} and {n} more",
        # beside the map on a department's screen (?owner=): its own moments, else the journey's, said so
        "kiosk_own_weak": "The department's weakest moments",
        "kiosk_own_strong": "The department's strongest moments",
        "kiosk_journey_weak": "The journey's weakest moments (not the department's)",
        "kiosk_journey_strong": "The journey's strongest moments (not the department's)",
        # on the buttons above a map wider than the page: how many moments lie past that edge (journeys.js)
        "moment_past_edge": "1 moment",
        "moments_past_edge": "{n} moments",
        "to_the_left": "to the left",  # after those words, in the button's name for a screen reader
        "to_the_right": "to the right",
        "updated": "Updated",
        "shape": "Shape",
        "timeline": "timeline",
        "cycle": "cycle",
        "strong": "Strongest moments",
        "weak": "Weakest moments",
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
        "details": "Details",
        "download_svg": "Download the map (SVG)",
        "mermaid_untitled": "A journey from Mermaid",
        "mermaid_before_sections": "Start",
        "mermaid_actors": "Who takes part",
        "mermaid_converted": "Converted from a Mermaid journey diagram with `journeys import-mermaid`. "
                             "Mermaid's scores (0 to 5) became the format's 1 to 5; "
                             "add channels, owners, evidence and quotes where you know them.",
        "map_of": "Journey map of",
        "printed_from": "Printed on {date} from {url}",
        "errors_title": "This journey map has errors and is not shown",
        "moments_count": "Moments",
        "back_to_start": "starts again",
        "desc_timeline": "Timeline of {moments} moments",
        "desc_cycle": "Cycle of {moments} moments",
        "desc_phases": "in {count} phases: {names}",
        "desc_timeline_one": "Timeline of one moment",
        "desc_cycle_one": "Cycle of one moment",
        "desc_phases_one": "in one phase: {names}",
        "decimal_separator": ".",
        "desc_score": "Journey score {score} out of 5",
        "desc_killed": "Killed by {killers}; without the killer it would have scored {score}",
        "desc_killed_unrated": "Killed by {killers}",
        "desc_unrated": "No moment is rated",
        "desc_worst": "Worst moment: {label}",
        "worst_moment": "Worst moment",
        "catalogue": "Journeys",
        "catalogue_intro": "Every journey, the worst first; a redesign stands under the journey it redesigns. "
                           "Customer voice: the share of moments backed by customers or research, not by an "
                           "assumption alone (without any, a journey is a touchpoint analysis).",
        "catalogue_broken": "Not listed, because their journey has errors (its page says which):",
        "owners": "Departments",
        "all_departments": "All departments",
        "owner_kiosk": "This department's journeys on an office screen (kiosk)",
        "not_found": "Page not found",
        "not_found_help": "This page is not here (any more). You find every journey under",
        "department": "Department",
        "department_involved": "Department involved",  # the catalogue's filter: the journey's owner or a moment's
        "also_involved": "Also involved",  # on a catalogue card: departments owning moments, besides the owner
        "owners_intro": "Every department or team that owns moments, with how its customers experience them, "
                        "the weakest first: departments with killers, then from the lowest average up. "
                        "The average leaves out moments with a killer: the Killers column counts those. "
                        "Every figure counts the journeys as they are today, not designs.",
        "overview": "Overview",
        "overview_intro": "Departments against phases: the average experience of each department's moments "
                          "in each phase, in the journeys as they are today (not in designs). "
                          "A red octagon counts killers.",
        # The heat map's key: a cell's colour is the emotion of its average's band (score.emotion_for).
        "heat_key": "Each cell has the colour of the face its average comes to.",
        "heat_band": {"angry": "below 2", "disappointed": "2 to 3", "indifferent": "3 to 4", "happy": "4 and up"},
        "designed": "design",  # the mark of a design's moments and journeys, where they are listed with today's
        "designed_not_counted": "These figures count the journeys as they are today. The moments of designs, "
                                "marked ‘design’, are listed but not counted: their scores are hopes.",
        "owner_title": "Moments of {owner}",
        "owner_intro": "Every moment {owner} owns, across all journeys: killers first, then the weakest.",
        "owned_journeys": "Journeys {owner} owns as a whole",
        "owned_moments": "Every moment",  # under the journeys it owns: see owner.html
        "journey": "Journey",
        "journeys_count": "Journeys",
        "verdict": "Verdict",
        "average": "Average",
        "killers_count": "Killers",
        "no_phase": "(no phase)",
        "all": "all",
        "sort": "Sort",
        "sort_worst": "worst first",
        "sort_title": "title",
        "sort_updated": "recently updated",
        "sort_voice": "least customer voice",
        "verdict_killed": "killed",
        "verdict_scored": "scored",
        "verdict_unrated": "not rated",
        "shown": "{shown} of {total} journeys shown",
        "find": "Search this list",  # the catalogue's text filter: any word of a card, a phase or a channel
        "find_hint": "title, persona, department, phase…",
        "show_all": "Show all journeys",
        # beside a narrowed list's count: the "(n)" of each choice counts the whole list
        "counts_all": "the number beside a choice counts all {total} journeys",
        "group_folder": "Folder",
        "heat_desc": "Heat map of {owners} departments against {phases} phases, with {killers} killers in all.",
        "heat_worst": "The weakest cell: {owner} in {phase}, {score}.",
        "heat_table": "The overview as a table",
        "overview_worst": "Where customers suffer most",
        "kiosk_title": "Journey maps on screen",
        "added": "new",
        "removed": "removed",
        "removed_moments": "Dropped",
        "compared_with": "Compared with",
        "redesigned_in": "Redesigned in",
        "change": "Change",
        "before": "Before",
        "after": "After",
        "changes_title": "Moment by moment",
        "baseline_legend": "dashed: the baseline",
        "unheard": "no evidence from customers",  # a dotted ring round a face: its score is a guess
        "killers_removed": "Killers gone",
        "killers_added": "New killers",
        "kiosk_empty": "No journeys to show yet.",
        "kiosk_none": "No journey matches this screen's choice: {choice}.",
        "kiosk_broken": "The journey this screen should show ({choice}) has an error on its page, so it cannot "
                        "be shown here. Whoever edits that page can see the error there.",
        "kiosk_stale": "No connection to the server: showing the last known maps.",
        "kiosk_noscript": "This screen needs JavaScript to show journey maps.",
        "kiosk_file": "The kiosk reads its maps from the web server: open it there, not as a file from disk.",
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
        "no_killer": "Geen killer in deze reis",
        "hyphenation": "nl_NL",
        "experience": "Beleving",
        "journey_score": "Score van de reis",
        "killed": "Onderuit",
        "killed_by": "Onderuit door",
        "would_have_been": "zou zijn geweest",
        "without_killer": "zonder killer was het een {score} geweest",
        "average_without_killers": "zonder killers",
        "killer_one": "1 killer",
        "killer_many": "{n} killers",
        "out_of_five": "van de 5",
        "download": "Download",
        "no_score": "geen beoordeelde momenten",
        "customer_voice": "Stem van de klant",
        "voice_counted": "{n} van de {total} momenten onderbouwd met wat klanten zeiden of deden",
        "touchpoint_analysis": "Contactpuntenanalyse",
        "touchpoint_analysis_note": "een blik van binnenuit op onze contactmomenten; met bewijs van klanten "
                                    "wordt het een klantreis",
        "persona": "Persona",
        "owner": "Eigenaar",
        "status": "Status",
        "as-is": "zoals het nu is",
        "to-be": "zoals we het ontwerpen",
        "kiosk_design": "Ontwerp, nog niet de reis van nu",
        "kiosk_touchpoint_analysis": "Contactpuntenanalyse, zonder bewijs van klanten",
        "kiosk_today": "nu: {verdict}",
        "kiosk_more_killers": "{killers} en nog {n}",
        "kiosk_own_weak": "Zwakste momenten van de afdeling",
        "kiosk_own_strong": "Sterkste momenten van de afdeling",
        "kiosk_journey_weak": "Zwakste momenten van de reis (geen van de afdeling)",
        "kiosk_journey_strong": "Sterkste momenten van de reis (geen van de afdeling)",
        "moment_past_edge": "1 moment",
        "moments_past_edge": "{n} momenten",
        "to_the_left": "naar links",
        "to_the_right": "naar rechts",
        "updated": "Bijgewerkt",
        "shape": "Vorm",
        "timeline": "tijdlijn",
        "cycle": "cirkel",
        "strong": "Sterkste momenten",
        "weak": "Zwakste momenten",
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
        "details": "Toelichting",
        "download_svg": "Download de kaart (SVG)",
        "mermaid_untitled": "Een klantreis uit Mermaid",
        "mermaid_before_sections": "Begin",
        "mermaid_actors": "Wie doen er mee",
        "mermaid_converted": "Omgezet uit een Mermaid-journeydiagram met `journeys import-mermaid`. De scores van "
                             "Mermaid (0 tot 5) zijn omgerekend naar 1 tot 5; vul kanalen, eigenaren, bewijs en "
                             "citaten aan waar je ze kent.",
        "map_of": "Klantreiskaart van",
        "printed_from": "Afgedrukt op {date} van {url}",
        "errors_title": "Deze klantreiskaart bevat fouten en wordt niet getoond",
        "moments_count": "Momenten",
        "back_to_start": "begint opnieuw",
        "desc_timeline": "Tijdlijn van {moments} momenten",
        "desc_cycle": "Cirkel van {moments} momenten",
        "desc_phases": "in {count} fasen: {names}",
        "desc_timeline_one": "Tijdlijn van één moment",
        "desc_cycle_one": "Cirkel van één moment",
        "desc_phases_one": "in één fase: {names}",
        "decimal_separator": ",",
        "desc_score": "Score van de reis {score} van de 5",
        "desc_killed": "Onderuit door {killers}; zonder killer een {score}",
        "desc_killed_unrated": "Onderuit door {killers}",
        "desc_unrated": "Geen moment is beoordeeld",
        "desc_worst": "Slechtste moment: {label}",
        "worst_moment": "Slechtste moment",
        "catalogue": "Klantreizen",
        "catalogue_intro": "Alle klantreizen, de slechtste eerst; een herontwerp staat onder de reis die het "
                           "opnieuw ontwerpt. Stem van de klant: het deel van de momenten met bewijs van klanten of "
                           "uit onderzoek, niet alleen een aanname (zonder zulk bewijs is een reis een "
                           "contactpuntenanalyse).",
        "catalogue_broken": "Niet in de lijst, omdat hun reis fouten bevat (hun pagina zegt welke):",
        "owners": "Afdelingen",
        "all_departments": "Alle afdelingen",
        "owner_kiosk": "De reizen van deze afdeling op een kantoorscherm (kiosk)",
        "not_found": "Pagina niet gevonden",
        "not_found_help": "Deze pagina is er niet (meer). Alle klantreizen vind je bij",
        "department": "Afdeling",
        "department_involved": "Betrokken afdeling",
        "also_involved": "Ook betrokken",
        "owners_intro": "Elke afdeling of elk team met eigen momenten, en hoe klanten die beleven, "
                        "de zwakste eerst: afdelingen met killers, dan van het laagste gemiddelde naar het hoogste. "
                        "Het gemiddelde laat momenten met een killer weg: die telt de kolom Killers. "
                        "Alle cijfers tellen de reizen zoals ze nu zijn, niet ontwerpen.",
        "overview": "Overzicht",
        "overview_intro": "Afdelingen tegen fasen: de gemiddelde beleving van de momenten van elke afdeling "
                          "in elke fase, in de reizen zoals ze nu zijn (niet in ontwerpen). "
                          "Een rode achthoek telt killers.",
        "heat_key": "Elk vak heeft de kleur van het gezicht dat bij zijn gemiddelde hoort.",
        "heat_band": {"angry": "onder 2", "disappointed": "2 tot 3", "indifferent": "3 tot 4", "happy": "4 en hoger"},
        "designed": "ontwerp",
        "designed_not_counted": "Deze cijfers tellen de reizen zoals ze nu zijn. De momenten uit ontwerpen, "
                                "gemarkeerd met ‘ontwerp’, staan in de lijst maar tellen niet mee: "
                                "hun scores zijn verwachtingen.",
        "owner_title": "Momenten van {owner}",
        "owner_intro": "Alle momenten van {owner}, in alle klantreizen: killers eerst, dan de zwakste.",
        "owned_journeys": "Reizen waarvan {owner} eigenaar is",
        "owned_moments": "Alle momenten",
        "journey": "Reis",
        "journeys_count": "Reizen",
        "verdict": "Oordeel",
        "average": "Gemiddeld",
        "killers_count": "Killers",
        "no_phase": "(geen fase)",
        "all": "alle",
        "sort": "Sorteren",
        "sort_worst": "slechtste eerst",
        "sort_title": "titel",
        "sort_updated": "laatst bijgewerkt",
        "sort_voice": "minste stem van de klant",
        "verdict_killed": "onderuit",
        "verdict_scored": "met score",
        "verdict_unrated": "niet beoordeeld",
        "shown": "{shown} van {total} reizen getoond",
        "find": "Zoek in deze lijst",
        "find_hint": "titel, persona, afdeling, fase…",
        "show_all": "Alle reizen tonen",
        "counts_all": "het getal bij een keuze telt alle {total} reizen",
        "group_folder": "Map",
        "heat_desc": "Heatmap van {owners} afdelingen tegen {phases} fasen, met in totaal {killers} killers.",
        "heat_worst": "Het zwakste vak: {owner} in {phase}, {score}.",
        "heat_table": "Het overzicht als tabel",
        "overview_worst": "Waar klanten het meest last hebben",
        "kiosk_title": "Klantreizen op het scherm",
        "added": "nieuw",
        "removed": "vervallen",
        "removed_moments": "Vervallen",
        "compared_with": "Vergeleken met",
        "redesigned_in": "Herontworpen in",
        "change": "Verschil",
        "before": "Voor",
        "after": "Na",
        "changes_title": "Moment voor moment",
        "baseline_legend": "gestreept: de uitgangssituatie",
        "unheard": "geen bewijs van klanten",
        "killers_removed": "Killers verdwenen",
        "killers_added": "Nieuwe killers",
        "kiosk_empty": "Er zijn nog geen klantreizen om te tonen.",
        "kiosk_none": "Geen klantreis past bij de keuze van dit scherm: {choice}.",
        "kiosk_broken": "De klantreis die dit scherm moet tonen ({choice}) heeft een fout op zijn pagina en kan "
                        "daarom niet getoond worden. Wie die pagina bijhoudt, ziet daar de fout.",
        "kiosk_stale": "Geen verbinding met de server: dit zijn de laatst bekende kaarten.",
        "kiosk_noscript": "Dit scherm heeft JavaScript nodig om klantreizen te tonen.",
        "kiosk_file": "De kiosk haalt zijn kaarten van de webserver: open hem daar, niet als bestand van schijf.",
        "survey": "enquête",
        "interview": "interviews",
        "observation": "observatie",
        "analytics": "data-analyse",
        "complaints": "klachten",
        "usability-test": "gebruikstest",
        "assumption": "aanname",
    },
}


def language_code(language: str | None) -> str:
    """The language of a tag such as 'nl', 'nl_BE', 'en-GB': 'nl', 'en'."""
    return (language or "en").replace("-", "_").split("_")[0].lower()


def labels_for(language: str | None) -> dict[str, str]:
    """The label set for a language code such as 'nl', 'nl_BE' or 'en'."""
    return LABELS.get(language_code(language), LABELS["en"])


def preset_phases(name: str, language: str | None) -> list[tuple[str, str]]:
    """(id, label) pairs of a phase preset in the site's language."""
    dutch = labels_for(language) is LABELS["nl"]
    return [(pid, nl if dutch else en) for pid, nl, en in TEN_PHASES]


def format_number(value: float, language: str | None) -> str:
    """One decimal in the site's notation: 3.8 in English, 3,8 in Dutch."""
    return format_decimal(value, labels_for(language))


def format_decimal(value: float, labels: dict[str, str]) -> str:
    """format_number for code that has the label set rather than the language.
    Halves round up, from the number as written, as a journey's score does
    (score.mean1): '{:.1f}' made a moment's 3.25 '3,2' (to even, in binary)
    beside a journey score of 3,3, and its 2.45 '2,5'."""
    tenths = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{tenths:.1f}".replace(".", labels["decimal_separator"])


def count_killers(n: int, labels: dict[str, str]) -> str:
    """'1 killer', '3 killers': '(Killers: 1)' read as a form's field."""
    return labels["killer_one"] if n == 1 else labels["killer_many"].format(n=n)


def format_signed(value: float, language: str | None) -> str:
    """A change, with its sign, in the site's notation: +0.5 in English, +0,5 in Dutch."""
    return f"{value:+.1f}".replace(".", labels_for(language)["decimal_separator"])
