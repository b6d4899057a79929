"""Running a sweep: every missing (grid point, seed) of a spec into its folder, then the tables.

Each run gets its seed straight from the spec, and :func:`sim.engine.runner.run` spawns that seed
into named streams (audience, posting, distribution, ...), so every grid point sees the same
audience and the same draws wherever the grid does not change them (common random numbers):
differences between points come from the parameter, not from noise.

Workers return each run's file as bytes and this process writes it (:mod:`sim.studies.sweep.store`):
no shared filesystem is needed between a Dask cluster and the user's machine, there is exactly one
writer, and a killed sweep never leaves a half-written run file. Only a bounded window of runs is
in flight, so memory stays flat however many runs there are.
"""

from __future__ import annotations

import itertools
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.base.safe_io import make_folder
from sim.scenario import resolve
from sim.studies.sweep.executors import make_pool, shared_populations
from sim.studies.sweep.spec import RunKey, SweepError, SweepSpec
from sim.studies.sweep.store import (
    FAILED_DIR,
    RUNS_DIR,
    atomic_write,
    check_run_bytes,
    check_run_file,
    finalize,
    folder_lock,
    prepare_folder,
    run_file_bytes,
    set_aside,
)


def run_one(scenario: dict, seed: int, extra: dict[str, Any]) -> tuple[str, bytes | str]:
    """Run one (scenario, seed) and return ``("ok", parquet bytes)`` or ``("error", traceback)``.

    ``extra`` holds the columns added to every row (point id and index, grid values). Everything
    is plain data, so the task travels to any worker; errors come back as text so a failing run is
    recorded the same way on every executor.

    The run uses one of numba's threads: a sweep keeps every core busy with runs of its own, and
    a large audience's graph, built on several threads, would only contend with the other
    workers' runs for the same cores. The setting is the calling thread's own, is restored after
    the run, and no result depends on it.
    """
    import numba

    threads = numba.get_num_threads()
    try:
        from sim.engine.runner import run

        numba.set_num_threads(1)
        sc = resolve(scenario, source="sweep point", merge_preset=False)
        # Only a run whose population other runs share keeps it (writing one costs a
        # quarter of building it); any run takes one kept by another.
        result = run(
            sc,
            seed=seed,
            populations=shared_populations() if extra.get("keep_population") else None,
        )
        return "ok", run_file_bytes(result, seed, extra)
    except Exception:  # noqa: BLE001 - a run that raises is recorded, the sweep goes on
        return "error", traceback.format_exc()
    finally:
        numba.set_num_threads(threads)


@dataclass
class SweepOutcome:
    """What a call to :func:`run_sweep` did."""

    folder: Path
    total: int
    skipped: int = 0
    ran: int = 0
    failed: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)  # run files set aside and run again
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Runs saved in the folder now, from this call or an earlier one."""
        return len(list((self.folder / RUNS_DIR).glob("*.parquet")))


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep; finished runs are on disk. ``.outcome`` says how far it got."""

    def __init__(self, outcome: SweepOutcome):
        super().__init__(
            f"interrupted: {outcome.done} of {outcome.total} runs are saved in "
            f"{outcome.folder}; run the same command again to resume"
        )
        self.outcome = outcome


def run_sweep(
    spec: SweepSpec,
    folder: str | Path,
    pool=None,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool = True,
    on_result: Callable[[str, str], None] | None = None,
    window: int | None = None,
    security=None,
    trust_workers: bool = False,
    shared_audiences: bool = False,
) -> SweepOutcome:
    """Run every missing (grid point, seed) of ``spec`` into ``folder``, then write the tables.

    Args:
        spec: a validated sweep (:func:`make_spec`, :func:`load_sweep_file`).
        folder: the sweep folder; created, or resumed if it holds the same sweep.
        pool: an executor (:class:`LocalPool`, :class:`DaskPool`) to use and leave open; by
            default one is made from ``workers`` / ``dask`` and closed at the end.
        progress: show a progress bar with ETA and failure count on stderr.
        on_result: called as ``on_result(run_id, "ok" | "error")`` after each run is saved
            (raising KeyboardInterrupt from it is how the tests interrupt a sweep).
        window: runs in flight at once (default four per worker); bounds memory.
        security, trust_workers: for ``dask``: TLS settings and whether results may be
            unpickled (see :class:`sim.studies.sweep.executors.DaskPool`).
        shared_audiences: the runs share their audiences with runs of other sweeps on the same
            ``pool`` (the arms of a study, same seeds): each keeps its audience's real users
            for them. Otherwise a run keeps them only where another run of this sweep has
            the same (``sim.engine.populations.PopulationInputs`` and seed). Results are the same
            either way.

    Returns:
        A SweepOutcome. Runs that raised are listed in ``failed`` (tracebacks in ``failed/``).

    Raises:
        SweepError: the folder holds a different sweep or is in use.
        SweepInterrupted: Ctrl-C; every finished run is saved, the rest can be resumed.
    """
    t0 = time.perf_counter()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SweepError(
            f"cannot create the sweep folder {folder}: {exc.strerror or exc}; "
            "choose a writable --out"
        ) from None
    # The lock first: of two sweeps started together, the second is told the folder is in use.
    with folder_lock(folder):
        folder = prepare_folder(spec, folder)
        runs_dir, failed_dir = folder / RUNS_DIR, folder / FAILED_DIR
        for stale in runs_dir.glob(".*.tmp-*"):  # a sweep killed mid-write (SIGKILL)
            stale.unlink(missing_ok=True)
        damaged = []
        todo = []
        for k in spec.runs:
            path = runs_dir / f"{k.id}.parquet"
            if not path.exists():
                todo.append(k)
                continue
            why = check_run_file(path, k.seed)
            if why is not None:  # cut by a full disk or a copy, or emptied: run it again
                damaged.append(f"{k.id} ({why}; moved to {set_aside(folder, path)})")
                todo.append(k)
        out = SweepOutcome(
            folder, total=len(spec.runs), skipped=len(spec.runs) - len(todo), damaged=damaged
        )
        if todo:
            own = pool is None
            pool = pool or make_pool(workers, dask, security=security, trust_workers=trust_workers)
            try:
                _execute(
                    pool,
                    todo,
                    runs_dir,
                    failed_dir,
                    out,
                    progress,
                    on_result,
                    window
                    or getattr(pool, "window", None)
                    or 4 * getattr(pool, "workers", os.cpu_count() or 1),
                    _keeping(todo, shared_audiences),
                )
            except KeyboardInterrupt:
                out.interrupted = True
                if own:
                    pool.close(cancel=True)
                out.seconds = time.perf_counter() - t0
                raise SweepInterrupted(out) from None
            if own:
                pool.close()
        finalize(folder)
    out.seconds = time.perf_counter() - t0
    return out


def _keeping(todo: list[RunKey], shared: bool) -> set[str]:
    """Ids of the runs that keep their audience's real users for other runs: all of them if
    ``shared``, else those whose population inputs and seed another run in ``todo`` has."""
    from collections import Counter

    from sim.engine.populations import PopulationInputs

    if shared:
        return {k.id for k in todo}
    keys = {}
    for k in todo:
        try:
            keys[k.id] = (PopulationInputs.of(k.point.scenario), k.seed)
        except AttributeError:  # not a resolved scenario: that run fails on its own
            continue
    counts = Counter(keys.values())
    return {rid for rid, key in keys.items() if counts[key] > 1}


def _execute(
    pool, todo, runs_dir, failed_dir, out, progress, on_result, window, keeping=frozenset()
) -> None:
    from tqdm import tqdm

    queue = iter(todo)
    inflight: dict[Any, RunKey] = {}
    # Each point's scenario as plain data, made once: a point's seeds share it, and making it
    # per run was this process's largest cost per run, taken from the cores the workers use.
    plain: dict[int, dict] = {}

    def fill():
        for key in itertools.islice(queue, max(0, window - len(inflight))):
            extra = {
                "point": key.point.id,
                "point_index": key.point.index,
                "values": key.point.values,
                "keep_population": key.id in keeping,
            }
            scenario = plain.get(key.point.index)
            if scenario is None:
                scenario = plain[key.point.index] = key.point.scenario.to_dict()
            inflight[pool.submit(run_one, scenario, key.seed, extra)] = key

    bar = tqdm(
        total=len(todo),
        unit="run",
        desc=out.folder.name,
        disable=not progress,
        dynamic_ncols=True,
        smoothing=0.1,
        mininterval=0.5,
    )
    bar.set_postfix(failed=0)
    try:
        fill()
        while inflight:
            done, _ = pool.wait_any(list(inflight), timeout=1.0)
            for fut in done:
                key = inflight.pop(fut)
                status, payload = pool.outcome(fut)
                if status == "ok":  # check what came back before it is saved
                    why = check_run_bytes(payload, key.seed, key.point.id)
                    if why is not None:
                        status, payload = "error", f"the returned run file was refused: {why}\n"
                _save(key, status, payload, runs_dir, failed_dir, out)
                bar.update(1)
                bar.set_postfix(failed=len(out.failed))
                if on_result is not None:
                    on_result(key.id, status)
            fill()
    except KeyboardInterrupt:
        for fut in inflight:
            fut.cancel()
        raise
    finally:
        bar.close()


def _save(
    key: RunKey, status: str, payload, runs_dir: Path, failed_dir: Path, out: SweepOutcome
) -> None:
    if status == "ok":
        # No fsync per run file (it cost more than checking the file): the rename keeps a killed
        # sweep from leaving half a file, and a rerun checks every run file it finds.
        atomic_write(runs_dir / f"{key.id}.parquet", payload, sync=False)
        (failed_dir / f"{key.id}.txt").unlink(missing_ok=True)
        out.ran += 1
    else:
        make_folder(failed_dir, failed_dir.parent)  # never a link out of the sweep folder
        text = f"run {key.id}: grid point {key.point.values}, seed {key.seed}\n\n{payload}"
        atomic_write(failed_dir / f"{key.id}.txt", text.encode())
        out.failed.append(key.id)
