"""Where a calibration's simulations run: in this process, or on the sweep engine's executors
(a local pool of forked workers or a Dask cluster), chunk by chunk, runs that share an audience
together. :mod:`sim.studies.calibrate.fit` runs every stage through one :class:`Executor`.
"""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd

from sim.base.i18n import bar_lang, tr

# Simulations a worker takes at once where none share an audience. A task's round trip between
# the processes costs little (about 0.13 ms of processor time, measured, against some 40 ms for a
# simulation), so chunks stay small, and the workers of a stage still finish together.
CHUNK = 4


def run_tasks(fn, tasks: list[tuple], share: bool = False) -> list[tuple[str, Any]]:
    """``fn(*task)`` for each task, in order, in one worker: a chunk of a calibration's
    simulations (:class:`Executor`). With ``share`` the tasks have the same audience inputs
    and seed (:func:`population_key`), so the first run builds the audience's real users and
    the others take copies (:class:`sim.engine.audience.PopulationCache`, dropped with the
    chunk); the results are those of building them each time."""
    if not share:
        return [fn(*t) for t in tasks]
    from sim.engine.audience import PopulationCache

    cache = PopulationCache(entries=1)
    return [fn(*t, populations=cache) for t in tasks]


def run_tasks_packed(fn, tasks: list[tuple], share: bool = False) -> tuple[str, bytes]:
    """:func:`run_tasks` for a Dask cluster, whose results this process takes only as plain
    bytes (:func:`sim.studies.sweep.executors.plain_outcome`: nothing that unpickles): the
    chunk's outcomes as JSON, ``("ok", bytes)``; :func:`unpack` reads them back."""
    import json

    def plain(value):
        if isinstance(value, pd.Timestamp):
            return {"timestamp": value.isoformat()}
        raise TypeError(f"a calibration's simulation returned a {type(value).__name__}")

    return "ok", json.dumps(run_tasks(fn, tasks, share), default=plain).encode()


def unpack(payload: bytes) -> list:
    """The outcomes :func:`run_tasks_packed` packed: the same values (floats to the bit, NaN
    included; times as ``pandas.Timestamp``)."""
    import json

    def hook(d: dict):
        return pd.Timestamp(d["timestamp"]) if d.keys() == {"timestamp"} else d

    return [tuple(outcome) for outcome in json.loads(payload.decode(), object_hook=hook)]


def population_key(scenario, seed: int):
    """What a run's audience of real users depends on: the scenario's population inputs
    (:class:`sim.engine.populations.PopulationInputs`) and the run's seed. Runs with equal
    keys build the very same real users."""
    from sim.engine.populations import PopulationInputs

    return PopulationInputs.of(scenario), int(seed)


def chunks(n: int, keys: list | None = None, size: int = CHUNK) -> list[tuple[list[int], bool]]:
    """The ``n`` tasks cut into chunks for the workers: ``(task indices, share)``, the longest
    first (so the last to finish are short). Tasks with the same key (``keys``; None for none
    alike) make one chunk whose runs share their audience (``share``, :func:`run_tasks`); the
    others go at most ``size`` at a time, in their order."""
    keys = keys if keys is not None else [None] * n
    alike: dict[Any, list[int]] = {}
    for i, k in enumerate(keys):
        if k is not None:
            alike.setdefault(k, []).append(i)
    out: list[tuple[list[int], bool]] = [(ix, True) for ix in alike.values() if len(ix) > 1]
    grouped = {i for ix, _ in out for i in ix}
    single = [i for i in range(n) if i not in grouped]
    out += [(single[j : j + size], False) for j in range(0, len(single), max(1, size))]
    return sorted(out, key=lambda c: (-len(c[0]), c[0][0]))


class Executor:
    """Where a calibration's simulations run, opened once for all its stages.

    One worker and no Dask runs them in this process (no start-up cost); otherwise the sweep
    engine's executors (:func:`sim.studies.sweep.executors.make_pool`: a local process pool or a
    Dask cluster) run them, a bounded window of chunks (:func:`chunks`) at a time. In a
    command's own process (:func:`sim.studies.sweep.processes.own_process`) a local pool forks
    its workers from this process once it is warm, instead of starting and importing each
    afresh. Use as a context manager.
    """

    def __init__(self, workers: int | None = 1, dask: str | None = None):
        self.workers, self.dask, self.pool = workers, dask, None

    def __enter__(self) -> Executor:
        if not ((self.workers or 0) == 1 and not self.dask):
            from sim.studies.sweep.executors import make_pool

            self.pool = make_pool(self.workers, self.dask)
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if self.pool is not None:
            self.pool.close(cancel=kind is not None)
            self.pool = None

    def map(
        self,
        fn,
        tasks,
        progress: bool | str = False,
        desc: str = "simulations",
        keys: list | None = None,
        total: int | None = None,
        meanwhile=None,
    ) -> list[tuple[str, Any]]:
        """``fn(*task)`` for every task; results in the order of the tasks.

        ``tasks`` may be a list or, without ``keys``, an iterator of ``total`` tasks, taken as
        the workers need them (the caller's own work to make each overlaps the runs). Tasks
        whose ``keys`` are equal (:func:`population_key`) run in one worker, one after the
        other, and share their audience's real users; the results are the same without.
        ``meanwhile()``, if given, runs once in this process while the workers take their
        first tasks (with no workers, it is not called: there is no time to spare)."""
        from tqdm import tqdm

        total = len(tasks) if total is None else int(total)
        out: list[tuple[str, Any] | None] = [None] * total
        workers = 1 if self.pool is None else int(getattr(self.pool, "workers", 4) or 4)
        lang = bar_lang(progress)
        said = tr(desc, lang or "en")
        with tqdm(total=total, unit="run", desc=said, disable=lang is None, leave=False) as bar:
            work = self._work(tasks, keys, total, workers)
            if self.pool is None:
                for ix, chunk, share in work:
                    for i, got in zip(ix, run_tasks(fn, chunk, share), strict=True):
                        out[i] = got
                    bar.update(len(ix))
                return out  # type: ignore[return-value]
            pool = self.pool
            window = 2 * workers
            inflight: dict[Any, list[int]] = {}
            from sim.studies.sweep.executors import DaskPool

            # A Dask cluster's results reach this process as bytes only (no pickle).
            packed = isinstance(pool, DaskPool)
            task_fn = run_tasks_packed if packed else run_tasks

            def fill():
                while len(inflight) < window:
                    nxt = next(work, None)
                    if nxt is None:
                        return
                    ix, chunk, share = nxt
                    inflight[pool.submit(task_fn, fn, chunk, share)] = ix

            fill()
            if meanwhile is not None:
                meanwhile()
            while inflight:
                done, _ = pool.wait_any(list(inflight), timeout=1.0)
                for fut in done:
                    ix = inflight.pop(fut)
                    got = pool.outcome(fut)
                    if packed and got[0] == "ok":
                        got = unpack(got[1])
                    if not (isinstance(got, list) and len(got) == len(ix)):
                        # The chunk failed as a whole (an executor's own error): each of its
                        # tasks is reported failed with the executor's reason.
                        why = got[1] if isinstance(got, tuple) and len(got) == 2 else repr(got)
                        got = [("error", why)] * len(ix)
                    for i, g in zip(ix, got, strict=True):
                        out[i] = g
                    bar.update(len(ix))
                fill()
        return out  # type: ignore[return-value]

    @staticmethod
    def _work(tasks, keys, total: int, workers: int):
        """``(task indices, tasks, share)`` chunk after chunk (:func:`chunks`): chunks of at most
        :data:`CHUNK` tasks, smaller where the tasks are few, so that every worker still gets
        some four times over."""
        size = max(1, min(CHUNK, total // (4 * workers)))
        if keys is None:
            it = iter(tasks)
            for start in range(0, total, size):
                chunk = list(itertools.islice(it, size))
                if not chunk:
                    return
                yield list(range(start, start + len(chunk))), chunk, False
            return
        tasks = list(tasks)
        for ix, share in chunks(len(tasks), keys, size):
            yield ix, [tasks[i] for i in ix], share


INLINE = Executor(1)  # in this process; needs no opening
