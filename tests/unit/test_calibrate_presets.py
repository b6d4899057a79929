"""experiments/calibrate_presets.py: the statistic, its standard error over audiences, and a fit
that only ever returns a pair of constants it has measured.

The simulation is replaced by a stand-in whose engagement is a known function of the like rate,
so the fit's arithmetic is checked exactly and without running the model."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cp():
    spec = importlib.util.spec_from_file_location(
        "calibrate_presets", ROOT / "experiments" / "calibrate_presets.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules["calibrate_presets"] = mod
    spec.loader.exec_module(mod)
    return mod


def _posts(rates_by_seed: dict[int, list[float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"seed": s, "engagement_rate_follower": r}
            for s, rates in rates_by_seed.items()
            for r in rates
        ]
    )


def test_level_is_the_targets_statistic(cp):
    p = _posts({0: [0.0, 0.0, 0.03]})
    assert cp.level("instagram", p) == 0.0  # the median over posts
    assert cp.level("facebook", p) == pytest.approx(0.01)  # the mean over posts


def test_standard_error_comes_from_the_spread_between_audiences(cp):
    same = _posts({s: [0.004, 0.005, 0.006] for s in range(8)})
    assert cp.standard_error("instagram", same) == pytest.approx(0.0, abs=1e-12)
    spread = _posts({s: [0.002 * (1 + s % 2)] * 3 for s in range(8)})
    se = cp.standard_error("facebook", spread)
    # per-seed means 0.002 and 0.004, half each: sd 0.001 over 8 seeds, SE about 0.001 / sqrt(8)
    assert 0.0002 < se < 0.0006
    assert se == cp.standard_error("facebook", spread)  # a fixed generator: the same table


def _stand_in(cp, monkeypatch, engagement_per_like: float, signal: float):
    calls = []

    def measure(pool, platform, like, threshold, seeds, users=cp.USERS):
        calls.append((like, threshold))
        return {"engagement": engagement_per_like * like, "se": 0.0, "signal": signal, "widen": 0.9}

    monkeypatch.setattr(cp, "measure", measure)
    return calls


def test_fit_returns_the_last_pair_it_measured(cp, monkeypatch):
    # Instagram's target 0.47%; engagement 0.04 x like, so the exact like is 0.1175.
    calls = _stand_in(cp, monkeypatch, engagement_per_like=0.04, signal=0.06)
    like, threshold, m = cp.fit(None, "instagram", rounds=6)
    assert (like, threshold) == calls[-1]
    assert m["engagement"] == pytest.approx(0.04 * like)
    assert abs(m["engagement"] / 0.0047 - 1) <= cp.FIT_TOLERANCE
    assert threshold == pytest.approx(0.06 / cp.QUARTER, abs=1e-4)
    assert len(calls) < 6  # it stopped once both conditions held


def test_fit_out_of_rounds_still_returns_a_measured_pair(cp, monkeypatch):
    calls = _stand_in(cp, monkeypatch, engagement_per_like=0.04, signal=0.06)
    like, threshold, _ = cp.fit(None, "instagram", rounds=1)
    assert len(calls) == 1 and (like, threshold) == calls[0]  # not the untested update


def test_tiktok_keeps_its_reference_of_zero(cp, monkeypatch):
    _stand_in(cp, monkeypatch, engagement_per_like=0.2, signal=0.09)
    like, threshold, m = cp.fit(None, "tiktok", rounds=6)
    assert threshold == 0.0
    assert abs(m["engagement"] / 0.0569 - 1) <= cp.FIT_TOLERANCE
    assert np.isclose(m["engagement"], 0.2 * like)
