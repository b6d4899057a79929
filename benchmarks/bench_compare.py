"""A comparison against one run: what ``feedsim compare`` costs beyond its runs.

    python benchmarks/bench_compare.py                   # 2 scenarios x 8 seeds, 100k users
    python benchmarks/bench_compare.py --users 20000 --repeats 2
    python benchmarks/bench_compare.py --root /path/to/other/checkout --python /its/venv/python
    python benchmarks/bench_compare.py --other /path/to/main --other-python /its/venv/python

Times two whole commands as a user types them, interleaved so both see the same load:
``feedsim compare A B --seeds 8`` (two scenarios, common random numbers, all local cores,
charts drawn) and ``feedsim run A`` (one run of the first arm, charts drawn), each with
``audience.users`` set to ``--users`` and results into a temporary folder. Reported per
command: wall seconds and processor seconds (the command's and its worker processes', from the
kernel's accounting of each finished command, ``wait4``), medians of ``--repeats``, and the
ratio compare / run of each. The goal: a comparison of 2 x 8 runs at 100,000 users within 2.5x
the time of one run command. ``--root``/``--python`` time another checkout (for example the
previous main) with the same script, side by side in the same minutes; ``--other`` and
``--other-python`` time a second checkout within the same call, command by command in turn
(this run, the other's run, this compare, the other's compare, the order turned round every
round), so a load that comes and goes on a shared machine falls on both alike, and print
both and their ratios.
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


def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """Wall and processor seconds (the command and its children) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n" + proc.stderr.read().decode())
    proc.stderr.close()
    # wait4 reports the command's own usage and that of the children it waited for.
    return wall, usage.ru_utime + usage.ru_stime


def scenario_copy(src: Path, folder: Path, users: int) -> Path:
    """``src`` with its audience set to ``users`` (``feedsim run`` takes no --set)."""
    import tomllib

    import tomli_w

    data = tomllib.loads(src.read_text(encoding="utf-8"))
    data.setdefault("audience", {})["users"] = users
    out = folder / src.name
    out.write_text(tomli_w.dumps(data), encoding="utf-8")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--arms", nargs=2, default=["scenarios/organic.toml", "scenarios/bought_followers.toml"]
    )
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    ap.add_argument("--python", default=sys.executable, help="interpreter of that checkout")
    ap.add_argument("--other", type=Path, help="a second checkout, timed in turn with --root")
    ap.add_argument("--other-python", help="interpreter of --other (default: --python)")
    args = ap.parse_args(argv)
    sides = [(args.root, args.python)]
    if args.other is not None:
        sides.append((args.other, args.other_python or args.python))
    times: dict[Path, tuple[list, list]] = {root: ([], []) for root, _ in sides}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        a, b = (scenario_copy(ROOT / p, tmp, args.users) for p in args.arms)
        for i in range(args.repeats + 1):  # the first round warms caches and is not counted
            for kind in ("run", "compare"):
                # Each round the other checkout goes first: neither always follows the other.
                for k, (root, python) in enumerate(sides[:: -1 if i % 2 else 1]):
                    out = tmp / f"{kind}{i}-{k}"
                    cmd = [python, "-m", "sim.cli", kind, str(a)]
                    if kind == "compare":
                        cmd += [str(b), "--seeds", str(args.seeds)]
                    took = timed(
                        cmd + ["--quiet", "--out", str(out)],
                        {**os.environ, "PYTHONPATH": str(root)},
                        root,
                    )
                    if i:
                        times[root][kind == "compare"].append(took)
    load = os.getloadavg()[0]
    ratios = {}
    for root, _ in sides:
        runs, compares = times[root]
        ratios[root] = report(root, runs, compares, args, load)
    if len(sides) == 2:
        (r1, (w1, c1)), (r2, (w2, c2)) = ratios.items()
        print(
            f"{r1} against {r2}: compare/run {w1:.2f}x against {w2:.2f}x wall, "
            f"{c1:.2f}x against {c2:.2f}x CPU"
        )
    return 0


def report(root: Path, runs: list, compares: list, args, load: float) -> tuple[float, float]:
    """Print one checkout's medians and ratios; returns (wall ratio, CPU ratio)."""
    med = statistics.median
    rw, rc = med(r[0] for r in runs), med(r[1] for r in runs)
    cw, cc = med(c[0] for c in compares), med(c[1] for c in compares)
    print(f"{root}: {args.users:,} users; compare 2 x {args.seeds} seeds; load {load:.2f}")
    print(f"  feedsim run (one arm): {rw:.2f} s wall, {rc:.2f} s CPU")
    print(f"  feedsim compare:       {cw:.2f} s wall, {cc:.2f} s CPU")
    print(f"  ratio compare / run:   {cw / rw:.2f}x wall, {cc / rc:.2f}x CPU (goal <= 2.5x)")
    print(
        "  each pair (run, compare: wall; CPU): "
        + " | ".join(
            f"{r[0]:.2f}, {c[0]:.2f}; {r[1]:.2f}, {c[1]:.2f}"
            for r, c in zip(runs, compares, strict=True)
        )
    )
    return cw / rw, cc / rc


if __name__ == "__main__":
    raise SystemExit(main())
