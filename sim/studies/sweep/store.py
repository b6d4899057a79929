"""The sweep folder: its layout, its files and how they are written and read back.

A sweep folder (``results/<name>/``) holds::

    sweep.toml                       the spec (written first; a rerun must match it)
    runs/<point>__seed<k>.parquet    one per finished run: that run's per-day table plus the
                                     columns ``point``, ``point_index``, ``seed``, one per grid key;
                                     file metadata holds the resolved scenario (TOML), seed,
                                     Results.summary() and run meta (JSON)
    failed/<point>__seed<k>.txt      the traceback of a run that raised
    days.parquet                     at the end: all runs × days × metrics (tidy, sorted)
    runs.csv                         at the end: one row per run with its headline figures
    summary.csv                      at the end: per grid point, mean / 5th / 95th percentile
    .sweep.lock                      while a sweep writes into the folder: who holds it (host,
                                     process id), under the system's lock (see folder_lock)
    damaged/                         run files found cut or unreadable on a rerun, moved aside
                                     (the runs are done again)

Every file is written under a temporary name in the same folder and then renamed into place, so a
killed sweep never leaves a half-written file. The final tables are assembled from disk one run
file at a time, so memory stays flat however many runs there are.

The run files' codec (making, checking and reading one run file) is in
:mod:`sim.studies.sweep.run_files`, re-exported here. This module knows the format and nothing of
the engine: it never imports the runner, the model or the executors, so charts and reports can
read sweep folders without loading a simulation.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
import time
import tomllib
from pathlib import Path
from typing import Any

from sim.base.metrics import DEFAULT_FIGURES
from sim.base.safe_io import (
    FileRefusedError,
    clean_stale,
    csv_bytes,
    make_folder,
    open_regular,
    read_toml,
)
from sim.base.safe_io import atomic_write as _safe_write
from sim.base.safe_io import read_csv as _read_csv
from sim.base.safe_io import read_text as _read_text
from sim.studies.sweep.files import spec_diff
from sim.studies.sweep.run_files import (  # noqa: F401  (re-exported: the store's run-file codec)
    DAMAGED_DIR,
    check_run_bytes,
    check_run_file,
    read_run,
    run_file_bytes,
    run_info,
    set_aside,
    toml_value,
)
from sim.studies.sweep.spec import SweepError, SweepSpec

SPEC_FILE, DAYS_FILE = "sweep.toml", "days.parquet"
RUNS_FILE, SUMMARY_FILE = "runs.csv", "summary.csv"
RUNS_DIR, FAILED_DIR, LOCK_FILE = "runs", "failed", ".sweep.lock"
# days.parquet is written this many rows (or one run more) at a time: bounds finalize's memory.
FINAL_BATCH_ROWS = 50_000


# ---------------------------------------------------------------------------------------------
# Writing safely: atomic files, one writer per folder
# ---------------------------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` all at once: a reader sees the old file or the new one (see
    :func:`sim.base.safe_io.atomic_file`: never through a link, no temporary left behind).

    ``sync=False`` leaves the data to the system's own flushing instead of waiting for the
    disk: the rename alone keeps a killed process from leaving a half-written file, and a file
    a power cut left short is what a sweep's rerun finds damaged and runs again (run files)."""
    # No look for left-over temporaries at every write: a sweep folder may hold many thousands
    # of run files; prepare_folder and run_sweep clean once at the start.
    _safe_write(path, data, fsync=sync, clean=False)


@contextlib.contextmanager
def folder_lock(folder: Path, what: str = "sweep"):
    """Hold the folder for this process while the block runs: refuse a second sweep writing
    into the same folder at the same time.

    The lock is the operating system's (``flock`` on ``.sweep.lock``), so it dies with its
    process: a lock file left by a killed sweep, an empty one or one naming a process that has
    since been reused is simply taken over. The file records who holds it (host, process id,
    start time) so a refusal can say who.

    Raises:
        SweepError: another process holds the folder.
    """
    import fcntl

    path = folder / LOCK_FILE
    for _ in range(20):
        try:
            # Never through a link, never blocking on a FIFO put in its place.
            fd = os.open(path, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            why = (
                "it is a link; remove it"
                if exc.errno == errno.ELOOP
                else f"{exc.strerror or exc}; choose a writable --out"
            )
            raise SweepError(f"{folder}: cannot create the lock {path}: {why}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise SweepError(
                f"{folder}: the lock {path} is not a regular file (a pipe or device); remove it"
            )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise SweepError(
                f"{folder} is in use by another feedsim {what} ({_holder(path)}); "
                "wait for it or choose another --out"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file as we opened it: take the new one
    else:
        raise SweepError(f"{folder}: cannot take the lock {path}")
    try:
        info = {"host": socket.gethostname(), "pid": os.getpid(), "started": time.time()}
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info).encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still held, so no one else is between open and lock
        os.close(fd)


def _holder(path: Path) -> str:
    """Who holds a lock, as its file records it."""
    try:
        info = json.loads(_read_text(path, "lock file", path.parent, 10_000) or "{}")
        return f"process {info['pid']} on {info['host']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not yet written its name"


def prepare_folder(spec: SweepSpec, folder: str | Path) -> Path:
    """Create the sweep folder and write ``sweep.toml``, or check that an existing folder holds
    this very sweep (then it resumes). Extending the seeds of an otherwise equal sweep is allowed.

    Raises:
        SweepError: the folder holds a different sweep (the message names what differs) or is not
            a sweep folder.
    """
    folder = Path(folder)
    spec_path = folder / SPEC_FILE
    new = tomllib.loads(spec.to_toml())
    if spec_path.exists() or spec_path.is_symlink():
        try:
            old = read_toml(spec_path, "sweep spec", folder)
        except (OSError, ValueError) as exc:
            raise SweepError(f"{spec_path}: cannot read the sweep spec: {exc}") from None
        diffs = spec_diff(old, new)
        if diffs:
            raise SweepError(
                f"{folder} holds a different sweep ({'; '.join(diffs[:5])}). Its runs are kept; "
                "choose another folder with --out, or another --name"
            )
        if old.get("seeds") != new["seeds"] or old.get("metrics") != new["metrics"]:
            atomic_write(spec_path, spec.to_toml().encode())  # more seeds / other metrics
    else:
        if folder.exists() and any(p.name != LOCK_FILE for p in folder.iterdir()):
            raise SweepError(
                f"{folder} exists and is not a sweep folder (no {SPEC_FILE}); "
                "refusing to write into it; choose another --out or --name"
            )
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(spec_path, spec.to_toml().encode())
    try:
        make_folder(folder / RUNS_DIR, folder)
    except FileRefusedError as exc:
        raise SweepError(str(exc)) from None
    clean_stale(folder)  # temporaries of a sweep killed while it finished the tables
    return folder


# ---------------------------------------------------------------------------------------------
# Final tables, and reading a sweep folder back
# ---------------------------------------------------------------------------------------------


def read_spec(folder: str | Path) -> dict:
    """The ``sweep.toml`` of a sweep folder as a dict.

    Raises:
        FileNotFoundError: ``folder`` has no ``sweep.toml``.
    """
    path = Path(folder) / SPEC_FILE
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(f"{folder} is not a sweep folder (no {SPEC_FILE})")
    spec = read_toml(path, "sweep spec", folder)
    if not isinstance(spec.get("points", {}), dict) or not isinstance(spec.get("seeds", []), list):
        raise ValueError(f"{path}: points must be a table and seeds a list; restore the file")
    return spec


def finalize(folder: str | Path) -> dict[str, Path]:
    """Assemble ``days.parquet``, ``runs.csv`` and ``summary.csv`` from the run files on disk.

    Reads the run files a batch at a time (memory stays bounded), in grid-point then seed order,
    so the tables are identical whatever executor ran the sweep and in whatever order runs
    finished.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    spec = read_spec(folder)
    point_ids = list(spec.get("points", {}))
    order = {pid: i for i, pid in enumerate(point_ids)}
    seeds = spec["seeds"]
    files = []
    for pid in point_ids:
        for s in seeds:
            f = folder / RUNS_DIR / f"{pid}__seed{s}.parquet"
            if f.exists():
                files.append((pid, s, f))
    failed = {p.stem for p in (folder / FAILED_DIR).glob("*.txt")}
    written: dict[str, Path] = {}

    days_path = folder / DAYS_FILE
    tmp = days_path.with_name(f".{DAYS_FILE}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)  # never write through whatever is in its place
    # One schema for all runs: a column that is integer in one run and float in another (e.g. a
    # cost of 0 on days without spending) becomes float. Each file's schema and summary come
    # from its footer, without the data.
    schemas, rows = [], []
    for pid, s, f in files:
        with open_regular(f, "run file", folder) as fh, pq.ParquetFile(fh) as pf:
            file_schema = pf.schema_arrow
        md = file_schema.metadata or {}
        schemas.append(file_schema.remove_metadata())
        row = {"point": pid, "point_index": order[pid], "seed": s}
        row.update(spec["points"][pid])
        row.update(json.loads(md.get(b"feedsim.summary", b"{}")))
        rows.append(row)
    schema = pa.unify_schemas(schemas, promote_options="permissive") if files else None
    # Runs are written a batch at a time, each batch one row group: a row group per run made
    # the writing cost more than the reading, and a batch bounds memory as one run did.
    writer, batch, batch_rows = None, [], 0
    try:
        for _, _, f in files:
            with open_regular(f, "run file", folder) as fh, pq.ParquetFile(fh) as pf:
                table = pf.read(use_threads=False).replace_schema_metadata(None)
            batch.append(table)
            batch_rows += len(table)
            if batch_rows >= FINAL_BATCH_ROWS:
                writer = _write_batch(pq, writer, tmp, schema, batch)
                batch, batch_rows = [], 0
        if batch:
            writer = _write_batch(pq, writer, tmp, schema, batch)
    except BaseException:
        if writer is not None:
            writer.close()
            writer = None
        tmp.unlink(missing_ok=True)  # a killed or failed finish leaves no temporary behind
        raise
    finally:
        if writer is not None:
            writer.close()
    if schema is not None:
        os.replace(tmp, days_path)
        written["days"] = days_path

    # A grid's keys, or an explicit design's (sensitivity points).
    keys = list(spec.get("grid", {})) or list(spec.get("keys", []))
    runs = pd.DataFrame(rows)
    if not runs.empty:
        for k in keys:
            runs[k] = runs[k].map(lambda v: toml_value(v) if isinstance(v, list) else v)
    atomic_write(folder / RUNS_FILE, csv_bytes(runs, index=False))
    written["runs"] = folder / RUNS_FILE

    # An older folder's sweep.toml may name a figure its runs do not report (conversions became
    # visits and purchases): such figures are left out of summary.csv.
    metrics = [m for m in spec.get("metrics", DEFAULT_FIGURES) if m in runs.columns]
    # Each point's rows by position, and each figure's column once: a selection of the table
    # per point took most of this step's time in a design of hundreds of points.
    at = runs.groupby("point", sort=False).indices if not runs.empty else {}
    columns = {m: runs[m].to_numpy(dtype=float) for m in metrics}
    summary_rows = []
    for pid in point_ids:
        row: dict[str, Any] = {"point": pid}
        for k in keys:
            v = spec["points"][pid].get(k)
            row[k] = toml_value(v) if isinstance(v, list) else v
        rows_of_point = at.get(pid, ())
        row["runs"] = len(rows_of_point)
        row["failed"] = sum(1 for s in seeds if f"{pid}__seed{s}" in failed)
        for m in metrics:
            vals = columns[m][rows_of_point] if len(rows_of_point) else []
            row[f"{m}_mean"] = float(sum(vals) / len(vals)) if len(vals) else float("nan")
            row[f"{m}_p5"] = _quantile(vals, 0.05)
            row[f"{m}_p95"] = _quantile(vals, 0.95)
        summary_rows.append(row)
    atomic_write(folder / SUMMARY_FILE, csv_bytes(pd.DataFrame(summary_rows), index=False))
    written["summary"] = folder / SUMMARY_FILE
    return written


def _write_batch(pq, writer, path: Path, schema, tables: list):
    """Write ``tables`` to ``path`` as one row group of ``schema``; returns the writer.

    The tables are joined first and brought to the schema once: explicit points may move
    different keys (a key a run's point left at its base value is an empty cell in its rows),
    and a column may be integer in one run and float in another. Bringing each run's table to
    the schema on its own took longer than reading it."""
    import pyarrow as pa

    if writer is None:
        writer = pq.ParquetWriter(path, schema)
    joined = pa.concat_tables(tables, promote_options="permissive")
    have = set(joined.column_names)
    for name in schema.names:
        if name not in have:  # no run of this batch has the key
            joined = joined.append_column(
                schema.field(name), pa.nulls(len(joined), schema.field(name).type)
            )
    writer.write_table(
        joined.select(schema.names).cast(schema), row_group_size=FINAL_BATCH_ROWS * 2
    )
    return writer


def _quantile(vals, q: float) -> float:
    import numpy as np

    return float(np.quantile(vals, q)) if len(vals) else float("nan")


def read_sweep(folder: str | Path) -> tuple[dict, Any, Any]:
    """``(spec dict, summary DataFrame, runs DataFrame)`` of a finished sweep folder.

    Raises:
        FileNotFoundError: not a sweep folder, or the sweep has not finished (no tables yet).
    """
    import pandas as pd

    folder = Path(folder)
    spec = read_spec(folder)
    for f in (SUMMARY_FILE, RUNS_FILE):
        if not (folder / f).exists():
            raise FileNotFoundError(
                f"{folder} has no {f}: the sweep has not finished; run it again to complete it"
            )
    summary = _read_csv(folder / SUMMARY_FILE, "sweep summary", folder)
    try:
        runs = _read_csv(folder / RUNS_FILE, "run table", folder)
    except ValueError:
        if (folder / RUNS_FILE).stat().st_size > 1:
            raise
        runs = pd.DataFrame()  # a sweep without a finished run
    return spec, summary, runs


def is_sweep_folder(folder: str | Path) -> bool:
    """Whether ``folder`` holds a sweep (its ``sweep.toml``), finished or not."""
    return (Path(folder) / SPEC_FILE).exists()
