"""Sweep throughput: runs per second with 1 and 2 local workers, and Dask's overhead.

    python benchmarks/bench_sweep.py                       # 16 runs of 20k users x 365 days
    python benchmarks/bench_sweep.py --runs 32 --repeats 5 --output benchmarks/RESULTS.md

The sweep is strategies.buy.count = 0, 5000 on the bought-followers story, ``runs / 2`` seeds each.
Three figures per executor, each the median of ``--repeats`` sweeps into fresh folders:

* **steady runs/s** - workers already started and warmed (engine imported, numba cache loaded),
  as in a long sweep, where start-up is paid once;
* **cold runs/s** - the whole ``feedsim sweep`` cost: start the pool, warm it, run, write tables;
* **start s** - starting and warming the pool alone.

Plus an in-process serial baseline (no pool at all): what one core does with no overhead, with
the median CPU time of one run packed into its run file (``--serial-only`` stops there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _spec(users: int, days: int, runs: int):
    from sim.scenario import resolve
    from sim.studies import sweep

    base = resolve(
        {
            "name": "bench",
            "days": days,
            "seed": 1,
            "audience": {"users": users},
            "brand": {"initial_followers": 1000},
            "strategies": {"buy": {"days": [min(30, days - 1)], "count": 0}},
        }
    )
    return sweep.make_spec(base, {"strategies.buy.count": [0, 5000]}, seeds=max(1, runs // 2))


def _timed_sweep(spec, pool, root: Path) -> float:
    from sim.studies import sweep

    folder = Path(tempfile.mkdtemp(dir=root))
    shutil.rmtree(folder)
    t = time.perf_counter()
    sweep.run_sweep(spec, folder, pool=pool, progress=False)
    dt = time.perf_counter() - t
    shutil.rmtree(folder)
    return dt


def bench_executor(kind: str, workers: int, spec, repeats: int, root: Path) -> dict:
    from sim.studies import sweep

    n = len(spec.runs)
    starts, colds, steadies = [], [], []
    for _ in range(repeats):
        t = time.perf_counter()
        pool = sweep.DaskPool("local", workers) if kind == "dask" else sweep.LocalPool(workers)
        pool.warm()
        start = time.perf_counter() - t
        first = _timed_sweep(spec, pool, root)
        starts.append(start)
        colds.append(start + first)
        steadies.append(_timed_sweep(spec, pool, root))
        pool.close()
    return {
        "executor": f"{'Dask LocalCluster' if kind == 'dask' else 'local pool'}, {workers}",
        "workers": workers,
        "kind": kind,
        "start": statistics.median(starts),
        "cold": n / statistics.median(colds),
        "steady": n / statistics.median(steadies),
    }


def bench_serial(spec, repeats: int) -> tuple[float, float]:
    """Runs per second in this process, and the median CPU time of one run packed into its run
    file as a worker does (less sensitive than the wall clock to other work on the machine)."""
    from sim.engine.runner import run
    from sim.studies.sweep.store import run_file_bytes

    run(spec.points[0].scenario, seed=0)  # compile / load cache
    times, cpu = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        for key in spec.runs:
            c = time.process_time()
            result = run(key.point.scenario, seed=key.seed)
            run_file_bytes(
                result,
                key.seed,
                {"point": key.point.id, "point_index": key.point.index, "values": key.point.values},
            )
            cpu.append(time.process_time() - c)
        times.append(time.perf_counter() - t)
    return len(spec.runs) / statistics.median(times), statistics.median(cpu)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--users", type=int, default=20_000)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--runs", type=int, default=16)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--no-dask", action="store_true")
    p.add_argument(
        "--serial-only",
        action="store_true",
        help="only the in-process figures (no pools): quick side-by-side checks",
    )
    p.add_argument("--output", help="append the Markdown table to this file")
    args = p.parse_args(argv)

    spec = _spec(args.users, args.days, args.runs)
    root = Path(tempfile.mkdtemp(prefix="bench_sweep_"))
    try:
        serial, cpu = bench_serial(spec, args.repeats)
        print(
            f"in-process serial: {serial:.2f} runs/s; CPU per run (packed): "
            f"{cpu * 1000:.1f} ms; load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        if args.serial_only:
            return 0
        rows = [bench_executor("local", w, spec, args.repeats, root) for w in (1, 2)]
        if not args.no_dask:
            try:
                import distributed  # noqa: F401

                rows.append(bench_executor("dask", 2, spec, args.repeats, root))
            except ImportError:
                print("distributed is not installed: no Dask figures", file=sys.stderr)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    one, two = rows[0], rows[1]
    lines = [
        f"### Sweep throughput ({len(spec.runs)} runs of {args.users:,} users x {args.days} days; "
        f"{os.cpu_count()} cores; median of {args.repeats})",
        "",
        f"`python benchmarks/bench_sweep.py --users {args.users} --days {args.days} "
        f"--runs {args.runs} --repeats {args.repeats}{' --no-dask' * args.no_dask}`",
        "",
        "| executor, workers | steady runs/s | cold runs/s | pool start s |",
        "|---|---:|---:|---:|",
        f"| in-process serial (no pool) | {serial:.2f} | | |",
    ]
    for r in rows:
        lines.append(
            f"| {r['executor']} | {r['steady']:.2f} | {r['cold']:.2f} | {r['start']:.2f} |"
        )
    lines += [
        "",
        f"- 2 vs 1 local workers: steady x{two['steady'] / one['steady']:.2f}, "
        f"cold x{two['cold'] / one['cold']:.2f} (goal: steady >= x1.9)",
        f"- 2 local workers: {two['steady']:.2f} runs/s steady (goal for a 20,000-user, "
        "180-day run: above 20)",
        f"- load average at the end: {os.getloadavg()[0]:.2f}",
    ]
    if len(rows) > 2:
        d = rows[2]
        lines.append(
            f"- Dask LocalCluster vs local pool, 2 workers: steady runs/s "
            f"x{d['steady'] / two['steady']:.2f}, start {d['start']:.1f} s vs "
            f"{two['start']:.1f} s"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        with open(args.output, "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
