"""The blocked follow draw of large audiences makes graphs like the one-stream draw of small ones.

From ``sim.engine.follow_graph.BLOCKED_MIN_USERS`` users the follows come from 64 streams, one per
block of users, instead of one. Design: the same 100,000-user audience (seed 11: same communities,
popularity and follow counts) drawn both ways, the threshold lowered for the blocked one. Their
follower and followee counts are compared by two-sample Kolmogorov-Smirnov tests at α = 0.001,
the shares of mutual follows and of follows inside a community within 0.005 of each other (each
share's standard error is below 0.0004 at about two million follows), and the edges, the 99th
percentile and the largest follower count within 1%, 2% and 25%.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import ks_2samp

from sim.engine import audience as aud
from sim.engine import follow_graph
from sim.scenario import resolve

USERS, SEED, ALPHA = 100_000, 11, 0.001


def _stats(a):
    n = a.n_accounts
    src = a.indices.astype(np.int64)
    dst = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
    keys = np.sort(src * n + dst)
    back = dst * n + src
    found = np.searchsorted(keys, back)
    mutual = np.mean(keys[np.minimum(found, keys.shape[0] - 1)] == back)
    followers = np.diff(a.indptr)[: a.n_users]
    return {
        "edges": a.n_edges,
        "mutual": mutual,
        "followers": followers,
        "followees": np.bincount(a.indices, minlength=n)[: a.n_users],
        "inside": np.mean(a.community[a.indices] == a.community[dst]),
    }


@pytest.fixture(scope="module")
def graphs():
    sc = resolve(
        {"audience": {"users": USERS, "mean_follows": 20.0, "reciprocity": 0.3, "homophily": 0.7}},
        source="blocked draw test",
    )
    one = aud.generate(sc, np.random.SeedSequence(SEED))
    mp = pytest.MonkeyPatch()
    mp.setattr(follow_graph, "BLOCKED_MIN_USERS", 0)
    try:
        blocked = aud.generate(sc, np.random.SeedSequence(SEED))
    finally:
        mp.undo()
    assert not np.array_equal(one.indices, blocked.indices)  # two draws, not one twice
    return _stats(one), _stats(blocked)


@pytest.mark.parametrize("count", ["followers", "followees"])
def test_degree_distributions_agree(graphs, count):
    one, blocked = graphs
    assert ks_2samp(one[count], blocked[count]).pvalue > ALPHA


def test_heavy_tail_agrees(graphs):
    one, blocked = graphs
    assert abs(blocked["edges"] / one["edges"] - 1) < 0.01
    q1, q2 = (np.percentile(g["followers"], 99) for g in graphs)
    assert abs(q2 / q1 - 1) < 0.02
    assert abs(blocked["followers"].max() / one["followers"].max() - 1) < 0.25


@pytest.mark.parametrize("share", ["mutual", "inside"])
def test_reciprocity_and_homophily_agree(graphs, share):
    one, blocked = graphs
    assert abs(one[share] - blocked[share]) < 0.005
