"""The day's follower scans (sim.engine.audience_arrays) against plain NumPy on made-up follower
codes: every shape of population (empty, shorter than a 64-account block, not a multiple of 64,
sparse and dense followers), so the block-skipping loops miss no account."""

import numpy as np
import pytest
from numba import njit

from sim.engine import audience as aud
from sim.engine import audience_arrays as arrays
from sim.passes import not_followed_back, not_followed_back_among

SIZES = (0, 7, 64, 200, 1001, 20_000)


def _population(n: int, share: float, seed: int):
    rng = np.random.default_rng(seed)  # seed stated: the cases are the same at every run
    origin = np.where(rng.random(n) < share, rng.integers(1, aud.N_ORIGINS, n), aud.NONE)
    kind = rng.choice([aud.REAL, aud.BOUGHT, aud.POD], n, p=[0.8, 0.15, 0.05])
    engaged = (rng.random(n) < 0.3).astype(np.int8)
    return origin.astype(np.int8), kind.astype(np.int8), engaged


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("share", [0.0, 0.002, 0.05, 0.6, 1.0])
def test_scans_match_numpy(n, share):
    origin, kind, engaged = _population(n, share, seed=n + int(share * 1000))
    real = np.flatnonzero((origin != aud.NONE) & (kind == aud.REAL))
    counts = np.bincount(origin, minlength=len(aud.ORIGIN_NAMES))
    np.testing.assert_array_equal(arrays._follower_ids(origin, kind, True), real)
    np.testing.assert_array_equal(
        arrays._follower_ids(origin, origin, False), np.flatnonzero(origin)
    )
    np.testing.assert_array_equal(arrays._origin_counts(origin, len(aud.ORIGIN_NAMES)), counts)
    out = np.full(n + 1, -1, dtype=np.int32)
    t_counts, k, t_engaged = arrays._day_tally(origin, kind, engaged, len(aud.ORIGIN_NAMES), out)
    t_real = out[:k]
    np.testing.assert_array_equal(t_counts, counts)
    np.testing.assert_array_equal(t_real, real)
    assert t_real.dtype == np.int32
    assert t_engaged == int((engaged[real] == 1).sum())


@pytest.mark.parametrize("n", SIZES)
def test_followers_not_followed_back_match_numpy(n):
    origin, kind, followed = _population(n, 0.3, seed=n)
    out = np.empty(n, dtype=np.int32)
    k = not_followed_back(origin, kind, followed, out)
    expected = np.flatnonzero((origin != aud.NONE) & (kind == aud.REAL) & (followed == 0))
    np.testing.assert_array_equal(out[:k], expected)


def test_scans_into_scratch_return_fresh_arrays():
    origin, kind, _ = _population(1001, 0.3, seed=5)
    room = np.empty(1001, dtype=np.int32)
    first = arrays._follower_ids(origin, kind, True, room)
    np.testing.assert_array_equal(first, arrays._follower_ids(origin, kind, True))
    assert not np.shares_memory(first, room)
    kept = first.copy()
    arrays._follower_ids(np.zeros_like(origin), kind, False, room)  # the room is reused...
    np.testing.assert_array_equal(first, kept)  # ...and what a caller holds stays as it was
    # A room too small for the population is not written past its end: a new one is made.
    short = np.full(3, -7, dtype=np.int32)
    np.testing.assert_array_equal(arrays._follower_ids(origin, kind, True, short), kept)
    assert short.tolist() == [-7, -7, -7]


def test_the_bytes_of_a_word_are_found_in_memory_order():
    # Every byte position alone and with others, on words made from bytes in memory order, so
    # the scans find followers in ascending ids whatever the machine's byte order.
    from sim.base import bytescan

    @njit
    def bytes_found(x):
        found = []
        while x != 0:
            found.append(bytescan.lowest_byte(x))
            x = bytescan.without_lowest_byte(x)
        return found

    rng = np.random.default_rng(11)  # seed stated: the same 300 words every run
    cases = [np.eye(8, dtype=np.uint8)[b] for b in range(8)]
    cases += [(rng.random(8) < 0.4) * rng.integers(1, 256, 8) for _ in range(300)]
    for raw in cases:
        raw = np.asarray(raw, dtype=np.uint8)
        word = raw.view(np.uint64)[0]
        assert bytes_found(word) == np.flatnonzero(raw).tolist(), raw


def test_the_bit_counts_agree_with_their_fallbacks():
    from sim.base import bytescan

    @njit
    def counts(x):
        return (
            bytescan.trailing_zeros(x),
            bytescan.trailing_zeros_loop(x),
            bytescan.leading_zeros(x),
            bytescan.leading_zeros_loop(x),
        )

    for bit in range(64):
        for low in (0, 1):  # the bit alone, and with bit 0 set too (trailing count 0)
            x = np.uint64((1 << bit) | (low and bit != 0))
            tz, tz_loop, lz, lz_loop = counts(x)
            assert tz == tz_loop and lz == lz_loop == 63 - bit, (bit, low)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("share", [0.002, 0.05, 0.6])
def test_scans_told_the_real_block_find_what_the_kinds_say(n, share):
    # Real accounts first, the tactics' accounts after them, as an audience is generated: the
    # scans given the real accounts' span list the same ids as the scans reading each kind.
    origin, _, engaged = _population(n, share, seed=n + 7)
    n_real = n * 4 // 5
    kind = np.where(np.arange(n) < n_real, aud.REAL, aud.BOUGHT).astype(np.int8)
    span = arrays.real_span(kind)
    assert span == (0, n_real)
    real = np.flatnonzero((origin != aud.NONE) & (kind == aud.REAL))
    np.testing.assert_array_equal(arrays._follower_ids(origin, kind, True, None, span), real)
    out = np.full(n + 1, -1, dtype=np.int32)
    counts, k, n_engaged = arrays._day_tally(
        origin, kind, engaged, len(aud.ORIGIN_NAMES), out, *span
    )
    np.testing.assert_array_equal(out[:k], real)
    np.testing.assert_array_equal(counts, np.bincount(origin, minlength=len(aud.ORIGIN_NAMES)))
    assert n_engaged == int((engaged[real] == 1).sum())
    followed = (np.arange(n) % 3 == 0).astype(np.int8)
    k = not_followed_back(origin, kind, followed, out, *span)
    np.testing.assert_array_equal(out[:k], real[followed[real] == 0])


def test_the_real_span_is_given_only_for_one_block():
    r, b = aud.REAL, aud.BOUGHT
    assert arrays.real_span(np.array([b, r, r, r, b], dtype=np.int8)) == (1, 4)
    assert arrays.real_span(np.array([r, r, b, r], dtype=np.int8)) == (0, -1)  # two blocks
    assert arrays.real_span(np.array([b, b], dtype=np.int8)) == (0, 0)  # nobody real
    # Not a block: the scans read the kinds, and find the real followers all the same.
    kind = np.array([r, b, r, b, r, r], dtype=np.int8)
    origin = np.ones(6, dtype=np.int8)
    span = arrays.real_span(kind)
    np.testing.assert_array_equal(
        arrays._follower_ids(origin, kind, True, None, span), [0, 2, 4, 5]
    )


@pytest.mark.parametrize("n", SIZES)
def test_the_lists_among_the_followers_after_a_post_are_those_a_scan_finds(n):
    # A post's follower list and the accounts it won (some twice, some already following, in
    # any order) hold every follower; some followers then leave. Looking only at those
    # accounts gives what a scan of every account's code gives.
    origin, kind, engaged = _population(n, 0.05, seed=n + 3)
    listed = arrays._follower_ids(origin, origin, False)
    rng = np.random.default_rng(n)  # seed stated
    won = rng.integers(0, max(n, 1), min(n, 40)).astype(np.int32)
    if n:
        origin[won] = aud.ORGANIC
    among = arrays.union_sorted(listed, won)
    np.testing.assert_array_equal(among, arrays._follower_ids(origin, origin, False))
    origin[among[::3]] = aud.NONE  # a third of them leave
    n_o = len(aud.ORIGIN_NAMES)
    np.testing.assert_array_equal(
        arrays._origin_counts_among(among, origin, n_o), np.bincount(origin, minlength=n_o)
    )
    for k_ind, span in ((kind, (0, -1)), (kind, arrays.real_span(kind))):
        out = np.full(n + 1, -1, dtype=np.int32)
        k = arrays._fill_followers_among(among, origin, k_ind, True, out, *span)
        np.testing.assert_array_equal(out[:k], arrays._follower_ids(origin, k_ind, True))
        counts, k, n_eng = arrays._day_tally_among(among, origin, k_ind, engaged, n_o, out, *span)
        expected = arrays._day_tally(origin, k_ind, engaged, n_o, np.empty(n + 1, np.int32))
        np.testing.assert_array_equal(counts, expected[0])
        np.testing.assert_array_equal(out[:k], arrays._follower_ids(origin, k_ind, True))
        assert (k, n_eng) == expected[1:]
        followed = (np.arange(n) % 4 == 0).astype(np.int8)
        k = not_followed_back_among(among, origin, k_ind, followed, out, *span)
        k_scan = not_followed_back(origin, k_ind, followed, np.empty(n + 1, np.int32))
        assert k == k_scan
        scan = np.empty(n + 1, np.int32)
        not_followed_back(origin, k_ind, followed, scan)
        np.testing.assert_array_equal(out[:k], scan[:k_scan])


def test_a_scan_asked_for_no_copy_is_the_same_list_in_the_room():
    origin, kind, _ = _population(1001, 0.3, seed=6)  # seed stated: the same case every run
    room = np.empty(1001, dtype=np.int32)
    for among in (None, np.arange(0, 1001, 2, dtype=np.int32)):
        fresh = arrays._follower_ids(origin, kind, True, room, (0, -1), among)
        view = arrays._follower_ids(origin, kind, True, room, (0, -1), among, fresh=False)
        np.testing.assert_array_equal(view, fresh)
        assert np.shares_memory(view, room) and not np.shares_memory(fresh, room)


def test_the_union_after_a_post_is_the_sorted_set_of_both_lists():
    rng = np.random.default_rng(5)  # seed stated
    for _ in range(300):
        listed = np.unique(rng.integers(0, 60, rng.integers(0, 40))).astype(np.int32)
        # some won twice, some already following, some below or above every follower
        won = rng.integers(0, 70, rng.integers(0, 9)).astype(np.int32)
        got = arrays.union_sorted(listed, won)
        assert got.dtype == np.int32
        np.testing.assert_array_equal(got, np.union1d(listed, won))
