"""The metric catalogue's entry type and its post metrics: the columns of ``posts.csv``.

:class:`Metric` is one reported figure (post metric, day metric or run figure; see
:mod:`sim.base.metrics`, which describes the three kinds and re-exports everything here).
:data:`POST_METRICS` lists a post's columns, one row per post.

A leaf module: it imports nothing of feedsim but the account codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sim.base.accounts import FOLLOWING, NONE, ORIGIN_LABELS, ORIGIN_NAMES

OverDay = Literal["sum", "state", "ratio", "post"]
OverRun = Literal["sum", "last", "mean", "median", "formula", "count"]


@dataclass(frozen=True)
class Metric:
    """One reported figure.

    Attributes:
        name: the column or key (``real_reach``, ``followers_end``).
        label: plain words for a chart or a table (``real reach per post``).
        unit: what one unit is (``people``, ``euros``, ``share of followers``).
        description: one sentence a strategist can read.
        over_day: for a day metric, how the day's value arises (see :mod:`sim.base.metrics`);
            ``"post"`` marks a post metric.
        over_run: for a run figure, how it aggregates the run; ``None`` for table columns.
        source: for a run figure, the post or day metric it aggregates (``None``: a formula).
        better: +1 if higher is better for the brand, -1 if lower is, 0 if neither.
        fmt: how to show a value: ``"count"``, ``"share"`` (a fraction shown as a percentage),
            ``"euros"``, ``"ratio"`` or ``"number"``.
    """

    name: str
    label: str
    unit: str
    description: str
    over_day: OverDay | None = None
    over_run: OverRun | None = None
    source: str | None = None
    better: int = 0
    fmt: str = "count"


def _m(name, label, unit, description, over_day=None, better=0, fmt="count") -> Metric:
    return Metric(name, label, unit, description, over_day=over_day, better=better, fmt=fmt)


# ---------------------------------------------------------------------------------------------
# Post metrics (posts.csv)
# ---------------------------------------------------------------------------------------------


def _audience_words(o: int) -> str:
    return "non-followers" if o == NONE else f"{ORIGIN_NAMES[o].replace('_', '-')} followers"


_per_origin_impressions = [
    _m(
        f"impressions_{ORIGIN_LABELS[o]}",
        f"impressions among {_audience_words(o)}",
        "impressions",
        f"times the post was shown to {_audience_words(o)}",
    )
    for o in (*FOLLOWING, NONE)
]

POST_METRICS: tuple[Metric, ...] = tuple(
    Metric(m.name, m.label, m.unit, m.description, over_day="post", better=m.better, fmt=m.fmt)
    for m in (
        _m("post", "post", "index", "the post's number in the run"),
        _m("day", "day", "day", "the day the post went out (0 = first day)"),
        _m("quality", "post quality", "0-1", "the post's relevance and quality", fmt="number"),
        _m("content", "content", "attributes", "the post's content attributes, joined by +"),
        _m(
            "reputation",
            "brand reputation",
            "multiplier",
            "the brand's standing when it posted (1 = neutral)",
            fmt="number",
        ),
        _m("followers", "followers when posted", "followers", "all followers at posting time"),
        _m("test_size", "test sample", "followers", "followers the post was first shown to"),
        _m(
            "test_signal",
            "test signal",
            "weighted reactions per delivery",
            "what the platform measured in the test",
            fmt="number",
        ),
        _m(
            "passed_test",
            "passed the test",
            "yes/no",
            "whether the post passed its test and was recommended to non-followers",
        ),
        _m(
            "widen",
            "chance of widening",
            "probability",
            "the platform's chance of widening the post, from its test signal against the "
            "platform's reference: it ranks the post for the other followers and is the chance "
            "of passing the test",
            fmt="share",
        ),
        _m(
            "explore_stage",
            "recommendation stage",
            "pools",
            "recommendation pools the post reached",
        ),
        _m("impressions", "impressions", "impressions", "times the post was shown", better=1),
        *_per_origin_impressions,
        _m(
            "real_reach",
            "real reach per post",
            "people",
            "unique real people who saw the post",
            better=1,
        ),
        _m(
            "follower_impressions",
            "impressions among followers",
            "impressions",
            "impressions in the test and among the other followers",
        ),
        _m("pod_impressions", "pod impressions", "impressions", "impressions on pod members"),
        _m(
            "seeded_impressions",
            "seeded impressions",
            "impressions",
            "impressions through paid or staff shares (influencers, employees)",
        ),
        _m(
            "explore_impressions",
            "recommended impressions",
            "impressions",
            "impressions on non-followers through recommendation",
        ),
        _m(
            "cascade_impressions",
            "impressions through shares",
            "impressions",
            "impressions through users' shares",
        ),
        _m("max_depth", "share depth", "steps", "longest chain of shares from the brand"),
        _m("cascade_size", "diffusion tree size", "nodes", "the post plus every share of it"),
        _m(
            "reshares_per_share",
            "reshares per share",
            "shares",
            "mean number of reshares each share produced",
            fmt="number",
        ),
        _m(
            "structural_virality",
            "structural virality",
            "steps",
            "mean distance between pairs of nodes of the diffusion tree (Goel et al. 2016)",
            fmt="number",
        ),
        _m(
            "outside_views",
            "impressions beyond the simulated audience",
            "impressions",
            "views of its shares by the sharers' followers outside the simulated population "
            "(estimated; audience.share_audience)",
        ),
        _m(
            "outside_shares",
            "shares beyond the simulated audience",
            "shares",
            "shares of its shares by people outside the simulated population (estimated; "
            "each is a share of a share)",
        ),
        _m("dwells", "stops", "people", "viewers who stopped on the post", better=1),
        _m("likes", "likes", "likes", "likes (applause)", better=1),
        _m("comments", "comments", "comments", "comments (conversation)", better=1),
        _m("shares", "shares", "shares", "shares (amplification)", better=1),
        _m("real_likes", "likes by real people", "likes", "likes by real people", better=1),
        _m(
            "real_comments",
            "comments by real people",
            "comments",
            "comments by real people",
            better=1,
        ),
        _m(
            "new_follows",
            "new followers won",
            "followers",
            "people who followed the brand on seeing the post",
            better=1,
        ),
        _m(
            "visits",
            "site visits",
            "visits",
            "micro conversions: site or profile visits, sign-ups",
            better=1,
        ),
        _m("purchases", "purchases", "purchases", "macro conversions", better=1),
        _m(
            "engagement_rate_follower",
            "engagement per follower",
            "share of followers",
            "(likes + comments + shares) ÷ followers when posted",
            better=1,
            fmt="share",
        ),
        _m(
            "engagement_rate_impression",
            "engagement per impression",
            "share of impressions",
            "(likes + comments + shares) ÷ impressions",
            better=1,
            fmt="share",
        ),
    )
)
