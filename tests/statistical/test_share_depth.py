"""How deep a brand's share cascades go, against Goel, Watts & Goldstein (2012): 70-95% of
cascades never go past the first poster, and only 1-4% go past one step.

In feedsim the brand's post is the root of its diffusion tree; a *share of a share* is a share
made by someone who was reached through another share: inside the simulated population (the
kernel's ``reshares``) or among the sharers' followers beyond it (``outside_shares``, estimated
from ``audience.share_audience`` = 1,000, Kwak et al. 2010; nothing was fitted to this figure).

Setup: a plain 1,000-follower shop on the Instagram preset, 100,000 users (the size the presets
were fitted at), 365 days, seeds 760-765: no preset value was fitted on them and no other test
uses them. In a world of 20,000 users fewer posts are shared, and the share of a share falls
under the range (docs/validation.md gives both).
"""

from __future__ import annotations

import pandas as pd
import pytest

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(760, 766)


def _plain(platform: str) -> pd.DataFrame:
    """The posts of a plain 1,000-follower shop on ``platform``, 100,000 users, a year, over
    ``SEEDS``."""
    sc = resolve(
        {
            "name": "share_depth",
            "platform": platform,
            "days": 365,
            "audience": {"users": 100_000},
            "brand": {"initial_followers": 1000},
        }
    )
    return pd.concat([run(sc, seed=s).posts for s in SEEDS], ignore_index=True)


@pytest.fixture(scope="module")
def instagram() -> pd.DataFrame:
    return _plain("instagram")


def reshares(p: pd.DataFrame) -> pd.Series:
    """Shares of a share per post: inside the population (the kernel records them as a ratio
    to the tree's shares) and beyond it."""
    return (p.reshares_per_share.fillna(0.0) * (p.cascade_size - 1)).round() + p.outside_shares


def test_most_posts_are_never_shared(instagram):
    # Goel et al.: 70-95% of cascades never go past the first poster (2,190 posts).
    none = (instagram.shares == 0).mean()
    assert 0.70 <= none <= 0.95, none


def test_a_few_percent_of_posts_go_past_one_step(instagram):
    deep = (reshares(instagram) > 0).mean()
    assert 0.01 <= deep <= 0.04, deep


@pytest.mark.parametrize(
    "platform",
    [
        "facebook",
        "linkedin",
        pytest.param(
            "x",
            marks=pytest.mark.xfail(
                strict=True,
                reason="97% of a plain 1,000-follower X account's posts get no repost: its "
                "engagement is fitted to Rival IQ's 0.035% of followers (about one reaction in "
                "three posts) and its repost rate is an assumption; see docs/validation.md",
            ),
        ),
        pytest.param(
            "tiktok",
            marks=pytest.mark.xfail(
                strict=True,
                reason="TikTok's shares are fitted to Socialinsider's 248 per 3,492 likes, so "
                "nearly every post is shared; Goel et al. measured no service like it",
            ),
        ),
    ],
)
def test_the_other_presets_share_as_goel_et_al_measured(platform):
    # The same two figures on every other preset (Instagram: above), seeds 760-765.
    p = _plain(platform)
    none, deep = (p.shares == 0).mean(), (reshares(p) > 0).mean()
    assert 0.70 <= none <= 0.95 and 0.01 <= deep <= 0.04, (none, deep)
