"""Hashes of the day and post tables of the shipped scenarios: a check that a speed-up changed
no number.

    python benchmarks/day_table_hashes.py > after.txt
    OTHER=/other/checkout
    $OTHER/.venv/bin/python benchmarks/day_table_hashes.py --root $OTHER > before.txt
    diff before.txt after.txt          # no output: the same tables, byte for byte

Runs every ``scenarios/*.toml`` (or those given) at ``--users`` users for ``--days`` days with
each of ``--seeds`` seeds, and prints one line per run: the scenario, the seed, and a SHA-256 of
its day table and of its post table (every column's name, dtype and raw bytes, in order). The
scenarios are read from this checkout; ``--root`` names the checkout whose ``sim`` simulates
them, so two versions run the very same inputs. A change that only moves data around in memory
must leave every line as it was; a change of the random draws shows up here first.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_hash(frame) -> str:
    """SHA-256 of a table's column names, dtypes and values, in column order."""
    h = hashlib.sha256()
    for name in frame.columns:
        col = frame[name].to_numpy()
        h.update(f"{name}:{col.dtype}:".encode())
        h.update(col.tobytes() if col.dtype != object else repr(col.tolist()).encode())
    return h.hexdigest()[:16]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="scenario files (default: scenarios/)")
    ap.add_argument("--users", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=120)
    ap.add_argument("--seeds", default="1,2", help="comma-separated seeds")
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim runs them")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    from sim.engine.runner import run
    from sim.scenario import ScenarioError, load_scenario

    files = args.files or sorted((ROOT / "scenarios").glob("*.toml"))
    for path in files:
        sc = load_scenario(path, overrides={"audience.users": args.users})
        for seed in (int(s) for s in args.seeds.split(",")):
            try:
                r = run(sc, seed=seed, days=args.days)
            except ScenarioError:  # a tactic dated after --days: the scenario's own length
                r = run(sc, seed=seed)
            print(
                f"{path.stem} seed={seed} n_days={len(r.days)} days={table_hash(r.days)} "
                f"posts={table_hash(r.posts)}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
