"""Reports to hand over: a PDF, a PowerPoint deck and a spreadsheet of a run, a comparison or a
sweep folder, in English or Dutch.

- :mod:`sim.present.report.source`: what a folder holds, read for a report (and its kind);
- the key figures: the folder's catalogue of presented figures (:mod:`sim.base.presented`);
- :mod:`sim.present.report.story`: each chart's slide title and speaker notes;
- :mod:`sim.present.report.assumptions`: the assumptions page (a sensitivity study, else the
  preset);
- :mod:`sim.present.report.text` and :mod:`sim.present.report.document`: every word and number, in
  one language;
- :mod:`sim.present.report.pdf`, :mod:`sim.present.report.deck`, :mod:`sim.present.report.workbook`:
  the three files.

Reports read result folders only, never a live model. Importing this package loads nothing
heavy: the names below are loaded when first used.
"""

from __future__ import annotations

from sim.base.lazy import lazy_exports

_HOME = {
    "write_report": "files",
    "write_export": "files",
    "report_files": "files",
    "read_folder": "source",
    "ReportError": "source",
}

__all__ = sorted(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
