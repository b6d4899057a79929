"""The owner's close ties (``sim.traits.close_ties``): who they are, and what the feed does for
them."""

from __future__ import annotations

import numpy as np
import pytest

from sim.base.accounts import CLOSE_TIE, FOLLOWED_BACK, ORGANIC, REAL
from sim.engine.model import FeedModel
from sim.engine.runner import run
from sim.scenario import resolve


def _scenario(followers: int = 1_000, **extra):
    raw = {
        "days": 20,
        "audience": {"users": 5_000},
        "brand": {"initial_followers": followers},
        **extra,
    }
    return resolve(raw, source="close ties test")


def _ties(model: FeedModel) -> np.ndarray:
    return np.flatnonzero(model.audience.followed == CLOSE_TIE)


def test_close_ties_are_drawn_from_the_first_real_followers():
    a = FeedModel(_scenario(), seed=3).audience
    ties = np.flatnonzero(a.followed == CLOSE_TIE)
    assert ties.size == 150
    assert (a.origin[ties] == ORGANIC).all() and (a.kind[ties] == REAL).all()
    assert (a.follow_day[ties] == 0).all()
    assert (a.interest[ties] >= 0.9).all()


def test_their_interest_is_raised_and_nobody_else_s():
    on = FeedModel(_scenario(), seed=3).audience
    off = FeedModel(_scenario(close_ties={"count": 0}), seed=3).audience
    ties = np.flatnonzero(on.followed == CLOSE_TIE)
    others = np.setdiff1d(np.arange(on.n_accounts), ties)
    assert np.array_equal(on.interest[others], off.interest[others])
    assert np.array_equal(on.interest[ties], np.maximum(off.interest[ties], 0.9))
    assert not (off.followed == CLOSE_TIE).any()


def test_a_shop_with_fewer_first_followers_has_that_many_and_a_new_one_none():
    assert _ties(FeedModel(_scenario(60), seed=1)).size == 60
    assert _ties(FeedModel(_scenario(0), seed=1)).size == 0


def test_close_ties_count_against_the_follow_back_limit():
    a = FeedModel(_scenario(relationships={"follow_back_limit": 200}), seed=2).audience
    assert np.count_nonzero(a.followed) == 200
    assert np.count_nonzero(a.followed == FOLLOWED_BACK) == 50


@pytest.mark.parametrize("seed", [4, 5])
def test_the_feed_shows_a_close_tie_even_a_demoted_post(seed):
    """A post the feed demotes to nobody (``demoted_reach`` = 0, a test no post passes) reaches
    only the followers sampled for its test, and the close ties who open the app."""
    hidden = {
        "feed": {
            "demoted_reach": 0.0,
            "test_threshold": 100.0,
            "test_steepness": 10.0,
            "explore_stages": [],
        },
        "behaviour": {"share": 0.0},
    }
    posts = run(_scenario(**hidden), seed=seed).posts
    none = run(_scenario(close_ties={"count": 0}, **hidden), seed=seed).posts
    assert (posts.widen < 1e-20).all() and (none.widen < 1e-20).all()
    # Without close ties a follower sees the post only in its test (test_min = 30 sampled).
    assert (none.follower_impressions <= none.test_size).all()
    # With them, about their share of activity more: 150 ties, each there with its own chance.
    extra = posts.follower_impressions.mean() - none.follower_impressions.mean()
    assert 0.15 * 150 < extra < 0.75 * 150, extra
