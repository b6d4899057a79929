"""Reports to hand over: a PDF, a PowerPoint deck and a spreadsheet of a run, a comparison or a
sweep folder, in English or Dutch.

- :mod:`sim.report.source`: what a folder holds, read for a report (and its kind);
- the key figures: the folder's catalogue of presented figures (:mod:`sim.presented`);
- :mod:`sim.report.story`: each chart's slide title and speaker notes;
- :mod:`sim.report.assumptions`: the assumptions page (a sensitivity study, else the preset);
- :mod:`sim.report.text` and :mod:`sim.report.document`: every word and number, in one language;
- :mod:`sim.report.pdf`, :mod:`sim.report.deck`, :mod:`sim.report.workbook`: the three files.

Reports read result folders only, never a live model. Importing this package loads nothing
heavy: the names below are loaded when first used.
"""

from __future__ import annotations

from sim.lazy import lazy_exports

_HOME = {
    "write_report": "files",
    "write_export": "files",
    "report_files": "files",
    "read_folder": "source",
    "ReportError": "source",
}

__all__ = sorted(_HOME)

__getattr__ = lazy_exports(__name__, _HOME, globals())
