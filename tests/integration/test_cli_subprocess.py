"""Integration tests of sim.cli, called as a user would: `python -m sim.cli` (and the `feedsim`
script) in a fresh process, checking exit codes, stderr and the run folders written.

A handful of real runs (2,000 users, 30 days, a few seconds each) are shared by the module.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import pytest

import sim
from sim.scenario import load_scenario

RUN_FILES = ("days.csv", "posts.csv", "scenario.resolved.toml", "meta.json")
CHART_FILES = ("followers_reach.png", "followers_reach.svg")


def _new_folders(root: Path, before: set[Path]) -> list[Path]:
    return sorted(set(root.glob("*/*")) - before)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _assert_clean_failure(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout
    assert proc.stderr.strip(), "a failure must say why on stderr"


# ---------------------------------------------------------------------------------------------
# Real runs, shared by the module
# ---------------------------------------------------------------------------------------------


class Runs:
    """The processes and folders of the module's runs, all under one --out root."""

    def __init__(self, out: Path):
        self.out = out
        self.procs: dict[str, subprocess.CompletedProcess] = {}
        self.folders: dict[str, list[Path]] = {}
        self.snapshots: dict[str, dict[str, bytes]] = {}

    def run(self, feedsim, label: str, *args) -> Path | None:
        before = set(self.out.glob("*/*"))
        self.procs[label] = feedsim("run", *args, "--out", self.out)
        self.folders[label] = _new_folders(self.out, before)
        return self.folders[label][0] if len(self.folders[label]) == 1 else None


@pytest.fixture(scope="module")
def runs(tmp_path_factory, small_scenario, feedsim) -> Runs:
    r = Runs(tmp_path_factory.mktemp("out"))
    first = r.run(feedsim, "first", small_scenario)
    if first is not None:
        r.snapshots["first"] = _snapshot(first)
    r.run(feedsim, "again", small_scenario, "--no-charts", "--quiet")
    r.run(feedsim, "seed4", small_scenario, "--seed", "4", "--no-charts", "--quiet")
    r.run(feedsim, "days12", small_scenario, "--days", "12", "--no-charts", "--quiet")
    if first is not None:
        r.run(feedsim, "resolved", first / "scenario.resolved.toml", "--no-charts", "--quiet")
    return r


def _folder(runs: Runs, label: str) -> Path:
    proc = runs.procs[label]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    folders = runs.folders[label]
    assert len(folders) == 1, f"{label}: expected one new run folder, got {folders}"
    return folders[0]


def test_run_writes_folder_under_out_and_scenario_name(runs):
    folder = _folder(runs, "first")
    assert folder.parent == runs.out / "small"
    for name in RUN_FILES + CHART_FILES:
        assert (folder / name).is_file(), name
        assert (folder / name).stat().st_size > 0, name
    assert (folder / "followers_reach.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (folder / "followers_reach.svg").read_text(encoding="utf-8")
    # The human summary names the folder it wrote.
    assert str(folder) in runs.procs["first"].stdout


def test_run_quiet_prints_only_the_folder(runs):
    folder = _folder(runs, "again")
    assert runs.procs["again"].stdout.strip() == str(folder)


def test_run_meta(runs):
    meta = json.loads((_folder(runs, "first") / "meta.json").read_text(encoding="utf-8"))
    assert meta["feedsim_version"] == sim.__version__ == metadata.version("feedsim")
    assert meta["seed"] == 3  # the scenario file's seed
    assert meta["platform"] == "instagram"
    assert meta["days"] == 30
    timings = {k: v for k, v in meta.items() if k.startswith("seconds")}
    assert timings, f"no timings in meta.json: {sorted(meta)}"
    assert all(isinstance(v, (int, float)) and v >= 0 for v in timings.values())
    # The day's stages, each timed, in the order they run; together they are the simulation.
    stages = meta["stage_seconds"]
    assert list(stages) == ["tactics", "posts", "audience", "platform", "record"]
    assert all(v >= 0 for v in stages.values())
    assert sum(stages.values()) <= meta["seconds_simulation"] + 1e-3


def test_run_tables_cover_the_days(runs, small_scenario):
    folder = _folder(runs, "first")
    days = (folder / "days.csv").read_text().splitlines()
    posts = (folder / "posts.csv").read_text().splitlines()
    assert len(days) == 1 + 30  # header + one row per day
    assert len(posts) > 1
    assert days[0].split(",")[0] == "day"


def test_run_saves_the_resolved_scenario(runs, small_scenario):
    folder = _folder(runs, "first")
    saved = load_scenario(folder / "scenario.resolved.toml")
    assert saved == load_scenario(small_scenario)


def test_run_never_overwrites_a_run_folder(runs):
    first, again = _folder(runs, "first"), _folder(runs, "again")
    assert first != again
    assert first.parent == again.parent
    # The first run's files are exactly as they were before the second run.
    assert _snapshot(first) == runs.snapshots["first"]
    assert set(runs.snapshots["first"]) >= set(RUN_FILES + CHART_FILES)


def test_same_seed_gives_identical_tables(runs):
    first, again = _folder(runs, "first"), _folder(runs, "again")
    for name in ("days.csv", "posts.csv"):
        assert (first / name).read_bytes() == (again / name).read_bytes(), name


def test_different_seed_gives_different_tables(runs):
    first, other = _folder(runs, "first"), _folder(runs, "seed4")
    assert json.loads((other / "meta.json").read_text())["seed"] == 4
    # The saved scenario is the one that ran, seed included.
    assert tomllib.loads((other / "scenario.resolved.toml").read_text())["seed"] == 4
    for name in ("days.csv", "posts.csv"):
        assert (first / name).read_bytes() != (other / name).read_bytes(), name
    assert not any((other / c).exists() for c in CHART_FILES), "--no-charts drew charts"


def test_days_option_shortens_the_run(runs):
    folder = _folder(runs, "days12")
    assert len((folder / "days.csv").read_text().splitlines()) == 1 + 12
    assert json.loads((folder / "meta.json").read_text())["days"] == 12
    saved = tomllib.loads((folder / "scenario.resolved.toml").read_text())
    assert saved["days"] == 12


def test_run_accepts_a_resolved_scenario_file(runs):
    first, rerun = _folder(runs, "first"), _folder(runs, "resolved")
    assert rerun.parent == first.parent  # same scenario name
    for name in ("days.csv", "posts.csv"):
        assert (first / name).read_bytes() == (rerun / name).read_bytes(), name


# ---------------------------------------------------------------------------------------------
# Bad input: exit code 2, a clear message, no traceback, nothing written
# ---------------------------------------------------------------------------------------------

# (file text, words the message must contain)
BAD_SCENARIOS = {
    "syntax": ("days = 30\n[audience]\nusers = = 3\n", [r"\bline 3\b"]),
    "unknown_key": ("[audience]\nuserz = 2000\n", ["'userz'", r"\[audience\]", "'users'"]),
    "wrong_type": (
        '[audience]\nusers = "many"\n',
        ["audience.users", "'many'", "100", r"50,000,000"],
    ),
    "out_of_range": ("[brand]\nquality = 1.5\n", ["brand.quality", "1.5", r">= 0", r"<= 1\b"]),
    "unknown_platform": ('platform = "instagarm"\n', ["'instagarm'", "did you mean 'instagram'"]),
}


# Every case through `validate`; `run` shares its loading and error path, and each run process
# costs a second and a half of imports, so it gets three of them.
CASES = [(case, "validate") for case in sorted(BAD_SCENARIOS)] + [
    (case, "run") for case in ("syntax", "unknown_key", "out_of_range")
]


@pytest.mark.parametrize(("case", "command"), CASES, ids=[f"{c}-{m}" for c, m in CASES])
def test_bad_scenario_exits_2_with_message(feedsim, write_scenario, tmp_path, command, case):
    text, wanted = BAD_SCENARIOS[case]
    path = write_scenario(text, f"bad_{case}")
    out = tmp_path / "out"
    args = [path] if command == "validate" else [path, "--out", out, "--no-charts"]
    proc = feedsim(command, *args)
    _assert_clean_failure(proc)
    assert str(path) in proc.stderr
    for pattern in wanted:
        assert re.search(pattern, proc.stderr), (pattern, proc.stderr)
    assert not out.exists(), "a bad scenario must not start a run"


@pytest.mark.parametrize(
    ("option", "wanted"),
    [
        (["--days", "0"], ["--days", "0"]),
        (["--seed", "-1"], ["--seed", "-1"]),
        (["--days", "5000"], ["days", "5000", "3,650"]),
    ],
    ids=["days0", "seed_negative", "days_too_many"],
)
def test_run_bad_option_exits_2(feedsim, small_scenario, tmp_path, option, wanted):
    out = tmp_path / "out"
    proc = feedsim("run", small_scenario, "--out", out, "--no-charts", *option)
    _assert_clean_failure(proc)
    for word in wanted:
        assert word in proc.stderr, (word, proc.stderr)
    assert not out.exists() or not list(out.glob("*/*")), "a bad option must not start a run"


def test_run_option_not_a_number_exits_2(feedsim, small_scenario, tmp_path):
    proc = feedsim("run", small_scenario, "--days", "ten", "--out", tmp_path / "out")
    _assert_clean_failure(proc)
    assert "--days" in proc.stderr


def test_run_missing_file_exits_2(feedsim, tmp_path):
    missing = tmp_path / "nope.toml"
    proc = feedsim("run", missing, "--out", tmp_path / "out")
    _assert_clean_failure(proc)
    assert "nope.toml" in proc.stderr


# ---------------------------------------------------------------------------------------------
# validate, presets, the console script
# ---------------------------------------------------------------------------------------------


def test_validate_good_file(feedsim, small_scenario):
    proc = feedsim("validate", small_scenario)
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout
    assert str(small_scenario) in proc.stdout


def test_validate_show_prints_the_resolved_scenario(feedsim, small_scenario):
    proc = feedsim("validate", "--show", small_scenario)
    assert proc.returncode == 0, proc.stderr
    toml_text = proc.stdout.split("\n", 1)[1]  # after the "ok" line
    assert tomllib.loads(toml_text) == tomllib.loads(load_scenario(small_scenario).to_toml())


def test_validate_reports_every_bad_file(feedsim, small_scenario, write_scenario):
    bad1 = write_scenario("days = 0\n", "bad_one")
    bad2 = write_scenario("[brand]\nqualty = 0.5\n", "bad_two")
    proc = feedsim("validate", bad1, small_scenario, bad2)
    _assert_clean_failure(proc)
    assert "bad_one.toml" in proc.stderr and "bad_two.toml" in proc.stderr
    assert "ok" in proc.stdout  # the good file is still reported


def _preset_sources(name: str) -> dict[str, str]:
    text = (resources.files("sim") / "presets" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["sources"]


def _overview_cells(stdout: str, name: str) -> dict[str, str]:
    """The side-by-side overview's cells of one preset's column: {setting: "value marker"}."""
    cells: dict[str, str] = {}
    lines = stdout.splitlines()
    for i, header in enumerate(lines):
        m = re.search(rf"\b{re.escape(name)}\b", header)
        if not header.startswith("setting") or not m:
            continue
        start = m.start()
        nxt = re.search(r"\S", header[m.end() :])
        end = m.end() + nxt.start() if nxt else None
        for line in lines[i + 1 :]:
            if not line.strip():
                break
            cells[line.split()[0]] = line[start:end].strip()
    return cells


def test_presets_lists_instagram_with_sources(feedsim):
    # The overview shows the presets side by side, one row per setting; each cell is the value and
    # a source marker: "A" (assumption; the reason is in `feedsim presets NAME`) or "[n]", a
    # footnote under the table that holds the full citation.
    proc = feedsim("presets")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^\s*instagram\b", proc.stdout, re.MULTILINE)
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100
    cells = _overview_cells(proc.stdout, "instagram")
    notes = {
        int(n): " ".join(text.split())
        for n, text in re.findall(r"^\s*\[(\d+)\] (.*(?:\n {6,}\S.*)*)", proc.stdout, re.MULTILINE)
    }
    preset = tomllib.loads((resources.files("sim") / "presets" / "instagram.toml").read_text())
    for key, src in _preset_sources("instagram").items():
        table, _, rest = key.partition(".")
        value = preset[table][rest] if "." not in rest else None
        rows = [k for k in cells if k == key or k.startswith(key + ".")]
        assert rows, f"{key} not listed"
        if isinstance(value, dict):  # a table sourced as a whole: one row per key
            assert sorted(rows) == sorted(f"{key}.{k}" for k in value), key
        for row in rows:
            marker = (
                cells[row].rsplit(" ", 1)[-1]
                if cells[row].endswith(" A")
                else re.search(r"\[(\d+)\]$", cells[row]).group(0)
            )
            if src.lower().startswith("assumption"):
                assert marker == "A", f"{row}: {cells[row]!r} should be marked as an assumption"
            else:
                assert notes.get(int(marker[1:-1])) == " ".join(src.split()), (
                    f"{row}: footnote {marker} is not its source"
                )
    assert "(no source given)" not in proc.stdout and " ?" not in proc.stdout


def test_presets_overview_lists_every_preset_and_wide_keeps_one_table(feedsim):
    from sim.scenario import list_presets

    narrow = feedsim("presets").stdout
    wide = feedsim("presets", "--wide")
    assert wide.returncode == 0, wide.stderr
    names = list_presets()
    for name in names:
        assert re.search(rf"^\s*{re.escape(name)}\b", narrow, re.MULTILINE), name
    header = [ln for ln in wide.stdout.splitlines() if ln.startswith("setting")]
    assert len(header) == 1 and all(n in header[0].split() for n in names)


def test_presets_name_shows_full_sources(feedsim):
    proc = feedsim("presets", "instagram")
    assert proc.returncode == 0, proc.stderr
    for src in _preset_sources("instagram").values():
        assert src in proc.stdout


@pytest.mark.parametrize(
    ("name", "wanted"),
    [("nosuch", ["'nosuch'", "instagram"]), ("instagarm", ["did you mean 'instagram'"])],
)
def test_presets_unknown_name_exits_2_with_suggestion(feedsim, name, wanted):
    proc = feedsim("presets", name)
    _assert_clean_failure(proc)
    for word in wanted:
        assert word in proc.stderr


def test_no_command_prints_help_and_exits_2(feedsim):
    proc = feedsim()
    assert proc.returncode == 2
    assert "run" in proc.stdout and "validate" in proc.stdout


def test_console_script_is_installed(small_scenario):
    script = Path(sys.executable).with_name("feedsim")
    assert script.exists(), f"no feedsim console script next to {sys.executable}"
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"feedsim {sim.__version__}"
    proc = subprocess.run(
        [script, "validate", small_scenario], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
