"""How the members of a brand's group react to its threads: the one decision rule, per reader.

The compiled loop of :mod:`sim.tactics.community`, kept apart so that declaring the community's
table (every scenario does, through the schema) loads no compiler: this module is imported only
when a group is read.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from sim.base.rules import decide


@njit(cache=True)
def read_threads(authors, quality, readers, interest, trust, voice, novelty, follows, beh, state):
    """Each reader reacts to each thread by the one rule (not to their own).

    Args:
        authors: int64 (T,), index into ``readers`` of each thread's writer (-1: the brand or a
            post).
        quality: float64 (T,), each thread's relevance.
        readers: int64 (R,), unused by the rule; its length is the number of readers.
        interest, trust, voice, novelty: float64 (R,), the readers' traits (voice already
            scaled by motivation where it should be).
        follows: bool (R,), whether each reader follows the brand.
        beh: float64 (N_BEHAVIOUR,), the behaviour vector.
        state: uint64 (4,), the generator state, advanced in place.

    Returns:
        int64 (T, R): reaction bits of each reader on each thread (0 for a writer's own).
    """
    T, R = authors.shape[0], readers.shape[0]
    bits = np.zeros((T, R), dtype=np.int64)
    for t in range(T):
        for r in range(R):
            if authors[t] == r:
                continue
            bits[t, r] = decide(interest[r], trust[r], 0.0, 0.0, True, follows[r], quality[t],
                                1.0, voice[r], novelty[r], beh, state)
    return bits
