"""The report package reads result folders only: it loads no engine, nothing below it imports it,
and importing it loads nothing heavy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sim

SIM = Path(sim.__file__).parent
REPORT_MODULES = sorted((SIM / "present" / "report").glob("*.py"))
ENGINE = (
    "sim.engine.runner",
    "sim.engine.model",
    "sim.engine.kernel",
    "sim.engine.audience",
    "sim.engine.diffusion",
    "sim.engine.agents",
    "sim.engine.recorder",
    "sim.base.content",
    "sim.base.rules",
    "sim.engine.engines",
    "sim.studies.sweep.run",
    "sim.studies.sweep.executors",
)


def _imported(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return out


@pytest.mark.parametrize("path", REPORT_MODULES, ids=lambda p: p.name)
def test_report_modules_load_no_engine_and_stay_small(path):
    for name in _imported(path):
        assert not any(name == e or name.startswith(e + ".") for e in ENGINE), name
    assert len(path.read_text(encoding="utf-8").splitlines()) < 500
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def test_only_the_command_line_imports_reports():
    for path in sorted(SIM.rglob("*.py")):
        rel = path.relative_to(SIM).parts
        if rel[:2] == ("present", "report") or rel[0] == "cli":
            continue
        assert not [n for n in _imported(path) if n.startswith("sim.present.report")], path
