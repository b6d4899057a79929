"""The fit recovers a known run from each download layout, as a client's file would reach it.

For each platform: one run of its preset (1,000 followers, 84 days of daily posts at 19:00,
run seed 77) is written in the layout the platform's download has (tests/data/layouts.py), read
back and fitted on its first 75% of posts (design seed 0, five replicates). The fitted scenario
must give the median reach per post of the 21 held-out posts (views where the layout has no
reach) within 25%. Layouts with reach per post are fitted on 120 simulations; those with views
only (LinkedIn, TikTok) on 400, since a views-only fit on 120 draws moved by half between design
seeds (measured on TikTok: -55% and +12% on seeds 0 and 1; within 6% on 400). LinkedIn's and
TikTok's files give dates without the hour, so their fit posts at the preset's hour, not at
19:00: part of what the tolerance absorbs. Facebook's case adds the daily follows and unfollows
files: the fitted scenario's follower growth over the export must come within 25% of theirs, or
within 3% of the follower count where the page barely grows.
The fit does not use follower growth (it is checked, not fitted); TikTok's growth, not asserted,
was measured 137 simulated against 307 observed. About 45 s of CPU in all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.calibrate import account, synthetic
from sim.calibrate.design import post_hours, simulated_posts
from sim.calibrate.exports import read_export

sys.path.insert(0, str(Path(__file__).parents[1] / "data"))
import layouts  # noqa: E402

FOLLOWERS = 1000
TOLERANCE = 0.25


@pytest.mark.parametrize("layout, platform, sims", [
    ("instagram_nl", "instagram", 120),
    ("facebook_posts", "facebook", 120),
    ("linkedin_xlsx", "linkedin", 400),
    ("tiktok_zip", "tiktok", 400),
])
def test_held_out_reach_is_recovered_from_each_layout(tmp_path, layout, platform, sims):
    from sim.runner import run

    base = synthetic.make_base(platform=platform, followers=FOLLOWERS, days=84)
    result = run(base, seed=77)
    posts = simulated_posts(result, synthetic.START, post_hours(base))
    d = result.days
    days = pd.DataFrame({"date": synthetic.START + pd.to_timedelta(d["day"], unit="D"),
                         "total": d["followers"], "gained": d["new_follows"]})
    days["net"] = days["total"].diff().fillna(days["total"].iloc[0] - FOLLOWERS)
    days["lost"] = (days["gained"] - days["net"]).clip(lower=0)
    if layout == "tiktok_zip":
        path = layouts.tiktok_zip(posts, days, tmp_path)
        ex = read_export(path, platform)  # the follower count comes from FollowerHistory.csv
    elif layout == "facebook_posts":
        # The post file with the daily follows and unfollows beside it; today's count given.
        layouts.facebook_posts(posts, tmp_path / "posts.csv")
        layouts.facebook_daily(days, "gained", "Lifetime: Page follows", tmp_path / "f.csv")
        layouts.facebook_daily(days, "lost", "Lifetime: Page unfollows", tmp_path / "u.csv")
        ex = read_export(tmp_path, platform, followers=int(days["total"].iloc[-1]))
    else:
        suffix = ".xlsx" if layout == "linkedin_xlsx" else ".csv"
        path = getattr(layouts, layout)(posts, tmp_path / f"{layout}{suffix}")
        ex = read_export(path, platform, followers=FOLLOWERS)
    assert ex.followers == FOLLOWERS and len(ex.posts) == 84
    cal = account.calibrate(ex, sims=sims, holdout=0.25, replicates=5, seed=0, workers=1)
    c = cal.check
    assert c["posts"] == 21
    obs, sim = c["reach_observed"], c["reach_simulated"]
    assert abs(sim - obs) <= TOLERANCE * obs, (layout, ex.reach_kind, obs, sim)
    if layout == "facebook_posts":
        # Follower growth over the export, observed from the daily files, against the fitted
        # scenario's median over seeds: within 25% of the observed growth, or within 3% of the
        # follower count where the page barely grows (a relative error of a growth near zero
        # means nothing; measured +2 observed against -16 simulated of 1,000 followers).
        obs, sim = c["growth_observed"], c["growth_simulated"]
        assert obs == days["total"].iloc[-1] - FOLLOWERS
        assert abs(sim - obs) <= max(TOLERANCE * abs(obs), 0.03 * FOLLOWERS), (obs, sim)
