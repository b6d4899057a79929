"""Audience generation alone: users, their follow graph and the brand's first followers.

    python benchmarks/bench_audience.py                                  # 20k, 100k and 1M users
    python benchmarks/bench_audience.py --users 1000000 --repeats 7

The scenario is the one ``bench_scenario.py`` runs (Instagram preset, 20 follows a user, 1,000
initial followers, seed 1). Each size is timed ``--repeats`` times after one warm-up (numba cache
warm), in process; the table gives the median and range of the wall time, the processor time of
the median run (above the wall time when numba's threads share the work) and the follow edges.
The load average when each size starts is printed with it: on a shared machine the times move
with it. ``sim`` is imported from the path (run with ``PYTHONPATH`` set to a checkout to time
that version).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def time_generation(users: int, repeats: int, folder: Path) -> tuple[list, list, int]:
    """Wall and processor seconds of each of ``repeats`` generations, and the edges."""
    import numpy as np
    from bench_scenario import scenario_file

    from sim.engine.audience import generate
    from sim.scenario import load_scenario

    sc = load_scenario(scenario_file(folder, users))
    edges = generate(sc, np.random.SeedSequence(1)).n_edges  # warm-up
    walls, cpus = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        generate(sc, np.random.SeedSequence(1))
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, edges


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--users",
        default="20000,100000,1000000",
        help="comma-separated audience sizes (default: 20000,100000,1000000)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per size (default: 5)")
    args = parser.parse_args(argv)
    sizes = [int(u) for u in args.users.split(",")]
    print("| users | wall median (min-max), ms | processor, ms | edges | load average |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for users in sizes:
            load = os.getloadavg()[0]
            walls, cpus, edges = time_generation(users, args.repeats, Path(tmp))
            med = statistics.median(walls)
            cpu = cpus[walls.index(sorted(walls)[(len(walls) - 1) // 2])]
            print(
                f"| {users:,} | {1e3 * med:.1f} ({1e3 * min(walls):.1f}-{1e3 * max(walls):.1f})"
                f" | {1e3 * cpu:.1f} | {edges:,} | {load:.2f} |"
            )


if __name__ == "__main__":
    main()
