"""The design and the indices: SALib's Morris and Sobol methods over the varied parameters.

Morris (elementary effects) is the default: each trajectory moves one parameter at a time across
its range, so ``r`` trajectories of ``k`` parameters cost ``r (k + 1)`` points and rank the
parameters by μ* (the mean absolute change in the figure per move), with μ (its sign) and σ
(interactions and non-linearity). Sobol (``N (k + 2)`` points) splits the figure's variance into
first-order and total shares per parameter; it needs many more points.

Design values are in the parameters' own units; an integer parameter's value is rounded when a
point is run, while the analysis uses the design as drawn (SALib's Morris analysis only reads
which parameter moved and in which direction).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from sim.studies.sensitivity.parameters import Parameter

Method = Literal["morris", "sobol"]
METHODS = ("morris", "sobol")
NUM_LEVELS = 4  # Morris grid levels; 4 is the usual choice (Saltelli et al. 2008)
DESIGN_SEED = 20240601  # a fixed design, so the same command resumes the same runs


def problem(params: Sequence[Parameter]) -> dict[str, Any]:
    """SALib's problem definition for ``params``."""
    return {
        "num_vars": len(params),
        "names": [p.key for p in params],
        "bounds": [[p.low, p.high] for p in params],
    }


def sample(
    params: Sequence[Parameter],
    method: Method = "morris",
    trajectories: int = 10,
    samples: int = 64,
    seed: int = DESIGN_SEED,
) -> np.ndarray:
    """The design: one row per point, one column per parameter, in the parameters' units.

    Args:
        params: the varied parameters (at least one).
        method: ``"morris"`` or ``"sobol"``.
        trajectories: Morris trajectories (``r``); each costs ``k + 1`` points.
        samples: Sobol base samples (``N``, a power of two); costs ``N (k + 2)`` points.
        seed: the design's random seed.
    """
    prob = problem(params)
    if method == "morris":
        from SALib.sample import morris

        return morris.sample(prob, trajectories, num_levels=NUM_LEVELS, seed=seed)
    from SALib.sample import sobol

    return sobol.sample(prob, samples, calc_second_order=False, seed=seed)


def point_values(params: Sequence[Parameter], X: np.ndarray) -> list[dict[str, Any]]:
    """Each design row as dotted key -> value, integers rounded, a structural choice as the
    keys that set its alternative; ready for a sweep spec."""
    out = []
    for row in X:
        point: dict[str, Any] = {}
        for p, x in zip(params, row, strict=True):
            point.update(p.overrides(x))
        out.append(point)
    return out


def morris_steps(X: np.ndarray) -> list[tuple[int, int, int]]:
    """``(row before, row after, parameter moved)`` of every step of every Morris trajectory."""
    k = X.shape[1]
    steps = []
    for start in range(0, X.shape[0], k + 1):
        for i in range(start, start + k):
            moved = np.flatnonzero(~np.isclose(X[i + 1], X[i], rtol=0, atol=1e-12))
            if moved.size == 1:
                steps.append((i, i + 1, int(moved[0])))
    return steps


def indices(
    params: Sequence[Parameter],
    method: Method,
    X: np.ndarray,
    Y: np.ndarray,
    seed: int = DESIGN_SEED,
) -> pd.DataFrame:
    """Sensitivity indices of one figure, one row per parameter (in ``params`` order).

    Morris: ``mu_star``, ``mu``, ``sigma``, ``mu_star_conf`` and ``mu_star_rel`` (μ* over the
    largest μ*); μ and μ* are in the figure's units for a move across the whole range (SALib
    divides each step's change by the share of the range it moves). Sobol: ``S1``,
    ``S1_conf``, ``ST``, ``ST_conf``, and ``mu``: the rank correlation of the parameter with the
    figure (its sign says which way it pulls). ``influence`` is μ* or ST, the index parameters
    are ranked by.
    """
    prob = problem(params)
    Y = np.asarray(Y, dtype=float)
    if method == "morris":
        from SALib.analyze import morris

        si = morris.analyze(prob, X, Y, num_levels=NUM_LEVELS, seed=seed)
        table = pd.DataFrame(
            {k: np.asarray(si[k], dtype=float) for k in ("mu_star", "mu", "sigma", "mu_star_conf")}
        )
        top = table["mu_star"].max()
        table["mu_star_rel"] = table["mu_star"] / top if top > 0 else 0.0
        table["influence"] = table["mu_star"]
    else:
        if np.ptp(Y) == 0:  # a figure that never moves has no variance to split
            table = pd.DataFrame(
                {k: np.zeros(len(params)) for k in ("S1", "S1_conf", "ST", "ST_conf")}
            )
        else:
            from SALib.analyze import sobol

            si = sobol.analyze(prob, Y, calc_second_order=False, seed=seed)
            table = pd.DataFrame(
                {k: np.asarray(si[k], dtype=float) for k in ("S1", "S1_conf", "ST", "ST_conf")}
            )
        # The sign of a parameter's pull: its rank correlation with the figure.
        table["mu"] = [_rank_corr(X[:, j], Y) for j in range(X.shape[1])]
        table["influence"] = table["ST"].clip(lower=0)
    table.insert(0, "key", [p.key for p in params])
    return table


def _rank_corr(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy()
    if np.std(rx) == 0 or np.std(ry) == 0:
        return 0.0
    return float(np.corrcoef(rx, ry)[0, 1])


def flip_shares(method: Method, X: np.ndarray, Y: np.ndarray, sign: float) -> np.ndarray:
    """How much each parameter drives the figure to the opposite of ``sign``, shares summing to
    1 (all zero when nothing flips).

    Morris: the share of the steps that cross zero (from the mean's sign to the opposite, or
    back) made by moving that parameter. Sobol, or Morris with no such step: each parameter's
    absolute rank correlation with being on the opposite side, as a share of their sum.
    """
    k = X.shape[1]
    opposite = np.sign(Y) == -sign
    if sign == 0 or not opposite.any():
        return np.zeros(k)
    counts = np.zeros(k)
    if method == "morris":
        for a, b, j in morris_steps(X):
            if opposite[a] != opposite[b]:
                counts[j] += 1
    if counts.sum() == 0:
        counts = np.abs([_rank_corr(X[:, j], opposite.astype(float)) for j in range(k)])
    total = counts.sum()
    return counts / total if total > 0 else np.zeros(k)
