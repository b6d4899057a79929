"""Charts of one run folder: followers by origin, and real reach per post.

Each chart carries a title, units, labelled series and a one-line takeaway computed from the data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim import metrics
from sim.accounts import BOUGHT_ORIGIN, FOLLOWING, ORIGIN_NAMES
from sim.charts.common import (
    PALETTE,
    TEXT_COLOUR,
    axis_label,
    count,
    pyplot,
    save_figure,
    style,
    tick_formatter,
)

# Real followers at the bottom of the stack, bought ones on top: the part a purchase adds.
STACK = tuple(ORIGIN_NAMES[o] for o in FOLLOWING if o != BOUGHT_ORIGIN) + (
    ORIGIN_NAMES[BOUGHT_ORIGIN],)
# The same colour for an origin on every run chart.
ORIGIN_COLOURS = {"organic": PALETTE[0], "bought": PALETTE[1], "follow_back": PALETTE[4],
                  "giveaway": PALETTE[3]}
REACH_COLOUR = PALETTE[2]
SMOOTH_POSTS = 7


def takeaway(days: pd.DataFrame, posts: pd.DataFrame) -> str:
    """One line a client can read: what happened to followers and to real reach.

    Args:
        days: a run's day table.
        posts: a run's post table.
    """
    if days.empty:
        return "No days simulated."
    start, end = days.iloc[0], days.iloc[-1]
    real_end = end["followers"] - end.get("followers_bought", 0)
    line = f"Followers {count(start['followers'])} → {count(end['followers'])}"
    if end.get("followers_bought", 0):
        line += f" ({count(end['followers_bought'])} bought, {count(real_end)} real)"
    if len(posts) >= 2:
        half = len(posts) // 2
        first = posts["real_reach"].iloc[:half].median()
        second = posts["real_reach"].iloc[half:].median()
        line += f"; median real reach per post {count(first)} → {count(second)} people"
    return line


def followers_and_reach(days: pd.DataFrame, posts: pd.DataFrame, title: str,
                        out_base: str | Path) -> list[Path]:
    """Two stacked panels: followers by origin, and real reach per post with a running median.

    Args:
        days: a run's day table (``followers`` and ``followers_<origin>`` columns).
        posts: a run's post table (``day`` and ``real_reach``).
        title: the chart's title.
        out_base: where to write, without a suffix.

    Returns:
        The PNG and SVG written.
    """
    plt = pyplot()
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True,
                                   gridspec_kw={"hspace": 0.25})
    d = days["day"].to_numpy()
    stacks, labels, colours = [], [], []
    for origin in STACK:
        col = f"followers_{origin}"
        if col in days and days[col].any():
            stacks.append(days[col].to_numpy())
            labels.append(metrics.label(col))
            colours.append(ORIGIN_COLOURS.get(origin, PALETTE[len(stacks) % len(PALETTE)]))
    if stacks:
        ax1.stackplot(d, *stacks, labels=labels, colors=colours, alpha=0.85)
    ax1.set_ylabel(axis_label("followers"))
    ax1.set_title("Followers by origin", loc="left", fontsize=11)
    ax1.legend(loc="upper left", frameon=False, fontsize=9)
    ax1.yaxis.set_major_formatter(tick_formatter("followers"))
    style(ax1)

    if len(posts):
        ax2.scatter(posts["day"], posts["real_reach"], s=6, color=REACH_COLOUR, alpha=0.35,
                    label="each post")
        smooth = posts["real_reach"].rolling(SMOOTH_POSTS, min_periods=1, center=True).median()
        ax2.plot(posts["day"], smooth, color=REACH_COLOUR, lw=2,
                 label=f"median of {SMOOTH_POSTS} posts")
        ax2.set_yscale("symlog", linthresh=10)
        ax2.legend(loc="upper left", frameon=False, fontsize=9)
    reach = metrics.POST["real_reach"]  # the post metric, not the day's real reach
    ax2.set_ylabel(f"{reach.label}, {reach.unit}")
    ax2.set_xlabel("day")
    ax2.set_title(f"{reach.label.capitalize()} ({reach.description})", loc="left", fontsize=11)
    ax2.yaxis.set_major_formatter(lambda v, _: count(v))
    style(ax2)

    fig.suptitle(title, x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.925, takeaway(days, posts), fontsize=10.5, color=TEXT_COLOUR)
    fig.subplots_adjust(top=0.86, left=0.09, right=0.97, bottom=0.08)
    return save_figure(fig, out_base)


def run_charts(folder: str | Path) -> list[Path]:
    """Draw every chart of one run folder into it.

    Args:
        folder: a folder written by :func:`sim.results.write`.

    Returns:
        The files written.
    """
    from sim import results as res

    folder = Path(folder)
    r = res.read(folder)
    title = f"{r.scenario.name}: {r.scenario.platform}, seed {r.seed}"
    return followers_and_reach(r.days, r.posts, title, folder / "followers_reach")
