"""`feedsim calibrate` as a user types it: a small export in, a runnable scenario and a chart out;
files that are not exports refused with exit code 2 and a message naming what is missing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
# What the command prints in English and must not in Dutch (tests/unit/test_calibrate_summary.py
# holds each line to its Dutch).
SUMMARY_ENGLISH = (
    "followers (",
    "headers",
    "fitting on",
    "note:",
    "fitted on",
    "simulations",
    "nearest kept",
    "90% interval",
    " to ",
    "barely informed",
    "check on",
    "held-out",
    "observed",
    "simulated",
    "one run's median",
    "median engagement",
    "follower growth",
    "misses the median",
    "run it",
    "chart:",
    "results:",
    "from the column",
)


@pytest.fixture(scope="module")
def small_export(tmp_path_factory) -> Path:
    from sim.studies.calibrate import synthetic

    base = synthetic.make_base(followers=300, days=28)
    return synthetic.synthetic_export(
        base,
        {},
        seed=5,
        path=tmp_path_factory.mktemp("exp") / "posts.csv",
        lang="nl",
        account="kaaswinkel",
    )


def test_calibrate_writes_a_runnable_scenario_and_a_chart(feedsim, small_export, tmp_path):
    out = tmp_path / "results"
    r = feedsim(
        "calibrate",
        small_export,
        "--platform",
        "instagram",
        "--sims",
        "60",
        "--replicates",
        "2",
        "--refine",
        "4",
        "--workers",
        "1",
        "--out",
        out,
    )
    assert r.returncode == 0, r.stderr
    assert "90% interval" in r.stdout and "held-out posts" in r.stdout
    # The reachable market is a count: whole, with thousands marked, never 1.7e+04.
    market = next(line for line in r.stdout.splitlines() if "audience.users" in line)
    assert "e+" not in market and re.search(r"\d,\d{3}\s+\(90% interval \d", market), market
    folder = next((out / "kaaswinkel-calibration").iterdir())
    for name in (
        "kaaswinkel.toml",
        "fit.csv",
        "fit.png",
        "fit.svg",
        "observed.csv",
        "simulated.csv",
        "reference.csv",
        "calibration.toml",
    ):
        assert (folder / name).exists(), name
    meta = tomllib.loads((folder / "calibration.toml").read_text())
    assert (meta["sims"], meta["followers"], meta["platform"]) == (60, 300, "instagram")
    assert "came nearest the export (4 trials searched)" in (folder / "kaaswinkel.toml").read_text()
    v = feedsim("validate", folder / "kaaswinkel.toml")
    assert v.returncode == 0, v.stderr
    run = feedsim(
        "run",
        folder / "kaaswinkel.toml",
        "--days",
        "5",
        "--no-charts",
        "--quiet",
        "--out",
        tmp_path / "runs",
    )
    assert run.returncode == 0, run.stderr
    # The verdict in plain words; the scenario carries the account's name as its title.
    assert "On 7 posts the model did not see, the calibrated account's typical reach is" in r.stdout
    from sim.scenario import load_scenario

    sc = load_scenario(folder / "kaaswinkel.toml")
    assert sc.title.startswith("kaaswinkel (Instagram)") and sc.title_nl.startswith("kaaswinkel")
    assert "audience.users" in (folder / "fit.csv").read_text()


def test_calibrate_speaks_dutch(feedsim, small_export, tmp_path):
    r = feedsim(
        "calibrate",
        small_export,
        "--platform",
        "instagram",
        "--sims",
        "60",
        "--replicates",
        "2",
        "--workers",
        "1",
        "--lang",
        "nl",
        "--out",
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "Op 7 posts die het model niet zag, ligt het typische bereik" in r.stdout
    assert "Nauwelijks bepaald door deze export" in r.stdout or "Elke geschatte" in r.stdout
    # Everything printed is Dutch (the progress bar apart), with Dutch number formats.
    said = r.stdout + "\n".join(line for line in r.stderr.splitlines() if "|" not in line)
    english = [e for e in SUMMARY_ENGLISH if e in said]
    assert not english, (english, said)
    assert "opmerking: geschat op bereik, uit de kolom Bereik" in r.stderr
    market = next(line for line in r.stdout.splitlines() if "audience.users" in line)
    assert re.search(r"\d\.\d{3}\s+\(90%-interval \d", market), market
    assert re.search(r"0,\d+\s+\(90%-interval 0,\d+ tot", r.stdout), r.stdout
    assert "toets op 7 achtergehouden posts: mediaan bereik" in r.stdout
    assert "resultaten: " in r.stdout
    assert next(tmp_path.rglob("fit.png")).stat().st_size > 10_000
    bad = feedsim("calibrate", small_export, "--platform", "instagram", "--lang", "fr")
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_calibrate_refuses_what_is_not_an_export(feedsim, tmp_path):
    r = feedsim(
        "calibrate", DATA / "not_an_export.csv", "--platform", "instagram", "--out", tmp_path
    )
    assert r.returncode == 2
    assert "no column for the time of each post" in r.stderr
    assert "Traceback" not in r.stderr


def test_calibrate_asks_for_followers(feedsim, tmp_path):
    r = feedsim(
        "calibrate", DATA / "instagram_export_nl.csv", "--platform", "instagram", "--out", tmp_path
    )
    assert r.returncode == 2 and "--followers N" in r.stderr


def test_calibrate_checks_its_options(feedsim, tmp_path):
    r = feedsim(
        "calibrate",
        DATA / "instagram_export_en.csv",
        "--platform",
        "instagram",
        "--sims",
        "10",
        "--out",
        tmp_path,
    )
    assert r.returncode == 2 and "--sims must be at least 50" in r.stderr
    r = feedsim("calibrate", DATA / "instagram_export_en.csv", "--platform", "myspace")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_calibrate_reads_a_tiktok_zip_and_says_what_it_fitted(feedsim, tmp_path):
    import sys

    import pandas as pd

    sys.path.insert(0, str(DATA))
    import layouts

    times = pd.date_range("2024-09-02 18:00", periods=24, freq="D")
    posts = pd.DataFrame(
        {
            "posted_at": times,
            "views": [900.0 + 10 * i for i in range(24)],
            "likes": 40.0,
            "comments": 3.0,
            "shares": 2.0,
        }
    )
    days = pd.DataFrame(
        {
            "date": times.normalize(),
            "total": [1200 + 5 * i for i in range(24)],
            "gained": 6.0,
            "net": 5.0,
            "lost": 1.0,
        }
    )
    path = layouts.tiktok_zip(posts, days, tmp_path)
    r = feedsim(
        "calibrate",
        path,
        "--platform",
        "tiktok",
        "--sims",
        "60",
        "--replicates",
        "2",
        "--workers",
        "1",
        "--no-charts",
        "--out",
        tmp_path / "runs",
    )
    assert r.returncode == 0, r.stderr
    assert "note: fitted on views, from the column Total views" in r.stderr
    # The count at the first post, from FollowerHistory.csv: 1,200 less that day's difference.
    assert "1,195 followers" in r.stderr
    # FollowerHistory.csv reaches the last post: its growth is checked against the fit's.
    assert "follower growth over the export: +120 observed" in r.stdout
    assert "Followers over the export: +120 real" in r.stdout
    meta = tomllib.loads(next((tmp_path / "runs").rglob("calibration.toml")).read_text())
    assert meta["columns"]["views"] == "Total views" and meta["followers"] == 1195


def test_calibrate_refuses_a_fifo_at_once(feedsim, tmp_path):
    import os

    fifo = tmp_path / "posts.csv"
    os.mkfifo(fifo)
    r = feedsim(
        "calibrate", fifo, "--platform", "instagram", "--followers", "100", "--out", tmp_path
    )
    assert r.returncode == 2 and "not a regular file" in r.stderr
    assert "Traceback" not in r.stderr
