"""What the plain independent cascade (:mod:`sim.engine.diffusion`) takes: a graph as CSR arrays
(from a NetworkX DiGraph or ``(indptr, indices)``), its seed nodes and a random seed, each checked
with an error that says what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from sim.base.graph import GRAPH_DTYPES, Graph, csr_from_edges

GraphLike = nx.DiGraph | Graph | tuple[np.ndarray, np.ndarray]
SeedLike = int | np.integer | np.random.SeedSequence


def to_csr(G: nx.DiGraph) -> Graph:
    """Turn a NetworkX DiGraph on nodes 0..n-1 into CSR arrays of out-neighbours.

    Edges are pulled out in one pass into a NumPy array and grouped by source with the
    project's stable counting sort (:func:`sim.base.graph.csr_from_edges`), so each row keeps
    NetworkX's adjacency order and no per-node Python loop runs.

    Args:
        G: a directed graph whose nodes are exactly the integers 0..n-1 (any insertion order).
            A MultiDiGraph is accepted; each parallel edge is then a separate trial.

    Returns:
        A :class:`sim.base.graph.Graph` ``(indptr, indices)``: int64 of shape (n+1,) and int32 of
        shape (m,); row u is ``indices[indptr[u]:indptr[u+1]]``, the nodes u points to.

    Raises:
        TypeError: if ``G`` is not a NetworkX DiGraph (an undirected graph is refused rather than
            guessed at: pass ``G.to_directed()`` for a trial in both directions).
        ValueError: if the nodes are not exactly 0..n-1.
    """
    if not isinstance(G, nx.DiGraph):
        if isinstance(G, nx.Graph):
            raise TypeError(
                "graph is an undirected NetworkX Graph; independent cascade needs directions. "
                "Pass G.to_directed() to let every edge act both ways, or build an nx.DiGraph."
            )
        raise TypeError(
            f"graph must be a networkx.DiGraph or a tuple (indptr, indices), got {type(G).__name__}"
        )
    n = G.number_of_nodes()
    if n >= np.iinfo(np.int32).max:
        raise ValueError(f"graph has {n} nodes; node ids must fit in int32 (< 2**31 - 1)")
    _check_node_labels(G, n)
    m = G.number_of_edges()
    # One flat pass over (u, v) pairs; MultiDiGraph.edges() yields (u, v) too (keys omitted).
    flat = np.fromiter((x for e in G.edges() for x in e), dtype=np.int64, count=2 * m).reshape(m, 2)
    # Not ``unique``: rows keep NetworkX's order and parallel edges, as documented above.
    src, dst = np.ascontiguousarray(flat[:, 0]), np.ascontiguousarray(flat[:, 1])
    return Graph(*csr_from_edges(src, dst, n, False))


def _check_node_labels(G: nx.DiGraph, n: int) -> None:
    fix = "relabel with networkx.convert_node_labels_to_integers(G) first"
    try:
        nodes = np.fromiter(G.nodes, dtype=np.int64, count=n)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"graph nodes must be the integers 0..{n - 1}; {fix}") from None
    # Booleans and floats like 1.0 would pass np.int64 conversion; insist on real ints.
    if n and not all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in G.nodes):
        raise ValueError(f"graph nodes must be the integers 0..{n - 1}; {fix}")
    if n and (nodes.min() != 0 or nodes.max() != n - 1 or np.unique(nodes).size != n):
        raise ValueError(
            f"graph nodes must be exactly 0..{n - 1} (found ids from {nodes.min()} to "
            f"{nodes.max()}); {fix}"
        )


def as_csr(graph: GraphLike) -> Graph:
    """Validate ``graph`` and return contiguous CSR arrays (dtypes of ``GRAPH_DTYPES``)."""
    if isinstance(graph, nx.Graph):
        return to_csr(graph)  # type: ignore[arg-type]
    if not (isinstance(graph, tuple) and len(graph) == 2):
        raise TypeError(
            "graph must be a networkx.DiGraph on nodes 0..n-1 or a tuple (indptr, indices) of "
            f"CSR out-neighbour arrays, got {type(graph).__name__}"
        )
    indptr = np.asarray(graph[0])
    indices = np.asarray(graph[1])
    for name, arr in (("indptr", indptr), ("indices", indices)):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
        if arr.size and arr.dtype.kind not in "iu":
            raise TypeError(f"{name} must hold integers, got dtype {arr.dtype}")
    if indptr.size < 1:
        raise ValueError("indptr must have length n+1 >= 1 (it is empty)")
    n = indptr.size - 1
    m = indices.size
    if n >= np.iinfo(np.int32).max:
        raise ValueError(f"graph has {n} nodes; node ids must fit in int32 (< 2**31 - 1)")
    if indptr[0] != 0 or indptr[-1] != m:
        raise ValueError(
            f"indptr must start at 0 and end at len(indices) = {m}; got {indptr[0]} and "
            f"{indptr[-1]}"
        )
    if n and np.any(np.diff(indptr) < 0):
        raise ValueError("indptr must be non-decreasing (row u is indices[indptr[u]:indptr[u+1]])")
    if m and (indices.min() < 0 or indices.max() >= n):
        raise ValueError(
            f"indices must be node ids in 0..{n - 1} (n = len(indptr) - 1); found values from "
            f"{indices.min()} to {indices.max()}"
        )
    return Graph(
        np.ascontiguousarray(indptr, dtype=GRAPH_DTYPES["indptr"]),
        np.ascontiguousarray(indices, dtype=GRAPH_DTYPES["indices"]),
    )


def as_seeds(seeds: int | Iterable[int] | np.ndarray, n: int) -> np.ndarray:
    """Distinct seed ids as int64 (k,), in first-seen order; raises on bad ids."""
    if not isinstance(seeds, (np.ndarray, int, np.integer)):
        seeds = list(seeds)
    arr = np.asarray(seeds)
    arr = np.atleast_1d(arr)
    if arr.ndim != 1:
        raise ValueError(f"seeds must be a flat sequence of node ids, got shape {arr.shape}")
    if arr.size == 0:
        return np.empty(0, dtype=np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(
            f"seeds must be integer node ids, got dtype {arr.dtype}; pass e.g. [0, 5, 17]"
        )
    if arr.min() < 0 or arr.max() >= n:
        bad = arr[(arr < 0) | (arr >= n)]
        raise ValueError(
            f"seeds must be node ids in 0..{n - 1}; got {bad[:5].tolist()} out of range"
        )
    _, first = np.unique(arr, return_index=True)
    return arr[np.sort(first)].astype(np.int64)


def as_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """The seed as a NumPy SeedSequence: a SeedSequence as it is, a non-negative int as the
    SeedSequence it starts; anything else is refused."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        if seed < 0:
            raise ValueError(f"seed must be a non-negative int or a SeedSequence, got {seed}")
        return np.random.SeedSequence(int(seed))
    raise TypeError(
        f"seed must be an int or numpy.random.SeedSequence, got {type(seed).__name__}; "
        "a Generator cannot be used because each run derives its own stream from the seed"
    )
