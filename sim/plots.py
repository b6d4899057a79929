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


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


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
    paths = []
    for ext in FORMATS:
        path = out_base.with_suffix(f".{ext}")
        fig.savefig(path, dpi=150 if ext == "png" else None)
        paths.append(path)
    plt.close(fig)
    return paths


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
    paths = []
    for ext in FORMATS:
        path = out.with_suffix(f".{ext}")
        fig.savefig(path, dpi=150 if ext == "png" else None)
        paths.append(path)
    plt.close(fig)
    return paths
