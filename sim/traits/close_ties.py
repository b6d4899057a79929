"""Close ties: a small account's first followers are the people closest to it.

A shop's first followers are not strangers: they are the owner's friends, family, colleagues and
regular customers, a personal network of about 150 people (Hill & Dunbar 2003: 153 in the
networks their subjects sent Christmas cards to, the size Dunbar's number names). They know who
is behind the posts and take an interest in them whatever the topic, and they interact with the
account, which a feed ranks first: Instagram names "your history of interacting with someone"
among the signals that rank its feed (Mosseri 2021), and a strong tie is individually the more
likely to pass on what a friend shares (Bakshy et al. 2012). So each close tie's interest is at
least ``interest`` and the feed shows them every post they open the app for
(:mod:`sim.engine.kernel`, stage 3).

Nothing here names the account's size, yet the size shows: ``count`` close ties are most of the
followers of a 200-follower shop and a sliver of those of a 30,000-follower brand, so engagement
per follower falls from the smallest accounts up, as HypeAuditor and Modash measure it. The close
ties are drawn at random from the brand's followers at the start (real, organic), as many as
``count``; a brand that starts with none has none. Both numbers are assumptions: no public
source counts a brand owner's followers they know personally, or measures how much more they
react.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.accounts import CLOSE_TIE, ORGANIC, REAL
from sim.base.params import Params
from sim.components import Component


class CloseTiesParams(Params):
    """How many of the brand's first followers are its owner's own people, and how they react."""

    count: int = Field(
        150,
        ge=0,
        le=10_000,
        description="how many of the brand's followers at the start are the owner's close ties "
        "(friends, family, regular customers); assumption: the size of a personal network "
        "(Hill & Dunbar 2003: about 150); 0: none",
    )
    interest: float = Field(
        0.9,
        ge=0,
        le=1,
        description="a close tie's interest in the brand's posts is at least this: they know who "
        "is behind them (assumption)",
    )


class CloseTies(Component):
    """Marks the owner's close ties among the first followers: interested, and shown every post."""

    name = "close_ties"
    group = "traits"
    Params = CloseTiesParams

    @classmethod
    def is_on(cls, params) -> bool:
        """Whether the brand has any close ties."""
        return params.count > 0

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        a = audience
        n = a.n_users
        first = np.flatnonzero(
            (a.origin[:n] == ORGANIC) & (a.kind[:n] == REAL) & (a.follow_day[:n] == 0)
        )
        k = min(params.count, first.shape[0])
        ties = np.sort(rng.choice(first, size=k, replace=False)) if k else first[:0]
        a.followed[ties] = CLOSE_TIE  # in place: views of the kernel's records
        a.set_interest(ties, np.maximum(a.interest[ties], params.interest))
