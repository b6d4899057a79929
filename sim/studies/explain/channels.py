"""The channels through which a tactic can lose (or gain) against its baseline, and their switches.

Each channel has a switch that turns it off in a scenario, applied to both arms alike so that the
two stay comparable (common random numbers: same seeds, same audience):

- **test dilution** -- accounts that never see a post still count in its test score. Off: the
  test is scored per view (``feed.test_score = "per_view"``), so only followers who saw the post
  count in its denominator.
- **purges** -- the platform removes detected fakes, their follows and their likes. Off: no purge
  waves and no daily detection.
- **discovery and trust** -- the audience finds out and trusts the brand less, which cuts
  stopping, visiting and buying. Off: ``discovery.enabled = false``.
- **spend** -- what the tactics cost. Off: every cost of the arm's active tactics set to zero (the
  keys each tactic names in ``costs``); it moves net euros only, since nothing in a run reads
  money back.

Whatever remains with every channel off is "the rest" (e.g. fakes' other effects on the follower
count and on who sees a post). A channel that neither scenario uses does not apply: it is left out
of the combinations and reported as zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim.registry import active
from sim.scenario import Scenario


@dataclass(frozen=True)
class Channel:
    """One channel: its name, words, how it is switched off and whether a scenario uses it."""

    name: str
    label: str
    switch: str  # how it is switched off, in words
    off: Callable[[Scenario], dict[str, Any]]  # dotted key -> value that switches it off
    used: Callable[[Scenario], bool]  # whether the scenario has it at all
    unused: str  # why it is zero when neither scenario uses it


def _purges(sc: Scenario) -> bool:
    p = sc.purge
    waves = any(d < sc.days for d in p.days) or 0 < p.every_days < sc.days
    return (waves and p.detection > 0) or p.daily_rate > 0


def _costs(sc: Scenario) -> dict[str, Any]:
    # Only the tactics this arm switches on: naming another would switch it on.
    return {
        f"{cls.group}.{cls.name}.{key}": 0.0
        for cls, params in active(sc)
        for key in cls.costs
        if getattr(params, key) > 0
    }


CHANNELS: tuple[Channel, ...] = (
    Channel(
        "dilution",
        "test dilution",
        "the test scored per view (feed.test_score = per_view)",
        lambda sc: {"feed.test_score": "per_view"},
        lambda sc: sc.feed.test_score == "per_delivery",
        "both scenarios already score the test per view",
    ),
    Channel(
        "purges",
        "purges",
        "no purge waves and no daily detection",
        lambda sc: {"purge.days": [], "purge.every_days": 0, "purge.daily_rate": 0.0},
        _purges,
        "neither scenario purges within its horizon",
    ),
    Channel(
        "discovery",
        "discovery and trust",
        "discovery disabled (discovery.enabled = false)",
        lambda sc: {"discovery.enabled": False},
        lambda sc: sc.discovery.enabled,
        "discovery is off in both scenarios",
    ),
    Channel(
        "spend",
        "spend",
        "every tactic's cost set to zero",
        _costs,
        lambda sc: bool(_costs(sc)),
        "neither scenario pays for a tactic",
    ),
)
BY_NAME = {c.name: c for c in CHANNELS}


def applicable(
    tactic: Scenario, baseline: Scenario, names: tuple[str, ...] | None = None
) -> tuple[list[Channel], dict[str, str]]:
    """The channels to switch (used by either scenario), and why each other one is zero.

    Args:
        names: consider only these channels (default: all); the others are zero "not asked".
    """
    on, zero = [], {}
    for ch in CHANNELS:
        if names is not None and ch.name not in names:
            zero[ch.name] = "not examined in this explanation"
        elif ch.used(tactic) or ch.used(baseline):
            on.append(ch)
        else:
            zero[ch.name] = f"does not apply: {ch.unused}"
    return on, zero


def combination_points(channels: list[Channel], arm: Scenario) -> list[dict[str, Any]]:
    """One point per on/off combination of ``channels`` for one arm, in bitmask order.

    Point ``m`` switches off every channel whose bit is clear in ``m`` (bit j: ``channels[j]``
    on) and keeps the arm's own values of the others' keys; the last point (all on) is the arm
    itself. Every point names every key, so each run's file has the same columns.
    """
    flat = arm.to_dict()
    offs = [ch.off(arm) for ch in channels]
    points = []
    for m in range(1 << len(channels)):
        values: dict[str, Any] = {}
        for j, off in enumerate(offs):
            values.update(off if not m & (1 << j) else {k: _get(flat, k) for k in off})
        points.append(values)
    return points


def _get(flat: dict, dotted: str) -> Any:
    node: Any = flat
    for part in dotted.split("."):
        node = node[part]
    return node
