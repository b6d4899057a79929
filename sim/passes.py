"""Compiled one-pass updates of per-account arrays, for the daily acts of platform mechanisms and
traits.

Each replaces a NumPy expression that made temporary arrays of the whole population every day.
They live here, imported by the acts when they first run, so that the modules declaring the
mechanisms and their parameters (read whenever a scenario is loaded or validated) import no
numba.
"""

from __future__ import annotations

from numba import njit

from sim.accounts import NONE, REAL


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
