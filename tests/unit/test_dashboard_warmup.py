"""The dashboard's simulations: numba warmed before serving, one simulation at a time."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import sim.engine.runner
from sim.dashboard import warmup
from sim.dashboard import whatif as wi
from sim.scenario import load_scenario, resolve

SCENARIOS = Path(__file__).parents[2] / "scenarios"


class _Ran:
    days = pd.DataFrame({"day": [0]})
    posts = None

    def summary(self) -> dict:
        return {}

    def day_columns(self) -> dict:
        return {"day": self.days["day"].to_numpy()}


def test_a_what_if_holds_the_lock_while_it_simulates(monkeypatch):
    held = []

    def run(scenario, seed, **kw):
        held.append((seed, warmup.RUN_LOCK.locked()))
        return _Ran()

    monkeypatch.setattr(sim.engine.runner, "run", run)
    wi._run_seeds(resolve({"name": "shop"}), [0, 1, 2])  # not a kept arm: a run
    assert held == [(0, True), (1, True), (2, True)]
    assert not warmup.RUN_LOCK.locked()


def test_warm_runs_a_tiny_simulation_of_any_baseline(monkeypatch):
    ran = []
    real = sim.engine.runner.run

    def run(scenario, seed=None, **kw):
        ran.append(scenario)
        return real(scenario, seed=seed, **kw)

    monkeypatch.setattr(sim.engine.runner, "run", run)
    # One that shrinks to two days, and one whose giveaway on day 30 does not (its platform's
    # preset is run instead).
    for base in (
        load_scenario(SCENARIOS / "organic.toml"),
        load_scenario(SCENARIOS / "giveaway.toml").with_overrides(
            {"platform": "tiktok", "audience.users": 5_000}
        ),
    ):
        first = len(ran)
        warmup.warm(base)
        tiny = ran[first]
        assert (tiny.days, tiny.audience.users, tiny.platform) == (2, 500, base.platform)
    assert ran[0].brand.quality == 0.7  # the baseline itself, shrunk
    assert not warmup.RUN_LOCK.locked()


def test_warm_also_runs_each_lever_tiny(monkeypatch):
    ran = []

    def run(scenario, seed=None, **kw):
        ran.append(scenario)
        return _Ran()

    monkeypatch.setattr(sim.engine.runner, "run", run)
    warmup.warm(load_scenario(SCENARIOS / "organic.toml"))
    levers = ran[1:]
    assert all(s.audience.users == 500 and s.days == warmup.LEVER_DAYS for s in levers)
    st = [s.strategies for s in levers]
    assert any(s.buy is not None and s.buy.count > 0 for s in st)
    assert any(s.follow_for_follow is not None and s.follow_for_follow.per_day > 0 for s in st)
    assert any(s.giveaway is not None and s.giveaway.entrants > 0 for s in st)
    assert any(s.influencer is not None and s.influencer.days for s in st)
    assert any(s.brand.reply_share > 0 and s.brand.posts_per_week == 3.0 for s in levers)


def test_after_warm_no_lever_loads_a_compiled_function(monkeypatch):
    """Every compiled function a lever's change runs (and each array layout it is given) was
    loaded by the warm-up: none is compiled or read from the cache during a change."""
    from numba.core import dispatcher

    base = load_scenario(SCENARIOS / "organic.toml").with_overrides({"audience.users": 4_000})
    warmup.warm(base)
    loaded = []
    real = dispatcher.Dispatcher.compile

    def compile_(self, sig):
        loaded.append(self.py_func.__qualname__)
        return real(self, sig)

    monkeypatch.setattr(dispatcher.Dispatcher, "compile", compile_)
    start = wi.levers_of(base)
    for lv in (
        start.with_(buy=True),
        start.with_(posts_per_week=3.0),
        start.with_(follow_for_follow=True),
        start.with_(reply_share=0.8),
        start.with_(influencer=True),
        start.with_(giveaway=True),
    ):
        sc = wi.whatif_scenario(base, lv)
        sim.engine.runner.run(sc, seed=0)
    assert loaded == []
