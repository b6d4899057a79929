"""The follow graph of a generated audience: follows drawn user by user, straight into CSR.

Each user picks its followees inside its own community with probability ``homophily``, else
anywhere, in proportion to popularity (Walker alias tables), and each follow is returned with
probability ``reciprocity``. The result is the follower CSR of :mod:`sim.base.graph`: row ``v``
lists the accounts that follow ``v``, sorted and without duplicates.

At millions of users nearly every step is a cache miss (a random row of the popularity tables,
a random counter, a random CSR row), so the draw prefetches what the next follows will touch
(:mod:`sim.base.prefetch`), the large arrays are allocated by NumPy (which asks the kernel for huge
pages, so the random reads and writes miss the TLB far less often), and the CSR is filled
through buckets of rows that stay cached (:mod:`sim.engine.follow_csr`). From
``BLOCKED_MIN_USERS`` users the follows are drawn in fixed blocks of users, each from a stream of
its own, on numba's threads; below it from one stream in one order. Either way a graph depends on
the seed alone, never on the number of threads. The compiled draw takes its inputs and outputs
as named tuples (:class:`Draw`, :class:`Drawn`), as the feed kernel does.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numba
import numpy as np
from numba import njit, prange

from sim.base import rng as xr
from sim.base.prefetch import prefetch, prefetch_write
from sim.engine import follow_csr

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


class Draw(NamedTuple):
    """What the follow draw reads (numba takes it as a typed tuple, as the kernel's inputs):
    each user's community, where each community's ids start, the alias tables over each
    community and over everyone (``_alias_tables``), the follows each user draws, and the
    chances a follow stays in the community and is returned."""

    community: np.ndarray
    comm_start: np.ndarray
    local_table: np.ndarray
    global_table: np.ndarray
    outdeg: np.ndarray
    homophily: float
    reciprocity: float


class How(NamedTuple):
    """How the follow draw works, never what it draws (numba takes it as a typed tuple):
    ``ahead``, look ahead in the uniforms and prefetch the table rows (and counters) the next
    follows touch; ``count``, count the follows as they are drawn: with ``bits`` 0 each
    account's received follows, else the entries each bucket of ``2**bits`` consecutive rows of
    the follower CSR gets (a pick in its followee's, a returned follow also in its picker's;
    see ``sim.engine.follow_csr``)."""

    ahead: bool
    count: bool
    bits: int = 0


class Drawn(NamedTuple):
    """What the follow draw writes (see ``_draw_follows``): the follows, the follows each user
    made and the follows each user's own followees returned to it."""

    follows: np.ndarray
    made: np.ndarray
    n_back: np.ndarray


def build(
    community,
    comm_start,
    popularity,
    outdeg,
    homophily,
    reciprocity,
    state,
    extra_followers,
    extra_counts,
    blocked_min_users=None,
    tables=None,
):
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
        tables: None, or a list holding the two tables of ``alias_tables(popularity,
            comm_start)`` if the caller built them (on large audiences, beside its own draws);
            emptied here, so the tables are freed once the follows are drawn.

    Returns:
        ``(indptr, indices)``: int64 (n + len(extra_counts) + 1,) and int32 (edges,).
    """
    n = outdeg.shape[0]
    if tables is None:
        # The two tables are independent: on large graphs the global one is built on a second
        # thread (the compiled builder releases the GIL), which changes no number; not where
        # this thread was told to use one of numba's threads (a sweep's worker, whose
        # neighbours keep the other cores busy).
        second = (
            outdeg.shape[0]
            and int(outdeg.sum()) >= follow_csr.PARALLEL_MIN_EDGES
            and numba.get_num_threads() > 1
        )
        tables = list(alias_tables(popularity, comm_start, bool(second)))
    local_table, global_table = tables
    tables.clear()
    out = Drawn(
        np.empty(int(outdeg.sum()), dtype=np.int32),
        np.zeros(n, dtype=np.int32),
        np.zeros(n, dtype=np.int64),
    )
    draw = Draw(community, comm_start, local_table, global_table, outdeg, homophily, reciprocity)
    # Large graphs are put in rows through buckets that count each account's picks themselves
    # (``follow_csr``), so the draw need not: counting there is a write to a random account for
    # every follow, which misses the caches as often as the draw's own reads.
    count = int(outdeg.sum()) < follow_csr.PARALLEL_MIN_EDGES
    sent = None
    if n >= (BLOCKED_MIN_USERS if blocked_min_users is None else blocked_min_users):
        n_in, m, sent = _draw_in_blocks(draw, state, out, count)
    else:
        n_in = np.zeros(n if count else 0, dtype=np.int64)
        m = _draw_follows(draw, state, out, n_in, 0, n, 0, How(n >= PREFETCH_MIN_USERS, count))
        n_in = n_in if count else None
    del local_table, global_table, draw
    return follow_csr.build_csr(
        out.follows[:m],
        out.made,
        n_in,
        out.n_back,
        extra_followers,
        extra_counts,
        n >= PREFETCH_MIN_USERS,
        sent,
    )


def alias_tables(popularity, comm_start, second_thread=False):
    """The follow draw's alias tables: one per community (over its own id range) and one over
    everyone, ``(local, global)``, so each followee is drawn in O(1) instead of by a binary
    search over cumulative weights (``_alias_tables``). With ``second_thread`` the global one
    is built on a thread of its own meanwhile (the compiled builder releases the GIL)."""
    n = popularity.shape[0]
    everyone = np.array([0, n], dtype=np.int64)
    if not second_thread:
        local = _alias_tables(popularity, comm_start, np.empty(2 * n))
        return local, _alias_tables(popularity, everyone, np.empty(2 * n))
    with ThreadPoolExecutor(1) as pool:
        job = pool.submit(_alias_tables, popularity, everyone, np.empty(2 * n))
        local = _alias_tables(popularity, comm_start, np.empty(2 * n))
        return local, job.result()


def _draw_in_blocks(draw, state, out, count=True):
    """``_draw_follows`` over ``GRAPH_BLOCKS`` blocks of consecutive users on numba's threads,
    block b from the stream ``seed_run_state(state, b)``. Each block writes its follows where
    they would start were no self-follow given up, so the blocks are independent; gaps left by
    such give-ups (only in communities of one or two users) are closed afterwards. With
    ``count``, each thread counts received follows in a row of its own, summed at the end: the
    same sums whatever the number of threads (the rows live only while the follows are drawn,
    below the peak the CSR's construction reaches). Without it, each block counts the entries
    it sends to each bucket of the follower CSR's rows (a row of ``2**_BUCKET_BITS`` counters,
    cached), which spares the CSR's construction a pass over the follows to count them.
    Returns ``(n_in, m, sent)``: ``n_in`` and ``m`` as the one-stream draw's (``n_in`` None
    without ``count``), and without ``count`` ``sent = (bounds, counts)``, the blocks' bounds
    and their entries by bucket, for ``follow_csr.build_csr`` (else None)."""
    outdeg = draw.outdeg
    n = outdeg.shape[0]
    bounds = np.linspace(0, n, GRAPH_BLOCKS + 1).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(outdeg)))[bounds]
    threads = min(max(1, numba.get_num_threads()), GRAPH_BLOCKS)
    ends = np.empty(GRAPH_BLOCKS, dtype=np.int64)
    ahead = n >= PREFETCH_MIN_USERS
    if count:
        tally = np.zeros((threads, n), dtype=np.int64)
        _draw_blocks(draw, state, out, tally, bounds, offsets, ends, How(ahead, True))
        n_in = tally[0] if threads == 1 else tally.sum(axis=0)
        sent = None
    else:
        bits = follow_csr.BUCKET_BITS
        tally = np.zeros((GRAPH_BLOCKS, (n + (1 << bits) - 1) >> bits), dtype=np.int64)
        _draw_blocks(draw, state, out, tally, bounds, offsets, ends, How(ahead, True, bits))
        n_in, sent = None, (bounds, tally)
    m = int(ends[0])
    for b in range(1, GRAPH_BLOCKS):
        k = int(ends[b] - offsets[b])
        if m != offsets[b]:
            out.follows[m : m + k] = out.follows[offsets[b] : ends[b]].copy()
        m += k
    return n_in, m, sent


@njit(cache=True, parallel=True)
def _draw_blocks(draw, base, out, tally, bounds, offsets, ends, how):
    """Draw block b (users ``bounds[b] .. bounds[b+1]-1``, follows from ``offsets[b]``) from
    its own stream. Counting buckets (``how.bits`` > 0), block b counts into row b of
    ``tally``; else thread t takes blocks t, t + threads, ... and, with ``how.count``, counts
    into its own row of ``tally`` (one a thread). ``ends[b]``: where block b's follows end."""
    blocks = bounds.shape[0] - 1
    if how.bits > 0:  # a row a block: the blocks are shared out as numba sees fit
        for b in prange(blocks):
            state = np.empty(4, dtype=np.uint64)
            xr.seed_run_state(base, b, state)
            ends[b] = _draw_follows(
                draw, state, out, tally[b], bounds[b], bounds[b + 1], offsets[b], how
            )
        return
    threads = tally.shape[0]
    for t in prange(threads):
        state = np.empty(4, dtype=np.uint64)
        n_in = tally[t]
        for b in range(t, blocks, threads):
            xr.seed_run_state(base, b, state)
            ends[b] = _draw_follows(
                draw, state, out, n_in, bounds[b], bounds[b + 1], offsets[b], how
            )


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
# cached by then). Prefetches are hints: results do not depend on them. Once the draw no longer
# counted received follows on large graphs, 28 follows ahead drew a million users' follows in
# about 245 ms of processor time where 16 took 270.
_PF_TABLE = 28
_PF_COUNT = 6
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
def _draw_follows(draw, state, out, n_in, u0, u1, m, how):
    """Follow edges with homophily, popularity and reciprocity, for users ``u0 .. u1-1``.

    A user picks each followee inside its own community with probability ``homophily``, else
    anywhere, in proportion to popularity (alias tables, see ``_alias_tables``). Each follow is
    returned with probability ``reciprocity``. Duplicates are removed later, per CSR row.

    The uniforms come from ``state`` in the stream's order, through a ring of ``_RING`` drawn
    ahead. With ``how.ahead``, the loop reads the ring to see which table rows and counters the next
    follows will touch and prefetches them: at millions of users nearly every one is a cache
    miss. Without it (tables that fit in the cache) it skips that work; the follows are the
    same either way. Without ``how.count`` it leaves ``n_in`` alone (the CSR's buckets count the
    picks themselves), and the follows are again the same.

    Reads ``draw`` (a :class:`Draw`). Fills (``out.made``, ``n_in`` and ``out.n_back`` arrive
    zeroed) and returns where the follows end:
        follows: int32 (sum of outdeg,); from ``m`` on, each user's followees in the order
            drawn, user after user; a follow that is returned is stored as ``~j``
            (negative), so one array holds both directions (a fifth of the memory of source and
            target arrays of every edge).
        made: int32 (n,), follows user i made (``outdeg[i]`` less self-follows given up).
        n_in: (n,), follows each user received from others' picks (before duplicates);
            with ``how.bits`` > 0, entries by bucket of ``2**bits`` rows instead (``How``).
        n_back: int64 (n,), follows each user's own followees returned to it.
    """
    community, comm_start, outdeg = draw.community, draw.comm_start, draw.outdeg
    local_table, global_table = draw.local_table, draw.global_table
    homophily, reciprocity = draw.homophily, draw.reciprocity
    follows, made, n_back = out.follows, out.made, out.n_back
    ahead, count, bits = how.ahead, how.count, how.bits
    prefetch_count = count and bits == 0  # bucket counters are few and stay cached
    n = outdeg.shape[0]
    mask = _RING - 1
    # The generator's state is held in locals for the loop (``xr.step``) and stored back at the
    # end: the same stream, without a store and a load of the state array for every uniform.
    s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
    ring = np.empty(_RING)
    for k in range(_RING):
        x, s0, s1, s2, s3 = xr.step(s0, s1, s2, s3)
        ring[k] = xr.unit(x)
    r = 0  # ring position of the next uniform
    for i in range(u0, u1):
        c = community[i]
        lo = comm_start[c]
        size = comm_start[c + 1] - lo
        first = m
        got_back = 0  # follows returned to i, kept in a register (``n_back[i]`` arrives zeroed)
        for _ in range(outdeg[i]):
            if ahead:
                # A follow usually takes four uniforms (community, slot, alias, returned).
                s, where = _peek_followee(ring, r + 4 * _PF_TABLE, lo, size, n, size > 1, homophily)
                prefetch(local_table if where >= 0 else global_table, 2 * s)
                if prefetch_count:
                    s, where = _peek_followee(
                        ring, r + 4 * _PF_COUNT, lo, size, n, size > 1, homophily
                    )
                    t = local_table if where >= 0 else global_table
                    if ring[(r + 4 * _PF_COUNT + 2) & mask] >= t[2 * s]:
                        s = np.int64(t[2 * s + 1])
                    prefetch_write(n_in, s)
            j = i
            for _try in range(8):  # redraw self-follows; give up on tiny communities
                local = False
                if size > 1:
                    u, s0, s1, s2, s3 = _next(ring, r, mask, s0, s1, s2, s3)
                    r += 1
                    local = u < homophily
                # Selects rather than branches: the chances are coin flips the CPU cannot
                # predict, and a missed guess costs more than the work both ways.
                u, s0, s1, s2, s3 = _next(ring, r, mask, s0, s1, s2, s3)
                r += 1
                t = local_table if local else global_table
                j = (lo if local else 0) + np.int64(u * (size if local else n))
                u, s0, s1, s2, s3 = _next(ring, r, mask, s0, s1, s2, s3)
                r += 1
                alias = np.int64(t[2 * j + 1])
                j = alias if u >= t[2 * j] else j
                if j != i:
                    break
            if j == i:
                continue
            if count:
                n_in[j >> bits] += 1
            u, s0, s1, s2, s3 = _next(ring, r, mask, s0, s1, s2, s3)
            r += 1
            back = u < reciprocity
            follows[m] = ~j if back else j
            got_back += back
            m += 1
        made[i] = m - first
        n_back[i] = got_back
        if count and bits:
            n_in[i >> bits] += got_back
    state[0], state[1], state[2], state[3] = s0, s1, s2, s3
    return m


@njit(inline="always", cache=True)
def _next(ring, r, mask, s0, s1, s2, s3):
    """The stream's next uniform, from the ring (refilled behind it, from the generator's
    state ``s0 .. s3``): ``(u, s0, s1, s2, s3)``."""
    u = ring[r & mask]
    x, s0, s1, s2, s3 = xr.step(s0, s1, s2, s3)
    ring[r & mask] = xr.unit(x)
    return u, s0, s1, s2, s3
