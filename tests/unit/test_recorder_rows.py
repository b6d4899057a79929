"""A post's row and the day's totals read every field of the kernel's post record by name: each
column is the field (or the sum, ratio or count) the metric catalogue describes, in its order."""

from __future__ import annotations

import math

import numpy as np

from sim.base import kernel_types as k
from sim.base import metrics
from sim.base.accounts import FOLLOWING, NONE, ORIGIN_LABELS
from sim.engine.recorder import Recorder
from sim.scenario import resolve


def _record(seed: int) -> np.void:
    """A post record whose every field holds a different value (seeded)."""
    rng = np.random.default_rng(seed)
    box = np.zeros(1, dtype=k.POST_STATS)
    for name in k.POST_STATS.names:
        kind = k.POST_STATS.fields[name][0]
        if kind.subdtype is not None:
            box[name] = rng.integers(0, 1000, size=kind.shape)
        elif kind.kind == "f":
            box[name] = rng.random() * 10
        else:
            box[name] = rng.integers(1, 1000)
    box["passed"] = seed % 2
    return box[0]


def _ratio(a, b):
    return a / b if b else float("nan")


def _expected(rec, post_id, day, quality, attrs, reputation) -> dict:
    acts = rec["acts"]
    total = acts.sum(axis=0)
    likes, comments, shares = (int(total[a]) for a in (k.A_LIKE, k.A_COMMENT, k.A_SHARE))
    engagements = likes + comments + shares
    impressions = int(total[k.A_IMPRESSIONS])
    row = {
        "post": post_id,
        "day": day,
        "quality": round(quality, 6),
        "content": "+".join(attrs),
        "reputation": round(reputation, 6),
        "followers": int(rec["followers"]),
        "test_size": int(rec["test_size"]),
        "test_signal": float(rec["test_signal"]),
        "passed_test": bool(rec["passed"]),
        "widen": float(rec["widen"]),
        "explore_stage": int(rec["explore_stage"]),
        "impressions": impressions,
    }
    for o in (*FOLLOWING, NONE):
        row[f"impressions_{ORIGIN_LABELS[o]}"] = int(acts[o, k.A_IMPRESSIONS])
    row |= {
        "real_reach": int(rec["real_reach"]),
        "follower_impressions": int(rec["test_impressions"] + rec["follower_impressions"]),
        "pod_impressions": int(rec["pod_impressions"]),
        "seeded_impressions": int(rec["seeded_impressions"]),
        "explore_impressions": int(rec["explore_impressions"]),
        "cascade_impressions": int(rec["cascade_impressions"]),
        "max_depth": int(rec["max_depth"]),
        "cascade_size": int(rec["cascade_size"]),
        "reshares_per_share": _ratio(int(rec["reshares"]), int(rec["cascade_size"]) - 1),
        "structural_virality": float(rec["structural_virality"]),
        "outside_views": int(rec["outside_views"]),
        "outside_shares": int(rec["outside_shares"]),
        "dwells": int(total[k.A_DWELL]),
        "likes": likes,
        "comments": comments,
        "shares": shares,
        "real_likes": int(rec["real_likes"]),
        "real_comments": int(rec["real_comments"]),
        "new_follows": int(rec["new_follows"]),
        "visits": int(total[k.A_VISIT]),
        "purchases": int(total[k.A_PURCHASE]),
        "engagement_rate_follower": _ratio(engagements, int(rec["followers"])),
        "engagement_rate_impression": _ratio(engagements, impressions),
    }
    return row


def _same(a, b) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b and type(a) is type(b)


def test_a_posts_row_reads_each_field_of_its_record_in_catalogue_order():
    rec = Recorder(resolve({"name": "shop"}).brand)
    rec.start_day(4)
    rows = []
    for seed in range(3):
        stats = _record(seed)
        got = rec.add_post(seed, 0.123456789, stats, ("question", "story"), 0.987654321)
        want = _expected(stats, seed, 4, 0.123456789, ("question", "story"), 0.987654321)
        assert list(got) == [m.name for m in metrics.POST_METRICS]
        assert list(got) == list(want)
        bad = [(c, got[c], want[c]) for c in want if not _same(got[c], want[c])]
        assert bad == []
        rows.append(want)
    # The day's totals: the posts' counters summed, reach from each post's newly reached.
    assert rec.today["posts"] == 3
    for name in metrics.POST_TO_DAY:
        assert rec.today[name] == sum(r[name] for r in rows), name


def test_a_post_without_followers_or_shares_gives_gaps_not_errors():
    rec = Recorder(resolve({"name": "shop"}).brand)
    rec.start_day(0)
    stats = np.zeros(1, dtype=k.POST_STATS)[0]
    stats["cascade_size"] = 1  # the post alone
    row = rec.add_post(0, 0.5, stats)
    assert math.isnan(row["engagement_rate_follower"])
    assert math.isnan(row["reshares_per_share"])  # a cascade of one: no reshares to count
    assert row["content"] == "" and row["passed_test"] is False


def test_both_top_shares_from_one_partition_are_the_catalogues():
    """The recorder's two contribution shares, from one partition and a smaller one, are
    exactly :func:`sim.base.metrics.top_share` of each (seed stated: the same counts every run;
    many ties, as counts of comments and shares have)."""
    from sim.engine.recorder import _top_shares

    rng = np.random.default_rng(8)
    for n in (1, 2, 3, 99, 100, 101, 5_000):
        done = rng.geometric(0.4, n).astype(np.int64)
        assert _top_shares(done.copy(), 0.01, 0.10) == (
            metrics.top_share(done, 0.01),
            metrics.top_share(done, 0.10),
        )
    assert _top_shares(np.empty(0, np.int64), 0.01, 0.10) == (0.0, 0.0)
