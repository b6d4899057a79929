"""sim.jit: numba starts without importing SciPy's linear algebra, and loses nothing by it.

Checked in fresh interpreters, since what a process has imported is the point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sim

ROOT = Path(sim.__file__).parent.parent


def _fresh(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_start_skips_the_blas_probe_and_leaves_scipy_importable():
    out = _fresh(
        "import sys; import numpy as np; import numba; from sim import jit; jit.start(); "
        "print('scipy.linalg' in sys.modules); "
        "f = numba.njit(lambda a: a.sum()); print(f(np.arange(4.0))); "
        # np.dot in compiled code imports SciPy's BLAS itself, after the probe was skipped
        "g = numba.njit(lambda a, b: np.dot(a, b)); print(g(np.ones(3), np.arange(3.0))); "
        "import scipy.linalg; print(scipy.linalg.norm(np.array([3.0, 4.0])))")
    assert out == ["False", "6.0", "3.0", "5.0"]


def test_start_leaves_an_imported_scipy_alone():
    out = _fresh(
        "import sys; import scipy.linalg; from sim import jit; jit.start(); jit.start(); "
        "print(sys.modules['scipy.linalg'] is scipy.linalg)")
    assert out == ["True"]


def test_the_kernel_compiles_without_reference_counting_on_this_numba():
    # Fails when a numba release drops the private option: the kernel would still be right, but
    # about twice as slow, and the benchmarks' figures would no longer describe it.
    import numpy as np
    from numba import njit

    from sim.jit import NO_REFCOUNT

    assert NO_REFCOUNT == {"_nrt": False}

    @njit(**NO_REFCOUNT)
    def total(a):
        s = 0.0
        for x in a:
            s += x
        return s

    assert total(np.arange(5.0)) == 10.0
