"""sim.content: schedules, the test-window factor, the planner's attributes and multipliers, and
the structural virality of known trees."""

import numpy as np
import pytest

from sim import content
from sim.kernel import structural_virality
from sim.rules import B_COMMENT, B_DWELL, B_VISIT
from sim.scenario import resolve


def brand(**kw):
    return resolve({"brand": kw}).brand


def test_regular_schedule_spreads_posts_evenly():
    for per_week, total in ((7, 70), (3, 30), (1, 10), (14, 140)):
        plan = content.schedule(brand(posts_per_week=per_week), 70, np.random.default_rng(0))
        assert plan.sum() == total
        assert (plan.reshape(10, 7).sum(axis=1) == per_week).all()


def test_erratic_schedule_keeps_the_volume_in_bursts():
    plan = content.schedule(brand(posts_per_week=7, rhythm="erratic", erratic_gap=21), 365,
                            np.random.default_rng(1))
    assert abs(plan.sum() - 365) <= 21  # the last burst may fall after the horizon
    days = np.flatnonzero(plan)
    assert len(days) < 365 / 10 and np.diff(days).min() >= 14


def test_calendar_replaces_the_rhythm():
    sc = resolve({"days": 30, "content": {"calendar": [
        {"day": 2, "attributes": ["question"]}, {"day": 2, "attributes": []},
        {"day": 9, "attributes": ["humour"]}]}})
    plan = content.schedule(sc.brand, 30, np.random.default_rng(0), sc.content.calendar)
    assert plan[2] == 2 and plan[9] == 1 and plan.sum() == 3
    planner = content.ContentPlanner(sc, np.random.default_rng(0))
    assert planner.attributes(2) == ("question",) and planner.attributes(2) == ()
    assert planner.attributes(9) == ("humour",)


def test_calendar_hours_decide_who_judges_the_test():
    # Two planned posts a day apart, one at 3 a.m. and one at 7 p.m.: the night post's test
    # sample is mostly asleep, so fewer of its test deliveries become impressions.
    from sim.runner import run

    cal = [{"day": d, "hour": 3 if d % 2 else 19, "attributes": []} for d in range(60)]
    sc = resolve({"days": 60, "audience": {"users": 5000},
                  "brand": {"initial_followers": 1000}, "content": {"calendar": cal}})
    p = run(sc, seed=0).posts
    night, evening = p[p["day"] % 2 == 1], p[p["day"] % 2 == 0]
    assert night["test_signal"].mean() < 0.5 * evening["test_signal"].mean()


def test_test_window_factor():
    assert content.test_window_factor([1.0] * 24, 5, 3) == pytest.approx(1.0)
    night_and_day = [0.0] * 12 + [1.0] * 12
    assert content.test_window_factor(night_and_day, 2, 3) == 0.0
    assert content.test_window_factor(night_and_day, 14, 3) == pytest.approx(2.0)


def test_mix_frequencies_and_multipliers():
    sc = resolve({"content": {"question": 0.3, "call_to_action": 1.0}})
    planner = content.ContentPlanner(sc, np.random.default_rng(2))
    draws = [planner.attributes(0) for _ in range(4000)]
    share = np.mean(["question" in d for d in draws])
    assert abs(share - 0.3) < 5 * np.sqrt(0.3 * 0.7 / 4000)
    assert all("call_to_action" in d for d in draws)
    plain = planner.behaviour(())
    asked = planner.behaviour(("question",))
    assert asked[B_COMMENT] == pytest.approx(plain[B_COMMENT] * 2.5)
    assert planner.behaviour(("call_to_action",))[B_VISIT] == pytest.approx(plain[B_VISIT] * 1.8)


def test_dwell_boost_is_capped_and_fatigue_builds():
    sc = resolve({})
    planner = content.ContentPlanner(sc, np.random.default_rng(0))
    everything = ("emotion", "story", "news", "personal_note", "helpful")
    fit = np.exp(np.mean(np.log([getattr(sc.fit, a) for a in everything])))
    assert planner.behaviour(everything)[B_DWELL] == pytest.approx(
        planner.base[B_DWELL] * sc.effects.max_boost * fit)
    before = planner.behaviour(("question",))[B_DWELL]
    for _ in range(50):
        planner.after_post(("question",))
    assert planner.fatigue() == pytest.approx(1 - sc.effects.fatigue_strength, abs=0.01)
    assert planner.behaviour(("question",))[B_DWELL] < 0.5 * before


@pytest.mark.parametrize("n", [2, 5, 10])
def test_structural_virality_of_a_star_and_a_path(n):
    size = np.empty(n, dtype=np.int64)
    star = np.zeros(n, dtype=np.int32)  # everyone hangs off the root
    # Star: n-1 pairs at distance 1 (root-leaf), (n-1)(n-2)/2 at distance 2.
    pairs = n * (n - 1) / 2
    expected = ((n - 1) + 2 * (n - 1) * (n - 2) / 2) / pairs
    assert structural_virality(star, size, n) == pytest.approx(expected)
    path = np.arange(-1, n - 1, dtype=np.int32)  # node k's parent is k-1
    # Path: distance d occurs n-d times.
    expected = sum(d * (n - d) for d in range(1, n)) / pairs
    assert structural_virality(path, size, n) == pytest.approx(expected)
    assert structural_virality(star, size, 1) == 0.0
