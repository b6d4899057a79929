"""Where the feed kernel's arrays live: memory on huge pages of their own.

The kernel reads a million accounts' arrays at random, so where they lie in memory matters as
much as what they hold. :func:`huge_zeros` and :func:`huge_copy` give an array of 512 KiB or more
a fresh mapping of its own, marked for transparent huge pages before first use and starting on
a 2 MiB boundary; smaller arrays (and systems without such mappings) are NumPy's, starting on a
cache line. Values are those of ``np.zeros``: only where they lie differs. A leaf module (NumPy
and the standard library only); :mod:`sim.base.kernel_types` allocates the kernel's records and
scratch arrays through it, the audience its graph and ledgers.
"""

from __future__ import annotations

import ctypes
import mmap
import weakref

import numpy as np

__all__ = ["HUGE_MIN_BYTES", "HUGE_PAGE", "huge_copy", "huge_zeros"]

_LINE = 64  # bytes of a cache line

# The kernel reads a million accounts' arrays at random: nearly every read misses the caches, and
# with 4 KiB pages it misses the TLB too (a hundred-odd MB of records, graph and ledgers is tens
# of thousands of pages). Transparent huge pages (2 MiB) cut those misses, but where the kernel
# is set to "madvise" (as on this project's machine) a page is huge only if its memory was marked
# before it was first touched. NumPy marks its large arrays, but the C allocator under it hands
# out memory the process freed earlier where it can (a second audience in one process, a sweep's
# worker), whose pages stay the small ones they were, and an array not starting on a 2 MiB
# boundary loses its ends to small pages.
# At a million users, from the second run in a process, the account records sat 72% on huge
# pages, the seen stamps 25-74% and the origin codes 0-56%, depending on what the process had
# freed before, and the kernel took 5-10% longer per impression than with all of them huge
# (``benchmarks/RESULTS.md``, "Where the arrays sit"). So the arrays the kernel reads at random
# are mapped fresh from the system, marked, and start on a 2 MiB boundary.
HUGE_PAGE = 1 << 21  # bytes of a transparent huge page on x86-64 and arm64 (4 KiB base pages)
# From this size an array gets a mapping of its own, which costs at most one partly used huge
# page (under 2 MiB): a million accounts' origin codes (1 MB) are in, the arrays of a small
# audience, which the caches and the TLB hold anyway, are not.
HUGE_MIN_BYTES = 1 << 19
# Private anonymous mappings and MADV_HUGEPAGE are Linux's; elsewhere NumPy allocates.
_CAN_MAP = all(hasattr(mmap, k) for k in ("MAP_PRIVATE", "MAP_ANONYMOUS", "MADV_HUGEPAGE"))
# tracemalloc counts NumPy's arrays in this domain (NumPy's NPY_TRACE_DOMAIN); mapped arrays are
# reported in it too, so a memory profile (and the tests that no run outlives itself) sees them.
_TRACE_DOMAIN = 389047


def _trace(region: mmap.mmap, address: int, nbytes: int) -> None:
    """Report the mapped ``nbytes`` at ``address`` to tracemalloc (if it is tracing) until
    ``region`` is unmapped."""
    api = ctypes.pythonapi
    track, untrack = api.PyTraceMalloc_Track, api.PyTraceMalloc_Untrack
    track.argtypes = [ctypes.c_uint, ctypes.c_size_t, ctypes.c_size_t]
    untrack.argtypes = [ctypes.c_uint, ctypes.c_size_t]
    if track(_TRACE_DOMAIN, address, nbytes) == 0:  # -2: tracemalloc is not tracing
        weakref.finalize(region, untrack, _TRACE_DOMAIN, address)


def huge_zeros(n: int, dtype) -> np.ndarray:
    """A zeroed 1-D array of ``n`` items of ``dtype`` for the kernel's random reads.

    From ``HUGE_MIN_BYTES`` on (on Linux) it is a fresh private mapping of its own, starting on a
    ``HUGE_PAGE`` boundary and marked for transparent huge pages before anything touches it,
    so the system backs it with huge pages wherever it has them; the mapping is returned to the
    system when the array is freed. Smaller arrays, and systems without such mappings, are
    NumPy's, starting on a cache line. Either way the values are those of ``np.zeros``: only
    where they lie differs.
    """
    dtype = np.dtype(dtype)
    nbytes = int(n) * dtype.itemsize
    if nbytes < HUGE_MIN_BYTES or not _CAN_MAP:
        return _line_zeros(n, dtype)
    # Whole huge pages, and one more to find a boundary in: a huge page must lie wholly inside
    # its mapping, so an array ending in a partial one would have its last pages small.
    length = -(-nbytes // HUGE_PAGE) * HUGE_PAGE + HUGE_PAGE
    try:
        # MAP_PRIVATE: a shared anonymous mapping is shared memory, whose huge pages the
        # system governs by another switch (usually off).
        region = mmap.mmap(-1, length, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except OSError:
        return _line_zeros(n, dtype)
    try:
        region.madvise(mmap.MADV_HUGEPAGE)
    except OSError:
        pass  # a system without transparent huge pages: fresh zeroed memory all the same
    buf = np.frombuffer(region, dtype=np.uint8)  # keeps ``region`` alive while it is used
    skip = -buf.__array_interface__["data"][0] % HUGE_PAGE
    out = buf[skip : skip + nbytes].view(dtype)
    _trace(region, out.__array_interface__["data"][0], nbytes)
    return out


def huge_copy(arr: np.ndarray) -> np.ndarray:
    """A C-contiguous 1-D copy of ``arr`` in memory from :func:`huge_zeros`."""
    out = huge_zeros(arr.shape[0], arr.dtype)
    out[:] = arr
    return out


def _line_zeros(n: int, dtype: np.dtype) -> np.ndarray:
    """A zeroed 1-D array of ``n`` items of ``dtype`` from NumPy, starting on a cache line."""
    buf = np.zeros(n * dtype.itemsize + _LINE, dtype=np.uint8)
    skip = -buf.__array_interface__["data"][0] % _LINE
    return buf[skip : skip + n * dtype.itemsize].view(dtype)
