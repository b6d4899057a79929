"""The deck's tables stay on their slides: a table taller than a slide goes on as many slides
as it needs, its header on each and every row once, in order."""

from __future__ import annotations

import math

from pptx import Presentation
from pptx.util import Emu

from sim.present.report.deck import SLIDE_H, write_deck
from sim.present.report.document import Document

LONG = "the effect of the tactic on real followers at the end of the run"


def _doc(key_rows: int, assumption_rows: int) -> Document:
    key = [["figure", "rank", "assumption", "range"]]
    key += [
        [f"{LONG} {i}", str(i), f"chance a visitor buys, row {i}", "0.025 – 0.075"]
        for i in range(key_rows)
    ]
    assumptions = [["what we assumed", "why it matters", "values assumed"]]
    assumptions += [
        [f"assumption {i}", f"{LONG} and what it moves {i}", str(i)] for i in range(assumption_rows)
    ]
    return Document(
        lang="en",
        title="Where the conclusion comes from",
        subtitle="test",
        facts=[("points", "108")],
        summary=["One sentence."],
        key_figures=[key],
        charts=[],
        assumptions_intro="Each assumption was varied over its range.",
        assumption_rows=assumptions,
        key_heading="The assumptions per figure",
    )


def _tables(path):
    out = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[c.text for c in r.cells] for r in shape.table.rows]
                widths = [Emu(c.width).inches for c in shape.table.columns]
                font = shape.table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt
                out.append((slide.shapes.title.text, Emu(shape.top).inches, rows, widths, font))
    return out


def _height(rows, widths, font) -> float:
    # Lines by characters at half an em each (narrower than any font's: a lower bound).
    line = font * 1.2 / 72
    return sum(
        max(
            math.ceil(len(t) * font * 0.5 / 72 / max(w - 0.2, 0.1))
            for t, w in zip(r, widths, strict=True)
        )
        * line
        + 0.1
        for r in rows
    )


def test_a_table_taller_than_a_slide_goes_on_as_many_slides_as_it_needs(tmp_path):
    # A sensitivity report's table of 24 rows ran off its one slide.
    doc = _doc(30, 14)
    tables = _tables(write_deck(doc, tmp_path / "d.pptx"))
    key = [t for t in tables if t[0].startswith("The assumptions per figure")]
    assert len(key) >= 3, [t[0] for t in key]
    assert [t[0] for t in key] == [
        f"The assumptions per figure ({k}/{len(key)})" for k in range(1, len(key) + 1)
    ]
    body = [row for t in key for row in t[2][1:]]
    assert body == doc.key_figures[0][1:]  # every row once, in order
    for _, top, rows, widths, font in tables:
        assert rows[0] in (doc.key_figures[0][0], doc.assumption_rows[0])  # a header on each
        assert top + _height(rows, widths, font) <= SLIDE_H, (top, len(rows))


def test_a_short_table_keeps_its_one_slide(tmp_path):
    tables = _tables(write_deck(_doc(5, 3), tmp_path / "d.pptx"))
    assert [t[0] for t in tables][:1] == ["The assumptions per figure"]
