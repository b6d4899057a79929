"""``feedsim new``: its arguments and what it does (write a scenario file from a template)."""

from __future__ import annotations

import shlex
from pathlib import Path

EXAMPLES = """\
examples:
  feedsim new --list
  feedsim new my_shop.toml --template organic --platform tiktok --users 50000 --posts-per-week 5
  feedsim new giveaway_nl.toml --template giveaway --followers 300 --lang nl
"""


def add_parser(sub) -> None:
    """Add ``feedsim new`` and its options to the subcommands ``sub``."""
    import argparse

    n = sub.add_parser(
        "new",
        help="write a scenario file from a template, to run or edit",
        description="Write a new scenario file from a template (one of the scenarios shipped in "
        "scenarios/, each a story: organic growth, bought followers, a giveaway, ...), with the "
        "platform, audience size, the shop's followers, posting rhythm, length and report "
        "language you choose. The file holds only what differs from the platform preset; it is "
        "validated before it is written, and an existing file is never replaced without "
        "--force.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    n.add_argument("file", nargs="?", help="the scenario file to write, e.g. my_shop.toml")
    n.add_argument(
        "--list",
        action="store_true",
        help="list the templates with their English and Dutch titles, and write nothing",
    )
    n.add_argument(
        "--template",
        default="organic",
        help="a template's name (see --list) or a scenario file to start from (default: organic)",
    )
    n.add_argument(
        "--platform",
        help="the platform preset, e.g. instagram, tiktok, linkedin "
        "(`feedsim presets` lists them; default: the template's)",
    )
    n.add_argument("--users", type=int, help="real users in the audience (default: the template's)")
    n.add_argument(
        "--followers", type=int, help="the shop's followers on day 0 (default: the template's)"
    )
    n.add_argument(
        "--posts-per-week", type=float, help="the shop's posting rhythm (default: the template's)"
    )
    n.add_argument("--days", type=int, help="simulated days (default: the template's)")
    n.add_argument(
        "--lang",
        choices=("en", "nl"),
        help="the language of the scenario's reports "
        "and spreadsheets (default: the template's, else en)",
    )
    n.add_argument("--force", action="store_true", help="replace FILE if it exists")


def cmd_new(args) -> int:
    """``feedsim new``: list the templates, or write a new scenario file from one (checked
    before and after it is written, never replacing a file without ``--force``); returns the
    exit code."""
    from sim.base.i18n import Said
    from sim.cli.errors import UserError
    from sim.scenario import load_scenario
    from sim.scenario.templates import from_template, templates

    if args.list:
        items = templates()
        width = max(len(t.name) for t in items) + 2
        dutch = args.lang == "nl"  # the Dutch title first, under a Dutch heading
        print(
            Said(
                "templates (feedsim new FILE --template NAME); title in English, then Dutch:", {}
            ).text(args.lang or "en")
        )
        for t in items:
            first, second = (t.title_nl, t.title) if dutch else (t.title, t.title_nl)
            print(f"  {t.name:<{width}}{first}")
            print(f"  {'':<{width}}{second}")
        return 0
    if not args.file:
        raise UserError(
            Said(
                "name the scenario file to write, e.g. `feedsim new my_shop.toml --template "
                "organic`; `feedsim new --list` shows the templates",
                {},
            )
        )
    path = Path(args.file)
    if path.suffix != ".toml":
        fields = {"file": args.file, "example": f"{path.stem}.toml"}
        raise UserError(Said("{file}: a scenario file ends in .toml, e.g. {example}", fields))
    if path.is_dir():
        fields = {"file": args.file, "example": path / "my_shop.toml"}
        raise UserError(Said("{file} is a folder; name a file, e.g. {example}", fields))
    if path.exists() and not args.force:
        raise UserError(
            Said(
                "{file} already exists and was left as it is; choose another file name, or add "
                "--force to replace it",
                {"file": args.file},
            )
        )
    settings = {}
    for key, value in (
        ("platform", args.platform),
        ("audience.users", args.users),
        ("brand.initial_followers", args.followers),
        ("brand.posts_per_week", args.posts_per_week),
        ("days", args.days),
        ("lang", args.lang),
    ):
        if value is not None:
            settings[key] = value
    text, sc = from_template(args.template, path, settings)  # validated before writing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    load_scenario(path)  # the file as written reads back to a valid scenario
    from sim.base.figure_words import scenario_text
    from sim.base.l10n import number
    from sim.base.platform_names import platform_name
    from sim.cli.common import said
    from sim.scenario.resources import estimate, size_text, time_text

    # Said in the scenario's own language: a Dutch scenario is made by a Dutch reader.
    lang = sc.lang or "en"
    est = estimate(sc)
    quoted = shlex.quote(str(path))
    print(said("new_wrote", lang, path=path, what=scenario_text(sc, lang) or sc.name))
    print(
        said(
            "new_facts",
            lang,
            platform=platform_name(sc.platform),
            users=sc.audience.users,
            followers=sc.brand.initial_followers,
            posts=number(
                sc.brand.posts_per_week, lang, 0 if sc.brand.posts_per_week % 1 == 0 else 1
            ),
            days=sc.days,
            size=size_text(est.bytes, lang),
            time=time_text(est.seconds, lang),
        )
    )
    print(said("new_run", lang, path=quoted))
    print(said("new_explore", lang, path=quoted))
    return 0
