"""Charts of a sweep folder: a grid of scenario values × seeds.

A 1-D grid gets each headline metric against the grid value (mean with a 90% band across seeds);
a 2-D grid gets heatmaps; two or more dimensions also get every grid point with its interval; and
every sweep with a day table gets followers and real reach over time, one line per grid point.

The folder is read through :mod:`sim.studies.sweep.store` alone: drawing a sweep never loads the
engine that ran it. The over-time chart and the grid keys' words are
:mod:`sim.present.charts.sweep_time`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import safe_io
from sim.present.charts.common import (
    PALETTE,
    TEXT_COLOUR,
    change,
    figure_label,
    figure_unit,
    headline,
    metric_text,
    pyplot,
    save_figure,
    speaks,
    style,
    t,
    tick_formatter,
    value_text,
    wrap,
)
from sim.present.charts.sweep_time import GRID_LABELS as GRID_LABELS  # re-exported
from sim.present.charts.sweep_time import _key_colour, grid_label, sweep_over_time
from sim.present.charts.sweep_time import late_level as late_level  # re-exported
from sim.studies.sweep.store import DAYS_FILE, is_sweep_folder, read_sweep

# The two figures a strategist asks about first; charts with room for two show these.
HEADLINE_FIGURES = ("followers_end", "real_reach_per_post", "mean_real_reach_per_post")
# What sweep_charts draws for a finished sweep: the presented figures (sim.base.presented), the
# median of the runs with the band of 90%, as every report of the sweep shows them.
SWEEP_FIGURES = (
    "followers_end",
    "real_followers_end",
    "real_reach_per_post",
    "purchases",
    "economic_value",
    "net_revenue",
)
STAT_WORDS = {
    "mean": (
        "mean",
        " (means of the runs, as drawn)",
        "mean of the runs",
        "{label} (mean, 90% of runs)",
    ),
    "median": (
        "median",
        " (medians of the runs, as drawn)",
        "median of the runs",
        "{label} (median, 90% of runs)",
    ),
}


def _headline_metrics(spec: dict, summary: pd.DataFrame) -> list[str]:
    picks = [m for m in HEADLINE_FIGURES if f"{m}_mean" in summary]
    return picks or [m for m in spec.get("metrics", []) if f"{m}_mean" in summary][:2]


def _takeaway_1d(
    key: str, summary: pd.DataFrame, names: list[str], lang: str = "en", stat: str = "mean"
) -> str:
    """First versus last grid value, for follower count and real reach when both are there."""
    first, last = summary.iloc[0], summary.iloc[-1]
    picks = [m for m in HEADLINE_FIGURES if m in names] or names[:2]
    parts = []
    for m in picks:
        a, b = first[f"{m}_mean"], last[f"{m}_mean"]
        parts.append(
            f"{figure_label(m, lang)} {metric_text(m, a)} → {metric_text(m, b)}{change(a, b)}"
        )
    return (
        t(
            "From {key} = {a} to {b}: ",
            lang,
            key=t(grid_label(key), lang),
            a=value_text(first[key]),
            b=value_text(last[key]),
        )
        + "; ".join(parts)
        + t(STAT_WORDS[stat][1], lang)
    )


@speaks
def sweep_lines(
    spec: dict,
    summary: pd.DataFrame,
    runs: pd.DataFrame,
    out_base: str | Path,
    lang: str = "en",
    stat: str = "mean",
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
    colour = _key_colour(key)
    for ax, m in zip(axes.flat, names, strict=False):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.fill_between(x, lo, hi, color=colour, alpha=0.18, lw=0, label=t("90% of runs", lang))
        if len(runs) and m in runs:
            sub = runs[runs["point"].isin(set(summary["point"]))]
            where = dict(zip(summary["point"], x, strict=True))
            ax.scatter(
                sub["point"].map(where).to_numpy(dtype=float),
                sub[m],
                s=7,
                color=colour,
                alpha=0.25,
                lw=0,
                label=t("each run", lang),
            )
        ax.plot(x, mean, color=colour, lw=2, marker="o", ms=5, label=t(STAT_WORDS[stat][0], lang))
        ax.set_title(t(headline(m), lang), loc="left", fontsize=11)
        ax.set_ylabel(figure_unit(m, lang), fontsize=9)
        ax.yaxis.set_major_formatter(tick_formatter(m))
        ax.set_xticks(x)
        ax.set_xticklabels([value_text(v) for v in summary[key]], fontsize=9)
        ax.set_xlabel(t(grid_label(key), lang), fontsize=9)
        style(ax)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    axes.flat[0].legend(frameon=False, fontsize=8, loc="best")
    fig.suptitle(
        t(
            "What {key} changes ({n} runs per value)",
            lang,
            key=t(grid_label(key), lang),
            n=len(spec["seeds"]),
        ),
        x=0.03,
        ha="left",
        fontsize=14,
        fontweight="bold",
    )
    text = wrap(_takeaway_1d(key, summary, names, lang, stat), fig, 10.5, 0.03)
    lines = text.count("\n") + 1
    fig.text(0.03, 1 - 0.62 / fig.get_figheight(), text, fontsize=10.5, color=TEXT_COLOUR, va="top")
    fig.tight_layout(rect=(0, 0, 1, 1 - (0.75 + 0.2 * lines) / fig.get_figheight()))
    return save_figure(fig, out_base)


@speaks
def sweep_heatmaps(
    spec: dict, summary: pd.DataFrame, out_base: str | Path, lang: str = "en", stat: str = "mean"
) -> list[Path]:
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
                ax.text(
                    c,
                    r,
                    metric_text(m, v),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="black" if v > 0.6 * top else "white",
                )
        ax.set_xticks(range(len(xs)), [value_text(v) for v in xs], fontsize=9)
        ax.set_yticks(range(len(ys)), [value_text(v) for v in ys], fontsize=9)
        ax.set_xlabel(t(grid_label(kx), lang))
        ax.set_ylabel(t(grid_label(ky), lang))
        label = figure_label(m, lang)
        ax.set_title(
            f"{label} ({figure_unit(m, lang)}, {t(STAT_WORDS[stat][2], lang)})",
            loc="left",
            fontsize=11,
        )
        fig.colorbar(im, ax=ax, shrink=0.85)
        if np.isfinite(grid).any():
            r, c = np.unravel_index(np.nanargmax(grid), grid.shape)
            lines.append(
                t(
                    "most {label} at {kx} = {x}, {ky} = {y} ({v})",
                    lang,
                    label=label,
                    kx=t(grid_label(kx), lang),
                    x=value_text(xs[c]),
                    ky=t(grid_label(ky), lang),
                    y=value_text(ys[r]),
                    v=metric_text(m, grid[r, c]),
                )
            )
    fig.suptitle(
        t(
            "{kx} × {ky} ({n} runs per cell)",
            lang,
            kx=t(grid_label(kx), lang),
            ky=t(grid_label(ky), lang),
            n=len(spec["seeds"]),
        ),
        x=0.03,
        ha="left",
        fontsize=14,
        fontweight="bold",
    )
    text = "\n".join(line[0].upper() + line[1:] for line in lines)
    fig.text(0.03, 0.9, text, fontsize=10.5, color=TEXT_COLOUR, va="top")
    fig.tight_layout(rect=(0, 0, 1, 0.8))
    return save_figure(fig, out_base)


@speaks
def sweep_points(
    spec: dict, summary: pd.DataFrame, out_base: str | Path, lang: str = "en", stat: str = "mean"
) -> list[Path]:
    """Any grid: one row per grid point, mean and 90% interval of two headline metrics.

    Args:
        spec: the sweep's spec (name, grid, metrics).
        summary: one row per grid point with ``<metric>_mean``, ``_p5`` and ``_p95``.
        out_base: where to write, without a suffix.
    """
    plt = pyplot()
    keys = list(spec["grid"])
    names = _headline_metrics(spec, summary)
    labels = [
        ", ".join(f"{t(grid_label(k), lang)}: {value_text(r[k])}" for k in keys)
        for _, r in summary.iterrows()
    ]
    fig, axes = plt.subplots(
        1,
        len(names),
        figsize=(5.5 * len(names), 1.2 + 0.35 * len(summary)),
        squeeze=False,
        sharey=True,
    )
    y = np.arange(len(summary))[::-1]
    for i, (ax, m) in enumerate(zip(axes.flat, names, strict=False)):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.hlines(y, lo, hi, color=PALETTE[i], lw=3, alpha=0.5)
        ax.plot(mean, y, "o", color=PALETTE[i])
        ax.set_yticks(y, labels, fontsize=8)
        ax.set_title(
            t(STAT_WORDS[stat][3], lang, label=figure_label(m, lang)), loc="left", fontsize=11
        )
        ax.xaxis.set_major_formatter(tick_formatter(m))
        style(ax)
    fig.suptitle(t("Every setting tried", lang), x=0.03, ha="left", fontsize=14, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return save_figure(fig, out_base)


def presented_summary(
    folder: Path, spec: dict, summary: pd.DataFrame
) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """The sweep's presented figures (:func:`sim.base.presented.compute` over its day table) in the
    shape the charts read: one row per grid point with ``<figure>_mean`` (here the median of
    the runs, the one statistic every report presents), ``_p5`` and ``_p95``; and one row per
    run. ``spec`` comes back naming those figures."""
    from sim.base.presented import compute

    names = set(safe_io.parquet_schema(folder / DAYS_FILE, "sweep day table", folder).names)
    want = [
        "point",
        "seed",
        "day",
        "posts",
        "real_reach_per_post",
        "revenue",
        "cost",
        "purchases",
        "engaged_real_followers",
        "followers",
        "real_followers",
        "followers_bought",
        "comments",
        "shares",
        "likes",
        "conversation_rate",
        "amplification_rate",
        "applause_rate",
    ]
    days = safe_io.read_parquet(
        folder / DAYS_FILE, "sweep day table", folder, columns=[c for c in want if c in names]
    ).to_pandas()
    order = [p for p in summary["point"] if p in set(days["point"])]
    table = compute(days, "point", order, None)
    rows = []
    for _, r in summary[summary["point"].isin(order)].iterrows():
        row = r.drop([c for c in r.index if c.endswith(("_mean", "_p5", "_p95"))]).to_dict()
        for n in SWEEP_FIGURES:
            row[f"{n}_mean"] = table.value(r["point"], n)
            row[f"{n}_p5"] = float(table.low.loc[r["point"], n])
            row[f"{n}_p95"] = float(table.high.loc[r["point"], n])
        rows.append(row)
    spec = {**spec, "metrics": list(SWEEP_FIGURES)}
    return spec, pd.DataFrame(rows), table.per_run


@speaks
def sweep_charts(folder: str | Path, lang: str = "en", out: str | Path | None = None) -> list[Path]:
    """Draw a sweep folder's charts into it.

    Lines with bands (1-D grid) or heatmaps (2-D) of the headline metrics, every grid point with
    its interval (2-D and up), and followers and real reach over time.

    Args:
        folder: a finished sweep folder (``sweep.toml``, ``summary.csv``, ``runs.csv``).
        lang: the reader's language.
        out: the folder to draw into (default: ``folder`` itself).

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
        raise FileNotFoundError(
            f"{folder} holds an explicit design (the runs of a sensitivity "
            "study), not a grid; plot the study's folder, one level up"
        )
    summary = summary[summary["runs"] > 0].reset_index(drop=True)
    if summary.empty:
        raise FileNotFoundError(f"{folder}: no finished runs to plot")
    dims = len(spec["grid"])
    out = Path(out) if out is not None else folder
    paths: list[Path] = []
    stat = "mean"
    if (folder / DAYS_FILE).exists():  # the presented figures, as the sweep's report shows them
        spec, summary, runs = presented_summary(folder, spec, summary)
        stat = "median"
    if dims == 1:
        paths += sweep_lines(spec, summary, runs, out / "sweep_metrics", lang, stat)
    elif dims == 2:
        paths += sweep_heatmaps(spec, summary, out / "sweep_heatmap", lang, stat)
    if dims >= 2:
        paths += sweep_points(spec, summary, out / "sweep_points", lang, stat)
    if (folder / DAYS_FILE).exists():
        from sim.base.safe_io import parquet_schema, read_parquet

        # Only the columns drawn: a large sweep's day table need not fit in memory whole.
        names = set(parquet_schema(folder / DAYS_FILE, "day table", folder).names)
        cols = [
            "point",
            "seed",
            "day",
            "followers",
            "real_reach_per_post" if "real_reach_per_post" in names else "real_reach",
        ]
        days = read_parquet(folder / DAYS_FILE, "day table", folder, columns=cols).to_pandas()
        paths += sweep_over_time(days, spec, out / "sweep_over_time", lang=lang)
    return paths
