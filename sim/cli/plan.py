"""``feedsim curves``: its arguments and what it does (what each lever's money buys)."""

from __future__ import annotations

import sys

EXAMPLES = """\
examples:
  feedsim curves scenarios/organic.toml --lever influencer --budget 0:5000
  feedsim curves scenarios/organic.toml --lever all --budget 0:3000 --months 6 --lang nl
"""


def add_parser(sub) -> None:
    import argparse

    from sim.cli.parser import _study_output

    c = sub.add_parser(
        "curves", help="response curves: what each honest lever's money buys",
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
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("scenario", help="the base scenario, e.g. scenarios/organic.toml (without "
                   "the levers' own tables)")
    c.add_argument("--lever", default="all", help="a lever, a comma-separated list, or all "
                   "(default): influencer, boost, giveaway, community, employee_advocacy, "
                   "posts, content, replies")
    c.add_argument("--budget", default="0:3000", help="euros FROM:TO spent over the run "
                   "(default 0:3000)")
    c.add_argument("--points", type=int, default=6, help="amounts on each curve, FROM and TO "
                   "included (default 6)")
    c.add_argument("--seeds", help="seeds: a count, a list or a range (default: 3)")
    c.add_argument("--months", type=float, help="run this many months (default: the "
                   "scenario's days)")
    c.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                   help="fix a key of the base, e.g. audience.users=20000 (repeatable)")
    where = c.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    where.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or "
                       "'local')")
    _study_output(c, "folder name (default: <scenario>-curves)")


def cmd_curves(args) -> int:
    from sim import sweep
    from sim.cli.commands import UserError, _check_name, _check_sweep_resources, _fixed, _load
    from sim.plan import curves, levers

    _check_name(args)
    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be at least 1; got {args.workers}")
    base = _load(args.scenario)
    if fixed := _fixed(args.sets):
        base = base.with_overrides(fixed, source=f"{args.scenario} --set")
    base = curves.with_months(base, args.months)
    plan = curves.make_curves(base, levers.parse_levers(args.lever),
                              curves.parse_budget(args.budget), points=args.points,
                              seeds=sweep.parse_seeds(3 if args.seeds is None else args.seeds),
                              name=args.name)
    biggest = max(plan.points, key=lambda p: p.spent if p.lever == curves.COMPARISON else 0)
    scenarios = [base.with_overrides(dict(biggest.keys), source="the largest purchase")
                 if biggest.keys else base]
    _check_sweep_resources(scenarios, args, f"curves {args.scenario}")
    folder = curves.choose_folder(plan, args.out)
    if not args.quiet:
        print(f"curves {plan.name}: {len(plan.points)} points × {len(plan.seeds)} seeds "
              f"({', '.join(plan.levers)}, and bought followers) -> {folder}", file=sys.stderr)
    try:
        out = curves.run_curves(plan, folder, workers=args.workers, dask=args.dask,
                                progress=not args.quiet,
                                lang_chart=None if args.no_charts else args.lang)
    except sweep.SweepInterrupted as exc:
        print(f"feedsim curves: {exc}", file=sys.stderr)
        return 130
    if out.failed:
        print(f"feedsim curves: {len(out.failed)} run(s) failed: {', '.join(out.failed[:5])}; "
              f"tracebacks in {folder}/runs/failed; run the same command again to retry them",
              file=sys.stderr)
        return 1
    if args.quiet:
        print(folder)
        return 0
    print(describe(out.table, args.lang))
    print(f"{out.ran:,} runs now, {out.skipped:,} already there")
    chart = "" if args.no_charts else f", {curves.chart_name(args.lang)}.png/svg"
    print(f"results: {folder}  ({curves.TABLE_FILE}, {curves.SUMMARY_FILE}{chart})")
    return 0


def describe(summary, lang: str = "en") -> str:
    """One line per lever: what its largest amount bought, in purchases and real followers."""
    from sim.plan.levers import LEVERS

    nl = lang == "nl"
    lines = []
    order = sorted(set(summary["lever"]), key=lambda lv: (lv == "buy", lv))
    for lever in order:
        rows = summary[summary["lever"] == lever]
        top = rows.sort_values("spent").iloc[-1]
        base = rows.sort_values("spent").iloc[0]
        gain = top["purchases_mean"] - base["purchases_mean"]
        real = top["followers_real_end_mean"] - base["followers_real_end_mean"]
        if nl:
            lines.append(f"  {LEVERS[lever].label('nl')}: €{top['spent']:,.0f} -> "
                         f"{gain:+.1f} aankopen, {real:+,.0f} echte volgers".replace(",", "."))
        else:
            lines.append(f"  {LEVERS[lever].label()}: €{top['spent']:,.0f} -> {gain:+.1f} "
                         f"purchases, {real:+,.0f} real followers")
    return "\n".join(lines)
