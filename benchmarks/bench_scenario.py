"""Scenario timings: a year of daily posts, audience generation included.

    python benchmarks/bench_scenario.py                 # 100k users, 5 repeats
    python benchmarks/bench_scenario.py --users 1000000 --repeats 3
    python benchmarks/bench_scenario.py --users 10000000 --repeats 1   # about 100 s, 3 GB
    python benchmarks/bench_scenario.py --root /path/to/other/checkout --python /its/venv/python

Two figures per size, each the median of the repeats after one warm-up run (numba cache warm):
``in-process`` times ``sim.run`` (audience generation + 365 simulated days); ``whole command``
times ``feedsim run FILE --no-charts --quiet`` as a user runs it, interpreter start and imports
included. Peak memory is the command's maximum resident set size, read from the kernel's
accounting of each finished command (``wait4``), so it is that size's own figure. The load
average when each size starts is printed with it: on a shared machine the times move with it.
``--root``/``--python`` time another checkout (for example the previous main) with the same
script and the same scenario files, side by side in the same minutes: its whole commands run
from its folder, its in-process runs in its interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scenario_file(folder: Path, users: int) -> Path:
    path = folder / f"bench_{users}.toml"
    path.write_text(
        f'platform = "instagram"\ndays = 365\nseed = 1\n\n[audience]\nusers = {users}\n\n'
        "[brand]\ninitial_followers = 1000\nposts_per_week = 7\n"
    )
    return path


def in_process(path: Path, repeats: int, root: Path = ROOT, python: str = sys.executable):
    """Seconds per run, and the run's impressions: the work done, which depends on the seed's
    trajectory (an organic account that takes off shows its posts to more people), so a time is
    comparable across versions only beside its impressions. Another checkout's runs are timed
    in its own interpreter (this script, ``--in-process``), which prints them as JSON."""
    if root.resolve() != ROOT or python != sys.executable:
        cmd = [python, __file__, "--in-process", str(path), "--repeats", str(repeats)]
        cmd += ["--root", str(root)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=root)
        times, impressions = json.loads(out.stdout.strip().splitlines()[-1])
        return times, impressions
    from sim.engine.runner import run
    from sim.scenario import load_scenario

    sc = load_scenario(path)
    impressions = int(run(sc).days["impressions"].sum())  # warm-up: compile or load the cache
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run(sc)
        times.append(time.perf_counter() - t0)
    return times, impressions


def _command(cmd: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one command run from the project folder, from
    its own rusage."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n"
            + proc.stderr.read().decode(errors="replace")
        )
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def whole_command(
    path: Path, repeats: int, out: Path, root: Path = ROOT, python: str = sys.executable
) -> tuple[list[float], float]:
    cmd = [
        python,
        "-m",
        "sim.cli",
        "run",
        str(path),
        "--no-charts",
        "--quiet",
        "--out",
        str(out),
    ]
    # From the project folder, with it first on the path: `python -m` puts the current folder
    # first, so another checkout's `sim` must not be the one timed.
    env = {**os.environ, "PYTHONPATH": str(root)}
    _, peak_mb = _command(cmd, env, root)
    times = []
    for _ in range(repeats):
        seconds, peak = _command(cmd, env, root)
        times.append(seconds)
        peak_mb = max(peak_mb, peak)
    return times, peak_mb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", default="100000", help="comma-separated audience sizes")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    ap.add_argument("--python", default=sys.executable, help="interpreter of that checkout")
    ap.add_argument("--in-process", type=Path, help=argparse.SUPPRESS)  # one checkout's runs
    args = ap.parse_args()
    if args.in_process:  # in the checkout's interpreter: its sim first on the path
        sys.path.insert(0, str(args.root.resolve()))
        print(json.dumps(in_process(args.in_process, args.repeats)))
        return 0
    print(
        "| users | in-process median (min-max), s | impressions | ns per impression "
        "| whole command median (min-max), s | peak RSS, MB | load average |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    sizes = sorted(int(u) for u in args.users.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = {users: scenario_file(tmp, users) for users in sizes}
        # Whole commands first, while the parent is small (a forked child starts as its copy).
        whole, load = {}, {}
        for users in sizes:
            load[users] = os.getloadavg()[0]
            whole[users] = whole_command(
                paths[users], args.repeats, tmp / "out", args.root, args.python
            )
        for users in sizes:
            t, impressions = in_process(paths[users], args.repeats, args.root, args.python)
            w, peak = whole[users]
            ns = statistics.median(t) / max(impressions, 1) * 1e9
            print(
                f"| {users:,} | {statistics.median(t):.2f} ({min(t):.2f}-{max(t):.2f}) | "
                f"{impressions:,} | {ns:,.0f} | {statistics.median(w):.2f} "
                f"({min(w):.2f}-{max(w):.2f}) | {peak:,.0f} | {load[users]:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
