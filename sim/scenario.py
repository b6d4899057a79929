"""Scenario files: schema, TOML loading, validation and preset merging.

A scenario file names a platform preset and overrides only what differs from it. Loading merges the
preset's tables under the file's, validates every key and range, and returns a frozen, fully
resolved :class:`Scenario`. Anything wrong raises :class:`ScenarioError`, whose message names the
file, the key (with its line where it can be found), the offending value and what is allowed.
"""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import annotated_types
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

# ---------------------------------------------------------------------------------------------
# Schema. Defaults here are neutral fallbacks; platform presets set the numbers that matter, each
# with a source (see sim/presets/*.toml).
# ---------------------------------------------------------------------------------------------


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


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
        0.06, ge=0.0, le=100.0, description="weighted reactions per test delivery needed to widen"
    )
    demoted_reach: float = Field(
        0.15, ge=0.0, le=1.0, description="share of remaining followers reached when the test fails"
    )
    explore_stages: tuple[int, ...] = Field(
        (100, 1000, 10000), strict=False,
        description="sizes of successive non-follower recommendation pools"
    )
    explore_threshold: float = Field(
        0.10, ge=0.0, le=100.0, description="weighted reactions per delivery to enter the next pool"
    )
    signal_weights: SignalWeights = SignalWeights()
    social_proof: float = Field(
        0.32, ge=0, le=10, description="rise in the chance of a like per doubling of the likes "
        "a post shows (Muchnik, Aral & Taylor 2013: one up-vote, +32%)"
    )
    social_proof_cap: float = Field(
        3.0, ge=1, le=100, description="largest multiplier social proof can reach (assumption)"
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
    """How users react to a post they see (probabilities; see sim.rules.decide)."""

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
        14, ge=1, le=3650, description="days without a relevant post before a follower drifts off"
    )
    forget: float = Field(
        0.01, ge=0, le=1, description="daily unfollow hazard of a follower who has drifted off"
    )
    distrust_unfollow: float = Field(
        0.003, ge=0, le=1, description="extra daily unfollow hazard per unit of lost trust"
    )


class Audience(_Table):
    """The population of users and their follow graph."""

    users: int = Field(100_000, ge=100, le=50_000_000, description="real users in the population")
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
        0.5, ge=0, le=1_000_000, description="euros per micro conversion (visit, sign-up)"
    )
    purchase_value: float = Field(
        25.0, ge=0, le=1_000_000, description="euros per macro conversion (purchase)"
    )


ATTRIBUTES = ("emotion", "humour", "question", "call_to_action", "scarcity", "story", "news",
              "personal_note", "helpful")


class CalendarPost(_Table):
    """One planned post: its day, optionally its hour, and its content attributes."""

    day: int = Field(..., ge=0, le=3650, description="day of the post")
    hour: int | None = Field(None, ge=0, le=23, description="hour (default: brand.hour)")
    attributes: tuple[str, ...] = Field((), strict=False, description="content attributes")

    @field_validator("attributes")
    @classmethod
    def _known(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if a not in ATTRIBUTES:
                close = difflib.get_close_matches(a, ATTRIBUTES, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown attribute {a!r}{hint}; known: {', '.join(ATTRIBUTES)}")
        return v


class Content(_Table):
    """The content mix: the chance each post carries each attribute (drawn per post), or an
    explicit calendar that overrides the mix for the posts it lists. All zero by default: a
    plain post, the case the platform presets are calibrated on."""

    emotion: float = Field(0.0, ge=0, le=1, description="emotional content")
    humour: float = Field(0.0, ge=0, le=1, description="a little humour")
    question: float = Field(0.0, ge=0, le=1, description="a relevant question or poll")
    call_to_action: float = Field(0.0, ge=0, le=1, description="a call to action")
    scarcity: float = Field(0.0, ge=0, le=1, description="a time-limited offer")
    story: float = Field(0.0, ge=0, le=1, description="a story (a brand with a face)")
    news: float = Field(0.0, ge=0, le=1, description="news")
    personal_note: float = Field(
        0.0, ge=0, le=1, description="a personal note on a shared link (none: a bare link)"
    )
    helpful: float = Field(
        0.0, ge=0, le=1, description="helpful, knowledgeable content (builds authority)"
    )
    calendar: tuple[CalendarPost, ...] = Field(
        (), strict=False, description="explicit posts: [[content.calendar]] day, attributes"
    )


class Effect(_Table):
    """Multipliers an attribute applies to each reaction of a post that carries it."""

    dwell: float = Field(1.0, ge=0, le=100)
    like: float = Field(1.0, ge=0, le=100)
    comment: float = Field(1.0, ge=0, le=100)
    share: float = Field(1.0, ge=0, le=100)
    visit: float = Field(1.0, ge=0, le=100)
    purchase: float = Field(1.0, ge=0, le=100)


def _effect(**kw) -> Effect:
    return Effect(**kw)


class Effects(_Table):
    """How each content attribute moves reactions, and the slower levers: fatigue, reputation,
    community management. Every default is an assumption drawn from seed 003's list of what
    helps and what kills engagement; all are parameters to sweep."""

    emotion: Effect = _effect(dwell=1.15, share=1.4)
    humour: Effect = _effect(like=1.3, share=1.2)
    question: Effect = _effect(comment=2.5)
    call_to_action: Effect = _effect(visit=1.8, like=0.9)
    scarcity: Effect = _effect(purchase=2.0, visit=1.3)
    story: Effect = _effect(dwell=1.1, comment=1.3)
    news: Effect = _effect(dwell=1.05, share=1.3)
    personal_note: Effect = _effect(dwell=1.1, comment=1.2)
    helpful: Effect = _effect(dwell=1.05, share=1.2, visit=1.2)
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


class Buy(_Table):
    """Buying followers: packages of `count` fake accounts delivered on each of `days`."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days on which a package is delivered (0 = first day)"
    )
    count: int = Field(0, ge=0, le=50_000_000, description="fake followers per package")
    price_per_1000: float = Field(
        9.0, ge=0, le=1_000_000, description="euros per 1,000 followers (NYT on Devumi, 2018: ~$9)"
    )
    premium_share: float = Field(
        0.0, ge=0, le=1, description="share of 'premium' fakes that occasionally like"
    )
    premium_like: float = Field(
        0.02, ge=0, le=1, description="chance a premium fake likes a post it is shown"
    )
    activity: float = Field(
        0.0, ge=0, lt=1, description="chance a fake is active (0: bots never browse)"
    )
    interest: float = Field(0.0, ge=0, lt=1, description="interest of fakes (0: never engage)")


    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        for d in days:
            if not 0 <= d <= 3650:
                raise ValueError(f"every delivery day must be from 0 to 3,650; got {d}")
        return days


class FollowForFollow(_Table):
    """The brand follows `per_day` users a day; some follow back; it unfollows after a while."""

    start_day: int = Field(0, ge=0, le=3650, description="first day of the tactic")
    end_day: int = Field(90, ge=0, le=3650, description="last day of the tactic")
    per_day: int = Field(0, ge=0, le=100_000, description="users the brand follows per day")
    follow_back: float = Field(
        0.06, ge=0, le=1, description="chance a followed user follows back (2012 test: 105/1,790)"
    )
    unfollow_after: int = Field(
        14, ge=1, le=3650, description="days before the brand unfollows them again"
    )
    leave_after_unfollow: float = Field(
        0.5, ge=0, le=1, description="chance a follow-back follower leaves when unfollowed"
    )


class Giveaway(_Table):
    """'Follow us to win': entrants follow for the prize, and many leave after the draw."""

    day: int = Field(30, ge=0, le=3650, description="day the giveaway opens")
    duration: int = Field(7, ge=1, le=365, description="days until the draw")
    entrants: int = Field(0, ge=0, le=50_000_000, description="users who follow to enter")
    prize_cost: float = Field(200.0, ge=0, le=1_000_000_000, description="euros (assumption)")
    churn_after_draw: float = Field(
        0.6, ge=0, le=1, description="share of entrants who unfollow after the draw (assumption)"
    )
    attention: float = Field(
        0.3, ge=0, le=1, description="entrants' attention to the brand's posts relative to their "
        "usual activity: prize hunters follow many accounts (assumption)"
    )


class Influencer(_Table):
    """Paid seeding: an influencer from the audience shares the brand's post on given days."""

    days: tuple[int, ...] = Field(
        (30,), strict=False, description="days on which the influencer shares the brand's post"
    )
    tier: Literal["micro", "macro"] = Field(
        "micro", description="micro: a well-followed account inside the niche; macro: the most "
        "followed account anywhere"
    )
    fee: float = Field(
        150.0, ge=0, le=1_000_000_000, description="euros per sponsored share (assumption)"
    )
    credibility: float = Field(
        0.6, ge=0, le=1, description="chance a follower of the influencer takes notice"
    )


    @field_validator("days")
    @classmethod
    def _days_in_range(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        for d in days:
            if not 0 <= d <= 3650:
                raise ValueError(f"every day must be from 0 to 3,650; got {d}")
        return days


class Pod(_Table):
    """An engagement pod or bought likes: accounts that like and comment in the first window
    whatever the post. It inflates visible counts and the test signal; it never buys."""

    start_day: int = Field(0, ge=0, le=3650, description="first day of the pod")
    end_day: int = Field(3650, ge=0, le=3650, description="last day of the pod")
    members: int = Field(0, ge=0, le=1_000_000, description="accounts reacting to every post")
    like: float = Field(0.9, ge=0, le=1, description="chance a member likes a post")
    comment: float = Field(0.3, ge=0, le=1, description="chance a member comments on a post")
    bots: bool = Field(
        False, description="true: bought likes from fake accounts (the platform can purge them)"
    )
    cost_per_day: float = Field(
        0.0, ge=0, le=1_000_000, description="euros per day (pods trade time, not money)"
    )


class Strategies(_Table):
    """Growth tactics; absent tables are switched off."""

    buy: Buy | None = None
    follow_for_follow: FollowForFollow | None = None
    giveaway: Giveaway | None = None
    influencer: Influencer | None = None
    pod: Pod | None = None


class Purge(_Table):
    """The platform removes fake accounts it detects; their follows and reactions vanish."""

    days: tuple[int, ...] = Field((), strict=False, description="days of a purge")
    every_days: int = Field(0, ge=0, le=3650, description="purge every N days (0: only `days`)")
    detection: float = Field(
        0.95, ge=0, le=1, description="chance a fake account is caught in a purge wave"
    )
    daily_rate: float = Field(
        0.0, ge=0, le=1, description="chance a fake account is caught on any other day"
    )


class Discovery(_Table):
    """The audience may find out that followers or likes were bought; trust then falls.

    No published figure fixes any of these numbers: all are assumptions, to be swept.
    The daily chance of discovery is 1 - exp(-rate * (w_fakes * fake share of followers +
    w_jump * 7-day relative follower jump + w_weak * shortfall of engagement per follower)).
    """

    enabled: bool = Field(True, description="false: nobody ever finds out")
    rate: float = Field(0.02, ge=0, le=10, description="daily discovery rate at full evidence")
    w_fakes: float = Field(1.0, ge=0, le=100, description="weight of the share of fake followers")
    w_jump: float = Field(0.5, ge=0, le=100, description="weight of a sudden follower jump")
    w_weak: float = Field(
        0.5, ge=0, le=100, description="weight of weak engagement for the follower count"
    )
    expected_engagement: float = Field(
        0.005, gt=0, le=1, description="engagement per follower an audience expects (Rival IQ)"
    )
    trust_drop: float = Field(
        0.5, ge=0, le=1, description="share of trust followers lose when they find out"
    )
    public_trust_drop: float = Field(
        0.2, ge=0, le=1, description="share of trust everyone else loses (word of mouth)"
    )
    recovery: float = Field(
        0.005, ge=0, le=1, description="daily share of lost trust regained (half-life ~140 days)"
    )
    cooldown: int = Field(90, ge=1, le=3650, description="days before another discovery can hit")


class Fit(_Table):
    """The platform's content fit: how well each attribute suits it (multiplies the chance a user
    stops on a post that carries it). The right message on the wrong platform falls flat."""

    emotion: float = Field(1.0, ge=0, le=10)
    humour: float = Field(1.0, ge=0, le=10)
    question: float = Field(1.0, ge=0, le=10)
    call_to_action: float = Field(1.0, ge=0, le=10)
    scarcity: float = Field(1.0, ge=0, le=10)
    story: float = Field(1.0, ge=0, le=10)
    news: float = Field(1.0, ge=0, le=10)
    personal_note: float = Field(1.0, ge=0, le=10)
    helpful: float = Field(1.0, ge=0, le=10)


class Scenario(_Table):
    """A fully resolved scenario: the preset merged with the file's overrides, validated."""

    name: str = Field("scenario", min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    platform: str = "instagram"
    days: int = Field(365, ge=1, le=3650, description="simulated days")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="default random seed")
    feed: Feed = Feed()
    behaviour: Behaviour = Behaviour()
    audience: Audience = Audience()
    brand: Brand = Brand()
    strategies: Strategies = Strategies()
    purge: Purge = Purge()
    discovery: Discovery = Discovery()
    content: Content = Content()
    effects: Effects = Effects()
    fit: Fit = Fit()

    @model_validator(mode="after")
    def _tactics_inside_horizon(self) -> Scenario:
        s = self.strategies
        dated = []
        if s.buy is not None and s.buy.count > 0:
            dated += [("strategies.buy.days", d) for d in s.buy.days]
        if s.influencer is not None:
            dated += [("strategies.influencer.days", d) for d in s.influencer.days]
        if s.giveaway is not None and s.giveaway.entrants > 0:
            dated.append(("strategies.giveaway.day", s.giveaway.day))
        for key, d in dated:
            if d >= self.days:
                raise ValueError(
                    f"{key} has day {d}, but the scenario runs days 0 to {self.days - 1}; "
                    "move it or raise `days`"
                )
        return self

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (lists for tuples, no None tables), ready for TOML."""
        return _drop_none(self.model_dump(mode="json"))

    def to_toml(self) -> str:
        """The resolved scenario as TOML text; loading it back gives an equal scenario."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())

    def with_overrides(self, overrides: dict[str, Any], source: str = "overrides") -> Scenario:
        """A new scenario with dotted keys replaced (``{"strategies.buy.count": 5000}``)."""
        raw = self.to_dict()
        for dotted, value in overrides.items():
            _set_dotted(raw, dotted, value)
        return resolve(raw, source=source, merge_preset=False)


# ---------------------------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------------------------

PRESET_TABLES = ("feed", "behaviour", "audience", "purge", "fit")


def list_presets() -> list[str]:
    """Names of the platform presets shipped with feedsim."""
    folder = resources.files("sim") / "presets"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_preset(name: str) -> dict[str, Any]:
    """A preset as a dict: ``description``, the tables it sets and ``sources``."""
    names = list_presets()
    if name not in names:
        raise ScenarioError(
            f"unknown platform {name!r}{_suggest(name, names)}; available presets: "
            + ", ".join(names)
        )
    text = (resources.files("sim") / "presets" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# ---------------------------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------------------------


def safe_name(name: str, fallback: str = "scenario") -> str:
    """``name`` with every character outside ``[A-Za-z0-9_.-]`` replaced by ``_`` (a valid
    scenario name and a safe folder name); ``fallback`` if nothing is left."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or fallback


class ScenarioError(ValueError):
    """A scenario that cannot run; the message says what is wrong and how to fix it."""


def load_scenario(path: str | Path) -> Scenario:
    """Load, merge with its platform preset, and validate a scenario file.

    Args:
        path: a TOML scenario file.

    Returns:
        The frozen, fully resolved scenario. Its ``name`` defaults to the file's stem.

    Raises:
        ScenarioError: the file is missing, is not valid TOML, or holds an unknown key or a value
            of the wrong type or out of range. The message names the file, key, value and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such scenario file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot read: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}") from None
    raw.setdefault("name", safe_name(path.stem))
    return resolve(raw, source=str(path), text=text)


def resolve(
    raw: dict[str, Any], source: str = "<scenario>", text: str | None = None, merge_preset=True
) -> Scenario:
    """Merge ``raw`` over its platform preset and validate it into a :class:`Scenario`."""
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: a scenario must be a table of keys")
    platform = raw.get("platform", Scenario.model_fields["platform"].default)
    if not isinstance(platform, str):
        raise ScenarioError(f"{source}: platform = {platform!r} must be a preset name (a string)")
    try:
        merged = _merge_preset(raw, load_preset(platform)) if merge_preset else raw
    except ScenarioError as exc:
        line = _find_line(text, (), "platform")
        raise ScenarioError(f"{source}{line}: {exc}") from None
    try:
        return Scenario.model_validate(merged)
    except ValidationError as exc:
        raise ScenarioError(_format_errors(exc, source, text)) from None


def _merge_preset(raw: dict[str, Any], preset: dict[str, Any]) -> dict[str, Any]:
    merged = {k: copy.deepcopy(preset[k]) for k in PRESET_TABLES if k in preset}
    for key, value in raw.items():
        if key in merged and isinstance(value, dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


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
    return d


# ---------------------------------------------------------------------------------------------
# Error messages
# ---------------------------------------------------------------------------------------------


def _all_models(model: type[BaseModel]) -> set[str]:
    names = {model.__name__}
    for field in model.model_fields.values():
        sub = _submodel(field.annotation)
        if sub is not None:
            names |= _all_models(sub)
    return names


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the table at ``loc`` (a path of keys)."""
    model: type[BaseModel] = Scenario
    for key in loc:
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is None:
            return model if isinstance(key, int) else None
        sub = _submodel(field.annotation)
        if sub is None:
            return None
        model = sub
    return model


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _allowed(model: type[BaseModel] | None, key: str) -> str:
    """Human description of what a field accepts: type and range."""
    if model is None or key not in model.model_fields:
        return ""
    field = model.model_fields[key]
    ann = field.annotation
    kind = {int: "an integer", float: "a number", str: "text", bool: "true or false"}.get(ann)
    if kind is None:
        origin = getattr(ann, "__origin__", None)
        if origin is tuple:
            kind = "a list of integers" if int in ann.__args__ else "a list"
        elif origin is Literal:
            kind = "one of " + ", ".join(repr(a) for a in ann.__args__)
        else:
            kind = "a table"
    bounds = []
    for meta in field.metadata:
        for attr, word in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            if isinstance(meta, getattr(annotated_types, attr.capitalize())):
                bounds.append(f"{word} {getattr(meta, attr):,}")
    text = kind + (" " + " and ".join(bounds) if bounds else "")
    if field.description:
        text += f" ({field.description})"
    return text


def _find_line(text: str | None, table: tuple, key: str) -> str:
    """' (line N)' for where ``key`` is set inside ``[table]`` in the file text, if found."""
    if not text:
        return ""
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, table)) + r"\s*\]")
        for i, line in enumerate(lines):
            if header.match(line):
                start = i + 1
                break
    pattern = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*=')
    inline = re.compile(r"\b" + re.escape(key) + r"\s*=")
    for i in range(start, len(lines)):
        if table and i > start and re.match(r"^\s*\[", lines[i]):
            break
        if pattern.match(lines[i]) or (table and inline.search(lines[i])):
            return f" (line {i + 1})"
    return ""


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _format_errors(exc: ValidationError, source: str, text: str | None) -> str:
    messages = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not isinstance(p, int))
        # Drop pydantic's union-branch markers such as 'Buy' in ('strategies', 'buy', 'Buy', 'x').
        loc = tuple(p for p in loc if p not in _MODEL_NAMES)
        if not loc:
            messages.append(f"{source}: {err['msg'].removeprefix('Value error, ')}")
            continue
        table, key = loc[:-1], loc[-1]
        dotted = ".".join(loc)
        where = f"[{'.'.join(table)}]" if table else "the top level"
        line = _find_line(text, table, key)
        model = _model_at(table)
        if err["type"] == "extra_forbidden":
            valid = sorted(model.model_fields) if model else []
            messages.append(
                f"{source}{line}: unknown key {key!r} in {where}{_suggest(key, valid)}; "
                f"valid keys: {', '.join(valid)}"
            )
        elif err["type"] == "missing":
            messages.append(f"{source}: {dotted} is required")
        else:
            allowed = _allowed(model, key)
            value = err.get("input")
            detail = err["msg"]
            if err["type"] == "value_error":
                detail = detail.removeprefix("Value error, ")
            msg = f"{source}{line}: {dotted} = {_show(value)} is not allowed: {detail}"
            if allowed:
                msg += f"; allowed: {allowed}"
            messages.append(msg)
    return "\n".join(dict.fromkeys(messages))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_MODEL_NAMES = _all_models(Scenario)
