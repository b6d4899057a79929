"""The catalogue of plan figures: one formatter for every surface, the plan's statistic (mean ±
standard error on the test runs) and a curve's gain taken run by run on the same seeds."""

import pandas as pd
import pytest

from sim.base import presented_plan as pp


def plans():
    return pd.DataFrame(
        {
            "plan": ["base", "best", "buy"],
            "boost_euros": [0.0, 1200.0, 0.0],
            "buy_euros": [0.0, 0.0, 1500.0],
            "spent": [0.0, 1200.0, 1500.0],
            "purchases_mean": [8.2, 21.04, 0.8],
            "purchases_se": [1.36, 3.49, 0.0],
            "net_euros_mean": [842.3, -867.2, -1204.0],
            "net_euros_se": [110.5, 259.0, 30.0],
            "wins": [0.25, 0.8, 0.0],
        }
    )


def test_a_cell_is_the_mean_and_its_standard_error_in_the_readers_language():
    t = plans()
    assert pp.cell(t, "best", "purchases", "en") == "21.0 ± 3.5"
    assert pp.cell(t, "best", "purchases", "nl") == "21,0 ± 3,5"
    assert pp.cell(t, "buy", "purchases", "en") == "0.8"  # no spread: no ± 0
    assert pp.cell(t, "best", "net_euros", "en") == "-€867 ± €259"
    assert pp.cell(t, "best", "spent", "nl") == "€\xa01.200"
    assert pp.cell(t, "best", "wins", "en") == "80%"
    assert (
        pp.money_cell(t, "best", "buy", "en") == "–"
        and pp.money_cell(t, "buy", "buy", "en") == "€1,500"
    )


def test_every_goal_names_a_figure_and_every_name_has_dutch():
    assert set(pp.GOALS) == {"real_followers", "engaged_real_followers", "purchases", "net_euros"}
    for f in pp.FIGURES:
        assert f.label("nl") and f.label("nl") != f.label("en")
    assert pp.plan_words("alt1", "nl") == "alternatief 1"
    assert pp.goal_words("net_euros", "nl") == "nettoresultaat"


def test_a_curves_gain_is_taken_seed_by_seed():
    runs = pd.DataFrame(
        {
            "lever": ["boost"] * 4,
            "spent": [0.0, 0.0, 900.0, 900.0],
            "seed": [0, 1, 0, 1],
            "purchases": [10.0, 2.0, 13.0, 3.0],
        }
    )
    money, mean, lo, hi = pp.curve_gain(runs, "boost", "purchases")
    assert (money, mean, lo, hi) == (900.0, 2.0, 1.0, 3.0)
    assert pp.curve_text("purchases", mean, lo, hi, "en", sign=True) == "+2.0 (+1.0 – +3.0)"
    assert pp.curve_text("purchases", 2.0, 2.0, 2.0, "en") == "2.0"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_missing_value_is_a_dash(lang):
    assert pp.text("purchases", float("nan"), lang) == "–"
