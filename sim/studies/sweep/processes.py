"""Which process a study's runs go in: the command's own, copies forked from it, or fresh ones.

A command (``feedsim compare``, ``sensitivity``, ...) ends when its study does; once it declares
so (:func:`own_process`), a local pool may fork its workers from it warm and a study given one
worker runs in it (:class:`sim.studies.sweep.executors.InProcess`). Library callers, tests and
the dashboard, whose processes live on and may run simulations on several threads, keep fresh
worker processes. Results are the same either way.
"""

from __future__ import annotations

__all__ = [
    "busy_mark",
    "fork_safe",
    "is_own",
    "layer_survives_fork",
    "may_fork",
    "others_busy",
    "own_process",
    "spare_core",
]

# Whether this process is a command's own (:func:`own_process`): only then may a local pool
# fork its workers or run a single worker's runs in this very process.
_OWN_PROCESS = False


def own_process() -> None:
    """Declare that this process belongs to one command (``feedsim compare``, ``sensitivity``,
    ...), which ends when its study does. A local pool may then start its workers by forking
    this process once it is warm (:func:`fork_safe`), instead of starting each afresh (about
    a second of processor time per worker to import and load the compiled kernels), and a
    study given one worker runs in this process
    (:class:`sim.studies.sweep.executors.InProcess`). Results are the same
    either way. Library callers, tests and the dashboard, whose processes live on and may run
    simulations on several threads, keep fresh worker processes."""
    global _OWN_PROCESS
    _OWN_PROCESS = True


def is_own() -> bool:
    """Whether :func:`own_process` declared this process a command's own."""
    return _OWN_PROCESS


def may_fork() -> bool:
    """Whether this process may be copied (``fork``) now for work of its own: on Linux, in a
    process declared a command's own (:func:`own_process`) that runs no other Python thread
    (a copy has only the thread that forked, holding whatever the others held) but the
    progress bars' monitor, which sleeps and wakes only to redraw a bar that has stood still
    for ten seconds (no bar is left open when a copy is made). A copy that runs compiled
    parallel code needs :func:`fork_safe` as well."""
    import multiprocessing as mp
    import sys
    import threading

    if not _OWN_PROCESS or sys.platform != "linux" or "fork" not in mp.get_all_start_methods():
        return False
    tqdm = sys.modules.get("tqdm")
    bars = getattr(getattr(tqdm, "tqdm", None), "monitor", None)
    return all(t is threading.main_thread() or t is bars for t in threading.enumerate())


# Numba's threading layers that survive a fork; GNU OpenMP (numba's "omp" on Linux) does not:
# a child forked after the parent ran a parallel function aborts at its own first one.
FORK_SAFE_LAYERS = ("tbb", "workqueue")


def fork_safe() -> bool:
    """Whether a local pool may fork its workers from this process now: where :func:`may_fork`
    allows, and numba's threading layer survives a fork (:func:`layer_survives_fork`)."""
    return may_fork() and layer_survives_fork()


def layer_survives_fork() -> bool:
    """Whether numba's threading layer in this process survives a fork. A layer not chosen yet
    is asked to be one that does (numba's own ``"forksafe"`` choice: TBB if installed, else its
    workqueue), unless the user chose one (``NUMBA_THREADING_LAYER``). Runs use one thread each
    in a pool, so the layer changes no result and no run's speed."""
    import numba

    try:
        return numba.threading_layer() in FORK_SAFE_LAYERS
    except ValueError:  # no parallel function has run in this process yet
        pass
    if numba.config.THREADING_LAYER == "default":
        numba.config.THREADING_LAYER = "forksafe"
    return numba.config.THREADING_LAYER in ("forksafe", "safe", *FORK_SAFE_LAYERS)


def busy_mark() -> tuple[float, float, float] | None:
    """A mark to measure other programs' use of the processors from (:func:`others_busy`):
    the time now, the processor seconds every program on the machine has used (Linux's
    ``/proc/stat``), and this process's own with those of its children it has waited for;
    None where the machine's cannot be read."""
    import os
    import time

    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()
        hz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    # user, nice, system, idle, iowait, irq, softirq, steal (a guest's time is in user already)
    ticks = [int(x) for x in fields[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]
    own = os.times()
    return (
        time.monotonic(),
        busy / hz,
        own.user + own.system + own.children_user + own.children_system,
    )


def others_busy(since: tuple[float, float, float] | None, least: float = 0.5) -> float | None:
    """How many cores other programs kept busy, on average, since the mark ``since``
    (:func:`busy_mark`): the machine's processor time less this process's and its finished
    children's. Unlike the load average, it leaves out this command's own work (a comparison's
    workers fill every core and raise the load for a minute after). None: no mark, or less
    than ``least`` seconds since it."""
    now = busy_mark()
    if since is None or now is None or now[0] - since[0] < least:
        return None
    return max(0.0, ((now[1] - since[1]) - (now[2] - since[2])) / (now[0] - since[0]))


def spare_core(since: tuple[float, float, float] | None, cores: int) -> bool:
    """Whether a core stays idle beside this process: other programs used less than
    ``cores - 1`` cores on average since the mark ``since`` (:func:`others_busy`), or, without
    a measure, the last minute's load average is below ``cores - 1``."""
    import os

    others = others_busy(since)
    if others is None:
        return os.getloadavg()[0] < cores - 1
    return others < cores - 1
