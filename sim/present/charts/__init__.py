"""Presentation charts, drawn from what runs, sweeps and comparisons wrote to disk.

- :mod:`sim.present.charts.run`: one run folder (followers by origin, real reach per post);
- :mod:`sim.present.charts.sweep`: a sweep folder (metrics over the grid, followers and reach over
  time, the latter drawn by :mod:`sim.present.charts.sweep_time`);
- :mod:`sim.present.charts.compare`: several arms across seeds (a ``days.csv`` with ``arm`` and
  ``seed`` columns), read by :mod:`~sim.present.charts.compare_folder` and drawn in the lines and
  frame of :mod:`~sim.present.charts.compare_bands`;
- :mod:`sim.present.charts.overlay`: finished run folders overlaid, with what makes them not like
  for like;
- :mod:`sim.present.charts.sensitivity`: a sensitivity study (a tornado chart per metric);
- :mod:`sim.present.charts.explain`: an explanation (a waterfall chart per metric);
- :mod:`sim.present.charts.common`: matplotlib, palette, style, saving and number formats (the
  numbers written by :mod:`sim.present.charts.numbers`, re-exported there).

Charts read files, never a live model, so any finished run can be redrawn; and nothing in the
simulation imports them. Importing this package loads neither matplotlib nor a chart module: the
names below are loaded when first used.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

_HOME = {
    "run_charts": "run",
    "sweep_charts": "sweep",
    "comparison_charts": "compare",
    "compare_runs": "compare",
    "overlay_runs": "overlay",
    "overlay_charts": "overlay",
    "is_overlay_folder": "overlay",
    "is_comparison_folder": "compare",
    "sensitivity_charts": "sensitivity",
    "explain_charts": "explain",
}

__all__ = sorted(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
