"""Sweep executors: a local process pool or a Dask cluster, behind one small interface.

An executor has ``submit(fn, *args)`` -> future, ``wait_any(futures, timeout)`` -> (done, pending),
``outcome(future)`` -> ``(status, payload)``, ``warm()``, ``close(cancel=False)``, a ``label`` and
(local pool) ``workers``. Both executors return the same outcome for the same run, so a sweep's
tables never depend on where it ran. Workers are warmed once each (engine imported, compiled
kernels loaded) before they take runs.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time

from sim.scenario import resolve
from sim.studies.sweep import processes
from sim.studies.sweep.processes import fork_safe, layer_survives_fork
from sim.studies.sweep.spec import SweepError
from sim.studies.sweep.untrusted import REFUSED, ExecutableDataRefused, refusal


def _worker_init(
    parent: int | None = None, populations: str | None = None, warm: bool = True
) -> None:
    """Runs once in each local worker process: leave Ctrl-C to the parent, exit with it (the
    sweep's process id ``parent``), load numba's cache and what packs a run (``warm``; a
    worker forked from a warm sweep has them already), and take the audiences' real users from
    the pool's folder of populations (``populations``; see
    :class:`sim.engine.audience.PopulationFolder`) when one is given.

    Then the worker's heap is frozen: the process is the sweep's own, and what the warm-up
    imported (numba's registries above all) lives as long as it does, so every later garbage
    collection would walk it for nothing (5-10% of a small run's time)."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent)
    share_populations(None)  # a forked worker starts with its parent's setting
    if populations is not None:
        from sim.engine.audience import PopulationFolder

        share_populations(PopulationFolder(populations))
    if warm:
        _warm()
    gc.freeze()


# Where this process's runs take populations already built (see sim.engine.audience): set in a
# local pool's workers (``share_populations``), None elsewhere (every run builds its own).
_POPULATIONS = None


def share_populations(store) -> None:
    """Let this process's runs take their audiences' real users from ``store`` (a
    :class:`sim.engine.audience.PopulationFolder` or ``PopulationCache``; None: build each time)."""
    global _POPULATIONS
    _POPULATIONS = store


def shared_populations():
    """The store :func:`share_populations` set in this process (None: none)."""
    return _POPULATIONS


def watch_parent(parent: int | None = None, interval: float = 0.5) -> None:
    """Exit this process as soon as its parent (process id ``parent``, default the current
    one) is gone, killed with SIGKILL, which no handler sees: a watcher thread notices the
    process being handed to a new parent. Without it a killed sweep's workers would wait for
    work forever, each holding its memory. The sweep passes its own id, so a worker that only
    got here after the sweep died exits too."""
    import threading

    parent = os.getppid() if parent is None else parent

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(interval)

    threading.Thread(target=watch, name="feedsim-parent-watch", daemon=True).start()


_warmed = False


def _warm() -> None:
    """Run and pack a tiny scenario, as a sweep's task does, so the compiled kernels and the
    run file's writer (pyarrow, which imports pandas) are loaded before the first real run;
    once per process."""
    global _warmed
    if _warmed:
        return
    from sim.engine.runner import run
    from sim.studies.sweep.store import run_file_bytes

    result = run(
        resolve(
            {"days": 2, "audience": {"users": 200}, "brand": {"initial_followers": 10}},
            source="warm-up",
        ),
        seed=0,
    )
    run_file_bytes(result, 0, {"point": "warm-up", "point_index": 0, "values": {}})
    _warmed = True


class LocalPool:
    """A local process pool (one process per core by default).

    Processes are reused across runs. Each is started afresh (spawn) and warmed once (engine
    imported, numba cache loaded), or, where :func:`fork_safe` allows (``start=None``, the
    default) or ``start="fork"`` asks (the caller's word that no other thread of this process
    holds anything), this process warms once and forks its workers, which then start ready.
    The workers share the audiences' real users through a private temporary folder
    (:class:`sim.engine.audience.PopulationFolder`), removed when the pool closes: runs that
    differ only in what the audience does not depend on (the arms of a comparison, most points
    of a sensitivity design) build each population once, whichever worker runs them.
    """

    def __init__(self, workers: int | None = None, start: str | None = None):
        import multiprocessing as mp
        import tempfile
        from concurrent.futures import ProcessPoolExecutor

        self.workers = int(workers or os.cpu_count() or 1)
        if self.workers < 1:
            raise SweepError(f"--workers must be at least 1; got {workers}")
        if start not in (None, "fork", "spawn"):
            raise SweepError(f"a local pool starts its workers by fork or spawn, not {start!r}")
        self.start = start or ("fork" if fork_safe() else "spawn")
        if self.start == "fork" and not layer_survives_fork():
            raise SweepError(
                "cannot fork the workers: this process has run numba's parallel code on a "
                "threading layer that does not survive a fork (GNU OpenMP); start them with "
                'start="spawn", or set NUMBA_THREADING_LAYER=workqueue before it runs'
            )
        if self.start == "fork":
            import gc

            # A process that ends with its command: nothing made so far is garbage.
            own = processes.is_own()
            if own:
                # As `feedsim run` does: numba started, then what the imports made frozen, so
                # the warm-up's collections no longer walk numba's registries (sim.base.jit).
                from sim.base import jit

                jit.start()
                gc.freeze()
            _warm()  # once, here: every worker forked after it starts warm
            if own:
                gc.freeze()  # so what the workers share stays unwritten by their collections
        try:
            self._populations = tempfile.mkdtemp(prefix="feedsim-populations-")
        except OSError:  # no writable temporary folder: every run builds its own
            self._populations = None
        self._ex = ProcessPoolExecutor(
            self.workers,
            mp_context=mp.get_context(self.start),
            initializer=_worker_init,
            initargs=(os.getpid(), self._populations, self.start == "spawn"),
        )
        if self.start == "fork":
            # Forked now, while this process runs no thread but its own (a progress bar's
            # would be copied half-way through whatever it holds): the first task forks every
            # worker at once, and they start warm, so none needs a task that keeps it busy
            # until all have started (``warm``: 50 ms before the first run).
            import concurrent.futures as cf

            cf.wait([self._ex.submit(os.getpid) for _ in range(self.workers)])
        self.label = f"local pool, {self.workers} worker{'s' * (self.workers > 1)}"

    def warm(self) -> None:
        """Start every worker now (the initializer warms it) and wait until all are ready."""
        import concurrent.futures as cf

        cf.wait([self._ex.submit(time.sleep, 0.05) for _ in range(self.workers)])

    def submit(self, fn, *args):
        """Run ``fn(*args)`` in a worker; returns its future."""
        return self._ex.submit(fn, *args)

    @staticmethod
    def wait_any(futures, timeout: float | None = None):
        """``(done, not done)`` once any future is done, or after ``timeout`` seconds."""
        import concurrent.futures as cf

        return cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)

    @staticmethod
    def outcome(fut):
        """What the run returned: ``(status, payload)`` (see
        :func:`sim.studies.sweep.run.run_one`)."""
        return fut.result()

    def close(self, cancel: bool = False) -> None:
        """Stop the workers; ``cancel`` drops runs not yet started."""
        import shutil

        self._ex.shutdown(wait=True, cancel_futures=cancel)
        if self._populations is not None:
            shutil.rmtree(self._populations, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)


class InProcess:
    """One worker: this very process, running each run when it is submitted (the executor
    interface of :class:`LocalPool`). For a study given one worker in a process that is a
    command's own (:func:`own_process`): a pool of one would cost a process started, imported
    and warmed for nothing, and every run file would cross between processes. Runs with the
    same audience take its real users from a cache in this process
    (:class:`sim.engine.audience.PopulationCache`), held while the executor is open. The runs,
    and so the study's tables, are those of a pool.
    """

    workers = 1
    window = 1  # each run saved (and shown) before the next starts
    label = "this process"

    def __init__(self):
        from sim.engine.audience import PopulationCache

        self._before = shared_populations()
        share_populations(PopulationCache())

    def warm(self) -> None:
        """Load the compiled kernels and the run file's writer now."""
        _warm()

    @staticmethod
    def submit(fn, *args):
        """Run ``fn(*args)`` now; returns its (finished) future."""
        from concurrent.futures import Future

        fut = Future()
        fut.set_result(fn(*args))
        return fut

    @staticmethod
    def wait_any(futures, timeout: float | None = None):
        """Every future is done when it is returned."""
        return set(futures), set()

    @staticmethod
    def outcome(fut):
        """What the run returned (see :func:`sim.studies.sweep.run.run_one`)."""
        return fut.result()

    def close(self, cancel: bool = False) -> None:
        """Drop the cached populations."""
        share_populations(self._before)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)


class DaskPool:
    """A Dask ``distributed`` cluster: an existing scheduler address, or ``"local"`` to start a
    LocalCluster of single-threaded worker processes. Workers need feedsim installed; they need
    no access to the sweep folder (results come back to this process, which writes them).

    What comes back is plain data (a status word and the run file's bytes, or a traceback's
    text), decoded without pickle: a worker that returns anything else, for instance a crafted
    object whose unpickling would run code here, gets its run recorded as failed. Only
    ``trust_workers=True`` (``--dask-trust-workers``) lets the client unpickle, for clusters
    that are entirely the user's own.

    Args:
        address: ``tcp://host:8786``, ``tls://host:8786`` or ``"local"``.
        workers: worker processes of a LocalCluster.
        security: a ``distributed.Security`` (TLS certificates) for the scheduler; by default
            Dask's own configuration (``distributed.comm.tls.*``, e.g. the environment
            variables ``DASK_DISTRIBUTED__COMM__TLS__CA_FILE``, ``..._CLIENT__CERT``,
            ``..._CLIENT__KEY``) applies.
        trust_workers: allow results to be unpickled.
    """

    def __init__(
        self,
        address: str = "local",
        workers: int | None = None,
        security=None,
        trust_workers: bool = False,
    ):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SweepError(
                "--dask needs the `distributed` package: pip install 'feedsim[distributed]'"
            ) from None
        self._cluster = None
        # Plain data only: msgpack carries the status and the bytes; pickle is refused.
        deserializers = None if trust_workers else ["msgpack"]
        if not trust_workers and address != "local":
            from sim.studies.sweep.untrusted import MsgpackOnly

            deserializers = MsgpackOnly()
        self._quiet = _quiet_refusals() if not trust_workers else None
        # And the pickle Dask reads whatever ``deserializers`` says (a relayed __Pickled__
        # frame, a task's error, a result's type) is refused for as long as the pool is open.
        # Not for a LocalCluster: its scheduler runs in this process and unpickles the tasks;
        # its workers are this process's own children on this machine.
        self._guard = contextlib.ExitStack()
        if not trust_workers and address != "local":
            from sim.studies.sweep.untrusted import refuse_pickle

            self._guard.enter_context(refuse_pickle())
        if address == "local":
            n = int(workers or os.cpu_count() or 1)
            self._cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self._client = Client(self._cluster, deserializers=deserializers)
            self.label = f"Dask LocalCluster, {n} worker{'s' * (n > 1)}"
        else:
            extra = {"security": security} if security is not None else {}
            try:
                self._client = Client(address, timeout="20s", deserializers=deserializers, **extra)
            except (OSError, TimeoutError, ValueError, TypeError) as exc:
                self._guard.close()
                if isinstance(exc, ExecutableDataRefused):
                    raise SweepError(
                        f"--dask {address}: the scheduler answered with pickled "
                        "data, refused (a worker sent executable data; refused); "
                        "--dask-trust-workers allows it for a cluster entirely "
                        "your own"
                    ) from None
                raise SweepError(
                    f"--dask {address}: cannot reach the scheduler: {exc}; for a "
                    "tls:// address give --dask-tls-ca, --dask-tls-cert and "
                    "--dask-tls-key (or Dask's TLS configuration)"
                ) from None
            except BaseException:
                self._guard.close()
                raise
            n = len(self._client.scheduler_info().get("workers", {}))
            self.label = f"Dask cluster at {address}, {n} workers"
        self._counter = itertools.count()

    def warm(self) -> None:
        """Warm every worker of the cluster now."""
        self._client.run(_warm)

    def submit(self, fn, *args):
        """Run ``fn(*args)`` on the cluster; returns its future."""
        # Unique keys: a rerun of the same run is a new task, never a cached result.
        return self._client.submit(
            fn,
            *args,
            pure=False,
            key=f"feedsim-run-{next(self._counter)}-{os.getpid()}-{time.time_ns()}",
        )

    @staticmethod
    def wait_any(futures, timeout: float | None = None):
        """``(done, not done)`` once any future is done, or after ``timeout`` seconds."""
        from distributed import wait

        try:
            return wait(list(futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            done = {f for f in futures if f.done()}
            return done, set(futures) - done

    @staticmethod
    def outcome(fut):
        """What the run returned, or ``("error", text)`` if the task itself failed or returned
        anything but ``("ok", bytes)`` / ``("error", text)``."""
        try:
            result = fut.result()
        except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: a worker died on this run
            why = refusal(exc)
            if why is not None:
                return "error", why
            return "error", f"the Dask task failed: {type(exc).__name__}: {exc}\n"
        return plain_outcome(result)

    def close(self, cancel: bool = False) -> None:
        """Disconnect, and stop the LocalCluster if this pool started one."""
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
        self._guard.close()
        if self._quiet is not None:
            self._quiet()
            self._quiet = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)


def plain_outcome(result) -> tuple[str, bytes | str]:
    """A run's outcome if it has the shape :func:`sim.studies.sweep.run.run_one` returns, else an
    ``("error", why)`` that says what came back instead."""
    if isinstance(result, (tuple, list)) and len(result) == 2:
        status, payload = result
        if isinstance(status, ExecutableDataRefused) or isinstance(payload, ExecutableDataRefused):
            return "error", REFUSED
        if status == "ok" and isinstance(payload, bytes):
            return "ok", payload
        if status == "error" and isinstance(payload, str):
            return "error", payload
    if isinstance(result, ExecutableDataRefused):
        return "error", REFUSED
    return "error", (
        f"the worker returned {type(result).__name__} instead of a run file; the "
        "result was refused\n"
    )


def _quiet_refusals():
    """Keep Dask's log of a refused (non-msgpack) result from printing a traceback: the refusal
    is reported as a failed run. Returns the function that restores the log level."""
    import logging

    logs = [
        logging.getLogger(name)
        for name in ("distributed.protocol.core", "distributed.protocol.pickle")
    ]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.CRITICAL + 1)

    def restore() -> None:
        for log, level in zip(logs, levels, strict=True):
            log.setLevel(level)

    return restore


def dask_security(ca: str | None = None, cert: str | None = None, key: str | None = None):
    """A ``distributed.Security`` requiring TLS with these files, or None if none is given (then
    Dask's own configuration applies).

    Raises:
        SweepError: some but not all files given, or one that does not exist.
    """
    given = {"--dask-tls-ca": ca, "--dask-tls-cert": cert, "--dask-tls-key": key}
    if not any(given.values()):
        return None
    missing = [k for k, v in given.items() if not v]
    if missing:
        raise SweepError(
            f"TLS needs all three of --dask-tls-ca, --dask-tls-cert and "
            f"--dask-tls-key; missing {', '.join(missing)}"
        )
    for option, path in given.items():
        if not os.path.isfile(path):
            raise SweepError(f"{option} {path}: no such file")
    from distributed.security import Security

    return Security(
        tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True
    )


def make_pool(
    workers: int | None = None, dask: str | None = None, security=None, trust_workers: bool = False
) -> LocalPool | DaskPool:
    """The executor for ``--workers N`` / ``--dask ADDRESS|local``: this process itself for one
    worker in a command's own process (:func:`sim.studies.sweep.processes.own_process`), else a
    local pool or Dask."""
    if dask:
        return DaskPool(dask, workers, security=security, trust_workers=trust_workers)
    if processes.is_own() and int(workers or os.cpu_count() or 1) == 1:
        return InProcess()
    return LocalPool(workers)
