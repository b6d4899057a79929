"""Writers never follow a link out of the folder they write: a report, spreadsheet, chart
folder, chart, sweep lock or run-file folder linked elsewhere is refused (or, inside the folder,
replaced), and the file outside is left exactly as it was."""

from __future__ import annotations

import shutil
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


def _main(capsys, *args) -> tuple[int, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("made")
    (root / "tiny.toml").write_text(TINY)
    assert cli.main(["run", str(root / "tiny.toml"), "--out", str(root / "runs"), "--quiet"]) == 0
    return root, next((root / "runs" / "tiny").iterdir())


@pytest.fixture
def run(made, tmp_path) -> Path:
    folder = tmp_path / "run"
    shutil.copytree(made[1], folder)
    return folder


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim").write_bytes(b"someone else's file")
    return folder


def _unchanged(outside: Path) -> None:
    assert sorted(p.name for p in outside.iterdir()) == ["victim"]
    assert (outside / "victim").read_bytes() == b"someone else's file"


@pytest.mark.parametrize(
    "name,command",
    [
        ("report-en.pdf", "report"),
        ("report-en.pptx", "report"),
        ("tables-en.xlsx", "report"),
        ("tables-en.xlsx", "export"),
        ("followers_reach.png", "plot"),
    ],
)
def test_an_output_linked_out_of_the_folder_is_not_written_through(
    run, outside, capsys, name, command
):
    (run / name).unlink(missing_ok=True)
    (run / name).symlink_to(outside / "victim")
    code, err = _main(capsys, command, run)
    assert code == 2, err
    assert f"{run / name} is a link to {outside / 'victim'}" in err, err
    _unchanged(outside)


def test_an_output_linked_inside_the_folder_is_replaced_not_written_through(run, capsys):
    keep = run / "kept.xlsx"
    keep.write_bytes(b"kept")
    (run / "tables-en.xlsx").symlink_to(keep)
    code, err = _main(capsys, "export", run)
    assert code == 0, err
    assert not (run / "tables-en.xlsx").is_symlink()
    assert keep.read_bytes() == b"kept"


def test_a_chart_folder_linked_elsewhere_is_refused(run, outside, capsys):
    (run / "charts-nl").symlink_to(outside, target_is_directory=True)
    code, err = _main(capsys, "report", run, "--lang", "nl")
    assert code == 2, err
    assert f"{run / 'charts-nl'}: this folder is a link to {outside}" in err, err
    _unchanged(outside)


def test_a_chart_linked_to_an_outside_image_is_not_embedded(run, outside, capsys):
    shutil.copy(run / "followers_reach.png", outside / "private.png")
    (run / "followers_reach.png").unlink()
    (run / "followers_reach.png").symlink_to(outside / "private.png")
    code, err = _main(capsys, "report", run)
    assert code == 2, err
    assert "followers_reach.png: this chart is a link to" in err, err
    assert not (run / "report-en.pdf").exists() and not (run / "report-en.pptx").exists()


def test_a_sweep_lock_or_run_folder_linked_elsewhere_is_refused(made, tmp_path, outside, capsys):
    root = made[0]
    sweep = [
        "sweep",
        root / "tiny.toml",
        "--set",
        "brand.posts_per_week=7,2",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        tmp_path / "sw",
        "--quiet",
        "--no-charts",
    ]
    folder = tmp_path / "sw" / "tiny-sweep"
    folder.mkdir(parents=True)
    (folder / ".sweep.lock").symlink_to(outside / "victim")
    code, err = _main(capsys, *sweep)
    assert code == 2, err
    assert ".sweep.lock: it is a link" in err, err
    _unchanged(outside)
    (folder / ".sweep.lock").unlink()
    assert _main(capsys, *sweep)[0] == 0
    shutil.rmtree(folder / "runs")  # a resumed sweep whose run files' folder now leads out
    (folder / "runs").symlink_to(outside, target_is_directory=True)
    code, err = _main(capsys, *sweep)
    assert code == 2, err
    assert f"{folder / 'runs'}: this folder is a link to {outside}" in err, err
    _unchanged(outside)


def test_a_comparison_arm_folder_linked_elsewhere_is_refused(made, tmp_path, outside, capsys):
    root = made[0]
    (root / "other.toml").write_text(TINY + "[strategies.buy]\ndays = [3]\ncount = 50\n")
    compare = [
        "compare",
        root / "tiny.toml",
        root / "other.toml",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        tmp_path / "cmp",
        "--name",
        "pair",
        "--quiet",
        "--no-charts",
    ]
    assert _main(capsys, *compare)[0] == 0
    arm = next(p for p in (tmp_path / "cmp" / "pair").iterdir() if p.is_dir())
    shutil.rmtree(arm)
    arm.symlink_to(outside, target_is_directory=True)
    code, err = _main(capsys, *compare)
    assert code == 2, err
    assert f"{arm}: this folder is a link to {outside}" in err, err
    _unchanged(outside)
