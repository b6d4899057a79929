"""The scenario's core tables: the feed, behaviour, audience, brand, content, effects and fit,
with types, ranges and meaning.

The content tables are built from the attribute catalogue (:mod:`sim.base.attributes`); defaults
here are neutral fallbacks, and platform presets set the numbers that matter, each with a source.
:class:`sim.scenario.schema.Scenario` holds one of each.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import (
    Field,
    create_model,
    field_validator,
)

from sim.base.attributes import ATTRIBUTES, CATALOGUE
from sim.base.i18n import Said
from sim.base.l10n import Count
from sim.base.params import Params as _Table
from sim.base.params import Refusal
from sim.scenario.errors import suggest
from sim.scenario.resources import MAX_USERS


class SignalWeights(_Table):
    """Weights of each reaction in the platform's test signal (per delivered impression)."""

    dwell: float = Field(1.0, ge=0, le=1000, description="a user stopping on the post")
    like: float = Field(1.0, ge=0, le=1000, description="a like")
    comment: float = Field(3.0, ge=0, le=1000, description="a comment")
    share: float = Field(4.0, ge=0, le=1000, description="a share")


class Feed(_Table):
    """How the platform distributes a post: test on a slice of followers, widen, recommend."""

    test_window_hours: int = Field(
        3, ge=1, le=24, description="hours after posting in which the test sample is judged"
    )

    test_fraction: float = Field(
        0.05, ge=0.0, le=1.0, description="share of followers the post is first shown to"
    )
    test_min: int = Field(30, ge=0, le=1_000_000, description="smallest test sample, in followers")
    test_threshold: float = Field(
        0.06,
        ge=0.0,
        le=100.0,
        description="the reference the test score is compared with: a "
        "post scoring at it widens to its followers with chance 1/2 (0: every post widens)",
    )
    test_steepness: float = Field(
        3.0,
        gt=0.0,
        le=100.0,
        description="how sharply the chance of widening rises with the "
        "test score relative to the reference: r**k / (1 + r**k) for a score r times the "
        "reference (large: close to a hard threshold)",
    )
    test_score: Literal["per_delivery", "per_view"] = Field(
        "per_delivery",
        description="what the test score divides weighted reactions by: "
        "per_delivery = the followers the post was sent to in the test (accounts that never "
        "open the app count and drag it down); per_view = only those who actually saw it",
    )
    passed_reach: float = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="share of remaining followers reached when the test "
        "is passed (a feed shows only part of the stories it could)",
    )
    demoted_reach: float = Field(
        0.15, ge=0.0, le=1.0, description="share of remaining followers reached when the test fails"
    )
    one_way_reach: float = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="factor on those shares for a follower the brand does "
        "not follow back: the feed ranks an account the viewer has a relationship with above "
        "one the viewer only follows (1: no difference)",
    )
    explore_stages: tuple[int, ...] = Field(
        (100, 1000, 10000),
        strict=False,
        description="sizes of successive non-follower recommendation pools, for a post that "
        "explore_views followers saw",
    )
    explore_threshold: float = Field(
        0.10,
        ge=0.0,
        le=100.0,
        description="pool signal (weighted reactions per view) at which "
        "the next pool opens with chance 1/2 (0: every pool opens)",
    )
    explore_steepness: float = Field(
        3.0,
        gt=0.0,
        le=100.0,
        description="how sharply the chance of opening the next pool "
        "rises with the pool's signal relative to explore_threshold",
    )
    explore_views: float = Field(
        400.0,
        ge=1.0,
        le=1e9,
        description="follower views of the reference post for which the "
        "pools have the explore_stages sizes",
    )
    explore_scaling: float = Field(
        0.0,
        ge=0.0,
        le=2.0,
        description="how pools grow with the follower views a post had, "
        "relative to explore_views: 0 = the same pools for every account, 1 = in proportion",
    )
    explore_max_share: float = Field(
        0.1,
        gt=0.0,
        le=1.0,
        description="largest share of the simulated real users one pool "
        "may hold (the population stands for a far larger platform)",
    )
    explore_spread: float = Field(
        0.0,
        ge=0.0,
        le=3.0,
        description="how much one post's pools differ from another's at the same signal (who "
        "happens to open the app while it is recommended): the standard deviation of the log "
        "of a per-post factor on every pool, whose median is 1; 0 = none",
    )
    signal_weights: SignalWeights = SignalWeights()
    social_proof: float = Field(
        0.32,
        ge=0,
        le=10,
        description="rise in the chance of a like per doubling of the likes "
        "a post shows (Muchnik, Aral & Taylor 2013: one up-vote, +32%)",
    )
    social_proof_cap: float = Field(
        1.5, ge=1, le=100, description="largest multiplier social proof can reach (assumption)"
    )
    friend_proof: float = Field(
        1.5,
        ge=1,
        le=100,
        description="extra like multiplier when a friend shared the post "
        "(assumption: friends' likes count more)",
    )

    @field_validator("explore_stages")
    @classmethod
    def _stages_positive(cls, stages: tuple[int, ...]) -> tuple[int, ...]:
        for size in stages:
            if size < 1 or size > 100_000_000:
                raise Refusal(
                    Said(
                        "every pool size must be from 1 to {most:,}; got {size}",
                        {"most": Count(100_000_000), "size": size},
                    )
                )
        return stages


class Behaviour(_Table):
    """How users react to a post they see (probabilities; see sim.base.rules.decide)."""

    activity_mean: float = Field(
        0.4, gt=0.0, lt=1.0, description="mean chance a user is active in a post's lifetime"
    )
    activity_spread: float = Field(
        4.0, gt=0.0, le=1000.0, description="Beta concentration of activity across users"
    )
    dwell: float = Field(0.3, ge=0, le=1, description="chance an interested user stops on a post")
    like: float = Field(0.32, ge=0, le=1, description="chance of a like, given a stop")
    comment: float = Field(0.013, ge=0, le=1, description="chance of a comment, given a stop")
    share: float = Field(0.012, ge=0, le=1, description="chance of a share, given a stop")
    follow: float = Field(
        0.08, ge=0, le=1, description="chance a non-follower follows, given a stop"
    )
    visit: float = Field(
        0.08, ge=0, le=1, description="chance of a site/profile visit or sign-up, given a stop"
    )
    purchase: float = Field(
        0.25, ge=0, le=1, description="chance a visitor buys, times their trust in the brand"
    )
    unfollow: float = Field(
        0.0004, ge=0, le=1, description="daily unfollow hazard of an uninterested follower"
    )
    forget_after: int = Field(
        14, ge=1, le=3650, description="days the brand posts nothing before its followers drift off"
    )
    forget: float = Field(
        0.01, ge=0, le=1, description="daily unfollow hazard of followers while the brand is silent"
    )
    distrust_unfollow: float = Field(
        0.003, ge=0, le=1, description="extra daily unfollow hazard per unit of lost trust"
    )


class Audience(_Table):
    """The population of users and their follow graph."""

    # The most users sim.scenario.resources' measured figures vouch for (five times the largest
    # measured).
    users: int = Field(100_000, ge=100, le=MAX_USERS, description="real users in the population")
    mean_follows: float = Field(20.0, ge=1.0, le=1000.0, description="accounts followed per user")
    popularity_tail: float = Field(
        1.6, gt=1.0, le=10.0, description="Pareto exponent of account popularity"
    )
    share_audience: int = Field(
        1000,
        ge=0,
        le=10_000_000,
        description="accounts one share is delivered to, inside the population and beyond it "
        "(0: only the sharer's followers inside it)",
    )
    reciprocity: float = Field(0.22, ge=0, le=1, description="chance a follow is returned")
    communities: int = Field(50, ge=1, le=1_000_000, description="niche communities")
    homophily: float = Field(0.8, ge=0, le=1, description="share of follows inside own community")
    niche_share: float = Field(
        0.2, ge=0, le=1, description="share of communities interested in the brand's niche"
    )
    niche_interest: float = Field(
        0.55, gt=0, lt=1, description="mean interest in niche communities"
    )
    other_interest: float = Field(0.06, gt=0, lt=1, description="mean interest elsewhere")
    activity_profile: tuple[float, ...] = Field(
        (1.0,) * 24, strict=False, description="relative activity by hour 0-23 (any scale)"
    )

    @field_validator("activity_profile")
    @classmethod
    def _profile_24(cls, v: tuple[float, ...]) -> tuple[float, ...]:
        if len(v) != 24 or any(x < 0 for x in v) or sum(v) <= 0:
            raise Refusal(Said("needs 24 non-negative numbers, one per hour, not all zero", {}))
        if not all(math.isfinite(x) for x in v):
            raise Refusal(Said("every hour's activity must be a finite number (no nan or inf)", {}))
        return v


class Brand(_Table):
    """The account whose strategy is being tested."""

    initial_followers: int = Field(
        1000, ge=0, le=50_000_000, description="organic followers on day 0"
    )
    quality: float = Field(0.7, ge=0, le=1, description="mean relevance/quality of posts")
    quality_spread: float = Field(0.1, ge=0, le=0.5, description="post-to-post quality spread (sd)")
    posts_per_week: float = Field(7.0, ge=0, le=70, description="posting rhythm")
    hour: int = Field(12, ge=0, le=23, description="hour of the day posts go out")
    rhythm: Literal["regular", "erratic"] = Field(
        "regular",
        description="regular: spread evenly; erratic: the same number of posts in "
        "bursts after silences of about `erratic_gap` days",
    )
    erratic_gap: int = Field(21, ge=2, le=365, description="days between bursts when erratic")
    reply_share: float = Field(
        0.0, ge=0, le=1, description="share of comments the brand answers (community management)"
    )
    visit_value: float = Field(
        0.5,
        ge=0,
        le=1_000_000,
        description="euros per micro conversion (visit, sign-up); "
        "an assumption: no source gives it, so sensitivity studies vary it from 0 to 2",
    )
    purchase_value: float = Field(
        25.0, ge=0, le=1_000_000, description="euros per macro conversion (purchase)"
    )


class CalendarPost(_Table):
    """One planned post: its day, optionally its hour, and its content attributes."""

    day: int = Field(..., ge=0, le=3650, description="day of the post")
    hour: int | None = Field(None, ge=0, le=23, description="hour (default: brand.hour)")
    attributes: tuple[str, ...] = Field((), strict=False, description="content attributes")
    forward: float = Field(
        0.0,
        ge=0,
        le=1,
        description="forward factor: the chance that a viewer who stops on "
        "this post passes it on to their followers, whoever they are (0: the audience's usual "
        "share rate, scaled by interest like every reaction)",
    )

    @field_validator("attributes")
    @classmethod
    def _known(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if a not in ATTRIBUTES:
                raise Refusal(
                    Said(
                        "unknown attribute {name!r}{hint}; known: {known}",
                        {
                            "name": a,
                            "hint": suggest(a, list(ATTRIBUTES)),
                            "known": ", ".join(ATTRIBUTES),
                        },
                    )
                )
        return v


Content = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Content",
    __base__=_Table,
    __doc__="The content mix: the chance each post carries each attribute (drawn per post), or "
    "an explicit calendar that overrides the mix for the posts it lists. All zero by default: a "
    "plain post, the case the platform presets are calibrated on.",
    **{a.name: (float, Field(0.0, ge=0, le=1, description=a.description)) for a in CATALOGUE},
    calendar=(
        tuple[CalendarPost, ...],
        Field((), strict=False, description="explicit posts: [[content.calendar]] day, attributes"),
    ),
)


class Effect(_Table):
    """Multipliers an attribute applies to each reaction of a post that carries it."""

    dwell: float = Field(1.0, ge=0, le=100)
    like: float = Field(1.0, ge=0, le=100)
    comment: float = Field(1.0, ge=0, le=100)
    share: float = Field(1.0, ge=0, le=100)
    visit: float = Field(1.0, ge=0, le=100)
    purchase: float = Field(1.0, ge=0, le=100)


class _Levers(_Table):
    """The slower levers: fatigue, reputation, community management (assumptions)."""

    max_boost: float = Field(
        1.4,
        ge=1,
        le=100,
        description="largest combined lift content can give the chance of "
        "stopping on a post: attributes add up with diminishing returns (assumption)",
    )
    fatigue_memory: int = Field(
        10, ge=1, le=365, description="posts over which the audience remembers the recent mix"
    )
    fatigue_threshold: float = Field(
        0.4,
        ge=0,
        le=1,
        description="share of recent posts with a question (or humour) beyond "
        "which the audience tires of it",
    )
    fatigue_strength: float = Field(
        0.6, ge=0, le=1, description="how much response falls as that share goes to 100%"
    )
    reputation_gain: float = Field(
        0.003, ge=0, le=1, description="reputation gained per helpful or storytelling post"
    )
    reputation_loss: float = Field(
        0.005,
        ge=0,
        le=1,
        description="reputation lost per broadcast-only post (a bare sales "
        "pitch: call to action, nothing helpful, no story, no personal note)",
    )
    reply_comment_gain: float = Field(
        0.8, ge=0, le=10, description="rise in comments when every comment is answered"
    )
    reply_trust_gain: float = Field(
        0.05, ge=0, le=1, description="share of lost trust regained by a commenter who is answered"
    )


Effects = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Effects",
    __base__=_Levers,
    __doc__="How each content attribute moves reactions (multipliers per reaction; defaults from "
    "the attribute catalogue, all assumptions), and the slower levers.",
    **{a.name: (Effect, Effect(**a.effect)) for a in CATALOGUE},
)

Fit = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Fit",
    __base__=_Table,
    __doc__="The platform's content fit: how well each attribute suits it (multiplies the chance "
    "a user stops on a post that carries it). The right message on the wrong platform falls flat.",
    **{a.name: (float, Field(1.0, ge=0, le=10)) for a in CATALOGUE},
)
