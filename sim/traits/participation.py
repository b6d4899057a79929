"""Participation inequality: not every audience creates content.

Most people never comment or share; a few do most of it. Nielsen (2006) names the pattern
90-9-1: 90% of users lurk, 9% contribute a little, 1% account for most contributions; van
Mierlo (2014) measured it in four online networks: the top 1% wrote 73.6% of the posts, the next
9% 24.7%, the remaining 90% 1.7%. With ``enabled``, each real user gets a *voice*, a multiplier
of their chance to comment on and share what they stop on (:func:`sim.base.rules.decide`), from
those tiers: voice = the tier's share of contributions ÷ its share of users, times a lognormal
spread within the tier (mean 1, ``spread`` its sigma, an assumption). The mean voice is 1, so
the average user reacts as the platform preset says; only who reacts changes. Which users are
in which tier is drawn independently of their interest (an assumption).

Conversation and amplification then come from a small core that can be told apart by what it
has done. ``leave_day`` is a what-if: on that day a share of the real followers unfollows, either
the core (those who have commented and shared most so far) or followers picked at random.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, model_validator

from sim.base.accounts import NONE, REAL
from sim.base.i18n import Said
from sim.base.l10n import Named, Number
from sim.base.metrics import counter
from sim.base.params import Params, Refusal
from sim.components import Component

# The tiers as a refusal names them: the key's word, and in Dutch the Dutch word before it.
_TIER_WORDS = {
    "lurkers": Named("lurkers", nl="meelezers (lurkers)"),
    "contributors": Named("contributors", nl="bijdragers (contributors)"),
    "core": Named("core", nl="kern (core)"),
}


class ParticipationParams(Params):
    """Users differ in how often they comment and share: lurkers, contributors and a core."""

    enabled: bool = Field(
        False,
        description="true: each user's voice is drawn from the tiers below; false: "
        "everyone comments and shares at the preset's average rate",
    )
    lurkers: float = Field(
        0.90, ge=0, le=1, description="share of users who lurk (Nielsen 2006: 90%)"
    )
    contributors: float = Field(
        0.09,
        ge=0,
        le=1,
        description="share of users who contribute a little (Nielsen 2006: "
        "9%); the rest (1%) are the core",
    )
    contributor_share: float = Field(
        0.247,
        ge=0,
        le=1,
        description="share of all contributions the contributors make (van Mierlo 2014: 24.7%)",
    )
    core_share: float = Field(
        0.736,
        ge=0,
        le=1,
        description="share of all contributions the core makes (van Mierlo "
        "2014: 73.6%); lurkers make the rest",
    )
    spread: float = Field(
        0.5, ge=0, le=3, description="lognormal sigma of voice within a tier (assumption)"
    )
    leave_day: int = Field(
        -1,
        ge=-1,
        le=3650,
        description="what-if: the day a share of real followers unfollows (-1: never)",
    )
    leave_share: float = Field(
        0.01, ge=0, le=1, description="share of the real followers that leaves on leave_day"
    )
    leave: Literal["core", "average"] = Field(
        "core",
        description="who leaves: core = those who commented and shared most so far; "
        "average = followers picked at random",
    )

    @model_validator(mode="after")
    def _tiers_add_up(self) -> ParticipationParams:
        if self.lurkers + self.contributors > 1.0:
            raise Refusal(
                Said(
                    "lurkers + contributors = {total:g} leaves no room for a core; keep their "
                    "sum at most 1",
                    {"total": self.lurkers + self.contributors},
                )
            )
        if self.contributor_share + self.core_share > 1.0:
            raise Refusal(
                Said(
                    "contributor_share + core_share = {total:g} is more than all "
                    "contributions; keep their sum at most 1",
                    {"total": self.contributor_share + self.core_share},
                )
            )
        for tier, users, share in (
            ("lurkers", self.lurkers, 1.0 - self.contributor_share - self.core_share),
            ("contributors", self.contributors, self.contributor_share),
            ("core", 1.0 - self.lurkers - self.contributors, self.core_share),
        ):
            if users <= 0.0 and share > 0.0:
                raise Refusal(
                    Said(
                        "the {tier} make {share:g} of the contributions but are no users; give "
                        "them a share of users or no contributions",
                        {"tier": _TIER_WORDS[tier], "share": Number(share)},
                    )
                )
        return self

    def tiers(self) -> tuple[np.ndarray, np.ndarray]:
        """(share of users, mean voice) of lurkers, contributors and core; mean voice 1."""
        users = np.array([self.lurkers, self.contributors, 1.0 - self.lurkers - self.contributors])
        shares = np.array(
            [
                1.0 - self.contributor_share - self.core_share,
                self.contributor_share,
                self.core_share,
            ]
        )
        voice = np.divide(shares, users, out=np.zeros(3), where=users > 0)
        return users, voice


def draw_voice(params: ParticipationParams, n: int, rng: np.random.Generator) -> np.ndarray:
    """Each of ``n`` users' voice (float64 (n,)): tier mean times a mean-1 lognormal."""
    users, voice = params.tiers()
    tier = rng.choice(3, size=n, p=users / users.sum())
    s = params.spread
    within = rng.lognormal(-0.5 * s * s, s, n) if s > 0 else np.ones(n)
    return voice[tier] * within


class Participation(Component):
    """Draws each real user's voice; optionally makes the core (or anyone) leave on a day."""

    name = "participation"
    group = "traits"
    Params = ParticipationParams
    counters = (
        counter(
            "core_left",
            "followers lost in the what-if",
            "followers",
            "real followers who unfollowed on participation.leave_day",
            better=-1,
        ),
    )

    @classmethod
    def is_on(cls, params) -> bool:
        """Whether the scenario draws voices or makes followers leave on a day."""
        # Neither voices nor a what-if: nothing to do, nothing for a sensitivity study to vary.
        return params.enabled or params.leave_day >= 0

    def __init__(self, params, scenario, audience, rng):
        super().__init__(params, scenario, audience, rng)
        if params.enabled:
            n = audience.n_users
            audience.voice[:n] = draw_voice(params, n, rng)  # in place: the kernel's view

    def act(self, model, day: int) -> None:
        """On ``leave_day``, make ``leave_share`` of the real followers leave: the core (those
        who commented and shared most) or anyone at random."""
        p = self.params
        if day != p.leave_day:
            return
        a = model.audience
        ids = np.flatnonzero((a.origin != NONE) & (a.kind == REAL))
        k = int(round(p.leave_share * ids.shape[0]))
        if k == 0:
            return
        if p.leave == "core":
            # What each has done, ties broken at random: the core as anyone could see it.
            done = a.comments_given[ids] + a.shares_given[ids] + self.rng.random(ids.shape[0])
            gone = ids[np.argsort(-done)[:k]]
        else:
            gone = self.rng.choice(ids, size=k, replace=False)
        a.origin[gone] = NONE
        model.count("core_left", k)
        model.count("unfollows", k)
