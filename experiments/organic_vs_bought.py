"""The organic-versus-bought study: "can't we just buy a few thousand followers?"

The arms, baseline and seeds are in ``experiments/organic_vs_bought.toml``, a comparison file;
this script runs it with the same code as ``feedsim compare experiments/organic_vs_bought.toml``
(:mod:`sim.studies.comparison`: every arm on the sweep engine, common random numbers, resumable),
then draws the banded comparison charts and prints the summary table (medians across seeds).

It writes ``results/<name>/``: ``comparison.toml``, one sweep folder per arm, ``days.csv`` (tidy:
arm × seed × day), ``summary.csv`` (per arm: median and 90% interval across seeds) and the
comparison charts (PNG and SVG). ``feedsim plot`` redraws them from the folder.

    python experiments/organic_vs_bought.py                  # 20 seeds, 100,000 users, 365 days
    python experiments/organic_vs_bought.py --seeds 6        # the shortened `make demo` version
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUDY = Path(__file__).with_suffix(".toml")


def _set_aside_if_stale(plan, folder: Path) -> Path | None:
    """Move ``folder`` aside (renamed, nothing deleted) when it holds this study as another
    version of its scenarios or presets defined it, so the demo runs again after an update
    instead of refusing; returns the new name, or None when the folder is new or current.
    Anything else in the way (a folder that is no study, one in use) is left to the comparison
    to refuse with its own message."""
    from sim.studies.comparison.folder import COMPARISON_FILE
    from sim.studies.sweep.spec import SweepError
    from sim.studies.sweep.studies import prepare_study_folder

    if not (folder / COMPARISON_FILE).is_file():
        return None
    try:
        prepare_study_folder(plan.to_dict(), folder, COMPARISON_FILE, "comparison")
    except SweepError:
        aside = folder.with_name(f"{folder.name}-earlier-{time.strftime('%Y%m%d-%H%M%S')}")
        folder.rename(aside)
        return aside
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, help="seeds per arm (default: the file's, 20)")
    ap.add_argument("--users", type=int, help="audience size (default: the file's, 100,000)")
    ap.add_argument("--days", type=int, help="simulated days (default: the file's, 365)")
    ap.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    ap.add_argument("--lang", choices=("en", "nl"), default="en", help="chart language")
    ap.add_argument("--out", default=str(ROOT / "results"), help="results root folder")
    args = ap.parse_args(argv)
    if (args.seeds is not None and args.seeds < 1) or (
        args.workers is not None and args.workers < 1
    ):
        ap.error("--seeds and --workers must be at least 1")

    from sim.present.charts.compare import comparison_charts
    from sim.scenario import ScenarioError
    from sim.studies.comparison.plan import load_comparison_file
    from sim.studies.comparison.run import figures_text, run_comparison

    over = {k: v for k, v in (("audience.users", args.users), ("days", args.days)) if v is not None}
    try:
        plan = load_comparison_file(STUDY, seeds=args.seeds, overrides=over)
    except ScenarioError as exc:
        print(f"organic_vs_bought: {exc}", file=sys.stderr)
        return 2
    # A shortened study is a different study: its own folder, so the full one is never mixed.
    users = plan.arms[0].scenario.audience.users
    days = plan.arms[0].scenario.days
    folder = Path(args.out) / f"{plan.name}-{len(plan.seeds)}seeds-{users}users-{days}days"
    for note in plan.notes:
        print(f"note: {note}", file=sys.stderr)
    t0 = time.perf_counter()
    aside = _set_aside_if_stale(plan, folder)
    if aside is not None:
        print(
            f"note: {folder} held this study as an earlier version of its scenarios ran it; "
            f"its runs are kept in {aside}",
            file=sys.stderr,
        )
    out = run_comparison(plan, folder, workers=args.workers)
    if out.failed:
        print(
            f"organic_vs_bought: {len(out.failed)} run(s) failed; tracebacks in "
            f"{folder}/*/failed; run again to retry them",
            file=sys.stderr,
        )
        return 1
    charts = comparison_charts(folder, lang=args.lang)
    print(
        f"\n{plan.runs} runs ({len(plan.arms)} arms × {len(plan.seeds)} seeds, {users:,} users, "
        f"{days} days; {out.ran} run now, {out.skipped} already there) in "
        f"{time.perf_counter() - t0:.0f} s"
    )
    print(figures_text(folder))
    print(f"\nresults: {folder}")
    print("charts:")
    for path in charts:
        if path.suffix == ".png":
            print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
