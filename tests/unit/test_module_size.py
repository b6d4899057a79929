"""Every module in ``sim/`` reads in one sitting: under 500 lines as formatted (the tree is kept
in ``ruff format`` style, which ``make lint`` checks)."""

from pathlib import Path

import pytest

import sim

SIM = Path(sim.__file__).parent
MODULES = sorted(SIM.rglob("*.py"))


def test_the_modules_are_found():
    assert len(MODULES) > 100


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SIM)))
def test_module_is_under_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < 500, f"{path.relative_to(SIM)} has {lines} lines: split it by what it does"
