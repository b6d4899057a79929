"""Pipes and devices given to every reader: a FIFO or a link to /dev/zero in place of a file of a
results folder, or given as an input file, is refused at once, named, with bounded memory; a
resumed sweep sets such a run file aside and runs it again."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
from pathlib import Path

import pytest

from sim import cli

TINY = """\
days = 12
[audience]
users = 800
[brand]
initial_followers = 60
"""


@contextlib.contextmanager
def no_hang(seconds: int = 60):
    """Fail rather than hang: opening a FIFO for reading waits for a writer forever."""

    def alarm(*_):
        raise TimeoutError("a reader blocked on a pipe")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _main(capsys, *args) -> tuple[int, str]:
    with no_hang():
        code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """A run, a comparison and a sweep folder (tiny), made once; tests copy them."""
    root = tmp_path_factory.mktemp("made")
    (root / "tiny.toml").write_text(TINY)
    (root / "other.toml").write_text(TINY + "[strategies.buy]\ndays = [3]\ncount = 50\n")
    assert cli.main(["run", str(root / "tiny.toml"), "--out", str(root / "runs"), "--quiet"]) == 0
    run = next((root / "runs" / "tiny").iterdir())
    assert (
        cli.main(
            [
                "compare",
                str(root / "tiny.toml"),
                str(root / "other.toml"),
                "--seeds",
                "2",
                "--workers",
                "1",
                "--out",
                str(root / "cmp"),
                "--quiet",
                "--name",
                "pair",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "sweep",
                str(root / "tiny.toml"),
                "--set",
                "brand.posts_per_week=7,2",
                "--seeds",
                "1",
                "--workers",
                "1",
                "--out",
                str(root / "sw"),
                "--quiet",
                "--no-charts",
            ]
        )
        == 0
    )
    return {
        "run": run,
        "comparison": root / "cmp" / "pair",
        "sweep": root / "sw" / "tiny-sweep",
        "root": root,
    }


def _copy(folders, kind: str, tmp_path: Path) -> Path:
    target = tmp_path / folders[kind].name  # the name a resumed command writes into
    shutil.copytree(folders[kind], target, symlinks=True)
    return target


def _replace(path: Path, how: str) -> None:
    path.unlink()
    if how == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


CASES = [
    ("run", "days.csv"),
    ("run", "posts.csv"),
    ("run", "meta.json"),
    ("run", "scenario.resolved.toml"),
    ("run", "followers_reach.png"),
    ("comparison", "days.csv"),
    ("comparison", "comparison.toml"),
    ("comparison", "summary.csv"),
    ("sweep", "sweep.toml"),
    ("sweep", "days.parquet"),
    ("sweep", "runs.csv"),
    ("sweep", "summary.csv"),
]


@pytest.mark.parametrize("how", ["fifo", "zero"])
@pytest.mark.parametrize("kind,name", CASES)
def test_a_pipe_or_device_in_a_results_folder_is_refused_by_each_reader(
    folders, tmp_path, capsys, kind, name, how
):
    folder = _copy(folders, kind, tmp_path)
    _replace(folder / name, how)
    before = _maxrss_mb()
    commands = ["report", "export", "plot"]
    if name.endswith(".png"):
        commands = ["report"]  # only a report embeds the charts; plot draws them anew
    for command in commands:
        code, err = _main(capsys, command, folder)
        if code == 0 and command == "plot":
            continue  # plot does not read this file (a comparison's summary): nothing blocked
        assert code == 2, (command, err)
        assert str(folder / name) in err, err
        assert ("not a regular file" in err) if how == "fifo" else ("/dev/zero" in err), err
        assert err.count("\n") == 1, err  # one line
    assert _maxrss_mb() - before < 200


@pytest.mark.parametrize("how", ["fifo", "zero"])
def test_a_resumed_sweep_sets_a_pipe_in_place_of_a_run_file_aside(folders, tmp_path, capsys, how):
    folder = _copy(folders, "sweep", tmp_path)
    run_file = sorted((folder / "runs").glob("*.parquet"))[0]
    _replace(run_file, how)
    code, err = _main(
        capsys,
        "sweep",
        folders["root"] / "tiny.toml",
        "--set",
        "brand.posts_per_week=7,2",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        tmp_path,
        "--quiet",
        "--no-charts",
    )
    assert code == 0, err
    assert run_file.is_file() and not run_file.is_symlink()  # run again, whole
    assert len(list((folder / "damaged").iterdir())) == 1


@pytest.mark.parametrize("how", ["fifo", "zero"])
def test_a_resumed_comparison_rebuilds_a_pipe_in_place_of_an_arms_table(
    folders, tmp_path, capsys, how
):
    folder = _copy(folders, "comparison", tmp_path)
    arm = next(p for p in folder.iterdir() if p.is_dir())
    _replace(arm / "days.parquet", how)
    code, err = _main(
        capsys,
        "compare",
        folders["root"] / "tiny.toml",
        folders["root"] / "other.toml",
        "--seeds",
        "2",
        "--workers",
        "1",
        "--out",
        tmp_path,
        "--quiet",
        "--name",
        "pair",
        "--no-charts",
    )
    assert code == 0, err  # the arm's table is made again from its run files, never read
    table = arm / "days.parquet"
    assert table.is_file() and not table.is_symlink()
    assert (folder / "days.csv").read_bytes() == (folders["comparison"] / "days.csv").read_bytes()


@pytest.mark.parametrize("command", ["validate", "run", "sweep", "compare", "calibrate"])
@pytest.mark.parametrize("how", ["fifo", "zero"])
def test_a_pipe_or_device_given_as_an_input_file_is_refused(
    folders, tmp_path, capsys, command, how
):
    path = tmp_path / "input.toml"
    if how == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    args = [command, path]
    if command == "compare":
        args = [command, path, folders["root"] / "tiny.toml"]
    if command == "calibrate":
        args += ["--platform", "instagram", "--followers", "100"]
    if command != "validate":
        args += ["--out", tmp_path / "out"]
    before = _maxrss_mb()
    code, err = _main(capsys, *args)
    assert _maxrss_mb() - before < 200
    assert code == 2, err
    assert str(path) in err and "not a regular file" in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.csv"))


@pytest.mark.parametrize("name", ["sweep.toml", ".sweep.lock"])
@pytest.mark.parametrize("how", ["fifo", "zero"])
def test_a_resumed_sweep_refuses_a_pipe_in_place_of_its_spec_or_lock(
    folders, tmp_path, capsys, name, how
):
    folder = _copy(folders, "sweep", tmp_path)
    (folder / name).touch()
    _replace(folder / name, how)
    code, err = _main(
        capsys,
        "sweep",
        folders["root"] / "tiny.toml",
        "--set",
        "brand.posts_per_week=7,2",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        tmp_path,
        "--quiet",
        "--no-charts",
    )
    assert code == 2, err
    assert str(folder / name) in err, err
