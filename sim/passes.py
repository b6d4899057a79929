"""The components' compiled helpers, in one home and by one convention: one-pass updates of
per-account arrays for the daily acts of platform mechanisms and traits, and the compiled loops of
tactics (how a brand's group reads its threads).

The convention: a component's compiled loop lives here, takes arrays and scalars (no component
object), and is imported inside the act that first runs it, so that the modules declaring the
components and their parameters (read whenever a scenario is loaded or validated) import no
numba; the model's own pass (the followers who leave) is imported with the model. A component
that shows a post to more people goes through the model (``FeedModel.boost``), whose compiled
path runs the feed kernel's own stages (:mod:`sim.engine.paid`): this module imports nothing
above the base.

Each one-pass update replaces a NumPy expression that made temporary arrays of the whole
population, or of the followers, every day.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from sim.base.accounts import NONE
from sim.base.bytescan import (
    empty_block,
    is_real,
    lowest_byte,
    tail_word,
    without_lowest_byte,
)
from sim.base.rules import Viewer, decide


@njit(cache=True)
def recover_trust(trust, recovery):
    """Every entry of ``trust`` regains ``recovery`` of the trust it lost, in place: one pass
    where the NumPy expression made three temporary arrays of the population a day (the same
    operations in the same order, so the same values)."""
    for i in range(trust.shape[0]):
        t = trust[i]
        trust[i] = t + recovery * (1.0 - t)


@njit(cache=True)
def not_followed_back(origin, kind, followed, out, lo=0, hi=-1):
    """The real followers the brand does not follow yet, ascending, into ``out[:k]``; returns
    k. One pass, where the list of all real followers and a gather of their flags took three;
    it reads ``origin`` a word at a time (:mod:`sim.base.bytescan`), looking only at followers.
    ``lo, hi``: the real accounts' ids, if known (:func:`sim.base.bytescan.is_real`)."""
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
                x = without_lowest_byte(x)
                if is_real(kind, i, lo, hi) and followed[i] == 0:
                    out[k] = i
                    k += 1
    return k


@njit(cache=True)
def answer_commenters(comments, before, trust, gain):
    """The accounts whose standing comments grew since ``before`` (the brand answered them)
    regain ``gain`` of the trust they lost, and ``before`` becomes ``comments``, in place; returns
    how many were answered. One pass over the two int32 arrays where the NumPy expressions made
    a mask, a list and two gathers of the population a day, and copied it whole (the same
    operations on each answered account, so the same values)."""
    answered = 0
    for i in range(comments.shape[0]):
        c = comments[i]
        if c != before[i]:
            if c > before[i]:
                t = trust[i]
                trust[i] = t + gain * (1.0 - t)
                answered += 1
            before[i] = c
    return answered


@njit(cache=True)
def not_followed_back_among(among, origin, kind, followed, out, lo=0, hi=-1):
    """As :func:`not_followed_back`, over the accounts ``among`` only (int32, ascending, known
    to hold every follower: the model's list of the day, ``FeedModel.known_followers``)."""
    k = 0
    for j in range(among.shape[0]):
        i = among[j]
        if origin[i] != NONE and is_real(kind, i, lo, hi) and followed[i] == 0:
            out[k] = i
            k += 1
    return k


@njit(cache=True)
def welcome(won, origin, follow_day, code, day):
    """The accounts ``won`` (int32) follow the brand from ``day`` on, with origin ``code``, in
    place: one pass where two NumPy assignments by index into the accounts' records took about
    15 µs a post."""
    for j in range(won.shape[0]):
        i = won[j]
        origin[i] = code
        follow_day[i] = day


class Leaving(NamedTuple):
    """What decides, on ``day``, whether a follower leaves (numba reads it as a typed tuple):
    the day of the brand's last post, the days of silence after which followers forget it, and
    the hazards ``unfollow`` (times the lack of interest and trust), ``forget`` and ``distrust``
    (times the trust lost)."""

    day: int
    last_post: int
    forget_after: int
    unfollow: float
    forget: float
    distrust: float


@njit(cache=True)
def followers_leave(ids, u, origin, interest, trust, follow_day, leaving):
    """Real followers ``ids`` leave (``origin`` set to NONE) where the uniform ``u`` falls below
    their daily hazard (``leaving``, a :class:`Leaving`); returns how many left. One pass over
    the followers where the NumPy expression made a dozen temporary arrays a day; the same
    operations in the same order, so the same results.

    The hazard: ``unfollow`` times the lack of interest and trust, ``forget`` if the brand has
    posted nothing for more than ``forget_after`` days (counted from the later of the brand's
    last post, ``last_post``, and the day the follower followed), ``distrust`` times the trust
    lost.

    Forgetting is the brand's silence, not the follower's: a follower whom the feed did not
    show a post has nothing in front of them to unfollow, and stays (a page's dormant
    followers are kept, not lost). Counting the follower's own last sighting instead made a
    Facebook page posting daily lose over half its followers in a year, because its feed
    shows each post to about a tenth of them."""
    day, last_post, forget_after = leaving.day, leaving.last_post, leaving.forget_after
    unfollow, forget, distrust = leaving.unfollow, leaving.forget, leaving.distrust
    left = 0
    for j in range(ids.shape[0]):
        i = ids[j]
        t = trust[i]
        forgot = 1.0 if day - max(last_post, follow_day[i]) > forget_after else 0.0
        hazard = unfollow * (1.0 - interest[i] * t) + forget * forgot + distrust * (1.0 - t)
        if u[j] < hazard:
            origin[i] = NONE
            left += 1
    return left


# --- A brand's group (sim.tactics.community): how its members read its threads ----------------


class Readers(NamedTuple):
    """The members reading a group's threads (numba reads it as a typed tuple): float64 (R,)
    interest, trust, voice (already scaled by motivation where it should be) and novelty, and
    bool (R,) whether each follows the brand."""

    interest: np.ndarray
    trust: np.ndarray
    voice: np.ndarray
    novelty: np.ndarray
    follows: np.ndarray


@njit(cache=True)
def read_threads(authors, quality, readers, beh, state):
    """Each reader reacts to each thread by the one rule (not to their own).

    Args:
        authors: int64 (T,), index into the readers of each thread's writer (-1: the brand or
            a post).
        quality: float64 (T,), each thread's relevance.
        readers: a :class:`Readers`, the readers' traits.
        beh: float64 (N_BEHAVIOUR,), the behaviour vector.
        state: uint64 (4,), the generator state, advanced in place.

    Returns:
        int64 (T, R): reaction bits of each reader on each thread (0 for a writer's own).
    """
    interest, trust, voice, novelty = (
        readers.interest,
        readers.trust,
        readers.voice,
        readers.novelty,
    )
    follows = readers.follows
    T, R = authors.shape[0], interest.shape[0]
    bits = np.zeros((T, R), dtype=np.int64)
    for t in range(T):
        for r in range(R):
            if authors[t] == r:
                continue
            viewer = Viewer(interest[r], trust[r], 0.0, 0.0, True, follows[r], voice[r], novelty[r])
            bits[t, r] = decide(viewer, quality[t], 1.0, beh, state)
    return bits
