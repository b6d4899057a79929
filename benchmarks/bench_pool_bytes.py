"""The recommendation pools' byte test of interest against the exact test, in one process.

    python benchmarks/bench_pool_bytes.py --users 1000000 --pairs 8
    python benchmarks/bench_pool_bytes.py --users 100000 --pairs 8

The year of ``bench_year.py`` (Instagram, 1,000 initial followers, a post a day) is run in
pairs: once with the accounts' bytes of interest handed to the kernel, so the pools test the
byte first (:mod:`sim.base.interest_bytes`), once without, so they test the exact interest, in
turn and in alternating order. Both give the same results (checked here on every run's
impressions); only the kernel's processor time differs. Two versions measured in separate
processes on a shared machine differ by up to a fifth from round to round; in one process, the
same audience size and the same minutes, the pair's ratio is steadier. Reported: each way's
median kernel ns per impression and the median of the pairs' ratios (bytes / exact).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_year import one_year  # noqa: E402


def _year(path: Path, by_byte: bool) -> dict[str, float]:
    from sim.base import kernel_types

    kernel_types.BYTE_TEST_MIN_USERS = 0 if by_byte else sys.maxsize
    return one_year(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--pairs", type=int, default=8)
    args = ap.parse_args(argv)
    ns: dict[bool, list[float]] = {True: [], False: []}
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench_{args.users}.toml"
        path.write_text(
            f'platform = "instagram"\ndays = 365\nseed = 1\n\n[audience]\nusers = {args.users}\n\n'
            "[brand]\ninitial_followers = 1000\nposts_per_week = 7\n"
        )
        _year(path, True)  # warm-up: compile or load the cache, both ways
        _year(path, False)
        t0 = time.time()
        for k in range(args.pairs):
            pair = {}
            for by_byte in (True, False) if k % 2 == 0 else (False, True):
                r = _year(path, by_byte)
                pair[by_byte] = r
                ns[by_byte].append(r["kernel"] / r["impressions"] * 1e9)
            if pair[True]["impressions"] != pair[False]["impressions"]:
                raise SystemExit("the two tests gave different impressions")
            ratios.append(pair[True]["kernel"] / pair[False]["kernel"])
    print(f"users {args.users:,}  pairs {args.pairs}  wall {time.time() - t0:.0f} s")
    for by_byte, name in ((True, "byte test"), (False, "exact test")):
        print(f"{name}: kernel ns per impression, median {statistics.median(ns[by_byte]):.1f}")
    print(
        f"ratio byte / exact: median {statistics.median(ratios):.3f}  "
        f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
