"""Compiled one-pass updates of per-account arrays, for the daily acts of platform mechanisms and
traits, and the compiled path of the components that distribute a post themselves (a paid boost).

Each replaces a NumPy expression that made temporary arrays of the whole population, or of the
followers, every day. Those of mechanisms and traits are imported by their acts when they first
run, so that the modules declaring the mechanisms and their parameters (read whenever a scenario
is loaded or validated) import no numba; the model's own (the followers who leave) is imported
with the model.
"""

from __future__ import annotations

from numba import njit

from sim.base.accounts import NONE, REAL
from sim.base.jit import NO_REFCOUNT
from sim.base.kernel_types import A_IMPRESSIONS
from sim.base.rng import below
from sim.engine.kernel import _drain, _impress, _pool


@njit(cache=True)
def recover_trust(trust, recovery):
    """Every entry of ``trust`` regains ``recovery`` of the trust it lost, in place: one pass
    where the NumPy expression made three temporary arrays of the population a day (the same
    operations in the same order, so the same values)."""
    for i in range(trust.shape[0]):
        t = trust[i]
        trust[i] = t + recovery * (1.0 - t)


@njit(cache=True)
def not_followed_back(origin, kind, followed, out):
    """The real followers the brand does not follow yet, ascending, into ``out[:k]``; returns
    k. One pass, where the list of all real followers and a gather of their flags took three."""
    k = 0
    for i in range(origin.shape[0]):
        if origin[i] != NONE and kind[i] == REAL and followed[i] == 0:
            out[k] = i
            k += 1
    return k


@njit(cache=True)
def followers_leave(ids, u, origin, interest, trust, last_post, follow_day, day, forget_after,
                    unfollow, forget, distrust):
    """Real followers ``ids`` leave (``origin`` set to NONE) where the uniform ``u`` falls below
    their daily hazard; returns how many left. One pass over the followers where the NumPy
    expression made a dozen temporary arrays a day; the same operations in the same order, so
    the same results.

    The hazard: ``unfollow`` times the lack of interest and trust, ``forget`` if the brand has
    posted nothing for more than ``forget_after`` days (counted from the later of the brand's
    last post, ``last_post``, and the day the follower followed), ``distrust`` times the trust
    lost.

    Forgetting is the brand's silence, not the follower's: a follower whom the feed did not
    show a post has nothing in front of them to unfollow, and stays (a page's dormant
    followers are kept, not lost). Counting the follower's own last sighting instead made a
    Facebook page posting daily lose over half its followers in a year, because its feed
    shows each post to about a tenth of them."""
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


# --- A paid boost (sim.tactics.boost): the post to non-followers by the kernel's own paths ----


@njit(cache=True, **NO_REFCOUNT)
def _broad(size, n_real, acc, post, feed, ws, stats, qtail, state):
    """Show the post to ``size`` real non-followers who have not seen it, drawn at random
    whatever their interest (at most ``50 * size`` draws). Returns (shown, queue tail)."""
    shown = 0
    attempts = 0
    while shown < size and attempts < 50 * size:
        attempts += 1
        u = below(state, n_real)
        if acc.origin[u] != NONE or ws.seen[u] == post.stamp:
            continue
        _, qtail = _impress(u, 0, 0, acc, post, feed, ws, stats, qtail, state)
        shown += 1
    return shown, qtail


@njit(cache=True, **NO_REFCOUNT)
def _boost_stages(paid, broad, graph, acc, n_real, post, feed, ws, state, stats):
    stats.cascade_size = 1  # the post itself: shares from the boost form their own tree
    if broad:
        shown, qtail = _broad(paid, n_real, acc, post, feed, ws, stats, 0, state)
    else:
        shown, _, qtail = _pool(paid, n_real, acc, post, feed, ws, stats, 0, state)
    before = stats.acts[:, A_IMPRESSIONS].sum()
    _drain(0, qtail, graph, acc, post, feed, ws, stats, state)
    return shown, stats.acts[:, A_IMPRESSIONS].sum() - before


@njit(cache=True)
def boost_post(paid, broad, graph, acc, n_real, post, feed, ws, state, out):
    """Show ``post`` to ``paid`` real non-followers (by interest, or ``broad``), then drain the
    shares they make. ``out``: a zeroed ``POST_STATS`` array of one, written with what the boost
    brought; ``ws.new_follows[:out[0].new_follows]`` holds the accounts it won. Returns (paid
    impressions shown, impressions through their shares)."""
    return _boost_stages(paid, broad, graph, acc, n_real, post, feed, ws, state, out[0])
