"""Starting the dashboard's simulations safely: numba warmed on the main thread, one run at a time.

Solara renders each browser tab on its own thread. numba loads its typing and implementation
registries the first time a process runs (or loads from the cache) a compiled function, and that
loading is not safe from two threads at once: two tabs rendering the baseline of a fresh server
raised "ValueError: generator already executing" from inside numba about one start in four.

:func:`warm` runs a tiny simulation of the baseline's platform on the main thread before the
server listens, so numba's registries are loaded, and the kernels loaded from the cache, before
any page renders; then tiny runs with each lever switched on, so that a client's first change of
a lever loads (or, on a fresh install, compiles) nothing in front of them.
:func:`one_at_a_time` (:mod:`sim.dashboard.runlock`) then makes every simulation in the server
process take one lock: a kernel a lever does not warm (a tactic of a scenario's own) is still
loaded by one thread only, and two tabs never split the machine's cores between two runs.
"""

from __future__ import annotations

from sim.dashboard.runlock import RUN_LOCK, one_at_a_time

__all__ = ["RUN_LOCK", "one_at_a_time", "warm"]


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
        for scenario in _lever_runs(small):
            run(scenario, seed=0)


# Days of the levers' tiny runs: enough for a purchase to be found out (the audience's trust
# then recovers day by day), each tactic's day falling a tenth into the run.
LEVER_DAYS = 40


def _lever_runs(small) -> list:
    """Tiny runs of ``small`` with each lever the page offers switched on, so that every
    compiled function a lever brings in (and each array layout it passes) is loaded before the
    page serves anyone, not in the middle of a client's first change of that lever."""
    from sim.dashboard import whatif as wi
    from sim.scenario import ScenarioError

    try:
        longer = small.with_overrides({"days": LEVER_DAYS}, source="dashboard warm-up")
    except ScenarioError:
        return []
    start = wi.levers_of(longer)
    levers = (
        start.with_(buy=True, buy_count=2_000),
        start.with_(follow_for_follow=True),
        start.with_(giveaway=True, giveaway_entrants=100),
        start.with_(influencer=True),
        start.with_(posts_per_week=3.0, reply_share=0.8),
    )
    out = []
    for lv in levers:
        try:
            out.append(wi.whatif_scenario(longer, lv))
        except (ScenarioError, ValueError):  # a lever this base cannot take: nothing to load
            continue
    return out
