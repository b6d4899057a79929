"""``feedsim validate``: its arguments and what it does (check scenario files without running
them), in the language ``--lang`` names."""

from __future__ import annotations

import sys


def add_parser(sub) -> None:
    """Add ``feedsim validate`` and its options to the subcommands ``sub``."""
    from sim.cli.common import add_lang

    v = sub.add_parser(
        "validate",
        help="check scenario files without running them",
        description="Check scenario files: TOML syntax, keys, types and ranges. "
        "Exit code 0 if all are valid, 2 otherwise.",
    )
    v.add_argument("scenarios", nargs="+", help="scenario files to check")
    v.add_argument("--show", action="store_true", help="print the fully resolved scenario")
    add_lang(v)


def cmd_validate(args) -> int:
    """``feedsim validate``: check each scenario file and print what a run of it needs, or why
    it cannot run, in ``--lang``; returns 2 if any file is wrong, else 0."""
    from sim.base.i18n import Said
    from sim.base.l10n import Count, said_of
    from sim.cli.common import load
    from sim.scenario import ScenarioError
    from sim.scenario.resources import SizeWords, TimeWords, estimate

    lang = getattr(args, "lang", None) or "en"
    bad = 0
    for path in args.scenarios:
        try:
            sc = load(path)
        except ScenarioError as exc:
            said = said_of(exc)
            print(said if isinstance(said, str) else said.text(lang), file=sys.stderr)
            bad += 1
            continue
        est = estimate(sc)
        fields = {
            "path": path,
            "platform": sc.platform,
            "days": sc.days,
            "users": Count(sc.audience.users),
            "memory": SizeWords(est.bytes),
            "time": TimeWords(est.seconds),
        }
        ok = Said(
            "{path}: ok ({platform}, {days} days, {users:,} users; a run needs about {memory} "
            "and takes at most {time})",
            fields,
        )
        print(ok.text(lang))
        if args.show:
            print(sc.to_toml())
    return 2 if bad else 0
