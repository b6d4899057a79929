"""The one decision rule: what a user does on seeing a post.

Written once as a small ``@njit`` function over scalars: the viewer's traits in a
:class:`Viewer` (a named tuple), the post's quality, social proof and behaviour vector, and the
generator state. The feed kernel calls it for every impression; a Mesa agent's ``decide()``
calls the very same function for one user. There is no second copy of the rule anywhere.

The rule is an attention funnel. A user first stops on the post (dwell) with a chance that grows
with the post's quality, the user's interest and the user's trust in the brand; only a user who
stopped can like, comment, share, follow or visit the brand's site, each with its own chance
scaled the same way; only a visitor can buy. Accounts with a ``reflex`` (premium bots, engagement
pods, bought likes) like — and with ``reflex_comment`` comment — without attention, whatever
their interest. Only real people visit and buy: a bot has no wallet.

Economic value follows Kaushik's micro and macro conversions: a *visit* (profile or site visit,
sign-up) is a micro conversion, a *purchase* a macro conversion.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from sim.base.jit import NO_REFCOUNT
from sim.base.reactions import (  # noqa: F401  (re-exported: the rule's codes live in a leaf)
    B_COMMENT,
    B_DWELL,
    B_FOLLOW,
    B_FORWARD,
    B_LIKE,
    B_PURCHASE,
    B_SHARE,
    B_VISIT,
    COMMENT,
    DWELL,
    FOLLOW,
    LIKE,
    N_BEHAVIOUR,
    PURCHASE,
    REACTIONS,
    SHARE,
    VISIT,
)
from sim.base.rng import uniform


def behaviour_vector(behaviour) -> np.ndarray:
    """Pack a scenario's ``behaviour`` table into the vector ``decide`` reads."""
    b = behaviour
    return np.array(
        [b.dwell, b.like, b.comment, b.share, b.follow, b.visit, b.purchase, 0.0],
        dtype=np.float64,
    )


class Viewer(NamedTuple):
    """The account a post is shown to, as the rule reads it (scalars; see :func:`decide`)."""

    interest: float  # interest in the brand's niche, in [0, 1]
    trust: float  # trust in the brand, in [0, 1]
    reflex: float  # chance of a like without attention (bots, pods), in [0, 1]
    reflex_comment: float  # chance of a comment without attention, in [0, 1]
    is_real: bool  # a real person (only they visit and buy)
    is_follower: bool  # already follows the brand (then no follow)
    # Own propensity to comment and share, >= 0 (1 = the average user): most people never
    # comment or share, a few do most of it (participation inequality,
    # ``sim.traits.participation``).
    voice: float
    # How much the brand offers this user that they cannot get elsewhere, in [0, 1] (1 = fully
    # new): scales the chance to follow and to visit (unique value, ``sim.traits.unique_value``).
    novelty: float


# No reference counting (``_nrt=False``): the feed kernel calls the rule for every impression, and
# counting the two arrays it is passed up and down would cost four atomic operations a call.
@njit(cache=True, **NO_REFCOUNT)
def decide(viewer, quality, proof, beh, state):
    """React to one impression.

    Args:
        viewer: a :class:`Viewer`, the account that sees the post.
        quality: the post's relevance/quality, in [0, 1].
        proof: social proof, >= 1: how much the likes the post already shows (and a friend's
            share) raise the chance of a like (Muchnik, Aral & Taylor 2013).
        beh: float64 (N_BEHAVIOUR,), see ``behaviour_vector``; the model scales it per post for
            the post's content (questions raise comments, calls to action raise visits, ...).
        state: uint64 (4,), the caller's generator state, advanced in place.

    Returns:
        An int of reaction bits (DWELL, LIKE, ...).
    """
    interest, trust, reflex, reflex_comment, is_real, is_follower, voice, novelty = viewer
    bits = 0
    if reflex > 0.0 and uniform(state) < reflex:
        bits |= LIKE
    if reflex_comment > 0.0 and uniform(state) < reflex_comment:
        bits |= COMMENT
    appeal = quality * interest * trust
    if appeal <= 0.0 or uniform(state) >= beh[B_DWELL] * appeal:
        return bits
    bits |= DWELL
    if uniform(state) < beh[B_LIKE] * appeal * proof:
        bits |= LIKE
    if uniform(state) < beh[B_COMMENT] * appeal * voice:
        bits |= COMMENT
    # A post's forward factor, when it has one, is the chance that a viewer who stopped passes
    # it on, whoever the viewer ("would I send this to my friends?"); otherwise sharing follows
    # the viewer's appeal like every other reaction. Either way a user's voice scales it: most
    # people never share anything.
    forward = beh[B_FORWARD]
    if uniform(state) < (forward if forward > 0.0 else beh[B_SHARE] * appeal) * voice:
        bits |= SHARE
    if not is_follower and uniform(state) < beh[B_FOLLOW] * appeal * novelty:
        bits |= FOLLOW
    if is_real and uniform(state) < beh[B_VISIT] * appeal * novelty:
        bits |= VISIT
        if uniform(state) < beh[B_PURCHASE] * trust:
            bits |= PURCHASE
    return bits


@njit(cache=True)
def share_chance(viewer, quality, beh):
    """The chance that :func:`decide` returns SHARE for ``viewer`` (no draw).

    It stops with chance ``beh[B_DWELL] * appeal`` and then passes the post on with chance
    ``forward * voice`` (or ``beh[B_SHARE] * appeal * voice`` without a forward factor), each
    capped at 1, as in ``decide``. Used where a share's reach is estimated rather than drawn
    viewer by viewer (:func:`sim.engine.impression._beyond`).
    """
    interest, trust, _, _, _, _, voice, _ = viewer
    appeal = quality * interest * trust
    if appeal <= 0.0:
        return 0.0
    forward = beh[B_FORWARD]
    passes = (forward if forward > 0.0 else beh[B_SHARE] * appeal) * voice
    return min(beh[B_DWELL] * appeal, 1.0) * min(max(passes, 0.0), 1.0)


@njit(cache=True)
def widen_chance(score, threshold, steepness):
    """The platform's chance of widening a post whose early response scored ``score``.

    A smooth comparison with a reference, not a step: ``r**k / (1 + r**k)`` with
    ``r = score / threshold`` and ``k = steepness``, so a post scoring at the threshold widens
    with chance 1/2, twice the threshold with ``2**k / (1 + 2**k)``; a large steepness
    approaches the step "widen iff score >= threshold". A threshold of 0 widens every post.
    """
    if threshold <= 0.0:
        return 1.0
    if score <= 0.0:
        return 0.0
    r = score / threshold
    if r >= 1.0:  # written so r**k cannot overflow into inf/inf
        return 1.0 / (1.0 + r**-steepness)
    x = r**steepness
    return x / (1.0 + x)


@njit(cache=True)
def pool_size(stage, follower_views, ref_views, scaling, max_share, n_real, factor):
    """The size of a recommendation pool for a post its followers viewed ``follower_views`` times.

    ``stage`` is the pool's size for a reference post viewed ``ref_views`` times by followers;
    the pool scales as ``(follower_views / ref_views) ** scaling`` (0: every account gets the
    same pools), then by ``factor`` (one post's :func:`pool_pace`; 1 for a pool of the stated
    size), and never exceeds ``max_share`` of the ``n_real`` real users (the simulated
    population stands for a far larger platform). At least 1 while ``n_real`` > 0.
    """
    size = float(stage)
    if scaling != 0.0:
        size *= (max(follower_views, 1.0) / ref_views) ** scaling
    if factor != 1.0:
        size *= factor
    cap = max_share * n_real
    if size > cap:
        size = cap
    return max(int(round(size)), 1 if n_real > 0 else 0)


@njit(cache=True)
def pool_pace(spread, state):
    """One post's factor on all its recommendation pools: ``exp(spread * z)``, z a standard
    normal drawn from ``state`` (two uniforms, Box-Muller).

    How many interested users open the app while the post is being recommended, and how many
    other posts compete for their attention, differ from post to post, so the same stated pool
    delivers more views to one post than to another: a log-normal factor whose median is 1 and
    whose log has the standard deviation ``spread``. Draws nothing and returns 1 when
    ``spread`` is 0, so a feed without it keeps every other draw where it was.
    """
    if spread == 0.0:
        return 1.0
    u1 = 1.0 - uniform(state)  # in (0, 1]: the logarithm stays finite
    u2 = uniform(state)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    return np.exp(spread * z)
