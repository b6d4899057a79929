"""The assumptions a result rests on, for the report's assumptions page.

When a sensitivity study is at hand (``sensitivity.csv`` in the folder, in a folder inside it,
or named with ``--sensitivity``), the page lists, per figure it studied, the assumptions that
move that figure most: their range, influence (Morris μ* or the total Sobol index), which way
raising them pushes the figure, and on what share of the design points they carry it across
zero. Otherwise the page lists every value the platform preset's ``[sources]`` marks as an
assumption, with the value the scenario uses and the source's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TOP = 5  # assumptions shown per studied figure


@dataclass(frozen=True)
class Assumptions:
    """The assumptions page's content.

    Attributes:
        mode: ``"sensitivity"`` (ranked by a study) or ``"preset"`` (listed from the preset).
        table: for ``"sensitivity"``: metric, quantity, rank, key, label, low, high, integer,
            influence, mu (signed), flip_share, method; for ``"preset"``: key, value, source.
        where: the sensitivity folder, or the preset's name.
    """

    mode: str
    table: pd.DataFrame
    where: str


def find_sensitivity(folder: Path) -> Path | None:
    """The sensitivity study in ``folder`` or one level inside it (the newest if several)."""
    from sim.studies.sensitivity.report import TABLE_FILE

    if (folder / TABLE_FILE).exists():
        return folder
    inside = sorted(folder.glob(f"*/{TABLE_FILE}"), key=lambda p: p.stat().st_mtime)
    return inside[-1].parent if inside else None


def from_sensitivity(folder: Path) -> Assumptions:
    """The top :data:`TOP` assumptions per studied figure of a finished sensitivity study."""
    from sim.studies.sensitivity.report import read_table

    table = read_table(folder)
    top = (
        table.sort_values(["metric", "rank"], kind="stable").groupby("metric", sort=False).head(TOP)
    )
    order = list(dict.fromkeys(table["metric"]))
    top = top.assign(_o=top["metric"].map(order.index)).sort_values(["_o", "rank"])
    return Assumptions("sensitivity", top.drop(columns="_o").reset_index(drop=True), str(folder))


def from_preset(scenario, platform: str) -> Assumptions:
    """Every value of the platform preset whose source starts with "assumption", with the value
    the scenario uses (the preset's when no scenario is kept), and every field of a trait the
    scenario switches on whose description calls it an assumption."""
    from sim.scenario import load_preset

    preset = load_preset(platform)
    values = scenario.to_dict() if scenario is not None else preset
    rows = []
    for key, text in preset.get("sources", {}).items():
        if not str(text).strip().lower().startswith("assumption"):
            continue
        rows.append({"key": key, "value": _lookup(values, key), "source": str(text)})
    if scenario is not None:  # traits it switches on (the owner's close ties by default)
        from sim.registry import active
        from sim.studies.sensitivity.parameters import assumption_sources

        traits = tuple(f"{cls.name}." for cls, _ in active(scenario) if cls.group == "traits")
        for key, text in assumption_sources(scenario).items():
            if traits and key.startswith(traits):
                rows.append({"key": key, "value": _lookup(values, key), "source": text})
    return Assumptions("preset", pd.DataFrame(rows, columns=["key", "value", "source"]), platform)


def _lookup(tree: dict, dotted: str):
    node = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def assumptions(source, sensitivity: str | Path | None = None) -> Assumptions:
    """The assumptions page of a :class:`sim.present.report.source.ReportSource`.

    Args:
        source: what the report is about.
        sensitivity: a sensitivity study's folder to use; default: one found in the folder.

    Raises:
        FileNotFoundError: ``sensitivity`` names a folder without a finished study.
    """
    found = Path(sensitivity) if sensitivity else find_sensitivity(source.folder)
    if found is not None:
        return from_sensitivity(found)
    return from_preset(source.scenario, source.platform)
