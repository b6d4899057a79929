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
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass, field

import numba
import numpy as np
from numba import njit

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
from sim.base.graph import csr_from_edges
from sim.base.kernel_types import ACCOUNT_DTYPES
from sim.components import BlockArrays
from sim.engine import follow_graph
from sim.engine.populations import PopulationInputs  # noqa: F401 - the key of a population

INTEREST_CONCENTRATION = 5.0  # Beta concentration of interest within a community (assumption)
OUTDEGREE_SIGMA = 0.8  # lognormal spread of accounts followed per user (assumption)
# From this many users the brand's first followers are drawn beside the follow graph, on a
# second thread; below it a thread costs more than it saves.
OVERLAP_MIN_USERS = 200_000


@dataclass
class Audience:
    """Per-account state arrays and the follower CSR. Arrays are shape (n_accounts,).

    The arrays the feed kernel reads have the dtypes of ``sim.base.kernel_types.ACCOUNT_DTYPES``
    (said there once, with the reason), the CSR those of ``sim.base.graph.GRAPH_DTYPES``.

    Attributes:
        n_users: real users (ids ``0 .. n_users-1``).
        indptr: shape (n_accounts+1,), CSR row pointers of followers.
        indices: shape (n_edges,), follower ids, sorted and unique within each row.
        kind: ``REAL``, ``BOUGHT`` or ``POD``.
        origin: how the account follows the brand (``NONE`` if it does not).
        community: int32, niche community (-1 for fakes).
        interest: in [0, 1], interest in the brand's niche.
        activity: in [0, 1], chance of being active during a post's lifetime.
        trust: in [0, 1], trust in the brand (1 = full).
        reflex: in [0, 1], chance of liking without attention (bots, pods).
        reflex_comment: in [0, 1], chance of commenting without attention (pods).
        voice: >= 0, the account's own propensity to comment and share (1 = average; all 1
            unless participation inequality is on).
        novelty: in [0, 1], how much the brand offers this account that it cannot get
            elsewhere (scales follows and visits; all 1 unless the brand lacks unique value).
        follow_day: int32, day the account started following the brand (-1 if never).
        last_seen: last day the account saw a brand post (-1 never).
        engaged: 1 once the account has liked, commented on or shared a brand post.
        followed: 1 if the brand follows the account (a relationship the feed ranks above a
            one-way follow; see :mod:`sim.traits.relationships`).
        likes_given, comments_given: the account's reactions still standing on brand posts; a
            purged account's reactions vanish from the visible counts with it.
        shares_given: the account's shares of brand posts.
        removed: int8, 1 once the platform removed the account.
        blocks: ids (int32) of the accounts created for each component, by component name.
    """

    n_users: int
    indptr: np.ndarray
    indices: np.ndarray
    kind: np.ndarray
    origin: np.ndarray
    community: np.ndarray
    interest: np.ndarray
    activity: np.ndarray
    trust: np.ndarray
    reflex: np.ndarray
    follow_day: np.ndarray
    reflex_comment: np.ndarray = None
    voice: np.ndarray = None
    novelty: np.ndarray = None
    last_seen: np.ndarray = None
    engaged: np.ndarray = None
    followed: np.ndarray = None
    likes_given: np.ndarray = None
    comments_given: np.ndarray = None
    shares_given: np.ndarray = None
    removed: np.ndarray = None
    blocks: dict = field(default_factory=dict)

    def __post_init__(self):
        n = self.kind.shape[0]
        if self.reflex_comment is None:
            self.reflex_comment = np.zeros(n, ACCOUNT_DTYPES["reflex_comment"])
        for name in ("voice", "novelty"):
            if getattr(self, name) is None:
                setattr(self, name, np.ones(n, ACCOUNT_DTYPES[name]))
        if self.last_seen is None:
            self.last_seen = self.follow_day.astype(ACCOUNT_DTYPES["last_seen"])  # a copy
        for name, dtype in (("engaged", ACCOUNT_DTYPES["engaged"]),
                            ("followed", ACCOUNT_DTYPES["followed"]),
                            ("likes_given", ACCOUNT_DTYPES["likes_given"]),
                            ("comments_given", ACCOUNT_DTYPES["comments_given"]),
                            ("shares_given", ACCOUNT_DTYPES["shares_given"]),
                            ("removed", np.int8)):
            if getattr(self, name) is None:
                setattr(self, name, np.zeros(n, dtype=dtype))

    @property
    def n_accounts(self) -> int:
        return int(self.kind.shape[0])

    @property
    def n_edges(self) -> int:
        return int(self.indices.shape[0])

    def followers_of_brand(self, room: np.ndarray | None = None) -> np.ndarray:
        """Ids of the brand's current followers (int32, ascending), a fresh array. ``room``:
        int32 scratch of at least ``n_accounts`` ids to scan into, reused between calls."""
        return _follower_ids(self.origin, self.origin, False, room)

    def real_follower_ids(self, room: np.ndarray | None = None) -> np.ndarray:
        """Ids of the brand's current followers who are real people (int32, ascending), a
        fresh array; ``room`` as for :meth:`followers_of_brand`."""
        return _follower_ids(self.origin, self.kind, True, room)

    def follower_counts(self) -> np.ndarray:
        """Brand followers by origin: int64 array indexed by ``ORGANIC``, ``BOUGHT_ORIGIN``, ..."""
        return _origin_counts(self.origin, len(ORIGIN_NAMES))

    def day_tally(self, out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int]:
        """``(follower_counts(), real_follower_ids(), real followers with engaged == 1)`` from
        one scan of the follower codes: what a day's record reads. The ids are a view of
        ``out`` (int32, at least ``n_accounts`` long, reused from day to day) if given."""
        if out is None or out.shape[0] < self.n_accounts:  # the loop does not check bounds
            out = np.empty(self.n_accounts, dtype=np.int32)
        counts, k, n_engaged = _day_tally(self.origin, self.kind, self.engaged,
                                          len(ORIGIN_NAMES), out)
        return counts, out[:k], int(n_engaged)

    def nbytes(self) -> int:
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))


# The day's follower lists and counts scan ``origin`` (one byte an account) several times a day.
# Followers are few next to the population, so the scans read it 64 accounts (a cache line) at
# a time and look inside only the blocks, then the 8-byte words, that hold a follower (NONE is
# 0): at a million accounts a list takes about 60 us where a byte-by-byte scan took 300 us, and
# at ten million the year's scans had become the larger part of the run.


@njit(inline="always", cache=True)
def _block(words, b):
    """The OR of the eight 8-byte words of 64-account block ``b``: 0 iff no account follows."""
    x = words[8 * b]
    for q in range(1, 8):
        x |= words[8 * b + q]
    return x


@njit(cache=True)
def _fill_follower_ids(origin, kind, real_only, out):
    """Ids (ascending) where ``origin`` is not NONE and, if ``real_only``, ``kind`` is REAL,
    into ``out[:k]`` in one pass; returns k. ``out`` holds at least ``origin.shape[0]`` ids."""
    nb = origin.shape[0] // 64
    words = origin[: nb * 64].view(np.uint64)
    k = 0
    for b in range(nb):
        if _block(words, b) != 0:
            for w in range(8 * b, 8 * b + 8):
                if words[w] != 0:
                    for i in range(8 * w, 8 * w + 8):
                        if origin[i] != NONE:
                            out[k] = i
                            k += not real_only or kind[i] == REAL
    for i in range(64 * nb, origin.shape[0]):
        if origin[i] != NONE:
            out[k] = i
            k += not real_only or kind[i] == REAL
    return k


def _follower_ids(origin, kind, real_only: bool, room=None) -> np.ndarray:
    """Ids (int32, ascending, a fresh array) where ``origin`` is not NONE and, if
    ``real_only``, ``kind`` is REAL. One pass into ``room`` (scratch of at least
    ``origin.shape[0]`` int32 ids, allocated if None) and a copy of what it found: a count
    pass to size the result took longer than the copy."""
    if room is None or room.shape[0] < origin.shape[0]:  # the loop does not check bounds
        room = np.empty(origin.shape[0], dtype=np.int32)
    return room[: _fill_follower_ids(origin, kind, real_only, room)].copy()


@njit(cache=True)
def _origin_counts(origin, n_origins):
    """How many accounts have each origin code (``np.bincount``, skipping blocks of NONE)."""
    out = np.zeros(n_origins, dtype=np.int64)
    nb = origin.shape[0] // 64
    words = origin[: nb * 64].view(np.uint64)
    for b in range(nb):
        if _block(words, b) != 0:
            for w in range(8 * b, 8 * b + 8):
                if words[w] != 0:
                    for i in range(8 * w, 8 * w + 8):
                        if origin[i] != NONE:
                            out[origin[i]] += 1
    for i in range(64 * nb, origin.shape[0]):
        out[origin[i]] += 1
    following = 0
    for o in range(1, n_origins):
        following += out[o]
    out[0] = origin.shape[0] - following
    return out


@njit(cache=True)
def _day_tally(origin, kind, engaged, n_origins, out):
    """The day's follower figures in one pass over ``origin`` where three scans took three:
    accounts by origin (as :func:`_origin_counts`), the real followers' ids (int32, ascending,
    as :meth:`Audience.real_follower_ids`) into ``out[:k]``, and how many of them have
    ``engaged == 1``. Returns ``(counts, k, engaged)``; ``out`` holds at least
    ``origin.shape[0]`` ids."""
    counts = np.zeros(n_origins, dtype=np.int64)
    nb = origin.shape[0] // 64
    words = origin[: nb * 64].view(np.uint64)
    k = 0
    n_engaged = 0
    following = 0
    for b in range(nb):
        if _block(words, b) != 0:
            for w in range(8 * b, 8 * b + 8):
                if words[w] != 0:
                    for i in range(8 * w, 8 * w + 8):
                        o = origin[i]
                        if o != NONE:
                            counts[o] += 1
                            following += 1
                            if kind[i] == REAL:
                                out[k] = i
                                k += 1
                                n_engaged += engaged[i] == 1
    for i in range(64 * nb, origin.shape[0]):
        o = origin[i]
        if o != NONE:
            counts[o] += 1
            following += 1
            if kind[i] == REAL:
                out[k] = i
                k += 1
                n_engaged += engaged[i] == 1
    counts[NONE] = origin.shape[0] - following
    return counts, k, n_engaged


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _first_followers(seed_seq, interest, n0: int) -> np.ndarray:
    """The brand's ``n0`` first followers: interested users find the brand first, by weighted
    sampling without replacement (Efraimidis & Spirakis keys u^(1/w)), weights = interest."""
    gb = xr.generator(seed_seq, "brand")
    keys = np.log(gb.random(interest.shape[0])) / np.maximum(interest, 1e-12)
    return np.argpartition(-keys, n0 - 1)[:n0]


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
        return sum(getattr(self, k).nbytes for k in self.ARRAYS)


def population_key(inputs: PopulationInputs, seed_seq: np.random.SeedSequence) -> str:
    """A population's key: its inputs and its stream (the SeedSequence's entropy, spawn key
    and pool size, which fix every draw), hashed."""
    import hashlib

    text = repr((astuple(inputs), seed_seq.entropy, tuple(seed_seq.spawn_key),
                 seed_seq.pool_size))
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
    mean_interest = np.where(niche[community], inputs.niche_interest, inputs.other_interest)
    k = INTEREST_CONCENTRATION
    interest = g.beta(mean_interest * k, (1.0 - mean_interest) * k)
    activity = g.beta(
        inputs.activity_mean * inputs.activity_spread,
        (1.0 - inputs.activity_mean) * inputs.activity_spread,
        n,
    )

    # Heavy-tailed popularity: P(w > x) ~ x^-tail, so follower counts are heavy-tailed too.
    popularity = g.pareto(inputs.popularity_tail, n) + 1.0
    base_follows = inputs.mean_follows / (1.0 + inputs.reciprocity)
    scale = g.lognormal(-0.5 * OUTDEGREE_SIGMA**2, OUTDEGREE_SIGMA, n)
    outdeg = np.minimum(g.poisson(base_follows * scale), n - 1).astype(np.int64)

    # The brand's first followers come from a stream of their own, so on large audiences they
    # are drawn on a second thread while the follow graph is built (its draw releases the GIL),
    # unless this thread was told to use one of numba's threads (a sweep's worker).
    n0 = min(inputs.initial_followers, n)
    graph_args = (community, comm_start, popularity, outdeg, inputs.homophily,
                  inputs.reciprocity, xr.new_state(xr.stream(seed_seq, "graph")),
                  np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64))
    if n0 and n >= OVERLAP_MIN_USERS and numba.get_num_threads() > 1:
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(_first_followers, seed_seq, interest, n0)
            indptr, indices = follow_graph.build(*graph_args)
            first = job.result()
    else:
        first = (_first_followers(seed_seq, interest, n0) if n0
                 else np.empty(0, dtype=np.int64))
        indptr, indices = follow_graph.build(*graph_args)
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
            pop.indptr, pop.indices, n,
            np.concatenate(extra_followers) if extra_followers else np.empty(0, np.int32),
            np.concatenate(extra_counts))
    elif own:
        indptr, indices = pop.indptr, pop.indices
    else:
        indptr, indices = pop.indptr.copy(), pop.indices.copy()

    kind = np.zeros(n_acc, dtype=ACCOUNT_DTYPES["kind"])
    community_all = np.full(n_acc, -1, dtype=np.int32)
    community_all[:n] = pop.community
    interest_all = np.zeros(n_acc, ACCOUNT_DTYPES["interest"])
    interest_all[:n] = pop.interest
    activity_all = np.zeros(n_acc, ACCOUNT_DTYPES["activity"])
    activity_all[:n] = pop.activity
    reflex = np.zeros(n_acc, ACCOUNT_DTYPES["reflex"])
    reflex_comment = np.zeros(n_acc, ACCOUNT_DTYPES["reflex_comment"])
    ids_by_name = {}
    for (cls, params, block), (lo, hi), gx in zip(blocks, spans, rngs, strict=True):
        kind[lo:hi] = block.kind
        ids = np.arange(lo, hi, dtype=np.int32)
        ids_by_name[cls.name] = ids
        cls.setup_accounts(params, BlockArrays(ids, interest_all[lo:hi], activity_all[lo:hi],
                                               reflex[lo:hi], reflex_comment[lo:hi]), gx)

    origin = np.zeros(n_acc, dtype=ACCOUNT_DTYPES["origin"])
    follow_day = np.full(n_acc, -1, dtype=np.int32)
    origin[pop.first] = ORGANIC
    follow_day[pop.first] = 0

    return Audience(
        n_users=n,
        indptr=indptr,
        indices=indices,
        kind=kind,
        origin=origin,
        community=community_all,
        interest=interest_all,
        activity=activity_all,
        trust=np.ones(n_acc, ACCOUNT_DTYPES["trust"]),
        reflex=reflex,
        follow_day=follow_day,
        reflex_comment=reflex_comment,
        blocks=ids_by_name,
    )


def _append_rows(indptr, indices, n: int, followers, counts):
    """The users' follower CSR (``indptr`` (n+1,), ``indices``) with one row after it per
    component account: account b is followed by the next ``counts[b]`` entries of
    ``followers`` (user ids), each row sorted and without duplicates. New arrays."""
    nb = counts.shape[0]
    row = np.repeat(np.arange(nb, dtype=np.int64), counts)
    pairs = np.unique(row * max(n, 1) + followers.astype(np.int64))  # sorted by row, then id
    per_row = np.bincount(pairs // max(n, 1), minlength=nb).astype(np.int64)
    out_ptr = np.empty(n + nb + 1, dtype=np.int64)
    out_ptr[: n + 1] = indptr
    np.cumsum(per_row, out=out_ptr[n + 1:])
    out_ptr[n + 1:] += indptr[n]
    out_idx = np.empty(indices.shape[0] + pairs.shape[0], dtype=np.int32)
    out_idx[: indices.shape[0]] = indices
    out_idx[indices.shape[0]:] = pairs % max(n, 1)
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
            while self._kept and (len(self._kept) > self.entries or sum(
                    p.nbytes() for p in self._kept.values()) > self.max_bytes):
                self._kept.popitem(last=False)
        return pop

    def clear(self) -> None:
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
        if any(arrays[k].dtype != d for k, d in zip(Population.ARRAYS, Population.DTYPES,
                                                    strict=True)) \
                or any(arrays[k].shape != (n,) for k in ("community", "interest", "activity")) \
                or arrays["indptr"].shape != (n + 1,) \
                or arrays["indices"].shape != (int(arrays["indptr"][-1]),):
            return None
        return Population(n, **arrays)


def _csr_followers(src, dst, n):
    """CSR of followers per followee from follow edges ``src -> dst`` (src follows dst).

    Rows sorted and without duplicate follows: int64 (n+1,) and int32 (m,). O(edges).
    """
    return csr_from_edges(dst, src, n, True)


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
    G.add_edges_from(zip(audience.indices.tolist(), followee.tolist(), strict=True),
                     origin="organic")
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
                    "other way; fix the node's kind or the edge's origin")
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
    community = np.array([_community(u, G.nodes[u].get("community", 0 if kinds[u] == "real"
                                                          else -1), kinds[u] != "real")
                          for u in users], dtype=np.int32)
    follow_day = np.where(origin > 0, 0, -1).astype(np.int32)
    reflex = np.zeros(n_acc, ACCOUNT_DTYPES["reflex"])
    reflex_comment = np.zeros(n_acc, ACCOUNT_DTYPES["reflex_comment"])
    blocks = _graph_blocks(scenario, kind, origin, interest, activity, reflex, reflex_comment,
                           seed_seq)
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
            raise ValueError(f"edge brand -> {v!r}: the brand follows no one in this model (its "
                             "follow-backs are a tactic, [strategies.follow_for_follow]); "
                             "remove the edges out of the brand")


def _node_numbers(G, users: list, name: str) -> np.ndarray:
    """Node attribute ``name`` as floats in [0, 1] (NaN where absent), naming a bad node."""
    out = np.full(len(users), np.nan)
    for i, u in enumerate(users):
        value = G.nodes[u].get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                             np.floating)):
            raise ValueError(f"node {u!r} has {name} = {value!r}; {name} must be a number from "
                             "0 to 1 (or left out to be drawn)")
        if not (0.0 <= float(value) <= 1.0):  # NaN fails this too
            raise ValueError(f"node {u!r} has {name} = {value!r}; {name} must lie in [0, 1]")
        out[i] = float(value)
    return out


MAX_COMMUNITY = 1_000_000  # as many communities as a scenario may describe


def _community(u, value, fake: bool) -> int:
    """A node's community: a whole number from 0 (-1, none, for fakes and pod members)."""
    low = -1 if fake else 0
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
            or not low <= int(value) < MAX_COMMUNITY:
        raise ValueError(f"node {u!r} has community = {value!r}; a community is a whole number "
                         f"from {low} to {MAX_COMMUNITY - 1:,}"
                         + (" (-1: none, for accounts that are not real users)" if fake else ""))
    return int(value)


def _graph_blocks(scenario, kind, origin, interest, activity, reflex, reflex_comment,
                  seed_seq) -> dict:
    """The accounts each of the scenario's components needs, taken from the graph's own: fakes
    a purchase delivers are accounts of kind 'bought' not yet following the brand, pod members
    accounts of kind 'pod' (or 'bought' for bought likes). Each gets its component's traits,
    as a generated audience's would. Refused when the graph holds too few."""
    taken = np.zeros(kind.shape[0], dtype=bool)
    out = {}
    for cls, params, block in registry.account_blocks(scenario):
        where = f"strategies.{cls.name}" if cls.group == "strategies" else cls.name
        if block.kind == REAL:
            raise ValueError(f"[{where}] needs {block.count:,} real accounts outside the "
                             "population, which a graph of your own cannot provide; leave the "
                             "table out for this graph")
        free = np.flatnonzero((kind == block.kind) & (origin == NONE) & ~taken)
        if free.shape[0] < block.count:
            raise ValueError(
                f"[{where}] needs {block.count:,} accounts of kind "
                f"{KIND_NAMES[block.kind]!r} not yet following the brand, but the graph holds "
                f"{free.shape[0]:,}; add such nodes or lower the tactic's numbers")
        ids = free[:block.count].astype(np.int32)
        taken[ids] = True
        arrays = BlockArrays(ids, interest[ids], activity[ids], reflex[ids], reflex_comment[ids])
        cls.setup_accounts(params, arrays, xr.generator(seed_seq, "accounts", cls.name))
        interest[ids], activity[ids] = arrays.interest, arrays.activity
        reflex[ids], reflex_comment[ids] = arrays.reflex, arrays.reflex_comment
        out[cls.name] = ids
    return out
