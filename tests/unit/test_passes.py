"""The followers who leave (sim.passes.followers_leave): forgetting is the brand's silence."""

from __future__ import annotations

import numpy as np

from sim.base.accounts import NONE, ORGANIC
from sim.passes import Leaving, followers_leave


def _leave(last_post: int, day: int = 100, u: float = 0.5, forget: float = 0.6):
    n = 4
    origin = np.full(n, ORGANIC, dtype=np.int8)
    interest, trust = np.ones(n), np.ones(n)
    last_seen = np.full(n, -1, dtype=np.int32)  # the feed never showed them a post
    follow_day = np.zeros(n, dtype=np.int32)
    left = followers_leave(
        np.arange(n, dtype=np.int32),
        np.full(n, u),
        origin,
        interest,
        trust,
        follow_day,
        Leaving(day, last_post, 14, 0.0, forget, 0.0),
    )
    return left, origin, last_seen


def test_followers_never_shown_a_post_stay_while_the_brand_posts():
    # Day 100, the brand posted yesterday: no follower has forgotten it, whatever they saw.
    left, origin, _ = _leave(last_post=99)
    assert left == 0 and (origin == ORGANIC).all()


def test_followers_forget_a_brand_silent_for_longer_than_forget_after():
    # Silent since day 80 (20 days > 14): the hazard 0.6 exceeds every draw of 0.5.
    left, origin, _ = _leave(last_post=80)
    assert left == 4 and (origin == NONE).all()
    # ...but not with a hazard below the draws: the chance, not a rule, decides.
    left, _, _ = _leave(last_post=80, forget=0.4)
    assert left == 0
