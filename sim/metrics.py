"""What a run reports: per-post and per-day rows, Kaushik's metrics and engagement rates.

Definitions (CALIBRATION.md, "Kaushik's metrics"):

- engagements = likes + comments + shares;
- engagement rate per follower = engagements per post ÷ followers when posted (Rival IQ's
  definition); per impression = engagements ÷ impressions;
- conversation rate = comments per post; amplification rate = shares per post; applause rate =
  likes per post; economic value = conversions × value per conversion (euros);
- real reach = unique real people who saw the post (per post) or any post that day (per day).
"""

from __future__ import annotations

import numpy as np

from sim import kernel as k
from sim.audience import BOUGHT_ORIGIN, FOLLOW_BACK, NONE, ORGANIC, ORIGIN_NAMES

_ORIGIN_LABEL = {NONE: "non_follower", ORGANIC: "organic", BOUGHT_ORIGIN: "bought",
                 FOLLOW_BACK: "follow_back"}

DAY_COUNTS = (
    "posts", "impressions", "impressions_organic", "impressions_bought", "impressions_follow_back",
    "impressions_non_follower", "real_reach", "dwells", "likes", "comments", "shares",
    "new_follows", "tactic_follows", "unfollows", "conversions",
)


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


class Recorder:
    """Collects rows while a model runs; turns them into tables at the end."""

    def __init__(self, conversion_value: float):
        self.value = conversion_value
        self.day_rows: list[dict] = []
        self.post_rows: list[dict] = []
        self.today: dict = {}
        self._cum_cost = 0.0
        self._cum_revenue = 0.0
        self._reach_sum = 0

    def start_day(self, day: int) -> None:
        self.today = {"day": day, **{name: 0 for name in DAY_COUNTS}}
        self._reach_sum = 0
        self._eng_follower_sum = 0.0

    def add_post(self, post_id: int, quality: float, acts, stats, signals) -> dict:
        t = self.today
        followers = int(stats[k.S_FOLLOWERS])
        likes, comments, shares = (int(acts[:, c].sum()) for c in (k.A_LIKE, k.A_COMMENT, k.A_SHARE))
        impressions = int(acts[:, k.A_IMPRESSIONS].sum())
        engagements = likes + comments + shares
        row = {
            "post": post_id,
            "day": t["day"],
            "quality": round(float(quality), 6),
            "followers": followers,
            "test_size": int(stats[k.S_TEST_SIZE]),
            "test_signal": float(signals[0]),
            "passed_test": bool(stats[k.S_PASSED]),
            "explore_stage": int(stats[k.S_EXPLORE_STAGE]),
            "impressions": impressions,
        }
        for o in (ORGANIC, BOUGHT_ORIGIN, FOLLOW_BACK, NONE):
            row[f"impressions_{_ORIGIN_LABEL[o]}"] = int(acts[o, k.A_IMPRESSIONS])
        row.update(
            real_reach=int(stats[k.S_REAL_REACH]),
            follower_impressions=int(stats[k.S_TEST_IMPRESSIONS] + stats[k.S_FOLLOWER_IMPRESSIONS]),
            explore_impressions=int(stats[k.S_EXPLORE_IMPRESSIONS]),
            cascade_impressions=int(stats[k.S_CASCADE_IMPRESSIONS]),
            max_depth=int(stats[k.S_MAX_DEPTH]),
            dwells=int(acts[:, k.A_DWELL].sum()),
            likes=likes,
            comments=comments,
            shares=shares,
            new_follows=int(stats[k.S_NEW_FOLLOWS]),
            conversions=int(acts[:, k.A_CONVERT].sum()),
            engagement_rate_follower=_ratio(engagements, followers),
            engagement_rate_impression=_ratio(engagements, impressions),
        )
        self.post_rows.append(row)
        t["posts"] += 1
        for name in ("impressions", "impressions_organic", "impressions_bought",
                     "impressions_follow_back", "impressions_non_follower", "dwells", "likes",
                     "comments", "shares", "new_follows", "conversions"):
            t[name] += row[name]
        t["real_reach"] += int(stats[k.S_DAY_NEW_REAL])
        self._reach_sum += row["real_reach"]
        self._eng_follower_sum += 0.0 if np.isnan(row["engagement_rate_follower"]) else (
            row["engagement_rate_follower"])
        return row

    def end_day(self, follower_counts, cost: float) -> None:
        t = self.today
        posts = t["posts"]
        engagements = t["likes"] + t["comments"] + t["shares"]
        revenue = t["conversions"] * self.value
        self._cum_cost += cost
        self._cum_revenue += revenue
        t.update(
            followers=int(follower_counts[1:].sum()),
            **{f"followers_{ORIGIN_NAMES[o]}": int(follower_counts[o])
               for o in (ORGANIC, BOUGHT_ORIGIN, FOLLOW_BACK)},
            real_reach_per_post=_ratio(self._reach_sum, posts),
            engagement_rate_follower=_ratio(self._eng_follower_sum, posts),
            engagement_rate_impression=_ratio(engagements, t["impressions"]),
            conversation_rate=_ratio(t["comments"], posts),
            amplification_rate=_ratio(t["shares"], posts),
            applause_rate=_ratio(t["likes"], posts),
            revenue=revenue,
            cost=cost,
            cumulative_revenue=self._cum_revenue,
            cumulative_cost=self._cum_cost,
        )
        self.day_rows.append(t)
