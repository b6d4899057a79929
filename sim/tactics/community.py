"""The brand's own community: a group it opens, where members see its posts and talk.

A group is a place of its own (source articles A3 and A5): members see the brand's posts there
whatever the feed's test made of them, and they talk to each other. But a group stays silent
unless the brand manages it. How that comes about here:

- **Members.** From ``open_day`` on, every real follower is invited once and joins with chance
  ``join``. Members stay members (leaving the group is not modelled).
- **The brand's posts.** When the brand posts, members who open the group that day (chance: their
  activity) and have not yet seen the post in the feed see it there, and react by the one
  decision rule (:func:`sim.base.rules.decide`): likes, comments, visits, purchases, a follow. A
  group is closed: nothing is shared onward from it.
- **Talk.** Each day, a member who opens the group may start a thread (chance ``start`` × their
  motivation × their voice); a managed group also gets ``threads_per_week`` threads from the
  brand. Every member who opens the group reads the day's threads and reacts to each by the same
  rule, with ``talk`` times the platform's comment chance as the chance of a reply (a group is
  for talking) scaled by their voice and motivation. Reading may lead to a visit and a purchase.
- **Motivation.** Whoever writes wants an answer (reciprocity: source article A4). A thread is
  answered if a member replies or the brand does (managed: ``reply_share`` of them); a reply is
  answered if the brand answers it or another member replied to the same thread (a
  conversation). Each writer's motivation moves a step ``learn`` towards 1 when answered and
  towards 0 when not; each member who only reads moves a step ``watch`` towards 1 on a day
  something in the group was answered (a lively group) and towards 0 on a day nothing was (an
  empty room). In a small, quiet group most messages go unanswered, motivation drains and
  the group falls silent; a managed group keeps answering and asking, so talk goes on. A group
  talkative enough (large ``talk``, many members) keeps itself going without the brand: the
  same mechanism, the opposite result.

Conversions in the group (visits, purchases) are counted with the day's visits and purchases, so
they join the economic value. Every number is an assumption: no public source measures them.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.accounts import NONE, ORGANIC, REAL
from sim.base.metrics import counter
from sim.base.params import Params
from sim.base.reactions import (
    B_COMMENT,
    B_FORWARD,
    B_SHARE,
    COMMENT,
    FOLLOW,
    LIKE,
    PURCHASE,
    VISIT,
)
from sim.components import Component


class CommunityParams(Params):
    """A group of the brand's own, opened on a day, managed or not."""

    open_day: int = Field(60, ge=0, le=3650, description="day the brand opens the group")
    join: float = Field(
        0.15, ge=0, le=1, description="chance an invited real follower joins (assumption)"
    )
    managed: bool = Field(
        True,
        description="the brand manages the group: starts conversations and answers "
        "(false: it only posts its feed posts there)",
    )
    threads_per_week: float = Field(
        3.0,
        ge=0,
        le=700,
        description="conversations the brand starts per week when managed (assumption)",
    )
    reply_share: float = Field(
        0.8,
        ge=0,
        le=1,
        description="share of members' messages the brand answers when managed (assumption)",
    )
    start: float = Field(
        0.05,
        ge=0,
        le=1,
        description="daily chance a member who opens the group starts a "
        "thread, at full motivation and average voice (assumption)",
    )
    talk: float = Field(
        5.0,
        ge=0,
        le=1000,
        description="how many times likelier a reply to a group thread is "
        "than a comment on a feed post (assumption)",
    )
    thread_quality: float = Field(
        0.6,
        ge=0,
        le=1,
        description="relevance of a thread to a member, like a post's quality "
        "(assumption; the brand's own threads have the brand's quality)",
    )
    motivation: float = Field(
        0.5, ge=0, le=1, description="a new member's motivation to write (assumption)"
    )
    learn: float = Field(
        0.3,
        ge=0,
        le=1,
        description="step by which a writer's motivation follows being "
        "answered or not (assumption)",
    )
    watch: float = Field(
        0.1,
        ge=0,
        le=1,
        description="step by which a reader's motivation follows whether the "
        "group was lively that day (assumption)",
    )
    cost_per_day: float = Field(
        0.0,
        ge=0,
        le=1_000_000,
        description="euros of community management per managed day (assumption: set your own)",
    )
    hours_per_week: float = Field(
        0.0,
        ge=0,
        le=168,
        description="hours a week someone manages the group: starting "
        "conversations, answering (assumption; 0: none counted); charged at hourly_rate",
    )
    hourly_rate: float = Field(
        40.0,
        ge=0,
        le=10_000,
        description="euros per hour of community management (assumption: set your own)",
    )


class Community(Component):
    """The brand's own group: members, the brand's posts outside the feed's test, and talk."""

    name = "community"
    costs = ("cost_per_day", "hours_per_week")
    cost_model = (
        "hours a week × hourly rate (+ any cost per day), for each managed day from "
        "the opening day (hours and rate are assumptions: set your own)"
    )
    cost_model_nl = (
        "uren per week × uurtarief (+ eventuele kosten per dag), voor elke beheerde "
        "dag vanaf de openingsdag (uren en tarief zijn aannames: vul uw eigen in)"
    )
    group = "strategies"
    Params = CommunityParams
    counters = (
        counter("group_joins", "new group members", "members", "followers who joined the group"),
        counter(
            "group_post_views",
            "brand posts seen in the group",
            "impressions",
            "members who saw a brand post in the group and not in the feed",
            better=1,
        ),
        counter(
            "group_threads",
            "group threads",
            "threads",
            "conversations started in the group (by members or the brand)",
            better=1,
        ),
        counter(
            "group_replies",
            "group replies",
            "messages",
            "members' replies to threads in the group (conversation)",
            better=1,
        ),
        counter(
            "group_visits",
            "visits from the group",
            "visits",
            "site visits by members after reading the group (also in visits)",
            better=1,
        ),
        counter(
            "group_purchases",
            "purchases from the group",
            "purchases",
            "purchases by members after reading the group (also in purchases)",
            better=1,
        ),
    )

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        n = audience.n_accounts
        self.asked = np.zeros(n, dtype=bool)
        self.members = np.empty(0, dtype=np.int64)
        self.motivation = np.empty(0, dtype=np.float64)
        self.quality = scenario.brand.quality
        from sim.base import rng as xr  # the compiled generator, loaded when a group runs

        self.state = xr.new_state(np.random.SeedSequence(rng.integers(0, 2**63)))

    @classmethod
    def daily_cost(cls, params) -> float:
        """Euros a managed day costs: the fixed cost and the hours' share of the week."""
        return params.cost_per_day + params.hours_per_week * params.hourly_rate / 7.0

    @classmethod
    def planned_cost(cls, params, scenario) -> float:
        """The managed group's daily cost from the day it opens to the end of the run; nothing
        when unmanaged."""
        if not params.managed:
            return 0.0
        return cls.daily_cost(params) * max(0, scenario.days - params.open_day)

    @classmethod
    def dated(cls, params):
        """The day the group opens."""
        return [("strategies.community.open_day", params.open_day)]

    # ------------------------------------------------------------------ members
    def _invite(self, model) -> None:
        a = model.audience
        new = np.flatnonzero((a.origin != NONE) & (a.kind == REAL) & ~self.asked)
        self.asked[new] = True
        joined = new[self.rng.random(new.shape[0]) < self.params.join]
        if joined.size:
            self.members = np.concatenate([self.members, joined])
            self.motivation = np.concatenate(
                [self.motivation, np.full(joined.shape[0], self.params.motivation)]
            )
            model.count("group_joins", joined.shape[0])

    def _present(self, model) -> np.ndarray:
        """Indexes (into ``members``) of the members who open the group now."""
        act = model.audience.activity[self.members]
        return np.flatnonzero(self.rng.random(self.members.shape[0]) < act)

    def _traits(self, model, idx, voice_scale):
        a = model.audience
        ids = self.members[idx]
        return (
            ids,
            a.interest[ids],
            a.trust[ids],
            a.voice[ids] * voice_scale,
            a.novelty[ids],
            a.origin[ids] != NONE,
        )

    def _convert(self, model, bits) -> None:
        visits = int(np.count_nonzero(bits & VISIT))
        purchases = int(np.count_nonzero(bits & PURCHASE))
        for name, k in (
            ("visits", visits),
            ("group_visits", visits),
            ("purchases", purchases),
            ("group_purchases", purchases),
        ):
            model.count(name, k)

    # ------------------------------------------------------------------ the brand's posts
    def after_post(self, model, post) -> None:
        """Show the brand's post in the group to the members present who did not see it in the
        feed: they may like, comment, follow or buy, but it travels no further."""
        if model.day < self.params.open_day or not self.members.size:
            return
        ws, a = model.ws, model.audience
        idx = self._present(model)
        idx = idx[ws.seen[self.members[idx]] != post.stamp]  # seen in the feed already
        if not idx.size:
            return
        ids, interest, trust, voice, novelty, follows = self._traits(model, idx, 1.0)
        beh = post.behaviour.copy()
        beh[B_SHARE] = beh[B_FORWARD] = 0.0  # a closed group: nothing travels on from it
        from sim.passes import Readers, read_threads

        bits = read_threads(
            np.full(1, -1, np.int64),
            np.full(1, post.quality),
            Readers(interest, trust, voice, novelty, follows),
            beh,
            self.state,
        )[0]
        ws.seen[ids] = post.stamp
        a.last_seen[ids] = model.day
        np.add.at(a.likes_given, ids[(bits & LIKE) > 0], 1)
        np.add.at(a.comments_given, ids[(bits & COMMENT) > 0], 1)
        a.engaged[ids[(bits & (LIKE | COMMENT)) > 0]] = 1
        won = ids[((bits & FOLLOW) > 0) & (a.origin[ids] == NONE)]
        a.origin[won] = ORGANIC
        a.follow_day[won] = model.day
        model.count("group_post_views", ids.shape[0])
        self._convert(model, bits)

    # ------------------------------------------------------------------ talk
    def act(self, model, day: int) -> None:
        """Once the group is open: invite new followers, pay the day's management, and let the
        members present start and answer threads."""
        p = self.params
        if day < p.open_day:
            return
        self._invite(model)
        if p.managed and (cost := self.daily_cost(p)):
            model.spend(self.name, cost)
        if not self.members.size:
            return
        present = self._present(model)
        m = self.motivation
        voice = model.audience.voice[self.members[present]]
        starts = present[self.rng.random(present.shape[0]) < p.start * m[present] * voice]
        brand = int(self.rng.poisson(p.threads_per_week / 7.0)) if p.managed else 0
        if not present.size:
            return
        if not starts.size + brand:  # an empty room today
            self._learn(present, np.empty(0, np.int64), np.zeros((0, present.shape[0]), bool))
            return
        # Threads: writers as indexes into ``present`` (-1: the brand).
        where = {int(g): k for k, g in enumerate(present)}
        authors = np.array([where[int(g)] for g in starts] + [-1] * brand, dtype=np.int64)
        quality = np.array([p.thread_quality] * starts.shape[0] + [self.quality] * brand)
        ids, interest, trust, voice, novelty, follows = self._traits(model, present, m[present])
        beh = model.behaviour.copy()
        beh[B_COMMENT] = min(1.0, beh[B_COMMENT] * p.talk)
        beh[B_SHARE] = beh[B_FORWARD] = 0.0
        from sim.passes import Readers, read_threads

        bits = read_threads(
            authors, quality, Readers(interest, trust, voice, novelty, follows), beh, self.state
        )
        replied = (bits & COMMENT) > 0  # (T, R)
        model.count("group_threads", authors.shape[0])
        model.count("group_replies", int(replied.sum()))
        self._convert(model, bits)
        self._learn(present, authors, replied)

    def _learn(self, present, authors, replied) -> None:
        """Move each writer's motivation towards whether they were answered."""
        p = self.params
        brand_answers = p.reply_share if p.managed else 0.0
        n_replies = replied.sum(axis=1)
        answered = np.zeros(present.shape[0])  # per present member: answered messages
        written = np.zeros(present.shape[0])
        for t in range(authors.shape[0]):
            w = authors[t]
            if w >= 0:  # a member's thread
                written[w] += 1
                answered[w] += n_replies[t] > 0 or self.rng.random() < brand_answers
            repliers = np.flatnonzero(replied[t])
            if repliers.size:
                written[repliers] += 1
                conversation = n_replies[t] > 1
                by_brand = self.rng.random(repliers.shape[0]) < brand_answers
                answered[repliers] += conversation | by_brand
        wrote = written > 0
        share = np.divide(answered, written, out=np.zeros_like(answered), where=wrote)
        k = present[wrote]
        self.motivation[k] += p.learn * (share[wrote] - self.motivation[k])
        lively = float(answered.sum() > 0)
        k = present[~wrote]
        self.motivation[k] += p.watch * (lively - self.motivation[k])
