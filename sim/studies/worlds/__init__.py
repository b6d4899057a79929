"""Plausible worlds: does a conclusion hold in every combination of the structural assumptions?

``feedsim worlds TACTIC [BASELINE]`` runs the tactic and its baseline (default: the same scenario
without its tactics) in every combination of the alternatives of the structural assumptions the
tactic rests on (:mod:`sim.scenario.assumptions`), on common random numbers, and states the
conclusion as a client can hear it, in English and Dutch: "Buying 5,000 followers lowered real
reach per post in 22 of 24 plausible worlds; it only helped where ...".

- :mod:`sim.studies.worlds.plan` -- the worlds and the default baseline; nothing runs;
- :mod:`sim.studies.worlds.run` -- the runs on the sweep engine, the table and the files;
- :mod:`sim.studies.worlds.statement` -- the sentence and :func:`read_statement` (no engine);
- the chart (one mark per world against the baseline line) is drawn by
  :mod:`sim.present.charts.worlds`, handed to :func:`run_worlds` by its caller.

To quote a finished study (a report's assumptions page, the dashboard)::

    from sim.studies.worlds import read_statement
    read_statement("results/bought_followers-worlds", lang="nl")

Names are imported on first use (PEP 562), so reading a statement loads no engine.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

_HOME: dict[str, str] = {
    **dict.fromkeys(("Plan", "World", "make_plan", "parse_only", "without_tactics"), "plan"),
    **dict.fromkeys(("run_worlds", "choose_folder", "world_table"), "run"),
    **dict.fromkeys(
        ("read_statement", "read", "build", "STATEMENT_FILE", "TABLE_FILE"), "statement"
    ),
}

__all__ = list(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
