"""What the response curves and the plan say, in English and Dutch: panel titles, plan names,
goals, the chart's notes, the verdict and the plans side by side.

The charts (:mod:`sim.present.charts.plan`), the planner's verdict (``verdict.json``), the report
(:mod:`sim.present.report.plan`), the dashboard's plan view and ``feedsim plan``'s printed summary
all take their words from here, so the slide, the page and the terminal say the same thing. The
names of the figures, the plans and the goals and every number are the catalogue's
(:mod:`sim.base.presented_plan`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sim.base import presented_plan as pp
from sim.studies.plan.levers import LEVERS

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
    "en": {
        **{p: pp.plan_words(p, "en") for p in pp.PLANS},
        "money": "euros per lever",
        "unspent": "not spent (a cap)",
        "title": "Best mix of honest levers for {budget} over {days} days, goal: {goal}",
        "sub": "judged on {seeds} test seeds the search never saw; bar: mean, line: ± one "
        "standard error; wins: share of seed-by-seed comparisons won",
        "wins": "wins {share}",
        "note": "{platform}, {users} users. " + COSTS_NOTE["en"],
    },
    "nl": {
        **{p: pp.plan_words(p, "nl") for p in pp.PLANS},
        "money": "euro per hefboom",
        "unspent": "niet besteed (een limiet)",
        "title": "Beste mix van eerlijke hefbomen voor {budget} in {days} dagen, doel: {goal}",
        "sub": "beoordeeld op {seeds} testruns die het zoeken nooit zag; balk: gemiddelde, "
        "lijn: ± één standaardfout; wint: aandeel gewonnen vergelijkingen per run",
        "wins": "wint {share}",
        "note": "{platform}, {users} gebruikers. " + COSTS_NOTE["nl"],
    },
}
GOAL_WORDS = {lang: {g: pp.goal_words(g, lang) for g in pp.GOALS} for lang in ("en", "nl")}
GOAL_COLUMNS = dict(pp.GOALS)


# Costs a lever rests on that no source gives (what a user should check first), in words.
COST_ASSUMPTIONS = {
    "influencer": (
        "where the fee lies in the published range",
        "waar het tarief in de gepubliceerde bandbreedte ligt",
    ),
    "boost": ("the price per 1,000 impressions (CPM)", "de prijs per 1.000 vertoningen (CPM)"),
    "giveaway": (
        "the prize and the 3,000 entrants a giveaway draws",
        "de prijs en de 3.000 deelnemers van een winactie",
    ),
    "community": (
        "the hourly rate and a conversation per half hour",
        "het uurtarief en een gesprek per half uur",
    ),
    "employee_advocacy": (
        "the hourly rate and five minutes per share",
        "het uurtarief en vijf minuten per gedeelde post",
    ),
    "posts": ("the hours per post and the hourly rate", "de uren per post en het uurtarief"),
    "content": (
        "the extra hours that better content takes",
        "de extra uren die betere content kost",
    ),
    "replies": (
        "three hours a week to answer every comment",
        "drie uur per week om elke reactie te beantwoorden",
    ),
}


def verdict_sentence(
    table: pd.DataFrame, said: dict[str, Any], lang: str, client: bool = False, reasons: bool = True
) -> str:
    """The verdict in ``lang`` from the plan table and the facts :func:`statement` keeps
    (``verdict.json``), every number as the catalogue of plan figures writes it
    (:mod:`sim.base.presented_plan`); ``client``: without the commands to run next;
    ``reasons``: with what could change it (a first slide leaves it to its own page)."""
    from sim.base import presented_plan as pp
    from sim.base.l10n import number
    from sim.scenario.assumptions import BY_KEY

    nl = lang == "nl"
    goal_key = str(said["goal"])
    col = pp.GOALS[goal_key]
    t = table.set_index("plan")
    best = t.loc["best"]
    used = [lv for lv in said.get("cost_assumptions", []) if lv in LEVERS]
    top = str(said.get("top_on_test_seeds", "best"))
    structural = [BY_KEY[k] for k in said.get("structural_assumptions", []) if k in BY_KEY]
    goal = pp.goal_words(goal_key, lang)
    money = ", ".join(
        f"{pp.text('spent', best[f'{lv}_euros'], lang)} {LEVERS[lv].label(lang)}" for lv in used
    )
    costs = "; ".join(COST_ASSUMPTIONS[lv][1 if nl else 0] for lv in used if lv in COST_ASSUMPTIONS)
    worlds = "; ".join(a.title_nl if nl else a.title for a in structural)
    m = lambda p: pp.text(col, t.loc[p, f"{col}_mean"], lang)  # noqa: E731
    budget = pp.text("spent", float(said["budget"]), lang)
    days, seeds = number(int(said["days"]), lang), number(len(said["test_seeds"]), lang)
    se, wins = pp.text(col, best[f"{col}_se"], lang), pp.text("wins", best["wins"], lang)
    noise = bool(said.get("within_noise", True))
    beats_base = str(said.get("beats_base", "yes"))  # a folder from before says nothing of it
    n_worlds = int(said.get("worlds", 0) or 0)
    kept, beat = int(said.get("best_stays_best", 0)), int(said.get("best_beats_buy", 0))
    if nl:
        text = (
            f"Beste plan voor {budget} in {days} dagen (doel: {goal}): {money}. Op {seeds} "
            f"testruns die het zoeken nooit zag haalde het {m('best')} ± {se} {goal}, tegen "
            f"{m('base')} zonder extra geld en {m('buy')} met hetzelfde geld aan gekochte "
            f"volgers; het won {wins} van de vergelijkingen per run."
        )
        text += {
            "no": " Het deed het daarmee niet beter dan geen extra geld.",
            "noise": " Zijn voorsprong op geen extra geld valt binnen de ruis van de runs.",
        }.get(beats_base, "")
        if top != "best":
            text += f" Op die runs deed {pp.plan_words(top, lang)} het beter ({m(top)}): " + (
                "het verschil valt binnen de ruis van de runs."
                if noise
                else "duidelijk beter; zoek opnieuw met meer runs of pogingen."
            )
        if n_worlds:
            text += (
                f" In {kept} van {n_worlds} plausibele werelden bleef het het beste plan; "
                f"het won van gekochte volgers in {beat} van de {n_worlds}."
            )
        if not reasons:
            return text
        text += (
            f" Wat het kan veranderen: kosten die aannames zijn ({costs}) en keuzes die "
            f"geen bron beslist ({worlds})"
        )
        return text + (
            "."
            if client
            else "; varieer ze met `feedsim sensitivity` of `feedsim worlds` op plan_best.toml."
        )
    text = (
        f"Best plan for {budget} over {days} days (goal: {goal}): {money}. On {seeds} seeds "
        f"the search never saw it reached {m('best')} ± {se} {goal}, against {m('base')} "
        f"with no extra money and {m('buy')} with the same money on bought followers; it "
        f"won {wins} of the seed-by-seed comparisons."
    )
    text += {
        "no": " So it did no better than spending nothing.",
        "noise": " Its lead over spending nothing is within the seeds' noise.",
    }.get(beats_base, "")
    if top != "best":
        text += f" On those seeds {pp.plan_words(top, lang)} did better ({m(top)}): " + (
            "the difference is within the seeds' noise."
            if noise
            else "clearly better; search again with more seeds or trials."
        )
    if n_worlds:
        text += (
            f" It stayed the best plan in {kept} of {n_worlds} plausible worlds, and beat "
            f"bought followers in {beat} of the {n_worlds}."
        )
    if not reasons:
        return text
    text += (
        f" What could change it: costs that are assumptions ({costs}) and choices no "
        f"source settles ({worlds})"
    )
    return text + (
        "."
        if client
        else "; vary them with `feedsim sensitivity` or `feedsim worlds` on plan_best.toml."
    )


# ---------------------------------------------------------------------------------------------
# The plans side by side, as the report and the dashboard show them (every number the
# catalogue's, :mod:`sim.base.presented_plan`)
# ---------------------------------------------------------------------------------------------

PLANS = ("best", "alt1", "alt2")


def _w(en: str, nl: str, lang: str) -> str:
    return nl if lang == "nl" else en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def client_verdict(table: pd.DataFrame, said: dict, lang: str, reasons: bool = True) -> str:
    """The plan's verdict for a client: the sentence without commands (``reasons``: with what
    could change it)."""
    return verdict_sentence(table, said, lang, client=True, reasons=reasons)


def plan_rows(table: pd.DataFrame, lang: str) -> list[list[str]]:
    """Each plan's money and every outcome on the test runs ('21.0 ± 3.5')."""
    names = ["spent", *pp.OUTCOMES, "wins"]
    rows = [[_w("plan", "plan", lang)] + [_cap(pp.FIGURE[n].label(lang)) for n in names]]
    for plan in table["plan"]:
        rows.append(
            [_cap(pp.plan_words(plan, lang))] + [pp.cell(table, plan, n, lang) for n in names]
        )
    return rows


def money_rows(table: pd.DataFrame, levers: list[str], lang: str) -> list[list[str]]:
    """Each plan's euros per lever (bought followers last)."""
    used = [lv for lv in [*levers, "buy"] if (table[f"{lv}_euros"] > 0).any()]
    rows = [
        [_w("plan", "plan", lang)]
        + [_cap(LEVERS[lv].label(lang)) for lv in used]
        + [_cap(pp.FIGURE["spent"].label(lang))]
    ]
    for plan in table["plan"]:
        rows.append(
            [_cap(pp.plan_words(plan, lang))]
            + [pp.money_cell(table, plan, lv, lang) for lv in used]
            + [pp.cell(table, plan, "spent", lang)]
        )
    return rows


def trade_offs(table: pd.DataFrame, goal: str, lang: str) -> list[str]:
    """The best plan and its alternatives side by side on what the goal leaves out, how often
    each beat the others, and the same money on bought followers."""
    col = pp.GOALS[goal]
    others = [m for m in pp.OUTCOMES if m != col]
    shown = [p for p in PLANS if p in set(table["plan"])]

    def says(plan: str) -> str:
        parts = [f"{pp.cell(table, plan, m, lang)} {pp.FIGURE[m].label(lang)}" for m in others]
        return ", ".join(parts)

    out = []
    for plan in shown:
        out.append(
            _w(
                f"{_cap(pp.plan_words(plan, lang))}: spends {pp.cell(table, plan, 'spent', lang)}, "
                f"reaches {pp.cell(table, plan, col, lang)} {pp.goal_words(goal, lang)} and "
                f"{says(plan)}.",
                f"{_cap(pp.plan_words(plan, lang))}: besteedt "
                f"{pp.cell(table, plan, 'spent', lang)}, "
                f"haalt {pp.cell(table, plan, col, lang)} {pp.goal_words(goal, lang)} en "
                f"{says(plan)}.",
                lang,
            )
        )
    wins = ", ".join(
        f"{pp.plan_words(p, lang)} {pp.text('wins', pp.value(table, p, 'wins'), lang)}"
        for p in table["plan"]
    )
    out.append(
        _w(
            f"How often each plan reached more of the goal than each other plan, run by "
            f"run: {wins}.",
            f"Hoe vaak elk plan meer van het doel haalde dan elk ander plan, run voor run: {wins}.",
            lang,
        )
    )
    if "buy" in set(table["plan"]):
        out.append(
            _w(
                f"The same money on bought followers ({pp.cell(table, 'buy', 'spent', lang)}): "
                f"{pp.cell(table, 'buy', col, lang)} {pp.goal_words(goal, lang)}, {says('buy')}.",
                f"Hetzelfde geld aan gekochte volgers ({pp.cell(table, 'buy', 'spent', lang)}): "
                f"{pp.cell(table, 'buy', col, lang)} {pp.goal_words(goal, lang)}, {says('buy')}.",
                lang,
            )
        )
    return out
