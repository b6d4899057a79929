"""Unit tests for sim.studies.comparison: arms from scenario files or a comparison file, what makes
arms not like for like, and `feedsim compare` running scenario files side by side across seeds (one
tiny run per arm and seed, in process)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from sim.scenario import ScenarioError, resolve
from sim.studies.comparison.checks import Side, differences
from sim.studies.comparison.plan import is_comparison_file, load_comparison_file, make_plan

ROOT = Path(__file__).resolve().parents[2]
TINY = {"days": 20, "audience": {"users": 1500}, "brand": {"initial_followers": 100}}


def _sc(name: str, **extra):
    return resolve({"name": name, **TINY, **extra}, source=name)


def test_arms_are_labelled_by_scenario_and_checked():
    plan = make_plan(
        [
            (None, _sc("organic")),
            (None, _sc("bought_followers", strategies={"buy": {"days": [5], "count": 300}})),
        ],
        seeds=[0, 1],
    )
    assert [a.label for a in plan.arms] == ["organic", "bought followers"]
    assert [a.tactic for a in plan.arms] == ["", "buy"]
    assert plan.baseline == "organic" and plan.runs == 4
    assert plan.name == "organic-vs-bought_followers"
    spec = plan.to_dict()
    assert spec["marks"]["bought followers"] == [["buy", "strategies.buy.days", 5]]
    with pytest.raises(ScenarioError, match="at least two"):
        make_plan([(None, _sc("a"))], seeds=[0])
    with pytest.raises(ScenarioError, match="repeated: a"):
        make_plan([(None, _sc("a")), (None, _sc("a"))], seeds=[0])
    with pytest.raises(ScenarioError, match="baseline 'zz' is not an arm"):
        make_plan([(None, _sc("a")), (None, _sc("b"))], seeds=[0], baseline="zz")


def test_arms_that_differ_in_more_than_the_tactic_are_named():
    same = [Side("a", _sc("a")), Side("b", _sc("b"))]
    assert differences(same) == []
    tiktok = resolve(
        {"name": "t", **TINY, "platform": "tiktok", "audience": {"users": 3000}}, source="t"
    )
    found = differences([Side("a", _sc("a")), Side("t", tiktok)])
    assert any(f.startswith("platforms differ (a: Instagram, t: TikTok)") for f in found)
    assert any(
        f.startswith("audience sizes differ (a: 1,500 users, t: 3,000 users)") for f in found
    )
    runs = differences([Side("a", _sc("a"), 0, 100.0), Side("b", _sc("b"), 7, 103.0)])
    assert any(f.startswith("seeds differ") for f in runs)
    assert any(f.startswith("followers on day 0 differ (a: 100, b: 103)") for f in runs)
    # In Dutch: the words and the counts as Dutch writes them, for the chart and the terminal.
    nl = differences([Side("a", _sc("a"), 0, 100.0), Side("t", tiktok, 7, 1203.0)], "nl")
    assert nl[0] == "platforms verschillen (a: Instagram, t: TikTok)"
    assert nl[1] == "publieksgroottes verschillen (a: 1.500 gebruikers, t: 3.000 gebruikers)"
    assert nl[2].startswith("seeds verschillen (a: 0, t: 7): elke seed trekt een eigen publiek")
    assert nl[3] == "volgers op dag 0 verschillen (a: 100, t: 1.203)"
    assert not any("differ" in line or "users" in line for line in nl)


def test_the_study_is_a_comparison_file_with_its_arms_in_it():
    study = ROOT / "experiments" / "organic_vs_bought.toml"
    assert is_comparison_file(study)
    assert not is_comparison_file(ROOT / "scenarios" / "organic.toml")
    plan = load_comparison_file(study, seeds=[0], overrides={"audience.users": 5000, "days": 45})
    labels = [a.label for a in plan.arms]
    assert labels == [a["label"] for a in tomllib.loads(study.read_text())["arms"]]
    assert plan.baseline == "organic"
    assert {a.scenario.audience.users for a in plan.arms} == {5000}
    # A shortened run keeps the influencer's booked days inside it, and says so.
    (mi,) = [a for a in plan.arms if a.tactic == "influencer"]
    assert mi.scenario.strategies.influencer.days == (30,)
    assert any("influencer days after day 44 dropped" in str(n) for n in plan.notes)
    # Said again in the reader's language.
    assert any(
        n.text("nl").endswith("dagen van influencer na dag 44 vallen weg in deze kortere run")
        for n in plan.notes
    )
    # No arm label lives in the simulator: the study's labels are only in its file.
    for path in (ROOT / "sim").rglob("*.py"):
        assert "buy 20,000" not in path.read_text(encoding="utf-8"), path


def test_a_bad_comparison_file_names_the_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('arms = [{ scenario = "nope.toml" }, { label = "x" }]\n')
    with pytest.raises(ScenarioError, match="not found"):
        load_comparison_file(bad)
    bad.write_text("colour = 1\narms = []\n")
    with pytest.raises(ScenarioError, match="unknown key"):
        load_comparison_file(bad)


def test_feedsim_compare_runs_scenario_files_side_by_side(tmp_path, capsys):
    from sim.cli import main

    a, b = tmp_path / "plain.toml", tmp_path / "buying.toml"
    base = "days = 20\n[audience]\nusers = 1500\n[brand]\ninitial_followers = 100\n"
    a.write_text(base)
    b.write_text(base + "[strategies.buy]\ndays = [5]\ncount = 300\n")
    args = [
        "compare",
        str(a),
        str(b),
        "--seeds",
        "2",
        "--workers",
        "1",
        "--out",
        str(tmp_path),
        "--quiet",
    ]
    assert main(args) == 0
    folder = tmp_path / "plain-vs-buying"
    assert capsys.readouterr().out.strip() == str(folder)
    days = pd.read_csv(folder / "days.csv")
    assert list(dict.fromkeys(days["arm"])) == ["plain", "buying"]
    assert sorted(days["seed"].unique()) == [0, 1]
    # Common random numbers: before the purchase the arms are the same, seed by seed.
    early = days[days["day"] < 5].drop(columns=["incremental_roi", "incremental_revenue"])
    pd.testing.assert_frame_equal(
        early[early["arm"] == "plain"].drop(columns="arm").reset_index(drop=True),
        early[early["arm"] == "buying"].drop(columns="arm").reset_index(drop=True),
    )
    summary = pd.read_csv(folder / "summary.csv", index_col=0)
    assert list(summary.index) == ["plain", "buying"]
    assert (
        summary.loc["buying", "followers_end_median"] > summary.loc["plain", "followers_end_median"]
    )
    for chart in ("followers", "real_reach", "engagement_rate", "kaushik", "money"):
        assert (folder / f"{chart}.png").exists()
    # The same command resumes: nothing runs again.
    assert main(args[:-1]) == 0
    assert "0 runs now, 4 already there" in capsys.readouterr().out
    # One scenario alone is not a comparison.
    assert main(["compare", str(a), "--out", str(tmp_path)]) == 2


# ---------------------------------------------------------------------------------------------
# When a tactic acts: one syntax, and tactics that could do nothing are refused
# ---------------------------------------------------------------------------------------------


def test_a_giveaway_takes_days_like_every_dated_tactic_and_reads_the_old_day():
    new = _sc("g", strategies={"giveaway": {"days": [3, 10], "entrants": 50}})
    old = _sc("g", strategies={"giveaway": {"day": 3, "entrants": 50}})
    assert new.strategies.giveaway.days == (3, 10)
    assert old.strategies.giveaway.days == (3,)
    written = old.to_dict()["strategies"]["giveaway"]  # written back in the one syntax
    assert written["days"] == [3] and "day" not in written
    with pytest.raises(ScenarioError, match="not both"):
        _sc("g", strategies={"giveaway": {"day": 3, "days": [4], "entrants": 5}})


def test_a_giveaway_that_could_do_nothing_is_refused():
    with pytest.raises(ScenarioError, match="strategies.giveaway.entrants is missing"):
        _sc("g", strategies={"giveaway": {"days": [3]}})
    with pytest.raises(
        ScenarioError,
        match=r"the draw.*has day 20, but the scenario runs days "
        r"0 to 19",
    ):
        _sc("g", strategies={"giveaway": {"days": [13], "duration": 7, "entrants": 5}})


def test_two_giveaways_each_draw_their_own_entrants():
    from sim.engine.runner import run

    sc = _sc(
        "g",
        strategies={
            "giveaway": {
                "days": [2, 8],
                "entrants": 200,
                "duration": 3,
                "churn_after_draw": 1.0,
                "prize_cost": 10.0,
            }
        },
    )
    days = run(sc, seed=1).days.set_index("day")
    assert days.loc[2, "followers_giveaway"] == 200
    assert days.loc[5, "followers_giveaway"] == 0  # everyone left after the first draw
    assert days.loc[8, "followers_giveaway"] == 200
    assert days.loc[11, "followers_giveaway"] == 0
    assert days["cost"].sum() == pytest.approx(20.0)


def test_dutch_labels_are_words_a_rerun_may_change(tmp_path):
    from sim.studies.sweep.studies import prepare_study_folder

    root = Path(__file__).resolve().parents[2]
    plan = load_comparison_file(root / "experiments" / "organic_vs_bought.toml", seeds=[0])
    spec = plan.to_dict()
    assert spec["labels_nl"]["buy 5,000"] == "5.000 volgers kopen"
    assert spec["description_nl"].startswith("Een nichewinkel")
    # A folder written before the Dutch words existed is the same study: it resumes.
    older = {k: v for k, v in spec.items() if k not in ("labels_nl", "description_nl")}
    prepare_study_folder(older, tmp_path / "study", "comparison.toml", "comparison")
    prepare_study_folder(spec, tmp_path / "study", "comparison.toml", "comparison")
    kept = tomllib.loads((tmp_path / "study" / "comparison.toml").read_text(encoding="utf-8"))
    assert kept["labels_nl"] == spec["labels_nl"]
