"""The catalogue of structural assumptions, and how a sensitivity design varies them.

Each alternative is checked by its consequence: applied to a scenario through the ordinary
override path it must give a valid scenario that the catalogue then reads as that alternative,
and the design must reach every alternative and change it on every Morris step of its column.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.scenario import ScenarioError, resolve
from sim.scenario.assumptions import CATALOGUE, applicable, get
from sim.scenario.fields import numeric_field
from sim.scenario.schema import Scenario
from sim.studies.sensitivity.design import morris_steps, point_values, sample
from sim.studies.sensitivity.parameters import collect

BOUGHT = {
    "platform": "instagram",
    "days": 60,
    "audience": {"users": 2000},
    "strategies": {"buy": {"days": [10], "count": 500}},
}
ORGANIC = {k: v for k, v in BOUGHT.items() if k != "strategies"}


def test_every_assumption_is_described_in_english_and_dutch():
    assert len({a.key for a in CATALOGUE}) == len(CATALOGUE)
    for a in CATALOGUE:
        for text in (a.title, a.title_nl, a.en, a.nl):
            assert text.strip()
        assert a.en != a.nl and a.title != a.title_nl
        assert a.categorical != (a.span is not None)  # named ways or a range, not both
        for alt in a.alternatives:
            assert alt.en.strip() and alt.nl.strip() and alt.en != alt.nl
        assert len(set(a.names)) == len(a.names) >= (2 if a.categorical else 0)


@pytest.mark.parametrize("a", [a for a in CATALOGUE if a.categorical], ids=lambda a: a.key)
def test_each_alternative_sets_the_scenario_in_it(a):
    base = resolve(BOUGHT, source="test")
    flat = base.to_dict()
    assert a.applies(flat)
    for alt in a.alternatives:
        changed = base.with_overrides(alt.overrides(flat), source=f"{a.key}={alt.name}")
        assert a.current(changed.to_dict()) == alt.name
    # The alternatives are different worlds, not one world under different names.
    worlds = {base.with_overrides(alt.overrides(flat)).to_toml() for alt in a.alternatives}
    assert len(worlds) == len(a.alternatives)


def test_bot_alternatives_follow_the_scenarios_own_users():
    base = resolve({**BOUGHT, "behaviour": {"activity_mean": 0.3}}, source="test")
    bots = next(a for a in CATALOGUE if a.key == "strategies.buy.bots")
    scroll = base.with_overrides(bots.alternative("scroll").overrides(base.to_dict()))
    assert scroll.strategies.buy.traits() == (0.3, 0.0)
    react = base.with_overrides(bots.alternative("react").overrides(base.to_dict()))
    assert react.strategies.buy.traits() == (0.3, base.audience.niche_interest)


def test_continuous_purge_catches_as_many_fakes_as_a_wave_over_its_interval():
    base = resolve(BOUGHT, source="test")
    purge = next(a for a in CATALOGUE if a.key == "purge")
    cont = base.with_overrides(purge.alternative("continuous").overrides(base.to_dict()))
    every, detection = base.purge.every_days, base.purge.detection
    survive = (1 - cont.purge.daily_rate) ** every
    assert survive == pytest.approx(1 - detection, rel=1e-3)
    assert cont.purge.every_days == 0


def test_numeric_assumptions_have_ranges_the_schema_allows():
    flat = resolve(BOUGHT, source="test").to_dict()
    for a in CATALOGUE:
        if a.categorical:
            continue
        low, high = a.span(flat)
        field = numeric_field(Scenario, a.key)
        assert field is not None and low < high
        assert field.allows(low) and field.allows(high)
        assert low <= get(flat, a.key) <= high


def test_choices_about_fakes_apply_only_where_something_is_bought():
    organic = {a.key for a in applicable(resolve(ORGANIC).to_dict())}
    bought = {a.key for a in applicable(resolve(BOUGHT).to_dict())}
    assert {"strategies.buy.bots", "purge", "discovery.enabled"} <= bought - organic
    assert {"feed.test_score", "audience.users", "brand.visit_value"} <= organic


def test_sensitivity_varies_the_structural_choices_as_factors():
    params, skipped = collect(resolve(BOUGHT, source="test"))
    by_key = {p.key: p for p in params}
    assert by_key["feed.test_score"].choices == ("per_delivery", "per_view")
    assert by_key["strategies.buy.bots"].choices == ("absent", "scroll", "react")
    assert "feed.test_score" not in {s.key for s in skipped}
    # Numbers the catalogue names are varied over its range.
    visit = by_key["brand.visit_value"]
    assert (visit.low, visit.high) == (0.0, 2.0)
    users = by_key["audience.users"]
    assert (users.low, users.high) == (1000, 4000) and users.integer


def test_a_study_can_vary_a_structural_choice_alone():
    params, _ = collect(resolve(BOUGHT, source="test"), only=("feed.test_score",))
    assert [p.key for p in params] == ["feed.test_score"]
    sc = resolve({**BOUGHT, "sensitivity": {"only": ["strategies.buy.bots"]}}, source="test")
    assert [p.key for p in collect(sc)[0]] == ["strategies.buy.bots"]
    with pytest.raises(ScenarioError, match="not a numeric"):
        resolve({**BOUGHT, "sensitivity": {"ranges": {"feed.test_score": [0, 1]}}})


@pytest.mark.parametrize("method", ["morris", "sobol"])
def test_the_design_reaches_every_alternative_and_gives_valid_scenarios(method):
    base = resolve(BOUGHT, source="test")
    params, _ = collect(
        base, only=("feed.test_score", "strategies.buy.bots", "purge", "feed.test_threshold")
    )
    X = sample(params, method, trajectories=6, samples=8)
    points = point_values(params, X)
    seen = {p.key: set() for p in params if p.categorical}
    for point in points:
        sc = base.with_overrides(point, source="design")  # every point is a valid scenario
        flat = sc.to_dict()
        for p in params:
            if p.categorical:
                seen[p.key].add(next(a for a in CATALOGUE if a.key == p.key).current(flat))
    for p in params:
        if p.categorical:
            assert seen[p.key] == set(p.choices)


def test_every_morris_step_of_a_choice_changes_the_alternative():
    params, _ = collect(
        resolve(BOUGHT, source="test"),
        only=("feed.test_score", "strategies.buy.bots", "feed.test_threshold"),
    )
    X = sample(params, "morris", trajectories=10)
    steps = morris_steps(X)
    assert steps
    for a, b, j in steps:
        p = params[j]
        if p.categorical:
            assert p.choice(X[a, j]) != p.choice(X[b, j])
    assert all(np.isfinite(X).ravel())


def test_dose_response_runs_every_other_structural_alternative():
    import pandas as pd

    from sim.studies import dose_response as dr

    base = resolve(BOUGHT, source="test")
    vs = dr.variants(base.to_dict(), params=())
    names = [v.name for v in vs]
    assert names == [
        "preset",
        "feed.test_score=per_view",
        "strategies.buy.bots=scroll",
        "strategies.buy.bots=react",
        "discovery.enabled=off",
        "purge=continuous",
        "purge=none",
    ]
    assert [v.name for v in dr.variants(base.to_dict(), params=(), structural=False)] == ["preset"]
    points = dr.design(vs, doses=(0, 100))
    per_view = base.with_overrides(points[2])  # variant 1 at its first dose
    assert per_view.feed.test_score == "per_view" and per_view.strategies.buy.count == 0
    # A flip in a structural alternative is named in the sentence, in both languages.
    table = pd.DataFrame([[10.0, 5.0], [10.0, 12.0]], index=["preset", names[1]], columns=[0, 100])
    v = dr.verdict("median_real_reach_per_post", table)
    assert v.flips == [names[1]]
    assert "flips in 1 of 1 other structural" in v.sentence("real reach")
    assert "keert om in 1 van 1" in v.sentence("echt bereik", lang="nl")
