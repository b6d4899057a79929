"""Comparison charts: several arms of an experiment across seeds.

A comparison folder holds a tidy ``days.csv`` (one row per arm × seed × day, with an ``arm`` and a
``seed`` column next to the day metrics) and, optionally, ``comparison.toml``: ``baseline`` names
the arm the others are measured against (default: the first arm), ``tactics`` the tactic each arm
uses (so a tactic has one colour on every chart; arms sharing one get its shades), ``marks`` the
days each arm's tactics act, ``description`` what the comparison asks. Arms are drawn in the
order they first appear in ``days.csv``.

Every line is the median across seeds of what it shows, every band holds 90% of seeds, and every
headline is computed from the lines drawn (:func:`line_stats`), never from another statistic.
The five charts: follower count (profile and real), real reach per post, engagement rate,
Kaushik's four metrics, and money (purchases so far; extra revenue against the baseline, net of
cost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics, safe_io
from sim.present.charts.common import (
    NOTE_COLOUR,
    TEXT_COLOUR,
    axis_label,
    colours,
    count,
    euros_tick,
    headline,
    integer_ticks,
    mark_days,
    mark_label,
    percent,
    pyplot,
    save_figure,
    speaks,
    style,
    t,
    tactic_colours,
    tick_formatter,
    wrap,
)
from sim.present.charts.quotes import (
    _fig,
    _period,
    add_net_vs_baseline,
    arm_titles,
    figures,
    money_text,
    purge_marks,
    reach_text,
)

COMPARISON_FILE, DAYS_FILE = "comparison.toml", "days.csv"
SMOOTH_DAYS = 14
# Headlines describe the settled state: from this day on, once early tactics have played out.
LATE_DAY = 30
KAUSHIK = ("conversation_rate", "amplification_rate", "applause_rate", "revenue")


class ComparisonError(ValueError):
    """A folder that cannot be drawn as a comparison (no arm or seed column, unknown baseline)."""


@dataclass(frozen=True)
class Arms:
    """The arms of a comparison as the charts draw them.

    Attributes:
        names: the arms, in order of first appearance.
        baseline: the arm the others are measured against.
        colours: one colour per arm.
        seeds: seeds per arm.
        marks: per arm, (what, day) of the days its tactics act.
        description: what the comparison asks, for the foot of each chart.
    """

    names: tuple[str, ...]
    baseline: str
    colours: dict[str, str]
    seeds: int
    marks: dict[str, list] = field(default_factory=dict)
    description: str = ""
    titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def shown(self, arm: str, lang: str = "en") -> str:
        """The arm as a client reads it: its scenario's title in ``lang`` when the arm was
        named after its scenario, else the label as the user wrote it."""
        return self.titles.get(arm, {}).get(lang) or arm


def is_comparison_folder(folder: str | Path) -> bool:
    """Whether ``folder`` was written as a comparison (it holds ``comparison.toml``)."""
    return (Path(folder) / COMPARISON_FILE).exists()


def read_comparison(folder: str | Path) -> tuple[pd.DataFrame, Arms]:
    """The tidy day table of a comparison folder and its arms.

    Raises:
        FileNotFoundError: no ``days.csv``.
        ComparisonError: no ``arm`` or ``seed`` column, or a baseline that is not an arm.
    """
    folder = Path(folder)
    if not (folder / DAYS_FILE).exists():
        raise FileNotFoundError(f"{folder} is not a comparison folder (no {DAYS_FILE})")
    days = safe_io.read_csv(folder / DAYS_FILE, "day table", folder, whole=True)
    missing = [c for c in ("arm", "seed", "day") if c not in days]
    if missing:
        raise ComparisonError(f"{folder / DAYS_FILE} has no {', '.join(missing)} column")
    days["arm"] = days["arm"].astype(str)
    spec = {}
    if is_comparison_folder(folder):
        spec = safe_io.read_toml(folder / COMPARISON_FILE, "comparison spec", folder)
    names = tuple(dict.fromkeys(days["arm"]))
    if not names:
        raise ComparisonError(f"{folder / DAYS_FILE} has no rows")
    baseline = str(spec.get("baseline", names[0]))
    if baseline not in names:
        raise ComparisonError(f"{folder / COMPARISON_FILE}: baseline {baseline!r} is not an arm "
                              f"of {DAYS_FILE} ({', '.join(names)})")
    tactics = spec.get("tactics", {})
    # An arm the file gives no tactic for gets a colour of its own, not the plain brand's.
    pal = (tactic_colours({a: str(tactics.get(a, f"?{a}")) for a in names}) if tactics
           else colours(names))
    # Each mark is [tactic, key, day] (sim.registry.tactic_days), named here in words.
    marks = {a: [(mark_label(str(m[0]), str(m[1])), int(m[-1]))
                 for m in spec.get("marks", {}).get(a, [])] for a in names}
    return days, Arms(names, baseline, pal, int(days["seed"].nunique()), marks,
                      str(spec.get("description", "")), arm_titles(folder, spec))


def add_incremental_revenue(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """A copy of ``days`` with ``incremental_revenue``: the arm's cumulative revenue minus the
    baseline arm's on the same seed and day (0 for the baseline itself)."""
    base = days[days["arm"] == baseline].set_index(["seed", "day"])["cumulative_revenue"]
    idx = pd.MultiIndex.from_frame(days[["seed", "day"]])
    out = days.copy()
    out["incremental_revenue"] = (days["cumulative_revenue"].to_numpy()
                                  - base.reindex(idx).to_numpy())
    return out


def _bands(days: pd.DataFrame, metric: str, arms: Arms, smooth: int = 1,
           roll: str = "median") -> dict:
    """Per arm present: (day, median, p5, p95) of ``metric`` across seeds, after a per-seed
    rolling ``roll`` ("median": robust to the rare post that goes viral; "mean": for small counts
    such as comments per post, whose median jumps between 0 and 1) over ``smooth`` days."""
    out = {}
    for arm in arms.names:
        g = days[days["arm"] == arm]
        if g.empty:
            continue
        wide = g.pivot(index="day", columns="seed", values=metric)
        if smooth > 1:
            # Half a window before the first point: one lucky first post is not a trend.
            # A run shorter than half a window draws from its first day: a line, not nothing.
            window = wide.rolling(smooth, min_periods=max(1, min(smooth // 2, len(wide))))
            wide = window.median() if roll == "median" else window.mean()
        out[arm] = (wide.index.to_numpy(), wide.median(axis=1).to_numpy(),
                    wide.quantile(0.05, axis=1).to_numpy(), wide.quantile(0.95, axis=1).to_numpy())
    return out


def line_stats(bands: dict, since: int | None = None) -> pd.Series:
    """Per arm, the figure a headline quotes from its drawn line: the median of the line over
    days >= ``since``, or, without ``since``, the line's last value."""
    out = {}
    for arm, (x, mid, _, _) in bands.items():
        if since is None:
            finite = mid[np.isfinite(mid)]
            out[arm] = float(finite[-1]) if finite.size else np.nan
        else:
            late = mid[x >= since]
            # A line with no value yet (a rate of a short run): NaN, said without a warning.
            out[arm] = float(np.nanmedian(late)) if np.isfinite(late).any() else np.nan
    return pd.Series(out, dtype=float)


def _draw_bands(ax, bands: dict, arms: Arms) -> None:
    """Lines with 90% bands. An arm's band starts where it first differs from the baseline (or,
    without it, the first arm drawn): arms share their random numbers, so before an arm's tactic
    starts the two coincide and a band would only repeat the baseline's."""
    ref = bands.get(arms.baseline, next(iter(bands.values()), None))
    for arm, (x, mid, lo, hi) in bands.items():
        c = arms.colours[arm]
        start = 0
        if ref is not None and bands[arm] is not ref and len(ref[0]) == len(x):
            same = np.isclose(lo, ref[2], equal_nan=True) & np.isclose(hi, ref[3], equal_nan=True)
            start = int(np.argmin(same)) if not same.all() else len(x)
        ax.fill_between(x[start:], lo[start:], hi[start:], color=c, alpha=0.12, lw=0)
        ax.plot(x, mid, color=c, lw=2.2 if arm == arms.baseline else 1.8, label=arm)


def _marks(ax, arms: Arms, lang: str, purges: list[tuple[str, int]] = (),
           label: bool = False) -> None:
    """Each arm's tactic days and the purges as dotted lines (named once per kind on the
    panel that ``label`` s them)."""
    seen: dict[str, int] = {}
    for arm in arms.names:
        for what, day in arms.marks.get(arm, []):
            seen.setdefault(what, day)
    marks = sorted(((w, d) for w, d in seen.items()), key=lambda m: m[1]) + list(purges)
    mark_days(ax, marks, lang, label=label)


def _frame(title: str, takeaway_text: str, arms: Arms, lang: str, panels=(1, 1),
           size=(11, 6.2), titled: bool = False):
    """A figure laid out in inches from the top: title, takeaway, one legend for all panels,
    then the panels; a note on the statistic at the foot."""
    plt = pyplot()
    fig, axes = plt.subplots(*panels, figsize=size, squeeze=False)
    h = size[1]
    text = wrap(takeaway_text, fig, 10.5, 0.04)
    lines = text.count("\n") + 1
    fig.suptitle(title, x=0.04, y=1 - 0.12 / h, ha="left", va="top", fontsize=14,
                 fontweight="bold")
    fig.text(0.04, 1 - 0.52 / h, text, fontsize=10.5, color=TEXT_COLOUR, va="top",
             linespacing=1.35)
    ncol = min(len(arms.names), 5)
    rows = -(-len(arms.names) // ncol)
    legend_top = 1 - (0.62 + 0.22 * lines) / h
    handles = [plt.Line2D([], [], color=arms.colours[a], lw=2.2) for a in arms.names]
    fig.legend(handles, [arms.shown(a, lang) for a in arms.names], loc="upper left",
               bbox_to_anchor=(0.035, legend_top),
               ncol=ncol, frameon=False, fontsize=9.5)
    top = legend_top - (0.3 * rows + 0.2 + (0.3 if titled else 0)) / h
    note = t("Lines: the median of {n} simulated runs per arm (each run gives every arm the same "
             "audience and the same luck); bands: 90% of runs.", lang, n=arms.seeds)
    if arms.description:
        note = f"{arms.description}. {note}"
    fig.text(0.04, 0.012, wrap(note, fig, 8, 0.04), fontsize=8, color=NOTE_COLOUR,
             va="bottom")
    for ax in axes.flat:
        style(ax)
    return fig, axes, top


def _since(days: pd.DataFrame) -> int:
    # A run shorter than twice LATE_DAY keeps its second half.
    return min(LATE_DAY, int(days["day"].max()) // 2)


def _rel(a: float, b: float) -> str:
    from sim.base.l10n import percent as pct

    return f" ({pct(b / a - 1, _lang(), decimals=0, sign=True)})" if a else ""


def _lang() -> str:
    from sim.present.charts.common import _LANG

    return _LANG.get()


@speaks
def followers_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en",
                    table=None) -> list[Path]:
    """Follower count per arm: what the profile shows, and the real people among them."""
    table = table if table is not None else figures(days, arms)
    base = arms.baseline
    shown = _bands(days, "followers", arms)
    real_col = "real_followers" if "real_followers" in days else "followers"
    real = _bands(days, real_col, arms)
    # The baseline and the arm whose profile flatters most: the most followers who are not real
    # people (else the most followers).
    end = table.values["followers_end"].drop(base).dropna()
    gap = (end - table.values["real_followers_end"].drop(base)).fillna(0)
    picks = [base] + ([gap.idxmax() if gap.max() > 0 else end.idxmax()] if len(end) else [])
    text = t("After {period}: ", lang, period=_period(table, lang)) + "; ".join(
        t("'{arm}' shows {n} followers ({r} real)", lang, arm=arms.shown(a, lang),
          n=_fig(table, a, "followers_end", lang), r=_fig(table, a, "real_followers_end", lang))
        for a in picks) + "."
    fig, axes, top_frac = _frame(t("Follower count: what the profile shows, and who is real",
                                   lang), text, arms, lang, panels=(1, 2), size=(12, 6.4),
                                 titled=True)
    lo = min(float(np.nanmin(b[1])) for b in shown.values())
    hi = max(float(np.nanmax(b[1])) for b in shown.values())
    purges = purge_marks(days, arms)
    for k, (ax, bands, name, title) in enumerate((
            (axes[0, 0], shown, "followers", "All followers (the profile's count)"),
            (axes[0, 1], real, real_col, "Real followers (bought accounts left out)"))):
        _draw_bands(ax, bands, arms)
        _marks(ax, arms, lang, purges, label=k == 0)
        log = name == "followers" and lo > 0 and hi / lo > 10
        if log:  # one arm's purchase dwarfs the others: a log scale shows them all
            ax.set_yscale("log")
        ax.set_title(t(title, lang), loc="left", fontsize=11)
        ax.set_ylabel(t(axis_label(name), lang) + (t(" (logarithmic scale)", lang) if log else ""))
        ax.set_xlabel(t("day", lang))
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        ax.yaxis.set_minor_formatter(lambda v, _: "")
    fig.subplots_adjust(top=top_frac, left=0.08, right=0.98, bottom=0.16, wspace=0.28)
    return save_figure(fig, out_base)


def _rate_chart(days, arms, out_base, name, title, lang, fmt, note) -> list[Path]:
    base, since = arms.baseline, _since(days)
    bands = _bands(days, name, arms, SMOOTH_DAYS)
    late = line_stats(bands, since)
    others = late.drop(base)
    q = arms.shown
    text = t("From day {since} on: '{base}' {v}.", lang, since=since, base=q(base, lang),
             v=fmt(late[base]))
    if len(others) == 1:
        arm = others.index[0]
        text = t("From day {since} on: '{base}' {v}; '{arm}' {av}{ar}.", lang, since=since,
                 base=q(base, lang), v=fmt(late[base]), arm=q(arm, lang), av=fmt(late[arm]),
                 ar=_rel(late[base], late[arm]))
    elif len(others):
        lo, hi = others.idxmin(), others.idxmax()
        text = t("From day {since} on: '{base}' {v}; lowest '{lo}' {lv}{lr}; highest '{hi}' "
                 "{hv}{hr}.", lang, since=since, base=q(base, lang),
                 v=fmt(late[base]), lo=q(lo, lang), lv=fmt(late[lo]),
                 lr=_rel(late[base], late[lo]), hi=q(hi, lang), hv=fmt(late[hi]),
                 hr=_rel(late[base], late[hi]))
    return _draw_rate(days, arms, out_base, name, title, lang, text, bands, note)


def _draw_rate(days, arms, out_base, name, title, lang, text, bands, note) -> list[Path]:
    fig, axes, top = _frame(t(title, lang), text, arms, lang)
    ax = axes[0, 0]
    _draw_bands(ax, bands, arms)
    _marks(ax, arms, lang, purge_marks(days, arms), label=True)
    ax.set_ylabel(t(axis_label(name), lang) + "\n" + note)
    ax.set_xlabel(t("day", lang))
    ax.yaxis.set_major_formatter(tick_formatter(name))
    ax.set_ylim(bottom=0)
    fig.subplots_adjust(top=top, left=0.1, right=0.98, bottom=0.15)
    return save_figure(fig, out_base)


@speaks
def reach_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en",
                table=None) -> list[Path]:
    """Real reach per post per arm: people who actually saw a post."""
    table = table if table is not None else figures(days, arms)
    bands = _bands(days, "real_reach_per_post", arms, SMOOTH_DAYS)
    return _draw_rate(days, arms, out_base, "real_reach_per_post",
                      "Real reach per post: people who actually saw it", lang,
                      reach_text(table, arms, lang), bands,
                      t("(median over {n} days)", lang, n=SMOOTH_DAYS))


@speaks
def engagement_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en",
                     table=None) -> list[Path]:
    """Engagement rate per follower per arm: likes, comments and shares per follower."""
    return _rate_chart(days, arms, out_base, "engagement_rate_follower",
                       "Engagement rate: likes, comments and shares per follower", lang,
                       lambda v: t("{p} of followers engage", lang, p=percent(v)),
                       t("(median over {n} days)", lang, n=SMOOTH_DAYS))


@speaks
def kaushik_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en",
                  table=None) -> list[Path]:
    """Kaushik's four social metrics per arm: conversation, amplification, applause and economic
    value, each a per-seed running mean over four weeks (rare counts jump between 0 and 1)."""
    from sim.base.presented import change_text

    table = table if table is not None else figures(days, arms)
    window = 2 * SMOOTH_DAYS
    bands = {name: _bands(days, name, arms, window, roll="mean") for name in KAUSHIK}
    base, q = arms.baseline, arms.shown
    value = table.values["economic_value"].drop(base).dropna()
    picks = [base] + ([value.idxmin()] if len(value) else [])
    parts = []
    for a in picks:
        part = t("'{arm}' {c} comments, {s} shares and {l} likes per post, {v} in economic "
                 "value", lang, arm=q(a, lang), c=_fig(table, a, "conversation", lang),
                 s=_fig(table, a, "amplification", lang), l=_fig(table, a, "applause", lang),
                 v=_fig(table, a, "economic_value", lang))
        if a != base:
            part += f" ({change_text(table, a, 'economic_value', lang)})"
        parts.append(part)
    text = t("Over {period}: ", lang, period=_period(table, lang)) + "; ".join(parts) + "."
    fig, axes, top = _frame(t("Social value: conversation, amplification, applause and economic "
                              "value", lang), text, arms, lang, panels=(2, 2), size=(12, 8.6),
                            titled=True)
    purges = purge_marks(days, arms)
    for k, (ax, name) in enumerate(zip(axes.flat, KAUSHIK, strict=True)):
        m = metrics.DAY[name]  # the day metric: "revenue" is also a run figure (a total)
        per_day = t(" per day", lang) if m.over_day == "sum" else ""
        _draw_bands(ax, bands[name], arms)
        _marks(ax, arms, lang, purges, label=k == 0)
        ax.set_title(t("{what}: {unit}{per_day} ({window}-day mean)", lang,
                       what=t(headline(name), lang), unit=t(m.unit, lang), per_day=per_day,
                       window=window),
                     loc="left", fontsize=11)
        ax.yaxis.set_major_formatter(tick_formatter(name))
        ax.set_xlabel(t("day", lang))
    fig.subplots_adjust(top=top, left=0.07, right=0.98, bottom=0.1, hspace=0.4, wspace=0.2)
    return save_figure(fig, out_base)


@speaks
def money_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en",
                table=None) -> list[Path]:
    """Purchases so far per arm, and each arm's net result against the baseline (same seed,
    same day): extra economic value minus extra spend."""
    table = table if table is not None else figures(days, arms)
    base = arms.baseline
    days = add_net_vs_baseline(days, base)
    net_bands = _bands(days[days["arm"] != base], "net_vs_baseline", arms)
    fig, axes, top = _frame(t("Customers and return on the money spent", lang),
                            money_text(table, arms, lang), arms, lang, panels=(1, 2),
                            size=(12, 6.2), titled=True)
    cum = days.sort_values("day", kind="stable")
    cum["cumulative_purchases"] = cum.groupby(["arm", "seed"])["purchases"].cumsum()
    # Purchases are whole: a median between two runs is drawn rounded, never as a half.
    whole = {a: (x, np.floor(m + 0.5), np.floor(lo + 0.5), np.floor(hi + 0.5))
             for a, (x, m, lo, hi) in _bands(cum, "cumulative_purchases", arms).items()}
    _draw_bands(axes[0, 0], whole, arms)
    axes[0, 0].set_title(t("Purchases so far", lang), loc="left", fontsize=11)
    axes[0, 1].axhline(0, color=arms.colours[base], lw=1.5, ls="--")
    _draw_bands(axes[0, 1], net_bands, arms)
    axes[0, 1].set_title(t("Net result against '{base}' (dashed line), €", lang,
                           base=arms.shown(base, lang)), loc="left", fontsize=11)
    integer_ticks(axes[0, 0].yaxis)
    axes[0, 0].yaxis.set_major_formatter(tick_formatter("purchases"))
    axes[0, 1].yaxis.set_major_formatter(lambda v, _: euros_tick(v))
    purges = purge_marks(days, arms)
    for k, ax in enumerate(axes.flat):
        _marks(ax, arms, lang, purges, label=k == 0)
        ax.set_xlabel(t("day", lang))
    fig.subplots_adjust(top=top, left=0.07, right=0.98, bottom=0.16, wspace=0.25)
    return save_figure(fig, out_base)


# In story order: reach, followers, money, then what lies behind them.
CHARTS = (("real_reach", reach_chart), ("followers", followers_chart), ("money", money_chart),
          ("kaushik", kaushik_chart), ("engagement_rate", engagement_chart))


@speaks
def comparison_charts(folder: str | Path, lang: str = "en",
                      out: str | Path | None = None) -> list[Path]:
    """Draw the comparison charts of ``folder`` from its ``days.csv`` into it.

    Args:
        folder: a folder with a tidy ``days.csv`` (``arm``, ``seed``, ``day`` and the day
            metrics) and, optionally, ``comparison.toml`` naming the ``baseline`` arm.
        lang: the reader's language.
        out: the folder to draw into (default: ``folder`` itself).

    Returns:
        The files written, PNG and SVG of each chart.
    """
    folder = Path(folder)
    days, arms = read_comparison(folder)
    table = figures(days, arms)
    out = Path(out) if out is not None else folder
    paths: list[Path] = []
    for name, chart in CHARTS:
        paths += chart(days, arms, out / name, lang, table=table)
    return paths


def compare_runs(*args, **kwargs):
    """Overlay run folders (:func:`sim.present.charts.overlay.overlay_runs`), under its older
    name."""
    from sim.present.charts.overlay import overlay_runs

    return overlay_runs(*args, **kwargs)
