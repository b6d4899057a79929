"""How a chart writes numbers: counts, euros, percentages and metric values in the reader's
language (:func:`speaks` sets it around a chart function), tick formatters, axis labels and
headline names from the metric catalogue.

How a metric's values are written follows its ``fmt`` in :mod:`sim.base.metrics` (a share as a
percentage, euros with a sign, counts with thousands separators), so a chart never keeps its own
list of metrics. Part of the chart helpers: :mod:`sim.present.charts.common` re-exports every
name here; this module loads no matplotlib.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable

import numpy as np

from sim.base import metrics
from sim.base.i18n import tr


def t(text: str, lang: str = "en", **values) -> str:
    """``text`` in ``lang`` (:func:`sim.base.i18n.tr`), with ``{name}`` fields filled from
    ``values``."""
    out = tr(text, lang)
    return out.format(**values) if values else out


# The language of the chart being drawn, for its number signs: set by @speaks around a chart
# function (a context variable, as decimal.localcontext does, so nested helpers need no argument).
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("feedsim_chart_lang", default="en")
_DUTCH_SIGNS = str.maketrans({",": ".", ".": ","})


def local(number_text: str) -> str:
    """A formatted number with the chart language's signs: '1,234.5' reads '1.234,5' in Dutch."""
    return number_text.translate(_DUTCH_SIGNS) if _LANG.get() == "nl" else number_text


def speaks(fn):
    """Draw ``fn``'s charts with the number signs of its ``lang`` argument."""
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        lang = sig.bind_partial(*args, **kwargs).arguments.get("lang", "en")
        token = _LANG.set(lang)
        try:
            return fn(*args, **kwargs)
        finally:
            _LANG.reset(token)

    return wrapper


def _lang() -> str:
    return _LANG.get()


def count(x: float) -> str:
    """'12,345': a count or any large number, rounded to a whole (:func:`sim.base.l10n.number`)."""
    from sim.base.l10n import number

    return number(x, _lang())


def euros(x: float, sign: bool = False) -> str:
    """'€1,234', '-€1,234' (and '+€1,234' when ``sign``): money as :func:`sim.base.l10n.money`
    writes it in the chart's language."""
    from sim.base.l10n import money

    return money(x, _lang(), sign=sign)


def wrap(text: str, fig, fontsize: float = 10.5, x0: float = 0.05) -> str:
    """``text`` broken into lines that fit the figure's width from ``x0`` (fraction) on, at
    ``fontsize`` points (a character is about 0.6 of the size wide, as in DejaVu Sans)."""
    import textwrap

    inches = fig.get_figwidth() * (1 - x0 - 0.03)
    return "\n".join(textwrap.wrap(text, max(20, int(inches * 72 / (0.6 * fontsize)))))


def euros_tick(x: float) -> str:
    """An axis tick in euros: whole euros, or cents when the tick is not whole ('€2.50')."""
    from sim.base.l10n import money

    whole = float(x).is_integer() or abs(x) >= 100
    return money(x, _lang(), decimals=0 if whole else 2)


def change(a: float, b: float) -> str:
    """' (+12%)': the relative change from ``a`` to ``b``, empty when ``a`` is 0."""
    from sim.base.l10n import percent as pct

    if a == 0:
        return ""
    return f" ({pct((b - a) / abs(a), _lang(), decimals=0, sign=True)})"


def percent(share: float) -> str:
    """A share as a percentage with two significant digits when small: '2.41%', '0.0016%'."""
    from sim.base.l10n import percent as pct

    if not np.isfinite(share):  # a rate with no value yet (a run shorter than its window)
        return t("no value yet", _lang())
    p = 100 * share
    if p == 0 or abs(p) >= 0.1:
        return pct(share, _lang(), decimals=2)
    digits = max(2, 1 - int(np.floor(np.log10(abs(p)))))
    return pct(share, _lang(), decimals=digits)


def _decimals(v: float, decimals: int) -> str:
    from sim.base.l10n import number

    return number(v, _lang(), decimals)


def _plain(v: float, decimals: int) -> str:
    """``v`` with at most ``decimals`` decimals and no trailing zeros ('1.25', '0.5', '3')."""
    from sim.base.l10n import number

    v = round(float(v), decimals)
    keep = 0
    for d in range(decimals, -1, -1):
        if round(v, d) != v:
            keep = d + 1
            break
    return number(v, _lang(), min(keep, decimals))


def value_text(v) -> str:
    """A grid or table value as a person would write it: 'true', '20,000', '0.05'."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, np.integer)):
        return count(v)
    if isinstance(v, (float, np.floating)):
        return count(v) if float(v).is_integer() and abs(v) >= 1 else _plain(v, 3)
    return str(v)


def fmt_of(name: str) -> str:
    """How the catalogue says to show a figure: a presented figure's format
    (:mod:`sim.base.presented`) first, then the metric catalogue's (``"number"`` if unknown)."""
    from sim.base.presented import FIGURE

    if name in FIGURE:
        return {"cents": "euros", "return": "share"}.get(FIGURE[name].fmt, FIGURE[name].fmt)
    m = metrics.lookup(name)
    return m.fmt if m else "number"


def figure_label(name: str, lang: str | None = None) -> str:
    """A figure's name in the chart's language: a presented figure's own words, else the
    metric catalogue's label."""
    from sim.base.presented import FIGURE

    lang = lang or _LANG.get()
    if name in FIGURE:
        return FIGURE[name].label(lang)
    return tr(metrics.label(name), lang)


def figure_unit(name: str, lang: str | None = None) -> str:
    """A figure's unit in the chart's language (see :func:`figure_label`)."""
    from sim.base.presented import FIGURE

    lang = lang or _LANG.get()
    if name in FIGURE:
        return FIGURE[name].unit(lang)
    return tr(metrics.unit(name), lang)


def metric_text(name: str, v: float) -> str:
    """One value of metric ``name`` for a headline or a cell: '2.41%', '€1,200', '3,400'."""
    fmt = fmt_of(name)
    if fmt == "share":
        return percent(v)
    if fmt == "euros":
        return euros(v)
    if fmt == "ratio":
        return _decimals(v, 2)
    return count(v) if abs(v) >= 10 else _decimals(v, 1)


def tick_formatter(name: str) -> Callable[[float, object], str]:
    """A matplotlib tick formatter for metric ``name``, by its catalogue format."""
    fmt = fmt_of(name)
    if fmt == "share":
        # As many decimals as the tick needs, so 1.25% is not shown as 1.2% beside 0.25%.
        return lambda v, _: _plain(100 * v, 4) + "%"
    if fmt == "euros":
        return lambda v, _: euros_tick(v)
    if fmt == "ratio":
        return lambda v, _: _decimals(v, 2)
    return lambda v, _: count(v) if abs(v) >= 10 else _plain(v, 2)


def axis_label(name: str, note: str | None = None) -> str:
    """'real reach per post, people' from the catalogue, with an optional note on a second line."""
    lang = _LANG.get()  # the chart's language (see speaks)
    label, unit = figure_label(name, lang), figure_unit(name, lang)
    text = label if not unit or unit == label else f"{label}, {unit}"
    return f"{text}\n({note})" if note else text


def headline(name: str) -> str:
    """A metric's label with a capital first letter, for a panel title (in the chart's
    language)."""
    label = figure_label(name)
    return label[:1].upper() + label[1:]
