"""The one decision rule: what a user does on seeing a post.

Written once as a small ``@njit`` function over scalars. The feed kernel calls it for every
impression; a Mesa agent's ``decide()`` calls the very same function for one user. There is no
second copy of the rule anywhere.

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

import numpy as np
from numba import njit

from sim.rng import uniform

# Reaction bits returned by decide().
DWELL, LIKE, COMMENT, SHARE, FOLLOW, VISIT, PURCHASE = 1, 2, 4, 8, 16, 32, 64
REACTIONS = ("dwell", "like", "comment", "share", "follow", "visit", "purchase")

# Layout of the behaviour parameter vector (float64, shape (N_BEHAVIOUR,)).
B_DWELL, B_LIKE, B_COMMENT, B_SHARE, B_FOLLOW, B_VISIT, B_PURCHASE = range(7)
N_BEHAVIOUR = 7


def behaviour_vector(behaviour) -> np.ndarray:
    """Pack a scenario's ``behaviour`` table into the vector ``decide`` reads."""
    b = behaviour
    return np.array(
        [b.dwell, b.like, b.comment, b.share, b.follow, b.visit, b.purchase], dtype=np.float64
    )


@njit(cache=True)
def decide(interest, trust, reflex, reflex_comment, is_real, is_follower, quality, proof, voice,
           novelty, beh, state):
    """React to one impression.

    Args:
        interest: the user's interest in the brand's niche, in [0, 1].
        trust: the user's trust in the brand, in [0, 1].
        reflex: chance of a like without attention (bots, pods), in [0, 1].
        reflex_comment: chance of a comment without attention, in [0, 1].
        is_real: True for a real person (only they visit and buy).
        is_follower: True if the user already follows the brand (then no follow).
        quality: the post's relevance/quality, in [0, 1].
        proof: social proof, >= 1: how much the likes the post already shows (and a friend's
            share) raise the chance of a like (Muchnik, Aral & Taylor 2013).
        voice: the user's own propensity to comment and share, >= 0 (1 = the average user):
            most people never comment or share, a few do most of it (participation
            inequality, ``sim.traits.participation``).
        novelty: how much the brand offers this user that they cannot get elsewhere, in [0, 1]
            (1 = fully new): scales the chance to follow and to visit (unique value,
            ``sim.traits.unique_value``).
        beh: float64 (N_BEHAVIOUR,), see ``behaviour_vector``; the model scales it per post for
            the post's content (questions raise comments, calls to action raise visits, ...).
        state: uint64 (4,), the caller's generator state, advanced in place.

    Returns:
        An int of reaction bits (DWELL, LIKE, ...).
    """
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
    if uniform(state) < beh[B_SHARE] * appeal * voice:
        bits |= SHARE
    if not is_follower and uniform(state) < beh[B_FOLLOW] * appeal * novelty:
        bits |= FOLLOW
    if is_real and uniform(state) < beh[B_VISIT] * appeal * novelty:
        bits |= VISIT
        if uniform(state) < beh[B_PURCHASE] * trust:
            bits |= PURCHASE
    return bits
