"""The organic-versus-bought study: "can't we just buy a few thousand followers?"

Seven arms run over a year for many seeds, with common random numbers (seed k gives every arm the
same audience and the same draws wherever the arm does not change them):

    organic · buy 1,000 · buy 5,000 · buy 20,000 · follow-for-follow · giveaway · micro-influencer

It writes, under ``results/organic_vs_bought/<run-id>/``: ``days.csv`` (tidy: arm × seed × day ×
metric), ``summary.csv`` (per arm: mean and 90% interval across seeds of the headline figures),
``comparison.toml`` (what ran: the arms in order, the baseline arm, seeds, users, days, seconds)
and the comparison charts of :mod:`sim.charts.compare` (PNG and SVG), each with a 90% band across
seeds. ``feedsim plot`` redraws them from the folder.

    python experiments/organic_vs_bought.py                  # 20 seeds, 100,000 users, 365 days
    python experiments/organic_vs_bought.py --seeds 6        # the shortened `make demo` version
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

# (arm label, scenario file, overrides). Labels are what a client reads on the charts.
ARMS = [
    ("organic", "organic", {}),
    ("buy 1,000", "organic", {"strategies.buy": {"days": [30], "count": 1_000}}),
    ("buy 5,000", "organic", {"strategies.buy": {"days": [30], "count": 5_000}}),
    ("buy 20,000", "organic", {"strategies.buy": {"days": [30], "count": 20_000}}),
    ("follow-for-follow", "follow_for_follow", {}),
    ("giveaway", "giveaway", {}),
    ("micro-influencer", "micro_influencer", {}),
]
# Every other arm is measured against this one (extra revenue, headlines of the charts).
BASELINE = "organic"

# Per-day columns kept from each run (the rest stay in the run's own Results).
KEEP = [
    "day", "posts", "followers", "real_followers", "followers_bought", "real_reach",
    "real_reach_per_post", "engagement_rate_follower", "conversation_rate", "amplification_rate",
    "applause_rate", "visits", "purchases", "revenue", "cost", "cumulative_revenue",
    "cumulative_cost", "trust_followers", "engaged_real_followers",
]


def arm_scenarios(users: int, days: int) -> dict:
    """The resolved scenario of every arm, shrunk or stretched to ``users`` and ``days``."""
    from sim.scenario import load_scenario

    out = {}
    for label, name, over in ARMS:
        sc = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        fit = {"audience.users": users, "days": days, "name": "study", **over}
        if sc.strategies.influencer is not None:  # keep booked days inside a shortened year
            fit["strategies.influencer.days"] = [d for d in sc.strategies.influencer.days
                                                 if d < days]
        out[label] = sc.with_overrides(fit, source=f"arm {label!r}")
    return out


def _reduce(label: str, seed: int, result) -> tuple[pd.DataFrame, dict]:
    frame = result.days[KEEP].copy()
    frame.insert(0, "seed", seed)
    frame.insert(0, "arm", label)
    return frame, {"arm": label, "seed": seed, **result.summary()}


def add_incremental_roi(days: pd.DataFrame) -> pd.DataFrame:
    """ROI of each arm against the baseline arm on the same seed and day:
    (revenue − baseline revenue − cost) ÷ cost, cumulative. NaN where nothing was spent yet."""
    from sim.charts.compare import add_incremental_revenue

    days = add_incremental_revenue(days, BASELINE)
    extra = days["incremental_revenue"].to_numpy()
    cost = days["cumulative_cost"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        days["incremental_roi"] = np.where(cost > 0, (extra - cost) / cost, np.nan)
    return days


def summarise(days: pd.DataFrame, summaries: list[dict]) -> pd.DataFrame:
    """Per arm: mean, 5th and 95th percentile across seeds of the run figures the metric
    catalogue summarises by default (``sim.metrics.DEFAULT_FIGURES``), plus engaged real
    followers and the return on the tactic's spend against organic."""
    from sim import metrics

    last = days[days["day"] == days["day"].max()].set_index(["arm", "seed"])
    runs = pd.DataFrame(summaries).set_index(["arm", "seed"])
    names = [*metrics.DEFAULT_FIGURES, "engaged_real_followers_end"]
    figures = runs[names].assign(incremental_roi=last["incremental_roi"])
    g = figures.groupby(level="arm", sort=False)
    out = pd.concat({"mean": g.mean(), "p5": g.quantile(0.05), "p95": g.quantile(0.95)}, axis=1)
    out.columns = [f"{metric}_{stat}" for stat, metric in out.columns]
    order = [label for label, _, _ in ARMS if label in out.index]
    return out.loc[order, sorted(out.columns)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20, help="seeds per arm (default 20)")
    ap.add_argument("--users", type=int, default=100_000, help="audience size (default 100,000)")
    ap.add_argument("--days", type=int, default=365, help="simulated days (default 365)")
    ap.add_argument("--workers", type=int, default=os.cpu_count(),
                    help="worker processes (default: all cores)")
    ap.add_argument("--out", default=str(ROOT / "results"), help="results root folder")
    args = ap.parse_args(argv)
    if args.seeds < 1 or args.workers < 1:
        ap.error("--seeds and --workers must be at least 1")

    from concurrent.futures import as_completed

    import tomli_w
    from tqdm import tqdm

    from sim.charts.compare import COMPARISON_FILE, comparison_charts
    from sim.results import new_run_dir
    from sim.runner import run
    from sim.scenario import ScenarioError
    from sim.sweep import LocalPool

    try:
        scenarios = arm_scenarios(args.users, args.days)
    except ScenarioError as exc:
        print(f"organic_vs_bought: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    jobs = [(label, sc, seed) for seed in range(args.seeds) for label, sc in scenarios.items()]
    frames, summaries = [], []
    # The sweep's local pool: spawned, reused worker processes with the kernels loaded once each.
    with LocalPool(args.workers) as pool:
        futures = {pool.submit(run, sc, seed): (label, seed) for label, sc, seed in jobs}
        with tqdm(total=len(jobs), unit="run", desc="organic vs bought") as bar:
            for fut in as_completed(futures):
                frame, summary = _reduce(*futures[fut], fut.result())
                frames.append(frame)
                summaries.append(summary)
                bar.update(1)
    order = {label: i for i, (label, _, _) in enumerate(ARMS)}
    days = pd.concat(frames, ignore_index=True)
    days = days.sort_values(["arm", "seed", "day"], key=lambda s: s.map(order) if s.name == "arm"
                            else s, kind="stable").reset_index(drop=True)
    days = add_incremental_roi(days)
    summary = summarise(days, summaries)
    elapsed = time.perf_counter() - t0

    folder = new_run_dir(args.out, "organic_vs_bought", 0)
    days.to_csv(folder / "days.csv", index=False)
    summary.to_csv(folder / "summary.csv")
    (folder / COMPARISON_FILE).write_text(tomli_w.dumps({
        "arms": [label for label, _, _ in ARMS],
        "baseline": BASELINE,
        "seeds": args.seeds,
        "users": args.users,
        "days": args.days,
        "workers": args.workers,
        "seconds": round(elapsed, 1),
    }), encoding="utf-8")
    charts = comparison_charts(folder)
    print(f"\n{len(jobs)} runs ({len(ARMS)} arms × {args.seeds} seeds, {args.users:,} users, "
          f"{args.days} days) in {elapsed:.0f} s")
    cols = ["followers_end_mean", "followers_real_end_mean", "mean_real_reach_per_post_mean",
            "purchases_mean", "cost_mean"]
    print(summary[cols].round(0).astype(int).rename(columns=lambda c: c.removesuffix("_mean"))
          .to_string())
    print(f"\nresults: {folder}")
    print("charts:")
    for path in charts:
        if path.suffix == ".png":
            print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
