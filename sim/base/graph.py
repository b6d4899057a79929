"""The follow graph as CSR arrays, and the one function that builds them from edge lists.

Convention (shared by the feed kernel, the audience and the plain independent cascade): row ``u``
of the CSR lists the accounts that see what ``u`` shares, i.e. ``u``'s followers, which are its
out-neighbours in a diffusion. ``indices[indptr[u]:indptr[u + 1]]`` is that row.

The audience builds its graph from drawn follow edges (rows sorted, duplicate follows dropped);
:func:`sim.engine.diffusion_inputs.to_csr` builds one from a NetworkX graph (rows in NetworkX's
adjacency order, parallel edges kept, because the order of a row decides which trial meets
which random number). Both go through :func:`csr_from_edges`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

# dtypes of the CSR arrays, declared once; every builder allocates with these.
GRAPH_DTYPES = {
    # Row pointers count edges: a large audience can pass 2**31 follows, so 64 bits.
    "indptr": np.dtype(np.int64),
    # Account ids: below 2**31 (checked where graphs come in); 32 bits halve the largest array.
    "indices": np.dtype(np.int32),
}


class Graph(NamedTuple):
    """A directed graph as CSR arrays (numba reads it as a typed named tuple).

    Attributes:
        indptr: int64, shape (n + 1,): row ``u`` is ``indices[indptr[u]:indptr[u + 1]]``.
        indices: int32, shape (m,): the accounts each row's account reaches (its followers).
    """

    indptr: np.ndarray
    indices: np.ndarray


SHORT_ROW = 32  # rows up to this length are insertion-sorted in place


@njit(cache=True)
def sort_run(idx, lo, hi):
    """Sort ``idx[lo:hi]`` in place: insertion sort for short runs (most rows: no allocation per
    row), else NumPy's."""
    if hi - lo > SHORT_ROW:
        idx[lo:hi] = np.sort(idx[lo:hi])
        return
    for i in range(lo + 1, hi):
        x = idx[i]
        j = i - 1
        while j >= lo and idx[j] > x:
            idx[j + 1] = idx[j]
            j -= 1
        idx[j + 1] = x


@njit(inline="always", cache=True)
def unique_run(idx, lo, hi, w):
    """Copy the distinct values of the sorted run ``idx[lo:hi]`` to ``idx[w:]`` (``w <= lo``, so
    nothing unread is overwritten) and return where the copy ends."""
    last = -1
    for i in range(lo, hi):
        x = idx[i]
        if x != last:
            idx[w] = x
            w += 1
            last = x
    return w


@njit(cache=True)
def csr_from_edges(rows, cols, n, unique):
    """Group the edges ``rows[e] -> cols[e]`` by row into CSR arrays. O(n + m).

    A counting sort, so it is stable: without ``unique`` each row keeps the edges in input order
    (the order a stable ``argsort`` of ``rows`` gives) and parallel edges stay.

    Args:
        rows: integer array (m,), the row of each edge, each in ``0 .. n-1``.
        cols: integer array (m,), the entry of each edge, each in ``0 .. n-1`` (stored as int32).
        n: number of rows.
        unique: if True, sort each row and drop duplicate entries.

    Returns:
        ``(indptr, indices)``: int64 (n + 1,) and int32 (m',), ``m' <= m``.
    """
    m = rows.shape[0]
    counts = np.zeros(n + 1, dtype=np.int64)
    for e in range(m):
        counts[rows[e] + 1] += 1
    for v in range(n):
        counts[v + 1] += counts[v]
    fill = counts[:-1].copy()
    idx = np.empty(m, dtype=np.int32)
    for e in range(m):
        v = rows[e]
        idx[fill[v]] = cols[e]
        fill[v] += 1
    if not unique:
        return counts, idx
    # Sort each row and squeeze out duplicates, compacting in place.
    indptr = np.empty(n + 1, dtype=np.int64)
    indptr[0] = 0
    w = 0
    for v in range(n):
        lo, hi = counts[v], counts[v + 1]
        sort_run(idx, lo, hi)
        w = unique_run(idx, lo, hi, w)
        indptr[v + 1] = w
    return indptr, idx[:w].copy()
