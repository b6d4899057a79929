"""Components and the registry: what a component declares is what the run gets."""

from __future__ import annotations

import numpy as np
import pytest

from sim import registry
from sim.base.accounts import REAL
from sim.base.metrics import day_metrics
from sim.base.params import Params
from sim.base.rng import stream
from sim.components import Component
from sim.engine.audience import generate
from sim.engine.model import FeedModel
from sim.scenario import Scenario, ScenarioError, Strategies, resolve

SMALL = {"days": 20, "audience": {"users": 2000}, "brand": {"initial_followers": 100}}


def _scenario(**strategies) -> Scenario:
    return resolve({**SMALL, "strategies": strategies}, source="test")


def test_every_component_declares_what_the_registry_needs():
    names = [c.name for c in registry.COMPONENTS]
    assert len(set(names)) == len(names)
    for cls in registry.COMPONENTS:
        assert issubclass(cls, Component) and issubclass(cls.Params, Params)
        assert cls.group in ("strategies", "platform", "traits")
        cls.Params()  # every parameter has a default


def test_the_schema_is_built_from_the_registry():
    tactics = {c.name for c in registry.COMPONENTS if c.group == "strategies"}
    assert set(Strategies.model_fields) == tactics
    for cls in registry.COMPONENTS:
        if cls.group != "strategies":  # platform actions and traits: always-present tables
            assert Scenario.model_fields[cls.name].annotation is cls.Params


def test_a_components_table_is_validated_with_its_own_ranges():
    with pytest.raises(ScenarioError, match=r"strategies.employee_advocacy.share_chance = 2"):
        _scenario(employee_advocacy={"staff": 3, "share_chance": 2.0})
    with pytest.raises(ScenarioError, match=r"did you mean 'staff'"):
        _scenario(employee_advocacy={"stuff": 3})


def test_days_a_component_names_must_lie_inside_the_run():
    with pytest.raises(ScenarioError, match=r"strategies.buy.days has day 25"):
        _scenario(buy={"days": [25], "count": 10})


def test_counters_of_every_component_are_day_columns():
    columns = {m.name for m in day_metrics(registry.counters())}
    for cls in registry.COMPONENTS:
        for c in cls.counters:
            assert c.name in columns and c.over_day == "sum"
    r = FeedModel(_scenario(), seed=1)
    r.run_days(2)
    assert {"staff_shares", "purged", "bought_delivered"} <= set(r.recorder.day_rows[-1])


def test_account_blocks_follow_registry_order_after_the_real_users():
    sc = _scenario(
        buy={"days": [2], "count": 50},
        pod={"members": 7},
        employee_advocacy={"staff": 5, "followers": 40.0},
    )
    a = generate(sc, stream(3, "audience"))
    n = sc.audience.users
    assert list(a.blocks) == ["buy", "pod", "employee_advocacy"]
    assert list(a.blocks["buy"]) == list(range(n, n + 50))
    assert list(a.blocks["pod"]) == list(range(n + 50, n + 57))
    staff = a.blocks["employee_advocacy"]
    assert list(staff) == list(range(n + 57, n + 62)) and a.n_accounts == n + 62
    assert (a.kind[staff] == REAL).all()
    # Staff have followers of their own, drawn from the population; nobody follows a fake.
    staff_followers = np.diff(a.indptr)[staff]
    assert 20 < staff_followers.mean() < 60
    assert (a.indices[a.indptr[n] : a.indptr[n + 57]].size) == 0
    assert (a.indices[a.indptr[staff[0]] : a.indptr[staff[-1] + 1]] < n).all()


def test_an_unknown_counter_is_named_in_the_error():
    m = FeedModel(_scenario(), seed=1)
    m.recorder.start_day(0)
    with pytest.raises(KeyError, match="no day counter 'nonsense'"):
        m.count("nonsense", 1)


def test_agent_views_follow_an_account_whose_origin_changes():
    from sim.base.accounts import FOLLOW_BACK, NONE
    from sim.engine.agents import FollowBackFollower, RealUser

    m = FeedModel(_scenario(), seed=1)
    uid = int(np.flatnonzero(m.audience.origin == NONE)[0])
    assert type(m.user(uid)) is RealUser
    m.audience.origin[uid] = FOLLOW_BACK
    assert type(m.user(uid)) is FollowBackFollower
    assert m.user(uid) is m.user(uid)  # still one view per account while nothing changes


def test_always_present_tables_that_change_nothing_are_not_switched_on():
    """A disabled risk, equal voices and a fully distinct brand are neither built nor varied."""
    names = {cls.name for cls, _ in registry.active(_scenario())}
    assert not names & {"vendor_risk", "participation", "unique_value"}
    on = resolve(
        {
            **SMALL,
            "vendor_risk": {"enabled": True},
            "participation": {"leave_day": 5},
            "unique_value": {"distinctness": 0.5},
        },
        source="test",
    )
    names = {cls.name for cls, _ in registry.active(on)}
    assert {"vendor_risk", "participation", "unique_value"} <= names
