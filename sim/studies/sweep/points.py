"""Sweep specs from an explicit list of points rather than a grid product.

A sensitivity design moves many keys at once at points no grid yields; each point here is a dict
of dotted keys applied to the base on its own. The spec it makes is an ordinary
:class:`~sim.studies.sweep.spec.SweepSpec` (``explicit``, with ``keys`` instead of a grid), so
running, resuming and the folder format are those of every sweep.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sim.scenario import Scenario, safe_name
from sim.studies.sweep.spec import (
    RESERVED_GRID_KEYS,
    GridPoint,
    SweepError,
    SweepSpec,
    check_metrics,
    parse_seeds,
)
from sim.studies.sweep.spec import _get_dotted as get_dotted
from sim.studies.sweep.spec import _override as override


def make_point_spec(
    base: Scenario,
    points: Iterable[dict[str, Any]],
    seeds: int | str | list = 1,
    metrics: Iterable[str] | None = None,
    name: str | None = None,
    source: str = "design",
) -> SweepSpec:
    """Validate an explicit list of points over ``base`` and return the sweep's spec.

    Each point is a dict of dotted scenario keys and values, applied to ``base`` on its own (not
    a product of per-key values): the shape of a sensitivity design, where every point moves many
    keys at once. Points are numbered in the order given (``p0000``, ``p0001``, ...).

    Args:
        base: the resolved scenario every point starts from.
        points: one dict of dotted key -> value per point; at least one.
        seeds: a count, a list or a ``"10-19"`` range (see :func:`parse_seeds`).
        metrics: run figures of :data:`sim.base.metrics.RUN` to summarise.
        name: the sweep's name and folder; default ``<base name>-points``.
        source: where the points came from, to start error messages.

    Raises:
        SweepError / ScenarioError: a point that is not a valid scenario (the message names the
            point, key and value), a reserved key, bad seeds or metrics, no points.
    """
    seed_list = parse_seeds(seeds)
    metric_list = check_metrics(metrics)
    listed = [dict(p) for p in points]
    if not listed:
        raise SweepError(f"{source}: no points given")
    keys = list(dict.fromkeys(k for p in listed for k in p))
    for key in keys:
        if key in RESERVED_GRID_KEYS:
            raise SweepError(f"{source} {key}: cannot be varied; {RESERVED_GRID_KEYS[key]}")
    width = max(2, len(str(len(listed) - 1)))
    resolved = []
    for i, values in enumerate(listed):
        where = f"{source} point {i}"
        sc = override(base, values, where) if values else base
        # Keep values as resolved (7 -> 7.0 for a float field), as grid points do.
        flat = sc.to_dict()
        values = {k: get_dotted(flat, k) for k in values}
        resolved.append(GridPoint(i, f"p{i:0{width}d}", values, sc))
    return SweepSpec(
        name=safe_name(name or f"{base.name}-points", "sweep"),
        base=base,
        grid={},
        seeds=seed_list,
        metrics=metric_list,
        points=tuple(resolved),
        keys=tuple(keys),
        explicit=True,
    )
