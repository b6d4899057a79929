"""Charts of one run folder: followers by origin, and real reach per post.

Each chart carries a title from the scenario's description, units, labelled series, the days the
tactics act, and a one-line takeaway computed from exactly what is drawn: the follower figures are
the top of the stack, the reach figures the median of the posts plotted before and after the first
tactic's day (without a tactic: the first and the last four weeks).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.base.accounts import BOUGHT_ORIGIN, FOLLOWING, ORIGIN_NAMES
from sim.present.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TACTIC_COLOURS,
    TEXT_COLOUR,
    axis_label,
    count,
    mark_days,
    pyplot,
    readable_title,
    save_figure,
    speaks,
    style,
    symlog_floor,
    t,
    tick_formatter,
    ticks_1_2_5,
    wrap,
)

# Real followers at the bottom of the stack, bought ones on top: the part a purchase adds.
STACK = tuple(ORIGIN_NAMES[o] for o in FOLLOWING if o != BOUGHT_ORIGIN) + (
    ORIGIN_NAMES[BOUGHT_ORIGIN],
)
# The same colour for an origin on every chart: the colour of the tactic that brings it.
ORIGIN_COLOURS = {
    "organic": TACTIC_COLOURS[""],
    "bought": TACTIC_COLOURS["buy"],
    "follow_back": TACTIC_COLOURS["follow_for_follow"],
    "giveaway": TACTIC_COLOURS["giveaway"],
}
# How the takeaway names the followers a tactic brought, in the order of the stack.
ORIGIN_WORDS = (
    ("follow_back", "{n} follow-backs"),
    ("giveaway", "{n} giveaway entrants"),
    ("bought", "{n} bought"),
)
REACH_COLOUR = PALETTE[2]
HALF_WINDOW = 7  # the running median takes the posts within ±7 days
WEEKS = 4  # without a tactic, the takeaway compares the first and the last four weeks


def running_median(
    posts: pd.DataFrame, col: str = "real_reach", half: int = HALF_WINDOW
) -> tuple[np.ndarray, np.ndarray]:
    """(day, median of ``col`` over the posts within ±``half`` days) at each post, with a gap
    (NaN) wherever no post came for more than ``2 * half`` days, so silences draw no line."""
    day = posts["day"].to_numpy(dtype=float)
    val = posts[col].to_numpy(dtype=float)
    mid = np.array([np.median(val[np.abs(day - d) <= half]) for d in day]) if len(day) else day
    gap = np.flatnonzero(np.diff(day) > 2 * half)
    return np.insert(day, gap + 1, np.nan), np.insert(mid, gap + 1, np.nan)


def reach_story(days: pd.DataFrame, marks: list[tuple[str, int]] = (), lang: str = "en") -> str:
    """The reach line of the headline, from the catalogue of presented figures: a typical
    post before the tactic, while it acts (up to a purge of the bought followers), after it,
    and over the whole run; without a tactic, the first and the last four weeks."""
    from sim.base.presented import period_words, reach_between, tactic_window

    last = int(days["day"].max())
    w = tactic_window(days, list(marks))
    whole_run = reach_between(days)
    over = t("over {period}: {v}", lang, period=period_words(last + 1, lang), v=count(whole_run))
    if w is None:
        if last + 1 >= 2 * 7 * WEEKS:
            a = reach_between(days, 0, 7 * WEEKS)
            b = reach_between(days, last + 1 - 7 * WEEKS)
            return t(
                "Real reach of a typical post: {a} people in the first four weeks, {b} in "
                "the last four weeks{change}; {over}",
                lang,
                a=count(a),
                b=count(b),
                change=_change(a, b),
                over=over,
            )
        return t("Real reach of a typical post: {a} people", lang, a=count(whole_run))
    before = reach_between(days, 0, w.start)
    during = reach_between(days, w.start, w.end)
    parts = [t("{a} people before day {d}", lang, a=count(before), d=w.start)] if w.start else []
    parts.append(
        t(
            "{b}{change} {when}",
            lang,
            b=count(during),
            when=w.words(lang, last),
            change=_change(before, during) if w.start else "",
        )
    )
    if w.end <= last:
        after = reach_between(days, w.end)
        words = "after the purge" if w.purge is not None else "after the tactic ended"
        parts.append(
            t(
                "{c} " + words + "{change}",
                lang,
                c=count(after),
                change=_change(before, after) if w.start else "",
            )
        )
    return t("Real reach of a typical post: ", lang) + ", ".join(parts) + "; " + over


def _change(a: float, b: float) -> str:
    from sim.present.charts.common import change

    return change(a, b) if a == a and b == b else ""


@speaks
def takeaway(
    days: pd.DataFrame, posts: pd.DataFrame, marks: list[tuple[str, int]] = (), lang: str = "en"
) -> str:
    """One line a client can read: what happened to followers and to real reach.

    Args:
        days: a run's day table.
        posts: a run's post table (unused: the figures come from the day table, as every
            presented figure does).
        marks: (what, day) of the days tactics act.
        lang: the reader's language.
    """
    if days.empty:
        return t("No days simulated.", lang)
    end = days.iloc[-1]
    total = _stack_total(days)
    line = t("Followers {a} → {b}", lang, a=count(total[0]), b=count(total[-1]))
    parts = [
        t(words, lang, n=count(end[f"followers_{o}"]))
        for o, words in ORIGIN_WORDS
        if end.get(f"followers_{o}", 0)
    ]
    if end.get("followers_bought", 0):
        parts.append(t("{n} real", lang, n=count(total[-1] - end["followers_bought"])))
    if parts:
        line += f" ({', '.join(parts)})"
    if "real_reach_per_post" in days and days["posts"].sum():
        line += "\n" + reach_story(days, marks, lang)
    return line


def _stack_total(days: pd.DataFrame) -> np.ndarray:
    """The top of the follower stack: the sum of the origins drawn (equals ``followers``)."""
    cols = [f"followers_{o}" for o in STACK if f"followers_{o}" in days]
    if not cols:
        return days["followers"].to_numpy(dtype=float)
    return days[cols].to_numpy(dtype=float).sum(axis=1)


@speaks
def followers_and_reach(
    days: pd.DataFrame,
    posts: pd.DataFrame,
    title: str,
    out_base: str | Path,
    marks: list[tuple[str, int]] = (),
    note: str = "",
    lang: str = "en",
) -> list[Path]:
    """Two stacked panels: followers by origin, and real reach per post with a running median.

    Args:
        days: a run's day table (``followers`` and ``followers_<origin>`` columns).
        posts: a run's post table (``day`` and ``real_reach``).
        title: the chart's title.
        out_base: where to write, without a suffix.
        marks: (what, day) of the days the tactics act, drawn as dotted lines.
        note: a small line at the foot (platform, audience, seed).
        lang: the reader's language.

    Returns:
        The PNG and SVG written.
    """
    plt = pyplot()
    fig, (ax1, ax2) = plt.subplots(
        2, 1, figsize=(10, 7.4), sharex=True, gridspec_kw={"hspace": 0.3}
    )
    d = days["day"].to_numpy()
    stacks, labels, colours = [], [], []
    for origin in STACK:
        col = f"followers_{origin}"
        # Every origin a run could have is drawn when it is present at all, even briefly.
        if col in days and days[col].any():
            stacks.append(days[col].to_numpy())
            labels.append(t(metrics.label(col), lang))
            colours.append(ORIGIN_COLOURS.get(origin, PALETTE[len(stacks) % len(PALETTE)]))
    if stacks:
        ax1.stackplot(d, *stacks, labels=labels, colors=colours, alpha=0.85)
    else:
        ax1.plot(
            d,
            days["followers"],
            color=ORIGIN_COLOURS["organic"],
            lw=2,
            label=t(metrics.label("followers"), lang),
        )
    ax1.set_ylabel(t(axis_label("followers"), lang))
    ax1.set_title(
        t("Followers by origin (what the profile shows, stacked)", lang), loc="left", fontsize=11
    )
    ax1.legend(loc="best", frameon=False, fontsize=9)
    ax1.yaxis.set_major_formatter(tick_formatter("followers"))
    ax1.set_ylim(bottom=0)
    all_marks = sorted([*marks, *purge_marks(days)], key=lambda m: m[1])
    mark_days(ax1, all_marks, lang)
    style(ax1)

    reach = metrics.POST["real_reach"]  # the post metric, not the day's real reach
    if len(posts):
        ax2.scatter(
            posts["day"],
            posts["real_reach"],
            s=6,
            color=REACH_COLOUR,
            alpha=0.35,
            label=t("each post", lang),
        )
        x, mid = running_median(posts)
        ax2.plot(
            x,
            mid,
            color=REACH_COLOUR,
            lw=2,
            label=t("median of the posts within ±{h} days", lang, h=HALF_WINDOW),
        )
        ax2.set_yscale("symlog", linthresh=10)
        symlog_floor(ax2, float(posts["real_reach"].min()), linthresh=10)
        # A post near the top of a decade (7,000 on an axis ending below 10,000) can be read.
        ticks_1_2_5(ax2, linthresh=10)
        ax2.legend(loc="best", frameon=False, fontsize=9)  # where the fewest posts lie
    ax2.set_ylabel(
        t(
            "{label}, {unit}\n(logarithmic scale)",
            lang,
            label=t(reach.label, lang),
            unit=t(reach.unit, lang),
        )
    )
    ax2.set_xlabel(t("day", lang))
    ax2.set_title(
        t(reach.label, lang).capitalize() + f" ({t(reach.description, lang)})",
        loc="left",
        fontsize=11,
    )
    # No "0" on a logarithmic axis: the lowest tick names the first power of ten.
    ax2.yaxis.set_major_formatter(lambda v, _: count(v) if v > 0 else "")
    mark_days(ax2, all_marks, lang, label=False)
    style(ax2)

    # A long description (or one a run's --set lengthened) wraps instead of running off the
    # figure; bold 14-point letters are about as wide as 15.5-point regular ones.
    title = wrap(title, fig, 15.5, 0.06)
    below = 0.035 * title.count("\n")  # each further title line pushes the rest down
    fig.suptitle(title, x=0.06, y=0.985, ha="left", va="top", fontsize=14, fontweight="bold")
    head = "\n".join(
        wrap(line, fig, 10, 0.06) for line in takeaway(days, posts, marks, lang).split("\n")
    )
    fig.text(0.06, 0.945 - below, head, fontsize=10, color=TEXT_COLOUR, va="top", linespacing=1.4)
    if note:
        fig.text(0.99, 0.01, note, ha="right", fontsize=8, color=NOTE_COLOUR)
    lines = head.count("\n") + 1
    top = 0.83 - 0.025 * max(0, lines - 2) - below
    fig.subplots_adjust(top=top, left=0.1, right=0.97, bottom=0.09)
    return save_figure(fig, out_base)


def run_marks(scenario) -> list[tuple[str, int]]:
    """(what, day) of every day the scenario's tactics act, for :func:`mark_days`."""
    from sim.registry import mark_label, tactic_days

    return [(mark_label(name, key), day) for name, key, day in tactic_days(scenario)]


@speaks
def run_charts(folder: str | Path, lang: str = "en", out: str | Path | None = None) -> list[Path]:
    """Draw every chart of one run folder into it.

    Args:
        folder: a folder written by :func:`sim.engine.results.write`.
        lang: the reader's language (``"en"`` or ``"nl"``).
        out: the folder to draw into (default: ``folder`` itself).

    Returns:
        The files written.
    """
    from sim.engine import results as res

    folder = Path(folder)
    r = res.read(folder)
    sc = r.scenario
    from sim.base.presented import scenario_text

    title = readable_title(sc.name, scenario_text(sc, lang))
    from sim.base.platform_names import platform_name

    # The run's own length beside its title: a title written for a year stays on a run
    # shortened with --days.
    note = t(
        "{platform} · {users} users · {days} days · seed {seed}",
        lang,
        platform=platform_name(sc.platform),
        users=count(sc.audience.users),
        days=count(sc.days),
        seed=r.seed,
    )
    out = Path(out) if out is not None else folder
    return followers_and_reach(
        r.days, r.posts, title, out / "followers_reach", run_marks(sc), note, lang
    )


def purge_marks(days: pd.DataFrame) -> list[tuple[str, int]]:
    """(what, day) of the days the platform purged bought followers, read from the table."""
    from sim.base.presented import purge_days

    if "followers_bought" not in days:
        return []
    return [
        ("bought followers purged", d)
        for d in purge_days(days.set_index("day")["followers_bought"])
    ]
