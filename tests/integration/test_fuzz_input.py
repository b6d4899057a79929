"""Property-based fuzzing of what a user can type: generated broken scenario files and command
lines must be refused with exit code 2 and a message, never a traceback, and nothing may be
simulated for them.

Each example breaks a valid scenario (or command line) in one way that is wrong whatever else
it holds: a numeric key outside its bounds or of the wrong type, an unknown key, a day past the
run, a calendar post out of range, TOML that does not parse; a bad option value. ``sim.cli.main``
runs in this process, with the engine and the worker pools replaced by a tripwire, so every
example takes milliseconds. Hypothesis' seed is derandomized: the same examples every run.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
import tomli_w  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sim import cli  # noqa: E402
from sim.scenario import Scenario  # noqa: E402
from sim.scenario.fields import numeric_fields  # noqa: E402

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BASE = {"days": 10, "audience": {"users": 500}, "brand": {"initial_followers": 50}}
NUMERIC = [f for f in numeric_fields(Scenario) if not f.key.startswith("sensitivity.")]


class Simulated(AssertionError):
    """Raised by the tripwire: something tried to simulate a refused input."""


@pytest.fixture(scope="module")
def tripwire():
    """The engine and every pool of workers fail loudly if reached: a refusal must come first
    (a sweep's folder may be checked on the way, as it is before any run)."""

    def never(*args, **kwargs):
        raise Simulated("a broken input reached the simulation")

    import sim.engine.runner
    import sim.studies.sweep.executors

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sim.engine.runner, "run", never)
        mp.setattr(sim.studies.sweep.executors.LocalPool, "__init__", never)
        mp.setattr(sim.studies.sweep.executors.DaskPool, "__init__", never)
        yield


def _set(raw: dict, dotted: str, value) -> dict:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in raw.items()}
    node = out
    parts = dotted.split(".")
    for p in parts[:-1]:
        node[p] = dict(node.get(p) or {})
        node = node[p]
    node[parts[-1]] = value
    return out


def _outside(field):
    """Values a numeric field refuses whatever else the scenario says."""
    low = field.ge if field.ge is not None else field.gt
    high = field.le if field.le is not None else field.lt
    bad = [
        st.just(math.nan),
        st.text(max_size=5),
        st.booleans(),
        st.lists(st.integers(), max_size=3),
        st.just({"x": 1}),
    ]
    if field.ge is not None:
        bad.append(
            st.integers(int(math.floor(field.ge)) - 10**18, int(math.floor(field.ge)) - 1)
            if field.integer
            else st.floats(max_value=field.ge, exclude_max=True, allow_nan=False)
        )
    elif field.gt is not None:
        bad.append(st.floats(max_value=field.gt, allow_nan=False).filter(lambda x: x <= low))
    if field.le is not None:
        bad.append(
            st.integers(int(math.ceil(field.le)) + 1, int(math.ceil(field.le)) + 10**18)
            if field.integer
            else st.floats(min_value=field.le, exclude_min=True)
        )
    elif field.lt is not None:
        bad.append(st.floats(min_value=field.lt, allow_nan=False).filter(lambda x: x >= high))
    if field.integer:
        bad.append(
            st.floats(allow_nan=False, allow_infinity=False).filter(
                lambda x: not float(x).is_integer()
            )
        )
    return st.one_of(bad)


@st.composite
def broken_scenarios(draw) -> str:
    """The text of a scenario file that is wrong in at least one way."""
    kind = draw(st.sampled_from(["number", "unknown", "calendar", "dated", "syntax", "type"]))
    raw = dict(BASE)
    if kind == "number":
        field = draw(st.sampled_from(NUMERIC))
        raw = _set(raw, field.key, draw(_outside(field)))
    elif kind == "unknown":
        table = draw(
            st.sampled_from(
                ["", "audience.", "brand.", "feed.", "strategies.buy.", "purge.", "content."]
            )
        )
        key = draw(st.from_regex(r"[a-z]{3,8}_zz", fullmatch=True))
        raw = _set(raw, table + key, draw(st.integers(0, 9)))
    elif kind == "calendar":
        entry = draw(
            st.sampled_from(
                [
                    {"day": draw(st.integers(10, 10**6))},
                    {"day": draw(st.integers(-(10**6), -1))},
                    {
                        "day": 1,
                        "hour": draw(st.one_of(st.integers(24, 10**6), st.integers(-99, -1))),
                    },
                    {
                        "day": 1,
                        "attributes": [draw(st.from_regex(r"[a-z]{4,9}_zz", fullmatch=True))],
                    },
                    {"hour": 3},
                ]
            )
        )
        raw["content"] = {"calendar": [{"day": 0}, entry]}
    elif kind == "dated":
        day = draw(st.integers(10, 3650))
        raw = _set(
            raw,
            *draw(
                st.sampled_from(
                    [
                        ("strategies.buy", {"days": [day], "count": 5}),
                        ("strategies.buy", {"days": [2, 2], "count": 5}),
                        ("purge", {"days": [day]}),
                        (
                            "strategies.giveaway",
                            {"day": 5, "duration": max(5, day - 5), "entrants": 5},
                        ),
                        (
                            "strategies.follow_for_follow",
                            {"start_day": 6, "end_day": 5, "per_day": 3},
                        ),
                        ("strategies.pod", {"start_day": day, "members": 3}),
                        ("brand", {"initial_followers": 501}),
                        ("strategies.giveaway", {"day": 2, "entrants": 10**6}),
                        (
                            "strategies.giveaway",
                            {"duration": 3},
                        ),  # no entrants: it would do nothing
                    ]
                )
            ),
        )
    elif kind == "type":
        raw = _set(
            raw,
            draw(
                st.sampled_from(
                    ["audience", "brand", "feed", "strategies", "platform", "name", "days"]
                )
            ),
            draw(st.sampled_from([[1, 2], "x", 3.5, True, {"": 1}, ".."])),
        )
        if raw.get("platform") in ("x",):
            raw["platform"] = "no_such_platform"
        if raw.get("name") == "x":
            raw["name"] = "a/b"
        if raw.get("days") == "x":
            raw["days"] = 0
    else:  # TOML that does not parse
        return draw(
            st.sampled_from(
                [
                    "days = = 3\n",
                    "[audience\nusers = 3\n",
                    "x = [1,\n",
                    "a = 1\na = 2\n",
                    "= 3\n",
                    "[[a]]\n[a]\n",
                    "\x00\n",
                ]
            )
        )
    return tomli_w.dumps(raw)


@given(text=broken_scenarios())
@FUZZ
def test_broken_scenarios_are_refused_without_a_traceback(tripwire, tmp_path_factory, capsys, text):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "broken.toml"
    path.write_text(text, encoding="utf-8")
    for args in (
        ["validate", path],
        ["run", path, "--out", folder / "out"],
        ["sweep", path, "--seeds", "1", "--out", folder / "out"],
    ):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert code == 2, (args[0], text, out, err)
        assert "Traceback" not in out + err and err.strip(), (text, err)
    assert not (folder / "out").exists()


BAD_OPTIONS = {
    "run": [
        ["--days", "0"],
        ["--days", "-4"],
        ["--seed", "-1"],
        ["--engine", "nope"],
        ["--frobnicate"],
        ["--days", "x"],
        ["--out", "/dev/null"],
    ],
    "sweep": [
        ["--seeds", "0"],
        ["--seeds", "3-1"],
        ["--seeds", "1,1"],
        ["--seeds", "abc"],
        ["--seeds", "99999999999"],
        ["--workers", "0"],
        ["--workers", "-2"],
        ["--name", ".."],
        ["--name", "a/b"],
        ["--set", "nokey"],
        ["--set", "=1"],
        ["--set", "audience.users="],
        ["--set", "audience.nope_zz=3"],
        ["--set", "audience.users=1,2"],
        ["--set", "seed=1,2"],
        ["--metrics", "nope_zz"],
        ["--set", "brand.hour=[1,"],
        ["--out", "/dev/null"],
    ],
    "sensitivity": [
        ["--seeds", "0"],
        ["--range", "x"],
        ["--workers", "0"],
        ["--name", "."],
        ["--set", "audience.users=1"],
        ["--only", "nope_zz"],
        ["--method", "bogus"],
        ["--metric", "nope_zz"],
    ],
    "explain": [
        ["--seeds", "-3"],
        ["--workers", "0"],
        ["--name", "../x"],
        ["--set", "audience.users=5,6"],
        ["--metric", "nope_zz"],
    ],
}


@st.composite
def broken_command_lines(draw) -> tuple[str, list[str]]:
    """A command with a good scenario (or a missing or broken one) and at least one bad option
    among good ones."""
    command = draw(st.sampled_from(sorted(BAD_OPTIONS)))
    files = {"good": "GOOD", "missing": "missing.toml", "broken": "BROKEN"}
    target = draw(st.sampled_from(["good", "good", "good", "missing", "broken"]))
    bad = draw(st.lists(st.sampled_from(BAD_OPTIONS[command]), min_size=1, max_size=3))
    if target != "good":
        bad = draw(st.lists(st.sampled_from(BAD_OPTIONS[command]), max_size=2))
    good = {
        "run": [["--no-charts"], ["--quiet"], ["--days", "3"]],
        "sweep": [["--no-charts"], ["--quiet"], ["--seeds", "2"]],
        "sensitivity": [["--quiet"], ["--seeds", "1"]],
        "explain": [["--quiet"], ["--seeds", "1"]],
    }[command]
    # A good option never repeats a bad one's flag: argparse keeps the last of a repeated one.
    flags = {opt[0] for opt in bad}
    extra = [o for o in draw(st.lists(st.sampled_from(good), max_size=2)) if o[0] not in flags]
    options = draw(st.permutations(bad + extra))
    files_args = [files[target]] * (2 if command == "explain" else 1)
    return command, files_args + [o for opt in options for o in opt]


@given(case=broken_command_lines())
@FUZZ
def test_broken_command_lines_are_refused_without_a_traceback(
    tripwire, tmp_path_factory, capsys, case
):
    command, args = case
    folder = tmp_path_factory.mktemp("cmd")
    good = folder / "good.toml"
    good.write_text(tomli_w.dumps(BASE), encoding="utf-8")
    broken = folder / "broken.toml"
    broken.write_text("[audience]\nusers = -5\n", encoding="utf-8")
    args = [
        str(good)
        if a == "GOOD"
        else str(broken)
        if a == "BROKEN"
        else str(folder / a)
        if a == "missing.toml"
        else a
        for a in args
    ]
    argv = (
        [command, *args, "--out", str(folder / "out")] if "--out" not in args else [command, *args]
    )
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse refuses unknown options and wrong types itself
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    assert "Traceback" not in out + err and err.strip(), (argv, err)
    assert not (folder / "out").exists() or not any((folder / "out").rglob("*.csv"))


# ---------------------------------------------------------------------------------------------
# Result folders: report, export and plot on a damaged folder answer in one line or succeed
# ---------------------------------------------------------------------------------------------

FOLDER_FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DAMAGE = ["cut", "empty", "garbage", "flip", "append", "delete", "fifo", "zero", "other_text"]


@pytest.fixture(scope="module")
def result_folders(tmp_path_factory):
    """A real run, comparison and sweep folder with their charts (tiny; made by the commands in
    a process of their own, out of reach of the tripwire)."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("results")
    (root / "tiny.toml").write_text(tomli_w.dumps(BASE), encoding="utf-8")
    (root / "other.toml").write_text(
        tomli_w.dumps(_set(BASE, "brand.posts_per_week", 2)), encoding="utf-8"
    )

    # One process makes them all (the engine starts once).
    script = f"""
import sys
from pathlib import Path
from sim import cli
root = Path({str(root)!r})
out = root / "out"
def main(*args):
    assert cli.main([str(a) for a in args]) == 0, args
main("run", root / "tiny.toml", "--out", out, "--quiet")
main("compare", root / "tiny.toml", root / "other.toml", "--seeds", "2", "--workers", "1",
     "--out", out, "--name", "pair", "--quiet")
main("sweep", root / "tiny.toml", "--set", "brand.posts_per_week=7,2", "--seeds", "1",
     "--workers", "1", "--out", out, "--quiet")
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr
    run = next((root / "out" / "tiny").iterdir())
    folders = {
        "run": run,
        "comparison": root / "out" / "pair",
        "sweep": root / "out" / "tiny-sweep",
    }
    return folders


def _damage(path: Path, how: str, data) -> None:
    import os

    body = path.read_bytes()
    if how in ("delete", "fifo", "zero"):
        path.unlink()
        if how == "fifo":
            os.mkfifo(path)
        elif how == "zero":
            path.symlink_to("/dev/zero")
        return
    if how == "cut":
        body = body[: data.draw(st.integers(0, max(0, len(body) - 1)))]
    elif how == "empty":
        body = b""
    elif how == "garbage":
        body = data.draw(st.binary(min_size=1, max_size=300))
    elif how == "flip":
        at = data.draw(st.integers(0, max(0, len(body) - 1)))
        body = body[:at] + data.draw(st.binary(min_size=1, max_size=8)) + body[at + 8 :]
    elif how == "append":
        body += data.draw(st.binary(min_size=1, max_size=50))
    else:  # well-formed text of the wrong shape
        body = data.draw(
            st.sampled_from(
                [b"x = 1\n", b"[]\n", b"{}\n", b"a,b\n1,2\n", b'seed = "x"\n', b"day\n-1\n"]
            )
        )
    path.write_bytes(body)


@given(data=st.data())
@FOLDER_FUZZ
def test_damaged_result_folders_are_reported_in_one_line(
    tripwire, result_folders, tmp_path_factory, capsys, data
):
    import shutil
    import signal

    kind = data.draw(st.sampled_from(sorted(result_folders)), label="folder")
    folder = tmp_path_factory.mktemp("damaged") / result_folders[kind].name
    shutil.copytree(result_folders[kind], folder, symlinks=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and ".tmp-" not in p.name)
    target = data.draw(st.sampled_from(files), label="file")
    how = data.draw(st.sampled_from(DAMAGE), label="damage")
    _damage(target, how, data)
    command = data.draw(
        st.sampled_from(["export", "export", "export", "plot", "report"]), label="command"
    )

    def blocked(*_):
        raise TimeoutError(f"{command} blocked on {target.name} ({how})")

    old = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(120)
    try:
        code = cli.main([command, str(folder)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code in (0, 2), (command, target.relative_to(folder), how, err)
    if code == 2:
        assert err.startswith(f"feedsim {command}: ") and err.count("\n") == 1, err
