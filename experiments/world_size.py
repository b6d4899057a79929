"""Does a plain shop's result depend on the size of the simulated world?

A plain shop (a preset's defaults, 1,000 organic followers, one post a day) runs in audiences of
different sizes on the same seeds; the script prints, per preset and size, three intensive
figures and, per preset, the ratio of the largest size's figure to the smallest's:

- engagement per follower: engagements per follower per post, over the posts of every seed, by
  the statistic the preset is calibrated on (the median post on Instagram and TikTok, the mean
  on Facebook, X and LinkedIn, whose median post has no engagement);
- reach share: the median post's real accounts reached per follower at the time of posting
  (over the posts of every seed);
- growth: real followers at the end over the 1,000 at the start (the geometric mean over seeds).

A figure that does not depend on the world's size gives a ratio near 1.

    python experiments/world_size.py                 # 50k and 200k, 180 days, 8 seeds
    python experiments/world_size.py --sizes 30000 120000 --days 120 --presets tiktok
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from sim.engine.runner import run  # noqa: E402
from sim.scenario import list_presets, resolve  # noqa: E402

FIGURES = ("engagement", "reach_share", "growth")
START = 1_000
# The statistic each preset's engagement is calibrated on (experiments/calibrate_presets.py).
STATISTIC = {
    "instagram": "median",
    "tiktok": "median",
    "facebook": "mean",
    "x": "mean",
    "linkedin": "mean",
}


def plain_shop(platform: str, users: int, days: int, **extra):
    """A plain shop on a preset: its defaults, 1,000 organic followers, one post a day."""
    spec = {
        "platform": platform,
        "days": days,
        "audience": {"users": users},
        "brand": {"initial_followers": START, "posts_per_week": 7},
    }
    for key, value in extra.items():
        spec.setdefault(key, {}).update(value)
    return resolve(spec)


def measure(platform: str, users: int, days: int, seeds, **extra) -> dict[str, float]:
    """The figures of a plain shop over ``seeds`` (see the module docstring)."""
    posts, growth = [], []
    for s in seeds:
        result = run(plain_shop(platform, users, days, **extra), seed=s)
        p = result.posts
        posts.append(p[p.followers > 0])
        growth.append(float(result.days["real_followers"].iloc[-1]) / START)
    p = pd.concat(posts, ignore_index=True)
    rate = p.engagement_rate_follower
    return {
        "engagement": float(rate.median() if STATISTIC[platform] == "median" else rate.mean()),
        "reach_share": float((p.real_reach / p.followers).median()),
        "growth": float(np.exp(np.mean(np.log(growth)))),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presets", nargs="+", default=list_presets())
    ap.add_argument("--sizes", nargs="+", type=int, default=[50_000, 200_000])
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--seeds", nargs="+", type=int, default=list(range(700, 708)))
    ap.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="change a preset's value, e.g. feed.explore_max_share=1 (a number)",
    )
    args = ap.parse_args(argv)
    extra: dict[str, dict] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        section, _, name = key.partition(".")
        extra.setdefault(section, {})[name] = float(value)
    print(f"plain shop, {args.days} days, seeds {args.seeds}")
    print(f"{'preset':10} {'users':>8} {'eng/follower':>12} {'reach/follower':>14} {'growth':>7}")
    for platform in args.presets:
        got = {}
        for users in args.sizes:
            got[users] = m = measure(platform, users, args.days, args.seeds, **extra)
            print(
                f"{platform:10} {users:>8,} {m['engagement']:>12.4%} {m['reach_share']:>14.3f} "
                f"{m['growth']:>7.2f}",
                flush=True,
            )
        lo, hi = got[min(args.sizes)], got[max(args.sizes)]
        print(
            f"{platform:10} {'ratio':>8} {hi['engagement'] / lo['engagement']:>12.2f} "
            f"{hi['reach_share'] / lo['reach_share']:>14.2f} "
            f"{hi['growth'] / lo['growth']:>7.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
