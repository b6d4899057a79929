"""The report package reads result folders only: it loads no engine, nothing below it imports it,
and importing it loads nothing heavy."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import sim

SIM = Path(sim.__file__).parent
REPORT_MODULES = sorted((SIM / "report").glob("*.py"))
ENGINE = ("sim.runner", "sim.model", "sim.kernel", "sim.audience", "sim.diffusion", "sim.agents",
          "sim.recorder", "sim.content", "sim.rules", "sim.engines", "sim.sweep.run",
          "sim.sweep.executors")


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
        if rel[0] in ("report", "cli"):
            continue
        assert not [n for n in _imported(path) if n.startswith("sim.report")], path


def test_importing_the_report_package_loads_no_submodule(monkeypatch):
    import importlib

    if "sim.report" in sys.modules:  # the package attribute is restored afterwards too
        monkeypatch.setattr(sim, "report", sys.modules["sim.report"])
    for name in [m for m in sys.modules if m == "sim.report" or m.startswith("sim.report.")]:
        monkeypatch.delitem(sys.modules, name)
    report = importlib.import_module("sim.report")
    assert not [m for m in sys.modules if m.startswith("sim.report.")]
    assert callable(report.write_report) and "sim.report.files" in sys.modules
