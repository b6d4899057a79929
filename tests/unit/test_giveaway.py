"""The giveaway tactic: entrants follow for a prize with lowered attention, and have their usual
attention back once they no longer follow."""

import numpy as np

from sim.base.accounts import GIVEAWAY, REAL
from sim.engine.model import FeedModel
from sim.scenario import resolve


def _model(**giveaway) -> FeedModel:
    sc = resolve(
        {
            "name": "g",
            "days": 40,
            "audience": {"users": 3000},
            "brand": {"initial_followers": 300},
            "strategies": {"giveaway": {"entrants": 2000, "duration": 3, **giveaway}},
        }
    )
    return FeedModel(sc, seed=4)


def test_entrants_who_leave_get_their_usual_attention_back():
    # Four giveaways of 2,000 entrants in a market of 3,000 users: most users enter more than
    # once. Every entrant leaves at each draw (churn 1), so by day 40 nobody follows for a prize.
    m = _model(days=[2, 10, 18, 26], churn_after_draw=1.0, attention=0.3)
    a = m.audience
    usual = a.activity.copy()
    m.run_days(4)  # the first giveaway is open (days 2-5)
    entrants = np.flatnonzero(a.origin == GIVEAWAY)
    assert 1900 < entrants.size <= 2000  # a few may already have left on their own
    np.testing.assert_allclose(a.activity[entrants], 0.3 * usual[entrants], rtol=1e-12)
    m.run_days(36)
    assert not (a.origin == GIVEAWAY).any()
    real = a.kind[: a.n_users] == REAL
    # Not dimmed again and again: each user's activity is what it was before any giveaway.
    np.testing.assert_array_equal(a.activity[: a.n_users][real], usual[: a.n_users][real])


def test_entrants_who_stay_keep_the_lowered_attention_once():
    # No one leaves at the draws: the entrants of later giveaways are new users (the pool is
    # non-followers), and each entrant's attention is lowered once.
    m = _model(days=[2, 10], churn_after_draw=0.0, attention=0.5)
    a = m.audience
    usual = a.activity.copy()
    m.run_days(20)
    still = np.flatnonzero(a.origin == GIVEAWAY)
    assert still.size > 2000  # entrants of both giveaways (a few may have left on their own)
    np.testing.assert_allclose(a.activity[still], 0.5 * usual[still], rtol=1e-12)
