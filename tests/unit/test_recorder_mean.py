"""The day's mean trust of the real followers (sim.engine.recorder.mean_at), read in place: the
same number to the last bit as NumPy's mean of the gathered values, which the day tables held
before, for every length (the pairwise sum's blocks of 8 and 128 and its halving)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.engine.recorder import mean_at

LENGTHS = (1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 130, 255, 256, 257, 1_000, 4_099, 65_537)


@pytest.mark.parametrize("n", LENGTHS)
def test_mean_at_is_numpys_mean_of_the_gathered_values(n):
    rng = np.random.default_rng(n)  # seed stated: the same values for each length every run
    values = rng.random(2 * n + 3) ** 3  # uneven magnitudes, so the order of the sums shows
    ids = np.sort(rng.choice(values.shape[0], n, replace=False)).astype(np.int32)
    assert mean_at(values, ids) == float(values[ids].mean())


def test_mean_at_reads_a_field_of_the_account_records():
    # Trust is a field of the kernel's account records (a strided view), as in a run.
    rng = np.random.default_rng(3)  # seed stated
    records = np.zeros(3_001, dtype=[("interest", "f8"), ("trust", "f8"), ("kind", "i1")])
    records["trust"] = 1.0 - rng.random(3_001) * 1e-3  # near 1, as trust mostly is
    ids = np.flatnonzero(rng.random(3_001) < 0.4).astype(np.int32)
    assert mean_at(records["trust"], ids) == float(records["trust"][ids].mean())


def test_the_sum_is_not_a_plain_running_sum():
    # A case where adding left to right gives another number than NumPy: mean_at follows
    # NumPy, so a simpler loop would fail the tests above, not pass them by chance.
    rng = np.random.default_rng(12)  # seed stated
    values = rng.random(1_000) ** 3
    ids = np.arange(1_000, dtype=np.int32)
    running = 0.0
    for v in values:
        running += v
    assert running / 1_000 != float(values.mean())
    assert mean_at(values, ids) == float(values.mean())
