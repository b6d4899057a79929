"""Unit tests for sim.base.rng, the inline xoshiro256** generator used by the numba kernels.

Statistical checks use fixed seeds and a two-sided alpha of 1e-3 (|z| < 3.29), so a correct
generator fails one of them by chance about once in a thousand runs of the suite per check; with
fixed seeds the outcome is in fact deterministic, and the alpha states how surprising a failure
would be.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit
from scipy import stats

from sim.base.rng import (
    below,
    fill_uniform,
    geometric_skip,
    new_state,
    next_u64,
    scaled,
    seed_run_state,
    step,
    uniform,
    unit,
)

Z_CRIT = 3.29  # two-sided alpha = 1e-3


@njit
def _draw_u64(s, k):
    out = np.empty(k, dtype=np.uint64)
    for i in range(k):
        out[i] = next_u64(s)
    return out


@njit
def _draw_below(s, n, k):
    out = np.empty(k, dtype=np.int64)
    for i in range(k):
        out[i] = below(s, n)
    return out


@njit
def _draw_skips(s, log1mp, k):
    out = np.empty(k, dtype=np.int64)
    for i in range(k):
        out[i] = geometric_skip(s, log1mp)
    return out


@njit
def _mixed_from_array(s, n, k):
    # uniform, below, raw: the three ways the kernels draw from a state array
    out = np.empty(3 * k)
    for i in range(k):
        out[3 * i] = uniform(s)
        out[3 * i + 1] = below(s, n)
        out[3 * i + 2] = float(next_u64(s) >> np.uint64(32))
    return out


@njit
def _mixed_from_locals(s, n, k):
    out = np.empty(3 * k)
    s0, s1, s2, s3 = s[0], s[1], s[2], s[3]
    for i in range(k):
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        out[3 * i] = unit(x)
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        out[3 * i + 1] = scaled(x, n)
        x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        out[3 * i + 2] = float(x >> np.uint64(32))
    s[0], s[1], s[2], s[3] = s0, s1, s2, s3
    return out


def _state(seed: int) -> np.ndarray:
    return new_state(np.random.SeedSequence(seed))


def test_new_state_shape_dtype_and_nonzero():
    s = _state(0)
    assert s.shape == (4,) and s.dtype == np.uint64
    assert s.any()


def test_same_seed_same_stream_different_seed_different_stream():
    a = _draw_u64(_state(123), 1000)
    b = _draw_u64(_state(123), 1000)
    c = _draw_u64(_state(124), 1000)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_state_advances_in_place():
    s = _state(5)
    first = _draw_u64(s, 10)
    second = _draw_u64(s, 10)
    assert not np.array_equal(first, second)


def test_uniform_range_and_moments():
    # Seed 2024, 10**6 draws. Mean 1/2 with sd sqrt(1/12/N); variance 1/12 with sd of the sample
    # variance sqrt((mu4 - sigma^4)/N) where mu4 = 1/80 for U(0,1).
    n = 1_000_000
    u = fill_uniform(_state(2024), np.empty(n))
    assert u.min() >= 0.0 and u.max() < 1.0
    z_mean = (u.mean() - 0.5) / math.sqrt(1 / 12 / n)
    assert abs(z_mean) < Z_CRIT, z_mean
    var_sd = math.sqrt((1 / 80 - (1 / 12) ** 2) / n)
    z_var = (u.var() - 1 / 12) / var_sd
    assert abs(z_var) < Z_CRIT, z_var


def test_uniform_kolmogorov_smirnov():
    u = fill_uniform(_state(7), np.empty(200_000))
    assert stats.kstest(u, "uniform").pvalue > 1e-3


def test_uniform_lag1_correlation_is_small():
    # Successive draws independent: lag-1 correlation ~ N(0, 1/N).
    n = 500_000
    u = fill_uniform(_state(99), np.empty(n))
    r = np.corrcoef(u[:-1], u[1:])[0, 1]
    assert abs(r) * math.sqrt(n) < Z_CRIT, r


def test_state_in_locals_draws_the_same_stream():
    # Hot loops hold the state in locals (step, unit, scaled) instead of the array: the draws,
    # and the state left behind, must be those of uniform / below / next_u64 on the array.
    a, b = _state(21), _state(21)
    expected = _mixed_from_array(a, 1_000_003, 5_000)
    got = _mixed_from_locals(b, 1_000_003, 5_000)
    assert np.array_equal(expected, got)
    assert np.array_equal(a, b)
    assert len(np.unique(got[1::3])) > 4_900  # the integers are draws, not a constant


@pytest.mark.parametrize("n", [1, 2, 7, 1000, 2**40])
def test_below_range(n):
    x = _draw_below(_state(11), n, 100_000)
    assert x.min() >= 0 and x.max() < n
    if n == 1:
        assert (x == 0).all()


def test_below_is_uniform_chi_square():
    n = 10
    x = _draw_below(_state(13), n, 200_000)
    counts = np.bincount(x, minlength=n)
    assert stats.chisquare(counts).pvalue > 1e-3


@pytest.mark.parametrize("p", [0.5, 0.05, 0.001])
def test_geometric_skip_mean_matches_failures_before_success(p):
    # Failures before the first success of Bernoulli(p): mean (1-p)/p = 1/p - 1,
    # variance (1-p)/p^2. Seed 31, 200k draws, z-test at alpha 1e-3.
    k = 200_000
    x = _draw_skips(_state(31), math.log1p(-p), k)
    assert x.min() >= 0
    mean = (1 - p) / p
    sd = math.sqrt((1 - p) / p**2 / k)
    z = (x.mean() - mean) / sd
    assert abs(z) < Z_CRIT, (x.mean(), mean, z)
    # P(X = 0) = p: a binomial proportion z-test.
    z0 = ((x == 0).mean() - p) / math.sqrt(p * (1 - p) / k)
    assert abs(z0) < Z_CRIT, z0


def test_geometric_skip_is_geometric_in_distribution():
    p = 0.2
    k = 100_000
    x = _draw_skips(_state(41), math.log1p(-p), k)
    top = 30
    observed = np.bincount(np.minimum(x, top), minlength=top + 1)
    probs = (1 - p) ** np.arange(top) * p
    probs = np.append(probs, (1 - p) ** top)  # tail mass P(X >= top)
    assert stats.chisquare(observed, probs * k).pvalue > 1e-3


def test_geometric_skip_p_one_is_always_zero():
    x = _draw_skips(_state(3), -math.inf, 1000)
    assert (x == 0).all()


def _splitmix64_reference(x: int) -> int:
    """splitmix64's finaliser in plain Python integers (mod 2**64)."""
    mask = 2**64 - 1
    z = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & mask
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & mask
    return z ^ (z >> 31)


def test_seed_run_state_is_splitmix_of_base_and_run():
    base = np.random.SeedSequence(8).generate_state(4, np.uint64)
    for run in (0, 1, 1000):
        out = np.empty(4, dtype=np.uint64)
        seed_run_state(base, run, out)
        want = [
            _splitmix64_reference((int(base[0]) + (4 * run + k + 1) * 0x9E3779B97F4A7C15) % 2**64)
            ^ int(base[k])
            for k in range(4)
        ]
        assert out.tolist() == want


def test_seed_run_state_differs_by_run_and_never_all_zero():
    base = np.zeros(4, dtype=np.uint64)
    states = []
    for run in range(50):
        out = np.empty(4, dtype=np.uint64)
        seed_run_state(base, run, out)
        assert out.any()
        states.append(tuple(out.tolist()))
    assert len(set(states)) == 50
