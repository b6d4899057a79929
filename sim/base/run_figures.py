"""The presented figures of one run, and the period a tactic acts.

:func:`run_values` takes every presented figure that needs no baseline from one run's day
table; :func:`tactic_window` finds the days a tactic acts (from its first day to a purge of the
bought followers, the end of a period tactic, or the end of the run), over which real reach per
post is also quoted. :mod:`sim.base.presented` takes these across runs and re-exports them.

A leaf module: it reads pandas and the catalogue :mod:`sim.base.figures`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.base.figures import PURGE_DROP

# ---------------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------------


def _column(days: pd.DataFrame, col: str) -> np.ndarray:
    return days[col].to_numpy(dtype=float)


def _per_post(days: pd.DataFrame, count: str, rate: str, posts: float) -> float:
    """Total ``count`` per post: from the counter if the table keeps it, else rate × posts."""
    if not posts or (count not in days and rate not in days):
        return float("nan")
    if count in days:
        total = float(np.nansum(_column(days, count)))
    else:
        total = float(np.nansum(np.nan_to_num(_column(days, rate)) * _column(days, "posts")))
    return total / posts


def _median_posted(reach: np.ndarray, posts: np.ndarray) -> float:
    """The median of ``reach`` over the days with a post, missing days skipped."""
    v = reach[posts > 0]
    v = v[~np.isnan(v)]
    return float(np.median(v)) if v.size else float("nan")


def _reach(days: pd.DataFrame) -> float:
    """Real reach of a typical post: the median, over the days with a post, of the day's real
    reach per post (the statistic the charts' reach lines draw)."""
    return _median_posted(_column(days, "real_reach_per_post"), _column(days, "posts"))


def reach_between(days: pd.DataFrame, start: int = 0, end: int | None = None) -> float:
    """Real reach of a typical post over days ``start`` to ``end`` (end excluded; None: to the
    end of the run): the figure the headlines quote for a period."""
    day = days["day"].to_numpy()
    sel = day >= start
    if end is not None:
        sel &= day < end
    return _median_posted(_column(days, "real_reach_per_post")[sel], _column(days, "posts")[sel])


def run_values(days: pd.DataFrame, window: tuple[int, int] | None = None) -> dict[str, float]:
    """Every presented figure of one run that needs no baseline, from its day table.

    Args:
        days: one run's per-day metrics (``posts``, ``real_reach_per_post``, ``revenue``,
            ``cost``, ``purchases``, ``engaged_real_followers``, ``followers``,
            ``real_followers``, and the counters or Kaushik's per-day rates).
        window: ``(first day, end day)`` (end excluded) of the period a tactic acts.

    Returns:
        Figure name -> value (NaN where it is undefined: no posts, no spending, no window).
    """
    days = days.sort_values("day", kind="stable") if "day" in days else days
    if "posts" not in days:  # a table without the count: one post a day
        days = days.assign(posts=1)
    posts = float(np.nansum(_column(days, "posts")))

    def total(col: str) -> float:
        return float(np.nansum(_column(days, col))) if col in days else float("nan")

    revenue, cost = total("revenue"), total("cost")
    cost = 0.0 if math.isnan(cost) else cost

    def end(col: str) -> float:
        return float(days[col].iat[-1]) if len(days) and col in days else float("nan")

    engaged = end("engaged_real_followers")
    has_reach = "real_reach_per_post" in days
    out = {
        "real_reach_per_post": _reach(days) if has_reach else float("nan"),
        "real_reach_while": float("nan"),
        "followers_end": end("followers"),
        "real_followers_end": end("real_followers"),
        "conversation": _per_post(days, "comments", "conversation_rate", posts),
        "amplification": _per_post(days, "shares", "amplification_rate", posts),
        "applause": _per_post(days, "likes", "applause_rate", posts),
        "economic_value": revenue,
        "purchases": total("purchases"),
        "cost": cost,
        "net_revenue": revenue - cost,
        "cost_per_engaged_real_follower": (
            cost / engaged if engaged and cost and not math.isnan(engaged) else float("nan")
        ),
    }
    if window is not None and has_reach:
        out["real_reach_while"] = reach_between(days, window[0], window[1])
    return out


# ---------------------------------------------------------------------------------------------
# When a tactic acts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The period a tactic acts: days ``start`` to ``end`` (end excluded).

    Attributes:
        bought: the period is "while the bought followers were there".
        purge: the day the platform purged them (None: no purge in the run).
    """

    start: int
    end: int
    bought: bool = False
    purge: int | None = None

    def words(self, lang: str, last_day: int) -> str:
        """'while the bought followers were there (days 30 to 179)' in ``lang``."""
        from sim.base.l10n import number

        a, b = number(self.start, lang), number(min(self.end, last_day + 1) - 1, lang)
        if self.bought:
            return (
                f"zolang de gekochte volgers er waren (dag {a} tot en met {b})"
                if lang == "nl"
                else f"while the bought followers were there (days {a} to {b})"
            )
        return (
            f"zolang de tactiek werkte (dag {a} tot en met {b})"
            if lang == "nl"
            else f"while the tactic acted (days {a} to {b})"
        )


def purge_days(bought: pd.Series) -> list[int]:
    """Days on which bought followers fell by at least :data:`PURGE_DROP` (index: day)."""
    b = bought.sort_index().astype(float)
    prev = b.shift(1)
    hit = (prev > 0) & (b <= prev * (1 - PURGE_DROP))
    return [int(d) for d in b.index[hit.to_numpy()]]


def tactic_window(days: pd.DataFrame, marks: list[tuple[str, int]] = ()) -> Window | None:
    """The period a tactic acts, from one run's day table (or an arm's median day table).

    Args:
        days: ``day`` and, if it has any, ``followers_bought``.
        marks: (what, day) of the days the tactics act (English words, as the charts mark
            them; a period tactic's end reads "… ends").

    Returns:
        None when no tactic acts.
    """
    if days.empty:
        return None
    last = int(days["day"].max())
    bought = (
        days.groupby("day")["followers_bought"].median()
        if "followers_bought" in days
        else pd.Series(dtype=float)
    )
    starts = [int(d) for _, d in marks]
    has_bought = bool(len(bought)) and bool((bought > 0).any())
    if has_bought and not any("bought" in w for w, _ in marks):
        starts.append(int(bought.index[(bought > 0).to_numpy()][0]))
    if not starts:
        return None
    start = min(starts)
    end, purge = last + 1, None
    if has_bought:
        after = [d for d in purge_days(bought) if d > start]
        if after:
            purge = end = after[0]
    if purge is None:
        ends = [int(d) + 1 for w, d in marks if str(w).endswith(" ends") and d >= start]
        if ends:
            end = max(ends)
    if start <= 0 and end > last:
        return None
    return Window(start, end, bought=has_bought, purge=purge)
