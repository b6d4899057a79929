"""The plain independent cascade's two searches and its skip table (sim.engine.diffusion).

Graphs that fit in the cache take the plain queue (``_plain_chunk``), larger ones the batched
search (``_cascade_chunk``). Where every row is drawn whole as one 64-trial mask both make the
same draws in the same order, so they must give the same runs bit for bit; elsewhere they draw
in another order, so they must agree in law: z-tests on the mean size and impressions and a
chi-square test of the size distributions, fixed seeds, alpha = 1e-3 each.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from sim.engine import diffusion
from sim.engine.diffusion_inputs import to_csr
from sim.engine.diffusion_trials import _skip_of, _trial_plan

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
    # 400 nodes, out-degree about 8 and at most a few dozen: every row fits one 64-lane mask.
    g = to_csr(nx.gnp_random_graph(400, 0.02, seed=20240611, directed=True))
    assert np.diff(g.indptr).max() <= 64
    return g


@pytest.fixture(scope="module")
def mixed_rows():
    # 1,000 nodes of out-degree about 6 plus hubs 0 and 1 with 300 and 100 followers: short rows
    # are drawn by geometric skips, middling ones as one mask, long ones as several masks or by
    # skips, depending on p.
    G = nx.gnp_random_graph(1_000, 0.006, seed=20240612, directed=True)
    G.add_edges_from((0, v) for v in range(2, 302))
    G.add_edges_from((1, v) for v in range(400, 500))
    return to_csr(G)


@pytest.mark.parametrize("p", [0.25, 0.4, 1.0])
def test_searches_give_the_same_runs_when_every_row_is_one_mask(short_rows, monkeypatch, p):
    # p >= 0.25: every row of at most 64 trials is drawn as one mask (diffusion_trials._MASK_DP).
    plain = runs_by("plain", monkeypatch, short_rows, p, [0, 1, 2], 2_000, 30)
    batched = runs_by("batched", monkeypatch, short_rows, p, [0, 1, 2], 2_000, 30)
    np.testing.assert_array_equal(plain.sizes, batched.sizes)
    np.testing.assert_array_equal(plain.impressions, batched.impressions)
    assert plain.sizes.std() > 0 or p == 1.0  # the runs do differ from one another


@pytest.mark.parametrize("p", [0.03, 0.08, 0.2])
def test_searches_agree_in_law_on_skipped_and_long_rows(mixed_rows, monkeypatch, p):
    from scipy import stats

    seeds = [0, 1, 2]
    plain = runs_by("plain", monkeypatch, mixed_rows, p, seeds, 20_000, 31)
    batched = runs_by("batched", monkeypatch, mixed_rows, p, seeds, 20_000, 32)
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
