"""Participation inequality works by mechanism: with voices drawn from the 90-9-1 tiers, comments
and shares come from a small core, and losing that core costs more conversation and
amplification than losing as many followers picked at random; with equal voices it does not.

Design: a 3,000-follower shop in a 30,000-user town over 200 days, seeds 0-15; on day 100 2% of
the real followers unfollow, either the core (those who commented and shared most so far) or
followers picked at random. Arms share their audience and every draw up to day 100 (common
random numbers). Each comparison is a paired one-sided t-test over the sixteen seeds at α = 0.001
(critical t = 3.733 at 15 degrees of freedom).
"""

from __future__ import annotations

import numpy as np
import pytest
from paired import paired_t, t_critical

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(16)
T_CRIT = t_critical(len(SEEDS))  # one-sided, α = 0.001
LEAVE_DAY = 100


def _runs(enabled: bool, leave: str):
    raw = {
        "days": 200,
        "audience": {"users": 30_000},
        "brand": {"initial_followers": 3_000},
        "participation": {
            "enabled": enabled,
            "leave_day": LEAVE_DAY,
            "leave_share": 0.02,
            "leave": leave,
        },
    }
    sc = resolve(raw, source="participation test")
    return [run(sc, seed=s) for s in SEEDS]


def _after(runs) -> np.ndarray:
    """Comments and shares after the day the followers left, per seed."""
    return np.array(
        [r.days.loc[r.days.day > LEAVE_DAY, ["comments", "shares"]].to_numpy().sum() for r in runs]
    )


def _figure(runs, name) -> np.ndarray:
    return np.array([r.summary()[name] for r in runs])


@pytest.fixture(scope="module")
def arms():
    return {(on, leave): _runs(on, leave) for on in (True, False) for leave in ("core", "average")}


def test_a_small_core_makes_most_comments_and_shares(arms):
    skewed, equal = arms[True, "average"], arms[False, "average"]
    for name in ("top1_contribution_share", "top10_contribution_share"):
        assert paired_t(_figure(skewed, name), _figure(equal, name)) > T_CRIT, name
    # Most contributing users made one comment or share; the top 10% made a large part of all.
    assert _figure(skewed, "top10_contribution_share").mean() > 0.3


def test_losing_the_core_costs_more_than_losing_average_followers(arms):
    core, average = _after(arms[True, "core"]), _after(arms[True, "average"])
    assert paired_t(average, core) > T_CRIT, (core, average)
    assert core.mean() < 0.85 * average.mean()  # far more than 2% of the talk goes with 2%
    # The same number of followers left in both arms.
    lost = {
        leave: [int(r.days["core_left"].sum()) for r in arms[True, leave]]
        for leave in ("core", "average")
    }
    assert lost["core"] == lost["average"] and min(lost["core"]) > 0


def test_with_equal_voices_the_most_active_are_not_irreplaceable(arms):
    """The opposite where the parameters say so: everyone comments and shares alike."""
    core, average = _after(arms[False, "core"]), _after(arms[False, "average"])
    gap_equal = (average - core) / average
    gap_skewed = (_after(arms[True, "average"]) - _after(arms[True, "core"])) / _after(
        arms[True, "average"]
    )
    assert abs(gap_equal.mean()) < 0.1
    assert paired_t(gap_skewed, gap_equal) > T_CRIT


def test_voices_average_one_so_the_preset_rates_hold():
    from sim.traits.participation import ParticipationParams, draw_voice

    p = ParticipationParams(enabled=True)
    users, voice = p.tiers()
    assert float(users @ voice) == pytest.approx(1.0)
    v = draw_voice(p, 400_000, np.random.default_rng(5))
    assert v.mean() == pytest.approx(1.0, rel=0.05)  # sd of voice ~8.3: ~4 standard errors
    top = np.sort(v)[::-1]
    assert top[:4_000].sum() / v.sum() == pytest.approx(0.736, abs=0.06)  # van Mierlo's 73.6%
