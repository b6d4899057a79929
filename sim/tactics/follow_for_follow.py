"""Follow-for-follow: the brand follows users, some follow back, and it unfollows them later.

Reciprocity works for follow-backs (the source articles), at about 6% per cold follow (one public
2012 test: 1,790 follows, 105 follow-backs); follow-backs who are unfollowed again often leave.
"""

from __future__ import annotations

from collections import deque

import numpy as np
from pydantic import Field

from sim.base.accounts import FOLLOW_BACK, NONE, REAL
from sim.base.params import Params
from sim.components import Component


class FollowForFollowParams(Params):
    """The brand follows `per_day` users a day; some follow back; it unfollows after a while."""

    start_day: int = Field(0, ge=0, le=3650, description="first day of the tactic")
    end_day: int = Field(90, ge=0, le=3650, description="last day of the tactic")
    per_day: int = Field(0, ge=0, le=100_000, description="users the brand follows per day")
    follow_back: float = Field(
        0.06, ge=0, le=1, description="chance a followed user follows back (2012 test: 105/1,790)"
    )
    unfollow_after: int = Field(
        14, ge=1, le=3650, description="days before the brand unfollows them again"
    )
    leave_after_unfollow: float = Field(
        0.5, ge=0, le=1, description="chance a follow-back follower leaves when unfollowed"
    )


class FollowForFollow(Component):
    """Follows ``per_day`` random users from ``start_day`` to ``end_day``."""

    name = "follow_for_follow"
    group = "strategies"
    Params = FollowForFollowParams

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self._pending: deque[tuple[int, np.ndarray]] = deque()

    def act(self, model, day: int) -> None:
        """Some of those who followed back leave once the brand unfollows them; then, in the
        tactic's period, the brand follows ``per_day`` random users, some of whom follow back."""
        a, g, c = model.audience, self.rng, self.params
        while self._pending and self._pending[0][0] <= day:
            _, ids = self._pending.popleft()
            ids = ids[a.origin[ids] == FOLLOW_BACK]
            leave = ids[g.random(ids.shape[0]) < c.leave_after_unfollow]
            a.origin[leave] = NONE
            model.count("unfollows", leave.shape[0])
        if not (c.start_day <= day <= c.end_day) or c.per_day == 0:
            return
        targets = g.integers(0, a.n_users, c.per_day)
        targets = np.unique(targets[(a.origin[targets] == NONE) & (a.kind[targets] == REAL)])
        backs = targets[g.random(targets.shape[0]) < c.follow_back]
        a.origin[backs] = FOLLOW_BACK
        a.follow_day[backs] = day
        model.count("tactic_follows", backs.shape[0])
        self._pending.append((day + c.unfollow_after, backs))
