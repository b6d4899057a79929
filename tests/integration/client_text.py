"""What a Dutch client must never read: English words, parameter keys, backticks, file paths.

Shared by the report tests: :func:`problems` lists what a text holds of them, and
:func:`report_texts` gathers a report's client text (every PDF page, every slide's shapes, tables
and speaker notes).
"""

from __future__ import annotations

import re
from pathlib import Path

# English words that have no place in Dutch client text.
ENGLISH = (
    "the",
    "and",
    "by",
    "with",
    "against",
    "followers",
    "people",
    "before",
    "after",
    "bought",
    "while",
    "were",
    "there",
    "day",
    "days",
    "real",
    "reach",
    "spend",
    "return",
    "baseline",
    "net",
    "result",
    "seed",
    "seeds",
    "figure",
    "which",
    "what",
)
KEY = re.compile(
    r"\b(feed|strategies|brand|behaviour|audience|purge|fit|content|effects|"
    r"platform|discovery|vendor_risk)\.[a-z_]+"
)
PATH = re.compile(r"[\w-]+\.(toml|csv|parquet|png|svg|pdf|pptx|xlsx|json)\b|\w/\w")
STIFF = ("uitgangspunt", "netto euro's", "keert het teken om")


def problems(text: str) -> dict[str, list[str]]:
    """What ``text`` holds that Dutch client text must not (empty lists: nothing)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return {
        "english": sorted(words & set(ENGLISH)),
        "keys": KEY.findall(text),
        "backticks": ["`"] if "`" in text else [],
        "paths": PATH.findall(text),
        "stiff": [p for p in STIFF if p in text],
        "underscores": re.findall(r"\w+_\w+", text),
    }


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(path).pages]


def deck_texts(path: Path) -> list[str]:
    from pptx import Presentation

    texts = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def report_texts(pdf: Path, deck: Path) -> list[str]:
    return pdf_pages(pdf) + deck_texts(deck)
