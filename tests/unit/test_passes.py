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


def test_answered_commenters_regain_trust_as_the_numpy_expression_gave():
    # Made-up comment counts (seed stated: the same cases every run): some grew since
    # yesterday, some fell (a purge took them away), most stayed. Trust is a strided field,
    # as in the account records.
    from sim.passes import answer_commenters

    rng = np.random.default_rng(26)
    n = 5_003
    before = rng.integers(0, 4, n).astype(np.int32)
    comments = (before + rng.choice([-1, 0, 0, 0, 1, 2], n)).clip(0).astype(np.int32)
    records = np.zeros(n, dtype=[("x", "f8"), ("trust", "f8")])
    records["trust"] = rng.random(n)
    trust = records["trust"]
    expected_trust = trust.copy()
    answered = np.flatnonzero(comments > before)
    expected_trust[answered] += 0.3 * (1.0 - expected_trust[answered])
    assert 0 < answered.size < n  # the case has both kinds of account

    got = answer_commenters(comments, before, trust, 0.3)

    assert got == answered.size
    np.testing.assert_array_equal(trust, expected_trust)  # bit for bit
    np.testing.assert_array_equal(before, comments)  # tomorrow compares with today
    assert answer_commenters(comments, before, trust, 0.3) == 0  # nothing new: nobody gains
    np.testing.assert_array_equal(trust, expected_trust)


def test_the_accounts_a_post_won_follow_from_that_day():
    from sim.passes import welcome

    origin = np.zeros(6, dtype=np.int8)
    follow_day = np.full(6, -1, dtype=np.int32)
    welcome(np.array([4, 1, 4], dtype=np.int32), origin, follow_day, ORGANIC, 9)
    assert origin.tolist() == [NONE, ORGANIC, NONE, NONE, ORGANIC, NONE]
    assert follow_day.tolist() == [-1, 9, -1, -1, 9, -1]
