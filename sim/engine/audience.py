"""The audience: users, their state arrays and the follow graph (built by
:mod:`sim.engine.follow_graph`).

Every account is a dense integer id. Real users come first (``0 .. n_users-1``), then the accounts
the scenario's components need (fakes a scenario may buy, pod members, staff), one block per
component in registry order, created up front so a purchase on day 30 only switches them on and
never reshuffles the real users. The brand is not a row in the arrays; in NetworkX exports it is
the node ``n_accounts``.

The follow graph is stored as CSR of *followers*: ``indices[indptr[v]:indptr[v+1]]`` are the
accounts that follow ``v``, i.e. those who see what ``v`` shares. NetworkX is the interchange
format (:func:`to_networkx`, :func:`from_networkx`), never the store: for 1M users and 10M follows
it needs minutes and gigabytes where these arrays take about a second and a few hundred MB.

This module generates audiences and keeps their populations; the arrays and their scans are in
:mod:`sim.engine.audience_arrays`, the NetworkX interchange in
:mod:`sim.engine.audience_networkx`; :class:`Audience` and both interchange functions are
re-exported here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass

import numba
import numpy as np

from sim import registry
from sim.base import rng as xr
from sim.base.accounts import (  # noqa: F401 - re-exported: the audience's vocabulary
    BOUGHT,
    BOUGHT_ORIGIN,
    FOLLOW_BACK,
    GIVEAWAY,
    KIND_NAMES,
    N_ORIGINS,
    NONE,
    ORGANIC,
    ORIGIN_NAMES,
    POD,
    REAL,
)
from sim.base.kernel_types import ACCOUNT_DTYPES, account_rows
from sim.base.placement import huge_copy, huge_zeros
from sim.components import BlockArrays
from sim.engine import follow_graph
from sim.engine.audience_arrays import INTEREST_CONCENTRATION
from sim.engine.audience_arrays import Audience as Audience  # re-exported
from sim.engine.audience_networkx import from_networkx as from_networkx  # re-exported
from sim.engine.audience_networkx import to_networkx as to_networkx  # re-exported
from sim.engine.populations import PopulationInputs  # noqa: F401 - the key of a population

OUTDEGREE_SIGMA = 0.8  # lognormal spread of accounts followed per user (assumption)
# From this many users the brand's first followers are drawn beside the follow graph, on a
# second thread; below it a thread costs more than it saves.
OVERLAP_MIN_USERS = 200_000


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _first_followers(seed_seq, interest, n0: int) -> np.ndarray:
    """The brand's ``n0`` first followers: interested users find the brand first, by weighted
    sampling without replacement (Efraimidis & Spirakis keys u^(1/w)), weights = interest."""
    gb = xr.generator(seed_seq, "brand")
    keys = gb.random(interest.shape[0])
    np.log(keys, out=keys)
    np.divide(keys, np.maximum(interest, 1e-12), out=keys)
    np.negative(keys, out=keys)
    return np.argpartition(keys, n0 - 1)[:n0]


def _interest(g, inputs: PopulationInputs, niche, sizes, community) -> np.ndarray:
    """Each user's interest, a beta draw around its community's mean (``niche_interest`` in
    niche communities, else ``other_interest``), user after user from ``g``.

    The mean changes only between runs of communities (users are sorted by community), so where
    the runs are long the draw takes one call per run with the run's two parameters, which
    draws the very numbers of one call with a parameter per user (NumPy's beta calls the same
    function on the stream, user after user) without its per-user broadcasting: at a million
    users 20 ms of its 55."""
    k = INTEREST_CONCENTRATION
    change = np.flatnonzero(niche[1:] != niche[:-1]) + 1
    firsts = np.concatenate(([0], change)).astype(np.int64)
    n = community.shape[0]
    if n < 1000 * firsts.shape[0]:  # short runs: one call costs less
        mean = np.where(niche[community], inputs.niche_interest, inputs.other_interest)
        return g.beta(mean * k, (1.0 - mean) * k)
    users_at = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    lasts = np.append(firsts[1:], niche.shape[0])
    interest = np.empty(n)
    for c0, c1 in zip(firsts.tolist(), lasts.tolist(), strict=True):
        lo, hi = users_at[c0], users_at[c1]
        if hi > lo:
            mean = inputs.niche_interest if niche[c0] else inputs.other_interest
            interest[lo:hi] = g.beta(mean * k, (1.0 - mean) * k, hi - lo)
    return interest


def generate(scenario, seed_seq: np.random.SeedSequence, populations=None) -> Audience:
    """Build the audience a scenario describes, from its own random stream.

    Real users, their follows and the brand's first followers each come from their own stream
    keyed by name, and each component's accounts from ``("accounts", <component>)``, so two
    scenarios that differ only in what they buy get the very same real users and follow graph
    (common random numbers). From ``sim.engine.follow_graph.BLOCKED_MIN_USERS`` users (500,000) the
    follows are drawn in fixed blocks of users, each from a stream derived from the graph's, on
    numba's threads: the same graph whatever the number of threads, alike in law to the
    one-stream draw smaller audiences keep.

    The real users are the audience's :class:`Population`, which depends on
    :class:`PopulationInputs` and the stream alone. ``populations`` (a :class:`PopulationCache`
    or :class:`PopulationFolder`) keeps populations already built and hands this audience a
    copy: the arms of a comparison, the points of a sensitivity design and a dashboard's
    what-ifs then build each population once, with results identical to building it each time.
    """
    inputs = PopulationInputs.of(scenario)
    if populations is None:
        return _with_accounts(scenario, seed_seq, build_population(inputs, seed_seq), own=True)
    return _with_accounts(scenario, seed_seq, populations.get(inputs, seed_seq), own=False)


@dataclass(frozen=True)
class Population:
    """The real users of a generated audience: ``n`` users, their community, interest and
    activity, the follower CSR among them (``indptr`` (n+1,), ``indices``) and the ids of the
    brand's first followers (``first``). The accounts components add come after, in
    :func:`_with_accounts`."""

    n: int
    community: np.ndarray
    interest: np.ndarray
    activity: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    first: np.ndarray

    ARRAYS = ("community", "interest", "activity", "indptr", "indices", "first")
    DTYPES = (np.int32, np.float64, np.float64, np.int64, np.int32, np.int64)

    def nbytes(self) -> int:
        """The bytes the population's arrays take."""
        return sum(getattr(self, k).nbytes for k in self.ARRAYS)


def population_key(inputs: PopulationInputs, seed_seq: np.random.SeedSequence) -> str:
    """A population's key: its inputs and its stream (the SeedSequence's entropy, spawn key
    and pool size, which fix every draw), hashed."""
    import hashlib

    text = repr((astuple(inputs), seed_seq.entropy, tuple(seed_seq.spawn_key), seed_seq.pool_size))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def build_population(inputs: PopulationInputs, seed_seq: np.random.SeedSequence) -> Population:
    """Draw the real users of an audience: communities, interest, activity, their follow graph
    and the brand's first followers, each from its own stream under ``seed_seq``."""
    g = xr.generator(seed_seq, "users")
    n = inputs.users

    # Communities of uneven size, users sorted by community so each is a contiguous id range.
    weights = g.lognormal(0.0, 1.0, inputs.communities)
    sizes = g.multinomial(n, weights / weights.sum())
    community = np.repeat(np.arange(inputs.communities, dtype=np.int32), sizes)
    comm_start = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)

    n_niche = int(round(inputs.niche_share * inputs.communities))
    if inputs.niche_share > 0 and n_niche == 0:
        n_niche = 1
    niche = np.zeros(inputs.communities, dtype=bool)
    niche[g.choice(inputs.communities, size=n_niche, replace=False)] = True
    interest = _interest(g, inputs, niche, sizes, community)
    n0 = min(inputs.initial_followers, n)
    # On large audiences a second thread does, while this one draws the users' activity,
    # popularity and follows (NumPy's draws release the GIL), what needs only the draws
    # made by then: the brand's first followers (their own stream, from interest) and the
    # follow draw's alias tables (from popularity); not where this thread was told to use one
    # of numba's threads (a sweep's worker). The same numbers either way.
    pool = ThreadPoolExecutor(1) if n >= OVERLAP_MIN_USERS and numba.get_num_threads() > 1 else None
    try:
        first_job = pool.submit(_first_followers, seed_seq, interest, n0) if pool and n0 else None
        activity = g.beta(
            inputs.activity_mean * inputs.activity_spread,
            (1.0 - inputs.activity_mean) * inputs.activity_spread,
            n,
        )

        # Heavy-tailed popularity: P(w > x) ~ x^-tail, so follower counts are heavy-tailed too.
        popularity = g.pareto(inputs.popularity_tail, n)
        popularity += 1.0  # in place: the same numbers without a second array
        tables_job = None
        if pool is not None:
            tables_job = pool.submit(follow_graph.alias_tables, popularity, comm_start)
        base_follows = inputs.mean_follows / (1.0 + inputs.reciprocity)
        scale = g.lognormal(-0.5 * OUTDEGREE_SIGMA**2, OUTDEGREE_SIGMA, n)
        scale *= base_follows
        outdeg = g.poisson(scale)  # int64
        np.minimum(outdeg, n - 1, out=outdeg)
        del scale

        tables = list(tables_job.result()) if tables_job else None
        del tables_job  # the list is the tables' one holder: the build frees them in time
        indptr, indices = follow_graph.build(
            community,
            comm_start,
            popularity,
            outdeg,
            inputs.homophily,
            inputs.reciprocity,
            xr.new_state(xr.stream(seed_seq, "graph")),
            np.empty(0, dtype=np.int32),
            np.empty(0, dtype=np.int64),
            tables=tables,
        )
        if first_job is not None:
            first = first_job.result()
        elif n0:
            first = _first_followers(seed_seq, interest, n0)
        else:
            first = np.empty(0, dtype=np.int64)
    finally:
        if pool is not None:
            pool.shutdown()
    return Population(n, community, interest, activity, indptr, indices, first)


def _with_accounts(scenario, seed_seq, pop: Population, own: bool) -> Audience:
    """The audience: ``pop``'s real users, then the accounts the scenario's components need
    (fakes, pod members, staff), in registry order; those with friends of their own get
    followers drawn at random from the population. ``own``: the population's arrays may become
    the audience's (else every array is a copy, and ``pop`` is left as it was)."""
    n = pop.n
    blocks = registry.account_blocks(scenario)
    n_acc = n + sum(b.count for _, _, b in blocks)
    rngs = [xr.generator(seed_seq, "accounts", cls.name) for cls, _, _ in blocks]
    spans, start, extra_followers, extra_counts = [], n, [], []
    for (_, _, block), gx in zip(blocks, rngs, strict=True):
        spans.append((start, start + block.count))
        if block.followers > 0:
            k = gx.poisson(block.followers, block.count)
            extra_followers.append(gx.integers(0, n, int(k.sum())).astype(np.int32))
            extra_counts.append(k.astype(np.int64))
        else:
            extra_counts.append(np.zeros(block.count, dtype=np.int64))
        start += block.count
    if blocks:
        indptr, indices = _append_rows(
            pop.indptr,
            pop.indices,
            n,
            np.concatenate(extra_followers) if extra_followers else np.empty(0, np.int32),
            np.concatenate(extra_counts),
        )
    elif own:
        indptr, indices = pop.indptr, pop.indices
    else:
        indptr, indices = huge_copy(pop.indptr), huge_copy(pop.indices)

    # The per-account fields the feed kernel reads are filled straight into its records (one
    # pass writing each record once), and the audience keeps their views: at a million accounts
    # separate arrays packed afterwards cost twice the time.
    rows = account_rows(n_acc)
    _fill_rows(rows, pop.interest, pop.activity)
    kind, interest_all, activity_all = rows["kind"], rows["interest"], rows["activity"]
    reflex, reflex_comment = rows["reflex"], rows["reflex_comment"]
    community_all = np.full(n_acc, -1, dtype=np.int32)
    community_all[:n] = pop.community
    ids_by_name = {}
    for (cls, params, block), (lo, hi), gx in zip(blocks, spans, rngs, strict=True):
        kind[lo:hi] = block.kind
        ids = np.arange(lo, hi, dtype=np.int32)
        ids_by_name[cls.name] = ids
        cls.setup_accounts(
            params,
            BlockArrays(
                ids, interest_all[lo:hi], activity_all[lo:hi], reflex[lo:hi], reflex_comment[lo:hi]
            ),
            gx,
        )

    origin = huge_zeros(n_acc, ACCOUNT_DTYPES["origin"])
    follow_day = np.full(n_acc, -1, dtype=np.int32)
    origin[pop.first] = ORGANIC
    follow_day[pop.first] = 0
    last_seen = rows["last_seen"]
    last_seen[:] = follow_day  # as Audience starts it where it is not given

    return Audience(
        n_users=n,
        indptr=indptr,
        indices=indices,
        kind=kind,
        origin=origin,
        community=community_all,
        interest=interest_all,
        activity=activity_all,
        trust=rows["trust"],
        reflex=reflex,
        follow_day=follow_day,
        reflex_comment=reflex_comment,
        voice=rows["voice"],
        novelty=rows["novelty"],
        last_seen=last_seen,
        engaged=rows["engaged"],
        followed=rows["followed"],
        blocks=ids_by_name,
        rows=rows,
    )


@numba.njit(cache=True)
def _fill_rows(rows, interest, activity):
    """An audience's records as it starts: users' interest and activity, full trust, voice
    and novelty 1; every other field stays 0 (``last_seen`` is set from the follow days)."""
    n = interest.shape[0]
    for i in range(rows.shape[0]):
        r = rows[i]
        r.trust = 1.0
        r.voice = 1.0
        r.novelty = 1.0
        if i < n:
            r.interest = interest[i]
            r.activity = activity[i]


def _append_rows(indptr, indices, n: int, followers, counts):
    """The users' follower CSR (``indptr`` (n+1,), ``indices``) with one row after it per
    component account: account b is followed by the next ``counts[b]`` entries of
    ``followers`` (user ids), each row sorted and without duplicates. New arrays."""
    nb = counts.shape[0]
    row = np.repeat(np.arange(nb, dtype=np.int64), counts)
    pairs = np.unique(row * max(n, 1) + followers.astype(np.int64))  # sorted by row, then id
    per_row = np.bincount(pairs // max(n, 1), minlength=nb).astype(np.int64)
    out_ptr = huge_zeros(n + nb + 1, np.int64)  # read by the kernel at random: huge pages
    out_ptr[: n + 1] = indptr
    np.cumsum(per_row, out=out_ptr[n + 1 :])
    out_ptr[n + 1 :] += indptr[n]
    out_idx = huge_zeros(indices.shape[0] + pairs.shape[0], np.int32)
    out_idx[: indices.shape[0]] = indices
    out_idx[indices.shape[0] :] = pairs % max(n, 1)
    return out_ptr, out_idx


class PopulationCache:
    """Populations built in this process, the most recently used kept: at most ``entries`` of
    them and ``max_bytes`` of arrays. Each is kept read-only and every audience gets copies of
    its arrays, so no run can change what the next one is handed.

    One cache serves runs that share their audience's inputs and seed: a dashboard's what-ifs
    on the baseline's seeds, the arms of a comparison run in one process.
    """

    def __init__(self, entries: int = 8, max_bytes: int = 1 << 30):
        import threading
        from collections import OrderedDict

        self.entries, self.max_bytes = int(entries), int(max_bytes)
        self._kept: OrderedDict[str, Population] = OrderedDict()
        self._lock = threading.Lock()  # a dashboard serves its sessions on several threads
        self.built = self.reused = 0

    def get(self, inputs: PopulationInputs, seed_seq: np.random.SeedSequence) -> Population:
        """The population for these inputs and stream: a kept one (read-only) if there is one,
        else built now and kept, dropping the least recently used past the limits."""
        key = population_key(inputs, seed_seq)
        with self._lock:
            pop = self._kept.get(key)
            if pop is not None:
                self._kept.move_to_end(key)
                self.reused += 1
                return pop
        pop = build_population(inputs, seed_seq)  # outside the lock: others need not wait
        for name in Population.ARRAYS:
            getattr(pop, name).setflags(write=False)
        with self._lock:
            self.built += 1
            self._kept[key] = pop
            while self._kept and (
                len(self._kept) > self.entries
                or sum(p.nbytes() for p in self._kept.values()) > self.max_bytes
            ):
                self._kept.popitem(last=False)
        return pop

    def clear(self) -> None:
        """Forget every kept population."""
        with self._lock:
            self._kept.clear()


class PopulationFolder:
    """Populations kept as files in a private folder, so the worker processes of one pool
    share them: the first run with a population builds it and writes it (a temporary file
    renamed into place), later runs anywhere in the pool read it back (a few milliseconds
    against the tens or hundreds a build takes). Files are plain NumPy arrays, read without
    pickle; one that cannot be read is built again. Nothing more is written once the folder
    holds ``max_bytes``. The folder belongs to its pool, which removes it."""

    def __init__(self, folder, max_bytes: int = 2 << 30):
        from pathlib import Path

        self.folder, self.max_bytes = Path(folder), int(max_bytes)
        self.built = self.reused = 0

    def get(self, inputs: PopulationInputs, seed_seq: np.random.SeedSequence) -> Population:
        """The population for these inputs and stream: read from the folder if a run wrote it,
        else built now and written while the folder holds less than ``max_bytes``."""
        import os

        path = self.folder / f"{population_key(inputs, seed_seq)}.npz"
        pop = self._read(path, inputs.users)
        if pop is not None:
            self.reused += 1
            return pop
        pop = build_population(inputs, seed_seq)
        self.built += 1
        try:
            held = sum(f.stat().st_size for f in self.folder.glob("*.npz"))
            if held + pop.nbytes() <= self.max_bytes:
                tmp = path.with_name(f".{path.stem}.tmp-{os.getpid()}.npz")
                np.savez(tmp, **{k: getattr(pop, k) for k in Population.ARRAYS})
                os.replace(tmp, path)
        except OSError:
            pass  # a full disk only costs the next run a build
        return pop

    @staticmethod
    def _read(path, n: int) -> Population | None:
        import zipfile

        try:
            with np.load(path, allow_pickle=False) as f:
                arrays = {k: f[k] for k in Population.ARRAYS}
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
            return None
        if (
            any(
                arrays[k].dtype != d
                for k, d in zip(Population.ARRAYS, Population.DTYPES, strict=True)
            )
            or any(arrays[k].shape != (n,) for k in ("community", "interest", "activity"))
            or arrays["indptr"].shape != (n + 1,)
            or arrays["indices"].shape != (int(arrays["indptr"][-1]),)
        ):
            return None
        return Population(n, **arrays)
