"""Account size, by mechanism: engagement per follower and feed reach fall as accounts grow.

Published: engagement per follower falls with follower count on Instagram and TikTok
(HypeAuditor 2018; Modash); Instagram's median feed reach is 37.7% of followers under 20k and
22.9% between 20k and 100k (Minter.io). Nothing in the model names an account's size. Reach
falls because a brand follows back only so many followers and the feed ranks a one-way follow
lower (``sim.traits.relationships``); engagement per follower falls with it, and because
recommendation pools grow more slowly than the audience and social proof saturates after a few
likes.

Design: a plain account of 1,000, 10,000 and 50,000 initial followers in a 100,000-user
population, one post a day for 90 days (the first 30 dropped), on held-out seeds 100-101, the
seeds the presets were not fitted on. The statistic is the median over all posts of the seeds
(about 120 per arm). Bands: Minter's figures ±7 percentage points (each tier's median is over
thousands of followers, so the seed-to-seed spread is under a point; the band is for the
model's simplicity, not for noise).
"""

from __future__ import annotations

import pandas as pd
import pytest

from sim.engine.runner import run
from sim.scenario import list_presets, resolve

SEEDS = (100, 101)
TIERS = (1_000, 10_000, 50_000)


def _posts(platform: str, followers: int, seeds=SEEDS, **extra) -> pd.DataFrame:
    raw = {
        "platform": platform,
        "days": 90,
        "audience": {"users": 100_000},
        "brand": {"initial_followers": followers},
        **extra,
    }
    sc = resolve(raw, source="account size test")
    p = pd.concat([run(sc, seed=s).posts for s in seeds], ignore_index=True)
    return p[p.day >= 30]


def _reach(p: pd.DataFrame) -> float:
    return float((p.follower_impressions / p.followers).median())


@pytest.fixture(scope="module")
def instagram():
    return {f: _posts("instagram", f) for f in TIERS}


@pytest.mark.parametrize("platform", ["instagram", "tiktok"])
def test_engagement_per_follower_falls_as_accounts_grow(platform, instagram):
    tiers = instagram if platform == "instagram" else {f: _posts(platform, f) for f in TIERS}
    rates = [tiers[f].engagement_rate_follower.median() for f in TIERS]
    assert rates[0] > rates[1] > rates[2], rates
    assert rates[2] < 0.6 * rates[0], rates  # HypeAuditor 2018 medians: 2.63% / 6.45% = 0.41


def test_feed_reach_is_minters_under_20k_and_falls_above(instagram):
    small, big = _reach(instagram[1_000]), _reach(instagram[50_000])
    assert 0.307 <= small <= 0.447, small  # Minter: 37.7% under 20k followers
    assert 0.159 <= big <= 0.299, big  # Minter: 22.9% at 20k-100k followers


def test_a_brand_that_follows_everyone_back_keeps_its_reach(instagram):
    """The cause, not only the correlation: with no limit on following back, the big account's
    followers see its posts as the small account's do; following nobody back, the small one's
    reach falls to the one-way share."""
    everyone = _reach(_posts("instagram", 50_000, relationships={"follow_back_limit": 100_000}))
    nobody = _reach(_posts("instagram", 1_000, relationships={"follow_back_limit": 0}))
    # Without the owner's close ties, who see even a demoted post and are a sixth of a
    # 1,000-follower account's followers but a sliver of a 50,000-follower one's: the two
    # accounts then differ in their follow backs only.
    small = _reach(_posts("instagram", 1_000, close_ties={"count": 0}))
    # In Minter's band for accounts under 20k (the test above), not the 20k-100k one. What gap
    # is left is the follower test, not relationships: the big account's followers react less
    # per delivery (median test signal 0.030 against 0.051 on seeds 100-101), so its posts
    # widen a little less often (79% against 83%). Measured gap: 3.5 points on seeds 100-101,
    # 1.8 on seeds 102-105 (before the presets were fitted at 100,000 users: 2.8 and 1.1).
    assert 0.307 <= everyone <= 0.447, (everyone, small)
    assert abs(everyone - small) < 0.04, (everyone, small)
    assert nobody < 0.7 * small, (nobody, small)  # one_way_reach = 0.51


# Seeds no preset fit, threshold or other test reads.
SMALLEST_SEEDS = range(620, 626)


def _engagement(platform: str, followers: int, **extra) -> float:
    """Engagement per follower of the account's mean post (the account's rate, as HypeAuditor
    averages it over an account's posts; a small account's median post is a whole count of 0 or 1
    engagements on Facebook, X and LinkedIn)."""
    posts = _posts(platform, followers, SMALLEST_SEEDS, **extra)
    return float(posts.engagement_rate_follower.mean())


@pytest.mark.parametrize("platform", list_presets())
def test_engagement_per_follower_falls_most_among_the_smallest_accounts(platform):
    """HypeAuditor (2018) finds the steepest fall among the smallest accounts: 4.26% at 1-5K
    against 1.62% at 20-100K followers (x2.6). The model, by the owner's close ties
    (``sim.traits.close_ties``): at least x2 between 500 and 30,000 followers, and no rise on the
    way. Measured on seeds 620-625 after the presets' fit: see docs/mechanisms.md."""
    small, mid, big = (_engagement(platform, f) for f in (500, 2_000, 30_000))
    assert small >= 2.0 * big, (small, mid, big)
    assert small > mid > big, (small, mid, big)


@pytest.mark.parametrize("platform", ["facebook", "x", "linkedin"])
def test_the_close_ties_lift_the_smallest_accounts_only(platform):
    """The cause: switched off, the close ties take a third or more off a 500-follower account's
    engagement per follower and under a tenth off a 30,000-follower account's, whose followers
    they are a sliver of. Measured on seeds 620-625 after the presets' fit: at 500 followers x2.2
    (Facebook), x2.4 (X), x1.6 (LinkedIn); at 30,000 within 5%."""
    none = {"close_ties": {"count": 0}}
    small = _engagement(platform, 500) / _engagement(platform, 500, **none)
    big = _engagement(platform, 30_000) / _engagement(platform, 30_000, **none)
    assert small >= 1.33, small
    assert abs(big - 1.0) < 0.10, big
