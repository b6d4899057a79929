"""Growth tactics, purges and trust: direction and size of each effect, and exact accounting.

Every comparison runs the shipped scenario files, shrunk to 20,000 users and 200 days, for seeds
200-203 with common random numbers (the same audience per seed in every arm), and compares pooled
figures with the organic arm. No preset was fitted on these seeds (fits use 1000-1031, their
checks 100-131). Tolerances are stated per test.
"""

from pathlib import Path

import numpy as np
import pytest

from sim.engine.model import FeedModel
from sim.engine.runner import run
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(200, 204)
SMALL = {"audience.users": 20_000, "days": 200}


def scenario(name, **over):
    sc = load_scenario(ROOT / "scenarios" / f"{name}.toml")
    small = dict(SMALL)
    if name == "micro_influencer":  # keep only the booked days inside 200 days
        small["strategies.influencer.days"] = [30, 60, 90, 120, 150, 180]
    return sc.with_overrides({**small, **over})


def arm(name, **over):
    sc = scenario(name, **over)
    return [run(sc, seed=s) for s in SEEDS]


def pooled(runs, column, table="posts", since=30):
    frames = [getattr(r, table) for r in runs]
    return np.concatenate([f.loc[f["day"] >= since, column].to_numpy() for f in frames])


def total(runs, column):
    return float(np.mean([r.days[column].sum() for r in runs]))


def end(runs, column):
    return float(np.mean([r.days[column].iloc[-1] for r in runs]))


@pytest.fixture(scope="module")
def organic():
    return arm("organic")


@pytest.fixture(scope="module")
def bought():
    return arm("bought_followers")


def test_bought_followers_cut_reach_engagement_and_sales(organic, bought):
    # Real reach per post after the purchase falls by more than half; purchases by more than 30%.
    assert np.median(pooled(bought, "real_reach")) < 0.5 * np.median(pooled(organic, "real_reach"))
    assert total(bought, "purchases") < 0.7 * total(organic, "purchases")
    # The count looks better for months: followers on day 100 are well above organic.
    day100 = lambda runs: np.mean([r.days.loc[100, "followers"] for r in runs])  # noqa: E731
    assert day100(bought) > 3 * day100(organic)


def test_no_trust_loss_counter_scenario_isolates_trust(bought):
    # Same purchase, same discovery, but trust does not fall: more real followers keep visiting
    # and buying. Measured (seeds 200-203): visits 300 against 164 per run. At the preset's 0.8% of
    # visitors buying an arm makes one or two purchases, too few to compare, so purchases are
    # compared at a stated 25% in both arms.
    calm = arm("counter_no_trust_loss")
    assert total(calm, "visits") > 1.3 * total(bought, "visits")
    buying = {"behaviour.purchase": 0.25}
    assert total(arm("counter_no_trust_loss", **buying), "purchases") > 1.3 * total(
        arm("bought_followers", **buying), "purchases"
    )
    # What follows from trust that never falls: nobody leaves for distrust. Measured (seeds
    # 200-203): 47 unfollows a run against 183 with the preset's trust loss; asserted below half.
    assert total(calm, "unfollows") < 0.5 * total(bought, "unfollows")
    assert any(r.days["discovered"].sum() > 0 for r in calm), "discovery still happens"


def test_discovery_switched_off_changes_nothing_without_trust_effects():
    # With trust loss off, switching discovery off too must change nothing at all.
    on = arm("counter_no_trust_loss")
    off = arm("counter_no_trust_loss", **{"discovery.enabled": False})
    for a, b in zip(on, off, strict=False):
        cols = [c for c in a.days.columns if c != "discovered"]
        assert a.days[cols].equals(b.days[cols])


def test_chronological_platform_bought_followers_cost_no_reach():
    # No test sample and no gate: real reach within 10% of the same shop without the purchase.
    with_fakes = arm("counter_no_test_sample")
    without = arm("counter_no_test_sample", **{"strategies.buy.count": 0})
    a, b = np.median(pooled(with_fakes, "real_reach")), np.median(pooled(without, "real_reach"))
    assert a == pytest.approx(b, rel=0.10)


def test_follow_for_follow_grows_count_not_engagement_rate(organic):
    f4f = arm("follow_for_follow")
    assert end(f4f, "followers") > end(organic, "followers") + 200
    assert max(r.days["followers_follow_back"].max() for r in f4f) > 300

    # Follow-backs are strangers with little interest: engagement per follower falls during the
    # tactic (days 60-120) by at least 10%. The mean over posts (the brand's average engagement
    # per post / followers), not the median: at four or five engagements per post the median is
    # one of a few values k / followers and jumps between them (over seeds 200-203 the median
    # fell 3%, the mean 17%; over seeds 204-215 the mean fell 28%).
    def during(runs):
        return np.mean(
            np.concatenate(
                [r.posts.query("60 <= day <= 120")["engagement_rate_follower"] for r in runs]
            )
        )

    assert during(f4f) < 0.9 * during(organic)


def test_giveaway_buys_a_count_not_customers(organic):
    give = arm("giveaway")
    gained = end(give, "followers") - end(organic, "followers")
    extra_sales = total(give, "purchases") - total(organic, "purchases")
    assert gained > 500
    # Fewer than 1 extra purchase per 50 extra followers.
    assert extra_sales < gained / 50
    # What follows from its price: the giveaway's extra followers do not bring the €200 back.
    # Measured (seeds 200-203): net result €171 a run against organic's €399.
    net = lambda runs: total(runs, "revenue") - total(runs, "cost")  # noqa: E731
    assert net(give) < net(organic)


def test_influencer_seeding_adds_reach_on_booked_days_only(organic):
    # A fully credible influencer: every follower of theirs notices the sponsored share.
    infl = arm(
        "micro_influencer",
        **{"strategies.influencer.tier": "macro", "strategies.influencer.credibility": 1.0},
    )
    booked = [30, 60, 90, 120, 150, 180]
    for r in infl:
        seeded = r.posts.groupby("day")["seeded_impressions"].sum()
        assert (seeded.loc[booked] > 0).all() and seeded.drop(booked).eq(0).all()
    # On booked days real reach exceeds organic's by at least half the seeded impressions (the
    # rest may be people who would have seen the post anyway).
    reach = lambda runs: np.mean([r.days.loc[booked, "real_reach"].mean() for r in runs])  # noqa
    seeded = np.mean(
        [r.posts.groupby("day")["seeded_impressions"].sum().loc[booked].mean() for r in infl]
    )
    assert reach(infl) > reach(organic) + 0.5 * seeded
    # What follows from six bookings at €150 for a shop this size: the reach they add does not
    # pay for them. Measured (seeds 200-203): net result −€517 a run against organic's €399.
    net = lambda runs: total(runs, "revenue") - total(runs, "cost")  # noqa: E731
    assert net(infl) < net(organic)


def test_pod_inflates_visible_counts_and_passes_more_tests(organic):
    pod = arm("engagement_pod")
    # The pod's own likes: 40 members x 0.9 x the posts from day 30 on, within 10%.
    posts = np.mean([(r.posts["day"] >= 30).sum() for r in pod])
    pod_likes = total(pod, "likes") - total(pod, "real_likes")
    assert pod_likes == pytest.approx(40 * 0.9 * posts, rel=0.10)
    assert pooled(pod, "passed_test").mean() > pooled(organic, "passed_test").mean()
    # Social proof and wider reach can only add real likes; the pod itself never buys.
    assert total(pod, "real_likes") >= total(organic, "real_likes")


# ---------------------------------------------------------------------------- accounting


def test_every_cost_is_counted_once():
    sc = scenario("organic").with_overrides(
        {
            "strategies.buy": {"days": [20, 40], "count": 1000, "price_per_1000": 9.0},
            "strategies.giveaway": {"day": 50, "entrants": 500, "prize_cost": 300.0},
            "strategies.influencer": {"days": [10, 70], "fee": 120.0},
            "strategies.pod": {"start_day": 5, "end_day": 14, "members": 10, "cost_per_day": 2.5},
        }
    )
    d = run(sc, seed=0).days
    expected = 2 * 9.0 + 300.0 + 2 * 120.0 + 10 * 2.5
    assert d["cost"].sum() == pytest.approx(expected)
    assert d["cumulative_cost"].iloc[-1] == pytest.approx(expected)


def test_purge_removes_follows_and_reactions_exactly():
    sc = scenario("bought_followers").with_overrides(
        {
            "strategies.buy.premium_share": 0.5,
            "strategies.buy.premium_like": 0.3,
            "purge.every_days": 60,
            "purge.detection": 0.8,
            "strategies.pod": {"members": 30, "bots": True, "start_day": 10},
        }
    )
    m = FeedModel(sc, seed=3)
    m.run_days(sc.days)
    d = __import__("pandas").DataFrame(m.recorder.day_rows)
    a = m.audience
    # Visible likes on the brand's posts equal the likes still standing in the account ledger.
    assert d["visible_likes"].iloc[-1] == a.likes_given.sum()
    assert d["visible_comments"].iloc[-1] == a.comments_given.sum()
    assert d["likes_removed"].sum() > 0 and d["purged"].sum() > 0
    # Removed accounts follow nobody and hold no reactions.
    gone = a.removed == 1
    assert not a.origin[gone].any() and not a.likes_given[gone].any()
    # Purged followers are exactly the fall in bought followers on purge days.
    purge_days = d.index[d["purged"] > 0]
    drop = d["followers_bought"].shift(1) - d["followers_bought"]
    np.testing.assert_array_equal(drop.loc[purge_days], d.loc[purge_days, "purged"])
    # About 80% of the 5,000 are caught at the first purge (binomial sd ~28; 5 sd).
    assert abs(d.loc[60, "purged"] - 4000) < 5 * 28


def test_a_daily_detection_rate_removes_fakes_gradually():
    # No purge waves, 1% of live fakes caught a day. The 5,000 arrive at the start of day 30 and
    # the platform acts at the end of each day, so by the end of day 129 there were 100 checks:
    # about 1 - 0.99^100 = 63% are gone (binomial sd ~34; 5 sd).
    sc = scenario("bought_followers", **{"purge.every_days": 0, "purge.daily_rate": 0.01})
    d = run(sc, seed=1).days
    gone = 5000 - d.loc[129, "followers_bought"]
    assert abs(gone - 5000 * (1 - 0.99**100)) < 5 * 34
    assert (d.loc[31:129, "purged"] > 0).mean() > 0.9, "removals happen day by day"
