"""sim.base.jit: numba starts without importing SciPy's linear algebra, and loses nothing by it.

Checked in fresh interpreters, since what a process has imported is the point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sim

ROOT = Path(sim.__file__).parent.parent


def _fresh(code: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_start_skips_the_blas_probe_and_leaves_scipy_importable():
    out = _fresh(
        "import sys; import numpy as np; import numba; from sim.base import jit; jit.start(); "
        "print('scipy.linalg' in sys.modules); "
        "f = numba.njit(lambda a: a.sum()); print(f(np.arange(4.0))); "
        # np.dot in compiled code imports SciPy's BLAS itself, after the probe was skipped
        "g = numba.njit(lambda a, b: np.dot(a, b)); print(g(np.ones(3), np.arange(3.0))); "
        "import scipy.linalg; print(scipy.linalg.norm(np.array([3.0, 4.0])))"
    )
    assert out == ["False", "6.0", "3.0", "5.0"]


def test_start_leaves_an_imported_scipy_alone():
    out = _fresh(
        "import sys; import scipy.linalg; from sim.base import jit; jit.start(); jit.start(); "
        "print(sys.modules['scipy.linalg'] is scipy.linalg)"
    )
    assert out == ["True"]


def test_the_kernel_compiles_without_reference_counting_on_this_numba():
    # Fails when a numba release drops the private option: the kernel would still be right, but
    # about twice as slow, and the benchmarks' figures would no longer describe it.
    import numpy as np
    from numba import njit

    from sim.base.jit import NO_REFCOUNT

    assert NO_REFCOUNT == {"_nrt": False}

    @njit(**NO_REFCOUNT)
    def total(a):
        s = 0.0
        for x in a:
            s += x
        return s

    assert total(np.arange(5.0)) == 10.0


COMPILED = """
from numba import njit


@njit(cache=True)
def twice(x):
    return 2 * x
"""


def _load(path: Path, name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_first_compile_is_foreseen_and_said_once(tmp_path, monkeypatch, capsys):
    from sim.base import jit

    src = tmp_path / "compiled_once.py"
    src.write_text(COMPILED)
    first = _load(src, "compiled_once")
    assert jit.will_compile(first.twice)  # nothing in numba's cache yet
    monkeypatch.setattr(jit, "_said", False)
    assert jit.say_if_compiling(first.twice) and not jit.say_if_compiling(first.twice)
    assert capsys.readouterr().err == jit.COMPILING + "\n"  # once per process
    monkeypatch.setattr(jit, "_said", False)  # a Dutch command says it in Dutch
    assert jit.say_if_compiling(first.twice, lang="nl")
    assert capsys.readouterr().err.startswith("De simulatie wordt gecompileerd")
    assert first.twice(21) == 42
    assert not jit.will_compile(first.twice)  # compiled in this process
    again = _load(src, "compiled_once_again")  # a new process would find the cache
    assert not jit.will_compile(again.twice)
    src.write_text(COMPILED + "# changed\n")  # the source changed since: the cache is stale
    assert jit.will_compile(_load(src, "compiled_once_changed").twice)


def test_progress_bar_starts_after_the_first_day(monkeypatch):
    """The first day compiles the kernel on a first run; the bar, and its estimate, start after
    it. The results are those of a run without a bar."""
    import tqdm

    from sim.engine.runner import run
    from sim.scenario import resolve

    made = []

    class Bar:
        def __init__(self, total, initial=0, unit="it", **kwargs):
            made.append(self)
            self.total, self.n, self.unit = total, initial, unit

        def update(self, k):
            self.n += k

        def close(self):
            pass

    monkeypatch.setattr(tqdm, "tqdm", Bar)
    sc = resolve({"days": 12, "audience": {"users": 500}, "brand": {"initial_followers": 20}})
    with_bar = run(sc, seed=1, progress=True)
    (bar,) = made
    assert (bar.total, bar.n, bar.unit) == (12, 12, "day")
    assert with_bar.days.equals(run(sc, seed=1).days)
    run(sc, seed=1, progress="nl")  # a command's --lang nl: the bar counts in Dutch
    assert made[-1].unit == "dag"
