"""The audience's arrays: per-account state, the follower CSR, and the day's compiled scans over
the follower codes.

:class:`Audience` is what :mod:`sim.engine.audience` generates and
:mod:`sim.engine.audience_networkx` reads from a graph; :mod:`sim.engine.audience` re-exports it.
The follow graph is stored as CSR of *followers* (:func:`_csr_followers`):
``indices[indptr[v]:indptr[v+1]]`` are the accounts that follow ``v``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from sim.base.accounts import NONE, ORIGIN_NAMES, REAL
from sim.base.bytescan import (
    empty_block,
    is_real,
    lowest_byte,
    tail_word,
    without_lowest_byte,
)
from sim.base.graph import csr_from_edges
from sim.base.interest_bytes import sealed, set_interest
from sim.base.kernel_types import ACCOUNT_DTYPES, ROW_FIELDS, is_packed, pack_rows
from sim.base.placement import huge_zeros

INTEREST_CONCENTRATION = 5.0  # Beta concentration of interest within a community (assumption)


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
        followed: the brand's relationship with the account (``sim.base.accounts``): 0 a
            one-way follow, 1 the brand follows it back (a relationship the feed ranks above a
            one-way follow; :mod:`sim.traits.relationships`), 2 one of the owner's close ties
            (:mod:`sim.traits.close_ties`).
        likes_given, comments_given: the account's reactions still standing on brand posts; a
            purged account's reactions vanish from the visible counts with it.
        shares_given: the account's shares of brand posts.
        removed: int8, 1 once the platform removed the account.
        blocks: ids (int32) of the accounts created for each component, by component name.
        rows: the feed kernel's records of the per-account fields it reads per impression
            (``sim.base.kernel_types.ACCOUNT_ROW``, 64 bytes an account); the arrays of those
            names above are views of its fields (``sim.base.kernel_types.pack_rows``). Built
            here from them.
        interest_byte: uint8, ``interest`` to the 256th below, which the feed kernel's
            recommendation pools read first (:mod:`sim.base.interest_bytes`). Built here; to
            keep it current, ``interest`` is read-only: change it with :meth:`set_interest`.
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
    rows: np.ndarray = None
    interest_byte: np.ndarray = None

    def __post_init__(self):
        n = self.kind.shape[0]
        if self.reflex_comment is None:
            self.reflex_comment = np.zeros(n, ACCOUNT_DTYPES["reflex_comment"])
        for name in ("voice", "novelty"):
            if getattr(self, name) is None:
                setattr(self, name, np.ones(n, ACCOUNT_DTYPES[name]))
        if self.last_seen is None:
            self.last_seen = self.follow_day.astype(ACCOUNT_DTYPES["last_seen"])  # a copy
        # The kernel reads and updates these at random: memory of their own on huge pages.
        for name in ("engaged", "followed", "likes_given", "comments_given", "shares_given"):
            if getattr(self, name) is None:
                setattr(self, name, huge_zeros(n, ACCOUNT_DTYPES[name]))
        if self.removed is None:
            self.removed = np.zeros(n, dtype=np.int8)
        pack_rows(self)
        sealed(self)

    def set_interest(self, ids, values) -> None:
        """Set ``interest[ids] = values`` (any index NumPy takes), keeping ``interest_byte``
        in step."""
        set_interest(self, ids, values)

    @property
    def n_accounts(self) -> int:
        """How many accounts the audience holds (real, bought and pod)."""
        return int(self.kind.shape[0])

    @property
    def n_edges(self) -> int:
        """How many follow edges the audience holds."""
        return int(self.indices.shape[0])

    def followers_of_brand(
        self, room: np.ndarray | None = None, among=None, fresh: bool = True
    ) -> np.ndarray:
        """Ids of the brand's current followers (int32, ascending), a fresh array. ``room``:
        int32 scratch of at least ``n_accounts`` ids to scan into, reused between calls;
        ``among`` as for :meth:`real_follower_ids`; ``fresh=False``: a view of ``room``
        instead of a copy (valid until the next scan into it)."""
        return _follower_ids(self.origin, self.origin, False, room, (0, -1), among, fresh)

    def real_follower_ids(
        self,
        room: np.ndarray | None = None,
        span: tuple[int, int] = (0, -1),
        among=None,
        fresh: bool = True,
    ) -> np.ndarray:
        """Ids of the brand's current followers who are real people (int32, ascending), a
        fresh array; ``room`` and ``fresh`` as for :meth:`followers_of_brand`; ``span``:
        :meth:`real_span` of this audience, if the caller keeps it (the scan then reads no
        ``kind``); ``among``: int32 ids (ascending) known to hold every follower, to look at
        instead of all."""
        return _follower_ids(self.origin, self.kind, True, room, span, among, fresh)

    def real_span(self) -> tuple[int, int]:
        """``(lo, hi)`` if the real accounts are exactly the ids ``lo .. hi-1`` (as generated:
        real users first, the tactics' accounts after them), else ``(0, -1)``. Kinds never
        change during a run, so a model asks once and hands the span to the day's scans."""
        return real_span(self.kind)

    def follower_counts(self, among=None) -> np.ndarray:
        """Brand followers by origin: int64 array indexed by ``ORGANIC``, ``BOUGHT_ORIGIN``, ...
        ``among``: int32 ids (ascending) known to hold every follower, to look at instead of
        all (``FeedModel.known_followers``)."""
        if among is None:
            return _origin_counts(self.origin, len(ORIGIN_NAMES))
        return _origin_counts_among(among, self.origin, len(ORIGIN_NAMES))

    def __getstate__(self) -> dict:
        """What pickling (and ``copy.deepcopy``) keeps: the arrays, but the views of ``rows``
        only as ``rows`` itself, so a copy is no larger than the audience and its views are
        views of its own records again (:meth:`__setstate__`)."""
        state = dict(vars(self))
        if is_packed(self):
            for f in ROW_FIELDS:
                del state[f]
        return state

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state)
        if self.rows is not None:
            for f in ROW_FIELDS:
                if f not in state:
                    setattr(self, f, self.rows[f])
        sealed(self)  # the new views are writeable: the bytes are made again, and sealed

    def nbytes(self) -> int:
        """The bytes the audience's arrays take (the views of ``rows`` counted once, in it)."""
        return sum(
            v.nbytes
            for name, v in vars(self).items()
            if isinstance(v, np.ndarray) and name not in ROW_FIELDS
        )


# The day's follower lists and counts scan ``origin`` (one byte an account) several times a day.
# Followers are few next to the population, so the scans read it eight accounts (one word) at a
# time, pass over words of zeros (NONE is 0) and find each follower inside a word directly
# (:mod:`sim.base.bytescan`): at 100,000 accounts with a few thousand followers a list takes about
# a third of the time the byte-by-byte test of each non-zero word took, and at a million accounts
# the sparse words are passed over as before.


@njit(cache=True)
def _fill_follower_ids(origin, kind, real_only, out, lo=0, hi=-1):
    """Ids (ascending) where ``origin`` is not NONE and, if ``real_only``, the account is real
    (:func:`sim.base.bytescan.is_real`: ids ``lo .. hi-1`` if ``hi >= 0``, else ``kind`` is
    REAL), into ``out[:k]`` in one pass; returns k. ``out`` holds at least
    ``origin.shape[0]`` ids."""
    nw = origin.shape[0] // 8
    nb = nw // 8
    words = origin[: nw * 8].view(np.uint64)
    k = 0
    for b in range(nb + 1):
        if empty_block(words, b, nb):
            continue
        for w in range(8 * b, min(8 * b + 8, nw + 1)):
            x = words[w] if w < nw else tail_word(origin)
            while x != 0:
                i = 8 * w + lowest_byte(x)
                out[k] = i
                k += not real_only or is_real(kind, i, lo, hi)
                x = without_lowest_byte(x)
    return k


def _follower_ids(
    origin, kind, real_only: bool, room=None, span=(0, -1), among=None, fresh: bool = True
) -> np.ndarray:
    """Ids (int32, ascending, a fresh array) where ``origin`` is not NONE and, if
    ``real_only``, the account is real (``span``: the real accounts' ids ``(lo, hi)``, or
    ``(0, -1)`` to read ``kind``), looking at the accounts ``among`` only if given. One pass
    into ``room`` (int32 scratch, allocated if None or too short) and a copy of what it found
    (a count pass to size the result took longer than the copy), or with ``fresh=False`` the
    view of ``room`` that holds it, for a caller done with it before the next scan."""
    n = origin.shape[0] if among is None else among.shape[0]
    if room is None or room.shape[0] < n:  # the loops do not check bounds
        room = np.empty(n, dtype=np.int32)
    # Every argument given: a call leaving out a default takes numba's slow dispatch.
    if among is None:
        k = _fill_follower_ids(origin, kind, real_only, room, span[0], span[1])
    else:
        k = _fill_followers_among(among, origin, kind, real_only, room, span[0], span[1])
    return room[:k].copy() if fresh else room[:k]


@njit(cache=True)
def union_sorted(followers, won):
    """``followers`` (int32, ascending, unique) and ``won`` (int32, any order) together,
    ascending and each once, in a fresh int32 array: who follows the brand after a post, from
    the list its distribution started with and the accounts it won, without a scan of every
    account's code.

    The few accounts won are placed by binary search and the followers between them copied as
    blocks: a merge comparing every follower took about 10 µs a post at 100,000 accounts."""
    new = np.sort(won)
    n = followers.shape[0]
    out = np.empty(n + new.shape[0], dtype=np.int32)
    i = k = 0
    for j in range(new.shape[0]):
        v = new[j]
        e = i + np.searchsorted(followers[i:], v)  # the first follower from i on not below v
        out[k : k + e - i] = followers[i:e]
        k += e - i
        i = e
        # Already there: won twice, or a follower (copied with the next block).
        if (k > 0 and out[k - 1] == v) or (i < n and followers[i] == v):
            continue
        out[k] = v
        k += 1
    out[k : k + n - i] = followers[i:]
    k += n - i
    return out[:k].copy()


# The same lists and tally over a list of accounts known to hold every follower (ascending; the
# model's list after the day's posts, from which followers may since have left): the same
# results as the scans, reading the codes of those accounts only.


@njit(cache=True)
def _fill_followers_among(among, origin, kind, real_only, out, lo=0, hi=-1):
    """As :func:`_fill_follower_ids`, over the accounts ``among`` only."""
    k = 0
    for j in range(among.shape[0]):
        i = among[j]
        if origin[i] != NONE:
            out[k] = i
            k += not real_only or is_real(kind, i, lo, hi)
    return k


@njit(cache=True)
def _origin_counts_among(among, origin, n_origins):
    """As :func:`_origin_counts`, over the accounts ``among`` only."""
    out = np.zeros(n_origins, dtype=np.int64)
    following = 0
    for j in range(among.shape[0]):
        o = origin[among[j]]
        if o != NONE:
            out[o] += 1
            following += 1
    out[NONE] = origin.shape[0] - following
    return out


@njit(cache=True)
def _day_tally_among(among, origin, kind, engaged, n_origins, out, lo=0, hi=-1):
    """As :func:`_day_tally`, over the accounts ``among`` only."""
    counts = np.zeros(n_origins, dtype=np.int64)
    k = n_engaged = following = 0
    for j in range(among.shape[0]):
        i = among[j]
        o = origin[i]
        if o == NONE:
            continue
        counts[o] += 1
        following += 1
        if is_real(kind, i, lo, hi):
            out[k] = i
            k += 1
            n_engaged += engaged[i] == 1
    counts[NONE] = origin.shape[0] - following
    return counts, k, n_engaged


def real_span(kind: np.ndarray) -> tuple[int, int]:
    """``(lo, hi)`` if the accounts whose ``kind`` is REAL are exactly the ids ``lo .. hi-1``,
    else ``(0, -1)``: what the day's scans take to tell a real account by its id alone."""
    ids = np.flatnonzero(kind == REAL)
    if ids.shape[0] == 0:
        return (0, 0)
    if ids[-1] - ids[0] + 1 == ids.shape[0]:
        return (int(ids[0]), int(ids[-1]) + 1)
    return (0, -1)


@njit(cache=True)
def _origin_counts(origin, n_origins):
    """How many accounts have each origin code (``np.bincount``, passing over words of NONE)."""
    out = np.zeros(n_origins, dtype=np.int64)
    nw = origin.shape[0] // 8
    nb = nw // 8
    words = origin[: nw * 8].view(np.uint64)
    for b in range(nb + 1):
        if empty_block(words, b, nb):
            continue
        for w in range(8 * b, min(8 * b + 8, nw + 1)):
            x = words[w] if w < nw else tail_word(origin)
            while x != 0:
                out[origin[8 * w + lowest_byte(x)]] += 1
                x = without_lowest_byte(x)
    following = 0
    for o in range(1, n_origins):
        following += out[o]
    out[0] = origin.shape[0] - following
    return out


@njit(cache=True)
def _day_tally(origin, kind, engaged, n_origins, out, lo=0, hi=-1):
    """The day's follower figures in one pass over ``origin`` where three scans took three:
    accounts by origin (as :func:`_origin_counts`), the real followers' ids (int32, ascending,
    as :meth:`Audience.real_follower_ids`; ``lo, hi`` as for :func:`_fill_follower_ids`) into
    ``out[:k]``, and how many of them have ``engaged == 1``. Returns ``(counts, k, engaged)``;
    ``out`` holds at least ``origin.shape[0]`` ids."""
    counts = np.zeros(n_origins, dtype=np.int64)
    nw = origin.shape[0] // 8
    nb = nw // 8
    words = origin[: nw * 8].view(np.uint64)
    k = n_engaged = following = 0
    for b in range(nb + 1):
        if empty_block(words, b, nb):
            continue
        for w in range(8 * b, min(8 * b + 8, nw + 1)):
            x = words[w] if w < nw else tail_word(origin)
            while x != 0:
                i = 8 * w + lowest_byte(x)
                x = without_lowest_byte(x)
                counts[origin[i]] += 1
                following += 1
                if is_real(kind, i, lo, hi):
                    out[k] = i
                    k += 1
                    n_engaged += engaged[i] == 1
    counts[NONE] = origin.shape[0] - following
    return counts, k, n_engaged


def _csr_followers(src, dst, n):
    """CSR of followers per followee from follow edges ``src -> dst`` (src follows dst).

    Rows sorted and without duplicate follows: int64 (n+1,) and int32 (m,). O(edges).
    """
    return csr_from_edges(dst, src, n, True)
