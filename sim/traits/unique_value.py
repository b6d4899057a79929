"""No unique value, no friends: a brand's distinctness.

Nobody befriends a brand unless it offers value they cannot get elsewhere (source article A5).
``distinctness`` is how much of what the brand offers others do not. Each real user finds the
offer new with that chance; for the others, who get the same elsewhere, the chance to follow the
brand and to visit its site is multiplied by ``redundant`` (:func:`sim.base.rules.decide`, the
user's *novelty*). Posting more shows the brand to more people, but the ones it can win are the
same few: follows and visits level off however much is posted. The brand's reputation, which
helpful posts build (:mod:`sim.base.content`), cannot rise above ``1 + (top - 1) × distinctness``,
``top`` being the top of its range (1.2). All numbers are assumptions: no public source
measures them. At ``distinctness = 1`` (the default) nothing changes.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.params import Params
from sim.components import Component


class UniqueValueParams(Params):
    """How much the brand offers that others do not (1: fully distinct, the default)."""

    distinctness: float = Field(
        1.0,
        ge=0,
        le=1,
        description="chance a user finds the brand's offer new: value they "
        "cannot get elsewhere (assumption; 1 = no change)",
    )
    redundant: float = Field(
        0.05,
        ge=0,
        le=1,
        description="multiplier of the chance to follow and to visit for a "
        "user who gets the same elsewhere (assumption)",
    )

    def reputation_ceiling(self, top: float) -> float:
        """The highest reputation the brand can reach, ``top`` being the range's top."""
        return 1.0 + (top - 1.0) * self.distinctness


class UniqueValue(Component):
    """Marks who finds the brand's offer new; caps reputation by distinctness."""

    name = "unique_value"
    group = "traits"
    Params = UniqueValueParams

    @classmethod
    def is_on(cls, params) -> bool:
        """Whether the brand is less than fully distinct (else the trait changes nothing)."""
        # Fully distinct changes nothing: leave it out of the run and of sensitivity studies.
        return params.distinctness < 1.0

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        n = audience.n_users
        new = rng.random(n) < params.distinctness
        audience.novelty[:n] = np.where(new, 1.0, params.redundant)  # in place: kernel view

    def after_post(self, model, post) -> None:
        """Keep the brand's reputation under the ceiling its distinctness allows."""
        planner = model.planner
        ceiling = self.params.reputation_ceiling(planner.reputation_range[1])
        planner.reputation = min(planner.reputation, ceiling)
