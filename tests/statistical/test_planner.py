"""The planner finds a known best allocation, judged on seeds it was not tuned on.

The constructed case: goal real followers, three levers, €1,000 over 60 days for a 5,000-user
shop. One lever is made clearly stronger by its mechanism: each €200 giveaway makes 3,000
entrants follow, of whom 40% stay after the draw (churn 0.6), so every €200 there keeps about
1,200 real followers, while an influencer post or answering comments reaches a few hundred people
and wins a few of them. The best allocation is therefore all of the money on giveaways. Tolerance:
the plan the search calls best puts at least 80% of its money there (tuning seeds 0-1, sampler
seed 0, 12 trials), and on test seeds 20-22, which the search never saw, it beats every other
plan, the base and the same money on bought followers in every seed; and it stays the best plan
in each plausible world the honest plans rest on (the first test's denominator: per delivery or
per view), since a giveaway's follows do not pass through the feed's test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sim.scenario import ScenarioError, resolve
from sim.studies.plan.planner import PlanSpec, choose_folder, run_plan

BASE = resolve(
    {
        "name": "shop",
        "days": 60,
        "audience": {"users": 5000},
        "brand": {"initial_followers": 300, "quality": 0.7, "posts_per_week": 7},
    }
)
LEVERS = ["giveaway", "influencer", "replies"]


@pytest.fixture(scope="module")
def verdict(tmp_path_factory):
    spec = PlanSpec(
        "known",
        BASE,
        1000.0,
        "real_followers",
        LEVERS,
        [0, 1],
        [20, 21, 22],
        trials=12,
        batch=6,
        worlds=True,
    )
    folder = choose_folder(spec, tmp_path_factory.mktemp("plan"))
    table = run_plan(spec, folder, workers=1, progress=False)
    return folder, table


def test_the_best_plan_is_the_known_one(verdict):
    _, table = verdict
    best = table.set_index("plan").loc["best"]
    assert best["giveaway_euros"] >= 0.8 * best["spent"]


def test_on_unseen_seeds_the_best_plan_beats_every_other_in_every_seed(verdict):
    _, table = verdict
    assert table.set_index("plan").loc["best", "wins"] == 1.0
    assert set(table["plan"]) == {"base", "best", "alt1", "alt2", "buy"}


def test_each_plan_is_a_runnable_scenario_with_its_money(verdict):
    from sim.scenario import load_scenario
    from sim.studies.plan.costs import scenario_budget

    folder, table = verdict
    trials = pd.read_csv(folder / "trials.csv")
    assert len(trials) == 12
    for label in ("best", "alt1", "alt2"):
        sc = load_scenario(folder / f"plan_{label}.toml")
        extra = sum(scenario_budget(sc).values()) - sum(scenario_budget(BASE).values())
        spent = table.set_index("plan").loc[label, "spent"]
        assert extra == pytest.approx(spent, rel=1e-3, abs=0.5) and spent <= 1000.0 + 0.01


def test_test_seeds_must_be_unseen():
    with pytest.raises(ScenarioError, match="never saw"):
        PlanSpec("bad", BASE, 1000.0, "purchases", LEVERS, [0, 1], [1, 2])


def test_the_verdict_names_the_plan_bought_followers_and_what_could_change_it(verdict):
    import json

    folder, _ = verdict
    said = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    assert "giveaway" in said["cost_assumptions"]
    assert "bought followers" in said["en"] and "gekochte volgers" in said["nl"]
    assert "assumptions" in said["en"] and "aannames" in said["nl"]
    assert (folder / "verdict.txt").read_text(encoding="utf-8").strip() == said["en"]


def test_the_best_plan_stays_best_in_every_plausible_world(verdict):
    import json

    folder, _ = verdict
    worlds = pd.read_csv(folder / "plan_worlds.csv")
    assert set(worlds["feed.test_score"]) == {"per_delivery", "per_view"}
    assert worlds["best_stays_best"].all() and worlds["best_beats_buy"].all()
    said = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    assert said["best_stays_best"] == said["worlds"] == 2
    assert "in 2 of 2 plausible worlds" in said["en"]
