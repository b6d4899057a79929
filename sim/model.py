"""FeedModel: one simulated day per Mesa step.

The day's stages, always in this order:

1. **strategies act** — purchases are delivered, follow-for-follow follows and unfollows,
   giveaways open or draw, influencers are booked, pods are on duty;
2. **the brand posts** — each post goes through the feed kernel (test with pods → influencer
   seeding → followers → recommendation → share cascades) and the users it wins follow at once;
3. **the audience updates** — real followers leave when uninterested, when the brand has not shown
   them anything relevant for a long time (they forget it), or when they no longer trust it;
4. **the platform acts** — purges of detected fakes; the audience may discover what was bought,
   and trust falls or slowly recovers (``sim.platform``);
5. **metrics are recorded** — one row per day, one row per post.

Randomness: the run's seed becomes a SeedSequence spawned, in a fixed order, into independent
streams for audience generation, posting, distribution, strategies, audience dynamics and agents.
Two scenarios that differ only in a tactic therefore share their audience and most of their draws.
"""

from __future__ import annotations

import mesa
import numpy as np

from sim import audience as aud
from sim import content, kernel, platform, strategies
from sim import rng as xr
from sim.agents import (
    Account,
    BoughtFollower,
    Brand,
    FollowBackFollower,
    GiveawayFollower,
    Influencer,
    PodMember,
    RealUser,
)
from sim.metrics import counter
from sim.recorder import Recorder
from sim.rules import behaviour_vector

_LEGACY_COUNTERS = (
    counter("bought_delivered", "bought followers delivered", "followers", "fake followers "
            "delivered by the vendor"),
    counter("purged", "accounts purged", "accounts", "fake followers the platform removed"),
    counter("likes_removed", "likes removed", "likes", "likes that vanished with purged accounts"),
    counter("comments_removed", "comments removed", "comments",
            "comments that vanished with purged accounts"),
    counter("discovered", "bought followers discovered", "events",
            "1 on a day the audience found out that followers or likes were bought"),
)

STREAMS = ("audience", "posting", "distribution", "strategies", "dynamics", "agents", "platform")


def spawn_streams(seed: int) -> dict[str, np.random.SeedSequence]:
    """The run's named random streams, always spawned in the same order."""
    children = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return dict(zip(STREAMS, children, strict=False))


class Ledger:
    """Money spent on tactics, by tactic, per day (euros)."""

    def __init__(self):
        self.today: dict[str, float] = {}

    def spend(self, tactic: str, euros: float) -> None:
        self.today[tactic] = self.today.get(tactic, 0.0) + euros

    def close_day(self) -> float:
        total = float(sum(self.today.values()))  # float even on days with no spending
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
        f = scenario.feed
        # One set of feed parameters per posting hour: the hour sets the test window's activity.
        self.feed_params = {
            hour: kernel.feed_params(
                f, content.test_window_factor(scenario.audience.activity_profile, hour,
                                              f.test_window_hours))
            for hour in range(24)
        }
        self.posting_rng = np.random.default_rng(self.streams["posting"])
        self.strategy_rng = np.random.default_rng(self.streams["strategies"])
        self.dynamics_rng = np.random.default_rng(self.streams["dynamics"])
        # Purges and discovery draw from their own sub-streams: switching one off never shifts
        # the other's draws.
        purge_ss, discovery_ss = self.streams["platform"].spawn(2)
        self.purge_rng = np.random.default_rng(purge_ss)
        self.discovery_rng = np.random.default_rng(discovery_ss)
        self.dist_state = xr.new_state(self.streams["distribution"])
        self.agent_state = xr.new_state(self.streams["agents"])
        self.ws = kernel.scratch(self.audience.n_accounts)
        self.acc = kernel.accounts(self.audience)
        self.ledger = Ledger()
        self.tactics = strategies.build(scenario, self.audience)
        self.last_bought_day = -1  # last day followers or likes were bought (-1: never)
        pods = [t for t in self.tactics if isinstance(t, strategies.EngagementPod)]
        self._pod = pods[0] if pods else None
        self.pod_ids = self._pod.ids if self._pod else np.empty(0, dtype=np.int32)
        self.platform_acts = [platform.Purge(scenario.purge, scenario.days),
                              platform.Discovery(scenario.discovery)]
        # Content draws come from their own sub-stream of posting, so a new content mix never
        # shifts the quality draws.
        content_ss, rhythm_ss = self.streams["posting"].spawn(2)
        self.planner = content.ContentPlanner(scenario, np.random.default_rng(content_ss))
        plan = content.schedule(scenario.brand, scenario.days, np.random.default_rng(rhythm_ss),
                                scenario.content.calendar)
        self.brand = Brand(self, scenario.brand, plan)
        self._comments_before = (self.audience.comments_given.copy()
                                 if scenario.brand.reply_share > 0 else None)
        self.influencers = [
            Influencer(self, t.uid, t.cfg.tier, t.followers)
            for t in self.tactics if isinstance(t, strategies.InfluencerSeeding)
        ]
        self._views: dict[int, Account] = {}
        self.day = -1
        self._post_count = 0
        self._no_one = np.empty(0, dtype=np.int32)
        self._seeders, self._credibility = self._no_one, np.empty(0)
        self.recorder = Recorder(scenario.brand, _LEGACY_COUNTERS)

    # ------------------------------------------------------------------ the day
    def step(self) -> None:
        self.day = self.steps - 1
        self.recorder.start_day(self.day)
        for tactic in self.tactics:  # 1. strategies act
            tactic.act(self, self.day)
        self.brand.step()  # 2. the brand posts (calls publish per post)
        self._seeders, self._credibility = self._no_one, np.empty(0)
        self._audience_update()  # 3. audience updates
        for act in self.platform_acts:  # 4. platform acts
            act.act(self, self.day)
        self.recorder.end_day(self.audience, self.ledger.close_day())  # 5. record

    def pod_active(self, day: int) -> bool:
        return self._pod is not None and self._pod.active(day)

    def seed_today(self, seeders: np.ndarray, credibility: np.ndarray) -> None:
        """Book influencers to share today's first post."""
        self._seeders = np.concatenate([self._seeders, seeders]).astype(np.int32)
        self._credibility = np.concatenate([self._credibility, credibility])

    def publish(self, quality: float) -> dict:
        """Distribute one post now; record and return its row."""
        a, ws = self.audience, self.ws
        followers = a.followers_of_brand()
        pod = self.pod_ids if self.pod_active(self.day) else self._no_one
        attrs, hour = self.planner.next_post(self.day)
        beh = self.planner.behaviour(attrs)
        reputation = self.planner.reputation
        stats = kernel.distribute_post(
            kernel.Graph(a.indptr, a.indices), self.acc, a.n_users,
            kernel.Post(self._post_count, self.day, float(quality), beh),
            kernel.Targets(followers, pod, self._seeders, self._credibility),
            self.feed_params[hour], ws, self.dist_state,
        )
        self.planner.after_post(attrs)
        self._seeders, self._credibility = self._no_one, np.empty(0)  # first post only
        won = ws.new_follows[: stats.new_follows]
        a.origin[won] = aud.ORGANIC
        a.follow_day[won] = self.day
        self._post_count += 1
        return self.recorder.add_post(self._post_count - 1, quality, stats, attrs, reputation)

    def _audience_update(self) -> None:
        a, b = self.audience, self.scenario.behaviour
        ids = np.flatnonzero((a.origin != aud.NONE) & (a.kind == aud.REAL))
        trust = a.trust[ids]
        forgot = (self.day - np.maximum(a.last_seen[ids], a.follow_day[ids])) > b.forget_after
        hazard = (b.unfollow * (1.0 - a.interest[ids] * trust) + b.forget * forgot
                  + b.distrust_unfollow * (1.0 - trust))
        leave = ids[self.dynamics_rng.random(ids.shape[0]) < hazard]
        a.origin[leave] = aud.NONE
        self.count_unfollows(leave.shape[0])
        if self._comments_before is not None:
            # Reciprocity: commenters the brand answers regain some of the trust they lost.
            answered = np.flatnonzero(a.comments_given > self._comments_before)
            gain = self.scenario.effects.reply_trust_gain * self.scenario.brand.reply_share
            a.trust[answered] += gain * (1.0 - a.trust[answered])
            self._comments_before[:] = a.comments_given

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
            elif a.kind[uid] == aud.POD:
                cls = PodMember
            elif a.origin[uid] == aud.FOLLOW_BACK:
                cls = FollowBackFollower
            elif a.origin[uid] == aud.GIVEAWAY:
                cls = GiveawayFollower
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
