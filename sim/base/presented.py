"""The catalogue of presented figures: every number a client sees, defined once.

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
- net euros against the baseline = (economic value − tactics cost) − the baseline's, per seed;
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

A leaf module: it reads pandas and numpy and the formatter :mod:`sim.base.l10n`, nothing heavy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.base.i18n import check_lang

STATISTIC_EN = "median of the simulated runs, with the range of 90% of them"
STATISTIC_NL = "mediaan van de gesimuleerde runs, met de bandbreedte van 90% ervan"
BAND = (0.05, 0.95)
MIN_SPEND = 50.0  # euros: below this a return on spend is not worth a percentage
PURGE_DROP = 1 / 3  # a fall of bought followers by this share in one day is a purge
# Counts of rare things under this many (both arms' medians) are too few to compare: a Poisson
# count of 10 has a 90% range of about 5 to 15, so two counts under 10 overlap at any difference
# a client would act on.
MIN_COUNT = 10
TOO_FEW = {"en": "too few to compare", "nl": "te weinig om te vergelijken"}


@dataclass(frozen=True)
class Figure:
    """One presented figure.

    Attributes:
        name: its key (a column of :func:`run_values`' output).
        en, nl: its name in English and Dutch.
        explain_en, explain_nl: one line saying what it is.
        unit_en, unit_nl: what one unit is.
        fmt: ``"count"`` (a number without decimals), ``"number"`` (two significant decimals),
            ``"euros"``, ``"cents"`` (euros with cents) or ``"return"`` (a ratio as a %).
        better: +1 if more is better for the brand, -1 if less is, 0 if neither.
        whole: counts of whole things, shown rounded to a whole number.
        against: how it is read against the baseline: ``"ratio"`` (a % change) or
            ``"difference"`` (in the figure's unit); ``None``: it is already a comparison.
        rare: a count of rare things (purchases): its change is said in words when the counts
            are too few to compare (:func:`too_few`).
    """

    name: str
    en: str
    nl: str
    explain_en: str
    explain_nl: str
    unit_en: str
    unit_nl: str
    fmt: str
    better: int
    whole: bool = False
    against: str | None = "ratio"
    rare: bool = False

    def label(self, lang: str) -> str:
        """The figure's name in ``lang``."""
        return self.nl if check_lang(lang) == "nl" else self.en

    def explain(self, lang: str) -> str:
        """The figure's one-line explanation in ``lang``."""
        return self.explain_nl if check_lang(lang) == "nl" else self.explain_en

    def unit(self, lang: str) -> str:
        """The figure's unit in ``lang``."""
        return self.unit_nl if check_lang(lang) == "nl" else self.unit_en


FIGURES: tuple[Figure, ...] = (
    Figure("real_reach_per_post", "real reach per post", "echt bereik per post",
           "real people who saw a typical post (the median post)",
           "echte mensen die een doorsnee post zagen (de mediaanpost)",
           "people", "mensen", "count", 1),
    Figure("real_reach_while", "real reach per post while the tactic acts",
           "echt bereik per post zolang de tactiek werkt",
           "the same, over the period the tactic acts (up to a purge of bought followers)",
           "hetzelfde, over de periode waarin de tactiek werkt (tot een opschoning van gekochte "
           "volgers)", "people", "mensen", "count", 1),
    Figure("followers_end", "followers at the end", "volgers aan het eind",
           "what the profile shows, bought followers included",
           "wat het profiel toont, gekochte volgers meegeteld",
           "followers", "volgers", "count", 0, whole=True, against="difference"),
    Figure("real_followers_end", "real followers at the end", "echte volgers aan het eind",
           "real people following the brand", "echte mensen die het merk volgen",
           "followers", "volgers", "count", 1, whole=True),
    Figure("conversation", "conversation", "conversatie",
           "comments per post (Kaushik)", "reacties per post (Kaushik)",
           "comments per post", "reacties per post", "number", 1),
    Figure("amplification", "amplification", "versterking",
           "shares per post (Kaushik)", "keren gedeeld per post (Kaushik)",
           "shares per post", "keer gedeeld per post", "number", 1),
    Figure("applause", "applause", "applaus",
           "likes per post (Kaushik)", "likes per post (Kaushik)",
           "likes per post", "likes per post", "number", 1),
    Figure("economic_value", "economic value", "economische waarde",
           "site visits and purchases in euros (Kaushik)",
           "websitebezoeken en aankopen in euro (Kaushik)",
           "euros", "euro", "euros", 1, against="difference"),
    Figure("purchases", "purchases", "aankopen",
           "purchases the posts led to", "aankopen die uit de posts voortkwamen",
           "purchases", "aankopen", "count", 1, whole=True, against="difference", rare=True),
    Figure("cost", "spend on tactics", "uitgaven aan tactieken",
           "what the tactics cost", "wat de tactieken kostten",
           "euros", "euro", "euros", -1, against="difference"),
    Figure("net_revenue", "net result", "nettoresultaat",
           "economic value minus the spend on tactics",
           "economische waarde min de uitgaven aan tactieken",
           "euros", "euro", "euros", 1, against=None),  # its comparison: net_vs_baseline
    Figure("net_vs_baseline", "net result against the baseline",
           "nettoresultaat ten opzichte van de nulmeting",
           "net result minus the baseline's, in the same simulated runs",
           "nettoresultaat min dat van de nulmeting, in dezelfde gesimuleerde runs",
           "euros", "euro", "euros", 1, against=None),
    Figure("return_on_spend", "return on spend", "rendement op de uitgaven",
           "(extra value against the baseline − spend) ÷ spend",
           "(extra waarde ten opzichte van de nulmeting − uitgaven) ÷ uitgaven",
           "share of the spend", "deel van de uitgaven", "return", 1, against=None),
    Figure("cost_per_engaged_real_follower", "cost per engaged real follower",
           "kosten per betrokken echte volger",
           "spend per real follower who liked, commented or shared",
           "uitgaven per echte volger die een like, reactie of deling gaf",
           "euros", "euro", "cents", -1, against="difference"),
)
FIGURE = {f.name: f for f in FIGURES}
# Figures that exist only against a baseline, or only while a tactic acts.
BASELINE_ONLY = ("net_vs_baseline", "return_on_spend")
WINDOW_ONLY = ("real_reach_while",)


# ---------------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------------


def _per_post(days: pd.DataFrame, count: str, rate: str, posts: float) -> float:
    """Total ``count`` per post: from the counter if the table keeps it, else rate × posts."""
    if not posts or (count not in days and rate not in days):
        return float("nan")
    if count in days:
        total = float(days[count].sum())
    else:
        total = float((days[rate].fillna(0) * days["posts"]).sum())
    return total / posts


def _reach(days: pd.DataFrame) -> float:
    """Real reach of a typical post: the median, over the days with a post, of the day's real
    reach per post (the statistic the charts' reach lines draw)."""
    posted = days[days["posts"] > 0]["real_reach_per_post"].dropna()
    return float(posted.median()) if len(posted) else float("nan")


def reach_between(days: pd.DataFrame, start: int = 0, end: int | None = None) -> float:
    """Real reach of a typical post over days ``start`` to ``end`` (end excluded; None: to the
    end of the run): the figure the headlines quote for a period."""
    sel = days["day"] >= start
    if end is not None:
        sel &= days["day"] < end
    return _reach(days[sel])


def run_values(days: pd.DataFrame, window: tuple[int, int] | None = None) -> dict[str, float]:
    """Every presented figure of one run that needs no baseline, from its day table.

    Args:
        days: one run's per-day metrics (``posts``, ``real_reach_per_post``, ``revenue``,
            ``cost``, ``purchases``, ``engaged_real_followers``, ``followers``,
            ``real_followers``, and the counters or Kaushik's per-day rates).
        window: ``(first day, end day)`` (end excluded) of the period a tactic acts.

    Returns:
        Figure name -> value (NaN where it is undefined: no posts, no spending, no window).
    """
    days = days.sort_values("day", kind="stable") if "day" in days else days
    if "posts" not in days:  # a table without the count: one post a day
        days = days.assign(posts=1)
    posts = float(days["posts"].sum())

    def total(col: str) -> float:
        return float(days[col].sum()) if col in days else float("nan")

    revenue, cost = total("revenue"), total("cost")
    cost = 0.0 if math.isnan(cost) else cost
    last = days.iloc[-1] if len(days) else None

    def end(col: str) -> float:
        return float(last[col]) if last is not None and col in days else float("nan")

    engaged = end("engaged_real_followers")
    out = {
        "real_reach_per_post": _reach(days) if "real_reach_per_post" in days else float("nan"),
        "real_reach_while": float("nan"),
        "followers_end": end("followers"),
        "real_followers_end": end("real_followers"),
        "conversation": _per_post(days, "comments", "conversation_rate", posts),
        "amplification": _per_post(days, "shares", "amplification_rate", posts),
        "applause": _per_post(days, "likes", "applause_rate", posts),
        "economic_value": revenue,
        "purchases": total("purchases"),
        "cost": cost,
        "net_revenue": revenue - cost,
        "cost_per_engaged_real_follower": (cost / engaged if engaged and cost
                                           and not math.isnan(engaged) else float("nan")),
    }
    if window is not None and "real_reach_per_post" in days:
        sel = (days["day"] >= window[0]) & (days["day"] < window[1])
        out["real_reach_while"] = _reach(days[sel])
    return out


# ---------------------------------------------------------------------------------------------
# When a tactic acts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The period a tactic acts: days ``start`` to ``end`` (end excluded).

    Attributes:
        bought: the period is "while the bought followers were there".
        purge: the day the platform purged them (None: no purge in the run).
    """

    start: int
    end: int
    bought: bool = False
    purge: int | None = None

    def words(self, lang: str, last_day: int) -> str:
        """'while the bought followers were there (days 30 to 179)' in ``lang``."""
        from sim.base.l10n import number

        a, b = number(self.start, lang), number(min(self.end, last_day + 1) - 1, lang)
        if self.bought:
            return (f"zolang de gekochte volgers er waren (dag {a} tot en met {b})"
                    if lang == "nl" else
                    f"while the bought followers were there (days {a} to {b})")
        return (f"zolang de tactiek werkte (dag {a} tot en met {b})" if lang == "nl" else
                f"while the tactic acted (days {a} to {b})")


def purge_days(bought: pd.Series) -> list[int]:
    """Days on which bought followers fell by at least :data:`PURGE_DROP` (index: day)."""
    b = bought.sort_index().astype(float)
    prev = b.shift(1)
    hit = (prev > 0) & (b <= prev * (1 - PURGE_DROP))
    return [int(d) for d in b.index[hit.to_numpy()]]


def tactic_window(days: pd.DataFrame, marks: list[tuple[str, int]] = ()) -> Window | None:
    """The period a tactic acts, from one run's day table (or an arm's median day table).

    Args:
        days: ``day`` and, if it has any, ``followers_bought``.
        marks: (what, day) of the days the tactics act (English words, as the charts mark
            them; a period tactic's end reads "… ends").

    Returns:
        None when no tactic acts.
    """
    if days.empty:
        return None
    last = int(days["day"].max())
    bought = (days.groupby("day")["followers_bought"].median() if "followers_bought" in days
              else pd.Series(dtype=float))
    starts = [int(d) for _, d in marks]
    has_bought = bool(len(bought)) and bool((bought > 0).any())
    if has_bought and not any("bought" in w for w, _ in marks):
        starts.append(int(bought.index[(bought > 0).to_numpy()][0]))
    if not starts:
        return None
    start = min(starts)
    end, purge = last + 1, None
    if has_bought:
        after = [d for d in purge_days(bought) if d > start]
        if after:
            purge = end = after[0]
    if purge is None:
        ends = [int(d) + 1 for w, d in marks if str(w).endswith(" ends") and d >= start]
        if ends:
            end = max(ends)
    if start <= 0 and end > last:
        return None
    return Window(start, end, bought=has_bought, purge=purge)


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
    mid, lo, hi = float(np.median(v)), float(np.quantile(v, BAND[0])), float(
        np.quantile(v, BAND[1]))
    if whole_count:
        mid, lo, hi = whole(mid), whole(lo), whole(hi)
    return mid, lo, hi


def compute(days: pd.DataFrame, group: str, order: list | None = None, baseline=None,
            marks: dict | None = None) -> Table:
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
    windows = {g: tactic_window(days[days[group] == g], marks.get(g, [])) for g in order}
    rows = []
    for (g, seed), run in days.groupby([group, "seed"], sort=False):
        w = windows.get(g)
        rows.append({group: g, "seed": seed,
                     **run_values(run, (w.start, w.end) if w else None)})
    per_run = pd.DataFrame(rows)
    per_run["extra_spend"] = per_run["cost"]
    change = pd.DataFrame(index=order, dtype=float)
    worse = pd.DataFrame(index=order, dtype=float)
    if baseline is not None:
        base = per_run[per_run[group] == baseline].set_index("seed")
        on_seed = base.reindex(per_run["seed"])
        per_run["extra_spend"] = per_run["cost"].to_numpy() - on_seed["cost"].to_numpy()
        per_run["net_vs_baseline"] = (per_run["net_revenue"].to_numpy()
                                      - on_seed["net_revenue"].to_numpy())
        with np.errstate(all="ignore"):
            spend = per_run["extra_spend"].to_numpy()
            per_run["return_on_spend"] = np.where(
                spend > 0, per_run["net_vs_baseline"].to_numpy() / spend, np.nan)
        # Reach while a tactic acts: the baseline over the same days, on the same seed.
        base_while = []
        for _, r in per_run.iterrows():
            w = windows.get(r[group])
            b = days[(days[group] == baseline) & (days["seed"] == r["seed"])]
            base_while.append(run_values(b, (w.start, w.end))["real_reach_while"] if w
                              else float("nan"))
        per_run["baseline_reach_while"] = base_while
    names = [f.name for f in FIGURES]
    values = pd.DataFrame(index=order, columns=names, dtype=float)
    low, high = values.copy(), values.copy()
    for g in order:
        sub = per_run[per_run[group] == g]
        for f in FIGURES:
            if f.name not in sub:
                continue
            values.loc[g, f.name], low.loc[g, f.name], high.loc[g, f.name] = _stat(
                sub[f.name].to_numpy(dtype=float), f.whole)
        if baseline is None:
            continue
        net = values.loc[g, "net_vs_baseline"]
        spend = float(np.median(sub["extra_spend"].to_numpy(dtype=float))) if len(sub) else 0.0
        values.loc[g, "return_on_spend"] = (net / spend if spend >= MIN_SPEND
                                            else float("nan"))
        base_rows = per_run[per_run[group] == baseline].set_index("seed")
        own = sub.set_index("seed")
        for f in FIGURES:
            if f.against is None or g == baseline:
                continue
            b_col = "baseline_reach_while" if f.name == "real_reach_while" else f.name
            if f.name == "real_reach_while":
                bval = _stat(own[b_col].to_numpy(dtype=float), False)[0]
                bseed = own[b_col]
            else:
                bval = values.loc[baseline, f.name]
                bseed = base_rows[b_col].reindex(own.index)
            mine = values.loc[g, f.name]
            if f.against == "ratio":
                change.loc[g, f.name] = (mine / bval - 1 if bval and not _nan(bval)
                                         else float("nan"))
            else:
                change.loc[g, f.name] = mine - bval
            if f.better:
                diff = (own[f.name] - bseed).to_numpy(dtype=float)
                ok = np.isfinite(diff)
                worse.loc[g, f.name] = (float(((diff * f.better)[ok] < 0).mean()) if ok.any()
                                        else float("nan"))
        # Net result against the baseline: worse where it is below zero.
        nv = sub["net_vs_baseline"].to_numpy(dtype=float)
        ok = np.isfinite(nv)
        if g != baseline and ok.any():
            worse.loc[g, "net_vs_baseline"] = float((nv[ok] < 0).mean())
    last_day = int(days["day"].max()) if len(days) else 0
    seeds = int(per_run.groupby(group)["seed"].nunique().max()) if len(per_run) else 0
    return Table(order, baseline, seeds, per_run, values, low, high, change, worse, windows,
                 last_day)


def for_run(days: pd.DataFrame, name: str = "run", seed: int = 0,
            marks: list[tuple[str, int]] = ()) -> Table:
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
        spend = float(np.median(table.per_run.loc[
            table.per_run.iloc[:, 0] == group, "extra_spend"])) if len(table.per_run) else 0
        if spend <= 0:
            return "geen uitgaven" if nl else "no spend"
        limit = money(MIN_SPEND, lang)
        return (f"uitgaven (onder {limit}) te klein voor een rendement" if nl else
                f"spend (under {limit}) too small to express as a return")
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
    if max(mine, base) < MIN_COUNT:
        return True
    if table.seeds < 2:
        return False
    try:
        lo_m, hi_m = float(table.low.loc[group, name]), float(table.high.loc[group, name])
        lo_b = float(table.low.loc[table.baseline, name])
        hi_b = float(table.high.loc[table.baseline, name])
    except KeyError:
        return False
    return lo_b <= mine <= hi_b and lo_m <= base <= hi_m


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


def period_words(days: int, lang: str) -> str:
    """'a year', 'six months', '120 days': the length of a run as a client says it."""
    from sim.base.l10n import number

    nl = check_lang(lang) == "nl"
    if days in (364, 365, 366):
        return "een jaar" if nl else "a year"
    if days in (730, 731):
        return "twee jaar" if nl else "two years"
    if days % 7 == 0 and days <= 20 * 7:
        weeks = days // 7
        return f"{number(weeks, lang)} weken" if nl else f"{number(weeks, lang)} weeks"
    return f"{number(days, lang)} dagen" if nl else f"{number(days, lang)} days"


def runs_words(n: int, days: int, lang: str) -> str:
    """'simulated years' for year-long runs, else 'simulated runs'."""
    nl = check_lang(lang) == "nl"
    year = days in (364, 365, 366)
    if nl:
        return "gesimuleerde jaren" if year else "gesimuleerde runs"
    return "simulated years" if year else "simulated runs"


def verdict(table: Table, group, lang: str, title: str | None = None,
            base_title: str | None = None) -> str:
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
            if "real_reach_while" in table.change else float("nan")):
        wc = change_text(table, group, "real_reach_while", lang)
        while_ = (f" ({wc} {w.words(lang, table.last_day).split(' (')[0]})" if wc else "")
    up = float(table.change.loc[group, "real_reach_per_post"]) > 0 if (
        "real_reach_per_post" in table.change) else False
    gain = table.value(group, "net_vs_baseline") > 0
    # How sure: in how many runs the arm went the way its median went.
    if nl:
        sure_reach = (f"meer bereik in {n - rk} van de {n} {runs}" if up else
                      f"minder bereik in {rk} van de {n} {runs}")
        sure_money = f"meer geld in {n - mk} van de {n}" if gain else (
            f"minder geld in {mk} van de {n}")
        return (f"{title}: {reach} echt bereik per post{while_} en {net} nettoresultaat in "
                f"{period} ten opzichte van {base_title}; {sure_reach}, {sure_money}.")
    sure_reach = (f"higher reach in {n - rk} of {n} {runs}" if up else
                  f"lower reach in {rk} of {n} {runs}")
    sure_money = f"more money in {n - mk} of {n}" if gain else f"less money in {mk} of {n}"
    return (f"{title}: {reach} real reach per post{while_} and {net} net over {period} against "
            f"{base_title}; {sure_reach}, {sure_money}.")


def scenario_text(scenario, lang: str, what: str = "description") -> str:
    """A scenario's ``description`` or ``title`` in ``lang`` ("" if it has none in that
    language: an English text is never shown to a Dutch reader).

    ``scenario`` is a :class:`sim.scenario.Scenario` or its dict (a kept ``[base]`` table).
    """
    get = scenario.get if isinstance(scenario, dict) else (
        lambda k, d="": getattr(scenario, k, d))
    if check_lang(lang) == "nl":
        return str(get(f"{what}_nl", "") or "").strip()
    return str(get(what, "") or "").strip()


def statistic_words(lang: str) -> str:
    """What every presented figure is, across runs."""
    return STATISTIC_NL if check_lang(lang) == "nl" else STATISTIC_EN
