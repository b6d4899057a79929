"""Employee advocacy: staff share the brand's posts with their own friends and followers.

The source articles are blunt about it: employees won't share unless it is part of their job,
and a link shared without a personal note falls flat. So each employee shares a post with a
chance that depends on whether sharing is part of the job, and each of the employee's own
followers takes notice of the share with a chance that depends on whether it carries a personal
note. Whoever takes notice sees the post and reacts by the ordinary decision rule; their shares
travel on as usual. Staff are real people outside the simulated population, each with their own
followers drawn at random from it (friends, family, former colleagues). Every number here is an
assumption: no public source fixes them; sweep them.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.accounts import REAL
from sim.base.metrics import counter
from sim.base.params import Params
from sim.components import AccountBlock, Component


class EmployeeAdvocacyParams(Params):
    """Staff who share the brand's posts with their own followers."""

    staff: int = Field(0, ge=0, le=100_000, description="employees asked to share the posts")
    followers: float = Field(
        150.0,
        ge=0,
        le=100_000,
        description="mean followers of each employee's own account (assumption)",
    )
    part_of_job: bool = Field(
        True,
        description="sharing is part of their job; false: they share only of their own "
        "accord (the source articles: staff won't share unless it is part of their job)",
    )
    share_chance: float = Field(
        0.5,
        ge=0,
        le=1,
        description="chance an employee shares a post when it is part of the job (assumption)",
    )
    voluntary_share: float = Field(
        0.02,
        ge=0,
        le=1,
        description="chance an employee shares a post when it is not (assumption)",
    )
    personal_note: bool = Field(
        True, description="staff add a personal note to what they share (none: a bare link)"
    )
    notice: float = Field(
        0.3,
        ge=0,
        le=1,
        description="chance a follower of an employee takes notice of a share "
        "with a personal note (assumption)",
    )
    bare_link_notice: float = Field(
        0.1,
        ge=0,
        le=1,
        description="chance a follower takes notice of a bare link "
        "(assumption: a share without a note falls flat)",
    )
    start_day: int = Field(0, ge=0, le=3650, description="first day staff share")
    end_day: int = Field(3650, ge=0, le=3650, description="last day staff share")
    cost_per_share: float = Field(
        0.0, ge=0, le=10_000, description="euros of staff time per share (assumption)"
    )
    minutes_per_share: float = Field(
        0.0,
        ge=0,
        le=600,
        description="staff minutes per share, writing the personal note "
        "(assumption; 0: none counted); charged at hourly_rate",
    )
    hourly_rate: float = Field(
        40.0, ge=0, le=10_000, description="euros per hour of staff time (assumption: set your own)"
    )


class EmployeeAdvocacy(Component):
    """Each post, each employee may share it; each share exposes the employee's followers."""

    name = "employee_advocacy"
    costs = ("cost_per_share", "minutes_per_share")
    cost_model = (
        "staff minutes per share × hourly rate (+ any cost per share), for each share "
        "staff make (minutes and rate are assumptions: set your own)"
    )
    cost_model_nl = (
        "minuten personeel per gedeelde post × uurtarief (+ eventuele kosten per "
        "gedeelde post), voor elke post die personeel deelt (minuten en tarief zijn "
        "aannames: vul uw eigen in)"
    )
    group = "strategies"
    Params = EmployeeAdvocacyParams
    counters = (
        counter(
            "staff_shares",
            "shares by staff",
            "shares",
            "brand posts shared by employees to their own followers",
            better=1,
        ),
    )

    @classmethod
    def accounts(cls, params, scenario):
        """The staff accounts, each with its own followers, when any staff are asked to share."""
        return AccountBlock(REAL, params.staff, params.followers) if params.staff else None

    @classmethod
    def share_cost(cls, params) -> float:
        """Euros one share costs: the fixed cost and the staff time."""
        return params.cost_per_share + params.minutes_per_share / 60.0 * params.hourly_rate

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """The expected shares' cost: staff × chance to share × posts in the sharing period."""
        if not params.staff:
            return 0.0
        first, last = params.start_day, min(params.end_day, scenario.days - 1)
        posts = max(0, last - first + 1) * scenario.brand.posts_per_week / 7.0
        chance = params.share_chance if params.part_of_job else params.voluntary_share
        return cls.share_cost(params) * params.staff * chance * posts

    @classmethod
    def dated(cls, params):
        """The first day of sharing, when any staff are asked to share."""
        return (
            [("strategies.employee_advocacy.start_day", params.start_day)] if params.staff else []
        )

    def shares_for_post(self, model, day, first_of_day):
        """The staff who share this post in the sharing period, each with the chance a follower
        takes notice (higher with a personal note); each share is paid."""
        p = self.params
        if not self.ids.size or not p.start_day <= day <= p.end_day:
            return None
        chance = p.share_chance if p.part_of_job else p.voluntary_share
        sharing = self.ids[self.rng.random(self.ids.shape[0]) < chance]
        if not sharing.size:
            return None
        model.count("staff_shares", sharing.shape[0])
        if cost := self.share_cost(p):
            model.spend(self.name, cost * sharing.shape[0])
        notice = p.notice if p.personal_note else p.bare_link_notice
        return sharing.astype(np.int32), np.full(sharing.shape[0], notice)
