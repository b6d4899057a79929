"""The audience's NetworkX interchange: :func:`to_networkx` for inspection and exchange,
:func:`from_networkx` to run on a user's own follower graph (checked node by node and edge by
edge, each mistake named). NetworkX is never the store; :mod:`sim.engine.audience` re-exports
both functions.
"""

from __future__ import annotations

import numpy as np

from sim import registry
from sim.base import rng as xr
from sim.base.accounts import BOUGHT, KIND_NAMES, NONE, ORIGIN_NAMES, REAL
from sim.base.kernel_types import ACCOUNT_DTYPES
from sim.components import BlockArrays
from sim.engine.audience_arrays import INTEREST_CONCENTRATION, Audience, _csr_followers

# ---------------------------------------------------------------------------------------------
# NetworkX interchange
# ---------------------------------------------------------------------------------------------


def to_networkx(audience: Audience, include_inactive_fakes: bool = True):
    """The follower graph as a NetworkX DiGraph (for inspection and exchange, not for speed).

    Nodes ``0 .. n_accounts-1`` are accounts with attributes ``kind`` ("real" or "bought"),
    ``interest``, ``activity`` and ``community``; node ``n_accounts`` is the brand (``kind`` =
    "brand"). An edge ``u -> v`` means *u follows v*; every edge carries ``origin``: "organic"
    between users, and the brand-follow origin ("organic", "bought", "follow_back") on edges into
    the brand. Fakes not yet delivered (bought later) are left out unless asked for.
    """
    import networkx as nx

    G = nx.DiGraph()
    n_acc = audience.n_accounts
    keep = np.ones(n_acc, dtype=bool)
    if not include_inactive_fakes:
        keep &= ~((audience.kind == BOUGHT) & (audience.origin == NONE))
    for u in np.flatnonzero(keep).tolist():
        G.add_node(
            u,
            kind=KIND_NAMES[audience.kind[u]],
            interest=float(audience.interest[u]),
            activity=float(audience.activity[u]),
            community=int(audience.community[u]),
        )
    G.add_node(n_acc, kind="brand")
    followee = np.repeat(np.arange(n_acc), np.diff(audience.indptr))
    G.add_edges_from(
        zip(audience.indices.tolist(), followee.tolist(), strict=True), origin="organic"
    )
    for u in np.flatnonzero(audience.origin).tolist():
        G.add_edge(u, n_acc, origin=ORIGIN_NAMES[audience.origin[u]])
    return G


def from_networkx(G, scenario, seed_seq: np.random.SeedSequence | None = None) -> Audience:
    """An audience from a user's own NetworkX follower graph.

    ``G`` must be a DiGraph whose edge ``u -> v`` means *u follows v*, with exactly one node of
    ``kind`` "brand"; every other node has ``kind`` "real", "bought" or "pod"; every edge into the
    brand has ``origin`` "organic", "bought", "follow_back" or "giveaway". Node ``interest`` and
    ``activity`` are used when present and otherwise drawn as the scenario's preset describes.

    Raises:
        ValueError: naming the first node or edge whose attributes are missing or wrong.
    """
    import networkx as nx

    if not isinstance(G, nx.DiGraph):
        raise ValueError("from_networkx needs a networkx.DiGraph (edge u -> v: u follows v)")
    kinds = nx.get_node_attributes(G, "kind")
    missing = [u for u in G.nodes if u not in kinds]
    if missing:
        raise ValueError(
            f"node {missing[0]!r} (and {len(missing) - 1} more) has no 'kind' attribute; set "
            "G.nodes[u]['kind'] to 'real', 'bought', 'pod' or 'brand' on every node"
        )
    brands = [u for u, k in kinds.items() if k == "brand"]
    if len(brands) != 1:
        raise ValueError(f"the graph needs exactly one node with kind 'brand'; found {len(brands)}")
    brand = brands[0]
    bad = [(u, k) for u, k in kinds.items() if k not in (*KIND_NAMES, "brand")]
    if bad:
        raise ValueError(
            f"node {bad[0][0]!r} has kind {bad[0][1]!r}; allowed kinds: "
            + ", ".join(repr(k) for k in (*KIND_NAMES, "brand"))
        )
    _check_graph(G, kinds, brand)
    users = [u for u in G.nodes if u != brand]
    # Real users first, then bought accounts, in the graph's node order: dense ids.
    users.sort(key=lambda u: kinds[u] != "real")
    ids = {u: i for i, u in enumerate(users)}
    n_acc = len(users)
    n_users = sum(1 for u in users if kinds[u] == "real")

    kind = np.array([KIND_NAMES.index(kinds[u]) for u in users], dtype=ACCOUNT_DTYPES["kind"])
    origin = np.zeros(n_acc, dtype=ACCOUNT_DTYPES["origin"])
    src, dst = [], []
    for u, v, data in G.edges(data=True):
        if v == brand:
            o = data.get("origin")
            if o not in ORIGIN_NAMES[1:]:
                raise ValueError(
                    f"edge {u!r} -> brand has origin {o!r}; every follow of the brand needs an "
                    "origin among " + ", ".join(repr(n) for n in ORIGIN_NAMES[1:])
                )
            if (o == "bought") != (kinds[u] == "bought"):
                raise ValueError(
                    f"node {u!r} of kind {kinds[u]!r} follows the brand with origin {o!r}: only "
                    "accounts of kind 'bought' follow with origin 'bought', and they follow no "
                    "other way; fix the node's kind or the edge's origin"
                )
            origin[ids[u]] = ORIGIN_NAMES.index(o)
        else:
            src.append(ids[u])
            dst.append(ids[v])
    indptr, indices = _csr_followers(
        np.asarray(src, dtype=np.int32), np.asarray(dst, dtype=np.int32), n_acc
    )

    seed_seq = seed_seq or np.random.SeedSequence(0)
    g = np.random.Generator(np.random.PCG64(seed_seq))
    beh, a = scenario.behaviour, scenario.audience
    interest = _node_numbers(G, users, "interest")
    k = INTEREST_CONCENTRATION
    draw = g.beta(a.other_interest * k, (1 - a.other_interest) * k, n_acc)
    interest = np.where(np.isnan(interest), np.where(kind == REAL, draw, 0.0), interest)
    activity = _node_numbers(G, users, "activity")
    m, c = beh.activity_mean, beh.activity_spread
    draw = g.beta(m * c, (1 - m) * c, n_acc)
    activity = np.where(np.isnan(activity), np.where(kind == REAL, draw, 0.0), activity)
    community = np.array(
        [
            _community(
                u, G.nodes[u].get("community", 0 if kinds[u] == "real" else -1), kinds[u] != "real"
            )
            for u in users
        ],
        dtype=np.int32,
    )
    follow_day = np.where(origin > 0, 0, -1).astype(np.int32)
    reflex = np.zeros(n_acc, ACCOUNT_DTYPES["reflex"])
    reflex_comment = np.zeros(n_acc, ACCOUNT_DTYPES["reflex_comment"])
    blocks = _graph_blocks(
        scenario, kind, origin, interest, activity, reflex, reflex_comment, seed_seq
    )
    return Audience(
        n_users=n_users,
        indptr=indptr,
        indices=indices,
        kind=kind,
        origin=origin,
        community=community,
        interest=interest.astype(ACCOUNT_DTYPES["interest"], copy=False),
        activity=activity.astype(ACCOUNT_DTYPES["activity"], copy=False),
        trust=np.ones(n_acc, ACCOUNT_DTYPES["trust"]),
        reflex=reflex,
        follow_day=follow_day,
        reflex_comment=reflex_comment,
        blocks=blocks,
    )


def _check_graph(G, kinds: dict, brand) -> None:
    """Refuse what the model cannot mean: self-follows and accounts followed by the brand."""
    for u, v in G.edges():
        if u == v:
            raise ValueError(f"node {u!r} follows itself (a self-loop); remove the edge")
        if u == brand:
            raise ValueError(
                f"edge brand -> {v!r}: the brand follows no one in this model (its "
                "follow-backs are a tactic, [strategies.follow_for_follow]); "
                "remove the edges out of the brand"
            )


def _node_numbers(G, users: list, name: str) -> np.ndarray:
    """Node attribute ``name`` as floats in [0, 1] (NaN where absent), naming a bad node."""
    out = np.full(len(users), np.nan)
    for i, u in enumerate(users):
        value = G.nodes[u].get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(
                f"node {u!r} has {name} = {value!r}; {name} must be a number from "
                "0 to 1 (or left out to be drawn)"
            )
        if not (0.0 <= float(value) <= 1.0):  # NaN fails this too
            raise ValueError(f"node {u!r} has {name} = {value!r}; {name} must lie in [0, 1]")
        out[i] = float(value)
    return out


MAX_COMMUNITY = 1_000_000  # as many communities as a scenario may describe


def _community(u, value, fake: bool) -> int:
    """A node's community: a whole number from 0 (-1, none, for fakes and pod members)."""
    low = -1 if fake else 0
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not low <= int(value) < MAX_COMMUNITY
    ):
        raise ValueError(
            f"node {u!r} has community = {value!r}; a community is a whole number "
            f"from {low} to {MAX_COMMUNITY - 1:,}"
            + (" (-1: none, for accounts that are not real users)" if fake else "")
        )
    return int(value)


def _graph_blocks(
    scenario, kind, origin, interest, activity, reflex, reflex_comment, seed_seq
) -> dict:
    """The accounts each of the scenario's components needs, taken from the graph's own: fakes
    a purchase delivers are accounts of kind 'bought' not yet following the brand, pod members
    accounts of kind 'pod' (or 'bought' for bought likes). Each gets its component's traits,
    as a generated audience's would. Refused when the graph holds too few."""
    taken = np.zeros(kind.shape[0], dtype=bool)
    out = {}
    for cls, params, block in registry.account_blocks(scenario):
        where = f"strategies.{cls.name}" if cls.group == "strategies" else cls.name
        if block.kind == REAL:
            raise ValueError(
                f"[{where}] needs {block.count:,} real accounts outside the "
                "population, which a graph of your own cannot provide; leave the "
                "table out for this graph"
            )
        free = np.flatnonzero((kind == block.kind) & (origin == NONE) & ~taken)
        if free.shape[0] < block.count:
            raise ValueError(
                f"[{where}] needs {block.count:,} accounts of kind "
                f"{KIND_NAMES[block.kind]!r} not yet following the brand, but the graph holds "
                f"{free.shape[0]:,}; add such nodes or lower the tactic's numbers"
            )
        ids = free[: block.count].astype(np.int32)
        taken[ids] = True
        arrays = BlockArrays(ids, interest[ids], activity[ids], reflex[ids], reflex_comment[ids])
        cls.setup_accounts(params, arrays, xr.generator(seed_seq, "accounts", cls.name))
        interest[ids], activity[ids] = arrays.interest, arrays.activity
        reflex[ids], reflex_comment[ids] = arrays.reflex, arrays.reflex_comment
        out[cls.name] = ids
    return out
