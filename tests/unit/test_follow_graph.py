"""The follow graph builder (sim.follow_graph): the CSR it writes, on one thread or several."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from sim import follow_graph
from sim.graph import csr_from_edges


def _follows(n, seed, extra_accounts=3):
    """Random follows as the draw loop leaves them (a returned follow stored as ~j), with
    repeats, and followers of a few accounts after the users; and the same as plain edges."""
    rng = np.random.default_rng(seed)
    made = rng.integers(0, 6, n).astype(np.int32)
    picks = rng.integers(0, n, int(made.sum()))
    users = np.repeat(np.arange(n), made)
    keep = picks != users  # the draw loop never keeps a self-follow
    picks[~keep] = (users[~keep] + 1) % n
    back = rng.random(picks.shape[0]) < 0.3
    follows = np.where(back, ~picks, picks).astype(np.int32)
    n_in = np.bincount(picks, minlength=n).astype(np.int64)
    n_back = np.bincount(users[back], minlength=n).astype(np.int64)
    extra_counts = rng.integers(0, 5, extra_accounts).astype(np.int64)
    extra_followers = rng.integers(0, n, int(extra_counts.sum())).astype(np.int32)
    # Plain edges (row: the followed account, entry: its follower).
    rows = np.concatenate([picks, users[back], np.repeat(np.arange(n, n + extra_accounts),
                                                         extra_counts)])
    cols = np.concatenate([users, picks[back], extra_followers])
    return (follows, made, n_in, n_back, extra_followers, extra_counts), (rows, cols,
                                                                          n + extra_accounts)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("min_edges", [0, 10**12], ids=["threads", "one-thread"])
def test_rows_are_each_accounts_followers_sorted_without_repeats(seed, min_edges, monkeypatch):
    monkeypatch.setattr(follow_graph, "PARALLEL_MIN_EDGES", min_edges)
    args, (rows, cols, n) = _follows(500, seed)
    indptr, indices = follow_graph._build_csr(*args)
    want_ptr, want_idx = csr_from_edges(rows, cols, n, True)
    np.testing.assert_array_equal(indptr, want_ptr)
    np.testing.assert_array_equal(indices, want_idx)
    assert indptr.dtype == np.int64 and indices.dtype == np.int32


def test_the_graph_is_the_same_whatever_the_number_of_threads(monkeypatch):
    monkeypatch.setattr(follow_graph, "PARALLEL_MIN_EDGES", 0)
    args, _ = _follows(3000, 7)
    before = numba.get_num_threads()
    out = []
    try:
        for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
            numba.set_num_threads(threads)
            out.append(follow_graph._build_csr(*args))
    finally:
        numba.set_num_threads(before)
    for indptr, indices in out[1:]:
        np.testing.assert_array_equal(indptr, out[0][0])
        np.testing.assert_array_equal(indices, out[0][1])


def test_a_population_without_follows_has_empty_rows():
    n = 10
    z = np.zeros(n, dtype=np.int64)
    indptr, indices = follow_graph._build_csr(np.empty(0, np.int32), np.zeros(n, np.int32), z, z,
                                              np.empty(0, np.int32), np.zeros(2, np.int64))
    assert indptr.tolist() == [0] * (n + 3) and indices.shape == (0,)
