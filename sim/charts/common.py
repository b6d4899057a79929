"""What every chart shares: matplotlib (imported here only, and only when a chart is drawn), the
palette, the axis style, how a figure is saved, and how numbers are written.

How a metric's values are written follows its ``fmt`` in :mod:`sim.metrics` (a share as a
percentage, euros with a sign, counts with thousands separators), so a chart never keeps its own
list of metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from sim import metrics

# A palette that survives projectors and colour-blindness (Okabe & Ito, 2008), in the order
# series are given colours.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TEXT_COLOUR, NOTE_COLOUR = "#333333", "#777777"
FORMATS = ("png", "svg")
PNG_DPI = 150


def pyplot():
    """``matplotlib.pyplot`` on the file-only Agg backend, imported on first use."""
    import matplotlib

    # force=False: a caller who already chose a backend (a notebook) keeps it.
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def colours(names: Iterable[str]) -> dict[str, str]:
    """One palette colour per name, in the order given (the palette repeats after eight)."""
    return {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(dict.fromkeys(names))}


def style(ax) -> None:
    """The house style of one axes: no top and right frame, a faint horizontal grid."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.tick_params(labelsize=10)


def save_figure(fig, out_base: str | Path) -> list[Path]:
    """Write ``fig`` as ``out_base``.png (150 dpi) and .svg, then close it.

    Args:
        fig: a matplotlib figure.
        out_base: the path without a suffix; its folder must exist.

    Returns:
        The files written, PNG first.
    """
    paths = []
    for ext in FORMATS:
        path = Path(out_base).with_suffix(f".{ext}")
        fig.savefig(path, dpi=PNG_DPI if ext == "png" else None)
        paths.append(path)
    pyplot().close(fig)
    return paths


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def count(x: float) -> str:
    """'12,345': a count or any large number, rounded to a whole."""
    return f"{x:,.0f}"


def euros(x: float, sign: bool = False) -> str:
    """'€1,234', '−€1,234' (and '+€1,234' when ``sign``): readable money on a slide."""
    s = "−" if x < 0 else ("+" if sign and x > 0 else "")
    return f"{s}€{abs(x):,.0f}"


def change(a: float, b: float) -> str:
    """' (+12%)': the relative change from ``a`` to ``b``, empty when ``a`` is 0."""
    if a == 0:
        return ""
    return f" ({100 * (b - a) / abs(a):+,.0f}%)".replace("-", "−")


def value_text(v) -> str:
    """A grid or table value as a person would write it: 'true', '20,000', '0.05'."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, np.integer)):
        return f"{v:,}"
    if isinstance(v, (float, np.floating)):
        return f"{v:,.0f}" if float(v).is_integer() and abs(v) >= 1 else f"{v:,.3g}"
    return str(v)


def fmt_of(name: str) -> str:
    """How the catalogue says to show a metric (``"number"`` for a name it does not know)."""
    m = metrics.lookup(name)
    return m.fmt if m else "number"


def metric_text(name: str, v: float) -> str:
    """One value of metric ``name`` for a headline or a cell: '2.41%', '€1,200', '3,400'."""
    fmt = fmt_of(name)
    if fmt == "share":
        return f"{100 * v:.2f}%"
    if fmt == "euros":
        return euros(v)
    if fmt == "ratio":
        return f"{v:,.2f}"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"


def tick_formatter(name: str) -> Callable[[float, object], str]:
    """A matplotlib tick formatter for metric ``name``, by its catalogue format."""
    fmt = fmt_of(name)
    if fmt == "share":
        # As many decimals as the tick needs, so 1.25% is not shown as 1.2% beside 0.25%.
        return lambda v, _: f"{round(100 * v, 4):g}%"
    if fmt == "euros":
        return lambda v, _: euros(v)
    if fmt == "ratio":
        return lambda v, _: f"{v:,.2f}"
    return lambda v, _: count(v) if abs(v) >= 10 else f"{round(v, 2):g}"


def axis_label(name: str, note: str | None = None) -> str:
    """'real reach per post, people' from the catalogue, with an optional note on a second line."""
    label, unit = metrics.label(name), metrics.unit(name)
    text = label if not unit or unit == label else f"{label}, {unit}"
    return f"{text}\n({note})" if note else text


def headline(name: str) -> str:
    """A metric's label with a capital first letter, for a panel title."""
    label = metrics.label(name)
    return label[:1].upper() + label[1:]
