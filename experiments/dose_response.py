"""Dose-response of bought followers: real reach, real followers, purchases and net euros of a
1,000-follower Instagram shop as it buys 0 to 20,000 followers, at the preset values and with each
of the platform test's parameters at 0.5x and 1.5x its value.

    python experiments/dose_response.py                  # 20,000 users, 180 days, 8 seeds
    python experiments/dose_response.py --seeds 4 --days 120 --workers 2
    python experiments/dose_response.py --dask tcp://scheduler:8786

Writes ``results/dose_response/`` (a resumable sweep folder; run the same command again to finish
an interrupted study), ``dose_response.csv`` (the statistic per variant and dose, one block per
figure) and the chart ``dose_response.png``/``.svg``; prints each figure's verdict: does it change
monotonically, is any step more than half of the whole change, does its direction hold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from sim.base import metrics  # noqa: E402
from sim.present.charts.dose import dose_chart  # noqa: E402
from sim.scenario import resolve  # noqa: E402
from sim.studies import dose_response as dr  # noqa: E402


def base_scenario(users: int, days: int):
    """The shop of scenarios/bought_followers.toml, buying on day 0 so every post is after."""
    return resolve(
        {
            "name": "dose_response",
            "platform": "instagram",
            "days": days,
            "description": "A 1,000-follower shop buys followers on day 0",
            "audience": {"users": users},
            "brand": {
                "initial_followers": 1000,
                "quality": 0.7,
                "posts_per_week": 7,
                "purchase_value": 25.0,
            },
            "strategies": {"buy": {"days": [0], "count": 0, "price_per_1000": 9.0}},
        }
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--seeds", default="8")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--dask", default=None)
    ap.add_argument("--out", default="results/dose_response")
    ap.add_argument("--lang", default="en", choices=("en", "nl"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    verdicts = dr.study(
        base_scenario(args.users, args.days),
        out,
        seeds=args.seeds,
        workers=args.workers,
        dask=args.dask,
    )
    blocks = [
        v.table.assign(figure=fig).rename_axis("variant").reset_index()
        for fig, v in verdicts.items()
    ]
    pd.concat(blocks).to_csv(out / "dose_response.csv", index=False)
    note = (
        f"{args.users:,} users, 1,000 real followers, {args.days} days, seeds {args.seeds}; "
        "purchase on day 0"
    )
    paths = dose_chart(verdicts, out / "dose_response", note=note, lang=args.lang)
    ok = True
    for fig, v in verdicts.items():
        print(v.sentence(metrics.label(fig)))  # the terminal speaks English
        ok &= v.monotone and v.no_cliff and not v.flips
    print(f"chart: {paths[0]}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
