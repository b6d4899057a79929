"""`feedsim report` on a plan folder and on a response-curve folder, in English and Dutch, on a
tiny case (the organic shop at 3,000 users over a month, €500 over three levers).

Each gets a PDF, a deck and a spreadsheet; the verdict, the plan table and the curve table are the
catalogue's own text (:mod:`sim.base.presented_plan`), identical in the PDF and the deck; every
cost shows its source or the word assumption; the Dutch client text holds no English, parameter
key, backtick or file path.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from client_text import deck_texts, pdf_pages, problems, report_texts

REPO = Path(__file__).resolve().parents[2]
ORGANIC = REPO / "scenarios" / "organic.toml"
SMALL = (
    "--set",
    "audience.users=3000",
    "--set",
    "brand.initial_followers=200",
    "--months",
    "1",
    "--workers",
    "1",
)
TODAY = dt.date(2026, 12, 6)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def studies(tmp_path_factory, feedsim):
    out = tmp_path_factory.mktemp("planreport") / "results"
    plan = feedsim(
        "plan",
        ORGANIC,
        *SMALL,
        "--budget",
        "500",
        "--goal",
        "purchases",
        "--lever",
        "boost,giveaway,posts",
        "--trials",
        "5",
        "--seeds",
        "0-0",
        "--test-seeds",
        "40-41",
        "--out",
        out,
        "--name",
        "p",
        "--no-charts",
        "--quiet",
    )
    assert plan.returncode == 0, plan.stderr
    curves = feedsim(
        "curves",
        ORGANIC,
        *SMALL,
        "--lever",
        "boost,posts",
        "--budget",
        "0:400",
        "--points",
        "2",
        "--seeds",
        "2",
        "--out",
        out,
        "--name",
        "c",
        "--no-charts",
        "--quiet",
    )
    assert curves.returncode == 0, curves.stderr
    return {"plan": out / "p", "curves": out / "c", "out": out}


@pytest.fixture(scope="module")
def reports(studies, feedsim):
    from sim.present.report import write_report

    made = {}
    for kind in ("plan", "curves"):
        for lang in ("en", "nl"):
            made[(kind, lang)] = write_report(
                studies[kind], lang, out=studies["out"] / f"{kind}-{lang}", today=TODAY
            )
    # The command a strategist types reports into the folder itself.
    typed = feedsim("report", studies["plan"], "--lang", "nl")
    assert typed.returncode == 0, typed.stderr
    return made


def test_the_registry_knows_a_plan_and_a_curve_folder(studies):
    from sim.present.folders import kind_of

    assert kind_of(studies["plan"]).name == "plan"
    assert kind_of(studies["curves"]).name == "curves"


@pytest.mark.parametrize("kind", ["plan", "curves"])
def test_each_gets_a_pdf_a_deck_and_a_spreadsheet_with_its_charts(reports, kind):
    from openpyxl import load_workbook

    for lang in ("en", "nl"):
        pdf, deck, xlsx = reports[(kind, lang)]
        assert [p.name for p in (pdf, deck, xlsx)] == [
            f"report-{lang}.pdf",
            f"report-{lang}.pptx",
            f"tables-{lang}.xlsx",
        ]
        assert len(pdf_pages(pdf)) >= 4
        stem = kind if lang == "en" else f"{kind}_{lang}"
        assert (pdf.parent / f"charts-{lang}" / f"{stem}.png").stat().st_size > 0
        names = load_workbook(xlsx).sheetnames
        assert ("costs" if lang == "en" else "kosten") in names


def test_the_verdict_and_the_table_are_the_catalogues_own_text_on_every_page(studies, reports):
    from sim.base import presented_plan as pp
    from sim.present.report.plan import verdict

    folder = studies["plan"]
    table = pd.read_csv(folder / "plans.csv")
    said = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    for lang in ("en", "nl"):
        pdf, deck, _ = reports[("plan", lang)]
        sentence = verdict(table, said, lang)
        pages, slides = _flat(" ".join(pdf_pages(pdf))), deck_texts(deck)
        assert _flat(sentence) in pages
        assert any(_flat(sentence) in _flat(s) for s in slides)
        for plan in table["plan"]:
            for name in ("purchases", "net_euros", "spent", "wins"):
                cell = pp.cell(table, plan, name, lang)
                assert cell in slides, (lang, plan, name, cell)  # a table cell of the deck
                assert _flat(cell) in pages, (lang, plan, name, cell)
        # The terminal's verdict is the same sentence with the commands to run next.
        full = said[lang]
        assert full.startswith(sentence[:-1]) and "`feedsim" in full and "`" not in sentence


def test_every_cost_shows_its_source_or_the_word_assumption(studies, reports):
    from sim.studies.plan.costs import cost_model

    for kind in ("plan", "curves"):
        for lang in ("en", "nl"):
            slides = deck_texts(reports[(kind, lang)][1])
            levers = ["boost", "giveaway", "posts"] if kind == "plan" else ["boost", "posts"]
            for lever in [*levers, "buy"]:
                said = cost_model(lever, lang)
                assert said in slides, (kind, lang, lever)
                word = "aanname" if lang == "nl" else "assumption"
                assert word in said or "Times" in said, said


def test_the_curve_table_is_the_gain_run_by_run_from_the_catalogue(studies, reports):
    from sim.base import presented_plan as pp

    runs = pd.read_csv(studies["curves"] / "curves.csv")
    for lang in ("en", "nl"):
        slides = deck_texts(reports[("curves", lang)][1])
        _, mean, lo, hi = pp.curve_gain(runs, "buy", "purchases")
        assert pp.curve_text("purchases", mean, lo, hi, lang, sign=True) in slides
        # The gain is against the same seed with no money: seed by seed, not mean minus mean.
        bought = runs[runs["lever"] == "buy"]
        top = bought[bought["spent"] == bought["spent"].max()]
        base = bought[bought["spent"] == 0]
        assert len(top) == len(base) == 2
        want = top.set_index("seed")["purchases"] - base.set_index("seed")["purchases"]
        assert mean == pytest.approx(want.mean()) and lo == want.min() and hi == want.max()


@pytest.mark.parametrize("kind", ["plan", "curves"])
def test_the_dutch_report_is_dutch_and_shows_no_internals(reports, kind):
    pdf, deck, _ = reports[(kind, "nl")]
    found = {k: v for k, v in problems("\n".join(report_texts(pdf, deck))).items() if v}
    assert found == {}
    # The check can fail: the English report holds English words.
    en = problems("\n".join(report_texts(*reports[(kind, "en")][:2])))
    assert en["english"]


def test_an_unfinished_plan_is_refused_in_words(studies, tmp_path, feedsim):
    half = tmp_path / "half"
    half.mkdir()
    shutil.copy(studies["plan"] / "plan.toml", half / "plan.toml")
    done = feedsim("report", half)
    assert done.returncode != 0
    assert "has not finished" in done.stderr and "Traceback" not in done.stderr


def test_the_spreadsheet_names_plans_and_levers_as_the_report_does(studies, reports):
    # The Dutch sheets once held plans.csv as kept: "best", "boost_euros", "purchases_mean".
    from openpyxl import load_workbook

    from sim.base import presented_plan as pp
    from sim.studies.plan.levers import LEVERS

    table = pd.read_csv(studies["plan"] / "plans.csv")
    for lang, plan_col, mean in (("en", "plan", "mean"), ("nl", "plan", "gemiddelde")):
        sheet = load_workbook(reports[("plan", lang)][2], read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        head = list(rows[0])
        names = [r[head.index(plan_col)] for r in rows[1:]]
        assert names == [
            pp.plan_words(p, lang)[:1].upper() + pp.plan_words(p, lang)[1:] for p in table["plan"]
        ]
        purchases = f"{pp.FIGURE['purchases'].label(lang).capitalize()}, {mean}"
        col = head.index(purchases)
        assert [r[col] for r in rows[1:]] == pytest.approx(list(table["purchases_mean"]), abs=1e-3)
        boost = LEVERS["boost"].label(lang)
        assert f"{boost[:1].upper()}{boost[1:]} (€)" in head
        assert not [h for h in head if "_" in str(h)], head  # no column kept as a key
