"""The ``feedsim`` command: parses arguments and calls the Python API, nothing more.

Exit codes: 0 success; 1 an unexpected failure; 2 a problem with the user's input (a bad scenario
file, an unknown option, a folder that would be overwritten), reported without a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EXAMPLES = """\
examples:
  feedsim run scenarios/organic.toml
  feedsim run scenarios/bought_followers.toml --seed 7 --days 180
  feedsim validate scenarios/my_idea.toml
  feedsim presets
  feedsim compare results/organic/<run-id> results/bought_followers/<run-id>
"""


class UserError(Exception):
    """A problem the user can fix; printed as one message, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="feedsim",
        description="Simulate social-media feed algorithms and audiences: what buying followers, "
        "content and posting rhythm really do to reach, engagement and customers.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("run", help="run a scenario file and write a results folder",
                       description="Run a scenario and write results/<scenario>/<run-id>/ with "
                       "per-day and per-post tables (CSV), the resolved scenario, meta.json and "
                       "charts (PNG and SVG).")
    r.add_argument("scenario", help="a scenario file (TOML), e.g. scenarios/organic.toml")
    r.add_argument("--seed", type=int, help="random seed (default: the scenario's, else 0)")
    r.add_argument("--days", type=int, help="simulated days (default: the scenario's)")
    r.add_argument("--out", default="results", help="root folder for results (default: results)")
    r.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    r.add_argument("--quiet", action="store_true", help="print only the run folder")

    v = sub.add_parser("validate", help="check scenario files without running them",
                       description="Check scenario files: TOML syntax, keys, types and ranges. "
                       "Exit code 0 if all are valid, 2 otherwise.")
    v.add_argument("scenarios", nargs="+", help="scenario files to check")
    v.add_argument("--show", action="store_true", help="print the fully resolved scenario")

    pr = sub.add_parser("presets", help="list the platform presets and what they set",
                        description="List platform presets with every value and its source.")
    pr.add_argument("name", nargs="?", help="show one preset in full")

    c = sub.add_parser("compare", help="overlay several finished runs on one chart",
                       description="Draw followers and real reach of several run folders side by "
                       "side into a new folder under results/compare/.")
    c.add_argument("runs", nargs="+", help="run folders written by `feedsim run`")
    c.add_argument("--out", default="results", help="root folder for results (default: results)")

    pl = sub.add_parser("plot", help="(re)draw the charts of a run folder",
                        description="Redraw the charts of a run folder from its files.")
    pl.add_argument("run", help="a run folder written by `feedsim run`")
    return p


def _load(path: str):
    from sim.scenario import load_scenario

    return load_scenario(path)


def cmd_run(args) -> int:
    if args.days is not None and args.days < 1:
        raise UserError(f"--days must be at least 1; got {args.days}")
    if args.seed is not None and args.seed < 0:
        raise UserError(f"--seed must be a non-negative integer; got {args.seed}")
    scenario = _load(args.scenario)
    if args.days is not None:  # validate the shortened scenario before importing the engine
        scenario = scenario.with_overrides({"days": args.days}, source=f"{args.scenario} --days")
    from sim.runner import run_to_folder
    t0 = time.perf_counter()
    result, folder = run_to_folder(scenario, seed=args.seed, days=args.days, out=args.out,
                                   progress=not args.quiet, charts=not args.no_charts)
    if args.quiet:
        print(folder)
        return 0
    s = result.summary()
    print(f"{scenario.name}: {s['days']} days, {s['posts']} posts, seed {result.seed} "
          f"({time.perf_counter() - t0:.1f} s)")
    print(f"  followers at the end     {s['followers_end']:>10,}  (real: {s['followers_real_end']:,})")
    print(f"  real reach per post      {s['mean_real_reach_per_post']:>10,.0f}  (mean)")
    print(f"  engagement per follower  {100 * s['median_engagement_rate_follower']:>9.2f}%  "
          "(median per post)")
    print(f"  visits / purchases       {s['visits']:>10,} / {s['purchases']:,}  "
          f"(revenue €{s['revenue']:,.0f}; tactics cost €{s['cost']:,.0f})")
    print(f"results: {folder}")
    if not args.no_charts:
        print(f"chart:   {folder / 'followers_reach.png'}")
    return 0


def cmd_validate(args) -> int:
    from sim.scenario import ScenarioError

    bad = 0
    for path in args.scenarios:
        try:
            sc = _load(path)
        except ScenarioError as exc:
            print(exc, file=sys.stderr)
            bad += 1
            continue
        print(f"{path}: ok ({sc.platform}, {sc.days} days, {sc.audience.users:,} users)")
        if args.show:
            print(sc.to_toml())
    return 2 if bad else 0


def cmd_presets(args) -> int:
    from sim.scenario import PRESET_TABLES, list_presets, load_preset

    names = [args.name] if args.name else list_presets()
    for name in names:
        preset = load_preset(name)
        sources = preset.get("sources", {})
        print(f"{name}: {preset.get('description', '')}")
        for table in PRESET_TABLES:
            for key, value in preset.get(table, {}).items():
                src = sources.get(f"{table}.{key}", "(no source given)")
                if not args.name and len(src) > 70:
                    src = src[:67] + "..."
                print(f"  {table}.{key:<20} {value!s:<24} {src}")
        print()
    if not args.name:
        print("Show one preset with full sources: feedsim presets NAME")
    return 0


def cmd_compare(args) -> int:
    from sim import plots
    from sim.results import new_run_dir

    for f in args.runs:
        if not (Path(f) / "days.csv").exists():
            raise UserError(f"{f} is not a run folder (no days.csv); pass folders written by "
                            "`feedsim run`")
    folder = new_run_dir(args.out, "compare", 0)
    paths = plots.compare_runs(args.runs, folder / "followers_reach")
    (folder / "runs.txt").write_text("\n".join(str(Path(f).resolve()) for f in args.runs) + "\n")
    print(f"chart: {paths[0]}")
    return 0


def cmd_plot(args) -> int:
    from sim import plots

    if not (Path(args.run) / "days.csv").exists():
        raise UserError(f"{args.run} is not a run folder (no days.csv)")
    for p in plots.run_charts(args.run):
        print(p)
    return 0


COMMANDS = {"run": cmd_run, "validate": cmd_validate, "presets": cmd_presets,
            "compare": cmd_compare, "plot": cmd_plot}


def main(argv: list[str] | None = None) -> int:
    from sim.scenario import ScenarioError

    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        import sim

        print(f"feedsim {sim.__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except (ScenarioError, UserError, FileExistsError, FileNotFoundError) as exc:
        print(f"feedsim {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("feedsim: interrupted; finished run folders are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
