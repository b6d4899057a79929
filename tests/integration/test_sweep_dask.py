"""Sweeps on a real Dask LocalCluster (no mocks): identical tables to the local process pool."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from sim.studies import sweep  # noqa: E402


@pytest.fixture(scope="module")
def spec(base):
    return sweep.make_spec(
        base, [("strategies.buy.count", [0, 300]), ("brand.posts_per_week", [7, 2])], seeds=3
    )


def _tables(folder):
    return (
        pd.read_parquet(folder / "days.parquet"),
        pd.read_csv(folder / "summary.csv"),
        pd.read_csv(folder / "runs.csv"),
    )


def test_dask_local_cluster_matches_local_pool_and_resumes(spec, tmp_path):
    with sweep.DaskPool("local", workers=2) as dask:
        assert "LocalCluster, 2 workers" in dask.label
        out = sweep.run_sweep(spec, tmp_path / "dask", pool=dask, progress=False)
        assert (out.ran, out.failed) == (12, [])
        # Resume on Dask: delete three runs, only those run again.
        for f in sorted((tmp_path / "dask" / "runs").glob("*.parquet"))[::4]:
            f.unlink()
        out = sweep.run_sweep(spec, tmp_path / "dask", pool=dask, progress=False)
        assert (out.ran, out.skipped) == (3, 9)
    sweep.run_sweep(spec, tmp_path / "local", workers=2, progress=False)
    for a, b in zip(_tables(tmp_path / "dask"), _tables(tmp_path / "local"), strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_cli_dask_local(feedsim, tmp_path):
    scen = tmp_path / "tiny.toml"
    scen.write_text("days = 20\n[audience]\nusers = 2000\n[brand]\ninitial_followers = 100\n")
    r = feedsim(
        "sweep",
        scen,
        "--set",
        "brand.posts_per_week=7,1",
        "--seeds",
        "2",
        "--dask",
        "local",
        "--workers",
        "2",
        "--out",
        tmp_path / "out",
        "--no-charts",
    )
    assert r.returncode == 0, r.stderr
    assert "4 run now, 0 failed" in r.stdout
    summary = pd.read_csv(tmp_path / "out" / "tiny-sweep" / "summary.csv")
    assert list(summary["runs"]) == [2, 2]
