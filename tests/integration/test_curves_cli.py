"""`feedsim curves` end to end through the command line, on a tiny case: the organic shop at
4,000 users and 60 days, two levers at three amounts, two seeds.

Checks the folder and its files, that every curve starts at the same base runs (common random
numbers), that bought followers stand beside the levers at the same money, that the same
command resumes, that another study gets a new folder (never written over), the Dutch chart, and
a clear refusal of a lever that does not exist.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
ORGANIC = REPO / "scenarios" / "organic.toml"
ARGS = (
    "--set",
    "audience.users=4000",
    "--set",
    "brand.initial_followers=300",
    "--months",
    "2",
    "--lever",
    "boost,posts",
    "--budget",
    "0:400",
    "--points",
    "3",
    "--seeds",
    "2",
    "--workers",
    "1",
)


@pytest.fixture(scope="module")
def curves(tmp_path_factory, feedsim):
    out = tmp_path_factory.mktemp("curves") / "results"
    first = feedsim("curves", ORGANIC, *ARGS, "--out", out)
    again = feedsim("curves", ORGANIC, *ARGS, "--out", out)
    dutch = feedsim(
        "curves",
        ORGANIC,
        *ARGS[:-6],
        "--points",
        "2",
        "--seeds",
        "1",
        "--workers",
        "1",
        "--lang",
        "nl",
        "--out",
        out,
    )
    return out, first, again, dutch


def test_the_folder_holds_the_tables_and_chart(curves):
    out, first, _, _ = curves
    assert first.returncode == 0, first.stderr
    folder = out / "organic-curves"
    for name in ("curves.toml", "curves.csv", "curves_summary.csv", "curves.png", "curves.svg"):
        assert (folder / name).stat().st_size > 0, name
    assert "paid boost" in first.stdout and "bought followers" in first.stdout


def test_every_curve_starts_at_the_same_base_runs_and_buying_stands_beside_them(curves):
    table = pd.read_csv(curves[0] / "organic-curves" / "curves.csv")
    assert set(table["lever"]) == {"boost", "posts", "buy"}
    base = table[table["spent"] == 0].sort_values("seed")
    per_lever = [rows["purchases"].tolist() for _, rows in base.groupby("lever")]
    assert len(per_lever) == 3 and all(p == per_lever[0] for p in per_lever)
    top = table.groupby("lever")["spent"].max()
    assert top["buy"] == pytest.approx(400.0, abs=0.01)
    assert top["boost"] == pytest.approx(400.0, abs=0.5) and top["posts"] <= 400.0


def test_the_same_command_resumes_and_another_study_gets_a_new_folder(curves):
    out, _, again, dutch = curves
    assert again.returncode == 0, again.stderr
    assert "0 runs now" in again.stdout
    assert dutch.returncode == 0, dutch.stderr
    assert (out / "organic-curves-2" / "curves_nl.png").stat().st_size > 0
    assert not (out / "organic-curves" / "curves_nl.png").exists()
    assert "betaalde boost" in dutch.stdout and "gekochte volgers" in dutch.stdout


def test_an_unknown_lever_is_refused_with_the_choices(feedsim, tmp_path):
    bad = feedsim("curves", ORGANIC, "--lever", "telepathy", "--out", tmp_path)
    assert bad.returncode == 2
    assert "telepathy" in bad.stderr and "influencer" in bad.stderr
    assert "Traceback" not in bad.stderr
