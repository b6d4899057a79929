"""Starting the dashboard's simulations safely: numba warmed on the main thread, one run at a time.

Solara renders each browser tab on its own thread. numba loads its typing and implementation
registries the first time a process runs (or loads from the cache) a compiled function, and that
loading is not safe from two threads at once: two tabs rendering the baseline of a fresh server
raised "ValueError: generator already executing" from inside numba about one start in four.

:func:`warm` runs a tiny simulation of the baseline's platform on the main thread before the
server listens, so numba's registries are loaded, and the kernels loaded from the cache, before
any page renders. :func:`one_at_a_time` then makes every simulation in the server process take
one lock: a kernel a lever switches on for the first time (a tactic's) is still loaded by one
thread only, and two tabs never split the machine's cores between two runs.
"""

from __future__ import annotations

import functools
import threading

# Held while a simulation runs anywhere in the server process.
RUN_LOCK = threading.Lock()


def one_at_a_time(run):
    """``run`` (a function that simulates) made to hold :data:`RUN_LOCK` while it runs."""

    @functools.wraps(run)
    def locked(*args, **kwargs):
        with RUN_LOCK:
            return run(*args, **kwargs)

    return locked


def warm(base) -> None:
    """Start numba and run a tiny simulation (a few hundred users, two days) of ``base``, or of
    its platform's preset where ``base`` cannot be shrunk that far (a tactic dated later), in the
    calling thread, which should be the main one, before the page serves anyone."""
    from sim.base import jit
    from sim.engine.runner import run
    from sim.scenario import ScenarioError, resolve

    jit.start()
    tiny = {
        "days": 2,
        "audience.users": 500,
        "brand.initial_followers": min(base.brand.initial_followers, 50),
    }
    try:
        small = base.with_overrides(tiny, source="dashboard warm-up")
    except ScenarioError:
        small = resolve(
            {
                "platform": base.platform,
                "days": 2,
                "audience": {"users": 500},
                "brand": {"initial_followers": 50},
            },
            source="dashboard warm-up",
        )
    with RUN_LOCK:
        run(small, seed=0)
