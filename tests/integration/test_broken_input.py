"""Broken input, as an attacker would try it, through the command line: every case is refused
before anything is simulated, with exit code 2, a message and no traceback; nothing is written
outside the chosen folder and a failed command leaves no folder behind.

Most checks run ``sim.cli.main`` in this process (fast); the cases that need a real process (a
FIFO that would block, a killed sweep) start one.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim import cli
from sim.studies.sweep import store

TINY = """\
days = 10
[audience]
users = 500
[brand]
initial_followers = 50
"""


def _main(capsys, *args) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys, *args, match: str | None = None) -> str:
    code, out, err = _main(capsys, *args)
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err
    assert err.strip(), "a refusal says why"
    if match is not None:
        assert match in err, err
    return err


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def tiny(tmp_path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# 1. A calendar post without an hour
# ---------------------------------------------------------------------------------------------


def test_a_calendar_post_without_an_hour_runs_and_sweeps(tmp_path, capsys):
    path = tmp_path / "cal.toml"
    path.write_text(
        TINY + '[[content.calendar]]\nday = 2\nattributes = ["question"]\n'
        "[[content.calendar]]\nday = 5\nhour = 20\n",
        encoding="utf-8",
    )
    code, out, err = _main(capsys, "run", path, "--out", tmp_path / "out", "--no-charts", "--quiet")
    assert code == 0, err
    folder = Path(out.strip())
    assert (
        "hour"
        not in (folder / "scenario.resolved.toml").read_text().split("[[content.calendar]]")[1]
    )
    code, out, err = _main(
        capsys,
        "run",
        folder / "scenario.resolved.toml",
        "--out",
        tmp_path / "again",
        "--no-charts",
        "--quiet",
    )
    assert code == 0, err  # the resolved file runs as it is


# ---------------------------------------------------------------------------------------------
# 2. Nothing is written outside the chosen folder
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["..", ".", "a/b", "../escape", "/abs", "x/../..", ""])
def test_names_that_would_leave_the_results_folder_are_refused(tmp_path, capsys, tiny, name):
    root = tmp_path / "box"
    root.mkdir()
    out = root / "results"
    before = _tree(tmp_path)
    for command in (
        ["sweep", tiny, "--seeds", "1"],
        ["sensitivity", tiny, "--seeds", "1", "--list"],
        ["explain", tiny, tiny, "--seeds", "1"],
    ):
        _refused(capsys, *command, "--name", name, "--out", out)
    # A scenario named by its file or its `name` key.
    scen = tmp_path / "named.toml"
    scen.write_text(f'name = "{name}"\n' + TINY, encoding="utf-8")
    code, _, err = _main(capsys, "run", scen, "--out", out, "--no-charts")
    assert code == 2 or name not in ("..", "."), err
    assert _tree(tmp_path) == sorted(before + ["named.toml"]) or code == 0
    if code == 0:  # a name the schema allows ("a/b" is not: only a bad character is replaced)
        assert all(
            Path(p).parts[0] == "box"
            for p in set(_tree(tmp_path)) - set(before)
            if p != "named.toml"
        )


def test_a_sweep_file_named_dots_stays_inside_out(tmp_path, capsys, tiny):
    spec = tmp_path / "s.toml"
    spec.write_text(
        'scenario = "tiny.toml"\nname = ".."\nseeds = 1\n[overrides]\n"days" = 3\n',
        encoding="utf-8",
    )
    out = tmp_path / "box" / "results"
    code, _, err = _main(
        capsys, "sweep", spec, "--out", out, "--workers", "1", "--no-charts", "--quiet"
    )
    assert code == 0, err
    assert [p.name for p in out.iterdir()] == ["sweep"]  # the fallback name, inside --out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["box", "s.toml", "tiny.toml"]


# ---------------------------------------------------------------------------------------------
# 4. Resource abuse, refused before anything runs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra, match",
    [
        ("[audience]\nusers = 50_000_000\n", "audience.users = 50,000,000"),
        (
            "[strategies.buy]\ndays = [1]\ncount = 50_000_000\n",
            "50,000,000 accounts for strategies.buy",
        ),
    ],
)
def test_plans_above_the_machines_memory_are_refused(tmp_path, capsys, monkeypatch, extra, match):
    monkeypatch.setenv("FEEDSIM_MAX_MEMORY", "4G")
    path = tmp_path / "big.toml"
    path.write_text(
        "days = 30\n" + extra + ("" if "users" in extra else "[audience]\nusers = 2000\n"),
        encoding="utf-8",
    )
    t0 = time.perf_counter()
    err = _refused(capsys, "run", path, "--out", tmp_path / "out", match=match)
    assert "GB of memory" in err and "--force" in err
    _refused(capsys, "sweep", path, "--seeds", "2", "--out", tmp_path / "out", match=match)
    small = tmp_path / "small.toml"
    small.write_text("days = 30\n[audience]\nusers = 2000\n", encoding="utf-8")
    _refused(capsys, "compare", small, path, "--seeds", "2", "--out", tmp_path / "out", match=match)
    assert time.perf_counter() - t0 < 30  # refused at once, not after building the audience
    assert not (tmp_path / "out").exists()


def test_a_sweep_that_fits_alone_but_not_on_every_worker_is_refused(
    tmp_path, capsys, monkeypatch, tiny
):
    monkeypatch.setenv("FEEDSIM_MAX_MEMORY", "1G")
    _refused(
        capsys,
        "sweep",
        tiny,
        "--seeds",
        "4",
        "--workers",
        "4",
        "--out",
        tmp_path,
        match="4 runs at once",
    )


def test_a_run_estimated_at_over_an_hour_is_refused(tmp_path, capsys, monkeypatch):
    """Pools far larger than the audience: the feed caps each pool at a share of the users, so
    the estimate stays small; a plan above the time limit is refused before it runs."""
    from sim.scenario import load_scenario, resources

    path = tmp_path / "pools.toml"
    path.write_text(
        "days = 365\n[audience]\nusers = 2000\n[brand]\ninitial_followers = 10\n"
        "[feed]\nexplore_stages = [100_000_000, 100_000_000, 100_000_000]\n"
    )
    est = resources.estimate(load_scenario(path))
    assert est.seconds < resources.MAX_RUN_SECONDS
    monkeypatch.setattr(resources, "MAX_RUN_SECONDS", est.seconds / 2)
    _refused(capsys, "run", path, "--out", tmp_path / "out", match="per run")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "seeds", ["300000000", "0-200000", "0-99999999999999999999", "1,1", "5-3", "x", "-1", ""]
)
def test_bad_or_huge_seed_lists_are_refused_at_once(tmp_path, capsys, tiny, seeds):
    t0 = time.perf_counter()
    _refused(capsys, "sweep", tiny, "--seeds", seeds, "--out", tmp_path)
    assert time.perf_counter() - t0 < 10
    assert list(tmp_path.iterdir()) == [tiny]


def test_devices_folders_huge_and_deep_files_are_refused(tmp_path, capsys):
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 2_000_000 + "\n")
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    deep_table = tmp_path / "deep_table.toml"
    deep_table.write_text("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    for path, match in (
        ("/dev/zero", "not a regular file"),
        ("/dev/null", "not a regular file"),
        (tmp_path, "is a folder"),
        (huge, "bytes"),
        (deep, "nested too deeply"),
        (deep_table, "nested too deeply"),
        (binary, "not UTF-8"),
    ):
        _refused(capsys, "validate", path, match=match)
        _refused(capsys, "run", path, "--out", tmp_path / "out", match=match)
        _refused(capsys, "sweep", path, "--out", tmp_path / "out", match=match)


def test_a_fifo_is_refused_without_blocking(tmp_path, feedsim):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    proc = feedsim("validate", fifo)  # the fixture's timeout would fail a blocked read
    assert proc.returncode == 2 and "not a regular file" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------
# 5. Output folders checked before simulating; no traceback from a folder
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["a_file", "/dev/null", "/proc/feedsim-results"])
def test_an_unusable_out_is_refused_before_simulating(tmp_path, capsys, tiny, monkeypatch, out):
    (tmp_path / "a_file").write_text("not a folder")
    out = tmp_path / out if out == "a_file" else Path(out)

    def never(*a, **k):
        raise AssertionError("simulated although the folder is unusable")

    monkeypatch.setattr("sim.engine.runner.run", never)
    _refused(capsys, "run", tiny, "--out", out, match=str(out))
    _refused(capsys, "sweep", tiny, "--seeds", "1", "--out", out, match=str(out))


def test_a_full_disk_leaves_no_half_written_run_folder(tmp_path, capsys, tiny, monkeypatch):
    from sim.engine import results

    real_write = results.write

    def full(result, folder):
        real_write(result, folder)  # some files land, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(Path(folder) / "x"))

    monkeypatch.setattr(results, "write", full)
    out = tmp_path / "out"
    _refused(
        capsys,
        "run",
        tiny,
        "--out",
        out,
        "--no-charts",
        match="No space left on device; the partial folder was removed",
    )
    assert not out.exists()  # nor the folders made for it


def _one_run(tmp_path, capsys, tiny) -> Path:
    code, out, err = _main(
        capsys, "run", tiny, "--out", tmp_path / "runs", "--no-charts", "--quiet"
    )
    assert code == 0, err
    return Path(out.strip())


def test_damaged_run_folders_are_reported_and_compare_leaves_nothing(tmp_path, capsys, tiny):
    good = _one_run(tmp_path, capsys, tiny)
    for name in ("days.csv", "posts.csv", "meta.json", "scenario.resolved.toml"):
        for damage in (b"", (good / name).read_bytes()[:37] + b"\x00\xff"):
            bad = tmp_path / "bad"
            shutil.rmtree(bad, ignore_errors=True)
            shutil.copytree(good, bad)
            (bad / name).write_bytes(damage)
            for args in (["plot", bad], ["compare", bad, good, "--out", tmp_path / "cmp"]):
                before = _tree(tmp_path / "cmp") if (tmp_path / "cmp").exists() else []
                code, out, err = _main(capsys, *args)
                assert code in (0, 2), (args, code, err)  # some damage leaves a drawable table
                assert "Traceback" not in out + err
                if code == 2:
                    # The damaged file named with what is wrong, or the folder said damaged.
                    assert (
                        str(bad / name) in err
                        or "empty or damaged" in err
                        or "not a run folder" in err
                    ), err
                    after = _tree(tmp_path / "cmp") if (tmp_path / "cmp").exists() else []
                    assert not set(after) - set(before) - {"compare"}, (
                        "a failed compare left a folder behind"
                    )


def _tiny_sweep(tmp_path, capsys, tiny, *extra) -> Path:
    code, out, err = _main(
        capsys,
        "sweep",
        tiny,
        "--set",
        "brand.posts_per_week=7,2",
        "--seeds",
        "2",
        "--workers",
        "1",
        "--out",
        tmp_path / "sw",
        "--no-charts",
        "--quiet",
        *extra,
    )
    assert code == 0, err
    return Path(out.strip())


def test_damaged_sweep_files_are_reported(tmp_path, capsys, tiny):
    folder = _tiny_sweep(tmp_path, capsys, tiny)
    for name in ("sweep.toml", "days.parquet", "summary.csv", "runs.csv"):
        for damage in (b"", b"\x00garbage["):
            bad = tmp_path / "bad"
            shutil.rmtree(bad, ignore_errors=True)
            shutil.copytree(folder, bad)
            (bad / name).write_bytes(damage)
            code, out, err = _main(capsys, "plot", bad)
            assert code in (0, 2) and "Traceback" not in out + err, (name, err)


def test_cut_or_empty_run_files_are_set_aside_and_run_again(tmp_path, capsys, tiny):
    folder = _tiny_sweep(tmp_path, capsys, tiny)
    runs_csv = (folder / "runs.csv").read_bytes()
    files = sorted((folder / "runs").glob("*.parquet"))
    files[0].write_bytes(b"")
    files[1].write_bytes(files[1].read_bytes()[:300])
    code, out, err = _main(
        capsys,
        "sweep",
        tiny,
        "--set",
        "brand.posts_per_week=7,2",
        "--seeds",
        "2",
        "--workers",
        "1",
        "--out",
        tmp_path / "sw",
        "--no-charts",
    )
    assert code == 0, err
    assert err.count("a damaged run file was set aside and run again") == 2, err
    assert "2 run now" in out
    assert (folder / "runs.csv").read_bytes() == runs_csv  # the same figures again
    assert len(list((folder / store.DAMAGED_DIR).iterdir())) == 2  # kept, not deleted


# ---------------------------------------------------------------------------------------------
# 7. Locks; the command line wins over a sweep file's overrides
# ---------------------------------------------------------------------------------------------


def test_stale_and_empty_locks_are_recovered(tmp_path, capsys, tiny):
    folder = _tiny_sweep(tmp_path, capsys, tiny)
    for stale in ("", json.dumps({"pid": 1, "host": "elsewhere"}), "1"):  # pid 1 is alive
        (folder / store.LOCK_FILE).write_text(stale)
        assert _tiny_sweep(tmp_path, capsys, tiny) == folder
        assert not (folder / store.LOCK_FILE).exists()


def test_a_folder_in_use_is_reported_as_in_use_even_before_its_spec_is_written(
    tmp_path, feedsim, tiny
):
    """Two sweeps started together: the second is told the folder is in use, naming the first's
    process, never that the folder 'is not a sweep folder'."""
    folder = tmp_path / "sw" / "tiny-sweep"
    folder.mkdir(parents=True)
    with store.folder_lock(folder):  # the first sweep, before it wrote sweep.toml
        proc = feedsim("sweep", tiny, "--seeds", "1", "--out", tmp_path / "sw")
    assert proc.returncode == 2, proc.stderr
    assert f"in use by another feedsim sweep (process {os.getpid()} on " in proc.stderr
    assert "not a sweep folder" not in proc.stderr


def test_the_command_line_overrides_a_sweep_files_overrides_with_a_note(tmp_path, capsys, tiny):
    spec = tmp_path / "s.toml"
    spec.write_text(
        'scenario = "tiny.toml"\nseeds = 1\n[grid]\n"brand.posts_per_week" = [7, 2]'
        '\n[overrides]\n"audience.users" = 400\n',
        encoding="utf-8",
    )
    code, out, err = _main(
        capsys,
        "sweep",
        spec,
        "--set",
        "audience.users=300",
        "--out",
        tmp_path / "out",
        "--workers",
        "1",
        "--no-charts",
        "--quiet",
    )
    assert code == 0, err
    assert (
        "note: --set audience.users replaces the sweep file's [overrides] audience.users = "
        "400" in err
    )
    import tomllib

    written = tomllib.loads((Path(out.strip()) / "sweep.toml").read_text())
    assert written["base"]["audience"]["users"] == 300


# ---------------------------------------------------------------------------------------------
# 6. A killed sweep leaves no workers behind
# ---------------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_sigkill_of_a_sweep_leaves_no_orphans(tmp_path):
    scen = tmp_path / "slow.toml"
    scen.write_text("days = 200\n[audience]\nusers = 20000\n[brand]\ninitial_followers = 50\n")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "sweep",
            str(scen),
            "--seeds",
            "200",  # far more than finish before the kill: warm workers start at once
            "--workers",
            "2",
            "--out",
            str(tmp_path / "out"),
            "--no-charts",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        kids: list[int] = []
        while time.monotonic() < deadline:
            kids = _children(proc.pid)
            # The two workers (forked from the command, or spawned with a resource tracker).
            if len(kids) >= 2:
                break
            time.sleep(0.2)
        assert len(kids) >= 2, kids
        time.sleep(1.0)  # the workers are warming up or running
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.2)
    left = [k for k in kids if _alive(k)]
    for k in left:  # never leave them to the next test, whatever the outcome
        os.kill(k, 9)
    assert not left, f"workers still alive after their sweep was killed: {left}"
