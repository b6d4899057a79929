"""What the real users of a generated audience depend on: the key under which they are kept.

A leaf module (no numba, no NumPy), so a sweep's parent process can tell which of its runs
share an audience without loading the engine. The population itself is built, kept and copied
in :mod:`sim.engine.audience`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PopulationInputs:
    """Everything the real users of a generated audience depend on, besides their stream: the
    key under which a population is kept. :func:`sim.engine.audience.build_population` reads these
    and nothing else of the scenario, so two scenarios with equal inputs get the same
    population."""

    users: int
    communities: int
    niche_share: float
    niche_interest: float
    other_interest: float
    popularity_tail: float
    mean_follows: float
    reciprocity: float
    homophily: float
    activity_mean: float
    activity_spread: float
    initial_followers: int

    @classmethod
    def of(cls, scenario) -> PopulationInputs:
        """The population inputs a scenario sets: its audience's size and shape, its users'
        activity and the brand's followers at the start."""
        a, beh = scenario.audience, scenario.behaviour
        return cls(
            int(a.users),
            int(a.communities),
            float(a.niche_share),
            float(a.niche_interest),
            float(a.other_interest),
            float(a.popularity_tail),
            float(a.mean_follows),
            float(a.reciprocity),
            float(a.homophily),
            float(beh.activity_mean),
            float(beh.activity_spread),
            int(scenario.brand.initial_followers),
        )
