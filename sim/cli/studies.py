"""``feedsim sensitivity``, ``feedsim explain`` and ``feedsim worlds``: what the studies of a
conclusion's robustness do (their arguments are in :mod:`sim.cli.parser`)."""

from __future__ import annotations

import sys
from pathlib import Path

from sim.base.i18n import Said
from sim.cli.common import (
    check_study,
    check_sweep_resources,
    fixed_sets,
    load_fixed,
    progress_of,
    run_study,
    said,
    seeds_text,
)


def cmd_sensitivity(args) -> int:
    """``feedsim sensitivity``: vary the scenario's assumptions (Morris or Sobol) and show which
    ones a conclusion against the baseline rests on; returns the exit code."""
    from sim.studies import sensitivity, sweep

    check_study(args)
    fixed = fixed_sets(args.sets, Said(" (a sensitivity study varies the assumptions itself)", {}))
    scenario, baseline = load_fixed(args.file, fixed), load_fixed(args.baseline, fixed)
    only = tuple(k.strip() for k in args.only.split(",") if k.strip()) if args.only else None
    if not args.list:
        check_sweep_resources(
            [sc for sc in (scenario, baseline) if sc is not None],
            args,
            f"sensitivity of {args.file}",
        )
    plan = sensitivity.plan(
        scenario,
        baseline,
        seeds=sweep.parse_seeds(4 if args.seeds is None else args.seeds),
        metrics=args.metrics,
        spread=args.spread,
        method=args.method,
        trajectories=args.trajectories,
        samples=args.samples,
        name=args.name,
        only=only,
    )
    if args.list:
        print(plan.listing(args.lang))
        return 0
    folder = Path(args.out) / plan.name
    if not args.quiet:
        head = said(
            "sensitivity_head",
            args.lang,
            name=plan.name,
            params=len(plan.params),
            points=plan.points,
            seeds=seeds_text(len(plan.seeds), args.lang),
            arms=said("two_arms", args.lang) if baseline else "",
            runs=plan.runs,
            folder=folder,
        )
        print(head, file=sys.stderr)

    def charts() -> dict:
        from sim.present.charts.sensitivity import chart_name, sensitivity_charts

        sensitivity_charts(folder, lang=args.lang)
        return {m: f"{chart_name(m)}.png" for m in plan.metrics}

    return _finish_study(
        "sensitivity",
        args,
        folder,
        lambda: sensitivity.run_study(
            plan, folder, workers=args.workers, dask=args.dask, progress=progress_of(args)
        ),
        charts,
        lambda out, drawn: sensitivity.write_summary(plan, out, drawn),
        sensitivity.TABLE_FILE,
        "tornado_*.png/svg",
        ("Waar de conclusie van afhangt: " + plan.scenario.name)
        + (f" tegen {plan.baseline.name}" if plan.baseline is not None else ""),
    )


def _finish_study(
    command: str,
    args,
    folder: Path,
    run,
    draw,
    write_summary,
    table_file: str,
    chart_files: str,
    title_nl: str,
) -> int:
    """Run a study of several sweeps (sensitivity, explain), draw, summarise and print.

    The summary file (``<command>.md``) is the study's own in English (``write_summary``: its
    sentences with the keys and ranges behind them); in Dutch, under ``title_nl``, the Dutch
    report's sentence and table per figure, and the terminal prints the same sentences.
    Exit codes as for a sweep: 0 done, 1 some runs failed, 130 interrupted (finished runs kept).
    """
    out, code = run_study(command, folder, run, lang=args.lang)
    if out is None:
        return code
    drawn = {} if args.no_charts else draw()
    if args.lang == "nl":
        from sim.present.report.study_words import study_markdown
        from sim.studies.sweep.store import atomic_write

        summary = out.folder / f"{command}.md"
        text = study_markdown(command, out.table, title_nl, drawn, args.lang)
        atomic_write(summary, text.encode())
    else:
        summary = write_summary(out, drawn)
    if args.quiet:
        print(folder)
        return 0
    for lines in _sentences(command, out, args.lang):
        print(" ".join(lines))
        print()
    print(said("runs", args.lang, ran=out.ran, skipped=out.skipped))
    files = f"{folder}  ({table_file}, {summary.name}" + (
        "" if args.no_charts else f", {chart_files}"
    )
    print(said("results", args.lang, path=files + ")"))
    return 0


def _sentences(command: str, out, lang: str) -> list[list[str]]:
    """What a finished study says, per figure: in English the study's own sentences (those of
    its summary file, with the keys and ranges behind them); in Dutch the Dutch report's, word
    for word, so the terminal and the report say the same."""
    if lang != "nl":
        return list(out.sentences.values())
    from sim.present.report.study_words import explain_sentences, sensitivity_sentences

    words = sensitivity_sentences if command == "sensitivity" else explain_sentences
    return [[s] for s in words(out.table, lang)]


def cmd_explain(args) -> int:
    """``feedsim explain``: split a tactic's loss against its baseline into the channels it
    comes from; returns the exit code."""
    from sim.base.i18n import tr
    from sim.studies import explain, sweep
    from sim.studies.explain.report import CHANNEL_LABELS

    check_study(args)
    fixed = fixed_sets(args.sets)
    tactic, baseline = load_fixed(args.tactic, fixed), load_fixed(args.baseline, fixed)
    check_sweep_resources([tactic, baseline], args, f"explain {args.tactic}")
    plan = explain.plan(
        tactic,
        baseline,
        seeds=sweep.parse_seeds(8 if args.seeds is None else args.seeds),
        metrics=args.metrics,
        name=args.name,
    )
    folder = Path(args.out) / plan.name
    if not args.quiet:
        head = said(
            "explain_head",
            args.lang,
            name=plan.name,
            channels=", ".join(tr(CHANNEL_LABELS[c.name], args.lang) for c in plan.channels)
            or said("no_channels", args.lang),
            combinations=plan.combinations,
            seeds=seeds_text(len(plan.seeds), args.lang),
            runs=plan.runs,
            folder=folder,
        )
        print(head, file=sys.stderr)

    def charts() -> dict:
        from sim.present.charts.explain import explain_charts

        explain_charts(folder, lang=args.lang)
        return {m: f"{explain.chart_name(m)}.png" for m in plan.metrics}

    return _finish_study(
        "explain",
        args,
        folder,
        lambda: explain.run_explain(
            plan, folder, workers=args.workers, dask=args.dask, progress=progress_of(args)
        ),
        charts,
        lambda out, drawn: explain.write_summary(plan, out, drawn),
        explain.TABLE_FILE,
        "waterfall_*.png/svg",
        "Waar het verschil vandaan komt: {} tegen {}".format(*plan.titles("nl")),
    )


def cmd_worlds(args) -> int:
    """``feedsim worlds``: run a tactic and its baseline in every plausible world and show
    whether the conclusion holds in each; returns the exit code."""
    from sim.studies import sweep, worlds
    from sim.studies.worlds.run import choose_folder, run_worlds

    check_study(args)
    fixed = fixed_sets(args.sets)
    tactic, baseline = load_fixed(args.tactic, fixed), load_fixed(args.baseline, fixed)
    plan = worlds.make_plan(
        tactic,
        baseline,
        seeds=sweep.parse_seeds(3 if args.seeds is None else args.seeds),
        only=worlds.parse_only(args.only),
        name=args.name,
    )
    if args.list:
        print(
            f"{len(plan.worlds)} worlds × {len(plan.seeds)} seeds × 2 scenarios "
            f"({plan.tactic.name} against {plan.baseline.name}):"
        )
        for a in plan.assumptions:
            print(f"  {a.key}: {a.title} ({', '.join(a.names)})")
        for w in plan.worlds:
            print(f"  world {w.index:>3}: {w.label}")
        return 0
    check_sweep_resources([plan.tactic, plan.baseline], args, f"worlds {args.tactic}")
    folder = choose_folder(plan, args.out)
    if not args.quiet:
        dims = " × ".join(
            str(len({dict(w.choices)[a.key] for w in plan.worlds})) for a in plan.assumptions
        )
        head = said(
            "worlds_head",
            args.lang,
            name=plan.name,
            dims=dims,
            worlds=len(plan.worlds),
            seeds=seeds_text(len(plan.seeds), args.lang),
            tactic=plan.tactic.name,
            baseline=plan.baseline.name,
            folder=folder,
        )
        print(head, file=sys.stderr)

    def draw(table, statement, out_base):
        from sim.present.charts.worlds import worlds_chart

        return worlds_chart(table, statement, out_base, lang=args.lang)

    out, code = run_study(
        "worlds",
        folder,
        lambda: run_worlds(
            plan,
            folder,
            workers=args.workers,
            dask=args.dask,
            progress=progress_of(args),
            draw=None if args.no_charts else draw,
        ),
        lang=args.lang,
    )
    if out is None:
        return code
    if args.quiet:
        print(folder)
        return 0
    statement = worlds.read(folder)
    print(statement[args.lang])  # both languages are in its files
    print(said("runs", args.lang, ran=out.ran, skipped=out.skipped))
    files = f"{folder}  (worlds.csv, statement.json, statement.txt, statement.nl.txt" + (
        "" if args.no_charts else ", worlds.png/svg"
    )
    print(said("results", args.lang, path=files + ")"))
    return 0
