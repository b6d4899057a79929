"""What the ``feedsim`` commands share, below every command module: the checks a study command
makes before it runs, loading a scenario with its ``--set`` values, running a study to its exit
code, telling a damaged results folder in words, and the options several subcommands take.

Every command module (:mod:`sim.cli.commands`, :mod:`sim.cli.studies`, :mod:`sim.cli.plan`, ...)
and the parser import from here, and this module imports none of them, so the command line has no
import circle. Heavy modules are imported inside the functions that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.base.i18n import LANGS, Said
from sim.cli.errors import UserError

__all__ = [
    "DAMAGED",
    "UserError",
    "add_force",
    "add_lang",
    "add_set",
    "add_study_output",
    "add_where",
    "at_least",
    "check_name",
    "check_resources",
    "check_study",
    "check_sweep_resources",
    "damaged",
    "fixed_sets",
    "load",
    "load_fixed",
    "non_negative",
    "run_study",
    "study_process",
]

# What reading a damaged result file raises: an empty or cut CSV or Parquet file (pandas' and
# pyarrow's errors are ValueErrors), bad TOML or JSON, a missing column or row.
DAMAGED = (ValueError, KeyError, IndexError, TypeError)


def damaged(folder, exc: BaseException) -> Said:
    """A damaged results folder in words: which file, what is wrong, and what to do (the
    reader's file's own message, as it is)."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if detail.startswith(str(folder)):  # the message names the file and what is wrong with it
        if "rerun" in detail or "restore" in detail:
            return Said("cannot read {detail}", {"detail": detail[:400]})
        return Said(
            "cannot read {detail}; rerun what wrote it, or restore the folder",
            {"detail": detail[:400]},
        )
    return Said(
        "cannot read {folder}: a file in it is empty or damaged ({kind}: {detail}); rerun what "
        "wrote it, or restore the folder",
        {"folder": folder, "kind": type(exc).__name__, "detail": detail[:300]},
    )


def at_least(option: str, value: int | None, least: int) -> None:
    """Refuse ``option``'s ``value`` below ``least`` (nothing given: nothing to refuse)."""
    if value is not None and value < least:
        fields = {"option": option, "least": least, "value": value}
        raise UserError(Said("{option} must be at least {least}; got {value}", fields))


def non_negative(option: str, value: int | None) -> None:
    """Refuse a negative ``value`` of ``option`` (a seed)."""
    if value is not None and value < 0:
        fields = {"option": option, "value": value}
        raise UserError(Said("{option} must be a non-negative integer; got {value}", fields))


def check_name(args) -> None:
    """``--name`` must stay one folder inside ``--out`` (no separators, not dots alone)."""
    if getattr(args, "name", None) is not None:
        from sim.scenario import check_name as check

        check(args.name)


def check_study(args) -> None:
    """The checks every study command makes before it reads a file: ``--name`` and
    ``--workers``."""
    check_name(args)
    at_least("--workers", getattr(args, "workers", None), 1)


def check_resources(scenario, concurrent: int, what: str, force: bool):
    """Refuse, before anything runs, a plan above the machine's memory (unless --force)."""
    from sim.scenario.resources import ResourceError, check

    try:
        return check(scenario, concurrent=concurrent, what=what, force=force)
    except ResourceError as exc:
        raise UserError(exc.said) from None


def check_sweep_resources(scenarios, args, what: str) -> None:
    """The largest of a sweep's scenarios, once per worker at a time (a local pool's or a local
    Dask cluster's; a remote cluster's workers have their own memory)."""
    import os

    from sim.scenario.resources import estimate

    scenarios = [getattr(p, "scenario", p) for p in scenarios]
    if not scenarios or (args.dask and args.dask != "local"):
        return
    biggest = max(scenarios, key=lambda sc: estimate(sc).bytes)
    workers = args.workers or os.cpu_count() or 1
    check_resources(biggest, workers, what, args.force)


def load(path: str, overrides: dict | None = None, source: str = "--set"):
    """A scenario file with ``overrides`` (dotted keys) applied, resolved and validated once
    (a ScenarioError names the file and key)."""
    from sim.scenario import load_scenario

    return load_scenario(path, overrides, source)


def noted(scenario, changes: dict):
    """``scenario`` with what ``changes`` (the ``--set`` and ``--days`` of a run) changed on its
    file said at the end of its descriptions (:func:`sim.scenario.labels.changed_note`); the
    seed changes no story and is left out."""
    from sim.scenario.labels import changed_note

    changes = {k: v for k, v in changes.items() if k != "seed"}
    if not changes:
        return scenario
    text = {}
    for key, lang in (("description", "en"), ("description_nl", "nl")):
        own = getattr(scenario, key)
        if own:
            text[key] = f"{own} {changed_note(changes, lang)}"
    # Plain text in two fields that nothing else reads: a copy, not a second validation.
    return scenario.model_copy(update=text) if text else scenario


def fixed_sets(sets: list[str], why: object = "") -> dict:
    """``--set KEY=VALUE`` options as one value per key (``why``: why only one, in words: a
    sentence said later, in parentheses)."""
    from sim.studies import sweep

    fixed = {}
    for item in sets:
        key, values = sweep.parse_set(item)
        if len(values) != 1:
            raise UserError(
                Said(
                    "--set {item}: give one value here{why}; use `feedsim sweep` for a grid",
                    {"item": item, "why": why},
                )
            )
        fixed[key] = values[0]
    return fixed


def load_fixed(path: str | None, fixed: dict):
    """The scenario at ``path`` with the ``--set`` values ``fixed`` applied (None for no
    path)."""
    if path is None:
        return None
    scenario = load(path)
    return scenario.with_overrides(fixed, source=f"{path} --set") if fixed else scenario


# True in the installed command's process (set by :func:`sim.cli.command`), which ends with its
# command; False where :func:`sim.cli.main` is called by a program that lives on (a test).
OWN_PROCESS = False


def study_process() -> None:
    """In the installed command's own process, let a study's pool fork warm workers from it, or
    one worker be this process (:func:`sim.studies.sweep.processes.own_process`); elsewhere
    (a test calling :func:`sim.cli.main`) nothing."""
    if OWN_PROCESS:
        from sim.studies.sweep.processes import own_process

        own_process()


def progress_of(args: argparse.Namespace) -> bool | str:
    """The progress bar a command shows: none with ``--quiet``, else one in ``--lang``'s words
    (:func:`sim.base.i18n.bar_lang`)."""
    return False if args.quiet else getattr(args, "lang", "en")


def runs_failed(command: str, failed: list[str], where: object, lang: str = "en") -> str:
    """The line a command prints when some of its runs failed: how many, the first five, where
    their tracebacks are and how to retry them, in ``lang``."""
    from sim.base.i18n import tr

    shown = ", ".join(failed[:5]) + (" ..." if len(failed) > 5 else "")
    text = tr(
        "{n} run(s) failed: {shown}; tracebacks in {where}; run the same command again to "
        "retry them",
        lang,
    )
    return f"feedsim {command}: " + text.format(n=len(failed), shown=shown, where=where)


def run_study(command: str, folder: Path, run, failed_in: str = "*/failed", lang: str = "en"):
    """Run a study of many runs; ``(outcome, 0)``, or ``(None, code)`` when it was interrupted
    (130, finished runs kept) or some runs failed (1, their tracebacks under ``failed_in``)."""
    from sim.studies import sweep

    study_process()
    try:
        out = run()
    except sweep.SweepInterrupted as exc:
        print(f"feedsim {command}: {exc}", file=sys.stderr)
        return None, 130
    if out.failed:
        print(runs_failed(command, out.failed, f"{folder}/{failed_in}", lang), file=sys.stderr)
        return None, 1
    return out, 0


# The options several subcommands share.


def add_force(p: argparse.ArgumentParser) -> None:
    """Add ``--force``: run even when the estimate says a run needs more memory or time than
    allowed."""
    p.add_argument(
        "--force",
        action="store_true",
        help="run even if the estimate made before "
        "running says it needs more memory than the machine can give "
        "($FEEDSIM_MAX_MEMORY, default 80%% of its memory) or more than an hour a run",
    )


def add_lang(p: argparse.ArgumentParser) -> None:
    """Add ``--lang``: the language (en or nl) of the words on the charts."""
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the charts, the printed summary and the progress bar: en (default) or nl",
    )


def add_study_output(p: argparse.ArgumentParser, name_help: str) -> None:
    """The options every engine-backed command (compare, sweep, sensitivity, explain, ...)
    shares for where and how its folder is written."""
    p.add_argument("--name", help=name_help)
    p.add_argument("--out", default="results", help="root folder for results (default: results)")
    p.add_argument("--no-charts", action="store_true", help="skip drawing charts")
    add_lang(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar; print only the folder")
    add_force(p)


def add_set(p: argparse.ArgumentParser, what: str) -> None:
    """``--set KEY=VALUE``, repeatable, fixing a key of ``what`` (e.g. "both scenarios")."""
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"fix a key for {what}, e.g. audience.users=20000 (repeatable)",
    )


def add_where(p: argparse.ArgumentParser) -> None:
    """Where a study's runs go: ``--workers`` local processes or a ``--dask`` cluster."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    where.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask cluster (an address or 'local')"
    )


# What the commands print around their figures, as English templates; their Dutch is in the
# one language list (sim.base.i18n). The figures themselves come from the catalogue of presented
# figures, already in the language.
_SAID = {
    "run_head": "{name}: {days} days, {posts} posts, seed {seed}{engine} ({secs} s)",
    "engine": ", {engine} engine",
    "runs": "{ran} runs now, {skipped} already there",
    "sweep_done": "{done} of {n} runs done ({skipped} already there, {ran} run now, {failed} "
    "failed) in {secs} s",
    "results": "results: {path}",
    "chart": "chart:   {path}",
    "sensitivity_head": "sensitivity {name}: {params} assumptions, {points} design points × "
    "{seeds}{arms} = {runs} runs -> {folder}",
    "explain_head": "explain {name}: channels {channels}: {combinations} combinations × {seeds} "
    "× 2 scenarios = {runs} runs -> {folder}",
    "two_arms": " × 2 scenarios",
    "no_channels": "none",
    "compare_head": "compare {name}: {arms} arms × {seeds} = {runs} runs -> {folder}",
    "sweep_head": "sweep {name}: {dims} × {seeds} = {runs} runs -> {folder}",
    "no_grid": "no grid",
    "curves_head": "curves {name}: {points} points × {seeds} ({levers}, and bought followers) "
    "-> {folder}",
    "plan_head": "plan {name}: {trials} trials × {tune} to tune, then 5 plans × {test} to test "
    "-> {folder}",
    "runs_unlike": "feedsim compare: not like for like: {line}",
    "arms_unlike": "feedsim compare: not like for like: {line}; the arms do not share one "
    "audience, so part of each difference is not the tactic",
    "compare_note": "feedsim compare: note: {note}",
    "sweep_note": "feedsim sweep: note: {note}",
    "new_wrote": "wrote {path}: {what}",
    "new_facts": "  {platform}, {users} users, {followers} followers, {posts} posts a week, "
    "{days} days; a run needs about {size} and takes at most {time}",
    "new_run": "run it:      feedsim run {path}",
    "new_explore": "explore it:  feedsim dashboard {path}",
    "worlds_head": "worlds {name}: {dims} = {worlds} worlds × {seeds}, {tactic} against "
    "{baseline} -> {folder}",
}


def seeds_text(n: int, lang: str) -> str:
    """'1 seed', '4 seeds' ('seed' is the word in Dutch too), the count as ``lang`` writes it."""
    from sim.base.l10n import number

    return f"{number(n, lang)} seed" + ("" if n == 1 else "s")


def said(key: str, lang: str, **fields) -> str:
    """The line ``key`` of :data:`_SAID` in ``lang`` (:func:`sim.base.i18n.tr`), counts (ints)
    written as the language writes them (:func:`sim.base.l10n.number`): ``1,234`` in English,
    ``1.234`` in Dutch."""
    from sim.base.i18n import tr
    from sim.base.l10n import number

    shown = {
        k: number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in fields.items()
    }
    return tr(_SAID[key], lang).format(**shown)
