"""FeedModel: one simulated day per step, as one explicit list of stages.

The day's stages, always in this order (``FeedModel.STAGES``), each timed:

1. **tactics** — each growth tactic the scenario switches on acts (:mod:`sim.tactics`):
   purchases are delivered, follow-for-follow follows and unfollows, giveaways open or draw,
   influencers are booked, pods are on duty;
2. **posts** — the brand posts; each post goes through the feed kernel (test with pods →
   seeding by influencers and staff → followers → recommendation → share cascades) and the users
   it wins follow at once;
3. **audience** — real followers leave when uninterested, when the brand has posted nothing
   for a long time (they forget it), or when they no longer trust it; answered
   commenters regain trust;
4. **platform** — each platform action acts (:mod:`sim.platform`): purges of detected fakes,
   discovery of what was bought and trust's recovery, a vendor's misuse of the credentials;
   then each trait of the audience or brand (:mod:`sim.traits`);
5. **record** — one row per day (one row per post was recorded as it went out).

Randomness: every component of a run draws from its own stream, keyed by its name under the run's
seed (:func:`sim.base.rng.stream`): the audience, posting, distribution, what shares do beyond
the population (``("distribution", "outside")``), audience dynamics, agents, and each tactic and
platform action (``("strategies", "giveaway")``). Switching a component on or off never shifts
another's draws, so two scenarios that differ only in a tactic share their audience and every
other draw (common random numbers).

Engines: with ``engine="agents"`` every viewer's Mesa agent decides, in the same stages
(:mod:`sim.engine.engines.agents`, small audiences only, on the stream ``("distribution",
"agents")``, so the kernel's draws stay as they were); the rest of the day is the same code.

Mesa: the model is a plain object; its Mesa side (:class:`sim.engine.agents.AgentWorld`, the agent
views of :meth:`FeedModel.user`, ``FeedModel.agents``) is built when first asked for, so a run
that never looks at an agent does not import Mesa (nor the SciPy and pandas Mesa imports).
"""

from __future__ import annotations

import time

import numpy as np

from sim import registry
from sim.base import content, jit
from sim.base import rng as xr
from sim.base.rules import behaviour_vector
from sim.components import Component, with_own
from sim.engine import audience as aud
from sim.engine import kernel
from sim.engine.audience_arrays import union_sorted
from sim.engine.brand import Brand, Ledger
from sim.engine.engines import DEFAULT_ENGINE, check_engine
from sim.engine.kernel_call import KernelCall
from sim.engine.recorder import Recorder
from sim.passes import Leaving, answer_commenters, followers_leave, welcome
from sim.tactics.influencer import InfluencerSeeding

STREAMS = ("audience", "posting", "distribution", "dynamics", "agents")


def _may_add(component) -> bool:
    """Whether ``component``'s daily act may make an account follow the brand."""
    return component.adds_followers and type(component).act is not Component.act


def spawn_streams(seed: int) -> dict[str, np.random.SeedSequence]:
    """The run's core random streams, each keyed by its name."""
    return {name: xr.stream(seed, name) for name in STREAMS}


class ByHour(dict):
    """Values by hour of the day, each made by ``make(hour)`` when first asked for: a run
    posts at a few hours, and making all 24 took longer than many a short run's posts."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, hour: int):
        made = self[hour] = self._make(hour)
        return made


class FeedModel:
    """A brand, its audience and a feed algorithm, one day per step.

    Args:
        scenario: a resolved :class:`sim.scenario.Scenario`.
        seed: the run's seed (defaults to the scenario's).
        audience: an audience to use instead of generating one (e.g. from ``from_networkx``).
        engine: what distributes each post, one of ``sim.engine.engines.ENGINES``: ``"kernel"`` (the
            numba feed kernel) or ``"agents"`` (Mesa agents decide every impression; at most
            ``sim.engine.engines.AGENT_ENGINE_MAX_ACCOUNTS`` accounts).
        populations: where populations already built are kept (``sim.engine.audience.
            PopulationCache`` or ``PopulationFolder``), so runs that share their audience's
            inputs and seed build its real users once; results are the same either way.

    Raises:
        sim.engine.engines.EngineError: for an unknown engine, or an audience too large for it.
    """

    def __init__(
        self,
        scenario,
        seed: int | None = None,
        audience: aud.Audience | None = None,
        engine: str = DEFAULT_ENGINE,
        populations=None,
    ):
        # Refuse before generating the audience: a million users take seconds to build.
        self.engine = check_engine(
            engine, audience.n_accounts if audience is not None else scenario.audience.users
        )
        self.seed_value = int(scenario.seed if seed is None else seed)
        self.streams = spawn_streams(self.seed_value)
        self.steps = 0  # days simulated so far
        self._world = None  # the Mesa side, built on first use (see `mesa`)
        self.scenario = scenario
        jit.start()  # before the first compiled function: see sim.base.jit
        self.audience = audience or aud.generate(scenario, self.streams["audience"], populations)
        check_engine(engine, self.audience.n_accounts)  # tactics' accounts come on top of users
        self.behaviour = behaviour_vector(scenario.behaviour)
        # The vector of the post being (or last) distributed: content, fit, fatigue, reputation
        # and replies applied. Agents decide with it, as the engine's viewers do.
        self.post_behaviour = self.behaviour.copy()
        f, profile = scenario.feed, scenario.audience.activity_profile
        share_audience = scenario.audience.share_audience
        # One set of feed parameters per posting hour: the hour sets the test window's activity.
        self.feed_params = ByHour(
            lambda hour: kernel.feed_params(
                f, content.test_window_factor(profile, hour, f.test_window_hours), share_audience
            )
        )
        self.posting_rng = xr.generator(self.streams["posting"], "quality")
        self.dynamics_rng = xr.generator(self.streams["dynamics"])
        if engine == "agents":
            from sim.engine.engines.agents import AgentEngine

            self.dist_state = xr.new_state(xr.stream(self.streams["distribution"], "agents"))
            self.distribute = AgentEngine(self).distribute_post
        else:
            self.dist_state = xr.new_state(self.streams["distribution"])
            self.distribute = KernelCall()  # kernel.distribute_post, without typing each post
        self.agent_state = xr.new_state(xr.stream(self.streams["agents"], "decide"))
        self.ws = kernel.scratch(self.audience.n_accounts)
        self.ws.outside[:] = xr.new_state(xr.stream(self.streams["distribution"], "outside"))
        self.acc = kernel.accounts(self.audience)
        # The follow graph never changes during a run: one named view of it for every post.
        self.graph = kernel.Graph(self.audience.indptr, self.audience.indices)
        self.ledger = Ledger()
        self.last_bought_day = -1  # last day followers or likes were bought (-1: never)
        self.tactics, self.platform_acts = self._components()
        self.components = (*self.tactics, *self.platform_acts)
        # The components that act at each of the day's hooks, in order (not the empty methods).
        self._acting = with_own(self.tactics, "act")
        self._platform_acting = with_own(self.platform_acts, "act")
        self._on_duty = with_own(self.tactics, "on_duty")
        self._sharing = with_own(self.tactics, "shares_for_post")
        self._blocking = with_own(self.components, "blocks_posting")
        self._restricting = with_own(self.components, "restrict")
        self._after_post = with_own(self.components, "after_post")
        # Content and rhythm draw from their own streams, so a new content mix never shifts
        # the quality draws.
        posting = self.streams["posting"]
        self.planner = content.ContentPlanner(scenario, xr.generator(posting, "content"))
        plan = content.schedule(
            scenario.brand,
            scenario.days,
            xr.generator(posting, "rhythm"),
            scenario.content.calendar,
        )
        self.brand = Brand(scenario.brand, plan)
        self._comments_before = (
            self.audience.comments_given.copy() if scenario.brand.reply_share > 0 else None
        )
        b = scenario.behaviour  # the scenario is frozen: what the audience's update reads, once
        self._hazards = (b.forget_after, b.unfollow, b.forget, b.distrust_unfollow)
        self._reply_gain = scenario.effects.reply_trust_gain * scenario.brand.reply_share
        self._views: dict = {}
        self.day = -1
        self._post_count = 0
        self._posts_today = 0
        self.last_post_day = -1  # the brand's last day with a post: its followers forget a silence
        self._no_one = np.empty(0, dtype=np.int32)
        self._no_credibility = np.empty(0)
        # Scratch for the day's scans of the accounts (follower lists, the record's tally, a
        # trait's candidates): one int32 an account, shared, so what a scan leaves in it is
        # only valid until the next scan; scans that return ids return fresh arrays.
        self.scan_room = np.empty(self.audience.n_accounts, dtype=np.int32)
        # The real accounts' ids, when they are one block: the scans that list real followers
        # then tell them by id, not by reading each one's kind (kinds never change in a run).
        self.real_span = self.audience.real_span()
        # Who follows after a post: its follower list and the accounts it won (None: unknown,
        # scan; `known_followers`). Kept unless a component acts after a post (a paid boost
        # wins followers); followers only leave in the audience's update; it holds through the
        # day if no platform action or trait can add one (`Component.adds_followers`), and to
        # the next day's posts (within `run_days`) if no tactic can either.
        self._reuse_post_list = not self._after_post
        self._list_holds = not any(_may_add(c) for c in self.platform_acts)
        self._tactics_hold = not any(_may_add(c) for c in self.tactics)
        self._followers = None
        self._grown = (None, None, self._no_one)  # the last post's list: (from, to, won)
        self._no_pools = np.empty(0, dtype=np.int64)
        self.recorder = Recorder(scenario.brand, registry.counters(), scenario.days)
        self.stage_seconds = dict.fromkeys((name for name, _ in self.STAGES), 0.0)

    # The day's stages in order: (name, method). The methods are the class's, called with the
    # model, not bound to it: a model holding its own bound methods (or a brand holding the
    # model) is a reference cycle, and a cycle keeps a finished run's arrays alive until the
    # garbage collector's next full pass, which large arrays do not hasten.
    STAGES = (
        ("tactics", "_tactics_act"),
        ("posts", "_post"),
        ("audience", "_audience_update"),
        ("platform", "_platform_act"),
        ("record", "_record"),
    )

    def _components(self) -> tuple[list, list]:
        """The scenario's tactics and platform actions, built in registry order, each on its
        own stream ``(group, name)``."""
        tactics, actions = [], []
        for cls, params in registry.active(self.scenario):
            rng = xr.generator(self.seed_value, cls.group, cls.name)
            built = cls(params, self.scenario, self.audience, rng)
            (tactics if cls.group == "strategies" else actions).append(built)
        return tactics, actions

    # ------------------------------------------------------------------ the day
    def step(self) -> None:
        """Simulate one day: the stages of :attr:`STAGES` in order, each timed, recorded as one
        row."""
        self._followers = None  # the caller may have changed who follows since the last day
        self._day()

    def _day(self) -> None:
        self.steps += 1
        self.day = self.steps - 1
        self.recorder.start_day(self.day)
        self._posts_today = 0
        if not self._tactics_hold:
            self._followers = None
        seconds, clock = self.stage_seconds, time.perf_counter
        t0 = clock()
        for name, stage in self.STAGES:
            getattr(self, stage)()
            t1 = clock()  # one reading ends a stage and starts the next
            seconds[name] += t1 - t0
            t0 = t1

    def _post(self) -> None:
        self.brand.step(self)

    def _tactics_act(self) -> None:
        for tactic in self._acting:
            tactic.act(self, self.day)

    def _platform_act(self) -> None:
        for action in self._platform_acting:
            action.act(self, self.day)

    def _record(self) -> None:
        self.recorder.end_day(
            self.audience, self.ledger.close_day(), self.scan_room, self.real_span, self._followers
        )

    # ------------------------------------------------------------------ what components use
    def known_followers(self) -> np.ndarray | None:
        """Ids (int32, ascending) that hold every current follower of the brand (some may
        have left since) if the model knows them now, else None: to look at instead of all."""
        return self._followers

    def joined_since(self, followers) -> np.ndarray | None:
        """If the list now is ``followers`` (a ``known_followers``) and what one post since won,
        those it won (int32, ascending): all who may have followed since. Else None."""
        before, now, won = self._grown
        if followers is None or before is not followers or now is not self._followers:
            return None
        return won if won.shape[0] < 2 else union_sorted(self._no_one, won)  # sorted, once each

    def count(self, name: str, n: int) -> None:
        """Add ``n`` to today's counter ``name`` (a core or component counter)."""
        if name not in self.recorder.counters:  # the day's row has its other figures too
            raise KeyError(
                f"no day counter {name!r}: declare it in the component's `counters` "
                "(sim.base.metrics.counter) or in sim.base.metrics"
            )
        self.recorder.today[name] += int(n)

    def spend(self, what: str, euros: float) -> None:
        """Charge ``euros`` to today's tactics cost, under ``what``."""
        self.ledger.spend(what, euros)

    def bought(self, day: int) -> None:
        """Note that followers or engagement were bought on ``day`` (evidence for discovery)."""
        self.last_bought_day = day

    def on_duty(self, day: int) -> np.ndarray:
        """Accounts that react to every post in its test window on ``day`` (pods), int32."""
        parts = [ids for t in self._on_duty if (ids := t.on_duty(day)) is not None]
        if not parts:
            return self._no_one
        return parts[0] if len(parts) == 1 else np.concatenate(parts).astype(np.int32)

    def may_post(self, day: int) -> bool:
        """False on a day a component keeps the brand from posting (an account taken over)."""
        return not any(c.blocks_posting(day) for c in self._blocking)

    def _shares_for_post(self) -> tuple[np.ndarray, np.ndarray]:
        """Accounts sharing the next post to their own followers (influencers on the day's
        first post, staff), and each one's chance that a follower takes notice."""
        first = self._posts_today == 0
        parts = [
            sh
            for t in self._sharing
            if (sh := t.shares_for_post(self, self.day, first)) is not None
        ]
        if not parts:
            return self._no_one, self._no_credibility
        return (
            np.concatenate([p[0] for p in parts]).astype(np.int32),
            np.concatenate([p[1] for p in parts]).astype(np.float64),
        )

    def publish(self, quality: float) -> dict:
        """Distribute one post now; record and return its row."""
        a = self.audience
        # A view of the scan room: nothing scans into it again before the post is done.
        followers = a.followers_of_brand(self.scan_room, self._followers, fresh=False)
        pod = self.on_duty(self.day)
        seeders, credibility = self._shares_for_post()
        # Each seeder's share is a node of the post's diffusion tree: make room for them.
        ws = self.ws = kernel.with_tree_room(self.ws, a.n_accounts, seeders.shape[0])
        attrs, hour, forward = self.planner.next_post(self.day)
        beh = self.post_behaviour = self.planner.behaviour(attrs, forward)
        reputation = self.planner.reputation
        feed = self.feed_params[hour]
        # The kernel reorders the list it is given: it gets a copy where the model keeps the
        # list in order (the view, untouched until the post is done) for the day's next posts.
        listed = followers if self._reuse_post_list else None
        followers = followers.copy() if self._reuse_post_list else followers
        for c in self._restricting:  # a platform restriction: fewer followers, no recommendation
            if (cut := c.restrict(self.day, followers)) is not None:
                followers, recommend = cut
                if not recommend:
                    feed = feed._replace(explore_stages=self._no_pools)
        post = kernel.Post(self._post_count, self.day, float(quality), beh)
        stats = self.distribute(
            self.graph,
            self.acc,
            a.n_users,
            post,
            kernel.Targets(followers, pod, seeders, credibility),
            feed,
            ws,
            self.dist_state,
        )
        self.planner.after_post(attrs)
        self._posts_today += 1
        self.last_post_day = self.day
        won = ws.new_follows[: stats["new_follows"]]  # by key: a record's attribute is slow
        welcome(won, a.origin, a.follow_day, aud.ORGANIC, self.day)
        self.post_stats = stats  # what the post brought; a paid boost adds its viewers to it
        for c in self._after_post:
            c.after_post(self, post)
        if self._reuse_post_list:
            before, self._followers = self._followers, union_sorted(listed, won)
            self._grown = (before, self._followers, won.copy())  # won: overwritten next post
        self._post_count += 1
        return self.recorder.add_post(self._post_count - 1, quality, stats, attrs, reputation)

    def boost(self, post, paid: int, broad: bool, feed, state) -> tuple[int, int, np.void]:
        """Show ``post`` to ``paid`` real non-followers who have not seen it (by interest, or at
        random if ``broad``) and drain the shares they make, by the kernel's own stages
        (:mod:`sim.engine.paid`), drawing from the caller's generator ``state``. Returns the
        paid impressions shown, the impressions through their shares and what the boost brought
        (a ``POST_STATS`` record; ``self.ws.new_follows`` holds the accounts it won)."""
        from sim.base.kernel_types import POST_STATS
        from sim.engine.paid import Paid, boost_post

        box = np.zeros(1, dtype=POST_STATS)
        shown, shared = boost_post(
            Paid(paid, broad, self.audience.n_users),
            self.graph,
            self.acc,
            post,
            feed,
            self.ws,
            state,
            box,
        )
        return shown, shared, box[0]

    def _audience_update(self) -> None:
        a = self.audience
        ids = a.real_follower_ids(self.scan_room, self.real_span, self._followers, fresh=False)
        if not self._list_holds:
            self._followers = None
        u = self.dynamics_rng.random(ids.shape[0])
        leaving = Leaving(self.day, self.last_post_day, *self._hazards)
        left = followers_leave(ids, u, a.origin, a.interest, a.trust, a.follow_day, leaving)
        self.recorder.today["unfollows"] += left  # a core counter (`count` checks a name)
        if self._comments_before is not None:
            # Reciprocity: commenters the brand answers regain some of the trust they lost.
            answer_commenters(a.comments_given, self._comments_before, a.trust, self._reply_gain)

    # ------------------------------------------------------------------ agents
    @property
    def mesa(self):
        """The model's Mesa side (:class:`sim.engine.agents.AgentWorld`), built on first use: the
        registry of its agent views and Mesa's generator (the run's ``agents`` stream)."""
        if self._world is None:
            from sim.engine.agents import AgentWorld

            self._world = AgentWorld(self, xr.generator(self.streams["agents"], "mesa"))
        return self._world

    @property
    def agents(self):
        """Mesa's AgentSet of the agent views created so far (:meth:`user`, ``influencers``)."""
        return self.mesa.agents

    @property
    def influencers(self) -> list:
        """A Mesa agent view of each account paid to share the brand's posts."""
        from sim.engine.agents import Influencer

        return [
            self._view(("influencer", t.uid), t.uid, Influencer, t.params.tier, t.followers)
            for t in self.tactics
            if isinstance(t, InfluencerSeeding)
        ]

    def user(self, uid: int):
        """The Mesa agent for account ``uid``: a view over the arrays, created on first use and
        re-created when the account's kind or origin has changed since (a real user who
        followed back is then a FollowBackFollower, one who left is a RealUser again)."""
        uid = int(uid)
        if not 0 <= uid < self.audience.n_accounts:
            raise IndexError(f"no account {uid}; ids run from 0 to {self.audience.n_accounts - 1}")
        return self._view(uid, uid, self._agent_class(uid))

    def _view(self, key, uid: int, cls, *args):
        """The view stored under ``key``, (re-)created as a ``cls`` if it is not one."""
        view = self._views.get(key)
        if view is None or type(view) is not cls:
            if view is not None:
                view.remove()
            view = self._views[key] = cls(self.mesa, uid, *args)
        return view

    def _agent_class(self, uid: int) -> type:
        from sim.engine.agents import (
            BoughtFollower,
            FollowBackFollower,
            GiveawayFollower,
            PodMember,
            RealUser,
        )

        a = self.audience
        if a.kind[uid] == aud.BOUGHT:
            return BoughtFollower
        if a.kind[uid] == aud.POD:
            return PodMember
        if a.origin[uid] == aud.FOLLOW_BACK:
            return FollowBackFollower
        if a.origin[uid] == aud.GIVEAWAY:
            return GiveawayFollower
        return RealUser

    def users(self, ids) -> list:
        """Agents for several accounts (a sample, or ``range(n)`` for a small audience)."""
        return [self.user(u) for u in ids]

    # ------------------------------------------------------------------ running
    def release(self) -> None:
        """Let the model be freed once the caller drops it.

        Mesa (3.x) numbers agents per model in a class-level dict keyed by the model itself, so
        a model whose agents were looked at, and all its arrays, stay reachable for the life of
        the process: about 5 MB per 20,000-user run, gigabytes over a sweep worker's lifetime.
        Call this when done with a model; :func:`sim.engine.runner.run` does. Agent views taken from
        the model before still read its arrays; asking it for a view afterwards builds a new
        world (to be released again).
        """
        if self._world is not None:
            self._world.release()
            # The world and its agent views point back at the model: drop them, so nothing the
            # model holds refers to it and it is freed as soon as the caller lets it go.
            self._world = None
            self._views.clear()

    def run_days(self, days: int, progress=None) -> None:
        """Step ``days`` times; ``progress`` is called with the number of days done (it must not
        change who follows the brand: the days keep their follower list from one to the next)."""
        self._followers = None
        for i in range(days):
            self._day()
            if progress is not None:
                progress(i + 1)
