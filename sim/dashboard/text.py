"""The dashboard's words: English (the keys), Dutch from :data:`WORDS_NL` (the page's own) and
the one catalogue, :mod:`sim.base.i18n`."""

from __future__ import annotations

from sim.base.i18n import _NL, check_lang, tr


def t(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang`` ("en" or "nl")."""
    if check_lang(lang) == "en":
        return FIGURE_WORDS.get(text, text)
    if text in WORDS_NL:
        return WORDS_NL[text]
    return _NL[text] if text in _NL else tr(FIGURE_WORDS.get(text, text), lang)


FIGURE_WORDS = {
    "followers_real_end": "real followers at the end",
    "mean_real_reach_per_post": "real reach per post",
    "mean_engagements_per_post": "engagements per post",
    "purchases": "purchases",
    "net_revenue": "net result",
    "call_to_action": "call to action",
}

# The page's words in Dutch (these take precedence over the shared catalogue's, which uses
# "basis" and "wat als" where a client reads "nulmeting" and "wat-als").
# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
WORDS_NL: dict[str, str] = {
    "Strategy session": "Strategiesessie",
    "What-if": "Wat-als",
    "what-if": "wat-als",
    "What-ifs": "Wat-alsscenario's",
    "baseline": "nulmeting",
    "the baseline": "de nulmeting",
    "Baseline": "Nulmeting",
    "Start from": "Beginnen met",
    "Language": "Taal",
    "Buy followers": "Volgers kopen",
    "How many": "Hoeveel",
    "On day": "Op dag",
    "Follow-for-follow": "Volgen om terug gevolgd te worden",
    "Giveaway": "Winactie",
    "Entrants": "Deelnemers",
    "Prize": "Prijs",
    "Influencer": "Influencer",
    "Size": "Omvang",
    "micro": "micro",
    "macro": "macro",
    "Every": "Elke",
    "days": "dagen",
    "day": "dag",
    "Posts per week": "Posts per week",
    "Rhythm": "Ritme",
    "regular": "regelmatig",
    "erratic": "onregelmatig",
    "Hour": "Uur",
    "Reply to comments": "Reacties beantwoorden",
    "Content mix": "Contentmix",
    "Budget": "Budget",
    "Reset": "Terugzetten",
    "Add a what-if": "Wat-als toevoegen",
    "Remove": "Verwijderen",
    "Name": "Naam",
    "Editing": "U wijzigt",
    "Save what-ifs": "Wat-alsscenario's opslaan",
    "Add to report": "Toevoegen aan rapport",
    "Saved as": "Opgeslagen als",
    "Report folder": "Rapportmap",
    "turn it into the PDF and the deck with": "maak er de pdf en de presentatie van met",
    "Simulating": "Bezig met simuleren",
    "Simulating…": "Bezig met simuleren…",
    "users": "gebruikers",
    "runs": "runs",
    "simulated runs": "gesimuleerde runs",
    "difference": "verschil",
    "figure": "cijfer",
    "Scenario file": "Scenariobestand",
    "This setting cannot be simulated": "Deze instelling kan niet worden gesimuleerd",
    "Could not start from this template": "Dit sjabloon kan niet worden gebruikt",
    "What-ifs from a strategy session": "Wat-alsscenario's uit een strategiesessie",
    "No change": "Geen wijziging",
    "Buy {n} followers on day {day}": "{n} volgers kopen op dag {day}",
    "Giveaway on day {day} ({n} entrants, {prize} prize)":
        "Winactie op dag {day} ({n} deelnemers, prijs {prize})",
    "{tier}-influencer every {every} days": "{tier}-influencer elke {every} dagen",
    "{n} posts per week": "{n} posts per week",
    "regular rhythm": "regelmatig ritme",
    "erratic rhythm": "onregelmatig ritme",
    "posting at {h}": "posten om {h}",
    "replying to {p} of comments": "{p} van de reacties beantwoorden",
    "another content mix": "een andere contentmix",
    "each figure is the median of {n} simulated runs":
        "elk cijfer is de mediaan van {n} gesimuleerde runs",
    "per year": "per jaar",
    # The plan view
    "Plan": "Plan",
    "Months": "Maanden",
    "Goal": "Doel",
    "Make a plan": "Plan maken",
    "Planning…": "Bezig met plannen…",
    "Plan folder": "Planmap",
    # Chart words
    "Real followers": "Echte volgers",
    "Real reach per post": "Echt bereik per post",
    "Kaushik's four metrics": "De vier metrics van Kaushik",
    "Net euros against the baseline": "Netto euro's ten opzichte van de nulmeting",
    "people": "mensen",
    "on the profile": "op het profiel",
    "followers": "volgers",
    "conversation": "conversatie",
    "amplification": "versterking",
    "applause": "applaus",
    "economic value": "economische waarde",
    "question": "vraag",
    "emotion": "emotie",
    "helpful": "behulpzaam",
    "call_to_action": "oproep tot actie",
    "story": "verhaal",
    "scarcity": "schaarste",
}
# fmt: on
