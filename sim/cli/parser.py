"""The ``feedsim`` command's arguments: every subcommand, option and help text, nothing else."""

from __future__ import annotations

import argparse

from sim.base.i18n import LANGS
from sim.cli.argwords import Parser
from sim.cli.common import add_force as _force
from sim.cli.common import add_lang as _lang
from sim.cli.common import add_study_output as _study_output
from sim.cli.common import add_where
from sim.engine.engines import AGENT_ENGINE_MAX_ACCOUNTS, DEFAULT_ENGINE, ENGINES

EXAMPLES = """\
examples:
  feedsim run scenarios/organic.toml
  feedsim run scenarios/bought_followers.toml --seed 7 --days 180
  feedsim run scenarios/organic.toml --set audience.users=20000 --set brand.posts_per_week=3
  feedsim run scenarios/organic.toml --set audience.users=5000 --engine agents  (Mesa agents)
  feedsim new my_idea.toml --template giveaway --platform tiktok --users 50000
  feedsim validate my_idea.toml
  feedsim presets
  feedsim compare scenarios/organic.toml scenarios/bought_followers.toml --seeds 8
  feedsim compare experiments/organic_vs_bought.toml --seeds 6 --lang nl
  feedsim compare results/organic/<run-id> results/bought_followers/<run-id>
  feedsim sweep scenarios/bought_followers.toml --set strategies.buy.count=0,1000,5000 --seeds 30
  feedsim sweep sweeps/posting_rhythm.toml --workers 2     (or --dask local / --dask tcp://host:8786)
  feedsim plot results/posting_rhythm/
  feedsim sensitivity scenarios/bought_followers.toml --baseline scenarios/organic.toml --seeds 4
  feedsim sensitivity scenarios/bought_followers.toml --list
  feedsim explain scenarios/bought_followers.toml scenarios/organic.toml --seeds 8
  feedsim report results/organic/<run-id> --lang nl    (PDF, PowerPoint and spreadsheet)
  feedsim export results/buy_followers/ --lang nl      (the spreadsheet alone)
  feedsim calibrate posts.csv --platform instagram --followers 1200
  feedsim dashboard scenarios/organic.toml
"""


def build_parser() -> argparse.ArgumentParser:
    """The ``feedsim`` command line: every subcommand with its options and help."""
    p = Parser(
        prog="feedsim",
        description="Simulate social-media feed algorithms and audiences: what buying followers, "
        "content and posting rhythm really do to reach, engagement and customers.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser(
        "run",
        help="run a scenario file and write a results folder",
        description="Run a scenario and write results/<scenario>/<run-id>/ with "
        "per-day and per-post tables (CSV), the resolved scenario, meta.json and "
        "charts (PNG and SVG).",
    )
    r.add_argument("scenario", help="a scenario file (TOML), e.g. scenarios/organic.toml")
    r.add_argument("--seed", type=int, help="random seed (default: the scenario's, else 0)")
    r.add_argument("--days", type=int, help="simulated days (default: the scenario's)")
    r.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a key of the scenario for this run, e.g. audience.users=20000 "
        "(TOML values; repeatable; the file is left as it is)",
    )
    r.add_argument("--out", default="results", help="root folder for results (default: results)")
    r.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    r.add_argument("--quiet", action="store_true", help="print only the run folder")
    _force(r)
    _lang(r)
    r.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="what distributes each post: the numba feed kernel (default) or Mesa "
        "agents deciding every impression in Python, a slow reference for audiences "
        f"of at most {AGENT_ENGINE_MAX_ACCOUNTS:,} accounts",
    )

    from sim.cli import validate

    validate.add_parser(sub)

    pr = sub.add_parser(
        "presets",
        help="list the platform presets and what they set",
        description="Without a name: all presets side by side, one row per "
        "setting, each value marked with its source (A = assumption, [n] = a "
        "citation listed below). With a name: that preset in full, every value "
        "with its complete source.",
    )
    pr.add_argument("name", nargs="?", help="show one preset in full")
    pr.add_argument(
        "--wide",
        action="store_true",
        help="do not fit the output to the "
        "terminal width (all presets in one table, sources unwrapped)",
    )
    pr.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the words around the values and of each preset's description: en "
        "(default) or nl; the sources are quoted in English",
    )

    c = sub.add_parser(
        "compare",
        help="scenarios side by side across seeds, or finished runs overlaid",
        description="With scenario files (or one comparison file listing arms, e.g. "
        "experiments/organic_vs_bought.toml): run every scenario for every seed on common random "
        "numbers (seed k gives every arm the same audience and luck), on all local cores or a "
        "Dask cluster, resumable, into results/<name>/: days.csv, summary.csv (medians and 90% "
        "intervals per arm), comparison.toml and banded charts. With run folders: overlay them "
        "on one chart under results/compare/, saying plainly when they differ in seed, "
        "audience, platform or length. Exit codes: 0 done, 1 some runs failed, 2 bad input, "
        "130 interrupted.",
    )
    c.add_argument(
        "items",
        nargs="+",
        metavar="FILE_OR_RUN",
        help="scenario files (at least two), one comparison file, or run folders "
        "written by `feedsim run`",
    )
    c.add_argument(
        "--seeds",
        help="seeds per arm: a count (20 = seeds 0-19), a list or a range "
        "(default: the comparison file's, else 10)",
    )
    c.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix a key for every arm, e.g. audience.users=20000 (repeatable)",
    )
    c.add_argument(
        "--baseline",
        metavar="LABEL",
        help="the arm the others are measured against (default: the first)",
    )
    add_where(c)
    _study_output(c, "folder name (default: the comparison file's name, else <a>-vs-<b>)")

    pl = sub.add_parser(
        "plot",
        help="(re)draw the charts of a run, sweep or comparison folder",
        description="Redraw the charts of a run folder, a sweep folder or a "
        "comparison folder (days.csv with arm and seed columns, and "
        "comparison.toml, as experiments/organic_vs_bought.py writes) from its "
        "files.",
    )
    pl.add_argument(
        "run",
        help="a folder written by `feedsim run`, `feedsim sweep`, `feedsim "
        "compare`, `feedsim sensitivity` or `feedsim explain`",
    )
    _lang(pl)

    sw = sub.add_parser(
        "sweep",
        help="run a grid of scenario values × seeds, resumable",
        description="Run every combination of --set values (or a sweep file's "
        "[grid]) for every seed, on all local cores or a Dask cluster, into "
        "results/<name>/: one Parquet file per finished run, then days.parquet, "
        "runs.csv, summary.csv (mean and 90% interval per grid point) and charts. "
        "Running the same command again resumes an interrupted sweep. Exit codes: "
        "0 all runs ok, 1 some runs failed, 2 bad input, 130 interrupted.",
    )
    sw.add_argument("file", help="a sweep file (sweeps/*.toml) or a scenario file")
    sw.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=V1,V2,...",
        help="a grid dimension, e.g. strategies.buy.count=0,1000,5000 (TOML values; "
        "repeat for more dimensions; one value fixes the key for the whole sweep)",
    )
    sw.add_argument(
        "--seeds",
        help="seeds per grid point: a count (30 = seeds 0-29), a list "
        "(3,7,9) or a range (10-19); default: the sweep file's, else 10",
    )
    sw.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    sw.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler "
        "address (tcp://host:8786) or 'local' for a LocalCluster",
    )
    sw.add_argument(
        "--dask-tls-ca",
        metavar="FILE",
        help="TLS: the certificate authority "
        "that signed the scheduler's and workers' certificates (with --dask "
        "tls://HOST:PORT)",
    )
    sw.add_argument("--dask-tls-cert", metavar="FILE", help="TLS: this client's certificate")
    sw.add_argument("--dask-tls-key", metavar="FILE", help="TLS: this client's private key")
    sw.add_argument(
        "--dask-trust-workers",
        action="store_true",
        help="let results from the "
        "cluster be unpickled (by default, on a cluster at an address, every pickle "
        "Dask would read in this process is refused and the run recorded as failed, "
        "so a worker cannot run code on this machine; --dask local is this "
        "machine's own processes and is not guarded); for clusters entirely your "
        "own",
    )
    sw.add_argument("--metrics", help="headline metrics to summarise, comma-separated")
    _study_output(
        sw, "sweep name and folder (default: the sweep file's name, else <scenario>-sweep)"
    )

    se = sub.add_parser(
        "sensitivity",
        help="which assumptions a conclusion rests on, and whether it holds",
        description="Vary every assumption of the scenario (preset values whose source is "
        "'assumption', component numbers described as assumptions, and ranges named in the "
        "scenario's [sensitivity] table) over ±--range, run the design on all local cores or a "
        "Dask cluster (resumable), and rank the assumptions by their influence on each metric "
        "(Morris elementary effects, or Sobol indices). With --baseline the quantity is the "
        "effect: figure(FILE) − figure(BASELINE) on the same seeds. Writes results/<name>/ with "
        "sensitivity.csv, sensitivity.md and a tornado chart per metric. Exit codes: 0 done, "
        "1 some runs failed, 2 bad input, 130 interrupted.",
    )
    se.add_argument("file", help="a scenario file, e.g. scenarios/bought_followers.toml")
    se.add_argument(
        "--baseline",
        metavar="FILE",
        help="measure the effect against this scenario, e.g. scenarios/organic.toml",
    )
    se.add_argument(
        "--seeds", help="seeds per design point: a count, a list or a range (default: 4)"
    )
    se.add_argument(
        "--metric",
        dest="metrics",
        action="extend",
        nargs="+",
        metavar="NAME",
        help="run figures to explain (default: mean_real_reach_per_post "
        "followers_real_end purchases net_revenue)",
    )
    se.add_argument(
        "--range",
        dest="spread",
        type=float,
        default=0.5,
        metavar="SHARE",
        help="each assumption varies by ± this share of its value (default: 0.5)",
    )
    se.add_argument(
        "--method",
        choices=("morris", "sobol"),
        default="morris",
        help="Morris elementary effects (default) or Sobol indices (many more runs)",
    )
    size = se.add_mutually_exclusive_group()
    size.add_argument(
        "--trajectories",
        type=int,
        default=10,
        metavar="R",
        help="Morris trajectories (default: 10; each costs parameters + 1 points)",
    )
    size.add_argument(
        "--samples",
        type=int,
        default=64,
        metavar="N",
        help="Sobol base samples, a power of two (default: 64)",
    )
    se.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix a key for both scenarios, e.g. audience.users=20000 (repeatable)",
    )
    se.add_argument("--only", metavar="KEY,KEY", help="vary only these keys")
    se.add_argument(
        "--list",
        action="store_true",
        help="print what would be varied, with ranges and sources, and run nothing",
    )
    se.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    se.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or 'local')"
    )
    _study_output(se, "study name and folder (default: <scenario>-sensitivity)")

    ex = sub.add_parser(
        "explain",
        help="where a tactic's loss against its baseline comes from",
        description="Split the gap figure(TACTIC) − figure(BASELINE) into channels: test "
        "dilution (fakes counted in the test score; off: scored per view), purges (off: none), "
        "discovery and trust (off: disabled), spend (off: tactics cost nothing) and the rest, by "
        "running every on/off combination of the channels on both scenarios with the same seeds "
        "and taking each channel's Shapley value, so the parts add up exactly to the gap. Runs "
        "on all local cores or a Dask cluster (resumable). Writes results/<name>/ with "
        "explain.csv, explain.md and a waterfall chart per metric. Exit codes: 0 done, 1 some "
        "runs failed, 2 bad input, 130 interrupted.",
    )
    ex.add_argument(
        "tactic", help="the tactic's scenario file, e.g. scenarios/bought_followers.toml"
    )
    ex.add_argument("baseline", help="the baseline's scenario file, e.g. scenarios/organic.toml")
    ex.add_argument(
        "--seeds", help="seeds per combination: a count, a list or a range (default: 8)"
    )
    ex.add_argument(
        "--metric",
        dest="metrics",
        action="extend",
        nargs="+",
        metavar="NAME",
        help="run figures to explain (default: mean_real_reach_per_post "
        "followers_real_end purchases net_revenue)",
    )
    ex.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix a key for both scenarios, e.g. audience.users=20000 (repeatable)",
    )
    add_where(ex)
    _study_output(ex, "folder name (default: <tactic>-explain)")

    wo = sub.add_parser(
        "worlds",
        help="does a conclusion hold in every plausible world?",
        description="Run TACTIC and BASELINE (default: TACTIC without its tactics, the same "
        "shop organic) in every combination of the alternatives of the structural assumptions "
        "no source settles (what the platform's test divides by, what bought followers do, "
        "whether anyone finds out, how fakes are purged), a few seeds each on common random "
        "numbers, and state in English and Dutch in how many worlds the tactic lowered the "
        "headline and what the others share. Writes results/<name>/ (a new folder unless it "
        "holds this very study, which then resumes) with worlds.csv, statement.json/.txt and "
        "worlds.png/svg. Exit codes: 0 done, 1 some runs failed, 2 bad input, 130 "
        "interrupted.",
    )
    wo.add_argument(
        "tactic", help="the tactic's scenario file, e.g. scenarios/bought_followers.toml"
    )
    wo.add_argument(
        "baseline",
        nargs="?",
        help="the baseline's scenario file, e.g. "
        "scenarios/organic.toml (default: the tactic's file without its tactics)",
    )
    wo.add_argument("--seeds", help="seeds per world: a count, a list or a range (default: 3)")
    wo.add_argument(
        "--only",
        metavar="KEY[=ALT+ALT],...",
        help="vary only these assumptions "
        "(and only these alternatives), e.g. feed.test_score,discovery.enabled or "
        "strategies.buy.bots=absent+react",
    )
    wo.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix a key for both scenarios, e.g. audience.users=20000 (repeatable)",
    )
    wo.add_argument("--list", action="store_true", help="print the worlds and run nothing")
    add_where(wo)
    _study_output(wo, "folder name (default: <tactic>-worlds)")

    rp = sub.add_parser(
        "report",
        help="a PDF, a PowerPoint deck and a spreadsheet of a result, in en or nl",
        description="Write report-LANG.pdf (to send), report-LANG.pptx (slides to drop into "
        "your own deck) and tables-LANG.xlsx of a run, comparison or sweep folder: a title "
        "page from the scenario's description, a summary in plain words, the key figures (net "
        "euros, cost per engaged real follower, return on spend, real reach, conversation, "
        "amplification, applause, economic value), the folder's charts (drawn first if "
        "missing) and the assumptions the result rests on (from a sensitivity study in the "
        "folder, else the preset's assumptions). Files go into the folder unless --out names "
        "another; a report in the same language written earlier is replaced, results never.",
    )
    rp.add_argument(
        "folder",
        help="a folder written by `feedsim run`, `compare`, `sweep`, "
        "`sensitivity`, `explain`, `calibrate`, `worlds` or a what-if saved from "
        "the dashboard",
    )
    rp.add_argument(
        "--lang",
        choices=LANGS,
        help="language of every text and number format (default: the scenario's `lang`, else en)",
    )
    rp.add_argument("--out", metavar="DIR", help="folder to write into (default: FOLDER)")
    rp.add_argument(
        "--sensitivity",
        metavar="DIR",
        help="a `feedsim sensitivity` folder for "
        "the assumptions page (default: one inside FOLDER, if any)",
    )
    rp.add_argument(
        "--worlds",
        metavar="DIR",
        help="a `feedsim worlds` folder whose statement "
        "the assumptions page and the first slide quote (default: one inside or "
        "beside FOLDER, if any)",
    )
    rp.add_argument(
        "--theme",
        metavar="FILE",
        help="an agency's theme (TOML: agency, logo, "
        "font, [colours] accent and text) for the PDF and the deck",
    )

    xp = sub.add_parser(
        "export",
        help="the spreadsheet (.xlsx) of a result, in en or nl",
        description="Write tables-LANG.xlsx of a run, comparison or sweep folder: the key "
        "figures (summary), every run's figures (comparisons and sweeps), the per-day table and "
        "the per-post table (a run). Numbers are real numbers, rounded, with units in the "
        "headers and number formats that Dutch and English Excel show in their own way.",
    )
    xp.add_argument(
        "folder", help="a folder written by `feedsim run`, `feedsim sweep` or a comparison"
    )
    xp.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the headers (default: the scenario's `lang`, else en)",
    )
    xp.add_argument("--out", metavar="DIR", help="folder to write into (default: FOLDER)")
    from sim.cli import calibrate, dashboard, new, plan

    calibrate.add_parser(sub)
    dashboard.add_parser(sub)
    new.add_parser(sub)
    plan.add_parser(sub)
    return p
