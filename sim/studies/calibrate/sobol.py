"""The calibration's prior design: points spread evenly over the searched ranges.

The design is the sequence of points Optuna's quasi-Monte Carlo sampler (``QMCSampler``,
scrambled Sobol, seeded) gives when asked for one trial after another over the searched ranges
(docs/sources.md: Akiba et al. 2019). :func:`design_points` gives the same points, to the last
bit, at once and without importing Optuna or ``scipy.stats``:

* the first point is the one Optuna's sampler draws before it knows the search space, from its
  independent sampler (``RandomSampler`` with the same seed): one uniform draw per range, in the
  ranges' order, from ``numpy.random.RandomState(seed)``, taken on the log scale for a range
  searched in logs and mapped back as Optuna maps it (:func:`first_point`); a range of one
  value is given that value and takes no draw;
* every later point is the next point of the scrambled Sobol sequence (the sampler's point
  ``i - 1`` for trial ``i``), which :mod:`sim.studies.calibrate.sobol_points` computes as SciPy's
  generator does, mapped onto the ranges as Optuna maps it: linearly, in logs for a range
  searched on a log scale, and kept below the range's top end.

Why not ask them: asking Optuna costs about 2 ms a point (for every trial it builds a new Sobol
generator and skips it ahead to that trial's place), and even computing the points at once
with SciPy's generator meant importing ``scipy.stats`` (about 0.5 s) and Optuna (about 0.14 s).
The calibration's parent process computes the design before its first simulation starts, so
that time was spent while its workers waited (measured: ``design_points(400, 0, ...)`` over nine
ranges in a fresh process, imports included, took 0.62 s of processor time; now 0.008 s).

Tests hold these points to Optuna's own asks and to SciPy's generator, so a change in either
shows at once; :func:`optuna_study` gives the study they ask.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from sim.studies.calibrate.design import Param
from sim.studies.calibrate.sobol_points import sobol_points


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


def _scale(p: Param) -> tuple[float, float]:
    """The range of ``p`` on the scale it is searched on (logs for a log range)."""
    if p.log:
        return math.log(p.low), math.log(p.high)
    return float(p.low), float(p.high)


def _top(p: Param) -> float:
    """The largest value Optuna gives in ``p``'s range: the float just below its top end."""
    return float(np.nextafter(p.high, p.high - 1))


def _onto_range(x: float, p: Param, top: float) -> float:
    """A value on ``p``'s searched scale as Optuna maps it back: its exponential on a log scale,
    then kept below the range's top end ``top`` (and, on a log scale, at or above its low end,
    which rounding in the exponential could cross). Optuna gives a range of one value that value
    without sampling it."""
    if p.low == p.high:
        return float(p.low)
    if p.log:
        return float(min(max(math.exp(x), p.low), top))
    return float(min(x, top))


def first_point(seed: int, params: tuple[Param, ...]) -> dict[str, float]:
    """The design's first point: Optuna's ``RandomSampler(seed)`` asked for each range in turn,
    which draws ``low + (high - low) * u`` on the range's searched scale from a
    ``numpy.random.RandomState(seed)``, one draw per range (none for a range of one value)."""
    rng = np.random.RandomState(seed)
    point = {}
    for p in params:
        low, high = _scale(p)
        x = low if p.low == p.high else float(rng.uniform(low, high))
        point[p.key] = _onto_range(x, p, _top(p))
    return point


def design_points(n: int, seed: int, params: tuple[Param, ...]) -> list[dict[str, float]]:
    """The first ``n`` points of the design over ``params`` (see the module's notes)."""
    if n <= 0:
        return []
    points = [first_point(seed, params)]
    if n == 1:
        return points
    unit = sobol_points(len(params), n - 1, seed)
    low = np.array([_scale(p)[0] for p in params])
    high = np.array([_scale(p)[1] for p in params])
    tops = [_top(p) for p in params]
    scaled = low + unit * (high - low)
    for row in scaled.tolist():
        points.append(
            {p.key: _onto_range(x, p, top) for p, x, top in zip(params, row, tops, strict=True)}
        )
    return points
