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

import contextlib
import itertools
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.base.i18n import bar_lang, tr
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
    # A study's sweeps run together (:func:`run_sweeps`): this outcome is their sum.
    parts: list[SweepOutcome] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Runs saved in the folder now (in each part's, for a study), from this call or an
        earlier one."""
        if self.parts:
            return sum(p.done for p in self.parts)
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
    progress: bool | str = True,
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
        progress: show a progress bar with ETA and failure count on stderr: True in English, a
            language code (``"nl"``) in that language.
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
    folder = made_folder(Path(folder))
    # The lock first: of two sweeps started together, the second is told the folder is in use.
    with folder_lock(folder):
        out, todo = _open(spec, folder)
        folder = out.folder
        if todo:
            own = pool is None
            pool = pool or make_pool(workers, dask, security=security, trust_workers=trust_workers)
            try:
                _execute(
                    pool,
                    [(k, out) for k in todo],
                    progress,
                    on_result,
                    window or _window(pool),
                    _keeping(todo, shared_audiences),
                    folder.name,
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


def run_sweeps(
    sweeps: list[tuple[SweepSpec, Path]],
    folder: Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
    shared_audiences: bool = True,
    meanwhile: Callable[[], None] | None = None,
    pool=None,
) -> list[SweepOutcome]:
    """Run every missing run of several sweeps (the arms of a study, in ``folder``) as one
    queue on one executor, made only if some run is missing, then each sweep's tables.

    The same runs and tables as :func:`run_sweep` on each in turn, without waiting between
    sweeps: the workers go on with the next sweep's runs while the last of one sweep's finish,
    and each sweep's tables are written as soon as its last run is saved, while the others run.

    Args:
        sweeps: (spec, folder) of each sweep, in order; each folder is created or resumed.
        folder: the study's folder (named by the progress bar and an interruption).
        shared_audiences: see :func:`run_sweep`.
        meanwhile: called once in this process while the first runs are under way (work of the
            caller's that needs no run, done while this process would only wait).
        pool: an executor to use and leave open; by default one is made from ``workers`` /
            ``dask`` if some run is missing, and closed at the end.

    Returns:
        Each sweep's outcome, in order.

    Raises:
        SweepError: a folder holds a different sweep or is in use.
        SweepInterrupted: Ctrl-C; its outcome sums the sweeps'; every finished run is saved.
    """
    t0 = time.perf_counter()
    outs: list[SweepOutcome] = []
    todo: list[tuple[RunKey, SweepOutcome]] = []
    with contextlib.ExitStack() as held:
        for spec, where in sweeps:
            where = made_folder(Path(where))
            held.enter_context(folder_lock(where))
            out, keys = _open(spec, where)
            outs.append(out)
            todo += [(k, out) for k in keys]
        for out in outs:  # nothing to run: the tables now (a resumed or older folder)
            if not any(o is out for _, o in todo):
                finalize(out.folder)
        if todo:
            own = pool is None
            pool = pool or make_pool(workers, dask)
            try:
                _execute(
                    pool,
                    todo,
                    progress,
                    None,
                    _window(pool),
                    _keeping([k for k, _ in todo], shared_audiences),
                    Path(folder).name,
                    finished=lambda out: finalize(out.folder),
                    meanwhile=meanwhile,
                )
            except KeyboardInterrupt:
                if own:
                    pool.close(cancel=True)
                study = SweepOutcome(
                    Path(folder),
                    total=sum(o.total for o in outs),
                    skipped=sum(o.skipped for o in outs),
                    ran=sum(o.ran for o in outs),
                    failed=[f for o in outs for f in o.failed],
                    interrupted=True,
                    seconds=time.perf_counter() - t0,
                    parts=outs,
                )
                raise SweepInterrupted(study) from None
            except BaseException:
                if own:
                    pool.close(cancel=True)
                raise
            if own:
                pool.close()
    for out in outs:
        out.seconds = time.perf_counter() - t0
    return outs


def made_folder(folder: Path, what: str = "sweep") -> Path:
    """``folder``, created if missing (``what``: the kind of folder, for the error).

    Raises:
        SweepError: it cannot be created.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SweepError(
            f"cannot create the {what} folder {folder}: {exc.strerror or exc}; "
            "choose a writable --out"
        ) from None
    return folder


def _open(spec: SweepSpec, folder: Path) -> tuple[SweepOutcome, list[RunKey]]:
    """Prepare a locked sweep folder (:func:`prepare_folder`); its outcome so far and the runs
    still to do: those without a run file, and those whose file is damaged (set aside)."""
    folder = prepare_folder(spec, folder)
    runs_dir = folder / RUNS_DIR
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
    return out, todo


def _window(pool) -> int:
    """Runs in flight at once on ``pool``: its own window, else four per worker."""
    return getattr(pool, "window", None) or 4 * getattr(pool, "workers", os.cpu_count() or 1)


def _keeping(todo: list[RunKey], shared: bool) -> set[str]:
    """Ids of the runs that keep their audience's real users for other runs: all of them if
    ``shared``, else those whose population inputs and seed another run in ``todo`` has."""
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
    pool,
    todo: list[tuple[RunKey, SweepOutcome]],
    progress,
    on_result,
    window,
    keeping=frozenset(),
    desc: str = "",
    finished: Callable[[SweepOutcome], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> None:
    """Run each (run, its sweep's outcome) of ``todo`` on ``pool`` and save it into that
    sweep's folder; ``finished(outcome)`` once a sweep's last run is saved; ``meanwhile()``
    once, after the first runs are handed out."""
    from tqdm import tqdm

    lang = bar_lang(progress)
    failed_word = tr("failed", lang or "en")
    queue = iter(todo)
    inflight: dict[Any, tuple[RunKey, SweepOutcome]] = {}
    left = Counter(id(out) for _, out in todo)
    # Each point's scenario as plain data, made once: a point's seeds share it, and making it
    # per run was this process's largest cost per run, taken from the cores the workers use.
    plain: dict[tuple[int, int], dict] = {}

    def fill():
        for key, out in itertools.islice(queue, max(0, window - len(inflight))):
            extra = {
                "point": key.point.id,
                "point_index": key.point.index,
                "values": key.point.values,
                "keep_population": key.id in keeping,
            }
            scenario = plain.get((id(out), key.point.index))
            if scenario is None:
                scenario = plain[id(out), key.point.index] = key.point.scenario.to_dict()
            inflight[pool.submit(run_one, scenario, key.seed, extra)] = key, out

    bar = tqdm(
        total=len(todo),
        unit="run",
        desc=desc,
        disable=lang is None,
        dynamic_ncols=True,
        smoothing=0.1,
        mininterval=0.5,
    )
    failed = 0
    bar.set_postfix({failed_word: failed})
    try:
        fill()
        if meanwhile is not None:
            try:
                meanwhile()
            except Exception:  # noqa: BLE001 - only work brought forward: it is done again later
                pass
        while inflight:
            done, _ = pool.wait_any(list(inflight), timeout=1.0)
            for fut in done:
                key, out = inflight.pop(fut)
                status, payload = pool.outcome(fut)
                if status == "ok":  # check what came back before it is saved
                    why = check_run_bytes(payload, key.seed, key.point.id)
                    if why is not None:
                        status, payload = "error", f"the returned run file was refused: {why}\n"
                runs_dir, failed_dir = out.folder / RUNS_DIR, out.folder / FAILED_DIR
                _save(key, status, payload, runs_dir, failed_dir, out)
                failed += status != "ok"
                bar.update(1)
                bar.set_postfix({failed_word: failed})
                if on_result is not None:
                    on_result(key.id, status)
                left[id(out)] -= 1
                if finished is not None and not left[id(out)]:
                    finished(out)
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
