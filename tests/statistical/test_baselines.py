"""Baselines a professional would believe: what a plain account that posts regularly does in a
year, on every preset (docs/sources.md, "Baselines of a plain account").

Setup: a plain shop (the preset's defaults, 1,000 organic followers, one post a day) in a
20,000-user audience for 365 days, seeds 500-501: no preset was fitted and no threshold read on
them (fits use seeds 1000-1031, their checks 100-131). Growth is also checked at 100,000 users, the
size the shipped scenarios run at, where a TikTok shop grew tenfold.
"""

from __future__ import annotations

from functools import cache

import pytest

from sim.engine.runner import run
from sim.scenario import list_presets, resolve

SEEDS = (500, 501)


@cache
def _year(platform: str):
    sc = resolve(
        {
            "platform": platform,
            "days": 365,
            "audience": {"users": 20_000},
            "brand": {"initial_followers": 1_000, "posts_per_week": 7},
        }
    )
    return tuple(run(sc, seed=s) for s in SEEDS)


@pytest.mark.parametrize("platform", list_presets())
def test_a_plain_account_posting_daily_keeps_most_of_its_followers(platform):
    # Share of everyone who followed in the year (the 1,000 at the start and every follow won)
    # who unfollowed by its end. Measured: 3-6% on every preset (Facebook was 55% when a
    # follower forgot a brand the feed did not show them). Tolerance: under a quarter, far from
    # "most", and wide for the model's simplicity rather than for noise.
    for r in _year(platform):
        d = r.days
        lost = d["unfollows"].sum() / (1_000 + d["new_follows"].sum())
        assert lost < 0.25, f"{platform} seed {r.seed}: {lost:.0%} of followers left in a year"


def test_a_silent_brand_is_forgotten():
    # The counter-setting: the same Facebook page posting once every four weeks (a 28-day
    # silence, longer than forget_after = 14) loses at least twice the share of followers the
    # daily page loses. Measured: 81-82% against 5-6%.
    sc = resolve(
        {
            "platform": "facebook",
            "days": 365,
            "audience": {"users": 20_000},
            "brand": {"initial_followers": 1_000, "posts_per_week": 0.25},
        }
    )
    for daily, r in zip(_year("facebook"), (run(sc, seed=s) for s in SEEDS), strict=True):
        lost = lambda d: d["unfollows"].sum() / (1_000 + d["new_follows"].sum())  # noqa: E731
        assert lost(r.days) > 2 * lost(daily.days), (lost(r.days), lost(daily.days))


@cache
def _shipped_year(platform: str, posts_per_week: float = 7):
    sc = resolve(
        {
            "platform": platform,
            "days": 365,
            "audience": {"users": 100_000},
            "brand": {"initial_followers": 1_000, "posts_per_week": posts_per_week},
        }
    )
    return tuple(run(sc, seed=s) for s in SEEDS)


@pytest.mark.parametrize("platform", list_presets())
def test_no_plain_shop_multiplies_its_followers_tenfold_in_a_year(platform):
    # At the size the shipped scenarios run at (100,000 users), posting daily. Rival IQ (2022)
    # reports 2-3% a month for TikTok brands, more than 5% for accounts under 50K: about x1.8 a
    # year, so tenfold is far outside. Measured: TikTok x3.9-4.4 (x3.7-4.1 before its pools
    # varied from post to post; x10-12 when its viewers followed as often as Instagram's and
    # its pools grew with the population), Instagram x2.5-3.0, LinkedIn x1.3, Facebook and X
    # about x1.
    for r in _shipped_year(platform):
        growth = r.days["real_followers"].iloc[-1] / 1_000
        assert growth < 10, f"{platform} seed {r.seed}: x{growth:.1f} followers in a year"


def test_a_tiktok_shop_posting_twice_a_week_grows_as_rival_iq_measured():
    # Rival IQ (2022): brands grow 2-3% a month, accounts under 50K more than 5%, at about two
    # videos a week. behaviour.follow was fitted to 5% on seeds 0-1 (4.2-5.0%); these seeds are
    # held out. Measured: 5.0-5.7% a month (4.9-5.3% before TikTok's pools varied from post to
    # post; seeds 0-1 now 3.6-4.5%). Tolerance: 2% to 10% a month.
    for r in _shipped_year("tiktok", posts_per_week=2):
        monthly = (r.days["real_followers"].iloc[-1] / 1_000) ** (1 / 12) - 1
        assert 0.02 <= monthly <= 0.10, f"seed {r.seed}: {monthly:.1%} a month"
