"""Bought followers hurt real reach by mechanism, and the same model shows the opposite when the
parameters say so (DESIGN principle 7).

Organic vs buying 4,000 followers on day 10, 10,000 users, 1,000 organic followers, 70 days, seeds
0-4 with common random numbers (same audience per seed). The statistic is the median real reach
per post after the purchase (days 10-69), pooled over seeds; tolerances are stated per test.
"""

import numpy as np
import pytest

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(5)


def median_reach(extra=None, buy=True):
    raw = {
        "name": "mech",
        "days": 70,
        "audience": {"users": 10_000},
        "brand": {"initial_followers": 1000},
    }
    for key, value in (extra or {}).items():
        raw[key] = value
    if buy:
        raw.setdefault("strategies", {})["buy"] = {
            **raw.get("strategies", {}).get("buy", {}),
            "days": [10],
            "count": 4000,
        }
    sc = resolve(raw)
    reach = [run(sc, seed=s).posts.query("day >= 10")["real_reach"] for s in SEEDS]
    return float(np.median(np.concatenate(reach)))


@pytest.fixture(scope="module")
def organic():
    return median_reach(buy=False)


def test_bought_followers_cut_real_reach(organic):
    bought = median_reach()
    # Four fakes to each real follower leave the test sample ~80% bots; the test fails and the
    # post is demoted. Expect real reach to fall by at least half.
    assert bought < 0.5 * organic, f"organic {organic:.0f}, bought {bought:.0f}"


def test_no_test_sample_no_loss(organic):
    # A chronological platform shows every post to all followers and gates nothing on engagement
    # (test_fraction 1, threshold 0): fakes cost no real reach, within 10%.
    chrono = {"feed": {"test_fraction": 1.0, "test_threshold": 0.0}}
    assert median_reach(chrono) == pytest.approx(median_reach(chrono, buy=False), rel=0.10)


def test_fakes_that_engage_like_real_users_do_not_dilute(organic):
    # Fakes with the interest and activity of the brand's real fans pass the test like fans do:
    # real reach no lower than 90% of organic.
    like_real = {"strategies": {"buy": {"interest": 0.45, "activity": 0.38}}}
    assert median_reach(like_real) >= 0.9 * organic
