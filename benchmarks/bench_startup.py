"""Start-up: how long the commands a user types most take, imports and all.

    python benchmarks/bench_startup.py                  # 15 repeats each, 5 of the year
    python benchmarks/bench_startup.py --repeats 30 --run-repeats 9

Times whole commands from outside the process, interpreter start included, as a user runs them:
``feedsim --version``, ``feedsim validate FILE`` (a shipped scenario), ``feedsim presets``, and
a year of daily posts at 100,000 users as ``feedsim run FILE --no-charts --quiet`` (the scenario
of ``benchmarks/bench_scenario.py``; numba cache warm, results into a temporary folder). Each
figure is the median of the repeats after one warm-up call, with the range; the goals are 0.3 s
for ``--version`` and ``validate``, 1.0 s for the year.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scenario import scenario_file  # noqa: E402 - the year the scenario benchmark times

GOALS = {
    "feedsim --version": 0.3,
    "feedsim validate scenarios/organic.toml": 0.3,
    "feedsim run (100,000 users, 365 days) --no-charts --quiet": 1.0,
}


def timed(cmd: list[str], repeats: int) -> list[float]:
    # From the project folder, with it first on the path: `python -m` puts the current folder
    # first, so another checkout's `sim` must not be the one timed.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)  # warm-up
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
        out.append(time.perf_counter() - t0)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--run-repeats", type=int, default=5, help="repeats of the 100k-user year")
    args = ap.parse_args(argv)
    feedsim = [sys.executable, "-m", "sim.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        year = scenario_file(Path(tmp), 100_000)
        commands = {
            "feedsim --version": (feedsim + ["--version"], args.repeats),
            "feedsim validate scenarios/organic.toml": (
                feedsim + ["validate", str(ROOT / "scenarios/organic.toml")],
                args.repeats,
            ),
            "feedsim presets": (feedsim + ["presets"], args.repeats),
            "feedsim run (100,000 users, 365 days) --no-charts --quiet": (
                feedsim
                + ["run", str(year), "--no-charts", "--quiet", "--out", str(Path(tmp) / "out")],
                args.run_repeats,
            ),
        }
        print(f"load average at start: {os.getloadavg()[0]:.2f}\n")
        print("| command | median s (min-max) | goal |")
        print("|---|---:|---|")
        for name, (cmd, repeats) in commands.items():
            t = timed(cmd, repeats)
            goal = GOALS.get(name)
            verdict = (
                f"< {goal} s: {'met' if statistics.median(t) < goal else 'missed'}" if goal else "—"
            )
            print(
                f"| `{name}` | {statistics.median(t):.3f} ({min(t):.3f}-{max(t):.3f}) | "
                f"{verdict} |",
                flush=True,
            )
        print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
