"""The follower vendor's risk: what handing over an account's credentials can cost.

Buying followers or likes means giving a vendor the account's login, or access through a
third-party app (source article A1). Instagram announced in November 2018 that it would remove
inauthentic likes, follows and comments from accounts using third-party apps to grow their
popularity, tell those accounts, and ask them to change their password: the platform does act
on accounts that use such services, and the login is at risk. So with each purchase
(a package of followers, a day of bought likes) two things may happen, each with its own chance:

- **restriction**: the platform restricts the account for inauthentic activity; for
  ``restrict_days`` the feed shows its posts to only ``restricted_reach`` of its followers and
  recommends them to no one (with ``removes_bought`` it also removes the bought follows);
- **takeover**: the vendor (or whoever it leaks the login to) takes the account over; the brand
  cannot post for ``takeover_days`` and its followers' trust falls by ``takeover_trust_drop``
  (they see what is posted in its name).

No platform publishes these chances or durations: every number here is an assumption, to be
swept. Off by default (``enabled = false``).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.accounts import BOUGHT, NONE, REAL
from sim.base.metrics import counter
from sim.base.params import Params
from sim.components import Component
from sim.platform.purge import remove_accounts


class VendorRiskParams(Params):
    """Per purchase, a chance of a platform restriction and a chance of an account takeover."""

    enabled: bool = Field(False, description="true: every purchase carries the risks below")
    restrict_chance: float = Field(
        0.2,
        ge=0,
        le=1,
        description="chance a purchase gets the account restricted for "
        "inauthentic activity (assumption)",
    )
    restrict_days: int = Field(
        30, ge=0, le=3650, description="days a restriction lasts (assumption)"
    )
    restricted_reach: float = Field(
        0.3,
        ge=0,
        le=1,
        description="share of followers the feed still shows a post to while "
        "restricted; no recommendation (assumption)",
    )
    removes_bought: bool = Field(
        False,
        description="true: a restriction also removes the bought follows, as a purge "
        "would (assumption; the platform's purges are sim.platform.purge)",
    )
    takeover_chance: float = Field(
        0.05,
        ge=0,
        le=1,
        description="chance a purchase ends with the account taken over (assumption)",
    )
    takeover_days: int = Field(
        14, ge=0, le=3650, description="days until the brand has its account back (assumption)"
    )
    takeover_trust_drop: float = Field(
        0.3,
        ge=0,
        le=1,
        description="share of trust followers lose over what is posted in the "
        "brand's name (assumption)",
    )


class VendorRisk(Component):
    """Draws, for each purchase, a restriction and a takeover; applies them while they last."""

    name = "vendor_risk"
    group = "platform"
    Params = VendorRiskParams
    counters = (
        counter(
            "restricted",
            "restricted by the platform",
            "days",
            "1 on a day the account is restricted for inauthentic activity",
            better=-1,
        ),
        counter(
            "taken_over",
            "account taken over",
            "days",
            "1 on a day the brand cannot post: its account is in other hands",
            better=-1,
        ),
    )

    @classmethod
    def is_on(cls, params) -> bool:
        """Whether the scenario turns the vendor risks on."""
        # Off, it does nothing: leave it out of the run and of what a sensitivity study varies.
        return params.enabled

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.restricted_until = -1  # last day of the current restriction
        self.taken_until = -1  # last day of the current takeover

    def act(self, model, day: int) -> None:
        """Count today's restriction and takeover while they last, and on a day of a purchase
        draw whether a new one starts."""
        p = self.params
        if day <= self.restricted_until:  # today's posts went out restricted
            model.count("restricted", 1)
        if day <= self.taken_until:
            model.count("taken_over", 1)
        if p.enabled and model.last_bought_day == day:  # a purchase today
            restrict, takeover = self.rng.random(2)
            if restrict < p.restrict_chance and p.restrict_days > 0:
                self.restricted_until = max(self.restricted_until, day + p.restrict_days)
                if p.removes_bought:
                    a = model.audience
                    remove_accounts(model, np.flatnonzero((a.kind == BOUGHT) & (a.origin != NONE)))
            if takeover < p.takeover_chance:
                self.taken_until = max(self.taken_until, day + p.takeover_days)
                a = model.audience
                follows = (a.origin != NONE) & (a.kind == REAL)
                a.trust[follows] *= 1.0 - p.takeover_trust_drop

    def blocks_posting(self, day: int) -> bool:
        """True while the account is taken over: the brand cannot post."""
        return day <= self.taken_until

    def restrict(self, day: int, followers: np.ndarray) -> tuple[np.ndarray, bool] | None:
        """While the account is restricted, the followers a post may still reach (each kept with
        ``restricted_reach``) and no recommendation; None otherwise."""
        if day > self.restricted_until:
            return None
        keep = self.rng.random(followers.shape[0]) < self.params.restricted_reach
        return followers[keep], False
