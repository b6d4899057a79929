"""Sweeps on a Dask cluster whose scheduler and workers are separate processes, as on machines of
their own: runs per second with two workers against one.

    python benchmarks/bench_dask_cluster.py                   # 16 runs of about a second, 3 repeats
    python benchmarks/bench_dask_cluster.py --users 50000 --runs 16 --repeats 3

Starts ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1 (one thread each, no
nanny), warms every worker with one run, then times the same sweep into a fresh folder per repeat
(``sim.studies.sweep.run_sweep`` with ``--dask ADDRESS``). Reports the median runs per second and
the range, and the ratio of two workers to one; the goal is at least 1.7x for runs of about a
second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.7


def _dask_exe() -> str:
    local = Path(sys.executable).with_name("dask")
    exe = str(local) if local.exists() else shutil.which("dask")
    if exe is None:
        raise SystemExit("the `dask` command is not installed (pip install 'dask[distributed]')")
    return exe


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [_dask_exe(), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def cluster(folder: Path, workers: int) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and ``workers`` workers on loopback; returns its address and processes."""
    file = folder / "scheduler.json"
    procs = [
        _start(
            [
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(file),
            ],
            folder,
        )
    ]
    deadline = time.monotonic() + 60
    while not file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)
    address = json.loads(file.read_text())["address"]
    for _ in range(workers):
        procs.append(
            _start(
                [
                    "worker",
                    "--scheduler-file",
                    str(file),
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                ],
                folder,
            )
        )
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(workers, timeout=60)
    return address, procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def timed_sweeps(
    address: str, users: int, days: int, runs: int, repeats: int, root: Path
) -> list[float]:
    from sim.scenario import resolve
    from sim.studies import sweep

    base = resolve(
        {
            "name": "bench",
            "days": days,
            "audience": {"users": users},
            "brand": {"initial_followers": 1000},
        }
    )
    warm = sweep.make_spec(base, seeds=2)
    sweep.run_sweep(warm, root / "warm", dask=address, progress=False)  # load engine and cache
    rates = []
    for r in range(repeats):
        spec = sweep.make_spec(base, seeds=f"{1000 * (r + 1)}-{1000 * (r + 1) + runs - 1}")
        t = time.perf_counter()
        sweep.run_sweep(spec, root / f"rep{r}", dask=address, progress=False)
        rates.append(runs / (time.perf_counter() - t))
    return rates


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--users",
        type=int,
        default=200_000,
        help="audience (with --days 900: a run of about 0.9 s on a 2-core machine)",
    )
    ap.add_argument("--days", type=int, default=900)
    ap.add_argument("--runs", type=int, default=16)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    results = {}
    for workers in (1, 2):
        root = Path(tempfile.mkdtemp(prefix="bench_dask_"))
        address, procs = cluster(root, workers)
        try:
            results[workers] = timed_sweeps(
                address, args.users, args.days, args.runs, args.repeats, root
            )
        finally:
            stop(procs)
            shutil.rmtree(root, ignore_errors=True)
    print(
        f"\n`python benchmarks/bench_dask_cluster.py --users {args.users} --days {args.days} "
        f"--runs {args.runs} --repeats {args.repeats}`\n"
    )
    print("| workers (separate processes) | runs/s median (min-max) |")
    print("|---|---:|")
    for w, rates in results.items():
        print(f"| {w} | {statistics.median(rates):.2f} ({min(rates):.2f}-{max(rates):.2f}) |")
    ratio = statistics.median(results[2]) / statistics.median(results[1])
    verdict = "met" if ratio >= GOAL else "missed"
    print(f"\n2 workers vs 1: x{ratio:.2f} (goal >= {GOAL}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
