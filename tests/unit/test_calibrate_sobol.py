"""The prior design computed without Optuna or ``scipy.stats``: the same points, to the last bit
(floats compared with ==), as SciPy's scrambled Sobol generator and Optuna's sampler give."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from sim.studies.calibrate.design import CHURN, PARAMS, Param, market_param
from sim.studies.calibrate.sobol import design_points, optuna_study
from sim.studies.calibrate.sobol_points import sobol_points

SEEDS = (0, 1, 2, 7, 12345)
SIZES = (1, 2, 5, 64, 400, 1000)

#: Ranges of 1, 3, 8, 9 and 12 dimensions: the calibration's 8 (its values and the market) and 9
#: (with churn), and others with linear and log ranges, wide and narrow, one of a single value.
SPACES = {
    1: (Param("x", 0.001, 0.1, True, ""),),
    3: (
        Param("a", 0.0, 1.0, False, ""),
        Param("b", 0.01, 1.0, True, ""),
        Param("c", -2.0, 3.5, False, ""),
    ),
    8: PARAMS + (market_param(1000),),
    9: PARAMS + (market_param(250), CHURN),
    12: PARAMS
    + (market_param(40_000), CHURN)
    + (
        Param("d", 1e-6, 1.0, True, ""),
        Param("e", 0.5, 0.5 + 1e-12, False, ""),
        Param("f", 3.0, 3.0, True, ""),
    ),
}


def _scipy(d: int, m: int, seed: int) -> np.ndarray:
    from scipy.stats import qmc

    with warnings.catch_warnings():  # "balance properties require n to be a power of 2"
        warnings.simplefilter("ignore", UserWarning)
        return qmc.Sobol(d, scramble=True, seed=seed).random(m)


@pytest.mark.parametrize("seed", SEEDS)
def test_sobol_points_are_scipys_to_the_last_bit(seed):
    for d in (1, 2, 3, 8, 9, 12, 40):
        for m in (0,) + SIZES + (1025,):
            ours, theirs = sobol_points(d, m, seed), _scipy(d, m, seed)
            assert ours.dtype == theirs.dtype and ours.shape == theirs.shape == (m, d)
            assert (ours == theirs).all(), (d, m)


def test_without_scipys_data_file_the_points_come_from_scipy(monkeypatch, tmp_path):
    from sim.studies.calibrate import sobol_points as module

    monkeypatch.setattr(module, "data_file", lambda: None)
    assert (module.sobol_points(9, 400, 3) == _scipy(9, 400, 3)).all()
    assert design_points(64, 3, SPACES[9]) == _optunas_design(64, 3, SPACES[9])
    (tmp_path / "other.npz").write_bytes(b"not an archive")
    monkeypatch.setattr(module, "data_file", lambda: tmp_path / "other.npz")
    assert (module.sobol_points(9, 400, 3) == _scipy(9, 400, 3)).all()


def _optunas_design(n: int, seed: int, params: tuple[Param, ...]) -> list[dict[str, float]]:
    """The design as Optuna computes it: its first ask (its independent sampler), then SciPy's
    Sobol points mapped onto the ranges by the transform Optuna's QMC sampler maps them with
    (a trial takes a range of one value as it is, whatever the sampler gives)."""
    from optuna._transform import _SearchSpaceTransform

    study, space = optuna_study(seed, params)
    first = dict(study.ask(space).params)
    trans = _SearchSpaceTransform(space, transform_0_1=True)
    single = {p.key: p.low for p in params if p.low == p.high}
    rows = _scipy(len(params), n - 1, seed)
    return [first] + [trans.untransform(row) | single for row in rows]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("d", sorted(SPACES))
def test_design_points_are_optunas_to_the_last_bit(seed, d):
    params = SPACES[d]
    expected = _optunas_design(max(SIZES), seed, params)
    for n in SIZES:
        got = design_points(n, seed, params)
        assert got == expected[:n], n
        assert all(list(point) == [p.key for p in params] for point in got)
    assert design_points(0, seed, params) == []


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("d", [1, 9, 12])
def test_design_points_are_optunas_asks(seed, d):
    # Trial after trial, as the sampler gives them (each ask builds and skips ahead a new
    # generator, so a few dozen).
    study, space = optuna_study(seed, SPACES[d])
    asked = [dict(study.ask(space).params) for _ in range(24)]
    assert design_points(24, seed, SPACES[d]) == asked


def test_design_points_import_neither_scipy_stats_nor_optuna():
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys; from sim.studies.calibrate.sobol import design_points; "
        "from sim.studies.calibrate.design import PARAMS, CHURN, market_param; "
        "points = design_points(400, 0, PARAMS + (market_param(1000), CHURN)); "
        "print(len(points), 'scipy.stats' in sys.modules, 'optuna' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["400", "False", "False"]
