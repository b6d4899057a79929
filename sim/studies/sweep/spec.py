"""Sweep specs: what a sweep runs, parsed from ``--set`` / ``--seeds`` or a sweep file, validated.

A sweep is data (:class:`SweepSpec`): a resolved base scenario, a grid of dotted scenario keys with
the values to try (or an explicit list of points, each a dict of dotted keys, as a sensitivity
design needs), the seeds, and the headline figures to summarise (run figures of
:mod:`sim.base.metrics`). Every grid point is validated like a scenario before anything runs, so a
bad key or value fails at once with the key, the value and what is allowed. Nothing here runs a
simulation or touches a sweep folder. Sweep files and the resume check are
:mod:`sim.studies.sweep.files`.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sim.base.i18n import Said
from sim.base.l10n import Count, said_of
from sim.base.metrics import DEFAULT_FIGURES, RUN
from sim.scenario import Scenario, ScenarioError, safe_name
from sim.scenario import suggest as _suggest

RESERVED_GRID_KEYS = {"seed": "seeds come from `seeds` / --seeds", "name": "the sweep has one name"}


class SweepError(ScenarioError):
    """A sweep that cannot run (bad grid, seeds, sweep file or folder); the CLI exits 2."""


# ---------------------------------------------------------------------------------------------
# Parsing: --set values and --seeds
# ---------------------------------------------------------------------------------------------


def parse_values(text: str) -> list[Any]:
    """Values of ``--set key=v1,v2,...`` as TOML scalars: ``0,1_000`` ints, ``0.03,0.1`` floats,
    ``true``, ``"x"`` or bare words as text, ``[30],[30,120]`` lists."""
    text = text.strip()
    if not text:
        raise SweepError(Said("no values given", {}))
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
        raise SweepError(Said("empty value in {text!r}", {"text": text}))
    return items


def parse_set(arg: str) -> tuple[str, list[Any]]:
    """``"strategies.buy.count=0,1000"`` -> ``("strategies.buy.count", [0, 1000])``."""
    key, sep, values = arg.partition("=")
    key = key.strip()
    if not sep or not key:
        raise SweepError(
            Said(
                "--set {arg!r}: expected KEY=VALUE[,VALUE...], e.g. --set "
                "strategies.buy.count=0,1000,5000",
                {"arg": arg},
            )
        )
    try:
        return key, parse_values(values)
    except SweepError as exc:
        fields = {"arg": arg, "problem": said_of(exc)}
        raise SweepError(Said("--set {arg!r}: {problem}", fields)) from None


# The most seeds one sweep may name: far beyond any study (30 seeds give tight bands), and a bound
# on the memory the seed list and its runs take before anything runs.
MAX_SEEDS = 100_000
MAX_RUNS = 1_000_000  # grid points × seeds: each run is a file in the sweep folder


def parse_seeds(value: int | str | list) -> list[int]:
    """``30`` -> 0..29; ``"3,7,9"`` -> [3, 7, 9]; ``"10-19"`` -> 10..19; a list as it is.

    At most :data:`MAX_SEEDS` seeds, each listed once; checked in time linear in the text.
    """
    if isinstance(value, bool):
        raise _not_seeds(value)
    if isinstance(value, int):
        if value < 1:
            raise SweepError(
                Said("seeds = {value}: the number of seeds must be at least 1", {"value": value})
            )
        _check_count(value)
        return list(range(value))
    if isinstance(value, list):
        parts: list = value
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{1,30}", text):
            return parse_seeds(int(text))
        parts = [p.strip() for p in text.split(",")]
    else:
        raise _not_seeds(value)
    _check_count(len(parts))
    seeds: list[int] = []
    for p in parts:
        if isinstance(p, int) and not isinstance(p, bool):
            seeds.append(p)
        elif isinstance(p, str) and (m := re.fullmatch(r"(\d{1,30})\s*-\s*(\d{1,30})", p)):
            lo, hi = int(m[1]), int(m[2])
            if hi < lo:
                raise SweepError(Said("seeds {p!r}: the range ends before it starts", {"p": p}))
            _check_count(len(seeds) + hi - lo + 1)
            seeds.extend(range(lo, hi + 1))
        elif isinstance(p, str) and re.fullmatch(r"\d{1,30}", p):
            seeds.append(int(p))
        else:
            raise SweepError(
                Said(
                    "seeds: {seed!r} is not a seed (a non-negative integer or a range like 10-19)",
                    {"seed": str(p)[:40]},
                )
            )
    if any(s < 0 or s > 2**63 - 1 for s in seeds):
        raise SweepError(Said("seeds must be non-negative integers below 2**63", {}))
    seen: set[int] = set()
    for s in seeds:
        if s in seen:
            raise SweepError(Said("seeds: {seed} is listed twice", {"seed": s}))
        seen.add(s)
    if not seeds:
        raise SweepError(Said("seeds: no seeds given", {}))
    return seeds


def _not_seeds(value: object) -> SweepError:
    return SweepError(
        Said("seeds = {value!r}: expected a count, a list or a range like 10-19", {"value": value})
    )


def _check_count(n: int) -> None:
    if n > MAX_SEEDS:
        raise SweepError(
            Said(
                "seeds: {n:,} seeds asked for; a sweep takes at most {most:,} (30 already give "
                "tight bands)",
                {"n": Count(n), "most": Count(MAX_SEEDS)},
            )
        )


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
    """One run of a sweep: a grid point and a seed."""

    point: GridPoint
    seed: int

    @property
    def id(self) -> str:
        """``<point id>__seed<k>``: the run's file name in the sweep folder, without suffix."""
        return f"{self.point.id}__seed{self.seed}"


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: base scenario, grid (dotted key -> values), seeds and metrics.

    Build one with :func:`make_spec` or :func:`load_sweep_file` (a grid product) or
    :func:`sim.studies.sweep.points.make_point_spec` (an explicit list of points); all validate
    every point. An explicit spec has an empty ``grid`` and names the keys its points set in
    ``keys``.
    """

    name: str
    base: Scenario
    grid: dict[str, list[Any]]
    seeds: list[int]
    metrics: tuple[str, ...] = DEFAULT_FIGURES
    points: tuple[GridPoint, ...] = field(default=(), repr=False)
    keys: tuple[str, ...] = ()
    explicit: bool = False

    @property
    def runs(self) -> list[RunKey]:
        """Every (grid point, seed), grid point first: the order runs are submitted in."""
        return [RunKey(p, s) for p in self.points for s in self.seeds]

    def to_dict(self) -> dict[str, Any]:
        """What defines the runs (plus the metrics): written to ``sweep.toml``.

        A grid spec writes its ``grid``; an explicit one writes ``keys`` instead (its points are
        the whole design), so grid sweeps' files are what they always were.
        """
        design: dict[str, Any] = (
            {"keys": list(self.keys)}
            if self.explicit
            else {"grid": {k: list(v) for k, v in self.grid.items()}}
        )
        return {
            "name": self.name,
            "seeds": list(self.seeds),
            "metrics": list(self.metrics),
            **design,
            "points": {p.id: p.values for p in self.points},
            "base": self.base.to_dict(),
        }

    def to_toml(self) -> str:
        """:meth:`to_dict` as TOML, with a comment saying what the file is for."""
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

    Args:
        base: the resolved scenario every grid point starts from.
        grid: dotted scenario key -> values to try (a dict, or pairs in the order of ``--set``).
        seeds: a count, a list or a ``"10-19"`` range (see :func:`parse_seeds`).
        metrics: run figures of :data:`sim.base.metrics.RUN` to summarise; default
            :data:`sim.base.metrics.DEFAULT_FIGURES`.
        name: the sweep's name and folder; default ``<base name>-sweep``.
        overrides: dotted key -> one value, applied to ``base`` first.
        source: where the grid came from, to start error messages (``--set``, a file name).

    Raises:
        SweepError / ScenarioError: an unknown key (with the closest valid key), a value of the
            wrong type or out of range (with what is allowed), a combination that is not a valid
            scenario, bad seeds or metrics. Messages name the key and value.
    """
    items = list(grid.items()) if isinstance(grid, dict) else list(grid)
    seed_list = parse_seeds(seeds)
    metric_list = check_metrics(metrics)
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
    n_points = math.prod(len(v) for v in dims.values())
    if n_points * len(seed_list) > MAX_RUNS:
        raise SweepError(
            f"{source}: {n_points:,} grid points × {len(seed_list):,} seeds = "
            f"{n_points * len(seed_list):,} runs; a sweep holds at most "
            f"{MAX_RUNS:,}: sweep fewer values or seeds"
        )
    if fixed:
        base = _override(
            base, fixed, f"{source} " + " ".join(f"{k}={_show(v)}" for k, v in fixed.items())
        )
    # Each value alone first, so the error names exactly the key and value at fault; keep the
    # values as resolved (e.g. 7 -> 7.0 for a float field) so every column has one type.
    resolved_dims: dict[str, list[Any]] = {}
    alone: list[Scenario] = []  # with one dimension, each value alone is its grid point
    for key, values in dims.items():
        resolved_dims[key] = []
        for v in values:
            sc = _override(base, {key: v}, f"{source} {key}={_show(v)}")
            resolved_dims[key].append(_get_dotted(sc.to_dict(), key))
            alone.append(sc)
    # ... then every combination (e.g. a purchase day beyond a shortened horizon).
    points = []
    keys = list(dims)
    combos = list(itertools.product(*resolved_dims.values())) if dims else [()]
    width = max(2, len(str(len(combos) - 1)))
    for i, combo in enumerate(combos):
        values = dict(zip(keys, combo, strict=True))
        where = f"{source} " + " ".join(f"{k}={_show(v)}" for k, v in values.items())
        if len(keys) == 1:  # validated above, as the value alone
            sc = alone[i]
        else:
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


def check_metrics(metrics: Iterable[str] | None) -> tuple[str, ...]:
    """The run figures named (default :data:`DEFAULT_FIGURES`), each checked in the catalogue."""
    metric_list = tuple(DEFAULT_FIGURES if metrics is None else metrics)
    for m in metric_list:
        if m not in RUN:
            raise SweepError(
                f"metrics: unknown metric {m!r}{_suggest(m, list(RUN))}; "
                f"available: {', '.join(RUN)}"
            )
    return metric_list


def _override(base: Scenario, values: dict[str, Any], where: str) -> Scenario:
    try:
        return base.with_overrides(values, source=where)
    except ScenarioError as exc:
        raise SweepError(said_of(exc)) from None


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
