"""Discovery: the audience may find out that followers or likes were bought, and trust falls.

If the brand has bought followers or likes, the daily chance of discovery grows with the share of
fakes among followers, a sudden jump in followers and engagement that is weak for the follower
count. On discovery, followers' trust falls by ``trust_drop`` and everyone else's by
``public_trust_drop``, each times the share of fakes among followers (the more blatant, the
deeper the fall); trust then recovers a little every day. Trust scales every reaction in the
decision rule, and lost trust makes followers leave, so the damage shows up in reach, engagement
and sales by mechanism. No published figure fixes any of these numbers (fakes lower reputation
through trust: Sarwar et al.; a follower count may still raise perceived influence: Zhou et al.
2023): all are assumptions, kept as visible parameters.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import Field

from sim.base.accounts import BOUGHT_ORIGIN, NONE, REAL
from sim.base.metrics import counter
from sim.base.params import Params
from sim.components import Component


class DiscoveryParams(Params):
    """The audience may find out that followers or likes were bought; trust then falls.

    No published figure fixes any of these numbers: all are assumptions, to be swept.
    The daily chance of discovery is 1 - exp(-rate * (w_fakes * fake share of followers +
    w_jump * 7-day relative follower jump + w_weak * shortfall of engagement per follower)).
    """

    enabled: bool = Field(True, description="false: nobody ever finds out")
    rate: float = Field(0.02, ge=0, le=10, description="daily discovery rate at full evidence")
    w_fakes: float = Field(1.0, ge=0, le=100, description="weight of the share of fake followers")
    w_jump: float = Field(0.5, ge=0, le=100, description="weight of a sudden follower jump")
    w_weak: float = Field(
        0.5, ge=0, le=100, description="weight of weak engagement for the follower count"
    )
    expected_engagement: float = Field(
        0.005, gt=0, le=1, description="engagement per follower an audience expects (Rival IQ)"
    )
    trust_drop: float = Field(
        0.5,
        ge=0,
        le=1,
        description="share of trust followers lose when they find out that all "
        "followers but them are bought (times the share of fakes among followers)",
    )
    public_trust_drop: float = Field(
        0.2,
        ge=0,
        le=1,
        description="share of trust everyone else loses (word of mouth), "
        "times the share of fakes among followers",
    )
    recovery: float = Field(
        0.005, ge=0, le=1, description="daily share of lost trust regained (half-life ~140 days)"
    )
    cooldown: int = Field(90, ge=1, le=3650, description="days before another discovery can hit")


class Discovery(Component):
    """The audience finding out about bought followers or likes, and trust's slow recovery."""

    name = "discovery"
    group = "platform"
    adds_followers = False  # it changes trust, not who follows
    Params = DiscoveryParams
    counters = (
        counter(
            "discovered",
            "bought followers discovered",
            "events",
            "1 on a day the audience found out that followers or likes were bought",
        ),
    )

    WINDOW = 7  # days over which a follower jump and engagement are judged

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.last_hit = -(10**9)
        self.damaged = False
        self._real = None  # where the real accounts are (kinds never change during a run)

    def evidence(self, model) -> float:
        """The weighted evidence that something was bought (0 if nothing was)."""
        c = self.params
        # Nothing bought since the last discovery: nothing new to find out (weak engagement
        # caused by lost trust is not fresh evidence).
        if model.last_bought_day < 0 or model.last_bought_day < self.last_hit:
            return 0.0
        rows = model.recorder.day_rows
        counts = model.audience.follower_counts(model.known_followers())
        followers = int(counts[1:].sum())
        fake_share = counts[BOUGHT_ORIGIN] / followers if followers else 0.0
        jump = 0.0
        if len(rows) >= self.WINDOW and rows[-self.WINDOW]["followers"] > 0:
            jump = max(0.0, followers / rows[-self.WINDOW]["followers"] - 1.0)
        recent = rows[-self.WINDOW :]
        posts = sum(r["posts"] for r in recent)
        weak = 0.0
        if posts and followers:
            eng = sum(r["likes"] + r["comments"] + r["shares"] for r in recent) / posts
            weak = max(0.0, 1.0 - eng / followers / c.expected_engagement)
        return c.w_fakes * fake_share + c.w_jump * jump + c.w_weak * weak

    def act(self, model, day: int) -> None:
        """Let damaged trust recover a little, then draw whether the audience finds out today;
        if it does, real accounts' trust falls in proportion to the share of bought followers."""
        a, c = model.audience, self.params
        if self.damaged:
            if self._real is None:
                self._real = _where(a.kind == REAL)
            if isinstance(self._real, slice):  # one block (as generated): in place, one pass
                from sim.passes import recover_trust  # numba only once a run needs it

                recover_trust(a.trust[self._real], c.recovery)
            else:
                trust = a.trust[self._real]
                a.trust[self._real] = trust + c.recovery * (1.0 - trust)
        if not c.enabled or day - self.last_hit < c.cooldown:
            return
        p = 1.0 - math.exp(-c.rate * self.evidence(model))
        if p <= 0.0 or self.rng.random() >= p:
            return
        self.last_hit = day
        self.damaged = True
        follows = (a.origin != NONE) & (a.kind == REAL)
        others = (a.origin == NONE) & (a.kind == REAL)
        # The more blatant, the deeper the fall: a drop in proportion to the share of fakes
        # among followers (a few bought followers among many real ones shock less than an
        # account that is mostly bots).
        counts = a.follower_counts()
        followers = int(counts[1:].sum())
        blatant = counts[BOUGHT_ORIGIN] / followers if followers else 0.0
        a.trust[follows] *= 1.0 - c.trust_drop * blatant
        a.trust[others] *= 1.0 - c.public_trust_drop * blatant
        model.count("discovered", 1)


def _where(mask: np.ndarray) -> slice | np.ndarray:
    """An index for ``mask``'s true entries: a slice when they form one block (real users come
    first in the audience arrays, the tactics' accounts after them), else their ids."""
    ids = np.flatnonzero(mask)
    if ids.shape[0] and ids[-1] - ids[0] + 1 == ids.shape[0]:
        return slice(int(ids[0]), int(ids[-1]) + 1)
    return ids
