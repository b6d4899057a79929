"""'Follow us to win': a giveaway that buys follows with a prize.

Entrants are chosen at random among non-followers, so mostly people with little interest in the
niche; prize hunters follow many accounts, so they notice few of the brand's posts; many leave
after the draw. The source articles name it a hollow tactic. All numbers are assumptions.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.accounts import GIVEAWAY, NONE, REAL
from sim.components import Component
from sim.params import Params


class GiveawayParams(Params):
    """'Follow us to win': entrants follow for the prize, and many leave after the draw."""

    day: int = Field(30, ge=0, le=3650, description="day the giveaway opens")
    duration: int = Field(7, ge=1, le=365, description="days until the draw")
    entrants: int = Field(0, ge=0, le=50_000_000, description="users who follow to enter")
    prize_cost: float = Field(200.0, ge=0, le=1_000_000_000, description="euros (assumption)")
    churn_after_draw: float = Field(
        0.6, ge=0, le=1, description="share of entrants who unfollow after the draw (assumption)"
    )
    attention: float = Field(
        0.3, ge=0, le=1, description="entrants' attention to the brand's posts relative to their "
        "usual activity: prize hunters follow many accounts (assumption)"
    )


class Giveaway(Component):
    """Opens on ``day``, draws ``duration`` days later."""

    name = "giveaway"
    costs = ("prize_cost",)
    group = "strategies"
    Params = GiveawayParams

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.entrants = np.empty(0, dtype=np.int64)

    @classmethod
    def dated(cls, params):
        if params.entrants <= 0:
            return []
        return [("strategies.giveaway.day", params.day),
                ("strategies.giveaway.duration (the draw, day + duration)",
                 params.day + params.duration)]

    def act(self, model, day: int) -> None:
        a, g, c = model.audience, self.rng, self.params
        if day == c.day and c.entrants:
            pool = np.flatnonzero((a.origin == NONE) & (a.kind == REAL))
            take = min(c.entrants, pool.shape[0])
            self.entrants = g.choice(pool, size=take, replace=False)
            a.origin[self.entrants] = GIVEAWAY
            a.activity[self.entrants] *= c.attention
            a.follow_day[self.entrants] = day
            a.last_seen[self.entrants] = day
            model.count("tactic_follows", take)
            model.spend(self.name, c.prize_cost)
        elif day == c.day + c.duration and self.entrants.size:
            still = self.entrants[a.origin[self.entrants] == GIVEAWAY]
            leave = still[g.random(still.shape[0]) < c.churn_after_draw]
            a.origin[leave] = NONE
            model.count("unfollows", leave.shape[0])
