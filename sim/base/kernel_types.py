"""The feed kernel's named inputs and outputs: dtypes, named tuples and the post-stats record.

numba reads a ``typing.NamedTuple`` of arrays and scalars as a typed tuple (fields resolved at
compile time, so a field costs what a positional argument did) and a NumPy record by field
offset, so the kernel (:mod:`sim.engine.kernel`) takes and returns these instead of positional
vectors. Every array's dtype is declared here, once, with the reason; whoever allocates the arrays
(:mod:`sim.engine.audience`, :func:`scratch`, tests) takes it from these tables.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from sim.base.accounts import N_ORIGINS
from sim.base.graph import Graph
from sim.base.interest_bytes import BYTE_TEST_MIN_USERS, sealed
from sim.base.placement import huge_zeros
from sim.base.rules import REACTIONS

__all__ = [
    "A_COMMENT",
    "A_DWELL",
    "A_FOLLOW",
    "A_IMPRESSIONS",
    "A_LIKE",
    "A_PURCHASE",
    "A_SHARE",
    "A_VISIT",
    "ACCOUNT_DTYPES",
    "ACT_COLUMNS",
    "N_ACTS",
    "POST_STATS",
    "ACCOUNT_ROW",
    "SCRATCH_DTYPES",
    "STAMPS",
    "Accounts",
    "Delivery",
    "FeedParams",
    "Graph",
    "Post",
    "Scratch",
    "Targets",
    "accounts",
    "feed_params",
    "is_packed",
    "pack_rows",
    "scratch",
]

# --------------------------------------------------------------------------- dtypes, declared once
# ``accounts`` refuses an array of another dtype rather than silently copying it: the kernel's
# in-place updates of a copy would be lost. The graph's dtypes are in sim.base.graph.GRAPH_DTYPES.

ACCOUNT_DTYPES = {
    # Codes from sim.base.accounts (a handful of values): one byte per account.
    "kind": np.dtype(np.int8),
    "origin": np.dtype(np.int8),
    # Probabilities in [0, 1], compared with 53-bit uniforms: double precision.
    "interest": np.dtype(np.float64),
    # ``interest`` to the 256th below (sim.base.interest_bytes): the recommendation pools decide
    # most attempts on it without reading the account's record; 0-255 fits one byte.
    "interest_byte": np.dtype(np.uint8),
    "activity": np.dtype(np.float64),
    "trust": np.dtype(np.float64),
    "reflex": np.dtype(np.float64),
    "reflex_comment": np.dtype(np.float64),
    # Per-user multipliers of the rule's chances (1 = the average user): voice scales comments and
    # shares, novelty follows and visits. Compared with uniforms after a product: double precision.
    "voice": np.dtype(np.float64),
    "novelty": np.dtype(np.float64),
    # A day number (-1: never); any simulated horizon fits in 32 bits.
    "last_seen": np.dtype(np.int32),
    # 0/1 flags: one byte.
    "engaged": np.dtype(np.int8),
    "followed": np.dtype(np.int8),
    # Reactions an account has standing on brand posts: far below 2**31.
    "likes_given": np.dtype(np.int32),
    "comments_given": np.dtype(np.int32),
    "shares_given": np.dtype(np.int32),
}

# The per-account fields the kernel reads or writes for (nearly) every account it offers a post
# to, side by side: one 64-byte record per account, on a cache line of its own (``pack_rows``
# aligns the block). On a large audience an impression costs the memory reads it waits for, and
# eleven separate arrays were up to eleven reads where one record is one. The audience's arrays
# of these names are views of the record's fields (``Audience.rows``), so every other reader and
# writer of them is unchanged; ``origin`` stays an array of its own, because the day's follower
# scans read it 64 accounts at a time. ``spare`` pads the record to 64 bytes.
ROW_FIELDS = (
    "activity",
    "interest",
    "trust",
    "reflex",
    "reflex_comment",
    "voice",
    "novelty",
    "last_seen",
    "kind",
    "engaged",
    "followed",
)
ACCOUNT_ROW = np.dtype([*((f, ACCOUNT_DTYPES[f]) for f in ROW_FIELDS), ("spare", np.int8)])
# The two stamps of the scratch arrays, read and written together for each viewer: side by side.
STAMPS = np.dtype([("seen", np.int32), ("day_seen", np.int32)])

SCRATCH_DTYPES = {
    # Stamps: a post number of the run (``Post.stamp``) and a day; a run has far fewer than 2**31.
    "seen": np.dtype(np.int32),
    "day_seen": np.dtype(np.int32),
    # Account ids (< 2**31, like the graph's indices), share steps from the brand and
    # diffusion-tree node ids (at most n + 1): 32 bits.
    "queue": np.dtype(np.int32),
    "depth": np.dtype(np.int32),
    "qtree": np.dtype(np.int32),
    "new_follows": np.dtype(np.int32),
    "tree_parent": np.dtype(np.int32),
    # Subtree sizes, multiplied by each other in the Wiener index: 64 bits, so no overflow.
    "tree_size": np.dtype(np.int64),
    "outside": np.dtype(np.uint64),  # a generator state (sim.base.rng), reseeded by each run
}

# Columns of the per-origin action table ``acts`` (int64, shape (N_ORIGINS, N_ACTS)); rows are the
# brand-follow origins of the viewers (NONE = non-follower, ORGANIC, ...). Impressions, then one
# column per reaction of sim.base.rules in its order. It stays a 2-D array (a field of the post's
# stats): the recorder and tests sum it over origins and slice it by column, which records cannot.
ACT_COLUMNS = ("impressions", *REACTIONS)
N_ACTS = len(ACT_COLUMNS)
A_IMPRESSIONS, A_DWELL, A_LIKE, A_COMMENT, A_SHARE, A_FOLLOW, A_VISIT, A_PURCHASE = range(N_ACTS)

# What the kernel reports per post, as one NumPy record the kernel writes and the recorder reads
# by field name: counts are int64 (exact, summed over a run without overflow), signals float64.
POST_STATS = np.dtype(
    [
        ("acts", np.int64, (N_ORIGINS, N_ACTS)),  # actions by viewer origin, columns ACT_COLUMNS
        ("followers", np.int64),  # the brand's followers when it posted
        ("test_size", np.int64),  # followers sampled for the test
        ("passed", np.int64),  # 1 if the platform passed the post on to recommendation
        ("widen", np.float64),  # the platform's chance of widening it (sim.base.rules.widen_chance)
        ("test_impressions", np.int64),  # impressions of the test sample (pod excluded)
        ("pod_impressions", np.int64),  # pod members shown the post in the test window
        ("seeded_impressions", np.int64),  # impressions through paid influencers
        ("follower_impressions", np.int64),  # impressions of the other followers
        ("explore_stage", np.int64),  # recommendation pools entered
        ("explore_impressions", np.int64),  # non-followers shown it by recommendation
        ("cascade_impressions", np.int64),  # impressions through shares
        ("max_depth", np.int64),  # most share steps between the brand and a viewer
        ("real_reach", np.int64),  # real users who saw it
        ("day_new_real", np.int64),  # real users seeing their first brand post of the day
        ("new_follows", np.int64),  # accounts that followed the brand because of it
        ("likes", np.int64),  # all likes (while it runs, the count social proof reads)
        ("real_likes", np.int64),  # likes by real users
        ("real_comments", np.int64),  # comments by real users
        ("cascade_size", np.int64),  # nodes of the diffusion tree: the post and every share
        ("reshares", np.int64),  # shares of a share
        ("test_signal", np.float64),  # weighted reactions per test delivery (or view: test_score)
        ("explore_signal", np.float64),  # the same over the last recommendation pool
        ("structural_virality", np.float64),  # mean distance between diffusion-tree nodes
        ("outside_views", np.int64),  # views of its shares beyond the simulated population
        ("outside_shares", np.int64),  # shares of a share there (sim.engine.impression._beyond)
    ],
    align=True,
)

# --------------------------------------------------------------------------- named inputs


class Accounts(NamedTuple):
    """The per-account arrays the kernel reads, all shape (n,), dtypes in ``ACCOUNT_DTYPES``.

    ``last_seen``, ``engaged`` and the three ``*_given`` arrays are ledgers the kernel updates
    in place; ``followed`` it only reads. ``interest_byte`` is either empty or
    ``sim.base.interest_bytes.interest_bytes(interest)``: if given, the recommendation pools
    decide by it and read ``interest`` only where it cannot tell. See
    :class:`sim.engine.audience.Audience` for what each holds.
    """

    kind: np.ndarray
    origin: np.ndarray
    interest: np.ndarray
    interest_byte: np.ndarray
    activity: np.ndarray
    trust: np.ndarray
    reflex: np.ndarray
    reflex_comment: np.ndarray
    voice: np.ndarray
    novelty: np.ndarray
    last_seen: np.ndarray
    engaged: np.ndarray
    followed: np.ndarray
    likes_given: np.ndarray
    comments_given: np.ndarray
    shares_given: np.ndarray


class Scratch(NamedTuple):
    """Arrays reused across posts so the kernel allocates nothing per impression.

    ``seen`` and ``day_seen`` are stamp arrays: an account has seen the current post iff
    ``seen[u] == post.stamp``, so nothing is cleared between posts. ``new_follows[:k]`` holds
    the accounts that followed the brand because of the last post (k: its ``new_follows``
    stat). The diffusion tree of the current post: node 0 is the post, node k > 0 the k-th share;
    ``qtree`` is the tree node of each queued sharer. Shapes (n,), ``tree_parent`` and
    ``tree_size`` (n + 1,); dtypes in ``SCRATCH_DTYPES``.
    """

    seen: np.ndarray
    day_seen: np.ndarray
    queue: np.ndarray
    depth: np.ndarray
    qtree: np.ndarray
    new_follows: np.ndarray
    tree_parent: np.ndarray
    tree_size: np.ndarray
    outside: np.ndarray  # uint64 (4,): the generator state of the draws beyond the population


class FeedParams(NamedTuple):
    """The platform's feed rules for one post, as the kernel reads them (see ``feed_params``)."""

    test_fraction: float  # share of followers in the test sample
    test_min: int  # smallest test sample, in followers
    test_threshold: float  # test signal at which a post widens to all followers with chance 1/2
    # how sharply that chance rises with the signal (sim.base.rules.widen_chance)
    test_steepness: float
    test_per_view: bool  # divide the test's reactions by views (True) or by deliveries (False)
    passed_reach: float  # share of the other followers reached by a post widened for sure
    demoted_reach: float  # share of the other followers reached otherwise
    one_way_reach: float  # those shares' factor for a follower the brand does not follow
    explore_threshold: float  # pool signal at which the next pool opens with chance 1/2
    explore_steepness: float  # how sharply that chance rises with the pool's signal
    explore_stages: np.ndarray  # int64 (k,), recommendation pool sizes for a reference account
    explore_views: float  # follower views of a post for which the pools are explore_stages
    explore_scaling: float  # exponent: pools scale as (follower views / explore_views) ** it
    explore_max_share: float  # no pool exceeds this share of the real users
    explore_spread: float  # sd of the log of one post's factor on its pools (pool_pace)
    weight_dwell: float  # weights of each reaction in a signal (per delivery)
    weight_like: float
    weight_comment: float
    weight_share: float
    social_proof: float  # like-chance rise per doubling of the likes shown (0: none)
    social_proof_cap: float  # largest social-proof multiplier
    friend_proof: float  # extra like multiplier when reached through a friend's share
    test_activity: float  # activity factor of the test window (posting hour), 1 for flat
    share_audience: int  # accounts a share is delivered to, in and beyond the population


class Post(NamedTuple):
    """The post being distributed."""

    stamp: int  # unique per post of a run: marks ``Scratch.seen``
    day: int  # the day: stamps ``Scratch.day_seen`` and ``Accounts.last_seen``
    quality: float  # relevance in [0, 1]
    behaviour: np.ndarray  # float64 (N_BEHAVIOUR,), see sim.base.rules.behaviour_vector


class Targets(NamedTuple):
    """Whom the post is put in front of before recommendation (account ids are int32)."""

    followers: np.ndarray  # int32 (F,), the brand's followers; permuted in place (test sample)
    pod: np.ndarray  # int32 (P,), accounts that react in the test window whatever the post
    seeders: np.ndarray  # int32 (S,), influencers paid to share this post
    credibility: np.ndarray  # float64 (S,), chance each seeder's follower takes notice


class Delivery(NamedTuple):
    """One post on its way: what every stage of the kernel reads and writes for each viewer.

    Built once per post (``distribute_post``, ``sim.engine.paid.boost_post``) and handed down
    whole, so the stages take one input instead of six. ``stats`` is the post's ``POST_STATS``
    record and ``state`` the distribution stream's generator state (uint64 (4,)); both, the
    ledgers of ``acc`` and the ``ws`` arrays are updated in place.
    """

    acc: Accounts
    post: Post
    feed: FeedParams
    ws: Scratch
    stats: np.void  # a POST_STATS record, written by field
    state: np.ndarray


def _checked(name: str, arr: np.ndarray, dtype: np.dtype, n: int) -> np.ndarray:
    if (
        arr.dtype != dtype
        or (arr.shape != (n,) and not (name == "interest_byte" and arr.shape == (0,)))
        or not (arr.flags.c_contiguous or name in ROW_FIELDS)
    ):
        raise TypeError(
            f"{name} must be a contiguous {dtype} array of shape ({n},), got {arr.dtype} "
            f"{arr.shape}; allocate it with the dtype tables of sim.base.kernel_types"
        )
    return arr


def account_rows(n: int) -> np.ndarray:
    """Zeroed ``ACCOUNT_ROW`` records for ``n`` accounts, starting on a cache line: a block an
    audience's fields can be filled in directly, their arrays then being its fields' views, so
    :func:`pack_rows` has nothing to copy."""
    return huge_zeros(n, ACCOUNT_ROW)


def _is_field(arr: np.ndarray, block: np.ndarray, name: str, start: int | None = None) -> bool:
    """Whether ``arr`` is the field ``name`` of the record array ``block`` (the same memory);
    ``start``: the block's address, where the caller has it."""
    dtype, offset = block.dtype.fields[name][:2]
    if start is None:
        start = block.__array_interface__["data"][0]
    return (
        isinstance(arr, np.ndarray)
        and arr.dtype == dtype
        and arr.shape == block.shape
        and arr.strides == block.strides
        and arr.__array_interface__["data"][0] == start + offset
    )


def is_packed(owner) -> bool:
    """Whether ``owner``'s ``ACCOUNT_ROW`` arrays are the fields of its ``rows`` block."""
    block = getattr(owner, "rows", None)
    if block is None:
        return False
    # A record array's interface spells out its fields (costly), so its address is read once.
    start = block.__array_interface__["data"][0]
    return all(_is_field(getattr(owner, f, None), block, f, start) for f in ROW_FIELDS)


def pack_rows(owner) -> np.ndarray:
    """The ``ACCOUNT_ROW`` records of ``owner``'s per-account fields, side by side.

    ``owner`` (an :class:`sim.engine.audience.Audience`, or any object with the
    ``ACCOUNT_ROW`` arrays) keeps the block as ``owner.rows``, and each of those attributes
    becomes a view of its field: the values are the same, and a write through either is seen
    by both. Where that already holds (the usual case, checked cheaply) nothing is copied. A
    copy of an audience taken array by array (pickling, ``copy.deepcopy``) separates the views
    from the block; this packs them again, from the views.

    Raises:
        TypeError: if such an array's dtype or shape is not the one ``ACCOUNT_DTYPES`` declares.
    """
    if is_packed(owner):
        return owner.rows
    n = owner.kind.shape[0]
    arrays = {}
    for f in ROW_FIELDS:
        arr = getattr(owner, f)
        if arr.dtype != ACCOUNT_DTYPES[f] or arr.shape != (n,):
            raise TypeError(
                f"{f} must be a {ACCOUNT_DTYPES[f]} array of shape ({n},), got {arr.dtype} "
                f"{arr.shape}; allocate it with the dtype tables of sim.base.kernel_types"
            )
        arrays[f] = arr
    block = huge_zeros(n, ACCOUNT_ROW)
    _fill_rows(block, arrays)
    for f in ROW_FIELDS:
        setattr(owner, f, block[f])
    owner.rows = block
    return block


# Where the fields lie in a record: float64 words 0-6 (in _FLOATS order), then an int32 word,
# then four bytes.
_FLOATS = ROW_FIELDS[:7]
_LAST_SEEN_WORD = ACCOUNT_ROW.fields["last_seen"][1] // 4
_KIND_BYTE = ACCOUNT_ROW.fields["kind"][1]
_ENGAGED_BYTE = ACCOUNT_ROW.fields["engaged"][1]
_FOLLOWED_BYTE = ACCOUNT_ROW.fields["followed"][1]


def _fill_rows(block: np.ndarray, arrays: dict) -> None:
    """Copy ``arrays`` (by field name) into the records ``block``, each record written once:
    a field at a time would stream the whole block through the cache eleven times."""
    n = block.shape[0]
    _fill_floats(block.view(np.float64).reshape(n, 8), *(arrays[f] for f in _FLOATS))
    _fill_ints(
        block.view(np.int32).reshape(n, 16),
        block.view(np.int8).reshape(n, 64),
        arrays["last_seen"],
        arrays["kind"],
        arrays["engaged"],
        arrays["followed"],
    )


@njit(cache=True)
def _fill_floats(out, c0, c1, c2, c3, c4, c5, c6):
    """Row i of ``out`` (float64 (n, 8)) gets c0[i] .. c6[i] in its first seven columns."""
    for i in range(out.shape[0]):
        out[i, 0] = c0[i]
        out[i, 1] = c1[i]
        out[i, 2] = c2[i]
        out[i, 3] = c3[i]
        out[i, 4] = c4[i]
        out[i, 5] = c5[i]
        out[i, 6] = c6[i]


@njit(cache=True)
def _fill_ints(words, octets, last_seen, kind, engaged, followed):
    """The integer fields of each record: ``words`` and ``octets`` are the block as int32
    (n, 16) and int8 (n, 64)."""
    for i in range(words.shape[0]):
        words[i, _LAST_SEEN_WORD] = last_seen[i]
        octets[i, _KIND_BYTE] = kind[i]
        octets[i, _ENGAGED_BYTE] = engaged[i]
        octets[i, _FOLLOWED_BYTE] = followed[i]


def accounts(audience) -> Accounts:
    """The kernel's view of an audience's per-account arrays (no copies: updates go through).

    The fields of ``ACCOUNT_ROW`` are packed into one record per account first
    (:func:`pack_rows`), unless they are already, and ``interest_byte`` is the audience's
    current one-byte copy of ``interest`` (:func:`sim.base.interest_bytes.sealed`: from then on
    ``audience.interest`` is read-only; change it with ``set_interest``), or, for fewer than
    ``BYTE_TEST_MIN_USERS`` accounts, an empty array: the kernel then tests the exact interest.

    Raises:
        TypeError: if an array's dtype is not the one ``ACCOUNT_DTYPES`` declares.
    """
    n = audience.kind.shape[0]
    pack_rows(audience)
    arrays = {f: getattr(audience, f, None) for f in Accounts._fields}
    q = sealed(audience)
    arrays["interest_byte"] = q if n >= BYTE_TEST_MIN_USERS else q[:0]
    return Accounts(*(_checked(f, arrays[f], ACCOUNT_DTYPES[f], n) for f in Accounts._fields))


def scratch(n_accounts: int, n_seeders: int = 0) -> Scratch:
    """Fresh scratch arrays for ``n_accounts`` accounts (stamps at -1: nobody has seen a post).

    A post's diffusion tree holds the post, one node per seeder's share and one per sharer (an
    account shares a post at most once), so the tree arrays need ``n_accounts + 1 + n_seeders``
    slots: the kernel writes them without bounds checks. See :func:`with_tree_room`.
    """
    tree = n_accounts + 1 + n_seeders
    size = {"tree_parent": tree, "tree_size": tree, "outside": 4}
    stamps = huge_zeros(n_accounts, STAMPS)  # ``seen`` and ``day_seen``: views of its fields
    out = {}
    for f in Scratch._fields:
        if f in STAMPS.names:
            out[f] = stamps[f]
            out[f][:] = -1
        else:
            out[f] = huge_zeros(size.get(f, n_accounts), SCRATCH_DTYPES[f])
    out["outside"][:] = np.arange(1, 5, dtype=np.uint64)  # never all zero (sim.base.rng)
    return Scratch(**out)


def with_tree_room(ws: Scratch, n_accounts: int, n_seeders: int) -> Scratch:
    """``ws``, its tree arrays grown if a post with ``n_seeders`` seeders could overrun them."""
    need = n_accounts + 1 + n_seeders
    if ws.tree_parent.shape[0] >= need:
        return ws
    return ws._replace(
        tree_parent=huge_zeros(need, SCRATCH_DTYPES["tree_parent"]),
        tree_size=huge_zeros(need, SCRATCH_DTYPES["tree_size"]),
    )


def feed_params(feed, test_activity: float = 1.0, share_audience: int = 0) -> FeedParams:
    """The kernel's feed parameters from a scenario's ``feed`` table.

    Args:
        feed: a :class:`sim.scenario.Feed`.
        test_activity: how much likelier than on average a user is to be active in the test
            window (:func:`sim.base.content.test_window_factor` of the posting hour).
        share_audience: the scenario's ``audience.share_audience`` (0: a share reaches only
            the sharer's followers inside the simulated population).
    """
    w = feed.signal_weights
    return FeedParams(
        test_fraction=float(feed.test_fraction),
        test_min=int(feed.test_min),
        test_threshold=float(feed.test_threshold),
        test_steepness=float(feed.test_steepness),
        test_per_view=feed.test_score == "per_view",
        passed_reach=float(feed.passed_reach),
        demoted_reach=float(feed.demoted_reach),
        one_way_reach=float(feed.one_way_reach),
        explore_threshold=float(feed.explore_threshold),
        explore_steepness=float(feed.explore_steepness),
        explore_stages=np.asarray(feed.explore_stages, dtype=np.int64).reshape(-1),
        explore_views=float(feed.explore_views),
        explore_scaling=float(feed.explore_scaling),
        explore_max_share=float(feed.explore_max_share),
        explore_spread=float(feed.explore_spread),
        weight_dwell=float(w.dwell),
        weight_like=float(w.like),
        weight_comment=float(w.comment),
        weight_share=float(w.share),
        social_proof=float(feed.social_proof),
        social_proof_cap=float(feed.social_proof_cap),
        friend_proof=float(feed.friend_proof),
        test_activity=float(test_activity),
        share_audience=int(share_audience),
    )
