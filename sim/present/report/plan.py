"""Reports of a budget plan (``feedsim plan``) and of response curves (``feedsim curves``).

Each becomes the same :class:`~sim.present.report.document.Document` the other studies do (title
page, the verdict, the tables, the chart, what it rests on), so the PDF and the deck are written by
the same code, and the spreadsheet gets the study's own tables. Every number is written by the
catalogue of plan figures (:mod:`sim.base.presented_plan`), the same one the chart, the verdict,
the terminal and the dashboard use; every cost says where it comes from or that it is an
assumption (the levers' cost models, :func:`sim.studies.plan.costs.cost_model`). Client text names
no parameter key, file or command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from sim.base import presented_plan as pp
from sim.base import safe_io
from sim.base.l10n import DASH, date, number
from sim.base.platform_names import platform_name
from sim.present.charts.plan import read_curves, read_plan
from sim.present.folders import CURVES, PLAN
from sim.present.report.document import Document
from sim.studies.plan.words import client_verdict as verdict
from sim.studies.plan.words import money_rows, plan_rows, trade_offs


def _w(en: str, nl: str, lang: str) -> str:
    return nl if lang == "nl" else en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lever(name: str, lang: str) -> str:
    from sim.studies.plan.levers import LEVERS

    return LEVERS[name].label(lang)


def _cost(lever: str, lang: str) -> str:
    from sim.studies.plan.costs import cost_model

    return cost_model(lever, lang)


def cost_rows(levers: list[str], lang: str) -> list[list[str]]:
    """Every lever's cost model with its source or the word assumption, bought followers last."""
    rows = [
        [
            _w("lever", "hefboom", lang),
            _w(
                "how its money is counted, and where the prices come from",
                "hoe het geld geteld wordt, en waar de prijzen vandaan komen",
                lang,
            ),
        ]
    ]
    rows += [[_cap(_lever(lv, lang)), _cost(lv, lang)] for lv in [*levers, "buy"]]
    return rows


def _structural_rows(keys: list[str], lang: str) -> list[list[str]]:
    from sim.scenario.assumptions import BY_KEY

    return [
        [_cap(BY_KEY[k].title_nl if lang == "nl" else BY_KEY[k].title), BY_KEY[k].describe(lang)]
        for k in keys
        if k in BY_KEY
    ]


# ---------------------------------------------------------------------------------------------
# A plan
# ---------------------------------------------------------------------------------------------


def read_verdict(folder: Path) -> dict:
    """The plan's facts and sentences (``verdict.json``), read as a regular file in its folder."""
    if not (folder / "verdict.json").is_file():
        raise FileNotFoundError(
            f"{folder} has no verdict.json: the plan has not finished; run "
            "the same `feedsim plan` command again to complete it"
        )
    return safe_io.read_json(folder / "verdict.json", "plan verdict", folder)


def _plan_document(
    folder: Path, lang: str, charts: list[Path], today: dt.date | None = None
) -> Document:
    table, facts_ = read_plan(folder)
    said = read_verdict(folder)
    goal, levers = facts_["goal"], facts_["levers"]
    budget = pp.text("spent", facts_["budget"], lang)
    sentence = verdict(table, said, lang)
    statistic = pp.STATISTIC[lang]
    facts = [
        (_w("platform", "platform", lang), platform_name(facts_["platform"])),
        (_w("simulated users", "gesimuleerde gebruikers", lang), number(facts_["users"], lang)),
        (
            _w("period", "periode", lang),
            f"{number(facts_['days'], lang)} {_w('days', 'dagen', lang)}",
        ),
        (_w("budget", "budget", lang), budget),
        (_w("goal", "doel", lang), pp.goal_words(goal, lang)),
        (_w("test runs per plan", "testruns per plan", lang), number(facts_["seeds"], lang)),
    ]
    caps = facts_.get("caps", {})
    if "influencer_posts_per_month" in caps:
        facts.append(
            (
                _w(
                    "influencer posts a month, at most",
                    "influencerposts per maand, hoogstens",
                    lang,
                ),
                number(caps["influencer_posts_per_month"], lang, 1),
            )
        )
    if "hours_per_week" in caps:
        facts.append(
            (
                _w("own hours a week, at most", "eigen uren per week, hoogstens", lang),
                number(caps["hours_per_week"], lang, 1),
            )
        )
    summary = [
        sentence,
        *trade_offs(table, goal, lang),
        _w(f"Every figure is the {statistic}.", f"Elk cijfer is het {statistic}.", lang),
    ]
    rests = _structural_rows(list(said.get("structural_assumptions", [])), lang)
    intro = _w(
        "What could change the verdict: the costs below that are assumptions (set your "
        "own and plan again), and the choices no source settles that the best plan rests "
        "on.",
        "Wat het oordeel kan veranderen: de kosten hieronder die aannames zijn (vul uw "
        "eigen in en plan opnieuw), en de keuzes die geen bron beslist waarop het beste "
        "plan rust.",
        lang,
    )
    rows = [
        [
            _w("what the verdict rests on", "waarop het oordeel rust", lang),
            _w(
                "how it is counted, with its source or the word assumption",
                "hoe het geteld wordt, met de bron of het woord aanname",
                lang,
            ),
        ]
    ]
    for lv in [*levers, "buy"]:
        rows.append([_w("Cost of ", "Kosten van ", lang) + _lever(lv, lang), _cost(lv, lang)])
    rows += rests
    title = _w(
        f"What to do with {budget}: the best mix of honest levers",
        f"Wat te doen met {budget}: de beste mix van eerlijke hefbomen",
        lang,
    )
    chart_title = _w(
        "The best plan, two alternatives and bought followers for the same money",
        "Het beste plan, twee alternatieven en gekochte volgers voor hetzelfde geld",
        lang,
    )
    note = _w(
        f"Left: the euros each plan puts on each lever. Right: the goal on runs the search "
        f"never saw ({statistic}), and how often each plan won.",
        f"Links: de euro's die elk plan aan elke hefboom besteedt. Rechts: het doel op "
        f"runs die het zoeken nooit zag ({statistic}), en hoe vaak elk plan won.",
        lang,
    )
    return Document(
        lang=lang,
        title=title,
        subtitle=f"{_w('A budget plan', 'Een budgetplan', lang)} · "
        f"{date(today or dt.date.today(), lang)}",
        facts=facts,
        summary=summary,
        key_figures=[plan_rows(table, lang), money_rows(table, levers, lang)],
        charts=list(charts),
        assumptions_intro=intro,
        assumption_rows=rows,
        verdict=[verdict(table, said, lang, reasons=False)],
        verdict_note=_w(
            "What could change it: the costs that are assumptions and the choices no "
            "source settles, on the last page.",
            "Wat het kan veranderen: de kosten die aannames zijn en de keuzes die "
            "geen bron beslist, op de laatste pagina.",
            lang,
        ),
        chart_titles=[chart_title for _ in charts],
        chart_notes=[note for _ in charts],
        key_heading=_w("The plans side by side", "De plannen naast elkaar", lang),
        assumptions_heading=_w(
            "What could change the verdict", "Wat het oordeel kan veranderen", lang
        ),
    )


# ---------------------------------------------------------------------------------------------
# Response curves
# ---------------------------------------------------------------------------------------------

SHOWN = ("followers_real_end", "purchases", "net_euros")  # the table's outcomes (all four in
# the chart and the spreadsheet)


def _runs(folder: Path) -> pd.DataFrame:
    return safe_io.read_csv(folder / "curves.csv", "curve runs", folder, whole=True)


def curve_rows(
    summary: pd.DataFrame, runs: pd.DataFrame, levers: list[str], lang: str
) -> list[list[str]]:
    """Per lever: the most money spent and what it bought against no money, run by run on the
    same seeds (mean, lowest – highest), and from which amount the next euro buys fewest
    purchases."""
    header = [
        _w("lever", "hefboom", lang),
        _cap(pp.FIGURE["spent"].label(lang)),
        *[
            _w(
                f"{_cap(pp.FIGURE[m].label(lang))}, against no extra money",
                f"{_cap(pp.FIGURE[m].label(lang))}, tegenover geen extra geld",
                lang,
            )
            for m in SHOWN
        ],
        _w("fewest purchases per euro from", "minste aankopen per euro vanaf", lang),
    ]
    rows = [header]
    for lever in [lv for lv in [*levers, "buy"] if lv in set(summary["lever"])]:
        cells = [_cap(_lever(lever, lang)), ""]
        for m in SHOWN:
            money, mean, lo, hi = pp.curve_gain(runs, lever, m)
            cells[1] = pp.text("spent", money, lang)
            cells.append(pp.curve_text(m, mean, lo, hi, lang, sign=True))
        least = summary[(summary["lever"] == lever) & summary["purchases_least"].astype(bool)]
        cells.append(pp.text("spent", float(least["spent"].iloc[0]), lang) if len(least) else DASH)
        rows.append(cells)
    return rows


def curve_sentences(runs: pd.DataFrame, levers: list[str], lang: str) -> list[str]:
    """Which lever's most money bought most purchases and most real followers, and bought
    followers at the same money."""
    out = []
    shown = [lv for lv in levers if lv in set(runs["lever"])]
    for m in ("purchases", "followers_real_end"):
        if not shown:
            break
        gains = {lv: pp.curve_gain(runs, lv, m) for lv in shown}
        top = max(gains, key=lambda lv: gains[lv][1])
        money, mean, lo, hi = gains[top]
        out.append(
            _w(
                f"Most {pp.FIGURE[m].label(lang)}: {_lever(top, lang)}, "
                f"{pp.curve_text(m, mean, lo, hi, lang, sign=True)} for "
                f"{pp.text('spent', money, lang)} against no extra money.",
                f"Meeste {pp.FIGURE[m].label(lang)}: {_lever(top, lang)}, "
                f"{pp.curve_text(m, mean, lo, hi, lang, sign=True)} voor "
                f"{pp.text('spent', money, lang)} tegenover geen extra geld.",
                lang,
            )
        )
    if "buy" in set(runs["lever"]):
        parts = []
        for m in pp.OUTCOMES:
            money, mean, lo, hi = pp.curve_gain(runs, "buy", m)
            parts.append(
                f"{pp.curve_text(m, mean, lo, hi, lang, sign=True)} {pp.FIGURE[m].label(lang)}"
            )
        out.append(
            _w(
                f"The same money on bought followers ({pp.text('spent', money, lang)}): "
                f"{'; '.join(parts)}.",
                f"Hetzelfde geld aan gekochte volgers ({pp.text('spent', money, lang)}): "
                f"{'; '.join(parts)}.",
                lang,
            )
        )
    out.append(
        _w(
            f"Every figure is the {pp.CURVE_STATISTIC['en']}, each run against the same "
            "run with no extra money.",
            f"Elk cijfer is het {pp.CURVE_STATISTIC['nl']}, elke run tegenover dezelfde run "
            "zonder extra geld.",
            lang,
        )
    )
    return out


def _curves_document(
    folder: Path, lang: str, charts: list[Path], today: dt.date | None = None
) -> Document:
    summary, said = read_curves(folder)
    runs = _runs(folder)
    levers = said["levers"]
    amounts = said.get("amounts") or [0.0]
    facts = [
        (_w("platform", "platform", lang), platform_name(said["platform"])),
        (_w("simulated users", "gesimuleerde gebruikers", lang), number(said["users"], lang)),
        (
            _w("period", "periode", lang),
            f"{number(said['days'], lang)} {_w('days', 'dagen', lang)}",
        ),
        (
            _w("money per lever", "geld per hefboom", lang),
            f"{pp.text('spent', min(amounts), lang)} – {pp.text('spent', max(amounts), lang)}",
        ),
        (_w("runs per amount", "runs per bedrag", lang), number(said["seeds"], lang)),
    ]
    intro = _w(
        "Each lever's money over a ladder of amounts, on the same simulated audience and "
        "luck at every amount, so two amounts differ by their money alone. How each "
        "lever's money is counted, and which prices are assumptions:",
        "Het geld van elke hefboom over een reeks bedragen, bij elk bedrag op hetzelfde "
        "gesimuleerde publiek met hetzelfde toeval, zodat twee bedragen alleen in hun geld "
        "verschillen. Hoe het geld van elke hefboom geteld wordt, en welke prijzen "
        "aannames zijn:",
        lang,
    )
    chart_title = _w(
        "What the money buys, lever by lever, beside bought followers",
        "Wat het geld oplevert, hefboom voor hefboom, naast gekochte volgers",
        lang,
    )
    note = _w(
        f"One line per lever ({pp.CURVE_STATISTIC['en']}); bought followers dashed; a ring "
        "where the next euro buys least.",
        f"Eén lijn per hefboom ({pp.CURVE_STATISTIC['nl']}); gekochte volgers gestippeld; "
        "een ring waar de volgende euro het minst oplevert.",
        lang,
    )
    return Document(
        lang=lang,
        title=_w("What each lever's money buys", "Wat het geld van elke hefboom oplevert", lang),
        subtitle=f"{_w('Response curves', 'Responscurves', lang)} · "
        f"{date(today or dt.date.today(), lang)}",
        facts=facts,
        summary=curve_sentences(runs, levers, lang),
        key_figures=[curve_rows(summary, runs, levers, lang)],
        charts=list(charts),
        assumptions_intro=intro,
        assumption_rows=cost_rows(levers, lang),
        chart_titles=[chart_title for _ in charts],
        chart_notes=[note for _ in charts],
        key_heading=_w("The most money on each lever", "Het meeste geld per hefboom", lang),
        assumptions_heading=_w("What the costs rest on", "Waar de kosten op rusten", lang),
    )


# ---------------------------------------------------------------------------------------------
# The registry's entry points (sim.present.report.studies)
# ---------------------------------------------------------------------------------------------


# How a column of a plan's or curve's table is qualified: its suffix, and the words after the
# figure's name.
_STATS = {
    "_mean": ("mean", "gemiddelde"),
    "_se": ("standard error", "standaardfout"),
    "_lo": ("lowest run", "laagste run"),
    "_hi": ("highest run", "hoogste run"),
    "_per_euro": ("per extra euro", "per extra euro"),
    "_least": (
        "the next euro yields least from here",
        "vanaf hier levert de volgende euro het minst op",
    ),
}
_PLAIN = {
    "plan": ("plan", "plan"),
    "trial": ("trial", "poging"),
    "lever": ("lever", "hefboom"),
    "seed": ("seed", "seed"),
    "asked": ("money asked for (€)", "gevraagd bedrag (€)"),
    "revenue": ("economic value (€)", "economische waarde (€)"),
    "goal": ("goal", "doel"),
    "goal_tuning": ("goal on the tuning runs", "doel op de afstemruns"),
    "cost_model": (
        "how its money is counted, and where the prices come from",
        "hoe het geld geteld wordt, en waar de prijzen vandaan komen",
    ),
}


def _column_words(name: str, lang: str) -> str:
    """A column of a plan's or curve's table in the reader's words (the catalogue's figure
    names, the levers' names); a column it does not know keeps its name."""
    from sim.studies.plan.levers import LEVERS

    if name in _PLAIN:
        return _w(*_PLAIN[name], lang)
    if name.endswith("_euros") and name[: -len("_euros")] in LEVERS:
        return f"{_cap(_lever(name[: -len('_euros')], lang))} (€)"
    for suffix, words in _STATS.items():
        if name.endswith(suffix) and name[: -len(suffix)] in pp.FIGURE:
            return f"{_column_words(name[: -len(suffix)], lang)}, {_w(*words, lang)}"
    if name in pp.FIGURE:
        figure = pp.FIGURE[name]
        unit = {"euros": " (€)", "share": " (%)"}.get(figure.fmt, "")
        return _cap(figure.label(lang)) + unit
    return name


def sheet_in_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A plan's or curve's table as the spreadsheet shows it: columns, plans, levers and goals
    in the reader's words (as the report names them), yes or no for a mark, numbers as kept
    to the cent or the thousandth."""
    from sim.base.i18n import tr
    from sim.studies.plan.levers import LEVERS

    out = frame.copy()
    for col in out.columns:
        if col == "plan":
            out[col] = [_cap(pp.plan_words(str(v), lang)) for v in out[col]]
        elif col == "lever":
            out[col] = [_cap(_lever(v, lang)) if v in LEVERS else v for v in out[col]]
        elif col == "goal":
            out[col] = [pp.goal_words(v, lang) if v in pp.GOAL_WORDS else v for v in out[col]]
        elif col.endswith("_least"):
            out[col] = [tr("yes", lang) if bool(v) else tr("no", lang) for v in out[col]]
        elif col == "wins":  # a share of comparisons: as a percentage, as the report has it
            out[col] = (100 * out[col]).round(1)
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(_decimals(col))
    return out.rename(columns={c: _column_words(c, lang) for c in out.columns})


def _decimals(col: str) -> int:
    """Digits a float column keeps: a thousandth of a figure per euro is still news, a
    hundredth of a euro is a cent, a thousandth of anything else is enough."""
    if col.endswith("_per_euro"):
        return 5
    money = col.endswith("_euros") or col in ("spent", "asked", "revenue")
    return 2 if money or col.startswith("net_euros_") else 3


def build(
    kind: str, folder: Path, lang: str, charts: list[Path], today: dt.date | None = None
) -> Document:
    """The report of a plan or response-curve folder in ``lang``."""
    if kind == PLAN:
        return _plan_document(folder, lang, charts, today)
    if kind == CURVES:
        return _curves_document(folder, lang, charts, today)
    raise ValueError(f"{kind!r} is not a plan kind")


def sheets(kind: str, folder: Path, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """The spreadsheet of a plan or response-curve folder: its own tables, as kept."""

    def csv(name: str, what: str) -> pd.DataFrame:
        return safe_io.read_csv(folder / name, what, folder, whole=True)

    from sim.studies.plan.costs import cost_model

    if kind == PLAN:
        table, said = read_plan(folder)
        out = [
            (_w("plans", "plannen", lang), table),
            (_w("trials", "pogingen", lang), csv("trials.csv", "trials table")),
        ]
        if (folder / "plan_worlds.csv").is_file():
            out.append((_w("worlds", "werelden", lang), csv("plan_worlds.csv", "worlds table")))
        levers = said["levers"]
    elif kind == CURVES:
        summary, said = read_curves(folder)
        out = [
            (_w("curves", "curves", lang), summary),
            (_w("runs", "runs", lang), csv("curves.csv", "curve runs")),
        ]
        levers = said["levers"]
    else:
        raise ValueError(f"{kind!r} is not a plan kind")
    costs = pd.DataFrame(
        {"lever": [*levers, "buy"], "cost_model": [cost_model(lv, lang) for lv in [*levers, "buy"]]}
    )
    out.append((_w("costs", "kosten", lang), costs))
    return [(title, sheet_in_words(frame, lang)) for title, frame in out]
