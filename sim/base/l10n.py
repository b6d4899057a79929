"""Numbers, money, percentages and dates as a reader of each language writes them.

English readers get British conventions (``1,234.5``, ``€1,234``, ``22 November 2026``), Dutch
readers Dutch ones (``1.234,5``, ``€ 1.234``, ``22 november 2026``). The patterns come from the
Unicode CLDR data that Babel ships, so each language's separators and currency placement are the
published ones rather than ours. The words themselves live in :mod:`sim.base.i18n`; the parts a
sentence said later (:class:`sim.base.i18n.Said`) is made of, each said in the reader's language,
are here: a count (:class:`Count`), a name (:class:`Named`), parts in a row (:class:`Listed`) and
another library's English with its translation (:class:`Translated`).

Babel is imported on first use: importing this module costs nothing.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, NamedTuple

from sim.base.i18n import check_lang

# The CLDR locale whose conventions each language follows.
LOCALES = {"en": "en_GB", "nl": "nl_NL"}
DASH = "–"  # what a missing value (NaN, or no spend for a return) reads as


def locale(lang: str) -> str:
    """The Babel locale of ``lang`` (``"nl"`` -> ``"nl_NL"``)."""
    return LOCALES[check_lang(lang)]


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x: float | None, lang: str = "en", decimals: int = 0) -> str:
    """``x`` with the language's grouping and decimal signs, rounded to ``decimals``.

    ``number(1234.56, "nl", 1)`` -> ``"1.234,6"``; NaN or None -> ``"–"``.
    """
    from babel.numbers import format_decimal

    if _missing(x):
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(float(x), decimals) + 0.0, format=pattern, locale=locale(lang))


def count(x: float | None, lang: str = "en") -> str:
    """A count, or the median of counts: whole where it is, with its one decimal where a median
    falls between two (``count(9.0)`` -> ``"9"``, ``count(15.5, "nl")`` -> ``"15,5"``)."""
    if _missing(x):
        return DASH
    return number(x, lang, 0 if float(x).is_integer() else 1)


class Count(int):
    """A count in a sentence said later (a field of :class:`sim.base.i18n.Said`): in English
    as the sentence's own format writes it (``{n:,}``: ``20,000``; ``{n}``: ``20000``), in
    another language as :func:`number` writes it there (``20.000``)."""

    def text(self, lang: str = "en") -> str:
        """The count as ``lang`` writes it."""
        return number(self, lang)


class SaidError(ValueError):
    """An error made of a sentence said later (a :class:`sim.base.i18n.Said`): ``str()`` is
    the English, :attr:`said` the sentence, which a command says in its ``--lang``. Made of
    plain text, ``said`` is None and the text is all there is; so is an error copied to
    another process, which is rebuilt from its English alone."""

    def __init__(self, message: object = "") -> None:
        super().__init__(str(message))
        self.said = message if callable(getattr(message, "text", None)) else None


def said_of(exc: BaseException) -> object:
    """What ``exc`` says, to be part of another refusal or printed in a command's language: its
    sentence said later where it carries one (:attr:`SaidError.said`), else its text."""
    said = getattr(exc, "said", None)
    return str(exc) if said is None else said


class Number(float):
    """A decimal in a sentence said later (a field of :class:`sim.base.i18n.Said`): in English
    as the sentence's own format writes it (``{x:g}``: ``0.38``), in another language with its
    own decimal sign (``0,38``)."""

    def text(self, lang: str = "en") -> str:
        """The number as ``lang`` writes it, to six significant digits (``:g``)."""
        return english_number_text(f"{float(self):g}", lang)


class Named(str):
    """A name in a sentence said later (a field of :class:`sim.base.i18n.Said`) that another
    language words differently: itself in English (``comments``, ``instagram``), its ``words``
    in another language (``reacties``, ``Instagram``)."""

    words: dict[str, str]

    def __new__(cls, name: str, **words: str) -> Named:
        """``name``, worded ``words[lang]`` in each other language."""
        named = super().__new__(cls, name)
        named.words = words
        return named

    def text(self, lang: str = "en") -> str:
        """The name in ``lang``."""
        return self.words.get(check_lang(lang), str(self))


class Listed(NamedTuple):
    """Parts of a sentence said later, one after another (``a.csv row 3; a.csv row 5``): each
    a :class:`sim.base.i18n.Said` (said in the reader's language) or text as it is."""

    parts: tuple
    sep: str = "; "

    def text(self, lang: str = "en") -> str:
        """The parts in ``lang``, joined by ``sep``."""
        return self.sep.join(p.text(lang) if hasattr(p, "text") else str(p) for p in self.parts)

    def __str__(self) -> str:
        return self.text()


class Translated(NamedTuple):
    """Words another library wrote in English (pydantic's, tomllib's), kept as they are in
    English, and ``said`` (a :class:`sim.base.i18n.Said`) in another language."""

    english: str
    said: Any

    def text(self, lang: str = "en") -> str:
        """The words in ``lang``."""
        return self.english if check_lang(lang) == "en" else self.said.text(lang)

    def __str__(self) -> str:
        return self.english


def english_number(x: float, lang: str = "en") -> str:
    """A number as English writes it with Python's own format (``f"{x:,}"``: ``50,000,000``,
    ``0.5``), in ``lang``: in Dutch its grouping and decimal signs swapped (``50.000.000``,
    ``0,5``), so a bound reads the same in both, digit for digit."""
    return english_number_text(f"{x:,}", lang)


def english_number_text(text: str, lang: str = "en") -> str:
    """A number Python's format wrote (``50,000,000``, ``0.5``) as ``lang`` writes it: in Dutch
    its grouping and decimal signs swapped."""
    return text if check_lang(lang) == "en" else text.translate(str.maketrans(",.", ".,"))


def significant(x: float | None, lang: str = "en", digits: int = 3) -> str:
    """``x`` with ``digits`` significant digits, its trailing zeros dropped, and never fewer
    than its whole part (``significant(0.00999)`` -> ``"0.00999"``, ``significant(0.32, "nl")``
    -> ``"0,32"``, ``significant(26391.4)`` -> ``"26,391"``): a fitted value as the scenario
    file writes it, without the exponent Python's ``.3g`` gives a very small or large one."""
    if _missing(x):
        return DASH
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return number(x, lang)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = number(x, lang, decimals)
    if decimals:  # only below 10 ** (digits - 1), so no grouping sign follows the decimal one
        text = text.rstrip("0")
        text = text if text[-1].isdigit() else text[:-1]
    return text


def money(x: float | None, lang: str = "en", decimals: int = 0, sign: bool = False) -> str:
    """Euros as the language writes them: ``"€1,234"`` (en), ``"€ 1.234"`` (nl).

    Args:
        x: an amount in euros.
        lang: the reader's language.
        decimals: digits after the decimal sign (whole euros by default).
        sign: write a plus sign before a positive amount (a gain against something).
    """
    from babel import Locale
    from babel.numbers import format_currency

    if _missing(x):
        return DASH
    loc = locale(lang)
    pattern = Locale.parse(loc).currency_formats["standard"].pattern
    frac = "." + "0" * decimals if decimals > 0 else ""
    pattern = pattern.replace(".00", frac)
    value = round(float(x), decimals) + 0.0  # + 0.0: no "-€0" for a rounded -0.4
    if sign and value > 0:  # the plus sign where the language puts its minus: "€ +45" in Dutch
        minus = format_currency(-value, "EUR", format=pattern, locale=loc, currency_digits=False)
        return minus.replace("-", "+", 1)
    return format_currency(value, "EUR", format=pattern, locale=loc, currency_digits=False)


def percent(share: float | None, lang: str = "en", decimals: int = 1, sign: bool = False) -> str:
    """A share (``0.0456``) as a percentage: ``"4.6%"`` (en), ``"4,6%"`` (nl)."""
    from babel.numbers import format_percent

    if _missing(share):
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    value = round(100 * float(share), decimals) / 100 + 0.0
    text = format_percent(value, format=pattern, locale=locale(lang))
    return f"+{text}" if sign and value > 0 else text


def figure_value(metric: str, v: float | None, lang: str = "en", sign: bool = False) -> str:
    """A value of a run figure (``metric``, :mod:`sim.base.metrics`) in its catalogue format, in
    ``lang``: a share as a percentage with two decimals, euros whole, a count whole from 10 up
    and with two significant digits below (``-8``, ``-0,75``); ``sign`` writes a plus before a
    positive value (a change against something)."""
    from sim.base import metrics

    if _missing(v):
        return DASH
    m = metrics.lookup(metric)
    fmt = m.fmt if m else "number"
    if fmt == "share":
        return percent(v, lang, 2, sign=sign)
    if fmt == "euros":
        return money(v, lang, 0, sign=sign)
    text = number(v, lang) if abs(float(v)) >= 10 else significant(v, lang, 2)
    return ("+" + text) if sign and float(v) > 0 else text


def date(day: _dt.date | _dt.datetime, lang: str = "en") -> str:
    """A date written out: ``"22 November 2026"`` (en), ``"22 november 2026"`` (nl)."""
    from babel.dates import format_date

    if isinstance(day, _dt.datetime):
        day = day.date()
    return format_date(day, format="long", locale=locale(lang))


def short_date(day: _dt.date | _dt.datetime, lang: str = "en") -> str:
    """A date on an axis: ``"3 Mar 2024"`` (en), ``"3 mrt 2024"`` (nl)."""
    from babel.dates import format_date

    if isinstance(day, _dt.datetime):
        day = day.date()
    return format_date(day, format="d MMM yyyy", locale=locale(lang)).replace(".", "")


def excel_format(fmt: str, decimals: int = 0) -> str:
    """The spreadsheet number format of a value shown as ``fmt`` (see :mod:`sim.base.metrics`).

    Spreadsheet formats are written with ``,`` and ``.`` whatever the language: the program that
    opens the file shows them with the reader's own separators (``1.234,5`` in Dutch Excel), so
    the cells stay numbers a reader can calculate with.
    """
    frac = "." + "0" * decimals if decimals > 0 else ""
    if fmt == "share":
        return "0" + (frac or ".00") + "%"
    if fmt == "euros":
        return f'"€" #,##0{frac};"€" -#,##0{frac}'
    return "#,##0" + frac
