"""Memory of many runs in one process: does a finished run leave anything behind?

    python benchmarks/bench_memory.py                          # 1M users, a year, 1 and 4 runs
    python benchmarks/bench_memory.py --users 200000 --runs 4 --repeats 3
    python benchmarks/bench_memory.py --root /path/to/other/checkout --python /its/venv/python

Each measurement is a fresh process (the project's own ``sim`` first on its path) that calls
``sim.engine.runner.run`` on the year of ``bench_scenario.py`` (seeds 1, 2, ...) one after another,
as a dashboard, a sweep's worker or ``calibrate --workers 1`` do, with the garbage collector left as
Python sets it. Reported: the process's peak resident set (``ru_maxrss``, from the kernel's
accounting of the finished process) after one run and after ``--runs`` runs, the ratio of the two
(the goal: at most 1.2), and the resident set after each run (``/proc/self/statm``). Medians over
``--repeats`` processes of each kind. ``--root``/``--python`` time another checkout (for example
the previous main) with the same script, side by side in the same minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scenario import scenario_file  # noqa: E402 - the year the scenario benchmark times

CHILD = r"""
import json, os, resource, sys
from sim.engine.runner import run
from sim.scenario import load_scenario

page = os.sysconf("SC_PAGE_SIZE")
sc = load_scenario(sys.argv[1])
after = []
for seed in range(1, int(sys.argv[2]) + 1):
    run(sc, seed=seed)
    with open("/proc/self/statm") as fh:
        after.append(int(fh.read().split()[1]) * page / 2**20)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak, "rss_after_mb": after}))
"""


def measure(python: str, root: Path, path: Path, runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [python, "-c", CHILD, str(path), str(runs)],
        check=True,
        capture_output=True,
        env=env,
        cwd=root,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    ap.add_argument("--python", default=sys.executable, help="interpreter of that checkout")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = scenario_file(Path(tmp), args.users)
        measure(args.python, args.root, path, 1)  # warm-up: numba's cache of that checkout
        ones, manys, after = [], [], []
        for _ in range(args.repeats):  # interleaved, so both kinds see the same load
            ones.append(measure(args.python, args.root, path, 1)["peak_mb"])
            m = measure(args.python, args.root, path, args.runs)
            manys.append(m["peak_mb"])
            after.append(m["rss_after_mb"])
    one, many = statistics.median(ones), statistics.median(manys)
    print(f"{args.root}: {args.users:,} users, a year; load {os.getloadavg()[0]:.2f}")
    print(f"  peak RSS, 1 run:  {one:,.0f} MB  ({min(ones):,.0f}-{max(ones):,.0f})")
    print(f"  peak RSS, {args.runs} runs: {many:,.0f} MB  ({min(manys):,.0f}-{max(manys):,.0f})")
    print(f"  ratio: {many / one:.2f}  (goal <= 1.2)")
    print(
        "  RSS after each run (MB): " + "; ".join(", ".join(f"{x:,.0f}" for x in a) for a in after)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
