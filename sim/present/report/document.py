"""A report's content in one language: the strings the PDF and the deck both show.

Built once by :func:`build` from a folder's :class:`~sim.present.report.source.ReportSource`, so the
PDF, the deck and the tests read the very same words and numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sim.base.i18n import check_lang
from sim.present.report import text as T
from sim.present.report.assumptions import Assumptions
from sim.present.report.source import ReportSource


@dataclass(frozen=True)
class Document:
    """A report in one language.

    Attributes:
        lang: ``"en"`` or ``"nl"``.
        title, subtitle: the title page.
        facts: (label, value) pairs of the title page.
        summary: the summary's paragraphs.
        key_figures: key-figure tables, each a list of rows of cells (header first).
        charts: chart PNGs, one page or slide each, in story order.
        assumptions_intro: the sentence above the assumptions table.
        assumption_rows: the assumptions table (header first).
        verdict: one sentence per arm or grid point against the baseline (none for a run).
        chart_titles: per chart, a slide title that says its takeaway.
        chart_notes: per chart, speaker notes explaining it.
        assumptions_heading: the last page's heading (default: the assumptions').
    """

    lang: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    summary: list[str]
    key_figures: list[list[list[str]]]
    charts: list[Path]
    assumptions_intro: str
    assumption_rows: list[list[str]]
    verdict: list[str] = ()
    chart_titles: list[str] = ()
    chart_notes: list[str] = ()
    assumptions_heading: str = ""  # the last page's heading ("": the assumptions')
    key_heading: str = ""  # the table pages' heading ("": the key figures')
    verdict_note: str = ""  # under the verdict on the first slide: what it rests on

    def last_heading(self) -> str:
        """The heading of the page that says what the result rests on."""
        from sim.base.i18n import tr

        return self.assumptions_heading or tr("Assumptions behind the result", self.lang)


def build(
    src: ReportSource, assumptions: Assumptions, lang: str, today: dt.date | None = None
) -> Document:
    """The report of ``src`` in ``lang`` (``today`` dates the title page; default: today)."""
    check_lang(lang)
    from sim.present.report.story import chart_story

    stories = [chart_story(src, Path(c).stem, lang) for c in src.charts]
    return Document(
        lang=lang,
        title=T.title(src, lang),
        subtitle=T.subtitle(src, lang, today),
        facts=T.facts(src, lang),
        summary=T.summary(src, lang),
        key_figures=T.key_figure_tables(src, lang),
        charts=list(src.charts),
        assumptions_intro=T.assumptions_intro(assumptions, lang),
        assumption_rows=T.assumption_rows(assumptions, lang),
        verdict=T.verdicts(src, lang),
        chart_titles=[title for title, _ in stories],
        chart_notes=[notes for _, notes in stories],
    )
