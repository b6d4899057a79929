"""`feedsim calibrate` gives the same calibration whichever way its simulations run: in the
command's own process (one worker) or on workers forked from the warm command (two).

A small synthetic export (300 followers, 28 days) is fitted on 50 simulations each way; every
file the calibration writes (the fitted scenario, the posterior, the reference table, the
simulated posts, the chart's PNG) must be byte for byte the same. The SVG is left out: it carries
the time it was drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from told_executor import run_told

SAME = (
    "kaaswinkel.toml",
    "calibration.toml",
    "fit.csv",
    "fit.png",
    "observed.csv",
    "reference.csv",
    "simulated.csv",
)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    from sim.studies.calibrate import synthetic

    base = synthetic.make_base(followers=300, days=28)
    folder = tmp_path_factory.mktemp("export")
    return synthetic.synthetic_export(
        base, {}, seed=5, path=folder / "posts.csv", account="kaaswinkel"
    )


def _calibrate(export: Path, out: Path, workers: int) -> tuple[Path, str]:
    """Run ``feedsim calibrate`` as a user does (a process of its own); returns its folder and
    the executor it said it used."""
    return run_told(
        ["calibrate", str(export), "--platform", "instagram"]
        + ["--sims", "50", "--replicates", "2", "--workers", str(workers), "--quiet"]
        + ["--out", str(out)]
    )


def test_forked_workers_give_the_calibration_of_the_command_itself(export, tmp_path):
    inline, said_inline = _calibrate(export, tmp_path / "one", workers=1)
    forked, said_forked = _calibrate(export, tmp_path / "two", workers=2)
    assert said_inline == ""  # one worker: the command's own process, no pool at all
    assert said_forked == "executor: LocalPool fork"
    for name in SAME:
        assert (forked / name).read_bytes() == (inline / name).read_bytes(), name


def test_a_dask_cluster_gives_the_calibration_of_one_process(export):
    """On Dask the simulations' outcomes come back as bytes (no pickle); the fit is the one a
    single process makes, every reference simulation and replicate post alike."""
    pytest.importorskip("distributed")
    import pandas as pd

    from sim.studies.calibrate import account
    from sim.studies.calibrate.exports import read_export

    ex = read_export(str(export), "instagram")
    alone = account.calibrate(ex, sims=50, replicates=2, workers=1)
    dask = account.calibrate(ex, sims=50, replicates=2, dask="local", workers=2)
    assert not dask.failed
    pd.testing.assert_frame_equal(dask.table, alone.table)
    pd.testing.assert_frame_equal(dask.simulated, alone.simulated)
    assert dask.estimate == alone.estimate and dask.interval == alone.interval
