"""A paid boost: the platform shows the day's first post to non-followers, for money.

The legitimate way to buy reach, the one strategists weigh against buying followers. On each day
in ``days`` the brand pays ``budget`` euros to boost its first post; at ``cpm`` euros per 1,000
impressions that buys ``budget / cpm × 1000`` impressions among real users who do not follow the
brand and have not seen the post. The post goes to them by the kernel's own path for non-
followers, recommendation (``sim.engine.kernel._pool``, which the model's
:meth:`~sim.engine.model.FeedModel.boost` runs), with no test before it: paid reach does not
wait for the followers' verdict. ``targeting = "interest"``
finds viewers as a recommendation pool does (each candidate is shown it with chance their interest);
``"broad"`` shows it to any non-follower. Whoever sees it reacts by the one decision rule
(:func:`sim.base.rules.decide`): likes, comments, shares (which travel on through their own
followers), follows, visits and purchases, all counted with the post. A viewer with no interest
in the niche reacts to nothing, so a boost to the wrong people buys impressions and nothing
else.

Prices: CPMs differ by year, market, objective and format more than any preset could honestly
fix, so every platform's default (``CPM``) is an assumption: use your own ad manager's figure.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, field_validator

from sim.base.accounts import ORGANIC
from sim.base.metrics import counter
from sim.base.params import Params, check_days, one_day_at_least
from sim.components import Component

# Euros per 1,000 impressions by platform, a market of the 2020s in western Europe. Assumptions,
# not sourced: of the order advertisers report; LinkedIn's B2B audience costs several times more.
CPM = {"instagram": 6.0, "facebook": 6.0, "tiktok": 5.0, "x": 4.0, "linkedin": 30.0}


class BoostParams(Params):
    """A paid boost of the day's first post, on given days, to targeted non-followers."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days whose first post is boosted (0 = first day)"
    )
    budget: float = Field(
        0.0,
        ge=0,
        le=10_000_000,
        description="euros per boosted post (0: a boost that buys "
        "nothing, e.g. a sweep's baseline)",
    )
    cpm: float | None = Field(
        None,
        gt=0,
        le=10_000,
        description="euros per 1,000 impressions (left out: the "
        "platform's, an assumption: instagram 6, facebook 6, tiktok 5, x 4, linkedin 30)",
    )
    targeting: Literal["interest", "broad"] = Field(
        "interest",
        description="interest: the platform finds "
        "viewers as it recommends (chance: their interest); broad: any non-follower",
    )

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        one_day_at_least(days)
        return check_days(days)


# Fields of a boost's record added to its post's: what the post brought, wherever it was seen.
_MERGED = (
    "real_reach",
    "day_new_real",
    "new_follows",
    "likes",
    "real_likes",
    "real_comments",
    "cascade_impressions",
    "reshares",
)


class Boost(Component):
    """Pays for the first post of each day in ``days`` to be shown to non-followers."""

    name = "boost"
    # The money is the mechanism here (it buys the impressions), so no key can take the spending
    # out and leave the boost: `feedsim explain` keeps a boost's spend in net euros.
    costs = ()
    cost_model = (
        "euros per boosted post × boosted days; the impressions it buys are budget ÷ "
        "CPM × 1,000, the platform's CPM an assumption (set your own)"
    )
    cost_model_nl = (
        "euro per gepromote post × gepromote dagen; de vertoningen die het koopt zijn "
        "budget ÷ CPM × 1.000, de CPM van het platform een aanname (vul uw eigen in)"
    )
    group = "strategies"
    Params = BoostParams
    counters = (
        counter(
            "boost_impressions",
            "paid impressions",
            "impressions",
            "non-followers shown a boosted post, paid for",
            better=1,
        ),
        counter(
            "boost_shared_impressions",
            "impressions from shares of paid viewers",
            "impressions",
            "people reached by the shares of those a boost showed the post",
            better=1,
        ),
        counter(
            "boost_follows",
            "follows from a boost",
            "followers",
            "users who followed after seeing a boosted post (also in new follows)",
            better=1,
        ),
        counter(
            "boost_visits",
            "visits from a boost",
            "visits",
            "site visits by those a boost reached (also in visits)",
            better=1,
        ),
        counter(
            "boost_purchases",
            "purchases from a boost",
            "purchases",
            "purchases by those a boost reached (also in purchases)",
            better=1,
        ),
    )

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.cpm = params.cpm if params.cpm is not None else CPM[scenario.platform]
        self.paid = int(params.budget / self.cpm * 1000.0)
        from sim.base import rng as xr  # the compiled generator, as the kernel's stream

        self.state = xr.new_state(np.random.SeedSequence(rng.integers(0, 2**63)))
        self._boosted_day = -1

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """What the boosts inside the run cost together: the budget for each boosted day (euros)."""
        return params.budget * sum(1 for d in params.days if d < scenario.days)

    @classmethod
    def dated(cls, params):
        """The boost days, when the boost buys anything."""
        return [("strategies.boost.days", d) for d in params.days] if params.budget else []

    def after_post(self, model, post) -> None:
        """Boost the day's first post on a boost day: show it to paid non-followers, add what it
        won to the post's record and charge the budget."""
        day = model.day
        if day not in self.params.days or self._boosted_day == day or self.paid <= 0:
            return
        self._boosted_day = day  # the day's first post only
        a = model.audience
        # The posting hour sets only the test window, which a boost skips: any hour's feed.
        feed = model.feed_params[12]
        from sim.base.kernel_types import A_PURCHASE, A_VISIT

        shown, shared, got = model.boost(
            post, self.paid, self.params.targeting == "broad", feed, self.state
        )
        won = model.ws.new_follows[: got["new_follows"]]
        a.origin[won] = ORGANIC
        a.follow_day[won] = day
        stats = model.post_stats  # the post's record, before it is recorded
        stats["acts"] += got["acts"]
        for field in _MERGED:
            stats[field] += got[field]
        model.spend(self.name, self.params.budget)
        model.count("boost_impressions", shown)
        model.count("boost_shared_impressions", shared)
        model.count("boost_follows", won.shape[0])
        model.count("boost_visits", int(got["acts"][:, A_VISIT].sum()))
        model.count("boost_purchases", int(got["acts"][:, A_PURCHASE].sum()))
