"""Sweeps end to end on real worker processes: common random numbers, resume, refusal, failures,
identical tables whatever the number of workers, charts, and the `feedsim sweep` command (exit
codes, a real Ctrl-C). Parsing, validation and the folder format are tested without processes in
tests/unit (test_sweep_spec.py, test_sweep_store.py, test_sweep_run.py).

Every sweep here is tiny (2,000 users, 20 days); one module-scoped local pool of 2 warmed workers
is shared by the in-process tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.scenario import resolve
from sim.studies import sweep

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def pool():
    with sweep.LocalPool(2) as p:
        p.warm()
        yield p


def _spec(base, counts=(0, 300), seeds=2, **kw):
    return sweep.make_spec(base, {"strategies.buy.count": list(counts)}, seeds=seeds, **kw)


def _tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(folder / "days.parquet"), pd.read_csv(folder / "summary.csv")


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------


def test_common_random_numbers(base, pool, tmp_path):
    """Same seed, different purchase: identical days before the delivery, different after."""
    spec = _spec(base, counts=(0, 300), seeds=[11])
    sweep.run_sweep(spec, tmp_path / "crn", pool=pool, progress=False)
    days, _ = _tables(tmp_path / "crn")
    a = (
        days[days["strategies.buy.count"] == 0]
        .set_index("day")
        .drop(columns=["point", "point_index", "strategies.buy.count"])
    )
    b = (
        days[days["strategies.buy.count"] == 300]
        .set_index("day")
        .drop(columns=["point", "point_index", "strategies.buy.count"])
    )
    pd.testing.assert_frame_equal(a.loc[:4], b.loc[:4], check_dtype=False)
    assert b.loc[5:, "followers_bought"].gt(0).all() and not a.loc[5:].equals(b.loc[5:])


def test_outputs_and_resume(base, pool, tmp_path):
    folder = tmp_path / "sw"
    spec = _spec(base, counts=(0, 300), seeds=3)
    out = sweep.run_sweep(spec, folder, pool=pool, progress=False)
    assert (out.ran, out.skipped, out.failed) == (6, 0, [])
    runs = sorted((folder / "runs").glob("*.parquet"))
    assert len(runs) == 6 and not list((folder / "runs").glob(".*"))
    days, summary = _tables(folder)
    assert len(days) == 6 * 20 and {"point", "seed", "strategies.buy.count"} <= set(days)
    assert list(summary["strategies.buy.count"]) == [0, 300]
    assert {"followers_end_mean", "followers_end_p5", "followers_end_p95"} <= set(summary)
    assert (summary["followers_end_p5"] <= summary["followers_end_mean"]).all()
    df, info = sweep.read_run(runs[0])
    assert info["seed"] in (0, 1, 2) and "[audience]" in info["scenario"]
    assert "followers_end" in info["summary"] and len(df) == 20
    assert info["summary"]["net_revenue"] == info["summary"]["revenue"] - info["summary"]["cost"]
    assert "net_revenue_mean" in summary and "conversions_mean" not in summary
    # The stored scenario reproduces the run exactly.
    import tomllib

    from sim.engine.runner import run

    again = run(resolve(tomllib.loads(info["scenario"]), merge_preset=False), seed=info["seed"])
    assert again.days["followers"].tolist() == df["followers"].tolist()

    # Delete two runs: a rerun runs exactly those and leaves the others untouched.
    before = {p.name: p.stat().st_mtime_ns for p in runs}
    runs[1].unlink()
    runs[4].unlink()
    seen = []
    out = sweep.run_sweep(
        spec, folder, pool=pool, progress=False, on_result=lambda rid, status: seen.append(rid)
    )
    assert sorted(seen) == sorted([runs[1].stem, runs[4].stem])
    assert (out.ran, out.skipped) == (2, 4)
    for p in runs:
        if p not in (runs[1], runs[4]):
            assert p.stat().st_mtime_ns == before[p.name]
    days2, summary2 = _tables(folder)
    pd.testing.assert_frame_equal(days, days2)
    pd.testing.assert_frame_equal(summary, summary2)
    # Adding seeds to the same sweep resumes too.
    out = sweep.run_sweep(_spec(base, counts=(0, 300), seeds=4), folder, pool=pool, progress=False)
    assert (out.ran, out.skipped) == (2, 6)


def test_interrupted_sweep_keeps_finished_runs(base, pool, tmp_path):
    folder = tmp_path / "int"
    spec = _spec(base, counts=(0, 100, 300), seeds=4)  # 12 runs
    count = 0

    def stop_after_three(run_id, status):
        nonlocal count
        count += 1
        if count == 3:
            raise KeyboardInterrupt

    with pytest.raises(sweep.SweepInterrupted, match="run the same command again") as exc:
        sweep.run_sweep(
            spec, folder, pool=pool, progress=False, window=4, on_result=stop_after_three
        )
    assert exc.value.outcome.interrupted
    files = list((folder / "runs").iterdir())
    assert len(files) == 3 and all(f.suffix == ".parquet" for f in files)  # no temp files
    assert not (folder / "days.parquet").exists() and not (folder / ".sweep.lock").exists()
    out = sweep.run_sweep(spec, folder, pool=pool, progress=False)
    assert (out.ran, out.skipped) == (9, 3)


def test_refuses_a_different_sweep(base, pool, tmp_path):
    folder = tmp_path / "same"
    sweep.run_sweep(_spec(base, counts=(0, 300), seeds=1), folder, pool=pool, progress=False)
    with pytest.raises(sweep.SweepError) as exc:
        sweep.run_sweep(_spec(base, counts=(0, 400), seeds=1), folder, pool=pool, progress=False)
    assert "different sweep" in str(exc.value) and "strategies.buy.count" in str(exc.value)
    assert "--out" in str(exc.value)
    other = sweep.make_spec(
        base.with_overrides({"brand.quality": 0.5}), {"strategies.buy.count": [0, 300]}, seeds=1
    )
    with pytest.raises(sweep.SweepError, match="brand.quality"):
        sweep.run_sweep(other, folder, pool=pool, progress=False)
    (tmp_path / "notasweep").mkdir()
    (tmp_path / "notasweep" / "x.txt").write_text("mine")
    with pytest.raises(sweep.SweepError, match="not a sweep folder"):
        sweep.run_sweep(_spec(base, seeds=1), tmp_path / "notasweep", pool=pool, progress=False)


def test_failing_run_is_recorded_and_others_finish(base, pool, tmp_path):
    """No valid scenario is known to fail at run time, so the test hook is data: one point's
    scenario is swapped for one that fails inside the worker (audience.users = -1 is refused by
    the worker's resolve()), exactly as a run-time error would, on any executor."""
    from dataclasses import replace

    class Broken:  # stands in for a Scenario: the sweep only calls .to_dict() on it
        def __init__(self, d):
            self._d = d

        def to_dict(self):
            return self._d

    folder = tmp_path / "fail"
    spec = _spec(base, counts=(0, 300), seeds=2)
    bad = spec.points[1].id
    broken = spec.points[1].scenario.to_dict()
    broken["audience"]["users"] = -1
    points = list(spec.points)
    points[1] = replace(points[1], scenario=Broken(broken))
    bad_spec = replace(spec, points=tuple(points))
    out = sweep.run_sweep(bad_spec, folder, pool=pool, progress=False)
    assert sorted(out.failed) == [f"{bad}__seed0", f"{bad}__seed1"] and out.ran == 2
    tb = (folder / "failed" / f"{bad}__seed0.txt").read_text()
    assert "audience.users" in tb and "seed 0" in tb
    _, summary = _tables(folder)
    assert list(summary["runs"]) == [2, 0] and list(summary["failed"]) == [0, 2]
    # Fixed: the rerun retries only the failed runs and clears their tracebacks.
    out = sweep.run_sweep(spec, folder, pool=pool, progress=False)
    assert (out.ran, out.skipped, out.failed) == (2, 2, [])
    assert not list((folder / "failed").glob("*.txt"))


def test_identical_with_one_and_two_workers(base, tmp_path):
    spec = _spec(base, counts=(0, 300), seeds=3)
    with sweep.LocalPool(1) as one:
        sweep.run_sweep(spec, tmp_path / "w1", pool=one, progress=False)
    sweep.run_sweep(spec, tmp_path / "w2", workers=2, progress=False)
    d1, s1 = _tables(tmp_path / "w1")
    d2, s2 = _tables(tmp_path / "w2")
    pd.testing.assert_frame_equal(d1, d2)
    pd.testing.assert_frame_equal(s1, s2)


def test_sweep_charts(base, pool, tmp_path):
    from sim.present.charts.sweep import sweep_charts

    folder = tmp_path / "charts"
    sweep.run_sweep(_spec(base, counts=(0, 300), seeds=2), folder, pool=pool, progress=False)
    paths = sweep_charts(folder)
    names = {p.name for p in paths}
    assert {"sweep_metrics.png", "sweep_metrics.svg", "sweep_over_time.png"} <= names
    folder2 = tmp_path / "charts2d"
    spec2 = sweep.make_spec(
        base, {"strategies.buy.count": [0, 300], "brand.posts_per_week": [7, 3]}, seeds=1
    )
    sweep.run_sweep(spec2, folder2, pool=pool, progress=False)
    names = {p.name for p in sweep_charts(folder2)}
    assert {"sweep_heatmap.png", "sweep_points.png", "sweep_over_time.svg"} <= names


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------


def test_cli_sweep_exit_codes(feedsim, tmp_path, tiny_toml):
    scen = tmp_path / "tiny.toml"
    scen.write_text(tiny_toml)
    out = tmp_path / "out"
    r = feedsim("sweep", scen, "--set", "strategies.buy.cout=0,10", "--out", out)
    assert r.returncode == 2 and "did you mean 'count'" in r.stderr and "Traceback" not in r.stderr
    r = feedsim("sweep", scen, "--set", "feed.test_fraction=0.1,2", "--out", out)
    assert r.returncode == 2 and "feed.test_fraction" in r.stderr
    assert not out.exists()  # nothing ran, nothing written
    args = (
        "sweep",
        scen,
        "--set",
        "strategies.buy.count=0,100",
        "--seeds",
        "2",
        "--workers",
        "2",
        "--out",
        out,
        "--quiet",
    )
    r = feedsim(*args)
    assert r.returncode == 0, r.stderr
    folder = out / "tiny-sweep"
    assert r.stdout.strip().endswith("tiny-sweep")
    assert (folder / "summary.csv").exists() and (folder / "sweep_metrics.png").exists()
    r = feedsim(*args[:-1])  # the same command again: all there, nothing to run
    assert r.returncode == 0 and "4 already there, 0 run now" in r.stdout
    r = feedsim(
        "sweep",
        scen,
        "--set",
        "strategies.buy.count=0,200",
        "--seeds",
        "2",
        "--out",
        out,
        "--quiet",
    )
    assert r.returncode == 2 and "different sweep" in r.stderr
    r = feedsim("plot", folder)
    assert r.returncode == 0 and "sweep_over_time.png" in r.stdout


def test_cli_ctrl_c_then_resume(tmp_path, tiny_toml):
    """A real SIGINT to a running `feedsim sweep`: exit 130, finished runs kept, no partial files,
    and the same command resumes with only the missing runs."""
    scen = tmp_path / "tiny.toml"
    scen.write_text(tiny_toml.replace("days = 20", "days = 60"))
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "sim.cli",
        "sweep",
        str(scen),
        "--set",
        "strategies.buy.count=0,100,200,300",
        "--seeds",
        "10",
        "--workers",
        "2",
        "--out",
        str(out),
        "--no-charts",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runs = out / "tiny-sweep" / "runs"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(runs.glob("*.parquet"))) < 3:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    kept = sorted(runs.iterdir())
    if proc.returncode == 0:  # the machine finished all 40 before the signal landed
        pytest.skip("sweep finished before it could be interrupted")
    assert proc.returncode == 130, stderr
    assert "run the same command again to resume" in stderr
    assert kept and all(f.suffix == ".parquet" and not f.name.startswith(".") for f in kept)
    assert len(kept) < 40
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"{len(kept)} already there, {40 - len(kept)} run now" in r.stdout
    assert len(list(runs.glob("*.parquet"))) == 40


def test_no_side_effects_at_import():
    code = (
        "import sys, multiprocessing as mp; import sim.studies.sweep; "
        "assert 'matplotlib' not in sys.modules and 'numba' not in sys.modules; "
        "assert 'distributed' not in sys.modules; "
        "assert mp.get_start_method(allow_none=True) is None; print('ok')"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}
    )
    assert r.stdout.strip() == "ok", r.stderr


def test_store_loads_neither_engine_nor_executors():
    """Charts read sweep folders through sim.studies.sweep.store: importing it must not pull in the
    simulation or the executors (a fresh process, since this one has loaded them all)."""
    code = (
        "import sys, sim.studies.sweep.store; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('sim'))))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}
    )
    loaded = set(r.stdout.split())
    assert "sim.studies.sweep.store" in loaded, r.stderr
    assert not loaded & {
        "sim.engine.runner",
        "sim.engine.model",
        "sim.engine.kernel",
        "sim.studies.sweep.run",
        "sim.studies.sweep.executors",
    }


def test_workers_share_populations_with_the_results_of_building_each(base, tmp_path):
    """Points that change only a tactic share their audience's real users: the pool's workers
    build each seed's population once (one file per seed in the pool's folder, removed with the
    pool) and every run's table is the one a run building its own audience gives."""
    from sim.engine.runner import run

    spec = _spec(base, counts=(0, 300, 600), seeds=2)
    with sweep.LocalPool(2) as own:
        sweep.run_sweep(spec, tmp_path / "shared", pool=own, progress=False)
        kept = Path(own._populations)
        assert len(list(kept.glob("*.npz"))) == 2  # one population per seed, not per run
    assert not kept.exists()
    days, _ = _tables(tmp_path / "shared")
    for point in spec.points:
        for seed in spec.seeds:
            got = days[(days["point"] == point.id) & (days["seed"] == seed)]
            want = run(point.scenario, seed=seed).days
            for col in ("followers", "real_reach", "impressions", "purchases", "trust_followers"):
                assert got[col].tolist() == want[col].tolist(), (point.id, seed, col)
