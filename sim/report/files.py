"""Which files a report writes, and where: ``feedsim report`` and ``feedsim export``.

A report of ``FOLDER`` in language ``LANG`` is ``report-LANG.pdf``, ``report-LANG.pptx`` and
``tables-LANG.xlsx``; an export is the spreadsheet alone. They go into the folder itself unless
another is named. They are drawn from the folder's tables, so writing them again replaces only
an earlier report of the same language, never a result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sim.i18n import check_lang
from sim.report.assumptions import assumptions
from sim.report.document import build
from sim.report.source import ReportError, ReportSource, charts_in, read_folder
from sim.safe_io import check_target

DEFAULT_LANG = "en"


def report_files(lang: str) -> dict[str, str]:
    """The file names of a report in ``lang``: ``{"pdf": ..., "pptx": ..., "xlsx": ...}``."""
    check_lang(lang)
    return {"pdf": f"report-{lang}.pdf", "pptx": f"report-{lang}.pptx",
            "xlsx": f"tables-{lang}.xlsx"}


def _lang(src: ReportSource, lang: str | None) -> str:
    """The language asked for, else the scenario's ``lang``, else English."""
    try:
        return check_lang(lang or src.lang or DEFAULT_LANG)
    except ValueError as exc:
        raise ReportError(f"{exc} (--lang)") from None


def _out(folder: Path, out: str | Path | None) -> Path:
    target = Path(out) if out else folder
    target.mkdir(parents=True, exist_ok=True)
    return target


def write_report(folder: str | Path, lang: str | None = None, out: str | Path | None = None,
                 sensitivity: str | Path | None = None, today: dt.date | None = None
                 ) -> list[Path]:
    """Write the PDF, the deck and the spreadsheet of a result folder.

    Args:
        folder: a run, comparison or sweep folder.
        lang: ``"en"`` or ``"nl"``; default: the scenario's ``lang``, else English.
        out: where to write (default: ``folder``).
        sensitivity: a sensitivity study's folder for the assumptions page (default: one found
            in ``folder``; else the preset's assumptions).
        today: the date on the title page (default: today).

    Returns:
        The PDF, the deck and the spreadsheet written.

    Raises:
        ReportError: not a result folder, or one that has not finished; an unknown language.
    """
    from sim.report.deck import write_deck
    from sim.report.pdf import write_pdf
    from sim.report.workbook import write_workbook

    folder = Path(folder)
    src = read_folder(folder)
    lang = _lang(src, lang)
    target, names = _out(folder, out), report_files(lang)
    for name in names.values():  # a link out of the folder refused before anything is drawn
        check_target(target / name, target)
    if lang != DEFAULT_LANG:  # the folder's own charts speak English: draw them in lang
        try:
            src.charts = charts_in(folder, src.kind, lang, target / f"charts-{lang}")
        except FileNotFoundError as exc:
            raise ReportError(str(exc)) from None
    try:
        found = assumptions(src, sensitivity)
        doc = build(src, found, lang, today)
    except FileNotFoundError as exc:
        raise ReportError(str(exc)) from None
    return [write_pdf(doc, target / names["pdf"]), write_deck(doc, target / names["pptx"]),
            write_workbook(src, lang, target / names["xlsx"], found)]


def write_export(folder: str | Path, lang: str | None = None, out: str | Path | None = None
                 ) -> Path:
    """Write only the spreadsheet of a result folder (see :func:`write_report`)."""
    from sim.report.workbook import write_workbook

    folder = Path(folder)
    src = read_folder(folder, draw=False)
    lang = _lang(src, lang)
    target = _out(folder, out)
    return write_workbook(src, lang, check_target(target / report_files(lang)["xlsx"], target))
