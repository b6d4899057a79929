"""Every platform preset reproduces the published figures it was tuned to, resolves
as a scenario, and names a source for every value it sets.

Setup, as in test_calibration.py: a plain brand account (the preset's defaults, 1,000 organic
followers, plain posts at 12:00, 100,000 users - the size the presets are fitted at and every
shipped scenario runs at - one post a day for 120 days), held-out seeds 100-107, the first 30
days dropped as burn-in (720 posts per preset).

Engagement per follower = (likes + comments + shares) / followers, per post (Rival IQ's definition).
Statistic:

- ``median``: the median over posts, as for Instagram. Used where the target is several engagements
  per post at 1,000 followers (Instagram 0.47%, TikTok 5.69%).
- ``mean``: the mean over posts, i.e. the brand's average engagement per post / followers, which is
  the per-company figure Rival IQ takes the median of. Used where the target is about one engagement
  per post or fewer (Facebook 0.06%, X 0.035%, LinkedIn 0.17%): there a post has 0, 1 or 2
  engagements, so the per-post median can only be 0 or k/followers (about 0.1%) and cannot express
  the target.

Tolerances (stated per preset in TARGETS): a factor of about 1.5 around the target for the medians
(Instagram 0.30-0.70% as in test_calibration.py; TikTok 3.0-9.0%, which spans Socialinsider 2026's
later 3.70% and allows for how far a median moves with the pools its posts reach: a post's views
grow by whole pools (300, then 3,000, then 10,000 views for a typical post), each pool's size
varying from post to post with ``feed.explore_spread``); a factor of 2 for the means, whose
per-seed values spread by about that much at under one engagement per post.
The presets' fitted constants (``behaviour.like``, ``feed.test_threshold``) come from
experiments/calibrate_presets.py at 100,000 users on seeds 1000-1031; these tests use seeds it
never saw.

Posts without a reshare: Goel, Watts & Goldstein (2012) find 70-95% of cascades stop at the first
poster. Instagram keeps test_calibration.py's 60-97%. Facebook, X and LinkedIn, at about two
engagements per post or fewer of which a minority are shares (LinkedIn at 100,000 users: 1.9
engagements and 0.27 shares per post, seeds 100-107), expect under 0.35 shares per post, so a
Poisson count gives at least 70% of posts without one (e^-0.35), Goel et al.'s lower figure:
range 70-99%. (At 20,000 users, where the range was first set to 80-99%, LinkedIn's posts get
0.16 shares each; a larger world's recommendation pools bring more viewers who can share.)
TikTok's action mix (Socialinsider 2026: 3,492 likes : 50 comments : 248 shares, so 6.5% of
engagements are shares) at the 5.69% target gives about 4 shares per post; even a post stopped
after the first pool (about 20 engagements) expects 1.3 shares, P(none) = e^-1.3 = 27%: range
1-40%.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

import pandas as pd
import pytest

from sim.engine.runner import run
from sim.scenario import PRESET_TABLES, list_presets, load_preset, resolve

SEEDS = range(100, 108)
BURN_IN = 30


@dataclass(frozen=True)
class Target:
    statistic: str  # "median" or "mean" over posts of engagement per follower
    value: float  # the published (or assumed) figure
    low: float
    high: float
    no_share: tuple[float, float]  # allowed share of posts without a reshare
    source: str


TARGETS = {
    "instagram": Target(
        "median",
        0.0047,
        0.0030,
        0.0070,
        (0.60, 0.97),
        "Rival IQ 2023: Instagram brands' median 0.47%",
    ),
    "facebook": Target(
        "mean", 0.0006, 0.0003, 0.0012, (0.70, 0.99), "Rival IQ 2023: Facebook brands' median 0.06%"
    ),
    "x": Target(
        "mean", 0.00035, 0.000175, 0.0007, (0.70, 0.99), "Rival IQ 2023: X brands' median 0.035%"
    ),
    "linkedin": Target(
        "mean",
        0.0017,
        0.00085,
        0.0034,
        (0.70, 0.99),
        "assumption: no published LinkedIn figure; 0.17% is the geometric mean of "
        "Rival IQ 2023's Instagram 0.47% and Facebook 0.06%",
    ),
    "tiktok": Target(
        "median",
        0.0569,
        0.030,
        0.090,
        (0.01, 0.40),
        "Rival IQ 2023: TikTok brands' median 5.69% (Socialinsider 2026: 3.70%)",
    ),
}
CALIBRATED = sorted(TARGETS)


@pytest.fixture(scope="module")
def posts():
    """Posts after burn-in, per preset, simulated once for the module (lazily)."""
    cache: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in cache:
            sc = resolve(
                {
                    "name": f"plain_{name}",
                    "platform": name,
                    "days": 120,
                    "audience": {"users": 100_000},
                    "brand": {"initial_followers": 1000},
                }
            )
            p = pd.concat([run(sc, seed=s).posts for s in SEEDS], ignore_index=True)
            cache[name] = p[p.day >= BURN_IN]
        return cache[name]

    return get


def test_every_preset_has_a_calibration_target():
    assert set(TARGETS) == set(list_presets())


@pytest.mark.parametrize("name", CALIBRATED)
def test_engagement_per_follower_near_target(posts, name):
    t = TARGETS[name]
    rates = posts(name)["engagement_rate_follower"]
    got = rates.median() if t.statistic == "median" else rates.mean()
    assert t.low <= got <= t.high, (
        f"{name}: {t.statistic} engagement per follower {got:.4%}, target {t.value:.3%} "
        f"({t.source}), tolerance {t.low:.3%}-{t.high:.3%}"
    )


@pytest.mark.parametrize("name", CALIBRATED)
def test_most_posts_are_not_reshared(posts, name):
    lo, hi = TARGETS[name].no_share
    no_share = (posts(name)["shares"] == 0).mean()
    assert lo <= no_share <= hi, f"{name}: {no_share:.0%} of posts without a share"


def test_tiktok_action_mix_near_socialinsider(posts):
    # Socialinsider 2026: about 3,492 likes : 50 comments : 248 shares per post, i.e. 1.43 comments
    # and 7.1 shares per 100 likes. Tolerance: a factor of 2 either way.
    p = posts("tiktok")
    comments = 100 * p["comments"].sum() / p["likes"].sum()
    shares = 100 * p["shares"].sum() / p["likes"].sum()
    assert 0.72 <= comments <= 2.9, f"{comments:.2f} comments per 100 likes"
    assert 3.5 <= shares <= 14.2, f"{shares:.1f} shares per 100 likes"


def _median_impressions(platform: str, followers: int, seeds) -> float:
    sc = resolve(
        {
            "platform": platform,
            "days": 120,
            "audience": {"users": 20_000},
            "brand": {"initial_followers": followers},
        }
    )
    meds = []
    for seed in seeds:
        p = run(sc, seed=seed).posts
        meds.append(p.loc[p["day"] >= BURN_IN, "impressions"].median())
    return float(pd.Series(meds).median())


def test_tiktok_reach_does_not_follow_the_follower_count():
    # TikTok newsroom (2020): follower count is not a direct factor. That every TikTok post
    # passes its test holds by construction (the preset's test reference is 0), so the test
    # checks the consequence instead: ten times the followers brings far less than ten times the
    # impressions on TikTok (under 2x), while on Instagram, where reach is the followers' feed,
    # it brings several times more (over 3x). Seeds 300-303: no fit or threshold used them.
    seeds = range(300, 304)
    tiktok = _median_impressions("tiktok", 10_000, seeds) / _median_impressions(
        "tiktok", 1_000, seeds
    )
    instagram = _median_impressions("instagram", 10_000, seeds) / _median_impressions(
        "instagram", 1_000, seeds
    )
    assert tiktok < 2.0, f"TikTok: 10x the followers gives {tiktok:.2f}x the impressions"
    assert instagram > 3.0, f"Instagram: 10x the followers gives {instagram:.2f}x the impressions"


def test_facebook_organic_reach_near_published(posts):
    # Facebook Page organic reach: 16% (2012) -> 6% (2014), about 2% for pages > 500k likes
    # (Facebook 2012; Social@Ogilvy 2014). Reach here: followers who saw the post / followers.
    # Tolerance: 2% to 16%, the published range.
    p = posts("facebook")
    reach = (p["follower_impressions"] / p["followers"]).median()
    assert 0.02 <= reach <= 0.16, f"median follower reach {reach:.1%}"


# ---------------------------------------------------------------------------------------------
# Every preset resolves, and every value it sets has a source
# ---------------------------------------------------------------------------------------------


def _preset_file(name: str) -> dict:
    text = (resources.files("sim") / "presets" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _leaves(table: str, values: dict) -> list[tuple[str, str | None]]:
    """(dotted key, dotted key of its enclosing table or None) of every value a table sets."""
    out = []
    for key, v in values.items():
        dotted = f"{table}.{key}"
        if isinstance(v, dict):
            out += [(f"{dotted}.{k}", dotted) for k in v]
        else:
            out.append((dotted, None))
    return out


@pytest.mark.parametrize("name", list_presets())
def test_a_preset_is_its_values_and_every_value_reaches_the_run(name):
    """A scenario naming the preset runs exactly as one that names another preset and writes
    out every value of this one: the run follows the preset's values, all of them, and nothing
    else of the preset. The other preset's own run differs, so the comparison can fail. Tiny
    runs (2,000 users, 30 days, seed 900)."""
    preset = _preset_file(name)
    small = {"days": 30, "audience": {"users": 2_000}, "brand": {"initial_followers": 200}}
    other = "facebook" if name == "instagram" else "instagram"
    written = {"platform": other, **{t: dict(preset[t]) for t in PRESET_TABLES if t in preset}}
    written["days"] = small["days"]
    for table in ("audience", "brand"):
        written[table] = {**written.get(table, {}), **small[table]}
    named = run(resolve({"platform": name, **small}), seed=900)
    assert named.posts.equals(run(resolve(written), seed=900).posts), name
    assert not named.posts.equals(run(resolve({"platform": other, **small}), seed=900).posts)
    preset = load_preset(name)
    assert preset["description"] and preset["description_nl"], f"{name}: no description"
    assert preset["description_nl"] != preset["description"], f"{name}: no Dutch description"


@pytest.mark.parametrize("name", list_presets())
def test_preset_sources_cover_every_value(name):
    preset = _preset_file(name)
    sources = preset.get("sources", {})
    missing = [
        key
        for table in PRESET_TABLES
        for key, parent in _leaves(table, preset.get(table, {}))
        if key not in sources and (parent is None or parent not in sources)
    ]
    assert not missing, f"{name}: no [sources] entry for {missing}"
    unknown = [key for key in sources if key.split(".", 1)[0] not in PRESET_TABLES]
    assert not unknown, f"{name}: sources for tables a preset cannot set: {unknown}"
    for key, src in sources.items():
        assert isinstance(src, str) and len(src.split()) >= 1, f"{name}: empty source for {key}"
        assert "assumption" in src.lower() or re.search(r"\d", src), (
            f"{name}: {key}: a citation needs a year or figure, else say 'assumption': {src!r}"
        )
