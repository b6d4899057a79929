"""A cache hint for the numba kernels: ``prefetch(arr, i)`` asks the CPU to fetch ``arr[i]``.

Building a follow graph of millions of users is bound by cache misses: each follow reads a
random row of the popularity tables and bumps a random counter, and each edge lands in a random
row of the CSR. Where the next addresses are known some steps ahead, a hint lets those misses
overlap instead of waiting on each in turn. A hint never changes a result; an address that
turns out wrong only wastes the fetch. No bounds check: pass an index inside the array.
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


def _hint(write: int):
    def hint(typingctx, arr, idx):
        sig = types.void(arr, idx)

        def codegen(context, builder, signature, args):
            aryty = signature.args[0]
            ary = context.make_array(aryty)(context, builder, args[0])
            # As a word: a strided array (a field of records) multiplies it by its stride.
            idx = context.cast(builder, args[1], signature.args[1], types.intp)
            ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [idx], wraparound=False)
            i8p = ir.IntType(8).as_pointer()
            i32 = ir.IntType(32)
            fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
            fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0i8")
            # (address, read 0 / write 1, locality 3: keep in every cache level, data cache)
            builder.call(fn, [builder.bitcast(ptr, i8p), i32(write), i32(3), i32(1)])
            return context.get_dummy_value()

        return sig, codegen

    return hint


prefetch = intrinsic(_hint(0))
prefetch.__doc__ = "Hint that ``arr[idx]`` (1-D) will be read soon."
prefetch_write = intrinsic(_hint(1))
prefetch_write.__doc__ = "Hint that ``arr[idx]`` (1-D) will be written soon."
