"""The follow graph of a generated audience: follows drawn user by user, straight into CSR.

Each user picks its followees inside its own community with probability ``homophily``, else
anywhere, in proportion to popularity (Walker alias tables), and each follow is returned with
probability ``reciprocity``. The result is the follower CSR of :mod:`sim.base.graph`: row ``v``
lists the accounts that follow ``v``, sorted and without duplicates.

At millions of users nearly every step is a cache miss (a random row of the popularity tables,
a random counter, a random CSR row), so the draw prefetches what the next follows will touch
(:mod:`sim.base.prefetch`), the large arrays are allocated by NumPy (which asks the kernel for huge
pages, so the random reads and writes miss the TLB far less often), and the CSR is filled
through buckets of rows that stay cached. From ``BLOCKED_MIN_USERS`` users the follows are
drawn in fixed blocks of users, each from a stream of its own, on numba's threads; below it
from one stream in one order. Either way a graph depends on the seed alone, never on the
number of threads.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np
from numba import njit, prange

from sim.base import rng as xr
from sim.base.graph import sort_run, unique_run
from sim.base.prefetch import prefetch, prefetch_write

# Graphs with fewer edges are built on one thread: their scatter takes milliseconds, less than
# waking numba's threads is worth, and small runs are the ones a sweep runs side by side.
PARALLEL_MIN_EDGES = 4_000_000
# From this many users the follow draw looks ahead and prefetches: its tables and counters
# outgrow the caches. Below it they are cached and the look-ahead is work for nothing (at 20k
# users the draw took 11 ms with it, 6.4 without; at 150k, 80 and 52 ms; at 300k it gains
# 417 -> 163 ms).
PREFETCH_MIN_USERS = 200_000
# From this many users the follows are drawn in GRAPH_BLOCKS blocks of consecutive users, each
# from a stream of its own derived from the graph's (``sim.base.rng.seed_run_state``), on numba's
# threads: at a million users the draw is the largest single step of a run, and one stream
# keeps it on one core. The blocks are fixed, not one a thread, so a graph is the same whatever
# the number of threads. Smaller audiences (every test, the calibration, the 200k-user
# validation rows, the sweeps' runs) keep the single stream, so their results are those of
# before; the two draws differ in their numbers only, not in law: every follow is drawn from the
# same tables with the same chances (the statistical tests compare their degrees, reciprocity
# and homophily).
BLOCKED_MIN_USERS = 500_000
GRAPH_BLOCKS = 64


def build(community, comm_start, popularity, outdeg, homophily, reciprocity, state,
          extra_followers, extra_counts, blocked_min_users=None):
    """The follower CSR of ``n`` users and of the accounts after them.

    Args:
        community: int32 (n,), each user's community; users sorted by it.
        comm_start: int64 (communities+1,), where each community's id range starts.
        popularity: float64 (n,), weights of being followed.
        outdeg: int64 (n,), follows each user draws (before any is returned).
        homophily, reciprocity: chances a follow stays in the community and is returned.
        state: uint64 (4,), the graph's own generator state (``sim.base.rng``): advanced in place
            by the one-stream draw; the blocked draw derives each block's stream from it.
        extra_followers, extra_counts: followers of the accounts after the users, as runs:
            account ``n + b`` is followed by the next ``extra_counts[b]`` (int64) entries of
            ``extra_followers`` (int32 user ids).
        blocked_min_users: from this many users the follows are drawn in blocks, each from a
            stream of its own, on numba's threads; default ``BLOCKED_MIN_USERS``.

    Returns:
        ``(indptr, indices)``: int64 (n + len(extra_counts) + 1,) and int32 (edges,).
    """
    n = outdeg.shape[0]
    # One alias table per community (over its own id range) and one over everyone, so each
    # followee is drawn in O(1) instead of by a binary search over cumulative weights. The two
    # are independent: on large graphs the global one is built on a second thread (the compiled
    # builder releases the GIL), which changes no number; not where this thread was told to use
    # one of numba's threads (a sweep's worker, whose neighbours keep the other cores busy).
    everyone = np.array([0, n], dtype=np.int64)
    if (outdeg.shape[0] and int(outdeg.sum()) >= PARALLEL_MIN_EDGES
            and numba.get_num_threads() > 1):
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(_alias_tables, popularity, everyone, np.empty(2 * n))
            local_table = _alias_tables(popularity, comm_start, np.empty(2 * n))
            global_table = job.result()
    else:
        local_table = _alias_tables(popularity, comm_start, np.empty(2 * n))
        global_table = _alias_tables(popularity, everyone, np.empty(2 * n))
    follows = np.empty(int(outdeg.sum()), dtype=np.int32)
    made = np.zeros(n, dtype=np.int32)
    n_back = np.zeros(n, dtype=np.int64)
    draw = (community, comm_start, local_table, global_table, outdeg, homophily, reciprocity)
    if n >= (BLOCKED_MIN_USERS if blocked_min_users is None else blocked_min_users):
        n_in, m = _draw_in_blocks(draw, state, follows, made, n_back)
    else:
        n_in = np.zeros(n, dtype=np.int64)
        m = _draw_follows(*draw, state, follows, made, n_in, n_back, 0, n, 0,
                          n >= PREFETCH_MIN_USERS)
    del local_table, global_table, draw
    return _build_csr(follows[:m], made, n_in, n_back, extra_followers, extra_counts)


def _draw_in_blocks(draw, state, follows, made, n_back):
    """``_draw_follows`` over ``GRAPH_BLOCKS`` blocks of consecutive users on numba's threads,
    block b from the stream ``seed_run_state(state, b)``. Each block writes its follows where
    they would start were no self-follow given up, so the blocks are independent; gaps left by
    such give-ups (only in communities of one or two users) are closed afterwards. Each thread
    counts received follows in a row of its own, summed at the end: the same sums whatever the
    number of threads (the rows live only while the follows are drawn, below the peak the CSR's
    construction reaches). Returns ``(n_in, m)`` as the one-stream draw's."""
    outdeg = draw[4]
    n = outdeg.shape[0]
    bounds = np.linspace(0, n, GRAPH_BLOCKS + 1).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(outdeg)))[bounds]
    threads = min(max(1, numba.get_num_threads()), GRAPH_BLOCKS)
    n_in_by_thread = np.zeros((threads, n), dtype=np.int64)
    ends = np.empty(GRAPH_BLOCKS, dtype=np.int64)
    _draw_blocks(*draw, state, follows, made, n_in_by_thread, n_back, bounds, offsets, ends,
                 n >= PREFETCH_MIN_USERS)
    n_in = n_in_by_thread[0] if threads == 1 else n_in_by_thread.sum(axis=0)
    del n_in_by_thread
    m = int(ends[0])
    for b in range(1, GRAPH_BLOCKS):
        k = int(ends[b] - offsets[b])
        if m != offsets[b]:
            follows[m:m + k] = follows[offsets[b]:ends[b]].copy()
        m += k
    return n_in, m


@njit(cache=True, parallel=True)
def _draw_blocks(community, comm_start, local_table, global_table, outdeg, homophily,
                 reciprocity, base, follows, made, n_in_by_thread, n_back, bounds, offsets,
                 ends, ahead):
    """Draw block b (users ``bounds[b] .. bounds[b+1]-1``, follows from ``offsets[b]``) from
    its own stream; thread t takes blocks t, t + threads, ... and counts into its own row of
    ``n_in_by_thread``. ``ends[b]``: where block b's follows end."""
    threads = n_in_by_thread.shape[0]
    blocks = bounds.shape[0] - 1
    for t in prange(threads):
        state = np.empty(4, dtype=np.uint64)
        n_in = n_in_by_thread[t]
        for b in range(t, blocks, threads):
            xr.seed_run_state(base, b, state)
            ends[b] = _draw_follows(community, comm_start, local_table, global_table, outdeg,
                                    homophily, reciprocity, state, follows, made, n_in, n_back,
                                    bounds[b], bounds[b + 1], offsets[b], ahead)


@njit(cache=True, nogil=True)
def _alias_tables(weights, bounds, table):
    """Walker/Vose alias tables for each id range ``bounds[c] .. bounds[c+1]`` of ``weights``.

    Fills and returns ``table``, float64 (2n,): to draw from range c, pick a slot j uniformly
    in the range, keep j with probability ``table[2j]``, else take ``table[2j + 1]`` (an id
    inside the same range, exact as a float below 2**53). The chance and the alias share 16
    bytes, so a draw touches one cache line: at millions of users the tables outgrow the cache
    and each draw is a miss.
    """
    n = weights.shape[0]
    for i in range(n):
        table[2 * i] = 1.0
        table[2 * i + 1] = i
    small = np.empty(n, dtype=np.int32)
    large = np.empty(n, dtype=np.int32)
    for c in range(bounds.shape[0] - 1):
        lo, hi = bounds[c], bounds[c + 1]
        size = hi - lo
        if size <= 0:
            continue
        total = 0.0
        for i in range(lo, hi):
            total += weights[i]
        ns = 0
        nl = 0
        for i in range(lo, hi):
            p = weights[i] * size / total
            table[2 * i] = p
            if p < 1.0:
                small[ns] = i
                ns += 1
            else:
                large[nl] = i
                nl += 1
        while ns > 0 and nl > 0:
            ns -= 1
            s = small[ns]
            g = large[nl - 1]
            table[2 * s + 1] = g
            table[2 * g] = table[2 * g] + table[2 * s] - 1.0
            if table[2 * g] < 1.0:
                nl -= 1
                small[ns] = g
                ns += 1
        for k in range(nl):  # leftovers are 1 up to rounding
            table[2 * large[k]] = 1.0
        for k in range(ns):
            table[2 * small[k]] = 1.0
    return table


# How far ahead the follow loop prefetches: the popularity-table row of the follow _PF_TABLE
# follows ahead, and the received-follows counter of the one _PF_COUNT ahead (whose table row is
# cached by then). The one-thread scatter into CSR rows looks ahead _PF_ROW edges for the row
# cursor and _PF_SLOT edges for the slot it points at. Prefetches are hints: results do not
# depend on them.
_PF_TABLE = 16
_PF_COUNT = 6
_PF_ROW = 16
_PF_SLOT = 6
# Uniforms drawn ahead of use (a power of two above 4 * _PF_TABLE + 4): the follow loop reads
# the draws of follows to come to know their addresses, in the stream's own order.
_RING = 128


@njit(inline="always", cache=True)
def _peek_followee(ring, p, lo, size, n, local_first, homophily):
    """The table slot the follow whose draws start at ring position ``p`` would read, supposing
    it is drawn like the current one (same community, no self-follow): a guess, for prefetching.
    Returns (slot, ``lo`` if in the community's table, else -1)."""
    if local_first and ring[p & (_RING - 1)] < homophily:
        s = lo + np.int64(ring[(p + 1) & (_RING - 1)] * size)
    else:
        s = np.int64(ring[(p + 1) & (_RING - 1)] * n)
        lo = -1  # marks the global table
    return s, lo


@njit(cache=True, nogil=True)
def _draw_follows(community, comm_start, local_table, global_table, outdeg, homophily,
                  reciprocity, state, follows, made, n_in, n_back, u0, u1, m, ahead):
    """Follow edges with homophily, popularity and reciprocity, for users ``u0 .. u1-1``.

    A user picks each followee inside its own community with probability ``homophily``, else
    anywhere, in proportion to popularity (alias tables, see ``_alias_tables``). Each follow is
    returned with probability ``reciprocity``. Duplicates are removed later, per CSR row.

    The uniforms come from ``state`` in the stream's order, through a ring of ``_RING`` drawn
    ahead. With ``ahead``, the loop reads the ring to see which table rows and counters the next
    follows will touch and prefetches them: at millions of users nearly every one is a cache
    miss. Without it (tables that fit in the cache) it skips that work; the follows are the
    same either way.

    Fills (``made``, ``n_in`` and ``n_back`` arrive zeroed) and returns where the follows end:
        follows: int32 (sum of outdeg,); from ``m`` on, each user's followees in the order
            drawn, user after user; a follow that is returned is stored as ``~j``
            (negative), so one array holds both directions (a fifth of the memory of source and
            target arrays of every edge).
        made: int32 (n,), follows user i made (``outdeg[i]`` less self-follows given up).
        n_in: (n,), follows each user received from others' picks (before duplicates).
        n_back: int64 (n,), follows each user's own followees returned to it.
    """
    n = outdeg.shape[0]
    mask = _RING - 1
    ring = np.empty(_RING)
    for k in range(_RING):
        ring[k] = xr.uniform(state)
    r = 0  # ring position of the next uniform
    for i in range(u0, u1):
        c = community[i]
        lo = comm_start[c]
        size = comm_start[c + 1] - lo
        first = m
        for _ in range(outdeg[i]):
            if ahead:
                # A follow usually takes four uniforms (community, slot, alias, returned).
                s, where = _peek_followee(ring, r + 4 * _PF_TABLE, lo, size, n,
                                          size > 1, homophily)
                prefetch(local_table if where >= 0 else global_table, 2 * s)
                s, where = _peek_followee(ring, r + 4 * _PF_COUNT, lo, size, n,
                                          size > 1, homophily)
                t = local_table if where >= 0 else global_table
                if ring[(r + 4 * _PF_COUNT + 2) & mask] >= t[2 * s]:
                    s = np.int64(t[2 * s + 1])
                prefetch_write(n_in, s)
            j = i
            for _try in range(8):  # redraw self-follows; give up on tiny communities
                local = False
                if size > 1:
                    u = _next(ring, r, mask, state)
                    r += 1
                    local = u < homophily
                # Selects rather than branches: the chances are coin flips the CPU cannot
                # predict, and a missed guess costs more than the work both ways.
                u = _next(ring, r, mask, state)
                r += 1
                t = local_table if local else global_table
                j = (lo if local else 0) + np.int64(u * (size if local else n))
                u = _next(ring, r, mask, state)
                r += 1
                alias = np.int64(t[2 * j + 1])
                j = alias if u >= t[2 * j] else j
                if j != i:
                    break
            if j == i:
                continue
            n_in[j] += 1
            u = _next(ring, r, mask, state)
            r += 1
            back = u < reciprocity
            follows[m] = ~j if back else j
            n_back[i] += back
            m += 1
        made[i] = m - first
    return m


@njit(inline="always", cache=True)
def _next(ring, r, mask, state):
    """The stream's next uniform, from the ring (refilled behind it)."""
    u = ring[r & mask]
    ring[r & mask] = xr.uniform(state)
    return u


def _build_csr(follows, made, n_in, n_back, extra_followers, extra_counts):
    """The follower CSR of users and component accounts, rows sorted and without duplicates.

    Users' rows come from ``_draw_follows``' output: row v holds every i that picked v, then
    every followee of v that returned the follow. Writing the picks user by user leaves that
    first part of each row already ascending, so a row needs only its returned follows sorted
    (a handful) and one merge, never a sort of a popular account's long row. Component
    accounts' rows (after the users') are runs of ``extra_followers``, ``extra_counts[b]`` for
    account b.

    From ``PARALLEL_MIN_EDGES`` edges on, the scatter and the tidying of rows go through buckets
    of rows on numba's threads (``_scatter_by_buckets``), with the same result whatever the
    number of threads.
    Returns int64 (n_accounts+1,) row pointers and int32 indices. O(edges).
    """
    n, nb = made.shape[0], extra_counts.shape[0]
    start = np.zeros(n + nb + 1, dtype=np.int64)
    np.add(n_in, n_back, out=start[1:n + 1])
    start[n + 1:] = extra_counts
    np.cumsum(start, out=start)
    idx = np.empty(int(start[-1]), dtype=np.int32)
    idx[start[n]:] = extra_followers
    threads = max(1, numba.get_num_threads()) if start[-1] >= PARALLEL_MIN_EDGES else 1
    first = np.empty(n + nb, dtype=np.int64)
    longest_back = int(n_back.max()) if n else 0
    if threads == 1:
        _scatter_part(follows, made, n_in, start, idx, n >= PREFETCH_MIN_USERS)
        _tidy_chunk(idx, start, n_in, n, first, 0, n + nb, np.empty(longest_back, np.int32))
    else:
        _scatter_by_buckets(follows, made, n_in, start, idx, first, threads, longest_back)
        _tidy_chunk(idx, start, n_in, n, first, n, n + nb, np.empty(longest_back, np.int32))
    indptr = np.empty(n + nb + 1, dtype=np.int64)
    w = _compact_rows(idx, start, first, indptr)
    return indptr, idx[:w]


# Rows per bucket of the two-pass scatter: a bucket's rows (about 80 KB a thousand rows at 20
# follows a user) stay in a core's own cache while they are filled and tidied. A row's place in
# its bucket fits 16 bits.
_BUCKET_BITS = 12


def _scatter_by_buckets(follows, made, n_in, start, idx, first, threads, longest_back):
    """Scatter the follows into the users' rows and tidy them, in two passes over buckets of
    ``2**_BUCKET_BITS`` consecutive rows: the first streams every entry into its bucket's own
    stretch of ``idx`` (the stretch its rows will fill), with its row's place in the bucket
    beside it; the second moves each bucket's entries into their rows and tidies the rows while
    they are cached. Writing straight into rows spread over the whole graph misses the caches
    on nearly every edge at a million users. Users are split in ``threads`` parts of about equal
    follows for the first pass, in order, so every bucket lists its entries by follower as the
    one-thread scatter does: the rows are the same whatever the number of threads."""
    n = made.shape[0]
    buckets = (n + (1 << _BUCKET_BITS) - 1) >> _BUCKET_BITS
    edge_at = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(made, out=edge_at[1:])
    parts = np.searchsorted(edge_at, np.linspace(0, edge_at[n], threads + 1)[1:-1])
    parts = np.concatenate(([0], parts, [n])).astype(np.int64)
    counts = np.zeros((threads, buckets), dtype=np.int64)
    _count_buckets(follows, made, edge_at, parts, counts)
    # Part p's entries for bucket b go after those of the parts before it.
    cursor = (start[np.arange(buckets) << _BUCKET_BITS] + np.cumsum(counts, axis=0)) - counts
    del counts
    slot = np.empty(int(start[n]), dtype=np.uint16)
    _fill_buckets(follows, made, edge_at, parts, cursor, idx, slot)
    del cursor
    _empty_buckets(idx, slot, start, n_in, n, first, longest_back)


@njit(cache=True, parallel=True)
def _count_buckets(follows, made, edge_at, parts, counts):
    """Entries each part of users sends to each bucket: a pick to its followee's, a returned
    follow also to its picker's."""
    for p in prange(parts.shape[0] - 1):
        e = edge_at[parts[p]]
        for i in range(parts[p], parts[p + 1]):
            for _ in range(made[i]):
                f = follows[e]
                e += 1
                j = f if f >= 0 else ~f
                counts[p, j >> _BUCKET_BITS] += 1
                if f < 0:
                    counts[p, i >> _BUCKET_BITS] += 1


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
def _empty_buckets(idx, slot, start, n_in, n, first, longest_back):
    """Move each bucket's entries into its rows (picks to the front in the order listed,
    returned follows to the back) and tidy the rows (``_tidy_chunk``)."""
    buckets = (n + (1 << _BUCKET_BITS) - 1) >> _BUCKET_BITS
    for b in prange(buckets):
        r0 = b << _BUCKET_BITS
        r1 = min(r0 + (1 << _BUCKET_BITS), n)
        lo, hi = start[r0], start[r1]
        vals = idx[lo:hi].copy()
        fill = np.empty(r1 - r0, dtype=np.int64)
        back = np.empty(r1 - r0, dtype=np.int64)
        for k in range(r1 - r0):
            fill[k] = start[r0 + k]
            back[k] = start[r0 + k] + n_in[r0 + k]
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


