"""A report for every folder feedsim writes: a sensitivity study, an explanation, a calibration, a
plausible-worlds study and a what-if saved from the dashboard, each on a tiny case (2,000 users, 40
days, 2 seeds). Each gets a PDF, a deck and a spreadsheet in English and Dutch; the Dutch client
text holds no English, parameter key, backtick, file path or code name; each summary says the
study's answer in the study's own numbers; and the report of a comparison quotes its
plausible-worlds study, or, without one, names the structural choices it rests on.
"""

from __future__ import annotations

import datetime as dt

import pytest
from client_text import deck_texts, pdf_pages, problems, report_texts

TODAY = dt.date(2026, 11, 22)
KINDS = ("sensitivity", "explain", "worlds", "calibration", "whatif")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def folders(tmp_path_factory, feedsim, shop_pair):
    """One finished folder of every study kind, and a saved what-if with its runs."""
    pytest.importorskip("SALib")
    from sim.dashboard import saving
    from sim.dashboard import whatif as wi
    from sim.scenario import resolve
    from sim.studies.calibrate import synthetic

    tmp = tmp_path_factory.mktemp("kinds")
    bought, shop = shop_pair(tmp)
    out = tmp / "results"
    common = ("--seeds", "2", "--workers", "1", "--out", out)
    # The explanation's scenarios have titles, as the shipped ones do: its pages name them.
    titled = {}
    for path, en, nl in (
        (bought, "Buying 500 followers", "500 volgers kopen"),
        (shop, "Organic growth", "Organische groei"),
    ):
        titled[path] = tmp / f"{path.stem}_titled.toml"
        titled[path].write_text(
            f'title = "{en}"\ntitle_nl = "{nl}"\n' + path.read_text("utf-8"), encoding="utf-8"
        )
    runs = [
        (
            "explain",
            titled[bought],
            titled[shop],
            "--metric",
            "mean_real_reach_per_post",
            "net_revenue",
            "--name",
            "exp",
            *common,
        ),
        (
            "sensitivity",
            bought,
            "--baseline",
            shop,
            "--trajectories",
            "2",
            "--only",
            "feed.test_score,feed.test_fraction",
            "--metric",
            "mean_real_reach_per_post",
            "--name",
            "sens",
            *common,
        ),
        (
            "worlds",
            bought,
            shop,
            "--only",
            "feed.test_score,discovery.enabled",
            "--name",
            "wld",
            *common,
        ),
    ]
    for args in runs:
        done = feedsim(*args)
        assert done.returncode == 0, done.stderr
    export = synthetic.synthetic_export(
        synthetic.make_base(followers=300, days=28),
        {},
        seed=5,
        path=tmp / "posts.csv",
        lang="nl",
        account="kaaswinkel",
    )
    done = feedsim(
        "calibrate",
        export,
        "--platform",
        "instagram",
        "--sims",
        "50",
        "--replicates",
        "2",
        "--refine",
        "2",
        "--workers",
        "1",
        "--out",
        out,
    )
    assert done.returncode == 0, done.stderr
    calibration = next((out / "kaaswinkel-calibration").iterdir())
    base = resolve(
        {
            "name": "shop",
            "days": 40,
            "seed": 1,
            "audience": {"users": 2000},
            "brand": {"initial_followers": 100},
        },
        source="test",
    )
    # A what-if session as the page's "Add to report" writes it: a comparison folder.
    session = wi.run_session(
        base, [wi.Plan(wi.levers_of(base).with_(buy=True, buy_count=500), "Buy 500")], [0, 1]
    )
    whatif = saving.export_comparison(session, tmp / "saved" / "whatif", slides=False)
    return {
        "explain": out / "exp",
        "sensitivity": out / "sens",
        "worlds": out / "wld",
        "calibration": calibration,
        "whatif": whatif,
        "session": session,
        "tmp": tmp,
    }


@pytest.fixture(scope="module")
def reports(folders):
    from sim.present.report import write_report

    return {
        (k, lang): write_report(folders[k], lang, out=folders["tmp"] / f"{k}-{lang}", today=TODAY)
        for k in KINDS
        for lang in ("en", "nl")
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_gets_a_pdf_a_deck_and_a_spreadsheet(reports, kind):
    from openpyxl import load_workbook

    for lang in ("en", "nl"):
        pdf, deck, xlsx = reports[(kind, lang)]
        assert [p.name for p in (pdf, deck, xlsx)] == [
            f"report-{lang}.pdf",
            f"report-{lang}.pptx",
            f"tables-{lang}.xlsx",
        ]
        assert len(pdf_pages(pdf)) >= 4  # title, summary, table, a chart or how it was done
        assert load_workbook(xlsx, read_only=True).sheetnames


@pytest.mark.parametrize("kind", KINDS)
def test_the_dutch_report_of_every_kind_shows_no_internals(reports, kind):
    pdf, deck, _ = reports[(kind, "nl")]
    found = problems("\n".join(report_texts(pdf, deck)))
    assert found == {k: [] for k in found}


def test_the_check_finds_what_it_looks_for():
    found = problems(
        "Draai `feedsim worlds` op results/wld/statement.json; feed.test_score "
        "per_view voor the followers"
    )
    assert all(found[k] for k in ("english", "keys", "backticks", "paths", "underscores"))


def test_the_calibration_report_names_the_account_on_its_first_page(folders, reports):
    import tomllib

    meta = tomllib.loads((folders["calibration"] / "calibration.toml").read_text("utf-8"))
    for lang in ("en", "nl"):
        first = _flat(pdf_pages(reports[("calibration", lang)][0])[0])
        assert _flat(f"account {meta['account']}") in first, (lang, first)


def test_the_worlds_report_says_the_studys_own_sentence(folders, reports):
    from sim.studies.worlds import read_statement

    for lang in ("en", "nl"):
        pdf, deck, _ = reports[("worlds", lang)]
        said = _flat(read_statement(folders["worlds"], lang))
        assert said in _flat(pdf_pages(pdf)[1])
        assert said in _flat(" ".join(deck_texts(deck)))


def test_the_explanation_summary_quotes_the_gap_of_its_table(folders, reports):
    from sim.base.l10n import figure_value
    from sim.studies.explain.report import read_table

    table = read_table(folders["explain"])
    total = table[(table["channel"] == "total")].set_index("metric")["mean"]
    for lang in ("en", "nl"):
        pages = pdf_pages(reports[("explain", lang)][0])
        summary = _flat(pages[1])
        for metric, gap in total.items():
            assert _flat(figure_value(metric, float(gap), lang, sign=True)) in summary
        # The cover names what was compared, by the scenarios' titles.
        cover = _flat(pages[0])
        if lang == "en":
            assert "tactic Buying 500 followers" in cover and "baseline Organic growth" in cover
        else:
            assert "tactiek 500 volgers kopen" in cover and "nulmeting Organische groei" in cover
    # The spreadsheet's table in the reader's words: a Dutch sheet once showed explain.csv's
    # own columns and values (metric, channel, "test dilution").
    from openpyxl import load_workbook

    sheet = load_workbook(reports[("explain", "nl")][2], read_only=True)["verklaring"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("cijfer", "deel van het verschil", "bijdrage")
    assert "500 volgers kopen, mediaan" in rows[0] and "Organische groei, mediaan" in rows[0]
    assert {r[0] for r in rows[1:]} == {
        "Echt bereik per post",
        "Opbrengst min kosten van tactieken",
    }
    assert "verdunning van de test" in {r[1] for r in rows[1:]}
    assert len(rows) - 1 == len(table)


def test_the_sensitivity_summary_names_the_top_assumption(folders, reports):
    from sim.studies.sensitivity.report import assumption_words, read_table

    table = read_table(folders["sensitivity"])
    top = table.sort_values("rank").iloc[0]
    for lang in ("en", "nl"):
        summary = _flat(pdf_pages(reports[("sensitivity", lang)][0])[1]).lower()
        assert assumption_words(top["key"], top["label"], lang).lower() in summary


def test_a_saved_whatif_reports_the_catalogues_figures(folders, reports):
    from openpyxl import load_workbook

    t = folders["session"].table("en")
    ws = load_workbook(reports[("whatif", "en")][2], read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index(next(h for h in rows[0] if str(h).startswith("real reach per post")))
    got = {r[0]: r[col] for r in rows[1:]}
    assert len(got) == 2
    shown = {name.lower(): name for name in t.values.index}  # the sheet capitalises names
    for arm, value in got.items():
        expect = t.value(shown[arm.lower()], "real_reach_per_post")
        assert value == pytest.approx(expect, abs=0.5), arm


def test_a_comparison_report_quotes_its_plausible_worlds(folders):
    from pptx import Presentation

    from sim.present.report import write_report
    from sim.studies.worlds import read_statement

    for lang in ("en", "nl"):
        pdf, deck, _ = write_report(
            folders["whatif"],
            lang,
            out=folders["tmp"] / f"w-{lang}",
            today=TODAY,
            worlds=folders["worlds"],
        )
        said = _flat(read_statement(folders["worlds"], lang))
        assert said in _flat(pdf_pages(pdf)[-1])  # the assumptions page
        first = Presentation(deck).slides[0]
        text = _flat(" ".join(s.text_frame.text for s in first.shapes if s.has_text_frame))
        assert said[1:] in text  # the verdict's note (its first letter is lower case there)


def test_without_worlds_the_report_names_what_the_conclusion_rests_on(folders):
    from sim.present.report import write_report
    from sim.scenario.assumptions import BY_KEY

    pdf, deck, _ = write_report(folders["whatif"], "nl", out=folders["tmp"] / "alone", today=TODAY)
    page = _flat(pdf_pages(pdf)[-1]).lower()
    for key in ("feed.test_score", "strategies.buy.bots", "discovery.enabled", "purge"):
        assert BY_KEY[key].title_nl.lower() in page
    assert "nog niet" in page
    found = problems("\n".join(report_texts(pdf, deck)))
    assert found == {k: [] for k in found}


def test_report_names_a_folder_that_is_no_worlds_study(folders, feedsim):
    bad = feedsim(
        "report", folders["whatif"], "--worlds", folders["explain"], "--out", folders["tmp"] / "bad"
    )
    assert bad.returncode == 2 and "plausible-worlds" in bad.stderr
    assert "Traceback" not in bad.stderr
    done = feedsim(
        "report", folders["sensitivity"], "--lang", "nl", "--out", folders["tmp"] / "cli"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0].endswith("report-nl.pdf")


def test_a_worlds_study_beside_the_folder_is_quoted_only_when_it_is_about_its_tactic(folders):
    import shutil

    from sim.present.report.plausible import find_worlds

    beside = folders["whatif"].parent / "wld"
    shutil.copytree(folders["worlds"], beside, dirs_exist_ok=True)
    assert find_worlds(folders["whatif"]) == beside  # any study, when no tactic is named
    assert find_worlds(folders["whatif"], {"the what-if", "shop-whatif"}) is None
    assert find_worlds(folders["whatif"], {"bought"}) == beside


def test_a_structural_choice_shows_its_alternatives_not_a_range(folders):
    from sim.present.report import write_report

    for lang, words in (
        ("en", "per delivery or per view"),
        ("nl", "per aflevering of per weergave"),
    ):
        pdf, deck, _ = write_report(
            folders["whatif"],
            lang,
            out=folders["tmp"] / f"s-{lang}",
            today=TODAY,
            sensitivity=folders["sensitivity"],
        )
        page = _flat(" ".join(pdf_pages(pdf)[-2:]))
        assert words in page and "0 – 1" not in page
        assert "r**k" not in _flat(" ".join(deck_texts(deck)))


def test_the_dashboards_own_picture_does_not_replace_the_story_charts(folders):
    import shutil

    from PIL import Image

    from sim.present.report import write_report

    copy = folders["tmp"] / "pictured" / "whatif"
    shutil.copytree(folders["whatif"], copy)
    Image.new("RGB", (40, 30), "white").save(copy / "whatif.png")  # as the dashboard saves it
    write_report(copy, "en", today=TODAY)
    assert (copy / "real_reach.png").exists() and (copy / "money.png").exists()


def test_export_writes_a_studys_spreadsheet_alone(folders):
    from openpyxl import load_workbook

    from sim.present.report import write_export

    path = write_export(folders["sensitivity"], "nl", out=folders["tmp"] / "export")
    assert path.name == "tables-nl.xlsx"
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) > 1 and not (folders["tmp"] / "export" / "report-nl.pdf").exists()


def test_an_english_report_of_a_folder_drawn_in_dutch_draws_its_charts_in_english(folders):
    # A comparison drawn with --lang nl once gave its Dutch charts to an English report.
    import shutil

    from PIL import Image

    from sim.present.folders import BY_NAME
    from sim.present.report import write_report
    from sim.present.report.source import folder_kind

    copy = folders["tmp"] / "dutch" / "whatif"
    shutil.copytree(folders["whatif"], copy)
    BY_NAME[folder_kind(copy)].draw(copy, lang="nl")  # the folder's own charts speak Dutch
    assert Image.open(copy / "real_reach.png").text["Language"] == "nl"
    out = folders["tmp"] / "dutch-report"
    write_report(copy, "en", out=out, today=TODAY)
    drawn = sorted((out / "charts-en").glob("*.png"))
    assert drawn and all(Image.open(p).text["Language"] == "en" for p in drawn)


@pytest.mark.parametrize(
    "kind, table_file, sheet_en, sheet_nl",
    [
        ("sensitivity", "sensitivity.csv", "assumptions", "aannames"),
        ("worlds", "worlds.csv", "worlds", "werelden"),
        ("explain", "explain.csv", "explanation", "verklaring"),
        ("calibration", "fit.csv", "fit", "schatting"),
        ("calibration", "observed.csv", "observed", "waargenomen"),
    ],
)
def test_a_studys_spreadsheet_is_its_table_in_the_readers_words(
    folders, reports, kind, table_file, sheet_en, sheet_nl
):
    # These sheets once held the folder's own tables: keys for headers ("mu_star",
    # "mean_real_reach_per_post_ratio") and for values ("lower", "per_delivery") in a Dutch
    # workbook. Now every row is there, each header is words, and the numbers are the table's.
    import pandas as pd
    from openpyxl import load_workbook

    table = pd.read_csv(folders[kind] / table_file)
    for lang, name in (("en", sheet_en), ("nl", sheet_nl)):
        rows = list(load_workbook(reports[(kind, lang)][2], read_only=True)[name].values)
        head = [str(h) for h in rows[0]]
        assert len(rows) - 1 == len(table), (kind, lang)
        assert not [h for h in head if "_" in h], (kind, lang, head)
        if lang == "nl":
            words = " ".join(head)
            assert any(w in words for w in ("cijfer", "wereld", "geschat", "gepubliceerd")), head
    if kind == "worlds":
        nl = list(load_workbook(reports[(kind, "nl")][2], read_only=True)[sheet_nl].values)
        direction = next(i for i, h in enumerate(nl[0]) if str(h).startswith("richting"))
        assert {r[direction] for r in nl[1:]} <= {"lager", "hoger", "gelijk"}
        assert [r[0] for r in nl[1:]] == list(table["world"])
