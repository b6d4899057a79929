"""What the command line says of options it cannot parse, in the command's language.

Python's :mod:`argparse` refuses a mistyped option before the command knows its ``--lang``
("argument --goal: invalid choice: 'foo' ..."), in English. :class:`Parser` reads ``--lang``
from the arguments first (:func:`lang_in`) and says argparse's usual refusals in that language;
one it does not know stays in argparse's English.
"""

from __future__ import annotations

import argparse
import re
import sys

from sim.base.i18n import LANGS, Said

# argparse's refusals (Python 3.11-3.13), each as a sentence said later.
_REFUSALS = (
    (
        r"argument (?P<arg>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
        "argument {arg}: invalid choice: {value} (choose from {choices})",
    ),
    (
        r"argument (?P<arg>\S+): invalid int value: (?P<value>.+)",
        "argument {arg}: {value} is not a whole number",
    ),
    (
        r"argument (?P<arg>\S+): invalid float value: (?P<value>.+)",
        "argument {arg}: {value} is not a number",
    ),
    (r"argument (?P<arg>\S+): expected one argument", "argument {arg}: give it a value"),
    (
        r"the following arguments are required: (?P<args>.+)",
        "the following arguments are required: {args}",
    ),
    (r"unrecognized arguments: (?P<args>.+)", "unrecognized arguments: {args}"),
)


def lang_in(argv: list[str]) -> str:
    """The language ``--lang`` names among ``argv`` (``--lang nl`` or ``--lang=nl``), else en."""
    for i, a in enumerate(argv):
        value = argv[i + 1] if a == "--lang" and i + 1 < len(argv) else None
        if a.startswith("--lang="):
            value = a.split("=", 1)[1]
        if value in LANGS:
            return value
    return "en"


def said(message: str) -> Said | None:
    """Argparse's refusal ``message`` as a sentence said later, or None if it is not one of
    the usual ones."""
    for pattern, template in _REFUSALS:
        if m := re.fullmatch(pattern, message):
            return Said(template, m.groupdict())
    return None


class Parser(argparse.ArgumentParser):
    """An argument parser that refuses in :attr:`lang` (set before parsing: the arguments'
    own ``--lang``); its subcommands' parsers are of this class too."""

    lang = "en"

    def error(self, message: str) -> None:
        """Print the usage and ``message`` (in :attr:`lang` where it is a usual refusal) and
        exit with code 2, as argparse does."""
        if self.lang == "en" or (text := said(message)) is None:
            super().error(message)
        self.print_usage(sys.stderr)
        self.exit(
            2,
            Said("{prog}: error: {message}", {"prog": self.prog, "message": text}).text(self.lang)
            + "\n",
        )

    def format_usage(self) -> str:
        """Argparse's usage line, its first word in :attr:`lang`."""
        usage = super().format_usage()
        if self.lang != "en" and usage.startswith("usage: "):
            return Said("usage: {rest}", {"rest": usage[len("usage: ") :]}).text(self.lang)
        return usage
