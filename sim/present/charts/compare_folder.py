"""A comparison folder as the charts read it: the study's reader
(:mod:`sim.studies.comparison.folder`: ``comparison.toml`` and the tidy ``days.csv``, checked, the
arms in order) with a colour for each arm (:func:`read_comparison`), and the extra revenue of each
arm against the baseline.

Part of the comparison's charts (:mod:`sim.present.charts.compare`, which re-exports these
names); it draws nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from sim.present.charts.common import colours, tactic_colours
from sim.studies.comparison import folder as folder_of
from sim.studies.comparison.folder import COMPARISON_FILE as COMPARISON_FILE  # re-exported
from sim.studies.comparison.folder import DAYS_FILE as DAYS_FILE  # re-exported
from sim.studies.comparison.folder import Arms as Arms  # re-exported
from sim.studies.comparison.folder import ComparisonError as ComparisonError  # re-exported
from sim.studies.comparison.folder import (
    is_comparison_folder as is_comparison_folder,  # re-exported
)


def read_comparison(folder: str | Path) -> tuple[pd.DataFrame, Arms]:
    """The tidy day table of a comparison folder and its arms, as the study reads them
    (:func:`sim.studies.comparison.folder.read_comparison`), each arm given its colour.

    Raises:
        FileNotFoundError: no ``days.csv``.
        ComparisonError: no ``arm`` or ``seed`` column, or a baseline that is not an arm.
    """
    days, arms = folder_of.read_comparison(folder)
    return days, coloured(arms)


def coloured(arms: Arms) -> Arms:
    """``arms`` with a colour for each arm: its tactic's (shades where arms share one), or,
    where the comparison names no tactics, one palette colour each."""
    # An arm the file gives no tactic for gets a colour of its own, not the plain brand's.
    pal = (
        tactic_colours({a: arms.tactics.get(a, f"?{a}") for a in arms.names})
        if arms.tactics
        else colours(arms.names)
    )
    return replace(arms, colours=pal)


def add_incremental_revenue(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """A copy of ``days`` with ``incremental_revenue``: the arm's cumulative revenue minus the
    baseline arm's on the same seed and day (0 for the baseline itself)."""
    base = days[days["arm"] == baseline].set_index(["seed", "day"])["cumulative_revenue"]
    idx = pd.MultiIndex.from_frame(days[["seed", "day"]])
    out = days.copy()
    out["incremental_revenue"] = (
        days["cumulative_revenue"].to_numpy() - base.reindex(idx).to_numpy()
    )
    return out
