"""The dashboard's words in English (the keys) and Dutch."""

from __future__ import annotations

from sim.i18n import check_lang

_NL = {
    "What-if": "Wat als",
    "Strategy what-if": "Wat als: strategie",
    "Seeds": "Seeds",
    "days": "dagen",
    "users": "gebruikers",
    "figure": "cijfer",
    "baseline": "basis",
    "what-if": "wat als",
    "difference": "verschil",
    "Scenario file": "Scenariobestand",
    "followers_real_end": "echte volgers aan het eind",
    "mean_real_reach_per_post": "echt bereik per post",
    "mean_engagements_per_post": "interacties per post",
    "purchases": "aankopen",
    "net_revenue": "netto euro's",
    "Buy followers": "Volgers kopen",
    "How many": "Hoeveel",
    "Follow-for-follow": "Follow-for-follow",
    "Giveaway": "Winactie",
    "Influencer": "Influencer",
    "Posts per week": "Posts per week",
    "Rhythm": "Ritme",
    "regular": "regelmatig",
    "erratic": "onregelmatig",
    "Hour": "Uur",
    "Reply to comments": "Reacties beantwoorden",
    "Content mix": "Contentmix",
    "question": "vraag",
    "emotion": "emotie",
    "helpful": "behulpzaam",
    "call_to_action": "oproep tot actie",
    "story": "verhaal",
    "scarcity": "schaarste",
    "Save what-if": "Wat als opslaan",
    "Saved": "Opgeslagen",
    "Simulating": "Bezig met simuleren",
    "Followers by origin": "Volgers naar herkomst",
    "Real reach per post": "Echt bereik per post",
    "Kaushik's four metrics": "De vier metrics van Kaushik",
    "Net euros against the baseline": "Netto euro's ten opzichte van de basis",
    "conversation": "conversatie",
    "amplification": "versterking",
    "applause": "applaus",
    "economic value": "economische waarde",
    "real followers": "echte volgers",
    "organic": "organisch",
    "follow-back": "terugvolgers",
    "giveaway": "winactie",
    "bought": "gekocht",
    "bought followers": "gekochte volgers",
    "day": "dag",
    "people": "mensen",
    "euros": "euro",
    "per post": "per post",
    "per day": "per dag",
    "band: 5-95% of seeds": "band: 5-95% van de seeds",
    "Language": "Taal",
}


def t(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang`` ("en" or "nl")."""
    if check_lang(lang) == "en":
        return FIGURE_WORDS.get(text, text)
    return _NL.get(text, FIGURE_WORDS.get(text, text))


FIGURE_WORDS = {"followers_real_end": "real followers at the end",
                "mean_real_reach_per_post": "real reach per post",
                "mean_engagements_per_post": "engagements per post",
                "purchases": "purchases", "net_revenue": "net euros",
                "call_to_action": "call to action"}
