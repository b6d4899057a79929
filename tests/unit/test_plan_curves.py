"""Levers and response curves: a lever spends what its cost model says, curves share the base
runs, and the point where the next euro buys least is where the gain per euro is smallest."""

import numpy as np
import pandas as pd
import pytest

from sim.scenario import ScenarioError, resolve
from sim.studies.plan.costs import scenario_budget
from sim.studies.plan.curves import (
    COMPARISON,
    curve_table,
    make_curves,
    parse_budget,
    summarise,
    with_months,
)
from sim.studies.plan.levers import HONEST, LEVERS, apply, parse_levers

BASE = resolve(
    {
        "name": "shop",
        "days": 182,
        "audience": {"users": 5000},
        "brand": {"initial_followers": 300, "quality": 0.7, "posts_per_week": 7},
    }
)


@pytest.mark.parametrize("lever", list(LEVERS))
@pytest.mark.parametrize("euros", [400.0, 1000.0, 4321.0])
def test_a_lever_spends_what_its_cost_model_charges_and_never_more_than_asked(lever, euros):
    keys, spent = apply(BASE, lever, euros)
    assert keys and 0 < spent <= euros + 0.01
    after = BASE.with_overrides(keys, source="test")
    extra = sum(scenario_budget(after).values()) - sum(scenario_budget(BASE).values())
    assert extra == pytest.approx(spent, rel=1e-3, abs=0.5)


def test_no_money_changes_nothing_and_a_base_with_the_lever_is_refused():
    for lever in LEVERS:
        assert apply(BASE, lever, 0.0) == ({}, 0.0)
    with_infl = BASE.with_overrides({"strategies.influencer.days": [20]}, source="test")
    with pytest.raises(ScenarioError, match=r"strategies.influencer\] is already"):
        apply(with_infl, "influencer", 500.0)


def test_parsing_the_command_line():
    assert parse_budget("0:5000") == (0.0, 5000.0)
    assert parse_budget("3000") == (0.0, 3000.0)
    for bad in ("5000:0", "x:1", "-1:3"):
        with pytest.raises(ScenarioError, match="--budget"):
            parse_budget(bad)
    assert parse_levers("all") == list(HONEST) and "buy" not in HONEST
    assert parse_levers("boost, posts") == ["boost", "posts"]
    with pytest.raises(ScenarioError, match="buy"):
        parse_levers("buy")
    assert with_months(BASE, 6).days == 182
    with pytest.raises(ScenarioError, match="--months"):
        with_months(BASE, 0)


def test_curves_start_at_one_base_point_and_add_bought_followers_at_the_same_money():
    plan = make_curves(BASE, ["influencer", "posts"], (0.0, 600.0), points=4, seeds=[5, 6])
    assert plan.points[0].lever == "" and plan.points[0].keys == ()
    levers = [p.lever for p in plan.points[1:]]
    assert set(levers) == {"influencer", "posts", COMPARISON}
    assert plan.amounts == [0.0, 200.0, 400.0, 600.0]
    # Whole posts: €200 buys one €150 post, €400 two: each point spends what it really buys.
    infl = [p.spent for p in plan.points if p.lever == "influencer"]
    assert infl == [150.0, 300.0, 600.0]


def _runs(plan, values):
    """A runs table as a sweep writes it: one row per point and seed."""
    rows = []
    for i, _ in enumerate(plan.points):
        for s in plan.seeds:
            rows.append({"point_index": i, "seed": s, **values(i, s)})
    return pd.DataFrame(rows)


def test_the_least_point_is_where_the_gain_per_euro_is_smallest():
    plan = make_curves(BASE, ["posts"], (0.0, 3000.0), points=4, seeds=[1, 2])
    spent = {i: p.spent for i, p in enumerate(plan.points)}
    # A concave curve: purchases = 10 + 2 sqrt(spent), plus a seed offset (the band).
    table = curve_table(
        plan,
        _runs(
            plan,
            lambda i, s: {
                "followers_real_end": 100.0 + spent[i] / 10,
                "engaged_real_followers_end": 50.0,
                "purchases": 10 + 2 * np.sqrt(spent[i]) + s,
                "revenue": 25.0 * (10 + s),
            },
        ),
    )
    summary = summarise(table)
    posts = summary[summary["lever"] == "posts"].sort_values("spent")
    assert len(posts) == 4 and posts["spent"].iloc[0] == 0  # the base opens every curve
    least = posts[posts["purchases_least"]]
    assert least["spent"].tolist() == [posts["spent"].iloc[-2]]  # the last step gains least
    assert (posts["purchases_hi"] - posts["purchases_lo"]).round(9).eq(1).all()  # seeds 1, 2
    # Net euros: economic value minus the money really spent.
    assert posts["net_euros_mean"].tolist() == pytest.approx(
        (25.0 * 11.5 - posts["spent"]).tolist()
    )


def test_a_giveaway_in_an_audience_smaller_than_its_entrants_draws_the_whole_audience():
    small = BASE.with_overrides({"audience.users": 2000}, source="test")
    keys, spent = apply(small, "giveaway", 600.0)
    assert keys["strategies.giveaway.entrants"] == 2000 and spent == 600.0
    small.with_overrides(keys, source="test")  # a scenario the schema accepts
    keys, _ = apply(BASE, "giveaway", 600.0)
    assert keys["strategies.giveaway.entrants"] == 3000
