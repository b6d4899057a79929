"""One truth on every page: a comparison run as a user runs it (two scenarios, two seeds, 20,000
users, 120 days, a purge on day 80), reported in English and Dutch. Every key figure read back
from the terminal, the PDF (pypdf), the deck (python-pptx) and the spreadsheet (openpyxl) equals
the catalogue's figure for that folder (:mod:`sim.base.presented`): the same value, the same
statistic, the same sign; the return on spend has the sign of the net result against the baseline;
and the Dutch report's client text holds no English, no parameter key, no backtick and no file path.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from sim.base import presented as P
from sim.base.l10n import locale

ROOT = Path(__file__).resolve().parents[2]
TODAY = __import__("datetime").date(2026, 11, 22)

COMPARISON = """\
name = "truth"
seeds = 2

[overrides]
"audience.users" = 20_000
days = 120
"purge.days" = [80]

[[arms]]
scenario = "{root}/scenarios/organic.toml"

[[arms]]
scenario = "{root}/scenarios/bought_followers.toml"
set = {{ "strategies.buy.price_per_1000" = 20.0 }}
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory, feedsim):
    """The comparison folder, the terminal's output and both languages' reports."""
    from sim.present.report import write_report
    from sim.present.report.source import read_folder

    tmp = tmp_path_factory.mktemp("truth")
    spec = tmp / "truth.toml"
    spec.write_text(COMPARISON.format(root=ROOT), encoding="utf-8")
    done = feedsim("compare", spec, "--out", tmp / "results", "--no-charts", "--workers", "1")
    assert done.returncode == 0, done.stderr
    folder = tmp / "results" / "truth"
    files = {
        lang: write_report(folder, lang, out=tmp / f"report-{lang}", today=TODAY)
        for lang in ("en", "nl")
    }
    return {
        "folder": folder,
        "terminal": done.stdout,
        "files": files,
        "src": read_folder(folder, draw=False),
    }


def _number(text: str, lang: str) -> float:
    """The first number of a cell as the reader's language writes it ('€ -1.234,5' -> -1234.5;
    '-38%' -> -0.38)."""
    from babel.numbers import parse_decimal

    m = re.search(r"[-+]?\s*\d[\d.,]*", text.replace("\xa0", " "))
    assert m, f"no number in {text!r}"
    raw = m.group(0).replace(" ", "")
    sign = -1 if raw.startswith("-") else 1
    value = float(parse_decimal(raw.lstrip("+-"), locale=locale(lang), strict=False))
    # A minus sign before the currency symbol: '-€140' (English) is negative too.
    before = text[: m.start()].replace("\xa0", " ")
    if before.strip().endswith("-€") or before.strip() == "-":
        sign = -1
    if text[m.end() :].lstrip().startswith("%"):
        value /= 100
    return sign * value


def _tolerance(name: str, value: float) -> float:
    """Half of the last digit shown (sim.base.presented.text)."""
    f = P.FIGURE[name]
    if f.fmt == "return":
        return 0.005
    if f.fmt == "cents":
        return 0.005
    if f.fmt == "number":
        return 0.005 if abs(value) < 10 else 0.05
    return 0.5


def _deck_table(path: Path) -> list[list[str]]:
    """The first key-figure table of the deck, as rows of cell texts."""
    from pptx import Presentation

    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[c.text for c in row.cells] for row in shape.table.rows]
                if len(rows[0]) > 2:
                    return rows
    raise AssertionError("no key-figure table in the deck")


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(path).pages]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_key_figure_is_the_catalogues_in_pdf_deck_and_spreadsheet(study, lang):
    from openpyxl import load_workbook

    from sim.present.report.workbook import DECIMALS

    src, (pdf, deck, xlsx) = study["src"], study["files"][lang]
    t = src.table
    assert t.groups == ["organic", "bought followers"] and t.seeds == 2
    names = t.names()
    assert "real_reach_while" in names and "return_on_spend" in names

    # The deck: one row per figure, one column per arm, every cell read back as a number.
    rows = _deck_table(deck)
    header = rows[0]
    assert header[1:] == [src.shown(g, lang) for g in t.groups]
    # Arms are shown by their scenario's title in the reader's language.
    assert header[2] == {"en": "Buying 5,000 followers", "nl": "5.000 volgers kopen"}[lang]
    by_label = {r[0]: r[1:] for r in rows[1:]}
    pdf_text = " ".join(" ".join(p.split()) for p in _pdf_pages(pdf))
    checked = 0
    for name in names:
        cells = by_label[P.FIGURE[name].label(lang)]
        for g, shown in zip(t.groups, cells, strict=True):
            want = t.value(g, name)
            assert shown.startswith(P.cell(t, g, name, lang)), (name, g, shown)
            assert " ".join(shown.split()) in pdf_text, (name, g, shown)
            if np.isnan(want):
                assert not re.search(r"\d", P.cell(t, g, name, lang)) or "€" in shown
                continue
            got = _number(shown, lang)
            assert abs(got - want) <= _tolerance(name, want), (name, g, shown, want)
            assert np.sign(got) == np.sign(round(want, 6)) or abs(want) < _tolerance(name, want)
            checked += 1
    assert checked >= 2 * len(names) - 6

    # The spreadsheet: the same values as numbers, and the band around each.
    wb = load_workbook(xlsx)
    sheet = wb[{"en": "summary", "nl": "samenvatting"}[lang]]
    head = [c.value for c in sheet[1]]
    for i, g in enumerate(t.groups):
        row = [c.value for c in sheet[i + 2]]
        assert row[0] == src.shown(g, lang)
        for name in names:
            f = P.FIGURE[name]
            unit = {"euros": " (€)", "cents": " (€)", "return": " (%)"}.get(f.fmt, "")
            cell = row[head.index(f.label(lang) + unit)]
            want = t.value(g, name)
            if np.isnan(want):
                assert cell is None
            else:
                # Rounded to the decimals the sheet keeps for this kind of figure.
                assert cell == pytest.approx(want, abs=0.5 * 10 ** -DECIMALS[f.fmt] + 1e-9), (
                    name,
                    g,
                )
    # The runs sheet holds each seed's net result against the baseline; its median is the
    # figure shown.
    runs = wb[{"en": "runs", "nl": "runs"}[lang]]
    rhead = [c.value for c in runs[1]]
    col = rhead.index(P.FIGURE["net_vs_baseline"].label(lang) + " (€)")
    nets = [
        r[col]
        for r in runs.iter_rows(min_row=2, values_only=True)
        if r[0] == src.shown("bought followers", lang)
    ]
    assert np.median(nets) == pytest.approx(
        t.value("bought followers", "net_vs_baseline"), abs=0.01
    )


def test_return_on_spend_has_the_sign_of_the_net_result_against_the_baseline(study):
    t = study["src"].table
    arm = "bought followers"
    net, roi = t.value(arm, "net_vs_baseline"), t.value(arm, "return_on_spend")
    spend = t.value(arm, "cost")
    assert spend >= P.MIN_SPEND  # €20 per 1,000 followers: a spend worth a percentage
    assert np.sign(roi) == np.sign(net) != 0
    assert roi == pytest.approx(net / spend)
    for lang in ("en", "nl"):
        shown = P.cell(t, arm, "return_on_spend", lang)
        assert np.sign(_number(shown, lang)) == np.sign(net)
        rows = {r[0]: r[1:] for r in _deck_table(study["files"][lang][1])}
        assert rows[P.FIGURE["return_on_spend"].label(lang)][1] == shown


def test_the_terminal_and_the_verdict_quote_the_same_figures(study):
    src, out = study["src"], " ".join(study["terminal"].split())
    t = src.table
    for name in ("real_reach_per_post", "net_vs_baseline", "return_on_spend", "purchases"):
        for g in t.groups:
            assert " ".join(P.cell(t, g, name, "en").split()) in out, (name, g)
    verdict = P.verdict(
        t, "bought followers", "en", src.shown("bought followers", "en"), src.shown("organic", "en")
    )
    assert verdict in out
    assert "while the bought followers were there" in verdict and "2 of 2" in verdict
    for lang in ("en", "nl"):
        pdf, deck, _ = study["files"][lang]
        v = P.verdict(
            t,
            "bought followers",
            lang,
            src.shown("bought followers", lang),
            src.shown("organic", lang),
        )
        assert " ".join(v.split()) in " ".join(" ".join(_pdf_pages(pdf)[1].split()).split())
        from pptx import Presentation

        first = Presentation(deck).slides[0]
        assert v in " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)


# What Dutch client text must not hold: one list for every report test.
from client_text import ENGLISH, KEY, PATH  # noqa: E402


def _client_text_nl(study) -> list[str]:
    from pptx import Presentation

    pdf, deck, _ = study["files"]["nl"]
    texts = _pdf_pages(pdf)
    for slide in Presentation(deck).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def test_the_dutch_report_is_dutch_and_shows_no_internals(study):
    text = "\n".join(_client_text_nl(study))
    words = set(re.findall(r"[a-z]+", text.lower()))
    assert sorted(words & set(ENGLISH)) == []
    assert KEY.findall(text) == []
    assert "`" not in text
    assert PATH.findall(text) == []
    # Stiff or wrong Dutch the house avoids.
    for phrase in ("uitgangspunt", "netto euro's", "keert het teken om"):
        assert phrase not in text


def test_the_check_catches_english_keys_and_paths():
    # The checks above can fail: they find what they look for.
    sample = "Draai `feedsim sensitivity` op results/organic/days.csv; feed.test_fraction"
    assert KEY.findall(sample) and "`" in sample and PATH.findall(sample)
    assert {"the", "followers"} & set(re.findall(r"[a-z]+", "the bought followers"))


def test_the_folder_keeps_the_catalogue_it_was_reported_from(study):
    # figures.csv, written by the comparison, holds the numbers every surface shows.
    import pandas as pd

    kept = pd.read_csv(study["folder"] / "figures.csv")
    t = study["src"].table
    for row in kept.itertuples():
        want = t.value(row.arm, row.figure)
        assert (np.isnan(want) and np.isnan(row.value)) or row.value == pytest.approx(want)
    assert set(kept["figure"]) == set(t.names())
