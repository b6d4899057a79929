"""Random streams are keyed by name: switching one component on never shifts another's draws."""

from __future__ import annotations

import numpy as np

from sim.base import rng as xr
from sim.engine.model import FeedModel
from sim.scenario import resolve

BASE = {
    "days": 40,
    "audience": {"users": 3000},
    "brand": {"initial_followers": 150},
    "strategies": {"giveaway": {"day": 20, "entrants": 300}},
}
F4F = {"follow_for_follow": {"per_day": 40, "start_day": 0, "end_day": 30}}


def _model(strategies_extra=None) -> FeedModel:
    raw = {**BASE, "strategies": {**BASE["strategies"], **(strategies_extra or {})}}
    return FeedModel(resolve(raw, source="test"), seed=5)


def _giveaway(model):
    return next(t for t in model.tactics if t.name == "giveaway")


def test_stream_is_a_function_of_its_names_only():
    a = xr.stream(7, "strategies", "giveaway").generate_state(4)
    b = xr.stream(7, "strategies", "giveaway").generate_state(4)
    c = xr.stream(7, "strategies", "follow_for_follow").generate_state(4)
    d = xr.stream(8, "strategies", "giveaway").generate_state(4)
    assert (a == b).all()
    assert not (a == c).all() and not (a == d).all()
    # Nesting is the same as naming the whole path at once.
    nested = xr.stream(xr.stream(7, "strategies"), "giveaway").generate_state(4)
    assert (nested == a).all()


def test_follow_for_follow_leaves_the_giveaways_draws_unchanged():
    alone, both = _model(), _model(F4F)
    # Up to the day before the giveaway opens, follow-for-follow has drawn every day.
    alone.run_days(20)
    both.run_days(20)
    assert sum(r["tactic_follows"] for r in both.recorder.day_rows) > 0
    g_alone, g_both = _giveaway(alone), _giveaway(both)
    assert g_alone.rng.bit_generator.state == g_both.rng.bit_generator.state
    assert (g_alone.rng.random(5) == g_both.rng.random(5)).all()


def test_follow_for_follow_leaves_the_audience_and_posting_unchanged():
    alone, both = _model(), _model(F4F)
    a, b = alone.audience, both.audience
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.interest, b.interest) and np.array_equal(a.origin, b.origin)
    assert np.array_equal(alone.brand.posts_per_day, both.brand.posts_per_day)
    assert alone.posting_rng.bit_generator.state == both.posting_rng.bit_generator.state


def test_every_component_has_its_own_stream():
    m = _model(F4F)
    states = [t.rng.bit_generator.state["state"]["state"] for t in m.tactics + m.platform_acts]
    # giveaway, f4f, purge, discovery, close ties, relationships
    assert len(set(states)) == len(states) == 6
