"""Independent-cascade speed against peers: our numba kernel, CyNetDiff, NDlib and naive Mesa.

Every tool gets the same directed edges, the same 50 seed nodes and the graph's p, and simulates
the plain independent cascade. For each graph, size and tool the script reports

* cascades/s: complete cascades simulated per second of wall time (or of CPU time with
  ``--clock cpu``), median and range over ``--repeats`` timed batches, interleaved across tools
  (setup such as building the tool's graph object is timed separately, not here);
* impressions/s: edge trials per second. An impression is one (active node, out-neighbour) pair,
  i.e. one time a share is put in front of a follower; a cascade's impressions are the sum of the
  out-degrees of its active nodes, counted exactly by our kernel. All tools simulate the same
  process, so a peer's impressions/s is its cascades/s times our mean impressions per cascade
  (the spread agreement test below checks that they do simulate the same process);
* mean spread (also as % of n) and a z-score of the difference between the peer's mean spread
  and ours (all cascades of all repeats; see ``z_vs``); |z| < 3.29 is agreement at alpha = 1e-3;
* ratio ours/peer of cascades/s (same thread count: ours runs single-threaded unless
  ``--threads`` says otherwise, with the search the library picks for the graph's size unless
  ``--search`` forces the plain or the batched one).

Graphs (``--graphs``, see ``GRAPHS``): Barabasi-Albert-like, Holme-Kim clustered preferential
attachment, a Watts-Strogatz ring lattice and a heavy-tailed Chung-Lu digraph, each built in numba
or NumPy from the seed alone, not with NetworkX (which needs minutes and GBs at 1M nodes).

Run ``python benchmarks/peers.py --help``; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numba
import numpy as np
from numba import njit, uint64

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, too

from sim.base.graph import csr_from_edges  # noqa: E402
from sim.base.rng import below, new_state, next_u64, uniform  # noqa: E402
from sim.engine import diffusion  # noqa: E402
from sim.engine.diffusion import independent_cascade_stats  # noqa: E402

N_SEEDS = 50
MEAN_OUT_DEGREE = 10

# Cascades per timed batch, per tool and size (scaled by the graph's ``work``): about 0.5-2 s a
# batch for ours and CyNetDiff on this 2-core machine.
# NDlib and Mesa are slow enough that they run very few cascades on big graphs (see README).
BATCH = {
    "ours": {10_000: 50_000, 100_000: 5_000, 1_000_000: 400},
    "cynetdiff": {10_000: 10_000, 100_000: 1_000, 1_000_000: 40},
    "ndlib": {10_000: 20, 100_000: 3, 1_000_000: 1},
    "mesa": {10_000: 10, 100_000: 2, 1_000_000: 1},
}
QUICK_SIZE = 2_000
QUICK_BATCH = {"ours": 2_000, "cynetdiff": 500, "ndlib": 5, "mesa": 5}


# --------------------------------------------------------------------------- graph


@njit(cache=True)
def _pa_edges(n, m, s):
    """Directed preferential-attachment edges (src, dst), int64 each, before de-duplication.

    A seed clique on nodes 0..m, then each node t attaches m edges to endpoints of uniformly
    random earlier edges (so in proportion to degree), each oriented by a fair coin.
    """
    ne = m * (m + 1) // 2 + (n - m - 1) * m
    src = np.empty(ne, np.int64)
    dst = np.empty(ne, np.int64)
    ends = np.empty(2 * ne, np.int64)  # every edge endpoint so far: degree-proportional sampling
    e = 0
    for i in range(m + 1):
        for j in range(i + 1, m + 1):
            if next_u64(s) & uint64(1):
                src[e], dst[e] = i, j
            else:
                src[e], dst[e] = j, i
            ends[2 * e] = i
            ends[2 * e + 1] = j
            e += 1
    for t in range(m + 1, n):
        avail = 2 * e  # sample only among edges that existed before node t: no self-loops
        for _ in range(m):
            w = ends[below(s, avail)]
            if next_u64(s) & uint64(1):
                src[e], dst[e] = w, t
            else:
                src[e], dst[e] = t, w
            ends[2 * e] = w
            ends[2 * e + 1] = t
            e += 1
    return src, dst


@njit(cache=True)
def _holme_kim_edges(n, m, pt, s):
    """Clustered preferential attachment (Holme & Kim 2002), undirected pairs (a, b), int64 each.

    A seed clique on nodes 0..m; node t then adds m edges. The first goes to a node w chosen in
    proportion to degree (endpoint of a uniformly random earlier edge). Each further edge, with
    probability ``pt``, closes a triangle: it goes to one of the m nodes w itself attached to on
    arrival (a clique node for w in the clique), so t, w and that node form a triangle; otherwise
    it is another preferential pick, which becomes the new w. NetworkX's
    ``powerlaw_cluster_graph`` draws the triangle's third node among all of w's neighbours; the
    arrival neighbours keep this O(1) per edge, so it builds 1M nodes in about a second.
    Duplicate pairs are left for the CSR builder to drop.
    """
    ne = m * (m + 1) // 2 + (n - m - 1) * m
    a = np.empty(ne, np.int64)
    b = np.empty(ne, np.int64)
    ends = np.empty(2 * ne, np.int64)
    e = 0
    for i in range(m + 1):
        for j in range(i + 1, m + 1):
            a[e], b[e] = i, j
            ends[2 * e] = i
            ends[2 * e + 1] = j
            e += 1
    clique_edges = e
    for t in range(m + 1, n):
        avail = 2 * e
        w = ends[below(s, avail)]
        for k in range(m):
            if k > 0:
                if uniform(s) < pt:
                    if w <= m:  # clique node: its arrival neighbours are the other clique nodes
                        x = below(s, m)
                        x = x + 1 if x >= w else x
                    else:  # the m nodes w attached to: edges of w start at its own block
                        x = b[clique_edges + (w - m - 1) * m + below(s, m)]
                    tgt = x
                else:
                    w = ends[below(s, avail)]
                    tgt = w
            else:
                tgt = w
            a[e], b[e] = t, tgt
            ends[2 * e] = t
            ends[2 * e + 1] = tgt
            e += 1
    return a, b


@njit(cache=True)
def _watts_strogatz_edges(n, k, beta, s):
    """Ring lattice with rewiring (Watts & Strogatz 1998), undirected pairs (a, b), int64 each.

    Node u is joined to u+1, ..., u+k/2 (mod n); each of these edges keeps u and, with
    probability ``beta``, has its far end replaced by a uniformly random node other than u (as
    NetworkX's ``watts_strogatz_graph`` does, up to its retry on duplicates; duplicates are left
    for the CSR builder to drop).
    """
    h = k // 2
    a = np.empty(n * h, np.int64)
    b = np.empty(n * h, np.int64)
    e = 0
    for j in range(1, h + 1):
        for u in range(n):
            v = (u + j) % n
            if uniform(s) < beta:
                v = below(s, n - 1)
                v = v + 1 if v >= u else v
            a[e], b[e] = u, v
            e += 1
    return a, b


def _directed(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each undirected pair as two directed edges (``G.to_directed()``); self-loops dropped."""
    keep = a != b
    a, b = a[keep], b[keep]
    return np.concatenate([a, b]), np.concatenate([b, a])


def _ba(n: int, ss: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    return _pa_edges(n, MEAN_OUT_DEGREE, new_state(ss))


def _powerlaw_cluster(n: int, ss: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    return _directed(*_holme_kim_edges(n, MEAN_OUT_DEGREE // 2, 0.9, new_state(ss)))


def _watts_strogatz(n: int, ss: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    return _directed(*_watts_strogatz_edges(n, MEAN_OUT_DEGREE, 0.05, new_state(ss)))


def _chung_lu(n: int, ss: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    """Directed configuration-style graph: heavy-tailed out- and in-degrees, no locality.

    Out-degrees are 1 + Zipf(2.5) scaled to a mean of ~10 (capped at n/10); each edge's target is
    drawn in proportion to an independent Pareto(alpha = 1.5) weight (Chung-Lu), so in-degrees are
    heavy-tailed too. Node labels carry no structure: neighbours are far apart in memory.
    """
    rng = np.random.default_rng(ss)
    d = rng.zipf(2.5, n).astype(np.float64)
    d = np.minimum(np.rint(d * (MEAN_OUT_DEGREE / d.mean())), n // 10).astype(np.int64)
    d = np.maximum(d, 1)
    w = rng.pareto(1.5, n) + 1.0
    cdf = np.cumsum(w)
    src = np.repeat(np.arange(n, dtype=np.int64), d)
    dst = np.searchsorted(cdf, rng.random(src.size) * cdf[-1], side="right").astype(np.int64)
    dst = np.minimum(dst, n - 1)
    return src, dst


@dataclass(frozen=True)
class GraphKind:
    build: Callable[[int, np.random.SeedSequence], tuple[np.ndarray, np.ndarray]]
    p: float  # chosen once so the mean spread is a few % of n (see README)
    work: float  # batch sizes are scaled by this (bigger cascades: smaller batches)
    about: str


GRAPHS: dict[str, GraphKind] = {
    "ba": GraphKind(_ba, 0.05, 1.0, "Barabási–Albert-like, directed by a coin, out-degree ~10"),
    "powerlaw_cluster": GraphKind(
        _powerlaw_cluster,
        0.02,
        1.0,
        "Holme–Kim clustered preferential attachment, m=5, pt=0.9, both directions",
    ),
    "watts_strogatz": GraphKind(
        _watts_strogatz, 0.17, 0.3, "ring lattice k=10, 5% rewired, both directions"
    ),
    "chung_lu": GraphKind(
        _chung_lu,
        0.125,
        0.7,
        "directed, Zipf(2.5) out-degrees, Pareto(1.5) in-weights, no locality",
    ),
}


@dataclass
class Graph:
    kind: str
    n: int
    p: float
    indptr: np.ndarray  # int64 (n+1,)
    indices: np.ndarray  # int32 (m,)
    seeds: np.ndarray  # int64 (N_SEEDS,)
    seconds: float

    @property
    def m(self) -> int:
        return int(self.indices.size)

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        src = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.indptr))
        return src, self.indices.astype(np.int64)


def make_graph(kind: str, n: int, seed: int, p: float | None = None) -> Graph:
    t0 = time.perf_counter()
    ss = np.random.SeedSequence(seed)
    graph_ss, seeds_ss = ss.spawn(2)
    src, dst = GRAPHS[kind].build(n, graph_ss)
    # Rows sorted by (src, dst), duplicates dropped: the project's one CSR builder.
    indptr, indices = csr_from_edges(src, dst, n, True)
    seeds = np.random.default_rng(seeds_ss).choice(n, N_SEEDS, replace=False).astype(np.int64)
    p = GRAPHS[kind].p if p is None else p
    return Graph(kind, n, p, indptr, indices, seeds, time.perf_counter() - t0)


# --------------------------------------------------------------------------- tools


@dataclass
class Result:
    tool: str
    graph: str
    n: int
    m: int
    setup_s: float
    batch: int
    rates: list[float] = field(default_factory=list)  # cascades/s per repeat
    sizes: list[int] = field(default_factory=list)
    impressions: list[int] = field(default_factory=list)  # ours only
    note: str = ""

    @property
    def rate(self) -> float:
        return statistics.median(self.rates)


# Our kernel's search (see sim.engine.diffusion): "auto" picks it by the graph's size, as every
# caller gets it; "plain" or "batched" forces one, to time both on the same graph.
SEARCH_LIMIT = {"auto": diffusion._PLAIN_MAX_BYTES, "plain": 2**62, "batched": -1}


class Ours:
    name = "ours"
    search = "auto"

    def __init__(self, g: Graph, seed: int, threads: int):
        self.g, self.seed, self.threads = g, seed, threads
        diffusion._PLAIN_MAX_BYTES = SEARCH_LIMIT[self.search]
        numba.set_num_threads(threads)
        independent_cascade_stats((g.indptr, g.indices), g.p, g.seeds, 1, seed)  # compile / load

    def batch(self, runs: int, rep: int) -> tuple[list[int], list[int]]:
        numba.set_num_threads(self.threads)
        st = independent_cascade_stats(
            (self.g.indptr, self.g.indices),
            self.g.p,
            self.g.seeds,
            runs,
            np.random.SeedSequence([self.seed, rep]),
        )
        return st.sizes.tolist(), st.impressions.tolist()


class CyNetDiff:
    name = "cynetdiff"

    def __init__(self, g: Graph, seed: int, threads: int):
        from cynetdiff.models import IndependentCascadeModel

        # CyNetDiff: uint32 CSR, starts of length n (no trailing m), its own NumPy Generator.
        self.model = IndependentCascadeModel(
            g.indptr[:-1].astype(np.uint32),
            g.indices.astype(np.uint32),
            activation_prob=g.p,
            rng=np.random.default_rng(seed),
        )
        self.model.set_seeds([int(x) for x in g.seeds])

    def batch(self, runs: int, rep: int) -> tuple[list[int], list[int]]:
        out = []
        m = self.model
        for _ in range(runs):  # its documented loop; per-cascade Python overhead is ~1 µs
            m.reset_model()
            m.advance_until_completion()
            out.append(m.get_num_activated_nodes())
        return out, []


def _nx_digraph(g: Graph):
    import networkx as nx

    G = nx.DiGraph()
    G.add_nodes_from(range(g.n))
    src, dst = g.edges()
    G.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    return G


class NDlib:
    name = "ndlib"

    def __init__(self, g: Graph, seed: int, threads: int):
        import ndlib.models.ModelConfig as mc
        from ndlib.models.epidemics import IndependentCascadesModel

        G = _nx_digraph(g)
        # NDlib draws from NumPy's global generator; its seed= argument seeds it.
        self.model = IndependentCascadesModel(G, seed=seed)
        cfg = mc.Configuration()
        seeds = [int(x) for x in g.seeds]
        cfg.add_model_initial_configuration("Infected", seeds)
        cfg.add_edge_set_configuration("threshold", dict.fromkeys(G.edges(), g.p))
        self.model.set_initial_status(cfg)
        self.seeds = seeds

    def batch(self, runs: int, rep: int) -> tuple[list[int], list[int]]:
        out = []
        m = self.model
        for _ in range(runs):
            m.reset(infected_nodes=self.seeds)  # reuse the model: cheaper than building anew
            while True:
                it = m.iteration(node_status=False)
                if it["iteration"] > 0 and it["node_count"][1] == 0:
                    break
            out.append(it["node_count"][2])
        return out, []


class Mesa:
    """The 'obvious' Mesa 3 IC: one agent per node, a model built per cascade, shuffle_do."""

    name = "mesa"

    def __init__(self, g: Graph, seed: int, threads: int):
        import mesa

        # Follower lists as Python lists, prepared once (a NetworkGrid would be slower still).
        self.followers = [g.indices[g.indptr[u] : g.indptr[u + 1]].tolist() for u in range(g.n)]
        self.seeds = [int(x) for x in g.seeds]
        self.seed = seed
        self.p = g.p

        class Person(mesa.Agent):
            def __init__(self, model, followers):
                super().__init__(model)
                self.followers = followers
                self.state = 0  # 0 never active, 1 active and yet to share, 2 has shared

            def step(self):
                if self.state != 1:
                    return
                people = self.model.people
                for f in self.followers:
                    other = people[f]
                    if other.state == 0 and self.random.random() < self.model.p:
                        other.state = 1
                self.state = 2

        class ICModel(mesa.Model):
            def __init__(self, followers, seeds, p, seed):
                super().__init__(seed=seed)
                self.p = p
                self.people = [Person(self, fl) for fl in followers]
                for s in seeds:
                    self.people[s].state = 1

            def step(self):
                self.agents.shuffle_do("step")

            def running_cascade(self):
                return any(a.state == 1 for a in self.people)

        self.ICModel = ICModel

    def batch(self, runs: int, rep: int) -> tuple[list[int], list[int]]:
        out = []
        for r in range(runs):
            model = self.ICModel(self.followers, self.seeds, self.p, self.seed + 1000 * rep + r)
            while model.running_cascade():
                model.step()
            out.append(sum(a.state == 2 for a in model.people))
        return out, []


TOOLS: dict[str, Callable] = {"ours": Ours, "cynetdiff": CyNetDiff, "ndlib": NDlib, "mesa": Mesa}


# --------------------------------------------------------------------------- driver


def setup_tool(name, g: Graph, batch: int, seed: int, threads: int):
    """Build a tool's model for ``g`` (timed once as setup); (tool or None, Result)."""
    t0 = time.perf_counter()
    try:
        tool = TOOLS[name](g, seed, threads)
    except ImportError as exc:
        return None, Result(name, g.kind, g.n, g.m, 0.0, 0, note=f"not installed: {exc}")
    return tool, Result(name, g.kind, g.n, g.m, time.perf_counter() - t0, batch)


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def run_batch(tool, res: Result, rep: int, clock: Callable[[], float]) -> None:
    t = clock()
    sizes, impr = tool.batch(res.batch, rep)
    res.rates.append(res.batch / (clock() - t))
    res.sizes += sizes
    res.impressions += impr


# Below this many peer cascades, the peer's own sample variance is not trusted for the z-score.
# Spreads are often bimodal (most cascades take off, a few die out near the seeds): ten cascades
# that all took off have a small variance and would make a same-law peer look different.
Z_MIN_PEER_SAMPLE = 30


def z_vs(ours: Result, peer: Result) -> float:
    """(peer mean - our mean) / standard error; Welch, or our variance for both sides when the
    peer ran fewer than ``Z_MIN_PEER_SAMPLE`` cascades (under the null both laws are the same)."""
    a, b = np.asarray(ours.sizes, float), np.asarray(peer.sizes, float)
    if b.size < Z_MIN_PEER_SAMPLE:
        se = math.sqrt(a.var(ddof=1) / a.size + a.var(ddof=1) / max(b.size, 1))
    else:
        se = math.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return float((b.mean() - a.mean()) / se) if se > 0 else 0.0


def fmt(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.3g}"


def table(results: list[Result]) -> list[str]:
    head = (
        "| graph | n | edges | tool | cascades/batch × repeats | setup s | cascades/s (median) "
        "| range | impressions/s | mean spread | z vs ours | ours/peer |"
    )
    lines = [head, "|" + "---|" * 12]
    by_g: dict[tuple[str, int], dict[str, Result]] = {}
    for r in results:
        by_g.setdefault((r.graph, r.n), {})[r.tool] = r
    for (graph, n), tools in by_g.items():
        ours = tools.get("ours")
        impr_per = float(np.mean(ours.impressions)) if ours and ours.impressions else float("nan")
        for name, r in tools.items():
            if not r.rates:
                lines.append(f"| {graph} | {n:,} | {r.m:,} | {name} | {r.note} |" + " |" * 7)
                continue
            z = "—" if r is ours or ours is None else f"{z_vs(ours, r):+.2f}"
            ratio = "—" if r is ours or ours is None else f"{ours.rate / r.rate:,.1f}×"
            spread = float(np.mean(r.sizes))
            lines.append(
                f"| {graph} | {n:,} | {r.m:,} | {name} | {r.batch} × {len(r.rates)} "
                f"| {r.setup_s:.1f} | {fmt(r.rate)} | {fmt(min(r.rates))}–{fmt(max(r.rates))} "
                f"| {r.rate * impr_per:.3g} | {spread:,.0f} ({100 * spread / n:.1f}%) | {z} "
                f"| {ratio} |"
            )
    return lines


def bench_graph(kind: str, n: int, tools: list[str], repeats: int, args) -> list[Result]:
    """Every tool on one graph; repeats interleaved (ours, peer, ours, peer...) so that a change
    in machine load hits all tools alike."""
    g = make_graph(kind, n, args.seed)
    print(
        f"# {kind} n={n:,} m={g.m:,} (mean out-degree {g.m / n:.2f}) p={g.p}, "
        f"built in {g.seconds:.1f} s",
        flush=True,
    )
    runs = []  # (tool, result, repeats)
    out = []
    for name in tools:
        if name == "mesa" and n > args.slow_max_nodes:
            note = f"skipped: n > {args.slow_max_nodes:,}"
            out.append(Result(name, kind, n, g.m, 0.0, 0, note=note))
            continue
        if name == "ndlib" and n >= 1_000_000 and kind != "ba":
            note = "skipped at 1M except on ba (about a minute per cascade)"
            out.append(Result(name, kind, n, g.m, 0.0, 0, note=note))
            continue
        if args.quick:
            batch = QUICK_BATCH[name]
        else:
            table_n = BATCH[name]
            nearest = min(table_n, key=lambda k: abs(math.log(k / n)))
            scale = args.batch_scale * GRAPHS[kind].work
            batch = max(1, round(table_n[nearest] * nearest / n * scale))
        tool, res = setup_tool(name, g, batch, args.seed, args.threads)
        out.append(res)
        if tool is not None:
            runs.append((tool, res, 1 if name in ("ndlib", "mesa") and n >= 1_000_000 else repeats))
    for rep in range(max((r for _, _, r in runs), default=0)):
        for tool, res, reps in runs:
            if rep < reps:
                run_batch(tool, res, rep, CLOCKS[args.clock])
    for res in out:
        rate = f"{res.rate:,.3g} cascades/s" if res.rates else res.note
        print(f"  {res.tool:10s} setup {res.setup_s:6.1f} s  {rate}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated node counts")
    ap.add_argument("--repeats", type=int, default=3, help="timed batches per tool (median)")
    ap.add_argument(
        "--tools",
        default="ours,cynetdiff,ndlib,mesa",
        help=f"comma-separated tools to time: {', '.join(TOOLS)}",
    )
    ap.add_argument(
        "--threads",
        type=int,
        default=1,
        help="numba threads for ours (default 1: the comparison is single-core)",
    )
    ap.add_argument(
        "--slow-max-nodes",
        type=int,
        default=100_000,
        help="largest graph on which Mesa runs (NDlib: 1 cascade at 1M, on ba only)",
    )
    ap.add_argument(
        "--graphs",
        default=",".join(GRAPHS),
        help=f"comma-separated graph structures (default all): {', '.join(GRAPHS)}",
    )
    ap.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="time batches by wall clock or by this process's CPU time (steadier when other "
        "work shares the machine; every tool here runs on one thread)",
    )
    ap.add_argument(
        "--search",
        choices=sorted(SEARCH_LIMIT),
        default="auto",
        help="our kernel's search: picked by graph size (auto, as in the library), or forced to "
        "the plain queue or the batched, prefetched search, to time both on one graph",
    )
    ap.add_argument("--batch-scale", type=float, default=1.0, help="scale every batch size")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_SIZE} nodes, 1 repeat")
    ap.add_argument("--output", type=Path, help="append the Markdown table to this file")
    args = ap.parse_args(argv)

    sizes = [QUICK_SIZE] if args.quick else [int(s) for s in args.sizes.split(",")]
    Ours.search = args.search
    repeats = 1 if args.quick else args.repeats
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}; choose from {', '.join(TOOLS)}")
    graphs = [x.strip() for x in args.graphs.split(",") if x.strip()]
    for x in graphs:
        if x not in GRAPHS:
            ap.error(f"unknown graph {x!r}; choose from {', '.join(GRAPHS)}")

    load0 = os.getloadavg()[0]
    results: list[Result] = []
    for kind in graphs:
        for n in sizes:
            results += bench_graph(kind, n, tools, repeats, args)

    header = [
        "",
        f"### IC peers, {dt.date.today().isoformat()}, {platform.machine()}",
        "",
        f"{N_SEEDS} seeds; p per graph: "
        + ", ".join(f"{k} {GRAPHS[k].p}" for k in graphs)
        + f"; {args.clock} clock; ours on {args.threads} thread(s); load average "
        f"{load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end; our search "
        f"{args.search}; python "
        f"{platform.python_version()}, numpy "
        f"{np.__version__}, numba {numba.__version__}. Command: `python benchmarks/peers.py "
        f"{' '.join(argv if argv is not None else sys.argv[1:])}`",
        "",
    ]
    text = "\n".join(header + table(results)) + "\n"
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
