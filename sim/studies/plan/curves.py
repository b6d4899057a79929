"""Response curves: what each lever's money buys, on common random numbers, with a band over seeds.

``feedsim curves SCENARIO --lever influencer --budget 0:5000`` spends an even ladder of amounts
on each lever over the base scenario (:mod:`sim.studies.plan.levers`), and the same amounts on
bought followers, all on the same seeds: seed k gives every point the same audience and draws, so
the difference between two points comes from the money. One sweep (:mod:`sim.studies.sweep`) runs
them, so it resumes run by run. A study's folder (``results/<name>/``) holds::

    curves.toml          the plan (written first; the same command resumes it, another
                         plan gets a new folder: a study is never written over)
    runs/                the sweep: every point × seed
    curves.csv           one row per point and seed: lever, euros asked and really spent,
                         the outcomes, and net euros (economic value − the money spent)
    curves_summary.csv   one row per point: each outcome's mean, lowest and highest over
                         seeds, and the point after which the next euro buys least
    curves.png/.svg      (curves_nl.png/.svg in Dutch) outcome against money, one panel per
                         outcome, one line per lever with its band, bought followers dashed

Net euros count every lever's money alike (economic value of the run − what was spent on the
lever), whether the run charges it (a tactic's fee) or not (the brand's own production hours).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.base.i18n import Said
from sim.scenario import Scenario, ScenarioError
from sim.studies.plan.levers import apply

PLAN_FILE = "curves.toml"
TABLE_FILE = "curves.csv"
SUMMARY_FILE = "curves_summary.csv"
RUN_METRICS = ("followers_real_end", "engaged_real_followers_end", "purchases", "revenue")
OUTCOMES = ("followers_real_end", "engaged_real_followers_end", "purchases", "net_euros")
COMPARISON = "buy"


@dataclass(frozen=True)
class Point:
    """One point of the ladder: a lever, the euros asked, the keys that spend them, the euros
    really spent (whole posts, whole staff)."""

    lever: str
    asked: float
    keys: tuple[tuple[str, Any], ...]
    spent: float


@dataclass
class CurvesPlan:
    """A validated response-curve study, before anything runs."""

    name: str
    base: Scenario
    levers: list[str]
    amounts: list[float]
    seeds: list[int]
    points: list[Point]  # points[0] is the base itself (no money), shared by every lever

    def to_dict(self) -> dict[str, Any]:
        """The study as the study folder records it: its name, a digest of the base scenario,
        levers, amounts, seeds and figures; a folder holding another study is not reused."""
        digest = hashlib.sha256(self.base.to_toml().encode()).hexdigest()[:16]
        return {
            "name": self.name,
            "base": self.base.name,
            "scenario": digest,
            "levers": list(self.levers),
            "amounts": list(self.amounts),
            "seeds": list(self.seeds),
            "metrics": list(RUN_METRICS),
        }


def parse_budget(text: str) -> tuple[float, float]:
    """``--budget 0:5000`` -> (0, 5000); ``--budget 3000`` -> (0, 3000)."""
    lo, sep, hi = text.partition(":")
    try:
        lo_v, hi_v = (float(lo), float(hi)) if sep else (0.0, float(lo))
    except ValueError:
        raise ScenarioError(
            Said("--budget {text!r}: give euros as FROM:TO, e.g. 0:5000", {"text": text})
        ) from None
    if not 0 <= lo_v < hi_v or not np.isfinite(hi_v):
        raise ScenarioError(
            Said(
                "--budget {text!r}: FROM must be at least 0 and below TO, e.g. 0:5000",
                {"text": text},
            )
        )
    return lo_v, hi_v


def with_months(base: Scenario, months: float | None) -> Scenario:
    """The base over ``months`` months (30.4 days each), or as written."""
    if months is None:
        return base
    if not 0 < months <= 120:
        raise ScenarioError(Said("--months {months:g}: give 1 to 120 months", {"months": months}))
    return base.with_overrides(
        {"days": max(1, round(months * 365 / 12))}, source=f"{base.name} over {months:g} months"
    )


def make_curves(
    base: Scenario,
    levers: list[str],
    budget: tuple[float, float],
    points: int = 6,
    seeds: list[int] | None = None,
    name: str | None = None,
) -> CurvesPlan:
    """The ladder of amounts for each lever, and the same amounts on bought followers.

    Raises:
        ScenarioError: fewer than 2 points, no seed, or a base that already uses a lever.
    """
    from sim.scenario import safe_name

    if points < 2:
        raise ScenarioError(
            Said("--points {points}: give at least 2 (the base and one amount)", {"points": points})
        )
    seeds = list(seeds if seeds is not None else range(3))
    if not seeds:
        raise ScenarioError("give at least one seed")
    amounts = [float(round(x, 2)) for x in np.linspace(budget[0], budget[1], points)]
    out = [Point("", 0.0, (), 0.0)]
    for lever in [*levers, COMPARISON]:
        seen = set()
        for euros in amounts:
            keys, spent = apply(base, lever, euros)
            frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in keys.items())
            if not keys or frozen in seen:  # nothing bought yet, or the same as a cheaper amount
                continue
            seen.add(frozen)
            out.append(Point(lever, euros, tuple(keys.items()), float(spent)))
    return CurvesPlan(
        safe_name(name or f"{base.name}-curves", "curves"), base, list(levers), amounts, seeds, out
    )


def choose_folder(plan: CurvesPlan, out: str | Path) -> Path:
    """``out/<name>`` if new or holding this very study; else the first free ``-2``, ``-3``."""
    from sim.studies.sweep.spec import SweepError
    from sim.studies.sweep.studies import prepare_study_folder

    out = Path(out)
    for k in range(1, 10_000):
        folder = out / (plan.name if k == 1 else f"{plan.name}-{k}")
        try:
            prepare_study_folder(plan.to_dict(), folder, PLAN_FILE, "response-curve study")
        except SweepError:
            continue
        return folder
    raise SweepError(f"{out}: no free folder name for {plan.name}; choose another --name")


def run_curves(
    plan: CurvesPlan,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
):
    """Run every missing point × seed, then write the tables (the chart is drawn by
    :func:`sim.present.charts.plan.curves_chart` from them).

    Raises:
        SweepInterrupted: Ctrl-C; finished runs are kept, the same command resumes.
    """
    from sim.studies.sweep.points import make_point_spec
    from sim.studies.sweep.store import atomic_write
    from sim.studies.sweep.studies import run_arms

    folder = Path(folder)
    spec = make_point_spec(
        plan.base,
        [dict(p.keys) for p in plan.points],
        plan.seeds,
        RUN_METRICS,
        name=f"{plan.name}-runs",
        source="curve",
    )
    out, runs = run_arms({"runs": spec}, folder, workers, dask, progress)
    if out.failed:
        return out
    table = curve_table(plan, runs["runs"])
    summary = summarise(table)
    atomic_write(folder / TABLE_FILE, table.to_csv(index=False).encode())
    atomic_write(folder / SUMMARY_FILE, summary.to_csv(index=False).encode())
    out.table = summary
    return out


def chart_name(lang: str) -> str:
    """The chart's file name, without its suffix, in ``lang``: ``curves`` or ``curves_<lang>``."""
    return "curves" if lang == "en" else f"curves_{lang}"


def plan_words(plan: CurvesPlan) -> dict[str, Any]:
    """What the chart says about the study besides its numbers."""
    return {
        "users": plan.base.audience.users,
        "days": plan.base.days,
        "seeds": len(plan.seeds),
        "platform": plan.base.platform,
        "base": plan.base.name,
    }


def curve_table(plan: CurvesPlan, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per point and seed; the base point appears once under every lever (money 0)."""
    rows = []
    for i, p in enumerate(plan.points):
        for _, r in runs[runs["point_index"] == i].iterrows():
            row = {"lever": p.lever, "asked": p.asked, "spent": p.spent, "seed": int(r["seed"])}
            row.update({m: float(r[m]) for m in RUN_METRICS})
            row["net_euros"] = row["revenue"] - p.spent
            rows.append(row)
    t = pd.DataFrame(rows)
    base = t[t["lever"] == ""]
    # Every lever's curve starts at the same base runs: no money, same seeds.
    t = pd.concat(
        [t[t["lever"] != ""]] + [base.assign(lever=lv) for lv in [*plan.levers, COMPARISON]]
    )
    return t.sort_values(["lever", "spent", "seed"], kind="stable").reset_index(drop=True)


def summarise(table: pd.DataFrame) -> pd.DataFrame:
    """Per lever and amount: each outcome's mean, lowest and highest over seeds, and
    ``<outcome>_least``: True at the point after which the next euro buys least (the smallest
    gain per euro to the next point; the last point when every step gains alike)."""
    g = table.groupby(["lever", "spent"], sort=True)
    cols = list(OUTCOMES)
    out = g[cols].mean().add_suffix("_mean")
    out = out.join(g[cols].min().add_suffix("_lo")).join(g[cols].max().add_suffix("_hi"))
    out = out.join(g["asked"].min()).reset_index()
    for m in OUTCOMES:
        out[f"{m}_per_euro"] = np.nan
        out[f"{m}_least"] = False
        for _, rows in out.groupby("lever"):
            idx = rows.index.to_numpy()
            if len(idx) < 2:
                continue
            x = rows["spent"].to_numpy()
            y = rows[f"{m}_mean"].to_numpy()
            slope = np.diff(y) / np.diff(x)  # gain per euro of the next step
            out.loc[idx[:-1], f"{m}_per_euro"] = slope
            out.loc[idx[int(np.argmin(slope))], f"{m}_least"] = True
    return out
