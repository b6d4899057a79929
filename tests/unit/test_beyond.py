"""What shares do beyond the simulated population (``audience.share_audience``): the two draws
it rests on, and that it changes nothing inside the population.

Statistical checks state their seed and tolerance: three standard errors of a mean for the
counts, 5% for a variance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numba import njit

from sim.base import rng as xr
from sim.base.reactions import B_FORWARD
from sim.base.rules import SHARE, Viewer, decide, share_chance
from sim.engine.runner import run
from sim.scenario import resolve

OUTSIDE = ["outside_views", "outside_shares"]


@njit(cache=True)
def _binomials(state, n, p, k):
    out = np.empty(k, dtype=np.int64)
    for i in range(k):
        out[i] = xr.binomial(state, n, p)
    return out


@pytest.mark.parametrize(
    ("n", "p"),
    [(50, 0.1), (400, 0.04), (1000, 0.3), (10, 0.9), (2_000_000, 0.001)],
    ids=["exact", "exact-near-20", "normal", "mirrored", "large"],
)
def test_binomial_has_the_binomial_mean_and_variance(n, p):
    state = xr.new_state(xr.stream(11, "binomial"))  # seed 11
    draws = _binomials(state, n, p, 40_000)
    mean, var = n * p, n * p * (1 - p)
    assert draws.min() >= 0 and draws.max() <= n
    assert abs(draws.mean() - mean) < 3 * np.sqrt(var / draws.size), draws.mean()
    assert draws.var() == pytest.approx(var, rel=0.05)


def test_binomial_edges():
    state = xr.new_state(xr.stream(11, "edges"))
    assert xr.binomial(state, 0, 0.5) == 0
    assert xr.binomial(state, 30, 0.0) == 0
    assert xr.binomial(state, 30, 1.0) == 30


@njit(cache=True)
def _share_frequency(viewer, quality, beh, state, k):
    hits = 0
    for _ in range(k):
        if decide(viewer, quality, 1.0, beh, state) & SHARE:
            hits += 1
    return hits / k


@pytest.mark.parametrize("forward", [0.0, 0.3])
def test_share_chance_is_the_rules_chance_of_a_share(forward):
    beh = np.array([0.5, 0.1, 0.05, 0.08, 0.01, 0.02, 0.1, 0.0])
    beh[B_FORWARD] = forward
    viewer = Viewer(0.8, 0.9, 0.0, 0.0, True, False, 1.7, 1.0)
    state = xr.new_state(xr.stream(12, "share"))  # seed 12
    k = 400_000
    p = share_chance(viewer, 0.7, beh)
    got = _share_frequency(viewer, 0.7, beh, state, k)
    assert p > 0
    assert abs(got - p) < 3 * np.sqrt(p * (1 - p) / k), (got, p)


def _runs(share_audience: int, engine: str = "kernel", users: int = 20_000, days: int = 120):
    sc = resolve(
        {
            "name": "beyond",
            "platform": "linkedin",
            "days": days,
            "audience": {"users": users, "share_audience": share_audience},
            "brand": {"initial_followers": 1000},
        }
    )
    return [run(sc, seed=s, engine=engine) for s in (3, 4)]


@pytest.fixture(scope="module")
def by_audience():
    return {a: _runs(a) for a in (0, 1000, 2000)}


def test_nothing_inside_the_population_changes(by_audience):
    for without, with_ in zip(by_audience[0], by_audience[1000], strict=True):
        pd.testing.assert_frame_equal(without.days, with_.days)
        pd.testing.assert_frame_equal(
            without.posts.drop(columns=OUTSIDE), with_.posts.drop(columns=OUTSIDE)
        )
        assert (without.posts[OUTSIDE] == 0).all().all()


def test_shares_reach_beyond_the_population_in_proportion_to_their_audience(by_audience):
    posts = {a: pd.concat([r.posts for r in runs]) for a, runs in by_audience.items()}
    p = posts[1000]
    assert p.shares.sum() > 50  # enough shares to measure (seeds 3-4)
    # No share is delivered to more than share_audience accounts, and outsiders' shares are
    # drawn among their views.
    assert (p.outside_views <= p.shares * 1000).all()
    assert (p.outside_shares <= p.outside_views).all()
    assert p.outside_views.sum() > 0 and p.outside_shares.sum() > 0
    # Twice the audience: about twice the outsiders (a sharer has ~17 followers inside, so
    # 1,983 against 983 stand outside); the same shares inside, so the ratio is close to it.
    ratio = posts[2000].outside_views.sum() / p.outside_views.sum()
    assert ratio == pytest.approx(2.0, rel=0.05), ratio


def test_the_agent_engine_estimates_the_same_way():
    (a, b) = _runs(1000, engine="agents", users=2_000, days=60)
    for r in (a, b):
        p = r.posts
        assert (p.outside_views <= p.shares * 1000).all()
        assert (p.outside_views[p.shares > 0] > 0).any()
