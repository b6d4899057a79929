"""What each ``feedsim`` subcommand does: check its arguments, call the Python API, print.

Errors a user can fix raise :class:`UserError` (or the API's own ScenarioError, EngineError, ...);
:func:`sim.cli.main` turns them into one line and exit code 2.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import time
from pathlib import Path

from sim.base.i18n import Said
from sim.base.l10n import said_of
from sim.cli import calibrate, dashboard, new, plan, studies, validate
from sim.cli.common import (
    DAMAGED,
    UserError,
    at_least,
    check_resources,
    check_study,
    check_sweep_resources,
    damaged,
    fixed_sets,
    load,
    non_negative,
    noted,
    progress_of,
    run_study,
    runs_failed,
    said,
    seeds_text,
    study_process,
)
from sim.engine.engines import DEFAULT_ENGINE


def cmd_run(args) -> int:
    """``feedsim run``: run one scenario (with its ``--set``, ``--days`` and ``--seed``), write
    its results folder and charts, and print the key figures; returns the exit code."""
    at_least("--days", args.days, 1)
    non_negative("--seed", args.seed)
    # --set, --days and --seed apply to the file in one place, validated once, before the
    # engine is imported; the run then takes the scenario as it is.
    overrides = fixed_sets(args.sets, Said(" (a run takes one value per key)", {}))
    given = [
        o
        for o, v in (("--set", overrides or None), ("--days", args.days), ("--seed", args.seed))
        if v is not None
    ]
    if args.days is not None:
        overrides["days"] = args.days
    if args.seed is not None:
        overrides["seed"] = args.seed
    scenario = noted(load(args.scenario, overrides, "/".join(given) or "--seed"), overrides)
    check_resources(scenario, 1, f"{args.scenario}", args.force)
    from sim.base import jit
    from sim.engine.runner import run_to_folder

    # The command owns its process: with numba started, freeze what the imports made, so the
    # run's garbage collections no longer walk numba's registries (see sim.base.jit).
    jit.start()
    gc.freeze()
    t0 = time.perf_counter()
    result, folder = run_to_folder(
        scenario, out=args.out, progress=progress_of(args), engine=args.engine
    )
    if not args.no_charts:
        from sim.present.charts.run import run_charts

        run_charts(folder, lang=args.lang)
    if args.quiet:
        print(folder)
        return 0
    from sim.base.l10n import number
    from sim.base.presented import FIGURE, cell, for_run
    from sim.present.charts.run import run_marks

    s = result.summary()
    engine = "" if args.engine == DEFAULT_ENGINE else said("engine", args.lang, engine=args.engine)
    secs = time.perf_counter() - t0
    print(
        said(
            "run_head",
            args.lang,
            name=scenario.name,
            days=int(s["days"]),
            posts=int(s["posts"]),
            seed=str(result.seed),
            engine=engine,
            secs=number(secs, args.lang, 1),
        )
    )
    # The figures a report of this run shows, written the same way (sim.base.presented).
    table = for_run(result.days, scenario.name, result.seed, run_marks(scenario))
    for name in (
        "followers_end",
        "real_followers_end",
        "real_reach_per_post",
        "purchases",
        "economic_value",
        "cost",
        "net_revenue",
    ):
        print(
            f"  {FIGURE[name].label(args.lang):<30} "
            f"{cell(table, scenario.name, name, args.lang):>12}"
        )
    print(said("results", args.lang, path=folder))
    if not args.no_charts:
        print(said("chart", args.lang, path=folder / "followers_reach.png"))
    return 0


def cmd_presets(args) -> int:
    """Presets side by side (no name) or one preset in full with its sources (a name)."""
    import shutil

    from sim.present.presets_table import render

    print(
        render(
            args.name,
            columns=shutil.get_terminal_size((100, 24)).columns,
            wide=args.wide,
            interactive=sys.stdout.isatty(),
            encoding=sys.stdout.encoding,
            lang=args.lang,
        )
    )
    return 0


def cmd_compare(args) -> int:
    """``feedsim compare``: overlay finished run folders, or run scenario files side by side on
    the same seeds; returns the exit code."""
    items = [Path(x) for x in args.items]
    folders = [p for p in items if p.is_dir()]
    if folders and len(folders) < len(items):
        raise UserError(
            Said(
                "give either run folders (to overlay) or scenario files (to run side by side "
                "across seeds), not both",
                {},
            )
        )
    if folders:
        return _overlay(args, folders)
    return _compare_scenarios(args, items)


def _overlay(args, folders: list[Path]) -> int:
    from sim.engine import results as res
    from sim.present.charts.overlay import overlay_runs, run_differences, write_overlay_file
    from sim.scenario import safe_name

    for f in folders:
        if not (f / res.DAYS_FILE).exists():
            raise UserError(
                Said(
                    "{folder} is not a run folder (no {file}); pass folders written by `feedsim "
                    "run`, or scenario files",
                    {"folder": f, "file": res.DAYS_FILE},
                )
            )
    given = [
        o
        for o, v in (("--seeds", args.seeds), ("--set", args.sets), ("--baseline", args.baseline))
        if v
    ]
    if given:
        raise UserError(
            Said(
                "{options} apply to scenario files; run folders are drawn as they ran",
                {"options": ", ".join(given)},
            )
        )
    try:
        runs = [res.read(f) for f in folders]
    except DAMAGED as exc:
        raise UserError(damaged(" or ".join(map(str, folders)), exc)) from None
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    name = safe_name("-vs-".join(f"{r.scenario.name}-seed{r.seed}" for r in runs))[:80]
    folder = Path(args.out) / "compare" / f"{stamp}-{name}"
    k = 1
    while folder.exists():
        folder = Path(args.out) / "compare" / f"{stamp}-{name}-{k}"
        k += 1
    folder.mkdir(parents=True)
    try:
        for line in run_differences(folders, args.lang):
            print(said("runs_unlike", args.lang, line=line), file=sys.stderr)
        write_overlay_file(folder, folders)
        paths = overlay_runs(folders, folder / "followers_reach", lang=args.lang)
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)  # a failed comparison leaves no folder behind
        if isinstance(exc, DAMAGED):
            raise UserError(damaged(" or ".join(map(str, folders)), exc)) from None
        raise
    print(f"chart: {paths[0]}")
    return 0


def _compare_scenarios(args, files: list[Path]) -> int:
    from sim.studies import sweep
    from sim.studies.comparison.plan import is_comparison_file, load_comparison_file, make_plan
    from sim.studies.comparison.run import figures_text, run_comparison

    at_least("--workers", args.workers, 1)
    for f in files:
        if not f.exists():
            raise UserError(Said("{path}: no such file or folder", {"path": f}))
    fixed = fixed_sets(args.sets)
    seeds = sweep.parse_seeds(args.seeds) if args.seeds else None
    if len(files) == 1 and is_comparison_file(files[0]):
        plan = load_comparison_file(files[0], seeds, fixed, args.name, args.baseline)
    elif len(files) == 1:
        raise UserError(
            Said(
                "{path} is one scenario; give two or more scenario files, or a comparison file "
                "with [[arms]]",
                {"path": files[0]},
            )
        )
    else:
        plan = make_plan(
            [(None, load(str(f))) for f in files],
            seeds if seeds is not None else list(range(10)),
            args.baseline,
            args.name,
            overrides=fixed,
        )
    check_sweep_resources([a.scenario for a in plan.arms], args, f"compare {plan.name}")
    folder = Path(args.out) / plan.name
    for line in plan.warnings(args.lang):
        print(said("arms_unlike", args.lang, line=line), file=sys.stderr)
    for note in plan.notes:
        print(said("compare_note", args.lang, note=note.text(args.lang)), file=sys.stderr)
    if not args.quiet:
        head = said(
            "compare_head",
            args.lang,
            name=plan.name,
            arms=len(plan.arms),
            seeds=seeds_text(len(plan.seeds), args.lang),
            runs=plan.runs,
            folder=folder,
        )
        print(head, file=sys.stderr)
    from sim.studies.sweep.processes import busy_mark

    mark = busy_mark()

    def meanwhile() -> None:  # while the first runs go: load what draws the charts
        from sim.present.charts.compare import prepare_drawing

        prepare_drawing(args.lang)

    out, code = run_study(
        "compare",
        folder,
        lambda: run_comparison(
            plan,
            folder,
            workers=args.workers,
            dask=args.dask,
            progress=progress_of(args),
            meanwhile=None if args.no_charts else meanwhile,
        ),
        lang=args.lang,
    )
    if out is None:
        return code
    charts = []
    if not args.no_charts:
        from sim.present.charts.compare import comparison_charts
        from sim.studies.sweep.processes import may_fork, spare_core

        # Half the charts drawn by a copy of this process, on a core the runs no longer use, if
        # the machine has one idle (other programs' use since the command started, its own
        # left out): on a busy machine a copy only adds the processor time of its own caches.
        cores = min(args.workers or os.cpu_count() or 1, os.cpu_count() or 1)
        two = may_fork() and not args.dask and cores > 1 and spare_core(mark, cores)
        drawn = comparison_charts(folder, lang=args.lang, processes=2 if two else 1, read=out.read)
        charts = [p for p in drawn if p.suffix == ".png"]
    if args.quiet:
        print(folder)
        return 0
    print(figures_text(folder, args.lang, out.read))
    print(said("runs", args.lang, ran=out.ran, skipped=out.skipped))
    files = f"{folder}  (days.csv, summary.csv, figures.csv, comparison.toml)"
    print(said("results", args.lang, path=files))
    for path in charts:
        print(said("chart", args.lang, path=path))
    return 0


def cmd_sweep(args) -> int:
    """``feedsim sweep``: run a grid of scenario values across seeds into a resumable folder and
    draw its charts; returns 0, 1 if some runs failed, 130 if interrupted."""
    from sim.studies import sweep

    check_study(args)
    grid = [sweep.parse_set(s) for s in args.sets]
    metrics = [m.strip() for m in args.metrics.split(",")] if args.metrics else None
    if sweep.is_sweep_file(args.file):
        notes: list = []  # sim.base.i18n.Said, said in --lang
        spec = sweep.load_sweep_file(
            args.file, extra_grid=grid, seeds=args.seeds, name=args.name, notes=notes
        )
        for note in notes:
            print(said("sweep_note", args.lang, note=note.text(args.lang)), file=sys.stderr)
        if metrics is not None:
            spec = sweep.make_spec(spec.base, spec.grid, spec.seeds, metrics, spec.name)
    else:
        spec = sweep.make_spec(
            load(args.file),
            grid,
            seeds=10 if args.seeds is None else args.seeds,
            metrics=metrics,
            name=args.name,
        )
    check_sweep_resources(spec.points, args, f"sweep {spec.name}")
    from sim.studies.sweep.executors import dask_security

    security = dask_security(args.dask_tls_ca, args.dask_tls_cert, args.dask_tls_key)
    if security is not None and not (args.dask or "").startswith("tls://"):
        raise UserError(Said("--dask-tls-* options need --dask tls://HOST:PORT", {}))
    folder = Path(args.out) / spec.name
    n = len(spec.runs)
    if not args.quiet:
        dims = " × ".join(f"{k} ({len(v)})" for k, v in spec.grid.items())
        head = said(
            "sweep_head",
            args.lang,
            name=spec.name,
            dims=dims or said("no_grid", args.lang),
            seeds=seeds_text(len(spec.seeds), args.lang),
            runs=n,
            folder=folder,
        )
        print(head, file=sys.stderr)
    study_process()
    try:
        out = sweep.run_sweep(
            spec,
            folder,
            workers=args.workers,
            dask=args.dask,
            progress=progress_of(args),
            security=security,
            trust_workers=args.dask_trust_workers,
        )
    except sweep.SweepInterrupted as exc:
        print(f"feedsim sweep: {exc}", file=sys.stderr)
        return 130
    for note in out.damaged:
        print(
            f"feedsim sweep: a damaged run file was set aside and run again: {note}",
            file=sys.stderr,
        )
    if not args.no_charts and out.done:
        from sim.present.charts.sweep import sweep_charts

        sweep_charts(folder, lang=args.lang)
    if args.quiet:
        print(folder)
    else:
        from sim.base.l10n import number

        print(
            said(
                "sweep_done",
                args.lang,
                done=out.done,
                n=n,
                skipped=out.skipped,
                ran=out.ran,
                failed=len(out.failed),
                secs=number(out.seconds, args.lang, 1),
            )
        )
        files = f"{folder}  (days.parquet, runs.csv, summary.csv" + (
            "" if args.no_charts else ", charts"
        )
        print(said("results", args.lang, path=files + ")"))
    if out.failed:
        print(
            runs_failed("sweep", out.failed, folder / sweep.FAILED_DIR, args.lang), file=sys.stderr
        )
        return 1
    return 0


def cmd_plot(args) -> int:
    """``feedsim plot``: redraw the charts of a run, sweep or comparison folder and print their
    paths; returns the exit code."""
    from sim.present.charts.compare import ComparisonError
    from sim.present.folders import FolderKindError, kind_of

    try:
        kind = kind_of(args.run)
    except FolderKindError as exc:
        raise UserError(said_of(exc)) from None

    try:
        paths = kind.draw(args.run, lang=args.lang)
    except ComparisonError as exc:
        raise UserError(str(exc)) from exc
    except DAMAGED as exc:
        raise UserError(damaged(args.run, exc)) from None
    for p in paths:
        print(p)
    return 0


def cmd_report(args) -> int:
    """``feedsim report``: write the PDF, the slide deck and the spreadsheet of a result folder
    and print their paths; returns the exit code."""
    from sim.present.report import ReportError, write_report

    try:
        paths = write_report(
            args.folder,
            lang=args.lang,
            out=args.out,
            sensitivity=args.sensitivity,
            worlds=getattr(args, "worlds", None),
            theme=getattr(args, "theme", None),
        )
    except ReportError as exc:
        raise UserError(said_of(exc)) from exc
    except DAMAGED as exc:
        raise UserError(damaged(args.folder, exc)) from None
    for p in paths:
        print(p)
    return 0


def cmd_export(args) -> int:
    """``feedsim export``: write the spreadsheet of a result folder and print its path; returns
    the exit code."""
    from sim.present.report import ReportError, write_export

    try:
        print(write_export(args.folder, lang=args.lang, out=args.out))
    except ReportError as exc:
        raise UserError(said_of(exc)) from exc
    except DAMAGED as exc:
        raise UserError(damaged(args.folder, exc)) from None
    return 0


COMMANDS = {
    "run": cmd_run,
    "validate": validate.cmd_validate,
    "presets": cmd_presets,
    "compare": cmd_compare,
    "plot": cmd_plot,
    "sweep": cmd_sweep,
    "sensitivity": studies.cmd_sensitivity,
    "explain": studies.cmd_explain,
    "report": cmd_report,
    "export": cmd_export,
    "worlds": studies.cmd_worlds,
    "calibrate": calibrate.cmd_calibrate,
    "dashboard": dashboard.cmd_dashboard,
    "new": new.cmd_new,
    "curves": plan.cmd_curves,
    "plan": plan.cmd_plan,
}
