"""Statistical and behavioural tests of sim.engine.diffusion.independent_cascade.

Every statistical check uses a fixed seed and a two-sided z-test at alpha = 1e-3 (|z| < 3.29):
against closed-form expectations where IC is exactly solvable (star, path, diamond), against a
plain-Python NetworkX reference written here, and against CyNetDiff and NDlib when installed.
Tests that take the ``search`` fixture run on both of the kernel's searches.
"""

from __future__ import annotations

import math

import networkx as nx
import numba
import numpy as np
import pytest

from sim.engine import diffusion
from sim.engine.diffusion import independent_cascade, independent_cascade_stats
from sim.engine.diffusion_inputs import to_csr

Z_CRIT = 3.29  # two-sided alpha = 1e-3


def z_one_sample(x: np.ndarray, mean: float, var: float) -> float:
    """z of the sample mean of ``x`` against a known mean and per-run variance."""
    return (x.mean() - mean) / math.sqrt(var / x.size)


def z_two_sample(x: np.ndarray, y: np.ndarray) -> float:
    """Welch-style z of the difference of two sample means (large samples)."""
    se = math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
    return (x.mean() - y.mean()) / se


def reference_ic(G: nx.DiGraph, p: float, seeds, rng: np.random.Generator) -> int:
    """Textbook IC on a NetworkX DiGraph: one trial per (newly active node, successor)."""
    active = set(seeds)
    frontier = list(active)
    while frontier:
        nxt = []
        for u in frontier:
            for v in G.successors(u):
                if v not in active and rng.random() < p:
                    active.add(v)
                    nxt.append(v)
        frontier = nxt
    return len(active)


@pytest.fixture(params=["plain", "batched"])
def search(request, monkeypatch):
    """Run the test on each of the kernel's two searches (``diffusion._plain_chunk`` and
    ``diffusion._cascade_chunk``), whatever the size of its graph."""
    limit = 2**62 if request.param == "plain" else -1
    monkeypatch.setattr(diffusion, "_PLAIN_MAX_BYTES", limit)
    return request.param


@pytest.fixture(scope="module")
def random_graph() -> tuple[nx.DiGraph, list[int]]:
    # 200 nodes, mean out-degree ~4: with p = 0.2 the cascade is near critical, so sizes vary a
    # lot and a wrong kernel would show.
    G = nx.gnp_random_graph(200, 0.02, seed=20240601, directed=True)
    return G, [0, 1, 2]


# --------------------------------------------------------------------------- (a) exact theory


@pytest.mark.parametrize("k,p", [(50, 0.1), (200, 0.03), (10, 0.9), (300, 0.2), (64, 0.5)])
def test_star_from_centre_matches_binomial(k, p, search):
    # Size = 1 + Binomial(k, p): mean 1 + k p, variance k p (1 - p).
    G = nx.DiGraph([(0, i) for i in range(1, k + 1)])
    x = independent_cascade(G, p, [0], runs=40_000, seed=1)
    assert x.min() >= 1 and x.max() <= k + 1
    z = z_one_sample(x, 1 + k * p, k * p * (1 - p))
    assert abs(z) < Z_CRIT, z


# Rows are drawn either by geometric skips or 64 trials at a time as a bit mask, by row length
# and p (sim.engine.diffusion_trials._trial_plan), and on small graphs rows of at most 16 trials
# a byte per trial; these cases cover each, a full 64-lane block, a row of several blocks with a
# partial last one, rows of one and two bytes, and p with few and many binary digits.
@pytest.mark.parametrize(
    "k,p",
    [(64, 0.5), (65, 0.3), (150, 0.2), (20, 0.05), (300, 0.01), (7, 0.7), (40, 0.1234567)]
    + [(8, 0.125), (12, 0.17), (16, 0.3), (10, 0.02)],
)
def test_star_size_distribution_is_binomial(k, p, search):
    # Chi-square of 1 + Binomial(k, p) over bins with expected count >= 5, seed 21, alpha 1e-3:
    # lanes of a mask that were not independent Bernoulli(p) would show in the variance or shape
    # even where the mean is right.
    from scipy import stats

    runs = 20_000
    G = nx.DiGraph([(0, i) for i in range(1, k + 1)])
    x = independent_cascade(G, p, [0], runs=runs, seed=21) - 1
    observed = np.bincount(x, minlength=k + 1).astype(float)
    expected = stats.binom.pmf(np.arange(k + 1), k, p) * runs
    keep = expected >= 5
    obs = np.append(observed[keep], observed[~keep].sum())
    exp = np.append(expected[keep], expected[~keep].sum())
    if exp[-1] < 5:  # fold a small tail bin into the largest bin
        obs[np.argmax(exp[:-1])] += obs[-1]
        exp[np.argmax(exp[:-1])] += exp[-1]
        obs, exp = obs[:-1], exp[:-1]
    exp *= obs.sum() / exp.sum()
    assert stats.chisquare(obs, exp).pvalue > 1e-3


def test_more_seeds_than_one_batch_of_candidates(search):
    # 1,000 seeds start the search at once, more than one batch of candidates (the buffer grows
    # to hold them); with p = 1 the cascade is exactly the seeds and their descendants.
    G = nx.gnp_random_graph(3_000, 0.0004, seed=20240601, directed=True)
    seeds = list(range(0, 3_000, 3))
    reach = set(seeds)
    for s in seeds:
        reach |= nx.descendants(G, s)
    assert (independent_cascade(G, 1.0, seeds, runs=3, seed=22) == len(reach)).all()
    assert (independent_cascade(G, 0.0, seeds, runs=3, seed=22) == len(seeds)).all()


@pytest.mark.parametrize("length,p", [(10, 0.5), (30, 0.9), (5, 0.05)])
def test_directed_path_matches_truncated_geometric(length, p, search):
    # Path 0 -> 1 -> ... -> length from node 0: size j (1 <= j <= length) with probability
    # p^(j-1) (1-p), size length+1 with p^length. Mean = sum_{i=0}^{length} p^i.
    G = nx.DiGraph([(i, i + 1) for i in range(length)])
    j = np.arange(1, length + 2)
    probs = p ** (j - 1) * np.where(j <= length, 1 - p, 1.0)
    mean = float((j * probs).sum())
    assert mean == pytest.approx(sum(p**i for i in range(length + 1)))
    var = float((j**2 * probs).sum() - mean**2)
    x = independent_cascade(G, p, [0], runs=40_000, seed=2)
    z = z_one_sample(x, mean, var)
    assert abs(z) < Z_CRIT, z


def test_diamond_counts_shared_target_once(search):
    # 0 -> {1, 2} -> 3: node 3 is reached unless both routes fail, P = 1 - (1 - p^2)^2.
    # Exercises the "success on an already active node is wasted" path of the kernel.
    p = 0.6
    G = nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3)])
    p3 = 1 - (1 - p * p) ** 2
    sizes = np.array([1, 2, 3, 4])
    # Enumerate the four edge outcomes exactly for the distribution of the size.
    dist = np.zeros(5)
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                for d in (0, 1):
                    w = 1.0
                    for e in (a, b, c, d):
                        w *= p if e else 1 - p
                    reached3 = (a and c) or (b and d)
                    dist[1 + a + b + int(bool(reached3))] += w
    mean = float((np.arange(5) * dist).sum())
    var = float((np.arange(5) ** 2 * dist).sum() - mean**2)
    assert mean == pytest.approx(1 + 2 * p + p3)
    x = independent_cascade(G, p, [0], runs=40_000, seed=3)
    assert set(np.unique(x)) <= set(sizes)
    z = z_one_sample(x, mean, var)
    assert abs(z) < Z_CRIT, z


def test_p_one_reaches_exactly_the_descendants(random_graph, search):
    G, seeds = random_graph
    reach = set(seeds)
    for s in seeds:
        reach |= nx.descendants(G, s)
    x = independent_cascade(G, 1.0, seeds, runs=5, seed=4)
    assert (x == len(reach)).all()


def test_p_zero_and_tiny_p_give_the_seeds_only(random_graph, search):
    G, seeds = random_graph
    assert (independent_cascade(G, 0.0, seeds, runs=100, seed=5) == len(seeds)).all()
    # p below the geometric-skip cut-off takes the 64-trial mask on every row; still the seeds.
    assert (independent_cascade(G, 1e-14, seeds, runs=100, seed=5) == len(seeds)).all()


def test_impressions_are_out_degree_sums(search):
    # Star at p = 1: the centre and its k followers are active; impressions = k (the centre's
    # out-degree) + 0 (leaves have no followers).
    k = 7
    G = nx.DiGraph([(0, i) for i in range(1, k + 1)])
    st = independent_cascade_stats(G, 1.0, [0], runs=3, seed=6)
    assert (st.sizes == k + 1).all() and (st.impressions == k).all()


def test_duplicate_and_empty_seeds(search):
    G = nx.DiGraph([(0, 1)])
    assert (independent_cascade(G, 0.0, [0, 0, 0], runs=3, seed=7) == 1).all()
    assert (independent_cascade(G, 0.5, [], runs=3, seed=7) == 0).all()


# --------------------------------------------------------------------------- (b) reference


def test_agrees_with_networkx_reference(random_graph, search):
    G, seeds = random_graph
    p = 0.2
    rng = np.random.default_rng(20240602)
    ref = np.array([reference_ic(G, p, seeds, rng) for _ in range(3_000)])
    ours = independent_cascade(G, p, seeds, runs=30_000, seed=8)
    z = z_two_sample(ours, ref)
    assert abs(z) < Z_CRIT, (ours.mean(), ref.mean(), z)


def test_tuple_input_equals_digraph_input(random_graph):
    G, seeds = random_graph
    a = independent_cascade(G, 0.2, seeds, runs=500, seed=9)
    b = independent_cascade(to_csr(G), 0.2, seeds, runs=500, seed=9)
    np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------- (c) peers


def test_agrees_with_cynetdiff(random_graph):
    models = pytest.importorskip(
        "cynetdiff.models", reason="CyNetDiff not installed (pip install cynetdiff)"
    )
    G, seeds = random_graph
    p = 0.2
    indptr, indices = to_csr(G)
    # CyNetDiff takes uint32 CSR with starts of length n (no trailing m).
    model = models.IndependentCascadeModel(
        indptr[:-1].astype(np.uint32),
        indices.astype(np.uint32),
        activation_prob=p,
        rng=np.random.default_rng(20240603),
    )
    model.set_seeds(seeds)
    peer = []
    for _ in range(5_000):
        model.reset_model()
        model.advance_until_completion()
        peer.append(model.get_num_activated_nodes())
    ours = independent_cascade(G, p, seeds, runs=30_000, seed=10)
    z = z_two_sample(ours, np.array(peer))
    assert abs(z) < Z_CRIT, (ours.mean(), np.mean(peer), z)


def test_agrees_with_ndlib(random_graph):
    # NDlib 6.0.1 imports `six` without declaring it, so both are needed.
    epidemics = pytest.importorskip(
        "ndlib.models.epidemics", reason="NDlib not importable (pip install ndlib six)"
    )
    import ndlib.models.ModelConfig as mc

    G, seeds = random_graph
    p = 0.2
    peer = []
    for run in range(400):
        # NDlib draws from NumPy's global generator; its seed= argument seeds that.
        model = epidemics.IndependentCascadesModel(G, seed=20240604 + run)
        cfg = mc.Configuration()
        cfg.add_model_initial_configuration("Infected", seeds)
        for e in G.edges():
            cfg.add_edge_configuration("threshold", e, p)
        model.set_initial_status(cfg)
        while True:
            it = model.iteration(node_status=False)
            if it["node_count"][1] == 0 and it["iteration"] > 0:
                break
        peer.append(it["node_count"][2])
    ours = independent_cascade(G, p, seeds, runs=30_000, seed=11)
    z = z_two_sample(ours, np.array(peer))
    assert abs(z) < Z_CRIT, (ours.mean(), np.mean(peer), z)


# --------------------------------------------------------------------------- (d) determinism


def test_same_seed_same_array_different_seed_different_array(random_graph):
    G, seeds = random_graph
    a = independent_cascade(G, 0.2, seeds, runs=2_000, seed=12)
    b = independent_cascade(G, 0.2, seeds, runs=2_000, seed=12)
    c = independent_cascade(G, 0.2, seeds, runs=2_000, seed=13)
    assert a.dtype == np.int64 and a.shape == (2_000,)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_seed_sequence_and_int_seed_agree(random_graph):
    G, seeds = random_graph
    a = independent_cascade(G, 0.2, seeds, runs=300, seed=14)
    b = independent_cascade(G, 0.2, seeds, runs=300, seed=np.random.SeedSequence(14))
    np.testing.assert_array_equal(a, b)


def test_changed_parameter_changes_output(random_graph):
    G, seeds = random_graph
    a = independent_cascade(G, 0.2, seeds, runs=500, seed=15)
    b = independent_cascade(G, 0.21, seeds, runs=500, seed=15)
    assert not np.array_equal(a, b)


def test_bit_identical_whatever_the_thread_count(random_graph, search):
    G, seeds = random_graph
    graph = to_csr(G)
    before = numba.get_num_threads()
    try:
        results = []
        for t in sorted({1, min(2, numba.config.NUMBA_NUM_THREADS)}):
            numba.set_num_threads(t)
            results.append(independent_cascade_stats(graph, 0.2, seeds, runs=1_001, seed=16))
    finally:
        numba.set_num_threads(before)
    for r in results[1:]:
        np.testing.assert_array_equal(r.sizes, results[0].sizes)
        np.testing.assert_array_equal(r.impressions, results[0].impressions)


def test_first_runs_do_not_depend_on_the_number_of_runs(random_graph, search):
    G, seeds = random_graph
    short = independent_cascade(G, 0.2, seeds, runs=10, seed=17)
    long = independent_cascade(G, 0.2, seeds, runs=1_000, seed=17)
    np.testing.assert_array_equal(short, long[:10])


# --------------------------------------------------------------------------- (e) validation


@pytest.fixture
def tiny() -> nx.DiGraph:
    return nx.DiGraph([(0, 1), (1, 2)])


@pytest.mark.parametrize("p", [-0.1, 1.5, float("nan")])
def test_rejects_p_outside_unit_interval(tiny, p):
    with pytest.raises(ValueError, match=r"p must be a probability in \[0, 1\]"):
        independent_cascade(tiny, p, [0], runs=1, seed=0)


def test_rejects_non_numeric_p(tiny):
    with pytest.raises(TypeError, match="p must be a float"):
        independent_cascade(tiny, "0.1", [0], runs=1, seed=0)


@pytest.mark.parametrize("seeds", [[3], [-1], [0, 99]])
def test_rejects_seeds_out_of_range(tiny, seeds):
    with pytest.raises(ValueError, match=r"seeds must be node ids in 0\.\.2"):
        independent_cascade(tiny, 0.5, seeds, runs=1, seed=0)


def test_rejects_non_integer_seeds(tiny):
    with pytest.raises(TypeError, match="seeds must be integer node ids"):
        independent_cascade(tiny, 0.5, [0.5], runs=1, seed=0)


@pytest.mark.parametrize("runs", [0, -3])
def test_rejects_runs_below_one(tiny, runs):
    with pytest.raises(ValueError, match="runs must be >= 1"):
        independent_cascade(tiny, 0.5, [0], runs=runs, seed=0)


def test_rejects_non_int_runs(tiny):
    with pytest.raises(TypeError, match="runs must be an int"):
        independent_cascade(tiny, 0.5, [0], runs=2.0, seed=0)


def test_rejects_nodes_not_zero_to_n_minus_one():
    G = nx.DiGraph([(1, 2), (2, 3)])
    with pytest.raises(ValueError, match=r"exactly 0\.\.2.*convert_node_labels_to_integers"):
        independent_cascade(G, 0.5, [0], runs=1, seed=0)
    H = nx.DiGraph([("a", "b")])
    with pytest.raises(ValueError, match="convert_node_labels_to_integers"):
        independent_cascade(H, 0.5, [0], runs=1, seed=0)


def test_rejects_undirected_graph_and_other_objects():
    with pytest.raises(TypeError, match="to_directed"):
        independent_cascade(nx.path_graph(3), 0.5, [0], runs=1, seed=0)
    with pytest.raises(TypeError, match="networkx.DiGraph"):
        independent_cascade([[0, 1]], 0.5, [0], runs=1, seed=0)


def test_rejects_malformed_csr():
    with pytest.raises(ValueError, match="indices must be node ids"):
        independent_cascade((np.array([0, 1, 1]), np.array([5])), 0.5, [0], runs=1, seed=0)
    with pytest.raises(ValueError, match="indptr must start at 0 and end at len"):
        independent_cascade((np.array([0, 1, 3]), np.array([1])), 0.5, [0], runs=1, seed=0)
    with pytest.raises(ValueError, match="non-decreasing"):
        independent_cascade((np.array([0, 2, 1, 2]), np.array([1, 2])), 0.5, [0], runs=1, seed=0)


def test_rejects_generator_as_seed(tiny):
    with pytest.raises(TypeError, match="seed must be an int or numpy.random.SeedSequence"):
        independent_cascade(tiny, 0.5, [0], runs=1, seed=np.random.default_rng(0))


def test_to_csr_matches_adjacency():
    G = nx.DiGraph()
    G.add_nodes_from([3, 1, 0, 2])  # insertion order differs from id order
    G.add_edges_from([(2, 0), (0, 3), (0, 1), (3, 2)])
    indptr, indices = to_csr(G)
    assert indptr.dtype == np.int64 and indices.dtype == np.int32
    assert indptr.tolist() == [0, 2, 2, 3, 4]
    for u in range(4):
        assert sorted(indices[indptr[u] : indptr[u + 1]].tolist()) == sorted(G.successors(u))
