"""Mesa agent classes: what each kind of account is and does.

State lives in the model's arrays (:class:`sim.engine.audience.Audience`); a user agent is a thin
view over one row of them, created on demand by :meth:`sim.engine.model.FeedModel.user`. Creating a
Mesa agent costs about 13 µs, so a million of them would cost seconds per run for no gain: the
kernel works on the arrays, and the views serve inspection, teaching and extension.

The views belong to an :class:`AgentWorld`, the Mesa model a FeedModel builds the first time an
agent is asked for: importing Mesa costs about half a second (it imports SciPy and pandas), which
a run that never looks at an agent does not pay. The world reads everything else from its
FeedModel, so an agent's ``self.model.audience`` is the run's arrays.

Every user agent decides with the same compiled rule the kernel uses
(:func:`sim.base.rules.decide`), with the behaviour vector of the post being shown. With
``engine="agents"`` the model lets the viewer's agent decide every impression
(:mod:`sim.engine.engines.agents`).
"""

from __future__ import annotations

import weakref
from typing import NamedTuple

import mesa
import numpy as np

from sim.base import rules
from sim.engine.audience import ORIGIN_NAMES, REAL


class Reaction(NamedTuple):
    """What one user did on seeing one post."""

    dwell: bool
    like: bool
    comment: bool
    share: bool
    follow: bool
    visit: bool
    purchase: bool

    @classmethod
    def from_bits(cls, bits: int) -> Reaction:
        """The reaction packed in ``bits`` by the kernel: bit ``i`` is the ``i``-th of
        ``sim.base.rules.REACTIONS``."""
        return cls(*(bool(bits & (1 << i)) for i in range(len(rules.REACTIONS))))


class Account(mesa.Agent):
    """A view over one account's row in the audience arrays.

    Args:
        model: the :class:`AgentWorld` of the FeedModel that owns the arrays.
        uid: the account's dense id (also its NetworkX node id).
    """

    role = "account"

    def __init__(self, model, uid: int):
        super().__init__(model)
        self.uid = int(uid)

    # Read-through properties: the arrays are the single source of truth.
    @property
    def interest(self) -> float:
        """The account's interest in the brand's niche, in [0, 1]."""
        return float(self.model.audience.interest[self.uid])

    @property
    def activity(self) -> float:
        """The account's chance of being active during a post's lifetime, in [0, 1]."""
        return float(self.model.audience.activity[self.uid])

    @property
    def trust(self) -> float:
        """The account's trust in the brand, in [0, 1] (1 = full)."""
        return float(self.model.audience.trust[self.uid])

    @property
    def origin(self) -> str:
        """How this account follows the brand: 'none', 'organic', 'bought' or 'follow_back'."""
        return ORIGIN_NAMES[self.model.audience.origin[self.uid]]

    @property
    def follows_brand(self) -> bool:
        """Whether the account follows the brand now, whatever its origin."""
        return self.model.audience.origin[self.uid] != 0

    def decide(
        self,
        quality: float,
        proof: float = 1.0,
        behaviour: np.ndarray | None = None,
        state: np.ndarray | None = None,
    ) -> Reaction:
        """React to one post by the shared rule (:func:`sim.base.rules.decide`).

        Args:
            quality: the post's quality, in [0, 1].
            proof: social proof, >= 1 (see :func:`sim.base.rules.decide`).
            behaviour: the post's behaviour vector (float64 (N_BEHAVIOUR,)); by default the
                model's ``post_behaviour``, the vector of the post being (or last) distributed,
                so an agent reacts to it as the engine's viewer did, content effects, fit,
                fatigue, reputation and replies included.
            state: uint64 (4,), the generator state to draw from; by default the model's agent
                stream, so inspecting agents never shifts the simulation's own draws. The agent
                engine passes its distribution stream.

        Returns:
            The agent's reactions.
        """
        a = self.model.audience
        viewer = rules.Viewer(
            a.interest[self.uid],
            a.trust[self.uid],
            a.reflex[self.uid],
            a.reflex_comment[self.uid],
            a.kind[self.uid] == REAL,
            a.origin[self.uid] != 0,
            a.voice[self.uid],
            a.novelty[self.uid],
        )
        bits = rules.decide(
            viewer,
            float(quality),
            float(proof),
            self.model.post_behaviour if behaviour is None else behaviour,
            self.model.agent_state if state is None else state,
        )
        return Reaction.from_bits(int(bits))

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.uid} origin={self.origin} interest={self.interest:.2f}>"
        )


class RealUser(Account):
    """A real person: active on some days, stops on posts that match their interest, may like,
    comment, share with their own followers, follow the brand, and buy."""

    role = "real"


class FollowBackFollower(RealUser):
    """A real person who followed the brand back after the brand followed them (reciprocity).
    Usually little interest in the niche; may leave when the brand unfollows them."""

    role = "follow_back"


class GiveawayFollower(RealUser):
    """A real person who followed to enter a giveaway ('follow us to win'): there for the prize,
    usually with little interest in the niche; many leave after the draw."""

    role = "giveaway"


class PodMember(Account):
    """A member of an engagement pod: likes and comments on every post in its first window by
    agreement, not interest. Inflates the visible counts and the platform's test signal; never
    buys."""

    role = "pod"


class BoughtFollower(Account):
    """A fake account from a follower vendor: adds to the count, is never active, has no
    interest and never buys. 'Premium' fakes carry a reflex: they sometimes like regardless."""

    role = "bought"


class Influencer(Account):
    """An account from the audience paid to share the brand's post on given days. Its followers
    see the sponsored share and react by the same rule as everyone else."""

    role = "influencer"

    def __init__(self, model, uid: int, tier: str, followers: int):
        super().__init__(model, uid)
        self.tier = tier
        self.followers = followers

    def __repr__(self) -> str:
        return f"<Influencer {self.uid} {self.tier} followers={self.followers:,}>"


class AgentWorld(mesa.Model):
    """The Mesa model of a FeedModel's agent views: Mesa's agent registry and random generator;
    every other attribute (``audience``, ``day``, ``post_behaviour``, ``agent_state``, ...) is
    the FeedModel's.

    Args:
        feed: the :class:`sim.engine.model.FeedModel` whose arrays the agents view.
        rng: the generator Mesa's own draws come from (the run's ``agents`` stream).
    """

    def __init__(self, feed, rng):
        super().__init__(rng=rng)
        self.feed = feed

    def __getattr__(self, name: str):
        # Only reached for names Mesa does not define; "feed" itself is guarded, so a
        # half-built world cannot recurse.
        if name == "feed":
            raise AttributeError(name)
        return getattr(self.feed, name)

    def release(self) -> None:
        """Drop Mesa's class-level reference to this world (see FeedModel.release), and hold
        the FeedModel weakly from now on: Mesa's model and its agents refer to one another, so
        a strong reference would keep the run's arrays alive until the garbage collector's
        next full pass. Views kept by the caller read the arrays while the FeedModel lives."""
        mesa.Agent._ids.pop(self, None)
        if not isinstance(self.feed, weakref.ProxyType):
            self.feed = weakref.proxy(self.feed)
