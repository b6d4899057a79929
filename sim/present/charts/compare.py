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
cost). The folder is read by :mod:`sim.present.charts.compare_folder` and the lines and frame
drawn by :mod:`sim.present.charts.compare_bands`; this module re-exports their public names.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.present.charts.common import (
    FORMATS,
    axis_label,
    copy_done,
    count,
    euros_tick,
    headline,
    in_a_copy,
    integer_ticks,
    percent,
    pyplot,
    save_figure,
    speaks,
    t,
    tick_formatter,
)
from sim.present.charts.compare_bands import (
    _bands,
    _draw_bands,
    _frame,
    _marks,
    _rel,
    _since,
    line_stats,
)
from sim.present.charts.compare_folder import COMPARISON_FILE as COMPARISON_FILE  # re-exported
from sim.present.charts.compare_folder import DAYS_FILE as DAYS_FILE  # re-exported
from sim.present.charts.compare_folder import Arms, coloured, read_comparison
from sim.present.charts.compare_folder import ComparisonError as ComparisonError  # re-exported
from sim.present.charts.compare_folder import (
    add_incremental_revenue as add_incremental_revenue,  # re-exported
)
from sim.present.charts.compare_folder import (
    is_comparison_folder as is_comparison_folder,  # re-exported
)
from sim.present.charts.quotes import (
    _fig,
    _period,
    add_net_vs_baseline,
    figures,
    money_text,
    purge_marks,
    reach_text,
)

SMOOTH_DAYS = 14
KAUSHIK = ("conversation_rate", "amplification_rate", "applause_rate", "revenue")


@speaks
def followers_chart(
    days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en", table=None
) -> list[Path]:
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
    text = (
        t("After {period}: ", lang, period=_period(table, lang))
        + "; ".join(
            t(
                "'{arm}' shows {n} followers ({r} real)",
                lang,
                arm=arms.shown(a, lang),
                n=_fig(table, a, "followers_end", lang),
                r=_fig(table, a, "real_followers_end", lang),
            )
            for a in picks
        )
        + "."
    )
    fig, axes, top_frac = _frame(
        t("Follower count: what the profile shows, and who is real", lang),
        text,
        arms,
        lang,
        panels=(1, 2),
        size=(12, 6.4),
        titled=True,
    )
    lo = min(float(np.nanmin(b[1])) for b in shown.values())
    hi = max(float(np.nanmax(b[1])) for b in shown.values())
    purges = purge_marks(days, arms)
    for k, (ax, bands, name, title) in enumerate(
        (
            (axes[0, 0], shown, "followers", "All followers (the profile's count)"),
            (axes[0, 1], real, real_col, "Real followers (bought accounts left out)"),
        )
    ):
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
        if not log:  # written whole, so ticked whole: a flat line once read "1.001, 1.001"
            integer_ticks(ax.yaxis)
    fig.subplots_adjust(top=top_frac, left=0.08, right=0.98, bottom=0.16, wspace=0.28)
    return save_figure(fig, out_base)


def _rate_chart(days, arms, out_base, name, title, lang, fmt, note) -> list[Path]:
    base, since = arms.baseline, _since(days)
    bands = _bands(days, name, arms, SMOOTH_DAYS)
    late = line_stats(bands, since)
    others = late.drop(base)
    q = arms.shown
    text = t(
        "From day {since} on: '{base}' {v}.",
        lang,
        since=since,
        base=q(base, lang),
        v=fmt(late[base]),
    )
    if len(others) == 1:
        arm = others.index[0]
        text = t(
            "From day {since} on: '{base}' {v}; '{arm}' {av}{ar}.",
            lang,
            since=since,
            base=q(base, lang),
            v=fmt(late[base]),
            arm=q(arm, lang),
            av=fmt(late[arm]),
            ar=_rel(late[base], late[arm]),
        )
    elif len(others):
        lo, hi = others.idxmin(), others.idxmax()
        text = t(
            "From day {since} on: '{base}' {v}; lowest '{lo}' {lv}{lr}; highest '{hi}' {hv}{hr}.",
            lang,
            since=since,
            base=q(base, lang),
            v=fmt(late[base]),
            lo=q(lo, lang),
            lv=fmt(late[lo]),
            lr=_rel(late[base], late[lo]),
            hi=q(hi, lang),
            hv=fmt(late[hi]),
            hr=_rel(late[base], late[hi]),
        )
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
def reach_chart(
    days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en", table=None
) -> list[Path]:
    """Real reach per post per arm: people who actually saw a post."""
    table = table if table is not None else figures(days, arms)
    bands = _bands(days, "real_reach_per_post", arms, SMOOTH_DAYS)
    return _draw_rate(
        days,
        arms,
        out_base,
        "real_reach_per_post",
        "Real reach per post: people who actually saw it",
        lang,
        reach_text(table, arms, lang),
        bands,
        t("(median over {n} days)", lang, n=SMOOTH_DAYS),
    )


@speaks
def engagement_chart(
    days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en", table=None
) -> list[Path]:
    """Engagement rate per follower per arm: likes, comments and shares per follower."""
    return _rate_chart(
        days,
        arms,
        out_base,
        "engagement_rate_follower",
        "Engagement rate: likes, comments and shares per follower",
        lang,
        lambda v: t("{p} of followers engage", lang, p=percent(v)),
        t("(median over {n} days)", lang, n=SMOOTH_DAYS),
    )


@speaks
def kaushik_chart(
    days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en", table=None
) -> list[Path]:
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
        part = t(
            "'{arm}' {c} comments, {s} shares and {l} likes per post, {v} in economic value",
            lang,
            arm=q(a, lang),
            c=_fig(table, a, "conversation", lang),
            s=_fig(table, a, "amplification", lang),
            l=_fig(table, a, "applause", lang),
            v=_fig(table, a, "economic_value", lang),
        )
        if a != base:
            part += f" ({change_text(table, a, 'economic_value', lang)})"
        parts.append(part)
    text = t("Over {period}: ", lang, period=_period(table, lang)) + "; ".join(parts) + "."
    fig, axes, top = _frame(
        t("Social value: conversation, amplification, applause and economic value", lang),
        text,
        arms,
        lang,
        panels=(2, 2),
        size=(12, 8.6),
        titled=True,
    )
    purges = purge_marks(days, arms)
    for k, (ax, name) in enumerate(zip(axes.flat, KAUSHIK, strict=True)):
        m = metrics.DAY[name]  # the day metric: "revenue" is also a run figure (a total)
        per_day = t(" per day", lang) if m.over_day == "sum" else ""
        _draw_bands(ax, bands[name], arms)
        _marks(ax, arms, lang, purges, label=k == 0)
        ax.set_title(
            t(
                "{what}: {unit}{per_day} ({window}-day mean)",
                lang,
                what=t(headline(name), lang),
                unit=t(m.unit, lang),
                per_day=per_day,
                window=window,
            ),
            loc="left",
            fontsize=11,
        )
        ax.yaxis.set_major_formatter(tick_formatter(name))
        ax.set_xlabel(t("day", lang))
    fig.subplots_adjust(top=top, left=0.07, right=0.98, bottom=0.1, hspace=0.4, wspace=0.2)
    return save_figure(fig, out_base)


@speaks
def money_chart(
    days: pd.DataFrame, arms: Arms, out_base: str | Path, lang: str = "en", table=None
) -> list[Path]:
    """Purchases so far per arm, and each arm's net result against the baseline (same seed,
    same day): extra economic value minus extra spend."""
    table = table if table is not None else figures(days, arms)
    base = arms.baseline
    days = add_net_vs_baseline(days, base)
    net_bands = _bands(days[days["arm"] != base], "net_vs_baseline", arms)
    # The line is each arm's median net result minus the baseline's, day by day, as the key
    # figures give it at the end; the band is the range of the differences in the same runs.
    net = days["cumulative_revenue"] - days["cumulative_cost"]
    nets = _bands(days.assign(_net=net), "_net", arms)
    bmid = pd.Series(nets[base][1], index=nets[base][0])
    net_bands = {
        a: (x, nets[a][1] - bmid.reindex(x).to_numpy(), lo, hi)
        for a, (x, _, lo, hi) in net_bands.items()
    }
    fig, axes, top = _frame(
        t("Customers and return on the money spent", lang),
        money_text(table, arms, lang),
        arms,
        lang,
        panels=(1, 2),
        size=(12, 6.2),
        titled=True,
    )
    cum = days.sort_values("day", kind="stable")
    cum["cumulative_purchases"] = cum.groupby(["arm", "seed"])["purchases"].cumsum()
    # Purchases are whole: a median between two runs is drawn rounded, never as a half.
    whole = {
        a: (x, np.floor(m + 0.5), np.floor(lo + 0.5), np.floor(hi + 0.5))
        for a, (x, m, lo, hi) in _bands(cum, "cumulative_purchases", arms).items()
    }
    _draw_bands(axes[0, 0], whole, arms)
    axes[0, 0].set_title(t("Purchases so far", lang), loc="left", fontsize=11)
    axes[0, 1].axhline(0, color=arms.colours[base], lw=1.5, ls="--")
    _draw_bands(axes[0, 1], net_bands, arms)
    axes[0, 1].set_title(
        t("Net result against '{base}' (dashed line), €", lang, base=arms.shown(base, lang)),
        loc="left",
        fontsize=11,
    )
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
CHARTS = (
    ("real_reach", reach_chart),
    ("followers", followers_chart),
    ("money", money_chart),
    ("kaushik", kaushik_chart),
    ("engagement_rate", engagement_chart),
)


@speaks
def comparison_charts(
    folder: str | Path,
    lang: str = "en",
    out: str | Path | None = None,
    processes: int = 1,
    read=None,
) -> list[Path]:
    """Draw the comparison charts of ``folder`` from its ``days.csv`` into it.

    Args:
        folder: a folder with a tidy ``days.csv`` (``arm``, ``seed``, ``day`` and the day
            metrics) and, optionally, ``comparison.toml`` naming the ``baseline`` arm.
        lang: the reader's language.
        out: the folder to draw into (default: ``folder`` itself).
        processes: 2 to draw every second chart in a copy of this process (``os.fork``) while
            this one draws the others; only for a caller whose process may be forked (a
            command's own, running no other thread). The files are the same either way.
        read: ``(days, arms, figures)`` of ``folder`` as the study just read them back
            (:func:`sim.studies.comparison.run.read_figures`); default: read here.

    Returns:
        The files written, PNG and SVG of each chart.
    """
    folder = Path(folder)
    if read is None:
        days, arms = read_comparison(folder)
        table = figures(days, arms)
    else:
        days, arms, table = read
        arms = coloured(arms)
    out = Path(out) if out is not None else folder
    drawn: dict[str, list[Path]] = {}
    theirs = [name for name, _ in CHARTS[1::2]] if processes > 1 else []
    pid = _fork_drawing(days, arms, table, out, lang, theirs) if theirs else 0
    try:
        for name, chart in CHARTS:
            if name not in theirs:
                drawn[name] = chart(days, arms, out / name, lang, table=table)
    finally:
        done = copy_done(pid)
    for name, chart in CHARTS:
        if name in theirs:
            # The copy saved both files (each written whole, then renamed into place); a chart
            # it did not finish is drawn here, so its error, if any, is raised here.
            paths = [(out / name).with_suffix(f".{ext}") for ext in FORMATS]
            drawn[name] = paths if done else chart(days, arms, out / name, lang, table=table)
    return [p for name, _ in CHARTS for p in drawn[name]]


def prepare_drawing(lang: str = "en") -> None:
    """Load now what drawing the charts needs (matplotlib and the words' number formats), for
    a caller with time to spare before the charts' data is ready (a comparison's runs)."""
    from sim.base.l10n import number

    pyplot()
    number(1234.5, lang)


def _fork_drawing(days, arms, table, out: Path, lang: str, names: list[str]) -> int:
    """Fork a copy of this process that draws the charts ``names`` and exits (0 once all are
    saved); returns its process id, or 0 if it could not be forked."""
    pyplot()  # imported once, before the copy: both processes have it
    charts = dict(CHARTS)

    def draw() -> None:
        for name in names:
            charts[name](days, arms, out / name, lang, table=table)

    return in_a_copy(draw)


def compare_runs(*args, **kwargs):
    """Overlay run folders (:func:`sim.present.charts.overlay.overlay_runs`), under its older
    name."""
    from sim.present.charts.overlay import overlay_runs

    return overlay_runs(*args, **kwargs)
