"""Interest to the 256th: a one-byte copy that settles most "is this account interested?" draws.

A recommendation pool (and a paid boost by interest) shows the post to a candidate with chance
its interest: it draws a uniform ``x`` and accepts if ``x < interest``. Most candidates are
rejected, and on a large audience the float64 ``interest`` sits in the account's 64-byte record
(:data:`sim.base.kernel_types.ACCOUNT_ROW`), a read from memory for each attempt. One byte per
account, ``q = floor(interest * 256)`` (clamped to 0..255), is a table 64 times smaller that
decides the same way for all but one draw in 256:

Let ``k = x >> 11`` be the 53 random bits the uniform is made of, so the uniform is exactly
``k / 2**53``, and ``b = x >> 56`` its top eight bits, so ``b / 256 <= k / 2**53 < (b + 1) / 256``.
Whenever ``q / 256 <= interest <= (q + 1) / 256``:

- if ``b < q``: the uniform is below ``(b + 1) / 256 <= q / 256 <= interest``: accepted;
- if ``b > q``: the uniform is at least ``b / 256 >= (q + 1) / 256 >= interest``: rejected;
- if ``b == q``: the exact comparison with ``interest`` decides, as before.

``interest * 256`` is exact in floating point (a power of two), so for ``0 <= interest < 1`` the
byte ``floor(interest * 256)`` meets the condition. An interest of 1 or more gets 255: ``b > 255``
never happens and ``b < 255`` is then a correct accept. A negative interest (or NaN, which no
uniform is below) gets 0: ``b < 0`` never happens, and ``b > 0`` rejects correctly, as
``interest < 1 / 256``. So every draw takes the same decision as ``unit(x) < interest``, bit for
bit, whatever the interest; only the read differs.
"""

from __future__ import annotations

import numpy as np
from numba import njit, uint64

from sim.base.rng import unit

__all__ = ["BYTE_TEST_MIN_USERS", "interest_bytes", "interested", "sealed", "set_interest"]

BYTE_DTYPE = np.dtype(np.uint8)

# From this many accounts the feed kernel's recommendation pools test interest by its byte
# (``sim.base.kernel_types.accounts`` hands the kernel the bytes; below, an empty array). The
# accounts' 64-byte records then no longer fit in the processor's cache (48 MB on the machine
# measured), and fetching each candidate's record only to reject most of them costs more than
# the byte's table. Measured in one process, the byte test against the exact one
# (``python benchmarks/bench_pool_bytes.py``): kernel time per impression 0.85 and 0.86 times
# at 1,000,000 users (medians of 12 pairs each), 1.10 and 1.12 times at 100,000 users, whose
# records stay cached. Either way the draws and the decisions are the same.
BYTE_TEST_MIN_USERS = 500_000


@njit(cache=True)
def _fill(interest, out):
    for i in range(interest.shape[0]):
        v = interest[i]
        if v >= 1.0:
            out[i] = 255
        elif v > 0.0:
            out[i] = np.uint8(v * 256.0)  # exact product; truncation is the floor here
        else:  # 0, negative or NaN: see the module docstring
            out[i] = 0


def interest_bytes(interest: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Each account's ``floor(interest * 256)``, clamped to 0..255, as uint8 (shape of
    ``interest``), written into ``out`` if given."""
    if out is None:
        out = np.empty(interest.shape[0], dtype=BYTE_DTYPE)
    _fill(interest, out)
    return out


@njit(inline="always", cache=True)
def interested(x, q, interest, u):
    """``unit(x) < interest[u]``, decided by the byte ``q`` (``interest_bytes`` of
    ``interest[u]``) unless the draw's top byte equals it: then ``interest[u]`` is read."""
    b = x >> uint64(56)
    if b != q:
        return b < q
    return unit(x) < interest[u]


def sealed(owner) -> np.ndarray:
    """``owner.interest_byte``, the bytes of ``owner.interest``, current when this returns.

    ``owner`` (an :class:`sim.engine.audience.Audience`, or any object with an ``interest``
    array) keeps the bytes as ``owner.interest_byte``, and its ``interest`` array is made
    read-only, so no write can leave the bytes behind: a change goes through :func:`set_interest`.
    A writeable ``interest`` (a fresh array, or the views a copy of an audience rebuilds) may
    have changed since the bytes were made, so they are made again from it.
    """
    interest = owner.interest
    q = getattr(owner, "interest_byte", None)
    if q is None or q.shape != interest.shape or interest.flags.writeable:
        q = interest_bytes(interest)
        owner.interest_byte = q
        interest.flags.writeable = False
    return q


def set_interest(owner, ids, values) -> None:
    """``owner.interest[ids] = values``, its bytes (:func:`sealed`) kept in step."""
    interest = owner.interest
    if interest.flags.writeable:  # not sealed yet: the bytes are made when it is
        interest[ids] = values
        return
    interest.flags.writeable = True
    try:
        interest[ids] = values
    finally:
        interest.flags.writeable = False
    ids = np.arange(interest.shape[0])[ids]  # any index numpy takes (mask, slice, list)
    owner.interest_byte[ids] = interest_bytes(interest[ids])
