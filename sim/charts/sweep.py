"""Charts of a sweep folder: a grid of scenario values × seeds.

A 1-D grid gets each headline metric against the grid value (mean with a 90% band across seeds);
a 2-D grid gets heatmaps; two or more dimensions also get every grid point with its interval; and
every sweep with a day table gets followers and real reach over time, one line per grid point.

The folder is read through :mod:`sim.sweep.store` alone: drawing a sweep never loads the engine
that ran it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim import metrics
from sim.charts.common import (
    PALETTE,
    TEXT_COLOUR,
    axis_label,
    change,
    count,
    metric_text,
    pyplot,
    save_figure,
    style,
    tick_formatter,
    value_text,
)
from sim.sweep.store import DAYS_FILE, is_sweep_folder, read_sweep

# Scenario keys strategists sweep most, in words for an axis; any other key is shown as written.
GRID_LABELS = {
    "strategies.buy.count": "followers bought per package",
    "brand.posts_per_week": "posts per week",
    "feed.test_fraction": "test sample (share of followers)",
    "brand.quality": "post quality",
    "brand.initial_followers": "followers at the start",
    "strategies.follow_for_follow.per_day": "follow-for-follow: users followed per day",
}
# The two figures a strategist asks about first; charts with room for two show these.
HEADLINE_FIGURES = ("followers_end", "mean_real_reach_per_post")
SMOOTH_DAYS = 14


def grid_label(key: str) -> str:
    """A scenario key in words for an axis (the key itself if it has none)."""
    return GRID_LABELS.get(key, key)


def _headline_metrics(spec: dict, summary: pd.DataFrame) -> list[str]:
    picks = [m for m in HEADLINE_FIGURES if f"{m}_mean" in summary]
    return picks or [m for m in spec.get("metrics", []) if f"{m}_mean" in summary][:2]


def _takeaway_1d(key: str, summary: pd.DataFrame, names: list[str]) -> str:
    """First versus last grid value, for follower count and real reach when both are there."""
    first, last = summary.iloc[0], summary.iloc[-1]
    picks = [m for m in HEADLINE_FIGURES if m in names] or names[:2]
    parts = []
    for m in picks:
        a, b = first[f"{m}_mean"], last[f"{m}_mean"]
        parts.append(f"{metrics.label(m)} {metric_text(m, a)} → {metric_text(m, b)}"
                     f"{change(a, b)}")
    return (f"From {grid_label(key)} = {value_text(first[key])} to {value_text(last[key])}: "
            + "; ".join(parts) + " (means over seeds)")


def sweep_lines(spec: dict, summary: pd.DataFrame, runs: pd.DataFrame, out_base: str | Path
                ) -> list[Path]:
    """1-D grid: each headline metric against the grid value, mean with a 90% band across seeds.

    Args:
        spec: the sweep's spec (``sweep.toml`` as a dict: name, grid, seeds, metrics).
        summary: one row per grid point with ``<metric>_mean``, ``_p5`` and ``_p95``.
        runs: one row per run (``point`` and the metrics); may be empty.
        out_base: where to write, without a suffix.
    """
    plt = pyplot()
    key = list(spec["grid"])[0]
    names = [m for m in spec.get("metrics", []) if f"{m}_mean" in summary][:6]
    # Grid values are discrete choices: evenly spaced, so 0 and 1,000 do not collide beside 20,000.
    x = np.arange(len(summary), dtype=float)
    ncol = 3 if len(names) > 4 else 2
    nrow = max(1, -(-len(names) // ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(4.6 * ncol, 3.3 * nrow + 1.2), squeeze=False)
    colour = PALETTE[0]
    for ax, m in zip(axes.flat, names, strict=False):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.fill_between(x, lo, hi, color=colour, alpha=0.18, lw=0, label="90% of seeds")
        if len(runs) and m in runs:
            sub = runs[runs["point"].isin(set(summary["point"]))]
            where = dict(zip(summary["point"], x, strict=True))
            ax.scatter(sub["point"].map(where).to_numpy(dtype=float), sub[m], s=7, color=colour,
                       alpha=0.25, lw=0, label="each run")
        ax.plot(x, mean, color=colour, lw=2, marker="o", ms=5, label="mean")
        ax.set_title(metrics.label(m), loc="left", fontsize=11)
        ax.set_ylabel(metrics.unit(m), fontsize=9)
        ax.yaxis.set_major_formatter(tick_formatter(m))
        ax.set_xticks(x)
        ax.set_xticklabels([value_text(v) for v in summary[key]], fontsize=9)
        ax.set_xlabel(grid_label(key), fontsize=9)
        style(ax)
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    axes.flat[0].legend(frameon=False, fontsize=8, loc="best")
    fig.suptitle(f"{spec['name']}: what {grid_label(key)} changes ({len(spec['seeds'])} seeds "
                 "per value)", x=0.03, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.03, 1 - 0.62 / fig.get_figheight(), _takeaway_1d(key, summary, names),
             fontsize=10.5, color=TEXT_COLOUR)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.75 / fig.get_figheight()))
    return save_figure(fig, out_base)


def sweep_over_time(days: pd.DataFrame, spec: dict, out_base: str | Path, max_lines: int = 8
                    ) -> list[Path]:
    """Followers and real reach per day, one line per grid point (mean) with a 90% band.

    Args:
        days: the sweep's day table (``point``, ``seed``, ``day``, ``followers``,
            ``real_reach``).
        spec: the sweep's spec, with ``points`` (point id → grid values).
        out_base: where to write, without a suffix.
        max_lines: at most this many grid points, evenly spaced, keep a chart readable.
    """
    plt = pyplot()
    keys = list(spec["grid"])
    # A 14-day mean per run first: daily reach swings with each post's luck.
    d = days.sort_values(["point", "seed", "day"])
    d["reach_smooth"] = d.groupby(["point", "seed"])["real_reach"].transform(
        lambda s: s.rolling(SMOOTH_DAYS, min_periods=1).mean())
    points = [p for p in spec["points"] if p in set(d["point"])]
    if len(points) > max_lines:
        idx = np.linspace(0, len(points) - 1, max_lines).round().astype(int)
        points = [points[i] for i in sorted(set(idx))]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(12, 7.4), sharex=True,
                                   gridspec_kw={"hspace": 0.28})
    ends = []
    for i, pid in enumerate(points):
        c = PALETTE[i % len(PALETTE)]
        values = spec["points"][pid]
        if len(keys) == 1:
            label = value_text(values[keys[0]])
        else:
            label = ", ".join(f"{k.rsplit('.', 1)[-1]} = {value_text(values[k])}" for k in keys)
        label = label or spec["name"]
        g = d[d["point"] == pid].groupby("day")
        for ax, col in ((ax1, "followers"), (ax2, "reach_smooth")):
            q = g[col].quantile([0.05, 0.5, 0.95]).unstack()
            mean = g[col].mean()
            ax.fill_between(q.index, q[0.05], q[0.95], color=c, alpha=0.12, lw=0)
            ax.plot(mean.index, mean, color=c, lw=2, label=label)
        ends.append((label, g["reach_smooth"].mean().iloc[-1]))
    title_key = grid_label(keys[0]) if len(keys) == 1 else "grid point"
    lo, hi = d["followers"].min(), d["followers"].max()
    if lo > 0 and hi / lo > 10:  # a purchase dwarfs organic growth: a log scale shows both
        ax1.set_yscale("log")
    ax2.set_yscale("symlog", linthresh=10)
    ax2.set_ylim(bottom=0)
    ax1.set_ylabel(metrics.unit("followers"))
    ax1.set_title(f"{metrics.label('followers').capitalize()} (all origins, mean; band: 90% of "
                  "seeds)", loc="left", fontsize=11)
    ax1.legend(title=title_key if keys else None, frameon=False, fontsize=9, title_fontsize=9,
               loc="upper left", bbox_to_anchor=(1.01, 1.0))
    reach = metrics.DAY["real_reach"]
    ax2.set_ylabel(axis_label("real_reach", f"{SMOOTH_DAYS}-day mean"))
    ax2.set_xlabel("day")
    ax2.set_title(f"{reach.label.capitalize()} ({reach.description})", loc="left", fontsize=11)
    for ax in (ax1, ax2):
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        style(ax)
    best = max(ends, key=lambda e: e[1]) if ends else None
    worst = min(ends, key=lambda e: e[1]) if ends else None
    line = ""
    if best and len(ends) > 1:
        line = (f"Real reach in the last two weeks: highest at {title_key} = {best[0]} "
                f"({count(best[1])} people a day), lowest at {worst[0]} ({count(worst[1])})")
    elif best:
        line = f"Real reach in the last two weeks: {count(best[1])} people a day (mean over seeds)"
    fig.suptitle(f"{spec['name']}: followers and real reach over time "
                 f"({len(spec['seeds'])} seeds per line)", x=0.06, ha="left", fontsize=14,
                 fontweight="bold")
    fig.text(0.06, 0.925, line, fontsize=10.5, color=TEXT_COLOUR)
    fig.subplots_adjust(top=0.86, left=0.11, right=0.8, bottom=0.08)
    return save_figure(fig, out_base)


def sweep_heatmaps(spec: dict, summary: pd.DataFrame, out_base: str | Path) -> list[Path]:
    """2-D grid: the mean of up to two headline metrics over both grid keys, values in the cells.

    Args:
        spec: the sweep's spec (name, grid, seeds, metrics).
        summary: one row per grid point with ``<metric>_mean``.
        out_base: where to write, without a suffix.
    """
    plt = pyplot()
    kx, ky = list(spec["grid"])[:2]
    names = _headline_metrics(spec, summary)
    xs, ys = list(dict.fromkeys(summary[kx])), list(dict.fromkeys(summary[ky]))
    fig, axes = plt.subplots(1, len(names), figsize=(6.2 * len(names), 5.8), squeeze=False)
    lines = []
    for ax, m in zip(axes.flat, names, strict=False):
        grid = np.full((len(ys), len(xs)), np.nan)
        for _, row in summary.iterrows():
            grid[ys.index(row[ky]), xs.index(row[kx])] = row[f"{m}_mean"]
        im = ax.imshow(grid, cmap="cividis", aspect="auto", origin="lower")
        top = np.nanmax(grid) if np.isfinite(grid).any() else 0
        for (r, c), v in np.ndenumerate(grid):
            if np.isfinite(v):
                ax.text(c, r, metric_text(m, v), ha="center", va="center", fontsize=9,
                        color="black" if v > 0.6 * top else "white")
        ax.set_xticks(range(len(xs)), [value_text(v) for v in xs], fontsize=9)
        ax.set_yticks(range(len(ys)), [value_text(v) for v in ys], fontsize=9)
        ax.set_xlabel(grid_label(kx))
        ax.set_ylabel(grid_label(ky))
        label = metrics.label(m)
        ax.set_title(f"{label} ({metrics.unit(m)}, mean)", loc="left", fontsize=11)
        fig.colorbar(im, ax=ax, shrink=0.85)
        if np.isfinite(grid).any():
            r, c = np.unravel_index(np.nanargmax(grid), grid.shape)
            lines.append(f"most {label} at {grid_label(kx)} = {value_text(xs[c])}, "
                         f"{grid_label(ky)} = {value_text(ys[r])} "
                         f"({metric_text(m, grid[r, c])})")
    fig.suptitle(f"{spec['name']}: {grid_label(kx)} × {grid_label(ky)} "
                 f"({len(spec['seeds'])} seeds per cell)", x=0.03, ha="left", fontsize=14,
                 fontweight="bold")
    text = "\n".join(line[0].upper() + line[1:] for line in lines)
    fig.text(0.03, 0.9, text, fontsize=10.5, color=TEXT_COLOUR, va="top")
    fig.tight_layout(rect=(0, 0, 1, 0.8))
    return save_figure(fig, out_base)


def sweep_points(spec: dict, summary: pd.DataFrame, out_base: str | Path) -> list[Path]:
    """Any grid: one row per grid point, mean and 90% interval of two headline metrics.

    Args:
        spec: the sweep's spec (name, grid, metrics).
        summary: one row per grid point with ``<metric>_mean``, ``_p5`` and ``_p95``.
        out_base: where to write, without a suffix.
    """
    plt = pyplot()
    keys = list(spec["grid"])
    names = _headline_metrics(spec, summary)
    labels = [", ".join(f"{k.rsplit('.', 1)[-1]}={value_text(r[k])}" for k in keys)
              for _, r in summary.iterrows()]
    fig, axes = plt.subplots(1, len(names), figsize=(5.5 * len(names), 1.2 + 0.35 * len(summary)),
                             squeeze=False, sharey=True)
    y = np.arange(len(summary))[::-1]
    for i, (ax, m) in enumerate(zip(axes.flat, names, strict=False)):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.hlines(y, lo, hi, color=PALETTE[i], lw=3, alpha=0.5)
        ax.plot(mean, y, "o", color=PALETTE[i])
        ax.set_yticks(y, labels, fontsize=8)
        ax.set_title(f"{metrics.label(m)} (mean, 90% of seeds)", loc="left", fontsize=11)
        ax.xaxis.set_major_formatter(tick_formatter(m))
        style(ax)
    fig.suptitle(f"{spec['name']}: every grid point", x=0.03, ha="left", fontsize=14,
                 fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return save_figure(fig, out_base)


def sweep_charts(folder: str | Path) -> list[Path]:
    """Draw a sweep folder's charts into it.

    Lines with bands (1-D grid) or heatmaps (2-D) of the headline metrics, every grid point with
    its interval (2-D and up), and followers and real reach over time.

    Args:
        folder: a finished sweep folder (``sweep.toml``, ``summary.csv``, ``runs.csv``).

    Returns:
        The files written.

    Raises:
        FileNotFoundError: not a sweep folder, or no run of it has finished.
    """
    folder = Path(folder)
    if not is_sweep_folder(folder):
        raise FileNotFoundError(f"{folder} is not a sweep folder")
    spec, summary, runs = read_sweep(folder)
    if "grid" not in spec:
        # Hundreds of points moving many keys at once have no grid to draw along.
        raise FileNotFoundError(f"{folder} holds an explicit design (the runs of a sensitivity "
                                "study), not a grid; plot the study's folder, one level up")
    summary = summary[summary["runs"] > 0].reset_index(drop=True)
    if summary.empty:
        raise FileNotFoundError(f"{folder}: no finished runs to plot")
    dims = len(spec["grid"])
    paths: list[Path] = []
    if dims == 1:
        paths += sweep_lines(spec, summary, runs, folder / "sweep_metrics")
    elif dims == 2:
        paths += sweep_heatmaps(spec, summary, folder / "sweep_heatmap")
    if dims >= 2:
        paths += sweep_points(spec, summary, folder / "sweep_points")
    if (folder / DAYS_FILE).exists():
        import pyarrow.parquet as pq

        # Only the columns drawn: a large sweep's day table need not fit in memory whole.
        cols = ["point", "seed", "day", "followers", "real_reach"]
        days = pq.read_table(folder / DAYS_FILE, columns=cols).to_pandas()
        paths += sweep_over_time(days, spec, folder / "sweep_over_time")
    return paths
