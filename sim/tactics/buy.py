"""Buying followers: packages of fake accounts delivered on given days.

The fakes are created with the audience (so a purchase on day 30 never reshuffles the real users)
and switched on as followers on each delivery day. What they do is named by ``bots``: by default a
basic fake never opens the app and has no interest (``"absent"``; journalists' purchase tests;
Cresci et al. 2015); ``"scroll"`` fakes open the app and see posts without reacting; ``"react"``
fakes react like real users with the interest given. A share of "premium" fakes likes now and then
(NYT 2013) through a reflex, which only acts on posts they see (not with ``"absent"``). Price:
about $9 per 1,000 (NYT on Devumi, 2018).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from sim.base.accounts import BOUGHT, BOUGHT_ORIGIN
from sim.base.i18n import Said
from sim.base.metrics import counter
from sim.base.params import Params, Refusal, check_days
from sim.components import AccountBlock, Component

# What bought accounts do once delivered, as ``bots`` names it, and the text of each mode.
BOTS = {
    "absent": "never open the app: never see a post, never react",
    "scroll": "open the app and see posts like real users but never react",
    "react": "see posts and react like real users with the given interest",
}


class BuyParams(Params):
    """Buying followers: packages of `count` fake accounts delivered on each of `days`.

    ``bots`` names what the fakes do; ``activity`` and ``interest`` are its numbers and must agree
    with it (a table that leaves ``bots`` out gets the mode its numbers imply, so older files run
    unchanged).
    """

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
    bots: Literal["absent", "scroll", "react"] = Field(
        "absent",
        description="what the fakes do, an assumption: absent = never open the app "
        "(basic bought followers have no posts, no followers and no engagement: journalists' "
        "purchase tests, Cresci et al. 2015); scroll = open it and see posts but never react "
        "(needs activity > 0); react = react like real users with the given interest (needs "
        "activity and interest > 0; 'premium' fakes occasionally like: NYT 2013)",
    )

    @model_validator(mode="before")
    @classmethod
    def _infer_bots(cls, raw: Any) -> Any:
        # Tables written before `bots` existed set only the numbers: name the mode they imply,
        # so they run exactly as before and their resolved file states it.
        if not isinstance(raw, dict) or "bots" in raw:
            return raw
        activity, interest = raw.get("activity", 0.0), raw.get("interest", 0.0)
        if not all(isinstance(x, (int, float)) for x in (activity, interest)):
            return raw  # the field validators report the bad value
        if activity > 0:
            return {**raw, "bots": "react" if interest > 0 else "scroll"}
        return raw

    @model_validator(mode="after")
    def _numbers_agree_with_bots(self) -> BuyParams:
        where = Said(
            "bots = {bots!r} ({what})", {"bots": self.bots, "what": Said(BOTS[self.bots], {})}
        )
        if self.bots == "absent":
            if self.activity > 0:
                raise Refusal(
                    Said(
                        "activity = {activity:g} contradicts {where}; set activity = 0, or bots "
                        "= 'scroll' or 'react' for fakes that open the app",
                        {"activity": self.activity, "where": where},
                    )
                )
            if self.interest > 0:
                raise Refusal(
                    Said(
                        "interest = {interest:g} contradicts {where}: they never see a post; set "
                        "interest = 0, or bots = 'react' with activity > 0",
                        {"interest": self.interest, "where": where},
                    )
                )
            return self
        if self.activity <= 0:
            raise Refusal(
                Said(
                    "{where} needs activity > 0 (how often a fake opens the app); set e.g. "
                    "activity = 0.38, the Instagram preset's mean for real users",
                    {"where": where},
                )
            )
        if self.bots == "scroll" and self.interest > 0:
            raise Refusal(
                Said(
                    "interest = {interest:g} contradicts {where}; set interest = 0, or bots = "
                    "'react'",
                    {"interest": self.interest, "where": where},
                )
            )
        if self.bots == "react" and self.interest <= 0:
            raise Refusal(
                Said(
                    "{where} needs interest > 0; set e.g. interest = 0.45 (as interested as the "
                    "brand's real fans), or bots = 'scroll'",
                    {"where": where},
                )
            )
        return self

    def traits(self) -> tuple[float, float]:
        """(activity, interest) every fake gets, as ``bots`` maps them."""
        activity = 0.0 if self.bots == "absent" else self.activity
        interest = self.interest if self.bots == "react" else 0.0
        return activity, interest

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        return check_days(days, "delivery day")


class BuyFollowers(Component):
    """Delivers ``count`` fake followers on each purchase day."""

    name = "buy"
    costs = ("price_per_1000",)
    cost_model = (
        "price per 1,000 fake followers × followers bought (The New York Times on "
        "Devumi, 2018: about $9 per 1,000)"
    )
    cost_model_nl = (
        "prijs per 1.000 nepvolgers × gekochte volgers (de New York Times over "
        "Devumi, 2018: ongeveer $9 per 1.000)"
    )
    group = "strategies"
    Params = BuyParams
    counters = (
        counter(
            "bought_delivered",
            "bought followers delivered",
            "followers",
            "fake followers delivered by the vendor",
        ),
    )

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self._next = 0

    @classmethod
    def accounts(cls, params, scenario):
        """The fake accounts every package delivered inside the run needs."""
        n = params.count * sum(1 for d in params.days if d < scenario.days)
        return AccountBlock(BOUGHT, n) if n else None

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """What the packages delivered inside the run cost together (euros)."""
        packages = sum(1 for d in params.days if d < scenario.days)
        return packages * params.count * params.price_per_1000 / 1000.0

    @classmethod
    def setup_accounts(cls, params, block, rng):
        """Give the fake accounts the vendor's activity and interest; a ``premium_share`` of
        them like by reflex with ``premium_like``."""
        block.activity[:], block.interest[:] = params.traits()
        premium = rng.random(block.ids.shape[0]) < params.premium_share
        block.reflex[premium] = params.premium_like

    @classmethod
    def dated(cls, params):
        """The purchase days, when a package holds any followers."""
        return [("strategies.buy.days", d) for d in params.days] if params.count > 0 else []

    def act(self, model, day: int) -> None:
        """On a purchase day, make the next ``count`` fake accounts follow the brand and pay for
        them."""
        p = self.params
        if day not in p.days or p.count == 0:
            return
        a = model.audience
        take = self.ids[self._next : self._next + p.count]
        if take.shape[0] < p.count:
            raise RuntimeError(
                f"day {day}: the audience holds too few fake accounts for this "
                f"purchase ({take.shape[0]} of {p.count})"
            )
        self._next += p.count
        a.origin[take] = BOUGHT_ORIGIN
        a.follow_day[take] = day
        model.bought(day)
        model.count("bought_delivered", take.shape[0])
        model.spend(self.name, p.count * p.price_per_1000 / 1000.0)
