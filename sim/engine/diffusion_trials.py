"""How the plain independent cascade (:mod:`sim.engine.diffusion`) draws its edge trials.

Every edge is one Bernoulli(p) trial with the same p, so failed trials are never drawn one by
one: a row that expects a fraction of a success jumps over its failures with a geometric skip
(``_geo``: one uniform per *success*), a row that expects more draws 64 trials at once as a bit
mask (``_bernoulli_mask``: about 7 generator outputs per 64 trials, no logarithm). Both are exact
Bernoulli(p) trials; :func:`_trial_plan` picks one per row length, for speed only. Both searches
of the kernel (the batched one for graphs beyond the cache, the plain one for graphs that fit in
it) draw through these functions.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np
from llvmlite import ir
from numba import njit, types, uint64
from numba.core import cgutils
from numba.extending import intrinsic

from sim.base.rng import step

# Row lengths drawn with the 64-lane mask: from ceil(_MASK_DP / p); rows longer than 64 only when
# p >= _MASK_LONG_P (see ``_trial_plan``).
_MASK_DP = 0.25
_MASK_LONG_P = 0.045
_NEVER = 2**62
_SCALE53 = 1.0 / 9007199254740992.0  # 2**-53

# Below this p, log(1 - u) / log1p(-p) can exceed the int64 range inside ``_geo``
# (log(1 - u) >= log(2**-53) ~ -36.7), so the kernel draws every row as 64-trial masks instead.
# The cut-off only picks a code path; both are exact IC.
_P_SKIP_MIN = 1e-12


class Trials(NamedTuple):
    """How the kernel draws the trials of a row at one p (see :func:`_trial_plan`); numba reads
    it as a typed tuple, as the feed kernel's inputs.

    Attributes:
        pbits: floor(p * 2**64), uint64 (``p_one`` for p = 1).
        p_one: whether p is 1 (every trial succeeds).
        log1mp: log(1 - p), for geometric skips.
        mask_from, mask_below: rows of length d with ``mask_from <= d < mask_below`` are drawn
            64 trials at a time, others by geometric skips.
        skip_at: uint64 (L,): for a geometric row of length d < L, the first 53-bit uniform
            whose skip reaches past the row (see :func:`_skip_table`); empty when unused.
    """

    pbits: np.uint64
    p_one: bool
    log1mp: float
    mask_from: int
    mask_below: int
    skip_at: np.ndarray


@intrinsic
def _cttz(typingctx, x):
    """Count of trailing zero bits of a non-zero uint64 (LLVM ``llvm.cttz``; one instruction)."""
    sig = types.uint64(types.uint64)

    def codegen(context, builder, signature, args):
        i64 = ir.IntType(64)
        fnty = ir.FunctionType(i64, [i64, ir.IntType(1)])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.cttz.i64")
        return builder.call(fn, [args[0], ir.Constant(ir.IntType(1), 1)])

    return sig, codegen


@njit(inline="always")
def _geo(s0, s1, s2, s3, log1mp):
    """Failures before the next success of Bernoulli(p) trials
    (:func:`sim.base.rng.geometric_skip`)."""
    x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
    u = float(x >> uint64(11)) * _SCALE53
    g = np.int64(np.log(1.0 - u) / log1mp) if log1mp < 0.0 else np.int64(0)
    return g, s0, s1, s2, s3


@njit(inline="always")
def _geo_left(s0, s1, s2, s3, log1mp, skip_at, left):
    """:func:`_geo` where ``left`` trials remain in the row, from the same one draw.

    Returns the same skip whenever it is below ``left`` (a success inside the row); when it is
    not (no success left), it may return ``left`` itself, found by one comparison with
    ``skip_at[left]`` (:func:`_skip_table`) instead of a logarithm. Callers only ask whether the
    skip ends inside the row, so their results and random streams are those of :func:`_geo`.
    """
    x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
    x53 = x >> uint64(11)
    if left < skip_at.shape[0] and x53 >= skip_at[left]:
        return left, s0, s1, s2, s3
    u = float(x53) * _SCALE53
    g = np.int64(np.log(1.0 - u) / log1mp) if log1mp < 0.0 else np.int64(0)
    return g, s0, s1, s2, s3


@njit(inline="always")
def _digit(r, i, pbits, lanes, succ):
    """Compare digit ``i`` of p with one random digit per lane (the bits of ``r``)."""
    pb = uint64(0) - ((pbits >> uint64(63 - i)) & uint64(1))  # all ones iff p's digit i is 1
    succ |= lanes & pb & ~r  # U's digit 0 where p's is 1: U < p, success
    lanes &= ~(r ^ pb)  # still open where U's digit equals p's
    return lanes, succ


@njit(inline="always")
def _bernoulli_mask(s0, s1, s2, s3, pbits, lanes, d):
    """Independent Bernoulli(p) trials for the ``d`` low bits set in ``lanes``; the successes.

    Lane k succeeds iff its uniform U_k < p, where U_k's binary digits are random bits and
    ``pbits`` = floor(p * 2**64) holds p's first 64 binary digits. Comparing digit by digit, a
    lane is decided at the first digit where U_k and p differ (U_k < p if p's digit is 1), so
    each digit decides about half of the lanes still open: 64 trials take about 7 digits, 5
    trials about 4. A generator output holds 64 random bits: one digit for 64 lanes, or two
    digits for up to 32 lanes, or four for up to 16 (each lane reads its own bits, so lanes
    stay independent). A lane still open after 64 digits (probability 2**-64) counts as a
    failure: p is taken to 64 binary digits.
    """
    succ = uint64(0)
    i = 0
    if d <= 16:
        while True:
            r, s0, s1, s2, s3 = step(s0, s1, s2, s3)
            lanes, succ = _digit(r, i, pbits, lanes, succ)
            lanes, succ = _digit(r >> uint64(16), i + 1, pbits, lanes, succ)
            lanes, succ = _digit(r >> uint64(32), i + 2, pbits, lanes, succ)
            lanes, succ = _digit(r >> uint64(48), i + 3, pbits, lanes, succ)
            i += 4
            if lanes == uint64(0) or i >= 64:
                break
    elif d <= 32:
        while True:
            r, s0, s1, s2, s3 = step(s0, s1, s2, s3)
            lanes, succ = _digit(r, i, pbits, lanes, succ)
            lanes, succ = _digit(r >> uint64(32), i + 1, pbits, lanes, succ)
            i += 2
            if lanes == uint64(0) or i >= 64:
                break
    else:
        while True:
            r, s0, s1, s2, s3 = step(s0, s1, s2, s3)
            lanes, succ = _digit(r, i, pbits, lanes, succ)
            r, s0, s1, s2, s3 = step(s0, s1, s2, s3)
            lanes, succ = _digit(r, i + 1, pbits, lanes, succ)
            i += 2
            if lanes == uint64(0) or i >= 64:
                break
    return succ, s0, s1, s2, s3


# On the plain queue, rows of at most this many trials are drawn a byte per trial whatever p
# (``_bernoulli_short``): about 3 ns for up to 8 trials and 6 ns for up to 16, against 6-9 ns
# digit by digit and a logarithm for each success found by a geometric skip; beyond 16 the
# digits are as fast.
_SHORT_ROWS = 16
_BYTES_HIGH = 0x8080808080808080
_BYTES_LOW7 = 0x7F7F7F7F7F7F7F7F
_BYTES_ONES = 0x0101010101010101
_GATHER = 0x0002040810204081  # times the bytes' high bits: that of byte k lands in bit 56 + k


@njit(inline="always")
def _bernoulli_bytes(s0, s1, s2, s3, pbits, lanes):
    """Independent Bernoulli(p) trials for the lanes set in ``lanes`` (of the 8 low bits).

    One generator output gives each lane k its own byte, the first 8 binary digits of its
    uniform U_k; compared with p's first 8 digits (the top byte of ``pbits``), all 8 at once
    with carry-free byte arithmetic, it decides the lane unless the two bytes are equal (U_k < p
    if its byte is smaller). Equal lanes (1 in 256) go on digit by digit from digit 8 on fresh
    outputs, as :func:`_bernoulli_mask` does, so the trials are the same exact Bernoulli(p).
    """
    x, s0, s1, s2, s3 = step(s0, s1, s2, s3)
    high, low7 = uint64(_BYTES_HIGH), uint64(_BYTES_LOW7)
    y = (pbits >> uint64(56)) * uint64(_BYTES_ONES)  # p's top byte in every byte
    t = (x | high) - (y & low7)  # per byte, high bit set iff x's low 7 bits >= y's
    less = ((~x & y) | (~(x ^ y) & ~t)) & high  # per byte: x < y
    z = x ^ y
    same = ~(((z & low7) + low7) | z) & high  # per byte: x == y
    succ = ((less * uint64(_GATHER)) >> uint64(56)) & lanes
    open_ = ((same * uint64(_GATHER)) >> uint64(56)) & lanes
    i = 8
    while open_ != uint64(0) and i < 64:
        r, s0, s1, s2, s3 = step(s0, s1, s2, s3)
        open_, succ = _digit(r, i, pbits, open_, succ)
        i += 1
    return succ, s0, s1, s2, s3


@njit(inline="always")
def _bernoulli_short(s0, s1, s2, s3, pbits, d):
    """Bernoulli(p) trials for a row of 1 <= d <= ``_SHORT_ROWS`` trials, a byte per trial
    (:func:`_bernoulli_bytes`, one output per 8 trials); the successes as the d low bits."""
    lo = uint64(0xFF) if d >= 8 else (uint64(1) << uint64(d)) - uint64(1)
    succ, s0, s1, s2, s3 = _bernoulli_bytes(s0, s1, s2, s3, pbits, lo)
    if d > 8:
        hi = (uint64(1) << uint64(d - 8)) - uint64(1)
        m, s0, s1, s2, s3 = _bernoulli_bytes(s0, s1, s2, s3, pbits, hi)
        succ |= m << uint64(8)
    return succ, s0, s1, s2, s3


# A geometric row with fewer than this many trials left finds "no success left" in a table
# (one per p, built once: 64 bisections, about 0.1 ms) instead of by a logarithm.
_SKIP_ROWS = 65


@njit(cache=True)
def _skip_of(x53, log1mp):
    """The geometric skip ``_geo`` makes of the 53-bit uniform ``x53`` (an int below 2**53)."""
    return np.int64(np.log(1.0 - float(x53) * _SCALE53) / log1mp)


@njit(cache=True)
def _skip_table(log1mp, rows):
    """uint64 (rows,): entry d is the smallest 53-bit value whose skip is >= d (2**53 if none).

    The skip ``_skip_of(x53)`` never decreases as ``x53`` grows (the logarithm and the division
    are monotone), so "the row of d remaining trials holds no success", ``skip >= d``, is
    exactly ``x53 >= table[d]``: a comparison instead of a logarithm, with the very same
    outcome for every draw. Found by bisection over the 2**53 values, 53 steps per entry.
    """
    table = np.zeros(rows, dtype=np.uint64)
    for d in range(1, rows):
        lo = np.int64(0)
        hi = np.int64(2**53)
        while lo < hi:
            mid = (lo + hi) // 2
            if _skip_of(mid, log1mp) >= d:
                hi = mid
            else:
                lo = mid + 1
        table[d] = uint64(lo)
    return table


@functools.lru_cache(maxsize=64)
def _trial_plan(p: float) -> Trials:
    """How the kernel draws the trials of a row at this p (a :class:`Trials`, built once per p).

    Rows of length d with ``from <= d < below`` are drawn 64 trials at a time
    (:func:`_bernoulli_mask`, about 11 ns + 0.15 ns per trial), others by geometric skips
    (about 7 ns per success plus one draw per row). Measured on this project's machine: the mask
    wins once a row expects about a quarter of a success (d p >= 0.25), and on long rows (d > 64)
    only when p >= 0.045, where 64 p skips cost more than one block. Below ``_P_SKIP_MIN`` the
    skip's logarithm is unsafe, so every row uses the mask, which is exact for any p. Short
    geometric rows also get their cut-off table (:func:`_skip_table`).
    """
    pbits = np.uint64(min(int(p * 2.0**64), 2**64 - 1))
    none = np.zeros(0, dtype=np.uint64)
    if p >= 1.0:
        return Trials(pbits, True, -math.inf, 0, _NEVER, none)
    if p < _P_SKIP_MIN:
        return Trials(pbits, False, -math.inf, 0, _NEVER, none)
    mask_from = max(1, math.ceil(_MASK_DP / p))
    mask_below = _NEVER if p >= _MASK_LONG_P else 65
    log1mp = math.log1p(-p)
    geo_rows = mask_from > 1 or mask_below < _NEVER
    skip_at = _skip_table(log1mp, _SKIP_ROWS) if geo_rows else none
    return Trials(pbits, False, log1mp, mask_from, mask_below, skip_at)
