"""Running a sweep (sim.studies.sweep.run) in this process: one run as a task, and the run loop's
bookkeeping (bounded window, interruption, failures, resume) through an executor that runs each
task as it is submitted. Real worker processes and Dask are tested in tests/integration.
"""

from __future__ import annotations

from concurrent.futures import Future

import pandas as pd
import pytest

from sim.studies import sweep


class InlinePool:
    """The executor interface of LocalPool and DaskPool, running each task when it is submitted."""

    workers = 1
    label = "inline"

    def __init__(self):
        self.in_flight: set[Future] = set()
        self.most_in_flight = 0

    def submit(self, fn, *args) -> Future:
        fut: Future = Future()
        fut.set_result(fn(*args))
        self.in_flight.add(fut)
        self.most_in_flight = max(self.most_in_flight, len(self.in_flight))
        return fut

    def wait_any(self, futures, timeout=None):
        done = set(futures)
        self.in_flight -= done
        return done, set()

    @staticmethod
    def outcome(fut):
        return fut.result()

    def close(self, cancel: bool = False) -> None:
        pass


def _spec(base, counts=(0, 300), seeds=3):
    return sweep.make_spec(base, {"strategies.buy.count": list(counts)}, seeds=seeds)


def test_run_one_returns_a_run_file_or_the_traceback(base, tmp_path):
    point = _spec(base).points[1]
    extra = {"point": point.id, "point_index": 1, "values": point.values}
    status, payload = sweep.run_one(point.scenario.to_dict(), 4, extra)
    assert status == "ok"
    (tmp_path / "r.parquet").write_bytes(payload)
    df, info = sweep.read_run(tmp_path / "r.parquet")
    assert info["seed"] == 4 and len(df) == 20
    assert set(df["point"]) == {point.id} and set(df["strategies.buy.count"]) == {300}

    broken = point.scenario.to_dict()
    broken["audience"]["users"] = -1
    status, payload = sweep.run_one(broken, 4, extra)
    assert status == "error" and "Traceback" in payload and "audience.users" in payload


def test_run_one_uses_one_numba_thread_and_gives_the_threads_back(base, monkeypatch):
    import numba

    from sim.engine import runner

    seen = []
    real_run = runner.run

    def spy(*args, **kwargs):
        seen.append(numba.get_num_threads())
        return real_run(*args, **kwargs)

    monkeypatch.setattr(runner, "run", spy)
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    before = numba.get_num_threads()
    point = _spec(base).points[0]
    extra = {"point": point.id, "point_index": 0, "values": point.values}
    status, _ = sweep.run_one(point.scenario.to_dict(), 1, extra)
    broken = point.scenario.to_dict()
    broken["audience"]["users"] = -1
    failed, _ = sweep.run_one(broken, 1, extra)
    assert (status, failed) == ("ok", "error")
    assert seen == [1]  # the run itself, on one thread
    assert numba.get_num_threads() == before  # after a run and after a failure


def test_run_loop_window_interrupt_failure_and_resume(base, tmp_path):
    from dataclasses import replace

    class Broken:  # stands in for a Scenario: the sweep only calls .to_dict() on it
        def __init__(self, d):
            self._d = d

        def to_dict(self):
            return self._d

    spec = _spec(base, counts=(0, 100, 300), seeds=3)  # 9 runs
    bad = spec.points[2].scenario.to_dict()
    bad["audience"]["users"] = -1
    points = list(spec.points)
    points[2] = replace(points[2], scenario=Broken(bad))
    bad_spec = replace(spec, points=tuple(points))
    folder = tmp_path / "sw"
    pool = InlinePool()
    seen = []

    def stop_after_four(run_id, status):
        seen.append((run_id, status))
        if len(seen) == 4:
            raise KeyboardInterrupt

    with pytest.raises(sweep.SweepInterrupted, match="run the same command again") as exc:
        sweep.run_sweep(
            bad_spec, folder, pool=pool, progress=False, window=3, on_result=stop_after_four
        )
    out = exc.value.outcome
    assert out.interrupted and (out.total, out.ran, out.done) == (9, 4, 4)
    assert pool.most_in_flight == 3  # never more than the window
    assert not (folder / "days.parquet").exists() and not (folder / ".sweep.lock").exists()

    out = sweep.run_sweep(bad_spec, folder, pool=pool, progress=False)
    assert (out.skipped, out.ran) == (4, 2) and not out.interrupted
    assert sorted(out.failed) == [f"{spec.points[2].id}__seed{s}" for s in range(3)]
    text = (folder / "failed" / f"{spec.points[2].id}__seed1.txt").read_text()
    assert text.startswith(f"run {spec.points[2].id}__seed1: grid point ")
    assert "seed 1" in text and "audience.users" in text
    summary = pd.read_csv(folder / "summary.csv")
    assert summary["runs"].tolist() == [3, 3, 0] and summary["failed"].tolist() == [0, 0, 3]

    # Fixed: only the failed runs run again, and their tracebacks go.
    out = sweep.run_sweep(spec, folder, pool=pool, progress=False)
    assert (out.skipped, out.ran, out.failed, out.done) == (6, 3, [], 9)
    assert not list((folder / "failed").glob("*.txt"))
    assert pd.read_csv(folder / "summary.csv")["runs"].tolist() == [3, 3, 3]


def test_final_table_of_points_moving_different_keys(base, tmp_path):
    """Explicit points move different keys: a key a point leaves alone is an empty cell in its
    rows, and the table is the run files' rows, in point then seed order."""
    spec = sweep.make_point_spec(
        base,
        [
            {"brand.quality": 0.5},
            {"strategies.buy.count": 300},
            {"brand.quality": 0.9, "strategies.buy.count": 100},
        ],
        seeds=2,
    )
    folder = tmp_path / "pts"
    sweep.run_sweep(spec, folder, pool=InlinePool(), progress=False)
    days = pd.read_parquet(folder / "days.parquet")
    assert list(days["point"].unique()) == [p.id for p in spec.points]
    first, second = (days[days["point"] == p.id] for p in spec.points[:2])
    assert first["strategies.buy.count"].isna().all() and (first["brand.quality"] == 0.5).all()
    assert second["brand.quality"].isna().all() and (second["strategies.buy.count"] == 300).all()
    for p in spec.points:
        for s in spec.seeds:
            run_rows, _ = sweep.read_run(folder / "runs" / f"{p.id}__seed{s}.parquet")
            got = days[(days["point"] == p.id) & (days["seed"] == s)].reset_index(drop=True)
            for col in run_rows:  # integer in a run may be float in the table
                pd.testing.assert_series_equal(
                    got[col], run_rows[col], check_dtype=False, obj=f"{p.id} seed {s} {col}"
                )


def test_runs_keep_their_audience_only_where_another_run_shares_it(base):
    from sim.studies.sweep.run import _keeping

    tactic = _spec(base, counts=(0, 300), seeds=2)  # same audience for both points of a seed
    assert _keeping(tactic.runs, False) == {k.id for k in tactic.runs}
    size = sweep.make_spec(base, {"audience.users": [200, 300]}, seeds=2)  # no two alike
    assert _keeping(size.runs, False) == set()
    assert _keeping(size.runs, True) == {k.id for k in size.runs}  # arms of a study
    one = sweep.make_spec(base, {"strategies.buy.count": [0, 300]}, seeds=[4])
    mixed = [*one.runs, *size.runs]
    assert _keeping(mixed, False) == {k.id for k in one.runs}


def test_a_design_gives_the_same_tables_with_kept_populations(base, tmp_path):
    """A sensitivity-like design (points moving audience and other keys) run with the workers'
    populations kept and shared, and with every run building its own: identical tables."""
    from sim.engine.audience import PopulationCache
    from sim.studies.sweep.executors import share_populations

    points = [
        {},
        {"behaviour.like": 0.2},
        {"audience.homophily": 0.5},
        {"behaviour.like": 0.2, "audience.homophily": 0.5},
        {"brand.quality": 0.5},
    ]
    spec = sweep.make_point_spec(base, points, seeds=2)
    cache = PopulationCache()
    share_populations(cache)
    try:
        sweep.run_sweep(spec, tmp_path / "kept", pool=InlinePool(), progress=False)
    finally:
        share_populations(None)
    sweep.run_sweep(spec, tmp_path / "built", pool=InlinePool(), progress=False)
    # Two populations a seed (homophily 0.8 and 0.5): three points share the first, two the
    # second.
    assert (cache.built, cache.reused) == (4, 6)
    kept, built = (pd.read_parquet(tmp_path / f / "days.parquet") for f in ("kept", "built"))
    pd.testing.assert_frame_equal(kept, built)


def test_one_worker_is_this_process_only_in_a_commands_own(base, tmp_path, monkeypatch):
    """``make_pool(1)`` is this very process (runs done as submitted, one at a time, the
    audiences kept in a cache while it is open) only once the process is declared a command's
    own; elsewhere a pool of one worker process. The tables are those of any other executor."""
    from sim.engine.audience import PopulationCache
    from sim.studies.sweep import executors, processes

    monkeypatch.setattr(processes, "_OWN_PROCESS", False)
    pool = executors.make_pool(1)
    try:
        assert isinstance(pool, executors.LocalPool)
    finally:
        pool.close()  # no process was started: none was asked for

    monkeypatch.setattr(processes, "_OWN_PROCESS", True)
    spec = sweep.make_point_spec(base, [{}, {"brand.quality": 0.5}], seeds=2)
    with executors.make_pool(1) as here:
        assert isinstance(here, executors.InProcess) and here.window == 1
        cache = executors.shared_populations()
        assert isinstance(cache, PopulationCache)
        sweep.run_sweep(spec, tmp_path / "here", pool=here, progress=False)
        assert (cache.built, cache.reused) == (2, 2)  # one population a seed, for both points
    assert executors.shared_populations() is None  # given back when it closed
    sweep.run_sweep(spec, tmp_path / "inline", pool=InlinePool(), progress=False)
    here, inline = (pd.read_parquet(tmp_path / f / "days.parquet") for f in ("here", "inline"))
    pd.testing.assert_frame_equal(here, inline)


def _files(folder):
    return {f: (folder / f).read_bytes() for f in ("days.parquet", "runs.csv", "summary.csv")}


def test_sweeps_run_as_one_queue_give_each_sweeps_own_tables(base, tmp_path, monkeypatch):
    """The arms of a study run as one queue (``run_sweeps``): each sweep's tables are those of
    the sweep run on its own, written as soon as its last run is saved (while the next sweep's
    runs go on), and the caller's ``meanwhile`` is done once, while the runs are under way."""
    from sim.studies.sweep import run as run_mod

    plain = _spec(base, counts=(0,), seeds=3)
    buying = _spec(base, counts=(300,), seeds=3)
    for name, spec in (("plain", plain), ("buying", buying)):
        sweep.run_sweep(spec, tmp_path / "alone" / name, pool=InlinePool(), progress=False)

    events = []
    real_save, real_finalize = run_mod._save, run_mod.finalize
    monkeypatch.setattr(
        run_mod,
        "_save",
        lambda key, *a: events.append(("save", a[-1].folder.name, key.id)) or real_save(key, *a),
    )
    monkeypatch.setattr(
        run_mod, "finalize", lambda f: events.append(("tables", f.name)) or real_finalize(f)
    )
    study = tmp_path / "study"
    outs = run_mod.run_sweeps(
        [(plain, study / "plain"), (buying, study / "buying")],
        study,
        progress=False,
        meanwhile=lambda: events.append(("meanwhile", "")),
        pool=InlinePool(),
    )
    assert [(o.ran, o.skipped, o.failed) for o in outs] == [(3, 0, []), (3, 0, [])]
    for name in ("plain", "buying"):
        assert _files(study / name) == _files(tmp_path / "alone" / name), name
    kinds = [e[0] for e in events]
    assert kinds.count("meanwhile") == 1 and kinds.index("meanwhile") < kinds.index("tables")
    # The first sweep's tables come right after its own last run, while the second's go on.
    first = events.index(("tables", "plain"))
    saves = [e[1:] for e in events if e[0] == "save"]
    assert sorted(saves) == sorted(
        [("plain", k.id) for k in plain.runs] + [("buying", k.id) for k in buying.runs]
    )
    assert {e[1:] for e in events[:first] if e[:2] == ("save", "plain")} == {
        ("plain", k.id) for k in plain.runs
    }
    assert events[first - 1][:2] == ("save", "plain")
    assert any(e[:2] == ("save", "buying") for e in events[first:])
    assert events[-1] == ("tables", "buying")

    # Run again: nothing to run, every sweep's tables are written anew, the same.
    events.clear()
    outs = run_mod.run_sweeps(
        [(plain, study / "plain"), (buying, study / "buying")],
        study,
        progress=False,
        pool=InlinePool(),
    )
    assert [(o.ran, o.skipped) for o in outs] == [(0, 3), (0, 3)]
    assert events == [("tables", "plain"), ("tables", "buying")]  # nothing ran, no meanwhile


def test_sweeps_run_as_one_queue_keep_finished_runs_when_interrupted(base, tmp_path):
    """Ctrl-C during a study's queue: the runs saved so far are kept in every sweep, the
    message counts the whole study's, no lock is left, and the same call resumes."""
    from sim.studies.sweep.run import run_sweeps

    class StopsAfter(InlinePool):
        def __init__(self, n):
            super().__init__()
            self.n = n

        def wait_any(self, futures, timeout=None):
            self.n -= 1
            if self.n < 0:
                raise KeyboardInterrupt
            return super().wait_any(futures, timeout)

    plain = _spec(base, counts=(0,), seeds=3)
    buying = _spec(base, counts=(300,), seeds=3)
    study = tmp_path / "study"
    arms = [(plain, study / "plain"), (buying, study / "buying")]
    # A window of one: the fourth wait is interrupted with three runs saved.
    pool = StopsAfter(3)
    pool.window = 1
    with pytest.raises(sweep.SweepInterrupted, match="run the same command again") as exc:
        run_sweeps(arms, study, progress=False, pool=pool)
    out = exc.value.outcome
    assert out.interrupted and (out.total, out.ran, out.done) == (6, 3, 3)
    assert f"3 of 6 runs are saved in {study}" in str(exc.value)
    assert (study / "plain" / "days.parquet").exists()  # its three runs were all saved
    assert not (study / "buying" / "days.parquet").exists()
    assert not list(study.rglob(".sweep.lock"))  # the folders are free again

    outs = run_sweeps(arms, study, progress=False, pool=InlinePool())
    assert [(o.ran, o.skipped) for o in outs] == [(0, 3), (3, 0)]
    assert (study / "buying" / "days.parquet").exists()


def test_a_meanwhile_that_fails_leaves_the_runs_as_they_are(base, tmp_path):
    """Work brought forward by the caller is done again later where it is needed: its error
    stops no run."""
    from sim.studies.sweep.run import run_sweeps

    def broken():
        raise ImportError("no charts here")

    spec = _spec(base, counts=(0,), seeds=2)
    (out,) = run_sweeps(
        [(spec, tmp_path / "s" / "a")],
        tmp_path / "s",
        progress=False,
        meanwhile=broken,
        pool=InlinePool(),
    )
    assert (out.ran, out.failed) == (2, []) and (tmp_path / "s" / "a" / "days.parquet").exists()
