"""The response-curve chart: each outcome against money, one line per lever with a band over
seeds, bought followers dashed at the same money, and a ring where the next euro buys least.

Drawn from the summary table :func:`sim.studies.plan.curves.summarise` wrote, nothing else;
the words come from :mod:`sim.studies.plan.words`, which the planner's verdict shares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.present.charts.common import (
    NOTE_COLOUR,
    OTHER_COLOURS,
    TACTIC_COLOURS,
    TEXT_COLOUR,
    count,
    euros,
    pyplot,
    save_figure,
    speaks,
    style,
)
from sim.studies.plan.levers import LEVERS
from sim.studies.plan.words import CURVE_WORDS as WORDS
from sim.studies.plan.words import GOAL_COLUMNS, GOAL_WORDS, PLAN_WORDS

PANELS = ("followers_real_end", "engaged_real_followers_end", "purchases", "net_euros")


def lever_colour(name: str, k: int) -> str:
    extra = {"boost": "#9467BD", "community": OTHER_COLOURS[0], "posts": OTHER_COLOURS[2],
             "content": OTHER_COLOURS[3], "replies": OTHER_COLOURS[1]}
    return TACTIC_COLOURS.get(name) or extra.get(name) or OTHER_COLOURS[k % len(OTHER_COLOURS)]


@speaks
def curves_chart(summary: pd.DataFrame, said: dict[str, Any], out_base: str | Path,
                 lang: str = "en") -> list[Path]:
    """Draw ``out_base``.png/.svg; returns the files."""
    import textwrap

    from matplotlib.ticker import FuncFormatter

    plt = pyplot()
    w = WORDS["nl" if lang == "nl" else "en"]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.6), layout="constrained")
    levers = [lv for lv in dict.fromkeys(summary["lever"]) if lv != "buy"] + ["buy"]
    for ax, m in zip(axes.flat, PANELS, strict=True):
        for k, lv in enumerate(levers):
            rows = summary[summary["lever"] == lv].sort_values("spent")
            if rows.empty:
                continue
            colour = lever_colour(lv, k)
            bought = lv == "buy"
            x = rows["spent"].to_numpy()
            ax.fill_between(x, rows[f"{m}_lo"], rows[f"{m}_hi"], color=colour, alpha=0.08,
                            lw=0)
            ax.plot(x, rows[f"{m}_mean"], color=colour, lw=2.4 if bought else 1.8,
                    ls="--" if bought else "-", marker="o", ms=3.5,
                    label=LEVERS[lv].label(lang))
            least = rows[rows[f"{m}_least"]]
            ax.scatter(least["spent"], least[f"{m}_mean"], s=110, facecolors="none",
                       edgecolors=colour, linewidths=1.6, zorder=4)
        style(ax)
        ax.set_title(w[m], fontsize=10, loc="left", color=TEXT_COLOUR)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: euros(v)))
        ax.yaxis.set_major_formatter(FuncFormatter(
            (lambda v, _: euros(v)) if m == "net_euros" else (lambda v, _: count(v))))
        ax.set_xlabel(w["x"], fontsize=8.5, color=NOTE_COLOUR)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    users = count(said["users"])
    note = w["note"].format(platform=said["platform"], users=users, days=said["days"],
                            seeds=said["seeds"])
    # Title, legend and note get their own strips: the panels keep to the rect between them.
    fig.get_layout_engine().set(rect=(0, 0.045, 1, 0.83))
    fig.text(0.01, 0.995, w["title"] + "\n" + w["least"], fontsize=12, color=TEXT_COLOUR,
             va="top")
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.935),
               ncol=min(5, len(labels)), fontsize=8.5, frameon=False)
    fig.text(0.01, 0.005, "\n".join(textwrap.wrap(note, 190)), fontsize=7.5, color=NOTE_COLOUR,
             va="bottom")
    return save_figure(fig, out_base)


@speaks
def plan_chart(table: pd.DataFrame, said: dict[str, Any], out_base: str | Path,
               lang: str = "en") -> list[Path]:
    """Allocations (left) and the goal on test seeds (right), one row per plan."""
    from matplotlib.ticker import FuncFormatter

    plt = pyplot()
    nl = lang == "nl"
    w = PLAN_WORDS["nl" if nl else "en"]
    goal = said["goal"]
    col = GOAL_COLUMNS[goal]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.4), layout="constrained",
                                      sharey=True, width_ratios=(1.3, 1))
    rows = table.iloc[::-1].reset_index(drop=True)  # best at the top, under the base
    y = range(len(rows))
    levers = [*said["levers"], "buy"]
    for k, lv in enumerate(levers):
        widths = rows[f"{lv}_euros"].to_numpy(float)
        starts = sum(rows[f"{x}_euros"].to_numpy(float) for x in levers[:k]) if k else 0.0
        if widths.any():
            left.barh(list(y), widths, left=starts, color=lever_colour(lv, k), height=0.6,
                      label=LEVERS[lv].label(lang), hatch="//" if lv == "buy" else None,
                      edgecolor="white", linewidth=0.5)
    left.set_yticks(list(y))
    left.set_yticklabels([w[p] for p in rows["plan"]])
    left.xaxis.set_major_formatter(FuncFormatter(lambda v, _: euros(v)))
    left.set_xlabel(w["money"], fontsize=9, color=NOTE_COLOUR)
    left.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                ncol=3)
    style(left)
    means = rows[f"{col}_mean"].to_numpy(float)
    ses = rows[f"{col}_se"].to_numpy(float)
    colours = [PLAN_COLOURS.get(p, NOTE_COLOUR) for p in rows["plan"]]
    right.barh(list(y), means, xerr=ses, color=colours, height=0.6, capsize=3)
    fmt = (lambda v: euros(v)) if goal == "net_euros" else (lambda v: count(v))
    for i, (m, share) in enumerate(zip(means, rows["wins"], strict=True)):
        right.text(m, i + 0.36, f" {fmt(m)}  ·  " + w["wins"].format(
            share=f"{share:.0%}".replace(".", ",") if nl else f"{share:.0%}"),
            fontsize=8, color=TEXT_COLOUR, va="center")
    right.set_xlim(min(0.0, float(np.min(means - ses)) * 1.3),
                   max(1.0, float(np.max(means + ses))) * 1.35)  # room for the labels
    right.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    right.set_xlabel(GOAL_WORDS["nl" if nl else "en"][goal], fontsize=9, color=NOTE_COLOUR)
    style(right)
    title = w["title"].format(budget=euros(said["budget"]), days=said["days"],
                              goal=GOAL_WORDS["nl" if nl else "en"][goal])
    fig.suptitle(title + "\n" + w["sub"].format(seeds=said["seeds"]), fontsize=11, x=0.01,
                 ha="left", color=TEXT_COLOUR)
    fig.supxlabel(w["note"].format(platform=said["platform"], users=count(said["users"])),
                  fontsize=7.5, color=NOTE_COLOUR, x=0.01, ha="left")
    return save_figure(fig, out_base)


PLAN_COLOURS = {"base": "#BBBBBB", "best": "#0072B2", "alt1": "#56B4E9", "alt2": "#56B4E9",
                "buy": "#D55E00"}
