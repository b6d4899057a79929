"""Where a tactic's loss against its baseline comes from, channel by channel.

- :mod:`sim.studies.explain.channels` -- the channels (test dilution, purges, discovery and trust,
  spend) and the switch that turns each off;
- :mod:`sim.studies.explain.shapley` -- the exact additive split over on/off combinations;
- :mod:`sim.studies.explain.run` -- the plan, the runs on the sweep engine (resumable), the
  attribution;
- :mod:`sim.studies.explain.report` -- ``explain.csv`` and the plain sentences; loads no engine.

Names are imported on first use (PEP 562), so a chart reading ``sim.studies.explain.report`` never
loads the sweep engine.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

_HOME: dict[str, str] = {
    **dict.fromkeys(("Channel", "CHANNELS", "applicable", "combination_points"), "channels"),
    **dict.fromkeys(("shapley", "attribute"), "shapley"),
    **dict.fromkeys(
        (
            "Plan",
            "Outcome",
            "plan",
            "run_explain",
            "analyse",
            "contributions",
            "write_summary",
            "DEFAULT_METRICS",
        ),
        "run",
    ),
    **dict.fromkeys(
        (
            "sentences",
            "read_table",
            "is_explain_folder",
            "chart_name",
            "TABLE_FILE",
            "SUMMARY_FILE",
            "PLAN_FILE",
        ),
        "report",
    ),
}

__all__ = list(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
