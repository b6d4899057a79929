"""Influencer seeding: an account from the audience is paid to share the brand's post.

The influencer is chosen from the follow graph, deterministically: ``macro`` is the most followed
account; ``micro`` the most followed account among users interested in the niche (interest at
least 0.5) whose following stays below the top 1%. On each booked day its share of the day's
first post exposes its own followers, each of whom takes notice with the influencer's
credibility. Fees are assumptions.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, field_validator

from sim.components import Component
from sim.params import Params, check_days


class InfluencerParams(Params):
    """Paid seeding: an influencer from the audience shares the brand's post on given days."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days on which the influencer shares the brand's post"
    )
    tier: Literal["micro", "macro"] = Field(
        "micro", description="micro: a well-followed account inside the niche; macro: the most "
        "followed account anywhere"
    )
    fee: float = Field(
        150.0, ge=0, le=1_000_000_000, description="euros per sponsored share (assumption)"
    )
    credibility: float = Field(
        0.6, ge=0, le=1, description="chance a follower of the influencer takes notice"
    )

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        return check_days(days)


class InfluencerSeeding(Component):
    """Books the influencer on ``days``; its share goes with the day's first post."""

    name = "influencer"
    costs = ("fee",)
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
        return [("strategies.influencer.days", d) for d in params.days]

    def act(self, model, day: int) -> None:
        if day in self.params.days:
            model.spend(self.name, self.params.fee)

    def shares_for_post(self, model, day, first_of_day):
        return self._share if first_of_day and day in self.params.days else None
