"""Every example in `feedsim --help` and in each subcommand's help runs as written.

Each example line of the help epilogs is parsed by the real parser (`build_parser().parse_args`),
and every project file it names (scenarios/, experiments/, sweeps/, tests/data/) must exist.
The cheap ones (`run`, `new`, `validate`, `presets`, `sensitivity --list`) are then run as
written, in that order, as subprocesses in a temporary folder holding
the project's scenarios/: exit code 0 and no traceback.

The rest are checked for parsing and their files only, for the reasons in PARSE_ONLY: they need
a results folder an earlier command writes, the account's own export, minutes of runs, or they
serve until stopped (the dashboard has its own tests).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli.parser import build_parser

ROOT = Path(__file__).parents[2]
PROJECT_DIRS = ("scenarios/", "experiments/", "sweeps/", "tests/data/")
PARSE_ONLY = {
    "compare": "runs every arm on many seeds (minutes)",
    "sweep": "a grid of runs on many seeds (minutes)",
    "sensitivity": "a design of many runs (minutes); `--list` alone is run",
    "explain": "every on/off combination on many seeds (minutes)",
    "plot": "needs a results folder",
    "report": "needs a results folder",
    "export": "needs a results folder",
    "calibrate": "needs the account's own export, and fits by hundreds of runs",
    "dashboard": "serves until stopped; tests/integration/test_dashboard_*.py start it",
    "worlds": "a comparison in every plausible world on several seeds (minutes)",
    "curves": "every lever at every amount on several seeds (minutes); "
    "tests/integration/test_curves_cli.py runs a small one",
    "plan": "an Optuna search of allocations, then test seeds (minutes); "
    "tests/integration/test_plan_cli.py runs a small one",
}


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    top = build_parser()
    subs = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return [("feedsim", top)] + [(f"feedsim {name}", p) for name, p in subs[0].choices.items()]


def _examples() -> list[str]:
    """Every example line of every help epilog, as printed (comments in parentheses kept)."""
    lines = []
    for _, parser in _parsers():
        for line in (parser.epilog or "").splitlines():
            if line.strip().startswith("feedsim "):
                lines.append(line.strip())
    return list(dict.fromkeys(lines))


def _argv(line: str) -> list[str]:
    """An example's arguments: without `feedsim` and without a trailing comment in
    parentheses after two spaces."""
    command = re.split(r"\s{2,}\(", line, maxsplit=1)[0]
    return shlex.split(command)[1:]


def _cheap(argv: list[str]) -> bool:
    sub = argv[0]
    return (
        sub in ("new", "validate", "presets")
        or (sub == "sensitivity" and "--list" in argv)
        or sub == "run"
    )  # a year of the shipped scenarios: seconds each


EXAMPLES = _examples()


def test_the_help_has_examples_for_the_commands_a_newcomer_starts_with():
    commands = {_argv(line)[0] for line in EXAMPLES}
    assert {"run", "new", "validate", "presets", "compare", "sweep", "dashboard"} <= commands
    assert any("--set" in _argv(line) for line in EXAMPLES if _argv(line)[0] == "run")


@pytest.mark.parametrize("line", EXAMPLES)
def test_every_example_parses_and_names_files_that_exist(line):
    argv = _argv(line)
    args = build_parser().parse_args(argv)  # argparse exits (SystemExit) on a bad example
    assert args.command == argv[0]
    assert _cheap(argv) or argv[0] in PARSE_ONLY, f"{line}: say why it is not run here"
    for arg in argv[1:]:
        for value in arg.split("=", 1)[-1:]:
            if value.startswith(PROJECT_DIRS):
                assert (ROOT / value).exists(), f"{line}: {value} is not in the project"


def test_the_cheap_examples_run_as_written(tmp_path):
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ran = []
    for line in EXAMPLES:  # in their order: `new` writes the file `validate` then checks
        argv = _argv(line)
        if not _cheap(argv):
            continue
        proc = subprocess.run(
            [sys.executable, "-m", "sim.cli", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, f"{line}\n{proc.stderr}"
        ran.append(argv[0])
    assert {"new", "validate", "presets", "run"} <= set(ran)
    assert (tmp_path / "results" / "organic").is_dir()


# --- The README: every command it shows runs as written ---------------------------------------

README = ROOT / "README.md"


def _readme_commands() -> list[str]:
    """Every command line of the README's ``sh`` blocks, without its trailing ``# comment``."""
    out, inside = [], False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        command = line.split("  #", 1)[0].strip()
        if inside and command:
            out.append(command)
    return out


def test_the_readme_is_short_and_shows_its_commands():
    assert len(README.read_bytes()) < 12_000
    commands = _readme_commands()
    assert commands[:2] == ["make demo", "make test"]
    assert any(c.startswith("feedsim run ") for c in commands)


@pytest.mark.parametrize("line", _readme_commands())
def test_every_readme_command_parses_and_names_files_that_exist(line):
    words = shlex.split(line)
    if words[0] == "make":
        targets = re.findall(r"^([\w.-]+):", (ROOT / "Makefile").read_text(), flags=re.M)
        assert words[1] in targets, f"{line}: no such make target"
        return
    if words[0] == ".":
        assert words[1] == ".venv/bin/activate", line  # made by `make demo` and `make test`
        return
    assert words[0] == "feedsim", f"{line}: say how this README line is checked"
    args = build_parser().parse_args(words[1:])
    assert args.command == words[1]
    for arg in words[2:]:
        if arg.startswith(PROJECT_DIRS):
            assert (ROOT / arg).exists(), f"{line}: {arg} is not in the project"


def test_the_readmes_run_command_runs_as_written_and_draws_its_chart(tmp_path):
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [c for c in _readme_commands() if c.startswith("feedsim run ")]
    for line in runs:  # a year of a shipped scenario: seconds each
        proc = subprocess.run(
            [sys.executable, "-m", "sim.cli", *shlex.split(line)[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
    assert list((tmp_path / "results").glob("*/*/followers_reach.png"))


def test_every_link_of_the_readme_and_the_guide_leads_to_a_file():
    broken = []
    for page in [README, ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            path = target.split("#", 1)[0]
            if not path or "://" in path:
                continue
            if not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken


@pytest.mark.parametrize("name", [n for n, _ in _parsers()])
def test_help_prints_no_escaped_percent_signs(name):
    # A description is printed as written (argparse formats only option help), so a "%%" there
    # reaches the user doubled.
    text = dict(_parsers())[name].format_help()
    assert "%%" not in text and "%(" not in text, name
