"""Refusing executable data from a Dask cluster in this process.

A sweep on someone else's machines receives what the workers send. Asking the client for plain
data (``deserializers=["msgpack"]``) is not enough: Dask's protocol unpickles some frames
whatever that setting says (a ``__Pickled__`` frame, a task's error and its traceback, the type
of a finished result, a ``warn`` event). :func:`refuse_pickle` closes those doors for as long as
a sweep talks to the cluster: every loader Dask's modules hold -- ``pickle.loads`` of
``distributed.protocol.pickle`` and every module-level alias of it, the standard ``pickle`` and
``cloudpickle`` modules as Dask's modules see them, every deserialiser family but msgpack, and
the client's ``warn`` event handler -- is swapped for one that reads nothing (it raises
:class:`ExecutableDataRefused`, or, inside a message, leaves one in the data's place), and
everything is put back on exit.

The swap is process-wide, so it is only for a client whose scheduler runs elsewhere: a
LocalCluster's scheduler lives in this process and must unpickle the tasks it is given.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import types

REFUSED = (
    "a worker sent executable data; refused: the cluster answered with pickled data "
    "(which runs code when read) instead of plain data, and it was not read "
    "(--dask-trust-workers allows it, for a cluster entirely your own)\n"
)


REFUSED_ERROR = (
    "a worker sent executable data; refused: the run failed on the cluster and its "
    "error came as pickled data (which runs code when read), so it was not read; "
    "the worker may have died or run out of memory, or be hostile "
    "(--dask-trust-workers reads it, for a cluster entirely your own)\n"
)


class ExecutableDataRefused(TypeError):
    """Pickled data from the cluster that this process refused to read.

    A TypeError because that is what Dask's own callers expect of a loader that cannot read
    its input (a task's traceback, for one, is read under ``except TypeError``): they then go on
    without it instead of stopping the client's message loop."""

    def __init__(self, what: str = "pickled data"):
        super().__init__(
            f"{what} from the Dask cluster refused: a worker sent executable data; refused"
        )


class MsgpackOnly(list):
    """The client's ``deserializers``: msgpack, which is what the cluster is asked to send.

    A message's parts packed otherwise (a task's error is plain bytes under the "dask"
    serializer) are let through to the guard's families, which read plain bytes and nothing
    else, instead of being refused by Dask with an error that would stop the client reading
    the scheduler's messages."""

    def __init__(self):
        super().__init__(["msgpack"])

    def __contains__(self, name) -> bool:
        return refusing() or name == "msgpack"


def _refuse(*args, **kwargs):
    raise ExecutableDataRefused()


class _Refusing:
    """Stands for the standard ``pickle`` (or ``cloudpickle``) module inside Dask's modules:
    writing pickles works as before, every way of reading one is refused."""

    def __init__(self, module: types.ModuleType):
        self._module = module

    def __getattr__(self, name):
        if name in ("loads", "load", "Unpickler", "_loads", "_load", "_Unpickler"):
            return _Refusing._refuse_class if name.endswith("Unpickler") else _refuse
        return getattr(self._module, name)

    class _refuse_class:
        def __init__(self, *args, **kwargs):
            raise ExecutableDataRefused()


_lock = threading.Lock()
_depth = 0
_undo: list = []


def _install() -> list:
    """Swap every loader; returns the ``(namespace, name, original)`` to put back."""
    import importlib
    import pickle

    import cloudpickle

    # By module name: ``distributed.protocol.serialize`` is also a function's name there.
    dpickle = importlib.import_module("distributed.protocol.pickle")
    dser = importlib.import_module("distributed.protocol.serialize")

    loaders = {
        id(f)
        for f in (
            pickle.loads,
            pickle.load,
            pickle.Unpickler,
            cloudpickle.loads,
            cloudpickle.load,
            dpickle.loads,
        )
    }
    proxies = {id(pickle): _Refusing(pickle), id(cloudpickle): _Refusing(cloudpickle)}
    undo: list = []

    def swap(namespace: dict, name: str, new) -> None:
        undo.append((namespace, name, namespace[name]))
        namespace[name] = new

    swap(vars(dpickle), "loads", _refuse)  # reached as ``pickle.loads`` by serialize, core, ...
    for modname, module in list(sys.modules.items()):
        if not (
            modname.split(".", 1)[0] in ("distributed", "dask")
            and isinstance(module, types.ModuleType)
        ):
            continue
        namespace = vars(module)
        for name, value in list(namespace.items()):
            if id(value) in loaders:  # e.g. ``from distributed.protocol.pickle import loads``
                swap(namespace, name, _refuse)
            elif id(value) in proxies:  # e.g. ``import pickle`` in distributed.client
                swap(namespace, name, proxies[id(value)])
    # What arrives inside a message is put in its place as a refusal, not raised: raising
    # there would stop the client reading the scheduler's messages (a task's error comes that
    # way), and the sweep would wait for ever. The sweep then sees the refusal as the result.
    swap(vars(sys.modules["distributed.protocol.core"]), "pickle", _Placeholding(dpickle))
    swap(vars(dser), "families", _Families(dser.families))
    client = sys.modules.get("distributed.client")
    if client is not None and hasattr(client, "clean_exception"):
        swap(vars(client), "clean_exception", _clean_exception(client.clean_exception))
    handlers = getattr(getattr(client, "Client", None), "_default_event_handlers", None)
    if isinstance(handlers, dict) and "warn" in handlers:
        # A worker's "warn" event carries a pickled message; a client made now subscribes
        # with this instead, which reads none of it (Dask's would raise, and log a traceback).
        swap(handlers, "warn", _unread_warning)
    return undo


def _unread_warning(event) -> None:
    print(
        "feedsim: a warning from the Dask cluster was not read (it came as pickled data)",
        file=sys.stderr,
        flush=True,
    )


class _Placeholding:
    """Stands for ``distributed.protocol.pickle`` inside ``distributed.protocol.core``: a
    ``__Pickled__`` frame reads as an :class:`ExecutableDataRefused`, unread."""

    def __init__(self, module: types.ModuleType):
        self._module = module

    def __getattr__(self, name):
        if name == "loads":
            return lambda *a, **k: ExecutableDataRefused("a __Pickled__ frame")
        return getattr(self._module, name)


def _family_refusal(name: str):
    def loads(header, frames):
        if (
            name == "dask"
            and isinstance(header, dict)
            and header.get("type") in ("bytes", "bytearray")
            and not header.get("sub-header")
        ):
            # Plain bytes (how a task's error travels, itself read later, or refused, as a
            # pickle): rebuilt from the frames without reading the pickled type beside them.
            data = b"".join(bytes(f) for f in frames)
            return bytearray(data) if header["type"] == "bytearray" else data
        return ExecutableDataRefused(f"data serialized with {name!r}")

    return loads


class _Families(dict):
    """Dask's deserialiser families, each but msgpack reading as a refusal (any name, also
    one no family has)."""

    def __init__(self, original: dict):
        super().__init__(
            {
                name: (dumps, _family_refusal(name), ctx)
                if name != "msgpack"
                else (dumps, loads, ctx)
                for name, (dumps, loads, ctx) in original.items()
            }
        )

    def __missing__(self, name):
        return (None, _family_refusal(str(name)), False)


def _clean_exception(original):
    """Dask's ``clean_exception`` with a refused traceback read as none."""

    def clean_exception(exception=None, traceback=None, **kwargs):
        if isinstance(traceback, ExecutableDataRefused):
            traceback = None
        return original(exception, traceback, **kwargs)

    return clean_exception


@contextlib.contextmanager
def refuse_pickle():
    """While inside, Dask's protocol in this process reads no pickle (see the module's text).

    Nested or concurrent uses share one swap, undone when the last one leaves."""
    global _depth, _undo
    with _lock:
        if _depth == 0:
            _undo = _install()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for namespace, name, original in reversed(_undo):
                    namespace[name] = original
                _undo = []
                _unstray()


def _unstray() -> None:
    """A Dask module first imported while the guard was in force took the refusal as its
    ``loads`` (``from distributed.protocol.pickle import loads``): give it the real one."""
    loads = sys.modules["distributed.protocol.pickle"].loads
    for modname, module in list(sys.modules.items()):
        if modname.split(".", 1)[0] in ("distributed", "dask") and isinstance(
            module, types.ModuleType
        ):
            namespace = vars(module)
            for name, value in list(namespace.items()):
                if value is _refuse:
                    namespace[name] = loads


def refusing() -> bool:
    """Whether :func:`refuse_pickle` is in force now."""
    return _depth > 0


def refusal(exc: BaseException) -> str | None:
    """Why a failed Dask task's exception is a refusal (the text for its failed run), or None.

    A refusal is the guard's own exception (itself or as the cause of another), or the form
    Dask gives an error whose pickled bytes it could not read (``Exception(b"...")``) while the
    guard is in force: then what failed on the cluster is not known."""
    seen, hops = exc, 0
    while seen is not None and hops < 8:
        if isinstance(seen, ExecutableDataRefused):
            return REFUSED
        seen, hops = seen.__cause__ or seen.__context__, hops + 1
    if (
        refusing()
        and type(exc) is Exception
        and len(exc.args) == 1
        and isinstance(exc.args[0], (bytes, bytearray, memoryview))
    ):
        return REFUSED_ERROR
    return None
