"""Purges: the platform removes the fake accounts it detects.

On purge days each live fake is caught with probability ``detection``, on other days with
``daily_rate``. A caught account's follow goes, and so do its likes and comments on the brand's
posts (the per-account reaction ledger makes that exact). Sizes seen in public: Twitter, July
2018, about −6% for a typical account; Instagram, December 2014, −3.7% to −56% for individual
accounts. Classifiers detect fakes with over 95% accuracy (Cresci et al. 2015).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field, field_validator

from sim.base.accounts import BOUGHT, NONE
from sim.base.metrics import counter
from sim.base.params import Params, check_days
from sim.components import Component


class PurgeParams(Params):
    """The platform removes fake accounts it detects; their follows and reactions vanish."""

    days: tuple[int, ...] = Field((), strict=False, description="days of a purge")
    every_days: int = Field(0, ge=0, le=3650, description="purge every N days (0: only `days`)")
    detection: float = Field(
        0.95, ge=0, le=1, description="chance a fake account is caught in a purge wave"
    )
    daily_rate: float = Field(
        0.0, ge=0, le=1, description="chance a fake account is caught on any other day"
    )

    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        return check_days(days, "purge day")


class Purge(Component):
    """Removes detected fake accounts, in waves and by a daily rate."""

    name = "purge"
    group = "platform"
    adds_followers = False  # it only removes accounts
    Params = PurgeParams
    counters = (
        counter("purged", "accounts purged", "accounts", "fake followers the platform removed"),
        counter(
            "likes_removed", "likes removed", "likes", "likes that vanished with purged accounts"
        ),
        counter(
            "comments_removed",
            "comments removed",
            "comments",
            "comments that vanished with purged accounts",
        ),
    )

    @classmethod
    def dated(cls, params):
        """The purge days the params name, each to be checked against the run's length."""
        return [("purge.days", d) for d in params.days]

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        days = scenario.days
        schedule = {d for d in params.days if d < days}
        if params.every_days:
            schedule |= set(range(params.every_days, days, params.every_days))
        self.schedule = schedule

    def act(self, model, day: int) -> None:
        """Remove today's detected fake accounts: each live bought account is caught with the
        purge wave's chance on a purge day, else with the daily rate."""
        p = self.params
        chance = p.detection if day in self.schedule else p.daily_rate
        if chance <= 0.0:
            return
        a = model.audience
        live = (a.kind == BOUGHT) & (a.removed == 0) & (a.origin != NONE)
        duty = model.on_duty(day)
        if duty.size:  # bought likes: bots on duty are live even if they do not follow
            live[duty] |= (a.kind[duty] == BOUGHT) & (a.removed[duty] == 0)
        ids = np.flatnonzero(live)
        remove_accounts(model, ids[self.rng.random(ids.shape[0]) < chance])


def remove_accounts(model, hit: np.ndarray) -> None:
    """The platform removes accounts ``hit``: their follows, likes and comments go with them."""
    a = model.audience
    model.count("purged", int((a.origin[hit] != NONE).sum()))
    model.count("likes_removed", int(a.likes_given[hit].sum()))
    model.count("comments_removed", int(a.comments_given[hit].sum()))
    a.removed[hit] = 1
    a.origin[hit] = NONE
    a.activity[hit] = 0.0
    a.reflex[hit] = 0.0
    a.reflex_comment[hit] = 0.0
    a.likes_given[hit] = 0
    a.comments_given[hit] = 0
