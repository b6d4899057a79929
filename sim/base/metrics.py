"""The metric catalogue: every figure feedsim reports, named, described and aggregated in one place.

Three kinds of entry:

- a **post metric** is a column of ``posts.csv`` (one row per post);
- a **day metric** is a column of ``days.csv`` (one row per day). ``over_day`` says how the day's
  value comes about: ``"sum"`` of that day's posts or events (a counter), ``"state"`` (the state of
  the audience at the end of the day, such as followers), or ``"ratio"`` (computed from other day
  metrics);
- a **run figure** is one number per run (``Results.summary()``, a sweep's ``runs.csv``, a
  comparison's table): a post or day metric aggregated over the run (``over_run``: ``"sum"``,
  ``"last"``, ``"mean"``, ``"median"``) or a formula of other run figures.

Results, sweeps, comparisons, charts and the study all read labels, units and aggregations from
here; nothing else keeps a list of metrics. Components (tactics and platform actions) declare
their own counters, which join the day metrics through :func:`day_metrics`.

Definitions (Kaushik's four metrics and the engagement rates):

- engagements = likes + comments + shares;
- engagement rate per follower = engagements per post ÷ followers when posted (Rival IQ's
  definition); per impression = engagements ÷ impressions;
- conversation rate = comments per post; amplification rate = shares per post; applause rate =
  likes per post; economic value = visits × value per visit (micro conversions) + purchases ×
  value per purchase (macro conversions), in euros;
- real reach = unique real people who saw the post (per post) or any post that day (per day);
- ROI = (cumulative revenue − cumulative cost) ÷ cumulative cost; cost per engaged real follower =
  cumulative cost ÷ real followers who have liked, commented on or shared a post;
- participation inequality: of the real users who have commented on or shared a brand post so far,
  the most active 1% (10%) made this share of all those comments and shares (at least one user;
  Nielsen's 90-9-1 pattern: the top 1% make most of it; 0 while nobody has); refreshed every
  seventh day and on the run's last day (empty before the first refresh).

A leaf module: it imports nothing of feedsim but the account codes, so charts and reports can
read it without loading the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
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
        over_day: for a day metric, how the day's value arises (see the module docstring);
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
    _m(f"impressions_{ORIGIN_LABELS[o]}", f"impressions among {_audience_words(o)}",
       "impressions", f"times the post was shown to {_audience_words(o)}")
    for o in (*FOLLOWING, NONE)
]

POST_METRICS: tuple[Metric, ...] = tuple(
    Metric(m.name, m.label, m.unit, m.description, over_day="post", better=m.better, fmt=m.fmt)
    for m in (
        _m("post", "post", "index", "the post's number in the run"),
        _m("day", "day", "day", "the day the post went out (0 = first day)"),
        _m("quality", "post quality", "0-1", "the post's relevance and quality", fmt="number"),
        _m("content", "content", "attributes", "the post's content attributes, joined by +"),
        _m("reputation", "brand reputation", "multiplier",
           "the brand's standing when it posted (1 = neutral)", fmt="number"),
        _m("followers", "followers when posted", "followers", "all followers at posting time"),
        _m("test_size", "test sample", "followers", "followers the post was first shown to"),
        _m("test_signal", "test signal", "weighted reactions per delivery",
           "what the platform measured in the test", fmt="number"),
        _m("passed_test", "passed the test", "yes/no",
           "whether the post passed its test and was recommended to non-followers"),
        _m("widen", "chance of widening", "probability",
           "the platform's chance of widening the post, from its test signal against the "
           "platform's reference: it ranks the post for the other followers and is the chance "
           "of passing the test", fmt="share"),
        _m("explore_stage", "recommendation stage", "pools",
           "recommendation pools the post reached"),
        _m("impressions", "impressions", "impressions", "times the post was shown", better=1),
        *_per_origin_impressions,
        _m("real_reach", "real reach per post", "people",
           "unique real people who saw the post", better=1),
        _m("follower_impressions", "impressions among followers", "impressions",
           "impressions in the test and among the other followers"),
        _m("pod_impressions", "pod impressions", "impressions", "impressions on pod members"),
        _m("seeded_impressions", "seeded impressions", "impressions",
           "impressions through paid or staff shares (influencers, employees)"),
        _m("explore_impressions", "recommended impressions", "impressions",
           "impressions on non-followers through recommendation"),
        _m("cascade_impressions", "impressions through shares", "impressions",
           "impressions through users' shares"),
        _m("max_depth", "share depth", "steps", "longest chain of shares from the brand"),
        _m("cascade_size", "diffusion tree size", "nodes",
           "the post plus every share of it"),
        _m("reshares_per_share", "reshares per share", "shares",
           "mean number of reshares each share produced", fmt="number"),
        _m("structural_virality", "structural virality", "steps",
           "mean distance between pairs of nodes of the diffusion tree (Goel et al. 2016)",
           fmt="number"),
        _m("dwells", "stops", "people", "viewers who stopped on the post", better=1),
        _m("likes", "likes", "likes", "likes (applause)", better=1),
        _m("comments", "comments", "comments", "comments (conversation)", better=1),
        _m("shares", "shares", "shares", "shares (amplification)", better=1),
        _m("real_likes", "likes by real people", "likes", "likes by real people", better=1),
        _m("real_comments", "comments by real people", "comments", "comments by real people",
           better=1),
        _m("new_follows", "new followers won", "followers",
           "people who followed the brand on seeing the post", better=1),
        _m("visits", "site visits", "visits", "micro conversions: site or profile visits, "
           "sign-ups", better=1),
        _m("purchases", "purchases", "purchases", "macro conversions", better=1),
        _m("engagement_rate_follower", "engagement per follower", "share of followers",
           "(likes + comments + shares) ÷ followers when posted", better=1, fmt="share"),
        _m("engagement_rate_impression", "engagement per impression", "share of impressions",
           "(likes + comments + shares) ÷ impressions", better=1, fmt="share"),
    )
)

# ---------------------------------------------------------------------------------------------
# Day metrics (days.csv)
# ---------------------------------------------------------------------------------------------

# Counters summed over a day's posts: the post metric of the same name.
POST_TO_DAY = ("impressions", *(m.name for m in _per_origin_impressions), "dwells", "likes",
               "comments", "shares", "real_likes", "real_comments", "new_follows", "visits",
               "purchases")
_post = {m.name: m for m in POST_METRICS}

CORE_DAY_METRICS: tuple[Metric, ...] = (
    _m("day", "day", "day", "the simulated day (0 = first day)", over_day="state"),
    _m("posts", "posts", "posts", "posts published that day", over_day="sum"),
    *(Metric(n, _post[n].label.replace(" per post", ""), _post[n].unit, _post[n].description,
             over_day="sum", better=_post[n].better) for n in POST_TO_DAY[:6]),
    _m("real_reach", "real reach", "people",
       "unique real people who saw any brand post that day", over_day="sum", better=1),
    *(Metric(n, _post[n].label, _post[n].unit, _post[n].description, over_day="sum",
             better=_post[n].better) for n in POST_TO_DAY[6:]),
    _m("tactic_follows", "followers from tactics", "followers",
       "follows won by tactics (follow-backs, giveaway entrants)", over_day="sum"),
    _m("unfollows", "unfollows", "followers", "followers who left that day", over_day="sum",
       better=-1),
    _m("followers", "followers", "followers", "all followers at the end of the day",
       over_day="state"),
    *(_m(f"followers_{ORIGIN_NAMES[o]}", f"followers ({ORIGIN_NAMES[o].replace('_', '-')})",
         "followers", f"followers of origin {ORIGIN_NAMES[o]!r} at the end of the day",
         over_day="state") for o in FOLLOWING),
    _m("real_followers", "real followers", "followers",
       "real people following the brand at the end of the day", over_day="state", better=1),
    _m("engaged_real_followers", "engaged real followers", "followers",
       "real followers who have liked, commented on or shared a post", over_day="state",
       better=1),
    _m("trust_followers", "followers' trust", "0-1",
       "mean trust of the real followers (1 = full)", over_day="state", better=1, fmt="number"),
    _m("real_reach_per_post", "real reach per post", "people",
       "mean over the day's posts of each post's real reach", over_day="ratio", better=1),
    _m("engagement_rate_follower", "engagement per follower", "share of followers",
       "mean over the day's posts of engagements ÷ followers", over_day="ratio", better=1,
       fmt="share"),
    _m("engagement_rate_impression", "engagement per impression", "share of impressions",
       "the day's engagements ÷ impressions", over_day="ratio", better=1, fmt="share"),
    _m("conversation_rate", "conversation", "comments per post",
       "Kaushik's conversation rate: comments per post", over_day="ratio", better=1,
       fmt="number"),
    _m("amplification_rate", "amplification", "shares per post",
       "Kaushik's amplification rate: shares per post", over_day="ratio", better=1,
       fmt="number"),
    _m("applause_rate", "applause", "likes per post",
       "Kaushik's applause rate: likes per post", over_day="ratio", better=1, fmt="number"),
    _m("top1_contribution_share", "comments and shares by the top 1%",
       "share of comments and shares",
       "share of all comments and shares so far made by the most active 1% of the real users "
       "who made any (refreshed weekly and on the last day)", over_day="state", fmt="share"),
    _m("top10_contribution_share", "comments and shares by the top 10%",
       "share of comments and shares",
       "share of all comments and shares so far made by the most active 10% of the real users "
       "who made any (refreshed weekly and on the last day)", over_day="state", fmt="share"),
    _m("visible_likes", "likes on show", "likes",
       "likes still visible on the brand's posts (purged accounts' likes vanish)",
       over_day="state"),
    _m("visible_comments", "comments on show", "comments",
       "comments still visible on the brand's posts", over_day="state"),
    _m("revenue", "economic value", "euros",
       "Kaushik's economic value: visits × value per visit + purchases × value per purchase",
       over_day="sum", better=1, fmt="euros"),
    _m("cost", "tactics cost", "euros", "money spent on tactics that day", over_day="sum",
       better=-1, fmt="euros"),
    _m("cumulative_revenue", "economic value so far", "euros", "revenue up to that day",
       over_day="state", better=1, fmt="euros"),
    _m("cumulative_cost", "tactics cost so far", "euros", "cost up to that day",
       over_day="state", better=-1, fmt="euros"),
    _m("roi", "return on tactics spend", "euros returned per euro spent",
       "(revenue so far − cost so far) ÷ cost so far", over_day="ratio", better=1,
       fmt="ratio"),
    _m("cost_per_engaged_real_follower", "cost per engaged real follower", "euros",
       "cost so far ÷ engaged real followers", over_day="ratio", better=-1, fmt="euros"),
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


# ---------------------------------------------------------------------------------------------
# Run figures (Results.summary(), sweeps' runs.csv and summary.csv, comparisons)
# ---------------------------------------------------------------------------------------------


def _fig(name, source, over_run, label=None, unit=None, description=None, better=None,
         fmt=None) -> Metric:
    """A run figure; ``source`` is ``"posts.<metric>"`` or ``"days.<metric>"`` (None: a formula)."""
    base = None
    if source:
        table, col = source.split(".")
        base = (_post if table == "posts" else _day)[col]
    return Metric(
        name,
        label or (base.label if base else name),
        unit or (base.unit if base else ""),
        description or (base.description if base else ""),
        over_run=over_run,
        source=source,
        better=base.better if better is None and base else (better or 0),
        fmt=fmt or (base.fmt if base else "count"),
    )


_day = {m.name: m for m in CORE_DAY_METRICS}

RUN_FIGURES: tuple[Metric, ...] = (
    _fig("days", None, "count", "days", "days", "simulated days"),
    _fig("posts", None, "count", "posts", "posts", "posts published"),
    _fig("followers_end", "days.followers", "last", "followers at the end",
         description="all followers on the last day, bought ones included"),
    _fig("followers_real_end", "days.real_followers", "last", "real followers at the end",
         better=1),
    _fig("mean_real_reach_per_post", "posts.real_reach", "mean", "real reach per post",
         "people (mean over posts)"),
    _fig("median_real_reach_per_post", "posts.real_reach", "median",
         "typical real reach per post", "people (median over posts)"),
    _fig("median_engagement_rate_follower", "posts.engagement_rate_follower", "median",
         "engagement per follower", "share of followers (median post)"),
    _fig("mean_engagements_per_post", None, "formula", "engagements per post",
         "likes + comments + shares (mean over posts)",
         "mean over posts of likes + comments + shares", better=1, fmt="number"),
    _fig("visits", "days.visits", "sum", "site visits"),
    _fig("purchases", "days.purchases", "sum"),
    _fig("revenue", "days.revenue", "sum"),
    _fig("cost", "days.cost", "sum"),
    _fig("net_revenue", None, "formula", "revenue minus tactics cost", "euros",
         "economic value minus what the tactics cost", better=1, fmt="euros"),
    _fig("roi", "days.roi", "last"),
    _fig("engaged_real_followers_end", "days.engaged_real_followers", "last",
         "engaged real followers at the end"),
    _fig("top1_contribution_share", "days.top1_contribution_share", "last"),
    _fig("top10_contribution_share", "days.top10_contribution_share", "last"),
)
RUN = {m.name: m for m in RUN_FIGURES}
POST = _post
DAY = _day

# Summarised by a sweep or comparison that names no figures.
DEFAULT_FIGURES = ("followers_end", "followers_real_end", "mean_real_reach_per_post",
                   "median_engagement_rate_follower", "visits", "purchases", "revenue", "cost",
                   "net_revenue")


def top_share(done, fraction: float) -> float:
    """Share of the total of ``done`` (per-user counts) held by the top ``fraction`` of the users
    with a count above zero (at least one user); 0 if nobody has any."""
    import numpy as np

    c = np.asarray(done)
    c = c[c > 0]
    if c.size == 0:
        return 0.0
    k = max(1, math.ceil(fraction * c.size))
    top = np.partition(c, c.size - k)[c.size - k:]
    return float(top.sum() / c.sum())


def _aggregate(values, how: str) -> float:
    import numpy as np

    arr = np.asarray(values, dtype=float)
    if arr.size == 0:
        return float("nan") if how == "last" else 0.0
    if how == "sum":
        return float(arr.sum())
    if how == "last":
        return float(arr[-1])
    if how == "mean":
        return float(arr.mean())
    if how == "median":
        return float(np.median(arr))
    raise ValueError(f"unknown aggregation {how!r}")


_FORMULAS: dict[str, Callable[[dict, object, object], float]] = {
    "days": lambda s, d, p: len(d),
    "posts": lambda s, d, p: len(p),
    "mean_engagements_per_post": lambda s, d, p: (
        float((p["likes"] + p["comments"] + p["shares"]).mean()) if len(p) else 0.0),
    "net_revenue": lambda s, d, p: s["revenue"] - s["cost"],
}


def summarise(days, posts) -> dict:
    """Every run figure of one run, from its day and post tables (pandas DataFrames).

    Counts (sums and end states of count metrics) come out as ``int``, everything else as
    ``float``. With no days, end states are 0 and ROI is NaN.
    """
    out: dict = {}
    for m in RUN_FIGURES:
        if m.source is None:
            out[m.name] = _FORMULAS[m.name](out, days, posts)
            continue
        table, col = m.source.split(".")
        frame = posts if table == "posts" else days
        values = frame[col] if col in frame else []
        value = _aggregate(values, m.over_run)
        if m.fmt == "count" and m.over_run in ("sum", "last"):
            value = 0 if math.isnan(value) else int(round(value))
        out[m.name] = value
    return out


def label(name: str) -> str:
    """Plain-words label of any metric or run figure (the name itself if unknown)."""
    m = lookup(name)
    return m.label if m else name


def unit(name: str) -> str:
    """Unit of any metric or run figure ("" if unknown)."""
    m = lookup(name)
    return m.unit if m else ""


def lookup(name: str) -> Metric | None:
    """The catalogue entry of a run figure, day metric or post metric, in that order."""
    return RUN.get(name) or _day.get(name) or _post.get(name)
