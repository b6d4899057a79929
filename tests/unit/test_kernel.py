"""The feed kernel's stages on small hand-built audiences, where outcomes are exact."""

import numpy as np
import pytest

from sim.base import rng as xr
from sim.base.rules import B_DWELL, B_LIKE, B_SHARE, N_BEHAVIOUR, pool_pace
from sim.engine import kernel as k
from sim.engine.audience import BOUGHT, BOUGHT_ORIGIN, NONE, ORGANIC, REAL, Audience
from sim.engine.audience_arrays import _csr_followers
from sim.scenario import Feed


def audience(n, edges=(), followers=(), fakes=(), activity=1.0, interest=1.0):
    """n accounts; edges are (follower, followee); `followers` follow the brand organically."""
    src = np.array([e[0] for e in edges], dtype=np.int32)
    dst = np.array([e[1] for e in edges], dtype=np.int32)
    indptr, indices = _csr_followers(src, dst, n)
    kind = np.full(n, REAL, dtype=np.int8)
    origin = np.zeros(n, dtype=np.int8)
    origin[list(followers)] = ORGANIC
    kind[list(fakes)] = BOUGHT
    origin[list(fakes)] = BOUGHT_ORIGIN
    act = np.full(n, float(activity))
    act[list(fakes)] = 0.0
    inter = np.full(n, float(interest))
    inter[list(fakes)] = 0.0
    return Audience(
        n_users=n - len(fakes),
        indptr=indptr,
        indices=indices,
        kind=kind,
        origin=origin,
        community=np.zeros(n, np.int32),
        interest=inter,
        activity=act,
        trust=np.ones(n),
        reflex=np.zeros(n),
        follow_day=np.zeros(n, np.int32),
    )


def beh(dwell=0.3, like=0.3, share=0.0, **other):
    b = np.zeros(N_BEHAVIOUR)
    b[B_DWELL], b[B_LIKE], b[B_SHARE] = dwell, like, share
    return b


NOBODY = np.empty(0, dtype=np.int32)


# These tests were written without social proof: a like's chance does not grow with the likes.
NO_PROOF = {"social_proof": 0.0, "social_proof_cap": 1.0, "friend_proof": 1.0}


def distribute(
    a,
    b,
    feed=None,
    seed=0,
    post=0,
    day=0,
    ws=None,
    quality=1.0,
    state=None,
    pod=NOBODY,
    seeders=NOBODY,
    credibility=None,
):
    feed = (feed or Feed()).model_copy(update=NO_PROOF)
    ws = ws or k.scratch(a.n_accounts)
    state = state if state is not None else xr.new_state(np.random.SeedSequence(seed))
    followers = a.followers_of_brand()
    cred = np.ones(seeders.shape[0]) if credibility is None else np.asarray(credibility, float)
    stats = k.distribute_post(
        k.Graph(a.indptr, a.indices),
        k.accounts(a),
        a.n_users,
        k.Post(post, day, quality, b),
        k.Targets(followers, pod, seeders, cred),
        k.feed_params(feed),
        ws,
        state,
    )
    return stats.acts, stats, ws


def test_full_test_sample_reaches_every_active_follower_once():
    a = audience(200, followers=range(200))
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, stats, ws = distribute(a, beh(), feed)
    assert stats.test_size == 200
    assert acts[ORGANIC, k.A_IMPRESSIONS] == 200 == stats.real_reach
    assert np.sum(ws.seen == 0) == 200


def test_inert_fakes_fill_the_test_but_are_never_impressed():
    a = audience(1000, followers=range(100), fakes=range(100, 1000))
    feed = Feed(test_fraction=0.5, test_min=0, explore_stages=())
    acts, stats, _ = distribute(a, beh(), feed, seed=1)
    assert stats.test_size == 500
    assert acts[BOUGHT_ORIGIN].sum() == 0
    # About 10% of the sample is real: the impressions in the test show it.
    assert 25 <= stats.test_impressions <= 80


def test_threshold_decides_whether_the_rest_of_followers_see_it():
    a = audience(2000, followers=range(2000))
    sure = Feed(test_fraction=0.1, test_threshold=0.0, demoted_reach=0.2, explore_stages=())
    never = Feed(test_fraction=0.1, test_threshold=99.0, demoted_reach=0.2, explore_stages=())
    _, s1, _ = distribute(a, beh(), sure)
    _, s2, _ = distribute(a, beh(), never)
    assert s1.passed == 1 and s1.follower_impressions == 1800
    assert s2.passed == 0
    # Demoted: 20% of the 1,800 others, binomial sd ~17; 5 sd bounds.
    assert abs(s2.follower_impressions - 360) < 85


def test_followers_the_brand_does_not_follow_back_rank_lower():
    # 1,000 followers, everyone active, no test sample beyond the minimum and a sure pass: the
    # 500 the brand follows back see the post; of the one-way 500, about one_way_reach of them.
    a = audience(1000, followers=range(1000))
    a.followed[:500] = 1
    feed = Feed(
        test_fraction=0.0,
        test_min=1,
        test_threshold=0.0,
        passed_reach=1.0,
        explore_stages=(),
        one_way_reach=0.3,
    )
    _, _, ws = distribute(a, beh(like=0.0), feed, seed=4)
    seen = ws.seen == 0
    assert seen[:500].sum() >= 499  # all followed back (one may be the test sample)
    # one-way: Binomial(~500, 0.3), mean 150, sd 10.2; seed 4, bounds at about 4.9 sd
    assert 100 <= seen[500:].sum() <= 200
    a.followed[:] = 1  # the same feed with every follower followed back: all see it
    _, _, ws = distribute(a, beh(like=0.0), feed, seed=4, post=1)
    assert (ws.seen == 1).sum() == 1000


def test_share_cascade_walks_the_sharers_followers():
    # Chain: 0 follows the brand; 1 follows 0, 2 follows 1, ... 9 follows 8.
    edges = [(i + 1, i) for i in range(9)]
    a = audience(10, edges=edges, followers=[0])
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, stats, _ = distribute(a, beh(dwell=1.0, like=0.0, share=1.0), feed)
    assert stats.cascade_impressions == 9
    assert stats.max_depth == 9
    assert acts[NONE, k.A_SHARE] == 9 and acts[ORGANIC, k.A_SHARE] == 1


def test_stage_counts_add_up_to_impressions_and_nobody_sees_twice():
    rng = np.random.default_rng(0)
    n = 3000
    edges = {(int(u), int(v)) for u, v in rng.integers(0, n, (30000, 2)) if u != v}
    a = audience(n, edges=sorted(edges), followers=range(0, n, 3), activity=0.5, interest=0.8)
    feed = Feed(test_threshold=0.0, explore_stages=(50, 100), explore_threshold=0.0)
    acts, stats, ws = distribute(a, beh(dwell=0.5, like=0.5, share=0.2), feed, seed=4)
    total = acts[:, k.A_IMPRESSIONS].sum()
    parts = (
        stats.test_impressions
        + stats.follower_impressions
        + stats.explore_impressions
        + stats.cascade_impressions
    )
    assert total == parts
    assert np.sum(ws.seen == 0) == total, "each account sees a post at most once"
    assert stats.explore_stage == 2 and stats.explore_impressions == 150
    assert stats.cascade_impressions > 0
    followed = ws.new_follows[: stats.new_follows]
    assert np.all(a.origin[followed] == NONE), "only non-followers can follow"


def test_day_reach_counts_each_real_user_once_per_day():
    a = audience(500, followers=range(500))
    feed = Feed(test_fraction=1.0, explore_stages=())
    ws = k.scratch(500)
    state = xr.new_state(np.random.SeedSequence(0))
    _, s1, _ = distribute(a, beh(), feed, post=0, day=0, ws=ws, state=state)
    _, s2, _ = distribute(a, beh(), feed, post=1, day=0, ws=ws, state=state)
    _, s3, _ = distribute(a, beh(), feed, post=2, day=1, ws=ws, state=state)
    assert s1.day_new_real == 500 and s2.day_new_real == 0
    assert s3.day_new_real == 500


@pytest.mark.parametrize("seed", [0, 1])
def test_same_state_same_result(seed):
    a = audience(800, followers=range(0, 800, 2), activity=0.4, interest=0.6)
    r1 = distribute(a, beh(share=0.1), seed=seed)
    r2 = distribute(a, beh(share=0.1), seed=seed)
    r3 = distribute(a, beh(share=0.1), seed=seed + 10)
    np.testing.assert_array_equal(r1[0], r2[0])
    np.testing.assert_array_equal(r1[1], r2[1])
    assert not np.array_equal(r1[0], r3[0])


def test_pod_reacts_in_the_test_window_and_lifts_the_signal():
    # 100 uninterested real followers; a pod of 20 accounts that always like.
    a = audience(120, followers=range(100), interest=0.0)
    a.kind[100:] = 2  # POD
    a.reflex[100:] = 1.0
    a.reflex_comment[100:] = 0.5
    feed = Feed(test_fraction=0.5, test_min=0, test_threshold=0.1, explore_stages=())
    pod = np.arange(100, 120, dtype=np.int32)
    _, without, _ = distribute(a, beh(), feed, seed=2)
    acts, stats, _ = distribute(a, beh(), feed, seed=2, pod=pod)
    assert without.passed == 0 and stats.passed == 1
    assert stats.pod_impressions == 20
    assert acts[NONE, k.A_LIKE] == 20 and stats.real_likes == 0
    assert 3 <= acts[NONE, k.A_COMMENT] <= 17  # Binomial(20, 0.5), 3.4 sd
    assert acts[:, k.A_PURCHASE].sum() == 0, "pods never buy"
    np.testing.assert_array_equal(a.likes_given[100:], 1)


def test_influencer_exposes_own_followers_by_credibility():
    # Account 0 follows the brand; the influencer (account 1) has 2,000 followers (2..2001).
    edges = [(i, 1) for i in range(2, 2002)]
    a = audience(2002, edges=edges, followers=[0], interest=0.0)
    feed = Feed(test_fraction=1.0, explore_stages=())
    seed_ = np.array([1], dtype=np.int32)
    _, full, _ = distribute(a, beh(), feed, seeders=seed_, credibility=[1.0])
    _, half, _ = distribute(a, beh(), feed, seeders=seed_, credibility=[0.3], seed=5)
    assert full.seeded_impressions == 2000
    assert abs(half.seeded_impressions - 600) < 5 * np.sqrt(2000 * 0.3 * 0.7)


def test_last_seen_and_engaged_ledgers_update():
    a = audience(300, followers=range(300))
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, _, _ = distribute(a, beh(dwell=1.0, like=1.0), feed, day=7)
    assert np.all(a.last_seen == 7)
    assert a.engaged.sum() == acts[ORGANIC, k.A_LIKE] > 0


def test_pod_is_shown_the_post_whatever_its_activity_followers_are_not():
    # Nobody is active: no follower sees the post, every pod member on duty does.
    a = audience(60, followers=range(40), activity=0.0)
    pod = np.arange(40, 60, dtype=np.int32)
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, stats, _ = distribute(a, beh(), feed, pod=pod)
    assert stats.dtype == k.POST_STATS
    assert stats.test_size == 40 and stats.test_impressions == 0
    assert stats.pod_impressions == 20 == acts[NONE, k.A_IMPRESSIONS]
    assert acts[:, k.A_IMPRESSIONS].sum() == 20


@pytest.mark.parametrize(
    ("score", "signal", "passed"), [("per_delivery", 0.8, 0), ("per_view", 2.0, 1)]
)
def test_test_score_divides_by_deliveries_or_by_views(score, signal, passed):
    # 10 followers all in the test: 4 real fans who always see and always stop and like
    # (dwell 1 + like 1 = 2 each, 8 in all) and 6 fakes that never open the app. Per delivery
    # the score is 8 / 10 = 0.8; per view 8 / 4 = 2.0; a threshold of 1 tells them apart.
    a = audience(10, followers=range(4), fakes=range(4, 10))
    feed = Feed(test_fraction=1.0, test_threshold=1.0, explore_stages=(), test_score=score)
    _, stats, _ = distribute(a, beh(dwell=1.0, like=1.0), feed)
    assert stats.test_size == 10 and stats.test_impressions == 4
    assert stats.test_signal == pytest.approx(signal)
    assert stats.passed == passed


def test_test_score_defaults_to_per_delivery_everywhere():
    from sim.scenario import resolve
    from sim.scenario.presets import list_presets, load_preset

    assert Feed().test_score == "per_delivery"
    assert k.feed_params(Feed()).test_per_view is False
    for name in list_presets():
        assert "feed.test_score" in load_preset(name)["sources"]
        assert resolve({"platform": name}).feed.test_score == "per_delivery"


def test_tree_room_covers_seeders_when_everyone_shares():
    """The diffusion tree has a node for the post, each seeder's share and each sharer; the
    kernel writes it unchecked, so the scratch must hold 1 + seeders + accounts nodes. Here all
    300 accounts share and 2 seeders share too: 303 nodes in a tree sized for 301 before."""
    n = 300
    # A chain of follows, and the two seeders (accounts 0 and 1) followed by everyone else.
    edges = [(i + 1, i) for i in range(n - 1)] + [(j, s) for s in (0, 1) for j in range(2, n)]
    a = audience(n, edges, followers=range(n))
    ws = k.with_tree_room(k.scratch(n), n, 2)
    assert ws.tree_parent.shape[0] == n + 3
    feed = Feed(test_fraction=1.0, explore_stages=())
    _, stats, _ = distribute(
        a,
        beh(dwell=1.0, like=0.0, share=1.0),
        feed,
        ws=ws,
        seeders=np.array([0, 1], dtype=np.int32),
    )
    assert stats.cascade_size == 1 + 2 + n
    assert k.with_tree_room(ws, n, 2) is ws  # room enough: the same arrays are kept


def test_pool_pace_draws_nothing_when_off_and_a_log_normal_factor_when_on():
    state = xr.new_state(np.random.SeedSequence(3))
    before = state.copy()
    assert pool_pace(0.0, state) == 1.0
    np.testing.assert_array_equal(state, before)  # a feed without it keeps every draw in place
    logs = np.log([pool_pace(0.8, state) for _ in range(4000)])
    assert not np.array_equal(state, before)
    # Seed 3, 4,000 draws: the log's mean within 0.05 of 0 (about 4 standard errors of 0.013)
    # and its standard deviation within 0.05 of 0.8 (about 5 standard errors of 0.009).
    assert abs(logs.mean()) < 0.05 and abs(logs.std() - 0.8) < 0.05


@pytest.mark.parametrize("spread", [0.0, 0.8])
def test_pool_spread_scales_each_posts_pools_by_one_factor(spread):
    # 20 followers and 4,000 interested non-followers; every post passes and opens both pools
    # (thresholds 0), so without spread each post shows exactly the stated 40 + 80 places.
    n = 4020
    a = audience(n, followers=range(20), interest=1.0)
    feed = Feed(
        test_threshold=0.0,
        explore_stages=(40, 80),
        explore_threshold=0.0,
        explore_max_share=1.0,
        explore_spread=spread,
    )
    ws = k.scratch(n)
    state = xr.new_state(np.random.SeedSequence(8))
    shown = []
    for post in range(1, 301):
        _, stats, _ = distribute(a, beh(dwell=0.0), feed, post=post, ws=ws, state=state)
        assert stats.explore_stage == 2
        shown.append(stats.explore_impressions)
    logs = np.log(np.array(shown) / 120.0)
    if spread == 0.0:
        assert set(shown) == {120}
    else:
        # Both pools scale by the post's one factor, so the total is 120 times it (up to
        # rounding each pool). Seed 8, 300 posts: the log's mean within 0.15 of 0 (about 3
        # standard errors of 0.046), its standard deviation within 0.12 of 0.8 (about 3.5
        # standard errors of 0.033); nearly every post's total differs from the stated one.
        assert abs(logs.mean()) < 0.15 and abs(logs.std() - 0.8) < 0.12
        assert np.mean(np.array(shown) == 120) < 0.05
