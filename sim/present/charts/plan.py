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

from sim.base import presented_plan as pp
from sim.base.l10n import number
from sim.base.platform_names import platform_name
from sim.present.charts.common import (
    NOTE_COLOUR,
    OTHER_COLOURS,
    TACTIC_COLOURS,
    TEXT_COLOUR,
    count,
    euros,
    integer_ticks,
    pyplot,
    save_figure,
    speaks,
    style,
)
from sim.studies.plan.levers import LEVERS
from sim.studies.plan.words import CURVE_WORDS as WORDS
from sim.studies.plan.words import GOAL_COLUMNS, GOAL_WORDS, PLAN_WORDS

PANELS = ("followers_real_end", "engaged_real_followers_end", "purchases", "net_euros")


def _lever_colour(name: str, k: int) -> str:
    extra = {
        "boost": "#9467BD",
        "community": OTHER_COLOURS[0],
        "posts": OTHER_COLOURS[2],
        "content": OTHER_COLOURS[3],
        "replies": OTHER_COLOURS[1],
    }
    return TACTIC_COLOURS.get(name) or extra.get(name) or OTHER_COLOURS[k % len(OTHER_COLOURS)]


@speaks
def curves_chart(
    summary: pd.DataFrame, said: dict[str, Any], out_base: str | Path, lang: str = "en"
) -> list[Path]:
    """Draw ``out_base``.png/.svg; returns the files."""
    import textwrap

    plt = pyplot()
    w = WORDS["nl" if lang == "nl" else "en"]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.6), layout="constrained")
    levers = [lv for lv in dict.fromkeys(summary["lever"]) if lv != "buy"] + ["buy"]
    for ax, m in zip(axes.flat, PANELS, strict=True):
        for k, lv in enumerate(levers):
            rows = summary[summary["lever"] == lv].sort_values("spent")
            if rows.empty:
                continue
            colour = _lever_colour(lv, k)
            bought = lv == "buy"
            x = rows["spent"].to_numpy()
            ax.fill_between(x, rows[f"{m}_lo"], rows[f"{m}_hi"], color=colour, alpha=0.08, lw=0)
            ax.plot(
                x,
                rows[f"{m}_mean"],
                color=colour,
                lw=2.4 if bought else 1.8,
                ls="--" if bought else "-",
                marker="o",
                ms=3.5,
                label=LEVERS[lv].label(lang),
            )
            least = rows[rows[f"{m}_least"]]
            ax.scatter(
                least["spent"],
                least[f"{m}_mean"],
                s=110,
                facecolors="none",
                edgecolors=colour,
                linewidths=1.6,
                zorder=4,
            )
        style(ax)
        ax.set_title(w[m], fontsize=10, loc="left", color=TEXT_COLOUR)
        ax.xaxis.set_major_formatter(lambda v, _: euros(v))
        ax.yaxis.set_major_formatter(
            (lambda v, _: euros(v)) if m == "net_euros" else (lambda v, _: count(v))
        )
        if m != "net_euros":  # counts written whole: ticks at halves read "2, 2, 4, 4"
            integer_ticks(ax.yaxis)
        ax.set_xlabel(w["x"], fontsize=8.5, color=NOTE_COLOUR)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    note = w["note"].format(
        platform=platform_name(said["platform"]),
        users=number(said["users"], lang),
        days=number(said["days"], lang),
        seeds=number(said["seeds"], lang),
    )
    # Title, legend and note get their own strips: the panels keep to the rect between them.
    fig.get_layout_engine().set(rect=(0, 0.045, 1, 0.83))
    fig.text(0.01, 0.995, w["title"] + "\n" + w["least"], fontsize=12, color=TEXT_COLOUR, va="top")
    fig.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.935),
        ncol=min(5, len(labels)),
        fontsize=8.5,
        frameon=False,
    )
    fig.text(
        0.01,
        0.005,
        "\n".join(textwrap.wrap(note, 190)),
        fontsize=7.5,
        color=NOTE_COLOUR,
        va="bottom",
    )
    return save_figure(fig, out_base)


@speaks
def plan_chart(
    table: pd.DataFrame, said: dict[str, Any], out_base: str | Path, lang: str = "en"
) -> list[Path]:
    """Allocations (left) and the goal on test seeds (right), one row per plan."""
    import textwrap

    plt = pyplot()
    nl = lang == "nl"
    w = PLAN_WORDS["nl" if nl else "en"]
    goal = said["goal"]
    col = GOAL_COLUMNS[goal]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, 5.4), layout="constrained", sharey=True, width_ratios=(1.3, 1)
    )
    rows = table.iloc[::-1].reset_index(drop=True)  # best at the top, under the base
    y = range(len(rows))
    levers = [*said["levers"], "buy"]
    for k, lv in enumerate(levers):
        widths = rows[f"{lv}_euros"].to_numpy(float)
        starts = sum(rows[f"{x}_euros"].to_numpy(float) for x in levers[:k]) if k else 0.0
        if widths.any():
            left.barh(
                list(y),
                widths,
                left=starts,
                color=_lever_colour(lv, k),
                height=0.6,
                label=LEVERS[lv].label(lang),
                hatch="//" if lv == "buy" else None,
                edgecolor="white",
                linewidth=0.5,
            )
    left.set_yticks(list(y))
    left.set_yticklabels([w[p] for p in rows["plan"]])
    left.xaxis.set_major_formatter(lambda v, _: euros(v))
    left.set_xlabel(w["money"], fontsize=9, color=NOTE_COLOUR)
    left.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    style(left)
    means = rows[f"{col}_mean"].to_numpy(float)
    ses = rows[f"{col}_se"].to_numpy(float)
    colours = [PLAN_COLOURS.get(p, NOTE_COLOUR) for p in rows["plan"]]
    right.barh(list(y), means, xerr=ses, color=colours, height=0.6, capsize=3)
    fmt = (lambda v: euros(v)) if goal == "net_euros" else (lambda v: count(v))
    for i, plan in enumerate(rows["plan"]):  # the numbers as every page writes them
        right.text(
            means[i],
            i + 0.36,
            f" {pp.cell(table, plan, col, lang)}  ·  "
            + w["wins"].format(share=pp.text("wins", pp.value(table, plan, "wins"), lang)),
            fontsize=8,
            color=TEXT_COLOUR,
            va="center",
        )
    right.set_xlim(
        min(0.0, float(np.min(means - ses)) * 1.3), max(1.0, float(np.max(means + ses))) * 1.35
    )  # room for the labels
    right.xaxis.set_major_formatter(lambda v, _: fmt(v))
    if goal != "net_euros":
        integer_ticks(right.xaxis)
    right.set_xlabel(GOAL_WORDS["nl" if nl else "en"][goal], fontsize=9, color=NOTE_COLOUR)
    style(right)
    title = w["title"].format(
        budget=pp.text("spent", said["budget"], lang),
        days=number(said["days"], lang),
        goal=GOAL_WORDS["nl" if nl else "en"][goal],
    )
    fig.suptitle(
        title + "\n" + w["sub"].format(seeds=number(said["seeds"], lang)),
        fontsize=11,
        x=0.01,
        ha="left",
        color=TEXT_COLOUR,
    )
    fig.supxlabel(
        "\n".join(
            textwrap.wrap(
                w["note"].format(
                    platform=platform_name(said["platform"]), users=number(said["users"], lang)
                ),
                170,
            )
        ),
        fontsize=7.5,
        color=NOTE_COLOUR,
        x=0.01,
        ha="left",
    )
    return save_figure(fig, out_base)


PLAN_COLOURS = {
    "base": "#BBBBBB",
    "best": "#0072B2",
    "alt1": "#56B4E9",
    "alt2": "#56B4E9",
    "buy": "#D55E00",
}


# ---------------------------------------------------------------------------------------------
# From a folder (the registry of folder kinds: ``feedsim plot`` and ``feedsim report``)
# ---------------------------------------------------------------------------------------------


def scenario_facts(folder: Path, sweep: str) -> dict[str, Any]:
    """Platform, users and days of the scenario a study ran, from its first sweep's base (the
    resolved scenario every point starts from)."""
    from sim.base import safe_io

    base = safe_io.read_toml(folder / sweep / "sweep.toml", "sweep plan", folder).get("base", {})
    return {
        "platform": str(base.get("platform", "")),
        "users": int(base.get("audience", {}).get("users", 0)),
        "days": int(base.get("days", 0)),
    }


def read_plan(folder: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A finished plan's table (``plans.csv``) and what its chart says besides the numbers.

    Raises:
        FileNotFoundError: the plan has not finished (no ``plans.csv``).
    """
    from sim.base import safe_io

    if not (folder / "plans.csv").is_file():
        raise FileNotFoundError(
            f"{folder} has no plans.csv: the plan has not finished; run the "
            "same `feedsim plan` command again to complete it"
        )
    spec = safe_io.read_toml(folder / "plan.toml", "plan", folder)
    table = safe_io.read_csv(folder / "plans.csv", "plan table", folder, whole=True)
    said = {
        **scenario_facts(folder, "verdict"),
        "seeds": len(spec.get("test_seeds", [])),
        "budget": float(spec.get("budget", 0.0)),
        "goal": str(spec.get("goal", "")),
        "levers": list(spec.get("levers", [])),
        "caps": dict(spec.get("caps", {})),
    }
    return table, said


def read_curves(folder: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A finished response-curve study's summary and what its chart says besides the numbers.

    Raises:
        FileNotFoundError: the study has not finished (no ``curves_summary.csv``).
    """
    from sim.base import safe_io

    if not (folder / "curves_summary.csv").is_file():
        raise FileNotFoundError(
            f"{folder} has no curves_summary.csv: the study has not "
            "finished; run the same `feedsim curves` command again"
        )
    spec = safe_io.read_toml(folder / "curves.toml", "response-curve plan", folder)
    summary = safe_io.read_csv(folder / "curves_summary.csv", "curve table", folder, whole=True)
    said = {
        **scenario_facts(folder, "runs"),
        "seeds": len(spec.get("seeds", [])),
        "levers": list(spec.get("levers", [])),
        "amounts": list(spec.get("amounts", [])),
    }
    return summary, said


def _target(folder: Path, out: str | Path | None, stem: str, lang: str) -> Path:
    where = Path(out) if out else folder
    return where / (stem if lang == "en" else f"{stem}_{lang}")


def plan_charts(folder: str | Path, lang: str = "en", out: str | Path | None = None) -> list[Path]:
    """Draw a plan folder's chart (``plan.png``/``.svg``, ``plan_nl`` in Dutch)."""
    folder = Path(folder)
    table, said = read_plan(folder)
    return plan_chart(table, said, _target(folder, out, "plan", lang), lang=lang)


def curves_charts(
    folder: str | Path, lang: str = "en", out: str | Path | None = None
) -> list[Path]:
    """Draw a response-curve folder's chart (``curves.png``/``.svg``, ``curves_nl`` in Dutch)."""
    folder = Path(folder)
    summary, said = read_curves(folder)
    return curves_chart(summary, said, _target(folder, out, "curves", lang), lang=lang)
