"""The feed kernel called post after post without numba working out its inputs' types each time.

numba's dispatcher finds the type of every argument on every call, to pick the compiled version
that fits them. The kernel's inputs are named tuples of some forty arrays and thirty numbers:
typing them took 15-30 µs a post (measured by calling the kernel with a post nobody sees), and
handing the post's record back as a new NumPy scalar another 7 µs, where a small audience's
post takes less than that to distribute. Within a run the types never change: the model builds
its graph, accounts, scratch arrays and generator state once and keeps them, and builds each
post's own inputs the same way every time.

:class:`KernelCall` is called as :func:`sim.engine.kernel.distribute_post` is, with the same
results. It runs :func:`sim.engine.kernel.deliver` on a record of its own, and once it has met
a set of argument types it calls the machine code numba compiled for them directly. What
decides an argument's numba type, its *key*, is the class of a named tuple and the Python type
of each field, and for an array its class, dtype, dimensions and the flags numba reads (layout,
writeable, aligned). The key of an input the model keeps from post to post is worked out again
only when the object changes (a named tuple cannot change, nor can an array's dtype, dimensions
or layout), the post's own inputs' keys every call. Arguments whose key it has not met go
through numba's dispatcher, which compiles or loads the version as always; it never compiles a
version of its own, and where the dispatcher would convert an argument to fit an existing version
the key keeps going through the dispatcher.
"""

from __future__ import annotations

import numpy as np

from sim.base.kernel_types import POST_STATS, Delivery
from sim.engine import kernel

# The bits of ``ndarray.flags.num`` that numba's type of an array depends on: C and Fortran
# contiguity (its layout), aligned and writeable (NumPy's NPY_ARRAY_* values).
_TYPED_FLAGS = 0x1 | 0x2 | 0x100 | 0x400


# The entry point for each key met in this process, shared by every model: a short run (a
# calibration's simulations of small audiences) would otherwise spend on finding it (about a
# millisecond) much of what it saves.
_ENTRIES: dict = {}


def _array_key(a: np.ndarray) -> tuple:
    """What decides an array's numba type: its class, dtype, dimensions and typed flags."""
    return (type(a), a.dtype, a.ndim, a.flags.num & _TYPED_FLAGS)


def _key(value) -> tuple:
    """What decides the numba type of ``value``, a named tuple of arrays and numbers or an
    array: its class, and each array's :func:`_array_key` (Python numbers map to one numba type
    each: int to int64, float to float64, bool to boolean)."""
    if isinstance(value, np.ndarray):
        return _array_key(value)
    return (type(value), *[_array_key(v) if isinstance(v, np.ndarray) else type(v) for v in value])


class KernelCall:
    """:func:`sim.engine.kernel.distribute_post`, called through the compiled version's entry
    point once its argument types are known (see the module's description).

    The record it returns is a view of an array of its own, overwritten by its next call: the
    model reads it (and a paid boost adds to it) before its next post.
    """

    def __init__(self):
        self._box = np.zeros(1, dtype=POST_STATS)
        self._zero = self._box.view(np.uint8)  # clears the record in one fill
        self._stats = self._box[0]
        # The last object in each kept-input slot and its key; the entry point of each key.
        self._kept: list = [(None, None)] * 5
        self._last: tuple = (None, None)  # the last call's key and entry point

    def _kept_key(self, slot: int, value) -> tuple:
        obj, key = self._kept[slot]
        if obj is not value:  # holding the object keeps its id from being reused
            key = _key(value)
            self._kept[slot] = (value, key)
        return key

    def __call__(self, graph, acc, n_real, post, targets, feed, ws, state) -> np.void:
        """Distribute one post; arguments and result as for ``distribute_post``."""
        self._zero.fill(0)
        d = Delivery(acc, post, feed, ws, self._stats, state)
        key = (
            self._kept_key(0, graph),
            self._kept_key(1, acc),
            self._kept_key(2, feed),
            self._kept_key(3, ws),
            self._kept_key(4, state),
            type(n_real),
            _key(post),
            _key(targets),
        )
        # Compared with the last key first: equal items are mostly the same objects, so that
        # takes less than hashing the key's dtypes for the dictionary.
        if key != self._last[0]:
            self._last = (key, _ENTRIES.get(key))
        entry = self._last[1]
        if entry is not None:
            entry(graph, n_real, targets, d)
            return self._stats
        kernel.deliver(graph, n_real, targets, d)  # compiles or loads the version, as always
        args = (graph, n_real, targets, d)
        found = kernel.deliver.overloads.get(tuple(kernel.deliver.typeof_pyval(a) for a in args))
        # No version for exactly these types: the dispatcher converted an argument to fit one.
        entry = kernel.deliver if found is None else found.entry_point
        _ENTRIES[key] = entry
        self._last = (key, entry)
        return self._stats
