"""What a calibration varies and what it compares.

- :data:`PARAMS`: the scenario values an export can inform, each with the range searched (the
  prior, wide around every platform preset's value);
- :func:`account_scenario`: what the export says directly (follower count, posting days and
  hours, rhythm), as a scenario with the export's own posting calendar; :func:`split`: the
  posts it is fitted on and the latest ones held out to check it;
- :func:`summaries`: the figures compared between an export and a simulation (median reach per
  follower, its spread, and likes, comments, shares and follows per reach);
- :func:`simulated_posts`: a run's posts in the export's tidy layout, so both sides are
  summarised by the same code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.base.i18n import Said
from sim.base.l10n import Count
from sim.studies.calibrate.exports import FIELDS, CalibrationError, Export, ExportError


@dataclass(frozen=True)
class Param:
    """One fitted scenario value: its dotted key, searched range, scale and meaning."""

    key: str
    low: float
    high: float
    log: bool
    meaning: str
    integer: bool = False


PARAMS: tuple[Param, ...] = (
    Param(
        "behaviour.activity_mean",
        0.08,
        0.85,
        False,
        "share of the audience active while a post is fresh (reach per follower)",
    ),
    Param(
        "audience.niche_interest", 0.15, 0.9, False, "interest of the account's niche in its posts"
    ),
    Param("behaviour.like", 0.02, 0.7, True, "chance of a like, given a stop"),
    Param("behaviour.comment", 0.001, 0.1, True, "chance of a comment, given a stop"),
    Param("behaviour.share", 0.001, 0.12, True, "chance of a share, given a stop"),
    Param("behaviour.follow", 0.005, 0.4, True, "chance a non-follower follows, given a stop"),
    Param(
        "feed.explore_threshold",
        0.02,
        0.6,
        True,
        "reactions per delivery a post needs to reach non-followers (their share of reach)",
    ),
)

#: Churn, fitted where the export has a daily follower history: the daily chance that a follower
#: unfollows, times their lack of interest and trust (``behaviour.unfollow``), the way followers
#: leave an account that posts regularly. Its searched range spans a factor of ten either side of
#: every preset's 0.0004 (over 84 days, from about 0.2% of the followers lost to about a fifth).
#: Forgetting (``behaviour.forget``) is not fitted: it acts only after the account has been silent
#: for ``forget_after`` days, so on an account that posts daily it changes nothing, and fitting it
#: spent a dimension of the design on a value the simulations never felt (measured on TikTok's
#: preset, 1,000 followers, 63 days of daily posts: the same run to the follower at 0.001, 0.01
#: and 0.1; with ``behaviour.unfollow`` at 0.0001, 0.001 and 0.01, 3, 38 and 300 followers lost).
CHURN = Param(
    "behaviour.unfollow",
    0.00004,
    0.004,
    True,
    "daily chance that a follower with little interest in or trust of the account unfollows "
    "(churn)",
)

#: The reachable market is searched from this many times the followers to this many (assumption:
#: an account's followers are a sizeable share of the people its content could reach).
MARKET_PER_FOLLOWER = (5, 20)


def market_param(followers: int) -> Param:
    """``audience.users``: the size of the account's reachable market, searched around
    :data:`AUDIENCE_PER_FOLLOWER` times its followers."""
    lo = min(max(MARKET_PER_FOLLOWER[0] * followers, AUDIENCE_MIN), AUDIENCE_MAX // 2)
    hi = min(max(MARKET_PER_FOLLOWER[1] * followers, 2 * lo), AUDIENCE_MAX)
    return Param(
        "audience.users",
        float(lo),
        float(hi),
        True,
        "people the account's posts could reach (its reachable market): sets how far "
        "recommendations and new followers can go",
        integer=True,
    )


def params_for(export: Export) -> tuple[Param, ...]:
    """What a calibration of ``export`` fits: :data:`PARAMS`, the reachable market, and churn
    where a daily follower history gives gains, losses or totals."""
    out = PARAMS + (market_param(export.followers),)
    h = export.history
    if h is not None and not h.empty:
        out += (CHURN,)
    return out


def cast(values: dict[str, float], params: tuple[Param, ...]) -> dict[str, float]:
    """Values as the scenario takes them: whole numbers for integer keys."""
    ints = {p.key for p in params if p.integer}
    return {k: (int(round(v)) if k in ints else v) for k, v in values.items()}


#: Summary names, in order; each is a log ratio so a factor of two counts the same everywhere,
#: except the net growth per period (a signed share of the starting followers).
#: Besides the median, the mean and spread of log reach see the shape of the post distribution: on
#: a platform that opens recommendation pools one after another, posts fall in groups (TikTok's
#: preset: about 500 and 2,500 views), and the median jumps from one group to the other as the
#: share of posts in each crosses a half, while the mean of the logs moves with that share
#: smoothly. The trend (the mean log reach of the later half of the posts less the earlier
#: half's) sees reach that fades or grows as the account goes on, which the held-out posts, the
#: latest ones, inherit.
POST_SUMMARIES = (
    "reach_per_follower",
    "reach_spread",
    "reach_log_mean",
    "reach_log_sd",
    "reach_trend",
    "engagement_per_follower",
    "likes_per_reach",
    "comments_per_reach",
    "shares_per_reach",
    "follows_per_reach",
)
#: Follower growth, from a daily history: net change per third of the fitted period (so growth
#: that comes early or late counts apart, and one total does not outweigh the posts), and the
#: gains and losses over it.
PERIODS = 3
GROWTH_SUMMARIES = tuple(f"growth_{k + 1}" for k in range(PERIODS)) + (
    "gains_per_follower",
    "losses_per_follower",
)
SUMMARIES = POST_SUMMARIES + GROWTH_SUMMARIES
# Which export column each summary needs besides reach (None: reach alone).
_NEEDS = {
    "reach_per_follower": None,
    "reach_spread": None,
    "reach_log_mean": None,
    "reach_log_sd": None,
    "reach_trend": None,
    "engagement_per_follower": None,
    "likes_per_reach": "likes",
    "comments_per_reach": "comments",
    "shares_per_reach": "shares",
    "follows_per_reach": "follows",
}
_ENGAGEMENT = ("likes", "comments", "shares")  # saves are left out: the model has none
_REACTIONS = _ENGAGEMENT + ("follows",)
# The run's post column behind each export field a simulation gives (:func:`simulated_posts`).
_SIMULATED = {
    "reach": "real_reach",
    "views": "impressions",
    "likes": "likes",
    "comments": "comments",
    "shares": "shares",
    "follows": "new_follows",
}

# Audience size: the account's followers are drawn from a population this many times larger
# (assumption: large enough for recommendation pools of non-followers), within these bounds.
AUDIENCE_PER_FOLLOWER = 10
AUDIENCE_MIN, AUDIENCE_MAX = 5_000, 1_000_000
MIN_POSTS = 8  # fewer posts than this cannot inform a fit


@dataclass(frozen=True)
class Rhythm:
    """The account's posting habits, read from the post times."""

    start: pd.Timestamp
    days: int
    posts_per_week: float
    hour: int | None
    rhythm: str
    calendar: tuple[tuple[int, int | None], ...]  # (day, hour) per post, in order


def rhythm(posts: pd.DataFrame) -> Rhythm:
    """Posting days and hours, posts per week, the usual hour and regular/erratic, from times.

    Erratic means bursts after silences: the gaps between posting days vary more than their
    mean (coefficient of variation above 1). An export with dates but no times (every post
    at midnight) leaves the hours to the platform preset (``None``).
    """
    times = pd.to_datetime(posts["posted_at"]).sort_values()
    start = times.iloc[0].normalize()
    day = ((times - start).dt.days).to_numpy()
    hour = times.dt.hour.to_numpy()
    days = int(day[-1]) + 1
    per_week = min(70.0, round(7.0 * len(times) / max(days, 7), 2))
    timed = bool(((times.dt.hour != 0) | (times.dt.minute != 0)).any())
    usual = int(pd.Series(hour).mode().iloc[0]) if timed else None
    gaps = np.diff(np.unique(day))
    erratic = len(gaps) >= 3 and gaps.std() > gaps.mean()
    return Rhythm(
        start,
        days,
        per_week,
        usual,
        "erratic" if erratic else "regular",
        tuple((int(d), int(h) if timed else None) for d, h in zip(day, hour, strict=True)),
    )


def split(export: Export, holdout: float) -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """The posts fitted on (the earliest ``1 - holdout`` of them) and the first held-out time."""
    posts = export.posts
    if not 0 <= holdout < 1:
        raise CalibrationError(
            Said("--holdout must be at least 0 and below 1; got {holdout}", {"holdout": holdout})
        )
    n_fit = len(posts) - int(round(holdout * len(posts)))
    if n_fit < MIN_POSTS:
        raise ExportError(
            Said(
                "{source}: {posts} posts leave {fit} to fit on; at least {least} are needed "
                "(export a longer period or lower --holdout)",
                {"source": export.source, "posts": Count(len(posts)), "fit": Count(n_fit)}
                | {"least": MIN_POSTS},
            )
        )
    if n_fit == len(posts):
        return posts, None
    return posts.iloc[:n_fit], pd.Timestamp(posts["posted_at"].iloc[n_fit])


def audience_users(followers: int) -> int:
    """Population size for an account with ``followers`` (see :data:`AUDIENCE_PER_FOLLOWER`)."""
    return int(min(max(AUDIENCE_PER_FOLLOWER * followers, AUDIENCE_MIN), AUDIENCE_MAX))


def account_scenario(export: Export, name: str, days: int | None = None):
    """The scenario the export states outright, posting on the export's own days and hours.

    Args:
        export: the account's export.
        name: the scenario's name.
        days: simulated days (default: from the first post's day to the last one's).

    Returns:
        A resolved Scenario on the platform preset, with ``content.calendar`` listing every post.
    """
    from sim.scenario import resolve

    if export.followers >= AUDIENCE_MAX:
        raise CalibrationError(
            Said(
                "{followers:,} followers: calibration handles accounts below {most:,} followers",
                {"followers": Count(export.followers), "most": Count(AUDIENCE_MAX)},
            )
        )
    r = rhythm(export.posts)
    horizon = int(days or r.days)
    brand = {
        "initial_followers": int(export.followers),
        "posts_per_week": r.posts_per_week,
        "rhythm": r.rhythm,
    }
    if r.hour is not None:
        brand["hour"] = r.hour
    raw = {
        "name": name,
        "platform": export.platform,
        "days": horizon,
        "audience": {"users": audience_users(export.followers)},
        "brand": brand,
        "content": {
            "calendar": [
                {"day": d} | ({} if h is None else {"hour": h})
                for d, h in r.calendar
                if d < horizon
            ]
        },
    }
    return resolve(raw, source=f"{export.source} (calibration)")


def summaries(posts: pd.DataFrame, reach_col: str, followers: int) -> dict[str, float]:
    """The compared figures of a tidy post table; NaN where the table lacks the column."""
    posts = posts.sort_values("posted_at", kind="stable")
    return summary_values(
        posts[reach_col].astype(float).to_numpy(),
        {c: posts[c].astype(float).to_numpy() for c in _REACTIONS},
        followers,
    )


def summary_values(
    reach: np.ndarray, reactions: dict[str, np.ndarray], followers: int
) -> dict[str, float]:
    """:func:`summaries` from the posts' columns as arrays, in posting order: ``reach`` and
    ``reactions`` (likes, comments, shares and follows per post, NaN where unknown). A
    simulation's posts are summarised from their arrays (:func:`simulated_summaries`), an
    export's through its table; both by this code."""
    reach = np.ascontiguousarray(reach, dtype=float)
    total = reach.sum()
    med = float(np.median(reach))
    logs = np.log(reach + 1.0)
    likes, comments, shares = (np.nan_to_num(reactions[c], nan=0.0) for c in _ENGAGEMENT)
    out = {
        "reach_per_follower": math.log((med + 1.0) / followers),
        "reach_spread": math.log((float(np.quantile(reach, 0.9)) + 1.0) / (med + 1.0)),
        "reach_log_mean": float(logs.mean()) - math.log(followers),
        "reach_log_sd": float(logs.std()),
        "reach_trend": (
            float(logs[len(logs) // 2 :].mean() - logs[: len(logs) // 2].mean())
            if len(logs) > 1
            else 0.0
        ),
        "engagement_per_follower": math.log(
            (float(np.median(likes + comments + shares)) + 1.0) / followers
        ),
    }
    for name in POST_SUMMARIES[6:]:
        col = np.ascontiguousarray(reactions[_NEEDS[name]], dtype=float)
        out[name] = (
            float("nan") if np.isnan(col).any() else math.log((col.sum() + 1.0) / (total + 1.0))
        )
    return out


def follower_days(
    history: pd.DataFrame | None, start: pd.Timestamp, days: int, followers: float
) -> pd.DataFrame | None:
    """The daily follower history over days ``0 .. days - 1`` from ``start``: gained, lost and net
    per day (NaN where the history does not say); None without a history over those days.

    Net comes from the history's net column, else from the change in its totals (the first day
    against ``followers``, the count at the start), else from gains less losses where both are
    given; gains alone never make a net (they overstate growth by the followers lost).
    """
    if history is None or history.empty:
        return None
    h = history.copy()
    h["day"] = (pd.to_datetime(h["date"]).dt.normalize() - start.normalize()).dt.days
    h = h[(h["day"] >= 0) & (h["day"] < days)].drop_duplicates("day", keep="last")
    out = pd.DataFrame({"day": np.arange(days)}).merge(h, on="day", how="left")
    if out[["total", "gained", "lost", "net"]].isna().all().all():
        return None
    net = out["net"].copy()
    prev = out["total"].shift(1)
    prev.iloc[0] = followers
    net = net.where(net.notna(), out["total"] - prev)
    net = net.where(net.notna(), out["gained"] - out["lost"])
    return pd.DataFrame(
        {"day": out["day"], "gained": out["gained"], "lost": out["lost"], "net": net}
    )


def growth_summaries(daily: pd.DataFrame | None, followers: float) -> dict[str, float]:
    """Net growth per third of the period (share of ``followers``), and log gains and losses
    per follower; NaN where the daily table lacks them (or is None)."""
    if daily is None or daily.empty:
        return dict.fromkeys(GROWTH_SUMMARIES, float("nan"))
    return growth_values(
        *(daily[c].astype(float).to_numpy() for c in ("gained", "lost", "net")), followers
    )


def growth_values(
    gained: np.ndarray, lost: np.ndarray, net: np.ndarray, followers: float
) -> dict[str, float]:
    """:func:`growth_summaries` from the daily columns as arrays (NaN where unknown)."""
    out = dict.fromkeys(GROWTH_SUMMARIES, float("nan"))
    if not len(net):
        return out
    for k, idx in enumerate(np.array_split(np.arange(len(net)), PERIODS)):
        part = net[idx]
        if len(idx) and not np.isnan(part).any():
            out[f"growth_{k + 1}"] = float(part.sum()) / followers
    for col, name in ((gained, "gains_per_follower"), (lost, "losses_per_follower")):
        if not np.isnan(col).any():
            out[name] = math.log((float(np.ascontiguousarray(col).sum()) + 1.0) / followers)
    return out


def simulated_days(result) -> pd.DataFrame:
    """A run's daily follower history in :func:`follower_days`' layout."""
    return pd.DataFrame(_day_arrays(result))


def _day_arrays(result) -> dict[str, np.ndarray]:
    """A run's daily follower history as arrays (:func:`simulated_days`), without pandas."""
    d = result.day_columns()
    total = d["followers"].astype(float)
    prev = np.empty_like(total)
    prev[:1] = float(result.scenario.brand.initial_followers)
    prev[1:] = total[:-1]
    return {
        "day": d["day"],
        "gained": (d["new_follows"] + d["tactic_follows"]).astype(float),
        "lost": d["unfollows"].astype(float),
        "net": total - prev,
    }


def simulated_summaries(result, reach_col: str, followers: int) -> dict[str, float] | None:
    """What :func:`summaries` and :func:`growth_summaries` give of :func:`simulated_posts` and
    :func:`simulated_days` (the posts at ``brand.hour`` of their day), from the run's columns
    without building its tables; None for a run that made no posts."""
    p = result.post_columns()
    if "day" not in p or not len(p["day"]):
        return None
    order = np.argsort(p["day"], kind="stable")  # by time posted, as the table is sorted
    reach = np.asarray(p[_SIMULATED[reach_col]], dtype=float)[order]
    cols = {f: np.asarray(p[_SIMULATED[f]], dtype=float)[order] for f in _REACTIONS}
    days = _day_arrays(result)
    return summary_values(reach, cols, followers) | growth_values(
        days["gained"], days["lost"], days["net"], followers
    )


def followers_at(export: Export, day: pd.Timestamp) -> float | None:
    """The account's follower count at the end of ``day`` by its follower history: the day's
    total, or the count at the first post plus the net gains since; None without a history
    that reaches that day or gives losses as well as gains (gains alone overstate growth)."""
    h = export.history
    if h is None or h.empty:
        return None
    day = pd.Timestamp(day).normalize()
    first = pd.Timestamp(export.posts["posted_at"].iloc[0]).normalize()
    if h["date"].max() < day or h["date"].min() > first:
        return None
    totals = h.dropna(subset=["total"])
    on = totals[totals["date"] == day]
    if not on.empty:
        return float(on["total"].iloc[-1])
    net = h["net"].where(h["net"].notna(), h["gained"] - h["lost"])
    span = (h["date"] >= first) & (h["date"] <= day)
    if net[span].isna().all():
        return None
    return float(export.followers + net[span].fillna(0.0).sum())


def post_hours(scenario) -> list[int]:
    """Each calendar post's hour, in posting order (``brand.hour`` where an entry has none)."""
    entries = sorted(scenario.content.calendar, key=lambda e: e.day)
    return [scenario.brand.hour if e.hour is None else e.hour for e in entries]


def simulated_posts(result, start: pd.Timestamp, hours: list[int] | None = None) -> pd.DataFrame:
    """A run's posts as the tidy export table (:data:`FIELDS`).

    Reach is the run's real reach (accounts shown the post, real users only), views its
    impressions, likes/comments/shares/follows its reactions; saves are not modelled (NaN).

    Args:
        result: a run's Results.
        start: the date of simulated day 0.
        hours: each post's hour, in posting order (default: the scenario's ``brand.hour``).
    """
    p = result.posts
    hour = (
        hours
        if hours is not None and len(hours) == len(p)
        else [result.scenario.brand.hour] * len(p)
    )
    posted = [
        start + pd.Timedelta(days=int(d), hours=int(h)) for d, h in zip(p["day"], hour, strict=True)
    ]
    return pd.DataFrame(
        {
            "posted_at": posted,
            "type": "post",
            "reach": p["real_reach"].astype(float),
            "views": p["impressions"].astype(float),
            "likes": p["likes"].astype(float),
            "comments": p["comments"].astype(float),
            "shares": p["shares"].astype(float),
            "saves": float("nan"),
            "follows": p["new_follows"].astype(float),
        },
        columns=list(FIELDS),
    )


def engagement(posts: pd.DataFrame) -> pd.Series:
    """Likes + comments + shares per post (saves are left out: the model has none)."""
    return sum(posts[c].fillna(0.0) for c in ("likes", "comments", "shares"))
