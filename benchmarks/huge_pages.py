"""Where the feed kernel's arrays lie: how much of each sits on transparent huge pages.

    python benchmarks/huge_pages.py --users 1000000 --runs 3
    python benchmarks/huge_pages.py --users 1000000 --root /other/checkout   # another version

At a million users nearly every array read of the kernel misses the caches, and with 4 KiB pages
the TLB as well; on 2 MiB pages far less. Whether an array gets huge pages depends on how its
memory was mapped (see ``sim.base.kernel_types.huge_zeros``), so this builds ``--runs`` models
one after the other in one process (as a sweep's worker or the benchmarks' repeats do), runs
each for ``--days`` days, and prints for every array the kernel reads at random: its size, its
address modulo 4 KiB, 64 B and 2 MiB, whether it is a view into a larger block, and the share
of its pages on huge pages. Then the process's ``AnonHugePages`` (``/proc/self/smaps_rollup``).

The share is read page by page from ``/proc/self/pagemap`` and ``/proc/kpageflags``, which need
root (or CAP_SYS_ADMIN); without them it is read from ``/proc/self/smaps``, the huge pages of
the whole mapping that holds the array, which is exact for an array with a mapping of its own
and only an indication for one inside NumPy's shared heap. Linux only. ``--root`` names the
checkout whose ``sim`` runs.
"""

from __future__ import annotations

import argparse
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = 4096
KPF_THP = 1 << 22  # /proc/kpageflags: the page belongs to a transparent huge page


def _address(arr) -> int:
    return arr.__array_interface__["data"][0]


def _span(arr) -> tuple[int, int]:
    """First and one-past-last byte the 1-D array ``arr`` covers."""
    lo = _address(arr)
    return lo, lo + (arr.shape[0] - 1) * arr.strides[0] + arr.itemsize if arr.size else lo


def share_by_page(arr) -> float | None:
    """The share of ``arr``'s resident pages on huge pages, page by page (None: not root; NaN:
    nothing of it touched yet)."""
    lo, hi = _span(arr)
    first, last = lo // PAGE, (hi + PAGE - 1) // PAGE
    step = max(1, (last - first) // 4096)  # a few thousand pages are plenty
    resident = huge = 0
    try:
        with open("/proc/self/pagemap", "rb") as pm, open("/proc/kpageflags", "rb") as kf:
            for p in range(first, last, step):
                pm.seek(8 * p)
                entry = struct.unpack("<Q", pm.read(8))[0]
                if not entry >> 63:  # not resident (never touched)
                    continue
                pfn = entry & ((1 << 55) - 1)
                if pfn == 0:  # page frames hidden: not allowed to read them
                    return None
                kf.seek(8 * pfn)
                resident += 1
                huge += bool(struct.unpack("<Q", kf.read(8))[0] & KPF_THP)
    except OSError:
        return None
    return huge / resident if resident else float("nan")


def share_by_mapping(arr) -> float:
    """The share of the resident memory of the mapping holding ``arr`` on huge pages (NaN:
    nothing of it touched yet)."""
    at = _address(arr)
    inside, rss, huge = False, 0, 0
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split(" ", 1)[0]
        if "-" in head and ":" not in head:
            lo, hi = (int(x, 16) for x in head.split("-"))
            if inside:
                break
            inside = lo <= at < hi
        elif inside and line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif inside and line.startswith("AnonHugePages:"):
            huge = int(line.split()[1])
    return huge / rss if rss else float("nan")


def kernel_arrays(model) -> dict:
    """The arrays the feed kernel reads at random, by name."""
    a, ws = model.audience, model.ws
    return {
        "rows": a.rows,
        "indices": a.indices,
        "indptr": a.indptr,
        "origin": a.origin,
        "likes_given": a.likes_given,
        "comments_given": a.comments_given,
        "shares_given": a.shares_given,
        "seen/day_seen": ws.seen,
        "queue": ws.queue,
        "tree_parent": ws.tree_parent,
    }


def report(model, run: int) -> None:
    for name, arr in kernel_arrays(model).items():
        lo, hi = _span(arr)
        share = share_by_page(arr)
        how = "pages"
        if share is None:
            share, how = share_by_mapping(arr), "mapping"
        view = "view" if arr.base is not None else "own"
        huge = "untouched" if share != share else f"huge {share:4.0%} (by {how})"  # NaN: untouched
        print(
            f"run {run}  {name:15s} {(hi - lo) / 1e6:7.1f} MB  %4096 {lo % 4096:4d}  "
            f"%64 {lo % 64:2d}  %2M {lo % (1 << 21):7d}  {view:4s}  {huge}"
        )
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith(("Rss:", "AnonHugePages:")):
            print(f"run {run}  {line}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    args = ap.parse_args(argv)
    if not Path("/proc/self/smaps").exists():
        print("huge_pages.py reads /proc/self/smaps: Linux only", file=sys.stderr)
        return 1
    sys.path.insert(0, str(args.root.resolve()))
    from sim.engine.model import FeedModel
    from sim.scenario import load_scenario

    enabled = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    print(f"root {args.root.resolve()}  users {args.users:,}  transparent huge pages: ", end="")
    print(enabled.read_text().strip() if enabled.exists() else "not available")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench_{args.users}.toml"
        path.write_text(
            f'platform = "instagram"\ndays = 365\nseed = 1\n\n[audience]\nusers = {args.users}\n\n'
            "[brand]\ninitial_followers = 1000\nposts_per_week = 7\n"
        )
        sc = load_scenario(path)
    for run in range(args.runs):
        model = FeedModel(sc, seed=1)
        model.run_days(args.days)
        report(model, run)
        model.release()
        del model
    return 0


if __name__ == "__main__":
    sys.exit(main())
