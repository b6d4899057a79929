"""Random numbers for the numba kernels.

Every kernel draws from an inline xoshiro256** generator whose 4×uint64 state lives in a NumPy
array owned by the caller. Drawing this way costs about a nanosecond, against about 11 ns for
``np.random`` inside numba, and keeps each stream independent of all others: a stream's state is
seeded from a :class:`numpy.random.SeedSequence` keyed by name (:func:`stream`,
:func:`new_state`),
or, for many short runs inside one kernel call, from a base state and the run's index
(:func:`seed_run_state`); never from a global generator.

Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2018).
"""

from __future__ import annotations

import hashlib

import numpy as np
from numba import njit, uint64

STATE_DTYPE = np.uint64
_SCALE = 1.0 / 9007199254740992.0  # 2**-53
_GOLDEN = 0x9E3779B97F4A7C15  # 2**64 / golden ratio: splitmix64's step, and a non-zero fill


def _key(name: str) -> int:
    # A stable 64-bit key (Python's hash() changes between processes).
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")


def stream(root: int | np.random.SeedSequence, *names: str) -> np.random.SeedSequence:
    """The random stream keyed by ``names`` under ``root`` (a run's seed or a stream).

    ``stream(seed, "strategies", "giveaway")`` is the same stream whatever other streams a run
    creates, and in whatever order: adding or switching on a component never shifts another's
    draws, which spawning children in order (``SeedSequence.spawn``) cannot promise. Names are
    hashed into the SeedSequence's spawn key, so streams stay statistically independent.
    """
    if not isinstance(root, np.random.SeedSequence):
        root = np.random.SeedSequence(int(root))
    return np.random.SeedSequence(
        root.entropy, spawn_key=(*root.spawn_key, *map(_key, names)), pool_size=root.pool_size
    )


def generator(root: int | np.random.SeedSequence, *names: str) -> np.random.Generator:
    """A NumPy Generator on the stream ``stream(root, *names)``."""
    return np.random.Generator(np.random.PCG64(stream(root, *names)))


def new_state(seed_seq: np.random.SeedSequence) -> np.ndarray:
    """Return a fresh generator state (shape (4,), uint64) seeded from ``seed_seq``."""
    s = seed_seq.generate_state(4, np.uint64)
    if not s.any():  # the all-zero state is the one state xoshiro cannot leave
        s[0] = np.uint64(_GOLDEN)
    return s


@njit(inline="always", cache=True)
def splitmix64(x):
    """The finaliser of splitmix64 (Steele, Lea & Flood 2014) on a uint64.

    The seeding Blackman & Vigna recommend for xoshiro: nearby inputs (run r, r + 1) give
    unrelated outputs.
    """
    z = x
    z = (z ^ (z >> uint64(30))) * uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> uint64(27))) * uint64(0x94D049BB133111EB)
    return z ^ (z >> uint64(31))


@njit(cache=True)
def seed_run_state(base, run, out):
    """Fill ``out`` (uint64, shape (4,)) with the generator state of run ``run``.

    Word k is the (4*run + k + 1)-th splitmix64 output from ``base[0]``, xored with ``base[k]``:
    a pure function of (base, run), so no run's stream depends on how runs are scheduled over
    threads. ``base`` is uint64 (4,), e.g. ``SeedSequence(seed).generate_state(4, np.uint64)``.
    """
    for k in range(4):
        ctr = base[0] + uint64(4 * run + k + 1) * uint64(_GOLDEN)
        out[k] = splitmix64(ctr) ^ base[k]
    if out[0] == 0 and out[1] == 0 and out[2] == 0 and out[3] == 0:
        out[0] = uint64(_GOLDEN)  # the one state xoshiro cannot leave


@njit(inline="always", cache=True)
def _rotl(x, k):
    return (x << uint64(k)) | (x >> uint64(64 - k))


@njit(cache=True)
def next_u64(s):
    """Advance state ``s`` in place and return the next 64-bit output."""
    result = _rotl(s[1] * uint64(5), 7) * uint64(9)
    t = s[1] << uint64(17)
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = _rotl(s[3], 45)
    return result


@njit(inline="always", cache=True)
def step(s0, s1, s2, s3):
    """:func:`next_u64` on a state held in four local variables: ``(output, s0, s1, s2, s3)``.

    For hot loops: the state stays in registers instead of a store and a load per draw on the
    generator's dependency chain. The loop loads the state from its array before and stores it
    back after (and around any call that draws from the array), so the stream is the same draw
    for draw. Since the next output depends only on the state, a loop can also compute outputs
    ahead (on copies of the locals) without advancing the stream, to see which accounts it is
    about to read.
    """
    result = _rotl(s1 * uint64(5), 7) * uint64(9)
    t = s1 << uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = _rotl(s3, 45)
    return result, s0, s1, s2, s3


@njit(inline="always", cache=True)
def unit(x):
    """The uniform in [0, 1) of a 64-bit output ``x``, as :func:`uniform` makes it."""
    return float(x >> uint64(11)) * _SCALE


@njit(inline="always", cache=True)
def scaled(x, n):
    """The integer in [0, n) of a 64-bit output ``x``, as :func:`below` makes it."""
    return np.int64(unit(x) * n)


@njit(cache=True)
def uniform(s):
    """A double in [0, 1) with 53 random bits."""
    return float(next_u64(s) >> uint64(11)) * _SCALE


@njit(cache=True)
def below(s, n):
    """An integer in [0, n) (n > 0), by scaling a 53-bit uniform (bias below n / 2**53)."""
    return np.int64((float(next_u64(s) >> uint64(11)) * _SCALE) * n)


@njit(cache=True)
def geometric_skip(s, log1mp):
    """Number of failures before the next success of a Bernoulli(p) stream.

    ``log1mp`` is ``log(1 - p)`` (negative; pass ``-inf`` for p = 1). Used to jump over runs of
    failed trials instead of drawing one uniform per trial.
    """
    u = uniform(s)
    if u <= 0.0:
        return 0
    return np.int64(np.log(1.0 - u) / log1mp) if log1mp < 0.0 else 0


@njit(cache=True)
def fill_uniform(s, out):
    """Fill ``out`` (float64) with uniforms from state ``s``; used by tests and agent paths."""
    for i in range(out.shape[0]):
        out[i] = uniform(s)
    return out


@njit(cache=True)
def binomial(s, n, p):
    """A Binomial(n, p) count from state ``s``.

    Exact for a mean ``n * p`` under 20 (the trials are skipped over by geometric gaps, about
    one uniform per success); above it, the normal approximation with the same mean and
    variance, rounded and kept within [0, n] (two uniforms whatever ``n``), so a count of
    millions costs no more than a count of ten.
    """
    if n <= 0 or p <= 0.0:
        return np.int64(0)
    if p >= 1.0:
        return np.int64(n)
    if p > 0.5:
        return n - binomial(s, n, 1.0 - p)
    mean = n * p
    if mean < 20.0:
        log1mp = np.log1p(-p)
        k = np.int64(0)
        trial = geometric_skip(s, log1mp)  # failures before the first success
        while trial < n:
            k += 1
            trial += 1 + geometric_skip(s, log1mp)
        return k
    u1 = 1.0 - uniform(s)  # in (0, 1]: the logarithm stays finite
    u2 = uniform(s)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    k = np.int64(np.rint(mean + z * np.sqrt(mean * (1.0 - p))))
    return min(max(k, np.int64(0)), np.int64(n))
