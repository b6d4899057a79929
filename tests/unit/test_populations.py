"""Populations built once and reused: the real users of an audience depend on its inputs and its
stream alone, so runs that share them (arms of a comparison, points of a design, a dashboard's
what-ifs) take a copy of one build. Every result must be exactly that of building each time.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.base.rng import stream
from sim.engine import audience as aud
from sim.engine.runner import run
from sim.scenario import resolve

BASE = {"name": "pop", "days": 40, "audience": {"users": 3000}, "brand": {"initial_followers": 150}}
TACTICS = {
    "buy": {"buy": {"days": [5], "count": 700}},
    # Staff have followers of their own, drawn from the population: rows after the users'.
    "staff": {"employee_advocacy": {"staff": 60, "followers": 400}, "pod": {"members": 30}},
}


def scenario(tactics=None, **over):
    raw = {**BASE, **over}
    if tactics:
        raw["strategies"] = TACTICS[tactics]
    return resolve(raw)


def assert_same_audience(a, b):
    for name, x in vars(a).items():
        y = getattr(b, name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and np.array_equal(x, y), name
        elif isinstance(x, dict):
            assert x.keys() == y.keys() and all(np.array_equal(x[k], y[k]) for k in x), name
        else:
            assert x == y, name


@pytest.mark.parametrize("tactics", [None, "buy", "staff"])
def test_an_audience_from_a_kept_population_is_the_one_built_afresh(tactics):
    cache = aud.PopulationCache()
    sc = scenario(tactics)
    for seed in (0, 7):
        fresh = aud.generate(sc, stream(seed, "audience"))
        aud.generate(scenario(), stream(seed, "audience"), cache)  # another arm built it
        kept = aud.generate(sc, stream(seed, "audience"), cache)
        assert_same_audience(fresh, kept)
    assert (cache.built, cache.reused) == (2, 2)


def test_the_key_is_what_the_population_depends_on():
    cache = aud.PopulationCache()
    s = stream(3, "audience")
    aud.generate(scenario(), s, cache)
    # Tactics, posting and content leave the real users as they are: one population.
    aud.generate(scenario("buy", brand={"initial_followers": 150, "posts_per_week": 2}), s, cache)
    aud.generate(scenario(content={"question": 0.9}), s, cache)
    assert (cache.built, cache.reused) == (1, 2)
    # Each input of the population, and the stream, makes another one.
    for over in (
        {"audience": {"users": 3000, "homophily": 0.5}},
        {"behaviour": {"activity_mean": 0.3}},
        {"brand": {"initial_followers": 20}},
    ):
        aud.generate(scenario(**over), s, cache)
    aud.generate(scenario(), stream(4, "audience"), cache)
    assert (cache.built, cache.reused) == (5, 2)


def test_changing_a_run_s_audience_leaves_the_kept_population_alone():
    cache = aud.PopulationCache()
    sc, s = scenario("staff"), stream(2, "audience")
    first = aud.generate(sc, s, cache)
    fresh = aud.generate(sc, s)
    for name, x in vars(first).items():  # a run writes its state arrays; here, all of them
        if name == "interest":  # read-only: written through its setter
            first.set_interest(slice(None), 1.0)
        elif isinstance(x, np.ndarray):
            x[...] = 1
    second = aud.generate(sc, s, cache)
    assert cache.reused == 1
    assert_same_audience(fresh, second)
    # What is kept cannot be written at all.
    pop = cache.get(aud.PopulationInputs.of(sc), s)
    with pytest.raises(ValueError, match="read-only"):
        pop.interest[0] = 0.5


def test_the_cache_keeps_at_most_its_entries():
    cache = aud.PopulationCache(entries=2)
    for seed in range(4):
        aud.generate(scenario(), stream(seed, "audience"), cache)
    aud.generate(scenario(), stream(0, "audience"), cache)  # pushed out: built again
    assert (cache.built, cache.reused) == (5, 0)
    aud.generate(scenario(), stream(3, "audience"), cache)
    assert cache.reused == 1


def test_a_folder_shares_populations_between_processes_and_rebuilds_a_bad_file(tmp_path):
    sc, s = scenario("buy"), stream(5, "audience")
    fresh = aud.generate(sc, s)
    one, two = aud.PopulationFolder(tmp_path), aud.PopulationFolder(tmp_path)  # two workers
    assert_same_audience(fresh, aud.generate(sc, s, one))
    assert_same_audience(fresh, aud.generate(sc, s, two))
    assert (one.built, two.built, two.reused) == (1, 0, 1)
    (file,) = tmp_path.glob("*.npz")
    file.write_bytes(file.read_bytes()[:100])  # cut
    assert_same_audience(fresh, aud.generate(sc, s, two))
    assert two.built == 1


def test_runs_from_kept_populations_give_identical_day_tables():
    cache = aud.PopulationCache()
    for tactics in (None, "buy", "staff"):
        sc = scenario(tactics)
        for seed in (1, 2):
            a = run(sc, seed=seed)
            b = run(sc, seed=seed, populations=cache)
            assert a.days.equals(b.days) and a.posts.equals(b.posts)
            assert a.days["impressions"].sum() > 0
    assert (cache.built, cache.reused) == (2, 4)
