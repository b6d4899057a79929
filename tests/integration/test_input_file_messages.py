"""Comparison, sweep and scenario files: every refusal names the file (and key), text in other
encodings is named as such, a byte-order mark is read, short comparisons chart cleanly, and a
second comparison into a folder in use is told so."""

from __future__ import annotations

import pytest

from sim import cli
from sim.studies.sweep import store

TINY = """\
days = 10
[audience]
users = 600
[brand]
initial_followers = 60
"""
ARM = '[[arms]]\nscenario = "tiny.toml"\n'
LABELLED = ARM + 'label = "b"\n'


def _main(capsys, *args) -> tuple[int, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "tiny.toml").write_text(TINY)
    return tmp_path


@pytest.mark.parametrize(
    "text,says",
    [
        (ARM + "label = 5\n" + LABELLED, "arms[0]: label = 5 must be text"),
        ("[[arms]]\nscenario = 5\n" + LABELLED, "arms[0]: scenario = 5 must be text"),
        (ARM + "set = [1, 2]\n" + LABELLED, "arms[0]: set = [1, 2] must be a table"),
        ("arms = 5\n", "arms must be a list of tables"),
        ("arms = [1, 2]\n", "arms must be a list of tables"),
        ("name = 5\n" + ARM + LABELLED, "name = 5 must be text"),
        ("baseline = [1]\n" + ARM + LABELLED, "baseline = [1] must be text"),
        ("description = 5\n" + ARM + LABELLED, "description = 5 must be text"),
        ("metrics = 5\n" + ARM + LABELLED, "metrics must be a list of names"),
        ("overrides = 5\n" + ARM + LABELLED, "[overrides] must be a table"),
        ('seeds = "x"\n' + ARM + LABELLED, "'x' is not a seed"),
        ('[[arms]]\nscenario = "gone.toml"\n' + LABELLED, "arms[0]: scenario file 'gone.toml'"),
    ],
)
def test_comparison_file_refusals_name_the_file_and_key(folder, capsys, text, says):
    path = folder / "pair.toml"
    path.write_text(text)
    code, err = _main(capsys, "compare", path, "--out", folder / "out")
    assert code == 2, err
    assert err.startswith(f"feedsim compare: {path}") and says in err, err
    assert not (folder / "out").exists()


@pytest.mark.parametrize(
    "text,says",
    [
        (
            'scenario = "tiny.toml"\nname = 5\n[grid]\n"brand.posts_per_week" = [1, 2]\n',
            "name = 5 must be text",
        ),
        (
            'scenario = "tiny.toml"\ndescription = [1]\n[grid]\n"brand.posts_per_week" = [1, 2]\n',
            "description = [1] must be text",
        ),
        (
            'scenario = "gone.toml"\n[grid]\n"brand.posts_per_week" = [1, 2]\n',
            "scenario = 'gone.toml': ",
        ),
        ('scenario = "tiny.toml"\n[grid]\n"brand.posts_per_week" = 3\n', "must be a list"),
    ],
)
def test_sweep_file_refusals_name_the_file(folder, capsys, text, says):
    path = folder / "grid.toml"
    path.write_text(text)
    code, err = _main(capsys, "sweep", path, "--out", folder / "out")
    assert code == 2, err
    assert err.startswith(f"feedsim sweep: {path}") and says in err, err


@pytest.mark.parametrize("command", ["validate", "sweep", "compare"])
def test_other_encodings_are_named_and_a_byte_order_mark_is_read(folder, capsys, command):
    path = folder / "input.toml"
    extra = [folder / "tiny.toml"] if command == "compare" else []
    for data, says in (
        ("days = 10\n".encode("utf-16"), "is UTF-16 text, not UTF-8"),
        (b"\x8f\x00\x01\x02 binary", "is not UTF-8 text"),
    ):
        path.write_bytes(data)
        code, err = (
            _main(capsys, command, path, *extra, "--out", folder / "out")
            if command != "validate"
            else _main(capsys, command, path)
        )
        assert code == 2 and str(path) in err and says in err, err
    path.write_bytes(b"\xef\xbb\xbf" + TINY.encode())
    code, err = _main(capsys, "validate", path)
    assert code == 0, err


def test_a_comparison_of_a_few_days_charts_cleanly(folder, capsys):
    (folder / "other.toml").write_text(TINY + "[strategies.buy]\ndays = [0]\ncount = 40\n")
    for days in ("1", "3", "12"):
        code, err = _main(
            capsys,
            "compare",
            folder / "tiny.toml",
            folder / "other.toml",
            "--seeds",
            "2",
            "--workers",
            "1",
            "--set",
            f"days={days}",
            "--out",
            folder / "out",
            "--name",
            f"short{days}",
            "--quiet",
        )
        assert code == 0, (days, err)
        assert "Warning" not in err, err
        charts = sorted(p.name for p in (folder / "out" / f"short{days}").glob("*.png"))
        assert len(charts) == 5, charts


def test_a_second_comparison_into_a_folder_in_use_is_told_so(folder, capsys):
    target = folder / "out" / "pair"
    target.mkdir(parents=True)
    (folder / "pair.toml").write_text('name = "pair"\n' + ARM + LABELLED)
    with store.folder_lock(target, "comparison"):  # the first comparison, still running
        code, err = _main(
            capsys,
            "compare",
            folder / "pair.toml",
            "--seeds",
            "1",
            "--workers",
            "1",
            "--out",
            folder / "out",
            "--quiet",
        )
    assert code == 2, err
    assert f"{target} is in use by another feedsim comparison" in err, err
    assert "not a comparison folder" not in err


def test_an_export_with_a_huge_cell_is_refused_by_name(folder, capsys):
    path = folder / "posts.csv"
    path.write_text(
        "Publish time,Reach,Likes,Comments\n2024-03-01 19:37," + "x" * 200_000 + ",3,1\n"
    )
    code, err = _main(
        capsys,
        "calibrate",
        path,
        "--platform",
        "instagram",
        "--followers",
        "100",
        "--out",
        folder / "out",
    )
    assert code == 2, err
    assert err.startswith(f"feedsim calibrate: {path}"), err
