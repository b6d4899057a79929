"""Buying followers: packages of fake accounts delivered on given days.

The fakes are created with the audience (so a purchase on day 30 never reshuffles the real users)
and switched on as followers on each delivery day. A basic fake never opens the app and has no
interest (journalists' purchase tests; Cresci et al. 2015); a share of "premium" fakes likes now
and then (NYT 2013). Price: about $9 per 1,000 (NYT on Devumi, 2018).
"""

from __future__ import annotations

from pydantic import Field, field_validator

from sim.accounts import BOUGHT, BOUGHT_ORIGIN
from sim.components import AccountBlock, Component
from sim.metrics import counter
from sim.params import Params, check_days


class BuyParams(Params):
    """Buying followers: packages of `count` fake accounts delivered on each of `days`."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days on which a package is delivered (0 = first day)"
    )
    count: int = Field(0, ge=0, le=50_000_000, description="fake followers per package")
    price_per_1000: float = Field(
        9.0, ge=0, le=1_000_000, description="euros per 1,000 followers (NYT on Devumi, 2018: ~$9)"
    )
    premium_share: float = Field(
        0.0, ge=0, le=1, description="share of 'premium' fakes that occasionally like"
    )
    premium_like: float = Field(
        0.02, ge=0, le=1, description="chance a premium fake likes a post it is shown"
    )
    activity: float = Field(
        0.0, ge=0, lt=1, description="chance a fake is active (0: bots never browse)"
    )
    interest: float = Field(0.0, ge=0, lt=1, description="interest of fakes (0: never engage)")

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        return check_days(days, "delivery day")


class BuyFollowers(Component):
    """Delivers ``count`` fake followers on each purchase day."""

    name = "buy"
    group = "strategies"
    Params = BuyParams
    counters = (counter("bought_delivered", "bought followers delivered", "followers",
                        "fake followers delivered by the vendor"),)

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self._next = 0

    @classmethod
    def accounts(cls, params, scenario):
        n = params.count * sum(1 for d in params.days if d < scenario.days)
        return AccountBlock(BOUGHT, n) if n else None

    @classmethod
    def setup_accounts(cls, params, block, rng):
        block.interest[:] = params.interest
        block.activity[:] = params.activity
        premium = rng.random(block.ids.shape[0]) < params.premium_share
        block.reflex[premium] = params.premium_like

    @classmethod
    def dated(cls, params):
        return [("strategies.buy.days", d) for d in params.days] if params.count > 0 else []

    def act(self, model, day: int) -> None:
        p = self.params
        if day not in p.days or p.count == 0:
            return
        a = model.audience
        take = self.ids[self._next : self._next + p.count]
        if take.shape[0] < p.count:
            raise RuntimeError(f"day {day}: the audience holds too few fake accounts for this "
                               f"purchase ({take.shape[0]} of {p.count})")
        self._next += p.count
        a.origin[take] = BOUGHT_ORIGIN
        a.follow_day[take] = day
        model.bought(day)
        model.count("bought_delivered", take.shape[0])
        model.spend(self.name, p.count * p.price_per_1000 / 1000.0)
