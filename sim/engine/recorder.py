"""Collects a run's per-post and per-day rows while the model runs.

What each column means, its unit and how it aggregates live in the metric catalogue
(:mod:`sim.base.metrics`); this module only fills the rows, in the catalogue's order.
"""

from __future__ import annotations

import math
from operator import itemgetter

import numpy as np
from numba import njit

from sim.base import kernel_types as k
from sim.base import metrics
from sim.base.accounts import FOLLOWING, NONE, ORIGIN_LABELS, ORIGIN_NAMES
from sim.base.bytescan import is_real
from sim.engine.audience_arrays import _day_tally, _day_tally_among

# The contribution shares scan every account; at a million that costs a millisecond or two, so
# they are refreshed every CONTRIBUTION_EVERY days and on the run's last day, not daily.
CONTRIBUTION_EVERY = 7


@njit(cache=True)
def _contributions(comments, shares, kind, out, lo=0, hi=-1):
    """Comments plus shares of each real account that made any, into ``out[:k]``; returns k.
    ``lo, hi``: the real accounts' ids, if known (:func:`sim.base.bytescan.is_real`).

    One pass over int32 (n,) arrays: numpy's nonzero-then-mask takes about three times as long.
    """
    k = 0
    for i in range(comments.shape[0]):
        d = comments[i] + shares[i]
        if d > 0 and is_real(kind, i, lo, hi):
            out[k] = d
            k += 1
    return k


@njit(inline="always", cache=True)
def _block_sum(values, ids, lo, n):
    """The sum of ``values[ids[lo:lo+n]]`` (``n`` at most 128) as NumPy adds such a block:
    left to right below 8 values, else in eight running sums."""
    if n < 8:
        res = 0.0
        for j in range(lo, lo + n):
            res += values[ids[j]]
        return res
    r0, r1 = values[ids[lo]], values[ids[lo + 1]]
    r2, r3 = values[ids[lo + 2]], values[ids[lo + 3]]
    r4, r5 = values[ids[lo + 4]], values[ids[lo + 5]]
    r6, r7 = values[ids[lo + 6]], values[ids[lo + 7]]
    m = lo + n - n % 8
    for j in range(lo + 8, m, 8):
        r0 += values[ids[j]]
        r1 += values[ids[j + 1]]
        r2 += values[ids[j + 2]]
        r3 += values[ids[j + 3]]
        r4 += values[ids[j + 4]]
        r5 += values[ids[j + 5]]
        r6 += values[ids[j + 6]]
        r7 += values[ids[j + 7]]
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for j in range(m, lo + n):
        res += values[ids[j]]
    return res


@njit(cache=True)
def _pairwise_sum(values, ids):
    """The sum of ``values[ids]`` added up as NumPy adds a float64 array, so it is the same
    number to the last bit: blocks of up to 128 (:func:`_block_sum`), a longer run split in
    two halves (the first a multiple of 8 long) and their sums added. NumPy recurses; this
    walks the same tree with a stack of its own (a recursive function is not cached)."""
    spans = np.empty((96, 3), dtype=np.int64)  # (start, length, halves done); depth < 32
    sums = np.empty(64, dtype=np.float64)
    top, n_sums = 0, 0
    spans[0, 0], spans[0, 1], spans[0, 2] = 0, ids.shape[0], 0
    while top >= 0:
        lo, n, done = spans[top, 0], spans[top, 1], spans[top, 2]
        top -= 1
        if n <= 128:
            sums[n_sums] = _block_sum(values, ids, lo, n)
            n_sums += 1
        elif done:
            n_sums -= 1
            sums[n_sums - 1] = sums[n_sums - 1] + sums[n_sums]
        else:
            half = n // 2
            half -= half % 8
            top += 1  # this span again, to add its halves' sums once both are known
            spans[top, 0], spans[top, 1], spans[top, 2] = lo, n, 1
            top += 1  # the second half, taken after the first
            spans[top, 0], spans[top, 1], spans[top, 2] = lo + half, n - half, 0
            top += 1
            spans[top, 0], spans[top, 1], spans[top, 2] = lo, half, 0
    return sums[0]


@njit(cache=True)
def mean_at(values, ids):
    """``values[ids].mean()`` (float64 ``values``, ``ids`` not empty) without gathering the
    values into a new array first: the same sum in the same order, so the same mean."""
    return _pairwise_sum(values, ids) / ids.shape[0]


@njit(cache=True)
def _day_figures(among, origin, kind, engaged, trust, out, lo, hi):
    """The day's figures of the followers in one compiled call: accounts by origin, the real
    followers' ids into ``out[:k]`` and how many of them are engaged (the scans of
    :mod:`sim.engine.audience_arrays`, over the accounts ``among`` only unless it is None), and
    their mean ``trust`` (:func:`mean_at`; 1 if there are none).
    Returns ``(counts, k, engaged, mean trust)``: the mean's own call took as long as the scan."""
    if among is None:
        counts, k, n_engaged = _day_tally(origin, kind, engaged, len(ORIGIN_NAMES), out, lo, hi)
    else:
        counts, k, n_engaged = _day_tally_among(
            among, origin, kind, engaged, len(ORIGIN_NAMES), out, lo, hi
        )
    return counts, k, n_engaged, mean_at(trust, out[:k]) if k else 1.0


# The day columns of followers by origin, with the origin each counts.
_BY_ORIGIN = tuple((o, f"followers_{ORIGIN_NAMES[o]}") for o in FOLLOWING)


# The post record's fields a post's row reads, by position in ``stats.item()`` (in the order
# ``add_post`` unpacks them), and its per-origin impression columns with the origin each counts.
_ACTS = k.POST_STATS.names.index("acts")
_FIELDS = itemgetter(
    *(
        k.POST_STATS.names.index(name)
        for name in (
            "followers",
            "test_size",
            "test_signal",
            "passed",
            "widen",
            "explore_stage",
            "real_reach",
            "test_impressions",
            "follower_impressions",
            "pod_impressions",
            "seeded_impressions",
            "explore_impressions",
            "cascade_impressions",
            "max_depth",
            "cascade_size",
            "reshares",
            "structural_virality",
            "outside_views",
            "outside_shares",
            "real_likes",
            "real_comments",
            "new_follows",
            "day_new_real",
        )
    )
)
_BY_VIEWER = tuple((f"impressions_{ORIGIN_LABELS[o]}", o) for o in (*FOLLOWING, NONE))
(_V0, _O0), (_V1, _O1), (_V2, _O2), (_V3, _O3), (_V4, _O4) = _BY_VIEWER


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


class Recorder:
    """Collects rows while a model runs; the runner turns them into tables at the end."""

    def __init__(self, brand, counters=(), days: int | None = None):
        """``counters``: the components' own day counters (:func:`sim.base.metrics.counter`);
        ``days``: the run's length (its last day always gets fresh contribution shares)."""
        columns = metrics.day_metrics(counters)
        self.counts = tuple(m.name for m in columns if m.over_day == "sum")
        self.columns = tuple(m.name for m in columns)
        self.counters = frozenset(self.counts)  # what a component may count (FeedModel.count)
        # A day's row before anything happens: every column in the catalogue's order, the
        # counters at zero and the other figures filled in when the day closes. Each day starts
        # from a copy and becomes its row, where building a row from the day's figures by name
        # cost more than all its figures together.
        self._blank = {**dict.fromkeys(self.columns), **dict.fromkeys(self.counts, 0)}
        self.visit_value = brand.visit_value
        self.purchase_value = brand.purchase_value
        self.day_rows: list[dict] = []
        self.post_rows: list[dict] = []
        self.today: dict = {}
        self._cum_cost = 0.0
        self._cum_revenue = 0.0
        self._visible_likes = 0
        self._visible_comments = 0
        self._last_day = None if days is None else days - 1
        self._shares = (float("nan"), float("nan"))  # top 1% and 10% contribution shares
        self._done = None

    def start_day(self, day: int) -> None:
        """Start the row of ``day`` with every count at zero."""
        self.today = t = self._blank.copy()
        t["day"] = day
        self._reach_sum = 0
        self._eng_follower_sum = 0.0

    def add_post(
        self, post_id: int, quality: float, stats, attrs=(), reputation: float = 1.0
    ) -> dict:
        """Record one post's row from the kernel's output and add it to today's totals.

        Args:
            post_id: the post's number in the run.
            quality: its quality in [0, 1].
            stats: its ``POST_STATS`` record (:mod:`sim.base.kernel_types`), read by field name;
                ``stats.acts`` is int64 (N_ORIGINS, N_ACTS), actions by viewer origin.
            attrs: its content attributes.
            reputation: the brand's reputation factor when it posted.

        Returns:
            The post's row.
        """
        t = self.today
        # The record's fields as plain Python values, read once (each attribute of a NumPy
        # record costs over a microsecond, and a post reads two dozen), picked by position.
        f = stats.item()
        # The actions by viewer origin as lists of plain ints, added up by column: exact, as
        # NumPy's sum is, without two NumPy calls on an array of some forty numbers.
        acts = f[_ACTS].tolist()
        total = [sum(column) for column in zip(*acts, strict=True)]
        seen = [by_origin[k.A_IMPRESSIONS] for by_origin in acts]
        (
            followers,
            test_size,
            test_signal,
            passed,
            widen,
            explore_stage,
            real_reach,
            test_impressions,
            follower_impressions,
            pod_impressions,
            seeded_impressions,
            explore_impressions,
            cascade_impressions,
            max_depth,
            cascade_size,
            reshares,
            virality,
            outside_views,
            outside_shares,
            real_likes,
            real_comments,
            new_follows,
            day_new_real,
        ) = _FIELDS(f)
        likes, comments, shares = total[k.A_LIKE], total[k.A_COMMENT], total[k.A_SHARE]
        impressions = total[k.A_IMPRESSIONS]
        engagements = likes + comments + shares
        row = {
            "post": post_id,
            "day": t["day"],
            "quality": round(float(quality), 6),
            "content": "+".join(attrs),
            "reputation": round(float(reputation), 6),
            "followers": followers,
            "test_size": test_size,
            "test_signal": test_signal,
            "passed_test": bool(passed),
            "widen": widen,
            "explore_stage": explore_stage,
            "impressions": impressions,
            # by viewer: followers by origin, then non-followers (_BY_VIEWER)
            _V0: seen[_O0],
            _V1: seen[_O1],
            _V2: seen[_O2],
            _V3: seen[_O3],
            _V4: seen[_O4],
            "real_reach": real_reach,
            "follower_impressions": test_impressions + follower_impressions,
            "pod_impressions": pod_impressions,
            "seeded_impressions": seeded_impressions,
            "explore_impressions": explore_impressions,
            "cascade_impressions": cascade_impressions,
            "max_depth": max_depth,
            "cascade_size": cascade_size,
            "reshares_per_share": _ratio(reshares, cascade_size - 1),
            "structural_virality": virality,
            "outside_views": outside_views,
            "outside_shares": outside_shares,
            "dwells": total[k.A_DWELL],
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "real_likes": real_likes,
            "real_comments": real_comments,
            "new_follows": new_follows,
            "visits": total[k.A_VISIT],
            "purchases": total[k.A_PURCHASE],
            "engagement_rate_follower": _ratio(engagements, followers),
            "engagement_rate_impression": _ratio(engagements, impressions),
        }
        self.post_rows.append(row)
        t["posts"] += 1
        for name in metrics.POST_TO_DAY:
            t[name] += row[name]
        t["real_reach"] += day_new_real
        self._reach_sum += real_reach
        if followers:
            self._eng_follower_sum += row["engagement_rate_follower"]
        return row

    def end_day(
        self, audience, cost: float, room: np.ndarray | None = None, span=(0, -1), among=None
    ) -> None:
        """Close the day's row. ``room``: int32 scratch of at least ``audience.n_accounts`` ids
        for the day's scan of the followers (the model's, shared with its other scans);
        ``span``: the audience's ``real_span()``, if the caller keeps it; ``among``: ids known
        to hold every follower (``FeedModel.known_followers``), to look at instead of all."""
        t = self.today
        if room is None or room.shape[0] < audience.n_accounts:  # the scan does not check bounds
            room = np.empty(audience.n_accounts, dtype=np.int32)
        # Counts by origin, the real followers, the engaged among them and their mean trust.
        a = audience
        counts, n_real, engaged, trust = _day_figures(
            among, a.origin, a.kind, a.engaged, a.trust, room, span[0], span[1]
        )
        posts = t["posts"]
        engagements = t["likes"] + t["comments"] + t["shares"]
        revenue = t["visits"] * self.visit_value + t["purchases"] * self.purchase_value
        self._cum_cost += cost
        self._cum_revenue += revenue
        self._visible_likes += t["likes"] - t["likes_removed"]
        self._visible_comments += t["comments"] - t["comments_removed"]
        if t["day"] % CONTRIBUTION_EVERY == CONTRIBUTION_EVERY - 1 or t["day"] == self._last_day:
            self._shares = self._contribution_shares(audience, span)
        counts = counts.tolist()  # plain ints: read a handful of times
        # One assignment a figure, into the day's row (a keyword dictionary for ``t.update``
        # cost more than the figures themselves).
        t["followers"] = sum(counts[1:])
        for o, name in _BY_ORIGIN:
            t[name] = counts[o]
        t["real_followers"] = n_real
        t["engaged_real_followers"] = engaged
        t["trust_followers"] = trust
        t["real_reach_per_post"] = _ratio(self._reach_sum, posts)
        t["engagement_rate_follower"] = _ratio(self._eng_follower_sum, posts)
        t["engagement_rate_impression"] = _ratio(engagements, t["impressions"])
        t["conversation_rate"] = _ratio(t["comments"], posts)
        t["amplification_rate"] = _ratio(t["shares"], posts)
        t["applause_rate"] = _ratio(t["likes"], posts)
        t["top1_contribution_share"], t["top10_contribution_share"] = self._shares
        t["visible_likes"] = self._visible_likes
        t["visible_comments"] = self._visible_comments
        t["revenue"] = revenue
        t["cost"] = cost
        t["cumulative_revenue"] = self._cum_revenue
        t["cumulative_cost"] = self._cum_cost
        t["roi"] = _ratio(self._cum_revenue - self._cum_cost, self._cum_cost)
        t["cost_per_engaged_real_follower"] = _ratio(self._cum_cost, engaged)
        self.day_rows.append(t)  # every column filled: the day is done with it

    def _contribution_shares(self, audience, span=(0, -1)) -> tuple[float, float]:
        if self._done is None or self._done.shape[0] != audience.n_accounts:
            self._done = np.empty(audience.n_accounts, dtype=np.int64)
        n = _contributions(
            audience.comments_given, audience.shares_given, audience.kind, self._done, *span
        )
        return _top_shares(self._done[:n], 0.01, 0.10)


def _top_shares(done: np.ndarray, small: float, large: float) -> tuple[float, float]:
    """``metrics.top_share(done, small), metrics.top_share(done, large)`` for ``done`` (int64,
    every entry above zero, as :func:`_contributions` lists them; ``small <= large``): one
    partition of the whole for the larger top and one of that top for the smaller. The counts
    are whole numbers, so their sums do not depend on the order a partition leaves them in."""
    n = done.shape[0]
    if n == 0:
        return 0.0, 0.0
    k_small, k_large = (max(1, math.ceil(f * n)) for f in (small, large))
    total = done.sum()
    top = np.partition(done, n - k_large)[n - k_large :]
    top_small = np.partition(top, k_large - k_small)[k_large - k_small :]
    return float(top_small.sum() / total), float(top.sum() / total)
