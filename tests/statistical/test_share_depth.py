"""How deep a brand's share cascades go, against Goel, Watts & Goldstein (2012): 70-95% of
cascades never go past the first poster, and only 1-4% go past one step.

In feedsim the brand's post is the root of its diffusion tree; a *share of a share* is a share
made by someone who was reached through another share (the kernel's ``reshares``).

Setup: a plain 1,000-follower shop on the Instagram preset, 20,000 users, 365 days, seeds
760-765: no preset value was fitted on them and no other test uses them.

The model does not reach the 1-4%: a share is seen by about five of the sharer's followers
inside the simulated population (``audience.mean_follows`` = 20), so it brings far under 0.01
shares of its own where the published depth needs about 0.1-0.3 (docs/validation.md gives the
chain). That test is marked as an expected failure, strict: it fails the suite once the model
reaches the range, so the mark must then go.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(760, 766)


@pytest.fixture(scope="module")
def instagram() -> pd.DataFrame:
    sc = resolve(
        {
            "name": "share_depth",
            "platform": "instagram",
            "days": 365,
            "audience": {"users": 20_000},
            "brand": {"initial_followers": 1000},
        }
    )
    return pd.concat([run(sc, seed=s).posts for s in SEEDS], ignore_index=True)


def reshares(p: pd.DataFrame) -> pd.Series:
    """Shares of a share per post (the kernel records them as a ratio to the tree's shares)."""
    return (p.reshares_per_share.fillna(0.0) * (p.cascade_size - 1)).round()


def test_most_posts_are_never_shared(instagram):
    # Goel et al.: 70-95% of cascades never go past the first poster (2,190 posts).
    none = (instagram.shares == 0).mean()
    assert 0.70 <= none <= 0.95, none


@pytest.mark.xfail(
    strict=True,
    reason="a share reaches about five people inside the simulated population "
    "(audience.mean_follows = 20), too few for a share of a share in 1-4% of posts; "
    "see docs/validation.md",
)
def test_a_few_percent_of_posts_go_past_one_step(instagram):
    deep = (reshares(instagram) > 0).mean()
    assert 0.01 <= deep <= 0.04, deep
