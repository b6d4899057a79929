"""`strategies.buy.bots`: what bought accounts do, mapped onto their activity and interest."""

from __future__ import annotations

import numpy as np
import pytest

from sim.base.accounts import BOUGHT
from sim.base.rng import stream
from sim.engine.audience import generate
from sim.scenario import ScenarioError, resolve
from sim.tactics.buy import BuyParams


@pytest.mark.parametrize(
    ("table", "bots", "traits"),
    [
        ({}, "absent", (0.0, 0.0)),  # today's default: never open the app, never engage
        ({"activity": 0.3}, "scroll", (0.3, 0.0)),  # older tables: the mode their numbers imply
        ({"activity": 0.38, "interest": 0.45}, "react", (0.38, 0.45)),
        ({"bots": "scroll", "activity": 0.2}, "scroll", (0.2, 0.0)),
        ({"bots": "react", "activity": 0.2, "interest": 0.1}, "react", (0.2, 0.1)),
    ],
)
def test_bots_map_onto_activity_and_interest(table, bots, traits):
    p = BuyParams(**table)
    assert p.bots == bots
    assert p.traits() == traits


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ({"bots": "absent", "activity": 0.3}, "activity = 0.3 contradicts bots = 'absent'"),
        ({"bots": "absent", "interest": 0.3}, "interest = 0.3 contradicts bots = 'absent'"),
        ({"interest": 0.3}, "interest = 0.3 contradicts bots = 'absent'"),
        ({"bots": "scroll"}, "needs activity > 0"),
        ({"bots": "scroll", "activity": 0.3, "interest": 0.2}, "contradicts bots = 'scroll'"),
        ({"bots": "react", "activity": 0.3}, "needs interest > 0"),
        ({"bots": "react", "interest": 0.3}, "needs activity > 0"),
    ],
)
def test_contradictory_settings_are_refused_with_the_fix(table, words):
    raw = {"strategies": {"buy": {"count": 10, **table}}}
    with pytest.raises(ScenarioError, match="strategies.buy") as err:
        resolve(raw, source="shop.toml")
    assert words in str(err.value)
    assert "set " in str(err.value)  # the message names the fix


def test_the_resolved_file_states_the_mode_and_loads_back():
    sc = resolve({"strategies": {"buy": {"count": 10, "activity": 0.38, "interest": 0.45}}})
    assert sc.to_dict()["strategies"]["buy"]["bots"] == "react"
    assert resolve(sc.to_dict(), merge_preset=False) == sc


def test_the_fakes_get_the_traits_their_mode_names():
    raw = {
        "days": 5,
        "audience": {"users": 200},
        "brand": {"initial_followers": 20},
        "strategies": {"buy": {"days": [1], "count": 50, "bots": "scroll", "activity": 0.25}},
    }
    a = generate(resolve(raw), stream(np.random.SeedSequence(0), "audience"))
    fakes = a.kind == BOUGHT
    assert fakes.sum() == 50
    assert np.all(a.activity[fakes] == 0.25) and np.all(a.interest[fakes] == 0.0)
