"""What the response curves and the plan say, in English and Dutch: panel titles, plan names,
goals and the chart's notes.

The charts (:mod:`sim.present.charts.plan`), the planner's verdict and ``feedsim plan``'s printed
summary all take their words from here, so the slide and the terminal say the same thing.
"""

from __future__ import annotations

CURVE_WORDS = {
    "en": {
        "followers_real_end": "real followers at the end",
        "engaged_real_followers_end": "engaged real followers at the end",
        "purchases": "purchases",
        "net_euros": "net euros (economic value − money spent)",
        "x": "money spent on the lever (euros)",
        "title": "What the money buys: each lever against the same money on bought followers",
        "least": "○ from here the next euro buys least",
        "note": "{platform}, {users} users, {days} days, {seeds} seeds on common random numbers; "
                "line: mean, band: lowest to highest seed. Costs: influencer fees and bought "
                "followers from published prices, all others assumptions (docs/sources.md)",
    },
    "nl": {
        "followers_real_end": "echte volgers aan het eind",
        "engaged_real_followers_end": "betrokken echte volgers aan het eind",
        "purchases": "aankopen",
        "net_euros": "netto euro's (economische waarde − uitgegeven geld)",
        "x": "geld besteed aan de hefboom (euro)",
        "title": "Wat het geld oplevert: elke hefboom tegenover hetzelfde geld aan gekochte "
                 "volgers",
        "least": "○ vanaf hier levert de volgende euro het minst op",
        "note": "{platform}, {users} gebruikers, {days} dagen, {seeds} seeds met "
                "gemeenschappelijke toevalsgetallen; lijn: gemiddelde, band: laagste tot "
                "hoogste seed. Kosten: "
                "influencertarieven en gekochte volgers uit gepubliceerde prijzen, de rest "
                "aannames (docs/sources.md)",
    },
}
PLAN_WORDS = {
    "en": {"base": "no extra money", "best": "best plan", "alt1": "alternative 1",
           "alt2": "alternative 2", "buy": "bought followers",
           "money": "euros per lever", "unspent": "not spent (a cap)",
           "title": "Best mix of honest levers for {budget} over {days} days, goal: {goal}",
           "sub": "judged on {seeds} test seeds the search never saw; bar: mean, line: ± one "
                  "standard error; wins: share of seed-by-seed comparisons won",
           "wins": "wins {share}",
           "note": "{platform}, {users} users. Costs: influencer fees and bought followers "
                   "from published prices, all others assumptions (docs/sources.md)"},
    "nl": {"base": "geen extra geld", "best": "beste plan", "alt1": "alternatief 1",
           "alt2": "alternatief 2", "buy": "gekochte volgers",
           "money": "euro per hefboom", "unspent": "niet besteed (een limiet)",
           "title": "Beste mix van eerlijke hefbomen voor {budget} in {days} dagen, doel: {goal}",
           "sub": "beoordeeld op {seeds} test-seeds die het zoeken nooit zag; balk: gemiddelde, "
                  "lijn: ± één standaardfout; wint: aandeel gewonnen vergelijkingen per seed",
           "wins": "wint {share}",
           "note": "{platform}, {users} gebruikers. Kosten: influencertarieven en gekochte "
                   "volgers uit gepubliceerde prijzen, de rest aannames (docs/sources.md)"},
}
GOAL_WORDS = {
    "en": {"real_followers": "real followers", "engaged_real_followers":
           "engaged real followers", "purchases": "purchases", "net_euros": "net euros"},
    "nl": {"real_followers": "echte volgers", "engaged_real_followers":
           "betrokken echte volgers", "purchases": "aankopen", "net_euros": "netto euro's"},
}
GOAL_COLUMNS = {"real_followers": "followers_real_end",
                "engaged_real_followers": "engaged_real_followers_end",
                "purchases": "purchases", "net_euros": "net_euros"}


