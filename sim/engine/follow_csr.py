"""The follower CSR of a generated audience, from the follows drawn user by user
(:mod:`sim.engine.follow_graph`): each account's row holds its followers, sorted and without
duplicates (:mod:`sim.base.graph`).

At millions of users writing straight into rows spread over the whole graph misses the caches on
nearly every edge, so from ``PARALLEL_MIN_EDGES`` edges the follows go through buckets of rows
that stay cached, on numba's threads, with the same rows whatever the number of threads.
"""

from __future__ import annotations

import numba
import numpy as np
from numba import njit, prange

from sim.base.graph import sort_run
from sim.base.placement import huge_zeros
from sim.base.prefetch import prefetch_write

__all__ = ["BUCKET_BITS", "PARALLEL_MIN_EDGES", "build_csr"]

# Graphs with fewer edges are built on one thread: their scatter takes milliseconds, less than
# waking numba's threads is worth, and small runs are the ones a sweep runs side by side.
PARALLEL_MIN_EDGES = 4_000_000
# The one-thread scatter into CSR rows looks ahead _PF_ROW edges for the row cursor and _PF_SLOT
# edges for the slot it points at. Prefetches are hints: results do not depend on them.
_PF_ROW = 16
_PF_SLOT = 6


def build_csr(follows, made, n_in, n_back, extra_followers, extra_counts, ahead=False, sent=None):
    """The follower CSR of users and component accounts, rows sorted and without duplicates.

    Users' rows come from the follow draw's output (:func:`sim.engine.follow_graph.build`): row
    v holds every i that picked v, then every followee of v that returned the follow. Writing
    the picks user by user leaves that first part of each row already ascending, so a row needs
    only its returned follows sorted (a handful) and one merge, never a sort of a popular
    account's long row. Component accounts' rows (after the users') are runs of
    ``extra_followers``, ``extra_counts[b]`` for account b.

    From ``PARALLEL_MIN_EDGES`` entries on, or whenever ``n_in`` (the picks each user received)
    is None, the scatter and the tidying of rows go through buckets of rows on numba's threads
    (``_scatter_by_buckets``), which count each row's picks themselves, with the same result
    whatever the number of threads; ``sent``, if the draw counted them, is ``(parts, counts)``:
    the users' parts (int64 bounds) and the entries each part sends to each bucket. Else one
    thread writes each follow into its rows, sized by ``n_in``; with ``ahead`` (rows that
    outgrow the caches) it prefetches the rows to come; the rows are the same either way.
    Each row is tidied straight to its final place, after the rows before it.
    Returns int64 (n_accounts+1,) row pointers and int32 indices. O(edges).
    """
    n, nb = made.shape[0], extra_counts.shape[0]
    entries = follows.shape[0] + int(n_back.sum()) + int(extra_counts.sum())
    threads = max(1, numba.get_num_threads())
    # The rows and their pointers are what the feed kernel reads at random all run long, so they
    # get memory of their own on huge pages (``huge_zeros``).
    idx = huge_zeros(entries, np.int32)
    indptr = huge_zeros(n + nb + 1, np.int64)
    start = np.empty(n + nb + 1, dtype=np.int64)
    if n_in is None or (threads > 1 and entries >= PARALLEL_MIN_EDGES):
        w = _scatter_by_buckets(follows, made, n_back, start, idx, indptr, threads, sent)
    else:
        start[0] = 0
        np.add(n_in, n_back, out=start[1 : n + 1])
        np.cumsum(start[: n + 1], out=start[: n + 1])
        _scatter_part(follows, made, n_in, start, idx, ahead)
        w = _tidy_rows(idx, start, n_in, n, indptr, 0, n, 0)
    # The component accounts' rows, after the users'.
    np.cumsum(extra_counts, out=start[n + 1 :])
    start[n + 1 :] += start[n]
    idx[start[n] :] = extra_followers
    picks = n_in if n_in is not None else np.empty(0, dtype=np.int64)  # read for users' rows only
    w = _tidy_rows(idx, start, picks, n, indptr, n, n + nb, w)
    return indptr, idx[:w]


# Rows per bucket of the two-pass scatter: a bucket's rows (about 80 KB a thousand rows at 20
# follows a user) stay in a core's own cache while they are filled and tidied. A row's place in
# its bucket fits 16 bits.
BUCKET_BITS = 12


def _scatter_by_buckets(follows, made, n_back, start, idx, indptr, threads, sent=None):
    """Scatter the follows into the users' rows and tidy them, in two passes over buckets of
    ``2**BUCKET_BITS`` consecutive rows: the first streams every entry into its bucket's own
    stretch of ``idx`` (the stretch its rows will fill), with its row's place in the bucket
    beside it; the second counts each row's entries, moves the bucket's entries into their rows
    and tidies the rows while they are cached, each right after the previous one. Each thread
    empties a run of consecutive buckets, the first run's rows thus going straight to their
    final place; each later run is then moved down to follow the one before it (half the rows
    on two threads, none on one). Writing straight into rows spread
    over the whole graph misses the caches on nearly every edge at a million users, and so does
    counting each account's picks while the follows are drawn: here the counts come from cached
    buckets. Users are split in parts for the first pass, in order, so every bucket lists its
    entries by follower as the one-thread scatter does: the rows are the same whatever the
    number of threads. The parts are ``threads`` parts of about equal follows, counted here,
    unless ``sent`` brings them and their counts from the draw (``build_csr``).

    Fills ``start[: n + 1]`` (where each user's untidy row began, then the end of the users'
    untidy rows), ``indptr[: n + 1]`` and ``idx`` up to ``indptr[n]``, which it returns."""
    n = made.shape[0]
    buckets = (n + (1 << BUCKET_BITS) - 1) >> BUCKET_BITS
    edge_at = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(made, out=edge_at[1:])
    if sent is None:
        parts = np.searchsorted(edge_at, np.linspace(0, edge_at[n], threads + 1)[1:-1])
        parts = np.concatenate(([0], parts, [n])).astype(np.int64)
        counts = np.zeros((threads, buckets), dtype=np.int64)
        _count_buckets(follows, n_back, edge_at, parts, counts)
    else:
        parts, counts = sent
    # Each bucket's stretch begins where its first row does; the rows inside it are placed
    # by the second pass.
    bucket_at = np.zeros(buckets + 1, dtype=np.int64)
    np.cumsum(counts.sum(axis=0), out=bucket_at[1:])
    start[np.arange(buckets, dtype=np.int64) << BUCKET_BITS] = bucket_at[:-1]
    start[n] = bucket_at[buckets]
    # Part p's entries for bucket b go after those of the parts before it.
    cursor = (bucket_at[:-1] + np.cumsum(counts, axis=0)) - counts
    slot = np.empty(int(bucket_at[buckets]), dtype=np.uint16)
    _fill_buckets(follows, made, edge_at, parts, cursor, idx, slot)
    del cursor
    runs = min(threads, max(buckets, 1))
    spans = np.linspace(0, buckets, runs + 1).astype(np.int64)
    ends = np.empty(runs, dtype=np.int64)
    _empty_buckets(idx, slot, start, indptr, n, spans, ends)
    del slot
    return _move_runs(idx, start, indptr, n, spans, ends)


@njit(cache=True, parallel=True)
def _count_buckets(follows, n_back, edge_at, parts, counts):
    """Entries each part of users sends to each bucket: a pick to its followee's, a returned
    follow also to its picker's (counted from ``n_back``, the follows each user got back), so
    the follows are read in one flat run."""
    for p in prange(parts.shape[0] - 1):
        c = counts[p]
        for e in range(edge_at[parts[p]], edge_at[parts[p + 1]]):
            f = follows[e]
            c[(f ^ (f >> 31)) >> BUCKET_BITS] += 1  # f ^ (f >> 31): ~f for a returned follow
        for i in range(parts[p], parts[p + 1]):
            c[i >> BUCKET_BITS] += n_back[i]


@njit(cache=True, parallel=True)
def _fill_buckets(follows, made, edge_at, parts, cursor, idx, slot):
    """Stream each entry to its bucket: a pick i -> j as (i, j's place), a returned follow also
    as (~j, i's place), from ``cursor[p, b]`` on for part p and bucket b."""
    mask = (1 << BUCKET_BITS) - 1
    for p in prange(parts.shape[0] - 1):
        cur = cursor[p].copy()
        e = edge_at[parts[p]]
        for i in range(parts[p], parts[p + 1]):
            for _ in range(made[i]):
                f = follows[e]
                e += 1
                j = f if f >= 0 else ~f
                b = j >> BUCKET_BITS
                idx[cur[b]] = i
                slot[cur[b]] = j & mask
                cur[b] += 1
                if f < 0:
                    b = i >> BUCKET_BITS
                    idx[cur[b]] = ~j
                    slot[cur[b]] = i & mask
                    cur[b] += 1


@njit(cache=True, parallel=True)
def _empty_buckets(idx, slot, start, indptr, n, spans, ends):
    """Empty the buckets ``spans[t] .. spans[t+1]-1``, a run of them for each t, in order:
    count each bucket's picks and returned follows by row, place its rows (``start`` of each;
    ``start`` of each bucket's first row and of row n arrive set), move its entries into them
    (picks to the front in the order listed, returned follows to the back) and tidy the rows
    (``_tidy_rows``, which sets ``indptr`` of each row's end), each right after the previous
    one from the start of the run's first bucket on; ``ends[t]``: where run t's rows end. A
    bucket's entries are copied out before its rows are placed, and a run writes only below
    what it has yet to read, inside its own buckets, so the runs can go side by side."""
    for t in prange(spans.shape[0] - 1):
        w = start[min(spans[t] << BUCKET_BITS, n)]
        for b in range(spans[t], spans[t + 1]):
            r0 = b << BUCKET_BITS
            r1 = min(r0 + (1 << BUCKET_BITS), n)
            lo, hi = start[r0], start[r1]
            vals = idx[lo:hi].copy()
            picks = np.zeros(r1 - r0, dtype=np.int64)
            backs = np.zeros(r1 - r0, dtype=np.int64)
            for e in range(hi - lo):
                if vals[e] >= 0:
                    picks[slot[lo + e]] += 1
                else:
                    backs[slot[lo + e]] += 1
            fill = np.empty(r1 - r0, dtype=np.int64)
            back = np.empty(r1 - r0, dtype=np.int64)
            at = lo
            for k in range(r1 - r0):
                if k:  # the first row's start is the bucket's, set before
                    start[r0 + k] = at
                fill[k] = at
                back[k] = at + picks[k]
                at += picks[k] + backs[k]
            for e in range(hi - lo):
                v = vals[e]
                k = slot[lo + e]
                if v >= 0:
                    idx[fill[k]] = v
                    fill[k] += 1
                else:
                    idx[back[k]] = ~v
                    back[k] += 1
            w = _tidy_rows(idx, start, picks, n, indptr, r0, r1, w)
        ends[t] = w


@njit(cache=True)
def _move_runs(idx, start, indptr, n, spans, ends):
    """Move each run of buckets' tidy rows (``idx`` from the start of its first bucket to
    ``ends[t]``) down to follow the previous run's, shifting their ``indptr`` with them; sets
    ``indptr[0]`` and returns where the users' rows end. Runs only move down, so in order and
    in place is safe; the first does not move."""
    indptr[0] = 0
    w = 0
    for t in range(ends.shape[0]):
        r0 = min(spans[t] << BUCKET_BITS, n)
        r1 = min(spans[t + 1] << BUCKET_BITS, n)
        lo = start[r0]
        shift = lo - w
        if shift:
            for k in range(ends[t] - lo):
                idx[w + k] = idx[lo + k]
            for v in range(r0 + 1, r1 + 1):
                indptr[v] -= shift
        w += ends[t] - lo
    return w


@njit(cache=True)
def _scatter_part(follows, made, n_in, start, idx, ahead):
    """Write each follow into its rows: a pick ``i -> j`` to the front of row j (in the order
    of i), a returned follow to the back of the picker's own row. With ``ahead`` it prefetches
    the row cursors and slots of the follows to come (worth it once the rows outgrow the
    caches)."""
    n = made.shape[0]
    m = follows.shape[0]
    fill = start[:n].copy()
    e = 0
    for i in range(n):
        back = start[i] + n_in[i]
        for _ in range(made[i]):
            if ahead:
                if e + _PF_ROW < m:
                    f = follows[e + _PF_ROW]
                    prefetch_write(fill, f if f >= 0 else ~f)
                if e + _PF_SLOT < m:
                    f = follows[e + _PF_SLOT]
                    prefetch_write(idx, fill[f if f >= 0 else ~f])
            f = follows[e]
            e += 1
            j = f if f >= 0 else ~f
            idx[fill[j]] = i
            fill[j] += 1
            if f < 0:
                idx[back] = j
                back += 1


@njit(cache=True)
def _tidy_rows(idx, start, picks, n, indptr, v0, v1, w):
    """Sort rows ``v0 .. v1-1`` and drop their duplicates, each moved down to ``w`` on: row v
    lies in ``start[v] .. start[v+1]``, its ``picks[v - v0]`` picks first (ascending) if it is
    a user's (v < n), then returned follows; it ends up at ``indptr[v] .. indptr[v+1]`` (sets
    ``indptr[v + 1]``). ``w <= start[v0]``; returns where the last row ends. Rows only move
    down, and a row is read ahead of where it is written, so in place is safe."""
    buf = np.empty(64, dtype=np.int32)  # a row's returned follows (and picks), grown as needed
    for v in range(v0, v1):
        lo, hi = start[v], start[v + 1]
        mid = lo + picks[v - v0] if v < n else lo  # component rows are unsorted throughout
        sort_run(idx, mid, hi)
        if mid == lo or mid == hi:  # one sorted run: its distinct values, forward
            w = _unique_forward(idx, lo, hi, w)
        elif w + (hi - mid) <= lo:
            # Two sorted runs, the returned follows (a handful) into the buffer and merged
            # forward: the k-th value is written at w + k, before the picks not yet read
            # (at lo + k - at most hi - mid returned follows read, or beyond).
            nbk = hi - mid
            if nbk > buf.shape[0]:
                buf = np.empty(2 * nbk, dtype=np.int32)
            buf[:nbk] = idx[mid:hi]
            w = _merge_forward(idx, lo, mid, buf, nbk, w, idx)
        else:  # too little room below the row: both runs into the buffer first
            if hi - lo > buf.shape[0]:
                buf = np.empty(2 * (hi - lo), dtype=np.int32)
            nbk = hi - mid
            buf[:nbk] = idx[mid:hi]
            buf[nbk : hi - lo] = idx[lo:mid]
            w = _merge_forward(buf, nbk, hi - lo, buf, nbk, w, idx)
        indptr[v + 1] = w
    return w


@njit(inline="always", cache=True)
def _unique_forward(idx, lo, hi, w):
    """Copy the distinct values of the sorted run ``idx[lo:hi]`` to ``idx`` from ``w <= lo`` on
    and return where the copy ends. Every value is written and the end moves on only past a
    new one: no branch for the CPU to guess."""
    last = -1
    for i in range(lo, hi):
        x = idx[i]
        idx[w] = x
        w += x != last
        last = x
    return w


@njit(inline="always", cache=True)
def _merge_forward(src, a, a1, buf, nbk, w, dst):
    """Merge the sorted runs ``src[a:a1]`` (picks) and ``buf[:nbk]`` (returned follows, a
    handful) into ``dst`` from ``w`` on, each value once; returns where the merged run ends.
    The picks are copied in runs between returned follows, so the CPU mispredicts about twice
    per returned follow, not at every pick."""
    last = -1
    for b in range(nbk):
        x = buf[b]
        while a < a1 and src[a] < x:
            y = src[a]
            a += 1
            dst[w] = y
            w += y != last
            last = y
        dst[w] = x
        w += x != last
        last = x
    while a < a1:
        y = src[a]
        a += 1
        dst[w] = y
        w += y != last
        last = y
    return w
