"""The fit recovers a known run from each download layout, as a client's files would reach it:
held-out reach per post and follower growth over the export.

For each platform: one run of its preset (1,000 followers, 84 days of daily posts at 19:00,
run seed 77) is written in the layout the platform's download has (tests/data/layouts.py), with
the daily follower files the platform offers beside it (Meta: daily follows and unfollows, UTF-16;
LinkedIn: the followers export's new followers; TikTok: FollowerHistory.csv and Overview.csv's
gains and losses inside the ZIP), read back and fitted on its first 75% of posts (``SIMS``
simulations, design seed 0, five replicates on seeds 300-304). The fit uses the daily history:
net growth per third of the fitted period, gains and losses, with churn (``behaviour.unfollow``)
and the reachable market (``audience.users``) among the fitted values.

Both checks hold the fitted scenario within 25% (``TOLERANCE``) of the export:

- the median reach per post of the 21 held-out posts (views where the layout has no reach);
- follower growth from the first post to the last, the fitted scenario's median over seeds
  against the export's history, where the history gives it: LinkedIn's followers export gives
  new followers but no losses, so there the check says growth is not known.

Where a goal is not met the test is marked xfail (strict) with the figure measured; the
tolerance stays. The figures above hold on design seed 0; the last test fits the three layouts
whose fit once hung on the design seed (Instagram's reach, TikTok's views, Facebook's reach)
from design seeds 1 and 2 as well.

TikTok's views on design seed 2 are an expected failure. Each post's recommendation pools take
one draw per post (``feed.explore_spread``), so the known run's views per post are continuous
(15% of posts of the known scenario between 800 and 2,000 views over seeds 300-319, none before,
when they fell in three groups of about 500, 2,500 and 4,500 views by the pools a post reached).
But they stay wide (a quarter of the posts under 550 views, a quarter over 3,000): 47% of the
posts still stop after the first pool, so the median of 21 held-out posts of one run varies by
41% (coefficient of variation over seeds 300-319). The known scenario itself, as the fitted one,
lands within 25% of another run's held-out median in 61 of 240 export/check pairs (25%; 46% with
the three groups), and on this check's seeds 300-304 it gives 2,471 held-out views against the
export's 2,242 (+10%). So TikTok's checks on design seed 0 (-8% views, -12% growth) hold by the
fit and by that luck together; on other design seeds the same fit misses as often as not
(design seeds 0 to 5: -8%, -45%, +67%, -7%, -57% and +25%, three of six within 25%). The
same fitted scenarios miss the median of the 63 posts they were fitted on by about as much
(+24%, -34%, +32%, +6%, -42%, +8%): the share of posts past 1,000 views, 65% in the export, is
56% to 75% in them, and the median sits at the first pool's edge, where that share decides it.
Their mean log views lie from 7.28 to 7.75 against the export's 7.41, and the fitted values'
90% intervals stay wide (activity 0.12-0.77, the threshold for recommendations 0.08-0.49).

The check also gives each replicate run's own held-out median, lowest to highest: the scatter
one export's median has if the account were the fitted scenario. On design seed 0, TikTok's five
runs give 762 to 3,389 views around their pooled 2,056 and hold the export's 2,242, so the
verdict calls the close match partly luck; Instagram's give 486 to 531 reach around 507 against
495 observed, so the verdict gives the range and claims no noise. On design seed 2, TikTok's
five runs (seeds 302-306) give 3,402 to 4,689, the export's 2,242 below them all, and the
verdict says the fit misses by more than they vary; run on twenty seeds (302-321) the same
fitted scenario gives 1,485 to 4,689, two runs below 2,242: that miss lies at the edge of what
the fitted account varies by itself, which five runs are too few to show.

About 180 s of CPU in all (one calibration per layout, shared by both tests, and three
more for the seed, about 25 s each).
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.studies.calibrate import account, synthetic, words
from sim.studies.calibrate.design import post_hours, rhythm, simulated_posts
from sim.studies.calibrate.exports import read_export
from sim.studies.calibrate.fit import replicate_posts

sys.path.insert(0, str(Path(__file__).parents[1] / "data"))
import layouts  # noqa: E402

FOLLOWERS = 1000
TOLERANCE = 0.25
SIMS = 300
LAYOUTS = {
    "instagram_nl": "instagram",
    "facebook_posts": "facebook",
    "linkedin_xlsx": "linkedin",
    "tiktok_zip": "tiktok",
}


@functools.cache
def _calibrated(layout: str, folder: str, design_seed: int = 0):
    from sim.engine.runner import run

    platform = LAYOUTS[layout]
    tmp = Path(folder)
    base = synthetic.make_base(platform=platform, followers=FOLLOWERS, days=84)
    result = run(base, seed=77)
    posts = simulated_posts(result, synthetic.START, post_hours(base))
    d = result.days
    days = pd.DataFrame(
        {
            "date": synthetic.START + pd.to_timedelta(d["day"], unit="D"),
            "total": d["followers"],
            "gained": d["new_follows"],
        }
    )
    days["net"] = days["total"].diff().fillna(days["total"].iloc[0] - FOLLOWERS)
    days["lost"] = (days["gained"] - days["net"]).clip(lower=0)
    today = int(days["total"].iloc[-1])
    if layout == "tiktok_zip":
        ex = read_export(layouts.tiktok_zip(posts, days, tmp), platform)
    elif layout == "linkedin_xlsx":
        layouts.linkedin_xlsx(posts, tmp / "posts.xlsx")
        layouts.linkedin_followers_xlsx(days, tmp / "followers.xlsx")
        ex = read_export(tmp, platform, followers=today)
    else:
        getattr(layouts, layout)(posts, tmp / "posts.csv")
        layouts.facebook_daily(days, "gained", "Lifetime: Page follows", tmp / "follows.csv")
        layouts.facebook_daily(days, "lost", "Lifetime: Page unfollows", tmp / "unfollows.csv")
        ex = read_export(tmp, platform, followers=today)
    assert len(ex.posts) == 84 and ex.history is not None
    cal = account.calibrate(ex, sims=SIMS, holdout=0.25, replicates=5, seed=design_seed, workers=1)
    return ex, cal, days


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("layouts")


def _case(folder, layout, design_seed=0):
    sub = folder / f"{layout}-{design_seed}"
    sub.mkdir(exist_ok=True)
    return _calibrated(layout, str(sub), design_seed)


@pytest.mark.parametrize(
    "layout",
    [
        "instagram_nl",
        "facebook_posts",
        "linkedin_xlsx",
        # TikTok: 2,242 held-out views observed, 2,056 simulated (-8%); see the module's note.
        "tiktok_zip",
    ],
)
def test_held_out_reach_is_recovered_from_each_layout(folder, layout):
    ex, cal, _ = _case(folder, layout)
    c = cal.check
    assert c["posts"] == 21
    obs, sim = c["reach_observed"], c["reach_simulated"]
    print(
        f"{layout}: held-out median {ex.reach_kind} {obs:.0f} observed, {sim:.0f} simulated "
        f"({sim / obs - 1:+.0%}); barely informed: {cal.barely_informed()}"
    )
    assert abs(sim - obs) <= TOLERANCE * obs, (layout, ex.reach_kind, obs, sim)


@pytest.mark.parametrize(
    "layout",
    [
        # Instagram's run: +74 observed, +64 simulated (-14%); design seeds 1-3: +8%, -19%,
        # -9%, all within the check (with the polish always begun from the posterior's point
        # values: -35%, -18%, -11%, the first 26 followers off, within 3% of the 1,000). With
        # churn fitted through forgetting, which never acts on an account that posts daily: +5%
        # here, and +34% and +46% (past the check) on design seeds 1 and 3.
        "instagram_nl",
        "facebook_posts",
        # TikTok: +128 observed, +113 simulated (-12%); see the module's note on how loose one
        # run's TikTok figures are.
        "tiktok_zip",
    ],
)
def test_follower_growth_is_recovered_from_each_layout(folder, layout):
    ex, cal, days = _case(folder, layout)
    c = cal.check
    assert "growth_observed" in c, (layout, "the export gives no growth to compare")
    obs, sim = c["growth_observed"], c["growth_simulated"]
    print(
        f"{layout}: growth {obs:+.0f} observed, {sim:+.0f} simulated "
        f"({(sim - obs) / abs(obs):+.0%})"
    )
    assert obs == days["total"].iloc[-1] - FOLLOWERS
    # Within 25% of the observed growth, or within 3% of the follower count where the account
    # barely grows (a relative error of a growth near zero means nothing).
    assert abs(sim - obs) <= max(TOLERANCE * abs(obs), 0.03 * FOLLOWERS), (layout, obs, sim)
    # The fitted churn is written in the scenario with its interval.
    assert "unfollow = " in cal.toml and "audience" in cal.toml


def test_the_check_says_how_far_one_run_of_the_account_strays(folder):
    # TikTok (design seed 0): the fitted account's five runs give held-out medians of 762 to
    # 3,389 views, far past 25% of their pooled 2,056 and holding the export's 2,242, so the
    # close match (-8%) is called partly luck. Instagram: 486 to 531 reach around 507 against
    # 495 observed, so the verdict gives the range and claims no noise.
    ex, cal, _ = _case(folder, "tiktok_zip")
    c = cal.check
    assert c["runs"] == 5 and c["reach_low"] <= c["reach_observed"] <= c["reach_high"]
    sim = c["reach_simulated"]
    assert c["reach_high"] / c["reach_low"] > 2
    assert max(sim / c["reach_low"] - 1, c["reach_high"] / sim - 1) > TOLERANCE
    low, high = c["reach_low"], c["reach_high"]
    en, nl = (words.verdict(c, ex.reach_kind, True, lang) for lang in ("en", "nl"))
    assert f"from {low:,.0f} to {high:,.0f}" in en and "partly luck" in en
    assert f"van {low:,.0f} tot {high:,.0f}".replace(",", ".") in nl and "deels toeval" in nl
    ex, cal, _ = _case(folder, "instagram_nl")
    c = cal.check
    sim, low, high = c["reach_simulated"], c["reach_low"], c["reach_high"]
    assert c["runs"] == 5 and abs(sim / c["reach_observed"] - 1) <= TOLERANCE
    assert max(sim / low - 1, high / sim - 1) <= TOLERANCE
    for lang in ("en", "nl"):
        text = words.verdict(c, ex.reach_kind, True, lang)
        assert words.scatter(c, ex.reach_kind, lang) in text
        for claim in ("luck", "toeval", "cannot tell", "niet onderscheiden", "outside", "buiten"):
            assert claim not in text, (lang, text)


def test_growth_is_called_unknown_where_the_export_gives_gains_alone(folder):
    # LinkedIn's followers export gives new followers but no losses: the growth over the export
    # is not knowable, and the check says so instead of comparing one.
    ex, cal, _ = _case(folder, "linkedin_xlsx")
    c = cal.check
    assert "growth_observed" not in c and c["growth_unknown"] == 1.0
    assert "not known" in words.growth(c, "en")


@pytest.mark.parametrize(
    "layout, design_seed",
    [
        ("instagram_nl", 1),
        # Before the polish could begin elsewhere than the posterior's point values: 200 held-out
        # reach observed, 701 simulated (+250%). The regression behind the point values sent
        # every post past the follower test (explore_threshold 0.03 against the known 0.2), and
        # two polish steps could not bring them back; the known values themselves came nearer
        # the export on the fit's own distance (4.1 against 6.3).
        ("facebook_posts", 2),
        # Before a brand's first followers included its close ties: 2,520 held-out views
        # observed, 2,969 simulated (+18%). Then the known scenario's posts sat half in the
        # first pool's group and half in the later pools'; now their views are continuous but
        # as wide (see the module's note), and the median of 21 posts as loose.
        pytest.param(
            "tiktok_zip",
            2,
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "measured 2,242 held-out views observed, 3,743 simulated (+67%): the median "
                    "of 21 held-out posts varies by 41% between runs of the known scenario, "
                    "which is itself within 25% of another of its runs in a quarter of pairs "
                    "(see the module's note)"
                ),
            ),
        ),
    ],
)
def test_held_out_reach_does_not_hang_on_the_design_seed(folder, layout, design_seed):
    # The layouts whose fit hung on the design seed before (Instagram's reach, TikTok's views,
    # whose posts fall in groups, and Facebook's reach), fitted again from another design.
    ex, cal, _ = _case(folder, layout, design_seed=design_seed)
    obs, sim = cal.check["reach_observed"], cal.check["reach_simulated"]
    print(
        f"{layout}, design seed {design_seed}: held-out {ex.reach_kind} {obs:.0f} observed, "
        f"{sim:.0f} simulated ({sim / obs - 1:+.0%})"
    )
    assert abs(sim - obs) <= TOLERANCE * obs, (obs, sim)


def test_tiktok_miss_on_design_seed_2_is_told_against_the_account_own_runs(folder):
    # Beside the expected failure above, which stays: what the check tells of that miss. The
    # fitted account's five runs (seeds 302-306) give 3,402 to 4,689 held-out views, the
    # export's 2,242 below them all, so the verdict says the fit misses by more than those runs
    # vary, and how often a further run would too (one time in three).
    ex, cal, _ = _case(folder, "tiktok_zip", design_seed=2)
    c = cal.check
    obs = c["reach_observed"]
    assert c["runs"] == 5 and obs < c["reach_low"]
    en, nl = (words.verdict(c, ex.reach_kind, True, lang) for lang in ("en", "nl"))
    assert "lies outside that range" in en and "one time in 3)" in en
    assert "daarbuiten" in nl and "één op de 3 keer" in nl
    # Run on twenty seeds (302-321, as `--replicates 20` would), the same fitted account gives
    # 1,485 to 4,689, two runs below the export's median: the miss lies within what the account
    # varies by itself, at the edge, and the verdict says the check cannot tell a closer fit.
    more = dataclasses.replace(
        cal,
        simulated=replicate_posts(
            cal.scenario,
            list(range(302, 322)),
            rhythm(ex.posts).start,
            post_hours(cal.scenario),
        ),
    )
    c20 = account.held_out_check(more)
    print(
        f"20 runs: {c20['reach_low']:.0f} to {c20['reach_high']:.0f}, pooled "
        f"{c20['reach_simulated']:.0f}, observed {obs:.0f}"
    )
    assert c20["runs"] == 20 and c20["reach_low"] <= obs <= c20["reach_high"]
    assert c20["reach_simulated"] > (1 + TOLERANCE) * obs  # still a miss past the goal
    assert "cannot tell the fit from a closer one" in words.verdict(c20, ex.reach_kind, True, "en")
    assert "niet onderscheiden" in words.verdict(c20, ex.reach_kind, True, "nl")
