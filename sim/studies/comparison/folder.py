"""A comparison folder as the study, its charts and its reports read it: ``comparison.toml`` and
the tidy ``days.csv`` (one row per arm × seed × day), checked, with the arms in the order they
first appear, each arm's tactic, the days its tactics act and its scenario's titles
(:func:`read_comparison`). It draws nothing: the charts give the arms their colours
(:mod:`sim.present.charts.compare_folder`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.base import safe_io
from sim.registry import mark_label

COMPARISON_FILE, DAYS_FILE = "comparison.toml", "days.csv"


class ComparisonError(ValueError):
    """A folder that cannot be read as a comparison (no arm or seed column, unknown baseline)."""


@dataclass(frozen=True)
class Arms:
    """The arms of a comparison.

    Attributes:
        names: the arms, in order of first appearance.
        baseline: the arm the others are measured against.
        colours: one colour per arm (given by the charts; empty as the study reads it).
        seeds: seeds per arm.
        marks: per arm, (what, day) of the days its tactics act.
        description: what the comparison asks, for the foot of each chart.
        titles: per arm named after its scenario, the scenario's titles by language.
        tactics: per arm, the tactic it tries, where the comparison's file names one.
        description_nl: the same question in Dutch ("": none given).
    """

    names: tuple[str, ...]
    baseline: str
    colours: dict[str, str]
    seeds: int
    marks: dict[str, list] = field(default_factory=dict)
    description: str = ""
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    tactics: dict[str, str] = field(default_factory=dict)
    description_nl: str = ""

    def about(self, lang: str = "en") -> str:
        """What the comparison asks, in ``lang`` ("" where it has no text in that language: an
        English text is never shown to a Dutch reader)."""
        return self.description_nl if lang == "nl" else self.description

    def shown(self, arm: str, lang: str = "en") -> str:
        """The arm as a client reads it: its scenario's title in ``lang`` when the arm was
        named after its scenario, else the label as the user wrote it."""
        return self.titles.get(arm, {}).get(lang) or arm


def is_comparison_folder(folder: str | Path) -> bool:
    """Whether ``folder`` was written as a comparison (it holds ``comparison.toml``)."""
    return (Path(folder) / COMPARISON_FILE).exists()


def arm_titles(folder: Path, spec: dict) -> dict[str, dict[str, str]]:
    """Per arm named after its scenario (the label is the scenario's name), the scenario's
    English and Dutch titles, read from the arm's kept scenario; labels a user wrote stay."""
    out: dict[str, dict[str, str]] = {
        arm: {"en": arm, "nl": str(nl)} for arm, nl in spec.get("labels_nl", {}).items()
    }
    for arm, slug in spec.get("folders", {}).items():
        if arm in out:
            continue
        path = folder / str(slug) / "sweep.toml"
        try:
            base = safe_io.read_toml(path, "sweep spec", folder).get("base", {})
        except (OSError, ValueError):  # unreadable or damaged: the arm keeps its label
            continue
        if str(base.get("name", "")).replace("_", " ") != arm:
            continue
        en = str(base.get("title") or "").strip()
        nl = str(base.get("title_nl") or "").strip()
        if en or nl:
            out[arm] = {"en": en or arm, "nl": nl or en or arm}
    return out


def read_comparison(folder: str | Path) -> tuple[pd.DataFrame, Arms]:
    """The tidy day table of a comparison folder and its arms (without colours).

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
        raise ComparisonError(
            f"{folder / COMPARISON_FILE}: baseline {baseline!r} is not an arm "
            f"of {DAYS_FILE} ({', '.join(names)})"
        )
    tactics = {a: str(t) for a, t in spec.get("tactics", {}).items()}
    # Each mark is [tactic, key, day] (sim.registry.tactic_days), named here in words.
    marks = {
        a: [
            (mark_label(str(m[0]), str(m[1])), int(m[-1])) for m in spec.get("marks", {}).get(a, [])
        ]
        for a in names
    }
    return days, Arms(
        names,
        baseline,
        {},
        int(days["seed"].nunique()),
        marks,
        str(spec.get("description", "")),
        arm_titles(folder, spec),
        tactics,
        str(spec.get("description_nl", "")),
    )
