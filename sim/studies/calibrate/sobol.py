"""The calibration's prior design: points spread evenly over the searched ranges.

The design is the sequence of points Optuna's quasi-Monte Carlo sampler (``QMCSampler``,
scrambled Sobol, seeded) gives when asked for one trial after another over the searched ranges
(docs/sources.md). Asking Optuna for them costs about 2 ms a point, because for every trial it
builds a new Sobol generator and skips it ahead to that trial's place in the sequence; over a
calibration's 400 points that is the better part of a second of the command's own processor time,
taken while its workers wait for their next simulation. :func:`design_points` gives the same
points, to the last bit, from one generator:

* the first point is the one Optuna's sampler draws before it knows the search space, from its
  independent sampler (``RandomSampler`` with the same seed); it is asked of Optuna itself;
* every later point is the next point of the scrambled Sobol sequence (the sampler's point
  ``i - 1`` for trial ``i``), mapped onto the ranges as Optuna maps it: linearly, in logs for
  a range searched on a log scale, and kept below the range's top end.

A test holds these points to Optuna's own asks, so a change in Optuna's sampler shows at once.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from sim.studies.calibrate.design import Param


def optuna_study(seed: int, params: tuple[Param, ...]):
    """Optuna's study with the design's sampler, and the search space to ask it over."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    space = {
        p.key: optuna.distributions.FloatDistribution(p.low, p.high, log=p.log) for p in params
    }
    with warnings.catch_warnings():  # "experimental" since Optuna 3.0; the interface used is stable
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = optuna.samplers.QMCSampler(
            qmc_type="sobol", scramble=True, seed=seed, warn_independent_sampling=False
        )
    return optuna.create_study(sampler=sampler, direction="minimize"), space


def design_points(n: int, seed: int, params: tuple[Param, ...]) -> list[dict[str, float]]:
    """The first ``n`` points of the design over ``params`` (see the module's notes)."""
    if n <= 0:
        return []
    study, space = optuna_study(seed, params)
    points = [dict(study.ask(space).params)]
    if n == 1:
        return points
    from scipy.stats import qmc

    with warnings.catch_warnings():  # "balance properties require n to be a power of 2"
        warnings.simplefilter("ignore", UserWarning)
        unit = qmc.Sobol(len(params), scramble=True, seed=seed).random(n - 1)
    low = np.array([math.log(p.low) if p.log else float(p.low) for p in params])
    high = np.array([math.log(p.high) if p.log else float(p.high) for p in params])
    below_top = [float(np.nextafter(p.high, p.high - 1)) for p in params]
    scaled = low + unit * (high - low)
    for row in scaled.tolist():
        point = {}
        for p, x, top in zip(params, row, below_top, strict=True):
            if p.log:
                point[p.key] = float(np.clip(math.exp(x), p.low, top))
            else:
                point[p.key] = float(min(x, top))
        points.append(point)
    return points
