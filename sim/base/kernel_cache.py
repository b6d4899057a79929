"""Compiled kernels that stay true to their sources after an update.

numba keeps each compiled function (``cache=True``) in ``__pycache__`` beside its module, and
reuses it as long as *that module's* file has the same time stamp and size. A compiled function
also carries, built into it, the compiled functions it calls from other modules and the
constants it reads from them (``sim.base.rng``'s generator step, ``sim.base.rules``' chances,
``sim.base.accounts``' codes). So after an update that changes only such a module (a ``git
pull``, a new release over an old install), the kernels that use it would be loaded from the
cache as they were before: the old code, with no error, giving results the sources no longer
say.

:func:`check` guards against that. It fingerprints every module compiled code can reach (the
names, sizes and modification times of the Python files under :data:`SOURCES`) and keeps the
fingerprint in ``sim/__pycache__``. When the files differ from the fingerprint, it removes
every cached kernel under the package (``*.nbi``, ``*.nbc``), so each is compiled again from
today's sources on first use, and writes the new fingerprint. It runs once per process, when
``sim`` is imported: a few hundred microseconds of file stats.

Where the package's folder cannot be written (an install owned by another user), numba keeps
its cache elsewhere and this guard does nothing; ``NUMBA_CACHE_DIR`` pointing at a fresh folder
after an update does the same job by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent

# What compiled code can reach: the kernels' own modules and everything they import from.
SOURCES = ("base", "engine", "passes.py", "components.py")

STAMP = "kernel-sources.txt"
CACHED = ("*.nbi", "*.nbc")


def fingerprint(root: Path = PACKAGE, sources: tuple[str, ...] = SOURCES) -> str:
    """The names, sizes and modification times of the Python files under ``sources``
    (folders, searched through, or single files) in ``root``, one file a line."""
    files: list[Path] = []
    for name in sources:
        path = root / name
        if path.is_dir():
            files.extend(path.rglob("*.py"))
        elif path.is_file():
            files.append(path)
    lines = []
    for path in sorted(files):
        st = path.stat()
        lines.append(f"{path.relative_to(root).as_posix()} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(lines)


def check(root: Path = PACKAGE, sources: tuple[str, ...] = SOURCES) -> int:
    """Remove the cached kernels under ``root`` if the sources they were compiled from changed
    since the last check; return how many cache files were removed (0 when nothing changed or
    the folder cannot be written)."""
    stamp = root / "__pycache__" / STAMP
    now = fingerprint(root, sources)
    try:
        if stamp.read_text(encoding="utf-8").strip() == now:
            return 0
    except (OSError, UnicodeDecodeError):
        pass
    removed = 0
    for pattern in CACHED:
        for cached in root.rglob(pattern):
            try:
                cached.unlink()
                removed += 1
            except FileNotFoundError:  # another process removed it first
                pass
            except OSError:
                return removed
    try:
        stamp.parent.mkdir(exist_ok=True)
        partial = stamp.with_name(f"{STAMP}.{os.getpid()}")
        partial.write_text(now + "\n", encoding="utf-8")
        os.replace(partial, stamp)  # whole or not at all, whoever else checks at the same time
    except OSError:
        pass
    return removed
