"""Hashes of generated audiences: a check that a speed-up of audience generation changed no
number.

    python benchmarks/audience_hashes.py > after.txt
    OTHER=/other/checkout
    $OTHER/.venv/bin/python benchmarks/audience_hashes.py --root $OTHER > before.txt
    diff before.txt after.txt          # no output: the same audiences, byte for byte

Generates the audience of the scenario ``bench_scenario.py`` times (Instagram preset, 1,000
initial followers) at each of ``--users`` sizes with each of ``--seeds`` seeds, once with
numba's full thread count and once on one thread (``--threads``), and prints one line per
audience: its size, seed, thread count and a SHA-256 of each of its arrays (dtype, shape and
raw bytes). From 500,000 users the follows are drawn on numba's threads, so the lines of one
size and seed must agree across thread counts as well as across versions. Each is generated
twice: as is, and with 5,000 bought followers, a pod of 40 and 40 staff with followers of
their own (``accounts=yes``), whose accounts come after the users. ``--root`` names the
checkout whose ``sim`` generates them.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARRAYS = ("indptr", "indices", "kind", "origin", "community", "interest", "activity", "trust")
ARRAYS += ("reflex", "reflex_comment", "follow_day", "voice", "novelty", "last_seen", "rows")


def array_hash(arr) -> str:
    """SHA-256 of an array's dtype, shape and bytes."""
    import numpy as np

    h = hashlib.sha256(f"{arr.dtype}:{arr.shape}:".encode())
    h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()[:12]


def scenario_text(users: int, with_accounts: bool) -> str:
    text = (
        f'platform = "instagram"\ndays = 365\nseed = 1\n\n[audience]\nusers = {users}\n\n'
        "[brand]\ninitial_followers = 1000\nposts_per_week = 7\n"
    )
    if with_accounts:
        text += "\n[strategies.buy]\ncount = 5000\ndays = [30]\n\n[strategies.pod]\nmembers = 40\n"
        text += "\n[strategies.employee_advocacy]\nstaff = 40\nfollowers = 150.0\n"
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", default="100000,1000000", help="comma-separated sizes")
    ap.add_argument("--seeds", default="1,2", help="comma-separated seeds")
    ap.add_argument("--threads", default="0,1", help="numba thread counts (0: all)")
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim generates them")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    import numba
    import numpy as np

    from sim.engine.audience import generate
    from sim.scenario import load_scenario

    full = numba.get_num_threads()
    with tempfile.TemporaryDirectory() as tmp:
        for users, accounts in ((int(u), a) for u in args.users.split(",") for a in (False, True)):
            path = Path(tmp) / f"audience_{users}_{accounts}.toml"
            path.write_text(scenario_text(users, accounts))
            sc = load_scenario(path)
            for seed in (int(s) for s in args.seeds.split(",")):
                for threads in (int(t) or full for t in args.threads.split(",")):
                    numba.set_num_threads(threads)
                    aud = generate(sc, np.random.SeedSequence(seed))
                    numba.set_num_threads(full)
                    hashes = " ".join(
                        f"{k}={array_hash(getattr(aud, k))}"
                        for k in ARRAYS
                        if getattr(aud, k, None) is not None
                    )
                    tag = "yes" if accounts else "no"
                    print(f"users={users} accounts={tag} seed={seed} threads={threads} {hashes}")
                    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
