"""FeedModel: one simulated day per Mesa step.

The day's stages, always in this order:

1. **strategies act** — purchases are delivered, follow-for-follow follows and unfollows;
2. **the brand posts** — each post goes through the feed kernel (test → followers → recommendation
   → share cascades) and the users it wins follow the brand at once;
3. **the audience updates** — real followers who are not interested drift away (unfollows);
4. **the platform acts** — (enforcement such as purges plugs in here);
5. **metrics are recorded** — one row per day, one row per post.

Randomness: the run's seed becomes a SeedSequence spawned, in a fixed order, into independent
streams for audience generation, posting, distribution, strategies, audience dynamics and agents.
Two scenarios that differ only in a tactic therefore share their audience and most of their draws.
"""

from __future__ import annotations

import numpy as np
import mesa

from sim import audience as aud
from sim import kernel, metrics, strategies
from sim import rng as xr
from sim.agents import Account, BoughtFollower, Brand, FollowBackFollower, RealUser
from sim.rules import behaviour_vector

STREAMS = ("audience", "posting", "distribution", "strategies", "dynamics", "agents")


def spawn_streams(seed: int) -> dict[str, np.random.SeedSequence]:
    """The run's named random streams, always spawned in the same order."""
    children = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return dict(zip(STREAMS, children))


class Ledger:
    """Money spent on tactics, by tactic, per day (euros)."""

    def __init__(self):
        self.today: dict[str, float] = {}

    def spend(self, tactic: str, euros: float) -> None:
        self.today[tactic] = self.today.get(tactic, 0.0) + euros

    def close_day(self) -> float:
        total = sum(self.today.values())
        self.today = {}
        return total


class FeedModel(mesa.Model):
    """A brand, its audience and a feed algorithm, one day per step.

    Args:
        scenario: a resolved :class:`sim.scenario.Scenario`.
        seed: the run's seed (defaults to the scenario's).
        audience: an audience to use instead of generating one (e.g. from ``from_networkx``).
    """

    def __init__(self, scenario, seed: int | None = None, audience: aud.Audience | None = None):
        self.seed_value = int(scenario.seed if seed is None else seed)
        self.streams = spawn_streams(self.seed_value)
        super().__init__(rng=np.random.default_rng(self.streams["agents"].spawn(1)[0]))
        self.scenario = scenario
        self.audience = audience or aud.generate(scenario, self.streams["audience"])
        self.behaviour = behaviour_vector(scenario.behaviour)
        self.feed_params = kernel.feed_vector(scenario.feed)
        self.explore_stages = np.asarray(scenario.feed.explore_stages, dtype=np.int64)
        self.posting_rng = np.random.default_rng(self.streams["posting"])
        self.strategy_rng = np.random.default_rng(self.streams["strategies"])
        self.dynamics_rng = np.random.default_rng(self.streams["dynamics"])
        self.dist_state = xr.new_state(self.streams["distribution"])
        self.agent_state = xr.new_state(self.streams["agents"])
        self.ws = kernel.Workspace(self.audience.n_accounts)
        self.ledger = Ledger()
        self.tactics = strategies.build(scenario, self.audience)
        self.brand = Brand(self, scenario.brand)
        self._views: dict[int, Account] = {}
        self.day = -1
        self._post_count = 0
        self.recorder = metrics.Recorder(scenario.brand.conversion_value)

    # ------------------------------------------------------------------ the day
    def step(self) -> None:
        self.day = self.steps - 1
        self.recorder.start_day(self.day)
        for tactic in self.tactics:  # 1. strategies act
            tactic.act(self, self.day)
        self.brand.step()  # 2. the brand posts (calls publish per post)
        self._audience_update()  # 3. audience updates
        # 4. platform acts: no enforcement yet.
        self.recorder.end_day(self.audience.follower_counts(), self.ledger.close_day())

    def publish(self, quality: float) -> dict:
        """Distribute one post now; record and return its row."""
        a, ws = self.audience, self.ws
        followers = a.followers_of_brand()
        acts, stats, signals = kernel.distribute_post(
            a.indptr, a.indices, a.kind, a.origin, a.interest, a.activity, a.trust, a.reflex,
            a.n_users, followers, quality, self.behaviour, self.feed_params, self.explore_stages,
            ws.seen, self._post_count, ws.day_seen, self.day, ws.queue, ws.depth,
            ws.new_follows, self.dist_state,
        )
        won = ws.new_follows[: stats[kernel.S_NEW_FOLLOWS]]
        a.origin[won] = aud.ORGANIC
        a.follow_day[won] = self.day
        self._post_count += 1
        return self.recorder.add_post(self._post_count - 1, quality, acts, stats, signals)

    def _audience_update(self) -> None:
        a = self.audience
        ids = np.flatnonzero((a.origin != aud.NONE) & (a.kind == aud.REAL))
        hazard = self.scenario.behaviour.unfollow * (1.0 - a.interest[ids] * a.trust[ids])
        leave = ids[self.dynamics_rng.random(ids.shape[0]) < hazard]
        a.origin[leave] = aud.NONE
        self.count_unfollows(leave.shape[0])

    def count_unfollows(self, n: int) -> None:
        self.recorder.today["unfollows"] += int(n)

    def count_follows(self, n: int) -> None:
        self.recorder.today["tactic_follows"] += int(n)

    # ------------------------------------------------------------------ agents
    def user(self, uid: int) -> Account:
        """The Mesa agent for account ``uid``, created on first use (a view over the arrays)."""
        uid = int(uid)
        if not 0 <= uid < self.audience.n_accounts:
            raise IndexError(f"no account {uid}; ids run from 0 to {self.audience.n_accounts - 1}")
        view = self._views.get(uid)
        if view is None:
            a = self.audience
            if a.kind[uid] == aud.BOUGHT:
                cls = BoughtFollower
            elif a.origin[uid] == aud.FOLLOW_BACK:
                cls = FollowBackFollower
            else:
                cls = RealUser
            view = self._views[uid] = cls(self, uid)
        return view

    def users(self, ids) -> list[Account]:
        """Agents for several accounts (a sample, or ``range(n)`` for a small audience)."""
        return [self.user(u) for u in ids]

    # ------------------------------------------------------------------ running
    def run_days(self, days: int, progress=None) -> None:
        """Step ``days`` times; ``progress`` is called with the number of days done."""
        for i in range(days):
            self.step()
            if progress is not None:
                progress(i + 1)
