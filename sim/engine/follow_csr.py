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

from sim.base.graph import sort_run, unique_run
from sim.base.placement import huge_zeros
from sim.base.prefetch import prefetch_write

__all__ = ["PARALLEL_MIN_EDGES", "build_csr"]

# Graphs with fewer edges are built on one thread: their scatter takes milliseconds, less than
# waking numba's threads is worth, and small runs are the ones a sweep runs side by side.
PARALLEL_MIN_EDGES = 4_000_000
# The one-thread scatter into CSR rows looks ahead _PF_ROW edges for the row cursor and _PF_SLOT
# edges for the slot it points at. Prefetches are hints: results do not depend on them.
_PF_ROW = 16
_PF_SLOT = 6


def build_csr(follows, made, n_in, n_back, extra_followers, extra_counts, ahead=False):
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
    whatever the number of threads. Else one thread writes each follow into its rows, sized by
    ``n_in``; with ``ahead`` (rows that outgrow the caches) it prefetches the rows to come; the
    rows are the same either way.
    Returns int64 (n_accounts+1,) row pointers and int32 indices. O(edges).
    """
    n, nb = made.shape[0], extra_counts.shape[0]
    entries = follows.shape[0] + int(n_back.sum()) + int(extra_counts.sum())
    threads = max(1, numba.get_num_threads())
    first = np.empty(n + nb, dtype=np.int64)
    # The rows and their pointers are what the feed kernel reads at random all run long, so they
    # get memory of their own on huge pages (``huge_zeros``); the row pointers are written last.
    idx = huge_zeros(entries, np.int32)
    if n_in is None or (threads > 1 and entries >= PARALLEL_MIN_EDGES):
        start = np.empty(n + nb + 1, dtype=np.int64)
        n_in = _scatter_by_buckets(follows, made, n_back, start, idx, first, threads)
    else:
        start = np.zeros(n + nb + 1, dtype=np.int64)
        np.add(n_in, n_back, out=start[1 : n + 1])
        np.cumsum(start[: n + 1], out=start[: n + 1])
        _scatter_part(follows, made, n_in, start, idx, ahead)
        longest_back = int(n_back.max()) if n else 0
        _tidy_chunk(idx, start, n_in, n, first, 0, n, np.empty(longest_back, np.int32))
    # The component accounts' rows, after the users'.
    np.cumsum(extra_counts, out=start[n + 1 :])
    start[n + 1 :] += start[n]
    idx[start[n] :] = extra_followers
    _tidy_chunk(idx, start, n_in, n, first, n, n + nb, np.empty(0, np.int32))
    indptr = huge_zeros(n + nb + 1, np.int64)
    w = _compact_rows(idx, start, first, indptr)
    return indptr, idx[:w]


# Rows per bucket of the two-pass scatter: a bucket's rows (about 80 KB a thousand rows at 20
# follows a user) stay in a core's own cache while they are filled and tidied. A row's place in
# its bucket fits 16 bits.
_BUCKET_BITS = 12


def _scatter_by_buckets(follows, made, n_back, start, idx, first, threads):
    """Scatter the follows into the users' rows and tidy them, in two passes over buckets of
    ``2**_BUCKET_BITS`` consecutive rows: the first streams every entry into its bucket's own
    stretch of ``idx`` (the stretch its rows will fill), with its row's place in the bucket
    beside it; the second counts each row's entries, moves the bucket's entries into their rows
    and tidies the rows while they are cached. Writing straight into rows spread over the whole
    graph misses the caches on nearly every edge at a million users, and so does counting each
    account's picks while the follows are drawn: here the counts come from cached buckets.
    Users are split in ``threads`` parts of about equal follows for the first pass, in order,
    so every bucket lists its entries by follower as the one-thread scatter does: the rows are
    the same whatever the number of threads.

    Fills ``start[: n + 1]`` (where each user's row begins, then the end of the users' rows),
    ``idx`` up to there and ``first[:n]`` (see ``_tidy_chunk``); returns ``n_in``, int64 (n,),
    the picks each user received."""
    n = made.shape[0]
    buckets = (n + (1 << _BUCKET_BITS) - 1) >> _BUCKET_BITS
    edge_at = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(made, out=edge_at[1:])
    parts = np.searchsorted(edge_at, np.linspace(0, edge_at[n], threads + 1)[1:-1])
    parts = np.concatenate(([0], parts, [n])).astype(np.int64)
    counts = np.zeros((threads, buckets), dtype=np.int64)
    _count_buckets(follows, n_back, edge_at, parts, counts)
    # Each bucket's stretch begins where its first row does; the rows inside it are placed
    # by the second pass.
    bucket_at = np.zeros(buckets + 1, dtype=np.int64)
    np.cumsum(counts.sum(axis=0), out=bucket_at[1:])
    start[np.arange(buckets, dtype=np.int64) << _BUCKET_BITS] = bucket_at[:-1]
    start[n] = bucket_at[buckets]
    # Part p's entries for bucket b go after those of the parts before it.
    cursor = (bucket_at[:-1] + np.cumsum(counts, axis=0)) - counts
    del counts
    slot = np.empty(int(bucket_at[buckets]), dtype=np.uint16)
    _fill_buckets(follows, made, edge_at, parts, cursor, idx, slot)
    del cursor
    n_in = np.empty(n, dtype=np.int64)
    _empty_buckets(idx, slot, start, n_in, n, first)
    return n_in


@njit(cache=True, parallel=True)
def _count_buckets(follows, n_back, edge_at, parts, counts):
    """Entries each part of users sends to each bucket: a pick to its followee's, a returned
    follow also to its picker's (counted from ``n_back``, the follows each user got back), so
    the follows are read in one flat run."""
    for p in prange(parts.shape[0] - 1):
        c = counts[p]
        for e in range(edge_at[parts[p]], edge_at[parts[p + 1]]):
            f = follows[e]
            c[(f ^ (f >> 31)) >> _BUCKET_BITS] += 1  # f ^ (f >> 31): ~f for a returned follow
        for i in range(parts[p], parts[p + 1]):
            c[i >> _BUCKET_BITS] += n_back[i]


@njit(cache=True, parallel=True)
def _fill_buckets(follows, made, edge_at, parts, cursor, idx, slot):
    """Stream each entry to its bucket: a pick i -> j as (i, j's place), a returned follow also
    as (~j, i's place), from ``cursor[p, b]`` on for part p and bucket b."""
    mask = (1 << _BUCKET_BITS) - 1
    for p in prange(parts.shape[0] - 1):
        cur = cursor[p].copy()
        e = edge_at[parts[p]]
        for i in range(parts[p], parts[p + 1]):
            for _ in range(made[i]):
                f = follows[e]
                e += 1
                j = f if f >= 0 else ~f
                b = j >> _BUCKET_BITS
                idx[cur[b]] = i
                slot[cur[b]] = j & mask
                cur[b] += 1
                if f < 0:
                    b = i >> _BUCKET_BITS
                    idx[cur[b]] = ~j
                    slot[cur[b]] = i & mask
                    cur[b] += 1


@njit(cache=True, parallel=True)
def _empty_buckets(idx, slot, start, n_in, n, first):
    """Count each bucket's picks and returned follows by row, place its rows (``start`` and
    ``n_in`` of each; ``start`` of each bucket's first row and of row n arrive set), move its
    entries into them (picks to the front in the order listed, returned follows to the back)
    and tidy the rows (``_tidy_chunk``)."""
    buckets = (n + (1 << _BUCKET_BITS) - 1) >> _BUCKET_BITS
    for b in prange(buckets):
        r0 = b << _BUCKET_BITS
        r1 = min(r0 + (1 << _BUCKET_BITS), n)
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
        at, longest_back = lo, 0
        for k in range(r1 - r0):
            if k:  # the first row's start is the bucket's, set before
                start[r0 + k] = at
            n_in[r0 + k] = picks[k]
            fill[k] = at
            back[k] = at + picks[k]
            at += picks[k] + backs[k]
            longest_back = max(longest_back, backs[k])
        for e in range(hi - lo):
            v = vals[e]
            k = slot[lo + e]
            if v >= 0:
                idx[fill[k]] = v
                fill[k] += 1
            else:
                idx[back[k]] = ~v
                back[k] += 1
        _tidy_chunk(idx, start, n_in, n, first, r0, r1, np.empty(longest_back, dtype=np.int32))


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
def _tidy_chunk(idx, start, n_in, n, first, v0, v1, buf):
    """Sort rows ``v0 .. v1-1`` and drop their duplicates, each inside its own space
    ``start[v] .. start[v+1]``; ``first[v]`` is where the tidy row begins (it ends at
    ``start[v+1]``: see ``_compact_rows``). ``buf`` int32 holds a row's returned follows."""
    for v in range(v0, v1):
        lo, hi = start[v], start[v + 1]
        mid = lo + n_in[v] if v < n else lo  # component rows are unsorted throughout
        sort_run(idx, mid, hi)
        if mid == lo or mid == hi:  # one sorted run: squeeze out duplicates forward
            w = unique_run(idx, lo, hi, lo)
            first[v] = lo
            # Mark the end by moving the run to the back (a no-op without duplicates).
            u = w - lo
            if w < hi:
                for k in range(u - 1, -1, -1):
                    idx[hi - u + k] = idx[lo + k]
                first[v] = hi - u
        else:  # two sorted runs: the short back one into the buffer, merge from the back
            nbk = hi - mid
            for k in range(nbk):
                buf[k] = idx[mid + k]
            a, b, p, last = mid - 1, nbk - 1, hi, -1
            while a >= lo or b >= 0:
                if b < 0 or (a >= lo and idx[a] >= buf[b]):
                    x = idx[a]
                    a -= 1
                else:
                    x = buf[b]
                    b -= 1
                if x != last:
                    p -= 1
                    idx[p] = x
                    last = x
            first[v] = p


@njit(cache=True)
def _compact_rows(idx, start, first, indptr):
    """Move each tidy row ``idx[first[v]:start[v+1]]`` down to follow the previous one; fills
    ``indptr`` and returns the number of edges. Rows only move down, so in place is safe."""
    indptr[0] = 0
    w = 0
    for v in range(first.shape[0]):
        hi = start[v + 1]
        if w != first[v]:
            for k in range(first[v], hi):
                idx[w] = idx[k]
                w += 1
        else:
            w = hi
        indptr[v + 1] = w
    return w
