"""Influencer seeding: an account from the audience is paid to share the brand's post.

The influencer is chosen from the follow graph, deterministically: ``macro`` is the most followed
account; ``micro`` the most followed account among users interested in the niche (interest at
least 0.5) whose following stays below the top 1%. On each booked day its share of the day's
first post exposes its own followers, each of whom takes notice with the influencer's
credibility.

Fees: a fee left out is the tier's rate (``TIER_FEES``), a point inside the per-post range
Influencer Marketing Hub's rate guide publishes for Instagram (micro $100-500, macro
$5,000-10,000; docs/sources.md); where inside the range, and reading dollars as euros, is an
assumption.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from pydantic import Field, field_validator, model_validator

from sim.base.params import Params, check_days
from sim.components import Component

# Euros per sponsored post by tier: inside Influencer Marketing Hub's published Instagram ranges
# per post (micro $100-500, macro $5,000-10,000); the point in the range is an assumption.
TIER_FEES = {"micro": 150.0, "macro": 5000.0}


class InfluencerParams(Params):
    """Paid seeding: an influencer from the audience shares the brand's post on given days."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days on which the influencer shares the brand's post"
    )
    tier: Literal["micro", "macro"] = Field(
        "micro",
        description="micro: a well-followed account inside the niche; macro: the most "
        "followed account anywhere",
    )
    fee: float = Field(
        150.0,
        ge=0,
        le=1_000_000_000,
        description="euros per sponsored share (left out: the "
        "tier's rate, micro 150, macro 5,000, inside Influencer Marketing Hub's published "
        "ranges; the point in the range is an assumption)",
    )
    credibility: float = Field(
        0.6, ge=0, le=1, description="chance a follower of the influencer takes notice"
    )

    @model_validator(mode="before")
    @classmethod
    def _fee_of_tier(cls, data: Any) -> Any:
        # A fee left out is the tier's rate, so a macro booking is not priced like a micro one.
        if isinstance(data, dict) and "fee" not in data and data.get("tier") in TIER_FEES:
            return {**data, "fee": TIER_FEES[data["tier"]]}
        return data

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        return check_days(days)


class InfluencerSeeding(Component):
    """Books the influencer on ``days``; its share goes with the day's first post."""

    name = "influencer"
    costs = ("fee",)
    cost_model = (
        "fee per sponsored post × booked days; the tier's fee lies inside Influencer "
        "Marketing Hub's published Instagram ranges (the point in it: assumption)"
    )
    cost_model_nl = (
        "tarief per gesponsorde post × geboekte dagen; het tarief van de categorie "
        "ligt binnen de gepubliceerde Instagram-bandbreedtes van Influencer "
        "Marketing Hub (het punt daarbinnen: aanname)"
    )
    group = "strategies"
    Params = InfluencerParams

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        n = audience.n_users
        followers = np.diff(audience.indptr)[:n]
        if params.tier == "macro":
            self.uid = int(np.argmax(followers))
        else:
            cap = np.quantile(followers, 0.99)
            ok = (audience.interest[:n] >= 0.5) & (followers <= cap)
            if not ok.any():
                ok = followers <= cap
            self.uid = int(np.flatnonzero(ok)[np.argmax(followers[ok])])
        self.followers = int(followers[self.uid])
        self._share = (np.array([self.uid], dtype=np.int32), np.array([params.credibility]))

    @classmethod
    def dated(cls, params):
        """The days the influencer shares the brand's post."""
        return [("strategies.influencer.days", d) for d in params.days]

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """What the booked days inside the run cost together: the influencer's fee for each
        (euros)."""
        return params.fee * sum(1 for d in params.days if d < scenario.days)

    def act(self, model, day: int) -> None:
        """Pay the fee on a booked day."""
        if day in self.params.days:
            model.spend(self.name, self.params.fee)

    def shares_for_post(self, model, day, first_of_day):
        """The influencer, with its credibility, on a booked day's first post; else None."""
        return self._share if first_of_day and day in self.params.days else None
