"""The feed kernel: how one post travels, as a pure numba function over arrays.

Stages, in order (see ``distribute_post``):

1. **Test.** The post is delivered to a random sample of the brand's followers (``test_fraction``,
   at least ``test_min``). Each delivered user sees it only if active during the post's lifetime,
   and reacts by the rule in :mod:`sim.rules`. Engagement-pod members (and bought likes) react in
   this first window too, whatever the post. Only users active in the test window (a few hours
   after the posting hour) can react in it, so posting time matters. The platform's *test signal*
   is the weighted sum of reactions per delivery, so followers who never react (bots, the
   uninterested, the asleep) drag it down and pods push it up.
2. **Seeding.** Influencers paid to share the post expose their own followers (each with the
   influencer's credibility as the chance of taking notice).
3. **Followers.** If the signal reaches ``test_threshold`` the post is delivered to every other
   follower; otherwise only to a ``demoted_reach`` share of them (ranked lower, not hidden).
4. **Recommendation.** A post that passed its test is recommended to successive pools of
   non-followers (``explore_stages``), chosen by interest; each further pool needs the previous
   one's signal to reach ``explore_threshold``.
5. **Shares.** Every share exposes the sharer's own followers, who may share again: a cascade,
   drained breadth-first after each stage. Shares form a diffusion tree rooted at the post; the
   kernel reports its size, the mean number of reshares each share produced and its structural
   virality (mean distance between pairs of its nodes; Goel, Anderson, Hofman & Watts 2016).

Social proof: every like a post already shows raises the chance of the next like by a factor
``1 + proof * log2(1 + likes)`` (capped), and an exposure through a friend's share by a further
``friend_proof`` (Muchnik, Aral & Taylor 2013: one up-vote, +32% on the next positive rating).

A user sees a post at most once. Nothing here touches a model object, a file or a global: inputs
are arrays and scalars, outputs are arrays, and the only mutated inputs are the per-account
ledger arrays and the scratch arrays listed in ``distribute_post``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.audience import N_ORIGINS, NONE, REAL
from sim.rng import below, uniform
from sim.rules import COMMENT, DWELL, FOLLOW, LIKE, PURCHASE, SHARE, VISIT, decide

# Columns of the per-origin action table ``acts`` (int64, shape (N_ORIGINS, N_ACTS)); rows are
# the brand-follow origins of the viewers (NONE = non-follower, ORGANIC, ...).
A_IMPRESSIONS, A_DWELL, A_LIKE, A_COMMENT, A_SHARE, A_FOLLOW, A_VISIT, A_PURCHASE = range(8)
N_ACTS = 8

# Layout of the feed parameter vector (float64).
P_TEST_FRACTION, P_TEST_MIN, P_THRESHOLD, P_DEMOTED, P_EXPLORE_THRESHOLD = range(5)
P_W_DWELL, P_W_LIKE, P_W_COMMENT, P_W_SHARE = range(5, 9)
P_PROOF, P_PROOF_CAP, P_FRIEND_PROOF, P_TEST_ACTIVITY = range(9, 13)
N_FEED = 13

# Layout of the integer stats vector returned per post.
(S_FOLLOWERS, S_TEST_SIZE, S_PASSED, S_TEST_IMPRESSIONS, S_FOLLOWER_IMPRESSIONS,
 S_EXPLORE_STAGE, S_EXPLORE_IMPRESSIONS, S_CASCADE_IMPRESSIONS, S_MAX_DEPTH, S_REAL_REACH,
 S_DAY_NEW_REAL, S_NEW_FOLLOWS, S_SEEDED_IMPRESSIONS, S_POD_IMPRESSIONS, S_REAL_LIKES,
 S_REAL_COMMENTS, S_CASCADE_SIZE, S_RESHARES, S_LIKES) = range(19)
N_STATS = 19
# Layout of the float signals vector returned per post.
F_TEST_SIGNAL, F_EXPLORE_SIGNAL, F_STRUCTURAL_VIRALITY = range(3)
N_SIGNALS = 3

# Indices into the per-account tuple ``acc`` (see ``accounts``).
(K_KIND, K_ORIGIN, K_INTEREST, K_ACTIVITY, K_TRUST, K_REFLEX, K_REFLEX_COMMENT, K_LAST_SEEN,
 K_ENGAGED, K_LIKES_GIVEN, K_COMMENTS_GIVEN) = range(11)


def accounts(a) -> tuple:
    """The per-account arrays the kernel reads and updates, as one tuple (order: ``K_*``)."""
    return (a.kind, a.origin, a.interest, a.activity, a.trust, a.reflex, a.reflex_comment,
            a.last_seen, a.engaged, a.likes_given, a.comments_given)


def feed_vector(feed, proof=(0.0, 1.0, 1.0), test_activity: float = 1.0) -> np.ndarray:
    """Pack a scenario's ``feed`` table, the social-proof parameters (strength, cap, friend
    factor) and the test window's activity factor into the vector the kernel reads."""
    w = feed.signal_weights
    return np.array(
        [feed.test_fraction, feed.test_min, feed.test_threshold, feed.demoted_reach,
         feed.explore_threshold, w.dwell, w.like, w.comment, w.share, *proof, test_activity],
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
        # Diffusion tree of the current post: node 0 is the post, node k > 0 the k-th share.
        self.qtree = np.empty(n_accounts, dtype=np.int32)  # tree node of each queued sharer
        self.tree_parent = np.empty(n_accounts + 1, dtype=np.int32)
        self.tree_size = np.empty(n_accounts + 1, dtype=np.int64)

    def scratch(self) -> tuple:
        return (self.seen, self.day_seen, self.queue, self.depth, self.new_follows, self.qtree,
                self.tree_parent, self.tree_size)


@njit(cache=True)
def _impress(u, depth, parent, active, acc, quality, beh, params, ws, post_stamp, day, acts,
             stats, qtail, state):
    """Show the post to account ``u`` if it has not seen it and is active.

    ``parent`` is the diffusion-tree node through which ``u`` was reached (0: the post itself);
    ``active`` < 0 forces the impression (a user browsing recommendations, a pod member on duty),
    otherwise it scales the user's activity (the test window's factor, or 1).
    Returns (weighted signal of its reactions, new queue tail).
    """
    kind, origin, interest, activity, trust, reflex, reflex_comment, last_seen, engaged, \
        likes_given, comments_given = acc
    seen, day_seen, queue, qdepth, new_follows, qtree, tree_parent = ws[0], ws[1], ws[2], \
        ws[3], ws[4], ws[5], ws[6]
    if seen[u] == post_stamp:
        return 0.0, qtail
    if active >= 0.0 and uniform(state) >= activity[u] * active:
        return 0.0, qtail
    seen[u] = post_stamp
    last_seen[u] = day
    if depth > stats[S_MAX_DEPTH]:  # share steps between the brand and this viewer
        stats[S_MAX_DEPTH] = depth
    o = origin[u]
    acts[o, A_IMPRESSIONS] += 1
    is_real = kind[u] == REAL
    if is_real:
        stats[S_REAL_REACH] += 1
        if day_seen[u] != day:
            day_seen[u] = day
            stats[S_DAY_NEW_REAL] += 1
    proof = 1.0
    if params[P_PROOF] > 0.0:  # the likes the post shows so far (a running count)
        proof = min(1.0 + params[P_PROOF] * np.log2(1.0 + stats[S_LIKES]),
                    params[P_PROOF_CAP])
    if parent > 0:  # reached through a friend's share
        proof *= params[P_FRIEND_PROOF]
    bits = decide(interest[u], trust[u], reflex[u], reflex_comment[u], is_real, o != NONE,
                  quality, proof, beh, state)
    if bits == 0:
        return 0.0, qtail
    signal = 0.0
    if bits & DWELL:
        acts[o, A_DWELL] += 1
        signal += params[P_W_DWELL]
    if bits & LIKE:
        acts[o, A_LIKE] += 1
        stats[S_LIKES] += 1
        signal += params[P_W_LIKE]
        likes_given[u] += 1
        if is_real:
            stats[S_REAL_LIKES] += 1
    if bits & COMMENT:
        acts[o, A_COMMENT] += 1
        signal += params[P_W_COMMENT]
        comments_given[u] += 1
        if is_real:
            stats[S_REAL_COMMENTS] += 1
    if bits & SHARE:
        acts[o, A_SHARE] += 1
        signal += params[P_W_SHARE]
        k = stats[S_CASCADE_SIZE]
        tree_parent[k] = parent
        stats[S_CASCADE_SIZE] = k + 1
        if parent > 0:
            stats[S_RESHARES] += 1
        queue[qtail] = u
        qdepth[qtail] = depth + 1
        qtree[qtail] = k
        qtail += 1
    if bits & (LIKE | COMMENT | SHARE):
        engaged[u] = 1
    if bits & FOLLOW:
        acts[o, A_FOLLOW] += 1
        new_follows[stats[S_NEW_FOLLOWS]] = u
        stats[S_NEW_FOLLOWS] += 1
    if bits & VISIT:
        acts[o, A_VISIT] += 1
    if bits & PURCHASE:
        acts[o, A_PURCHASE] += 1
    return signal, qtail


@njit(cache=True)
def _total_impressions(acts):
    t = 0
    for o in range(acts.shape[0]):
        t += acts[o, A_IMPRESSIONS]
    return t


@njit(cache=True)
def _drain(qhead, qtail, indptr, indices, acc, quality, beh, params, ws, post_stamp, day, acts,
           stats, state):
    """Breadth-first share cascade: each sharer exposes its own followers."""
    queue, qdepth, qtree = ws[2], ws[3], ws[5]
    before = _total_impressions(acts)
    while qhead < qtail:
        v = queue[qhead]
        d = qdepth[qhead]
        node = qtree[qhead]
        qhead += 1
        for e in range(indptr[v], indptr[v + 1]):
            _, qtail = _impress(indices[e], d, node, 1.0, acc, quality, beh, params, ws,
                                post_stamp, day, acts, stats, qtail, state)
    stats[S_CASCADE_IMPRESSIONS] += _total_impressions(acts) - before
    return qhead, qtail


@njit(cache=True)
def distribute_post(indptr, indices, acc, n_real, followers, pod, seeders, credibility, quality,
                    beh, params, explore_stages, ws, post_stamp, day, state):
    """Distribute one post through the stages described in the module docstring.

    Args:
        indptr: int64 (n+1,), CSR row pointers of followers per account.
        indices: int32 (m,), follower ids.
        acc: per-account arrays, see ``accounts`` (kind, origin int8; interest, activity, trust,
            reflex, reflex_comment float64; last_seen int32; engaged int8; likes_given,
            comments_given int32), all shape (n,). The last four are updated in place.
        n_real: accounts ``0 .. n_real-1`` are real users (recommendation candidates).
        followers: int32 (F,), the brand's followers; **permuted in place** (test sampling).
        pod: int32 (P,), accounts that react in the test window whatever the post.
        seeders: int32 (S,), influencers sharing this post; ``credibility`` float64 (S,) is the
            chance each of their followers takes notice.
        quality: the post's quality in [0, 1].
        beh: float64 (N_BEHAVIOUR,), see ``sim.rules.behaviour_vector``.
        params: float64 (N_FEED,), see ``feed_vector``.
        explore_stages: int64 (k,), recommendation pool sizes.
        ws: scratch arrays, see ``Workspace.scratch``; ``new_follows[:stats[S_NEW_FOLLOWS]]``
            holds the accounts that followed the brand because of this post.
        post_stamp, day: this post's unique stamp and the day (also the day stamp).
        state: uint64 (4,), the distribution stream's generator state, advanced in place.

    Returns:
        (acts, stats, signals): int64 (N_ORIGINS, N_ACTS) actions by viewer origin, int64
        (N_STATS,) counts by stage and of the diffusion tree, float64 (N_SIGNALS,) test signal,
        last recommendation signal and structural virality.
    """
    acts = np.zeros((N_ORIGINS, N_ACTS), dtype=np.int64)
    stats = np.zeros(N_STATS, dtype=np.int64)
    signals = np.zeros(N_SIGNALS, dtype=np.float64)
    stats[S_CASCADE_SIZE] = 1  # the post itself is the root of its diffusion tree
    origin, interest = acc[K_ORIGIN], acc[K_INTEREST]
    seen = ws[0]
    F = followers.shape[0]
    stats[S_FOLLOWERS] = F
    qhead = 0
    qtail = 0

    # 1. Test on a random sample (partial Fisher-Yates puts it in followers[:m]), plus the pod.
    m = int(round(params[P_TEST_FRACTION] * F))
    m = min(max(m, int(params[P_TEST_MIN])), F)
    for i in range(m):
        j = i + below(state, F - i)
        t = followers[i]
        followers[i] = followers[j]
        followers[j] = t
    stats[S_TEST_SIZE] = m
    weighted = 0.0
    for i in range(m):
        s, qtail = _impress(followers[i], 0, 0, params[P_TEST_ACTIVITY], acc, quality, beh,
                            params, ws, post_stamp, day, acts, stats, qtail, state)
        weighted += s
    stats[S_TEST_IMPRESSIONS] = _total_impressions(acts)
    delivered = m
    for i in range(pod.shape[0]):
        if seen[pod[i]] == post_stamp:  # a pod member already sampled as a follower
            continue
        s, qtail = _impress(pod[i], 0, 0, -1.0, acc, quality, beh, params, ws, post_stamp, day,
                            acts, stats, qtail, state)
        weighted += s
        delivered += 1
        stats[S_POD_IMPRESSIONS] += 1
    signal = weighted / delivered if delivered > 0 else 0.0
    signals[F_TEST_SIGNAL] = signal
    passed = delivered > 0 and signal >= params[P_THRESHOLD]
    stats[S_PASSED] = 1 if passed else 0
    qhead, qtail = _drain(qhead, qtail, indptr, indices, acc, quality, beh, params, ws,
                          post_stamp, day, acts, stats, state)

    # 2. Influencer seeding: paid shares expose the influencers' own followers.
    before = _total_impressions(acts)
    tree_parent = ws[6]
    for k in range(seeders.shape[0]):
        v = seeders[k]
        node = stats[S_CASCADE_SIZE]  # the influencer's share is a node under the post
        tree_parent[node] = 0
        stats[S_CASCADE_SIZE] = node + 1
        for e in range(indptr[v], indptr[v + 1]):
            if uniform(state) < credibility[k]:
                _, qtail = _impress(indices[e], 1, node, 1.0, acc, quality, beh, params, ws,
                                    post_stamp, day, acts, stats, qtail, state)
    stats[S_SEEDED_IMPRESSIONS] = _total_impressions(acts) - before
    qhead, qtail = _drain(qhead, qtail, indptr, indices, acc, quality, beh, params, ws,
                          post_stamp, day, acts, stats, state)

    # 3. The other followers: all of them, or a demoted share.
    reach = 1.0 if passed else params[P_DEMOTED]
    before = _total_impressions(acts)
    for i in range(m, F):
        if reach >= 1.0 or uniform(state) < reach:
            _, qtail = _impress(followers[i], 0, 0, 1.0, acc, quality, beh, params, ws,
                                post_stamp, day, acts, stats, qtail, state)
    stats[S_FOLLOWER_IMPRESSIONS] = _total_impressions(acts) - before
    qhead, qtail = _drain(qhead, qtail, indptr, indices, acc, quality, beh, params, ws,
                          post_stamp, day, acts, stats, state)

    # 4. Recommendation to interested non-followers, pool by pool.
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
                s, qtail = _impress(u, 0, 0, -1.0, acc, quality, beh, params, ws, post_stamp,
                                    day, acts, stats, qtail, state)
                weighted += s
                shown += 1
            stats[S_EXPLORE_STAGE] = k + 1
            stats[S_EXPLORE_IMPRESSIONS] += shown
            sig = weighted / shown if shown > 0 else 0.0
            signals[F_EXPLORE_SIGNAL] = sig
            qhead, qtail = _drain(qhead, qtail, indptr, indices, acc, quality, beh, params, ws,
                                  post_stamp, day, acts, stats, state)
            if sig < params[P_EXPLORE_THRESHOLD]:
                break
    signals[F_STRUCTURAL_VIRALITY] = structural_virality(tree_parent, ws[7],
                                                         stats[S_CASCADE_SIZE])
    return acts, stats, signals


@njit(cache=True)
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
