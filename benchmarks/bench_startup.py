"""Start-up: how long the commands a user types most take before they do anything heavy.

    python benchmarks/bench_startup.py                  # 15 repeats each
    python benchmarks/bench_startup.py --repeats 30

Times whole commands from outside the process, interpreter start included, as a user runs them:
``feedsim --version``, ``feedsim validate FILE`` (a shipped scenario) and ``feedsim presets``.
Each figure is the median of the repeats after one warm-up call, with the range; the goal for
the first two is 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.3


def timed(cmd: list[str], repeats: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm-up: file caches
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        out.append(time.perf_counter() - t0)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args(argv)
    feedsim = [sys.executable, "-m", "sim.cli"]
    commands = {
        "feedsim --version": feedsim + ["--version"],
        "feedsim validate scenarios/organic.toml": feedsim + ["validate",
                                                             str(ROOT / "scenarios/organic.toml")],
        "feedsim presets": feedsim + ["presets"],
    }
    print(f"load average at start: {os.getloadavg()[0]:.2f}\n")
    print("| command | median s (min-max) | goal |")
    print("|---|---:|---|")
    for name, cmd in commands.items():
        t = timed(cmd, args.repeats)
        goal = f"< {GOAL} s: {'met' if statistics.median(t) < GOAL else 'missed'}" \
            if "presets" not in name else "—"
        print(f"| `{name}` | {statistics.median(t):.3f} ({min(t):.3f}-{max(t):.3f}) | {goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
