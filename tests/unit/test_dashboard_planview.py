"""The plan view's study without a browser: the page's seeds tune, test seeds the search never
saw judge, the months set the run's days, and every honest lever is planned (never bought
followers)."""

from __future__ import annotations

import pytest

pytest.importorskip("solara")

from sim.dashboard import planview as pv  # noqa: E402
from sim.scenario import resolve  # noqa: E402
from sim.studies.plan.levers import HONEST  # noqa: E402


@pytest.fixture()
def base():
    return resolve(
        {
            "name": "shop",
            "days": 365,
            "seed": 1,
            "audience": {"users": 5000},
            "brand": {"initial_followers": 50},
        },
        source="test",
    )


def test_the_plan_the_page_asks_for(base):
    spec = pv.make_spec(base, 1500, 3, "net_euros", [0, 1, 2])
    assert spec.budget == 1500.0 and spec.goal == "net_euros"
    assert spec.base.days == round(3 * 365 / 12)
    assert spec.tune_seeds == [0, 1, 2] and not set(spec.test_seeds) & set(spec.tune_seeds)
    assert len(spec.test_seeds) == 3 and spec.levers == list(HONEST) and "buy" not in spec.levers
    assert spec.trials >= len(HONEST) + 1
    one = pv.make_spec(base, 1500, 3, "net_euros", [0])
    assert len(one.test_seeds) == 2  # a verdict compares at least two runs per plan


def test_the_months_slider_starts_at_the_scenarios_length(base):
    assert pv.months_of(base) == 12
    assert pv.months_of(base.model_copy(update={"days": 10})) == 1
