"""What the platform and the wider audience do at the end of a day: purges, discovery and trust.

- **Purge**: on purge days the platform detects each live fake account with probability
  ``detection`` and removes it; on other days with probability ``daily_rate``. Its follow goes,
  and so do its likes and comments on the brand's posts (the per-account reaction ledger makes
  that exact).
- **Discovery**: if the brand has bought followers or likes, the audience may find out. The daily
  chance grows with the share of fakes among followers, a sudden jump in followers and engagement
  that is weak for the follower count. On discovery, followers' trust falls by ``trust_drop`` and
  everyone else's by ``public_trust_drop``; trust then recovers a little every day. Trust scales
  every reaction in the decision rule, and lost trust makes followers leave, so the damage shows
  up in reach, engagement and sales by mechanism. All numbers are assumptions (no published
  figure), kept as visible parameters.
"""

from __future__ import annotations

import math

import numpy as np

from sim.audience import BOUGHT, BOUGHT_ORIGIN, NONE, REAL


class Purge:
    """Removes detected fake accounts on scheduled days."""

    def __init__(self, cfg, days: int):
        schedule = set(d for d in cfg.days if d < days)
        if cfg.every_days:
            schedule |= set(range(cfg.every_days, days, cfg.every_days))
        self.schedule = schedule
        self.detection = cfg.detection
        self.daily_rate = cfg.daily_rate

    def act(self, model, day: int) -> None:
        chance = self.detection if day in self.schedule else self.daily_rate
        if chance <= 0.0:
            return
        a = model.audience
        live = (a.kind == BOUGHT) & (a.removed == 0) & (a.origin != NONE)
        if model.pod_ids.size and model.pod_active(day):
            live[model.pod_ids] |= (a.kind[model.pod_ids] == BOUGHT) & (a.removed[model.pod_ids]
                                                                        == 0)
        ids = np.flatnonzero(live)
        hit = ids[model.purge_rng.random(ids.shape[0]) < chance]
        t = model.recorder.today
        t["purged"] += int((a.origin[hit] != NONE).sum())
        t["likes_removed"] += int(a.likes_given[hit].sum())
        t["comments_removed"] += int(a.comments_given[hit].sum())
        a.removed[hit] = 1
        a.origin[hit] = NONE
        a.activity[hit] = 0.0
        a.reflex[hit] = 0.0
        a.reflex_comment[hit] = 0.0
        a.likes_given[hit] = 0
        a.comments_given[hit] = 0


class Discovery:
    """The audience finding out about bought followers or likes, and trust's slow recovery."""

    WINDOW = 7  # days over which a follower jump and engagement are judged

    def __init__(self, cfg):
        self.cfg = cfg
        self.last_hit = -(10**9)
        self.damaged = False

    def evidence(self, model) -> float:
        """The weighted evidence that something was bought (0 if nothing was)."""
        c = self.cfg
        # Nothing bought since the last discovery: nothing new to find out (weak engagement
        # caused by lost trust is not fresh evidence).
        if model.last_bought_day < 0 or model.last_bought_day < self.last_hit:
            return 0.0
        rows = model.recorder.day_rows
        counts = model.audience.follower_counts()
        followers = int(counts[1:].sum())
        fake_share = counts[BOUGHT_ORIGIN] / followers if followers else 0.0
        jump = 0.0
        if len(rows) >= self.WINDOW and rows[-self.WINDOW]["followers"] > 0:
            jump = max(0.0, followers / rows[-self.WINDOW]["followers"] - 1.0)
        recent = rows[-self.WINDOW:]
        posts = sum(r["posts"] for r in recent)
        weak = 0.0
        if posts and followers:
            eng = sum(r["likes"] + r["comments"] + r["shares"] for r in recent) / posts
            weak = max(0.0, 1.0 - eng / followers / c.expected_engagement)
        return c.w_fakes * fake_share + c.w_jump * jump + c.w_weak * weak

    def act(self, model, day: int) -> None:
        a, c = model.audience, self.cfg
        if self.damaged:
            real = a.kind == REAL
            a.trust[real] += c.recovery * (1.0 - a.trust[real])
        if not c.enabled or day - self.last_hit < c.cooldown:
            return
        p = 1.0 - math.exp(-c.rate * self.evidence(model))
        if p <= 0.0 or model.discovery_rng.random() >= p:
            return
        self.last_hit = day
        self.damaged = True
        follows = (a.origin != NONE) & (a.kind == REAL)
        others = (a.origin == NONE) & (a.kind == REAL)
        a.trust[follows] *= 1.0 - c.trust_drop
        a.trust[others] *= 1.0 - c.public_trust_drop
        model.recorder.today["discovered"] = 1
