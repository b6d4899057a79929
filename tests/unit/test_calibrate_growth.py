"""What a calibration takes from a daily follower history, what it fits because of it, and the
words it says to a strategist about the result."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.studies.calibrate import words
from sim.studies.calibrate.account import gains_only
from sim.studies.calibrate.design import (
    CHURN,
    PARAMS,
    cast,
    follower_days,
    growth_summaries,
    market_param,
    params_for,
)
from sim.studies.calibrate.exports import Export

START = pd.Timestamp("2024-01-01")


def _history(days: int, total=None, gained=None, lost=None, net=None) -> pd.DataFrame:
    nan = [float("nan")] * days
    return pd.DataFrame(
        {
            "date": START + pd.to_timedelta(np.arange(days), unit="D"),
            "total": total or nan,
            "gained": gained or nan,
            "lost": lost or nan,
            "net": net or nan,
        }
    )


def test_net_growth_comes_from_totals_gains_less_losses_but_never_gains_alone():
    totals = _history(6, total=[101, 103, 103, 102, 110, 111])
    d = follower_days(totals, START, 6, 100)
    assert d["net"].tolist() == [1, 2, 0, -1, 8, 1]
    both = _history(6, gained=[2, 2, 2, 2, 2, 2], lost=[1, 0, 3, 0, 0, 0])
    assert follower_days(both, START, 6, 100)["net"].tolist() == [1, 2, -1, 2, 2, 2]
    gains = _history(6, gained=[2] * 6)
    d = follower_days(gains, START, 6, 100)
    assert d["net"].isna().all() and d["gained"].sum() == 12
    s = growth_summaries(d, 100)
    assert math.isnan(s["growth_1"]) and math.isnan(s["losses_per_follower"])
    assert s["gains_per_follower"] == pytest.approx(math.log(13 / 100))
    # The check calls growth unknown for gains alone, and only for them.
    assert gains_only(gains)
    assert not any(gains_only(h) for h in (totals, both, None, _history(2, lost=[1, 1])))


def test_growth_is_summarised_per_third_of_the_period():
    d = follower_days(_history(9, net=[1, 1, 1, 0, 0, 0, -3, -3, -3]), START, 9, 100)
    s = growth_summaries(d, 100)
    assert (s["growth_1"], s["growth_2"], s["growth_3"]) == pytest.approx((0.03, 0.0, -0.09))
    # Days outside the fitted period are left out; a history that misses a day leaves NaN.
    short = follower_days(_history(9, net=[1] * 9), START, 6, 100)
    assert len(short) == 6
    late = follower_days(_history(9, net=[1] * 9), START - pd.Timedelta(days=3), 9, 100)
    assert math.isnan(growth_summaries(late, 100)["growth_1"])
    assert follower_days(None, START, 9, 100) is None
    assert all(math.isnan(v) for v in growth_summaries(None, 100).values())


def _export(history) -> Export:
    posts = pd.DataFrame({"posted_at": [START], "reach": [1.0]})
    return Export("instagram", "acme", 2000, posts, "reach", "en", "x.csv", history=history)


def test_churn_and_market_are_fitted_only_where_the_export_informs_them():
    plain = params_for(_export(None))
    assert plain[: len(PARAMS)] == PARAMS and plain[-1].key == "audience.users"
    assert CHURN not in plain
    assert CHURN in params_for(_export(_history(3, gained=[1, 1, 1])))
    m = market_param(2000)
    assert (m.low, m.high, m.integer) == (10_000, 40_000, True)
    assert market_param(100).low == 5_000  # never below the smallest audience
    assert cast({"audience.users": 12_345.6, "behaviour.like": 0.2}, plain) == {
        "audience.users": 12_346,
        "behaviour.like": 0.2,
    }


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_verdict_says_how_close_in_plain_words(lang):
    close = {"posts": 21, "reach_observed": 100.0, "reach_simulated": 109.0}
    text = words.verdict(close, "reach", True, lang)
    assert "21" in text and "9%" in text
    assert ("within" in text) if lang == "en" else ("binnen" in text)
    far = {"posts": 21, "reach_observed": 100.0, "reach_simulated": 40.0}
    text = words.verdict(far, "views", True, lang)
    assert "60%" in text and ("below" in text if lang == "en" else "onder" in text)
    assert ("roughly" in text) if lang == "en" else ("ruw" in text)
    g = words.growth({"growth_observed": 300.0, "growth_simulated": 270.0}, lang)
    assert "+300" in g and "+270" in g and "10%" in g
    assert words.growth(close, lang) is None
    unknown = words.growth(close | {"growth_unknown": 1.0}, lang)
    assert ("not known" in unknown) if lang == "en" else ("niet bekend" in unknown)
    assert "omvang" in words.barely(["audience.users"], "nl")
    assert "reachable market" in words.barely(["audience.users"], "en")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_verdict_gives_the_runs_range_in_the_language_numbers(lang):
    # A close match (within 5%) whose own runs stray far past the check's 25%: partly luck.
    check = {"posts": 21, "reach_observed": 2000.0, "reach_simulated": 2100.0, "runs": 5.0}
    wide = check | {"reach_low": 700.0, "reach_high": 2600.0}
    text = words.verdict(wide, "views", True, lang)
    assert ("from 700 to 2,600" in text) if lang == "en" else ("van 700 tot 2.600" in text)
    assert ("partly luck" in text) if lang == "en" else ("deels toeval" in text)
    # The same match with runs that stay within 25% of their median: the range, no noise.
    narrow = check | {"reach_low": 1950.0, "reach_high": 2250.0}
    text = words.verdict(narrow, "views", True, lang)
    assert ("from 1,950 to 2,250" in text) if lang == "en" else ("van 1.950 tot 2.250" in text)
    for claim in ("luck", "toeval", "cannot tell", "niet onderscheiden", "outside", "buiten"):
        assert claim not in text
    # Fewer than two runs give no range; the verdict stays as it was.
    one = check | {"runs": 1.0, "reach_low": 2100.0, "reach_high": 2100.0}
    assert words.verdict(one, "views", True, lang) == words.verdict(
        {k: check[k] for k in ("posts", "reach_observed", "reach_simulated")}, "views", True, lang
    )
