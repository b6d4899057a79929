"""The catalogue of presented figures: one statistic, whole counts, the return on spend's sign,
the period a tactic acts and the verdict, on made-up day tables whose answers are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.base import presented as P


def _run(
    seed: int,
    arm: str,
    days: int = 60,
    revenue: float = 10.0,
    cost_day: int | None = None,
    cost: float = 0.0,
    purchases: int = 0,
    reach: float = 500.0,
    bought_from=None,
    purge=None,
) -> pd.DataFrame:
    d = np.arange(days)
    spend = np.where(d == cost_day, cost, 0.0) if cost_day is not None else np.zeros(days)
    bought = np.zeros(days)
    if bought_from is not None:
        bought = np.where((d >= bought_from) & (d < (purge or days)), 5000.0, 0.0)
    buys = np.zeros(days)
    buys[:purchases] = 1
    return pd.DataFrame(
        {
            "arm": arm,
            "seed": seed,
            "day": d,
            "posts": 1,
            "real_reach_per_post": reach,
            "comments": 1,
            "shares": 0,
            "likes": 5,
            "revenue": revenue,
            "cost": spend,
            "purchases": buys,
            "engaged_real_followers": 100,
            "followers": 1000 + bought,
            "real_followers": 1000,
            "followers_bought": bought,
        }
    )


def test_whole_counts_are_never_halves():
    # Purchases of 8 and 9 in two runs: a median of 8.5 is shown as 9, band and all.
    days = pd.concat([_run(0, "a", purchases=8), _run(1, "a", purchases=9)])
    t = P.compute(days, "arm")
    assert t.value("a", "purchases") == 9
    assert P.cell(t, "a", "purchases", "en") == "9"
    assert float(t.low.loc["a", "purchases"]).is_integer()


@pytest.mark.parametrize("extra_revenue, expected_sign", [(-5.0, -1), (5.0, 1)])
def test_return_on_spend_has_the_sign_of_net_euros_against_the_baseline(
    extra_revenue, expected_sign
):
    # €100 spent on day 10; the tactic's arm earns 5 a day more or less than the baseline.
    runs = []
    for seed in range(4):
        runs.append(_run(seed, "base", revenue=10 + seed))
        runs.append(
            _run(seed, "tactic", revenue=10 + seed + extra_revenue, cost_day=10, cost=100.0)
        )
    t = P.compute(pd.concat(runs), "arm", baseline="base")
    net = t.value("tactic", "net_vs_baseline")
    assert net == pytest.approx(60 * extra_revenue - 100)
    roi = t.value("tactic", "return_on_spend")
    assert np.sign(roi) == np.sign(net)
    # (extra value − spend) ÷ spend, not all value ÷ spend.
    assert roi == pytest.approx((60 * extra_revenue - 100) / 100)
    k, n = P.worse_count(t, "tactic", "net_vs_baseline")
    assert (k, n) == ((4, 4) if net < 0 else (0, 4))


def test_net_result_against_the_baseline_is_the_difference_of_the_net_results_shown():
    # Revenue per day by seed: the baseline 10, 11, 30; the tactic 14, 5, 31, and €100 spent.
    # Over 60 days the net results are 600, 660, 1,800 against 740, 200, 1,760: medians 660
    # and 740, so the rows above it read +80, while the runs' own differences are +140, -460
    # and -40 (median -40). The figure shown is the one a reader gets from the rows: +80.
    runs = []
    for seed, (b, m) in enumerate([(10, 14), (11, 5), (30, 31)]):
        runs.append(_run(seed, "base", revenue=b))
        runs.append(_run(seed, "tactic", revenue=m, cost_day=10, cost=100.0))
    t = P.compute(pd.concat(runs), "arm", baseline="base")
    net = t.value("tactic", "net_vs_baseline")
    assert net == pytest.approx(t.value("tactic", "net_revenue") - t.value("base", "net_revenue"))
    assert net == pytest.approx(
        t.change.loc["tactic", "economic_value"] - t.change.loc["tactic", "cost"]
    )
    assert net == pytest.approx(80.0)
    # How sure, and the range, still come from the same runs: worse on two of three.
    assert P.worse_count(t, "tactic", "net_vs_baseline") == (2, 3)
    assert t.low.loc["tactic", "net_vs_baseline"] < -40 < t.high.loc["tactic", "net_vs_baseline"]


def test_a_tiny_spend_is_said_in_words_not_as_a_percentage():
    runs = [_run(0, "base"), _run(0, "tactic", revenue=2.0, cost_day=5, cost=9.0)]
    t = P.compute(pd.concat(runs), "arm", baseline="base")
    assert np.isnan(t.value("tactic", "return_on_spend"))
    assert "too small to express as a return" in P.cell(t, "tactic", "return_on_spend", "en")
    assert "te klein voor een rendement" in P.cell(t, "tactic", "return_on_spend", "nl")
    assert P.cell(t, "base", "return_on_spend", "en") == "this is the baseline"
    # Without a baseline there is no return on spend to present at all.
    alone = P.compute(_run(0, "tactic", cost_day=5, cost=900.0), "arm")
    assert "return_on_spend" not in alone.names()


def test_the_tactic_window_ends_at_the_purge_and_the_verdict_names_it():
    runs = []
    for seed in range(3):
        base = _run(seed, "organic", days=120, reach=500)
        buy = _run(seed, "buy", days=120, bought_from=30, purge=80, cost_day=30, cost=45)
        buy["real_reach_per_post"] = np.where(
            buy["day"] < 30, 500, np.where(buy["day"] < 80, 100, 450)
        )
        runs += [base, buy]
    t = P.compute(
        pd.concat(runs), "arm", baseline="organic", marks={"buy": [("followers bought", 30)]}
    )
    w = t.windows["buy"]
    assert (w.start, w.end, w.bought, w.purge) == (30, 80, True, 80)
    assert t.value("buy", "real_reach_while") == 100
    assert t.change.loc["buy", "real_reach_while"] == pytest.approx(-0.8)
    # Over the whole run the median day is still a recovered one: −10%, which is why the
    # period the tactic acts is quoted beside it.
    assert t.change.loc["buy", "real_reach_per_post"] == pytest.approx(-0.1)
    v = P.verdict(t, "buy", "en", "Buying 5,000 followers", "organic growth")
    assert v.startswith(
        "Buying 5,000 followers: -10% real reach per post (-80% while the "
        "bought followers were there)"
    )
    assert "lower reach in 3 of 3 simulated runs" in v
    nl = P.verdict(t, "buy", "nl", "5.000 volgers kopen", "organische groei")
    assert "zolang de gekochte volgers er waren" in nl and "3 van de 3" in nl


def test_money_goes_through_the_one_formatter():
    from sim.base import l10n

    for lang in ("en", "nl"):
        assert P.text("net_revenue", -1234.4, lang) == l10n.money(-1234.4, lang)
        assert P.text("net_vs_baseline", 12, lang) == l10n.money(12, lang, sign=True)
        assert P.text("cost_per_engaged_real_follower", 0.3125, lang) == l10n.money(
            0.3125, lang, decimals=2
        )


def test_run_lengths_read_as_a_client_says_them():
    assert P.period_words(365, "en") == "a year"
    assert P.period_words(365, "nl") == "een jaar"
    assert P.period_words(120, "en") == "120 days"
    assert P.period_words(70, "nl") == "10 weken"


def test_the_verdict_counts_the_runs_that_went_the_arms_way():
    # An arm that earns more in 3 of 3 runs and reaches more: said as such, not "worse in 0".
    runs = []
    for seed in range(3):
        runs.append(_run(seed, "base", revenue=10, reach=400))
        runs.append(_run(seed, "better", revenue=20, reach=500, cost_day=5, cost=60.0))
    t = P.compute(pd.concat(runs), "arm", baseline="base")
    v = P.verdict(t, "better", "en")
    assert "+25% real reach per post" in v
    assert "higher reach in 3 of 3 simulated runs, more money in 3 of 3" in v
    assert "meer bereik in 3 van de 3" in P.verdict(t, "better", "nl")


def test_purchases_too_few_to_tell_apart_are_said_in_words():
    # 2 against 0 purchases a run: whole-count luck, not a change worth a number.
    few = pd.concat(
        [_run(s, a, purchases=n) for s in range(4) for a, n in (("base", 2), ("tactic", 0))]
    )
    t = P.compute(few, "arm", baseline="base")
    assert P.change_text(t, "tactic", "purchases", "en") == "too few to compare"
    assert P.change_text(t, "tactic", "purchases", "nl") == "te weinig om te vergelijken"
    # Other figures of the same arms are still compared in numbers.
    assert P.change_text(t, "tactic", "real_reach_per_post", "en") == "0%"
    # Bands that hold each other's median: 12-30 against 14-28 purchases over the runs.
    mixed = pd.concat(
        [
            _run(s, a, purchases=n)
            for s, (b, c) in enumerate([(12, 14), (20, 22), (30, 28), (21, 19)])
            for a, n in (("base", b), ("tactic", c))
        ]
    )
    assert (
        P.change_text(P.compute(mixed, "arm", baseline="base"), "tactic", "purchases", "en")
        == "too few to compare"
    )
    # Counts well apart are compared: 40 against 10 on every run.
    apart = pd.concat(
        [_run(s, a, purchases=n) for s in range(4) for a, n in (("base", 40), ("tactic", 10))]
    )
    assert (
        P.change_text(P.compute(apart, "arm", baseline="base"), "tactic", "purchases", "en")
        == "-30"
    )
