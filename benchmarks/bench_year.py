"""Where a year's time goes, in process: the feed kernel, the audience, the recorder, the rest.

    python benchmarks/bench_year.py --users 100000 --repeats 5
    python benchmarks/bench_year.py --users 1000000 --repeats 3
    python benchmarks/bench_year.py --root /other/checkout      # with that checkout's python

One year of daily posts for the scenario ``bench_scenario.py`` times (Instagram, 1,000 initial
followers), run ``--repeats`` times after one warm-up run (numba cache warm). Each part is timed
by wrapping the functions that do it, so the figures add up to the run:

- *audience*: generating the audience (``sim.engine.audience.generate``);
- *kernel*: the feed kernel (``sim.engine.kernel.distribute_post``, or the model's
  ``sim.engine.kernel_call.KernelCall`` where the checkout has it), every post;
- *recorder*: the recorder's per-post and per-day rows (``Recorder.add_post``, ``end_day``),
  the day's follower scan included;
- *rest*: everything else of the days (follower lists, tactics, audience dynamics, model setup).

Processor time (``time.process_time``) is the figure reported, medians of the repeats: on a
shared machine wall time moves with the load, processor time much less. ``--root`` names the
checkout whose ``sim`` runs (its own interpreter must run this script), so two versions can be
timed side by side in the same minutes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK = time.process_time


class Timed:
    """Wraps ``owner.name`` so each call adds its processor seconds to ``self.seconds``."""

    def __init__(self, owner, name: str):
        self.owner, self.name, self.seconds = owner, name, 0.0
        self.inner = getattr(owner, name)
        timer = self

        def wrapper(*args, **kwargs):
            t0 = CLOCK()
            try:
                return timer.inner(*args, **kwargs)
            finally:
                timer.seconds += CLOCK() - t0

        setattr(owner, name, wrapper)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.inner)


def one_year(path: Path) -> dict[str, float]:
    from sim.engine import audience, kernel, recorder, runner
    from sim.scenario import load_scenario

    sc = load_scenario(path)
    try:  # the model calls the kernel through one entry per run, where the checkout has it
        from sim.engine.kernel_call import KernelCall
    except ImportError:
        kernel_timer = Timed(kernel, "distribute_post")
    else:
        kernel_timer = Timed(KernelCall, "__call__")
    parts = {
        "audience": [Timed(audience, "generate")],
        "kernel": [kernel_timer],
        "recorder": [Timed(recorder.Recorder, "add_post"), Timed(recorder.Recorder, "end_day")],
    }
    # The model looks both up on their modules when it is built, so it calls the wrappers.
    try:
        t0 = CLOCK()
        result = runner.run(sc)
        total = CLOCK() - t0
    finally:
        for timers in parts.values():
            for t in timers:
                t.restore()
    out = {name: sum(t.seconds for t in timers) for name, timers in parts.items()}
    out["rest"] = total - sum(out.values())
    out["total"] = total
    out["impressions"] = float(result.days["impressions"].sum())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose sim is measured")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench_{args.users}.toml"
        path.write_text(
            f'platform = "instagram"\ndays = 365\nseed = 1\n\n[audience]\nusers = {args.users}\n\n'
            "[brand]\ninitial_followers = 1000\nposts_per_week = 7\n"
        )
        one_year(path)  # warm-up: compile or load the cache
        runs = [one_year(path) for _ in range(args.repeats)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    ns = med["kernel"] / max(med["impressions"], 1) * 1e9
    print(f"root {args.root.resolve()}  users {args.users:,}  repeats {args.repeats}")
    print(
        "processor ms (median): "
        + "  ".join(f"{k} {med[k] * 1e3:.1f}" for k in ("total", "audience", "kernel", "recorder"))
        + f"  rest {med['rest'] * 1e3:.1f}"
    )
    print(f"impressions {med['impressions']:,.0f}  kernel ns per impression {ns:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
