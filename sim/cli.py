"""The ``feedsim`` command: parses arguments and calls the Python API, nothing more.

Exit codes: 0 success; 1 an unexpected failure; 2 a problem with the user's input (a bad scenario
file, an unknown option, a folder that would be overwritten), reported without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from sim.engines import AGENT_ENGINE_MAX_ACCOUNTS, DEFAULT_ENGINE, ENGINES, EngineError

EXAMPLES = """\
examples:
  feedsim run scenarios/organic.toml
  feedsim run scenarios/bought_followers.toml --seed 7 --days 180
  feedsim run scenarios/organic.toml --engine agents      (Mesa agents decide; small audiences)
  feedsim validate scenarios/my_idea.toml
  feedsim presets
  feedsim compare results/organic/<run-id> results/bought_followers/<run-id>
  feedsim sweep scenarios/bought_followers.toml --set strategies.buy.count=0,1000,5000 --seeds 30
  feedsim sweep sweeps/posting_rhythm.toml --workers 2     (or --dask local / --dask tcp://host:8786)
  feedsim plot results/posting_rhythm/
  feedsim sensitivity scenarios/bought_followers.toml --baseline scenarios/organic.toml --seeds 4
  feedsim sensitivity scenarios/bought_followers.toml --list
  feedsim explain scenarios/bought_followers.toml scenarios/organic.toml --seeds 8
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
    r.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help="what distributes each post: the numba feed kernel (default) or Mesa "
                   "agents deciding every impression in Python, a slow reference for audiences "
                   f"of at most {AGENT_ENGINE_MAX_ACCOUNTS:,} accounts")

    v = sub.add_parser("validate", help="check scenario files without running them",
                       description="Check scenario files: TOML syntax, keys, types and ranges. "
                       "Exit code 0 if all are valid, 2 otherwise.")
    v.add_argument("scenarios", nargs="+", help="scenario files to check")
    v.add_argument("--show", action="store_true", help="print the fully resolved scenario")

    pr = sub.add_parser("presets", help="list the platform presets and what they set",
                        description="Without a name: all presets side by side, one row per "
                        "setting, each value marked with its source (A = assumption, [n] = a "
                        "citation listed below). With a name: that preset in full, every value "
                        "with its complete source.")
    pr.add_argument("name", nargs="?", help="show one preset in full")
    pr.add_argument("--wide", action="store_true", help="do not fit the output to the "
                    "terminal width (all presets in one table, sources unwrapped)")

    c = sub.add_parser("compare", help="overlay several finished runs on one chart",
                       description="Draw followers and real reach of several run folders side by "
                       "side into a new folder under results/compare/.")
    c.add_argument("runs", nargs="+", help="run folders written by `feedsim run`")
    c.add_argument("--out", default="results", help="root folder for results (default: results)")

    pl = sub.add_parser("plot", help="(re)draw the charts of a run, sweep or comparison folder",
                        description="Redraw the charts of a run folder, a sweep folder or a "
                        "comparison folder (days.csv with arm and seed columns, and "
                        "comparison.toml, as experiments/organic_vs_bought.py writes) from its "
                        "files.")
    pl.add_argument("run", help="a folder written by `feedsim run`, `feedsim sweep` or a "
                    "comparison (e.g. experiments/organic_vs_bought.py)")

    sw = sub.add_parser("sweep", help="run a grid of scenario values × seeds, resumable",
                        description="Run every combination of --set values (or a sweep file's "
                        "[grid]) for every seed, on all local cores or a Dask cluster, into "
                        "results/<name>/: one Parquet file per finished run, then days.parquet, "
                        "runs.csv, summary.csv (mean and 90%% interval per grid point) and charts. "
                        "Running the same command again resumes an interrupted sweep. Exit codes: "
                        "0 all runs ok, 1 some runs failed, 2 bad input, 130 interrupted.")
    sw.add_argument("file", help="a sweep file (sweeps/*.toml) or a scenario file")
    sw.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=V1,V2,...",
                    help="a grid dimension, e.g. strategies.buy.count=0,1000,5000 (TOML values; "
                    "repeat for more dimensions; one value fixes the key for the whole sweep)")
    sw.add_argument("--seeds", help="seeds per grid point: a count (30 = seeds 0-29), a list "
                    "(3,7,9) or a range (10-19); default: the sweep file's, else 10")
    sw.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    sw.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler "
                    "address (tcp://host:8786) or 'local' for a LocalCluster")
    sw.add_argument("--metrics", help="headline metrics to summarise, comma-separated")
    sw.add_argument("--name", help="sweep name and folder (default: the sweep file's name, "
                    "else <scenario>-sweep)")
    sw.add_argument("--out", default="results", help="root folder for results (default: results)")
    sw.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    sw.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")

    se = sub.add_parser(
        "sensitivity", help="which assumptions a conclusion rests on, and whether it holds",
        description="Vary every assumption of the scenario (preset values whose source is "
        "'assumption', component numbers described as assumptions, and ranges named in the "
        "scenario's [sensitivity] table) over ±--range, run the design on all local cores or a "
        "Dask cluster (resumable), and rank the assumptions by their influence on each metric "
        "(Morris elementary effects, or Sobol indices). With --baseline the quantity is the "
        "effect: figure(FILE) − figure(BASELINE) on the same seeds. Writes results/<name>/ with "
        "sensitivity.csv, sensitivity.md and a tornado chart per metric. Exit codes: 0 done, "
        "1 some runs failed, 2 bad input, 130 interrupted.")
    se.add_argument("file", help="a scenario file, e.g. scenarios/bought_followers.toml")
    se.add_argument("--baseline", metavar="FILE", help="measure the effect against this "
                    "scenario, e.g. scenarios/organic.toml")
    se.add_argument("--seeds", help="seeds per design point: a count, a list or a range "
                    "(default: 4)")
    se.add_argument("--metric", dest="metrics", action="extend", nargs="+", metavar="NAME",
                    help="run figures to explain (default: mean_real_reach_per_post "
                    "followers_real_end purchases net_revenue)")
    se.add_argument("--range", dest="spread", type=float, default=0.5, metavar="SHARE",
                    help="each assumption varies by ± this share of its value (default: 0.5)")
    se.add_argument("--method", choices=("morris", "sobol"), default="morris",
                    help="Morris elementary effects (default) or Sobol indices (many more runs)")
    size = se.add_mutually_exclusive_group()
    size.add_argument("--trajectories", type=int, default=10, metavar="R",
                      help="Morris trajectories (default: 10; each costs parameters + 1 points)")
    size.add_argument("--samples", type=int, default=64, metavar="N",
                      help="Sobol base samples, a power of two (default: 64)")
    se.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                    help="fix a key for both scenarios, e.g. audience.users=20000 (repeatable)")
    se.add_argument("--only", metavar="KEY,KEY", help="vary only these keys")
    se.add_argument("--list", action="store_true", help="print what would be varied, with "
                    "ranges and sources, and run nothing")
    se.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    se.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or "
                    "'local')")
    se.add_argument("--name", help="study name and folder (default: <scenario>-sensitivity)")
    se.add_argument("--out", default="results", help="root folder for results (default: results)")
    se.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    se.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")

    ex = sub.add_parser(
        "explain", help="where a tactic's loss against its baseline comes from",
        description="Split the gap figure(TACTIC) − figure(BASELINE) into channels: test "
        "dilution (fakes counted in the test score; off: scored per view), purges (off: none), "
        "discovery and trust (off: disabled), spend (off: tactics cost nothing) and the rest, by "
        "running every on/off combination of the channels on both scenarios with the same seeds "
        "and taking each channel's Shapley value, so the parts add up exactly to the gap. Runs "
        "on all local cores or a Dask cluster (resumable). Writes results/<name>/ with "
        "explain.csv, explain.md and a waterfall chart per metric. Exit codes: 0 done, 1 some "
        "runs failed, 2 bad input, 130 interrupted.")
    ex.add_argument("tactic", help="the tactic's scenario file, e.g. "
                    "scenarios/bought_followers.toml")
    ex.add_argument("baseline", help="the baseline's scenario file, e.g. scenarios/organic.toml")
    ex.add_argument("--seeds", help="seeds per combination: a count, a list or a range "
                    "(default: 8)")
    ex.add_argument("--metric", dest="metrics", action="extend", nargs="+", metavar="NAME",
                    help="run figures to explain (default: mean_real_reach_per_post "
                    "followers_real_end purchases net_revenue)")
    ex.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                    help="fix a key for both scenarios, e.g. audience.users=20000 (repeatable)")
    where = ex.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    where.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or "
                       "'local')")
    ex.add_argument("--name", help="folder name (default: <tactic>-explain)")
    ex.add_argument("--out", default="results", help="root folder for results (default: results)")
    ex.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    ex.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")
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
                                   progress=not args.quiet, engine=args.engine)
    if not args.no_charts:
        from sim.charts.run import run_charts

        run_charts(folder)
    if args.quiet:
        print(folder)
        return 0
    s = result.summary()
    engine = "" if args.engine == DEFAULT_ENGINE else f", {args.engine} engine"
    print(f"{scenario.name}: {s['days']} days, {s['posts']} posts, seed {result.seed}{engine} "
          f"({time.perf_counter() - t0:.1f} s)")
    print(f"  followers at the end     {s['followers_end']:>10,}  "
          f"(real: {s['followers_real_end']:,})")
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
    """Presets side by side (no name) or one preset in full with its sources (a name)."""
    import shutil

    from sim.presets_table import render

    print(render(args.name, columns=shutil.get_terminal_size((100, 24)).columns, wide=args.wide,
                 interactive=sys.stdout.isatty(), encoding=sys.stdout.encoding))
    return 0


def cmd_compare(args) -> int:
    from sim.charts.compare import compare_runs
    from sim.results import new_run_dir

    for f in args.runs:
        if not (Path(f) / "days.csv").exists():
            raise UserError(f"{f} is not a run folder (no days.csv); pass folders written by "
                            "`feedsim run`")
    folder = new_run_dir(args.out, "compare", 0)
    paths = compare_runs(args.runs, folder / "followers_reach")
    (folder / "runs.txt").write_text("\n".join(str(Path(f).resolve()) for f in args.runs) + "\n")
    print(f"chart: {paths[0]}")
    return 0


def cmd_sweep(args) -> int:
    from sim import sweep

    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be at least 1; got {args.workers}")
    grid = [sweep.parse_set(s) for s in args.sets]
    metrics = [m.strip() for m in args.metrics.split(",")] if args.metrics else None
    if sweep.is_sweep_file(args.file):
        spec = sweep.load_sweep_file(args.file, extra_grid=grid, seeds=args.seeds, name=args.name)
        if metrics is not None:
            spec = sweep.make_spec(spec.base, spec.grid, spec.seeds, metrics, spec.name)
    else:
        spec = sweep.make_spec(_load(args.file), grid, seeds=args.seeds or 10, metrics=metrics,
                               name=args.name)
    folder = Path(args.out) / spec.name
    n = len(spec.runs)
    if not args.quiet:
        dims = " × ".join(f"{k} ({len(v)})" for k, v in spec.grid.items()) or "no grid"
        print(f"sweep {spec.name}: {dims} × {len(spec.seeds)} seeds = {n:,} runs -> {folder}",
              file=sys.stderr)
    try:
        out = sweep.run_sweep(spec, folder, workers=args.workers, dask=args.dask,
                              progress=not args.quiet)
    except sweep.SweepInterrupted as exc:
        print(f"feedsim sweep: {exc}", file=sys.stderr)
        return 130
    if not args.no_charts and out.done:
        from sim.charts.sweep import sweep_charts

        sweep_charts(folder)
    if args.quiet:
        print(folder)
    else:
        print(f"{out.done:,} of {n:,} runs done ({out.skipped:,} already there, {out.ran:,} run "
              f"now, {len(out.failed):,} failed) in {out.seconds:.1f} s")
        print(f"results: {folder}  (days.parquet, runs.csv, summary.csv"
              + ("" if args.no_charts else ", charts") + ")")
    if out.failed:
        shown = ", ".join(out.failed[:5]) + (" ..." if len(out.failed) > 5 else "")
        print(f"feedsim sweep: {len(out.failed)} run(s) failed: {shown}; tracebacks in "
              f"{folder / sweep.FAILED_DIR}; run the same command again to retry them",
              file=sys.stderr)
        return 1
    return 0


def cmd_sensitivity(args) -> int:
    from sim import sensitivity, sweep

    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be at least 1; got {args.workers}")
    fixed = _fixed(args.sets, " (a sensitivity study varies the assumptions itself)")
    scenario = _load(args.file)
    baseline = _load(args.baseline) if args.baseline else None
    if fixed:
        scenario = scenario.with_overrides(fixed, source=f"{args.file} --set")
        if baseline is not None:
            baseline = baseline.with_overrides(fixed, source=f"{args.baseline} --set")
    only = tuple(k.strip() for k in args.only.split(",") if k.strip()) if args.only else None
    plan = sensitivity.plan(
        scenario, baseline, seeds=sweep.parse_seeds(args.seeds or 4), metrics=args.metrics,
        spread=args.spread, method=args.method, trajectories=args.trajectories,
        samples=args.samples, name=args.name, only=only)
    if args.list:
        print(plan.listing())
        return 0
    folder = Path(args.out) / plan.name
    if not args.quiet:
        print(f"sensitivity {plan.name}: {len(plan.params)} assumptions, {plan.points:,} design "
              f"points × {len(plan.seeds)} seeds" + (" × 2 scenarios" if baseline else "")
              + f" = {plan.runs:,} runs -> {folder}", file=sys.stderr)
    try:
        out = sensitivity.run_study(plan, folder, workers=args.workers, dask=args.dask,
                                    progress=not args.quiet)
    except sweep.SweepInterrupted as exc:
        print(f"feedsim sensitivity: {exc}", file=sys.stderr)
        return 130
    if out.failed:
        print(f"feedsim sensitivity: {len(out.failed)} run(s) failed: {', '.join(out.failed[:5])}"
              f"; tracebacks in {folder}/*/failed; run the same command again to retry them",
              file=sys.stderr)
        return 1
    charts = {}
    if not args.no_charts:
        from sim.charts.sensitivity import chart_name, sensitivity_charts

        sensitivity_charts(folder)
        charts = {m: f"{chart_name(m)}.png" for m in plan.metrics}
    summary = sensitivity.write_summary(plan, out, charts)
    if args.quiet:
        print(folder)
        return 0
    for lines in out.sentences.values():
        print(" ".join(lines))
        print()
    print(f"{out.ran:,} runs now, {out.skipped:,} already there")
    print(f"results: {folder}  ({sensitivity.TABLE_FILE}, {summary.name}"
          + ("" if args.no_charts else ", tornado_*.png/svg") + ")")
    return 0


def _fixed(sets: list[str], why: str = "") -> dict:
    """``--set KEY=VALUE`` options as one value per key (``why``: why only one, in words)."""
    from sim import sweep

    fixed = {}
    for item in sets:
        key, values = sweep.parse_set(item)
        if len(values) != 1:
            raise UserError(f"--set {item}: give one value here{why}; use `feedsim sweep` for a "
                            "grid")
        fixed[key] = values[0]
    return fixed


def cmd_explain(args) -> int:
    from sim import explain, sweep

    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be at least 1; got {args.workers}")
    fixed = _fixed(args.sets)
    tactic, baseline = _load(args.tactic), _load(args.baseline)
    if fixed:
        tactic = tactic.with_overrides(fixed, source=f"{args.tactic} --set")
        baseline = baseline.with_overrides(fixed, source=f"{args.baseline} --set")
    plan = explain.plan(tactic, baseline, seeds=sweep.parse_seeds(args.seeds or 8),
                        metrics=args.metrics, name=args.name)
    folder = Path(args.out) / plan.name
    if not args.quiet:
        chans = ", ".join(c.name for c in plan.channels) or "none"
        print(f"explain {plan.name}: channels {chans}: {plan.combinations} combinations × "
              f"{len(plan.seeds)} seeds × 2 scenarios = {plan.runs:,} runs -> {folder}",
              file=sys.stderr)
    try:
        out = explain.run_explain(plan, folder, workers=args.workers, dask=args.dask,
                                  progress=not args.quiet)
    except sweep.SweepInterrupted as exc:
        print(f"feedsim explain: {exc}", file=sys.stderr)
        return 130
    if out.failed:
        print(f"feedsim explain: {len(out.failed)} run(s) failed: {', '.join(out.failed[:5])}; "
              f"tracebacks in {folder}/*/failed; run the same command again to retry them",
              file=sys.stderr)
        return 1
    charts = {}
    if not args.no_charts:
        from sim.charts.explain import explain_charts

        explain_charts(folder)
        charts = {m: f"{explain.chart_name(m)}.png" for m in plan.metrics}
    summary = explain.write_summary(plan, out, charts)
    if args.quiet:
        print(folder)
        return 0
    for lines in out.sentences.values():
        print(" ".join(lines))
        print()
    print(f"{out.ran:,} runs now, {out.skipped:,} already there")
    print(f"results: {folder}  ({explain.TABLE_FILE}, {summary.name}"
          + ("" if args.no_charts else ", waterfall_*.png/svg") + ")")
    return 0


def cmd_plot(args) -> int:
    from sim.charts.compare import ComparisonError, is_comparison_folder
    from sim.explain.report import is_explain_folder
    from sim.results import DAYS_FILE, SCENARIO_FILE
    from sim.sensitivity.report import is_sensitivity_folder
    from sim.sweep.store import is_sweep_folder

    folder = Path(args.run)
    if is_explain_folder(folder):
        from sim.charts.explain import explain_charts as draw
    elif is_sensitivity_folder(folder):
        from sim.charts.sensitivity import sensitivity_charts as draw
    elif is_sweep_folder(folder):
        from sim.charts.sweep import sweep_charts as draw
    elif is_comparison_folder(folder):
        from sim.charts.compare import comparison_charts as draw
    elif (folder / DAYS_FILE).exists() and (folder / SCENARIO_FILE).exists():
        from sim.charts.run import run_charts as draw
    else:
        raise UserError(f"{args.run} is not a run folder ({DAYS_FILE} and {SCENARIO_FILE}), "
                        "a sweep folder (sweep.toml), a comparison folder (comparison.toml), a "
                        "sensitivity folder (sensitivity.toml) or an explanation folder "
                        "(explain.toml)")
    try:
        paths = draw(folder)
    except ComparisonError as exc:
        raise UserError(str(exc)) from exc
    for p in paths:
        print(p)
    return 0


COMMANDS = {"run": cmd_run, "validate": cmd_validate, "presets": cmd_presets,
            "compare": cmd_compare, "plot": cmd_plot, "sweep": cmd_sweep,
            "sensitivity": cmd_sensitivity, "explain": cmd_explain}


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
    except (ScenarioError, EngineError, UserError, FileExistsError, FileNotFoundError) as exc:
        print(f"feedsim {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("feedsim: interrupted; finished run folders are kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `feedsim presets | head`): stop quietly, as Unix tools do.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the pipe
        return 0


if __name__ == "__main__":
    sys.exit(main())
