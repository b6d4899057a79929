"""What a plausible-worlds study runs: a tactic and its baseline in every combination of the
structural assumptions' alternatives, on common random numbers.

A *world* is one alternative of each structural assumption the tactic rests on (the platform
scores per view, bought followers scroll, nobody finds out, purges come in waves, ...). Both
scenarios run in every world on the same seeds, so the tactic's effect in a world is measured
against the baseline in that same world. Nothing here runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from sim.base.i18n import Said
from sim.scenario import Scenario, ScenarioError
from sim.scenario.assumptions import BY_KEY, Assumption, applicable

PLAN_FILE = "worlds.toml"
HEADLINE = "mean_real_reach_per_post"
CUSTOMERS = "purchases"
METRICS = (HEADLINE, "followers_real_end", CUSTOMERS, "net_revenue")


@dataclass(frozen=True)
class World:
    """One combination: the alternative of each assumption, and the keys that set them."""

    index: int
    choices: tuple[tuple[str, str], ...]  # (assumption key, alternative name)
    overrides: tuple[tuple[str, Any], ...]

    @property
    def label(self) -> str:
        """'per_view · absent · off · waves': the alternatives, in assumption order."""
        return " · ".join(name for _, name in self.choices)


@dataclass
class Plan:
    """A validated plausible-worlds study, before anything runs."""

    name: str
    tactic: Scenario
    baseline: Scenario
    assumptions: list[Assumption]
    worlds: list[World]
    seeds: list[int]
    metrics: tuple[str, ...] = METRICS

    @property
    def runs(self) -> int:
        """Simulation runs: worlds × seeds × 2 scenarios."""
        return len(self.worlds) * len(self.seeds) * 2

    def to_dict(self) -> dict[str, Any]:
        """What defines the study: written to ``worlds.toml`` and compared on a rerun."""
        import hashlib

        def digest(sc: Scenario) -> str:
            return hashlib.sha256(sc.to_toml().encode()).hexdigest()[:16]

        return {
            "name": self.name,
            "tactic": self.tactic.name,
            "baseline": self.baseline.name,
            "scenarios": {"tactic": digest(self.tactic), "baseline": digest(self.baseline)},
            "seeds": list(self.seeds),
            "metrics": list(self.metrics),
            "assumptions": {
                a.key: [n for n in a.names if any(dict(w.choices)[a.key] == n for w in self.worlds)]
                for a in self.assumptions
            },
            "worlds": len(self.worlds),
        }


def without_tactics(tactic: Scenario) -> Scenario:
    """The tactic's scenario as written, with every growth tactic switched off: the same shop
    on the same platform and audience, organic (the default baseline)."""
    from sim.scenario import resolve

    raw = tactic.written()
    raw.pop("strategies", None)
    raw["name"] = f"{tactic.name}-without-tactics"[:80]
    return resolve(raw, source=f"{tactic.name} without its tactics")


def parse_only(text: str | None) -> dict[str, tuple[str, ...] | None]:
    """``--only`` as assumption key -> alternatives (None: all of them).

    ``"feed.test_score,discovery.enabled"`` keeps those two choices;
    ``"strategies.buy.bots=absent+react"`` keeps two of that choice's alternatives.
    """
    out: dict[str, tuple[str, ...] | None] = {}
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        key, _, alts = item.partition("=")
        key = key.strip()
        if key not in BY_KEY or not BY_KEY[key].categorical:
            known = ", ".join(a.key for a in BY_KEY.values() if a.categorical)
            raise ScenarioError(
                Said(
                    "--only {item!r}: {key!r} is not a structural assumption; choose from {known}",
                    {"item": item, "key": key, "known": known},
                )
            )
        names = tuple(a.strip() for a in alts.split("+") if a.strip()) if alts else None
        for n in names or ():
            if n not in BY_KEY[key].names:
                raise ScenarioError(
                    Said(
                        "--only {item!r}: {key} has no alternative {name!r}; its alternatives: "
                        "{names}",
                        {
                            "item": item,
                            "key": key,
                            "name": n,
                            "names": ", ".join(BY_KEY[key].names),
                        },
                    )
                )
        out[key] = names
    return out


def make_plan(
    tactic: Scenario,
    baseline: Scenario | None = None,
    seeds: list[int] | None = None,
    only: dict[str, tuple[str, ...] | None] | None = None,
    name: str | None = None,
    metrics: tuple[str, ...] = METRICS,
) -> Plan:
    """The worlds of ``tactic`` against ``baseline`` (default: :func:`without_tactics`).

    Args:
        tactic: the scenario whose conclusion is tested.
        baseline: what it is compared with, in every world.
        seeds: seeds per world (default 0-2), shared by both scenarios.
        only: keep these assumptions (and, where named, these alternatives); None: every
            structural assumption the tactic rests on, with all its alternatives.
        name: the study's folder name (default ``<tactic>-worlds``).

    Raises:
        ScenarioError: no assumption applies, a named one does not apply, or a world is not a
            valid scenario (the message names the world).
    """
    from sim.scenario import safe_name

    if baseline is None:
        baseline = without_tactics(tactic)
    seeds = list(seeds if seeds is not None else range(3))
    if not seeds:
        raise ScenarioError("give at least one seed")
    flat = tactic.to_dict()
    rests_on = [
        a for a in applicable(flat, categorical=True) if a.worlds or (only and a.key in only)
    ]
    if only:
        missing = [k for k in only if k not in {a.key for a in rests_on}]
        if missing:
            raise ScenarioError(
                f"--only {', '.join(missing)}: {tactic.name} does not rest on "
                f"it (it switches on nothing it acts on); it rests on "
                f"{', '.join(a.key for a in rests_on) or 'none'}"
            )
        rests_on = [a for a in rests_on if a.key in only]
    if not rests_on:
        raise ScenarioError(
            f"{tactic.name}: it rests on no structural assumption, so there is "
            "only one world; compare the two scenarios with `feedsim compare`"
        )
    per = [
        [alt for alt in a.alternatives if not (only and only.get(a.key)) or alt.name in only[a.key]]
        for a in rests_on
    ]
    worlds = []
    for i, combo in enumerate(itertools.product(*per)):
        overrides: dict[str, Any] = {}
        for alt in combo:
            overrides.update(alt.overrides(flat))
        choices = tuple((a.key, alt.name) for a, alt in zip(rests_on, combo, strict=True))
        worlds.append(World(i, choices, tuple(overrides.items())))
    return Plan(
        safe_name(name or f"{tactic.name}-worlds", "worlds"),
        tactic,
        baseline,
        rests_on,
        worlds,
        seeds,
        tuple(metrics),
    )
