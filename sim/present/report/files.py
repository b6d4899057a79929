"""Which files a report writes, and where: ``feedsim report`` and ``feedsim export``.

A report of ``FOLDER`` in language ``LANG`` is ``report-LANG.pdf``, ``report-LANG.pptx`` and
``tables-LANG.xlsx``; an export is the spreadsheet alone. They go into the folder itself unless
another is named. They are drawn from the folder's tables, so writing them again replaces only
an earlier report of the same language, never a result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sim.base.i18n import Said, check_lang
from sim.base.safe_io import check_target
from sim.present.folders import BY_NAME
from sim.present.report.assumptions import assumptions
from sim.present.report.document import build
from sim.present.report.source import (
    ReportError,
    ReportSource,
    charts_in,
    charts_language,
    folder_kind,
    read_folder,
)

DEFAULT_LANG = "en"


def report_files(lang: str) -> dict[str, str]:
    """The file names of a report in ``lang``: ``{"pdf": ..., "pptx": ..., "xlsx": ...}``."""
    check_lang(lang)
    return {
        "pdf": f"report-{lang}.pdf",
        "pptx": f"report-{lang}.pptx",
        "xlsx": f"tables-{lang}.xlsx",
    }


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


def write_report(
    folder: str | Path,
    lang: str | None = None,
    out: str | Path | None = None,
    sensitivity: str | Path | None = None,
    today: dt.date | None = None,
    worlds: str | Path | None = None,
    theme: str | Path | None = None,
) -> list[Path]:
    """Write the PDF, the deck and the spreadsheet of a result folder.

    Args:
        folder: a run, comparison or sweep folder.
        lang: ``"en"`` or ``"nl"``; default: the scenario's ``lang``, else English.
        out: where to write (default: ``folder``).
        sensitivity: a sensitivity study's folder for the assumptions page (default: one found
            in ``folder``; else the preset's assumptions).
        today: the date on the title page (default: today).
        worlds: a plausible-worlds study whose statement the assumptions page and the first
            slide quote (default: one inside or beside ``folder``; else the page names the
            structural assumptions the conclusion rests on and says none was run).
        theme: an agency's theme file (:mod:`sim.present.report.theme`) for the PDF and the deck.

    Returns:
        The PDF, the deck and the spreadsheet written.

    Raises:
        ReportError: not a result folder, or one that has not finished; an unknown language.
    """
    from sim.present.report.deck import write_deck
    from sim.present.report.pdf import write_pdf
    from sim.present.report.theme import ThemeError, load_theme
    from sim.present.report.workbook import write_workbook

    try:
        look = load_theme(theme)
    except ThemeError as exc:
        raise ReportError(str(exc)) from None
    folder = Path(folder)
    if folder.is_dir() and BY_NAME[folder_kind(folder)].report == "study":
        return _write_study(folder, lang, out, today, look)
    src = read_folder(folder)
    lang = _lang(src, lang)
    target, names = _out(folder, out), report_files(lang)
    for name in names.values():  # a link out of the folder refused before anything is drawn
        check_target(target / name, target)
    # The folder's own charts are used as they are when they speak the report's language;
    # a folder drawn by a command given --lang nl has Dutch ones, which an English report
    # must not show.
    if lang != charts_language(src.charts, folder):
        try:
            src.charts = charts_in(folder, src.kind, lang, target / f"charts-{lang}")
        except FileNotFoundError as exc:
            raise ReportError(str(exc)) from None
    try:
        found = assumptions(src, sensitivity)
        doc = build(src, found, lang, today)
        if src.baseline is not None:
            doc = with_worlds(doc, src, lang, worlds)
    except FileNotFoundError as exc:
        raise ReportError(str(exc)) from None
    return [
        write_pdf(doc, target / names["pdf"], look),
        write_deck(doc, target / names["pptx"], look),
        write_workbook(src, lang, target / names["xlsx"], found),
    ]


def with_worlds(doc, src: ReportSource, lang: str, worlds: str | Path | None = None):
    """``doc`` with what its conclusion rests on beyond the numbers: the statement of a
    plausible-worlds study (named, else found inside or beside the folder) on the assumptions
    page and the first slide; without one, the structural assumptions the scenario rests on
    and that no such study was run, in plain words."""
    from dataclasses import replace

    from sim.present.report import plausible

    names = {str(g) for g in src.table.groups} | {src.name} if src.table is not None else None
    where = Path(worlds) if worlds else plausible.find_worlds(src.folder, names)
    if worlds and not (where / "statement.json").is_file():
        raise ReportError(
            Said(
                "{where} holds no finished plausible-worlds study (no statement.json); pass the "
                "folder `feedsim worlds` wrote, or leave out --worlds",
                {"where": where},
            )
        )
    if where is not None:
        said = plausible.read_worlds(where)
        sentence = str(said.get(lang) or said.get("en", ""))
        lead = {
            "en": "In the plausible worlds, where no platform publishes how it works: ",
            "nl": "In de plausibele werelden, waar geen platform bekendmaakt hoe het werkt: ",
        }[lang]
        return replace(
            doc,
            assumptions_intro=sentence + " " + doc.assumptions_intro,
            verdict_note=lead + sentence[:1].lower() + sentence[1:],
        )
    rows = plausible.rests_on(src.scenario, lang, src.arm_scenarios)[1:]
    if not rows:
        return doc
    names = [r[0][:1].lower() + r[0][1:] for r in rows]
    listed = (
        names[0]
        if len(names) == 1
        else (", ".join(names[:-1]) + (" en " if lang == "nl" else " and ") + names[-1])
    )
    said = {
        "en": f"The conclusion also rests on choices no platform publishes: {listed}.",
        "nl": f"De conclusie rust ook op keuzes die geen platform bekendmaakt: {listed}.",
    }
    return replace(
        doc,
        assumptions_intro=said[lang]
        + " "
        + plausible.not_yet_run(lang)
        + " "
        + doc.assumptions_intro,
    )


def _write_study(
    folder: Path, lang: str | None, out: str | Path | None, today: dt.date | None, look=None
) -> list[Path]:
    """The PDF, deck and spreadsheet of a study folder (sensitivity, explanation, calibration,
    plausible worlds)."""
    from sim.base import safe_io
    from sim.present.report import studies
    from sim.present.report.deck import write_deck
    from sim.present.report.pdf import write_pdf
    from sim.present.report.workbook import write_sheets

    kind = folder_kind(folder)
    try:
        lang = check_lang(lang or DEFAULT_LANG)
    except ValueError as exc:
        raise ReportError(f"{exc} (--lang)") from None
    target, names = _out(folder, out), report_files(lang)
    for name in names.values():
        check_target(target / name, target)
    try:
        charts_dir = target / f"charts-{lang}"
        safe_io.make_folder(charts_dir, target)  # a link out of the report's folder is refused
        charts = sorted(charts_dir.glob("*.png")) or sorted(
            p for p in BY_NAME[kind].draw(folder, lang=lang, out=charts_dir) if p.suffix == ".png"
        )
        doc = studies.build(kind, folder, lang, charts, today)
        sheets = studies.sheets(kind, folder, lang)
    except FileNotFoundError as exc:
        raise ReportError(str(exc)) from None
    from sim.present.report.theme import PLAIN

    look = look or PLAIN
    return [
        write_pdf(doc, target / names["pdf"], look),
        write_deck(doc, target / names["pptx"], look),
        write_sheets(sheets, lang, target / names["xlsx"]),
    ]


def write_export(
    folder: str | Path, lang: str | None = None, out: str | Path | None = None
) -> Path:
    """Write only the spreadsheet of a result folder (see :func:`write_report`)."""
    from sim.present.report.workbook import write_workbook

    folder = Path(folder)
    if folder.is_dir() and BY_NAME[folder_kind(folder)].report == "study":
        from sim.present.report import studies
        from sim.present.report.workbook import write_sheets

        lang = check_lang(lang or DEFAULT_LANG)
        target = _out(folder, out)
        path = check_target(target / report_files(lang)["xlsx"], target)
        return write_sheets(studies.sheets(folder_kind(folder), folder, lang), lang, path)
    src = read_folder(folder, draw=False)
    lang = _lang(src, lang)
    target = _out(folder, out)
    return write_workbook(src, lang, check_target(target / report_files(lang)["xlsx"], target))
