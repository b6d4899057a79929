"""Shared fixtures: small scenario files and a way to call the `feedsim` command as a user would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The files that take longest, slowest first (measured on a loaded 2-core machine, whole files:
# setup of their shared runs included). `make test` hands each worker whole files
# (`--dist loadfile`), so a module's shared runs are made once, not once per worker; starting the
# long files first keeps one worker from running a long file alone at the end while the other
# idles. A file not named here keeps its place after them; a name that no longer exists is
# harmless.
SLOW_FIRST = (
    "tests/statistical/test_calibrate_layout_recovery.py",
    "tests/integration/test_report_kinds.py",
    "tests/statistical/test_calibrate_coverage.py",
    "tests/integration/test_dashboard_browser.py",
    "tests/integration/test_plan_cli.py",
    "tests/integration/test_dashboard_plan.py",
    "tests/integration/test_sweep.py",
    "tests/integration/test_calibrate_cli.py",
    "tests/statistical/test_world_size.py",
    "tests/integration/test_dashboard_starts.py",
    "tests/integration/test_study.py",
    "tests/integration/test_formula_text.py",
    "tests/integration/test_report_plan.py",
    "tests/integration/test_validation.py",
    "tests/integration/test_broken_input.py",
    "tests/statistical/test_dose_response.py",
    "tests/integration/test_one_truth.py",
    "tests/statistical/test_agents_vs_kernel.py",
    "tests/integration/test_dashboard_memory.py",
    "tests/integration/test_cli_examples.py",
    "tests/integration/test_dashboard_export.py",
    "tests/statistical/test_kernel_cascade.py",
    "tests/integration/test_input_file_messages.py",
    "tests/integration/test_curves_cli.py",
    "tests/integration/test_sweep_dask.py",
    "tests/integration/test_fuzz_input.py",
    "tests/integration/test_special_files.py",
    "tests/statistical/test_calibrate_recovery.py",
    "tests/integration/test_report.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests of the slowest files first, each file's tests in their own order."""
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


# A scenario small enough for a run of a few seconds (2,000 users, 30 days) that still exercises a
# strategy (a bought package on day 2, inside even a shortened run), so the bought columns are live.
SMALL_SCENARIO = """\
description = "small test shop"
platform = "instagram"
days = 30
seed = 3

[audience]
users = 2000

[brand]
initial_followers = 100

[strategies.buy]
days = [2]
count = 200
"""


# The tiny base scenario sweeps are tested on: 2,000 users, 20 days, a buy table to sweep.
TINY_SWEEP_TOML = """\
days = 20
[audience]
users = 2000
[brand]
initial_followers = 100
[strategies.buy]
days = [5]
count = 0
"""


@pytest.fixture(scope="session")
def tiny_toml() -> str:
    """The text of the tiny sweep scenario (write it where a test needs a file)."""
    return TINY_SWEEP_TOML


@pytest.fixture(scope="session")
def base():
    """The tiny sweep scenario, resolved, named ``tiny``."""
    import tomllib

    from sim.scenario import resolve

    return resolve({"name": "tiny", **tomllib.loads(TINY_SWEEP_TOML)}, source="tiny")


# A tiny shop and the same shop buying 500 followers on day 10: the pair that the command-line
# tests of comparisons (explain, sensitivity) run on.
TINY_SHOP = """\
platform = "instagram"
days = 40
seed = 1
[audience]
users = 2000
[brand]
initial_followers = 100
"""
TINY_PURCHASE = """\
[strategies.buy]
days = [10]
count = 500
"""


@pytest.fixture(scope="session")
def shop_pair() -> Callable[..., tuple[Path, Path]]:
    """Write ``shop.toml`` and ``bought.toml`` (the shop plus a purchase, plus ``extra`` TOML)
    into a folder; returns (bought, shop)."""

    def _write(folder: Path, extra: str = "") -> tuple[Path, Path]:
        (folder / "shop.toml").write_text(TINY_SHOP, encoding="utf-8")
        (folder / "bought.toml").write_text(TINY_SHOP + TINY_PURCHASE + extra, encoding="utf-8")
        return folder / "bought.toml", folder / "shop.toml"

    return _write


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write TOML text to ``tmp_path/<name>.toml`` and return the path."""

    def _write(text: str, name: str = "scenario") -> Path:
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def small_scenario(tmp_path_factory) -> Path:
    """A valid, fast scenario file named ``small.toml`` (treat as read-only)."""
    path = tmp_path_factory.mktemp("scenarios") / "small.toml"
    path.write_text(SMALL_SCENARIO, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def feedsim(tmp_path_factory) -> Callable[..., subprocess.CompletedProcess]:
    """Run ``python -m sim.cli ARGS`` in a fresh process, from a scratch working directory."""
    cwd = tmp_path_factory.mktemp("cwd")

    def _run(*args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "sim.cli", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=300,
        )

    return _run
