"""Sensitivity studies: which assumptions a conclusion rests on, and whether its sign survives
when they move.

- :mod:`sim.studies.sensitivity.parameters` -- what is varied: the preset's and components'
  assumptions and the scenario's ``[sensitivity]`` ranges, each range cut to the field's bounds;
- :mod:`sim.studies.sensitivity.design` -- SALib's Morris or Sobol design and indices;
- :mod:`sim.studies.sensitivity.run` -- the plan, the runs on the sweep engine (resumable) and the
  analysis;
- :mod:`sim.studies.sensitivity.report` -- ``sensitivity.csv`` and the plain sentences; loads no
  engine.

Names are imported on first use (PEP 562), so a chart reading ``sim.studies.sensitivity.report``
never loads SALib or the sweep engine.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

_HOME: dict[str, str] = {
    **dict.fromkeys(("Parameter", "Skipped", "collect", "assumption_sources"), "parameters"),
    **dict.fromkeys(("sample", "indices", "flip_shares", "morris_steps"), "design"),
    **dict.fromkeys(
        ("Plan", "Outcome", "plan", "run_study", "write_summary", "DEFAULT_METRICS"), "run"
    ),
    **dict.fromkeys(
        (
            "sentences",
            "read_table",
            "is_sensitivity_folder",
            "TABLE_FILE",
            "SUMMARY_FILE",
            "PLAN_FILE",
        ),
        "report",
    ),
}

__all__ = list(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
