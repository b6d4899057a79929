"""What every chart shares: matplotlib (imported here only, and only when a chart is drawn), the
palette, the axis style, how a figure is saved, and how numbers are written.

How a metric's values are written follows its ``fmt`` in :mod:`sim.base.metrics` (a share as a
percentage, euros with a sign, counts with thousands separators), so a chart never keeps its own
list of metrics. The numbers themselves are written by :mod:`sim.present.charts.numbers`, whose
names this module re-exports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from sim.base.i18n import mark_words
from sim.base.safe_io import atomic_file

# The numbers a chart writes (re-exported: every chart imports them from here).
from sim.present.charts.numbers import _LANG as _LANG
from sim.present.charts.numbers import _lang as _lang
from sim.present.charts.numbers import axis_label as axis_label
from sim.present.charts.numbers import change as change
from sim.present.charts.numbers import count as count
from sim.present.charts.numbers import euros as euros
from sim.present.charts.numbers import euros_tick as euros_tick
from sim.present.charts.numbers import figure_label as figure_label
from sim.present.charts.numbers import figure_unit as figure_unit
from sim.present.charts.numbers import fmt_of as fmt_of
from sim.present.charts.numbers import headline as headline
from sim.present.charts.numbers import local as local
from sim.present.charts.numbers import metric_text as metric_text
from sim.present.charts.numbers import percent as percent
from sim.present.charts.numbers import speaks as speaks
from sim.present.charts.numbers import t as t
from sim.present.charts.numbers import tick_formatter as tick_formatter
from sim.present.charts.numbers import value_text as value_text
from sim.present.charts.numbers import wrap as wrap

# A palette that survives projectors and colour-blindness (Okabe & Ito, 2008), in the order
# series are given colours.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TEXT_COLOUR, NOTE_COLOUR = "#333333", "#777777"
FORMATS = ("png", "svg")
PNG_DPI = 150


def band(values, low: float = 0.05, high: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``values`` (days x runs), the ``low`` and ``high`` quantiles across its runs,
    missing values skipped and a row with none left missing, as pandas' ``quantile(axis=1)``
    gives them (the same linear interpolation): one vectorised NumPy call for the rows without
    a gap, where pandas computed each day's quantile on its own (about a second of a
    comparison's charts)."""
    v = np.asarray(values, dtype=float)
    out = np.quantile(v, [low, high], axis=1) if v.shape[1] else np.full((2, v.shape[0]), np.nan)
    for r in np.flatnonzero(np.isnan(v).any(axis=1)):
        row = v[r][~np.isnan(v[r])]
        out[:, r] = np.quantile(row, [low, high]) if row.size else np.nan
    return out[0], out[1]


def ticks_1_2_5(ax, linthresh: float) -> None:
    """Ticks at 1, 2 and 5 times each power of ten on ``ax``'s symmetric-log y axis (linear
    below ``linthresh``), where matplotlib's own mark the powers of ten alone: a point near the
    top of a decade then lies under a tick that names it."""
    from matplotlib.ticker import SymmetricalLogLocator

    ax.yaxis.set_major_locator(SymmetricalLogLocator(linthresh=linthresh, base=10, subs=(1, 2, 5)))


def rolling(values, smooth: int):
    """``values`` (a run's days, or days x runs) rolling over ``smooth`` days, each window asked
    for half the values a run of its rhythm puts in one (at least one, at most the days there
    are): a day without a post has no reach per post, so a shop posting once a week has two in
    14 days, where half of a daily run's window (seven) left its line empty."""
    v = np.asarray(values, dtype=float)
    share = float(np.isfinite(v).mean()) if v.size else 1.0
    least = max(1, min(round(smooth * share / 2), len(values)))
    return values.rolling(smooth, min_periods=least)


def symlog_floor(ax, lowest: float, linthresh: float = 10) -> None:
    """Start ``ax``'s symmetric-log y axis at 0 where a value lies in its linear part (below
    ``linthresh``; a post nobody saw is then drawn), else at the 1-2-5 step below ``lowest``:
    an axis whose values all lie in the hundreds otherwise spends a third of its height on
    0 to 100 with nothing in it."""
    bottom = 0.0
    if np.isfinite(lowest) and lowest >= linthresh:
        decade = 10.0 ** np.floor(np.log10(0.8 * lowest))
        bottom = max(d * decade for d in (1, 2, 5) if d * decade <= 0.8 * lowest)
    ax.set_ylim(bottom=bottom)


def figure(size: tuple[float, float], dpi: int = 100):
    """A :class:`matplotlib.figure.Figure` made directly, without pyplot (so nothing keeps it
    alive after its caller drops it, and threads do not share pyplot's state)."""
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=dpi)


def pyplot():
    """``matplotlib.pyplot`` on the file-only Agg backend, imported on first use."""
    import matplotlib

    # force=False: a caller who already chose a backend (a notebook) keeps it.
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


# One colour per tactic on every chart of every set (the run charts' follower origins use the same
# ones): blue is always the plain brand, vermillion always bought followers.
TACTIC_COLOURS = {
    "": PALETTE[0],
    "buy": PALETTE[1],
    "follow_for_follow": PALETTE[4],
    "giveaway": PALETTE[3],
    "influencer": PALETTE[2],
    "pod": PALETTE[5],
    "employee_advocacy": PALETTE[6],
}
OTHER_COLOURS = ("#8C564B", "#7F7F7F", "#BCBD22", "#17BECF")


def shade(colour: str, k: int, n: int) -> str:
    """The ``k``-th of ``n`` shades of ``colour``, light to dark, for arms sharing a tactic."""
    from matplotlib.colors import to_hex, to_rgb

    if n <= 1:
        return colour
    rgb = np.array(to_rgb(colour))
    f = -0.45 + 0.9 * k / (n - 1)  # lighter (towards white) below 0, darker above
    out = rgb + (1 - rgb) * -f if f < 0 else rgb * (1 - 0.55 * f)
    return to_hex(np.clip(out, 0, 1))


def tactic_colours(arm_tactics: dict[str, str]) -> dict[str, str]:
    """One colour per arm from the tactic it uses (``""``: none), so a tactic keeps its hue in
    every chart; arms sharing a tactic get shades of it, in the order given."""
    groups: dict[str, list[str]] = {}
    for arm, tactic in arm_tactics.items():
        groups.setdefault(tactic, []).append(arm)
    out, spare = {}, iter(OTHER_COLOURS * 4)
    for tactic, arms in groups.items():
        base = TACTIC_COLOURS.get(tactic) or next(spare)
        for k, arm in enumerate(arms):
            # The plain brand keeps its blue; further arms without a tactic are darker shades.
            out[arm] = (
                shade(base, k + len(arms) - 1, 2 * len(arms) - 1)
                if tactic == ""
                else shade(base, k, len(arms))
            )
    return {arm: out[arm] for arm in arm_tactics}


def colours(names: Iterable[str]) -> dict[str, str]:
    """One palette colour per name, in the order given (the palette repeats after eight)."""
    return {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(dict.fromkeys(names))}


def integer_ticks(axis) -> None:
    """Ticks on whole numbers only (a count of purchases is never drawn as a half)."""
    from matplotlib.ticker import MaxNLocator

    # The automatic locator's own steps and density (1, 2, 2.5, 5, 10 times a power of ten),
    # whole numbers only: MaxNLocator's defaults alone gave steps such as 600.
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))


def date_ticks(axis, lang: str = "en") -> None:
    """Write a date axis's ticks as ``lang`` writes dates: ``1 mrt 2024``, ``1 Mar 2024``
    (:func:`sim.base.l10n.short_date`), where matplotlib would write ``2024-03-01``."""
    from matplotlib.dates import num2date

    from sim.base.l10n import short_date

    axis.set_major_formatter(lambda v, _: short_date(num2date(v), lang))


def style(ax) -> None:
    """The house style of one axes: no top and right frame, a faint horizontal grid."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.tick_params(labelsize=10)


def _keep_axes_inside(fig) -> None:
    """Widen the side margins of a figure laid out by hand until its axes' labels and tick
    labels lie inside it (a long unit or a '0.0022%' tick would otherwise be cut off)."""
    if fig.get_layout_engine() is not None or not fig.axes:
        return
    # The boxes come from laying out the texts, as tight_layout measures them, without drawing
    # the figure: drawing it here as well as for each format made three draws of every chart.
    renderer = (
        fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
    )
    for _ in range(3):
        boxes = [ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()]
        boxes = [b for b in boxes if b is not None]
        if not boxes:
            return
        w = fig.bbox.width
        over_left = max(0.0, -min(b.x0 for b in boxes)) / w
        over_right = max(0.0, max(b.x1 for b in boxes) - w) / w
        if over_left == 0 and over_right == 0:
            return
        sp = fig.subplotpars
        fig.subplots_adjust(
            left=min(sp.left + over_left + 0.01, 0.4), right=max(sp.right - over_right - 0.01, 0.6)
        )


def settled(fig):
    """``fig`` with a layout already done by ``tight_layout`` left as it is: matplotlib keeps a
    placeholder layout engine after ``tight_layout``, and a figure with any engine is laid out
    in a pass of its own before every save (a draw without the painting, most of a draw's
    cost) though the placeholder changes nothing. Without it each save is one draw. Figures
    with a live engine (constrained layout) keep it. Returns ``fig``."""
    import matplotlib as mpl
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    # None means no engine unless the user's matplotlibrc asks for one on every figure.
    automatic = mpl.rcParams["figure.autolayout"] or mpl.rcParams["figure.constrained_layout.use"]
    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine) and not automatic:
        fig.set_layout_engine(None)
    return fig


def _local_ticks(fig) -> None:
    """Plain number ticks (matplotlib's default formatter, which writes '0.86' whatever the
    language) with the chart language's signs: '0,86' in a Dutch chart, and so its offset above
    the axis. Axes given a formatter of their own keep it."""
    lang = _lang()
    if lang == "en":
        return
    from matplotlib.ticker import ScalarFormatter

    from sim.present.charts.numbers import _DUTCH_SIGNS

    class Local(ScalarFormatter):  # the language fixed now: a later redraw writes it alike
        def __call__(self, x, pos=None):
            text = super().__call__(x, pos)
            return text.translate(_DUTCH_SIGNS) if lang == "nl" else text

        def get_offset(self):  # the '+1.5e3' above an axis of close values, alike
            text = super().get_offset()
            return text.translate(_DUTCH_SIGNS) if lang == "nl" else text

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(Local())


def save_figure(fig, out_base: str | Path, split: bool = False) -> list[Path]:
    """Write ``fig`` as ``out_base``.png (150 dpi) and .svg, then close it.

    Plain number ticks take the chart language's signs (:func:`_local_ticks`). Each format is
    drawn once: margins are measured without a draw
    (:func:`_keep_axes_inside`), a finished ``tight_layout`` is not redone before each save
    (:func:`settled`), and a constrained layout is worked out for the PNG and kept for the SVG.

    Args:
        fig: a matplotlib figure.
        out_base: the path without a suffix; its folder must exist.
        split: draw the SVG in a copy of this process (``os.fork``) while this one draws the
            PNG, for a caller whose process may be copied now and that waits for the chart
            with a core to spare (``sim.studies.sweep.processes.may_fork``): the last step of
            ``feedsim calibrate``. A file the copy did not write is drawn here after it.

    Returns:
        The files written, PNG first.
    """
    _local_ticks(fig)
    _keep_axes_inside(fig)
    settled(fig)
    engine = fig.get_layout_engine()
    if engine is not None:
        # A constrained layout, worked out once at the PNG's resolution (as the save would, in
        # a draw of its own and again in the draw itself) and kept: its positions are
        # fractions of the figure, the same for the SVG.
        dpi = fig.dpi
        fig.dpi = PNG_DPI
        try:
            engine.execute(fig)
        finally:
            fig.dpi = dpi
        fig.set_layout_engine("none")
        settled(fig)
    paths = [Path(out_base).with_suffix(f".{ext}") for ext in FORMATS]
    theirs = paths[1:] if split else []
    pid = in_a_copy(lambda: [_save(fig, p) for p in theirs]) if theirs else 0
    try:
        for path in paths:
            if not (pid and path in theirs):
                _save(fig, path)
    finally:
        done = copy_done(pid)
    if pid and not done:  # the copy failed: its files are saved here
        for path in theirs:
            _save(fig, path)
    pyplot().close(fig)
    return paths


def _save(fig, path: Path) -> None:
    """``fig`` in the format its suffix names, written whole, never through a link out of its
    folder (see sim.base.safe_io)."""
    ext = path.suffix[1:]
    # A PNG says which language it speaks (a text chunk), so a report in another language
    # knows to draw its own (sim.present.report.source.charts_language).
    metadata = {"Language": _lang()} if ext == "png" else None
    with atomic_file(path, path.parent) as out:
        fig.savefig(out, format=ext, dpi=PNG_DPI if ext == "png" else None, metadata=metadata)


def in_a_copy(work) -> int:
    """Fork a copy of this process that runs ``work()`` and exits (0 once it returned, 1 if it
    raised); returns the copy's process id, or 0 if none could be forked. For charts drawn
    beside this process's own: the caller then waits (:func:`copy_done`) and draws again what
    the copy did not finish, so any error is raised in this process."""
    try:
        pid = os.fork()
    except OSError:
        return 0
    if pid:
        return pid
    code = 1
    try:
        work()
        code = 0
    except BaseException:  # noqa: BLE001 - said by the parent, which draws it again
        pass
    finally:
        os._exit(code)  # no exit handlers, no flushing of what the parent has yet to write


def copy_done(pid: int) -> bool:
    """Wait for the copy :func:`in_a_copy` forked (``pid``; 0 for none): whether it finished
    its work."""
    return pid > 0 and os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


# ---------------------------------------------------------------------------------------------
# Checks a finished figure must pass
# ---------------------------------------------------------------------------------------------


def texts_outside(fig) -> list[str]:
    """The drawn texts of ``fig`` (titles, labels, tick labels, legends, notes) whose box does
    not lie wholly inside the figure, as saved: empty when nothing is clipped.

    Tick labels count only for ticks inside the axis' view (matplotlib keeps others unused).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    if not hasattr(fig.canvas, "get_renderer"):  # a closed figure: draw it off screen
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    w, h = fig.bbox.width, fig.bbox.height
    shown, ticks = [], set()
    for ax in fig.axes:
        for axis, lim in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            lo, hi = min(lim), max(lim)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                labels = (tick.label1, tick.label2)
                ticks.update(id(lb) for lb in labels)
                inside = lo - 1e-9 * (abs(lo) + 1) <= tick.get_loc() <= hi + 1e-9 * (abs(hi) + 1)
                if ax.get_visible() and tick.get_visible() and inside:
                    shown += [lb for lb in labels if lb.get_visible()]
    for text in fig.findobj(Text):
        if id(text) in ticks or not text.get_visible():
            continue
        ax = getattr(text, "axes", None)
        if ax is not None and not ax.get_visible():
            continue
        shown.append(text)
    out = []
    for text in shown:
        if not str(text.get_text()).strip():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > w + 0.5 or box.y1 > h + 0.5:
            out.append(str(text.get_text()))
    return out


#: A kind of mark on at most this many days is named on each of them (a second purge is as
#: much news as the first); one that recurs more often (an influencer's monthly post) is named
#: at its first day only, so the names do not crowd the top of the chart.
NAMED_REPEATS = 3


def mark_days(ax, marks: list[tuple[str, int]], lang: str = "en", label: bool = True) -> None:
    """Dotted vertical lines on the days tactics act, each named at the top: on every day for a
    kind that occurs on a few days (``NAMED_REPEATS``), at its first day for one that recurs.

    Args:
        marks: (what, day) pairs, e.g. ``("followers bought", 30)``.
    """
    from matplotlib.transforms import blended_transform_factory

    days_of: dict[str, set[int]] = {}
    for what, day in marks:
        days_of.setdefault(what, set()).add(day)
    seen: set[str] = set()
    by_day: dict[int, list[str]] = {}
    for what, day in sorted(marks, key=lambda m: m[1]):
        names = by_day.setdefault(day, [])
        name = mark_words(what, lang)
        if name in names:
            continue
        if what not in seen or len(days_of[what]) <= NAMED_REPEATS:
            seen.add(what)
            names.append(name)
    from matplotlib.transforms import offset_copy

    trans = blended_transform_factory(ax.transData, ax.transAxes)
    # Labels stand in columns 10 points apart; a column that would touch the one before it (a
    # day close to the previous one) moves right, so names on nearby days never overlap.
    x0, x1 = ax.get_xlim()
    width_pts = ax.get_window_extent().width * 72 / ax.figure.dpi
    per_day = width_pts / (x1 - x0) if x1 > x0 else 0.0
    last = float("-inf")
    for day in sorted(by_day):
        names = by_day[day]
        ax.axvline(day, color=NOTE_COLOUR, lw=0.9, ls=":", zorder=1)
        if not label:
            continue
        at = (day - x0) * per_day
        for name in names:
            pos = max(at, last + 10)
            last = pos
            ax.text(
                day,
                0.99,
                " " + name,
                fontsize=8,
                color=NOTE_COLOUR,
                va="top",
                ha="left",
                rotation=90,
                transform=offset_copy(trans, fig=ax.figure, x=pos - at, units="points"),
                bbox={"fc": "white", "ec": "none", "alpha": 0.75, "pad": 1},
            )


def readable_title(name: str, description: str = "") -> str:
    """A chart title from a scenario: its description, else its name made readable."""
    if description.strip():
        d = description.strip()
        return d[:1].upper() + d[1:]
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
