"""Growth tactics, each acting at the start of a day: buying followers, follow-for-follow,
giveaways, influencer seeding and engagement pods.

A tactic changes who follows the brand (and what it costs); how that plays out in reach and
engagement is left to the feed kernel and the audience. Every tactic draws from the strategies
stream only.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from sim.audience import BOUGHT, BOUGHT_ORIGIN, FOLLOW_BACK, GIVEAWAY, NONE, POD, REAL


class BuyFollowers:
    """Delivers ``count`` fake followers on each purchase day (accounts preallocated at audience
    generation, so buying never reshuffles the real users)."""

    def __init__(self, cfg, audience):
        self.cfg = cfg
        self._pool = np.flatnonzero(audience.kind == BOUGHT)[: cfg.count * len(cfg.days)]
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
        model.last_bought_day = day
        model.recorder.today["bought_delivered"] += int(take.shape[0])
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


class Giveaway:
    """'Follow us to win': ``entrants`` users follow on the opening day for the prize (chosen at
    random, so mostly people with little interest in the niche). Prize hunters follow many
    accounts, so their chance of noticing a brand post is their activity times ``attention``.
    After the draw a share of them leaves."""

    def __init__(self, cfg):
        self.cfg = cfg
        self._entrants = np.empty(0, dtype=np.int64)

    def act(self, model, day: int) -> None:
        a, g, c = model.audience, model.strategy_rng, self.cfg
        if day == c.day and c.entrants:
            pool = np.flatnonzero((a.origin == NONE) & (a.kind == REAL))
            take = min(c.entrants, pool.shape[0])
            self._entrants = g.choice(pool, size=take, replace=False)
            a.origin[self._entrants] = GIVEAWAY
            a.activity[self._entrants] *= c.attention
            a.follow_day[self._entrants] = day
            a.last_seen[self._entrants] = day
            model.count_follows(take)
            model.ledger.spend("giveaway", c.prize_cost)
        elif day == c.day + c.duration and self._entrants.size:
            still = self._entrants[a.origin[self._entrants] == GIVEAWAY]
            leave = still[g.random(still.shape[0]) < c.churn_after_draw]
            a.origin[leave] = NONE
            model.count_unfollows(leave.shape[0])


class InfluencerSeeding:
    """Pays an influencer from the audience to share the brand's first post on given days.

    The influencer is chosen deterministically from the follow graph: ``macro`` is the most
    followed account; ``micro`` the most followed account among users interested in the niche
    (interest >= 0.5) whose following stays below the top 1%."""

    def __init__(self, cfg, audience):
        self.cfg = cfg
        n = audience.n_users
        followers = np.diff(audience.indptr)[:n]
        if cfg.tier == "macro":
            self.uid = int(np.argmax(followers))
        else:
            cap = np.quantile(followers, 0.99)
            ok = (audience.interest[:n] >= 0.5) & (followers <= cap)
            if not ok.any():
                ok = followers <= cap
            self.uid = int(np.flatnonzero(ok)[np.argmax(followers[ok])])
        self.followers = int(followers[self.uid])
        self.seeders = np.array([self.uid], dtype=np.int32)
        self.credibility = np.array([cfg.credibility])

    def act(self, model, day: int) -> None:
        if day in self.cfg.days:
            model.seed_today(self.seeders, self.credibility)
            model.ledger.spend("influencer", self.cfg.fee)


class EngagementPod:
    """Pod members (or bought-like bots) react to every post in its first window."""

    def __init__(self, cfg, audience):
        self.cfg = cfg
        kinds = BOUGHT if cfg.bots else POD
        # Pod accounts are the last ``members`` accounts of their kind (see audience.generate).
        ids = np.flatnonzero(audience.kind == kinds)
        self.ids = ids[ids.shape[0] - cfg.members :].astype(np.int32) if cfg.members else ids[:0]

    def active(self, day: int) -> bool:
        return self.cfg.members > 0 and self.cfg.start_day <= day <= self.cfg.end_day

    def act(self, model, day: int) -> None:
        if self.active(day):
            if self.cfg.bots:
                model.last_bought_day = day
            model.ledger.spend("pod", self.cfg.cost_per_day)


def build(scenario, audience) -> list:
    """The tactics a scenario switches on, in a fixed order."""
    s = scenario.strategies
    out = []
    if s.buy is not None:
        out.append(BuyFollowers(s.buy, audience))
    if s.follow_for_follow is not None:
        out.append(FollowForFollow(s.follow_for_follow))
    if s.giveaway is not None:
        out.append(Giveaway(s.giveaway))
    if s.influencer is not None:
        out.append(InfluencerSeeding(s.influencer, audience))
    if s.pod is not None:
        out.append(EngagementPod(s.pod, audience))
    return out
