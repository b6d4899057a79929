"""feedsim: an agent-based simulator of social-media feed algorithms and their audiences.

The import name is ``sim``. The public entry points are :func:`sim.load_scenario` and
:func:`sim.run`; everything else is reachable from the submodules.
"""

from sim.base import kernel_cache
from sim.base.version import __version__

kernel_cache.check()  # compiled kernels left from older sources are compiled again

__all__ = ["__version__", "load_scenario", "run"]


def __getattr__(name: str):
    # Lazy re-exports keep ``import sim`` cheap (no numba compilation at import time).
    if name == "load_scenario":
        from sim.scenario import load_scenario

        return load_scenario
    if name == "run":
        from sim.engine.runner import run

        return run
    raise AttributeError(name)
