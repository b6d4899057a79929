"""Content, posting time and rhythm: what each lever does downstream, through the platform's test.

A lever that scales a reaction (a question scales comments, scarcity purchases) is only worth
testing for what follows from it: whether the post passes its test, how many real people it
reaches, how many follow, stay or leave, and the euros it brings. Each test compares two arms
that differ in the lever alone, and then a counter-setting in which the scenario's parameters say
the consequence should vanish or reverse, to show the model does not produce it regardless.

Every arm runs a shipped scenario shrunk to 20,000 users and 200 days for seeds 200-205, with
common random numbers: arms of one seed share the audience and every draw of the streams the lever
does not touch. No preset was fitted and no threshold here was read on these seeds (the presets
are fitted on seeds 1000-1031 and checked on 100-131; the bounds below were first set on seeds
0-3 and are checked here on seeds they never saw). The runs are deterministic, so each test's
outcome is fixed by its seeds; each test states its tolerance. Figures are pooled over the six
seeds; posts of the first 30 days (while the audience settles) are left out of per-post figures
unless a test says otherwise.
"""

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from sim.engine.runner import run
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(200, 206)
SHRUNK = {"audience.users": 20_000, "days": 200}


@cache
def _arm(name, frozen, seeds):
    sc = load_scenario(ROOT / "scenarios" / f"{name}.toml")
    sc = sc.with_overrides(
        {**SHRUNK, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in frozen}}
    )
    return tuple(run(sc, seed=s) for s in seeds)


def arm(name, seeds=SEEDS, **over):
    """The runs of scenario ``name`` with dotted-key overrides, one per seed (cached: several
    tests share an arm)."""
    return _arm(
        name,
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in over.items())),
        tuple(seeds),
    )


def posts(runs, column, lo=30, hi=10**6):
    """``column`` of every post from day ``lo`` to ``hi``, pooled over the runs."""
    return np.concatenate(
        [r.posts.loc[r.posts["day"].between(lo, hi), column].to_numpy() for r in runs]
    )


def total(runs, column):
    """Mean over runs of the day metric ``column`` summed over the run."""
    return float(np.mean([r.days[column].sum() for r in runs]))


def end(runs, column="real_followers"):
    """Mean over runs of the day metric ``column`` on the last day."""
    return float(np.mean([r.days[column].iloc[-1] for r in runs]))


def net_euros(runs):
    """Mean over runs of economic value minus tactics cost."""
    return total(runs, "revenue") - total(runs, "cost")


def reach(runs, lo=30):
    return posts(runs, "real_reach", lo).mean()


def pass_rate(runs, lo=30):
    return posts(runs, "passed_test", lo).mean()


def same_posts(a, b, column):
    """True if two arms' posts have exactly the same ``column``, seed by seed."""
    return all(np.array_equal(x.posts[column], y.posts[column]) for x, y in zip(a, b, strict=True))


def test_posting_at_night_fails_the_test_and_loses_reach_and_followers():
    """3 a.m. against 7 p.m. (the preset's evening peak): the test sample is asleep.

    Measured: pass rate 0.14 against 0.90, median real reach 59 against 547, new follows 36
    against 280 and real followers at day 200 992 against 1,227. Asserted: pass rate, median
    real reach and new follows below half, real followers below 90% (followers of a shop that
    posts daily do not forget it, so the loss is the follows it does not win). Counter-setting:
    a flat hourly activity profile, where the hour cannot matter: both hours give exactly the
    same posts.
    """
    bad, good = arm("posting_hour_bad"), arm("posting_hour_good")
    assert pass_rate(bad) < 0.5 * pass_rate(good)
    assert np.median(posts(bad, "real_reach")) < 0.5 * np.median(posts(good, "real_reach"))
    assert total(bad, "new_follows") < 0.5 * total(good, "new_follows")
    assert end(bad) < 0.9 * end(good)

    flat = {"audience.activity_profile": [1.0] * 24}
    bad, good = arm("posting_hour_bad", **flat), arm("posting_hour_good", **flat)
    assert same_posts(bad, good, "passed_test") and same_posts(bad, good, "real_reach")


def test_a_question_in_every_post_tires_the_audience_and_costs_reach():
    """A question in every post, with fatigue (the preset's) and without (fatigue_strength = 0).

    Measured: with fatigue, late comments per post are 0.19 of the first ten days'; late pass
    rate 0.54 against 0.88 without fatigue, late real reach 349 against 877, and engagement per
    follower (median) 0.05% against the healthy mix's 0.85%. Without fatigue the comments hold
    (1.05 of early). Asserted: with fatigue late
    comments below half the early ones, late pass rate at least 0.15 lower and late reach below
    half of the no-fatigue twin's, engagement per follower below the healthy mix's. Counter-
    setting: without fatigue late comments stay above 70% of early ones, and the healthy mix
    (no format over-used) loses less than 5% of its late reach to fatigue.
    """
    every = arm("question_every_post")
    rested = arm("question_every_post", **{"effects.fatigue_strength": 0.0})
    mix = arm("healthy_mix")
    mix_rested = arm("healthy_mix", **{"effects.fatigue_strength": 0.0})

    def fade(runs):
        return posts(runs, "comments", 100).mean() / posts(runs, "comments", 0, 9).mean()

    assert fade(every) < 0.5
    assert pass_rate(every, 100) < pass_rate(rested, 100) - 0.15
    assert reach(every, 100) < 0.5 * reach(rested, 100)
    late = lambda runs: np.median(posts(runs, "engagement_rate_follower", 100))  # noqa: E731
    assert late(every) < late(mix)

    assert fade(rested) > 0.7
    assert reach(mix, 100) == pytest.approx(reach(mix_rested, 100), rel=0.05)


def test_healthy_mix_reaches_and_earns_more_than_plain_posts_through_recommendation():
    """The healthy mix against plain daily posts.

    Measured: mean real reach 1,090 against 785, new follows 495 against 259, real followers
    at day 200 1,443 against 1,210, net euros 806 against 373. Asserted: reach at least +25%,
    new follows and net euros at least +60%, real followers at least +15%. Counter-setting:
    with no recommendation to non-followers (explore_stages empty) the reach advantage almost
    vanishes (measured 343 against 314): asserted within 15%.
    """
    mix, plain = arm("healthy_mix"), arm("daily_posting")
    assert reach(mix) > 1.25 * reach(plain)
    assert total(mix, "new_follows") > 1.6 * total(plain, "new_follows")
    assert end(mix) > 1.15 * end(plain)
    assert net_euros(mix) > 1.6 * net_euros(plain)

    closed = {"feed.explore_stages": []}
    mix, plain = arm("healthy_mix", **closed), arm("daily_posting", **closed)
    assert reach(mix) == pytest.approx(reach(plain), rel=0.15)


def test_erratic_posting_lets_followers_forget():
    """The same posts in bursts after three-week silences, against one a day.

    Measured: unfollows 505 against 49, real followers at day 200 749 against 1,210.
    Asserted: the number of posts within 5%, unfollows more than doubled, real followers below
    80%. Counter-setting: followers who never drift off (behaviour.forget = 0): unfollows 47
    against 49 and real followers 1,214 against 1,210; asserted within 25% and 5%.
    """
    daily, erratic = arm("daily_posting"), arm("erratic_posting")
    assert total(erratic, "posts") == pytest.approx(total(daily, "posts"), rel=0.05)
    assert total(erratic, "unfollows") > 2 * total(daily, "unfollows")
    assert end(erratic) < 0.8 * end(daily)

    loyal = {"behaviour.forget": 0.0}
    daily, erratic = arm("daily_posting", **loyal), arm("erratic_posting", **loyal)
    assert total(erratic, "unfollows") == pytest.approx(total(daily, "unfollows"), rel=0.25)
    assert end(erratic) == pytest.approx(end(daily), rel=0.05)


def test_answering_comments_doubles_the_conversation_without_moving_the_test():
    """Every comment answered (brand.reply_share = 1) against none, on daily plain posts.

    Answered commenters comment more and regain trust; their extra comments weigh 3 in the
    platform's signal, but only if they fall in a post's test sample, and a 1,000-follower
    shop has a few dozen commenters among the followers it samples 50 of. Measured: comments
    75.3 against 42.8 per run, mean test signal 0.0569 against 0.0587, mean real reach 787
    against 785. Asserted: comments at least +50%, the mean
    test signal within 5% and real reach within 10%: conversation is what answering buys a shop
    this size, not reach. Counter-setting: a platform that does not count comments
    (signal_weights.comment = 0): every post's real reach and test outcome are exactly those of
    the brand that never answers.
    """
    silent, answering = arm("daily_posting"), arm("daily_posting", **{"brand.reply_share": 1.0})
    assert total(answering, "comments") > 1.5 * total(silent, "comments")
    signal = lambda runs: posts(runs, "test_signal").mean()  # noqa: E731
    assert signal(answering) == pytest.approx(signal(silent), rel=0.05)
    assert reach(answering) == pytest.approx(reach(silent), rel=0.10)

    blind = {"feed.signal_weights.comment": 0.0}
    silent = arm("daily_posting", **blind)
    answering = arm("daily_posting", **{**blind, "brand.reply_share": 1.0})
    assert same_posts(silent, answering, "real_reach")
    assert same_posts(silent, answering, "passed_test")


def test_scarcity_turns_visits_into_euros_without_changing_reach():
    """Every post a time-limited offer (content.scarcity = 1) against plain posts.

    Scarcity carries no content cost, no reputation loss and no fatigue in the model, and visits
    and purchases do not enter the platform's signal. It raises visits x1.3 and the chance a
    visit buys x2 (``sim.base.attributes``). Measured on seeds 200-211 (the preset's 0.8% of
    visitors buying): purchases 10.9 against 6.1 per run (0.0142 against 0.0099 per visit), visits
    770 against 613, net euros 658 against 459, real reach 781 against 794. Purchases of a few a
    run move by whole-count luck (twelve seeds, not the module's six, for that reason), so
    purchases per visit are asserted at least +30% (not x2). Net euros are visits times the
    visit's value plus purchases times the price, both up by at least the visits' x1.3, so they
    are asserted at least +30%; real reach and new follows within 15%. Counter-setting: an
    audience that resents the pressure (effects.scarcity.purchase = 0.25): purchases per visit
    and purchases fall below plain posts' (net euros need not: the offer still draws visits,
    each worth the brand's visit value).
    """
    seeds = range(200, 212)
    plain = arm("daily_posting", seeds)
    scarce = arm("daily_posting", seeds, **{"content.scarcity": 1.0})
    per_visit = lambda runs: total(runs, "purchases") / total(runs, "visits")  # noqa: E731
    assert per_visit(scarce) > 1.3 * per_visit(plain)
    assert net_euros(scarce) > 1.3 * net_euros(plain)
    assert reach(scarce) == pytest.approx(reach(plain), rel=0.15)
    assert total(scarce, "new_follows") == pytest.approx(total(plain, "new_follows"), rel=0.15)

    resented = arm("daily_posting", **{"content.scarcity": 1.0, "effects.scarcity.purchase": 0.25})
    assert per_visit(resented) < per_visit(plain)
    assert total(resented, "purchases") < total(plain, "purchases")


def test_social_proof_makes_likes_snowball_but_barely_moves_reach():
    """Social proof at the preset's 0.32 against none (feed.social_proof = 0), plain daily posts.

    Likes weigh 1 in the platform's signal, so likes that snowball could widen recommendation.
    Measured (common random numbers): likes per post 6.5 against 4.7, but mean real reach 785
    against 794 and new follows 259 against 257: the test's reference was fitted with social
    proof on, its widening is smooth and most plain posts pass either way, so the snowball
    shows in the visible likes, not in reach (seeds 0-3 had reach 844 against 827, the other
    way). Asserted: likes per post at least +20%; real reach and new follows within 10%.
    Counter-setting: a platform that does not count likes (signal_weights.like = 0): social
    proof still adds likes, but every post's real reach and new follows are exactly those
    without social proof.
    """
    on, off = arm("daily_posting"), arm("daily_posting", **{"feed.social_proof": 0.0})
    assert posts(on, "likes").mean() > 1.2 * posts(off, "likes").mean()
    assert reach(on) == pytest.approx(reach(off), rel=0.10)
    assert total(on, "new_follows") == pytest.approx(total(off, "new_follows"), rel=0.10)

    blind = {"feed.signal_weights.like": 0.0}
    on = arm("daily_posting", **blind)
    off = arm("daily_posting", **{**blind, "feed.social_proof": 0.0})
    assert posts(on, "likes").sum() > posts(off, "likes").sum()
    assert same_posts(on, off, "real_reach") and same_posts(on, off, "new_follows")


def test_broadcast_only_posting_loses_reach_and_followers_over_months():
    """Every post a bare call to action, with the preset's reputation loss and without it
    (effects.reputation_loss = 0): the same posts, the same draws, only the brand's standing
    differs.

    Measured: stops per impression 0.070 against 0.088, pass rate 0.69 against 0.82, mean
    real reach 499 against 737, new follows 103 against 215, real followers at day 200 1,056
    against 1,167. Asserted: stops per impression lower, pass rate lower, reach below
    90%, new follows below 80%, real followers lower. Counter-setting: the same pitch with a
    personal note (a softened pitch does not erode reputation): the reputation loss then
    changes no post.
    """
    pitch = {"content.call_to_action": 1.0}
    eroded = arm("daily_posting", **pitch)
    kept = arm("daily_posting", **pitch, **{"effects.reputation_loss": 0.0})
    stops = lambda runs: posts(runs, "dwells").sum() / posts(runs, "impressions").sum()  # noqa
    assert stops(eroded) < stops(kept)
    assert pass_rate(eroded) < pass_rate(kept)
    assert reach(eroded) < 0.9 * reach(kept)
    assert total(eroded, "new_follows") < 0.8 * total(kept, "new_follows")
    assert end(eroded) < end(kept)

    softened = {**pitch, "content.personal_note": 1.0}
    eroded = arm("daily_posting", **softened)
    kept = arm("daily_posting", **softened, **{"effects.reputation_loss": 0.0})
    assert same_posts(eroded, kept, "real_reach") and same_posts(eroded, kept, "new_follows")


def test_helpful_posts_build_reach_and_followers_over_months():
    """Every post helpful, with the preset's reputation gain and without it
    (effects.reputation_gain = 0).

    Measured: mean real reach 1,013 against 853, new follows 421 against 302, real followers
    at day 200 1,370 against 1,254. Asserted: reach at least +10%, new follows
    at least +20%, real followers at least +5%. Counter-setting: the same helpful posts on 40%
    of days while
    every post carries a call to action, so that most posts are bare pitches: reputation then
    erodes instead, and real reach and new follows fall below the twin whose reputation is
    fixed (reputation_gain = reputation_loss = 0): measured real reach 625 against 766, new
    follows 161 against 236.
    """
    helpful = {"content.helpful": 1.0}
    built = arm("daily_posting", **helpful)
    flat = arm("daily_posting", **helpful, **{"effects.reputation_gain": 0.0})
    assert reach(built) > 1.1 * reach(flat)
    assert total(built, "new_follows") > 1.2 * total(flat, "new_follows")
    assert end(built) > 1.05 * end(flat)

    outweighed = {"content.helpful": 0.4, "content.call_to_action": 1.0}
    moving = arm("daily_posting", **outweighed)
    fixed = arm(
        "daily_posting",
        **outweighed,
        **{"effects.reputation_gain": 0.0, "effects.reputation_loss": 0.0},
    )
    assert reach(moving) < reach(fixed)
    assert total(moving, "new_follows") < total(fixed, "new_follows")


def lift(name, column, seeds=SEEDS, **over):
    """Mean ``column`` of the scenario's posts over plain posts', same platform and seeds."""
    plain = {f"content.{a}": 0.0 for a in ("news", "helpful", "call_to_action")}
    return (
        posts(arm(name, seeds, **over), column).mean()
        / posts(arm(name, seeds, **over, **plain), column).mean()
    )


def test_the_same_post_reaches_further_on_linkedin_and_less_far_on_tiktok():
    """An industry insight with a white-paper link against plain posts, on each platform.

    TikTok's recommendation reaches thousands per post, so its arms run 100 days on seeds
    200-203 only. Measured: on LinkedIn the pass rate 14% higher and real reach 44% higher than
    plain posts'; on TikTok every post passes either way and real reach is 79% of plain posts'
    (83% on seeds 200-201 alone). Asserted: on LinkedIn the pass rate at least +4% and real
    reach at least +25%; on TikTok real reach below 90% of plain posts'. Counter-setting: TikTok
    with a neutral fit for news, helpful content and calls to action: the same post then
    reaches further than plain posts (measured +25%): asserted at least +5%.
    """
    assert lift("same_post_linkedin", "passed_test") > 1.04
    assert lift("same_post_linkedin", "real_reach") > 1.25
    short = {"seeds": range(200, 204), "days": 100}
    assert lift("same_post_tiktok", "real_reach", **short) < 0.9
    neutral = {f"fit.{a}": 1.0 for a in ("news", "helpful", "call_to_action")}
    assert lift("same_post_tiktok", "real_reach", **short, **neutral) > 1.05
