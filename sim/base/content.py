"""What the brand posts and when: content attributes, posting rhythm and hour, and the slow levers
(fatigue, reputation, community management) that change how the audience responds.

None of this touches the decision rule. Each post gets its own behaviour vector: the scenario's
base rates times the multipliers of the post's attributes (Effects), the platform's content fit
(Fit), the audience's fatigue with over-used formats, the brand's reputation and, for comments,
the brand's habit of answering them. The rule in :mod:`sim.base.rules` then applies that vector to
every viewer alike.
"""

from __future__ import annotations

import math
from itertools import compress

import numpy as np

from sim.base.attributes import ATTRIBUTES, BY_NAME, EFFECT_REACTIONS
from sim.base.rules import (
    B_COMMENT,
    B_DWELL,
    B_FORWARD,
    B_LIKE,
    B_PURCHASE,
    B_SHARE,
    B_VISIT,
    behaviour_vector,
)

# Where each reaction an attribute can scale sits in the decision rule's behaviour vector.
_SLOT = {
    "dwell": B_DWELL,
    "like": B_LIKE,
    "comment": B_COMMENT,
    "share": B_SHARE,
    "visit": B_VISIT,
    "purchase": B_PURCHASE,
}
_TIRING = tuple(a for a in ATTRIBUTES if BY_NAME[a].tires)
_BUILDS = frozenset(a for a in ATTRIBUTES if BY_NAME[a].builds_reputation)
_PITCH = frozenset(a for a in ATTRIBUTES if BY_NAME[a].pitch)
_SOFTENS = frozenset(a for a in ATTRIBUTES if BY_NAME[a].softens)
REPUTATION_RANGE = (0.8, 1.2)  # a brand's standing moves attention by at most a fifth


def test_window_factor(profile, hour: int, window: int) -> float:
    """How much likelier than on average a user is to be active in the ``window`` hours after
    ``hour``, given the audience's hourly ``profile`` (any scale): 1 for a flat profile."""
    p = np.asarray(profile, dtype=float)
    p = p / p.sum()
    mass = sum(p[(hour + k) % 24] for k in range(window))
    return float(mass * 24.0 / window)


def schedule(brand, days: int, rng: np.random.Generator, calendar=()) -> np.ndarray:
    """Posts per day (int64, shape (days,)).

    regular: ``posts_per_week`` spread evenly; erratic: the same average, in bursts after
    silences of about ``erratic_gap`` days (jittered by up to a third). A calendar, if given,
    replaces both: one post per calendar entry.
    """
    out = np.zeros(days, dtype=np.int64)
    if calendar:
        for entry in calendar:
            if entry.day < days:
                out[entry.day] += 1
        return out
    per_day = brand.posts_per_week / 7.0
    if brand.rhythm == "regular":
        d = np.arange(days)
        return (np.floor((d + 1) * per_day + 1e-9) - np.floor(d * per_day + 1e-9)).astype(np.int64)
    gap = brand.erratic_gap
    day = int(rng.integers(0, gap))
    carried = day * per_day
    while day < days:
        jitter = int(rng.integers(-(gap // 3), gap // 3 + 1))
        nxt = day + max(1, gap + jitter)
        carried += (min(nxt, days) - day) * per_day
        n = int(carried)
        out[day] = n
        carried -= n
        day = nxt
    return out


class ContentPlanner:
    """Draws each post's attributes and turns them into the post's behaviour vector.

    State: the recent share of each tiring attribute (questions, humour: fatigue), and the
    brand's reputation. Which attribute plays which role comes from :mod:`sim.base.attributes`.
    """

    reputation_range = REPUTATION_RANGE

    def __init__(self, scenario, rng: np.random.Generator):
        self.s = scenario
        self.rng = rng
        self.base = behaviour_vector(scenario.behaviour)
        self.mix = np.array([getattr(scenario.content, a) for a in ATTRIBUTES])
        self.fit = np.array([getattr(scenario.fit, a) for a in ATTRIBUTES])
        # effect[i, slot]: multiplier of attribute i on behaviour slot
        self.effect = np.ones((len(ATTRIBUTES), self.base.shape[0]))
        for i, a in enumerate(ATTRIBUTES):
            e = getattr(scenario.effects, a)
            for name in EFFECT_REACTIONS:
                self.effect[i, _SLOT[name]] = getattr(e, name)
        self.calendar = {}
        for entry in scenario.content.calendar:
            hour = scenario.brand.hour if entry.hour is None else entry.hour
            self.calendar.setdefault(entry.day, []).append((entry.attributes, hour, entry.forward))
        self.recent = dict.fromkeys(_TIRING, 0.0)
        self._by_attributes: dict = {}  # see _mixed
        self.reputation = 1.0
        # What every post's vector takes from the (frozen) scenario, read once, not per post.
        e = scenario.effects
        self._comment_gain = 1.0 + e.reply_comment_gain * scenario.brand.reply_share
        self._fatigue = (e.fatigue_threshold, e.fatigue_strength, e.fatigue_memory)

    def next_post(self, day: int) -> tuple[tuple[str, ...], int, float]:
        """The next post's attributes, hour and forward factor: from the calendar if it lists
        the day, else the mix at the brand's hour (forward factor 0: the usual share rate)."""
        planned = self.calendar.get(day)
        if planned:
            attrs, hour, forward = planned.pop(0)
            return tuple(attrs), hour, forward
        drawn = self.rng.random(len(ATTRIBUTES)) < self.mix
        return tuple(compress(ATTRIBUTES, drawn.tolist())), self.s.brand.hour, 0.0

    def attributes(self, day: int) -> tuple[str, ...]:
        """The next post's attributes (see ``next_post``)."""
        return self.next_post(day)[0]

    def fatigue(self) -> float:
        """Response multiplier from over-used formats (1: none)."""
        threshold, strength, _ = self._fatigue
        mult = 1.0
        for share in self.recent.values():
            if share > threshold:
                excess = (share - threshold) / max(1e-9, 1.0 - threshold)
                mult *= 1.0 - strength * excess
        return mult

    def _mixed(self, attrs: tuple[str, ...], forward: float) -> tuple[np.ndarray, float]:
        """The base rates times the effects of ``attrs`` (dwell capped), and the attributes'
        fit: the same for every post with these attributes, so each set is worked out once
        (about 10 µs a post otherwise). Not to be written to."""
        key = (attrs, forward)
        if (known := self._by_attributes.get(key)) is not None:
            return known
        beh = self.base.copy()
        beh[B_FORWARD] = forward
        idx = [ATTRIBUTES.index(a) for a in attrs]
        for i in idx:
            beh *= self.effect[i]
        # Stopping power saturates: several attention-grabbing attributes do not multiply
        # without end (max_boost caps the product on the dwell slot).
        beh[B_DWELL] = min(beh[B_DWELL], self.base[B_DWELL] * self.s.effects.max_boost)
        fit = math.exp(np.log(np.maximum(self.fit[idx], 1e-12)).mean()) if idx else 1.0
        self._by_attributes[key] = (beh, fit)
        return beh, fit

    def behaviour(self, attrs: tuple[str, ...], forward: float = 0.0) -> np.ndarray:
        """This post's behaviour vector (float64, the layout of ``sim.base.rules``)."""
        mixed, fit = self._mixed(attrs, forward)
        beh = mixed.copy()
        beh[B_DWELL] *= fit * self.fatigue() * self.reputation
        beh[B_COMMENT] *= self._comment_gain
        return np.minimum(beh, 1.0, out=beh)  # the copy capped in place: no second array

    def after_post(self, attrs: tuple[str, ...]) -> None:
        """Update fatigue memory and reputation with the post just published."""
        e = self.s.effects
        recent, memory = self.recent, self._fatigue[2]
        for key in recent:
            recent[key] += ((key in attrs) - recent[key]) / memory
        on = frozenset(attrs)
        if on & _BUILDS:
            self.reputation += e.reputation_gain
        elif on & _PITCH and not on & _SOFTENS:
            self.reputation -= e.reputation_loss  # a bare sales pitch: broadcasting
        self.reputation = min(max(self.reputation, REPUTATION_RANGE[0]), REPUTATION_RANGE[1])
