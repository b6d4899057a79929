"""Fit each platform preset's free constants on one set of seeds; check them on held-out seeds.

Two constants per preset are fitted; every other value is sourced or an assumption (the preset's
``[sources]`` says which):

- ``behaviour.like``: so a plain account's engagement per follower meets the published target
  (the statistic and target of ``tests/statistical/test_presets.py``);
- ``feed.test_threshold``: the platform's reference for a post's early response, set to a
  quarter of a plain account's median test signal. With ``test_steepness = 2`` the median post
  then widens with chance 16/17 (about 94%), a weaker one less: the reference describes how a
  platform compares a post with what accounts like it usually get, so a plain account passes
  most of its tests and a post whose early response halves loses ground. TikTok keeps 0
  (follower count is not a direct factor; every post reaches a first recommendation pool).

The two interact (likes are part of the test signal), so the fit alternates a few times. The
plain account: 1,000 organic followers, 20,000 users (``--users`` fits in another size; the
statistical tests check the presets at 20,000, though the shipped scenarios run at 100,000), one
post a day for 120 days, the first 30 days dropped as burn-in. Fit seeds 0-7; held-out seeds
100-107, which the statistical tests use.

    python experiments/calibrate_presets.py                    # every preset, about 3 minutes
    python experiments/calibrate_presets.py --users 100000     # fitted at the shipped size
    python experiments/calibrate_presets.py --presets instagram --rounds 2
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from sim.engine.runner import run  # noqa: E402
from sim.scenario import list_presets, load_preset, resolve  # noqa: E402

FIT_SEEDS = tuple(range(8))
HELD_OUT = tuple(range(100, 108))
BURN_IN = 30
# (statistic over posts of engagement per follower, target, tolerance low, high)
TARGETS = {
    "instagram": ("median", 0.0047, 0.0030, 0.0070),
    "facebook": ("mean", 0.0006, 0.0003, 0.0012),
    "x": ("mean", 0.00035, 0.000175, 0.0007),
    "linkedin": ("mean", 0.0017, 0.00085, 0.0034),
    "tiktok": ("median", 0.0569, 0.030, 0.090),
}
QUARTER = 4.0  # a plain account's median test signal, in units of the reference
USERS = 20_000  # the audience the statistical tests check the presets in


def _posts(args) -> pd.DataFrame:
    platform, seed, like, threshold, users = args
    sc = resolve(
        {
            "name": f"plain_{platform}",
            "platform": platform,
            "days": 120,
            "audience": {"users": users},
            "brand": {"initial_followers": 1000},
            "behaviour": {"like": like},
            "feed": {"test_threshold": threshold},
        }
    )
    p = run(sc, seed=seed).posts
    return p[p.day >= BURN_IN]


def measure(pool, platform: str, like: float, threshold: float, seeds, users: int = USERS) -> dict:
    """Engagement, test signal and reach of the plain account over ``seeds``."""
    frames = list(pool.map(_posts, [(platform, s, like, threshold, users) for s in seeds]))
    p = pd.concat(frames, ignore_index=True)
    stat = TARGETS[platform][0]
    rate = p["engagement_rate_follower"]
    return {
        "engagement": float(rate.median() if stat == "median" else rate.mean()),
        "signal": float(p["test_signal"].median()),
        "widen": float(p["widen"].mean()),
        "follower_reach": float((p["follower_impressions"] / p["followers"]).median()),
        "no_share": float((p["shares"] == 0).mean()),
    }


def fit(pool, platform: str, rounds: int, users: int = USERS) -> tuple[float, float]:
    preset = load_preset(platform)
    like = float(preset["behaviour"]["like"])
    threshold = float(preset["feed"]["test_threshold"])
    target = TARGETS[platform][1]
    for r in range(rounds):
        m = measure(pool, platform, like, threshold, FIT_SEEDS, users)
        print(
            f"  round {r}: like {like:.4f}, threshold {threshold:.4f} -> engagement "
            f"{m['engagement']:.4%} (target {target:.3%}), median signal {m['signal']:.4f}, "
            f"mean widen {m['widen']:.2f}",
            flush=True,
        )
        if m["engagement"] > 0:
            like = min(1.0, like * target / m["engagement"])
        if platform != "tiktok":
            threshold = m["signal"] / QUARTER
    return round(like, 4), round(threshold, 4)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presets", default=",".join(list_presets()))
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--users", type=int, default=USERS, help="the audience's size")
    args = ap.parse_args(argv)
    rows = []
    with ProcessPoolExecutor(args.workers) as pool:
        for platform in args.presets.split(","):
            print(f"{platform}: fitting on seeds {FIT_SEEDS}", flush=True)
            like, threshold = fit(pool, platform, args.rounds, args.users)
            held = measure(pool, platform, like, threshold, HELD_OUT, args.users)
            stat, target, lo, hi = TARGETS[platform]
            rows.append(
                {
                    "preset": platform,
                    "behaviour.like": like,
                    "feed.test_threshold": threshold,
                    f"held-out engagement ({stat})": f"{held['engagement']:.3%}",
                    "target": f"{target:.3%} ({lo:.3%}-{hi:.3%})",
                    "inside": lo <= held["engagement"] <= hi,
                    "mean widen": round(held["widen"], 2),
                    "follower reach": f"{held['follower_reach']:.0%}",
                    "posts without a share": f"{held['no_share']:.0%}",
                }
            )
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.to_string(index=False))
    return 0 if table["inside"].all() else 1


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
