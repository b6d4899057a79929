"""The kernel's named inputs and outputs: each field carries what its name says."""

import numpy as np
import pytest

from sim.base import kernel_types as kt
from sim.base.accounts import FOLLOWING, N_ORIGINS, NONE, ORIGIN_LABELS
from sim.base.rules import COMMENT, DWELL, FOLLOW, LIKE, PURCHASE, REACTIONS, SHARE, VISIT
from sim.engine.recorder import Recorder
from sim.scenario import resolve

# A feed table whose every number differs, so a field read from the wrong key shows.
FEED = {
    "test_fraction": 0.07,
    "test_min": 11,
    "test_threshold": 0.21,
    "test_score": "per_view",
    "demoted_reach": 0.33,
    "test_steepness": 2.25,
    "passed_reach": 0.88,
    "explore_stages": [5, 50, 500],
    "explore_threshold": 0.44,
    "social_proof": 0.55,
    "explore_steepness": 4.5,
    "explore_views": 123.0,
    "explore_scaling": 0.66,
    "explore_max_share": 0.077,
    "one_way_reach": 0.12,
    "social_proof_cap": 6.6,
    "friend_proof": 7.7,
    "signal_weights": {"dwell": 1.25, "like": 2.5, "comment": 3.75, "share": 5.5},
}


@pytest.fixture(scope="module")
def scenario():
    return resolve(
        {
            "name": "names",
            "audience": {"users": 300},
            "brand": {"initial_followers": 100},
            "feed": FEED,
        }
    )


def test_feed_params_carry_each_feed_field_by_name(scenario):
    p = kt.feed_params(scenario.feed, test_activity=1.8)
    w = FEED["signal_weights"]
    expected = {
        "test_fraction": 0.07,
        "test_min": 11,
        "test_threshold": 0.21,
        "demoted_reach": 0.33,
        "explore_threshold": 0.44,
        "weight_dwell": w["dwell"],
        "weight_like": w["like"],
        "weight_comment": w["comment"],
        "weight_share": w["share"],
        "social_proof": 0.55,
        "social_proof_cap": 6.6,
        "friend_proof": 7.7,
        "test_activity": 1.8,
        "test_steepness": 2.25,
        "passed_reach": 0.88,
        "explore_steepness": 4.5,
        "explore_views": 123.0,
        "explore_scaling": 0.66,
        "explore_max_share": 0.077,
        "one_way_reach": 0.12,
    }
    assert set(expected) | {"explore_stages", "test_per_view"} == set(kt.FeedParams._fields)
    assert p.test_per_view is True  # feed.test_score = "per_view", as a plain bool for numba
    for name, value in expected.items():
        assert getattr(p, name) == value, name
    assert p.explore_stages.dtype == np.int64 and p.explore_stages.tolist() == [5, 50, 500]
    # One numba signature for every scenario: the scalar types never depend on the input.
    assert type(p.test_min) is int
    assert all(type(getattr(p, n)) is float for n in expected if n != "test_min")


def test_no_recommendation_is_an_empty_int64_array(scenario):
    feed = scenario.feed.model_copy(update={"explore_stages": ()})
    stages = kt.feed_params(feed).explore_stages
    assert stages.shape == (0,) and stages.dtype == np.int64


def test_dtype_tables_name_exactly_the_fields():
    assert tuple(kt.ACCOUNT_DTYPES) == kt.Accounts._fields
    assert tuple(kt.SCRATCH_DTYPES) == kt.Scratch._fields


def test_accounts_are_views_of_the_audience_and_wrong_dtypes_are_refused(scenario):
    from sim.engine.audience import generate

    a = generate(scenario, np.random.SeedSequence(0))
    acc = kt.accounts(a)
    for name in kt.Accounts._fields:
        assert getattr(acc, name) is getattr(a, name), name
        assert getattr(acc, name).dtype == kt.ACCOUNT_DTYPES[name], name
    a.likes_given = a.likes_given.astype(np.int64)  # a ledger the kernel would update in a copy
    with pytest.raises(TypeError, match="likes_given must be a contiguous int32 array"):
        kt.accounts(a)


def test_scratch_shapes_dtypes_and_fresh_stamps():
    ws = kt.scratch(7)
    for name in kt.Scratch._fields:
        arr = getattr(ws, name)
        assert arr.dtype == kt.SCRATCH_DTYPES[name], name
        assert arr.shape == ((8,) if name.startswith("tree_") else (7,)), name
    assert (ws.seen == -1).all() and (ws.day_seen == -1).all()


def test_act_columns_follow_the_reaction_bits():
    assert kt.ACT_COLUMNS == ("impressions", *REACTIONS)
    columns = {
        "impressions": kt.A_IMPRESSIONS,
        "dwell": kt.A_DWELL,
        "like": kt.A_LIKE,
        "comment": kt.A_COMMENT,
        "share": kt.A_SHARE,
        "follow": kt.A_FOLLOW,
        "visit": kt.A_VISIT,
        "purchase": kt.A_PURCHASE,
    }
    for name, col in columns.items():
        assert kt.ACT_COLUMNS[col] == name
    # Reaction bit 2**i is counted in column i + 1.
    for i, bit in enumerate((DWELL, LIKE, COMMENT, SHARE, FOLLOW, VISIT, PURCHASE)):
        assert bit == 1 << i and kt.ACT_COLUMNS[i + 1] == REACTIONS[i]
    assert kt.POST_STATS["acts"].shape == (N_ORIGINS, kt.N_ACTS)


def test_recorder_reads_every_post_stat_by_name(scenario):
    stats = np.zeros(1, dtype=kt.POST_STATS).view(np.recarray)[0]
    names = [n for n in kt.POST_STATS.names if n != "acts"]
    for i, name in enumerate(names):  # a distinct value per field
        stats[name] = 100 + i if kt.POST_STATS[name].kind == "i" else 0.5 + i
    stats.passed = 1
    stats.cascade_size = 5
    acts = stats.acts
    acts[:, :] = np.arange(acts.size).reshape(acts.shape)
    rec = Recorder(scenario.brand)
    rec.start_day(3)
    row = rec.add_post(9, 0.8, stats, ("question",), 0.9)
    same = (
        "followers",
        "test_size",
        "explore_stage",
        "real_reach",
        "pod_impressions",
        "seeded_impressions",
        "explore_impressions",
        "cascade_impressions",
        "max_depth",
        "cascade_size",
        "real_likes",
        "real_comments",
        "new_follows",
        "test_signal",
        "structural_virality",
    )
    for name in same:
        assert row[name] == stats[name], name
    assert row["passed_test"] is True
    assert row["follower_impressions"] == stats.test_impressions + stats.follower_impressions
    assert row["reshares_per_share"] == stats.reshares / (stats.cascade_size - 1)
    total = acts.sum(axis=0)
    assert row["impressions"] == total[kt.A_IMPRESSIONS]
    assert (
        row["dwells"],
        row["likes"],
        row["comments"],
        row["shares"],
        row["visits"],
        row["purchases"],
    ) == tuple(total[[kt.A_DWELL, kt.A_LIKE, kt.A_COMMENT, kt.A_SHARE, kt.A_VISIT, kt.A_PURCHASE]])
    for o in (*FOLLOWING, NONE):
        assert row[f"impressions_{ORIGIN_LABELS[o]}"] == acts[o, kt.A_IMPRESSIONS]
    # The day's real reach counts people new that day, not the post's reach.
    assert rec.today["real_reach"] == stats.day_new_real
    assert rec.today["likes"] == row["likes"] and rec.today["posts"] == 1
