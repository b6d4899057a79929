"""The feed kernel: how one post travels, as a pure numba function over arrays.

Stages, in order (see ``distribute_post``):

1. **Test.** The post is delivered to a random sample of the brand's followers (``test_fraction``,
   at least ``test_min``). Each delivered user sees it only if active during the post's lifetime,
   and reacts by the rule in :mod:`sim.base.rules`. Engagement-pod members (and bought likes) react
   in this first window too, whatever the post. Only users active in the test window (a few hours
   after the posting hour) can react in it, so posting time matters. The platform's *test signal*
   is the weighted sum of reactions per delivery (``test_score = "per_delivery"``), so followers
   who never react (bots, the uninterested, the asleep) drag it down and pods push it up. Scored
   per view instead (``"per_view"``), only the sampled followers who actually saw the post count
   in the denominator: accounts that never open the app no longer dilute it. No platform
   publishes which; both are scenario choices.
2. **Seeding.** Influencers paid to share the post expose their own followers (each with the
   influencer's credibility as the chance of taking notice).
3. **Followers.** The platform compares the signal with a reference, ``test_threshold``: the
   ratio gives ``widen``, a chance that rises smoothly with it (``sim.base.rules.widen_chance``,
   steepness ``test_steepness``: one half at the reference). The other followers are reached as
   a ranked feed would: each sees the post with a chance sliding from ``demoted_reach`` (a post
   the platform ranks low, not hidden) at ``widen`` = 0 to ``passed_reach`` at ``widen`` = 1,
   times ``one_way_reach`` for a follower the brand does not follow back (a relationship
   ranks higher than a one-way follow; :mod:`sim.traits.relationships`); the owner's close ties
   see every post they are there for (:mod:`sim.traits.close_ties`).
4. **Recommendation.** With chance ``widen`` the post passes its test and is recommended to
   successive pools of non-followers,
   chosen by interest. Pool sizes (``explore_stages``) are those of a reference post and scale
   with the views the post had from followers (``sim.base.rules.pool_size``), capped at a share of
   the population; each further pool opens with the chance ``widen_chance`` gives the previous
   pool's signal against ``explore_threshold``. One draw per post scales all its pools
   (``explore_spread``, ``sim.base.rules.pool_pace``): how many interested users happen to open
   the app while it is recommended.
5. **Shares.** Every share exposes the sharer's own followers, who may share again: a cascade,
   drained breadth-first after each stage. Shares form a diffusion tree rooted at the post; the
   kernel reports its size, the mean number of reshares each share produced and its structural
   virality (mean distance between pairs of its nodes; Goel, Anderson, Hofman & Watts 2016).

Social proof: every like a post already shows raises the chance of the next like by a factor
``1 + proof * log2(1 + likes)`` (capped), and an exposure through a friend's share by a further
``friend_proof`` (Muchnik, Aral & Taylor 2013: one up-vote, +32% on the next positive rating).

Showing the post to one viewer (the rule applied, the reactions counted, a sharer queued) and
draining the share cascade are the stages' common steps, in :mod:`sim.engine.impression`.

A user sees a post at most once. Nothing here touches a model object, a file or a global: the
inputs are the named tuples of :mod:`sim.base.kernel_types` (whose fields are arrays and scalars)
and scalars, the output is one record, and the only mutated inputs are the ledger arrays of
``Accounts``, the ``Scratch`` arrays, the brand's follower list and the generator state.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.base.accounts import CLOSE_TIE, NONE, ONE_WAY
from sim.base.interest_bytes import interested
from sim.base.jit import NO_REFCOUNT
from sim.base.kernel_types import (
    A_COMMENT,
    A_DWELL,
    A_FOLLOW,
    A_IMPRESSIONS,
    A_LIKE,
    A_PURCHASE,
    A_SHARE,
    A_VISIT,
    ACCOUNT_DTYPES,
    ACT_COLUMNS,
    N_ACTS,
    POST_STATS,
    SCRATCH_DTYPES,
    Accounts,
    Delivery,
    FeedParams,
    Graph,
    Post,
    Scratch,
    Targets,
    accounts,
    feed_params,
    scratch,
    with_tree_room,
)
from sim.base.prefetch import prefetch
from sim.base.rng import below, scaled, step, uniform, unit
from sim.base.rules import pool_pace, pool_size, widen_chance
from sim.engine.impression import AHEAD, _can_see, _drain, _impress, _total_impressions

__all__ = [  # the kernel and, re-exported, its named inputs and outputs
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
    "SCRATCH_DTYPES",
    "Accounts",
    "Delivery",
    "FeedParams",
    "Graph",
    "Post",
    "Scratch",
    "Targets",
    "accounts",
    "deliver",
    "distribute_post",
    "feed_params",
    "scratch",
    "structural_virality",
    "with_tree_room",
]


@njit(cache=True, **NO_REFCOUNT)
def _other_followers(followers, m, reach, d, qtail):
    """Stage 3: each follower ``followers[m:]`` sees the post with chance ``reach`` (times
    ``one_way_reach`` if the brand does not follow it back, 1 for a close tie), if it can
    (``_can_see``).

    The same draws, in the same order, as drawing from ``state`` one by one; the state is held
    in locals (``sim.base.rng.step``) and written back around each ``_impress``. Returns the queue
    tail.
    """
    state = d.state
    seen, activity, followed = d.ws.seen, d.acc.activity, d.acc.followed
    stamp = d.post.stamp
    one_way = d.feed.one_way_reach
    F = followers.shape[0]
    s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
    for i in range(m, F):
        if i + AHEAD < F:  # no draw decides whom we read: fetch a later follower's fields
            v = followers[i + AHEAD]
            prefetch(seen, v)
            prefetch(activity, v)
        u = followers[i]
        r = reach
        f = followed[u]
        if f == CLOSE_TIE:  # the feed ranks the brand first for the owner's own people
            r = 1.0
        elif one_way < 1.0 and f == ONE_WAY:
            r *= one_way
        if not r >= 1.0:
            x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
            if not unit(x) < r:
                continue
        # _can_see(u, 1.0, ...), on the local state
        if seen[u] == stamp:
            continue
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        if not unit(x) < activity[u]:
            continue
        state[0], state[1], state[2], state[3] = s0, s1, s2, s3
        _, qtail = _impress(u, 0, 0, d, qtail)
        s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
    state[0], state[1], state[2], state[3] = s0, s1, s2, s3
    return qtail


# From this many real users the recommendation pools fetch the accounts of their next attempts
# ahead (see ``_pool``); in a smaller audience the arrays an attempt reads stay in the caches,
# and the look-ahead's restarts (sixteen draws after every attempt that fails on a follower or
# an account that saw the post) cost more than the fetches save. Measured by processor time on
# one 2-core machine (32 MiB L3): TikTok's preset in markets of 10,000 and 30,000 users, 123
# and 174 ms a run without against 193 and 248 ms with; Instagram's at 100,000 users, 117-144
# ns an impression with against 180-215 without, and no difference that shows at 30,000-50,000.
POOL_AHEAD_MIN_USERS = 50_000


@njit(cache=True, **NO_REFCOUNT)
def _pool(size, n_real, d, qtail):
    """Stage 4, one recommendation pool: show the post to ``size`` interested non-followers.

    Each attempt draws an account among the ``n_real`` real users; a follower or an account
    that saw the post already is passed over, any other is shown the post with chance its
    interest (the platform targets by interest). At most ``50 * size`` attempts. Returns
    (accounts shown, their summed signal, queue tail).

    Most attempts fail, each reading three random places of large arrays: that wait, not the
    arithmetic, is the loop's cost on a large audience. The accounts the next attempts will
    draw are known ahead (an output depends only on the generator's state), so their fields
    are fetched ``AHEAD`` attempts early: a look-ahead copy of the state runs ahead of the
    real one, assuming each attempt in between draws twice (account, then interest). When an
    attempt draws otherwise (passed over, or shown the post), the look-ahead restarts from the
    real state. The draws themselves are the same, in the same order, as drawing from
    ``state`` one by one. Below ``POOL_AHEAD_MIN_USERS`` real users there is no look-ahead: the
    arrays stay near, and in a small market that a post's pools have mostly seen already
    (TikTok's, in a calibration) most attempts fail and each restart cost more than the fetch.

    Where the accounts carry bytes of interest (from
    ``sim.base.interest_bytes.BYTE_TEST_MIN_USERS`` accounts on), the interest test reads the
    account's byte (``interest_byte``) instead of its 64-byte record: the same decision for
    every draw (:mod:`sim.base.interest_bytes`), the record read only for one draw in 256 and
    for the accounts shown the post. The look-ahead then fetches the byte, and the record only
    of a candidate whose byte may accept the interest draw it knows the attempt will make.
    """
    state = d.state
    origin, seen = d.acc.origin, d.ws.seen
    interest, qbyte = d.acc.interest, d.acc.interest_byte
    by_byte = qbyte.shape[0] > 0  # empty for a small audience: see sim.base.interest_bytes
    stamp = d.post.stamp
    shown = 0
    weighted = 0.0
    attempts = 0
    limit = 50 * size
    ahead = n_real >= POOL_AHEAD_MIN_USERS
    s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
    a0, a1, a2, a3 = s0, s1, s2, s3
    if ahead:
        a0, a1, a2, a3 = _restart(s0, s1, s2, s3, n_real, d, by_byte)
    while shown < size and attempts < limit:
        attempts += 1
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        u = scaled(x, n_real)
        if ahead:
            x, a0, a1, a2, a3 = step(a0, a1, a2, a3)
            y, a0, a1, a2, a3 = step(a0, a1, a2, a3)
            _fetch_candidate(scaled(x, n_real), y, origin, seen, interest, qbyte, by_byte)
        if origin[u] != NONE or seen[u] == stamp:
            if ahead:
                a0, a1, a2, a3 = _restart(s0, s1, s2, s3, n_real, d, by_byte)
            continue
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        # The platform targets by interest: the same decision either way.
        if by_byte:
            if not interested(x, qbyte[u], interest, u):
                continue
        elif unit(x) >= interest[u]:
            continue
        # Browsing recommendations: there by definition (no _can_see draw).
        state[0], state[1], state[2], state[3] = s0, s1, s2, s3
        sig, qtail = _impress(u, 0, 0, d, qtail)
        s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
        weighted += sig
        shown += 1
        if ahead:
            a0, a1, a2, a3 = _restart(s0, s1, s2, s3, n_real, d, by_byte)
    state[0], state[1], state[2], state[3] = s0, s1, s2, s3
    return shown, weighted, qtail


@njit(inline="always", cache=True)
def _fetch_candidate(v, y, origin, seen, interest, qbyte, by_byte):
    prefetch(origin, v)
    prefetch(seen, v)
    # With bytes, the record is fetched only for a candidate its byte may accept: the byte is
    # read now (it is small enough to be near), with the interest draw the attempt would make.
    if not by_byte or (y >> np.uint64(56)) <= qbyte[v]:
        prefetch(interest, v)


@njit(inline="always", cache=True)
def _restart(s0, s1, s2, s3, n_real, d, by_byte):
    """The look-ahead state ``AHEAD`` two-draw attempts past (s0..s3), their accounts fetched
    (the arrays read from the delivery ``d``: inlined, that costs nothing)."""
    origin, seen = d.acc.origin, d.ws.seen
    interest, qbyte = d.acc.interest, d.acc.interest_byte
    for _ in range(AHEAD):
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        y, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        _fetch_candidate(scaled(x, n_real), y, origin, seen, interest, qbyte, by_byte)
    return s0, s1, s2, s3


@njit(cache=True)
def distribute_post(graph, acc, n_real, post, targets, feed, ws, state):
    """Distribute one post through the stages described in the module docstring.

    Args:
        graph: :class:`Graph`, the follower CSR: indptr int64 (n+1,), indices int32 (m,).
        acc: :class:`Accounts`, per-account arrays of shape (n,), dtypes in ``ACCOUNT_DTYPES``;
            its ledgers (last_seen, engaged, likes_given, comments_given, shares_given) are
            updated in place.
        n_real: accounts ``0 .. n_real-1`` are real users (recommendation candidates).
        post: :class:`Post`, the post's stamp, day, quality and behaviour vector (float64
            (N_BEHAVIOUR,), see ``sim.base.rules.behaviour_vector``).
        targets: :class:`Targets`: the brand's followers (int32 (F,), **permuted in place** to
            sample the test), the pod (int32 (P,)), the seeding influencers (int32 (S,)) and their
            credibility (float64 (S,)).
        feed: :class:`FeedParams`, see ``feed_params``.
        ws: :class:`Scratch`, see ``scratch``; afterwards ``ws.new_follows[:stats.new_follows]``
            holds the accounts that followed the brand because of this post.
        state: uint64 (4,), the distribution stream's generator state, advanced in place.

    Returns:
        The post's ``POST_STATS`` record: actions by viewer origin (``acts``, int64 (N_ORIGINS,
        N_ACTS), columns ``ACT_COLUMNS``), counts by stage and of the diffusion tree, and the
        signals.
    """
    stats = np.zeros(1, dtype=POST_STATS)[0]  # a record: written by field, returned as a copy
    _stages(graph, n_real, targets, Delivery(acc, post, feed, ws, stats, state))
    return stats


@njit(cache=True)
def deliver(graph, n_real, targets, d):
    """``distribute_post`` for a caller that holds the post's record: ``d`` is the post's
    :class:`Delivery`, whose ``stats`` is a zeroed ``POST_STATS`` record (a view of a NumPy
    array of one record), written in place. Nothing is returned: numba hands a record back by
    copying it into a new NumPy scalar, about 7 us a post, more than a small post's stages."""
    _stages(graph, n_real, targets, d)


@njit(cache=True, **NO_REFCOUNT)
def _stages(graph, n_real, targets, d):
    """The stages of ``distribute_post``, writing the post's ``POST_STATS`` record ``d.stats``.

    Apart from ``distribute_post``, which allocates the record, no function of the kernel
    allocates, so they are compiled without the reference counting of arrays (``_nrt=False``):
    numba would otherwise count a reference up and down (two atomic operations) for every array
    of ``Accounts`` and ``Scratch`` at each call of ``_impress`` and at each inlined
    ``_can_see``, and that counting took about half the kernel's time.
    """
    acc, post, feed, ws, stats, state = d
    acts = stats.acts
    stats.cascade_size = 1  # the post itself is the root of its diffusion tree
    indptr, indices = graph.indptr, graph.indices
    seen = ws.seen
    followers, pod = targets.followers, targets.pod
    F = followers.shape[0]
    stats.followers = F
    qhead = 0
    qtail = 0

    # 1. Test on a random sample (partial Fisher-Yates puts it in followers[:m]), plus the pod.
    m = int(round(feed.test_fraction * F))
    m = min(max(m, feed.test_min), F)
    for i in range(m):
        j = i + below(state, F - i)
        t = followers[i]
        followers[i] = followers[j]
        followers[j] = t
    stats.test_size = m
    weighted = 0.0
    for i in range(m):
        if i + AHEAD < m:  # the sample is known: fetch a later member's fields
            v = followers[i + AHEAD]
            prefetch(seen, v)
            prefetch(acc.activity, v)
        u = followers[i]
        if _can_see(u, feed.test_activity, acc, post, ws, state):
            s, qtail = _impress(u, 0, 0, d, qtail)
            weighted += s
    stats.test_impressions = _total_impressions(acts)
    # The denominator of the test score: the sample the post was sent to, or (per view) only
    # those of it who saw the post. No share has been drained yet, so every impression so far is
    # a test view. A pod member on duty sees the post either way, so it counts in both.
    delivered = stats.test_impressions if feed.test_per_view else m
    for i in range(pod.shape[0]):
        if seen[pod[i]] == post.stamp:  # a pod member already sampled as a follower
            continue
        # On duty: shown the post whatever its activity (no _can_see draw).
        s, qtail = _impress(pod[i], 0, 0, d, qtail)
        weighted += s
        delivered += 1
        stats.pod_impressions += 1
    signal = weighted / delivered if delivered > 0 else 0.0
    stats.test_signal = signal
    widen = widen_chance(signal, feed.test_threshold, feed.test_steepness) if delivered else 0.0
    stats.widen = widen
    passed = uniform(state) < widen
    stats.passed = 1 if passed else 0
    qhead, qtail = _drain(qhead, qtail, graph, d)

    # 2. Influencer seeding: paid shares expose the influencers' own followers.
    before = _total_impressions(acts)
    for k in range(targets.seeders.shape[0]):
        v = targets.seeders[k]
        node = stats.cascade_size  # the influencer's share is a node under the post
        ws.tree_parent[node] = 0
        stats.cascade_size = node + 1
        for e in range(indptr[v], indptr[v + 1]):
            if uniform(state) < targets.credibility[k]:
                u = indices[e]
                if _can_see(u, 1.0, acc, post, ws, state):
                    _, qtail = _impress(u, 1, node, d, qtail)
    stats.seeded_impressions = _total_impressions(acts) - before
    qhead, qtail = _drain(qhead, qtail, graph, d)

    # 3. The other followers: ranked higher the better the test went, so each sees the post
    # with a chance that slides from the demoted share to the passed share as ``widen`` rises.
    # A follower the brand does not follow back ranks it lower still (``one_way_reach``).
    reach = feed.demoted_reach + (feed.passed_reach - feed.demoted_reach) * widen
    before = _total_impressions(acts)
    qtail = _other_followers(followers, m, reach, d, qtail)
    stats.follower_impressions = _total_impressions(acts) - before
    qhead, qtail = _drain(qhead, qtail, graph, d)

    # 4. Recommendation to interested non-followers, pool by pool.
    if passed and n_real > 0:
        views = float(stats.test_impressions + stats.follower_impressions)
        pace = pool_pace(feed.explore_spread, state)  # one factor for all the post's pools
        for k in range(feed.explore_stages.shape[0]):
            size = pool_size(
                feed.explore_stages[k],
                views,
                feed.explore_views,
                feed.explore_scaling,
                feed.explore_max_share,
                n_real,
                pace,
            )
            shown, weighted, qtail = _pool(size, n_real, d, qtail)
            stats.explore_stage = k + 1
            stats.explore_impressions += shown
            sig = weighted / shown if shown > 0 else 0.0
            stats.explore_signal = sig
            qhead, qtail = _drain(qhead, qtail, graph, d)
            if uniform(state) >= widen_chance(sig, feed.explore_threshold, feed.explore_steepness):
                break
    stats.structural_virality = structural_virality(
        ws.tree_parent, ws.tree_size, stats.cascade_size
    )


@njit(cache=True, **NO_REFCOUNT)
def structural_virality(parent, size, n):
    """Mean shortest-path distance between all pairs of nodes of a tree (0 if n < 2).

    ``parent[k] < k`` for nodes 1..n-1 (node 0 is the root), as breadth-first insertion gives.
    Each edge (k, parent[k]) lies on the paths of size[k] * (n - size[k]) pairs, so the Wiener
    index is the sum of those products: O(n). ``size`` is int64 scratch of length >= n.
    """
    if n < 2:
        return 0.0
    for k in range(n):
        size[k] = 1
    wiener = 0.0
    for k in range(n - 1, 0, -1):
        size[parent[k]] += size[k]
        wiener += size[k] * (n - size[k])
    return 2.0 * wiener / (n * (n - 1.0))
