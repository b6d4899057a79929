"""The plain independent cascade's two searches and its skip table (sim.engine.diffusion).

Graphs that fit in the cache take the plain queue (``_plain_chunk``), larger ones the batched
search (``_cascade_chunk``). Where every row is drawn whole as one mask of 17 to 64 trials both
make the same draws in the same order, so they must give the same runs bit for bit; elsewhere
they draw differently (short rows a byte per trial, skipped and long rows in another order),
so they must agree in law: z-tests on the mean size and impressions and a chi-square test of
the size distributions, fixed seeds, alpha = 1e-3 each. The byte-per-trial draw is also tested
on its own.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from numba import njit, uint64

from sim.engine import diffusion
from sim.engine.diffusion_inputs import to_csr
from sim.engine.diffusion_trials import _bernoulli_short, _skip_of, _trial_plan

Z_CRIT = 3.29  # two-sided alpha = 1e-3


def runs_by(search: str, monkeypatch, graph, p, seeds, runs, seed):
    limit = 2**62 if search == "plain" else -1
    monkeypatch.setattr(diffusion, "_PLAIN_MAX_BYTES", limit)
    return diffusion.independent_cascade_stats(graph, p, seeds, runs, seed)


def z_two_sample(x: np.ndarray, y: np.ndarray) -> float:
    se = math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
    return (x.mean() - y.mean()) / se


@pytest.fixture(scope="module")
def short_rows():
    # 400 nodes, out-degree about 8 and at most 16: rows the plain search draws a byte per trial.
    g = to_csr(nx.gnp_random_graph(400, 0.02, seed=20240611, directed=True))
    assert np.diff(g.indptr).max() <= 16
    return g


@pytest.fixture(scope="module")
def middling_rows():
    # 300 nodes of 17 to 64 followers each (seed 20240613): with p >= 0.25 / 17 every row is
    # drawn as one 64-lane mask by both searches (diffusion_trials._MASK_DP).
    rng = np.random.default_rng(20240613)
    deg = rng.integers(17, 65, 300)
    rows = [np.sort(rng.choice(300, d, replace=False)) for d in deg]
    indptr = np.concatenate([[0], np.cumsum(deg)]).astype(np.int64)
    return indptr, np.concatenate(rows).astype(np.int32)


@pytest.fixture(scope="module")
def mixed_rows():
    # 1,000 nodes of out-degree about 6 plus hubs 0 and 1 with 300 and 100 followers: short rows
    # are drawn by geometric skips or a byte per trial, middling ones as one mask, long ones as
    # several masks or by skips, depending on p.
    G = nx.gnp_random_graph(1_000, 0.006, seed=20240612, directed=True)
    G.add_edges_from((0, v) for v in range(2, 302))
    G.add_edges_from((1, v) for v in range(400, 500))
    return to_csr(G)


@pytest.mark.parametrize("p", [0.02, 0.03, 1.0])
def test_searches_give_the_same_runs_when_every_row_is_one_mask(middling_rows, monkeypatch, p):
    # Both searches draw such rows whole, row after row in the order their nodes became active.
    plain = runs_by("plain", monkeypatch, middling_rows, p, [0, 1], 2_000, 30)
    batched = runs_by("batched", monkeypatch, middling_rows, p, [0, 1], 2_000, 30)
    np.testing.assert_array_equal(plain.sizes, batched.sizes)
    np.testing.assert_array_equal(plain.impressions, batched.impressions)
    assert plain.sizes.std() > 0 or p == 1.0  # the runs do differ from one another


@pytest.mark.parametrize(
    "graph,p",
    [("short_rows", 0.25), ("short_rows", 0.4), ("mixed_rows", 0.03), ("mixed_rows", 0.08)]
    + [("mixed_rows", 0.2)],
)
def test_searches_agree_in_law(request, monkeypatch, graph, p):
    from scipy import stats

    g = request.getfixturevalue(graph)
    seeds = [0, 1, 2]
    plain = runs_by("plain", monkeypatch, g, p, seeds, 20_000, 31)
    batched = runs_by("batched", monkeypatch, g, p, seeds, 20_000, 32)
    for a, b in ((plain.sizes, batched.sizes), (plain.impressions, batched.impressions)):
        z = z_two_sample(a, b)
        assert abs(z) < Z_CRIT, (a.mean(), b.mean(), z)
    # Sizes in bins of equal counts over both samples (about 20 of them): chi-square of a
    # 2 x bins table of counts.
    both = np.concatenate([plain.sizes, batched.sizes])
    edges = np.unique(np.quantile(both, np.linspace(0, 1, 21)[1:-1]))
    bins = [np.searchsorted(edges, x, side="right") for x in (plain.sizes, batched.sizes)]
    table = np.array([np.bincount(b, minlength=edges.size + 1) for b in bins])
    table = table[:, table.sum(axis=0) > 0]
    assert table.shape[1] >= 3, "the cascade sizes should vary"
    assert stats.chi2_contingency(table).pvalue > 1e-3


@njit
def _short_masks(pbits, d, n, seed):
    s0, s1, s2, s3 = uint64(seed), uint64(0x9E3779B97F4A7C15), uint64(7), uint64(11)
    out = np.empty(n, dtype=np.uint64)
    for i in range(n):
        out[i], s0, s1, s2, s3 = _bernoulli_short(s0, s1, s2, s3, pbits, d)
    return out


@pytest.mark.parametrize("p", [0.003, 0.125, 0.3, 0.7, 0.999])
@pytest.mark.parametrize("d", [1, 5, 8, 9, 16])
def test_short_rows_are_independent_bernoulli_trials(p, d):
    # 100,000 rows of d trials, a byte per trial (seed 34): every trial succeeds with chance p
    # (z per lane, Bonferroni over the d lanes at alpha 1e-3), none beyond the row, and the
    # number of successes in a row is Binomial(d, p) (chi-square, alpha 1e-3), which lanes
    # that were not independent would break. p = 0.003 has a zero first byte, so every trial
    # goes on to the digits after the byte; 0.125 has nothing after its first byte.
    from scipy import stats

    n = 100_000
    m = _short_masks(_trial_plan(p).pbits, d, n, 34)
    assert (m >> np.uint64(d) == 0).all()
    lanes = (m[:, None] >> np.arange(d, dtype=np.uint64)) & np.uint64(1)
    z = (lanes.mean(axis=0) - p) / math.sqrt(p * (1 - p) / n)
    assert np.abs(z).max() < stats.norm.isf(1e-3 / (2 * d)), z
    counts = np.bincount(lanes.sum(axis=1).astype(np.int64), minlength=d + 1)
    expected = stats.binom.pmf(np.arange(d + 1), d, p) * n
    keep = expected >= 5
    obs = np.append(counts[keep], counts[~keep].sum())
    exp = np.append(expected[keep], expected[~keep].sum())
    if exp[-1] < 5:
        obs, exp = obs[:-1], exp[:-1]
    if obs.size >= 2:
        exp *= obs.sum() / exp.sum()
        assert stats.chisquare(obs, exp).pvalue > 1e-3


@pytest.mark.parametrize("p", [0.001, 0.02, 0.05, 0.2, 0.24])
def test_skip_table_gives_the_logarithms_answer(p):
    # Row of d trials left: "no success in it" is skip >= d; the table must answer it for every
    # 53-bit draw exactly as the logarithm does. Checked next to each cut-off, where a rounding
    # slip would show, and at 2,000 random draws (seed 33).
    plan = _trial_plan(p)
    table = plan.skip_at.astype(np.int64)
    assert table.size == 65 and (np.diff(table[1:]) >= 0).all()
    top = 2**53
    draws = np.random.default_rng(33).integers(0, top, 2_000)
    for d in range(1, table.size):
        cut = int(table[d])
        near = [x for x in range(cut - 40, cut + 40) if 0 <= x < top]
        for x in near + [int(x) for x in draws[d::64]]:
            assert (_skip_of(x, plan.log1mp) >= d) == (x >= cut), (p, d, x, cut)


def test_plans_without_skips_carry_no_table():
    # p = 1 and p below the skip's safe range draw every row as masks; p >= 0.25 with every row
    # long enough for a mask from one trial up has no skipped rows at all.
    assert _trial_plan(1.0).skip_at.size == 0
    assert _trial_plan(1e-14).skip_at.size == 0
    assert _trial_plan(0.3).skip_at.size == 0


def test_small_graphs_take_the_plain_search_and_large_ones_the_batched():
    assert diffusion._plain_fits(5_000, 50_000)
    assert not diffusion._plain_fits(1_000_000, 10_000_000)
