"""Chart drawing: figure draws and processor time per chart set, from result folders.

    python benchmarks/bench_charts.py --run RUN_DIR --compare CMP_DIR --sweep SWEEP_DIR \
        --sensitivity SENS_DIR
    python benchmarks/bench_charts.py --sensitivity SENS_DIR --root /other/checkout \
        --python /other/checkout/.venv/bin/python

Draws the chart set of each folder given (a run's, a comparison's, a grid sweep's, a
sensitivity study's) ``--repeats`` times in one process of the checkout ``--root`` (its ``sim``
first on the path), counting matplotlib figure draws (``Figure.draw``, the painted ones and those
a layout pass makes) and timing each set by the process's processor time; the charts are
written into the folders, as the commands write them. A chart saved as PNG and SVG needs two
draws. The folders are drawn in as they are: give each checkout copies of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, statistics, sys, time
from matplotlib.figure import Figure
from sim.present.charts.compare import comparison_charts
from sim.present.charts.run import run_charts
from sim.present.charts.sensitivity import sensitivity_charts
from sim.present.charts.sweep import sweep_charts

count = {"draws": 0}
real = Figure.draw
def counted(self, renderer):
    count["draws"] += 1
    return real(self, renderer)
Figure.draw = counted
kinds = {"run": run_charts, "compare": comparison_charts, "sweep": sweep_charts,
         "sensitivity": sensitivity_charts}
folders, repeats = json.loads(sys.argv[1]), int(sys.argv[2])
out = {}
for kind, folder in folders.items():
    kinds[kind](folder)  # warm-up: imports, fonts
    times, draws = [], []
    for _ in range(repeats):
        count["draws"] = 0
        t0 = time.process_time()
        paths = kinds[kind](folder)
        times.append(time.process_time() - t0)
        draws.append(count["draws"])
    charts = sum(1 for p in paths if str(p).endswith(".png"))
    out[kind] = {"charts": charts, "draws": max(draws), "cpu": statistics.median(times)}
print(json.dumps(out))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for kind in ("run", "compare", "sweep", "sensitivity"):
        ap.add_argument(f"--{kind}", type=Path, help=f"a {kind} result folder")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    ap.add_argument("--python", default=sys.executable, help="interpreter of that checkout")
    args = ap.parse_args(argv)
    folders = {
        k: str(getattr(args, k))
        for k in ("run", "compare", "sweep", "sensitivity")
        if getattr(args, k) is not None
    }
    if not folders:
        ap.error("give at least one result folder")
    env = {**os.environ, "PYTHONPATH": str(args.root), "MPLBACKEND": "Agg"}
    res = subprocess.run(
        [args.python, "-c", CHILD, json.dumps(folders), str(args.repeats)],
        check=True,
        capture_output=True,
        env=env,
        cwd=args.root,
        text=True,
    )
    print(f"{args.root}: load {os.getloadavg()[0]:.2f}")
    for kind, r in json.loads(res.stdout.strip().splitlines()[-1]).items():
        print(
            f"  {kind}: {r['charts']} charts, {r['draws']} figure draws, "
            f"{r['cpu']:.2f} s CPU (median of {args.repeats})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
