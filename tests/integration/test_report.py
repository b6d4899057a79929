"""Reports of a run, a comparison and a sweep folder (sim.present.report): the numbers they show are
the folders' own, in each language, in the PDF, the deck and the spreadsheet alike."""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from concurrent.futures import Future
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.base import presented
from sim.base.l10n import money

TODAY = dt.date(2026, 11, 22)

RUN_TOML = """\
name = "shop_buys"
description = "A small shop buys 300 followers"
days = 30
seed = 3
[audience]
users = 2000
[brand]
initial_followers = 100
[strategies.buy]
days = [5]
count = 300
"""


class InlinePool:
    """An executor that runs each task when it is submitted (no worker processes)."""

    workers = 1
    label = "inline"

    def submit(self, fn, *args) -> Future:
        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut

    def wait_any(self, futures, timeout=None):
        return set(futures), set()

    @staticmethod
    def outcome(fut):
        return fut.result()

    def close(self, cancel: bool = False) -> None:
        pass


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    from sim.engine import results
    from sim.engine.runner import run
    from sim.scenario import resolve

    sc = resolve(tomllib.loads(RUN_TOML), source="run.toml")
    folder = tmp_path_factory.mktemp("run") / "shop"
    results.write(run(sc, seed=3), folder)
    return folder


@pytest.fixture(scope="module")
def comparison_folder(tmp_path_factory) -> Path:
    """A comparison as the organic-versus-bought study writes one: tidy days.csv (arm, seed),
    summary.csv (per arm: mean of each run figure over seeds) and comparison.toml."""
    import tomli_w

    from sim.engine.runner import run
    from sim.scenario import resolve

    base = tomllib.loads(RUN_TOML)
    arms = {
        "organic": resolve({**base, "strategies": {}}, source="organic"),
        "buy 300": resolve(base, source="buy"),
    }
    frames, sums = [], []
    for seed in (0, 1):
        for arm, sc in arms.items():
            r = run(sc, seed=seed)
            frames.append(r.days.assign(arm=arm, seed=seed))
            sums.append({"arm": arm, "seed": seed, **r.summary()})
    folder = tmp_path_factory.mktemp("cmp") / "organic_vs_buy"
    folder.mkdir()
    days = pd.concat(frames, ignore_index=True)
    days.insert(0, "seed", days.pop("seed"))
    days.insert(0, "arm", days.pop("arm"))
    days.to_csv(folder / "days.csv", index=False)
    means = pd.DataFrame(sums).drop(columns="seed").groupby("arm", sort=False).mean()
    means.columns = [f"{c}_mean" for c in means.columns]
    means.reset_index().to_csv(folder / "summary.csv", index=False)
    (folder / "comparison.toml").write_text(
        tomli_w.dumps({"arms": list(arms), "baseline": "organic", "seeds": 2})
    )
    return folder


@pytest.fixture(scope="module")
def sweep_folder(tmp_path_factory) -> Path:
    from sim.scenario import resolve
    from sim.studies import sweep

    base = resolve({"name": "tiny", **tomllib.loads(RUN_TOML)}, source="tiny")
    spec = sweep.make_spec(base, {"strategies.buy.count": [0, 300]}, seeds=2, name="sw")
    folder = tmp_path_factory.mktemp("sweep") / "sw"
    sweep.run_sweep(spec, folder, pool=InlinePool(), progress=False)
    return folder


def _close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------
# The key figures equal the folders' own tables
# ---------------------------------------------------------------------------------------------


def test_run_figures_equal_the_run_tables(run_folder):
    from sim.engine import results
    from sim.present.report.source import read_folder

    r = results.read(run_folder)
    s, last = r.summary(), r.days.iloc[-1]
    src = read_folder(run_folder, draw=False)
    f = src.figures.iloc[0]
    assert _close(f["net_revenue"], s["net_revenue"])
    assert _close(f["economic_value"], s["revenue"])
    assert _close(f["cost"], s["cost"]) and f["purchases"] == s["purchases"]
    # A typical post: the median over the days with a post of the day's reach per post.
    posted = r.days[r.days["posts"] > 0]["real_reach_per_post"]
    assert _close(f["real_reach_per_post"], float(posted.median()))
    if r.days["posts"].max() <= 1:
        assert _close(f["real_reach_per_post"], s["median_real_reach_per_post"])
    assert _close(f["cost_per_engaged_real_follower"], last["cost_per_engaged_real_follower"])
    assert _close(f["conversation"], r.posts["comments"].mean())
    assert _close(f["amplification"], r.posts["shares"].mean())
    assert _close(f["applause"], r.posts["likes"].mean())
    assert f["followers_end"] == s["followers_end"]
    assert f["real_followers_end"] == s["followers_real_end"]
    # Without a baseline there is no extra value to measure a return on: none is presented.
    assert "return_on_spend" not in src.table.names()


def test_comparison_figures_equal_its_summary_table(comparison_folder):
    from sim.present.report.source import read_folder

    src = read_folder(comparison_folder, draw=False)
    summary = pd.read_csv(comparison_folder / "summary.csv").set_index("arm")
    assert list(src.figures.index) == ["organic", "buy 300"] and src.baseline == "organic"
    # Two seeds: the median of two runs is their mean, the folder's own statistic here; whole
    # counts are shown whole.
    pairs = {
        "net_revenue": "net_revenue_mean",
        "economic_value": "revenue_mean",
        "cost": "cost_mean",
        "purchases": "purchases_mean",
        "followers_end": "followers_end_mean",
        "real_followers_end": "followers_real_end_mean",
    }
    for arm in src.figures.index:
        for ours, theirs in pairs.items():
            want = summary.loc[arm, theirs]
            if presented.FIGURE[ours].whole:
                want = presented.whole(want)
            assert _close(src.figures.loc[arm, ours], want), (arm, ours)
    assert math.isnan(src.figures.loc["organic", "return_on_spend"])  # organic spends nothing
    # Against the baseline on the same seeds: the difference of the two arms' net results.
    assert src.figures.loc["organic", "net_vs_baseline"] == 0
    net = src.figures.loc["buy 300", "net_vs_baseline"]
    assert _close(
        net, summary.loc["buy 300", "net_revenue_mean"] - summary.loc["organic", "net_revenue_mean"]
    )
    roi = src.figures.loc["buy 300", "return_on_spend"]
    spend = summary.loc["buy 300", "cost_mean"]
    if spend >= presented.MIN_SPEND:
        assert np.sign(roi) == np.sign(net) and _close(roi, net / spend)
    else:
        assert math.isnan(roi)


def test_verdicts_beyond_the_first_ones_are_said_to_be_in_the_key_figures(
    sweep_folder, monkeypatch
):
    # Verdicts past the sixth were left out of the summary without a word.
    from sim.present.report import text
    from sim.present.report.source import read_folder

    src = read_folder(sweep_folder, draw=False)
    assert len(text.verdicts(src, "en")) == 1  # one point against the baseline
    monkeypatch.setattr(text, "VERDICTS", 0)
    assert text.verdicts(src, "en") == ["The key figures give the other 1."]
    assert text.verdicts(src, "nl") == ["De kerncijfers geven de andere 1."]


def test_sweep_figures_equal_its_summary_table(sweep_folder):
    from sim.present.report.source import read_folder

    src = read_folder(sweep_folder, draw=False)
    summary = pd.read_csv(sweep_folder / "summary.csv")
    assert list(src.figures.index) == ["count = 0", "count = 300"]
    # Grid points are shown in words, never as a parameter key.
    assert src.shown("count = 300", "en") == "followers bought per package: 300"
    for (_, row), point in zip(summary.iterrows(), src.figures.index, strict=True):
        f = src.figures.loc[point]
        assert _close(f["net_revenue"], row["net_revenue_mean"])
        assert _close(f["economic_value"], row["revenue_mean"])
        assert _close(f["real_followers_end"], presented.whole(row["followers_real_end_mean"]))
    # The purchase shows: more followers, fewer of them real.
    assert src.figures["followers_end"].iloc[1] > src.figures["followers_end"].iloc[0]


# ---------------------------------------------------------------------------------------------
# What the files show
# ---------------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def _deck_text(path: Path) -> list[str]:
    from pptx import Presentation

    out = []
    for slide in Presentation(path).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        out.append(" ".join(" ".join(parts).split()))
    return out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_run_report_shows_the_folders_numbers_in_each_language(run_folder, tmp_path, lang):
    from sim.engine import results
    from sim.present.report import write_report
    from sim.present.report.source import read_folder

    r = results.read(run_folder)
    s = r.summary()
    pdf, deck, xlsx = write_report(run_folder, lang, out=tmp_path, today=TODAY)
    assert (pdf.name, deck.name, xlsx.name) == (
        f"report-{lang}.pdf",
        f"report-{lang}.pptx",
        f"tables-{lang}.xlsx",
    )
    src = read_folder(run_folder, draw=False)
    t, g = src.table, src.table.groups[0]
    net = presented.cell(t, g, "net_revenue", lang)
    reach = presented.cell(t, g, "real_reach_per_post", lang)
    followers = presented.cell(t, g, "followers_end", lang)
    assert net == money(s["net_revenue"], lang)
    words = {
        "en": (
            "Summary",
            "Key figures",
            "Assumptions behind the result",
            "22 November 2026",
            "net result",
        ),
        "nl": (
            "Samenvatting",
            "Kerncijfers",
            "Aannames achter de uitkomst",
            "22 november 2026",
            "nettoresultaat",
        ),
    }[lang]
    for pages in (_pdf_text(pdf), _deck_text(deck)):
        text = " ".join(pages)
        if lang == "en":
            assert "A small shop buys 300 followers" in pages[0]  # the description
        for w in words:
            assert w in text, w
        for figure in (net, reach, followers):
            assert " ".join(figure.split()) in text, figure
        # The assumptions in plain words; their keys and sources are in the spreadsheet.
        assert "feed.test_fraction" not in text
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)[{"en": "assumptions", "nl": "aannames"}[lang]]
    assert "feed.test_fraction" in [c.value for c in sheet["A"]]
    pdf_pages = _pdf_text(pdf)
    key_page = next(p for p in pdf_pages if words[1] in p)
    assert " ".join(net.split()) in key_page
    assert len(pdf_pages) >= 5  # title, summary, key figures, chart, assumptions


def test_dutch_and_english_reports_differ_only_in_language(run_folder):
    from sim.present.report.assumptions import assumptions
    from sim.present.report.document import build
    from sim.present.report.source import read_folder

    src = read_folder(run_folder, draw=False)
    a = assumptions(src)
    en, nl = build(src, a, "en", TODAY), build(src, a, "nl", TODAY)
    # No Dutch description: the Dutch title is the scenario's name, never the English text.
    assert en.title == "A small shop buys 300 followers" and nl.title == "Shop buys"
    assert len(en.summary) == len(nl.summary)
    assert en.key_figures[0][0] == ["key figure", "value", "what it means"]
    assert nl.key_figures[0][0] == ["kerncijfer", "waarde", "wat het betekent"]
    # Same figures, each written in its language: the Dutch swaps the separators.
    row_en = next(r for r in en.key_figures[0] if r[0] == "real reach per post")
    row_nl = next(r for r in nl.key_figures[0] if r[0] == "echt bereik per post")
    assert row_en[1].replace(",", "") == row_nl[1].replace(".", "")


@pytest.mark.parametrize("kind", ["run", "sweep"])
def test_dutch_run_and_sweep_reports_hold_no_english_keys_or_paths(
    kind, run_folder, sweep_folder, tmp_path
):
    # The same checks as the comparison's (tests/integration/test_one_truth.py), on the other
    # kinds of folder a report is made of.
    from test_one_truth import ENGLISH, KEY, PATH

    from sim.present.report import write_report

    folder = run_folder if kind == "run" else sweep_folder
    pdf, deck, _ = write_report(folder, "nl", out=tmp_path, today=TODAY)
    from pptx import Presentation

    texts = _pdf_text(pdf)
    for slide in Presentation(deck).slides:
        texts += [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        texts += [
            c.text
            for sh in slide.shapes
            if sh.has_table
            for row in sh.table.rows
            for c in row.cells
        ]
        texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
    text = "\n".join(texts)
    # The run's own name is its title when it has no Dutch one: leave it out of the check.
    text = text.replace("Shop buys", "").replace("shop_buys", "")
    assert sorted(set(re.findall(r"[a-z]+", text.lower())) & set(ENGLISH)) == []
    assert KEY.findall(text) == [] and "`" not in text and PATH.findall(text) == []


@pytest.mark.parametrize("kind", ["comparison", "sweep"])
def test_group_reports_show_one_column_per_arm_or_point(
    kind, comparison_folder, sweep_folder, tmp_path
):
    from sim.present.report import write_report
    from sim.present.report.source import read_folder

    folder = comparison_folder if kind == "comparison" else sweep_folder
    src = read_folder(folder, draw=False)
    pdf, deck, _ = write_report(folder, "nl", out=tmp_path, today=TODAY)
    text = " ".join(_pdf_text(pdf))
    deck_text = " ".join(_deck_text(deck))
    for group in src.figures.index:
        net = " ".join(presented.cell(src.table, group, "net_revenue", "nl").split())
        assert src.shown(group, "nl") in text and net in text and net in deck_text
    assert "mediaan van 2 runs" in text
    # Every sheet names the arms or points as the report does (the day sheet once kept the
    # folder's labels, "bought followers" beside "5.000 volgers kopen").
    from openpyxl import load_workbook

    shown = {src.shown(g, "nl") for g in src.figures.index}
    wb = load_workbook(tmp_path / "tables-nl.xlsx", read_only=True)
    for name in ("samenvatting", "runs", "dagen"):
        rows = list(wb[name].iter_rows(values_only=True))
        assert {r[0] for r in rows[1:]} == shown, name


def test_deck_shapes_stay_on_their_slides(run_folder, tmp_path):
    from pptx import Presentation

    from sim.present.report import write_report

    _, deck, _ = write_report(run_folder, "en", out=tmp_path, today=TODAY)
    prs = Presentation(deck)
    pictures = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width, shape.name
            if shape.has_table:  # a table's height grows with its text: judge its rows
                continue
            assert shape.top + shape.height <= prs.slide_height, shape.name
            pictures += shape.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
    assert pictures == len(list(run_folder.glob("*.png")))
    # Every chart slide is titled with its takeaway and explained in its speaker notes.
    charts = [sl for sl in prs.slides if any(sh.shape_type == 13 for sh in sl.shapes)]
    for slide in charts:
        assert slide.shapes.title.text_frame.text.strip()
        assert "Dotted lines" in slide.notes_slide.notes_text_frame.text


def test_the_spreadsheet_holds_numbers_with_formats_and_translated_headers(run_folder, tmp_path):
    from openpyxl import load_workbook

    from sim.engine import results
    from sim.present.report import write_export

    r = results.read(run_folder)
    s = r.summary()
    path = write_export(run_folder, "nl", out=tmp_path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["samenvatting", "dagen", "posts"]
    summary = wb["samenvatting"]
    head = [c.value for c in summary[1]]
    net = summary.cell(row=2, column=head.index("nettoresultaat (€)") + 1)
    assert isinstance(net.value, (int, float)) and net.value == round(s["net_revenue"], 2)
    assert "€" in net.number_format
    days = wb["dagen"]
    head = [c.value for c in days[1]]
    col = head.index("betrokkenheid per volger (%)") + 1
    cell = days.cell(row=2 + 10, column=col)
    assert cell.number_format == "0.00##%"
    assert cell.value == pytest.approx(round(r.days["engagement_rate_follower"].iloc[10], 6))
    # A tactic's own counter has its catalogue label too, and no unit said twice.
    assert "gekochte volgers geleverd" in head and "volgers (gekocht)" in head
    assert days.max_row == len(r.days) + 1
    assert wb["posts"].max_row == len(r.posts) + 1


def test_the_scenario_lang_is_the_default_language(tmp_path):
    from sim.engine import results
    from sim.engine.runner import run
    from sim.present.report import write_export
    from sim.scenario import resolve

    sc = resolve({**tomllib.loads(RUN_TOML), "days": 8, "lang": "nl"}, source="nl.toml")
    folder = tmp_path / "nl_run"
    results.write(run(sc, seed=0), folder)
    assert write_export(folder).name == "tables-nl.xlsx"
    assert write_export(folder, lang="en").name == "tables-en.xlsx"


def test_the_assumptions_page_uses_a_sensitivity_study_when_there_is_one(run_folder, tmp_path):
    from sim.present.report.assumptions import assumptions
    from sim.present.report.source import read_folder
    from sim.present.report.text import assumption_rows

    src = read_folder(run_folder, draw=False)
    study = tmp_path / "study"
    study.mkdir()
    rows = []
    for rank, (key, mu) in enumerate(
        [("feed.test_threshold", -40.0), ("behaviour.like", 25.0)], start=1
    ):
        rows.append(
            {
                "metric": "mean_real_reach_per_post",
                "quantity": "effect on real reach per post (bought − organic)",
                "method": "morris",
                "rank": rank,
                "key": key,
                "label": key.split(".")[1],
                "value": 0.1,
                "low": 0.05,
                "high": 0.15,
                "integer": False,
                "source": "assumption",
                "influence": abs(mu),
                "mu": mu,
                "flip_share": 0.25 if rank == 1 else 0.0,
            }
        )
    pd.DataFrame(rows).to_csv(study / "sensitivity.csv", index=False)
    a = assumptions(src, sensitivity=study)
    assert a.mode == "sensitivity"
    table = assumption_rows(a, "nl")
    # As the study's own report words the same row (one function writes both).
    assert table[1][:3] == [
        "Het effect van de tactiek op echt bereik per post",
        "1",
        "Lat die een post in de eerste test moet halen",
    ]
    assert table[1][4] == "verlaagt het cijfer" and table[2][4] == "verhoogt het cijfer"
    assert table[1][5] == "25%"
    assert assumptions(src).mode == "preset"  # without a study: the preset's assumptions


def test_a_folder_that_is_no_result_is_refused_with_what_it_lacks(tmp_path):
    from sim.present.report import ReportError, write_report

    with pytest.raises(ReportError, match="not a run folder.*feedsim run"):
        write_report(tmp_path)
    with pytest.raises(ReportError, match="is not a folder"):
        write_report(tmp_path / "missing")


def test_key_figures_of_a_run_without_spending_say_so(run_folder):
    days = pd.read_csv(run_folder / "days.csv").assign(cost=0.0)
    t = presented.for_run(days, "shop")
    assert t.value("shop", "net_revenue") == t.value("shop", "economic_value")
    assert presented.cell(t, "shop", "cost_per_engaged_real_follower", "nl") == "geen uitgaven"
    assert np.isfinite(t.value("shop", "real_reach_per_post"))


# ---------------------------------------------------------------------------------------------
# The command as a user types it, and the pages as a reader sees them
# ---------------------------------------------------------------------------------------------


def test_feedsim_report_and_export_from_the_command_line(feedsim, run_folder, tmp_path):
    out = tmp_path / "out"
    done = feedsim("report", run_folder, "--lang", "nl", "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        str(out / n) for n in ("report-nl.pdf", "report-nl.pptx", "tables-nl.xlsx")
    ]
    done = feedsim("export", run_folder, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out / "tables-en.xlsx")
    bad = feedsim("report", tmp_path)
    assert bad.returncode == 2 and "not a run folder" in bad.stderr
    bad = feedsim("report", run_folder, "--lang", "de")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


@pytest.mark.skipif(
    __import__("shutil").which("pdftoppm") is None,
    reason="pdftoppm (poppler-utils) renders the PDF pages",
)
def test_pdf_pages_render_to_images_with_ink_where_the_content_is(run_folder, tmp_path):
    import subprocess

    from PIL import Image

    from sim.present.report import write_report

    pdf, _, _ = write_report(run_folder, "nl", out=tmp_path, today=TODAY)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(_pdf_text(pdf))
    for page in pages:
        img = np.asarray(Image.open(page).convert("L"), dtype=float)
        assert img.shape[1] > img.shape[0]  # landscape
        ink = img < 200
        assert ink.mean() > 0.003, page.name  # not blank
        # Nothing drawn past the right or bottom margin: the outer 2% of the page stays white.
        edge = max(1, int(0.02 * img.shape[1]))
        assert not ink[:, -edge:].any() and not ink[-edge:, :].any(), page.name
