"""FeedModel: day order, exact follower accounting, determinism, rhythm and tactics."""

import numpy as np
import pandas as pd
import pytest

from sim.engine.agents import BoughtFollower, FollowBackFollower, RealUser
from sim.engine.model import FeedModel
from sim.engine.runner import run
from sim.scenario import resolve

BASE = {"name": "m", "days": 60, "audience": {"users": 3000}, "brand": {"initial_followers": 300}}


def scenario(**over):
    raw = {**BASE, **over}
    for key in ("audience", "brand"):
        if key in over:
            raw[key] = {**BASE[key], **over[key]}
    return resolve(raw)


def test_followers_are_accounted_exactly_every_day():
    sc = scenario(
        strategies={
            "buy": {"days": [10], "count": 500},
            "follow_for_follow": {
                "per_day": 40,
                "start_day": 5,
                "end_day": 30,
                "unfollow_after": 7,
            },
        },
        behaviour={"unfollow": 0.01},
    )
    d = run(sc, seed=2).days
    prev = pd.concat([pd.Series([300]), d["followers"].iloc[:-1]], ignore_index=True)
    change = (
        d["new_follows"]
        + d["tactic_follows"]
        + d["bought_delivered"]
        - d["unfollows"]
        - d["purged"]
    )
    np.testing.assert_array_equal(d["followers"].to_numpy(), (prev + change).to_numpy())
    assert d["unfollows"].sum() > 0 and d["tactic_follows"].sum() > 0
    assert (
        d["followers"].to_numpy().tolist()
        == (
            d["followers_organic"]
            + d["followers_bought"]
            + d["followers_follow_back"]
            + d["followers_giveaway"]
        ).tolist()
    )


def test_purchase_arrives_on_its_day_and_is_paid_once():
    sc = scenario(strategies={"buy": {"days": [10, 20], "count": 700, "price_per_1000": 12.0}})
    d = run(sc, seed=1).days
    assert d.loc[d.day < 10, "followers_bought"].eq(0).all()
    assert d.loc[d.day == 10, "followers_bought"].item() == 700
    assert d.loc[d.day == 20, "followers_bought"].item() == 1400
    assert d["cost"].sum() == pytest.approx(2 * 700 * 12.0 / 1000)
    assert d.loc[d.day == 10, "cost"].item() == pytest.approx(8.4)
    assert d["impressions_bought"].sum() == 0, "basic fakes never look at a post"


def test_posting_rhythm():
    for per_week, expected in ((7, 56), (3, 24), (0, 0), (14, 112)):
        sc = scenario(days=56, brand={"posts_per_week": per_week})
        d = run(sc, seed=0).days
        assert d["posts"].sum() == expected
        if per_week == 3:
            weekly = d["posts"].to_numpy().reshape(8, 7).sum(axis=1)
            assert np.all(weekly == 3)


def test_same_seed_same_tables_and_a_changed_parameter_changes_them():
    sc = scenario()
    a, b = run(sc, seed=5), run(sc, seed=5)
    pd.testing.assert_frame_equal(a.days, b.days)
    pd.testing.assert_frame_equal(a.posts, b.posts)
    c = run(sc, seed=6)
    assert not a.posts["impressions"].equals(c.posts["impressions"])
    d = run(scenario(brand={"quality": 0.4}), seed=5)
    assert not a.posts["likes"].equals(d.posts["likes"])


def test_rates_follow_their_definitions():
    r = run(scenario(), seed=3)
    p, d = r.posts, r.days
    eng = p["likes"] + p["comments"] + p["shares"]
    np.testing.assert_allclose(p["engagement_rate_follower"], eng / p["followers"])
    posted = d[d.posts > 0]
    np.testing.assert_allclose(posted["conversation_rate"], posted["comments"] / posted["posts"])
    np.testing.assert_allclose(posted["amplification_rate"], posted["shares"] / posted["posts"])
    np.testing.assert_allclose(posted["applause_rate"], posted["likes"] / posted["posts"])
    assert d["revenue"].sum() == pytest.approx(
        d["visits"].sum() * 0.5 + d["purchases"].sum() * 25.0
    )
    by_origin = p[
        [
            "impressions_organic",
            "impressions_bought",
            "impressions_follow_back",
            "impressions_non_follower",
        ]
    ].sum(axis=1)
    np.testing.assert_array_equal(by_origin, p["impressions"])
    # A day's unique real reach is at most the sum of its posts' reach.
    per_post_sum = p.groupby("day")["real_reach"].sum().reindex(d["day"], fill_value=0)
    assert (d["real_reach"].to_numpy() <= per_post_sum.to_numpy()).all()


def test_agent_classes_match_account_kind_and_origin():
    sc = scenario(
        strategies={
            "buy": {"days": [0], "count": 50},
            "follow_for_follow": {"per_day": 300, "start_day": 0, "end_day": 0, "follow_back": 1.0},
        }
    )
    m = FeedModel(sc, seed=1)
    m.run_days(1)
    a = m.audience
    assert isinstance(m.user(a.n_users), BoughtFollower)
    fb = int(np.flatnonzero(a.origin == 3)[0])
    assert isinstance(m.user(fb), FollowBackFollower)
    plain = int(np.flatnonzero(a.origin == 0)[0])
    assert type(m.user(plain)) is RealUser
    assert set(m.agents) >= {m.user(a.n_users), m.user(fb), m.user(plain)} and m.day == 0
    assert all(agent.model.audience is a for agent in m.agents), "views read the run's arrays"


def test_a_finished_run_frees_its_model():
    """Mesa keeps a class-level dict keyed by model; run() must release it, or every finished
    model (arrays and all) stays alive for the life of the process (a sweep worker's)."""
    import gc
    import weakref

    from sim.engine import model as model_module

    made = []
    original = model_module.FeedModel.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(weakref.ref(self))

    model_module.FeedModel.__init__ = spy
    try:
        run(
            resolve(
                {"days": 5, "audience": {"users": 500}, "brand": {"initial_followers": 20}},
                source="test",
            ),
            seed=1,
        )
    finally:
        model_module.FeedModel.__init__ = original
    gc.collect()
    assert len(made) == 1 and made[0]() is None


def test_a_released_model_with_agent_views_is_freed():
    import gc
    import weakref

    m = FeedModel(scenario(), seed=1)
    m.run_days(1)
    m.user(3)
    ref = weakref.ref(m)
    m.release()
    del m
    gc.collect()
    assert ref() is None
