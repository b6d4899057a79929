"""The metric catalogue's day metrics: the columns of ``days.csv``, one row per day.

``over_day`` says how a day's value comes about (see :mod:`sim.base.metrics`, which re-exports
everything here): summed over the day's posts or events, the audience's state at the end of the
day, or a ratio of other day metrics. Components add their own counters through
:func:`day_metrics`.

A leaf module: it reads only the account codes and the post metrics
(:mod:`sim.base.metrics_posts`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sim.base.accounts import FOLLOWING, ORIGIN_NAMES
from sim.base.metrics_posts import POST_METRICS, Metric, _m, _per_origin_impressions

# ---------------------------------------------------------------------------------------------
# Day metrics (days.csv)
# ---------------------------------------------------------------------------------------------

# Counters summed over a day's posts: the post metric of the same name.
POST_TO_DAY = (
    "impressions",
    *(m.name for m in _per_origin_impressions),
    "dwells",
    "likes",
    "comments",
    "shares",
    "real_likes",
    "real_comments",
    "new_follows",
    "visits",
    "purchases",
)
_post = {m.name: m for m in POST_METRICS}

CORE_DAY_METRICS: tuple[Metric, ...] = (
    _m("day", "day", "day", "the simulated day (0 = first day)", over_day="state"),
    _m("posts", "posts", "posts", "posts published that day", over_day="sum"),
    *(
        Metric(
            n,
            _post[n].label.replace(" per post", ""),
            _post[n].unit,
            _post[n].description,
            over_day="sum",
            better=_post[n].better,
        )
        for n in POST_TO_DAY[:6]
    ),
    _m(
        "real_reach",
        "real reach",
        "people",
        "unique real people who saw any brand post that day",
        over_day="sum",
        better=1,
    ),
    *(
        Metric(
            n,
            _post[n].label,
            _post[n].unit,
            _post[n].description,
            over_day="sum",
            better=_post[n].better,
        )
        for n in POST_TO_DAY[6:]
    ),
    _m(
        "tactic_follows",
        "followers from tactics",
        "followers",
        "follows won by tactics (follow-backs, giveaway entrants)",
        over_day="sum",
    ),
    _m(
        "unfollows",
        "unfollows",
        "followers",
        "followers who left that day",
        over_day="sum",
        better=-1,
    ),
    _m(
        "followers",
        "followers",
        "followers",
        "all followers at the end of the day",
        over_day="state",
    ),
    *(
        _m(
            f"followers_{ORIGIN_NAMES[o]}",
            f"followers ({ORIGIN_NAMES[o].replace('_', '-')})",
            "followers",
            f"followers of origin {ORIGIN_NAMES[o]!r} at the end of the day",
            over_day="state",
        )
        for o in FOLLOWING
    ),
    _m(
        "real_followers",
        "real followers",
        "followers",
        "real people following the brand at the end of the day",
        over_day="state",
        better=1,
    ),
    _m(
        "engaged_real_followers",
        "engaged real followers",
        "followers",
        "real followers who have liked, commented on or shared a post",
        over_day="state",
        better=1,
    ),
    _m(
        "trust_followers",
        "followers' trust",
        "0-1",
        "mean trust of the real followers (1 = full)",
        over_day="state",
        better=1,
        fmt="number",
    ),
    _m(
        "real_reach_per_post",
        "real reach per post",
        "people",
        "mean over the day's posts of each post's real reach",
        over_day="ratio",
        better=1,
    ),
    _m(
        "engagement_rate_follower",
        "engagement per follower",
        "share of followers",
        "mean over the day's posts of engagements ÷ followers",
        over_day="ratio",
        better=1,
        fmt="share",
    ),
    _m(
        "engagement_rate_impression",
        "engagement per impression",
        "share of impressions",
        "the day's engagements ÷ impressions",
        over_day="ratio",
        better=1,
        fmt="share",
    ),
    _m(
        "conversation_rate",
        "conversation",
        "comments per post",
        "Kaushik's conversation rate: comments per post",
        over_day="ratio",
        better=1,
        fmt="number",
    ),
    _m(
        "amplification_rate",
        "amplification",
        "shares per post",
        "Kaushik's amplification rate: shares per post",
        over_day="ratio",
        better=1,
        fmt="number",
    ),
    _m(
        "applause_rate",
        "applause",
        "likes per post",
        "Kaushik's applause rate: likes per post",
        over_day="ratio",
        better=1,
        fmt="number",
    ),
    _m(
        "top1_contribution_share",
        "comments and shares by the top 1%",
        "share of comments and shares",
        "share of all comments and shares so far made by the most active 1% of the real users "
        "who made any (refreshed weekly and on the last day)",
        over_day="state",
        fmt="share",
    ),
    _m(
        "top10_contribution_share",
        "comments and shares by the top 10%",
        "share of comments and shares",
        "share of all comments and shares so far made by the most active 10% of the real users "
        "who made any (refreshed weekly and on the last day)",
        over_day="state",
        fmt="share",
    ),
    _m(
        "visible_likes",
        "likes on show",
        "likes",
        "likes still visible on the brand's posts (purged accounts' likes vanish)",
        over_day="state",
    ),
    _m(
        "visible_comments",
        "comments on show",
        "comments",
        "comments still visible on the brand's posts",
        over_day="state",
    ),
    _m(
        "revenue",
        "economic value",
        "euros",
        "Kaushik's economic value: visits × value per visit + purchases × value per purchase",
        over_day="sum",
        better=1,
        fmt="euros",
    ),
    _m(
        "cost",
        "tactics cost",
        "euros",
        "money spent on tactics that day",
        over_day="sum",
        better=-1,
        fmt="euros",
    ),
    _m(
        "cumulative_revenue",
        "economic value so far",
        "euros",
        "revenue up to that day",
        over_day="state",
        better=1,
        fmt="euros",
    ),
    _m(
        "cumulative_cost",
        "tactics cost so far",
        "euros",
        "cost up to that day",
        over_day="state",
        better=-1,
        fmt="euros",
    ),
    _m(
        "roi",
        "return on tactics spend",
        "euros returned per euro spent",
        "(revenue so far − cost so far) ÷ cost so far",
        over_day="ratio",
        better=1,
        fmt="ratio",
    ),
    _m(
        "cost_per_engaged_real_follower",
        "cost per engaged real follower",
        "euros",
        "cost so far ÷ engaged real followers",
        over_day="ratio",
        better=-1,
        fmt="euros",
    ),
)


def day_metrics(counters: Iterable[Metric] = ()) -> tuple[Metric, ...]:
    """The day metrics: the core ones plus the components' own counters (``counters``), which
    sit after the shared event counters, in the order given."""
    core = list(CORE_DAY_METRICS)
    at = next(i for i, m in enumerate(core) if m.name == "unfollows") + 1
    return tuple(core[:at] + list(counters) + core[at:])


def counter(name: str, label: str, unit: str, description: str, better: int = 0) -> Metric:
    """A component's daily counter (summed over the day's events)."""
    return Metric(name, label, unit, description, over_day="sum", better=better)
