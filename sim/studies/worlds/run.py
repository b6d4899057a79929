"""Running a plausible-worlds study on the sweep engine, and writing its table and statement.

A study's folder (``results/<name>/``) holds::

    worlds.toml        the plan: scenarios, seeds, the assumptions and how many worlds (written
                       first; the same command resumes it, another study gets a new folder)
    tactic/            a sweep folder (sim.studies.sweep): the tactic in every world × seed
    baseline/          the baseline in every distinct world it sees × seed (a choice about
                       bought followers leaves an organic shop alone, so it runs once)
    worlds.csv         one row per world: its alternatives, each figure for the tactic and the
                       baseline (mean over seeds), the mean paired change (and its standard
                       error over seeds) and ratio, the headline's direction, on how many seeds
                       the tactic was lower, and whether the change is clear (beyond two
                       standard errors)
    statement.json     the conclusion in English and Dutch with the counts it rests on
    statement.txt      the English sentence; statement.nl.txt the Dutch one
    worlds.png/.svg    one mark per world against the baseline line, coloured by direction

Seed k gives both scenarios the same audience and draws in every world (common random
numbers), so a world's change comes from the tactic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.scenario.assumptions import get
from sim.studies.sweep.spec import SweepError
from sim.studies.sweep.studies import StudyOutcome, prepare_study_folder, run_arms
from sim.studies.worlds import statement as st
from sim.studies.worlds.plan import CUSTOMERS, HEADLINE, PLAN_FILE, Plan


def choose_folder(plan: Plan, out: str | Path) -> Path:
    """``out/<name>`` if it is new or holds this very study (then it resumes); otherwise the
    first ``out/<name>-2``, ``-3``, ... that is: an earlier study is never written over."""
    out = Path(out)
    for k in range(1, 10_000):
        folder = out / (plan.name if k == 1 else f"{plan.name}-{k}")
        try:
            prepare_study_folder(plan.to_dict(), folder, PLAN_FILE, "plausible-worlds study")
        except SweepError:
            continue
        return folder
    raise SweepError(f"{out}: no free folder name for {plan.name}; choose another --name")


def _baseline_points(plan: Plan) -> tuple[list[dict[str, Any]], list[int]]:
    """The distinct points the baseline sees (keys it lacks dropped), and each world's point."""
    flat = plan.baseline.to_dict()
    points: list[dict[str, Any]] = []
    where: list[int] = []
    for w in plan.worlds:
        point = {k: v for k, v in w.overrides if _has(flat, k)}
        if point not in points:
            points.append(point)
        where.append(points.index(point))
    return points, where


def _has(flat: dict, key: str) -> bool:
    table = key.rsplit(".", 1)[0]
    return "." not in key or get(flat, table) is not None


def run_worlds(
    plan: Plan,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
    draw=None,
) -> StudyOutcome:
    """Run every missing world × seed of both scenarios, then write the table, the statement
    and, if ``draw`` is given, the chart: ``draw(table, statement, out_base)`` returns the files
    it wrote (e.g. :func:`sim.present.charts.worlds.worlds_chart` with its language bound).

    ``folder`` must have been prepared by :func:`choose_folder`.

    Raises:
        SweepInterrupted: Ctrl-C; finished runs are kept, the same command resumes.
    """
    from sim.studies.sweep.points import make_point_spec
    from sim.studies.sweep.store import atomic_write

    folder = Path(folder)
    base_points, where = _baseline_points(plan)
    specs = {
        "tactic": make_point_spec(
            plan.tactic,
            [dict(w.overrides) for w in plan.worlds],
            plan.seeds,
            plan.metrics,
            name=f"{plan.name}-tactic",
            source="world",
        ),
        "baseline": make_point_spec(
            plan.baseline,
            base_points,
            plan.seeds,
            plan.metrics,
            name=f"{plan.name}-baseline",
            source="world (baseline)",
        ),
    }
    out, runs = run_arms(specs, folder, workers, dask, progress)
    if out.failed:
        return out
    table = world_table(plan, runs["tactic"], runs["baseline"], where)
    atomic_write(folder / st.TABLE_FILE, table.to_csv(index=False).encode())
    keys = [a.key for a in plan.assumptions]
    said = st.build(table, keys, HEADLINE, plan.tactic.to_dict(), CUSTOMERS)
    said.update(
        {
            "clear_lower": int(((table["direction"] == "lower") & table["clear"]).sum()),
            "clear_higher": int(((table["direction"] == "higher") & table["clear"]).sum()),
            "tactic": plan.tactic.name,
            "baseline": plan.baseline.name,
            "seeds": plan.seeds,
            "platform": plan.tactic.platform,
            "users": plan.tactic.audience.users,
            "days": plan.tactic.days,
            "assumptions": {
                a.key: {"en": a.title, "nl": a.title_nl, "alternatives": sorted(set(table[a.key]))}
                for a in plan.assumptions
            },
            "table": st.TABLE_FILE,
        }
    )
    charts = []
    if draw is not None:
        charts = draw(table, said, folder / "worlds")
        said["chart"] = [p.name for p in charts]
    atomic_write(
        folder / st.STATEMENT_FILE, json.dumps(said, indent=2, ensure_ascii=False).encode()
    )
    for lang, name in st.TEXT_FILES.items():
        atomic_write(folder / name, (said[lang] + "\n").encode())
    out.table = table
    out.sentences = {HEADLINE: [said["en"]]}
    return out


def world_table(
    plan: Plan, tactic: pd.DataFrame, baseline: pd.DataFrame, where: list[int]
) -> pd.DataFrame:
    """One row per world from the two sweeps' runs tables (``point_index``, ``seed``, figures).

    Each figure gets the tactic's and the baseline's mean over seeds, the mean paired change
    (tactic − baseline, seed by seed) and the ratio of the means; the headline also gets its
    direction (the sign of the mean change) and the seeds on which the tactic was lower.
    """
    seeds = plan.seeds
    rows = []
    for w in plan.worlds:
        row: dict[str, Any] = {"world": w.index, "label": w.label, **dict(w.choices)}
        for m in plan.metrics:
            t = _per_seed(tactic, w.index, seeds, m)
            b = _per_seed(baseline, where[w.index], seeds, m)
            change = t - b
            row[f"{m}_tactic"] = float(t.mean())
            row[f"{m}_baseline"] = float(b.mean())
            row[f"{m}_change"] = float(change.mean())
            row[f"{m}_change_se"] = (
                float(change.std(ddof=1) / np.sqrt(len(change))) if len(change) > 1 else 0.0
            )
            row[f"{m}_ratio"] = float(t.mean() / b.mean()) if b.mean() else float("nan")
            if m == HEADLINE:
                mean = float(change.mean())
                scale = max(abs(float(b.mean())), 1e-12)
                row["direction"] = (
                    "same" if abs(mean) <= 1e-9 * scale else "lower" if mean < 0 else "higher"
                )
                row["seeds_lower"] = int((change < 0).sum())
                row["seeds"] = len(seeds)
                # Beyond two standard errors of the seeds' mean change: not the seeds' noise.
                row["clear"] = bool(abs(mean) > 2 * row[f"{m}_change_se"] > 0)
        rows.append(row)
    return pd.DataFrame(rows)


def _per_seed(runs: pd.DataFrame, point: int, seeds: list[int], metric: str) -> np.ndarray:
    rows = runs[runs["point_index"] == point].set_index("seed")[metric]
    return rows.reindex(seeds).to_numpy(dtype=float)
