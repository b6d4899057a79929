"""A sweep's run files: one finished run as the bytes of a Parquet file, checked and read back.

A run file (``runs/<point>__seed<k>.parquet`` in a sweep folder, :mod:`sim.studies.sweep.store`)
holds that run's per-day table plus the columns ``point``, ``point_index``, ``seed`` and one per
grid key; its file metadata holds the resolved scenario (TOML), the seed, ``Results.summary()``
and the run's meta (JSON). A worker makes the bytes (:func:`run_file_bytes`); the sweep checks
them before saving (:func:`check_run_bytes`), checks files already on disk when it resumes
(:func:`check_run_file`) and moves a damaged one into ``damaged/`` (:func:`set_aside`).

Like the store, which re-exports every name here, it knows the format and nothing of the engine.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path
from typing import Any

from sim.base.safe_io import make_folder, open_regular, parquet_schema
from sim.base.safe_io import read_parquet as _read_parquet

# Where run files found cut or unreadable on a rerun are moved (never deleted).
DAMAGED_DIR = "damaged"


def run_file_bytes(result, seed: int, extra: dict[str, Any]) -> bytes:
    """One run as the bytes of its run file.

    Args:
        result: the run's :class:`sim.engine.results.Results` (its days, summary, scenario and
        meta). seed: the run's seed.
        extra: ``point`` (id), ``point_index`` and ``values`` (grid key -> value): columns put
            in front of every row.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    days = result.day_columns()  # from the run's rows: no pandas in a sweep worker
    n = len(next(iter(days.values()))) if days else 0
    front = {"point": extra["point"], "point_index": extra["point_index"], "seed": seed}
    for k, v in extra["values"].items():
        front[k] = toml_value(v) if isinstance(v, list) else v
    # The types pandas gave these columns when the tables went through it: NaN is a missing
    # value, and text is large_string.
    columns = {k: _arrow_column(pa, [v] * n) for k, v in front.items()}
    columns.update({k: _arrow_column(pa, v) for k, v in days.items() if k not in front})
    table = pa.table(columns)
    summary = result.summary()
    meta = {
        b"feedsim.scenario": result.scenario.to_toml().encode(),
        b"feedsim.seed": str(seed).encode(),
        b"feedsim.summary": json.dumps(summary).encode(),
        b"feedsim.meta": json.dumps(result.meta).encode(),
    }
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), buf)
    return buf.getvalue()


def _arrow_column(pa, values):
    column = pa.array(values, from_pandas=True)
    return column.cast(pa.large_string()) if pa.types.is_string(column.type) else column


def toml_value(v: Any) -> str:
    """A value as TOML text (``[30, 120]``): lists become one string in a table column."""
    import tomli_w

    return tomli_w.dumps({"v": v})[4:].strip()


def read_run(path: str | Path) -> tuple[Any, dict]:
    """A run file -> (per-day DataFrame, {"scenario": TOML text, "seed", "summary", "meta"})."""
    path = Path(path)
    table = _read_parquet(path, "run file", path.parent.parent)
    md = table.schema.metadata or {}
    info = {
        "scenario": md.get(b"feedsim.scenario", b"").decode(),
        "seed": int(md.get(b"feedsim.seed", b"-1")),
        "summary": json.loads(md.get(b"feedsim.summary", b"{}")),
        "meta": json.loads(md.get(b"feedsim.meta", b"{}")),
    }
    return table.to_pandas(), info


def check_run_file(path, seed: int) -> str | None:
    """Why the run file at ``path`` cannot be used (cut, empty, not Parquet, without its
    summary or for another seed), or None if it is whole. Reads the footer, not the data."""
    why, pf = _check_run(path, seed)
    if pf is not None:
        pf.close(force=True)
    return why


def _check_run(source, seed: int):
    """``(why, parquet file)``: why ``source`` is no whole run file of ``seed`` (None if it is
    one), and the opened file to read on from (None if it could not be opened)."""
    import pyarrow.parquet as pq

    pf = None
    try:
        if not isinstance(source, io.BytesIO):  # a run file in runs/, inside its sweep folder
            source = open_regular(source, "run file", Path(source).parent.parent)
        pf = pq.ParquetFile(source)
        meta = pf.metadata
        md = meta.metadata or {}
        summary = json.loads(md.get(b"feedsim.summary", b""))
        found = int(md.get(b"feedsim.seed", b"-1"))
    except (OSError, ValueError, TypeError) as exc:  # ArrowInvalid is a ValueError
        if pf is None and hasattr(source, "close"):
            source.close()
        return f"unreadable ({type(exc).__name__}: {str(exc)[:200]})", pf
    if not isinstance(summary, dict) or not summary:
        return "no run summary in its metadata", pf
    if found != seed:
        return f"holds seed {found}, not {seed}", pf
    if meta.num_rows < 1:
        return "no rows", pf
    return None, pf


def check_run_bytes(data: bytes, seed: int, point: str) -> str | None:
    """Why a run file's bytes returned by a worker cannot be saved as the run (``point``,
    ``seed``), or None: a whole run file, of this seed, whose rows are this grid point's.

    The bytes are opened once: the footer is checked, then the ``point`` column read."""
    why, pf = _check_run(io.BytesIO(data), seed)
    if why is not None:
        return why
    try:
        points = pf.read(columns=["point"], use_threads=False).column("point").unique()
    except (OSError, ValueError, KeyError) as exc:
        return f"no point column ({type(exc).__name__})"
    if points.to_pylist() != [point]:
        return f"rows of {points.to_pylist()[:3]}, not of {point}"
    return None


def set_aside(folder: Path, path: Path) -> Path:
    """Move a damaged run file into ``damaged/`` (never deleted: it may help find the cause)."""
    target_dir = make_folder(folder / DAMAGED_DIR, folder)  # never a link out of the folder
    target = target_dir / f"{path.stem}.{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}{path.suffix}"
    os.replace(path, target)
    return target


def run_info(path: str | Path) -> dict:
    """A run file's ``summary`` and ``seed``, read from its metadata without the data."""
    path = Path(path)
    md = parquet_schema(path, "run file", path.parent.parent).metadata or {}
    return {
        "summary": json.loads(md.get(b"feedsim.summary", b"{}")),
        "seed": int(md.get(b"feedsim.seed", b"-1")),
    }
