"""A sweep over time: followers and real reach per post per day, one line per grid point, and
the words and colours every sweep chart gives a grid key (:func:`grid_label`).

Part of the sweep's charts (:mod:`sim.present.charts.sweep`, which draws this chart with the
others and re-exports its names); it reads only the day table it is handed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.present.charts.common import (
    NOTE_COLOUR,
    TACTIC_COLOURS,
    TEXT_COLOUR,
    axis_label,
    band,
    count,
    headline,
    pyplot,
    rolling,
    save_figure,
    shade,
    speaks,
    style,
    symlog_floor,
    t,
    ticks_1_2_5,
    value_text,
    wrap,
)

# Scenario keys strategists sweep most, in words for an axis; any other key is shown as written.
GRID_LABELS = {
    "strategies.buy.count": "followers bought per package",
    "brand.posts_per_week": "posts per week",
    "feed.test_fraction": "test sample (share of followers)",
    "brand.quality": "post quality",
    "brand.initial_followers": "followers at the start",
    "strategies.follow_for_follow.per_day": "follow-for-follow: users followed per day",
}
SMOOTH_DAYS = 14


def grid_label(key: str) -> str:
    """A scenario key in words for an axis (the key itself if it has none)."""
    return GRID_LABELS.get(key, key)


MAX_LINES = 12  # more grid points than this: an even subset is drawn, and the chart says so
LINE_STYLES = ("-", "--", ":", "-.")
LATE_DAYS = 28  # the over-time headline quotes the lines' last four weeks


def _key_colour(key: str) -> str:
    """The colour of the tactic a key belongs to (``strategies.buy.count`` -> buy's)."""
    parts = key.split(".")
    return TACTIC_COLOURS.get(
        parts[1] if parts[0] == "strategies" and len(parts) > 2 else "", TACTIC_COLOURS[""]
    )


def line_styles(spec: dict, points: list[str]) -> dict[str, tuple[str, str]]:
    """(colour, line style) per grid point: shades of the first key's tactic colour along the
    first key (light to dark), line styles along the second."""
    keys = list(spec["grid"])
    first = list(dict.fromkeys(spec["points"][p].get(keys[0]) for p in points)) if keys else [None]
    second = (
        list(dict.fromkeys(spec["points"][p].get(keys[1]) for p in points))
        if len(keys) > 1
        else [None]
    )
    base = _key_colour(keys[0]) if keys else TACTIC_COLOURS[""]
    out = {}
    for p in points:
        v = spec["points"][p]
        i = first.index(v.get(keys[0])) if keys else 0
        j = second.index(v.get(keys[1])) if len(keys) > 1 else 0
        out[p] = (shade(base, i, len(first)), LINE_STYLES[j % len(LINE_STYLES)])
    return out


def over_time_lines(days: pd.DataFrame, col: str, smooth: int = 1) -> dict:
    """Per grid point: (day, mean, p5, p95) across seeds of ``col``, after a per-run rolling
    median over ``smooth`` days (:func:`sim.present.charts.common.rolling`)."""
    d = days.sort_values(["point", "seed", "day"])
    if smooth > 1:
        d = d.assign(
            **{
                col: d.groupby(["point", "seed"])[col].transform(
                    lambda s: rolling(s, smooth).median()
                )
            }
        )
    out = {}
    for pid, g in d.groupby("point", sort=False):
        wide = g.pivot(index="day", columns="seed", values=col)
        out[pid] = (wide.index.to_numpy(), wide.mean(axis=1).to_numpy(), *band(wide))
    return out


def late_level(line: tuple, days: int = LATE_DAYS) -> float:
    """What the over-time headline quotes of a drawn line: its mean over the last ``days``."""
    x, mid = line[0], line[1]
    late = mid[x > x.max() - days]
    # A line with no value in the window (every run's value missing there) quotes nothing.
    return float(np.nanmean(late)) if np.isfinite(late).any() else float("nan")


@speaks
def sweep_over_time(
    days: pd.DataFrame,
    spec: dict,
    out_base: str | Path,
    max_lines: int = MAX_LINES,
    lang: str = "en",
) -> list[Path]:
    """Followers and real reach per post per day, one line per grid point (mean of the runs)
    with a 90% band; every grid point up to ``max_lines``, else an even subset, said so.

    Args:
        days: the sweep's day table (``point``, ``seed``, ``day``, ``followers`` and
            ``real_reach_per_post``, or ``real_reach`` from an older sweep).
        spec: the sweep's spec, with ``points`` (point id -> grid values).
        out_base: where to write, without a suffix.
        max_lines: at most this many grid points.
        lang: the reader's language.
    """
    plt = pyplot()
    keys = list(spec["grid"])
    points = [p for p in spec["points"] if p in set(days["point"])]
    shown = points
    if len(points) > max_lines:
        idx = np.linspace(0, len(points) - 1, max_lines).round().astype(int)
        shown = [points[i] for i in sorted(set(idx))]
    d = days[days["point"].isin(shown)]
    reach_col = "real_reach_per_post" if "real_reach_per_post" in d else "real_reach"
    followers = over_time_lines(d, "followers")
    reach = over_time_lines(d, reach_col, SMOOTH_DAYS)
    looks = line_styles(spec, shown)
    fig, (ax1, ax2) = plt.subplots(
        2, 1, figsize=(13, 8.4), sharex=True, gridspec_kw={"hspace": 0.32}
    )
    labels = {}
    for pid in shown:
        values = spec["points"][pid]
        if len(keys) == 1:
            label = value_text(values[keys[0]])
        else:
            label = "\n".join(f"{t(grid_label(k), lang)}: {value_text(values[k])}" for k in keys)
        labels[pid] = label or spec["name"]
        c, ls = looks[pid]
        for ax, lines in ((ax1, followers), (ax2, reach)):
            x, mid, lo, hi = lines[pid]
            ax.fill_between(x, lo, hi, color=c, alpha=0.08, lw=0)
            ax.plot(x, mid, color=c, ls=ls, lw=2, label=labels[pid])
    title_key = t(grid_label(keys[0]), lang) if len(keys) == 1 else t("grid point", lang)
    lo = min(float(np.nanmin(v[1])) for v in followers.values())
    hi = max(float(np.nanmax(v[1])) for v in followers.values())
    log = lo > 0 and hi / lo > 10
    if log:  # a purchase dwarfs organic growth: a log scale shows both
        ax1.set_yscale("log")
    ax2.set_yscale("symlog", linthresh=10)
    low = [float(np.nanmin(v[2])) for v in reach.values() if np.isfinite(v[2]).any()]
    symlog_floor(ax2, min(low, default=float("nan")), linthresh=10)
    ticks_1_2_5(ax2, linthresh=10)
    ax1.set_ylabel(
        t(axis_label("followers"), lang) + (t("\n(logarithmic scale)", lang) if log else "")
    )
    ax1.set_title(
        t("Followers, all origins (mean of the runs; band: 90% of runs)", lang),
        loc="left",
        fontsize=11,
    )
    reach_name = reach_col if reach_col in metrics.DAY else "real_reach"
    ax2.set_ylabel(
        axis_label(reach_name, t("{days}-day median", lang, days=SMOOTH_DAYS))
        + t("\n(logarithmic scale)", lang)
    )
    ax2.set_xlabel(t("day", lang))
    ax2.set_title(
        t(headline(reach_name), lang) + t(" (mean of the runs; band: 90% of runs)", lang),
        loc="left",
        fontsize=11,
    )
    for ax in (ax1, ax2):
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        ax.yaxis.set_minor_formatter(lambda v, _: "")
        style(ax)
    fig.legend(
        *ax1.get_legend_handles_labels(),
        title=title_key,
        frameon=False,
        fontsize=9,
        title_fontsize=9,
        loc="upper left",
        bbox_to_anchor=(0.75, 0.84),
    )
    ends = {labels[p].replace("\n", ", "): late_level(reach[p]) for p in shown}
    ends = {k: v for k, v in ends.items() if np.isfinite(v)}  # a line without a late value
    line = ""
    if len(ends) > 1:
        best, worst = max(ends, key=ends.get), min(ends, key=ends.get)
        at = (lambda v: f"{title_key} = {v}") if len(keys) == 1 else (lambda v: v)
        line = t(
            "{what} in the last four weeks (mean of the runs, as drawn): highest at {best} "
            "({b}), lowest at {worst} ({w})",
            lang,
            what=t(headline(reach_name), lang),
            best=at(best),
            b=count(ends[best]),
            worst=at(worst),
            w=count(ends[worst]),
        )
    elif ends:
        line = t(
            "{what} in the last four weeks: {v}",
            lang,
            what=t(headline(reach_name), lang),
            v=count(next(iter(ends.values()))),
        )
    fig.suptitle(
        t("Followers and real reach over time ({n} runs per line)", lang, n=len(spec["seeds"])),
        x=0.05,
        y=0.985,
        va="top",
        ha="left",
        fontsize=14,
        fontweight="bold",
    )
    fig.text(0.05, 0.935, wrap(line, fig, 10.5, 0.05), fontsize=10.5, color=TEXT_COLOUR, va="top")
    if len(shown) < len(points):
        fig.text(
            0.05,
            0.01,
            t(
                "{k} of {n} grid points drawn, evenly spaced; every point is in "
                "the chart of every setting tried",
                lang,
                k=len(shown),
                n=len(points),
            ),
            fontsize=8.5,
            color=NOTE_COLOUR,
        )
    fig.subplots_adjust(top=0.84, left=0.09, right=0.73, bottom=0.08)
    return save_figure(fig, out_base)
