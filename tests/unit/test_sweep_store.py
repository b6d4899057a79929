"""The sweep folder (sim.studies.sweep.store): run files, final tables, resuming or refusing a
folder, and the lock. Run files are written here from made-up results, so nothing is simulated.
"""

from __future__ import annotations

import json
import os
import socket
import tomllib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from sim.scenario import Scenario
from sim.studies import sweep
from sim.studies.sweep import store

DAYS = 5


@dataclass
class MadeUpResult:
    """What the run-file codec reads from a run's Results, with numbers the test chooses."""

    days: pd.DataFrame
    figures: dict
    scenario: Scenario
    meta: dict

    def summary(self) -> dict:
        return dict(self.figures)

    def day_columns(self) -> dict:
        return {c: self.days[c].to_numpy() for c in self.days.columns}


@pytest.fixture(scope="module")
def spec(base):
    # A list-valued grid key: every table stores it as TOML text.
    return sweep.make_spec(
        base,
        {"strategies.buy.days": [[5], [5, 10]]},
        seeds=3,
        metrics=["followers_end", "cost", "roi"],
    )


def _result(spec, point, seed: int) -> MadeUpResult:
    followers = [100 + 10 * seed + point.index + d for d in range(DAYS)]
    # Integer costs in one point, fractional in the other: days.parquet must unify the types.
    cost = [0] * DAYS if point.index == 0 else [0.5] * DAYS
    days = pd.DataFrame({"day": range(DAYS), "followers": followers, "cost": cost})
    figures = {"followers_end": followers[-1], "cost": float(sum(cost))}
    return MadeUpResult(days, figures, point.scenario, {"seconds": 0.1 * seed})


def _extra(point) -> dict:
    return {"point": point.id, "point_index": point.index, "values": point.values}


def _write_runs(spec, folder, skip: set[str] = frozenset()) -> None:
    """Every run but ``skip``, last first: the tables must not depend on the order runs end."""
    for key in reversed(spec.runs):
        if key.id not in skip:
            data = store.run_file_bytes(
                _result(spec, key.point, key.seed), key.seed, _extra(key.point)
            )
            store.atomic_write(folder / store.RUNS_DIR / f"{key.id}.parquet", data)


def test_run_file_round_trip(spec, tmp_path):
    point = spec.points[1]
    result = _result(spec, point, seed=2)
    path = tmp_path / "run.parquet"
    path.write_bytes(store.run_file_bytes(result, 2, _extra(point)))
    df, info = sweep.read_run(path)
    assert list(df.columns) == [
        "point",
        "point_index",
        "seed",
        "strategies.buy.days",
        "day",
        "followers",
        "cost",
    ]
    assert set(df["point"]) == {point.id} and set(df["point_index"]) == {1}
    assert set(df["seed"]) == {2}
    assert [_toml(v) for v in set(df["strategies.buy.days"])] == [[5, 10]]
    assert df["followers"].tolist() == result.days["followers"].tolist()
    # The summary is stored as the run reported it: nothing added on the side.
    assert info == {
        "scenario": point.scenario.to_toml(),
        "seed": 2,
        "summary": result.figures,
        "meta": {"seconds": 0.2},
    }
    assert store.run_info(path) == {"summary": result.figures, "seed": 2}


def test_check_run_bytes_refuses_what_is_not_this_run(spec, tmp_path):
    point, other = spec.points
    data = store.run_file_bytes(_result(spec, point, seed=1), 1, _extra(point))
    assert store.check_run_bytes(data, 1, point.id) is None
    assert store.check_run_bytes(data, 1, other.id) == f"rows of ['{point.id}'], not of {other.id}"
    assert store.check_run_bytes(data, 2, point.id) == "holds seed 1, not 2"
    assert store.check_run_bytes(data[: len(data) // 2], 1, point.id).startswith("unreadable")
    assert store.check_run_bytes(b"", 1, point.id).startswith("unreadable")
    path = tmp_path / "run.parquet"
    path.write_bytes(data)
    assert store.check_run_file(path, 1) is None
    assert store.check_run_file(path, 0) == "holds seed 1, not 0"


def _toml(text: str):
    return tomllib.loads(f"v = {text}")["v"]


def test_toml_value():
    assert _toml(store.toml_value([5, 10])) == [5, 10]
    assert store.toml_value("x") == '"x"' and store.toml_value(0.5) == "0.5"


def test_finalize_tables(spec, tmp_path):
    folder = store.prepare_folder(spec, tmp_path / "sw")
    failed = f"{spec.points[1].id}__seed2"
    _write_runs(spec, folder, skip={failed})
    (folder / store.FAILED_DIR).mkdir()
    (folder / store.FAILED_DIR / f"{failed}.txt").write_text("Traceback ...")
    with pytest.raises(FileNotFoundError, match="has not finished"):
        sweep.read_sweep(folder)

    written = sweep.finalize(folder)
    assert written == {
        "days": folder / "days.parquet",
        "runs": folder / "runs.csv",
        "summary": folder / "summary.csv",
    }
    assert not [p for p in folder.rglob(".*") if ".tmp-" in p.name]
    days = pd.read_parquet(folder / "days.parquet")
    assert len(days) == 5 * DAYS and days["cost"].dtype == float
    assert list(
        days.drop_duplicates(["point", "seed"])[["point_index", "seed"]].itertuples(
            index=False, name=None
        )
    ) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]

    spec_dict, summary, runs = sweep.read_sweep(folder)
    assert spec_dict["seeds"] == [0, 1, 2] and list(spec_dict["grid"]) == ["strategies.buy.days"]
    assert list(runs.columns) == [
        "point",
        "point_index",
        "seed",
        "strategies.buy.days",
        "followers_end",
        "cost",
    ]
    assert runs["seed"].tolist() == [0, 1, 2, 0, 1]
    assert runs["strategies.buy.days"].map(_toml).tolist() == [[5]] * 3 + [[5, 10]] * 2
    assert summary["point"].tolist() == [p.id for p in spec.points]
    assert summary["strategies.buy.days"].map(_toml).tolist() == [[5], [5, 10]]
    assert summary["runs"].tolist() == [3, 2] and summary["failed"].tolist() == [0, 1]
    # roi was asked for but no run reports it: left out rather than a column of blanks.
    assert not [c for c in summary.columns if c.startswith("roi")]
    for i, point in enumerate(spec.points):
        ends = np.array(
            [
                _result(spec, point, s).figures["followers_end"]
                for s in spec.seeds
                if f"{point.id}__seed{s}" != failed
            ],
            dtype=float,
        )
        assert summary.loc[i, "followers_end_mean"] == pytest.approx(ends.mean())
        assert summary.loc[i, "followers_end_p5"] == pytest.approx(np.quantile(ends, 0.05))
        assert summary.loc[i, "followers_end_p95"] == pytest.approx(np.quantile(ends, 0.95))
    assert summary["cost_mean"].tolist() == pytest.approx([0.0, 2.5])


def test_finalize_in_batches_gives_the_same_table(spec, tmp_path, monkeypatch):
    # days.parquet is written a batch of runs at a time; where the batches end must not show.
    folder = store.prepare_folder(spec, tmp_path / "sw")
    _write_runs(spec, folder)
    sweep.finalize(folder)
    whole = pq.read_table(folder / "days.parquet")
    monkeypatch.setattr(store, "FINAL_BATCH_ROWS", 2 * DAYS)  # two runs a row group
    sweep.finalize(folder)
    batched = pq.ParquetFile(folder / "days.parquet")
    assert batched.metadata.num_row_groups == 3  # runs 2 + 2 + 2 of 6
    assert batched.read().equals(whole) and whole.num_rows == 6 * DAYS


def test_finalize_with_no_finished_run(spec, tmp_path):
    folder = store.prepare_folder(spec, tmp_path / "empty")
    assert set(sweep.finalize(folder)) == {"runs", "summary"}
    assert not (folder / "days.parquet").exists()
    _, summary, runs = sweep.read_sweep(folder)
    assert runs.empty and summary["point"].tolist() == [p.id for p in spec.points]
    assert summary["runs"].tolist() == [0, 0] and summary["failed"].tolist() == [0, 0]


def test_prepare_folder_resumes_the_same_sweep_and_refuses_another(base, spec, tmp_path):
    folder = tmp_path / "sw"
    assert sweep.prepare_folder(spec, folder) == folder
    assert sweep.is_sweep_folder(folder) and (folder / store.RUNS_DIR).is_dir()
    assert sweep.read_spec(folder)["seeds"] == [0, 1, 2]
    sweep.prepare_folder(spec, folder)  # the same sweep again: resumes
    more = sweep.make_spec(base, spec.grid, seeds=5, metrics=spec.metrics)
    sweep.prepare_folder(more, folder)  # more seeds: resumes, and the folder says so
    assert sweep.read_spec(folder)["seeds"] == [0, 1, 2, 3, 4]

    other = sweep.make_spec(base, {"strategies.buy.days": [[5], [6]]}, seeds=5)
    with pytest.raises(sweep.SweepError) as exc:
        sweep.prepare_folder(other, folder)
    msg = str(exc.value)
    assert "different sweep" in msg and "strategies.buy.days" in msg and "--out" in msg
    fewer = sweep.make_spec(base, spec.grid, seeds=2)
    with pytest.raises(sweep.SweepError, match="dropping them does not"):
        sweep.prepare_folder(fewer, folder)

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "x.txt").write_text("mine")
    with pytest.raises(sweep.SweepError, match="not a sweep folder"):
        sweep.prepare_folder(spec, tmp_path / "mine")
    assert not sweep.is_sweep_folder(tmp_path / "mine")
    with pytest.raises(FileNotFoundError, match="not a sweep folder"):
        sweep.read_spec(tmp_path / "mine")


def test_folder_lock(tmp_path):
    lock = tmp_path / store.LOCK_FILE
    with store.folder_lock(tmp_path):
        held = json.loads(lock.read_text())
        assert (held["pid"], held["host"]) == (os.getpid(), socket.gethostname())
        with pytest.raises(
            sweep.SweepError,
            match=rf"in use by another feedsim sweep \(process "
            rf"{os.getpid()} on ",
        ):
            with store.folder_lock(tmp_path):
                pass
        assert lock.exists()  # the refused second holder leaves the first one's lock alone
    assert not lock.exists()
    # Left by a killed sweep: empty, not JSON, or naming a live process that holds no lock (this
    # very test's parent, pid 1): the operating system's lock is free, so it is taken over.
    for stale in ("", "garbage", str(2**22 + 1), json.dumps({"pid": 1, "host": "elsewhere"})):
        lock.write_text(stale)
        with store.folder_lock(tmp_path):
            assert json.loads(lock.read_text())["pid"] == os.getpid()
        assert not lock.exists()


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "f.csv"
    store.atomic_write(path, b"old")
    store.atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["f.csv"]


def test_atomic_write_leaves_nothing_behind_when_interrupted(tmp_path, monkeypatch):
    """Ctrl-C while a run file is written: no temporary file is left in the folder."""
    target = tmp_path / "run.parquet"

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.atomic_write(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_killed_finish_leaves_no_day_table_temporary(spec, tmp_path, monkeypatch):
    """A sweep (or an explanation's arm) killed while it assembles days.parquet: Ctrl-C removes
    the temporary at once; one left by SIGKILL is removed when the folder is next prepared."""
    import subprocess
    import sys

    folder = store.prepare_folder(spec, tmp_path / "sw")
    _write_runs(spec, folder)
    real = store._write_batch

    def interrupted(*args):
        real(*args)
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_write_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sweep.finalize(folder)
    assert not [p for p in folder.iterdir() if ".tmp-" in p.name]

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    killed = folder / f".{store.DAYS_FILE}.tmp-{int(gone.stdout)}"
    killed.write_bytes(b"PAR1 half")
    store.prepare_folder(spec, folder)  # the rerun
    assert not killed.exists()
