"""The ``feedsim`` command: parses arguments and calls the Python API, nothing more.

- :mod:`sim.cli.parser`: every subcommand, option and help text;
- :mod:`sim.cli.commands`: what each subcommand does (checks, one API call, printing), with
  :mod:`sim.cli.studies` (sensitivity, explain, worlds) and one module per newer command
  (:mod:`sim.cli.plan`, :mod:`sim.cli.calibrate`, :mod:`sim.cli.new`, :mod:`sim.cli.dashboard`);
- :mod:`sim.cli.common`: what they share (checks, loading with `--set`, shared options), below
  all of them, so the command line has no import circle.

Exit codes: 0 success; 1 an unexpected failure; 2 a problem with the user's input (a bad scenario
file, an unknown option, a folder that would be overwritten), reported without a traceback.
Nothing heavy is imported before a command needs it, so ``feedsim --version`` starts at once.
"""

from __future__ import annotations

import gc
import os
import sys

from sim.cli.argwords import Parser, lang_in
from sim.cli.commands import COMMANDS, UserError
from sim.cli.parser import build_parser
from sim.engine.engines import EngineError

__all__ = ["command", "main", "UserError"]


def _users_to_fix(exc: BaseException) -> bool:
    """Whether ``exc`` is an input the user can fix (exit 2 with its message, no traceback).

    The scenario and results modules are imported only here, on an error, so that a command
    that needs neither starts without them.
    """
    from sim.base.safe_io import FileRefusedError
    from sim.engine.results import OutputError
    from sim.scenario import ScenarioError

    return isinstance(
        exc,
        (
            ScenarioError,
            EngineError,
            UserError,
            OutputError,
            FileExistsError,
            FileNotFoundError,
            FileRefusedError,
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Run ``feedsim`` with these arguments (default: the command line) and return the
    command's exit code; a mistake the user can fix is said in one line, without a traceback,
    with code 2."""
    parser = build_parser()
    Parser.lang = lang_in(sys.argv[1:] if argv is None else argv)  # for argparse's refusals
    try:
        args = parser.parse_args(argv)
    finally:
        Parser.lang = "en"
    if args.version:
        from sim.base.version import __version__

        print(f"feedsim {__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        try:
            return COMMANDS[args.command](args)
        except Exception as exc:
            if not _users_to_fix(exc):
                raise
            said = getattr(exc, "said", None)  # a sentence it can say in the command's language
            text = exc if said is None else said.text(getattr(args, "lang", None) or "en")
            print(f"feedsim {args.command}: {text}", file=sys.stderr)
            return 2
    except RecursionError:
        print(f"feedsim {args.command}: an input is nested too deeply to read", file=sys.stderr)
        return 2
    except MemoryError:
        print(
            f"feedsim {args.command}: out of memory; make the audience or the sweep smaller "
            "(`feedsim validate` shows what a scenario needs)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("feedsim: interrupted; finished run folders are kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `feedsim presets | head`): stop quietly, as Unix tools do.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the pipe
        return 0
    except OSError as exc:  # a file or folder the system refused: read-only, full, missing
        where = f" {exc.filename}" if exc.filename else ""
        print(f"feedsim {args.command}: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2


def command() -> int:
    """The installed ``feedsim`` command (and ``python -m sim.cli``): :func:`main`, then exit
    without the interpreter's last full garbage collection.

    That collection walks every object the process ever made, numba's type registries above all
    (hundreds of thousands), and finds nothing worth freeing in a process that is ending: 0.1-0.2 s
    of every command. Frozen objects are skipped by it; files are closed and ``atexit`` handlers
    run as usual. (``feedsim run`` also freezes once numba has started, so the run's own
    collections skip numba's registries; freezing only keeps objects that exist at that moment
    out of later collections, which in a longer-lived caller of :func:`main` costs at most the
    cyclic garbage of that moment.) The process being the command's own, a study command may
    fork its warm workers from it (:data:`sim.cli.common.OWN_PROCESS`).
    """
    from sim.cli import common

    common.OWN_PROCESS = True  # a study may fork this process's warm workers (run_study)
    code = main()
    gc.freeze()
    return code
