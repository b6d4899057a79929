"""The paid boost: impressions bought at the CPM, reactions by the one decision rule, its own
stream. Every check here is exact or states its tolerance; seeds are named."""

import numpy as np
import pytest

from sim.base.accounts import NONE, REAL
from sim.engine.model import FeedModel
from sim.engine.runner import run
from sim.scenario import ScenarioError, resolve
from sim.studies.plan.costs import scenario_budget
from sim.tactics.boost import CPM

BASE = {
    "name": "boost",
    "days": 12,
    "audience": {"users": 20_000},
    "brand": {"initial_followers": 300},
}


def scenario(**boost):
    return resolve({**BASE, "strategies": {"boost": boost}})


def test_paid_impressions_are_budget_over_cpm_and_scale_with_the_budget():
    # Budgets far below the non-followers (20,000 users): every paid impression finds a viewer,
    # so the count is exact; 2x the money buys 2x the impressions.
    got = {}
    for budget in (3.0, 6.0):
        d = run(scenario(days=[2, 5], budget=budget), seed=4).days
        got[budget] = d["boost_impressions"].sum()
        assert got[budget] == 2 * int(budget / CPM["instagram"] * 1000)
        assert d["cost"].sum() == pytest.approx(2 * budget)
    assert got[6.0] == 2 * got[3.0]
    # A CPM written in the file replaces the platform's: three times the price, a third of it.
    d = run(scenario(days=[2], budget=6.0, cpm=3 * CPM["instagram"]), seed=4).days
    assert d["boost_impressions"].sum() == int(6.0 / (3 * CPM["instagram"]) * 1000)


def _boosted_day(interest: float, seed: int = 7) -> dict:
    """Day 0 of a broad boost where every real non-follower has ``interest``."""
    m = FeedModel(scenario(days=[0], budget=30.0, targeting="broad"), seed=seed)
    a = m.audience
    a.set_interest((a.origin == NONE) & (a.kind == REAL), interest)
    m.step()
    return m.recorder.day_rows[0]


def test_what_paid_viewers_do_comes_from_the_decision_rule():
    cold = _boosted_day(0.0)
    assert cold["boost_impressions"] == 5000  # €30 at €6 per 1,000: they are shown the post
    # ... but nobody without interest reacts: no follow, no visit, no purchase, no share.
    assert cold["boost_follows"] == cold["boost_visits"] == cold["boost_purchases"] == 0
    assert cold["boost_shared_impressions"] == 0
    warm = _boosted_day(0.6)
    assert warm["boost_impressions"] == 5000
    assert warm["boost_follows"] > 0 and warm["boost_visits"] > 0
    # The follows it wins are the day's follows too (the post's row counts them).
    assert warm["new_follows"] >= warm["boost_follows"]


def test_interest_targeting_finds_more_interested_viewers_than_broad():
    # Same money, same seed (3): the platform's interest targeting wins more follows.
    days = {
        t: run(scenario(days=[1, 3, 6], budget=12.0, targeting=t), seed=3).days
        for t in ("interest", "broad")
    }
    follows = {t: d["boost_follows"].sum() for t, d in days.items()}
    assert follows["interest"] > follows["broad"]


def test_same_seed_same_run_and_a_boost_leaves_the_audience_and_other_draws_alone():
    sc = scenario(days=[2, 5], budget=9.0)
    a, b = run(sc, seed=11), run(sc, seed=11)
    assert a.days.equals(b.days) and a.posts.equals(b.posts)
    off = run(scenario(days=[2, 5], budget=0.0), seed=11)
    # Before the first boost both runs are the same run (common random numbers).
    assert a.days.iloc[:2].equals(off.days.iloc[:2])
    assert not a.days.equals(off.days)
    m_on, m_off = FeedModel(sc, seed=11), FeedModel(scenario(days=[2], budget=0.0), seed=11)
    np.testing.assert_array_equal(m_on.audience.interest, m_off.audience.interest)


def test_budget_and_refusals():
    assert scenario_budget(scenario(days=[2, 5, 9], budget=40.0))["boost"] == 120.0
    with pytest.raises(ScenarioError, match="targeting"):
        scenario(days=[2], budget=5.0, targeting="everyone")
    with pytest.raises(ScenarioError, match="cpm"):
        scenario(days=[2], budget=5.0, cpm=0.0)
