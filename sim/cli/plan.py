"""``feedsim curves`` and ``feedsim plan``: their arguments and what they do (what each lever's
money buys; the best mix for a budget)."""

from __future__ import annotations

import sys

from sim.cli.common import (
    add_set,
    add_study_output,
    add_where,
    check_study,
    check_sweep_resources,
    fixed_sets,
    load_fixed,
    progress_of,
    run_study,
    said,
    seeds_text,
    study_process,
)

EXAMPLES = """\
examples:
  feedsim curves scenarios/organic.toml --lever influencer --budget 0:5000
  feedsim curves scenarios/organic.toml --lever all --budget 0:3000 --months 6 --lang nl
"""
PLAN_EXAMPLES = """\
examples:
  feedsim plan scenarios/organic.toml --budget 3000 --months 6 --goal purchases
  feedsim plan scenarios/organic.toml --budget 3000 --goal net_euros --max-hours-per-week 10
  feedsim plan scenarios/organic.toml --budget 3000 --max-influencer-posts-per-month 2 --lang nl
"""


def add_parser(sub) -> None:
    """Add ``feedsim curves`` and ``feedsim plan`` and their options to the subcommands ``sub``."""
    import argparse

    c = sub.add_parser(
        "curves",
        help="response curves: what each honest lever's money buys",
        description="Spend an even ladder of amounts on each lever (influencer posts, a paid "
        "boost, giveaways, community management, employee advocacy, more posts, better content, "
        "answering comments) on top of SCENARIO, and the same amounts on bought followers, all "
        "on the same seeds (common random numbers), and draw real followers, engaged real "
        "followers, purchases and net euros against the money really spent, with a band over "
        "seeds and a ring where the next euro buys least. Each lever's cost model is in "
        "docs/sources.md (a source, or an assumption). Writes results/<name>/ (a new folder "
        "unless it holds this very study, which then resumes) with curves.csv, "
        "curves_summary.csv and curves.png/svg (curves_nl.png/svg with --lang nl). Exit codes: "
        "0 done, 1 some runs failed, 2 bad input, 130 interrupted.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument(
        "scenario",
        help="the base scenario, e.g. scenarios/organic.toml (without the levers' own tables)",
    )
    c.add_argument(
        "--lever",
        default="all",
        help="a lever, a comma-separated list, or all "
        "(default): influencer, boost, giveaway, community, employee_advocacy, "
        "posts, content, replies",
    )
    c.add_argument(
        "--budget", default="0:3000", help="euros FROM:TO spent over the run (default 0:3000)"
    )
    c.add_argument(
        "--points",
        type=int,
        default=6,
        help="amounts on each curve, FROM and TO included (default 6)",
    )
    c.add_argument("--seeds", help="seeds: a count, a list or a range (default: 3)")
    c.add_argument(
        "--months", type=float, help="run this many months (default: the scenario's days)"
    )
    add_set(c, "the base")
    add_where(c)
    add_study_output(c, "folder name (default: <scenario>-curves)")

    p = sub.add_parser(
        "plan",
        help="the best mix of honest levers for a budget, judged on unseen seeds",
        description="Search allocations of BUDGET over the honest levers with Optuna (TPE, "
        "seeded), every trial on the same tuning seeds (common random numbers); then run the "
        "best plan and two alternatives that spend the money differently on test seeds the "
        "search never saw, beside the base without money and the same money on bought "
        "followers, and report each plan's outcomes and how often it beat the others. Writes "
        "results/<name>/ (a new folder unless it holds this very study, which then resumes) "
        "with trials.csv, plans.csv, plan_best.toml, plan_alt1.toml, plan_alt2.toml (runnable "
        "scenarios) and plan.png/svg (plan_nl.png/svg with --lang nl). Exit codes: 0 done, "
        "1 some runs failed, 2 bad input, 130 interrupted.",
        epilog=PLAN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", help="the base scenario, e.g. scenarios/organic.toml")
    p.add_argument(
        "--budget", type=float, default=3000.0, help="euros to spend over the run (default 3000)"
    )
    p.add_argument(
        "--goal",
        default="purchases",
        choices=("real_followers", "engaged_real_followers", "purchases", "net_euros"),
        help="what to maximise (default: purchases)",
    )
    p.add_argument(
        "--months", type=float, help="run this many months (default: the scenario's days)"
    )
    p.add_argument(
        "--lever", default="all", help="levers to mix: a comma-separated list or all (default)"
    )
    p.add_argument("--trials", type=int, default=40, help="allocations tried (default 40)")
    p.add_argument("--seeds", default="0-2", help="tuning seeds (default 0-2)")
    p.add_argument(
        "--test-seeds",
        default="100-104",
        help="seeds the verdict is judged on, never used in the search (default 100-104)",
    )
    p.add_argument("--max-influencer-posts-per-month", type=float, help="a cap, e.g. 2")
    p.add_argument(
        "--max-hours-per-week",
        type=float,
        help="a cap on the brand's own hours (community, staff, production, replies), e.g. 10",
    )
    p.add_argument(
        "--worlds",
        action="store_true",
        help="also judge the plans in every "
        "plausible world of the structural assumptions they rest on (plan_worlds.csv)",
    )
    add_set(p, "the base")
    add_where(p)
    add_study_output(p, "folder name (default: <scenario>-plan)")


def cmd_curves(args) -> int:
    """``feedsim curves``: spend a ladder of amounts on each lever and on bought followers, on
    the same seeds, and write and draw the response curves; returns the exit code."""
    from sim.studies import sweep
    from sim.studies.plan import curves, levers

    check_study(args)
    base = curves.with_months(load_fixed(args.scenario, fixed_sets(args.sets)), args.months)
    plan = curves.make_curves(
        base,
        levers.parse_levers(args.lever),
        curves.parse_budget(args.budget),
        points=args.points,
        seeds=sweep.parse_seeds(3 if args.seeds is None else args.seeds),
        name=args.name,
    )
    biggest = max(plan.points, key=lambda p: p.spent if p.lever == curves.COMPARISON else 0)
    scenarios = [
        base.with_overrides(dict(biggest.keys), source="the largest purchase")
        if biggest.keys
        else base
    ]
    check_sweep_resources(scenarios, args, f"curves {args.scenario}")
    folder = curves.choose_folder(plan, args.out)
    if not args.quiet:
        head = said(
            "curves_head",
            args.lang,
            name=plan.name,
            points=len(plan.points),
            seeds=seeds_text(len(plan.seeds), args.lang),
            levers=", ".join(plan.levers),
            folder=folder,
        )
        print(head, file=sys.stderr)
    out, code = run_study(
        "curves",
        folder,
        lambda: curves.run_curves(
            plan, folder, workers=args.workers, dask=args.dask, progress=progress_of(args)
        ),
        failed_in="runs/failed",
        lang=args.lang,
    )
    if out is None:
        return code
    if not args.no_charts:
        from sim.present.charts.plan import curves_chart

        curves_chart(
            out.table,
            curves.plan_words(plan),
            folder / curves.chart_name(args.lang),
            lang=args.lang,
        )
    if args.quiet:
        print(folder)
        return 0
    print(describe(out.table, args.lang))
    print(costs_note(plan.levers, args.lang))

    print(said("runs", args.lang, ran=out.ran, skipped=out.skipped))
    chart = "" if args.no_charts else f", {curves.chart_name(args.lang)}.png/svg"
    files = f"{folder}  ({curves.TABLE_FILE}, {curves.SUMMARY_FILE}{chart})"
    print(said("results", args.lang, path=files))
    return 0


def describe(summary, lang: str = "en") -> str:
    """One line per lever: what its largest amount bought, in purchases and real followers,
    each number as the catalogue of plan figures writes it."""
    from sim.base import presented_plan as pp
    from sim.studies.plan.levers import LEVERS

    nl = lang == "nl"
    lines = []
    order = sorted(set(summary["lever"]), key=lambda lv: (lv == "buy", lv))
    for lever in order:
        rows = summary[summary["lever"] == lever].sort_values("spent")
        top, base = rows.iloc[-1], rows.iloc[0]
        gain = pp.text("purchases", top["purchases_mean"] - base["purchases_mean"], lang, True)
        real = pp.text(
            "followers_real_end",
            top["followers_real_end_mean"] - base["followers_real_end_mean"],
            lang,
            True,
        )
        lines.append(
            f"  {LEVERS[lever].label(lang)}: {pp.text('spent', top['spent'], lang)} -> "
            + (
                f"{gain} aankopen, {real} echte volgers"
                if nl
                else f"{gain} purchases, {real} real followers"
            )
        )
    return "\n".join(lines)


def cmd_plan(args) -> int:
    """``feedsim plan``: search the best mix of honest levers for a budget, judge it on seeds
    the search never saw, and write and print the plan; returns the exit code."""
    from sim.scenario import safe_name
    from sim.studies import sweep
    from sim.studies.plan import curves, levers, planner

    check_study(args)
    base = curves.with_months(load_fixed(args.scenario, fixed_sets(args.sets)), args.months)
    spec = planner.PlanSpec(
        safe_name(args.name or f"{base.name}-plan", "plan"),
        base,
        args.budget,
        args.goal,
        levers.parse_levers(args.lever),
        sweep.parse_seeds(args.seeds),
        sweep.parse_seeds(args.test_seeds),
        trials=args.trials,
        max_influencer_posts_per_month=args.max_influencer_posts_per_month,
        max_hours_per_week=args.max_hours_per_week,
        worlds=args.worlds,
    )
    buy, _ = levers.apply(base, "buy", args.budget)
    check_sweep_resources(
        [base.with_overrides(buy, source="bought followers")], args, f"plan {args.scenario}"
    )
    folder = planner.choose_folder(spec, args.out)
    if not args.quiet:
        head = said(
            "plan_head",
            args.lang,
            name=spec.name,
            trials=spec.trials,
            tune=seeds_text(len(spec.tune_seeds), args.lang),
            test=seeds_text(len(spec.test_seeds), args.lang),
            folder=folder,
        )
        print(head, file=sys.stderr)
    study_process()
    try:
        table = planner.run_plan(
            spec, folder, workers=args.workers, dask=args.dask, progress=progress_of(args)
        )
    except sweep.SweepInterrupted as exc:
        print(f"feedsim plan: {exc}", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"feedsim plan: {exc}", file=sys.stderr)
        return 1
    if not args.no_charts:
        from sim.present.charts.plan import plan_chart

        plan_chart(
            table,
            planner.spec_words(spec),
            folder / ("plan" if args.lang == "en" else f"plan_{args.lang}"),
            lang=args.lang,
        )
    if args.quiet:
        print(folder)
        return 0
    print(describe_plans(table, spec, args.lang))
    print(
        (folder / ("verdict.nl.txt" if args.lang == "nl" else "verdict.txt"))
        .read_text(encoding="utf-8")
        .strip()
    )
    print(costs_note(spec.levers, args.lang))
    chart = (
        ""
        if args.no_charts
        else ", plan.png/svg"
        if args.lang == "en"
        else f", plan_{args.lang}.png/svg"
    )
    print(
        f"{'resultaten' if args.lang == 'nl' else 'results'}: {folder}  (plans.csv, "
        "trials.csv, plan_best.toml, plan_alt1.toml, "
        f"plan_alt2.toml{chart})"
    )
    return 0


def describe_plans(table, spec, lang: str = "en") -> str:
    """One line per plan: its money per lever and the goal on the test seeds, each number as the
    catalogue of plan figures writes it (:mod:`sim.base.presented_plan`)."""
    from sim.base import presented_plan as pp
    from sim.studies.plan.levers import LEVERS

    col = pp.GOALS[spec.goal]
    lines = []
    for plan in table["plan"]:
        money = ", ".join(
            f"{pp.money_cell(table, plan, lv, lang)} {LEVERS[lv].label(lang)}"
            for lv in [*spec.levers, "buy"]
            if pp.value(table, plan, "spent") > 0
            and float(table.set_index("plan").loc[plan, f"{lv}_euros"]) > 0
        )
        lines.append(
            f"  {pp.plan_words(plan, lang)}: {money or '—'} -> "
            f"{pp.cell(table, plan, col, lang)} {pp.goal_words(spec.goal, lang)}; "
            + ("wint " if lang == "nl" else "wins ")
            + pp.text("wins", pp.value(table, plan, "wins"), lang)
        )
    return "\n".join(lines)


def costs_note(lever_names, lang: str = "en") -> str:
    """How each lever's money is counted: a source or the word assumption, for every lever."""
    from sim.studies.plan.costs import cost_model
    from sim.studies.plan.levers import LEVERS

    nl = lang == "nl"
    lines = [
        "hoe het geld geteld wordt (bronnen in docs/sources.md):"
        if nl
        else "how the money is counted (docs/sources.md):"
    ]
    for name in [*lever_names, "buy"]:
        lines.append(f"  {LEVERS[name].label(lang)}: {cost_model(name, lang)}")
    return "\n".join(lines)
