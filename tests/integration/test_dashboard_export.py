"""A strategy session exported from the dashboard ("Add to report") is a comparison folder that
`feedsim report` turns into the PDF, the deck and the spreadsheet in both languages."""

from __future__ import annotations

import struct

import pandas as pd
import pytest

from sim.dashboard import saving
from sim.dashboard import whatif as wi
from sim.scenario import resolve

SEEDS = [0, 1]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    base = resolve(
        {
            "name": "shop",
            "days": 40,
            "seed": 1,
            "audience": {"users": 3000},
            "brand": {"initial_followers": 200},
        },
        source="test",
    )
    plans = [
        wi.Plan(wi.levers_of(base).with_(giveaway=True), "Winactie"),
        wi.Plan(wi.levers_of(base).with_(buy=True, buy_count=2_000)),
    ]
    session = wi.run_session(base, plans, SEEDS)
    folder = tmp_path_factory.mktemp("session") / "report"
    return session, saving.export_comparison(session, folder, lang="nl")


def test_the_folder_has_the_shape_compare_writes(exported):
    from sim.present.report.source import folder_kind

    session, folder = exported
    assert folder_kind(folder) == "comparison"
    days = pd.read_csv(folder / "days.csv")
    assert list(dict.fromkeys(days["arm"])) == ["Baseline", "Winactie", session.labels("en")[1]]
    assert sorted(days["seed"].unique()) == SEEDS
    figures = pd.read_csv(folder / "figures.csv").set_index(["arm", "figure"])
    # The numbers the page showed are the numbers the report quotes.
    shown = session.table("en")
    assert figures.loc[("Winactie", "real_reach_per_post"), "value"] == shown.value(
        "Winactie", "real_reach_per_post"
    )
    with pytest.raises(FileExistsError):
        saving.export_comparison(session, folder)


def test_slides_are_1920_by_1080(exported):
    _, folder = exported
    slides = sorted((folder / "slides").glob("*.png"))
    assert [p.stem for p in slides] == sorted(["followers", "real_reach", "kaushik", "net"])
    for p in slides:
        width, height = struct.unpack(">II", p.read_bytes()[16:24])  # the PNG header
        assert (width, height) == (1920, 1080)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_it_reports_in_both_languages(exported, lang, tmp_path):
    from sim.present.report import write_report

    _, folder = exported
    paths = write_report(folder, lang=lang, out=tmp_path / lang)
    assert {p.suffix for p in paths} == {".pdf", ".pptx", ".xlsx"}
    assert all(p.stat().st_size > 1000 for p in paths)
