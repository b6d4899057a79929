"""One simulation at a time in the dashboard's server process.

Solara serves each browser tab on its own thread. :func:`one_at_a_time` makes every simulation
in the process hold :data:`RUN_LOCK`: a compiled function loaded for the first time is loaded by
one thread only (numba's loading is not safe from two threads at once), and two tabs never split
the machine's cores between two runs. :mod:`sim.dashboard.warmup` holds it while it warms the
server up.
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
