"""Audience generation: CSR invariants, graph shape, origins, NetworkX interchange."""

import networkx as nx
import numpy as np
import pytest

from sim.engine import audience as aud
from sim.scenario import resolve


def make(users=5000, seed=3, **over):
    raw = {"name": "t", "audience": {"users": users, **over.pop("audience", {})}, **over}
    sc = resolve(raw)
    return sc, aud.generate(sc, np.random.SeedSequence(seed))


def test_csr_is_well_formed_sorted_unique_and_loop_free():
    _, a = make()
    n = a.n_accounts
    assert a.indptr.shape == (n + 1,) and a.indptr[0] == 0 and a.indptr[-1] == a.n_edges
    assert np.all(np.diff(a.indptr) >= 0)
    assert a.indices.dtype == np.int32 and a.indptr.dtype == np.int64
    assert a.indices.min() >= 0 and a.indices.max() < n
    for v in range(0, n, 97):
        row = a.indices[a.indptr[v] : a.indptr[v + 1]]
        assert np.all(np.diff(row) > 0), "rows must be sorted without duplicates"
        assert v not in row, "nobody follows themselves"


def test_mean_follows_reciprocity_and_heavy_tail():
    sc, a = make(users=20000, audience={"mean_follows": 12.0, "reciprocity": 0.3})
    mean_out = a.n_edges / a.n_users
    # Duplicates removed per row cost a little; within 10% of the requested mean.
    assert 0.9 * 12.0 <= mean_out <= 12.0 * 1.02
    src = a.indices.astype(np.int64)
    dst = np.repeat(np.arange(a.n_accounts), np.diff(a.indptr))
    keys = set((src * a.n_accounts + dst).tolist())
    pairs = zip(src.tolist(), dst.tolist(), strict=True)
    mutual = sum(1 for s, d in pairs if d * a.n_accounts + s in keys)
    # Share of edges that are reciprocated: 2r/(1+r) for reciprocity r (each returned follow makes
    # two mutual edges); loose tolerance for duplicates and chance mutuals.
    expected = 2 * 0.3 / 1.3
    assert abs(mutual / a.n_edges - expected) < 0.05
    followers = np.diff(a.indptr)[: a.n_users]
    assert followers.max() > 20 * followers.mean(), "follower counts should be heavy-tailed"


def test_homophily_keeps_follows_inside_communities():
    _, a = make(users=10000, audience={"homophily": 0.9})
    dst = np.repeat(np.arange(a.n_accounts), np.diff(a.indptr))
    same = np.mean(a.community[a.indices] == a.community[dst])
    # Reciprocal follows copy the direction, so the share stays near homophily.
    assert same > 0.8
    _, b = make(users=10000, audience={"homophily": 0.0})
    dstb = np.repeat(np.arange(b.n_accounts), np.diff(b.indptr))
    assert np.mean(b.community[b.indices] == b.community[dstb]) < 0.3


def test_initial_followers_are_organic_and_interested():
    sc, a = make(users=10000, brand={"initial_followers": 800})
    counts = a.follower_counts()
    assert counts[aud.ORGANIC] == 800 and counts[aud.BOUGHT_ORIGIN] == 0
    f = a.followers_of_brand()
    assert a.interest[f].mean() > a.interest[: a.n_users].mean()


def test_fakes_are_preallocated_inert_and_do_not_shift_real_users():
    sc0, a0 = make(users=4000)
    sc1, a1 = make(users=4000, strategies={"buy": {"days": [5, 10], "count": 300}})
    assert a1.n_accounts == 4000 + 600
    assert np.all(a1.kind[4000:] == aud.BOUGHT)
    assert np.all(a1.activity[4000:] == 0) and np.all(a1.interest[4000:] == 0)
    assert np.all(a1.origin[4000:] == aud.NONE), "fakes follow only once delivered"
    # Common random numbers: the real population and its graph are identical.
    np.testing.assert_array_equal(a0.interest, a1.interest[:4000])
    np.testing.assert_array_equal(a0.indices, a1.indices)
    np.testing.assert_array_equal(a0.origin, a1.origin[:4000])


def test_same_seed_same_audience_other_seed_other_audience():
    _, a = make(seed=5)
    _, b = make(seed=5)
    _, c = make(seed=6)
    np.testing.assert_array_equal(a.indices, b.indices)
    assert not np.array_equal(a.interest, c.interest)


def test_networkx_round_trip_keeps_kinds_origins_and_edges():
    sc, a = make(
        users=300, brand={"initial_followers": 100}, strategies={"buy": {"days": [0], "count": 20}}
    )
    a.origin[300:310] = aud.BOUGHT_ORIGIN
    a.origin[5] = aud.FOLLOW_BACK
    G = aud.to_networkx(a)
    brand = a.n_accounts
    assert G.nodes[brand]["kind"] == "brand"
    assert G.nodes[0]["kind"] == "real" and G.nodes[300]["kind"] == "bought"
    assert G.edges[5, brand]["origin"] == "follow_back"
    assert G.edges[300, brand]["origin"] == "bought"
    assert G.number_of_edges() == a.n_edges + int((a.origin > 0).sum())
    # Ten of the twenty fakes already follow: a purchase of ten more takes the other ten.
    b = aud.from_networkx(G, sc.with_overrides({"strategies.buy.count": 10}))
    assert b.blocks["buy"].tolist() == list(range(310, 320))
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.origin, b.origin)
    np.testing.assert_array_equal(a.kind, b.kind)
    np.testing.assert_allclose(a.interest, b.interest)


def test_from_networkx_names_missing_attributes():
    sc = resolve({"audience": {"users": 100}, "brand": {"initial_followers": 10}})
    G = nx.DiGraph()
    G.add_node(0, kind="real")
    G.add_node(1)
    with pytest.raises(ValueError, match="node 1 .*no 'kind'"):
        aud.from_networkx(G, sc)
    G.nodes[1]["kind"] = "brand"
    G.add_edge(0, 1)
    with pytest.raises(ValueError, match="origin"):
        aud.from_networkx(G, sc)
    G.edges[0, 1]["origin"] = "organic"
    a = aud.from_networkx(G, sc)
    assert a.n_accounts == 1 and a.origin[0] == aud.ORGANIC
    H = nx.DiGraph()
    H.add_node(0, kind="real")
    with pytest.raises(ValueError, match="exactly one node with kind 'brand'"):
        aud.from_networkx(H, sc)


@pytest.mark.parametrize("communities", [3, 12, 400], ids=["few", "runs", "short-runs"])
def test_interest_drawn_run_by_run_is_the_draw_with_a_mean_per_user(communities):
    # Users sorted by community; the niche communities' mean differs from the others'. Drawn
    # per run of alike communities (few, long runs) or in one call (many short ones), the
    # interest is the one draw with each user's own parameters, number for number.
    sc = resolve({"name": "t", "audience": {"users": 50_000, "communities": communities}})
    inputs = aud.PopulationInputs.of(sc)
    rng = np.random.default_rng(communities)
    sizes = rng.multinomial(inputs.users, np.full(communities, 1 / communities))
    sizes[1] = 0  # a community without users
    sizes[0] += inputs.users - sizes.sum()
    community = np.repeat(np.arange(communities, dtype=np.int32), sizes)
    niche = rng.random(communities) < 0.4
    got = aud._interest(np.random.default_rng(5), inputs, niche, sizes, community)
    mean = np.where(niche[community], inputs.niche_interest, inputs.other_interest)
    k = aud.INTEREST_CONCENTRATION
    want = np.random.default_rng(5).beta(mean * k, (1.0 - mean) * k)
    assert got.tobytes() == want.tobytes()


def test_the_audience_starts_packed_in_its_records_with_the_starting_values():
    from sim.base import kernel_types

    sc, a = make(
        users=3000,
        strategies={"buy": {"count": 200, "days": [5]}, "pod": {"members": 10}},
    )
    block = a.rows
    assert kernel_types.is_packed(a) and kernel_types.pack_rows(a) is block  # nothing copied
    assert np.shares_memory(a.interest, block) and np.shares_memory(a.kind, block)
    assert (a.trust == 1).all() and (a.voice == 1).all() and (a.novelty == 1).all()
    np.testing.assert_array_equal(a.last_seen, a.follow_day)
    assert (a.engaged == 0).all() and (a.followed == 0).all()
    assert (a.kind[: a.n_users] == aud.REAL).all() and (a.kind[a.n_users :] != aud.REAL).all()
    assert (a.interest[: a.n_users] > 0).all() and (a.activity[: a.n_users] > 0).all()
    assert (a.reflex[a.blocks["pod"]] > 0).all()
