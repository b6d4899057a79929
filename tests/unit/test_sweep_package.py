"""The face of sim.studies.sweep: every public name resolves, from the one module that defines it.

That `import sim.studies.sweep.store` loads neither the engine nor the executors needs a fresh
process: see tests/integration/test_sweep.py.
"""

from __future__ import annotations

import importlib

import pytest

from sim.studies import sweep

HOMES = {
    "spec": [
        "SweepError",
        "SweepSpec",
        "GridPoint",
        "RunKey",
        "make_spec",
        "parse_set",
        "parse_values",
        "parse_seeds",
    ],
    "files": ["load_sweep_file", "is_sweep_file"],
    "store": [
        "SPEC_FILE",
        "DAYS_FILE",
        "RUNS_FILE",
        "SUMMARY_FILE",
        "RUNS_DIR",
        "FAILED_DIR",
        "LOCK_FILE",
        "prepare_folder",
        "read_run",
        "finalize",
        "read_spec",
        "read_sweep",
        "is_sweep_folder",
    ],
    "points": ["make_point_spec"],
    "executors": ["LocalPool", "DaskPool", "make_pool"],
    "run": ["run_one", "run_sweep", "SweepOutcome", "SweepInterrupted"],
}


@pytest.mark.parametrize("module", sorted(HOMES))
def test_public_names_come_from_their_module(module):
    home = importlib.import_module(f"sim.studies.sweep.{module}")
    for name in HOMES[module]:
        assert getattr(sweep, name) is getattr(home, name), name
        assert name in sweep.__all__ and name in dir(sweep)


def test_nothing_else_is_public():
    assert sorted(sweep.__all__) == sorted(n for names in HOMES.values() for n in names)
    assert (sweep.SPEC_FILE, sweep.FAILED_DIR, sweep.LOCK_FILE) == (
        "sweep.toml",
        "failed",
        ".sweep.lock",
    )
    for gone in ("METRICS", "DEFAULT_METRICS", "no_such_name"):  # metrics live in sim.base.metrics
        with pytest.raises(AttributeError, match=gone):
            getattr(sweep, gone)
