"""The guard a sweep puts on Dask's protocol while it talks to someone else's cluster: no
message shape that carries a pickle is unpickled, and everything is put back afterwards.

The messages are made with Dask's own encoder, as a worker would; the cluster test
(tests/integration/test_dask_cluster.py) sends them from a real hostile worker."""

from __future__ import annotations

import pickle

import pytest

pytest.importorskip("distributed")

from distributed.protocol import dumps, loads  # noqa: E402
from distributed.protocol.serialize import Pickled, Serialized, ToPickle  # noqa: E402

from sim.studies.sweep.executors import plain_outcome  # noqa: E402
from sim.studies.sweep.untrusted import (  # noqa: E402
    REFUSED,
    REFUSED_ERROR,
    ExecutableDataRefused,
    MsgpackOnly,
    refusal,
    refuse_pickle,
    refusing,
)

RAN: list[str] = []


def _ran(what: str) -> None:
    RAN.append(what)


class _Crafted:
    """Unpickling it calls a function of this module: proof that code ran."""

    def __reduce__(self):
        return (_ran, ("unpickled",))


CRAFTED = pickle.dumps(_Crafted())


@pytest.fixture(autouse=True)
def _clean():
    RAN.clear()
    yield
    RAN.clear()


def _messages():
    """Each shape of message a worker (through the scheduler) can send that holds a pickle."""
    return {
        "relayed __Pickled__": dumps({"data": Pickled({"pickled-obj": CRAFTED}, [])}),
        "ToPickle": dumps({"data": ToPickle(_Crafted())}),
        "pickle serializer": dumps(
            {"data": Serialized({"serializer": "pickle", "writeable": ()}, [CRAFTED])}
        ),
        "dask serializer": dumps(
            {
                "data": Serialized(
                    {
                        "serializer": "dask",
                        "type": "x",
                        "type-serialized": CRAFTED,
                        "sub-header": {},
                    },
                    [],
                )
            }
        ),
        "unknown serializer": dumps({"data": Serialized({"serializer": "cloudpickle"}, [CRAFTED])}),
    }


def test_without_the_guard_the_messages_do_run_code():
    """The shapes below are real: read the way a trusting client reads them, they run code."""
    for name in ("relayed __Pickled__", "ToPickle", "pickle serializer"):
        RAN.clear()
        loads(_messages()[name])
        assert RAN == ["unpickled"], name


def test_under_the_guard_no_message_runs_code_and_each_part_reads_as_a_refusal():
    msgs = _messages()
    with refuse_pickle():
        assert refusing()
        for name, frames in msgs.items():
            msg = loads(frames, deserializers=MsgpackOnly())
            assert isinstance(msg["data"], ExecutableDataRefused), name
    assert RAN == []
    assert not refusing()


def test_every_loader_dask_holds_refuses_and_is_put_back():
    import distributed.client as client
    import distributed.core as core
    import distributed.protocol.pickle as dpickle

    before = (
        dpickle.loads,
        client.loads,
        client.pickle,
        client.clean_exception,
        client.Client._default_event_handlers["warn"],
    )
    with refuse_pickle():
        # A worker's "warn" event: its pickled message is not read.
        client.Client._default_event_handlers["warn"]({"message": CRAFTED, "category": CRAFTED})
        for load in (dpickle.loads, client.loads, client.pickle.loads, client.pickle.load):
            with pytest.raises(ExecutableDataRefused):
                load(CRAFTED)
        with pytest.raises(ExecutableDataRefused):
            client.pickle.Unpickler(None)
        assert client.pickle.dumps(3) == pickle.dumps(3)  # writing is untouched
        # A task's error arrives as pickled bytes: it becomes an exception holding the bytes.
        _, exc, tb = core.clean_exception(CRAFTED, CRAFTED)
        assert type(exc) is Exception and exc.args == (CRAFTED,) and tb is None
        # Nested: one swap, undone when the last leaves.
        with refuse_pickle():
            pass
        assert refusing()
    assert RAN == []
    assert (
        dpickle.loads,
        client.loads,
        client.pickle,
        client.clean_exception,
        client.Client._default_event_handlers["warn"],
    ) == before
    assert dpickle.loads(pickle.dumps([1, 2])) == [1, 2]


def test_plain_bytes_still_read_and_msgpack_data_too():
    """A task's error travels as plain bytes under the "dask" serializer; run results as
    msgpack. Both read as data under the guard (the bytes are not unpickled)."""
    from distributed.protocol import to_serialize

    frames = dumps({"e": to_serialize(CRAFTED), "r": ("ok", b"\x00parquet")})
    with refuse_pickle():
        msg = loads(frames, deserializers=MsgpackOnly())
    assert msg == {"e": CRAFTED, "r": ("ok", b"\x00parquet")}
    assert RAN == []


def test_a_refusal_is_a_failed_run_with_the_reason():
    for result in (
        ExecutableDataRefused(),
        ("ok", ExecutableDataRefused()),
        (ExecutableDataRefused(), b"x"),
    ):
        assert plain_outcome(result) == ("error", REFUSED)
    assert "a worker sent executable data; refused" in REFUSED
    assert plain_outcome(("ok", b"x")) == ("ok", b"x")


def test_a_refused_error_is_told_apart_from_other_failures():
    with refuse_pickle():
        assert refusal(ExecutableDataRefused()) == REFUSED
        wrapped = RuntimeError("gather failed")
        wrapped.__cause__ = ExecutableDataRefused()
        assert refusal(wrapped) == REFUSED
        assert refusal(Exception(CRAFTED)) == REFUSED_ERROR  # Dask's form of an unread error
        assert refusal(Exception("a worker died")) is None
        assert refusal(OSError("connection lost")) is None
    assert refusal(Exception(CRAFTED)) is None  # without the guard it is not a refusal


def test_a_dask_module_imported_under_the_guard_gets_the_real_loader_back():
    import sys
    import types

    import distributed.protocol.pickle as dpickle

    late = types.ModuleType("distributed._feedsim_test_late")
    sys.modules[late.__name__] = late
    try:
        with refuse_pickle():
            exec("from distributed.protocol.pickle import loads", vars(late))
            with pytest.raises(ExecutableDataRefused):
                late.loads(CRAFTED)
        assert late.loads is dpickle.loads
    finally:
        sys.modules.pop(late.__name__, None)
