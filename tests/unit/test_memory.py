"""Nothing survives its run: a finished model is freed as soon as it is dropped, without waiting
for the garbage collector, so many runs in one process take no more memory than one.

The garbage collector is switched off while these tests run: a reference cycle would then keep
the model (and its arrays) alive, which is what they must catch. A sweep's worker freezes its
heap and large arrays do not prompt a collection, so in practice a cycle lives long.
"""

import contextlib
import gc
import tracemalloc
import weakref

import pytest

from sim.engine import runner
from sim.engine.model import FeedModel
from sim.scenario import resolve

SMALL = {
    "name": "mem",
    "days": 20,
    "audience": {"users": 2_000},
    "brand": {"initial_followers": 100},
    "strategies": {"buy": {"days": [5], "count": 300}},
}


@contextlib.contextmanager
def no_gc():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.mark.parametrize("engine", ["kernel", "agents"])
def test_a_released_model_is_freed_when_dropped(engine):
    sc = resolve(SMALL)
    with no_gc():
        m = FeedModel(sc, seed=3, engine=engine)
        m.run_days(sc.days)
        view = m.user(0)  # builds the Mesa side, which refers back to the model
        assert view.model.audience is m.audience
        m.release()
        ref = weakref.ref(m)
        del m, view
        assert ref() is None


def test_runs_leave_no_model_alive(monkeypatch):
    made = []

    class Watched(FeedModel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(runner, "FeedModel", Watched)
    sc = resolve(SMALL)
    with no_gc():
        for seed in range(3):
            runner.run(sc, seed=seed)
        assert len(made) == 3
        assert all(r() is None for r in made)
    # Nor after a full collection (other tests' fixtures may hold models of their own).
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o) is Watched]  # type(): proxies too


def test_many_runs_in_one_process_use_no_more_memory_than_one():
    # 20,000 users: one run's arrays are a few MB, well above the tolerance below.
    sc = resolve(
        {**SMALL, "audience": {"users": 20_000}, "days": 30, "brand": {"initial_followers": 500}}
    )
    runner.run(sc, seed=0)  # compiled code and caches loaded before measuring
    with no_gc():
        tracemalloc.start()
        try:
            runner.run(sc, seed=1)
            one_peak = tracemalloc.get_traced_memory()[1]
            after_one = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            for seed in range(2, 6):
                runner.run(sc, seed=seed)
            four_peak = tracemalloc.get_traced_memory()[1]
            after_four = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
    # A run kept alive would add a whole run's arrays for each later run; allow 10% of one
    # run's peak for interpreter caches and the results the runs return.
    assert four_peak <= 1.1 * one_peak, (one_peak, four_peak)
    assert after_four - after_one <= 0.1 * one_peak, (after_one, after_four, one_peak)
