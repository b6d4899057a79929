"""Importing the report package loads none of its submodules (checked in a fresh interpreter)."""

from __future__ import annotations

import sys
from pathlib import Path

import sim

SIM = Path(sim.__file__).parent


def test_importing_the_report_package_loads_no_submodule():
    # In a fresh interpreter: re-importing in this one would leave two copies of its classes.
    import subprocess

    code = (
        "import sys, sim.present.report as r; "
        "assert not [m for m in sys.modules if m.startswith('sim.present.report.')], 'eager'; "
        "assert callable(r.write_report) and 'sim.present.report.files' in sys.modules"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=SIM.parent, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
