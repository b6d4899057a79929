"""The feed kernel's stages on small hand-built audiences, where outcomes are exact."""

import numpy as np
import pytest

from sim import kernel as k
from sim import rng as xr
from sim.audience import BOUGHT, BOUGHT_ORIGIN, NONE, ORGANIC, REAL, Audience, _csr_followers
from sim.rules import B_DWELL, B_LIKE, B_SHARE, N_BEHAVIOUR
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
    return Audience(n_users=n - len(fakes), indptr=indptr, indices=indices, kind=kind,
                    origin=origin, community=np.zeros(n, np.int32), interest=inter, activity=act,
                    trust=np.ones(n), reflex=np.zeros(n), follow_day=np.zeros(n, np.int32))


def beh(dwell=0.3, like=0.3, share=0.0, **other):
    b = np.zeros(N_BEHAVIOUR)
    b[B_DWELL], b[B_LIKE], b[B_SHARE] = dwell, like, share
    return b


NOBODY = np.empty(0, dtype=np.int32)


def distribute(a, b, feed=None, seed=0, post=0, day=0, ws=None, quality=1.0, state=None,
               pod=NOBODY, seeders=NOBODY, credibility=None):
    feed = feed or Feed()
    ws = ws or k.Workspace(a.n_accounts)
    state = state if state is not None else xr.new_state(np.random.SeedSequence(seed))
    followers = a.followers_of_brand()
    cred = np.ones(seeders.shape[0]) if credibility is None else np.asarray(credibility, float)
    acts, stats, sig = k.distribute_post(
        a.indptr, a.indices, k.accounts(a), a.n_users, followers, pod, seeders, cred, quality,
        b, k.feed_vector(feed), np.asarray(feed.explore_stages, dtype=np.int64), ws.scratch(),
        post, day, state)
    return acts, stats, sig, ws


def test_full_test_sample_reaches_every_active_follower_once():
    a = audience(200, followers=range(200))
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, stats, sig, ws = distribute(a, beh(), feed)
    assert stats[k.S_TEST_SIZE] == 200
    assert acts[ORGANIC, k.A_IMPRESSIONS] == 200 == stats[k.S_REAL_REACH]
    assert np.sum(ws.seen == 0) == 200


def test_inert_fakes_fill_the_test_but_are_never_impressed():
    a = audience(1000, followers=range(100), fakes=range(100, 1000))
    feed = Feed(test_fraction=0.5, test_min=0, explore_stages=())
    acts, stats, sig, _ = distribute(a, beh(), feed, seed=1)
    assert stats[k.S_TEST_SIZE] == 500
    assert acts[BOUGHT_ORIGIN].sum() == 0
    # About 10% of the sample is real: the impressions in the test show it.
    assert 25 <= stats[k.S_TEST_IMPRESSIONS] <= 80


def test_threshold_decides_whether_the_rest_of_followers_see_it():
    a = audience(2000, followers=range(2000))
    sure = Feed(test_fraction=0.1, test_threshold=0.0, demoted_reach=0.2, explore_stages=())
    never = Feed(test_fraction=0.1, test_threshold=99.0, demoted_reach=0.2, explore_stages=())
    _, s1, _, _ = distribute(a, beh(), sure)
    _, s2, _, _ = distribute(a, beh(), never)
    assert s1[k.S_PASSED] == 1 and s1[k.S_FOLLOWER_IMPRESSIONS] == 1800
    assert s2[k.S_PASSED] == 0
    # Demoted: 20% of the 1,800 others, binomial sd ~17; 5 sd bounds.
    assert abs(s2[k.S_FOLLOWER_IMPRESSIONS] - 360) < 85


def test_share_cascade_walks_the_sharers_followers():
    # Chain: 0 follows the brand; 1 follows 0, 2 follows 1, ... 9 follows 8.
    edges = [(i + 1, i) for i in range(9)]
    a = audience(10, edges=edges, followers=[0])
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, stats, _, _ = distribute(a, beh(dwell=1.0, like=0.0, share=1.0), feed)
    assert stats[k.S_CASCADE_IMPRESSIONS] == 9
    assert stats[k.S_MAX_DEPTH] == 9
    assert acts[NONE, k.A_SHARE] == 9 and acts[ORGANIC, k.A_SHARE] == 1


def test_stage_counts_add_up_to_impressions_and_nobody_sees_twice():
    rng = np.random.default_rng(0)
    n = 3000
    edges = {(int(u), int(v)) for u, v in rng.integers(0, n, (30000, 2)) if u != v}
    a = audience(n, edges=sorted(edges), followers=range(0, n, 3), activity=0.5, interest=0.8)
    feed = Feed(test_threshold=0.0, explore_stages=(50, 100), explore_threshold=0.0)
    acts, stats, _, ws = distribute(a, beh(dwell=0.5, like=0.5, share=0.2), feed, seed=4)
    total = acts[:, k.A_IMPRESSIONS].sum()
    parts = (stats[k.S_TEST_IMPRESSIONS] + stats[k.S_FOLLOWER_IMPRESSIONS]
             + stats[k.S_EXPLORE_IMPRESSIONS] + stats[k.S_CASCADE_IMPRESSIONS])
    assert total == parts
    assert np.sum(ws.seen == 0) == total, "each account sees a post at most once"
    assert stats[k.S_EXPLORE_STAGE] == 2 and stats[k.S_EXPLORE_IMPRESSIONS] == 150
    assert stats[k.S_CASCADE_IMPRESSIONS] > 0
    followed = ws.new_follows[: stats[k.S_NEW_FOLLOWS]]
    assert np.all(a.origin[followed] == NONE), "only non-followers can follow"


def test_day_reach_counts_each_real_user_once_per_day():
    a = audience(500, followers=range(500))
    feed = Feed(test_fraction=1.0, explore_stages=())
    ws = k.Workspace(500)
    state = xr.new_state(np.random.SeedSequence(0))
    _, s1, _, _ = distribute(a, beh(), feed, post=0, day=0, ws=ws, state=state)
    _, s2, _, _ = distribute(a, beh(), feed, post=1, day=0, ws=ws, state=state)
    _, s3, _, _ = distribute(a, beh(), feed, post=2, day=1, ws=ws, state=state)
    assert s1[k.S_DAY_NEW_REAL] == 500 and s2[k.S_DAY_NEW_REAL] == 0
    assert s3[k.S_DAY_NEW_REAL] == 500


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
    _, without, _, _ = distribute(a, beh(), feed, seed=2)
    acts, stats, sig, _ = distribute(a, beh(), feed, seed=2, pod=pod)
    assert without[k.S_PASSED] == 0 and stats[k.S_PASSED] == 1
    assert stats[k.S_POD_IMPRESSIONS] == 20
    assert acts[NONE, k.A_LIKE] == 20 and stats[k.S_REAL_LIKES] == 0
    assert 3 <= acts[NONE, k.A_COMMENT] <= 17  # Binomial(20, 0.5), 3.4 sd
    assert acts[:, k.A_PURCHASE].sum() == 0, "pods never buy"
    np.testing.assert_array_equal(a.likes_given[100:], 1)


def test_influencer_exposes_own_followers_by_credibility():
    # Account 0 follows the brand; the influencer (account 1) has 2,000 followers (2..2001).
    edges = [(i, 1) for i in range(2, 2002)]
    a = audience(2002, edges=edges, followers=[0], interest=0.0)
    feed = Feed(test_fraction=1.0, explore_stages=())
    seed_ = np.array([1], dtype=np.int32)
    _, full, _, _ = distribute(a, beh(), feed, seeders=seed_, credibility=[1.0])
    _, half, _, _ = distribute(a, beh(), feed, seeders=seed_, credibility=[0.3], seed=5)
    assert full[k.S_SEEDED_IMPRESSIONS] == 2000
    assert abs(half[k.S_SEEDED_IMPRESSIONS] - 600) < 5 * np.sqrt(2000 * 0.3 * 0.7)


def test_last_seen_and_engaged_ledgers_update():
    a = audience(300, followers=range(300))
    feed = Feed(test_fraction=1.0, explore_stages=())
    acts, _, _, _ = distribute(a, beh(dwell=1.0, like=1.0), feed, day=7)
    assert np.all(a.last_seen == 7)
    assert a.engaged.sum() == acts[ORGANIC, k.A_LIKE] > 0
