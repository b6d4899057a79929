"""The feed kernel's paid path: a post shown to real non-followers a brand pays to reach (a paid
boost, :mod:`sim.tactics.boost`), then the shares they make drained, by the kernel's own stages
(:func:`sim.engine.kernel._pool`, :func:`sim.engine.impression._impress` and ``_drain``).

It lives beside the kernel because it is the kernel's distribution with another first audience;
a component reaches it through the model it is handed (:meth:`sim.engine.model.FeedModel.boost`),
so no component imports the engine.
"""

from __future__ import annotations

from typing import NamedTuple

from numba import njit

from sim.base.accounts import NONE
from sim.base.jit import NO_REFCOUNT
from sim.base.kernel_types import A_IMPRESSIONS, Delivery
from sim.base.rng import below
from sim.engine.impression import _drain, _impress
from sim.engine.kernel import _pool

__all__ = ["Paid", "boost_post"]


class Paid(NamedTuple):
    """Whom a boost pays to reach: ``paid`` real non-followers among the first ``n_real``
    accounts, by interest (the kernel's pool) or, if ``broad``, at random."""

    paid: int
    broad: bool
    n_real: int


@njit(cache=True, **NO_REFCOUNT)
def _broad(reach, d, qtail):
    """Show the post to ``reach.paid`` real non-followers who have not seen it, drawn at random
    whatever their interest (at most ``50 * paid`` draws). Returns (shown, queue tail)."""
    acc, post, ws, state = d.acc, d.post, d.ws, d.state
    size = reach.paid
    shown = 0
    attempts = 0
    while shown < size and attempts < 50 * size:
        attempts += 1
        u = below(state, reach.n_real)
        if acc.origin[u] != NONE or ws.seen[u] == post.stamp:
            continue
        _, qtail = _impress(u, 0, 0, d, qtail)
        shown += 1
    return shown, qtail


@njit(cache=True, **NO_REFCOUNT)
def _boost_stages(reach, graph, d):
    stats = d.stats
    stats.cascade_size = 1  # the post itself: shares from the boost form their own tree
    if reach.broad:
        shown, qtail = _broad(reach, d, 0)
    else:
        shown, _, qtail = _pool(reach.paid, reach.n_real, d, 0)
    before = stats.acts[:, A_IMPRESSIONS].sum()
    _drain(0, qtail, graph, d)
    return shown, stats.acts[:, A_IMPRESSIONS].sum() - before


@njit(cache=True)
def boost_post(reach, graph, acc, post, feed, ws, state, out):
    """Show ``post`` to the real non-followers ``reach`` (a :class:`Paid`) names, then drain the
    shares they make. ``out``: a zeroed ``POST_STATS`` array of one, written with what the boost
    brought; ``ws.new_follows[:out[0].new_follows]`` holds the accounts it won. Returns (paid
    impressions shown, impressions through their shares)."""
    return _boost_stages(reach, graph, Delivery(acc, post, feed, ws, out[0], state))
