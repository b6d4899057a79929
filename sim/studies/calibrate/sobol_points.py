"""Scrambled Sobol points computed with NumPy alone: the very points, to the last bit, that
``scipy.stats.qmc.Sobol(d, scramble=True, seed=seed).random(m)`` gives, without importing
``scipy.stats`` (about half a second of a fresh process's time).

The sequence is built as SciPy builds it:

* direction numbers: Joe and Kuo's primitive polynomials and initial values (docs/sources.md:
  Joe & Kuo 2008), read from the data file SciPy ships with its generator (the file is data,
  found on disk without importing SciPy); every later value follows from the polynomial's
  recurrence, 30 bits to a number;
* scrambling: one random lower-triangular binary matrix per dimension, with ones on its
  diagonal, multiplies each direction number's binary digits (the left matrix scramble), and a
  random 30-bit digital shift is XORed onto every point; both are drawn from
  ``numpy.random.default_rng(seed)``, the shift's bits first (a ``d`` by 30 array of 0s and 1s,
  least significant bit first), then the matrices (``d`` by 30 by 30, their upper triangles
  discarded), each as unsigned 32-bit integers;
* order: point 0 is the shift itself; point ``i`` is the shift XORed with the direction numbers
  of the bits set in ``i``'s Gray code, so each point differs from the one before by one
  direction number (that of the lowest set bit of ``i``);
* each 30-bit integer, divided by 2**30, is its coordinate (exact in a double).

Where SciPy's data file is not found or not read as expected (its layout changed),
:func:`sobol_points` asks SciPy's own generator, which gives the same points at the cost of its
import.
"""

from __future__ import annotations

import importlib.util
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Bits of each coordinate: SciPy's default, which limits a sequence to 2**30 points.
BITS = 30

#: Where SciPy keeps Joe and Kuo's direction numbers, under its package folder.
DATA_FILE = Path("stats") / "_sobol_direction_numbers.npz"


def data_file() -> Path | None:
    """SciPy's file of direction numbers, or None if it is not where SciPy has kept it.
    ``find_spec`` locates the package without importing it."""
    spec = importlib.util.find_spec("scipy")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / DATA_FILE
        if path.is_file():
            return path
    return None


def _leading(archive: zipfile.ZipFile, name: str, rows: int, cols: int = 1) -> np.ndarray:
    """The first ``rows`` entries of the vector ``name`` in ``archive``, or the first ``rows``
    rows and ``cols`` columns of the table ``name``, as 64-bit integers.

    Only the bytes needed are decompressed: the whole table of 21,201 dimensions takes about
    15 ms to inflate, the few columns a small design needs about 1 ms."""
    with archive.open(name + ".npy") as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise ValueError(f"unexpected .npy version {version} in {name}")
        if len(shape) == 1:
            return np.frombuffer(f.read(rows * dtype.itemsize), dtype).astype(np.int64)
        cols = min(cols, shape[1])
        if fortran:  # column after column: read the first columns whole
            flat = np.frombuffer(f.read(cols * shape[0] * dtype.itemsize), dtype)
            return flat.reshape(cols, shape[0]).T[:rows].astype(np.int64)
        flat = np.frombuffer(f.read(rows * shape[1] * dtype.itemsize), dtype)
        return flat.reshape(rows, shape[1])[:, :cols].astype(np.int64)


@lru_cache(maxsize=16)
def direction_numbers(d: int, path: Path) -> np.ndarray:
    """The unscrambled direction numbers of the first ``d`` dimensions, a ``d`` by
    :data:`BITS` array: entry ``[j, k]`` is dimension ``j``'s ``k``-th number, its ``k + 1``
    leading bits significant, as an integer of :data:`BITS` bits.

    In Joe and Kuo's construction dimension ``j`` (from the second on) has a primitive
    polynomial of degree ``s`` over GF(2), stored as an integer whose bits are its coefficients
    (``x**s`` the highest), and ``s`` odd initial values ``m_1 .. m_s`` (``m_k < 2**k``); the
    rest follow from ``m_k = 2 a_1 m_(k-1) ^ 4 a_2 m_(k-2) ^ ... ^ 2**s m_(k-s) ^ m_(k-s)``,
    ``a_i`` being the coefficient of ``x**(s-i)``. The first dimension's values are all 1 (the
    van der Corput sequence in base 2)."""
    with zipfile.ZipFile(path) as archive:
        poly = _leading(archive, "poly", d)
        if len(poly) < d:
            raise ValueError(f"Sobol direction numbers are known for {len(poly)} dimensions")
        degree = [int(p).bit_length() - 1 for p in poly]
        start = _leading(archive, "vinit", d, max([1, *degree]))
    m = np.ones((d, BITS), dtype=np.int64)
    for j in range(1, d):
        p, s = int(poly[j]), degree[j]
        row = [int(x) for x in start[j, : min(s, BITS)]]
        for k in range(s, BITS):
            value = row[k - s] ^ (row[k - s] << s)
            for i in range(1, s):
                if (p >> (s - i)) & 1:
                    value ^= row[k - i] << i
            row.append(value)
        m[j] = row
    # m_k (k counted from 1) has k significant bits: align its leading bit to the top.
    out = m << (BITS - 1 - np.arange(BITS))
    out.flags.writeable = False  # shared by every caller through the cache
    return out


def scrambled(directions: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The direction numbers after the left matrix scramble, and the digital shift, both
    drawn from ``numpy.random.default_rng(seed)`` in SciPy's order (see the module's notes)."""
    d = directions.shape[0]
    rng = np.random.default_rng(seed)
    shift_bits = rng.integers(2, size=(d, BITS), dtype=np.uint32).astype(np.int64)
    lower = np.tril(rng.integers(2, size=(d, BITS, BITS), dtype=np.uint32).astype(np.int64))
    lower[:, np.arange(BITS), np.arange(BITS)] = 1
    shift = shift_bits @ (np.int64(1) << np.arange(BITS))
    # Digit q of a number is its bit BITS - 1 - q (digit 0 the most significant); scrambled
    # digit p is the parity of lower[p, :] times the digits, so it depends on digits 0 .. p.
    place = BITS - 1 - np.arange(BITS)
    digits = (directions[:, :, None] >> place) & 1  # [dimension, number, digit]
    mixed = np.einsum("dpq,dkq->dkp", lower, digits) & 1
    return (mixed << place).sum(axis=2), shift


def sobol_points(d: int, m: int, seed: int) -> np.ndarray:
    """The first ``m`` points of the ``d``-dimensional scrambled Sobol sequence of ``seed``, an
    ``m`` by ``d`` array: ``scipy.stats.qmc.Sobol(d, scramble=True, seed=seed).random(m)``."""
    if m > 2**BITS:
        raise ValueError(f"at most 2**{BITS} points")
    path = data_file()
    if path is None:
        return _scipy_points(d, m, seed)
    try:
        directions = direction_numbers(d, path)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile):  # the file is not as SciPy kept it
        return _scipy_points(d, m, seed)
    numbers, shift = scrambled(directions, seed)
    index = np.arange(1, max(m, 1), dtype=np.int64)
    # Point i differs from point i - 1 by the direction number of i's lowest set bit.
    lowest = np.frexp((index & -index).astype(np.float64))[1] - 1
    steps = np.concatenate([shift[None, :], numbers.T[lowest]])
    quasi = np.bitwise_xor.accumulate(steps, axis=0)[:m]
    return quasi.astype(np.float64) / 2.0**BITS


def _scipy_points(d: int, m: int, seed: int) -> np.ndarray:
    """SciPy's own generator: the same points, for when its data file is not found."""
    import warnings

    from scipy.stats import qmc

    with warnings.catch_warnings():  # "balance properties require n to be a power of 2"
        warnings.simplefilter("ignore", UserWarning)
        return qmc.Sobol(d, scramble=True, seed=seed).random(m)
