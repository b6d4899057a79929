"""The dashboard's what-if: processor time per lever change, as the page spends it.

    python benchmarks/bench_whatif.py                       # 100k users, 3 seeds, 6 changes
    python benchmarks/bench_whatif.py --users 20000 --repeats 2
    python benchmarks/bench_whatif.py --root /path/to/other/checkout --python /its/venv/python
    python benchmarks/bench_whatif.py --runs-only           # each change's runs, nothing else

One process (the checkout's own ``sim`` first on its path) opens the page's work on a scenario
(``scenarios/organic.toml`` with ``--users``): the baseline on ``--seeds`` seeds, then one lever
change after another, each as the page does it: the what-if's runs
(``sim.dashboard.whatif.run_session``, its kept runs cleared so each change runs), the
catalogue's table and verdicts, and the charts as the page sends them to the browser (their
data, :mod:`sim.present.charts.whatif_live`; in a checkout from before, the matplotlib chart and
its PNG). The server's warm-up (``sim.dashboard.warmup.warm``, where the checkout has it) runs
first, as before a page serves anyone. Each change is timed by the process's processor time
(``time.process_time``), which another program on a shared machine takes little from; the
figure is the median over the changes and ``--repeats`` passes (the first pass after a
warm-up change). The goal: at most 0.3 s per change at 100,000 users and 3 seeds. With
``--runs-only`` a change is timed as its runs alone (``run_session``: no table, verdicts or
charts), the steadier measure of the simulation's own work on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import io, json, sys, time
from sim.scenario import load_scenario
from sim.dashboard import saving
from sim.dashboard import whatif as wi

users, seeds, repeats = int(sys.argv[2]), list(range(int(sys.argv[3]))), int(sys.argv[4])
base = load_scenario(sys.argv[1]).with_overrides({"audience.users": users}, source="bench")
start = wi.levers_of(base)
changes = [start.with_(buy=True), start.with_(posts_per_week=3.0), start.with_(hour=20),
           start.with_(follow_for_follow=True), start.with_(reply_share=0.8),
           start.with_(influencer=True)]
try:  # the server's warm-up before it serves anyone, where the checkout has one
    from sim.dashboard.warmup import warm
except ImportError:
    pass
else:
    warm(base)
def session(levers, baseline):  # one what-if's runs, table and verdicts, as the page makes them
    wi._ARMS.clear()  # a new setting each time, as in a session
    wi._ARMS[wi._arm_key(base, seeds)] = baseline
    s = wi.run_session(base, [wi.Plan(levers)], seeds)
    s.table("en")
    s.verdicts("en")
    return s

if sys.argv[5] == "runs":  # the runs alone (--runs-only)
    def change(levers, baseline):
        wi._ARMS.clear()
        wi._ARMS[wi._arm_key(base, seeds)] = baseline
        wi.run_session(base, [wi.Plan(levers)], seeds)
else:
  try:  # the page with charts the browser draws: runs, table, verdicts, the charts' data
      from sim.present.charts.whatif_live import panels

      def change(levers, baseline):
          s = session(levers, baseline)
          json.dumps([p.option for p in panels(s, "en")])  # what travels to the browser
  except ImportError:
    try:  # the page of several what-ifs with a matplotlib chart sent as a PNG
      from sim.present.charts.whatif import png, session_figure

      def change(levers, baseline):
          png(session_figure(session(levers, baseline), "en"))
    except ImportError:  # a checkout with the one-what-if page
        from sim.present.charts.common import pyplot
        from sim.present.charts.whatif import whatif_figure
        try:
            from sim.present.charts.common import settled
        except ImportError:
            settled = None

        def change(levers, baseline):
            arm = wi.run_arm(wi.whatif_scenario(base, levers), seeds)
            saving.figures_table(baseline, arm)
            fig = whatif_figure(baseline, arm)
            if settled is not None:  # as the page does where the checkout has it
                settled(fig)
            pyplot().close(fig)
            fig.savefig(io.BytesIO(), format="png")  # what the page shows

t0 = time.process_time()
baseline = wi.run_arm(base, seeds)
opened = time.process_time() - t0
change(changes[-1], baseline)  # warm-up: every chart and run code loaded
times = []
for _ in range(repeats):
    for lv in changes:
        t0 = time.process_time()
        change(lv, baseline)
        times.append(time.process_time() - t0)
print(json.dumps({"open": opened, "changes": times}))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=2, help="passes over the six lever changes")
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "organic.toml"))
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    ap.add_argument("--python", default=sys.executable, help="interpreter of that checkout")
    ap.add_argument("--runs-only", action="store_true", help="time each change's runs alone")
    args = ap.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(args.root), "MPLBACKEND": "Agg"}
    out = subprocess.run(
        [
            args.python,
            "-c",
            CHILD,
            args.scenario,
            str(args.users),
            str(args.seeds),
            str(args.repeats),
            "runs" if args.runs_only else "page",
        ],
        check=True,
        capture_output=True,
        env=env,
        cwd=args.root,
        text=True,
    )
    res = json.loads(out.stdout.strip().splitlines()[-1])
    t = res["changes"]
    print(f"{args.root}: {args.users:,} users, {args.seeds} seeds; load {os.getloadavg()[0]:.2f}")
    print(
        f"  per lever change{' (runs only)' if args.runs_only else ''}: "
        f"{statistics.median(t):.3f} s CPU (median of {len(t)}; "
        f"{min(t):.3f}-{max(t):.3f}); goal <= 0.3 s"
    )
    print(f"  opening (baseline runs): {res['open']:.3f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
