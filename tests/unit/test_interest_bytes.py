"""The one-byte copy of interest: the same decision as the exact comparison for every draw, and
never behind the interest it copies, during a run too."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit

from sim.base import rng as xr
from sim.base.accounts import NONE
from sim.base.interest_bytes import interest_bytes, interested, sealed, set_interest
from sim.base.rules import N_BEHAVIOUR
from sim.engine import kernel as k
from sim.engine.engines.agents import AgentEngine
from sim.engine.model import FeedModel
from sim.scenario import resolve

ONE_256 = 1.0 / 256.0


def _both(xs, interest):
    """For each draw and account: (decided by the byte, decided exactly), as two bool arrays."""
    return _decide(xs, interest, interest_bytes(interest))


@njit(cache=True)
def _decide(xs, interest, q):
    n, m = xs.shape[0], interest.shape[0]
    by_byte = np.empty((n, m), dtype=np.bool_)
    exact = np.empty((n, m), dtype=np.bool_)
    for i in range(n):
        for u in range(m):
            by_byte[i, u] = interested(xs[i], q[u], interest, u)
            exact[i, u] = xr.unit(xs[i]) < interest[u]
    return by_byte, exact


def _edges() -> np.ndarray:
    """Interests at and around every multiple of 1/256, 0 and 1, and out of range."""
    grid = np.arange(257) * ONE_256
    around = np.concatenate(
        [grid, np.nextafter(grid, -np.inf), np.nextafter(grid, np.inf), grid + ONE_256 / 2]
    )
    return np.concatenate([around, [-0.5, -0.0, 2.0, np.inf, -np.inf, np.nan, 5e-324]])


def _draws() -> np.ndarray:
    """64-bit outputs whose uniform is at, just below and just above every multiple of 1/256
    (the 53 random bits are the output's top bits), with varied low bits."""
    k53 = np.arange(257, dtype=np.uint64) << np.uint64(45)  # b / 256 exactly
    ks = np.concatenate([k53, k53 - np.uint64(1), k53 + np.uint64(1), k53 + np.uint64(1 << 44)])
    ks = ks[ks < np.uint64(1 << 53)]
    return np.concatenate([ks << np.uint64(11), (ks << np.uint64(11)) | np.uint64(0x7FF)])


def test_the_byte_decides_as_the_exact_comparison_on_a_dense_grid():
    interest = _edges()
    by_byte, exact = _both(_draws(), interest)
    assert np.array_equal(by_byte, exact)
    # The grid reaches both sides: accepted and rejected draws for the inner interests.
    assert exact.any() and not exact.all()


def test_the_bytes_are_the_floor_of_interest_times_256_clamped():
    below_half, below_one = np.nextafter(0.5, 0), np.nextafter(1.0, 0)
    interest = np.array([0.0, ONE_256, below_half, 0.5, below_one, 1.0, 3.0, -1.0, np.nan])
    assert interest_bytes(interest).tolist() == [0, 1, 127, 128, 255, 255, 255, 0, 0]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.floats(min_value=-0.1, max_value=1.1, allow_nan=False), min_size=1, max_size=8),
    st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=8),
)
def test_the_byte_decides_as_the_exact_comparison_for_any_draw(interests, outputs):
    by_byte, exact = _both(np.array(outputs, dtype=np.uint64), np.array(interests))
    assert np.array_equal(by_byte, exact)


class _Owner:
    def __init__(self, interest):
        self.interest = interest


def test_a_sealed_interest_cannot_be_written_past_its_bytes():
    owner = _Owner(np.array([0.1, 0.5, 0.9, 0.0]))
    q = sealed(owner)
    assert q is owner.interest_byte and sealed(owner) is q  # made once
    with pytest.raises(ValueError, match="read-only"):
        owner.interest[0] = 1.0
    set_interest(owner, [0, 3], [1.0, 0.25])
    set_interest(owner, owner.interest > 0.4, 0.3)
    set_interest(owner, slice(1, 2), 0.7)
    assert owner.interest.tolist() == [0.3, 0.7, 0.3, 0.25]
    assert np.array_equal(owner.interest_byte, interest_bytes(owner.interest))
    assert not owner.interest.flags.writeable


def test_a_writeable_interest_gets_its_bytes_made_again():
    owner = _Owner(np.array([0.1, 0.5]))
    owner.interest_byte = np.zeros(2, dtype=np.uint8)  # behind, as after a copy
    assert sealed(owner).tolist() == [25, 128]


TINY = {
    "name": "tiny",
    "days": 4,
    "audience": {"users": 400},
    "brand": {"initial_followers": 60, "posts_per_week": 7},
    # Every post passes its test and opens both pools, which take every real non-follower.
    "feed": {
        "test_fraction": 1.0,
        "test_threshold": 0.0,
        "explore_stages": [40, 80],
        "explore_threshold": 0.0,
        "explore_max_share": 1.0,
        "explore_spread": 0.0,
    },
}


def test_a_change_of_interest_during_a_run_is_honoured():
    """Interest set after two simulated days reaches the kernel's accounts, built when the run
    started: nobody interested, no recommended viewer; interests on the bytes' edges, the same
    viewers whether the pools test the bytes or the exact interest, and as the agent engine,
    which compares each draw with the exact interest (seeds 0-3)."""
    m = FeedModel(resolve(TINY), seed=5)
    m.step()
    m.step()
    a = m.audience
    nobody = np.empty(0, dtype=np.int32)

    # A small audience's pools test the exact interest; with the bytes given they test those.
    assert m.acc.interest_byte.shape == (0,)
    by_byte = m.acc._replace(interest_byte=a.interest_byte)

    def post(distribute, seed, acc=by_byte):
        return distribute(
            k.Graph(a.indptr, a.indices),
            acc,
            a.n_users,
            k.Post(10_000 + seed, 2, 1.0, np.ones(N_BEHAVIOUR)),
            k.Targets(a.followers_of_brand(), nobody, nobody, np.empty(0)),
            k.feed_params(m.scenario.feed, 1.0),
            k.scratch(a.n_accounts),
            xr.new_state(np.random.SeedSequence(seed)),
        )

    outsiders = a.origin == NONE
    a.set_interest(outsiders, 0.0)
    stats = post(k.distribute_post, 0)
    assert stats.explore_stage >= 1 and stats.explore_impressions == 0
    # Every real non-follower at a multiple of 1/256 or just beside one.
    edges = np.array([0.25, np.nextafter(0.25, 0), np.nextafter(0.25, 1), 0.5, 1.0, ONE_256])
    a.set_interest(outsiders, edges[np.arange(a.n_accounts)[outsiders] % edges.size])
    a.trust[:] = 0.0  # no reaction, no share: the pools alone decide who sees the post
    for seed in range(4):
        ks = post(k.distribute_post, seed)
        exact = post(k.distribute_post, seed, m.acc)
        ag = post(AgentEngine(m).distribute_post, seed)
        assert ks.explore_impressions == exact.explore_impressions == ag.explore_impressions > 0
        assert ks.explore_stage == exact.explore_stage == ag.explore_stage
