"""Sweep files and resuming: a sweep read from a TOML file (:func:`load_sweep_file`), told
apart from a scenario file (:func:`is_sweep_file`), and what makes a folder's ``sweep.toml`` a
different sweep from the one asked for (:func:`spec_diff`).

The spec itself, and its validation, is :mod:`sim.studies.sweep.spec`. Nothing here runs a
simulation or writes a sweep folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sim.base.i18n import Said
from sim.base.l10n import said_of
from sim.scenario import ScenarioError, load_scenario
from sim.scenario import suggest as _suggest
from sim.scenario.loading import parse_toml, read_input
from sim.studies.sweep.spec import SweepError, SweepSpec, _seed_text, _show, make_spec

SPEC_KEYS = {"name", "scenario", "description", "seeds", "metrics", "grid", "overrides"}


def load_sweep_file(
    path: str | Path,
    extra_grid: Iterable[tuple[str, list]] = (),
    seeds: int | str | list | None = None,
    name: str | None = None,
    notes: list[Said] | None = None,
) -> SweepSpec:
    """Load and validate a sweep file (TOML).

    Keys: ``scenario`` (path, relative to the sweep file), ``[grid]`` (dotted key -> list of
    values), ``seeds`` (a count, a list or a "10-19" range), optional ``[overrides]`` (dotted key ->
    one value, applied to the base scenario, e.g. a smaller audience), ``metrics``, ``name``,
    ``description``. ``extra_grid`` (from --set) adds to or replaces grid and override keys;
    ``seeds`` and ``name`` replace the file's. Each replaced key is described in ``notes``.
    """
    path = Path(path)
    try:
        raw = parse_toml(read_input(path, "sweep file"), path)
    except ScenarioError as exc:
        raise SweepError(said_of(exc)) from None
    unknown = [k for k in raw if k not in SPEC_KEYS]
    if unknown:
        k = unknown[0]
        hint = _suggest(k, sorted(SPEC_KEYS))
        raise SweepError(
            f"{path}: unknown key {k!r} in a sweep file{hint}"
            f"; valid keys: {', '.join(sorted(SPEC_KEYS))}"
        )
    if "scenario" not in raw or not isinstance(raw["scenario"], str):
        raise SweepError(
            f"{path}: `scenario` is required: the base scenario file, relative to "
            'the sweep file (e.g. scenario = "../scenarios/organic.toml")'
        )
    for table in ("grid", "overrides"):
        if not isinstance(raw.get(table, {}), dict):
            raise SweepError(f"{path}: [{table}] must be a table of dotted keys")
    grid = {}
    for k, v in _flatten(raw.get("grid", {})).items():
        if not isinstance(v, list):
            raise SweepError(
                f"{path}: [grid] {k} = {_show(v)} must be a list of values to try "
                "(put single values in [overrides])"
            )
        grid[k] = v
    overrides = _flatten(raw.get("overrides", {}))
    for k, v in extra_grid:
        # The command line wins over the file, and says so.
        if k in grid:
            _note(notes, k, "[grid]", _show(grid.pop(k)))
        if k in overrides:
            _note(notes, k, "[overrides]", _show(overrides.pop(k)))
        grid[k] = v
    for key in ("name", "description"):
        if key in raw and not isinstance(raw[key], str):
            raise SweepError(f"{path}: {key} = {_show(raw[key])} must be text in quotes")
    try:
        base = load_scenario(path.parent / raw["scenario"])
    except ScenarioError as exc:  # the base scenario's own message, said from the sweep file
        fields = {"path": path, "scenario": raw["scenario"], "problem": said_of(exc)}
        raise SweepError(Said("{path}: scenario = {scenario!r}: {problem}", fields)) from None
    metrics = raw.get("metrics")
    if metrics is not None and not (
        isinstance(metrics, list) and all(isinstance(m, str) for m in metrics)
    ):
        raise SweepError(
            f"{path}: metrics must be a list of names, e.g. "
            f'["followers_end", "mean_real_reach_per_post"]'
        )
    if seeds is None:
        seeds = raw.get("seeds", 1)
    try:
        return make_spec(
            base,
            grid,
            seeds=seeds,
            metrics=metrics,
            name=name or raw.get("name") or path.stem,
            overrides=overrides,
            source=f"{path}:",
        )
    except ScenarioError as exc:
        said = said_of(exc)
        if not str(exc).startswith(str(path)):
            said = Said("{path}: {problem}", {"path": path, "problem": said})
        raise SweepError(said) from None


def _note(notes: list[Said] | None, key: str, table: str, value: str) -> None:
    if notes is not None:
        notes.append(
            Said(
                "--set {key} replaces the sweep file's {table} {key} = {value}",
                {"key": key, "table": table, "value": value},
            )
        )


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
        raw = parse_toml(read_input(path, "scenario or sweep file"), path)
    except ScenarioError:
        return False  # loading it as a scenario reports what is wrong
    return "scenario" in raw or "grid" in raw


# ---------------------------------------------------------------------------------------------
# Resuming: is a folder's spec the same sweep?
# ---------------------------------------------------------------------------------------------


def spec_diff(old: dict, new: dict) -> list[str]:
    """What makes the spec ``new`` a different sweep from ``old`` (both as in ``sweep.toml``).

    Grid, base scenario and dropped seeds count; added seeds and other metrics do not (the
    sweep resumes). Each difference is one line naming the key and both values; none: ``[]``.
    """
    diffs = []
    if "keys" in old or "keys" in new:  # explicit points: the points are the design
        if old.get("keys") != new.get("keys"):
            diffs.append(
                f"keys: folder has {old.get('keys', 'a grid')}, now {new.get('keys', 'a grid')}"
            )
        elif old.get("points") != new.get("points"):
            op, np_ = old.get("points", {}), new.get("points", {})
            moved = [p for p in sorted(set(op) | set(np_)) if op.get(p) != np_.get(p)]
            diffs.append(f"points: {len(moved)} differ (first {moved[0]})")
    elif old.get("grid") != new["grid"]:
        og, ng = old.get("grid", {}), new["grid"]
        for k in sorted(set(og) | set(ng)):
            if og.get(k) != ng.get(k):
                diffs.append(
                    f"grid {k}: folder has {og.get(k, 'nothing')}, now {ng.get(k, 'nothing')}"
                )
    flat_old, flat_new = _flatten(old.get("base", {})), _flatten(new["base"])
    for k in sorted(set(flat_old) | set(flat_new)):
        if flat_old.get(k) != flat_new.get(k):
            diffs.append(
                f"scenario {k}: folder has {_show(flat_old.get(k, 'nothing'))}, "
                f"now {_show(flat_new.get(k, 'nothing'))}"
            )
    old_seeds, new_seeds = old.get("seeds", []), new["seeds"]
    if not set(old_seeds) <= set(new_seeds):
        diffs.append(
            f"seeds: folder has {_seed_text(old_seeds)}, now {_seed_text(new_seeds)} "
            "(adding seeds resumes; dropping them does not)"
        )
    return diffs
