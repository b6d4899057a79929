"""Unit tests for sim.engine.results (writing and reading run folders) and the Results a run
returns.

Runs are in process, on the small 2,000-user, 30-day scenario (well under a second each once
numba's cache is warm).
"""

from __future__ import annotations

import json
import tomllib

import pandas as pd
import pytest

from sim.engine import results as res
from sim.engine import runner
from sim.scenario import load_scenario

WRITTEN = (res.DAYS_FILE, res.POSTS_FILE, res.SCENARIO_FILE, res.META_FILE)


@pytest.fixture(scope="module")
def scenario(small_scenario):
    return load_scenario(small_scenario)


@pytest.fixture(scope="module")
def result(scenario) -> res.Results:
    return runner.run(scenario)


@pytest.fixture
def folder(result, tmp_path):
    return res.write(result, tmp_path / "run")


def _assert_tables_equal(a: res.Results, b: res.Results) -> None:
    pd.testing.assert_frame_equal(a.days, b.days, check_exact=True)
    pd.testing.assert_frame_equal(a.posts, b.posts, check_exact=True)


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------------------------------------
# The Results of a run
# ---------------------------------------------------------------------------------------------


def test_run_result_shape(result, scenario):
    assert result.scenario == scenario
    assert result.seed == scenario.seed == 3
    assert list(result.days["day"]) == list(range(scenario.days))
    assert len(result.posts) > 0
    assert result.posts["day"].between(0, scenario.days - 1).all()
    assert result.meta["seed"] == 3
    assert result.meta["platform"] == "instagram"


def test_summary_reads_the_tables(result):
    s = result.summary()
    last = result.days.iloc[-1]
    assert s["days"] == len(result.days)
    assert s["posts"] == len(result.posts)
    assert s["followers_end"] == last["followers"]
    assert s["followers_real_end"] == last["followers"] - last["followers_bought"]
    assert s["visits"] == result.days["visits"].sum()
    assert s["purchases"] == result.days["purchases"].sum()
    assert s["cost"] == pytest.approx(result.days["cost"].sum())
    # The bought package of the small scenario shows up in the follower count.
    assert last["followers_bought"] > 0


def test_same_seed_gives_identical_results(scenario, result):
    _assert_tables_equal(runner.run(scenario, seed=3), result)


def test_different_seed_gives_different_results(scenario, result):
    other = runner.run(scenario, seed=4)
    assert other.seed == 4
    assert not other.days.equals(result.days)
    assert not other.posts.equals(result.posts)


def test_changed_parameter_changes_results(scenario, result):
    bigger = runner.run(scenario.with_overrides({"strategies.buy.count": 1000}))
    assert not bigger.days.equals(result.days)
    assert bigger.days["followers_bought"].iloc[-1] > result.days["followers_bought"].iloc[-1]


def test_days_override(scenario):
    short = runner.run(scenario, days=7)
    assert len(short.days) == 7
    assert short.scenario.days == 7
    assert short.meta["days"] == 7
    assert scenario.days == 30  # the scenario passed in is untouched


def test_negative_seed_rejected(scenario):
    with pytest.raises(ValueError, match="seed"):
        runner.run(scenario, seed=-1)


def test_run_writes_nothing(scenario, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner.run(scenario, days=3)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# write and read
# ---------------------------------------------------------------------------------------------


def test_write_creates_the_run_files(folder, result):
    for name in WRITTEN:
        assert (folder / name).is_file(), name
    assert json.loads((folder / res.META_FILE).read_text()) == result.meta
    assert tomllib.loads((folder / res.SCENARIO_FILE).read_text()) == result.scenario.to_dict()


def test_read_gives_back_what_was_written(folder, result):
    back = res.read(folder)
    _assert_tables_equal(back, result)
    assert back.scenario == result.scenario
    assert back.seed == result.seed
    assert back.meta == result.meta
    assert back.summary() == result.summary()


def test_read_accepts_str(folder, result):
    assert res.read(str(folder)).scenario == result.scenario


def test_write_refuses_a_folder_with_results(folder, result):
    before = _snapshot(folder)
    with pytest.raises(FileExistsError):
        res.write(result, folder)
    assert _snapshot(folder) == before


def test_write_refuses_even_one_existing_result_file(result, tmp_path):
    target = tmp_path / "partial"
    target.mkdir()
    (target / res.META_FILE).write_text("{}")
    with pytest.raises(FileExistsError, match=res.META_FILE):
        res.write(result, target)
    assert (target / res.META_FILE).read_text() == "{}"
    assert not (target / res.DAYS_FILE).exists()


@pytest.mark.parametrize("kind", ["empty", "missing", "other_files"])
def test_read_non_run_folder_is_a_clear_error(tmp_path, kind):
    target = tmp_path / "not_a_run"
    if kind != "missing":
        target.mkdir()
    if kind == "other_files":
        (target / "notes.txt").write_text("hello")
    with pytest.raises(FileNotFoundError) as info:
        res.read(target)
    msg = str(info.value)
    assert str(target) in msg
    assert "not a run folder" in msg


def test_new_run_dir_never_reuses_a_folder(tmp_path):
    made = [res.new_run_dir(tmp_path, "demo", 7) for _ in range(3)]
    assert len(set(made)) == 3
    for path in made:
        assert path.is_dir()
        assert path.parent == tmp_path / "demo"
        assert "seed7" in path.name
        assert list(path.iterdir()) == []


def test_run_to_folder_round_trips(scenario, tmp_path):
    result, folder = runner.run_to_folder(scenario, days=5, out=tmp_path)
    assert folder.parent == tmp_path / scenario.name
    # Tables only: charts are the caller's to draw (sim.present.charts), not the runner's.
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        (res.DAYS_FILE, res.POSTS_FILE, res.SCENARIO_FILE, res.META_FILE)
    )
    back = res.read(folder)
    _assert_tables_equal(back, result)
    assert back.scenario == result.scenario
    assert back.scenario.days == 5


def test_resolved_scenario_reproduces_a_run_with_explicit_seed(scenario, tmp_path):
    # Regression: the saved scenario once kept the file's seed instead of the run's.
    first = runner.run(scenario, seed=5, days=10)
    folder = res.write(first, tmp_path / "run")
    again = runner.run(load_scenario(folder / res.SCENARIO_FILE))
    assert again.seed == 5
    _assert_tables_equal(again, first)
