"""Presentation charts, drawn from what runs, sweeps and comparisons wrote to disk.

- :mod:`sim.charts.run`: one run folder (followers by origin, real reach per post);
- :mod:`sim.charts.sweep`: a sweep folder (metrics over the grid, followers and reach over time);
- :mod:`sim.charts.compare`: several arms across seeds (a ``days.csv`` with ``arm`` and ``seed``
  columns), and an overlay of run folders;
- :mod:`sim.charts.sensitivity`: a sensitivity study (a tornado chart per metric);
- :mod:`sim.charts.explain`: an explanation (a waterfall chart per metric);
- :mod:`sim.charts.common`: matplotlib, palette, style, saving and number formats.

Charts read files, never a live model, so any finished run can be redrawn; and nothing in the
simulation imports them. Importing this package loads neither matplotlib nor a chart module: the
names below are loaded when first used.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "run_charts": "sim.charts.run",
    "sweep_charts": "sim.charts.sweep",
    "comparison_charts": "sim.charts.compare",
    "compare_runs": "sim.charts.compare",
    "is_comparison_folder": "sim.charts.compare",
    "sensitivity_charts": "sim.charts.sensitivity",
    "explain_charts": "sim.charts.explain",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sim.charts' has no attribute {name!r}")
