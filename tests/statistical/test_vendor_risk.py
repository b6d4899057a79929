"""The follower vendor's risk works by mechanism: a restriction cuts real reach while it lasts, a
takeover stops posting and costs trust and sales; with no purchase, or chances of zero, nothing
happens at all.

Design: a 1,000-follower shop in a 20,000-user town buys 3,000 followers on day 30 and runs 120
days, seeds 10-19; each risk is switched on for certain (chance 1) so its effect can be measured,
against the same purchase without risk, on common random numbers. The effects are multiplicative
(a reach cut, a share of trust) and the seeds' levels differ tenfold, so each comparison is a
paired one-sided t-test of the log ratio over the ten seeds at α = 0.001 (critical t = 4.297 at 9
degrees of freedom).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from paired import t_critical

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(10, 20)
T_CRIT = t_critical(len(SEEDS))  # one-sided, α = 0.001
BUY_DAY, RESTRICT_DAYS, TAKEOVER_DAYS = 30, 30, 14
SHOP = {"days": 120, "audience": {"users": 20_000}, "brand": {"initial_followers": 1_000}}
BUY = {"buy": {"days": [BUY_DAY], "count": 3_000}}


def _log_ratio_t(a, b) -> float:
    """t statistic of the mean of log(a / b) (paired by seed): is a larger than b?"""
    d = np.log(np.asarray(a, dtype=float)) - np.log(np.asarray(b, dtype=float))
    return d.mean() / (d.std(ddof=1) / np.sqrt(d.size))


def _runs(risk: dict | None, strategies=BUY, seeds=SEEDS):
    raw = {**SHOP, "strategies": strategies}
    if risk is not None:
        raw["vendor_risk"] = {
            "enabled": True,
            "restrict_days": RESTRICT_DAYS,
            "takeover_days": TAKEOVER_DAYS,
            **risk,
        }
    sc = resolve(raw, source="vendor risk test")
    return [run(sc, seed=s) for s in seeds]


@pytest.fixture(scope="module")
def arms():
    return {
        "off": _runs(None),
        "restricted": _runs({"restrict_chance": 1.0, "takeover_chance": 0.0}),
        "taken": _runs({"restrict_chance": 0.0, "takeover_chance": 1.0}),
    }


def _window_reach(runs) -> np.ndarray:
    """Mean real reach per post while a restriction would last (the days after the purchase)."""
    lo, hi = BUY_DAY + 1, BUY_DAY + RESTRICT_DAYS
    return np.array([r.posts.loc[r.posts.day.between(lo, hi), "real_reach"].mean() for r in runs])


def test_a_restriction_cuts_real_reach_while_it_lasts(arms):
    restricted, off = _window_reach(arms["restricted"]), _window_reach(arms["off"])
    assert _log_ratio_t(off, restricted) > T_CRIT, (restricted, off)
    # What follows from no recommendation while restricted: nobody new finds the shop, so it
    # wins (almost) no followers in the window. Measured (seeds 10-19): none on every seed,
    # against 3-44 without the risk; one added to each count, so a seed with none has a log.
    lo, hi = BUY_DAY + 1, BUY_DAY + RESTRICT_DAYS
    won = [
        np.array([r.days.loc[r.days.day.between(lo, hi), "new_follows"].sum() + 1 for r in arms[k]])
        for k in ("off", "restricted")
    ]
    assert _log_ratio_t(won[0], won[1]) > T_CRIT, won


def test_a_takeover_stops_posting_and_costs_trust_and_sales(arms):
    taken, off = arms["taken"], arms["off"]
    # What follows from a silenced account: while it is taken over, nobody sees the shop and
    # nobody new follows it, where the same shop without the risk reaches people on every seed.
    window = lambda r: r.days.day.between(BUY_DAY + 1, BUY_DAY + TAKEOVER_DAYS)  # noqa: E731
    for t, o in zip(taken, off, strict=True):
        assert t.days.loc[window(t), ["impressions", "new_follows"]].sum().sum() == 0
        assert o.days.loc[window(o), "impressions"].sum() > 0
    trust = [
        np.array([r.days.trust_followers.iloc[BUY_DAY + 1] for r in runs]) for runs in (taken, off)
    ]
    assert (trust[0] < trust[1]).all()
    # Site visits after the purchase (one more, so a seed with none has a logarithm).
    visits = [
        np.array([r.days.loc[r.days.day > BUY_DAY, "visits"].sum() + 1 for r in runs])
        for runs in (taken, off)
    ]
    assert _log_ratio_t(visits[1], visits[0]) > T_CRIT, visits
    purchases = [sum(r.summary()["purchases"] for r in runs) for runs in (taken, off)]
    assert purchases[0] < purchases[1]


def test_no_risk_without_a_purchase_or_with_zero_chances():
    """The opposite where the parameters say so: the risk comes from handing over the login."""
    certain, never = ({"restrict_chance": c, "takeover_chance": c} for c in (1.0, 0.0))
    organic, seed = {}, [3]
    pd.testing.assert_frame_equal(
        _runs(certain, organic, seed)[0].days, _runs(None, organic, seed)[0].days
    )
    pd.testing.assert_frame_equal(_runs(never, BUY, seed)[0].days, _runs(None, BUY, seed)[0].days)
