"""Relationships: the followers a brand follows back, and why a big account reaches fewer.

A feed ranks the posts of accounts the viewer has a relationship with above those of accounts
the viewer merely follows: Instagram names "your history of interacting with someone" among the
signals that rank its feed (Mosseri 2021). Here that relationship is a follow back: the brand
follows its real followers back, the earliest first, until it follows ``follow_back_limit``
accounts. A follower the brand does not follow sees a post in the feed with the platform's
``feed.one_way_reach`` times the chance a followed one has (:mod:`sim.engine.kernel`, stage 3).

Nothing here depends on the account's size, yet the size shows: an account can follow only so
many back (Instagram caps following at 7,500 accounts), so the share of its followers it has a
relationship with falls as it grows, and with it the share of followers who see a post. A small
shop follows back everyone; at 50,000 followers most are one-way. The limit is the brand's
choice; the default is the platform's cap, the most a brand can do. Bought accounts and pods are
never followed back. Once followed, an account stays followed, also if it leaves: the brand
does not prune its list (an assumption).
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from sim.base.accounts import FOLLOWED_BACK
from sim.base.params import Params
from sim.components import Component


class RelationshipsParams(Params):
    """How many of its followers the brand follows back."""

    follow_back_limit: int = Field(
        7_500,
        ge=0,
        le=50_000_000,
        description="most accounts the brand follows back, its "
        "real followers in the order they came (Instagram's cap on following is 7,500; 0: it "
        "follows nobody, so every follower is one-way); the owner's close ties count against it",
    )


class Relationships(Component):
    """Follows the brand's real followers back, earliest first, up to the limit."""

    name = "relationships"
    group = "traits"
    adds_followers = False  # the brand follows back; who follows it does not change
    Params = RelationshipsParams

    @classmethod
    def is_on(cls, params) -> bool:
        """Whether the brand follows any of its followers back."""
        return params.follow_back_limit > 0

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        self.following = int(np.count_nonzero(audience.followed))
        # The model's list of followers (``FeedModel.known_followers``) the brand last went
        # through: every real follower on it is followed back since, or the limit is reached.
        self._done_with = None
        self._follow_back(audience)  # the first followers, before the first post

    def act(self, model, day: int) -> None:
        """Follow back the earliest real followers not yet followed, while the limit allows."""
        if self.following < self.params.follow_back_limit:
            among = model.known_followers()
            # The same list as last time: nobody has followed since (the model makes a new list
            # when anyone may have), and a follow back is never undone, so there is nobody new
            # to follow back. Most days of a run: its scan was most of this trait's time.
            if among is not None and among is self._done_with:
                return
            # A list grown by a post from the one last gone through: only the accounts the post
            # won can be new followers to follow back (the same ones, ascending, as its scan).
            joined = model.joined_since(self._done_with)
            if joined is None or joined.shape[0]:  # (a post that won nobody: nothing to do)
                a, look_at = model.audience, among if joined is None else joined
                self._follow_back(a, model.scan_room, model.real_span, look_at)
            self._done_with = among  # held, so its id cannot be reused by another list

    def _follow_back(self, a, scratch=None, span=(0, -1), among=None) -> None:
        """Follow back the earliest real followers not yet followed, up to the limit;
        ``scratch``: int32 room for at least ``a.n_accounts`` ids (the model's); ``span``: the
        audience's ``real_span()``, if known; ``among``: ids known to hold every follower
        (``FeedModel.known_followers``), looked at instead of every account."""
        room = self.params.follow_back_limit - self.following
        if room <= 0:
            return
        if scratch is None or scratch.shape[0] < a.n_accounts:  # the scan does not check bounds
            scratch = np.empty(a.n_accounts, dtype=np.int32)
        from sim.passes import not_followed_back, not_followed_back_among  # numba: on first use

        if among is None:
            k = not_followed_back(a.origin, a.kind, a.followed, scratch, span[0], span[1])
        else:
            k = not_followed_back_among(among, a.origin, a.kind, a.followed, scratch, *span)
        if k == 0:  # nobody new to follow back (most days once the early followers are)
            return
        ids = scratch[:k]
        if ids.shape[0] > room:  # the earliest followers first; those of one day in random order
            ids = self.rng.permutation(ids)
            ids = ids[np.argsort(a.follow_day[ids], kind="stable")[:room]]
        a.followed[ids] = FOLLOWED_BACK
        self.following += int(ids.shape[0])
