"""Running a comparison on the sweep engine and writing the tables its charts draw.

A comparison's folder (``results/<name>/``) holds::

    comparison.toml   the plan: arms in order, baseline, seeds, each arm's tactic and tactic days
                      (written first; a rerun must match it, and then resumes)
    <arm>/            a sweep folder (sim.sweep) of that arm: one run file per seed
    days.csv          tidy: one row per arm × seed × day (the comparison charts read it)
    summary.csv       per arm: median, 5th and 95th percentile across seeds of the run figures,
                      and the return on the tactic's spend against the baseline

Seed k gives every arm the same audience and the same draws wherever the arm does not change
them (common random numbers), so differences between arms come from what the arms change.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.comparison.plan import Plan
from sim.sweep.studies import StudyOutcome, prepare_study_folder, run_arms, study_lock

COMPARISON_FILE, DAYS_FILE, SUMMARY_FILE = "comparison.toml", "days.csv", "summary.csv"
# Day columns kept in days.csv (those a run has; the rest stay in each arm's days.parquet).
KEEP = [
    "day", "posts", "followers", "real_followers", "followers_organic", "followers_bought",
    "followers_follow_back", "followers_giveaway", "real_reach", "real_reach_per_post",
    "engagement_rate_follower", "conversation_rate", "amplification_rate", "applause_rate",
    "visits", "purchases", "revenue", "cost", "cumulative_revenue", "cumulative_cost",
    "trust_followers", "engaged_real_followers",
]


def run_comparison(plan: Plan, folder: str | Path, workers: int | None = None,
                   dask: str | None = None, progress: bool = True) -> StudyOutcome:
    """Run every missing arm × seed (resuming), then write ``days.csv`` and ``summary.csv``.

    Returns:
        What ran; ``table`` is the summary once every run is done.

    Raises:
        ScenarioError: the folder holds a different comparison or something else.
        SweepInterrupted: Ctrl-C; finished runs are kept, the same call resumes.
    """
    from sim.safe_io import csv_bytes
    from sim.sweep.spec import make_spec
    from sim.sweep.store import atomic_write

    folder = Path(folder)
    specs = {a.slug: make_spec(a.scenario, {}, plan.seeds, plan.metrics,
                               name=f"{plan.name}-{a.slug}") for a in plan.arms}
    with study_lock(folder, "comparison"):  # a second compare here is told it is in use
        prepare_study_folder(plan.to_dict(), folder, COMPARISON_FILE, "comparison")
        out, runs = run_arms(specs, folder, workers, dask, progress)
        if out.failed:
            return out
        days = tidy_days(plan, folder)
        atomic_write(folder / DAYS_FILE, csv_bytes(days, index=False))
        out.table = summarise(plan, days, runs)
        atomic_write(folder / SUMMARY_FILE, csv_bytes(out.table))
    return out


def tidy_days(plan: Plan, folder: Path) -> pd.DataFrame:
    """One row per arm × seed × day from each arm's ``days.parquet``, arms in plan order, with
    the return on each arm's spend against the baseline (:func:`add_incremental_roi`)."""
    from sim.safe_io import parquet_schema, read_parquet

    frames = []
    for a in plan.arms:
        path = folder / a.slug / "days.parquet"
        names = set(parquet_schema(path, "day table", folder).names)
        cols = ["seed"] + [c for c in KEEP if c in names]
        frame = read_parquet(path, "day table", folder, columns=cols).to_pandas()
        frame.insert(0, "arm", a.label)
        frames.append(frame.sort_values(["seed", "day"], kind="stable"))
    return add_incremental_roi(pd.concat(frames, ignore_index=True), plan.baseline)


def add_incremental_roi(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """``incremental_revenue`` (cumulative revenue minus the baseline arm's, same seed and day)
    and ``incremental_roi``: (extra revenue − cost) ÷ cost, cumulative; NaN before any spend."""
    base = days[days["arm"] == baseline].set_index(["seed", "day"])["cumulative_revenue"]
    idx = pd.MultiIndex.from_frame(days[["seed", "day"]])
    out = days.copy()
    out["incremental_revenue"] = (days["cumulative_revenue"].to_numpy()
                                  - base.reindex(idx).to_numpy())
    cost = out["cumulative_cost"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["incremental_roi"] = np.where(
            cost > 0, (out["incremental_revenue"].to_numpy() - cost) / cost, np.nan)
    return out


def summarise(plan: Plan, days: pd.DataFrame, runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per arm (rows in plan order): median, 5th and 95th percentile across seeds of each run
    figure, and of ``incremental_roi`` on the last day (a ratio: 0.5 = 50% back on top)."""
    last = days[days["day"] == days["day"].max()].set_index(["arm", "seed"])["incremental_roi"]
    rows = {}
    for a in plan.arms:
        r = runs[a.slug].set_index("seed")
        figures = r[[m for m in plan.metrics if m in r]].astype(float)
        figures["incremental_roi"] = last.loc[a.label].reindex(figures.index).to_numpy()
        row = {}
        for m in figures:
            v = figures[m].dropna().to_numpy()
            for stat, f in (("median", np.median), ("p5", lambda x: np.quantile(x, 0.05)),
                            ("p95", lambda x: np.quantile(x, 0.95))):
                row[f"{m}_{stat}"] = float(f(v)) if v.size else np.nan
        rows[a.label] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "arm"
    return out


# What the terminal table shows: run figure, its heading and how to write it.
TABLE = (
    ("followers_end", "followers", "{:,.0f}"),
    ("followers_real_end", "real followers", "{:,.0f}"),
    ("mean_real_reach_per_post", "real reach/post (mean)", "{:,.0f}"),
    ("purchases", "purchases", "{:,.0f}"),
    ("cost", "tactic cost €", "{:,.0f}"),
    ("net_revenue", "revenue − cost €", "{:,.0f}"),
    ("incremental_roi", "return on spend", "{:+.0%}"),
)


def table_text(summary: pd.DataFrame, seeds: int) -> str:
    """The summary as a plain-text table of medians across seeds, one row per arm."""
    cols = [(m, head, fmt) for m, head, fmt in TABLE if f"{m}_median" in summary]
    width = max(len(str(a)) for a in summary.index)
    heads = [head for _, head, _ in cols]
    lines = [f"{'':<{width}}  " + "  ".join(f"{h:>{max(len(h), 10)}}" for h in heads)]
    for arm, row in summary.iterrows():
        cells = []
        for (m, head, fmt) in cols:
            v = row[f"{m}_median"]
            cells.append(f"{'—' if pd.isna(v) else fmt.format(v):>{max(len(head), 10)}}")
        lines.append(f"{arm:<{width}}  " + "  ".join(cells))
    lines.append(f"(medians of {seeds} runs per arm, the statistic the charts draw; return on "
                 "spend: extra revenue against the baseline, minus cost, per euro spent)")
    return "\n".join(lines)
