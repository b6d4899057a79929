"""An agency's theme: a file with its colours, logo, font and name is read and checked, refused
with the file, key and fix when wrong, and shows in the PDF's footer and the deck's slides."""

from __future__ import annotations

import pytest

from sim.present.report.theme import PLAIN, ThemeError, load_theme


def _logo(path):
    from PIL import Image

    Image.new("RGB", (200, 50), "#8A1538").save(path)
    return path


def _theme(tmp_path, text: str):
    path = tmp_path / "agency.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_theme_reads_its_colours_logo_font_and_name(tmp_path):
    _logo(tmp_path / "logo.png")
    th = load_theme(
        _theme(
            tmp_path,
            'agency = "Studio Noord"\nlogo = "logo.png"\n'
            'font = "DejaVu Serif"\n[colours]\naccent = "#8A1538"\n',
        )
    )
    assert (th.agency, th.font, th.accent, th.text) == (
        "Studio Noord",
        "DejaVu Serif",
        "#8A1538",
        PLAIN.text,
    )
    assert th.logo is not None and th.logo_ratio == pytest.approx(4.0)
    assert th.footer("Report") == "Studio Noord · Report"
    assert load_theme(None) == PLAIN and PLAIN.footer("Report") == "feedsim · Report"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('agencie = "x"\n', "unknown key 'agencie'"),
        ('[colours]\naccent = "red"\n', "colours.accent"),
        ('[colours]\nbackground = "#000000"\n', "[colours] holds accent, text only"),
        ('font = "No Such Font 123"\n', "not installed"),
        ('logo = "missing.png"\n', "logo"),
        ('logo = "agency.toml"\n', "not a PNG or JPEG"),
        ("agency = 3\n", "agency must be text"),
    ],
)
def test_a_bad_theme_is_refused_naming_the_file_and_key(tmp_path, text, says):
    path = _theme(tmp_path, text)
    with pytest.raises(ThemeError) as exc:
        load_theme(path)
    assert says in str(exc.value) and str(path) in str(exc.value)


def test_the_theme_reaches_the_pdf_and_the_deck(tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    from sim.present.report.deck import write_deck
    from sim.present.report.document import Document
    from sim.present.report.pdf import write_pdf

    _logo(tmp_path / "logo.png")
    th = load_theme(
        _theme(
            tmp_path, 'agency = "Studio Noord"\nlogo = "logo.png"\n[colours]\naccent = "#8A1538"\n'
        )
    )
    doc = Document(
        lang="en",
        title="A title",
        subtitle="A subtitle · 22 November 2026",
        facts=[("days", "60")],
        summary=["One sentence."],
        key_figures=[[["key figure", "value"], ["real reach per post", "455"]]],
        charts=[],
        assumptions_intro="What we assumed.",
        assumption_rows=[["what we assumed", "why it matters"], ["a", "b"]],
    )
    pdf = write_pdf(doc, tmp_path / "r.pdf", th)
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert all("Studio Noord · A title" in p for p in pages[1:])
    deck = Presentation(write_deck(doc, tmp_path / "r.pptx", th))
    for slide in deck.slides:
        assert any(s.shape_type == 13 for s in slide.shapes)  # the logo, a picture
        title = slide.shapes.title.text_frame.paragraphs[0].runs[0]
        assert str(title.font.color.rgb) == "8A1538"
    plain = Presentation(write_deck(doc, tmp_path / "p.pptx"))
    assert not any(s.shape_type == 13 for slide in plain.slides for s in slide.shapes)
