"""``feedsim calibrate``: its arguments and what it does (fit a scenario to an analytics export)."""

from __future__ import annotations

import csv
import os
import sys

# Beyond these a calibration runs for hours or fills the memory; --force goes past them.
LIMITS = {"--sims": 20_000, "--refine": 2_000, "--replicates": 200}
# Seeds the fitted scenario runs on by default: ``sim.studies.calibrate.account.REPLICATES``,
# written out here so the command's help loads no calibration code (a test holds them equal).
REPLICATES = 20

EXAMPLES = """\
examples:
  feedsim calibrate tests/data/instagram_export_en.csv --platform instagram
  feedsim calibrate posts.csv --platform linkedin --followers 2300 --sims 800 --workers 2
"""


def add_parser(sub) -> None:
    """Add ``feedsim calibrate`` and its options to the subcommands ``sub``."""
    import argparse

    c = sub.add_parser(
        "calibrate",
        help="fit a scenario to an account's post-level analytics export",
        description="Read a post-level analytics export (Meta Business Suite for Instagram and "
        "Facebook, LinkedIn page analytics, TikTok Studio; as downloaded, English, Dutch or "
        "German headers, any column order), fit the scenario values it can inform (audience "
        "activity and interest, likes, comments, shares and follows per view, the reach of "
        "non-followers) by "
        "simulation (ABC with regression adjustment over a quasi-random prior design), check "
        "the fit on the latest posts held out, and write results/<account>-calibration/<run-id>/ "
        "with <account>.toml (a runnable scenario, intervals as comments), fit.csv and fit.png. "
        "Exit codes: 0 done, 2 bad input.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument(
        "export",
        help="the export as downloaded: CSV (any separator; UTF-8, UTF-16 "
        "or Windows-1252), .xlsx or .xls workbook, TikTok Studio ZIP, or a folder of "
        "these",
    )
    c.add_argument(
        "--platform",
        required=True,
        choices=("instagram", "facebook", "linkedin", "tiktok"),
        help="which platform's export it is",
    )
    c.add_argument(
        "--followers",
        type=int,
        help="the account's follower count today (needed "
        "when the export has no Followers column and no follower history; with a "
        "history of daily gains, the count at the first post is derived from it)",
    )
    c.add_argument(
        "--name", help="the account's scenario name (default: the account in the export)"
    )
    c.add_argument(
        "--sims",
        type=int,
        default=400,
        help="simulations in the fit (default: 400; more gives tighter intervals)",
    )
    c.add_argument(
        "--holdout",
        type=float,
        default=0.25,
        help="share of the latest posts kept out of the fit to check it (default: "
        "0.25; 0 fits on all)",
    )
    c.add_argument(
        "--replicates",
        type=int,
        default=REPLICATES,
        help="seeds the fitted scenario is run on for the chart and the check (default: "
        f"{REPLICATES}: a further run falls outside their range about one time in ten)",
    )
    c.add_argument(
        "--refine",
        type=int,
        default=0,
        help="trials of the search for the values that fit together, inside the "
        "intervals (default: 0, the posterior medians; a search can chase the "
        "noise of its few seeds)",
    )
    c.add_argument("--seed", type=int, default=0, help="first seed (default: 0)")
    where = c.add_mutually_exclusive_group()
    where.add_argument(
        "--workers", type=int, help="worker processes (default: all cores; 1 runs in this process)"
    )
    where.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or 'local')"
    )
    c.add_argument("--out", default="results", help="root folder for results (default: results)")
    c.add_argument(
        "--lang",
        choices=("en", "nl"),
        default="en",
        help="language of the chart and of everything the command prints (default: en)",
    )
    c.add_argument("--no-charts", action="store_true", help="skip drawing the chart")
    c.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")
    c.add_argument(
        "--force",
        action="store_true",
        help="go past the limits: exports over 50 MB "
        "or 20,000 posts, --sims over 20,000, --refine over 2,000, --replicates over "
        "200",
    )


def cmd_calibrate(args) -> int:
    """``feedsim calibrate``: fit a scenario to an account's analytics export, write the
    calibration folder (and its chart) and print the fitted values with their intervals; returns
    the exit code."""
    from sim.base.i18n import Said
    from sim.base.l10n import Count
    from sim.cli.common import progress_of, study_process
    from sim.cli.errors import UserError
    from sim.engine.results import new_run_dir
    from sim.scenario import safe_name
    from sim.studies.calibrate.account import calibrate, write_calibration
    from sim.studies.calibrate.exports import ExportError, read_export

    def at_least(option: str, value: int, least: int) -> None:
        if value < least:
            fields = {"option": option, "least": least, "value": value}
            raise UserError(Said("{option} must be at least {least}; got {value}", fields))

    at_least("--sims", args.sims, 50)
    if args.refine < 0:
        raise UserError(
            Said(
                "{option} must be 0 or more; got {value}",
                {"option": "--refine", "value": args.refine},
            )
        )
    at_least("--replicates", args.replicates, 1)
    for option, value in (
        ("--sims", args.sims),
        ("--refine", args.refine),
        ("--replicates", args.replicates),
    ):
        if value > LIMITS[option] and not args.force:
            raise UserError(
                Said(
                    "{option} {value:,} is more than {limit:,}, which already takes hours and "
                    "memory a laptop may not have; pass --force to run it anyway",
                    {"option": option, "value": Count(value), "limit": Count(LIMITS[option])},
                )
            )
    if args.workers is not None:
        at_least("--workers", args.workers, 1)
    if args.seed < 0:
        raise UserError(
            Said(
                "{option} must be a non-negative integer; got {value}",
                {"option": "--seed", "value": args.seed},
            )
        )
    try:
        export = read_export(args.export, args.platform, followers=args.followers, force=args.force)
        if not args.quiet:
            from sim.studies.calibrate.summary import opening

            for line in opening(export, args.platform, args.sims, args.lang):
                print(line, file=sys.stderr)
        study_process()  # a pool may fork warm workers from this process (results the same)
        cal = calibrate(
            export,
            name=args.name,
            sims=args.sims,
            holdout=args.holdout,
            replicates=args.replicates,
            refine=args.refine,
            seed=args.seed,
            workers=args.workers,
            dask=args.dask,
            progress=progress_of(args),
            meanwhile=None if args.no_charts else _prepare_chart,
        )
    except (ExportError, ValueError) as exc:  # a CalibrationError says itself in --lang
        said = getattr(exc, "said", None)
        raise UserError(str(exc) if said is None else said) from None
    except csv.Error as exc:  # e.g. a cell over the csv module's 128 KB field limit
        raise UserError(
            Said(
                "{path}: cannot be read as a CSV export ({reason}); is it the platform's post "
                "export?",
                {"path": args.export, "reason": str(exc)},
            )
        ) from None
    folder = new_run_dir(args.out, safe_name(f"{cal.name}-calibration"), args.seed)
    paths = write_calibration(cal, folder)
    if not args.no_charts:
        from sim.present.charts.calibrate import calibration_chart
        from sim.studies.sweep.processes import may_fork

        # The workers are gone: the SVG may be drawn beside the PNG on another core.
        two = may_fork() and (os.cpu_count() or 1) > 1
        paths["chart"] = calibration_chart(folder, lang=args.lang, split=two)[0]
    if args.quiet:
        print(folder)
        return 0
    from sim.studies.calibrate.summary import printed

    for to_stderr, line in printed(cal, paths, folder, args.lang):
        print(line, file=sys.stderr if to_stderr else sys.stdout)
    return 0


def _prepare_chart() -> None:
    """Load the fit chart's code and matplotlib while the workers run the first simulations,
    not after the last one, when the command would wait for it."""
    import sim.present.charts.calibrate  # noqa: F401 - loaded now, used after the fit
    from sim.present.charts.common import pyplot

    pyplot()
