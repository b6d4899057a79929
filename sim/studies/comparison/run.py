"""Running a comparison on the sweep engine and writing the tables its charts draw.

A comparison's folder (``results/<name>/``) holds::

    comparison.toml   the plan: arms in order, baseline, seeds, each arm's tactic and tactic days
                      (written first; a rerun must match it, and then resumes)
    <arm>/            a sweep folder (sim.studies.sweep) of that arm: one run file per seed
    days.csv          tidy: one row per arm × seed × day (the comparison charts read it)
    summary.csv       per arm: median, 5th and 95th percentile across seeds of the run figures,
                      and the return on the tactic's spend against the baseline
    figures.csv       per arm: the presented figures (sim.base.presented) every chart, report and
                      the terminal quote: value (median of the runs), low and high (the band
                      of 90%) and, against the baseline, the change and the share of runs worse

Seed k gives every arm the same audience and the same draws wherever the arm does not change
them (common random numbers), so differences between arms come from what the arms change.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.studies.comparison.folder import COMPARISON_FILE, DAYS_FILE, read_comparison
from sim.studies.comparison.plan import Plan
from sim.studies.sweep.studies import StudyOutcome, prepare_study_folder, run_arms, study_lock

SUMMARY_FILE = "summary.csv"
FIGURES_FILE = "figures.csv"
# Day columns kept in days.csv (those a run has; the rest stay in each arm's days.parquet).
KEEP = [
    "day",
    "posts",
    "followers",
    "real_followers",
    "followers_organic",
    "followers_bought",
    "followers_follow_back",
    "followers_giveaway",
    "real_reach",
    "real_reach_per_post",
    "engagement_rate_follower",
    "conversation_rate",
    "amplification_rate",
    "applause_rate",
    "visits",
    "purchases",
    "revenue",
    "cost",
    "cumulative_revenue",
    "cumulative_cost",
    "trust_followers",
    "engaged_real_followers",
]


def run_comparison(
    plan: Plan,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
    meanwhile=None,
) -> StudyOutcome:
    """Run every missing arm × seed (resuming), then write ``days.csv`` and ``summary.csv``.

    ``meanwhile`` is called once while the first runs are under way (see
    :func:`sim.studies.sweep.studies.run_arms`).

    Returns:
        What ran; ``table`` is the summary once every run is done, and ``read`` the folder's
        day table, arms and presented figures as read back from ``days.csv`` and
        ``comparison.toml`` (:func:`read_figures`), for the charts and the text to use as
        they are.

    Raises:
        ScenarioError: the folder holds a different comparison or something else.
        SweepInterrupted: Ctrl-C; finished runs are kept, the same call resumes.
    """
    from sim.base.safe_io import csv_bytes
    from sim.studies.sweep.spec import make_spec
    from sim.studies.sweep.store import atomic_write

    folder = Path(folder)
    specs = {
        a.slug: make_spec(a.scenario, {}, plan.seeds, plan.metrics, name=f"{plan.name}-{a.slug}")
        for a in plan.arms
    }
    with study_lock(folder, "comparison"):  # a second compare here is told it is in use
        prepare_study_folder(plan.to_dict(), folder, COMPARISON_FILE, "comparison")
        out, runs = run_arms(specs, folder, workers, dask, progress, meanwhile)
        if out.failed:
            return out
        days = tidy_days(plan, folder)
        atomic_write(folder / DAYS_FILE, csv_bytes(days, index=False))
        out.table = summarise(plan, days, runs)
        atomic_write(folder / SUMMARY_FILE, csv_bytes(out.table))
        out.read = read_figures(folder)
        atomic_write(folder / FIGURES_FILE, csv_bytes(figures_frame(folder, out.read), index=False))
    return out


def read_figures(folder: str | Path):
    """``(days, arms, figures)``: the comparison folder's day table and arms as read back from
    its files (:func:`sim.studies.comparison.folder.read_comparison`) and their presented
    figures (:func:`sim.base.presented.compute`), which its charts, reports and text show."""
    from sim.base.presented import compute

    days, arms = read_comparison(folder)
    return days, arms, compute(days, "arm", list(arms.names), arms.baseline, arms.marks)


def figures_frame(folder: str | Path, read=None) -> pd.DataFrame:
    """The comparison's presented figures, one row per arm and figure: the very numbers its
    charts, reports and the terminal show (:func:`sim.base.presented.compute`); ``read``:
    the folder as :func:`read_figures` gave it (default: read now)."""
    _, _, t = read if read is not None else read_figures(folder)
    rows = []
    for g in t.groups:
        for n in t.names():
            rows.append(
                {
                    "arm": g,
                    "figure": n,
                    "value": t.value(g, n),
                    "low": float(t.low.loc[g, n]),
                    "high": float(t.high.loc[g, n]),
                    "change": float(t.change.loc[g, n]) if n in t.change else np.nan,
                    "worse_share": float(t.worse.loc[g, n]) if n in t.worse else np.nan,
                    "runs": t.seeds,
                }
            )
    return pd.DataFrame(rows)


def tidy_days(plan: Plan, folder: Path) -> pd.DataFrame:
    """One row per arm × seed × day from each arm's ``days.parquet``, arms in plan order, with
    the return on each arm's spend against the baseline (:func:`add_incremental_roi`)."""
    from sim.base.safe_io import parquet_schema, read_parquet

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
    out["incremental_revenue"] = (
        days["cumulative_revenue"].to_numpy() - base.reindex(idx).to_numpy()
    )
    cost = out["cumulative_cost"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["incremental_roi"] = np.where(
            cost > 0, (out["incremental_revenue"].to_numpy() - cost) / cost, np.nan
        )
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
            for stat, f in (
                ("median", np.median),
                ("p5", lambda x: np.quantile(x, 0.05)),
                ("p95", lambda x: np.quantile(x, 0.95)),
            ):
                row[f"{m}_{stat}"] = float(f(v)) if v.size else np.nan
        rows[a.label] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "arm"
    return out


# What the terminal table shows: presented figures (sim.base.presented), in this order.
TABLE = (
    "followers_end",
    "real_followers_end",
    "real_reach_per_post",
    "purchases",
    "cost",
    "net_revenue",
    "net_vs_baseline",
    "return_on_spend",
)


def figures_text(folder: str | Path, lang: str = "en", read=None) -> str:
    """The comparison's key figures as a plain-text table, one row per arm, then the verdict:
    the catalogue's figures (:mod:`sim.base.presented`), the same the charts and reports show;
    ``read``: the folder as :func:`read_figures` gave it (default: read now)."""
    from sim.base.i18n import tr
    from sim.base.presented import FIGURE, cell, change_text, verdict

    _, arms, t = read if read is not None else read_figures(folder)
    names = [n for n in TABLE if n in t.names()]
    heads = [FIGURE[n].label(lang) for n in names]
    rows = []
    for g in t.groups:
        cells = []
        for n in names:
            text = cell(t, g, n, lang)
            if n == "real_reach_per_post" and g != t.baseline:
                text += f" ({change_text(t, g, n, lang)})"
            cells.append(text)
        rows.append((arms.shown(g, lang), cells))
    first = max(len(r[0]) for r in rows)
    widths = [max(len(h), *(len(r[1][j]) for r in rows)) for j, h in enumerate(heads)]
    # A return too small to print as a percentage is said in words: it may run long.
    widths = [min(w, 28) for w in widths]
    lines = [
        f"{'':<{first}}  " + "  ".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True))
    ]
    for name, cells in rows:
        lines.append(
            f"{name:<{first}}  "
            + "  ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
        )
    lines.append(
        "(" + tr("each figure is the median of {n} simulated runs", lang).format(n=t.seeds) + ")"
    )
    lines += [
        verdict(t, g, lang, arms.shown(g, lang), arms.shown(t.baseline, lang))
        for g in t.groups
        if g != t.baseline
    ]
    return "\n".join(lines)
