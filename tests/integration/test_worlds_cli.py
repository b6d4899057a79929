"""`feedsim worlds` end to end through the command line, on a tiny case: the shipped
bought-followers shop at 5,000 users and 60 days, 2 seeds, against the same shop without its
tactics, in the 2 × 2 worlds of the test's denominator and whether anyone finds out.

Checks the folder and its files, that the counts in the statement are those of the table, that
each world's figures are its own runs (the tactic's in that world, the baseline's on the same
seeds), that the same command resumes and another study gets a new folder, and that the
statement can be read back from Python in both languages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
ARGS = (
    "--set",
    "audience.users=5000",
    "--set",
    "days=60",
    "--set",
    "strategies.buy.days=[10]",
    "--only",
    "feed.test_score,discovery.enabled",
    "--seeds",
    "2",
    "--workers",
    "1",
)


@pytest.fixture(scope="module")
def worlds(tmp_path_factory, feedsim):
    out = tmp_path_factory.mktemp("worlds") / "results"
    first = feedsim("worlds", REPO / "scenarios" / "bought_followers.toml", *ARGS, "--out", out)
    # The same study again, in Dutch: the language changes only what is printed.
    again = feedsim(
        "worlds", REPO / "scenarios" / "bought_followers.toml", *ARGS, "--out", out, "--lang", "nl"
    )
    other = feedsim(
        "worlds",
        REPO / "scenarios" / "bought_followers.toml",
        *ARGS[:-4],
        "--seeds",
        "1",
        "--workers",
        "1",
        "--out",
        out,
        "--quiet",
    )
    return out, first, again, other


def test_the_folder_holds_the_table_statement_and_chart(worlds):
    out, first, _, _ = worlds
    assert first.returncode == 0, first.stderr
    folder = out / "bought_followers-worlds"
    for name in (
        "worlds.toml",
        "worlds.csv",
        "statement.json",
        "statement.txt",
        "statement.nl.txt",
        "worlds.png",
        "worlds.svg",
    ):
        assert (folder / name).stat().st_size > 0, name
    table = pd.read_csv(folder / "worlds.csv")
    assert len(table) == 4
    assert set(zip(table["feed.test_score"], table["discovery.enabled"], strict=True)) == {
        ("per_delivery", "on"),
        ("per_delivery", "off"),
        ("per_view", "on"),
        ("per_view", "off"),
    }
    said = json.loads((folder / "statement.json").read_text(encoding="utf-8"))
    # The terminal gives the statement in the command's language; the files hold both.
    assert said["en"] in first.stdout and said["nl"] not in first.stdout


def test_the_statement_counts_are_the_tables(worlds):
    out = worlds[0] / "bought_followers-worlds"
    table = pd.read_csv(out / "worlds.csv")
    said = json.loads((out / "statement.json").read_text(encoding="utf-8"))
    counts = table["direction"].value_counts()
    assert said["worlds"] == len(table) == 4
    assert said["lower"] == counts.get("lower", 0)
    assert said["higher"] == counts.get("higher", 0)
    assert said["same"] == counts.get("same", 0)
    major = max(said["lower"], said["higher"])
    if major == len(table):
        assert f"in all {len(table)} plausible worlds" in said["en"]
    else:
        assert f"in {major} of {len(table)} plausible worlds" in said["en"]
        assert f"in {major} van de {len(table)} plausibele werelden" in said["nl"]
    # What the minority shares is true of every minority world.
    minority = table[
        table["direction"] == ("higher" if said["lower"] >= said["higher"] else "lower")
    ]
    named = 0
    for clause in said["flips_where"]:
        hit = pd.Series(True, index=table.index)
        for cond in clause["conditions"]:
            hit &= table[cond["assumption"]] == cond["alternative"]
            assert cond["en"] in said["en"] and cond["nl"] in said["nl"]
        assert clause["worlds"] == hit.sum()
        assert clause["flipped"] == hit[minority.index].sum()
        named += clause["flipped"]
    assert named + said["flips_elsewhere"] >= len(minority)
    # Each world's direction is the sign of its mean change.
    change = table["mean_real_reach_per_post_change"]
    assert ((change < 0) == (table["direction"] == "lower")).all()


def test_each_world_is_its_own_runs_on_common_seeds(worlds):
    from sim.studies.sweep.store import read_sweep

    out = worlds[0] / "bought_followers-worlds"
    table = pd.read_csv(out / "worlds.csv").set_index("world")
    _, _, tactic = read_sweep(out / "tactic")
    _, _, baseline = read_sweep(out / "baseline")
    assert sorted(tactic["seed"].unique()) == sorted(baseline["seed"].unique()) == [0, 1]
    for w, row in table.iterrows():
        runs = tactic[tactic["point_index"] == w]
        assert runs["feed.test_score"].eq(row["feed.test_score"]).all()
        assert row["mean_real_reach_per_post_tactic"] == pytest.approx(
            runs["mean_real_reach_per_post"].mean()
        )
    # The organic shop has no fakes to find out about: discovery cannot change its runs.
    organic = baseline.groupby(["feed.test_score", "seed"])["mean_real_reach_per_post"].nunique()
    assert (organic == 1).all()


def test_the_same_command_resumes_and_another_study_gets_a_new_folder(worlds):
    out, first, again, other = worlds
    assert again.returncode == 0, again.stderr
    assert "0 runs nu" in again.stdout
    said = json.loads((out / "bought_followers-worlds" / "statement.json").read_text("utf-8"))
    assert said["nl"] in again.stdout and said["en"] not in again.stdout
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == str(out / "bought_followers-worlds-2")
    said = json.loads((out / "bought_followers-worlds" / "statement.json").read_text())
    assert said["seeds"] == [0, 1]  # the earlier study is untouched


def test_the_statement_reads_back_from_python(worlds):
    from sim.studies.worlds import read_statement

    folder = worlds[0] / "bought_followers-worlds"
    assert read_statement(folder) == (folder / "statement.txt").read_text().strip()
    assert read_statement(folder, "nl") == (folder / "statement.nl.txt").read_text().strip()
    assert read_statement(folder).startswith("Buying 5,000 followers ")
    assert read_statement(folder, "nl").startswith("5.000 volgers kopen ")


def test_a_bad_assumption_is_refused_with_the_choices(feedsim, tmp_path):
    bad = feedsim(
        "worlds",
        REPO / "scenarios" / "organic.toml",
        "--only",
        "strategies.buy.bots",
        "--out",
        tmp_path,
    )
    assert bad.returncode == 2
    assert "does not rest on it" in bad.stderr
    assert not any(tmp_path.iterdir())
