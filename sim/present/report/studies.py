"""Reports of the study folders: a sensitivity study, an explanation of a gap, a calibration to
an account's export and a plausible-worlds study.

Each becomes the same :class:`~sim.present.report.document.Document` a comparison does (title page,
summary, a table, the study's charts and what it rests on), so the PDF and the deck are written
by the same code, and a few sheets for the spreadsheet. The words come from the catalogues
(metrics, structural assumptions, the study's own table); client text names no parameter key,
file or command. A study's page is short: what was asked, the answer in one sentence, the table
behind it. The sentences and rows of each study are :mod:`sim.present.report.study_words`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from sim.base import safe_io
from sim.base.i18n import tr
from sim.base.l10n import date, number
from sim.present.folders import CALIBRATION, CURVES, EXPLAIN, PLAN, SENSITIVITY, WORLDS
from sim.present.report import plausible
from sim.present.report.document import Document
from sim.present.report.study_sheets import (
    calibration_sheet,
    explain_sheet,
    post_sheet,
    sensitivity_sheet,
)
from sim.present.report.study_words import (
    _cap,
    _study_plan,
    _words,
    calibration_rows,
    calibration_sentences,
    explain_rows,
    explain_sentences,
    figure_words,
    sensitivity_rows,
    sensitivity_sentences,
)

# ---------------------------------------------------------------------------------------------
# Plausible worlds
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# The document and the sheets of each study
# ---------------------------------------------------------------------------------------------

SUBTITLES = {
    SENSITIVITY: ("Which assumptions the result rests on", "Op welke aannames de uitkomst rust"),
    EXPLAIN: ("Where the difference comes from", "Waar het verschil vandaan komt"),
    CALIBRATION: ("The model fitted to an account", "Het model afgestemd op een account"),
    WORLDS: ("The conclusion in every plausible world", "De conclusie in elke plausibele wereld"),
}


HEADINGS = {
    SENSITIVITY: ("The assumptions per figure", "De aannames per cijfer"),
    EXPLAIN: ("The difference in parts", "Het verschil in delen"),
    CALIBRATION: ("The fitted values", "De geschatte waarden"),
    WORLDS: ("World by world", "Wereld voor wereld"),
}


def build(
    kind: str, folder: Path, lang: str, charts: list[Path], today: dt.date | None = None
) -> Document:
    """The report of a study folder in ``lang``."""
    from sim.present.report.text import _platform

    if kind in (PLAN, CURVES):  # a budget plan and response curves: their own module
        from sim.present.report import plan

        return plan.build(kind, folder, lang, charts, today)

    sub_en, sub_nl = SUBTITLES[kind]
    subtitle = f"{_words(sub_en, sub_nl, lang)} · {date(today or dt.date.today(), lang)}"
    facts: list[tuple[str, str]] = []
    verdict: list[str] = []
    intro, rows = "", [[""]]
    if kind == SENSITIVITY:
        from sim.studies.sensitivity.report import read_table

        table = read_table(folder)
        plan = _study_plan(folder, "sensitivity.toml", "sensitivity plan")
        title = _words("What the conclusion depends on", "Waar de conclusie van afhangt", lang)
        summary = sensitivity_sentences(table, lang)
        key = [sensitivity_rows(table, lang)]
        facts = [
            (
                _words("figures studied", "bestudeerde cijfers", lang),
                number(table["metric"].nunique(), lang),
            ),
            (
                _words("assumptions varied", "gevarieerde aannames", lang),
                number(table["key"].nunique(), lang),
            ),
            (_words("trials", "proeven", lang), number(int(table["points"].iloc[0]), lang)),
            (
                _words("simulated runs per trial", "gesimuleerde runs per proef", lang),
                number(len(plan.get("seeds", [])), lang),
            ),
        ]
        intro = _words(
            "Each assumption was moved over its range together with the others; a "
            "longer bar in the charts means it moves the figure more. A choice with "
            "named alternatives (how the platform scores a test, what bought "
            "followers do) is tried in each of them.",
            "Elke aanname is samen met de andere over haar bereik gevarieerd; hoe "
            "langer de balk in de grafieken, hoe meer ze het cijfer beweegt. Een "
            "keuze met benoemde alternatieven (hoe het platform een test scoort, wat "
            "gekochte volgers doen) is in elk ervan geprobeerd.",
            lang,
        )
        rows = []
    elif kind == EXPLAIN:
        from sim.studies.explain.report import arm_title, read_table

        table = read_table(folder)
        title = _words(
            "Where the difference between the tactic and the baseline comes from",
            "Waar het verschil tussen de tactiek en de nulmeting vandaan komt",
            lang,
        )
        summary = explain_sentences(table, lang)
        key = [explain_rows(table, lang)]
        facts = [
            (_words("tactic", "tactiek", lang), arm_title(folder, "tactic", lang)),
            (_words("baseline", "nulmeting", lang), arm_title(folder, "baseline", lang)),
            (
                _words("figures explained", "verklaarde cijfers", lang),
                number(table["metric"].nunique(), lang),
            ),
            (
                _words("simulated runs per scenario", "gesimuleerde runs per scenario", lang),
                number(int(table["seeds"].iloc[0]), lang),
            ),
        ]
        intro = _words(
            "Each part was switched on and off in every combination, on the same "
            "simulated audience, and its contribution averaged over those "
            "combinations; the parts and the rest add up to the whole difference.",
            "Elk onderdeel is in elke combinatie aan- en uitgezet, op hetzelfde "
            "gesimuleerde publiek, en zijn bijdrage is over die combinaties "
            "gemiddeld; de onderdelen en de rest tellen op tot het hele verschil.",
            lang,
        )
        rows = []
    elif kind == CALIBRATION:
        meta = _study_plan(folder, "calibration.toml", "calibration summary")
        fit = safe_io.read_csv(folder / "fit.csv", "fitted values", folder, whole=True)
        observed = folder / "observed.csv"
        if observed.is_file():
            meta["_posts"] = len(safe_io.read_csv(observed, "observed posts", folder, whole=True))
        title = _words(
            "The model fitted to the account's own figures",
            "Het model afgestemd op de eigen cijfers van het account",
            lang,
        )
        summary = calibration_sentences(meta, fit, lang)
        key = [calibration_rows(fit, lang)]
        facts = [
            (_words("account", "account", lang), str(meta.get("account") or meta.get("name", ""))),
            (tr("platform", lang), _platform(str(meta.get("platform", "")))),
            (
                _words("followers", "volgers", lang),
                number(int(meta.get("followers", 0) or 0), lang),
            ),
            (
                _words("simulations", "simulaties", lang),
                number(int(meta.get("sims", 0) or 0), lang),
            ),
        ]
        intro = _words(
            "Each value was searched over a wide range around every platform's "
            "figure; the interval holds 90% of the values that reproduce the posts. "
            "Posts after the dashed line in the chart were held out of the fit to "
            "check it.",
            "Elke waarde is gezocht in een ruim bereik rond de cijfers van elk "
            "platform; het interval bevat 90% van de waarden die de posts nabootsen. "
            "Posts na de stippellijn in de grafiek zijn buiten de schatting gehouden, "
            "als controle.",
            lang,
        )
        rows = []
    elif kind == WORLDS:
        said = plausible.read_worlds(folder)
        title = _words(
            "Does the conclusion hold in every plausible world?",
            "Houdt de conclusie stand in elke plausibele wereld?",
            lang,
        )
        statement = str(said.get(lang) or said.get("en", ""))
        verdict = [statement]
        summary = [statement]
        key = [plausible.worlds_rows(folder, said, lang)]
        facts = [
            (
                _words("plausible worlds", "plausibele werelden", lang),
                number(int(said.get("worlds", 0)), lang),
            ),
            (tr("platform", lang), _platform(str(said.get("platform", "")))),
            (
                _words("simulated runs per world", "gesimuleerde runs per wereld", lang),
                number(len(said.get("seeds", [])), lang),
            ),
        ]
        intro = _words(
            "No platform publishes these choices, so the comparison was run in every "
            "combination of them:",
            "Geen platform maakt deze keuzes bekend, dus de "
            "vergelijking is in elke combinatie ervan doorgerekend:",
            lang,
        )
        from sim.scenario.assumptions import BY_KEY

        rows = [[tr("what we assumed", lang), tr("why it matters", lang)]]
        rows += [
            [
                _cap(BY_KEY[k].title_nl if lang == "nl" else BY_KEY[k].title),
                BY_KEY[k].describe(lang),
            ]
            for k in said.get("assumptions", {})
            if k in BY_KEY
        ]
    else:
        raise ValueError(f"{kind!r} is not a study kind")
    return Document(
        lang=lang,
        title=title,
        subtitle=subtitle,
        facts=facts,
        summary=summary,
        key_figures=key,
        charts=list(charts),
        assumptions_intro=intro,
        assumption_rows=rows,
        verdict=verdict,
        chart_titles=[_chart_title(kind, c, lang) for c in charts],
        chart_notes=[intro for _ in charts],
        key_heading=_words(*HEADINGS[kind], lang),
        assumptions_heading=""
        if rows
        else _words("How this was studied", "Hoe dit is onderzocht", lang),
    )


def _chart_title(kind: str, chart: Path, lang: str) -> str:
    stem = Path(chart).stem
    if kind == SENSITIVITY and stem.startswith("tornado_"):
        return _cap(
            _words(
                f"What moves {figure_words(stem[8:], lang)}",
                f"Wat {figure_words(stem[8:], lang)} beweegt",
                lang,
            )
        )
    if kind == EXPLAIN and stem.startswith("waterfall_"):
        return _cap(
            _words(
                f"Where the difference in {figure_words(stem[10:], lang)} comes from",
                f"Waar het verschil in {figure_words(stem[10:], lang)} vandaan komt",
                lang,
            )
        )
    if kind == WORLDS:
        return _words(
            "The tactic against the baseline, world by world",
            "De tactiek tegenover de nulmeting, wereld voor wereld",
            lang,
        )
    return _words(
        "The simulated posts against the account's own",
        "De gesimuleerde posts tegenover die van het account",
        lang,
    )


def sheets(kind: str, folder: Path, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """The spreadsheet of a study: its own table(s), as they are kept in the folder."""

    def csv(name: str, what: str) -> pd.DataFrame:
        return safe_io.read_csv(folder / name, what, folder, whole=True)

    if kind in (PLAN, CURVES):
        from sim.present.report import plan

        return plan.sheets(kind, folder, lang)
    if kind == SENSITIVITY:
        table = csv("sensitivity.csv", "result table")
        return [(tr("assumptions", lang), sensitivity_sheet(table, lang))]
    if kind == EXPLAIN:
        table = csv("explain.csv", "result table")
        return [(_words("explanation", "verklaring", lang), explain_sheet(table, folder, lang))]
    if kind == CALIBRATION:
        fit = calibration_sheet(csv("fit.csv", "fitted values"), lang)
        out = [(_words("fit", "schatting", lang), fit)]
        for name, en, nl in (
            ("observed.csv", "observed", "waargenomen"),
            ("simulated.csv", "simulated", "gesimuleerd"),
        ):
            if (folder / name).is_file():
                out.append((_words(en, nl, lang), post_sheet(csv(name, en), lang)))
        return out
    if kind == WORLDS:
        return [(_words("worlds", "werelden", lang), plausible.worlds_sheet(folder, lang))]
    raise ValueError(f"{kind!r} is not a study kind")
