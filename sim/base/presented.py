"""The presented figures: every number a client sees, computed and written once.

:mod:`sim.base.metrics` names what a run measures; this module says how those measurements reach a
client. For each presented figure it holds its name and a one-line explanation in English and
Dutch, its unit, how it is taken across simulated runs, how it is read against a baseline and how
it is written. The terminal tables, the chart headlines, the PDF report, the deck, the
spreadsheet and the dashboard all take their key figures from :func:`compute` and write them
with :func:`text`, so one figure has one value everywhere.

**One statistic.** Every presented figure is the *median over the simulated runs* (seeds), with
a band holding 90% of them (5th to 95th percentile). Counts of whole things (followers,
purchases) are shown whole: the median rounded to the nearest whole number (a median of 8 and 9
purchases is 9, never 8.5). A single run is the median of one.

**Against a baseline** (comparisons and sweeps run every arm on the same seeds):

- the change is the arm's median against the baseline's median (``+12%``, or a difference in
  euros), so it can be checked from the two numbers shown;
- "worse in k of n" counts the seeds on which the arm did worse than the baseline on that very
  seed;
- net euros against the baseline = the arm's median net result (economic value − tactics
  cost) − the baseline's, so it is the economic value's change less the extra spend; its band
  and "worse in k of n" come from the differences on the same seeds;
- **return on spend** = (extra economic value against the baseline − extra spend) ÷ extra spend,
  taken as the median net euros against the baseline ÷ the median extra spend. Its sign is
  always the sign of net euros against the baseline. Below :data:`MIN_SPEND` euros of spend it
  is not a meaningful percentage, and it is said in words instead. Without a baseline (a single
  run) there is nothing to measure extra sales against, and it is left out.

**When a tactic acts.** Real reach per post is also taken over the period a tactic acts: from
its first day until the platform purges the bought followers (a fall of at least a third in
bought followers in a day), until a period tactic ends, or until the end of the run. The chart
headlines and the verdict quote both that period and the whole run, so a recovery after a purge
never hides what happened while the bought followers were there.

**Too few to compare.** Purchases are rare: a shop's simulated year often holds a handful.
Two such counts differ by whole-count luck, so a change in them ("from 2 to 0") says nothing.
Where both medians are under :data:`MIN_COUNT`, or each arm's median lies inside the other's
90% band, a rare count's change against the baseline is written "too few to compare" ("te
weinig om te vergelijken") instead of a number.

The catalogue (:class:`Figure`, :data:`FIGURES`, the shared constants) is :mod:`sim.base.figures`;
one run's figures and the period a tactic acts are :mod:`sim.base.run_figures`. This module takes
them across runs and writes them, and re-exports their names. A leaf: pandas, numpy, l10n.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.base.figure_words import period_words, runs_words
from sim.base.figure_words import scenario_text as scenario_text  # re-exported
from sim.base.figure_words import statistic_words as statistic_words  # re-exported
from sim.base.figures import (
    BAND,
    BASELINE_ONLY,
    FIGURE,
    FIGURES,
    MIN_SPEND,
    TOO_FEW,
    WINDOW_ONLY,
    counts_too_few,
)
from sim.base.figures import PURGE_DROP as PURGE_DROP  # re-exported
from sim.base.figures import Figure as Figure  # re-exported
from sim.base.i18n import check_lang
from sim.base.run_figures import Window as Window  # re-exported
from sim.base.run_figures import purge_days as purge_days  # re-exported
from sim.base.run_figures import reach_between as reach_between  # re-exported
from sim.base.run_figures import run_values, tactic_window

# ---------------------------------------------------------------------------------------------
# Across runs
# ---------------------------------------------------------------------------------------------


def whole(x: float) -> float:
    """``x`` rounded half up to a whole number (NaN stays NaN): how whole counts are shown."""
    return x if _nan(x) else float(math.floor(x + 0.5))


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


@dataclass
class Table:
    """The presented figures of a folder: per group (a run, an arm, a grid point).

    Attributes:
        groups: the groups, in the order to show them.
        baseline: the group the others are read against (None: a single run).
        seeds: simulated runs per group.
        per_run: one row per (group, seed) with every figure of :func:`run_values`, plus
            ``extra_spend`` and, against a baseline, ``net_vs_baseline`` and
            ``return_on_spend``.
        values: index group, columns figure names: the presented value (median, whole counts
            rounded).
        low, high: the same shape: the band holding 90% of the runs.
        change: against the baseline: index group, columns figure names: a relative change
            (figures read as ``"ratio"``) or a difference (``"difference"``).
        worse: the share of seeds on which the group did worse than the baseline.
        windows: per group, the period its tactic acts (None: none).
        last_day: the last simulated day.
    """

    groups: list
    baseline: object | None
    seeds: int
    per_run: pd.DataFrame
    values: pd.DataFrame
    low: pd.DataFrame
    high: pd.DataFrame
    change: pd.DataFrame
    worse: pd.DataFrame
    windows: dict = field(default_factory=dict)
    last_day: int = 0

    def value(self, group, name: str) -> float:
        """The presented value of ``name`` for ``group`` (NaN if it has none)."""
        try:
            return float(self.values.loc[group, name])
        except KeyError:
            return float("nan")

    def names(self) -> list[str]:
        """The figures this table presents, in catalogue order."""
        out = []
        for f in FIGURES:
            if f.name in BASELINE_ONLY and self.baseline is None:
                continue
            if f.name in WINDOW_ONLY and not any(self.windows.values()):
                continue
            out.append(f.name)
        return out


def _stat(values: np.ndarray, whole_count: bool) -> tuple[float, float, float]:
    v = values[np.isfinite(values)]
    if v.size == 0:
        return float("nan"), float("nan"), float("nan")
    mid, lo, hi = (
        float(np.median(v)),
        float(np.quantile(v, BAND[0])),
        float(np.quantile(v, BAND[1])),
    )
    if whole_count:
        mid, lo, hi = whole(mid), whole(lo), whole(hi)
    return mid, lo, hi


def compute(
    days: pd.DataFrame,
    group: str,
    order: list | None = None,
    baseline=None,
    marks: dict | None = None,
) -> Table:
    """The presented figures of a tidy day table of many runs.

    Args:
        days: per-day metrics with ``group``, ``seed`` and ``day`` columns.
        group: the column naming the group (``"arm"``, ``"point"``, ``"run"``).
        order: the groups in the order to show them (default: order of first appearance).
        baseline: the group the others are read against (None: no baseline; a single group
            never has one).
        marks: per group, (what, day) of the days its tactics act (see :func:`tactic_window`).
    """
    order = list(order) if order is not None else list(dict.fromkeys(days[group]))
    if len(order) < 2:
        baseline = None
    marks = marks or {}
    runs = dict(tuple(days.groupby([group, "seed"], sort=False)))
    windows = {g: tactic_window(days[days[group] == g], marks.get(g, [])) for g in order}
    rows = []
    for (g, seed), run in runs.items():
        w = windows.get(g)
        rows.append({group: g, "seed": seed, **run_values(run, (w.start, w.end) if w else None)})
    per_run = pd.DataFrame(rows)
    per_run["extra_spend"] = per_run["cost"]
    if baseline is not None:
        base = per_run[per_run[group] == baseline].set_index("seed")
        on_seed = base.reindex(per_run["seed"])
        per_run["extra_spend"] = per_run["cost"].to_numpy() - on_seed["cost"].to_numpy()
        per_run["net_vs_baseline"] = (
            per_run["net_revenue"].to_numpy() - on_seed["net_revenue"].to_numpy()
        )
        with np.errstate(all="ignore"):
            spend = per_run["extra_spend"].to_numpy()
            per_run["return_on_spend"] = np.where(
                spend > 0, per_run["net_vs_baseline"].to_numpy() / spend, np.nan
            )
        # Reach while a tactic acts: the baseline over the same days, on the same seed.
        base_while = []
        for g, seed in zip(per_run[group], per_run["seed"], strict=True):
            w, b = windows.get(g), runs.get((baseline, seed))
            ok = w is not None and b is not None and "real_reach_per_post" in b
            base_while.append(reach_between(b, w.start, w.end) if ok else float("nan"))
        per_run["baseline_reach_while"] = base_while
    # Filled as arrays, made frames once: a cell set through ``.loc`` costs a pandas call each.
    names = [f.name for f in FIGURES]
    col = {name: k for k, name in enumerate(names)}
    mids, lows, highs = (np.full((len(order), len(names)), np.nan) for _ in range(3))
    members = {g: per_run[per_run[group] == g] for g in order}
    for i, g in enumerate(order):
        sub = members[g]
        for f in FIGURES:
            if f.name in sub:
                j = col[f.name]
                mids[i, j], lows[i, j], highs[i, j] = _stat(
                    sub[f.name].to_numpy(dtype=float), f.whole
                )
    change: dict[str, dict] = {}
    worse: dict[str, dict] = {}
    if baseline is not None:
        b_i = order.index(baseline)
        base_rows = members[baseline].set_index("seed")
        for i, g in enumerate(order):
            sub = members[g]
            # Net result against the baseline: the two net results the table shows, one minus
            # the other, so it is the same number as the rows above it (economic value's change
            # minus the extra spend); its range and "worse in k of n" come from the same runs.
            net = mids[i, col["net_revenue"]] - mids[b_i, col["net_revenue"]]
            mids[i, col["net_vs_baseline"]] = net
            spend = float(np.median(sub["extra_spend"].to_numpy(dtype=float))) if len(sub) else 0.0
            mids[i, col["return_on_spend"]] = net / spend if spend >= MIN_SPEND else float("nan")
            own = sub.set_index("seed")
            for f in FIGURES:
                if f.against is None or g == baseline:
                    continue
                b_col = "baseline_reach_while" if f.name == "real_reach_while" else f.name
                if f.name == "real_reach_while":
                    bval = _stat(own[b_col].to_numpy(dtype=float), False)[0]
                    bseed = own[b_col]
                else:
                    bval = mids[b_i, col[f.name]]
                    bseed = base_rows[b_col].reindex(own.index)
                mine = mids[i, col[f.name]]
                if f.against == "ratio":
                    c = mine / bval - 1 if bval and not _nan(bval) else float("nan")
                else:
                    c = mine - bval
                change.setdefault(f.name, {})[g] = c
                if f.better:
                    diff = (own[f.name] - bseed).to_numpy(dtype=float)
                    ok = np.isfinite(diff)
                    worse.setdefault(f.name, {})[g] = (
                        float(((diff * f.better)[ok] < 0).mean()) if ok.any() else float("nan")
                    )
            # Net result against the baseline: worse where it is below zero.
            nv = sub["net_vs_baseline"].to_numpy(dtype=float)
            ok = np.isfinite(nv)
            if g != baseline and ok.any():
                worse.setdefault("net_vs_baseline", {})[g] = float((nv[ok] < 0).mean())
    values, low, high = (pd.DataFrame(a, index=order, columns=names) for a in (mids, lows, highs))
    last_day = int(days["day"].max()) if len(days) else 0
    seeds = int(per_run.groupby(group)["seed"].nunique().max()) if len(per_run) else 0
    return Table(
        order,
        baseline,
        seeds,
        per_run,
        values,
        low,
        high,
        _frame(change, order),
        _frame(worse, order),
        windows,
        last_day,
    )


def _frame(cells: dict[str, dict], order: list) -> pd.DataFrame:
    """Columns of figures by group, missing cells NaN, in the order the figures were met."""
    if not cells:
        return pd.DataFrame(index=order, dtype=float)
    nan = float("nan")
    return pd.DataFrame(
        {name: np.array([c.get(g, nan) for g in order], dtype=float) for name, c in cells.items()},
        index=order,
    )


def for_run(
    days: pd.DataFrame, name: str = "run", seed: int = 0, marks: list[tuple[str, int]] = ()
) -> Table:
    """The presented figures of a single run (the median of one)."""
    d = days.assign(run=name, seed=seed)
    return compute(d, "run", [name], None, {name: list(marks)})


# ---------------------------------------------------------------------------------------------
# Words and numbers
# ---------------------------------------------------------------------------------------------


def text(name: str, value: float, lang: str, sign: bool = False) -> str:
    """A figure's value as every surface writes it (through :mod:`sim.base.l10n`)."""
    from sim.base.l10n import DASH, money, number, percent

    if _nan(value):
        return DASH
    f = FIGURE[name]
    if f.fmt == "euros":
        return money(value, lang, sign=sign or name == "net_vs_baseline")
    if f.fmt == "cents":
        return money(value, lang, decimals=2, sign=sign)
    if f.fmt == "return":
        return percent(value, lang, decimals=0, sign=True)
    if f.fmt == "number":
        return number(value, lang, decimals=2 if abs(value) < 10 else 1)
    text_ = number(whole(value) if f.whole else value, lang)
    return f"+{text_}" if sign and value > 0 else text_


def missing_words(name: str, table: Table, group, lang: str) -> str:
    """Why a figure has no value, in words ('spend too small to express as a return')."""
    from sim.base.l10n import DASH, money

    nl = check_lang(lang) == "nl"
    if name == "return_on_spend":
        if table.baseline is None:
            return "geen nulmeting" if nl else "no baseline to compare with"
        if group == table.baseline:
            return "dit is de nulmeting" if nl else "this is the baseline"
        spend = (
            float(np.median(table.per_run.loc[table.per_run.iloc[:, 0] == group, "extra_spend"]))
            if len(table.per_run)
            else 0
        )
        if spend <= 0:
            return "geen uitgaven" if nl else "no spend"
        limit = money(MIN_SPEND, lang)
        return (
            f"uitgaven (onder {limit}) te klein voor een rendement"
            if nl
            else f"spend (under {limit}) too small to express as a return"
        )
    if name == "net_vs_baseline" and group == table.baseline:
        return "dit is de nulmeting" if nl else "this is the baseline"
    if name == "cost_per_engaged_real_follower":
        return "geen uitgaven" if nl else "no spend"
    return DASH


def cell(table: Table, group, name: str, lang: str, band: bool = False) -> str:
    """The text of one figure for one group: the value, words when it has none, and with
    ``band`` the range of 90% of the runs ('814 (640–990)') when there is more than one."""
    v = table.value(group, name)
    if _nan(v):
        return missing_words(name, table, group, lang)
    out = text(name, v, lang)
    if band and table.seeds > 1 and FIGURE[name].fmt != "return":
        lo, hi = table.low.loc[group, name], table.high.loc[group, name]
        if not (_nan(lo) or _nan(hi)) and lo != hi:
            out += f" ({text(name, lo, lang)} – {text(name, hi, lang)})"
    return out


def too_few(table: Table, group, name: str) -> bool:
    """True if ``name`` is a rare count (purchases) that ``group`` and the baseline hold too few
    of to tell apart: both medians under :data:`MIN_COUNT`, or, over several runs, each median
    inside the other's 90% band."""
    f = FIGURE.get(name)
    if f is None or not f.rare or table.baseline is None or group == table.baseline:
        return False
    mine, base = table.value(group, name), table.value(table.baseline, name)
    if _nan(mine) or _nan(base):
        return False
    if table.seeds < 2:
        return counts_too_few(mine, base)
    try:
        band_mine = (float(table.low.loc[group, name]), float(table.high.loc[group, name]))
        band_base = (
            float(table.low.loc[table.baseline, name]),
            float(table.high.loc[table.baseline, name]),
        )
    except KeyError:
        return counts_too_few(mine, base)
    return counts_too_few(mine, base, band_mine, band_base)


def change_text(table: Table, group, name: str, lang: str) -> str:
    """The figure of ``group`` against the baseline: '−38%' or '+€120' ('' if none), or 'too
    few to compare' for a rare count that cannot be told apart from the baseline's."""
    from sim.base.l10n import percent

    try:
        c = float(table.change.loc[group, name])
    except KeyError:
        return ""
    if _nan(c):
        return ""
    if too_few(table, group, name):
        return TOO_FEW[check_lang(lang)]
    f = FIGURE[name]
    if f.against == "ratio":
        return percent(c, lang, decimals=0, sign=True)
    return text(name, c, lang, sign=True)


def worse_count(table: Table, group, name: str) -> tuple[int, int]:
    """(seeds on which ``group`` did worse than the baseline on ``name``, seeds)."""
    n = int((table.per_run.iloc[:, 0] == group).sum())
    try:
        share = float(table.worse.loc[group, name])
    except KeyError:
        return 0, n
    return (0 if _nan(share) else int(round(share * n))), n


def verdict(
    table: Table, group, lang: str, title: str | None = None, base_title: str | None = None
) -> str:
    """One plain sentence: what ``group`` did against the baseline, and how sure it is.

    'Buying 5,000 followers: −38% real reach per post and −€850 net over a year against
    organic growth; lower reach in 8 of 8 simulated years, less money in 8 of 8.'
    """
    nl = check_lang(lang) == "nl"
    title = title or str(group)
    base_title = base_title or str(table.baseline)
    days = table.last_day + 1
    period = period_words(days, lang)
    reach = change_text(table, group, "real_reach_per_post", lang) or "±0%"
    net = text("net_vs_baseline", table.value(group, "net_vs_baseline"), lang)
    rk, n = worse_count(table, group, "real_reach_per_post")
    mk, _ = worse_count(table, group, "net_vs_baseline")
    runs = runs_words(n, days, lang)
    w = table.windows.get(group)
    while_ = ""
    if w is not None and not _nan(
        float(table.change.loc[group, "real_reach_while"])
        if "real_reach_while" in table.change
        else float("nan")
    ):
        wc = change_text(table, group, "real_reach_while", lang)
        while_ = f" ({wc} {w.words(lang, table.last_day).split(' (')[0]})" if wc else ""
    up = (
        float(table.change.loc[group, "real_reach_per_post"]) > 0
        if ("real_reach_per_post" in table.change)
        else False
    )
    gain = table.value(group, "net_vs_baseline") > 0
    # How sure: in how many runs the arm went the way its median went.
    if nl:
        sure_reach = (
            f"meer bereik in {n - rk} van de {n} {runs}"
            if up
            else f"minder bereik in {rk} van de {n} {runs}"
        )
        sure_money = (
            f"meer geld in {n - mk} van de {n}" if gain else (f"minder geld in {mk} van de {n}")
        )
        return (
            f"{title}: {reach} echt bereik per post{while_} en {net} nettoresultaat in "
            f"{period} ten opzichte van {base_title}; {sure_reach}, {sure_money}."
        )
    sure_reach = (
        f"higher reach in {n - rk} of {n} {runs}" if up else f"lower reach in {rk} of {n} {runs}"
    )
    sure_money = f"more money in {n - mk} of {n}" if gain else f"less money in {mk} of {n}"
    return (
        f"{title}: {reach} real reach per post{while_} and {net} net over {period} against "
        f"{base_title}; {sure_reach}, {sure_money}."
    )
