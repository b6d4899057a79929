"""Finding the accounts that have a code, eight accounts at a time.

Several of a day's scans read a one-byte code per account (how an account follows the brand,
``NONE`` = 0 where it does not) to list or count the few accounts that have one. They read the
codes as 8-byte words: a word of zeros holds no follower and is passed over in one comparison,
and inside a word that holds some, each follower's byte is found directly by counting the
word's trailing zero bits (one processor instruction) instead of testing the eight bytes in
turn. At 100,000 accounts with a few thousand followers a list takes about a third of the time
the byte-by-byte test of each non-zero word took.

The words are taken eight at a time (64 accounts, one cache line): a block whose words are all
zero is passed over with one test of their OR, which the compiler does without a branch per
word. On made-up codes at 100,000 accounts, cache warm, this halves a scan when 1.5% are
followers (about 9 us against 17 us) and makes it four times faster at 5%, because a branch per
word mispredicts about as often as a word holds a follower; in a run, where the codes are read
cold after each post, the read from memory dominates and the gain is small.

Usage, in a compiled loop over ``words = codes[: 8 * n_words].view(np.uint64)``, the last
``len(codes) % 8`` codes as one more word (:func:`tail_word`), ``n_blocks = n_words // 8``::

    for b in range(n_blocks + 1):
        if empty_block(words, b, n_blocks):
            continue
        for w in range(8 * b, min(8 * b + 8, n_words + 1)):
            x = words[w] if w < n_words else tail_word(codes)
            while x != 0:
                i = 8 * w + lowest_byte(x)  # ascending within the word
                ...
                x = without_lowest_byte(x)
"""

from __future__ import annotations

import sys

import numpy as np
from numba import njit

from sim.base.accounts import REAL


@njit(inline="always", cache=True)
def trailing_zeros_loop(x):
    """Zero bits below the lowest set bit of the 64-bit ``x`` (not 0), bit by bit."""
    n = 0
    while (x >> np.uint64(n)) & np.uint64(1) == 0:
        n += 1
    return n


@njit(inline="always", cache=True)
def leading_zeros_loop(x):
    """Zero bits above the highest set bit of the 64-bit ``x`` (not 0), bit by bit."""
    n = 0
    while (x << np.uint64(n)) >> np.uint64(63) == 0:
        n += 1
    return n


try:  # numba's intrinsics: LLVM's count of trailing (leading) zero bits, one instruction
    from numba.cpython.unsafe.numbers import leading_zeros, trailing_zeros
except ImportError:  # pragma: no cover - a numba that moved them: the same counts, slower
    trailing_zeros, leading_zeros = trailing_zeros_loop, leading_zeros_loop


# In memory order the first byte of a word is its least significant on a little-endian machine
# and its most significant on a big-endian one.
LITTLE = sys.byteorder == "little"
_BYTE = np.uint64(0xFF)


@njit(inline="always", cache=True)
def lowest_byte(x):
    """Position in memory (0-7) of the first non-zero byte of the 8-byte word ``x`` (not 0)."""
    if LITTLE:
        return trailing_zeros(x) >> 3
    return leading_zeros(x) >> 3


@njit(inline="always", cache=True)
def without_lowest_byte(x):
    """``x`` with the byte :func:`lowest_byte` finds set to zero."""
    b = np.uint64(lowest_byte(x))
    if LITTLE:
        return x & ~(_BYTE << (np.uint64(8) * b))
    return x & ~(_BYTE << (np.uint64(56) - np.uint64(8) * b))


@njit(inline="always", cache=True)
def tail_word(codes):
    """The last ``len(codes) % 8`` codes as one 8-byte word in memory order, the rest of it
    zeros (no account): the accounts a scan's whole words leave, read the same way."""
    start = codes.shape[0] // 8 * 8
    buf = np.zeros(8, dtype=np.uint8)
    for j in range(codes.shape[0] - start):
        buf[j] = codes[start + j]
    return buf.view(np.uint64)[0]


@njit(inline="always", cache=True)
def empty_block(words, b, n_blocks):
    """Whether block ``b`` (words ``8b .. 8b+7``) is a whole block of eight zero words: one
    test of their OR. The last block (``b == n_blocks``), the words left over and the tail, is
    never passed over."""
    if b >= n_blocks:
        return False
    w = 8 * b
    return (
        words[w]
        | words[w + 1]
        | words[w + 2]
        | words[w + 3]
        | words[w + 4]
        | words[w + 5]
        | words[w + 6]
        | words[w + 7]
    ) == 0


@njit(inline="always", cache=True)
def is_real(kind, i, lo, hi):
    """Whether account ``i`` is a real person: ``lo <= i < hi`` when the real accounts are the
    ids ``lo .. hi-1`` (``hi >= 0``; see ``sim.engine.audience_arrays.real_span``), which reads
    no memory, else ``kind[i] == REAL``. A scan that lists real followers reads ``kind`` in the
    feed kernel's account records, one cache line an account, which the day's posts have
    pushed out of the cache: at 100,000 accounts that doubled the scan's time."""
    if hi >= 0:
        return lo <= i and i < hi
    return kind[i] == REAL
