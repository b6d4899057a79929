"""The follow graph builder (sim.engine.follow_graph): the CSR it writes, on one thread or
several."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from sim.base.graph import csr_from_edges
from sim.engine import follow_csr, follow_graph


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
    rows = np.concatenate(
        [picks, users[back], np.repeat(np.arange(n, n + extra_accounts), extra_counts)]
    )
    cols = np.concatenate([users, picks[back], extra_followers])
    return (follows, made, n_in, n_back, extra_followers, extra_counts), (
        rows,
        cols,
        n + extra_accounts,
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("min_edges", [0, 10**12], ids=["threads", "one-thread"])
@pytest.mark.parametrize("users", [500, 9000])  # one bucket of rows; three, the last partial
def test_rows_are_each_accounts_followers_sorted_without_repeats(
    seed, min_edges, users, monkeypatch
):
    monkeypatch.setattr(follow_csr, "PARALLEL_MIN_EDGES", min_edges)
    args, (rows, cols, n) = _follows(users, seed)
    indptr, indices = follow_csr.build_csr(*args)
    want_ptr, want_idx = csr_from_edges(rows, cols, n, True)
    np.testing.assert_array_equal(indptr, want_ptr)
    np.testing.assert_array_equal(indices, want_idx)
    assert indptr.dtype == np.int64 and indices.dtype == np.int32


@pytest.mark.parametrize("users", [500, 9000])
def test_buckets_count_the_picks_themselves_when_the_draw_did_not(users):
    args, (rows, cols, n) = _follows(users, 4)
    follows, made, n_in, n_back, extra_followers, extra_counts = args
    indptr, indices = follow_csr.build_csr(
        follows, made, None, n_back, extra_followers, extra_counts
    )
    want_ptr, want_idx = csr_from_edges(rows, cols, n, True)
    np.testing.assert_array_equal(indptr, want_ptr)
    np.testing.assert_array_equal(indices, want_idx)


@pytest.mark.parametrize("counted", [True, False], ids=["picks-counted", "picks-not-counted"])
def test_the_graph_is_the_same_whatever_the_number_of_threads(counted, monkeypatch):
    monkeypatch.setattr(follow_csr, "PARALLEL_MIN_EDGES", 0)
    args, _ = _follows(9000, 7)
    if not counted:  # the buckets count the picks, on one thread as on several
        args = (*args[:2], None, *args[3:])
    before = numba.get_num_threads()
    out = []
    try:
        for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
            numba.set_num_threads(threads)
            out.append(follow_csr.build_csr(*args))
    finally:
        numba.set_num_threads(before)
    for indptr, indices in out[1:]:
        np.testing.assert_array_equal(indptr, out[0][0])
        np.testing.assert_array_equal(indices, out[0][1])


@pytest.mark.parametrize("counted", [True, False], ids=["picks-counted", "picks-not-counted"])
def test_a_population_without_follows_has_empty_rows(counted):
    n = 10
    z = np.zeros(n, dtype=np.int64)
    indptr, indices = follow_csr.build_csr(
        np.empty(0, np.int32),
        np.zeros(n, np.int32),
        z if counted else None,
        z,
        np.empty(0, np.int32),
        np.zeros(2, np.int64),
    )
    assert indptr.tolist() == [0] * (n + 3) and indices.shape == (0,)


def _audience(n, seed, communities=40):
    """Users sorted by community, heavy-tailed popularity and lognormal follow counts."""
    rng = np.random.default_rng(seed)
    sizes = rng.multinomial(n, np.full(communities, 1 / communities))
    community = np.repeat(np.arange(communities, dtype=np.int32), sizes)
    comm_start = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    popularity = rng.pareto(1.5, n) + 1.0
    outdeg = rng.poisson(8 * rng.lognormal(-0.3, 0.8, n)).astype(np.int64)
    return community, comm_start, popularity, outdeg


def _build(n, seed, **kw):
    extra_counts = np.array([3, 0, 5], dtype=np.int64)
    extra_followers = np.arange(8, dtype=np.int32)
    state = np.array([1, 2, 3, seed], dtype=np.uint64)
    return follow_graph.build(
        *_audience(n, seed), 0.7, 0.3, state, extra_followers, extra_counts, **kw
    )


def test_the_look_ahead_changes_no_follow(monkeypatch):
    without = _build(3000, 5)
    monkeypatch.setattr(follow_graph, "PREFETCH_MIN_USERS", 0)
    with_it = _build(3000, 5)
    np.testing.assert_array_equal(with_it[0], without[0])
    np.testing.assert_array_equal(with_it[1], without[1])


@pytest.mark.parametrize("blocked_min_users", [0, None], ids=["blocked", "one-stream"])
def test_a_draw_that_leaves_the_counting_to_the_buckets_makes_the_same_graph(
    blocked_min_users, monkeypatch
):
    # Below PARALLEL_MIN_EDGES follows the draw counts each account's picks and one thread
    # fills the rows; from it the buckets count them. Either way the graph is the same.
    counted = _build(6000, 3, blocked_min_users=blocked_min_users)
    monkeypatch.setattr(follow_csr, "PARALLEL_MIN_EDGES", 0)
    by_buckets = _build(6000, 3, blocked_min_users=blocked_min_users)
    np.testing.assert_array_equal(by_buckets[0], counted[0])
    np.testing.assert_array_equal(by_buckets[1], counted[1])


def test_the_blocked_draw_leaves_no_count_when_told_not_to_count():
    community, comm_start, popularity, outdeg = _audience(3000, 8)
    n = outdeg.shape[0]
    local = follow_graph._alias_tables(popularity, comm_start, np.empty(2 * n))
    glob = follow_graph._alias_tables(popularity, np.array([0, n]), np.empty(2 * n))
    draw = follow_graph.Draw(community, comm_start, local, glob, outdeg, 0.7, 0.3)
    out = []
    for count in (True, False):
        drawn = follow_graph.Drawn(
            np.empty(int(outdeg.sum()), np.int32), np.zeros(n, np.int32), np.zeros(n, np.int64)
        )
        n_in, m, sent = follow_graph._draw_in_blocks(
            draw, np.array([5, 6, 7, 8], np.uint64), drawn, count
        )
        out.append((n_in, drawn.follows[:m], drawn.made, drawn.n_back))
    (n_in, follows, made, n_back), (no_count, *rest) = out
    assert no_count is None
    followee = np.where(follows < 0, ~follows, follows)
    np.testing.assert_array_equal(n_in, np.bincount(followee, minlength=n))
    # Without counting accounts, each block counts the entries it sends to each bucket of rows.
    bounds, counts = sent
    bits = follow_csr.BUCKET_BITS
    users = np.repeat(np.arange(n), made)
    block = np.searchsorted(bounds, users, side="right") - 1
    rows = np.concatenate([followee, users[follows < 0]])
    by = np.concatenate([block, block[follows < 0]])
    want = np.zeros_like(counts)
    np.add.at(want, (by, rows >> bits), 1)
    np.testing.assert_array_equal(counts, want)
    for a, b in zip((follows, made, n_back), rest, strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_blocked_draw_is_the_same_whatever_the_number_of_threads():
    before = numba.get_num_threads()
    out = []
    try:
        for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
            numba.set_num_threads(threads)
            out.append(_build(5000, 9, blocked_min_users=0))
    finally:
        numba.set_num_threads(before)
    for indptr, indices in out[1:]:
        np.testing.assert_array_equal(indptr, out[0][0])
        np.testing.assert_array_equal(indices, out[0][1])
    one_stream = _build(5000, 9)
    assert out[0][1].shape != one_stream[1].shape or (out[0][1] != one_stream[1]).any()


def test_blocked_follows_are_counted_where_they_land_even_when_self_follows_are_given_up():
    # One account in each community holds nearly all its popularity and everyone follows
    # inside the community: that account's own follows are self-follows redrawn eight times and
    # given up, leaving gaps in its block (the first, a middle and the last) to be closed.
    n = 200
    comm_start = np.array([0, 70, 150, n], dtype=np.int64)
    community = np.repeat(np.arange(3, dtype=np.int32), np.diff(comm_start))
    popularity = np.ones(n)
    popularity[[0, 70, 199]] = 1e9
    outdeg = np.full(n, 6, dtype=np.int64)
    local = follow_graph._alias_tables(popularity, comm_start, np.empty(2 * n))
    glob = follow_graph._alias_tables(popularity, np.array([0, n]), np.empty(2 * n))
    follows = np.empty(int(outdeg.sum()), dtype=np.int32)
    made = np.zeros(n, dtype=np.int32)
    n_back = np.zeros(n, dtype=np.int64)
    draw = follow_graph.Draw(community, comm_start, local, glob, outdeg, 1.0, 0.3)
    n_in, m, _ = follow_graph._draw_in_blocks(
        draw, np.array([4, 3, 2, 1], np.uint64), follow_graph.Drawn(follows, made, n_back)
    )
    assert m == made.sum() < outdeg.sum()  # some given up, none lost
    assert (made[[0, 70, 199]] < 6).all() and (np.delete(made, [0, 70, 199]) == 6).all()
    picked = follows[:m]
    users = np.repeat(np.arange(n), made)
    followee = np.where(picked < 0, ~picked, picked)
    assert (followee != users).all() and (followee >= 0).all() and (followee < n).all()
    np.testing.assert_array_equal(n_in, np.bincount(followee, minlength=n))
    np.testing.assert_array_equal(n_back, np.bincount(users[picked < 0], minlength=n))
