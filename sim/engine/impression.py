"""One viewer and the share cascade: the feed kernel's innermost steps.

:func:`_impress` shows the post to one account that can see it: it applies the decision rule
(:func:`sim.base.rules.decide`), counts the reactions in the post's ``POST_STATS`` record, and
queues a sharer, whose own followers :func:`_drain` then exposes breadth-first. ``_can_see`` is
the cheap test most offered accounts stop at. Every stage of :mod:`sim.engine.kernel` and the
paid path (:mod:`sim.engine.paid`) reach viewers through these functions; they take the post's
:class:`sim.base.kernel_types.Delivery` whole. Compiled without reference counting of arrays
(see ``sim.engine.kernel._stages`` for why).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.base.accounts import NONE, REAL
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
)
from sim.base.prefetch import prefetch
from sim.base.rng import binomial, uniform
from sim.base.rules import (
    COMMENT,
    DWELL,
    FOLLOW,
    LIKE,
    PURCHASE,
    SHARE,
    VISIT,
    Viewer,
    decide,
    share_chance,
)

__all__: list[str] = []  # private steps: imported by name by the kernel, the paid path and agents

# How many accounts ahead the loops over known accounts fetch the fields they will read
# (sim.base.prefetch): far enough for a fetch from memory to arrive, near enough to stay cached.
# Fetching an account's ``activity`` fetches its whole row of per-account fields where the
# audience keeps them side by side (``sim.base.kernel_types.ACCOUNT_ROW``), ``seen`` its stamps.
AHEAD = 8


@njit(inline="always", cache=True)
def _can_see(u, factor, acc, post, ws, state):
    """True if account ``u`` has not seen the post yet and is active to see it now.

    Active with chance ``activity[u] * factor`` (one draw; ``factor``: the test window's, or 1).
    Followers and the followers of sharers pass this test before ``_impress``; a pod member on
    duty and a user browsing recommendations are shown the post without it. Inlined into each
    caller: most accounts a post is offered to stop here, and a call to ``_impress`` (which
    takes every per-account array) costs several times these two tests.
    """
    if ws.seen[u] == post.stamp:
        return False
    return uniform(state) < acc.activity[u] * factor


@njit(cache=True, **NO_REFCOUNT)
def _impress(u, depth, parent, d, qtail):
    """Show the post to account ``u``, who has not seen it and is there (see ``_can_see``).

    ``parent`` is the diffusion-tree node through which ``u`` was reached (0: the post itself).
    ``d`` is the post's :class:`Delivery`; its ``POST_STATS`` record ``d.stats`` is updated in
    place. Returns (weighted signal of its reactions, new queue tail).
    """
    acc, post, feed, ws, stats, state = d
    seen = ws.seen
    seen[u] = post.stamp
    acc.last_seen[u] = post.day
    if depth > stats.max_depth:  # share steps between the brand and this viewer
        stats.max_depth = depth
    o = acc.origin[u]
    acts = stats.acts
    acts[o, A_IMPRESSIONS] += 1
    is_real = acc.kind[u] == REAL
    if is_real:
        stats.real_reach += 1
        if ws.day_seen[u] != post.day:
            ws.day_seen[u] = post.day
            stats.day_new_real += 1
    proof = 1.0
    if feed.social_proof > 0.0:  # the likes the post shows so far (a running count)
        proof = min(1.0 + feed.social_proof * np.log2(1.0 + stats.likes), feed.social_proof_cap)
    if parent > 0:  # reached through a friend's share
        proof *= feed.friend_proof
    viewer = Viewer(
        acc.interest[u],
        acc.trust[u],
        acc.reflex[u],
        acc.reflex_comment[u],
        is_real,
        o != NONE,
        acc.voice[u],
        acc.novelty[u],
    )
    bits = decide(viewer, post.quality, proof, post.behaviour, state)
    if bits == 0:
        return 0.0, qtail
    signal = 0.0
    if bits & DWELL:
        acts[o, A_DWELL] += 1
        signal += feed.weight_dwell
    if bits & LIKE:
        acts[o, A_LIKE] += 1
        stats.likes += 1
        signal += feed.weight_like
        acc.likes_given[u] += 1
        if is_real:
            stats.real_likes += 1
    if bits & COMMENT:
        acts[o, A_COMMENT] += 1
        signal += feed.weight_comment
        acc.comments_given[u] += 1
        if is_real:
            stats.real_comments += 1
    if bits & SHARE:
        acts[o, A_SHARE] += 1
        signal += feed.weight_share
        acc.shares_given[u] += 1
        k = stats.cascade_size
        ws.tree_parent[k] = parent
        stats.cascade_size = k + 1
        if parent > 0:
            stats.reshares += 1
        ws.queue[qtail] = u
        ws.depth[qtail] = depth + 1
        ws.qtree[qtail] = k
        qtail += 1
    if bits & (LIKE | COMMENT | SHARE):
        acc.engaged[u] = 1
    if bits & FOLLOW:
        acts[o, A_FOLLOW] += 1
        ws.new_follows[stats.new_follows] = u
        stats.new_follows += 1
    if bits & VISIT:
        acts[o, A_VISIT] += 1
    if bits & PURCHASE:
        acts[o, A_PURCHASE] += 1
    return signal, qtail


@njit(cache=True, **NO_REFCOUNT)
def _beyond(v, graph, d):
    """Estimate what a share by ``v`` does among its followers beyond the simulated population.

    A share is delivered to ``feed.share_audience`` accounts in all; those of ``v``'s followers
    inside the population are shown it one by one (``_drain``), the rest stand outside it. They
    are taken to be like ``v``'s followers inside: each sees the share with their mean activity
    and passes it on with their activity-weighted mean chance (``sim.base.rules.share_chance``),
    two binomial draws. Their views and shares are counted apart (``outside_views``,
    ``outside_shares``: every one of those shares is a share of a share); where those shares go
    next is not estimated: whether strangers further out resemble ``v``'s followers, no figure
    says. Nothing inside changes: no impression, reaction, follow or purchase of the
    population's accounts. Draws only from ``ws.outside``, so the population's own draws are the
    same with or without the estimate.
    """
    acc, post, ws, stats = d.acc, d.post, d.ws, d.stats
    start, end = graph.indptr[v], graph.indptr[v + 1]
    n_in = end - start
    outsiders = d.feed.share_audience - n_in
    if n_in == 0 or outsiders <= 0:  # no followers to stand in for the outsiders, or no room
        return
    active = 0.0
    passes = 0.0
    for e in range(start, end):
        w = graph.indices[e]
        viewer = Viewer(
            acc.interest[w], acc.trust[w], 0.0, 0.0, True, False, acc.voice[w], acc.novelty[w]
        )
        active += acc.activity[w]
        passes += acc.activity[w] * share_chance(viewer, post.quality, post.behaviour)
    seen = binomial(ws.outside, outsiders, active / n_in)
    stats.outside_views += seen
    if passes > 0.0:
        stats.outside_shares += binomial(ws.outside, seen, passes / active)


@njit(cache=True, **NO_REFCOUNT)
def _total_impressions(acts):
    t = 0
    for o in range(acts.shape[0]):
        t += acts[o, A_IMPRESSIONS]
    return t


@njit(cache=True, **NO_REFCOUNT)
def _drain(qhead, qtail, graph, d):
    """Breadth-first share cascade: each sharer exposes its own followers.

    Not the plain independent cascade's search (``sim.engine.diffusion._cascade_chunk``, which says
    why): every follower here is a viewer the decision rule is applied to, one by one. What each
    share does beyond the simulated population is estimated apart (``_beyond``).
    """
    acc, post, ws, stats, state = d.acc, d.post, d.ws, d.stats, d.state
    indptr, indices = graph.indptr, graph.indices
    seen, activity = ws.seen, acc.activity
    before = _total_impressions(stats.acts)
    while qhead < qtail:
        v = ws.queue[qhead]
        depth = ws.depth[qhead]
        node = ws.qtree[qhead]
        qhead += 1
        if d.feed.share_audience > 0:
            _beyond(v, graph, d)
        end = indptr[v + 1]
        for e in range(indptr[v], end):
            if e + AHEAD < end:  # the followers are known ahead: fetch what _can_see reads
                w = indices[e + AHEAD]
                prefetch(seen, w)
                prefetch(activity, w)
            u = indices[e]
            if _can_see(u, 1.0, acc, post, ws, state):
                _, qtail = _impress(u, depth, node, d, qtail)
    stats.cascade_impressions += _total_impressions(stats.acts) - before
    return qhead, qtail
