"""The feed kernel: how one post travels, as a pure numba function over arrays.

Stages, in order (see ``distribute_post``):

1. **Test.** The post is delivered to a random sample of the brand's followers (``test_fraction``,
   at least ``test_min``). Each delivered user sees it only if active during the post's lifetime,
   and reacts by the rule in :mod:`sim.rules`. The platform's *test signal* is the weighted sum of
   reactions per delivery, so followers who never react (bots, the uninterested, the inactive)
   drag it down.
2. **Followers.** If the signal reaches ``test_threshold`` the post is delivered to every other
   follower; otherwise only to a ``demoted_reach`` share of them (ranked lower, not hidden).
3. **Recommendation.** A post that passed its test is recommended to successive pools of
   non-followers (``explore_stages``), chosen by interest; each further pool needs the previous
   one's signal to reach ``explore_threshold``.
4. **Shares.** Every share exposes the sharer's own followers, who may share again: a cascade,
   drained breadth-first after each stage.

A user sees a post at most once. Nothing here touches a model object, a file or a global: inputs
are arrays and scalars, outputs are arrays, and the only mutated inputs are the caller's scratch
and accumulator arrays listed in ``distribute_post``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.audience import BOUGHT_ORIGIN, FOLLOW_BACK, NONE, ORGANIC, REAL  # noqa: F401
from sim.rng import below, uniform
from sim.rules import COMMENT, CONVERT, DWELL, FOLLOW, LIKE, SHARE, decide

# Columns of the per-origin action table ``acts`` (int64, shape (4, N_ACTS)); rows are origins
# (NONE = non-follower, ORGANIC, BOUGHT_ORIGIN, FOLLOW_BACK).
A_IMPRESSIONS, A_DWELL, A_LIKE, A_COMMENT, A_SHARE, A_FOLLOW, A_CONVERT = range(7)
ACT_NAMES = ("impressions", "dwells", "likes", "comments", "shares", "follows", "conversions")
N_ACTS = 7

# Layout of the feed parameter vector (float64).
P_TEST_FRACTION, P_TEST_MIN, P_THRESHOLD, P_DEMOTED, P_EXPLORE_THRESHOLD = range(5)
P_W_DWELL, P_W_LIKE, P_W_COMMENT, P_W_SHARE = range(5, 9)
N_FEED = 9

# Layout of the integer stats vector returned per post.
S_FOLLOWERS, S_TEST_SIZE, S_PASSED, S_TEST_IMPRESSIONS, S_FOLLOWER_IMPRESSIONS = range(5)
S_EXPLORE_STAGE, S_EXPLORE_IMPRESSIONS, S_CASCADE_IMPRESSIONS, S_MAX_DEPTH = range(5, 9)
S_REAL_REACH, S_DAY_NEW_REAL, S_NEW_FOLLOWS = range(9, 12)
N_STATS = 12
STAT_NAMES = (
    "followers",
    "test_size",
    "passed_test",
    "test_impressions",
    "follower_impressions",
    "explore_stage",
    "explore_impressions",
    "cascade_impressions",
    "max_depth",
    "real_reach",
    "day_new_real",
    "new_follows",
)


def feed_vector(feed) -> np.ndarray:
    """Pack a scenario's ``feed`` table into the vector the kernel reads."""
    w = feed.signal_weights
    return np.array(
        [
            feed.test_fraction,
            feed.test_min,
            feed.test_threshold,
            feed.demoted_reach,
            feed.explore_threshold,
            w.dwell,
            w.like,
            w.comment,
            w.share,
        ],
        dtype=np.float64,
    )


class Workspace:
    """Scratch arrays reused across posts so the kernel allocates nothing per impression.

    ``seen`` and ``day_seen`` are stamp arrays (int32, one per account): an account has seen the
    current post iff ``seen[u] == post_stamp``, so no array is cleared between posts.
    """

    def __init__(self, n_accounts: int):
        self.seen = np.full(n_accounts, -1, dtype=np.int32)
        self.day_seen = np.full(n_accounts, -1, dtype=np.int32)
        self.queue = np.empty(n_accounts, dtype=np.int32)
        self.depth = np.empty(n_accounts, dtype=np.int32)
        self.new_follows = np.empty(n_accounts, dtype=np.int32)


@njit(cache=True)
def _impress(
    u, depth, active, kind, origin, interest, activity, trust, reflex, quality, beh, params,
    seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth, qtail, new_follows,
    state,
):
    """Show the post to account ``u`` if it has not seen it and is active.

    Returns (weighted signal of its reactions, new queue tail). ``active`` forces the impression
    (a user browsing recommendations is active by definition).
    """
    if seen[u] == post_stamp:
        return 0.0, qtail
    if not active and uniform(state) >= activity[u]:
        return 0.0, qtail
    seen[u] = post_stamp
    if depth > stats[S_MAX_DEPTH]:  # share steps between the brand and this viewer
        stats[S_MAX_DEPTH] = depth
    o = origin[u]
    acts[o, A_IMPRESSIONS] += 1
    is_real = kind[u] == REAL
    if is_real:
        stats[S_REAL_REACH] += 1
        if day_seen[u] != day_stamp:
            day_seen[u] = day_stamp
            stats[S_DAY_NEW_REAL] += 1
    bits = decide(interest[u], trust[u], reflex[u], is_real, o != NONE, quality, beh, state)
    if bits == 0:
        return 0.0, qtail
    signal = 0.0
    if bits & DWELL:
        acts[o, A_DWELL] += 1
        signal += params[P_W_DWELL]
    if bits & LIKE:
        acts[o, A_LIKE] += 1
        signal += params[P_W_LIKE]
    if bits & COMMENT:
        acts[o, A_COMMENT] += 1
        signal += params[P_W_COMMENT]
    if bits & SHARE:
        acts[o, A_SHARE] += 1
        signal += params[P_W_SHARE]
        queue[qtail] = u
        qdepth[qtail] = depth + 1
        qtail += 1
    if bits & FOLLOW:
        acts[o, A_FOLLOW] += 1
        new_follows[stats[S_NEW_FOLLOWS]] = u
        stats[S_NEW_FOLLOWS] += 1
    if bits & CONVERT:
        acts[o, A_CONVERT] += 1
    return signal, qtail


@njit(cache=True)
def _drain(
    qhead, qtail, indptr, indices, kind, origin, interest, activity, trust, reflex, quality, beh,
    params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth, new_follows, state,
):
    """Breadth-first share cascade: each sharer exposes its own followers."""
    while qhead < qtail:
        v = queue[qhead]
        d = qdepth[qhead]
        qhead += 1
        for e in range(indptr[v], indptr[v + 1]):
            w = indices[e]
            before = acts[origin[w], A_IMPRESSIONS]
            _, qtail = _impress(
                w, d, False, kind, origin, interest, activity, trust, reflex, quality, beh,
                params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth, qtail,
                new_follows, state,
            )
            stats[S_CASCADE_IMPRESSIONS] += acts[origin[w], A_IMPRESSIONS] - before
    return qhead, qtail


@njit(cache=True)
def distribute_post(
    indptr, indices, kind, origin, interest, activity, trust, reflex, n_real,
    followers, quality, beh, params, explore_stages,
    seen, post_stamp, day_seen, day_stamp, queue, qdepth, new_follows, state,
):
    """Distribute one post through the stages described in the module docstring.

    Args:
        indptr: int64 (n+1,), CSR row pointers of followers per account.
        indices: int32 (m,), follower ids.
        kind, origin: int8 (n,), account kind and brand-follow origin.
        interest, activity, trust, reflex: float64 (n,), per-account state.
        n_real: accounts ``0 .. n_real-1`` are real users (recommendation candidates).
        followers: int32 (F,), the brand's followers; **permuted in place** (test sampling).
        quality: the post's quality in [0, 1].
        beh: float64 (N_BEHAVIOUR,), see ``sim.rules.behaviour_vector``.
        params: float64 (N_FEED,), see ``feed_vector``.
        explore_stages: int64 (k,), recommendation pool sizes.
        seen, day_seen: int32 (n,) stamp arrays, updated in place.
        post_stamp, day_stamp: this post's and this day's stamps (unique per post / per day).
        queue, qdepth, new_follows: int32 (n,) scratch; ``new_follows[:stats[S_NEW_FOLLOWS]]``
            holds the accounts that followed the brand because of this post.
        state: uint64 (4,), the distribution stream's generator state, advanced in place.

    Returns:
        (acts, stats, signals): int64 (4, N_ACTS) actions by origin, int64 (N_STATS,) counts by
        stage, float64 (2,) test signal and last recommendation signal.
    """
    acts = np.zeros((4, N_ACTS), dtype=np.int64)
    stats = np.zeros(N_STATS, dtype=np.int64)
    signals = np.zeros(2, dtype=np.float64)
    F = followers.shape[0]
    stats[S_FOLLOWERS] = F
    qhead = 0
    qtail = 0

    # 1. Test on a random sample: partial Fisher-Yates puts it in followers[:m].
    m = int(round(params[P_TEST_FRACTION] * F))
    m = max(m, int(params[P_TEST_MIN]))
    m = min(m, F)
    for i in range(m):
        j = i + below(state, F - i)
        t = followers[i]
        followers[i] = followers[j]
        followers[j] = t
    stats[S_TEST_SIZE] = m
    weighted = 0.0
    for i in range(m):
        s, qtail = _impress(
            followers[i], 0, False, kind, origin, interest, activity, trust, reflex, quality,
            beh, params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth, qtail,
            new_follows, state,
        )
        weighted += s
    stats[S_TEST_IMPRESSIONS] = acts[:, A_IMPRESSIONS].sum()
    signal = weighted / m if m > 0 else 0.0
    signals[0] = signal
    passed = m > 0 and signal >= params[P_THRESHOLD]
    stats[S_PASSED] = 1 if passed else 0
    qhead, qtail = _drain(
        qhead, qtail, indptr, indices, kind, origin, interest, activity, trust, reflex, quality,
        beh, params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth,
        new_follows, state,
    )

    # 2. The other followers: all of them, or a demoted share.
    reach = 1.0 if passed else params[P_DEMOTED]
    before = acts[:, A_IMPRESSIONS].sum()
    for i in range(m, F):
        if reach >= 1.0 or uniform(state) < reach:
            _, qtail = _impress(
                followers[i], 0, False, kind, origin, interest, activity, trust, reflex,
                quality, beh, params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue,
                qdepth, qtail, new_follows, state,
            )
    stats[S_FOLLOWER_IMPRESSIONS] = acts[:, A_IMPRESSIONS].sum() - before
    qhead, qtail = _drain(
        qhead, qtail, indptr, indices, kind, origin, interest, activity, trust, reflex, quality,
        beh, params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth,
        new_follows, state,
    )

    # 3. Recommendation to interested non-followers, pool by pool.
    if passed and n_real > 0:
        for k in range(explore_stages.shape[0]):
            size = explore_stages[k]
            shown = 0
            weighted = 0.0
            attempts = 0
            while shown < size and attempts < 50 * size:
                attempts += 1
                u = below(state, n_real)
                if origin[u] != NONE or seen[u] == post_stamp:
                    continue
                if uniform(state) >= interest[u]:  # the platform targets by interest
                    continue
                s, qtail = _impress(
                    u, 0, True, kind, origin, interest, activity, trust, reflex, quality, beh,
                    params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue, qdepth,
                    qtail, new_follows, state,
                )
                weighted += s
                shown += 1
            stats[S_EXPLORE_STAGE] = k + 1
            stats[S_EXPLORE_IMPRESSIONS] += shown
            sig = weighted / shown if shown > 0 else 0.0
            signals[1] = sig
            qhead, qtail = _drain(
                qhead, qtail, indptr, indices, kind, origin, interest, activity, trust, reflex,
                quality, beh, params, seen, post_stamp, day_seen, day_stamp, acts, stats, queue,
                qdepth, new_follows, state,
            )
            if sig < params[P_EXPLORE_THRESHOLD]:
                break
    return acts, stats, signals
