"""A comparison folder as the charts read it: ``comparison.toml`` and the tidy ``days.csv`` (one
row per arm × seed × day), checked, with the arms in the order they first appear
(:func:`read_comparison`), and the extra revenue of each arm against the baseline.

Part of the comparison's charts (:mod:`sim.present.charts.compare`, which re-exports these
names); it draws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.base import safe_io
from sim.present.charts.common import (
    colours,
    mark_label,
    tactic_colours,
)
from sim.present.charts.quotes import (
    arm_titles,
)

COMPARISON_FILE, DAYS_FILE = "comparison.toml", "days.csv"


class ComparisonError(ValueError):
    """A folder that cannot be drawn as a comparison (no arm or seed column, unknown baseline)."""


@dataclass(frozen=True)
class Arms:
    """The arms of a comparison as the charts draw them.

    Attributes:
        names: the arms, in order of first appearance.
        baseline: the arm the others are measured against.
        colours: one colour per arm.
        seeds: seeds per arm.
        marks: per arm, (what, day) of the days its tactics act.
        description: what the comparison asks, for the foot of each chart.
    """

    names: tuple[str, ...]
    baseline: str
    colours: dict[str, str]
    seeds: int
    marks: dict[str, list] = field(default_factory=dict)
    description: str = ""
    titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def shown(self, arm: str, lang: str = "en") -> str:
        """The arm as a client reads it: its scenario's title in ``lang`` when the arm was
        named after its scenario, else the label as the user wrote it."""
        return self.titles.get(arm, {}).get(lang) or arm


def is_comparison_folder(folder: str | Path) -> bool:
    """Whether ``folder`` was written as a comparison (it holds ``comparison.toml``)."""
    return (Path(folder) / COMPARISON_FILE).exists()


def read_comparison(folder: str | Path) -> tuple[pd.DataFrame, Arms]:
    """The tidy day table of a comparison folder and its arms.

    Raises:
        FileNotFoundError: no ``days.csv``.
        ComparisonError: no ``arm`` or ``seed`` column, or a baseline that is not an arm.
    """
    folder = Path(folder)
    if not (folder / DAYS_FILE).exists():
        raise FileNotFoundError(f"{folder} is not a comparison folder (no {DAYS_FILE})")
    days = safe_io.read_csv(folder / DAYS_FILE, "day table", folder, whole=True)
    missing = [c for c in ("arm", "seed", "day") if c not in days]
    if missing:
        raise ComparisonError(f"{folder / DAYS_FILE} has no {', '.join(missing)} column")
    days["arm"] = days["arm"].astype(str)
    spec = {}
    if is_comparison_folder(folder):
        spec = safe_io.read_toml(folder / COMPARISON_FILE, "comparison spec", folder)
    names = tuple(dict.fromkeys(days["arm"]))
    if not names:
        raise ComparisonError(f"{folder / DAYS_FILE} has no rows")
    baseline = str(spec.get("baseline", names[0]))
    if baseline not in names:
        raise ComparisonError(f"{folder / COMPARISON_FILE}: baseline {baseline!r} is not an arm "
                              f"of {DAYS_FILE} ({', '.join(names)})")
    tactics = spec.get("tactics", {})
    # An arm the file gives no tactic for gets a colour of its own, not the plain brand's.
    pal = (tactic_colours({a: str(tactics.get(a, f"?{a}")) for a in names}) if tactics
           else colours(names))
    # Each mark is [tactic, key, day] (sim.registry.tactic_days), named here in words.
    marks = {a: [(mark_label(str(m[0]), str(m[1])), int(m[-1]))
                 for m in spec.get("marks", {}).get(a, [])] for a in names}
    return days, Arms(names, baseline, pal, int(days["seed"].nunique()), marks,
                      str(spec.get("description", "")), arm_titles(folder, spec))


def add_incremental_revenue(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """A copy of ``days`` with ``incremental_revenue``: the arm's cumulative revenue minus the
    baseline arm's on the same seed and day (0 for the baseline itself)."""
    base = days[days["arm"] == baseline].set_index(["seed", "day"])["cumulative_revenue"]
    idx = pd.MultiIndex.from_frame(days[["seed", "day"]])
    out = days.copy()
    out["incremental_revenue"] = (days["cumulative_revenue"].to_numpy()
                                  - base.reindex(idx).to_numpy())
    return out
