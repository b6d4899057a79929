"""An exact additive attribution: the Shapley value of each channel over its on/off combinations.

A gap between two scenarios is measured with every subset of k channels switched on (2^k
combinations). Each channel's share is the average, over every order in which the channels could
be switched on, of the change its own switch makes; in closed form

    phi_i = sum over S not holding i of |S|! (k - |S| - 1)! / k! * (v(S + i) - v(S)).

Why not switch channels off one after another? Because the channels interact (a post that fails
its test is also shown to fewer people a purge could remove), so what a channel appears to
contribute depends on which were switched off before it, and a different order gives a different
story. The Shapley value is the one order-free split that adds up exactly: the contributions sum
to v(all on) - v(all off), so with "the rest" (v(all off)) they give the whole gap. Channels that
enter the value symmetrically get equal shares, and a channel whose switch changes nothing gets
exactly zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import factorial

import numpy as np

MAX_PLAYERS = 10  # 2^10 combinations: far beyond what a comparison of runs can afford


def shapley(k: int, value: Callable[[int], np.ndarray | float]) -> list[np.ndarray | float]:
    """The Shapley value of each of ``k`` players.

    Args:
        k: the number of players (channels), at most :data:`MAX_PLAYERS`.
        value: the value of a coalition, given as a bitmask (bit j set: player j on). It may
            return a float or an array (e.g. one value per seed; then so is each share).

    Returns:
        One share per player, in player order; they sum to ``value(all) - value(0)``.

    Raises:
        ValueError: k out of range.
    """
    if not 0 <= k <= MAX_PLAYERS:
        raise ValueError(f"k = {k}: from 0 to {MAX_PLAYERS} players")
    v = [value(m) for m in range(1 << k)]
    weight = [factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)]
    shares: list[np.ndarray | float] = []
    for i in range(k):
        bit = 1 << i
        total: np.ndarray | float = 0.0
        for m in range(1 << k):
            if m & bit:
                continue
            total = total + weight[m.bit_count()] * (v[m | bit] - v[m])
        shares.append(total)
    return shares


def attribute(
    names: Sequence[str], value: Callable[[int], np.ndarray | float]
) -> dict[str, np.ndarray | float]:
    """Shapley shares by name, plus ``"rest"`` (all off) and ``"total"`` (all on).

    ``rest + sum(shares) == total`` up to rounding.
    """
    k = len(names)
    out: dict[str, np.ndarray | float] = dict(zip(names, shapley(k, value), strict=True))
    out["rest"] = value(0)
    out["total"] = value((1 << k) - 1)
    return out
