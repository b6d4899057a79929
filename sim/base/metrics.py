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

The entry type and the post metrics live in :mod:`sim.base.metrics_posts`, the day metrics in
:mod:`sim.base.metrics_days`; this module holds the run figures and the look-ups, and re-exports
the other two, so ``sim.base.metrics`` stays the one name to import. All three are leaves: they
import nothing of feedsim but the account codes, so charts and reports can read them without
loading the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from sim.base.metrics_days import CORE_DAY_METRICS, POST_TO_DAY, counter, day_metrics
from sim.base.metrics_posts import POST_METRICS, Metric, OverDay, OverRun

__all__ = [
    "CORE_DAY_METRICS",
    "DAY",
    "DEFAULT_FIGURES",
    "POST",
    "POST_METRICS",
    "POST_TO_DAY",
    "RUN",
    "RUN_FIGURES",
    "Metric",
    "OverDay",
    "OverRun",
    "counter",
    "day_metrics",
    "label",
    "lookup",
    "summarise",
    "top_share",
    "unit",
]

# ---------------------------------------------------------------------------------------------
# Run figures (Results.summary(), sweeps' runs.csv and summary.csv, comparisons)
# ---------------------------------------------------------------------------------------------


def _fig(
    name, source, over_run, label=None, unit=None, description=None, better=None, fmt=None
) -> Metric:
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


_post = {m.name: m for m in POST_METRICS}
_day = {m.name: m for m in CORE_DAY_METRICS}

RUN_FIGURES: tuple[Metric, ...] = (
    _fig("days", None, "count", "days", "days", "simulated days"),
    _fig("posts", None, "count", "posts", "posts", "posts published"),
    _fig(
        "followers_end",
        "days.followers",
        "last",
        "followers at the end",
        description="all followers on the last day, bought ones included",
    ),
    _fig(
        "followers_real_end", "days.real_followers", "last", "real followers at the end", better=1
    ),
    _fig(
        "mean_real_reach_per_post",
        "posts.real_reach",
        "mean",
        "real reach per post",
        "people (mean over posts)",
    ),
    _fig(
        "median_real_reach_per_post",
        "posts.real_reach",
        "median",
        "typical real reach per post",
        "people (median over posts)",
    ),
    _fig(
        "median_engagement_rate_follower",
        "posts.engagement_rate_follower",
        "median",
        "engagement per follower",
        "share of followers (median post)",
    ),
    _fig(
        "mean_engagements_per_post",
        None,
        "formula",
        "engagements per post",
        "likes + comments + shares (mean over posts)",
        "mean over posts of likes + comments + shares",
        better=1,
        fmt="number",
    ),
    _fig("visits", "days.visits", "sum", "site visits"),
    _fig("purchases", "days.purchases", "sum"),
    _fig("revenue", "days.revenue", "sum"),
    _fig("cost", "days.cost", "sum"),
    _fig(
        "net_revenue",
        None,
        "formula",
        "revenue minus tactics cost",
        "euros",
        "economic value minus what the tactics cost",
        better=1,
        fmt="euros",
    ),
    _fig("roi", "days.roi", "last"),
    _fig(
        "engaged_real_followers_end",
        "days.engaged_real_followers",
        "last",
        "engaged real followers at the end",
    ),
    _fig("top1_contribution_share", "days.top1_contribution_share", "last"),
    _fig("top10_contribution_share", "days.top10_contribution_share", "last"),
)
RUN = {m.name: m for m in RUN_FIGURES}
POST = _post
DAY = _day

# Summarised by a sweep or comparison that names no figures.
DEFAULT_FIGURES = (
    "followers_end",
    "followers_real_end",
    "mean_real_reach_per_post",
    "median_engagement_rate_follower",
    "visits",
    "purchases",
    "revenue",
    "cost",
    "net_revenue",
)


def top_share(done, fraction: float) -> float:
    """Share of the total of ``done`` (per-user counts) held by the top ``fraction`` of the users
    with a count above zero (at least one user); 0 if nobody has any."""
    import numpy as np

    c = np.asarray(done)
    c = c[c > 0]
    if c.size == 0:
        return 0.0
    k = max(1, math.ceil(fraction * c.size))
    top = np.partition(c, c.size - k)[c.size - k :]
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
        float((p["likes"] + p["comments"] + p["shares"]).mean()) if len(p) else 0.0
    ),
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
