"""`feedsim sensitivity` end to end through the command line, on a tiny case: 2,000 users, 40
days, 2 seeds, 3 Morris trajectories over 3 assumptions named with --only, against a baseline.
Checks the table, the charts, the sentences, --list, a refused bad table (exit 2) and that the
same command resumes with no new run.
"""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("SALib")

RANGES = """\
[sensitivity]
ranges = { "feed.test_threshold" = [0.005, 0.04] }
"""
ONLY = "feed.test_fraction,feed.test_threshold,behaviour.like"
METRICS = ("mean_real_reach_per_post", "followers_real_end")


@pytest.fixture(scope="module")
def study(tmp_path_factory, feedsim, shop_pair):
    folder = tmp_path_factory.mktemp("sensitivity")
    bought, shop = shop_pair(folder, RANGES)
    args = (
        bought,
        "--baseline",
        shop,
        "--seeds",
        "2",
        "--trajectories",
        "3",
        "--only",
        ONLY,
        "--metric",
        *METRICS,
        "--workers",
        "2",
        "--out",
        folder / "results",
        "--name",
        "tiny",
    )
    first = feedsim("sensitivity", *args)
    second = feedsim("sensitivity", *args)
    return folder, first, second, args


def test_runs_writes_the_table_charts_and_sentences(study):
    folder, first, _, _ = study
    assert first.returncode == 0, first.stderr
    out = folder / "results" / "tiny"
    table = pd.read_csv(out / "sensitivity.csv")
    assert len(table) == 3 * len(METRICS)  # one row per parameter and metric
    assert set(table["key"]) == set(ONLY.split(","))
    for col in (
        "rank",
        "low",
        "high",
        "source",
        "mu_star",
        "mu",
        "sigma",
        "mu_star_rel",
        "opposite_points",
        "points",
    ):
        assert col in table
    assert (table["points"] == 3 * 4).all()  # 3 trajectories × (3 parameters + 1)
    row = table[(table["key"] == "feed.test_threshold")].iloc[0]
    assert (row["low"], row["high"]) == (0.005, 0.04)  # the range named in [sensitivity]
    assert row["quantity"].startswith("effect on")
    for m in METRICS:
        assert (out / f"tornado_{m}.png").stat().st_size > 0
        assert (out / f"tornado_{m}.svg").exists()
    assert "It depends most on" in first.stdout
    assert (
        "Its sign holds inside the ranges" in first.stdout
        or "Its sign flips inside the ranges" in first.stdout
    )
    md = (out / "sensitivity.md").read_text(encoding="utf-8")
    assert "tornado_mean_real_reach_per_post.png" in md
    assert len(list((out / "scenario" / "runs").glob("*.parquet"))) == 12 * 2
    assert len(list((out / "baseline" / "runs").glob("*.parquet"))) == 12 * 2


def test_rerun_resumes_with_no_new_run(study):
    folder, first, second, _ = study
    assert second.returncode == 0, second.stderr
    assert "0 runs now, 48 already there" in second.stdout
    table = pd.read_csv(folder / "results" / "tiny" / "sensitivity.csv")
    assert len(table) == 6


def test_another_design_in_the_same_folder_is_refused(study, feedsim):
    folder, _, _, args = study
    changed = [a if a != "3" else "4" for a in map(str, args)]  # --trajectories 4
    proc = feedsim("sensitivity", *changed)
    assert proc.returncode == 2
    assert "holds a different sensitivity study (differs in" in proc.stderr


def test_list_and_a_bad_table(study, feedsim, tmp_path):
    folder, *_ = study
    proc = feedsim("sensitivity", folder / "bought.toml", "--list")
    assert proc.returncode == 0, proc.stderr
    assert "feed.test_threshold" in proc.stdout and "0.005 – 0.04" in proc.stdout
    assert "not varied:" in proc.stdout and "audience.activity_profile" in proc.stdout
    bad = tmp_path / "bad.toml"
    shop = (folder / "shop.toml").read_text(encoding="utf-8")
    bad.write_text(shop + '[sensitivity]\nranges = { "feed.test_fraction" = [0.3, 0.1] }\n')
    proc = feedsim("sensitivity", bad, "--list")
    assert proc.returncode == 2
    assert "feed.test_fraction = [0.3, 0.1]: the low end must be below the high end" in proc.stderr


def test_plot_redraws_the_study_and_refuses_its_design_folder(study, feedsim):
    folder, *_ = study
    out = folder / "results" / "tiny"
    proc = feedsim("plot", out)
    assert proc.returncode == 0, proc.stderr
    assert "tornado_followers_real_end.png" in proc.stdout
    proc = feedsim("plot", out / "scenario")
    assert proc.returncode == 2 and "plot the study's folder" in proc.stderr


def test_in_dutch_it_says_what_the_dutch_report_says(study, feedsim):
    # The finished study again with --lang nl (no run is made): the head, the sentences and the
    # closing lines in Dutch, the sentences word for word those of the Dutch report.
    from sim.present.report.study_words import sensitivity_sentences

    folder, _, _, args = study
    proc = feedsim("sensitivity", *args, "--lang", "nl")
    assert proc.returncode == 0, proc.stderr
    assert "gevoeligheid tiny: 3 aannames, 12 ontwerppunten × 2 seeds × 2 scenario's" in proc.stderr
    table = pd.read_csv(folder / "results" / "tiny" / "sensitivity.csv")
    said = sensitivity_sentences(table, "nl")
    assert len(said) == len(METRICS)
    for sentence in said:
        assert sentence in proc.stdout
    assert "It depends" not in proc.stdout and "sign" not in proc.stdout
    assert "0 runs nu, 48 waren er al" in proc.stdout and "resultaten: " in proc.stdout
    # Its summary file too: the report's sentences and table, in Dutch.
    md = (folder / "results" / "tiny" / "sensitivity.md").read_text(encoding="utf-8")
    assert md.startswith("# Waar de conclusie van afhangt: ")
    assert all(sentence in md for sentence in said)
    assert "| cijfer | rang | aanname |" in md and "It depends" not in md
