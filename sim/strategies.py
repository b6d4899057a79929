"""Growth tactics, each acting at the start of a day: buying followers, follow-for-follow.

A tactic changes who follows the brand (and what it costs); how that plays out in reach and
engagement is left to the feed kernel and the audience. Every tactic draws from the strategies
stream only.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from sim.audience import BOUGHT, BOUGHT_ORIGIN, FOLLOW_BACK, NONE, REAL


class BuyFollowers:
    """Delivers ``count`` fake followers on each purchase day (accounts preallocated at audience
    generation, so buying never reshuffles the real users)."""

    def __init__(self, cfg, audience):
        self.cfg = cfg
        self._pool = np.flatnonzero(audience.kind == BOUGHT).astype(np.int64)
        self._next = 0

    def act(self, model, day: int) -> None:
        if day not in self.cfg.days or self.cfg.count == 0:
            return
        a = model.audience
        take = self._pool[self._next : self._next + self.cfg.count]
        if take.shape[0] < self.cfg.count:
            raise RuntimeError("not enough preallocated fake accounts for this purchase")
        self._next += self.cfg.count
        a.origin[take] = BOUGHT_ORIGIN
        a.follow_day[take] = day
        model.ledger.spend("buy", self.cfg.count * self.cfg.price_per_1000 / 1000.0)


class FollowForFollow:
    """The brand follows ``per_day`` random users; a share follow back; after ``unfollow_after``
    days the brand unfollows them and some of those follow-backs leave."""

    def __init__(self, cfg):
        self.cfg = cfg
        self._pending: deque[tuple[int, np.ndarray]] = deque()

    def act(self, model, day: int) -> None:
        a, g, c = model.audience, model.strategy_rng, self.cfg
        while self._pending and self._pending[0][0] <= day:
            _, ids = self._pending.popleft()
            ids = ids[a.origin[ids] == FOLLOW_BACK]
            leave = ids[g.random(ids.shape[0]) < c.leave_after_unfollow]
            a.origin[leave] = NONE
            model.count_unfollows(leave.shape[0])
        if not (c.start_day <= day <= c.end_day) or c.per_day == 0:
            return
        targets = g.integers(0, a.n_users, c.per_day)
        targets = np.unique(targets[(a.origin[targets] == NONE) & (a.kind[targets] == REAL)])
        backs = targets[g.random(targets.shape[0]) < c.follow_back]
        a.origin[backs] = FOLLOW_BACK
        a.follow_day[backs] = day
        model.count_follows(backs.shape[0])
        self._pending.append((day + c.unfollow_after, backs))


def build(scenario, audience) -> list:
    """The tactics a scenario switches on, in a fixed order."""
    s = scenario.strategies
    out = []
    if s.buy is not None:
        out.append(BuyFollowers(s.buy, audience))
    if s.follow_for_follow is not None:
        out.append(FollowForFollow(s.follow_for_follow))
    return out
