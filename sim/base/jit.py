"""Starting numba's compiler quickly, once per process.

The first compiled function a process calls (compiled or loaded from the cache) makes numba load
its implementation registries. One of them, ``numba.np.arraymath``, probes for a BLAS by
importing ``scipy.linalg``, and SciPy's array-API layer in turn walks NumPy's lazy submodules
(``numpy.f2py``, ``numpy.testing``, ...): 0.1-0.3 s of a command's start that buys nothing here,
because no compiled function in feedsim calls BLAS. The probe only decides whether
``np.correlate``/``np.convolve`` in compiled code use BLAS or a plain loop; ``np.dot`` and
``np.linalg`` import SciPy themselves when one is compiled, so nothing is lost.

:func:`start` loads the registries with ``scipy.linalg`` marked as not importable for that moment
(``None`` in ``sys.modules``, Python's documented way to make an import fail) and unmarks it at
once. Where ``scipy.linalg`` is already imported, the probe is cheap and :func:`start` leaves it
alone.

:data:`NO_REFCOUNT` holds the option that compiles a function without numba's reference counting
of arrays (the feed kernel's inner functions, which allocate nothing, use it). It is a private
numba option, so it is passed only where this numba version declares it; without it the kernel
is slower, never different.
"""

from __future__ import annotations

import sys

from numba.core.cpu import CPUTargetOptions

# ``@njit(**NO_REFCOUNT)``: no reference counting of the arrays a function is passed; only for
# functions that allocate nothing (numba refuses to compile an allocation without it).
NO_REFCOUNT = {"_nrt": False} if hasattr(CPUTargetOptions, "_nrt") else {}

_started = False


def start() -> None:
    """Load numba's implementation registries now, skipping its SciPy BLAS probe; idempotent.

    Call it before the first compiled function runs (the model does). Calling it later, or
    never, changes nothing but the start-up time.
    """
    global _started
    if _started:
        return
    from numba.core.registry import cpu_target

    probe = "scipy.linalg"
    block = probe not in sys.modules
    if block:
        sys.modules[probe] = None  # ``import scipy.linalg...`` raises ImportError meanwhile
    try:
        cpu_target.target_context.refresh()
    finally:
        if block and sys.modules.get(probe, ...) is None:
            del sys.modules[probe]
    _started = True


COMPILING = "Compiling the simulation (first run only, about half a minute)…"
_said = False


def will_compile(dispatcher) -> bool:
    """Whether the first call of the compiled function ``dispatcher`` compiles it: it has no
    compiled version in this process and numba's cache on disk holds none that is current (no
    index, one from another numba, or one older than the source). Reads the cache's small
    index, not the compiled code. False whenever it cannot tell (numba's cache is its own
    business and may change)."""
    try:
        if dispatcher.overloads:
            return False
        return not dispatcher._cache._cache_file._load_index()
    except Exception:  # noqa: BLE001 - a guess for a message: never an error
        return False


def say_if_compiling(dispatcher, stream=None, lang: str = "en") -> bool:
    """Print :data:`COMPILING` in ``lang`` once per process (to ``stream``, default stderr) if
    calling ``dispatcher`` will compile it; returns whether it printed."""
    global _said
    if _said or not will_compile(dispatcher):
        return False
    _said = True
    from sim.base.i18n import tr

    print(tr(COMPILING, lang), file=stream or sys.stderr, flush=True)
    return True
