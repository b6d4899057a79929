"""sim.base.content: schedules, the test-window factor, the planner's attribute draws, the
properties of reputation, replies, saturation and fatigue, and the structural virality of known
trees."""

import numpy as np
import pytest

from sim.base import content
from sim.base.attributes import ATTRIBUTES
from sim.base.rules import B_COMMENT, B_DWELL
from sim.engine.kernel import structural_virality
from sim.scenario import resolve


def brand(**kw):
    return resolve({"brand": kw}).brand


def test_regular_schedule_spreads_posts_evenly():
    for per_week, total in ((7, 70), (3, 30), (1, 10), (14, 140)):
        plan = content.schedule(brand(posts_per_week=per_week), 70, np.random.default_rng(0))
        assert plan.sum() == total
        assert (plan.reshape(10, 7).sum(axis=1) == per_week).all()


def test_erratic_schedule_keeps_the_volume_in_bursts():
    plan = content.schedule(
        brand(posts_per_week=7, rhythm="erratic", erratic_gap=21), 365, np.random.default_rng(1)
    )
    assert abs(plan.sum() - 365) <= 21  # the last burst may fall after the horizon
    days = np.flatnonzero(plan)
    assert len(days) < 365 / 10 and np.diff(days).min() >= 14


def test_calendar_replaces_the_rhythm():
    sc = resolve(
        {
            "days": 30,
            "content": {
                "calendar": [
                    {"day": 2, "attributes": ["question"]},
                    {"day": 2, "attributes": []},
                    {"day": 9, "attributes": ["humour"]},
                ]
            },
        }
    )
    plan = content.schedule(sc.brand, 30, np.random.default_rng(0), sc.content.calendar)
    assert plan[2] == 2 and plan[9] == 1 and plan.sum() == 3
    planner = content.ContentPlanner(sc, np.random.default_rng(0))
    assert planner.attributes(2) == ("question",) and planner.attributes(2) == ()
    assert planner.attributes(9) == ("humour",)


def test_calendar_hours_decide_who_judges_the_test():
    # Two planned posts a day apart, one at 3 a.m. and one at 7 p.m.: the night post's test
    # sample is mostly asleep, so fewer of its test deliveries become impressions.
    from sim.engine.runner import run

    cal = [{"day": d, "hour": 3 if d % 2 else 19, "attributes": []} for d in range(60)]
    sc = resolve(
        {
            "days": 60,
            "audience": {"users": 5000},
            "brand": {"initial_followers": 1000},
            "content": {"calendar": cal},
        }
    )
    p = run(sc, seed=0).posts
    night, evening = p[p["day"] % 2 == 1], p[p["day"] % 2 == 0]
    assert night["test_signal"].mean() < 0.5 * evening["test_signal"].mean()


def test_test_window_factor():
    assert content.test_window_factor([1.0] * 24, 5, 3) == pytest.approx(1.0)
    night_and_day = [0.0] * 12 + [1.0] * 12
    assert content.test_window_factor(night_and_day, 2, 3) == 0.0
    assert content.test_window_factor(night_and_day, 14, 3) == pytest.approx(2.0)


def test_mix_frequencies():
    sc = resolve({"content": {"question": 0.3, "call_to_action": 1.0}})
    planner = content.ContentPlanner(sc, np.random.default_rng(2))
    draws = [planner.attributes(0) for _ in range(4000)]
    share = np.mean(["question" in d for d in draws])
    assert abs(share - 0.3) < 5 * np.sqrt(0.3 * 0.7 / 4000)  # 5 standard errors
    assert all("call_to_action" in d for d in draws)


def _reputations(posts):
    planner = content.ContentPlanner(resolve({}), np.random.default_rng(0))
    out = [planner.reputation]
    for attrs in posts:
        planner.after_post(attrs)
        out.append(planner.reputation)
    return np.array(out), planner


def test_helpful_posts_never_lower_reputation_bare_pitches_never_raise_it():
    rng = np.random.default_rng(3)
    kinds = [
        ("helpful",),
        ("story",),
        ("call_to_action",),
        ("call_to_action", "personal_note"),
        ("call_to_action", "helpful"),
        (),
    ]
    mixed = [kinds[i] for i in rng.integers(0, len(kinds), 300)]
    rep, _ = _reputations(mixed)
    step = np.diff(rep)
    builds = np.array([bool({"helpful", "story"} & set(a)) for a in mixed])
    bare = np.array([a == ("call_to_action",) for a in mixed])
    assert (step[builds] >= 0).all() and (step[bare] <= 0).all()
    assert (step[~builds & ~bare] == 0).all()  # a softened pitch or a plain post: no change
    # Standing is bounded: no run of posts, however long, moves attention without end.
    up, _ = _reputations([("helpful",)] * 1000)
    down, _ = _reputations([("call_to_action",)] * 1000)
    assert up[-1] == up[-500] and down[-1] == down[-500] and down[-1] < 1 < up[-1]


def test_a_better_standing_never_lowers_the_chance_of_stopping():
    _, built = _reputations([("helpful",)] * 100)
    _, eroded = _reputations([("call_to_action",)] * 100)
    neutral = content.ContentPlanner(resolve({}), np.random.default_rng(0))
    for attrs in ((), ("question",), ("emotion", "story")):
        assert (
            eroded.behaviour(attrs)[B_DWELL]
            < neutral.behaviour(attrs)[B_DWELL]
            < built.behaviour(attrs)[B_DWELL]
        )


def test_answering_more_comments_never_lowers_the_chance_of_a_comment():
    chances = [
        content.ContentPlanner(
            resolve({"brand": {"reply_share": r}}), np.random.default_rng(0)
        ).behaviour(())[B_COMMENT]
        for r in np.linspace(0, 1, 11)
    ]
    assert (np.diff(chances) > 0).all()


def test_stacking_attention_grabbing_attributes_saturates():
    # With a neutral fit, adding attributes raises the chance of stopping but never beyond
    # max_boost times a plain post's, however many are stacked.
    sc = resolve({"fit": dict.fromkeys(ATTRIBUTES, 1.0)})
    planner = content.ContentPlanner(sc, np.random.default_rng(0))
    stack = ("emotion", "story", "news", "personal_note", "helpful")
    dwell = [planner.behaviour(stack[:k])[B_DWELL] for k in range(len(stack) + 1)]
    assert (np.diff(dwell) >= 0).all()
    assert dwell[-1] <= planner.base[B_DWELL] * sc.effects.max_boost + 1e-12
    assert dwell[-1] == dwell[-2]  # saturated: the fifth attribute adds nothing


def test_fatigue_builds_with_a_repeated_format_and_fades_without_it():
    planner = content.ContentPlanner(resolve({}), np.random.default_rng(0))
    fresh = planner.behaviour(("question",))[B_DWELL]
    tiring = []
    for _ in range(30):
        planner.after_post(("question",))
        tiring.append(planner.fatigue())
    assert (np.diff(tiring) <= 0).all() and tiring[-1] < 1
    assert planner.behaviour(("question",))[B_DWELL] < fresh
    resting = []
    for _ in range(30):
        planner.after_post(())
        resting.append(planner.fatigue())
    assert (np.diff(resting) >= 0).all() and resting[-1] == 1.0
    # A format used now and then (below the threshold) never tires anyone.
    occasional = content.ContentPlanner(resolve({}), np.random.default_rng(0))
    for k in range(100):
        occasional.after_post(("question",) if k % 4 == 0 else ())
        assert occasional.fatigue() == 1.0


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


def test_a_vector_asked_again_follows_the_planner_as_it_is_now():
    # A planner that has posted before (its attribute sets worked out once) and a new one in
    # the same state give the same vectors, to the last bit, and the vectors handed out are
    # the caller's own: changing one changes no later post's.
    sc = resolve({})
    used = content.ContentPlanner(sc, np.random.default_rng(0))
    sets = [("question",), ("emotion", "story"), (), ("question",), ("emotion", "story")]
    first = used.behaviour(sets[0], 0.5)
    first[:] = 9.0
    for attrs in sets:
        used.after_post(attrs)
    new = content.ContentPlanner(sc, np.random.default_rng(0))
    new.recent, new.reputation = dict(used.recent), used.reputation
    for attrs in sets:
        for forward in (0.0, 0.5):
            np.testing.assert_array_equal(
                used.behaviour(attrs, forward), new.behaviour(attrs, forward)
            )
    assert used.behaviour(sets[0], 0.5).max() <= 1.0
