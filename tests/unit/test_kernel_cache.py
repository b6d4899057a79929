"""Cached kernels are compiled again when a module they use changes (sim.base.kernel_cache).

numba reuses a cached function while its own file is unchanged, even when a compiled function
it calls from another module has changed. The first test shows that hazard on a two-module
package and that :func:`check` removes it; the others pin the guard's rules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sim.base import kernel_cache

CALLER = """
from numba import njit
from pkg.step import step

@njit(cache=True)
def twice(x):
    return 2 * step(x)
"""

STEP = """
from numba import njit

@njit(cache=True)
def step(x):
    return x + {add}
"""

RUN = """
import sys
from pathlib import Path
from sim.base import kernel_cache
if sys.argv[1] == "check":
    kernel_cache.check(Path(sys.argv[2]) / "pkg", ("caller.py", "step.py"))
from pkg.caller import twice
print(twice(1))
"""


def _package(root: Path, add: int) -> None:
    pkg = root / "pkg"
    pkg.mkdir(exist_ok=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "caller.py").write_text(CALLER)
    (pkg / "step.py").write_text(STEP.format(add=add))


def _twice(root: Path, mode: str) -> int:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), *sys.path])}
    out = subprocess.run(
        [sys.executable, "-c", RUN, mode, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip())


def test_a_changed_callee_is_compiled_again(tmp_path):
    _package(tmp_path, add=1)
    assert _twice(tmp_path, "check") == 4  # compiled and cached: 2 * (1 + 1)
    step = tmp_path / "pkg" / "step.py"
    step.write_text(STEP.format(add=10) + "\n")  # another size, so another stamp
    # The hazard: numba loads the caller as cached, with the old step built in.
    assert _twice(tmp_path, "plain") == 4
    # The guard sees the new step and removes the stale kernels: 2 * (1 + 10).
    assert _twice(tmp_path, "check") == 22


def test_unchanged_sources_keep_their_cache(tmp_path):
    root = tmp_path / "pkg"
    (root / "__pycache__").mkdir(parents=True)
    (root / "a.py").write_text("X = 1\n")
    cached = root / "__pycache__" / "a.f-3.py311.nbi"
    kernel_cache.check(root, ("a.py",))  # the first check writes the fingerprint
    cached.write_bytes(b"index")
    assert kernel_cache.check(root, ("a.py",)) == 0
    assert cached.exists()


def test_changed_sources_clear_every_cached_kernel(tmp_path):
    root = tmp_path / "pkg"
    sub = root / "sub" / "__pycache__"
    sub.mkdir(parents=True)
    (root / "sub" / "a.py").write_text("X = 1\n")
    kernel_cache.check(root, ("sub",))
    files = [sub / "a.f-3.py311.nbi", sub / "a.f-3.py311.1.nbc", root / "other.nbc"]
    for f in files:
        f.write_bytes(b"cached")
    (root / "sub" / "a.py").write_text("X = 22\n")
    assert kernel_cache.check(root, ("sub",)) == 3
    assert not any(f.exists() for f in files)
    assert kernel_cache.check(root, ("sub",)) == 0  # the new fingerprint is kept


def test_the_fingerprint_covers_what_kernels_import():
    # Every module a compiled kernel imports from inside sim lies under the fingerprint.
    package = kernel_cache.PACKAGE
    covered = kernel_cache.fingerprint()
    kernels = [p for p in package.rglob("*.py") if "cache=True" in p.read_text(encoding="utf-8")]
    assert kernels
    for path in kernels:
        assert path.relative_to(package).as_posix() in covered
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.strip().split()
            if len(words) > 1 and words[0] in {"from", "import"} and words[1].startswith("sim."):
                parts = words[1].split(".")[1:]
                module = package.joinpath(*parts)
                source = module.with_suffix(".py")
                if not source.exists():
                    source = module / "__init__.py"
                assert source.relative_to(package).as_posix() in covered, (path, words[1])


def test_importing_sim_writes_the_fingerprint():
    stamp = kernel_cache.PACKAGE / "__pycache__" / kernel_cache.STAMP
    if os.access(kernel_cache.PACKAGE, os.W_OK):
        assert stamp.read_text(encoding="utf-8").strip() == kernel_cache.fingerprint()
