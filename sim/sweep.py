"""Sweeps: a grid of scenario overrides × seeds, run on a local process pool or a Dask cluster.

A sweep is data (:class:`SweepSpec`): a resolved base scenario, a grid of dotted scenario keys with
the values to try, the seeds, and the headline metrics to summarise. Every grid point is validated
like a scenario before anything runs. Each run gets its seed straight from the spec, and
:func:`sim.runner.run` spawns that seed into named streams (audience, posting, distribution, ...),
so every grid point sees the same audience and the same draws wherever the grid does not change
them (common random numbers): differences between points come from the parameter, not from noise.

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

Workers return each run's Parquet file as bytes and the parent writes it (temp name in the same
folder, then ``os.replace``): no shared filesystem is needed between a Dask cluster and the user's
machine, there is exactly one writer, and a killed sweep never leaves a half-written run file.
Only a bounded window of runs is in flight, so memory stays flat however many runs there are;
the final tables are assembled from disk one file at a time.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import re
import time
import tomllib
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.metrics import DEFAULT_FIGURES, RUN
from sim.scenario import (
    Scenario,
    ScenarioError,
    _suggest,
    load_scenario,
    resolve,
    safe_name,
)

SPEC_FILE, DAYS_FILE = "sweep.toml", "days.parquet"
RUNS_FILE, SUMMARY_FILE = "runs.csv", "summary.csv"
RUNS_DIR, FAILED_DIR, LOCK_FILE = "runs", "failed", ".sweep.lock"

SPEC_KEYS = {"name", "scenario", "description", "seeds", "metrics", "grid", "overrides"}
RESERVED_GRID_KEYS = {"seed": "seeds come from `seeds` / --seeds", "name": "the sweep has one name"}


class SweepError(ScenarioError):
    """A sweep that cannot run (bad grid, seeds, sweep file or folder); the CLI exits 2."""


# ---------------------------------------------------------------------------------------------
# Parsing: --set values, --seeds, sweep files
# ---------------------------------------------------------------------------------------------


def parse_values(text: str) -> list[Any]:
    """Values of ``--set key=v1,v2,...`` as TOML scalars: ``0,1_000`` ints, ``0.03,0.1`` floats,
    ``true``, ``"x"`` or bare words as text, ``[30],[30,120]`` lists."""
    text = text.strip()
    if not text:
        raise SweepError("no values given")
    try:
        return list(tomllib.loads(f"v = [{text}]")["v"])
    except tomllib.TOMLDecodeError:
        pass
    values = []
    for item in _split_top(text):
        try:
            values.append(tomllib.loads(f"v = {item}")["v"])
        except tomllib.TOMLDecodeError:
            values.append(item)  # a bare word such as instagram: text
    return values


def _split_top(text: str) -> list[str]:
    """Split on commas outside brackets and quotes."""
    items, depth, quote, cur = [], 0, "", []
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    items.append("".join(cur).strip())
    if any(not i for i in items):
        raise SweepError(f"empty value in {text!r}")
    return items


def parse_set(arg: str) -> tuple[str, list[Any]]:
    """``"strategies.buy.count=0,1000"`` -> ``("strategies.buy.count", [0, 1000])``."""
    key, sep, values = arg.partition("=")
    key = key.strip()
    if not sep or not key:
        raise SweepError(f"--set {arg!r}: expected KEY=VALUE[,VALUE...], e.g. "
                         "--set strategies.buy.count=0,1000,5000")
    try:
        return key, parse_values(values)
    except SweepError as exc:
        raise SweepError(f"--set {arg!r}: {exc}") from None


def parse_seeds(value: int | str | list) -> list[int]:
    """``30`` -> 0..29; ``"3,7,9"`` -> [3, 7, 9]; ``"10-19"`` -> 10..19; a list as it is."""
    if isinstance(value, bool):
        raise SweepError(f"seeds = {value!r}: expected a count, a list or a range like 10-19")
    if isinstance(value, int):
        if value < 1:
            raise SweepError(f"seeds = {value}: the number of seeds must be at least 1")
        return list(range(value))
    if isinstance(value, list):
        parts: list = value
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+", text):
            return parse_seeds(int(text))
        parts = [p.strip() for p in text.split(",")]
    else:
        raise SweepError(f"seeds = {value!r}: expected a count, a list or a range like 10-19")
    seeds: list[int] = []
    for p in parts:
        if isinstance(p, int) and not isinstance(p, bool):
            seeds.append(p)
        elif isinstance(p, str) and (m := re.fullmatch(r"(\d+)\s*-\s*(\d+)", p)):
            lo, hi = int(m[1]), int(m[2])
            if hi < lo:
                raise SweepError(f"seeds {p!r}: the range ends before it starts")
            seeds.extend(range(lo, hi + 1))
        elif isinstance(p, str) and re.fullmatch(r"\d+", p):
            seeds.append(int(p))
        else:
            raise SweepError(f"seeds: {p!r} is not a seed (a non-negative integer or a range "
                             "like 10-19)")
    if any(s < 0 or s > 2**63 - 1 for s in seeds):
        raise SweepError("seeds must be non-negative integers")
    dup = sorted({s for s in seeds if seeds.count(s) > 1})
    if dup:
        raise SweepError(f"seeds: {dup[0]} is listed twice")
    if not seeds:
        raise SweepError("seeds: no seeds given")
    return seeds


def _seed_text(seeds: list[int]) -> str:
    if seeds == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"{seeds[0]}-{seeds[-1]}"
    return ",".join(map(str, seeds))


# ---------------------------------------------------------------------------------------------
# The spec
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridPoint:
    """One combination of grid values, with its resolved scenario."""

    index: int
    id: str
    values: dict[str, Any]
    scenario: Scenario


@dataclass(frozen=True)
class RunKey:
    point: GridPoint
    seed: int

    @property
    def id(self) -> str:
        return f"{self.point.id}__seed{self.seed}"


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: base scenario, grid (dotted key -> values), seeds and metrics.

    Build one with :func:`make_spec` or :func:`load_sweep_file`; both validate every grid point.
    """

    name: str
    base: Scenario
    grid: dict[str, list[Any]]
    seeds: list[int]
    metrics: tuple[str, ...] = DEFAULT_FIGURES
    points: tuple[GridPoint, ...] = field(default=(), repr=False)

    @property
    def runs(self) -> list[RunKey]:
        return [RunKey(p, s) for p in self.points for s in self.seeds]

    def to_dict(self) -> dict[str, Any]:
        """What defines the runs (plus the metrics): written to ``sweep.toml``."""
        return {
            "name": self.name,
            "seeds": list(self.seeds),
            "metrics": list(self.metrics),
            "grid": {k: list(v) for k, v in self.grid.items()},
            "points": {p.id: p.values for p in self.points},
            "base": self.base.to_dict(),
        }

    def to_toml(self) -> str:
        import tomli_w

        return (
            "# A feedsim sweep, written before its first run. Rerunning the same sweep into this\n"
            "# folder resumes it; a different sweep is refused. `points` maps run-file names to\n"
            "# grid values; `base` is the resolved scenario every point starts from.\n"
            + tomli_w.dumps(self.to_dict())
        )


def make_spec(
    base: Scenario,
    grid: dict[str, list[Any]] | Iterable[tuple[str, list[Any]]] = (),
    seeds: int | str | list = 1,
    metrics: Iterable[str] | None = None,
    name: str | None = None,
    overrides: dict[str, Any] | None = None,
    source: str = "--set",
) -> SweepSpec:
    """Validate a grid over ``base`` and return the sweep's spec; nothing runs.

    Keys with a single value are fixed overrides of the base, not grid dimensions.

    Raises:
        SweepError / ScenarioError: an unknown key (with the closest valid key), a value of the
            wrong type or out of range (with what is allowed), a combination that is not a valid
            scenario, bad seeds or metrics. Messages name the key and value.
    """
    items = list(grid.items()) if isinstance(grid, dict) else list(grid)
    seed_list = parse_seeds(seeds)
    metric_list = tuple(DEFAULT_FIGURES if metrics is None else metrics)
    for m in metric_list:
        if m not in RUN:
            raise SweepError(f"metrics: unknown metric {m!r}{_suggest(m, list(RUN))}; "
                             f"available: {', '.join(RUN)}")
    fixed: dict[str, Any] = dict(overrides or {})
    dims: dict[str, list[Any]] = {}
    for key, values in items:
        if key in RESERVED_GRID_KEYS:
            raise SweepError(f"{source} {key}: cannot be swept; {RESERVED_GRID_KEYS[key]}")
        if not isinstance(values, list) or not values:
            raise SweepError(f"{source} {key}: expected a non-empty list of values")
        if key in dims or key in fixed:
            raise SweepError(f"{source} {key}: set twice")
        if len(values) == 1:
            fixed[key] = values[0]
        else:
            if len({_canon(v) for v in values}) < len(values):
                raise SweepError(f"{source} {key}: a value is listed twice in {values}")
            dims[key] = values
    for key in fixed:
        if key in RESERVED_GRID_KEYS:
            raise SweepError(f"overrides {key}: cannot be set; {RESERVED_GRID_KEYS[key]}")
    if fixed:
        base = _override(base, fixed, f"{source} " + " ".join(f"{k}={_show(v)}"
                                                                   for k, v in fixed.items()))
    # Each value alone first, so the error names exactly the key and value at fault; keep the
    # values as resolved (e.g. 7 -> 7.0 for a float field) so every column has one type.
    resolved_dims: dict[str, list[Any]] = {}
    for key, values in dims.items():
        resolved_dims[key] = []
        for v in values:
            sc = _override(base, {key: v}, f"{source} {key}={_show(v)}")
            resolved_dims[key].append(_get_dotted(sc.to_dict(), key))
    # ... then every combination (e.g. a purchase day beyond a shortened horizon).
    points = []
    keys = list(dims)
    combos = list(itertools.product(*resolved_dims.values())) if dims else [()]
    width = max(2, len(str(len(combos) - 1)))
    for i, combo in enumerate(combos):
        values = dict(zip(keys, combo, strict=True))
        where = f"{source} " + " ".join(f"{k}={_show(v)}" for k, v in values.items())
        sc = _override(base, values, where) if values else base
        points.append(GridPoint(i, _point_id(i, width, values), values, sc))
    return SweepSpec(
        name=safe_name(name or f"{base.name}-sweep", "sweep"),
        base=base,
        grid=resolved_dims,
        seeds=seed_list,
        metrics=metric_list,
        points=tuple(points),
    )


def _override(base: Scenario, values: dict[str, Any], where: str) -> Scenario:
    try:
        return base.with_overrides(values, source=where)
    except ScenarioError as exc:
        raise SweepError(str(exc)) from None


def _get_dotted(d: dict, dotted: str) -> Any:
    node: Any = d
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _canon(v: Any) -> str:
    return json.dumps(v, sort_keys=True)


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, list):
        return "[" + ",".join(_show(x) for x in v) + "]"
    return str(v)


def _point_id(index: int, width: int, values: dict[str, Any]) -> str:
    """``p03_count=5000`` — the index keeps ids unique, the values keep them readable."""
    parts = [f"{k.rsplit('.', 1)[-1]}={_slug(v)}" for k, v in values.items()]
    tail = "_".join(parts)
    pid = f"p{index:0{width}d}" + (f"_{tail}" if tail else "")
    return pid[:100]


def _slug(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool):
        v = str(v).lower()
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", str(v)).strip("-") or "x"


def load_sweep_file(path: str | Path, extra_grid: Iterable[tuple[str, list]] = (),
                    seeds: int | str | list | None = None, name: str | None = None) -> SweepSpec:
    """Load and validate a sweep file (TOML).

    Keys: ``scenario`` (path, relative to the sweep file), ``[grid]`` (dotted key -> list of
    values), ``seeds`` (a count, a list or a "10-19" range), optional ``[overrides]`` (dotted key ->
    one value, applied to the base scenario, e.g. a smaller audience), ``metrics``, ``name``,
    ``description``. ``extra_grid`` (from --set) adds to or replaces grid keys; ``seeds`` and
    ``name`` replace the file's.
    """
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SweepError(f"{path}: no such sweep file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SweepError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SweepError(f"{path}: not valid TOML: {exc}") from None
    unknown = [k for k in raw if k not in SPEC_KEYS]
    if unknown:
        k = unknown[0]
        hint = _suggest(k, sorted(SPEC_KEYS))
        raise SweepError(f"{path}: unknown key {k!r} in a sweep file{hint}"
                         f"; valid keys: {', '.join(sorted(SPEC_KEYS))}")
    if "scenario" not in raw or not isinstance(raw["scenario"], str):
        raise SweepError(f"{path}: `scenario` is required: the base scenario file, relative to "
                         'the sweep file (e.g. scenario = "../scenarios/organic.toml")')
    for table in ("grid", "overrides"):
        if not isinstance(raw.get(table, {}), dict):
            raise SweepError(f"{path}: [{table}] must be a table of dotted keys")
    grid = {}
    for k, v in _flatten(raw.get("grid", {})).items():
        if not isinstance(v, list):
            raise SweepError(f"{path}: [grid] {k} = {_show(v)} must be a list of values to try "
                             "(put single values in [overrides])")
        grid[k] = v
    for k, v in extra_grid:
        grid.pop(k, None)
        grid[k] = v
    overrides = _flatten(raw.get("overrides", {}))
    base = load_scenario(path.parent / raw["scenario"])
    metrics = raw.get("metrics")
    if metrics is not None and not (isinstance(metrics, list)
                                    and all(isinstance(m, str) for m in metrics)):
        raise SweepError(f"{path}: metrics must be a list of names, e.g. "
                         f'["followers_end", "mean_real_reach_per_post"]')
    if seeds is None:
        seeds = raw.get("seeds", 1)
    try:
        return make_spec(base, grid, seeds=seeds, metrics=metrics,
                         name=name or raw.get("name") or path.stem, overrides=overrides,
                         source=f"{path}:")
    except ScenarioError as exc:
        msg = str(exc)
        raise SweepError(msg if msg.startswith(str(path)) else f"{path}: {msg}") from None


def _flatten(d: dict, prefix: str = "") -> dict[str, Any]:
    """``{"brand": {"posts_per_week": [..]}}`` and ``{"brand.posts_per_week": [..]}`` alike."""
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def is_sweep_file(path: str | Path) -> bool:
    """A sweep file has a ``scenario`` key or a ``[grid]`` table; a scenario file has neither."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "scenario" in raw or "grid" in raw


# ---------------------------------------------------------------------------------------------
# One run (executed in a worker)
# ---------------------------------------------------------------------------------------------


def run_one(scenario: dict, seed: int, extra: dict[str, Any]) -> tuple[str, bytes | str]:
    """Run one (scenario, seed) and return ``("ok", parquet bytes)`` or ``("error", traceback)``.

    ``extra`` holds the columns added to every row (point id and index, grid values). Everything
    is plain data, so the task travels to any worker; errors come back as text so a failing run is
    recorded the same way on every executor.
    """
    try:
        from sim.runner import run

        sc = resolve(scenario, source="sweep point", merge_preset=False)
        result = run(sc, seed=seed)
        return "ok", _to_parquet(result, seed, extra)
    except Exception:  # noqa: BLE001 - a run that raises is recorded, the sweep goes on
        return "error", traceback.format_exc()


def _to_parquet(result, seed: int, extra: dict[str, Any]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    days = result.days.copy()
    front = {"point": extra["point"], "point_index": extra["point_index"], "seed": seed}
    for k, v in extra["values"].items():
        front[k] = _toml_value(v) if isinstance(v, list) else v
    for i, (k, v) in enumerate(front.items()):
        days.insert(i, k, [v] * len(days))
    table = pa.Table.from_pandas(days, preserve_index=False)
    summary = result.summary()
    meta = dict(table.schema.metadata or {})
    meta.update({
        b"feedsim.scenario": result.scenario.to_toml().encode(),
        b"feedsim.seed": str(seed).encode(),
        b"feedsim.summary": json.dumps(summary).encode(),
        b"feedsim.meta": json.dumps(result.meta).encode(),
    })
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), buf)
    return buf.getvalue()


def _toml_value(v: Any) -> str:
    import tomli_w

    return tomli_w.dumps({"v": v})[4:].strip()


def read_run(path: str | Path) -> tuple[Any, dict]:
    """A run file -> (per-day DataFrame, {"scenario": TOML text, "seed", "summary", "meta"})."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    md = table.schema.metadata or {}
    info = {
        "scenario": md.get(b"feedsim.scenario", b"").decode(),
        "seed": int(md.get(b"feedsim.seed", b"-1")),
        "summary": json.loads(md.get(b"feedsim.summary", b"{}")),
        "meta": json.loads(md.get(b"feedsim.meta", b"{}")),
    }
    return table.to_pandas(), info


def _run_info(path: Path) -> dict:
    import pyarrow.parquet as pq

    md = pq.read_schema(path).metadata or {}
    return {"summary": json.loads(md.get(b"feedsim.summary", b"{}")),
            "seed": int(md.get(b"feedsim.seed", b"-1"))}


# ---------------------------------------------------------------------------------------------
# Executors
# ---------------------------------------------------------------------------------------------


def _worker_init() -> None:
    """Runs once in each local worker process: leave Ctrl-C to the parent, load numba's cache."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm()


def _warm() -> None:
    """Import the engine and run a tiny scenario so compiled kernels are loaded before timing."""
    from sim.runner import run

    run(resolve({"days": 2, "audience": {"users": 200}, "brand": {"initial_followers": 10}},
                source="warm-up"), seed=0)


class LocalPool:
    """A local process pool (spawn start method, one process per core by default).

    Processes are reused across runs and warmed once each (engine imported, numba cache loaded).
    """

    def __init__(self, workers: int | None = None):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.workers = int(workers or os.cpu_count() or 1)
        if self.workers < 1:
            raise SweepError(f"--workers must be at least 1; got {workers}")
        self._ex = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                       initializer=_worker_init)
        self.label = f"local pool, {self.workers} worker{'s' * (self.workers > 1)}"

    def warm(self) -> None:
        """Start every worker now (the initializer warms it) and wait until all are ready."""
        import concurrent.futures as cf

        cf.wait([self._ex.submit(time.sleep, 0.05) for _ in range(self.workers)])

    def submit(self, fn, *args):
        return self._ex.submit(fn, *args)

    @staticmethod
    def wait_any(futures, timeout: float | None = None):
        import concurrent.futures as cf

        return cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)

    @staticmethod
    def outcome(fut):
        return fut.result()

    def close(self, cancel: bool = False) -> None:
        self._ex.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)


class DaskPool:
    """A Dask ``distributed`` cluster: an existing scheduler address, or ``"local"`` to start a
    LocalCluster of single-threaded worker processes. Workers need feedsim installed; they need
    no access to the sweep folder (results come back to this process, which writes them)."""

    def __init__(self, address: str = "local", workers: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SweepError("--dask needs the `distributed` package: pip install "
                             "'feedsim[distributed]'") from None
        self._cluster = None
        if address == "local":
            n = int(workers or os.cpu_count() or 1)
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=40)
            self._client = Client(self._cluster)
            self.label = f"Dask LocalCluster, {n} worker{'s' * (n > 1)}"
        else:
            try:
                self._client = Client(address, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise SweepError(f"--dask {address}: cannot reach the scheduler: {exc}") from None
            n = len(self._client.scheduler_info().get("workers", {}))
            self.label = f"Dask cluster at {address}, {n} workers"
        self._counter = itertools.count()

    def warm(self) -> None:
        self._client.run(_warm)

    def submit(self, fn, *args):
        # Unique keys: a rerun of the same run is a new task, never a cached result.
        return self._client.submit(fn, *args, pure=False, key=f"feedsim-run-{next(self._counter)}"
                                   f"-{os.getpid()}-{time.time_ns()}")

    @staticmethod
    def wait_any(futures, timeout: float | None = None):
        from distributed import wait

        try:
            return wait(list(futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            done = {f for f in futures if f.done()}
            return done, set(futures) - done

    @staticmethod
    def outcome(fut):
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: a worker died on this run
            return "error", f"the Dask task failed: {type(exc).__name__}: {exc}\n"

    def close(self, cancel: bool = False) -> None:
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)


def make_pool(workers: int | None = None, dask: str | None = None):
    """The executor for ``--workers N`` / ``--dask ADDRESS|local``."""
    return DaskPool(dask, workers) if dask else LocalPool(workers)


# ---------------------------------------------------------------------------------------------
# Running a sweep
# ---------------------------------------------------------------------------------------------


@dataclass
class SweepOutcome:
    """What a call to :func:`run_sweep` did."""

    folder: Path
    total: int
    skipped: int = 0
    ran: int = 0
    failed: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return len(list((self.folder / RUNS_DIR).glob("*.parquet")))


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep; finished runs are on disk. ``.outcome`` says how far it got."""

    def __init__(self, outcome: SweepOutcome):
        super().__init__(f"interrupted: {outcome.done} of {outcome.total} runs are saved in "
                         f"{outcome.folder}; run the same command again to resume")
        self.outcome = outcome


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
    if spec_path.exists():
        try:
            old = tomllib.loads(spec_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SweepError(f"{spec_path}: cannot read the sweep spec: {exc}") from None
        diffs = _spec_diff(old, new)
        if diffs:
            raise SweepError(
                f"{folder} holds a different sweep ({'; '.join(diffs[:5])}). Its runs are kept; "
                "choose another folder with --out, or another --name")
        if old.get("seeds") != new["seeds"] or old.get("metrics") != new["metrics"]:
            _atomic_write(spec_path, spec.to_toml().encode())  # more seeds / other metrics
    else:
        if folder.exists() and any(folder.iterdir()):
            raise SweepError(f"{folder} exists and is not a sweep folder (no {SPEC_FILE}); "
                             "refusing to write into it; choose another --out or --name")
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(spec_path, spec.to_toml().encode())
    (folder / RUNS_DIR).mkdir(exist_ok=True)
    return folder


def _spec_diff(old: dict, new: dict) -> list[str]:
    diffs = []
    if old.get("grid") != new["grid"]:
        og, ng = old.get("grid", {}), new["grid"]
        for k in sorted(set(og) | set(ng)):
            if og.get(k) != ng.get(k):
                diffs.append(f"grid {k}: folder has {og.get(k, 'nothing')}, "
                             f"now {ng.get(k, 'nothing')}")
    flat_old, flat_new = _flatten(old.get("base", {})), _flatten(new["base"])
    for k in sorted(set(flat_old) | set(flat_new)):
        if flat_old.get(k) != flat_new.get(k):
            diffs.append(f"scenario {k}: folder has {_show(flat_old.get(k, 'nothing'))}, "
                         f"now {_show(flat_new.get(k, 'nothing'))}")
    old_seeds, new_seeds = old.get("seeds", []), new["seeds"]
    if not set(old_seeds) <= set(new_seeds):
        diffs.append(f"seeds: folder has {_seed_text(old_seeds)}, now {_seed_text(new_seeds)} "
                     "(adding seeds resumes; dropping them does not)")
    return diffs


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def _lock(folder: Path):
    """Refuse a second sweep writing into the same folder at the same time."""
    path = folder / LOCK_FILE
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            try:
                pid = int(path.read_text() or 0)
                os.kill(pid, 0)
            except (ValueError, ProcessLookupError, FileNotFoundError):
                path.unlink(missing_ok=True)  # left by a sweep that was killed
                continue
            except PermissionError:
                pass
            raise SweepError(f"{folder} is in use by another feedsim sweep (process {pid}); "
                             "wait for it or choose another --out") from None
    else:
        raise SweepError(f"{folder}: cannot take the lock {path}")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        path.unlink(missing_ok=True)


def run_sweep(
    spec: SweepSpec,
    folder: str | Path,
    pool=None,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool = True,
    on_result: Callable[[str, str], None] | None = None,
    window: int | None = None,
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

    Returns:
        A SweepOutcome. Runs that raised are listed in ``failed`` (tracebacks in ``failed/``).

    Raises:
        SweepError: the folder holds a different sweep or is in use.
        SweepInterrupted: Ctrl-C; every finished run is saved, the rest can be resumed.
    """
    t0 = time.perf_counter()
    folder = prepare_folder(spec, folder)
    runs_dir, failed_dir = folder / RUNS_DIR, folder / FAILED_DIR
    with _lock(folder):
        for stale in runs_dir.glob(".*.tmp-*"):  # a sweep killed mid-write (SIGKILL)
            stale.unlink(missing_ok=True)
        todo = [k for k in spec.runs if not (runs_dir / f"{k.id}.parquet").exists()]
        out = SweepOutcome(folder, total=len(spec.runs), skipped=len(spec.runs) - len(todo))
        if todo:
            own = pool is None
            pool = pool or make_pool(workers, dask)
            try:
                _execute(pool, todo, runs_dir, failed_dir, out, progress, on_result,
                         window or 4 * getattr(pool, "workers", os.cpu_count() or 1))
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


def _execute(pool, todo, runs_dir, failed_dir, out, progress, on_result, window) -> None:
    from tqdm import tqdm

    queue = iter(todo)
    inflight: dict[Any, RunKey] = {}

    def fill():
        for key in itertools.islice(queue, max(0, window - len(inflight))):
            extra = {"point": key.point.id, "point_index": key.point.index,
                     "values": key.point.values}
            inflight[pool.submit(run_one, key.point.scenario.to_dict(), key.seed, extra)] = key

    bar = tqdm(total=len(todo), unit="run", desc=out.folder.name, disable=not progress,
               dynamic_ncols=True, smoothing=0.1, mininterval=0.5)
    bar.set_postfix(failed=0)
    try:
        fill()
        while inflight:
            done, _ = pool.wait_any(list(inflight), timeout=1.0)
            for fut in done:
                key = inflight.pop(fut)
                status, payload = pool.outcome(fut)
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


def _save(key: RunKey, status: str, payload, runs_dir: Path, failed_dir: Path,
          out: SweepOutcome) -> None:
    if status == "ok":
        _atomic_write(runs_dir / f"{key.id}.parquet", payload)
        (failed_dir / f"{key.id}.txt").unlink(missing_ok=True)
        out.ran += 1
    else:
        failed_dir.mkdir(exist_ok=True)
        text = (f"run {key.id}: grid point {key.point.values}, seed {key.seed}\n\n{payload}")
        _atomic_write(failed_dir / f"{key.id}.txt", text.encode())
        out.failed.append(key.id)


# ---------------------------------------------------------------------------------------------
# Final tables
# ---------------------------------------------------------------------------------------------


def read_spec(folder: str | Path) -> dict:
    """The ``sweep.toml`` of a sweep folder as a dict."""
    path = Path(folder) / SPEC_FILE
    if not path.exists():
        raise FileNotFoundError(f"{folder} is not a sweep folder (no {SPEC_FILE})")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def finalize(folder: str | Path) -> dict[str, Path]:
    """Assemble ``days.parquet``, ``runs.csv`` and ``summary.csv`` from the run files on disk.

    Reads one run file at a time (memory stays flat), in grid-point then seed order, so the
    tables are identical whatever executor ran the sweep and in whatever order runs finished.
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
    # One schema for all runs: a column that is integer in one run and float in another (e.g. a
    # cost of 0 on days without spending) becomes float. Schemas are read without the data.
    schema = None
    if files:
        schema = pa.unify_schemas([pq.read_schema(f).remove_metadata() for _, _, f in files],
                                  promote_options="permissive")
    writer, rows = None, []
    try:
        for pid, s, f in files:
            table = pq.read_table(f).replace_schema_metadata(None)
            if writer is None:
                writer = pq.ParquetWriter(tmp, schema)
            writer.write_table(table.select(schema.names).cast(schema))
            info = _run_info(f)
            row = {"point": pid, "point_index": order[pid], "seed": s}
            row.update(spec["points"][pid])
            row.update(info["summary"])
            rows.append(row)
    finally:
        if writer is not None:
            writer.close()
    if schema is not None:
        os.replace(tmp, days_path)
        written["days"] = days_path

    keys = list(spec.get("grid", {}))
    runs = pd.DataFrame(rows)
    if not runs.empty:
        for k in keys:
            runs[k] = runs[k].map(lambda v: _toml_value(v) if isinstance(v, list) else v)
    _atomic_write(folder / RUNS_FILE, runs.to_csv(index=False).encode())
    written["runs"] = folder / RUNS_FILE

    # An older folder's sweep.toml may name a figure its runs do not report (conversions became
    # visits and purchases): such figures are left out of summary.csv.
    metrics = [m for m in spec.get("metrics", DEFAULT_FIGURES) if m in runs.columns]
    summary_rows = []
    for pid in point_ids:
        row: dict[str, Any] = {"point": pid}
        for k in keys:
            v = spec["points"][pid].get(k)
            row[k] = _toml_value(v) if isinstance(v, list) else v
        sub = runs[runs["point"] == pid] if not runs.empty else runs
        row["runs"] = len(sub)
        row["failed"] = sum(1 for s in seeds if f"{pid}__seed{s}" in failed)
        for m in metrics:
            vals = sub[m].to_numpy(dtype=float) if len(sub) and m in sub else []
            row[f"{m}_mean"] = float(sum(vals) / len(vals)) if len(vals) else float("nan")
            row[f"{m}_p5"] = _quantile(vals, 0.05)
            row[f"{m}_p95"] = _quantile(vals, 0.95)
        summary_rows.append(row)
    _atomic_write(folder / SUMMARY_FILE, pd.DataFrame(summary_rows).to_csv(index=False).encode())
    written["summary"] = folder / SUMMARY_FILE
    return written


def _quantile(vals, q: float) -> float:
    import numpy as np

    return float(np.quantile(vals, q)) if len(vals) else float("nan")


def read_sweep(folder: str | Path):
    """``(spec dict, summary DataFrame, runs DataFrame)`` of a finished sweep folder."""
    import pandas as pd

    folder = Path(folder)
    spec = read_spec(folder)
    for f in (SUMMARY_FILE, RUNS_FILE):
        if not (folder / f).exists():
            raise FileNotFoundError(f"{folder} has no {f}: the sweep has not finished; run it "
                                    "again to complete it")
    summary = pd.read_csv(folder / SUMMARY_FILE)
    try:
        runs = pd.read_csv(folder / RUNS_FILE)
    except pd.errors.EmptyDataError:
        runs = pd.DataFrame()
    return spec, summary, runs


def is_sweep_folder(folder: str | Path) -> bool:
    return (Path(folder) / SPEC_FILE).exists()


__all__ = [
    "SweepError", "SweepSpec", "GridPoint", "RunKey", "SweepOutcome",
    "SweepInterrupted", "LocalPool", "DaskPool", "make_pool", "make_spec", "load_sweep_file",
    "parse_set", "parse_values", "parse_seeds", "run_sweep", "run_one", "read_run", "finalize",
    "read_spec", "read_sweep", "prepare_folder", "is_sweep_file", "is_sweep_folder",
]
