"""What the response curves and the plan say, in English and Dutch: panel titles, plan names,
goals and the chart's notes.

The charts (:mod:`sim.present.charts.plan`), the planner's verdict and ``feedsim plan``'s printed
summary all take their words from here, so the slide and the terminal say the same thing. The
names of the figures, the plans and the goals are the catalogue's
(:mod:`sim.base.presented_plan`), which the report and the dashboard read too.
"""

from __future__ import annotations

from sim.base import presented_plan as pp

# Where each cost comes from, as a chart's note says it (docs/sources.md lists them in full).
COSTS_NOTE = {
    "en": "Costs: influencer fees (Influencer Marketing Hub's published rates) and bought "
          "followers (The New York Times on Devumi, 2018) from published prices; every other "
          "cost is an assumption",
    "nl": "Kosten: influencertarieven (gepubliceerde tarieven van Influencer Marketing Hub) en "
          "gekochte volgers (de New York Times over Devumi, 2018) uit gepubliceerde prijzen; "
          "elke andere kostenpost is een aanname",
}

CURVE_WORDS = {
    "en": {
        **{m: pp.FIGURE[m].label("en") for m in pp.OUTCOMES},
        "x": "money spent on the lever (euros)",
        "title": "What the money buys: each lever against the same money on bought followers",
        "least": "○ from here the next euro buys least",
        "note": "{platform}, {users} users, {days} days, {seeds} seeds on common random numbers; "
                "line: mean, band: lowest to highest seed. " + COSTS_NOTE["en"],
    },
    "nl": {
        **{m: pp.FIGURE[m].label("nl") for m in pp.OUTCOMES},
        "x": "geld besteed aan de hefboom (euro)",
        "title": "Wat het geld oplevert: elke hefboom tegenover hetzelfde geld aan gekochte "
                 "volgers",
        "least": "○ vanaf hier levert de volgende euro het minst op",
        "note": "{platform}, {users} gebruikers, {days} dagen, {seeds} runs per punt met "
                "dezelfde toevalsgetallen; lijn: gemiddelde, band: laagste tot hoogste run. "
                + COSTS_NOTE["nl"],
    },
}
PLAN_WORDS = {
    "en": {**{p: pp.plan_words(p, "en") for p in pp.PLANS},
           "money": "euros per lever", "unspent": "not spent (a cap)",
           "title": "Best mix of honest levers for {budget} over {days} days, goal: {goal}",
           "sub": "judged on {seeds} test seeds the search never saw; bar: mean, line: ± one "
                  "standard error; wins: share of seed-by-seed comparisons won",
           "wins": "wins {share}",
           "note": "{platform}, {users} users. " + COSTS_NOTE["en"]},
    "nl": {**{p: pp.plan_words(p, "nl") for p in pp.PLANS},
           "money": "euro per hefboom", "unspent": "niet besteed (een limiet)",
           "title": "Beste mix van eerlijke hefbomen voor {budget} in {days} dagen, doel: {goal}",
           "sub": "beoordeeld op {seeds} testruns die het zoeken nooit zag; balk: gemiddelde, "
                  "lijn: ± één standaardfout; wint: aandeel gewonnen vergelijkingen per run",
           "wins": "wint {share}",
           "note": "{platform}, {users} gebruikers. " + COSTS_NOTE["nl"]},
}
GOAL_WORDS = {lang: {g: pp.goal_words(g, lang) for g in pp.GOALS} for lang in ("en", "nl")}
GOAL_COLUMNS = dict(pp.GOALS)
