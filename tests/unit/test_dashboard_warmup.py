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
        warmup.warm(base)
        tiny = ran[-1]
        assert (tiny.days, tiny.audience.users, tiny.platform) == (2, 500, base.platform)
    assert ran[0].brand.quality == 0.7  # the baseline itself, shrunk
    assert not warmup.RUN_LOCK.locked()
