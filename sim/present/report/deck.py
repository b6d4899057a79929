"""The report as a PowerPoint deck (python-pptx), to drop into the agency's own slides.

Slides use the default template's own layouts (title; title and content; title only), so when
they are copied into another deck they take on that deck's theme. Slides in story order: the
title with the verdict, the summary, the key figures, one slide per chart (reach, followers,
money, then the rest), each titled with its takeaway and with speaker notes, and the assumptions
(as many slides as the table needs).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from sim.base.i18n import tr
from sim.base.safe_io import atomic_file
from sim.present.report.document import Document
from sim.present.report.pdf import chart_bytes
from sim.present.report.theme import PLAIN, Theme
from sim.present.widths import longest_words

ROWS_PER_SLIDE = 10  # assumption rows on one slide (more: another slide)
SUMMARY_PER_SLIDE = 4  # summary paragraphs on one slide (more: another slide)
SLIDE_W, SLIDE_H = 13.333, 7.5  # inches: 16:9


def _table(
    slide,
    rows: list[list[str]],
    top: float,
    font_pt: float,
    widths: list[float],
    laid: tuple[float, list[float]] | None = None,
):
    """A table across the slide from ``top``; ``laid``: the font size and column inches worked
    out for the whole table (:func:`_column_inches`), so every slide of it looks alike."""
    from pptx.util import Inches, Pt

    n, m = len(rows), len(rows[0])
    left = 0.5
    font_pt, inches = laid or _column_inches(rows, font_pt, widths)
    shape = slide.shapes.add_table(
        n, m, Inches(left), Inches(top), Inches(SLIDE_W - 1.0), Inches(0.3 * n)
    )
    table = shape.table
    for j, w in enumerate(inches):
        table.columns[j].width = Inches(w)
    for i, row in enumerate(rows):
        for j, cell_text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = str(cell_text)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(font_pt)
                    run.font.bold = i == 0
    return table


CHAR_EM = 0.6  # a character's width in ems, bold headers included (a little generous)
CELL_MARGIN = 0.2  # inches: a table cell's left and right margins together


def _column_inches(
    rows: list[list[str]], font_pt: float, widths: list[float]
) -> tuple[float, list[float]]:
    """The font size and column widths (inches) of a table across the slide: ``widths`` in
    proportion, but no column narrower than its longest word, so no word is cut inside a cell;
    the font shrinks (not under 8 points) where the words would not fit at ``font_pt``."""
    avail = SLIDE_W - 1.0
    words = longest_words(rows, header=1.25)

    def least(pt: float) -> list[float]:
        return [w * pt * CHAR_EM / 72 + CELL_MARGIN for w in words]

    while font_pt > 8 and sum(least(font_pt)) > avail:
        font_pt -= 0.5
    low = least(font_pt)
    cols = [max(avail * w / sum(widths), lo) for w, lo in zip(widths, low, strict=True)]
    slack = [c - lo for c, lo in zip(cols, low, strict=True)]
    over = sum(cols) - avail
    if over > 0 and sum(slack) > 0:  # taken from the columns wider than their words need
        cols = [c - over * sl / sum(slack) for c, sl in zip(cols, slack, strict=True)]
    return font_pt, cols


LINE_SPACING = 1.2  # a line of text, in font sizes
CELL_PAD = 0.1  # inches: a table cell's top and bottom margins together


def _row_inches(row: list[str], font_pt: float, inches: list[float], bold: bool) -> float:
    """How tall a row of cells will be: its most wrapped cell's lines, each word kept whole."""
    em = CHAR_EM * (1.1 if bold else 1.0)
    lines = 1
    for text, w in zip(row, inches, strict=True):
        chars = max(int((w - CELL_MARGIN) * 72 / (font_pt * em)), 1)
        lines = max(lines, len(textwrap.wrap(str(text), chars, break_long_words=False)) or 1)
    return lines * font_pt * LINE_SPACING / 72 + CELL_PAD


def _slide_pages(
    rows: list[list[str]], top: float, font_pt: float, widths: list[float]
) -> tuple[tuple[float, list[float]], list[list[list[str]]]]:
    """The table's font and column inches, and its body rows split into slides whose rows
    (under the header, repeated on each) fit between ``top`` and the slide's bottom edge."""
    laid = _column_inches(rows, font_pt, widths)
    size, inches = laid
    room = SLIDE_H - top - 0.3 - _row_inches(rows[0], size, inches, bold=True)
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    for row in rows[1:]:
        h = _row_inches(row, size, inches, bold=False)
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += h
    return laid, pages


def _widths(rows: list[list[str]]) -> list[float]:
    longest = [max(len(str(r[c])) for r in rows) for c in range(len(rows[0]))]
    return [min(max(n, 6), 60) for n in longest]


def _fit(shape, top: float, height: float) -> None:
    """Stretch a template placeholder (drawn for 4:3) across the 16:9 slide."""
    from pptx.util import Inches

    shape.left, shape.width = Inches(0.5), Inches(SLIDE_W - 1.0)
    shape.top, shape.height = Inches(top), Inches(height)


def _title_only(prs, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    _fit(slide.shapes.title, 0.3, 0.9)
    return slide


def _apply_theme(prs, theme: Theme, title: str) -> None:
    """Every slide in the agency's look: titles in its accent colour, text in its text colour and
    font, its logo in the top right corner and its name in the footer."""
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    accent, text = (RGBColor.from_string(c.lstrip("#")) for c in (theme.accent, theme.text))
    for slide in prs.slides:
        heading = slide.shapes.title
        for shape in list(slide.shapes):
            frames = (
                [(shape.text_frame, accent if shape == heading else text)]
                if shape.has_text_frame
                else []
            )
            if shape.has_table:  # the header row in the accent colour, its words white
                white = RGBColor(0xFF, 0xFF, 0xFF)
                for i, row in enumerate(shape.table.rows):
                    for cell in row.cells:
                        if i == 0:
                            cell.fill.solid()
                            cell.fill.fore_color.rgb = accent
                        frames.append((cell.text_frame, white if i == 0 else text))
            for frame, colour in frames:
                for para in frame.paragraphs:
                    for run in para.runs:
                        run.font.color.rgb = colour
                        if theme.font:
                            run.font.name = theme.font
        if theme.logo is not None:
            h = 0.55
            w = h * theme.logo_ratio
            slide.shapes.add_picture(
                io.BytesIO(theme.logo),
                Inches(SLIDE_W - 0.25 - w),
                Inches(0.12),
                Inches(w),
                Inches(h),
            )
        if theme.agency:
            box = slide.shapes.add_textbox(
                Inches(0.5), Inches(SLIDE_H - 0.4), Inches(SLIDE_W - 1.0), Inches(0.3)
            )
            box.text_frame.text = theme.footer(title)
            run = box.text_frame.paragraphs[0].runs[0]
            run.font.size, run.font.color.rgb = Pt(9), text
            if theme.font:
                run.font.name = theme.font


def write_deck(doc: Document, path: str | Path, theme: Theme = PLAIN) -> Path:
    """Write the report of ``doc`` as a ``.pptx`` deck to ``path`` in an agency's ``theme``
    (default: the template's own look).

    Returns:
        The path written.
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    lang, path = doc.lang, Path(path)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    prs.core_properties.title = doc.title
    prs.core_properties.subject = doc.subtitle
    from sim.base.l10n import LOCALES

    prs.core_properties.language = LOCALES[lang].replace("_", "-")

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = doc.title
    _fit(slide.shapes.title, 1.8, 2.0)
    _fit(slide.placeholders[1], 4.0, 2.0)
    slide.placeholders[1].text = doc.subtitle + "\n" + "; ".join(f"{k}: {v}" for k, v in doc.facts)
    if doc.verdict:  # the verdict on the first slide: what the comparison means
        _fit(slide.shapes.title, 0.4, 1.7)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(
            30 if len(doc.title) > 45 else 38
        )
        _fit(slide.placeholders[1], 2.2, 1.0)
        for para in slide.placeholders[1].text_frame.paragraphs:
            para.font.size = Pt(14)
        box = slide.shapes.add_textbox(
            Inches(0.5), Inches(3.5), Inches(SLIDE_W - 1.0), Inches(SLIDE_H - 4.0)
        )
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(doc.verdict[:3]):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(20 if len(doc.verdict) == 1 else 16)
            p.font.bold = True
        if doc.verdict_note:  # what the verdict rests on: the plausible worlds
            p = frame.add_paragraph()
            p.text = doc.verdict_note
            p.font.size = Pt(13)
            p.space_before = Pt(12)

    # The summary: at most SUMMARY_PER_SLIDE paragraphs a slide, so none runs off it.
    chunks = [
        doc.summary[i : i + SUMMARY_PER_SLIDE]
        for i in range(0, len(doc.summary), SUMMARY_PER_SLIDE)
    ] or [[]]
    for chunk in chunks:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = tr("Summary", lang)
        _fit(slide.shapes.title, 0.3, 0.9)
        body = slide.placeholders[1]
        _fit(body, 1.4, SLIDE_H - 1.9)
        frame = body.text_frame
        frame.word_wrap = True
        for i, para in enumerate(chunk):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = para
            p.font.size = Pt(18 if len(chunk) <= 3 else 15)

    for rows in doc.key_figures:
        widths = _widths(rows)
        if len(rows[0]) > 2:  # one column per arm: equal widths, so no arm is squeezed
            widths = [min(widths[0], 34)] + [max(12, min(max(widths[1:]), 22))] * (len(widths) - 1)
        # A table longer than a slide goes on as many slides as it needs, the header on each.
        laid, pages = _slide_pages(rows, 1.3, 11 if len(rows) > 12 else 12, widths)
        for k, page in enumerate(pages):
            title = doc.key_heading or tr("Key figures", lang)
            slide = _title_only(prs, title + (f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""))
            _table(slide, [rows[0], *page], 1.3, laid[0], widths, laid)

    titles = list(doc.chart_titles) or [""] * len(doc.charts)
    notes = list(doc.chart_notes) or [""] * len(doc.charts)
    for chart, title, note in zip(doc.charts, titles, notes, strict=True):
        # Titled with its takeaway, the chart below, the explanation in the speaker notes.
        slide = _title_only(prs, title)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(26)
        from PIL import Image

        data = chart_bytes(chart)  # a regular file inside its folder, never a link out
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
        top = 1.25
        box_w, box_h = SLIDE_W - 0.6, SLIDE_H - top - 0.15
        scale = min(box_w / w, box_h / h)
        pic_w, pic_h = w * scale, h * scale
        slide.shapes.add_picture(
            io.BytesIO(data),
            Inches((SLIDE_W - pic_w) / 2),
            Inches(top + (box_h - pic_h) / 2),
            Inches(pic_w),
            Inches(pic_h),
        )
        if note:
            slide.notes_slide.notes_text_frame.text = note

    rows_all = doc.assumption_rows if doc.assumption_rows and any(doc.assumption_rows[0]) else []
    header, body_rows = (rows_all[0], rows_all[1:]) if rows_all else ([], [])
    laid = None
    if header:  # at most ROWS_PER_SLIDE rows a slide, fewer where they wrap onto more lines
        laid, pages = _slide_pages(rows_all, 2.0, 10, _widths(rows_all))
        chunks = [
            page[i : i + ROWS_PER_SLIDE]
            for page in pages
            for i in range(0, len(page), ROWS_PER_SLIDE)
        ]
    else:
        chunks = [[]]
    for k, chunk in enumerate(chunks):
        title = doc.last_heading()
        if len(chunks) > 1:
            title += f" ({k + 1}/{len(chunks)})"
        slide = _title_only(prs, title)
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.2), Inches(SLIDE_W - 1.0), Inches(0.6))
        box.text_frame.word_wrap = True
        box.text_frame.text = doc.assumptions_intro
        box.text_frame.paragraphs[0].font.size = Pt(11 if header else 16)
        if header:
            _table(slide, [header, *chunk], 2.0, 10, _widths(rows_all), laid)
    if theme != PLAIN:
        _apply_theme(prs, theme, doc.title)
    with atomic_file(path, path.parent, fsync=True) as out:  # the earlier deck survives a kill
        prs.save(out)
    return path
