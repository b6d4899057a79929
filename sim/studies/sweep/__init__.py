"""Sweeps: a grid of scenario overrides × seeds, run on a local process pool or a Dask cluster.

The package's public names, each kept in the module that does one job:

- :mod:`sim.studies.sweep.spec` -- what to run: ``--set`` and ``--seeds`` parsing,
  :class:`SweepSpec`, validated before anything runs;
- :mod:`sim.studies.sweep.files` -- sweep files (:func:`load_sweep_file`), and whether a folder
  holds the same sweep when it resumes;
- :mod:`sim.studies.sweep.points` -- :func:`make_point_spec`: a spec from an explicit list of
  points;
- :mod:`sim.studies.sweep.store` -- the sweep folder: its files, the run-file codec and the final
  tables (``days.parquet``, ``runs.csv``, ``summary.csv``); it loads nothing of the engine;
- :mod:`sim.studies.sweep.run_files` -- one run file: made by a worker, checked, read back;
- :mod:`sim.studies.sweep.executors` -- where runs execute: :class:`LocalPool`, :class:`DaskPool`;
- :mod:`sim.studies.sweep.run` -- :func:`run_sweep`: run what is missing, save it, write the tables.

``from sim.studies import sweep`` then ``sweep.make_spec(...)``, ``sweep.run_sweep(...)`` work as
before, but each name is imported on first use (PEP 562), so ``import sim.studies.sweep.store``
(charts reading a sweep folder) never loads the executors or the engine.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

# Public name -> the submodule that defines it.
_HOME: dict[str, str] = {
    **dict.fromkeys(
        (
            "SweepError",
            "SweepSpec",
            "GridPoint",
            "RunKey",
            "make_spec",
            "parse_set",
            "parse_values",
            "parse_seeds",
        ),
        "spec",
    ),
    **dict.fromkeys(("load_sweep_file", "is_sweep_file"), "files"),
    **dict.fromkeys(
        (
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
        ),
        "store",
    ),
    **dict.fromkeys(("make_point_spec",), "points"),
    **dict.fromkeys(("LocalPool", "DaskPool", "make_pool"), "executors"),
    **dict.fromkeys(("run_one", "run_sweep", "SweepOutcome", "SweepInterrupted"), "run"),
}

__all__ = list(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
