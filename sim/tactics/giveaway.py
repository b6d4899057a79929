"""'Follow us to win': a giveaway that buys follows with a prize.

Entrants are chosen at random among non-followers, so mostly people with little interest in the
niche; prize hunters follow many accounts, so they notice few of the brand's posts; many leave
after the draw. The source articles name it a hollow tactic. All numbers are assumptions.

When it acts is written as every tactic that happens on given days writes it: ``days = [30]``
(one giveaway per day listed, each drawn ``duration`` days later). The older ``day = 30`` is still
read as ``days = [30]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field, field_validator, model_validator

from sim.base.accounts import GIVEAWAY, NONE, REAL
from sim.base.i18n import Said
from sim.base.l10n import Named
from sim.base.params import Params, Refusal, check_days, one_day_at_least
from sim.components import Component

# The draw's day, as a refusal of a draw after the run names it (the key stays as written).
_DRAW = "strategies.giveaway.duration (the draw, days + duration)"
_DRAW_NL = "strategies.giveaway.duration (de trekking, days + duration)"


class GiveawayParams(Params):
    """'Follow us to win': entrants follow for the prize, and many leave after the draw."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days a giveaway opens (0 = first day)"
    )
    duration: int = Field(7, ge=1, le=365, description="days until the draw")
    # No number by default: a giveaway table that names no entrants would do nothing, so a
    # scenario must state them (0 is allowed on purpose, e.g. as a sweep's baseline).
    entrants: int | None = Field(
        None, ge=0, le=50_000_000, description="users who follow to enter each giveaway (required)"
    )
    prize_cost: float = Field(
        200.0, ge=0, le=1_000_000_000, description="euros per giveaway (assumption)"
    )
    cost_per_entrant: float = Field(
        0.0,
        ge=0,
        le=1_000_000,
        description="euros per entrant on top of the prize: handling "
        "entries, checking the rules (assumption; 0: none counted)",
    )
    churn_after_draw: float = Field(
        0.6, ge=0, le=1, description="share of entrants who unfollow after the draw (assumption)"
    )
    attention: float = Field(
        0.3,
        ge=0,
        le=1,
        description="entrants' attention to the brand's posts relative to their "
        "usual activity: prize hunters follow many accounts (assumption)",
    )

    @model_validator(mode="before")
    @classmethod
    def _old_single_day(cls, data: Any) -> Any:
        # `day = 30` was this table's own spelling; every dated tactic now takes `days`.
        if isinstance(data, dict) and "day" in data:
            if "days" in data:
                raise Refusal(
                    Said("give either `days = [...]` or the older `day = N`, not both", {})
                )
            data = {**data, "days": [data["day"]]}
            del data["day"]
        return data

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        one_day_at_least(days)
        return check_days(days, "opening day")


class Giveaway(Component):
    """Opens on each of ``days``, draws ``duration`` days later."""

    name = "giveaway"
    costs = ("prize_cost", "cost_per_entrant")
    cost_model = (
        "prize per giveaway + cost per entrant × entrants, for each giveaway (both "
        "assumptions: set your own)"
    )
    cost_model_nl = (
        "prijs per winactie + kosten per deelnemer × deelnemers, voor elke winactie "
        "(beide aannames: vul uw eigen in)"
    )
    group = "strategies"
    Params = GiveawayParams

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.entrants: dict[int, np.ndarray] = {}  # draw day -> entrants of that giveaway
        # Entrants who still follow for a prize, and their activity before they entered: their
        # attention is lowered while they follow, and given back once they no longer do.
        self.held = np.empty(0, dtype=np.int64)
        self.usual = np.empty(0, dtype=np.float64)

    @classmethod
    def idle(cls, params) -> Said | None:
        """Why a giveaway that names no entrants is refused, else None."""
        if params.entrants is None:
            return Said(
                "strategies.giveaway.entrants is missing: a giveaway that names no entrants "
                "brings nobody; set e.g. entrants = 3000 (the users who follow to enter)",
                {},
            )
        return None

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """What the giveaways inside the run cost together: each one's prize and its cost per
        entrant (euros)."""
        each = params.prize_cost + params.cost_per_entrant * (params.entrants or 0)
        return each * sum(1 for d in params.days if d < scenario.days)

    @classmethod
    def dated(cls, params):
        """The opening days and the draw days, when the giveaway names entrants."""
        if not params.entrants:
            return []
        return [("strategies.giveaway.days", d) for d in params.days] + [
            (Named(_DRAW, nl=_DRAW_NL), d + params.duration) for d in params.days
        ]

    def act(self, model, day: int) -> None:
        """On a draw day some entrants leave; on an opening day ``entrants`` real users follow
        to enter (paying less attention) and the prize is paid. An entrant who left (after the
        draw or any day since, or removed by the platform) has its usual activity back the next
        morning, so a user who enters several giveaways is not dimmed again each time."""
        a, g, c = model.audience, self.rng, self.params
        self._give_back(a)
        drawn = self.entrants.pop(day, None)
        if drawn is not None and drawn.size:
            still = drawn[a.origin[drawn] == GIVEAWAY]
            leave = still[g.random(still.shape[0]) < c.churn_after_draw]
            a.origin[leave] = NONE
            model.count("unfollows", leave.shape[0])
            self._give_back(a)
        if day in c.days and c.entrants:
            pool = np.flatnonzero((a.origin == NONE) & (a.kind == REAL))
            take = min(c.entrants, pool.shape[0])
            entrants = g.choice(pool, size=take, replace=False)
            a.origin[entrants] = GIVEAWAY
            self.held = np.concatenate([self.held, entrants])
            self.usual = np.concatenate([self.usual, a.activity[entrants]])
            a.activity[entrants] *= c.attention
            a.follow_day[entrants] = day
            a.last_seen[entrants] = day
            self.entrants[day + c.duration] = entrants
            model.count("tactic_follows", take)
            model.spend(self.name, c.prize_cost + c.cost_per_entrant * take)

    def _give_back(self, a) -> None:
        """Give the entrants who no longer follow their usual activity back."""
        if not self.held.size:
            return
        gone = a.origin[self.held] != GIVEAWAY
        if gone.any():
            back = gone & (a.removed[self.held] == 0)  # a removed account stays silent
            a.activity[self.held[back]] = self.usual[back]
            self.held, self.usual = self.held[~gone], self.usual[~gone]
