"""The response-curve chart: each outcome against money, one line per lever with a band over
seeds, bought followers dashed at the same money, and a ring where the next euro buys least.

Drawn from the summary table :func:`sim.plan.curves.summarise` wrote, nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sim.charts.common import (
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
from sim.plan.levers import LEVERS

WORDS = {
    "en": {
        "followers_real_end": "real followers at the end",
        "engaged_real_followers_end": "engaged real followers at the end",
        "purchases": "purchases",
        "net_euros": "net euros (economic value − money spent)",
        "x": "money spent on the lever (euros)",
        "title": "What the money buys: each lever against the same money on bought followers",
        "least": "○ from here the next euro buys least",
        "note": "{platform}, {users} users, {days} days, {seeds} seeds on common random numbers; "
                "line: mean, band: lowest to highest seed. Costs: influencer fees and bought "
                "followers from published prices, all others assumptions (docs/sources.md)",
    },
    "nl": {
        "followers_real_end": "echte volgers aan het eind",
        "engaged_real_followers_end": "betrokken echte volgers aan het eind",
        "purchases": "aankopen",
        "net_euros": "netto euro's (economische waarde − uitgegeven geld)",
        "x": "geld besteed aan de hefboom (euro)",
        "title": "Wat het geld oplevert: elke hefboom tegenover hetzelfde geld aan gekochte "
                 "volgers",
        "least": "○ vanaf hier levert de volgende euro het minst op",
        "note": "{platform}, {users} gebruikers, {days} dagen, {seeds} seeds met "
                "gemeenschappelijke toevalsgetallen; lijn: gemiddelde, band: laagste tot "
                "hoogste seed. Kosten: "
                "influencertarieven en gekochte volgers uit gepubliceerde prijzen, de rest "
                "aannames (docs/sources.md)",
    },
}
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
