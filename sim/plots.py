"""Presentation charts from result files (the only module that imports matplotlib).

Charts read what a run wrote to disk, never a live model, so any finished run can be re-plotted.
Each chart carries a title, units, labelled series and a one-line takeaway computed from the data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# A palette that survives projectors and colour-blindness (Okabe & Ito, 2008).
COLOURS = {
    "organic": "#0072B2",
    "bought": "#D55E00",
    "follow_back": "#E69F00",
    "reach": "#009E73",
    "total": "#444444",
}
FORMATS = ("png", "svg")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.tick_params(labelsize=10)


def save_figure(fig, out_base: Path) -> list[Path]:
    """Write ``fig`` as ``out_base``.png (150 dpi) and .svg, close it; returns the paths."""
    paths = []
    for ext in FORMATS:
        path = Path(out_base).with_suffix(f".{ext}")
        fig.savefig(path, dpi=150 if ext == "png" else None)
        paths.append(path)
    _pyplot().close(fig)
    return paths


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


def _euro(x: float, sign: bool = False) -> str:
    """'€1,234', '−€1,234' (and '+€1,234' when ``sign``): readable money on a slide."""
    s = "−" if x < 0 else ("+" if sign and x > 0 else "")
    return f"{s}€{abs(x):,.0f}"


def takeaway(days: pd.DataFrame, posts: pd.DataFrame) -> str:
    """One line a client can read: what happened to followers and to real reach."""
    if days.empty:
        return "No days simulated."
    start, end = days.iloc[0], days.iloc[-1]
    real_end = end["followers"] - end.get("followers_bought", 0)
    line = f"Followers {_fmt(start['followers'])} → {_fmt(end['followers'])}"
    if end.get("followers_bought", 0):
        line += f" ({_fmt(end['followers_bought'])} bought, {_fmt(real_end)} real)"
    if len(posts) >= 2:
        half = len(posts) // 2
        first = posts["real_reach"].iloc[:half].median()
        second = posts["real_reach"].iloc[half:].median()
        line += f"; median real reach per post {_fmt(first)} → {_fmt(second)} people"
    return line


def followers_and_reach(days: pd.DataFrame, posts: pd.DataFrame, title: str, out_base: Path
                        ) -> list[Path]:
    """Two stacked panels: followers by origin, and real reach per post (with a 7-post median)."""
    plt = _pyplot()
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True,
                                   gridspec_kw={"hspace": 0.25})
    d = days["day"].to_numpy()
    stacks, labels, colours = [], [], []
    for origin, label in (("organic", "real (organic)"), ("follow_back", "real (follow-back)"),
                          ("bought", "bought")):
        col = f"followers_{origin}"
        if col in days and days[col].any():
            stacks.append(days[col].to_numpy())
            labels.append(label)
            colours.append(COLOURS[origin])
    if stacks:
        ax1.stackplot(d, *stacks, labels=labels, colors=colours, alpha=0.85)
    ax1.set_ylabel("followers")
    ax1.set_title("Followers by origin", loc="left", fontsize=11)
    ax1.legend(loc="upper left", frameon=False, fontsize=9)
    ax1.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    _style(ax1)

    if len(posts):
        ax2.scatter(posts["day"], posts["real_reach"], s=6, color=COLOURS["reach"], alpha=0.35,
                    label="each post")
        smooth = posts["real_reach"].rolling(7, min_periods=1, center=True).median()
        ax2.plot(posts["day"], smooth, color=COLOURS["reach"], lw=2, label="median of 7 posts")
        ax2.set_yscale("symlog", linthresh=10)
        ax2.legend(loc="upper left", frameon=False, fontsize=9)
    ax2.set_ylabel("real people reached per post")
    ax2.set_xlabel("day")
    ax2.set_title("Real reach per post (unique real users who saw it)", loc="left", fontsize=11)
    ax2.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    _style(ax2)

    fig.suptitle(title, x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.925, takeaway(days, posts), fontsize=10.5, color="#333333")
    fig.subplots_adjust(top=0.86, left=0.09, right=0.97, bottom=0.08)
    return save_figure(fig, out_base)


def run_charts(folder: str | Path) -> list[Path]:
    """Draw every chart of one run folder into it; returns the files written."""
    from sim import results as res

    folder = Path(folder)
    r = res.read(folder)
    title = f"{r.scenario.name}: {r.scenario.platform}, seed {r.seed}"
    return followers_and_reach(r.days, r.posts, title, folder / "followers_reach")


def compare_runs(folders: list[str | Path], out: str | Path, metric: str = "real_reach"
                 ) -> list[Path]:
    """Overlay several runs (e.g. organic vs bought) on one chart of followers and real reach."""
    from sim import results as res

    plt = _pyplot()
    runs = [res.read(f) for f in folders]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True,
                                   gridspec_kw={"hspace": 0.25})
    cycle = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    lines = []
    for i, r in enumerate(runs):
        c = cycle[i % len(cycle)]
        ax1.plot(r.days["day"], r.days["followers"], color=c, lw=2, label=r.scenario.name)
        real = r.days["followers"] - r.days["followers_bought"]
        ax1.plot(r.days["day"], real, color=c, lw=1.2, ls="--")
        smooth = r.posts[metric].rolling(14, min_periods=1, center=True).median()
        ax2.plot(r.posts["day"], smooth, color=c, lw=2, label=r.scenario.name)
        lines.append(f"{r.scenario.name}: {_fmt(np.median(r.posts[metric]))}")
    ax1.set_ylabel("followers (dashed: real only)")
    ax1.legend(frameon=False, fontsize=9)
    ax1.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax2.set_ylabel("real people reached per post\n(median of 14 posts)")
    ax2.set_xlabel("day")
    ax2.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    for ax in (ax1, ax2):
        _style(ax)
    fig.suptitle("Followers and real reach, side by side", x=0.06, ha="left", fontsize=14,
                 fontweight="bold")
    fig.text(0.06, 0.925, "Median real reach per post — " + "; ".join(lines), fontsize=10.5,
             color="#333333")
    fig.subplots_adjust(top=0.86, left=0.1, right=0.97, bottom=0.08)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return save_figure(fig, out)


# ---------------------------------------------------------------------------------------------
# Sweeps: grid × seeds (files written by sim.sweep)
# ---------------------------------------------------------------------------------------------

SERIES = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
# Friendly axis names for keys strategists sweep most; any other key is shown as written.
GRID_LABELS = {
    "strategies.buy.count": "followers bought per package",
    "brand.posts_per_week": "posts per week",
    "feed.test_fraction": "test sample (share of followers)",
    "brand.quality": "post quality",
    "brand.initial_followers": "followers at the start",
    "strategies.follow_for_follow.per_day": "follow-for-follow: users followed per day",
}


def _grid_label(key: str) -> str:
    return GRID_LABELS.get(key, key)


def _value_text(v) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, np.integer)):
        return f"{v:,}"
    if isinstance(v, (float, np.floating)):
        return f"{v:,.0f}" if float(v).is_integer() and abs(v) >= 1 else f"{v:,.3g}"
    return str(v)


def _metric_text(metric: str, v: float) -> str:
    if "rate" in metric:
        return f"{100 * v:.2f}%"
    if metric in ("revenue", "cost", "net_revenue"):
        return f"€{v:,.0f}"
    if metric == "roi":
        return f"{v:,.2f}"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"


def _change(a: float, b: float) -> str:
    if a == 0:
        return ""
    return f" ({100 * (b - a) / abs(a):+,.0f}%)".replace("-", "−")


def _sweep_takeaway_1d(key: str, summary: pd.DataFrame, metrics: list[str]) -> str:
    """First versus last grid value, for follower count and real reach when both are there."""
    first, last = summary.iloc[0], summary.iloc[-1]
    picks = [m for m in ("followers_end", "mean_real_reach_per_post") if m in metrics]
    picks = picks or metrics[:2]
    parts = []
    from sim import metrics as catalogue

    for m in picks:
        a, b = first[f"{m}_mean"], last[f"{m}_mean"]
        parts.append(f"{catalogue.label(m)} {_metric_text(m, a)} → {_metric_text(m, b)}"
                     f"{_change(a, b)}")
    return (f"From {_grid_label(key)} = {_value_text(first[key])} to {_value_text(last[key])}: "
            + "; ".join(parts) + " (means over seeds)")


def sweep_lines(spec: dict, summary: pd.DataFrame, runs: pd.DataFrame, out_base: Path
                ) -> list[Path]:
    """1-D grid: each headline metric against the grid value, mean with a 90% band across seeds."""
    from sim import metrics as catalogue

    plt = _pyplot()
    key = list(spec["grid"])[0]
    metrics = [m for m in spec.get("metrics", []) if f"{m}_mean" in summary][:6]
    # Grid values are discrete choices: evenly spaced, so 0 and 1,000 do not collide beside 20,000.
    x = np.arange(len(summary), dtype=float)
    ncol = 3 if len(metrics) > 4 else 2
    nrow = max(1, -(-len(metrics) // ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(4.6 * ncol, 3.3 * nrow + 1.2), squeeze=False)
    n_seeds = len(spec["seeds"])
    for ax, m in zip(axes.flat, metrics, strict=False):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.fill_between(x, lo, hi, color=SERIES[0], alpha=0.18, lw=0, label="90% of seeds")
        if len(runs) and m in runs:
            sub = runs[runs["point"].isin(set(summary["point"]))]
            where = dict(zip(summary["point"], x, strict=True))
            xr_ = sub["point"].map(where).to_numpy(dtype=float)
            ax.scatter(xr_, sub[m], s=7, color=SERIES[0], alpha=0.25, lw=0, label="each run")
        ax.plot(x, mean, color=SERIES[0], lw=2, marker="o", ms=5, label="mean")
        label, unit = catalogue.label(m), catalogue.unit(m)
        ax.set_title(label, loc="left", fontsize=11)
        ax.set_ylabel(unit, fontsize=9)
        if "rate" in m:
            ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.1f}%")
        else:
            ax.yaxis.set_major_formatter(lambda v, _: _fmt(v) if abs(v) >= 10 or v == 0
                                         else f"{v:.1f}")
        ax.set_xticks(x)
        ax.set_xticklabels([_value_text(v) for v in summary[key]], fontsize=9)
        ax.set_xlabel(_grid_label(key), fontsize=9)
        _style(ax)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    axes.flat[0].legend(frameon=False, fontsize=8, loc="best")
    fig.suptitle(f"{spec['name']}: what {_grid_label(key)} changes ({n_seeds} seeds per value)",
                 x=0.03, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.03, 1 - 0.62 / fig.get_figheight(), _sweep_takeaway_1d(key, summary, metrics),
             fontsize=10.5, color="#333333")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.75 / fig.get_figheight()))
    return save_figure(fig, out_base)


def sweep_over_time(folder: Path, spec: dict, out_base: Path, max_lines: int = 8) -> list[Path]:
    """Followers and real reach per day, one line per grid point (mean) with a 90% band."""
    import pyarrow.parquet as pq

    plt = _pyplot()
    keys = list(spec["grid"])
    cols = ["point", "seed", "day", "followers", "real_reach"]
    d = pq.read_table(folder / "days.parquet", columns=cols).to_pandas()
    # A 14-day mean per run first: daily reach swings with each post's luck.
    d = d.sort_values(["point", "seed", "day"])
    d["reach7"] = d.groupby(["point", "seed"])["real_reach"].transform(
        lambda s: s.rolling(14, min_periods=1).mean())
    points = [p for p in spec["points"] if p in set(d["point"])]
    if len(points) > max_lines:  # keep a chart readable: evenly spaced grid points
        idx = np.linspace(0, len(points) - 1, max_lines).round().astype(int)
        points = [points[i] for i in sorted(set(idx))]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(12, 7.4), sharex=True,
                                   gridspec_kw={"hspace": 0.28})
    ends = []
    for i, pid in enumerate(points):
        c = SERIES[i % len(SERIES)]
        values = spec["points"][pid]
        if len(keys) == 1:
            label = _value_text(values[keys[0]])
        else:
            label = ", ".join(f"{k.rsplit('.', 1)[-1]} = {_value_text(values[k])}" for k in keys)
        label = label or spec["name"]
        g = d[d["point"] == pid].groupby("day")
        for ax, col in ((ax1, "followers"), (ax2, "reach7")):
            q = g[col].quantile([0.05, 0.5, 0.95]).unstack()
            mean = g[col].mean()
            ax.fill_between(q.index, q[0.05], q[0.95], color=c, alpha=0.12, lw=0)
            ax.plot(mean.index, mean, color=c, lw=2, label=label)
        ends.append((label, g["reach7"].mean().iloc[-1]))
    title_key = _grid_label(keys[0]) if len(keys) == 1 else "grid point"
    lo, hi = d["followers"].min(), d["followers"].max()
    if lo > 0 and hi / lo > 10:  # a purchase dwarfs organic growth: a log scale shows both
        ax1.set_yscale("log")
    ax2.set_yscale("symlog", linthresh=10)
    ax2.set_ylim(bottom=0)
    ax1.set_ylabel("followers")
    ax1.set_title("Followers (all origins, mean; band: 90% of seeds)", loc="left", fontsize=11)
    ax1.legend(title=title_key if keys else None, frameon=False, fontsize=9, title_fontsize=9,
               loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax2.set_ylabel("real people reached per day\n(14-day mean)")
    ax2.set_xlabel("day")
    ax2.set_title("Real reach (unique real users who saw a post)", loc="left", fontsize=11)
    for ax in (ax1, ax2):
        ax.yaxis.set_major_formatter(lambda v, _: _fmt(v))
        _style(ax)
    best = max(ends, key=lambda e: e[1]) if ends else None
    worst = min(ends, key=lambda e: e[1]) if ends else None
    line = ""
    if best and len(ends) > 1:
        line = (f"Real reach in the last two weeks: highest at {title_key} = {best[0]} "
                f"({_fmt(best[1])} people a day), lowest at {worst[0]} ({_fmt(worst[1])})")
    elif best:
        line = f"Real reach in the last two weeks: {_fmt(best[1])} people a day (mean over seeds)"
    fig.suptitle(f"{spec['name']}: followers and real reach over time "
                 f"({len(spec['seeds'])} seeds per line)", x=0.06, ha="left", fontsize=14,
                 fontweight="bold")
    fig.text(0.06, 0.925, line, fontsize=10.5, color="#333333")
    fig.subplots_adjust(top=0.86, left=0.11, right=0.8, bottom=0.08)
    return save_figure(fig, out_base)


def sweep_heatmaps(spec: dict, summary: pd.DataFrame, out_base: Path) -> list[Path]:
    """2-D grid: the mean of up to two headline metrics over both grid keys, values in the cells."""
    from sim import metrics as catalogue

    plt = _pyplot()
    kx, ky = list(spec["grid"])[:2]
    metrics = [m for m in ("followers_end", "mean_real_reach_per_post")
               if f"{m}_mean" in summary]
    metrics = metrics or [m for m in spec.get("metrics", []) if f"{m}_mean" in summary][:2]
    xs, ys = list(dict.fromkeys(summary[kx])), list(dict.fromkeys(summary[ky]))
    fig, axes = plt.subplots(1, len(metrics), figsize=(6.2 * len(metrics), 5.8), squeeze=False)
    lines = []
    for ax, m in zip(axes.flat, metrics, strict=False):
        grid = np.full((len(ys), len(xs)), np.nan)
        for _, row in summary.iterrows():
            grid[ys.index(row[ky]), xs.index(row[kx])] = row[f"{m}_mean"]
        im = ax.imshow(grid, cmap="cividis", aspect="auto", origin="lower")
        top = np.nanmax(grid) if np.isfinite(grid).any() else 0
        for (r, c), v in np.ndenumerate(grid):
            if np.isfinite(v):
                ax.text(c, r, _metric_text(m, v), ha="center", va="center", fontsize=9,
                        color="black" if v > 0.6 * top else "white")
        ax.set_xticks(range(len(xs)), [_value_text(v) for v in xs], fontsize=9)
        ax.set_yticks(range(len(ys)), [_value_text(v) for v in ys], fontsize=9)
        ax.set_xlabel(_grid_label(kx))
        ax.set_ylabel(_grid_label(ky))
        label, unit = catalogue.label(m), catalogue.unit(m)
        ax.set_title(f"{label} ({unit}, mean)", loc="left", fontsize=11)
        fig.colorbar(im, ax=ax, shrink=0.85)
        if np.isfinite(grid).any():
            r, c = np.unravel_index(np.nanargmax(grid), grid.shape)
            lines.append(f"most {label} at {_grid_label(kx)} = {_value_text(xs[c])}, "
                         f"{_grid_label(ky)} = {_value_text(ys[r])} "
                         f"({_metric_text(m, grid[r, c])})")
    fig.suptitle(f"{spec['name']}: {_grid_label(kx)} × {_grid_label(ky)} "
                 f"({len(spec['seeds'])} seeds per cell)", x=0.03, ha="left", fontsize=14,
                 fontweight="bold")
    text = "\n".join(line[0].upper() + line[1:] for line in lines)
    fig.text(0.03, 0.9, text, fontsize=10.5, color="#333333", va="top")
    fig.tight_layout(rect=(0, 0, 1, 0.8))
    return save_figure(fig, out_base)


def sweep_points(spec: dict, summary: pd.DataFrame, out_base: Path) -> list[Path]:
    """Any grid: one row per grid point, mean and 90% interval of two headline metrics."""
    from sim import metrics as catalogue

    plt = _pyplot()
    keys = list(spec["grid"])
    metrics = [m for m in ("followers_end", "mean_real_reach_per_post")
               if f"{m}_mean" in summary] or [m for m in spec.get("metrics", [])
                                                if f"{m}_mean" in summary][:2]
    labels = [", ".join(f"{k.rsplit('.', 1)[-1]}={_value_text(r[k])}" for k in keys)
              for _, r in summary.iterrows()]
    fig, axes = plt.subplots(1, len(metrics), figsize=(5.5 * len(metrics), 1.2 + 0.35 *
                                                          len(summary)), squeeze=False, sharey=True)
    y = np.arange(len(summary))[::-1]
    for i, (ax, m) in enumerate(zip(axes.flat, metrics, strict=False)):
        mean, lo, hi = (summary[f"{m}_{s}"].to_numpy(dtype=float) for s in ("mean", "p5", "p95"))
        ax.hlines(y, lo, hi, color=SERIES[i], lw=3, alpha=0.5)
        ax.plot(mean, y, "o", color=SERIES[i])
        ax.set_yticks(y, labels, fontsize=8)
        ax.set_title(f"{catalogue.label(m)} (mean, 90% of seeds)", loc="left", fontsize=11)
        ax.xaxis.set_major_formatter(lambda v, _: _fmt(v))
        _style(ax)
    fig.suptitle(f"{spec['name']}: every grid point", x=0.03, ha="left", fontsize=14,
                 fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return save_figure(fig, out_base)


def sweep_charts(folder: str | Path) -> list[Path]:
    """Draw a sweep folder's charts into it: lines with bands (1-D grid) or heatmaps (2-D) of the
    headline metrics, every grid point with its interval (3-D and up), and followers and real reach
    over time."""
    from sim import sweep as sw

    folder = Path(folder)
    spec, summary, runs = sw.read_sweep(folder)
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
    if (folder / sw.DAYS_FILE).exists():
        paths += sweep_over_time(folder, spec, folder / "sweep_over_time")
    return paths


# ---------------------------------------------------------------------------------------------
# The organic-versus-bought study (files written by experiments/organic_vs_bought.py)
# ---------------------------------------------------------------------------------------------

# One colour per arm, the same on every chart: blue for organic, reds for buying (darker = more),
# and distinct hues for the other tactics.
ARM_COLOURS = {
    "organic": "#0072B2",
    "buy 1,000": "#F4A582",
    "buy 5,000": "#D6604D",
    "buy 20,000": "#8B0A1A",
    "follow-for-follow": "#E69F00",
    "giveaway": "#CC79A7",
    "micro-influencer": "#009E73",
}
SMOOTH_DAYS = 14


def _arm_colour(arm: str, i: int) -> str:
    fallback = ["#56B4E9", "#000000", "#F0E442", "#999999"]
    return ARM_COLOURS.get(arm, fallback[i % len(fallback)])


def _bands(days: pd.DataFrame, metric: str, smooth: int = 1, roll: str = "median") -> dict:
    """Per arm: (day, median, p5, p95) of ``metric`` across seeds, after a per-seed rolling
    ``roll`` ("median": robust to the rare post that goes viral; "mean": for small counts such
    as comments per post, whose median jumps between 0 and 1) over ``smooth`` days."""
    out = {}
    for arm, g in days.groupby("arm", sort=False):
        wide = g.pivot(index="day", columns="seed", values=metric)
        if smooth > 1:
            # Half a window before the first point: one lucky first post is not a trend.
            window = wide.rolling(smooth, min_periods=max(1, smooth // 2))
            wide = window.median() if roll == "median" else window.mean()
        out[arm] = (wide.index.to_numpy(), wide.median(axis=1).to_numpy(),
                    wide.quantile(0.05, axis=1).to_numpy(), wide.quantile(0.95, axis=1).to_numpy())
    return out


def _draw_bands(ax, bands: dict, scale: float = 1.0) -> None:
    """Lines with 90% bands; an arm's band starts where it first differs from the first arm
    (arms share their random numbers, so before their tactic starts they coincide)."""
    ref = next(iter(bands.values()), None)
    for i, (arm, (x, mid, lo, hi)) in enumerate(bands.items()):
        c = _arm_colour(arm, i)
        start = 0
        if i > 0 and ref is not None and len(ref[0]) == len(x):
            same = np.isclose(lo, ref[2], equal_nan=True) & np.isclose(hi, ref[3], equal_nan=True)
            start = int(np.argmin(same)) if not same.all() else len(x)
        ax.fill_between(x[start:], lo[start:] * scale, hi[start:] * scale, color=c, alpha=0.12,
                        lw=0)
        ax.plot(x, mid * scale, color=c, lw=2, label=arm)


def _late_mean(days: pd.DataFrame, metric: str, since: int = 30) -> pd.Series:
    """Median of ``metric`` per arm over days >= since (all seeds)."""
    late = days[days["day"] >= since]
    return late.groupby("arm", sort=False)[metric].median()


def _frame(title: str, takeaway_text: str, n_seeds: int, panels=(1, 1), size=(10, 5.6)):
    plt = _pyplot()
    fig, axes = plt.subplots(*panels, figsize=size, squeeze=False)
    fig.suptitle(title, x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.905 if panels[0] == 1 else 0.93, takeaway_text, fontsize=10.5,
             color="#333333")
    fig.text(0.99, 0.01, f"lines: median of {n_seeds} seeds; bands: 90% of seeds",
             ha="right", fontsize=8, color="#777777")
    for ax in axes.flat:
        _style(ax)
    return fig, axes


def study_charts(folder: str | Path) -> list[Path]:
    """Draw the study's charts from ``folder/days.csv``; returns the files written."""
    folder = Path(folder)
    days = pd.read_csv(folder / "days.csv")
    n_seeds = days["seed"].nunique()
    last_day = int(days["day"].max())
    end = days[days["day"] == last_day].groupby("arm", sort=False).mean(numeric_only=True)
    paths: list[Path] = []

    # 1. Followers: the number a client sees.
    mean_followers = days.groupby(["arm", "day"], sort=False)["followers"].mean()
    peak = mean_followers.groupby(level="arm", sort=False).max()
    top = peak.idxmax()
    text = (f"'{top}' peaks at {peak[top]:,.0f} followers; on day {last_day} it has "
            f"{end.loc[top, 'followers']:,.0f} ({end.loc[top, 'real_followers']:,.0f} real) "
            "against "
            f"{end.loc['organic', 'followers']:,.0f} organic." if "organic" in end.index else "")
    fig, axes = _frame("Follower count: what the profile shows", text, n_seeds)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, "followers"))
    ax.set_ylabel("followers")
    ax.set_xlabel("day")
    ax.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.1, right=0.97, bottom=0.12)
    paths += save_figure(fig, folder / "followers")

    # 2. Real reach per post.
    reach = _late_mean(days, "real_reach_per_post")
    worst = reach.idxmin()
    text = (f"From day 30, a typical post of the organic shop reaches "
            f"{reach.get('organic', float('nan')):,.0f} real people; '{worst}' only "
            f"{reach[worst]:,.0f} "
            f"({100 * (reach[worst] / reach['organic'] - 1):+.0f}%)." if "organic" in reach
            else "")
    fig, axes = _frame("Real reach per post: people who actually saw it", text, n_seeds)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, "real_reach_per_post", SMOOTH_DAYS))
    ax.set_ylabel(f"real people reached per post\n({SMOOTH_DAYS}-day median)")
    ax.set_xlabel("day")
    ax.yaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.12, right=0.97, bottom=0.12)
    paths += save_figure(fig, folder / "real_reach")

    # 3. Engagement rate per follower.
    eng = _late_mean(days, "engagement_rate_follower") * 100
    worst = eng.idxmin()
    text = (f"From day 30, a typical post engages {eng.get('organic', float('nan')):.2f}% of "
            f"followers organically; '{worst}' {eng[worst]:.2f}%.")
    fig, axes = _frame("Engagement rate: likes, comments and shares per follower", text, n_seeds)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, "engagement_rate_follower", SMOOTH_DAYS), scale=100)
    ax.set_ylabel(f"engagements per post ÷ followers, %\n({SMOOTH_DAYS}-day median)")
    ax.set_xlabel("day")
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.12, right=0.97, bottom=0.12)
    paths += save_figure(fig, folder / "engagement_rate")

    # 4. Kaushik's four metrics.
    value = days.groupby(["arm", "seed"], sort=False)["revenue"].sum().groupby(
        level="arm", sort=False).mean()
    best = value.idxmax()
    text = (f"Economic value over {last_day + 1} days: organic {_euro(value.get('organic', 0))}; "
            f"highest '{best}' {_euro(value[best])}; lowest '{value.idxmin()}' "
            f"{_euro(value.min())}.")
    fig, axes = _frame("Social value, as Kaushik measures it", text, n_seeds, panels=(2, 2),
                       size=(12, 8))
    for ax, (metric, label) in zip(axes.flat, (
            ("conversation_rate", "Conversation: comments per post"),
            ("amplification_rate", "Amplification: shares per post"),
            ("applause_rate", "Applause: likes per post"),
            ("revenue", "Economic value: € per day (visits + purchases)")), strict=False):
        _draw_bands(ax, _bands(days, metric, 2 * SMOOTH_DAYS, roll="mean"))
        ax.set_title(f"{label} ({2 * SMOOTH_DAYS}-day mean)", loc="left", fontsize=11)
        ax.set_xlabel("day")
    axes[0, 0].legend(frameon=False, fontsize=8, ncol=2)
    fig.subplots_adjust(top=0.86, left=0.07, right=0.98, bottom=0.09, hspace=0.35, wspace=0.2)
    paths += save_figure(fig, folder / "kaushik")

    # 5. Money: purchases, and what each tactic earned or lost against organic, net of its cost.
    days = days.copy()
    days["net_vs_organic"] = days["incremental_revenue"] - days["cumulative_cost"]
    net = days[days["day"] == last_day].groupby("arm", sort=False)["net_vs_organic"].mean()
    net = net.drop("organic", errors="ignore")
    text = (f"Net of its cost, against organic, by day {last_day}: best '{net.idxmax()}' "
            f"{_euro(net.max(), True)}; worst '{net.idxmin()}' {_euro(net.min(), True)}."
            if len(net) else "")
    fig, axes = _frame("Customers and return on the money spent", text, n_seeds, panels=(1, 2),
                       size=(12, 5.6))
    cum = days.sort_values(["arm", "seed", "day"]).copy()
    cum["cumulative_purchases"] = cum.groupby(["arm", "seed"])["purchases"].cumsum()
    cum = cum.set_index("arm").loc[days["arm"].unique()].reset_index()
    _draw_bands(axes[0, 0], _bands(cum, "cumulative_purchases"))
    axes[0, 0].set_title("Purchases so far", loc="left", fontsize=11)
    axes[0, 0].set_xlabel("day")
    axes[0, 0].legend(frameon=False, fontsize=8, ncol=2)
    _draw_bands(axes[0, 1], _bands(days[days["arm"] != "organic"], "net_vs_organic"))
    axes[0, 1].axhline(0, color=ARM_COLOURS["organic"], lw=1.5, ls="--")
    axes[0, 1].set_title("Extra revenue minus cost, vs organic (dashed), €", loc="left",
                         fontsize=11)
    axes[0, 1].yaxis.set_major_formatter(lambda v, _: _euro(v))
    axes[0, 1].set_xlabel("day")
    fig.subplots_adjust(top=0.82, left=0.07, right=0.98, bottom=0.12, wspace=0.25)
    paths += save_figure(fig, folder / "money")
    return paths
