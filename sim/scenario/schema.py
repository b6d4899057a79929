"""The scenario schema: every table a scenario file may hold, with types, ranges and meaning.

The core tables (feed, behaviour, audience, brand, content, effects, fit) are declared here; the
content tables are built from the attribute catalogue (:mod:`sim.base.attributes`), and each
component's table (``[strategies.<tactic>]``, ``[purge]``, ``[discovery]``, ...) comes from the
component's own file through the registry (:mod:`sim.registry`). Defaults here are neutral
fallbacks; platform presets set the numbers that matter, each with a source.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from sim.base.attributes import ATTRIBUTES, CATALOGUE
from sim.base.i18n import LANGS
from sim.base.params import Params as _Table
from sim.registry import COMPONENTS, active
from sim.scenario.errors import ScenarioError, format_errors, suggest
from sim.scenario.fields import NumericField, all_numeric_keys, numeric_field
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
        0.06, ge=0.0, le=100.0, description="the reference the test score is compared with: a "
        "post scoring at it widens to its followers with chance 1/2 (0: every post widens)"
    )
    test_steepness: float = Field(
        3.0, gt=0.0, le=100.0, description="how sharply the chance of widening rises with the "
        "test score relative to the reference: r**k / (1 + r**k) for a score r times the "
        "reference (large: close to a hard threshold)"
    )
    test_score: Literal["per_delivery", "per_view"] = Field(
        "per_delivery", description="what the test score divides weighted reactions by: "
        "per_delivery = the followers the post was sent to in the test (accounts that never "
        "open the app count and drag it down); per_view = only those who actually saw it"
    )
    passed_reach: float = Field(
        1.0, ge=0.0, le=1.0, description="share of remaining followers reached when the test "
        "is passed (a feed shows only part of the stories it could)"
    )
    demoted_reach: float = Field(
        0.15, ge=0.0, le=1.0, description="share of remaining followers reached when the test fails"
    )
    one_way_reach: float = Field(
        1.0, ge=0.0, le=1.0, description="factor on those shares for a follower the brand does "
        "not follow back: the feed ranks an account the viewer has a relationship with above "
        "one the viewer only follows (1: no difference)"
    )
    explore_stages: tuple[int, ...] = Field(
        (100, 1000, 10000), strict=False,
        description="sizes of successive non-follower recommendation pools, for a post that "
        "explore_views followers saw"
    )
    explore_threshold: float = Field(
        0.10, ge=0.0, le=100.0, description="pool signal (weighted reactions per view) at which "
        "the next pool opens with chance 1/2 (0: every pool opens)"
    )
    explore_steepness: float = Field(
        3.0, gt=0.0, le=100.0, description="how sharply the chance of opening the next pool "
        "rises with the pool's signal relative to explore_threshold"
    )
    explore_views: float = Field(
        400.0, ge=1.0, le=1e9, description="follower views of the reference post for which the "
        "pools have the explore_stages sizes"
    )
    explore_scaling: float = Field(
        0.0, ge=0.0, le=2.0, description="how pools grow with the follower views a post had, "
        "relative to explore_views: 0 = the same pools for every account, 1 = in proportion"
    )
    explore_max_share: float = Field(
        0.1, gt=0.0, le=1.0, description="largest share of the simulated real users one pool "
        "may hold (the population stands for a far larger platform)"
    )
    signal_weights: SignalWeights = SignalWeights()
    social_proof: float = Field(
        0.32, ge=0, le=10, description="rise in the chance of a like per doubling of the likes "
        "a post shows (Muchnik, Aral & Taylor 2013: one up-vote, +32%)"
    )
    social_proof_cap: float = Field(
        1.5, ge=1, le=100, description="largest multiplier social proof can reach (assumption)"
    )
    friend_proof: float = Field(
        1.5, ge=1, le=100, description="extra like multiplier when a friend shared the post "
        "(assumption: friends' likes count more)"
    )

    @field_validator("explore_stages")
    @classmethod
    def _stages_positive(cls, stages: tuple[int, ...]) -> tuple[int, ...]:
        for size in stages:
            if size < 1 or size > 100_000_000:
                raise ValueError(f"every pool size must be from 1 to 100,000,000; got {size}")
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
            raise ValueError("needs 24 non-negative numbers, one per hour, not all zero")
        if not all(math.isfinite(x) for x in v):
            raise ValueError("every hour's activity must be a finite number (no nan or inf)")
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
        "regular", description="regular: spread evenly; erratic: the same number of posts in "
        "bursts after silences of about `erratic_gap` days"
    )
    erratic_gap: int = Field(21, ge=2, le=365, description="days between bursts when erratic")
    reply_share: float = Field(
        0.0, ge=0, le=1, description="share of comments the brand answers (community management)"
    )
    visit_value: float = Field(
        0.5, ge=0, le=1_000_000, description="euros per micro conversion (visit, sign-up); "
        "an assumption: no source gives it, so sensitivity studies vary it from 0 to 2"
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
        0.0, ge=0, le=1, description="forward factor: the chance that a viewer who stops on "
        "this post passes it on to their followers, whoever they are (0: the audience's usual "
        "share rate, scaled by interest like every reaction)"
    )

    @field_validator("attributes")
    @classmethod
    def _known(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if a not in ATTRIBUTES:
                raise ValueError(f"unknown attribute {a!r}{suggest(a, list(ATTRIBUTES))}; "
                                 f"known: {', '.join(ATTRIBUTES)}")
        return v


Content = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Content",
    __base__=_Table,
    __doc__="The content mix: the chance each post carries each attribute (drawn per post), or "
    "an explicit calendar that overrides the mix for the posts it lists. All zero by default: a "
    "plain post, the case the platform presets are calibrated on.",
    **{a.name: (float, Field(0.0, ge=0, le=1, description=a.description)) for a in CATALOGUE},
    calendar=(tuple[CalendarPost, ...], Field(
        (), strict=False, description="explicit posts: [[content.calendar]] day, attributes")),
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
        1.4, ge=1, le=100, description="largest combined lift content can give the chance of "
        "stopping on a post: attributes add up with diminishing returns (assumption)"
    )
    fatigue_memory: int = Field(
        10, ge=1, le=365, description="posts over which the audience remembers the recent mix"
    )
    fatigue_threshold: float = Field(
        0.4, ge=0, le=1, description="share of recent posts with a question (or humour) beyond "
        "which the audience tires of it"
    )
    fatigue_strength: float = Field(
        0.6, ge=0, le=1, description="how much response falls as that share goes to 100%"
    )
    reputation_gain: float = Field(
        0.003, ge=0, le=1, description="reputation gained per helpful or storytelling post"
    )
    reputation_loss: float = Field(
        0.005, ge=0, le=1, description="reputation lost per broadcast-only post (a bare sales "
        "pitch: call to action, nothing helpful, no story, no personal note)"
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

# Keys a sensitivity study never varies: they name the run, not an assumption about the world.
NOT_VARIED = {"seed": "seeds come from --seeds", "days": "the horizon is the question asked"}


class Sensitivity(_Table):
    """What `feedsim sensitivity` varies: explicit ranges, keys to leave out, or only some keys.

    Without this table every assumption of the preset and of the scenario's components is varied
    by ±`--range` around its value. Nothing here changes a run.
    """

    ranges: dict[str, tuple[float, float]] = Field(
        {}, strict=False, description='dotted key -> [low, high], e.g. { "feed.test_threshold" '
        "= [0.01, 0.03] }; replaces the ±--range default for that key and varies it even if it "
        "is not an assumption"
    )
    exclude: tuple[str, ...] = Field(
        (), strict=False, description="dotted keys never to vary"
    )
    only: tuple[str, ...] = Field(
        (), strict=False, description="vary these keys alone (default: every assumption)"
    )

    @field_validator("ranges", mode="before")
    @classmethod
    def _flatten_ranges(cls, v: Any) -> Any:
        # [sensitivity.ranges] feed.test_threshold = [...] arrives as nested tables.
        if not isinstance(v, dict):
            return v
        out: dict[str, Any] = {}
        stack = [("", v)]
        while stack:
            prefix, node = stack.pop()
            for k, val in node.items():
                if isinstance(val, dict):
                    stack.append((f"{prefix}{k}.", val))
                elif (isinstance(val, (list, tuple)) and len(val) == 2
                      and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                              for x in val)):
                    out[f"{prefix}{k}"] = (float(val[0]), float(val[1]))
                else:
                    raise ValueError(f"{prefix}{k} = {val!r}: give a range as [low, high], "
                                     "two numbers")
        return out

    @field_validator("ranges")
    @classmethod
    def _real_ranges(cls, v: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for key, (low, high) in v.items():
            field = _numeric(key)
            shown = f"{key} = [{low:g}, {high:g}]"
            if not low < high:
                raise ValueError(f"{shown}: the low end must be below the high end")
            if field.integer and (not float(low).is_integer() or not float(high).is_integer()):
                raise ValueError(f"{shown}: {key} is an integer; give whole numbers")
            if not (field.allows(low) and field.allows(high)):
                raise ValueError(f"{shown} leaves what {key} allows: {field.bounds_text()}")
        return v

    @field_validator("exclude", "only")
    @classmethod
    def _real_keys(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        from sim.scenario.assumptions import BY_KEY

        for key in v:
            if not (key in BY_KEY and BY_KEY[key].categorical):  # a structural choice
                _numeric(key)
        return v


def _numeric(key: str) -> NumericField:
    """The numeric field at ``key`` of the Scenario schema, or a ValueError that says why not."""
    if key in NOT_VARIED:
        raise ValueError(f"{key} cannot be varied ({NOT_VARIED[key]})")
    field = numeric_field(Scenario, key)
    if field is None:
        keys = [k for k in all_numeric_keys(Scenario) if k not in NOT_VARIED]
        raise ValueError(f"{key!r} is not a numeric scenario key{suggest(key, keys)}; "
                         "allowed: the dotted key of a number, e.g. feed.test_threshold "
                         "(`feedsim sensitivity FILE --list` shows the assumptions)")
    return field


# Growth tactics: each component's table, absent (None) when switched off.
Strategies = create_model(  # type: ignore[call-overload]  # fields from the registry
    "Strategies",
    __base__=_Table,
    __doc__="Growth tactics; absent tables are switched off.",
    **{c.name: (c.Params | None, None) for c in COMPONENTS if c.group == "strategies"},
)

# Platform actions and traits of the audience or brand: always present, with their defaults.
_PlatformTables = create_model(  # type: ignore[call-overload]  # fields from the registry
    "_PlatformTables",
    __base__=_Table,
    **{c.name: (c.Params, c.Params()) for c in COMPONENTS if c.group != "strategies"},
)


class Scenario(_PlatformTables):
    """A fully resolved scenario: the preset merged with the file's overrides, validated."""

    name: str = Field("scenario", min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    # Client text: an optional short title, and the Dutch of title and description; reports in
    # Dutch take these (an English description is never shown in a Dutch report).
    title: str = Field("", max_length=120, description="a short title for reports and charts")
    title_nl: str = Field("", max_length=120, description="the title in Dutch")
    description_nl: str = Field("", description="the description in Dutch")
    # sim.base.i18n.LANGS, read by pydantic
    lang: Literal[LANGS] | None = Field(  # type: ignore[valid-type]
        None, description="language of the scenario's reports and spreadsheets: en or nl "
        "(default en; `feedsim report --lang` overrides it)")
    platform: str = "instagram"
    days: int = Field(365, ge=1, le=3650, description="simulated days")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="default random seed")
    feed: Feed = Feed()
    behaviour: Behaviour = Behaviour()
    audience: Audience = Audience()
    brand: Brand = Brand()
    strategies: Strategies = Strategies()
    content: Content = Content()
    effects: Effects = Effects()
    fit: Fit = Fit()
    sensitivity: Sensitivity | None = None
    # What the scenario's author wrote, before the preset was merged under it (see
    # :meth:`written`); not a field, so it never reaches the resolved file or equality.
    _written: _Written | None = PrivateAttr(None)

    @field_validator("name")
    @classmethod
    def _not_a_relative_folder(cls, v: str) -> str:
        # The name becomes a folder under --out: "." and ".." would resolve to --out or its parent.
        if v.strip(".") == "":
            raise ValueError("a name made only of dots would name a folder outside the results "
                             "folder; use letters, digits, '_', '-' or '.'")
        return v

    @model_validator(mode="after")
    def _fits_the_audience(self) -> Scenario:
        # Counts of accounts drawn from the real users cannot exceed them (they were capped).
        users = self.audience.users
        if self.brand.initial_followers > users:
            raise ValueError(f"brand.initial_followers = {self.brand.initial_followers:,} is more "
                             f"than the audience's {users:,} users; lower it or raise "
                             "audience.users")
        give = self.strategies.giveaway  # type: ignore[attr-defined]  # a registry field
        if give is not None and give.entrants is not None and give.entrants > users:
            raise ValueError(f"strategies.giveaway.entrants = {give.entrants:,} is more than the "
                             f"audience's {users:,} users; lower it or raise audience.users")
        return self

    @model_validator(mode="after")
    def _calendar_inside_horizon(self) -> Scenario:
        for i, entry in enumerate(self.content.calendar):  # type: ignore[attr-defined]
            if entry.day >= self.days:
                raise ValueError(f"content.calendar entry {i + 1} has day {entry.day}, but the "
                                 f"scenario runs days 0 to {self.days - 1}; move it or raise "
                                 "`days`")
        return self

    @model_validator(mode="after")
    def _components_inside_horizon(self) -> Scenario:
        for cls, params in active(self):
            start, end = getattr(params, "start_day", None), getattr(params, "end_day", None)
            where = f"{cls.group}.{cls.name}" if cls.group == "strategies" else cls.name
            if start is not None and end is not None and start > end:
                raise ValueError(f"{where}.start_day = {start} is after {where}.end_day = {end}; "
                                 "the tactic would never act: swap them")
            if start is not None and start >= self.days:
                raise ValueError(f"{where}.start_day = {start} is after the run (days 0 to "
                                 f"{self.days - 1}); move it or raise `days`")
            why = cls.idle(params)
            if why:
                raise ValueError(why)
            for key, d in cls.dated(params):
                if d >= self.days:
                    raise ValueError(
                        f"{key} has day {d}, but the scenario runs days 0 to {self.days - 1}; "
                        "move it or raise `days`"
                    )
        return self

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (lists for tuples, no None tables), ready for TOML."""
        out = _drop_none(self.model_dump(mode="json"))
        for key in ("title", "title_nl", "description_nl"):  # unset client text: not written
            if not out.get(key):
                out.pop(key, None)
        return out

    def to_toml(self) -> str:
        """The resolved scenario as TOML text; loading it back gives an equal scenario."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())

    def model_copy(  # type: ignore[override]  # keyword-only, and revalidated
            self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Scenario:
        """A copy; one with fields ``update``d no longer holds what was written (see
        :meth:`written`), since the author did not write the update."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            copied._written = None
        return copied

    def written(self) -> dict[str, Any]:
        """The scenario as its author wrote it: the keys that are not its preset's.

        A scenario loaded from a file (or resolved from a dict over its preset) keeps that
        layer as given; one built otherwise (a resolved file read back, a test's dict) gives its
        tables less every value equal to its platform preset's.
        """
        import copy

        if self._written is not None:
            return copy.deepcopy(self._written.raw)
        raw = self.to_dict()
        try:
            from sim.scenario.presets import PRESET_TABLES, load_preset

            preset = load_preset(self.platform)
        except ScenarioError:  # a platform without a preset: every value is the author's
            return raw
        for table in PRESET_TABLES:
            if isinstance(raw.get(table), dict) and isinstance(preset.get(table), dict):
                raw[table] = _without_equal(raw[table], preset[table])
        return raw

    def with_overrides(self, overrides: dict[str, Any], source: str = "overrides") -> Scenario:
        """A new scenario with dotted keys replaced (``{"strategies.buy.count": 5000}``).

        The overrides apply to what the author wrote (:meth:`written`), which is then merged over
        its platform preset again; so ``{"platform": "tiktok"}`` gives the scenario a file naming
        TikTok would, not Instagram's numbers under TikTok's name.
        """
        if RESOLVE is None:  # the loader sets it when imported (sim.scenario imports it)
            raise RuntimeError("import sim.scenario before overriding a scenario")
        raw = self.written()
        for dotted, value in overrides.items():
            _set_dotted(raw, dotted, value)
        return RESOLVE(raw, source)


# How a written layer becomes a scenario (:func:`sim.scenario.loading.resolve`: merged over its
# platform preset, then validated). The loader sets it when it is imported, so that this module,
# which the loader imports, needs no import of the loader.
RESOLVE: Callable[[dict[str, Any], str], Scenario] | None = None


class _Written:
    """A scenario's written layer, held beside its fields: equal to any other (and to none), so
    two scenarios that resolve alike compare equal however they were written."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Written)  # None: a scenario without one

    def __hash__(self) -> int:
        return 0


def _without_equal(table: dict[str, Any], preset: dict[str, Any]) -> dict[str, Any]:
    """``table`` less the keys whose value equals ``preset``'s (tables compared key by key)."""
    out = {}
    for k, v in table.items():
        p = preset.get(k)
        if isinstance(v, dict) and isinstance(p, dict):
            rest = _without_equal(v, p)
            if rest:
                out[k] = rest
        elif k not in preset or p != v:
            out[k] = v
    return out


def validate(raw: dict[str, Any], source: str = "<scenario>", text: str | None = None
             ) -> Scenario:
    """Validate a merged scenario dict into a :class:`Scenario` or raise ScenarioError."""
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError(format_errors(exc, source, text, Scenario)) from None


def _set_dotted(raw: dict, dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = raw
    for part in parts[:-1]:
        nxt = node.get(part)
        if nxt is None:
            nxt = node[part] = {}
        if not isinstance(nxt, dict):
            raise ScenarioError(f"{dotted}: {part!r} is a value, not a table")
        node = nxt
    node[parts[-1]] = value


def _drop_none(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _drop_none(v) for k, v in d.items() if v is not None}
    if isinstance(d, list):  # tables inside lists too: a calendar post without an hour
        return [_drop_none(v) for v in d]
    return d

