"""The Results of a run: tidy tables in memory, and how they are written to and read from disk.

A run folder holds ``days.csv`` (one row per simulated day), ``posts.csv`` (one row per post),
``scenario.resolved.toml`` (the scenario exactly as run), ``meta.json`` (version, seed, timings,
platform) and the charts. Folders are created with ``exist_ok=False``: nothing is ever overwritten.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sim.base.safe_io import atomic_write, csv_bytes, read_csv, read_json, read_toml
from sim.base.tables import Rows
from sim.scenario import Scenario, resolve, safe_name

if TYPE_CHECKING:
    import pandas as pd

DAYS_FILE, POSTS_FILE = "days.csv", "posts.csv"
SCENARIO_FILE, META_FILE = "scenario.resolved.toml", "meta.json"


class Results:
    """A finished run.

    Args:
        scenario: the resolved scenario that ran.
        seed: the run's seed.
        days: one row per day (see ``sim.base.metrics``): a DataFrame, or the recorder's rows
            (a :class:`sim.base.tables.Rows`), turned into a DataFrame when first read.
        posts: one row per post, likewise.
        meta: version, seed, platform, timings and audience size.

    A run keeps its tables as rows until ``days`` or ``posts`` is read, so that a run which only
    writes its files or its summary never imports pandas.
    """

    def __init__(self, scenario: Scenario, seed: int, days, posts, meta: dict | None = None):
        self.scenario = scenario
        self.seed = seed
        self._days = days
        self._posts = posts
        self.meta = {} if meta is None else meta

    @property
    def days(self) -> pd.DataFrame:
        """One row per day, as a pandas DataFrame."""
        if isinstance(self._days, Rows):
            self._days = self._days.to_frame()
        return self._days

    @days.setter
    def days(self, table) -> None:
        self._days = table

    @property
    def posts(self) -> pd.DataFrame:
        """One row per post, as a pandas DataFrame."""
        if isinstance(self._posts, Rows):
            self._posts = self._posts.to_frame()
        return self._posts

    @posts.setter
    def posts(self, table) -> None:
        self._posts = table

    def __repr__(self) -> str:
        return (
            f"<Results {self.scenario.name!r} seed {self.seed}: {len(self._days)} days, "
            f"{len(self._posts)} posts>"
        )

    def summary(self) -> dict:
        """Every run figure of the metric catalogue (:data:`sim.base.metrics.RUN_FIGURES`)."""
        from sim.base.metrics import summarise

        return summarise(self._days, self._posts)

    def day_columns(self) -> dict:
        """The day table as ``{column: NumPy array}``, in column order, without pandas."""
        table = self._days
        if isinstance(table, Rows):
            return {c: table[c] for c in table.columns}
        return {c: table[c].to_numpy() for c in table.columns}

    def post_columns(self) -> dict:
        """The post table as ``{column: NumPy array}``, in column order, without pandas."""
        table = self._posts
        if isinstance(table, Rows):
            return {c: table[c] for c in table.columns}
        return {c: table[c].to_numpy() for c in table.columns}

    def write_tables(self, folder: Path) -> None:
        """Write ``days.csv`` and ``posts.csv`` into ``folder`` (rows without pandas)."""
        for table, name in ((self._days, DAYS_FILE), (self._posts, POSTS_FILE)):
            if isinstance(table, Rows):
                table.write_csv(folder / name)
            else:
                atomic_write(folder / name, csv_bytes(table, index=False), folder)


class OutputError(Exception):
    """A results folder that cannot be created or written (read-only, a file in the way, a full
    disk); the message names the folder and the fix."""


def inside(root: str | Path, folder: str | Path) -> bool:
    """Whether ``folder`` resolves to ``root`` itself or somewhere below it."""
    root_r, folder_r = Path(root).resolve(), Path(folder).resolve()
    return folder_r == root_r or root_r in folder_r.parents


def new_run_dir(root: str | Path, name: str, seed: int) -> Path:
    """Create and return a fresh folder ``root/name/<timestamp>-seed<seed>[-k]``.

    Never returns an existing folder: a clash (two runs in the same second) gets a suffix.

    Raises:
        OutputError: ``name`` would leave ``root``, or the folder cannot be created.
    """
    base = Path(root) / name
    if (
        name in ("", ".", "..")
        or Path(name).name != name
        or not inside(root, base)
        or base.resolve() == Path(root).resolve()
    ):
        raise OutputError(
            f"{name!r} cannot be a folder name under {root}: it would resolve "
            "outside it; use letters, digits, '_', '-' and '.'"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        base.mkdir(parents=True, exist_ok=True)
        for k in range(1000):
            candidate = base / (f"{stamp}-seed{seed}" + (f"-{k}" if k else ""))
            try:
                candidate.mkdir()
                return candidate
            except FileExistsError:
                continue
    except OSError as exc:
        raise OutputError(
            f"cannot create a results folder under {base}: "
            f"{exc.strerror or exc}; choose a writable --out"
        ) from None
    raise OutputError(f"could not find a free run folder under {base}")


def write(results: Results, folder: str | Path) -> Path:
    """Write a run's tables, resolved scenario and metadata into an empty ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    clash = [f for f in (DAYS_FILE, POSTS_FILE, SCENARIO_FILE, META_FILE) if (folder / f).exists()]
    if clash:
        raise FileExistsError(f"{folder} already holds {', '.join(clash)}; refusing to overwrite")
    results.write_tables(folder)
    atomic_write(
        folder / SCENARIO_FILE,
        (
            f"# Scenario as run (seed {results.seed}); `feedsim run` accepts this file as it is.\n"
            + results.scenario.to_toml()
        ).encode(),
        folder,
    )
    atomic_write(folder / META_FILE, (json.dumps(results.meta, indent=2) + "\n").encode(), folder)
    return folder


def read(folder: str | Path) -> Results:
    """Read a run folder written by :func:`write`.

    Every file is read as :mod:`sim.base.safe_io` reads a result folder's files: regular files only,
    inside the folder, within a size limit.

    Raises:
        FileNotFoundError: not a run folder, or one that lacks a file.
        sim.base.safe_io.FileRefusedError: a file that is a pipe, a device or a link out of the
        folder. ValueError: a damaged file (bad TOML or JSON, no seed, an empty or cut table),
        named.
    """
    folder = Path(folder)
    if not (folder / DAYS_FILE).exists():
        raise FileNotFoundError(f"{folder} is not a run folder (no {DAYS_FILE})")
    path = folder / SCENARIO_FILE
    raw = read_toml(path, "resolved scenario", folder)
    if "days" not in raw:  # an emptied file would read as the defaults: another run
        raise ValueError(
            f"{path}: this resolved scenario is empty or cut (no days); rerun the "
            "scenario or restore the file"
        )
    scenario = resolve(raw, source=str(path), merge_preset=False)
    meta = read_json(folder / META_FILE, "run metadata", folder)
    try:
        seed = int(meta["seed"])
    except (TypeError, KeyError, ValueError):
        raise ValueError(
            f"{folder / META_FILE}: no seed (the run's seed is missing or not a "
            "whole number); rerun the scenario or restore the file"
        ) from None
    days = read_csv(folder / DAYS_FILE, "day table", folder, whole=True)
    if len(days) != scenario.days or "day" not in days:
        raise ValueError(
            f"{folder / DAYS_FILE}: {len(days)} days where the run has "
            f"{scenario.days}; the table is cut or altered: rerun the scenario"
        )
    return Results(
        scenario=scenario,
        seed=seed,
        days=days,
        posts=_read_posts(folder / POSTS_FILE, folder),
        meta=meta,
    )


def _read_posts(path: Path, folder: Path) -> pd.DataFrame:
    # A plain post has no attributes: an empty text, not a missing number.
    posts = read_csv(path, "post table", folder, whole=True, dtype={"content": "str"})
    if "content" in posts:
        posts["content"] = posts["content"].fillna("")
    return posts


__all__ = ["OutputError", "Results", "inside", "new_run_dir", "write", "read", "safe_name"]
