"""The lines of a comparison chart: every arm's median across seeds with a band of 90%
(:func:`_bands`), the figure a headline quotes from a drawn line (:func:`line_stats`), and the
frame every comparison chart is drawn in (title, takeaway, one legend, the note on the
statistic).

Part of the comparison's charts (:mod:`sim.present.charts.compare`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.present.charts.common import (
    NOTE_COLOUR,
    TEXT_COLOUR,
    band,
    mark_days,
    pyplot,
    rolling,
    style,
    t,
    wrap,
)
from sim.present.charts.compare_folder import Arms

# Headlines describe the settled state: from this day on, once early tactics have played out.
LATE_DAY = 30


def _bands(
    days: pd.DataFrame, metric: str, arms: Arms, smooth: int = 1, roll: str = "median"
) -> dict:
    """Per arm present: (day, median, p5, p95) of ``metric`` across seeds, after a per-seed
    rolling ``roll`` ("median": robust to the rare post that goes viral; "mean": for small counts
    such as comments per post, whose median jumps between 0 and 1) over ``smooth`` days."""
    out = {}
    for arm in arms.names:
        g = days[days["arm"] == arm]
        if g.empty:
            continue
        wide = g.pivot(index="day", columns="seed", values=metric)
        if smooth > 1:
            # Half a window's posts before the first point: one lucky first post is not a
            # trend; a run shorter than that, or posting weekly, still draws a line.
            window = rolling(wide, smooth)
            wide = window.median() if roll == "median" else window.mean()
        out[arm] = (wide.index.to_numpy(), wide.median(axis=1).to_numpy(), *band(wide))
    return out


def line_stats(bands: dict, since: int | None = None) -> pd.Series:
    """Per arm, the figure a headline quotes from its drawn line: the median of the line over
    days >= ``since``, or, without ``since``, the line's last value."""
    out = {}
    for arm, (x, mid, _, _) in bands.items():
        if since is None:
            finite = mid[np.isfinite(mid)]
            out[arm] = float(finite[-1]) if finite.size else np.nan
        else:
            late = mid[x >= since]
            # A line with no value yet (a rate of a short run): NaN, said without a warning.
            out[arm] = float(np.nanmedian(late)) if np.isfinite(late).any() else np.nan
    return pd.Series(out, dtype=float)


def _draw_bands(ax, bands: dict, arms: Arms) -> None:
    """Lines with 90% bands. An arm's band starts where it first differs from the baseline (or,
    without it, the first arm drawn): arms share their random numbers, so before an arm's tactic
    starts the two coincide and a band would only repeat the baseline's."""
    ref = bands.get(arms.baseline, next(iter(bands.values()), None))
    for arm, (x, mid, lo, hi) in bands.items():
        c = arms.colours[arm]
        start = 0
        if ref is not None and bands[arm] is not ref and len(ref[0]) == len(x):
            same = np.isclose(lo, ref[2], equal_nan=True) & np.isclose(hi, ref[3], equal_nan=True)
            start = int(np.argmin(same)) if not same.all() else len(x)
        ax.fill_between(x[start:], lo[start:], hi[start:], color=c, alpha=0.12, lw=0)
        ax.plot(x, mid, color=c, lw=2.2 if arm == arms.baseline else 1.8, label=arm)


def _marks(
    ax, arms: Arms, lang: str, purges: list[tuple[str, int]] = (), label: bool = False
) -> None:
    """Each arm's tactic days and the purges as dotted lines (named once per kind on the
    panel that ``label`` s them)."""
    seen: dict[str, int] = {}
    for arm in arms.names:
        for what, day in arms.marks.get(arm, []):
            seen.setdefault(what, day)
    marks = sorted(((w, d) for w, d in seen.items()), key=lambda m: m[1]) + list(purges)
    mark_days(ax, marks, lang, label=label)


def _frame(
    title: str,
    takeaway_text: str,
    arms: Arms,
    lang: str,
    panels=(1, 1),
    size=(11, 6.2),
    titled: bool = False,
):
    """A figure laid out in inches from the top: title, takeaway, one legend for all panels,
    then the panels; a note on the statistic at the foot."""
    plt = pyplot()
    fig, axes = plt.subplots(*panels, figsize=size, squeeze=False)
    h = size[1]
    text = wrap(takeaway_text, fig, 10.5, 0.04)
    lines = text.count("\n") + 1
    fig.suptitle(title, x=0.04, y=1 - 0.12 / h, ha="left", va="top", fontsize=14, fontweight="bold")
    fig.text(0.04, 1 - 0.52 / h, text, fontsize=10.5, color=TEXT_COLOUR, va="top", linespacing=1.35)
    ncol = min(len(arms.names), 5)
    rows = -(-len(arms.names) // ncol)
    legend_top = 1 - (0.62 + 0.22 * lines) / h
    handles = [plt.Line2D([], [], color=arms.colours[a], lw=2.2) for a in arms.names]
    fig.legend(
        handles,
        [arms.shown(a, lang) for a in arms.names],
        loc="upper left",
        bbox_to_anchor=(0.035, legend_top),
        ncol=ncol,
        frameon=False,
        fontsize=9.5,
    )
    top = legend_top - (0.3 * rows + 0.2 + (0.3 if titled else 0)) / h
    note = t(
        "Lines: the median of {n} simulated runs per arm (each run gives every arm the same "
        "audience and the same luck); bands: 90% of runs.",
        lang,
        n=arms.seeds,
    )
    if arms.about(lang):
        note = f"{arms.about(lang)}. {note}"
    fig.text(0.04, 0.012, wrap(note, fig, 8, 0.04), fontsize=8, color=NOTE_COLOUR, va="bottom")
    for ax in axes.flat:
        style(ax)
    return fig, axes, top


def _since(days: pd.DataFrame) -> int:
    # A run shorter than twice LATE_DAY keeps its second half.
    return min(LATE_DAY, int(days["day"].max()) // 2)


def _rel(a: float, b: float) -> str:
    from sim.base.l10n import percent as pct

    return f" ({pct(b / a - 1, _lang(), decimals=0, sign=True)})" if a else ""


def _lang() -> str:
    from sim.present.charts.common import _LANG

    return _LANG.get()
