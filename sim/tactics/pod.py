"""Engagement pods and bought likes: accounts that react to every post in its first window.

Pod members (or bought-like bots) like and comment by agreement, whatever the post. They inflate
the visible counts and the platform's test signal; they never buy. Bots can be purged.
"""

from __future__ import annotations

from pydantic import Field

from sim.base.accounts import BOUGHT, POD
from sim.base.params import Params
from sim.components import AccountBlock, Component


class PodParams(Params):
    """An engagement pod or bought likes: accounts that like and comment in the first window
    whatever the post. It inflates visible counts and the test signal; it never buys."""

    start_day: int = Field(0, ge=0, le=3650, description="first day of the pod")
    end_day: int = Field(3650, ge=0, le=3650, description="last day of the pod")
    members: int = Field(0, ge=0, le=1_000_000, description="accounts reacting to every post")
    like: float = Field(0.9, ge=0, le=1, description="chance a member likes a post")
    comment: float = Field(0.3, ge=0, le=1, description="chance a member comments on a post")
    bots: bool = Field(
        False, description="true: bought likes from fake accounts (the platform can purge them)"
    )
    cost_per_day: float = Field(
        0.0, ge=0, le=1_000_000, description="euros per day (pods trade time, not money)"
    )


class EngagementPod(Component):
    """Its members are on duty from ``start_day`` to ``end_day``."""

    name = "pod"
    costs = ("cost_per_day",)
    cost_model = (
        "euros per day the pod is on duty (assumption: pods trade time, not money, so 0 unless set)"
    )
    cost_model_nl = (
        "euro per dag dat de pod actief is (aanname: pods ruilen tijd, geen geld, "
        "dus 0 tenzij ingesteld)"
    )
    group = "strategies"
    Params = PodParams

    @classmethod
    def accounts(cls, params, scenario):
        """The pod's members: bought accounts when they are bots, else pod accounts; None
        without members."""
        if not params.members:
            return None
        return AccountBlock(BOUGHT if params.bots else POD, params.members)

    @classmethod
    def setup_accounts(cls, params, block, rng):
        """Members like and comment by agreement, whatever the post, with the pod's chances."""
        # Members react by agreement, whatever the post: reflexes, no interest.
        block.reflex[:] = params.like
        block.reflex_comment[:] = params.comment

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """The pod's daily cost over its days inside the run (euros)."""
        if not params.members:
            return 0.0
        on = max(0, min(params.end_day, scenario.days - 1) - params.start_day + 1)
        return params.cost_per_day * on

    def active(self, day: int) -> bool:
        """Whether the pod is on duty on ``day``."""
        p = self.params
        return p.members > 0 and p.start_day <= day <= p.end_day

    def on_duty(self, day: int):
        """The members, on the pod's days; else None."""
        return self.ids if self.active(day) else None

    def act(self, model, day: int) -> None:
        """Pay the pod's day; with bots for members, the day counts as bought engagement
        (evidence for discovery)."""
        if self.active(day):
            if self.params.bots:
                model.bought(day)
            model.spend(self.name, self.params.cost_per_day)
