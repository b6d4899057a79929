"""A budget plan's definition and its money: the study's inputs (:class:`PlanSpec`), the goals,
the constraints (:func:`capped`) and how euros per lever become a scenario (:func:`allocate`).
Part of the planner (:mod:`sim.studies.plan.planner`, which re-exports these names).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sim.base.i18n import Said
from sim.scenario import Scenario, ScenarioError
from sim.studies.plan.costs import Production
from sim.studies.plan.levers import LEVERS

GOALS = {
    "real_followers": "followers_real_end",
    "engaged_real_followers": "engaged_real_followers_end",
    "purchases": "purchases",
    "net_euros": "net_euros",
}
# Production levers first, so the posts lever prices its posts at the quality the content lever
# bought, and staff share the posts the posts lever added: the money then adds up exactly.
ORDER = (
    "content",
    "posts",
    "replies",
    "influencer",
    "boost",
    "giveaway",
    "community",
    "employee_advocacy",
)
HOUR_LEVERS = ("community", "employee_advocacy", "posts", "content", "replies")
DISTINCT = 0.3  # an alternative moves at least 30% of the money elsewhere (L1 / 2 of shares)


@dataclass
class PlanSpec:
    """A validated planning study, before anything runs."""

    name: str
    base: Scenario
    budget: float
    goal: str
    levers: list[str]
    tune_seeds: list[int]
    test_seeds: list[int]
    trials: int = 40
    max_influencer_posts_per_month: float | None = None
    max_hours_per_week: float | None = None
    sampler_seed: int = 0
    batch: int = 8
    worlds: bool = False  # also judge the plans in every plausible world (see plan_worlds)

    def __post_init__(self):
        if self.goal not in GOALS:
            raise ScenarioError(
                Said(
                    "--goal {goal!r}: choose from {goals}",
                    {"goal": self.goal, "goals": ", ".join(GOALS)},
                )
            )
        if not self.budget > 0:
            raise ScenarioError(
                Said("--budget {budget:g}: give a budget above 0 euros", {"budget": self.budget})
            )
        overlap = set(self.tune_seeds) & set(self.test_seeds)
        if overlap:
            raise ScenarioError(
                Said(
                    "test seeds {seeds} are also tuning seeds: the verdict must come from seeds "
                    "the search never saw",
                    {"seeds": sorted(overlap)},
                )
            )
        if not self.tune_seeds or not self.test_seeds:
            raise ScenarioError(Said("give at least one tuning seed and one test seed", {}))
        if self.trials < len(self.levers) + 1:
            raise ScenarioError(
                Said(
                    "--trials {trials}: give at least {least} (one per lever alone and one even "
                    "split, then the search)",
                    {"trials": self.trials, "least": len(self.levers) + 1},
                )
            )

    def to_dict(self) -> dict[str, Any]:
        """The plan as its study folder records it: its name, a digest of the base scenario,
        budget, goal, levers, seeds, caps and search settings; a folder holding another plan is
        not reused."""
        digest = hashlib.sha256(self.base.to_toml().encode()).hexdigest()[:16]
        caps = {
            k: v
            for k, v in (
                ("influencer_posts_per_month", self.max_influencer_posts_per_month),
                ("hours_per_week", self.max_hours_per_week),
            )
            if v is not None
        }
        return {
            "name": self.name,
            "base": self.base.name,
            "scenario": digest,
            "budget": self.budget,
            "goal": self.goal,
            "levers": list(self.levers),
            "tune_seeds": list(self.tune_seeds),
            "test_seeds": list(self.test_seeds),
            "trials": self.trials,
            "caps": caps,
            "sampler_seed": self.sampler_seed,
            "batch": self.batch,
        }  # --worlds adds runs to the same study, so not here


@dataclass
class Allocation:
    """Euros asked per lever, what each really spends, and the keys that spend it."""

    asked: dict[str, float]
    spent: dict[str, float]
    keys: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> float:
        """The euros really spent over all levers."""
        return float(sum(self.spent.values()))


def capped(spec: PlanSpec, euros: dict[str, float]) -> dict[str, float]:
    """``euros`` within the constraints: influencer posts a month, hours a week."""
    out = dict(euros)
    base = spec.base
    months = base.days * 12 / 365
    if spec.max_influencer_posts_per_month is not None and "influencer" in out:
        from sim.tactics.influencer import TIER_FEES

        fee = TIER_FEES["micro"]
        out["influencer"] = min(
            out["influencer"], spec.max_influencer_posts_per_month * months * fee
        )
    if spec.max_hours_per_week is not None:
        rate = Production().hourly_rate
        limit = spec.max_hours_per_week * base.days / 7.0 * rate
        hours = sum(out.get(k, 0.0) for k in HOUR_LEVERS)
        if hours > limit > 0 or (limit == 0 and hours > 0):
            scale = limit / hours
            for k in HOUR_LEVERS:
                if k in out:
                    out[k] *= scale
    return out


def allocate(base: Scenario, euros: dict[str, float]) -> Allocation:
    """Spend ``euros`` per lever over ``base``, lever by lever in ``ORDER``."""
    sc = base
    keys: dict[str, Any] = {}
    spent: dict[str, float] = {}
    for lever in sorted(euros, key=ORDER.index):
        got, really = LEVERS[lever].spend(sc, float(euros[lever]))
        spent[lever] = really
        if got:
            keys.update(got)
            sc = base.with_overrides(keys, source="a plan")
    return Allocation(dict(euros), spent, keys)


def weights_to_euros(spec: PlanSpec, weights: dict[str, float]) -> dict[str, float]:
    """The budget split over the levers in proportion to ``weights`` (euros per lever), within
    the caps; nothing when the weights add up to zero."""
    total = sum(weights.values())
    if total <= 0:
        return dict.fromkeys(spec.levers, 0.0)
    return capped(spec, {k: spec.budget * w / total for k, w in weights.items()})
