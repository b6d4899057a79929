"""Plain independent-cascade (IC) diffusion on a directed graph, as a fast numba kernel.

The independent cascade (Kempe, Kleinberg & Tardos, KDD 2003): the seeds are active at step 0;
every node activated at step t gets exactly one chance to activate each of its out-neighbours,
independently with probability ``p``; the cascade stops when a step activates nobody. Its size
is the number of active nodes at the end, seeds included.

Graph convention (shared across the project): CSR of OUT-neighbours, ``indptr`` int64 of shape
(n+1,) and ``indices`` int32 of shape (m,); row ``u`` lists the nodes ``u`` can activate (in the
feed model, the followers of ``u``, who see what ``u`` shares).

Why the kernel is shaped the way it is:

* A stamp array (int32, one slot per node, "visited in run r" when it holds r) marks active
  nodes, so nothing is cleared between runs: a run costs time in its own cascade, not in n.
* Failed trials are never drawn one by one. On a row that expects a fraction of a success, the
  number of failures before the next success of a Bernoulli(p) stream is geometric, so one
  uniform per *success* (``_geo``) jumps over the failures: at p = 0.05, ~20x fewer random
  numbers than one per edge. On rows that expect more, 64 trials are drawn at once as a bit
  mask (``_bernoulli_mask``, about 7 generator outputs per 64 trials, no logarithm). Both are
  exact Bernoulli(p) trials (:mod:`sim.engine.diffusion_trials`). A success that lands on an
  already active node is wasted, exactly as in IC, so the law of the final active set is
  unchanged.
* Two searches, chosen by the graph's size (``_plain_fits``). On a graph beyond the cache the
  search is batched and prefetched, since every step is a cache miss (``_cascade_chunk``); on a
  graph that fits in L1/L2 nothing waits on memory, and a plain breadth-first queue that pushes
  without a branch does less per trial (``_plain_chunk``), and draws rows of at most 16 trials
  a byte per trial. Both are exact IC; where every row is one mask of 17 to 64 trials they give
  the same runs bit for bit.
* Each run has its own xoshiro256** stream whose state depends only on ``(seed, run index)``
  (:func:`sim.base.rng.seed_run_state`); runs are split into contiguous chunks for ``prange``, so
  the output is bit-identical for a seed whatever the number of threads.

What it shares with the feed kernel (:mod:`sim.engine.kernel`): the graph convention and CSR builder
(:mod:`sim.base.graph`) and the generator (:mod:`sim.base.rng`; its xoshiro256** step is repeated
here on a state held in locals). Its search is its own; see ``_cascade_chunk`` for why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange, uint64

from sim.base.graph import Graph
from sim.base.prefetch import prefetch
from sim.base.rng import seed_run_state
from sim.engine.diffusion_inputs import GraphLike, SeedLike, as_csr, as_seed_sequence, as_seeds
from sim.engine.diffusion_trials import (
    _SHORT_ROWS,
    _bernoulli_mask,
    _bernoulli_short,
    _cttz,
    _geo_left,
    _trial_plan,
)

__all__ = ["CascadeStats", "independent_cascade", "independent_cascade_stats"]


# The search works in batches of _BATCH candidates (see ``_cascade_chunk``), so a candidate's
# stamp and row bounds, prefetched when it is found, are read up to _BATCH finds later; the first
# slot of the job _JOB_AHEAD places behind the queue head is fetched when the head moves. Batches
# of 32, 64 and 256 measured alike; 64 keeps the prefetched lines well inside L1. Prefetches are
# hints and never change results.
_BATCH = 64
_JOB_AHEAD = 4

# Graphs whose search works in at most this many bytes (see ``_plain_fits``) take the plain
# queue of ``_plain_chunk``; larger ones the batched, prefetched search of ``_cascade_chunk``.
# 2 MiB, one core's L2 on this project's machine: about 37,000 nodes at out-degree 10. Measured
# there, the plain queue runs 12-43% more cascades per second up to 35,000 nodes on three graph
# kinds of four and loses 6% on the fourth (clustered, with hubs); at 5 MiB it loses on three.
_PLAIN_MAX_BYTES = 2 * 2**20


class CascadeStats(NamedTuple):
    """Per-run results of :func:`independent_cascade_stats`.

    Attributes:
        sizes: int64, shape (runs,): active nodes at the end of each run, seeds included.
        impressions: int64, shape (runs,): edge trials of each run, the sum of the out-degrees of
            its active nodes. In the feed model this is the number of times a share was put in
            front of a follower (an impression), whether or not the follower then shared.
    """

    sizes: np.ndarray
    impressions: np.ndarray


# --------------------------------------------------------------------------- kernel


@njit(cache=True)
def _cascade_chunk(graph, seeds, trials, base, r0, r1, sizes, impressions):
    """Run IC for runs r0 <= r < r1 serially, writing ``sizes[r]`` and ``impressions[r]``.

    Shapes/dtypes: ``graph`` a :class:`sim.base.graph.Graph` (indptr int64 (n+1,), indices
    int32 (m,)), seeds int64 (k,) distinct and in range, base uint64 (4,), sizes/impressions
    int64 (runs,). ``trials`` (a :class:`Trials`): ``pbits`` is floor(p * 2**64) (``p_one``
    for p = 1), ``log1mp`` = log(1 - p). A row of length d is tried with
    :func:`_bernoulli_mask` in blocks of 64 when ``mask_from <= d < mask_below``, else by
    geometric skips (:func:`_geo_left`); both are exact Bernoulli(p) trials, the split is only
    speed. Owns its workspace (stamp int32 (n,), job queue 2 x int64 + uint64 (n,), 28n bytes) so
    chunks can run on different threads.

    The search is batched rather than a plain breadth-first queue. On large graphs every step
    is a cache miss on a random node, and on small ones a branch mispredicted on whether a
    target was already active costs as much as the trial. So a batch of up to ``_BATCH``
    *candidates* (targets of successful trials) is gathered from the queue of *jobs* (rows of
    active nodes still to try), prefetching each candidate's stamp and row bounds as it is
    found; then the whole batch is marked active without a branch, keeping those that were not
    (step 1); then each of those draws its row's first success and queues its row, prefetching
    the first slot to be read (step 2). A row without a success is never queued or read. The
    final active set of IC is the set reachable from the seeds over edges whose one trial
    succeeds, whatever order the trials are made in, so the order changes no law, only speed.

    Why this search is not the feed kernel's (``sim.engine.kernel._drain``), though both walk a FIFO
    of sharers over the same CSR rows: here every edge is one Bernoulli(p) trial with the same p,
    so trials can be drawn 64 at a time or skipped geometrically, and a success only marks the
    node. In the feed every follower in a row is a viewer with its own activity, interest and
    trust, who must be drawn for (activity, then ``sim.base.rules.decide``) one by one and whose
    reaction updates ledgers and the diffusion tree; nothing can be skipped, so there is no
    common inner loop to share without slowing one of them or changing its draws.
    """
    indptr, indices = graph.indptr, graph.indices
    pbits, p_one, log1mp = trials.pbits, trials.p_one, trials.log1mp
    mask_from, mask_below, skip_at = trials.mask_from, trials.mask_below, trials.skip_at
    n = indptr.shape[0] - 1
    k = seeds.shape[0]
    stamp = np.zeros(n, dtype=np.int32)  # stamp[v] == r - r0 + 1  <=>  v active in run r
    # Jobs: rows still to try, FIFO; each node queues at most one. jq >= 0: next success at jq
    # (geometric rows); jq < 0: the 64-block starting at -jq - 1, whose successes are mq
    # (mask rows). bq: row end.
    jq = np.empty(n, dtype=np.int64)
    bq = np.empty(n, dtype=np.int64)
    mq = np.empty(n, dtype=np.uint64)
    cand = np.empty(max(k, _BATCH + 64), dtype=np.int32)  # targets of successful trials
    fresh = np.empty(cand.shape[0], dtype=np.int32)  # the candidates that were not yet active
    st = np.empty(4, dtype=np.uint64)
    all_lanes = uint64(0xFFFFFFFFFFFFFFFF)
    for r in range(r0, r1):
        mark = np.int32(r - r0 + 1)
        seed_run_state(base, r, st)
        s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
        size = 0
        trials = np.int64(0)
        rh = 0  # job queue head, tail
        rt = 0
        nc = 0
        for i in range(k):  # the seeds are the first candidates
            cand[nc] = seeds[i]
            nc += 1
        while nc > 0:
            # 1. Mark the batch of candidates; keep those that were not active (no branch).
            nf = 0
            for i in range(nc):
                w = cand[i]
                fresh[nf] = w
                nf += stamp[w] != mark
                stamp[w] = mark
            # 2. Each newly active node draws its row's first success and queues the row.
            size += nf
            for i in range(nf):
                w = fresh[i]
                a = indptr[w]
                b = indptr[w + 1]
                d = b - a
                trials += d
                if mask_from <= d < mask_below:
                    blk = a
                    while blk < b:
                        dd = b - blk
                        lanes = all_lanes if dd >= 64 else (uint64(1) << uint64(dd)) - uint64(1)
                        if p_one:
                            m = lanes
                        else:
                            m, s0, s1, s2, s3 = _bernoulli_mask(s0, s1, s2, s3, pbits, lanes, dd)
                        if m != uint64(0):
                            jq[rt] = -blk - 1
                            bq[rt] = b
                            mq[rt] = m
                            rt += 1
                            prefetch(indices, blk + np.int64(_cttz(m)))
                            break
                        blk += 64
                elif d > 0:
                    g, s0, s1, s2, s3 = _geo_left(s0, s1, s2, s3, log1mp, skip_at, d)
                    if a + g < b:
                        jq[rt] = a + g
                        bq[rt] = b
                        rt += 1
                        prefetch(indices, a + g)
            # 3. Jobs from the head emit the next batch of candidates (prefetching what step 1
            # and 2 will read), a whole 64-block or geometric success at a time.
            nc = 0
            while rh < rt and nc < _BATCH:
                j = jq[rh]
                b = bq[rh]
                if j >= 0:
                    while True:
                        v = indices[j]
                        prefetch(stamp, v)
                        prefetch(indptr, v)
                        cand[nc] = v
                        nc += 1
                        g, s0, s1, s2, s3 = _geo_left(s0, s1, s2, s3, log1mp, skip_at, b - j - 1)
                        j += 1 + g
                        if j >= b or nc >= _BATCH:
                            break
                    done = j >= b
                else:
                    blk = -j - 1
                    m = mq[rh]
                    while m != uint64(0):
                        v = indices[blk + np.int64(_cttz(m))]
                        prefetch(stamp, v)
                        prefetch(indptr, v)
                        cand[nc] = v
                        nc += 1
                        m &= m - uint64(1)
                    # The next block with a success; blocks without one are never read.
                    while True:
                        blk += 64
                        if blk >= b:
                            break
                        dd = b - blk
                        lanes = all_lanes if dd >= 64 else (uint64(1) << uint64(dd)) - uint64(1)
                        if p_one:
                            m = lanes
                        else:
                            m, s0, s1, s2, s3 = _bernoulli_mask(s0, s1, s2, s3, pbits, lanes, dd)
                        if m != uint64(0):
                            break
                    j = -blk - 1
                    mq[rh] = m
                    done = blk >= b
                if done:
                    rh += 1
                    if rh + _JOB_AHEAD < rt:
                        jj = jq[rh + _JOB_AHEAD]
                        if jj < 0:
                            jj = -jj - 1 + np.int64(_cttz(mq[rh + _JOB_AHEAD]))
                        prefetch(indices, jj)
                else:
                    jq[rh] = j
        sizes[r] = size
        impressions[r] = trials


@njit(cache=True)
def _plain_chunk(graph, seeds, trials, base, r0, r1, sizes, impressions):
    """:func:`_cascade_chunk` as a plain breadth-first queue, for graphs that fit in the cache.

    Same arguments and law; its workspace is a stamp and a queue of nodes (8n bytes). Each
    node taken from the queue tries its whole row at once, and each success pushes its target
    without a branch: the target is written at the tail, and the tail moves on only if the
    target was not yet active. When the stamp, rows and queue sit in L1/L2 nothing waits on
    memory, and this loop does less per trial than the batched one (no candidate batch, no job
    queue, no prefetches). A row of at most ``_SHORT_ROWS`` trials is drawn a byte per trial
    whatever p (:func:`_bernoulli_short`: a third to half the time of the digits, and no
    logarithm where a geometric skip would find a success). Both searches
    draw a mask row of 17 to 64 trials whole, row after row in the order their nodes became
    active, so where every row is such a row they give the same runs bit for bit; other rows
    are drawn otherwise or in another order, which changes no law (see ``_cascade_chunk``).
    """
    indptr, indices = graph.indptr, graph.indices
    pbits, p_one, log1mp = trials.pbits, trials.p_one, trials.log1mp
    mask_from, mask_below, skip_at = trials.mask_from, trials.mask_below, trials.skip_at
    n = indptr.shape[0] - 1
    k = seeds.shape[0]
    stamp = np.zeros(n, dtype=np.int32)  # stamp[v] == r - r0 + 1  <=>  v active in run r
    queue = np.empty(n + 1, dtype=np.int32)  # active nodes in order; one spare slot at the tail
    st = np.empty(4, dtype=np.uint64)
    all_lanes = uint64(0xFFFFFFFFFFFFFFFF)
    for r in range(r0, r1):
        mark = np.int32(r - r0 + 1)
        seed_run_state(base, r, st)
        s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
        tried = np.int64(0)
        tail = 0
        for i in range(k):
            w = seeds[i]
            queue[tail] = w
            tail += stamp[w] != mark
            stamp[w] = mark
        head = 0
        while head < tail:
            u = queue[head]
            head += 1
            a = indptr[u]
            b = indptr[u + 1]
            d = b - a
            tried += d
            if d <= _SHORT_ROWS or mask_from <= d < mask_below:
                blk = a
                while blk < b:
                    dd = b - blk
                    lanes = all_lanes if dd >= 64 else (uint64(1) << uint64(dd)) - uint64(1)
                    if p_one:
                        m = lanes
                    elif dd <= _SHORT_ROWS:
                        m, s0, s1, s2, s3 = _bernoulli_short(s0, s1, s2, s3, pbits, dd)
                    else:
                        m, s0, s1, s2, s3 = _bernoulli_mask(s0, s1, s2, s3, pbits, lanes, dd)
                    while m != uint64(0):
                        v = indices[blk + np.int64(_cttz(m))]
                        queue[tail] = v
                        tail += stamp[v] != mark
                        stamp[v] = mark
                        m &= m - uint64(1)
                    blk += 64
            elif d > 0:
                g, s0, s1, s2, s3 = _geo_left(s0, s1, s2, s3, log1mp, skip_at, d)
                j = a + g
                while j < b:
                    v = indices[j]
                    queue[tail] = v
                    tail += stamp[v] != mark
                    stamp[v] = mark
                    if j + 1 == b:  # the row's last trial: no draw for what follows it
                        break
                    g, s0, s1, s2, s3 = _geo_left(s0, s1, s2, s3, log1mp, skip_at, b - j - 1)
                    j += 1 + g
        sizes[r] = tail
        impressions[r] = tried


@njit(cache=True, parallel=True)
def _cascade_runs(graph, seeds, trials, base, runs, n_chunks, plain):
    """All runs, split into ``n_chunks`` contiguous chunks executed with prange, each by
    :func:`_plain_chunk` if ``plain`` else by :func:`_cascade_chunk`.

    Returns (sizes, impressions), int64 (runs,) each. The chunking changes only which thread
    does a run, never the run's stream, so results do not depend on ``n_chunks``.
    """
    sizes = np.empty(runs, dtype=np.int64)
    impressions = np.empty(runs, dtype=np.int64)
    for c in prange(n_chunks):
        r0 = (runs * c) // n_chunks
        r1 = (runs * (c + 1)) // n_chunks
        if plain:
            _plain_chunk(graph, seeds, trials, base, r0, r1, sizes, impressions)
        else:
            _cascade_chunk(graph, seeds, trials, base, r0, r1, sizes, impressions)
    return sizes, impressions


def _plain_fits(n: int, m: int) -> bool:
    """Whether :func:`_plain_chunk` is the faster search for a graph of n nodes and m edges:
    when its working set (row bounds, rows, stamp and queue) fits in ``_PLAIN_MAX_BYTES``."""
    return 8 * (n + 1) + 4 * m + 8 * n <= _PLAIN_MAX_BYTES


# --------------------------------------------------------------------------- public API


def independent_cascade_stats(
    graph: GraphLike,
    p: float,
    seeds: int | Iterable[int] | np.ndarray,
    runs: int,
    seed: SeedLike,
) -> CascadeStats:
    """Run the plain independent cascade ``runs`` times; return sizes and impressions.

    Same arguments and guarantees as :func:`independent_cascade`, which returns only the sizes.

    Returns:
        A :class:`CascadeStats` of two int64 arrays of shape (runs,).
    """
    indptr, indices = as_csr(graph)
    n = indptr.shape[0] - 1
    if isinstance(p, bool) or not isinstance(p, (int, float, np.integer, np.floating)):
        raise TypeError(f"p must be a float in [0, 1], got {type(p).__name__}")
    p = float(p)
    if not (0.0 <= p <= 1.0):  # also rejects NaN
        raise ValueError(f"p must be a probability in [0, 1], got {p}")
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)):
        raise TypeError(f"runs must be an int >= 1, got {type(runs).__name__}")
    runs = int(runs)
    if runs < 1:
        raise ValueError(f"runs must be >= 1 (the number of cascades to simulate), got {runs}")
    if runs >= np.iinfo(np.int32).max:
        raise ValueError(f"runs must be < 2**31 - 1 (the stamp array is int32), got {runs}")
    seed_ids = as_seeds(seeds, n)
    base = as_seed_sequence(seed).generate_state(4, np.uint64)

    n_chunks = max(1, min(runs, get_num_threads()))
    plain = _plain_fits(n, indices.shape[0])
    sizes, impressions = _cascade_runs(
        Graph(indptr, indices), seed_ids, _trial_plan(p), base, runs, n_chunks, plain
    )
    return CascadeStats(sizes, impressions)


def independent_cascade(
    graph: GraphLike,
    p: float,
    seeds: int | Iterable[int] | np.ndarray,
    runs: int,
    seed: SeedLike,
) -> np.ndarray:
    """Simulate the plain independent cascade and return the size of each run.

    Every node activated at step t tries each of its out-neighbours once, at step t+1,
    succeeding independently with probability ``p``.

    Args:
        graph: a ``networkx.DiGraph`` on nodes 0..n-1, or a tuple ``(indptr, indices)`` of CSR
            out-neighbour arrays (indptr shape (n+1,), indices shape (m,), integers). Row u lists
            the nodes u can activate. Passing CSR arrays skips the NetworkX conversion.
        p: probability in [0, 1] that one trial along one edge succeeds.
        seeds: node ids active at the start (an int or a sequence of ints). Duplicates count
            once; an empty sequence gives cascades of size 0.
        runs: number of independent cascades to simulate (>= 1).
        seed: an int or a ``numpy.random.SeedSequence``. Run r's random stream is a function of
            (seed, r) only, so the result is bit-identical for a seed whatever the number of
            numba threads, and the first k runs do not change when ``runs`` grows.

    Returns:
        int64 array of shape (runs,): the number of active nodes at the end of each run, seeds
        included.

    Raises:
        TypeError: graph, seeds, runs, p or seed of the wrong type.
        ValueError: p outside [0, 1], runs < 1, seeds out of range, nodes not 0..n-1, or
            malformed CSR arrays; the message says which and how to fix it.

    Example:
        >>> import networkx as nx
        >>> G = nx.DiGraph([(0, 1), (0, 2), (0, 3)])
        >>> independent_cascade(G, 1.0, [0], runs=2, seed=1).tolist()
        [4, 4]
    """
    return independent_cascade_stats(graph, p, seeds, runs, seed).sizes
