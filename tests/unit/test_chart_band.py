"""The band a chart draws across runs (sim.present.charts.common.band) is pandas' quantile across
the runs of each day, missing values skipped, computed in one NumPy call."""

import numpy as np
import pandas as pd
import pytest

from sim.present.charts.common import band


@pytest.mark.parametrize("runs", [1, 3, 8, 40])
def test_band_is_pandas_quantile_across_runs(runs):
    rng = np.random.default_rng(runs)  # seed stated: the same made-up days every run
    v = rng.lognormal(size=(365, runs))
    v[:5] = np.nan  # days before any run has a value
    v[10:40, 0] = np.nan  # a run with a gap
    v[100, : max(1, runs - 1)] = np.nan  # a day with one value left
    wide = pd.DataFrame(v)
    low, high = band(wide)
    np.testing.assert_array_equal(low, wide.quantile(0.05, axis=1).to_numpy())
    np.testing.assert_array_equal(high, wide.quantile(0.95, axis=1).to_numpy())
    # Missing exactly where every run is missing that day.
    np.testing.assert_array_equal(np.isnan(low), np.isnan(v).all(axis=1))


def test_band_of_other_quantiles_and_no_runs():
    v = np.arange(12.0).reshape(3, 4)
    low, high = band(v, 0.25, 0.75)
    np.testing.assert_array_equal(low, np.quantile(v, 0.25, axis=1))
    np.testing.assert_array_equal(high, np.quantile(v, 0.75, axis=1))
    low, high = band(np.empty((3, 0)))
    assert low.shape == (3,) and np.isnan(low).all() and np.isnan(high).all()
