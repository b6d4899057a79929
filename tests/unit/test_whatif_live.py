"""The dashboard's browser-drawn charts carry the numbers the pictures show: the median over the
runs of each line, Kaushik's four as shares of the baseline, net euros against the baseline, a
name on every line a reader can hover and none on the lines that only draw."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sim.dashboard import whatif as wi
from sim.present.charts.whatif_live import UNITS, panels
from sim.scenario import resolve


def _base():
    return resolve(
        {
            "name": "shop",
            "days": 30,
            "audience": {"users": 2000},
            "brand": {"initial_followers": 150},
        },
        source="test",
    )


def _session(seeds):
    base = _base()
    plan = wi.Plan(wi.levers_of(base).with_(buy=True, buy_count=1_500, buy_day=5), "Buy <b>1k5</b>")
    return wi.run_session(base, [plan], seeds)


@pytest.fixture(scope="module")
def two():  # too few runs for a band; three, so a median is not a mean
    return _session([0, 1, 2])


@pytest.fixture(scope="module")
def five():
    return _session([0, 1, 2, 3, 4])


def _named(panel, name):
    """The data of the series a reader hovers as ``name``."""
    found = [s for s, tip in zip(panel.option["series"], panel.tips, strict=True) if tip == name]
    assert len(found) == 1, (name, panel.tips)
    return found[0]["data"]


def test_every_panel_is_plain_data_with_a_unit_and_a_name_per_series(two):
    shown = panels(two, "nl")
    assert [p.name for p in shown] == ["followers", "real_reach", "kaushik", "net"]
    for p in shown:
        assert p.unit in UNITS
        assert len(p.tips) == len(p.option["series"])
        json.dumps(p.option, allow_nan=False)  # what the browser receives: no NaN, no objects
    # Dutch words, the strategist's own name untouched (the browser escapes it).
    assert shown[0].option["title"]["text"].startswith("Volgers")
    assert "Buy <b>1k5</b>" in shown[0].tips
    assert "Buy <b>1k5</b> (op het profiel)" in shown[0].tips


def test_lines_are_the_medians_of_the_runs(two):
    followers, reach, _, net = panels(two, "en")
    last = [d["real_followers"].iloc[-1] for d in two.arms[0].days.values()]
    assert _named(followers, "Buy <b>1k5</b>")[-1] == [29, round(float(np.median(last)), 1)]
    profile = [d["followers"].iloc[-1] for d in two.arms[0].days.values()]
    assert _named(followers, "Buy <b>1k5</b> (on the profile)")[-1][1] == round(
        float(np.median(profile)), 1
    )
    # Real reach per post: the 7-day mean, as in the pictures.
    week = [d["real_reach_per_post"].iloc[-7:].mean() for d in two.baseline.days.values()]
    assert _named(reach, "baseline")[-1][1] == pytest.approx(float(np.median(week)), abs=0.051)
    # Net euros: the what-if's revenue less cost, less the baseline's, on the same seed.
    diffs = []
    for s, d in two.arms[0].days.items():
        b = two.baseline.days[s]
        diffs.append(
            (d["cumulative_revenue"] - d["cumulative_cost"]).iloc[-1]
            - (b["cumulative_revenue"] - b["cumulative_cost"]).iloc[-1]
        )
    assert _named(net, "Buy <b>1k5</b>")[-1][1] == round(float(np.median(diffs)), 1)
    assert net.unit == "euros" and followers.unit == "count"


def test_kaushiks_four_are_shares_of_the_baseline(two):
    kaushik = panels(two, "en")[2]
    assert kaushik.unit == "percent"
    bars = _named(kaushik, "Buy <b>1k5</b>")
    col = "conversation_rate"
    b = np.mean([d[col].mean() for d in two.baseline.days.values()])
    w = np.mean([d[col].mean() for d in two.arms[0].days.values()])
    assert bars[0] == (round(100 * w / b, 1) if b > 0 else None)


def test_few_runs_draw_each_run_and_many_draw_a_band(two, five):
    reach2 = panels(two, "en")[1]
    quiet = [s for s, tip in zip(reach2.option["series"], reach2.tips, strict=True) if tip is None]
    assert len(quiet) == 2 * 3  # two arms, each run a thin line
    assert not any("stack" in s for s in reach2.option["series"])
    reach5 = panels(five, "en")[1]
    bands = [s for s in reach5.option["series"] if "stack" in s]
    assert len(bands) == 2 * 2  # two arms: the band's floor and its height
    # The band's top is the 95% quantile of the runs (floor + height), day by day.
    runs = np.array(
        [
            d["real_reach_per_post"].rolling(7, min_periods=1).mean()
            for d in five.baseline.days.values()
        ]
    )
    floor, height = bands[0]["data"], bands[1]["data"]
    top = floor[-1][1] + height[-1][1]
    assert top == pytest.approx(float(np.quantile(runs[:, -1], 0.95)), abs=0.11)


def test_points_round_as_python_does_and_leave_gaps_for_missing_values():
    from sim.present.charts.whatif_live import _points

    # 0.25 and 2.675 are where NumPy's rounding (scale, round, unscale) and Python's differ
    # or sit on a tie; the page shows Python's, as the pictures' labels do.
    values = [0.25, 2.675, 1e6 / 3, float("nan"), float("inf"), -1.05, 7.0]
    got = _points(np.arange(7.0), np.array(values), 1)
    assert got == [
        [0, round(0.25, 1)],
        [1, round(2.675, 1)],
        [2, round(1e6 / 3, 1)],
        [3, None],
        [4, None],
        [5, round(-1.05, 1)],
        [6, 7.0],
    ]
    assert all(type(d) is int for d, _ in got)
    assert json.dumps(_points(np.arange(2), [1.0, float("nan")], 1)) == "[[0, 1.0], [1, null]]"


@pytest.mark.parametrize("digits", [0, 1, 2])
def test_points_computed_for_the_whole_array_are_pythons_round_to_the_bit(digits):
    """Away from a half the whole-array rounding is used, near one (and for huge values)
    Python's own: every value, ties and near-ties included, is the double ``round`` gives.
    Seed stated: the same values every run."""
    import math

    from sim.present.charts.whatif_live import _points

    rng = np.random.default_rng(11)
    values = np.concatenate(
        [
            rng.normal(size=3000) * 10 ** rng.uniform(-3, 9, 3000),
            np.round(rng.normal(size=3000) * 1e4, 2),  # many ties at the second digit
            np.arange(-1000, 1000) / 20.0,  # exact ties
            np.arange(-1000, 1000) * 0.05,  # near ties from arithmetic
            [0.0, -0.0, -0.04, 2.675, 1e15 + 0.25, 2.0**52, 1e300, 5e-324, np.nan, -np.inf],
        ]
    )
    got = [v for _, v in _points(np.arange(values.size), values, digits)]
    for v, g in zip(values.tolist(), got, strict=True):
        if not math.isfinite(v):
            assert g is None
        else:
            want = round(v, digits)
            assert g == want and math.copysign(1, g) == math.copysign(1, want), (v, g, want)
