"""Paired one-sided t-tests shared by the statistical tests: the statistic, and its critical value
from SciPy's t distribution rather than a table typed by hand.

Every arm of such a test runs on common random numbers (the same seeds), so the seeds pair the
arms and the test is on their differences.
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def paired_t(a, b) -> float:
    """The paired t statistic of ``a - b`` (one value per seed, in the same seed order)."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return float(d.mean() / (d.std(ddof=1) / np.sqrt(d.size)))


def t_critical(pairs: int, alpha: float = 0.001) -> float:
    """The one-sided critical t at level ``alpha`` for ``pairs`` pairs (``pairs - 1`` degrees of
    freedom): a statistic above it rejects "no increase"."""
    if pairs < 2:
        raise ValueError(f"a paired t-test needs at least 2 pairs, not {pairs}")
    return float(stats.t.ppf(1.0 - alpha, pairs - 1))
