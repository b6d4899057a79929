"""``feedsim calibrate`` as a user types it, timed, against another checkout in the same minutes.

    python benchmarks/bench_calibrate.py                       # this checkout, 3 timed runs
    python benchmarks/bench_calibrate.py --before /path/to/other/checkout --repeats 3
    python benchmarks/bench_calibrate.py --workers 1 --repeats 1

Runs ``python -m sim.cli calibrate tests/data/instagram_export_en.csv --platform instagram
--sims 400 --quiet`` (all local cores unless ``--workers``), each result into a temporary folder.
With ``--before`` the other checkout's command runs first, then this one's, alternating, so both
see the same load; an untimed round first loads every checkout's compiled kernels. Reported per
run: wall seconds, processor seconds (the command's and its workers', from the kernel's accounting
of the finished command, ``wait4``) and the load average as it started; then the medians. Every
file the two checkouts write (all but the SVG, which carries the time it was drawn) is compared
byte for byte, each round. The goal: 400 simulations within 10 s of wall time on the 2-core
machine.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT = "tests/data/instagram_export_en.csv"
# What a calibration writes that must not depend on where its simulations ran.
SAME = (
    "calibration.toml",
    "de_kaaswinkel.toml",
    "fit.csv",
    "fit.png",
    "observed.csv",
    "reference.csv",
    "simulated.csv",
)


def timed(root: Path, python: str, out: Path, args) -> tuple[float, float, float, Path]:
    """Wall and processor seconds of one command, the load as it started, and its folder."""
    cmd = [python, "-m", "sim.cli", "calibrate", EXPORT, "--platform", "instagram"]  # cwd: root
    cmd += ["--sims", str(args.sims), "--quiet", "--out", str(out)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    # wait4 reports the command's own usage and that of the children it waited for.
    return wall, usage.ru_utime + usage.ru_stime, load, Path(stdout.strip())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sims", type=int, default=400)
    ap.add_argument("--workers", type=int, help="--workers of the command (default: all cores)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--before", type=Path, help="another checkout, timed alternately with this")
    ap.add_argument("--python", default=sys.executable, help="interpreter of both checkouts")
    args = ap.parse_args(argv)
    roots = ([("before", args.before.resolve())] if args.before else []) + [("now", ROOT)]
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in roots}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeats + 1):  # round 0 loads the compiled kernels, not counted
            folders = {}
            for name, root in roots:
                wall, cpu, load, folders[name] = timed(root, args.python, Path(tmp) / name, args)
                if i:
                    times[name].append((wall, cpu, load))
                    print(
                        f"round {i} {name:>6}: {wall:6.2f} s wall {cpu:6.2f} s CPU, load {load:.2f}"
                    )
            if len(folders) == 2:
                a, b = folders.values()
                differ = [f for f in SAME if not filecmp.cmp(a / f, b / f, shallow=False)]
                said = f"DIFFER: {', '.join(differ)}" if differ else "every file the same"
                print(f"round {i}: {said}")
    med = statistics.median
    for name, got in times.items():
        print(
            f"{name:>6}: median {med(t[0] for t in got):.2f} s wall, "
            f"{med(t[1] for t in got):.2f} s CPU over {len(got)} runs "
            f"(load {min(t[2] for t in got):.2f}-{max(t[2] for t in got):.2f}); goal <= 10 s wall"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
