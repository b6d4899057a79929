"""The what-ifs of a strategy session, without any web page: levers, runs, figures, saving.

A :class:`Levers` holds what a client asks about: buying followers (how many, which day),
follow-for-follow, a giveaway (entrants, prize, day), an influencer (size, how often), posts per
week, rhythm, hour, content mix and replying to comments. It becomes dotted scenario overrides
of the base scenario (:func:`overrides`), and :func:`budget` says what each tactic costs from the
tactics' own declared costs. A :class:`Plan` is a named set of levers; :func:`session_table`
computes the presented figures (:mod:`sim.base.presented`) of the baseline and up to four plans run
on the same seeds (common random numbers). Saving a plan as a runnable scenario and exporting
the session as a comparison folder for ``feedsim report`` live in :mod:`sim.dashboard.saving`.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from sim.base.attributes import ATTRIBUTES
from sim.dashboard.runlock import one_at_a_time

# The content attributes offered as sliders (a content mix a strategist discusses).
MIX = ("question", "emotion", "helpful", "call_to_action", "story", "scarcity")
# Headline figures shown and saved: presented figures (sim.base.presented), as every report shows
# them.
FIGURES = (
    "real_followers_end",
    "real_reach_per_post",
    "conversation",
    "purchases",
    "cost",
    "net_revenue",
    "net_vs_baseline",
)
MAX_PLANS = 4  # what-ifs side by side against the baseline
TIERS = ("micro", "macro")


@dataclass(frozen=True)
class Levers:
    """What a client can change. Defaults (None) keep the base scenario's value; the tactics'
    settings are used only when the tactic is switched on."""

    buy: bool = False
    buy_count: int = 5_000
    buy_day: int = 30
    follow_for_follow: bool = False
    giveaway: bool = False
    giveaway_entrants: int = 3_000
    giveaway_prize: float = 200.0
    giveaway_day: int = 30
    influencer: bool = False
    influencer_tier: str = "micro"
    influencer_every: int = 30  # days between two sponsored shares
    posts_per_week: float | None = None
    rhythm: str | None = None
    hour: int | None = None
    reply_share: float | None = None
    mix: dict[str, float] = field(default_factory=dict)

    def with_(self, **changes) -> Levers:
        """A copy of these levers with ``changes`` (field names and values) made."""
        return replace(self, **changes)

    def key(self) -> str:
        """A stable text of every lever (what identifies a run of them)."""
        d = asdict(self)
        d["mix"] = sorted(d["mix"].items())
        return repr(sorted(d.items()))


def levers_of(base) -> Levers:
    """The levers as the base scenario sets them (so the page opens on the baseline): its
    posting, content mix and the buying, giveaway and influencer it already uses."""
    st = base.strategies
    lv = Levers(
        posts_per_week=base.brand.posts_per_week,
        rhythm=base.brand.rhythm,
        hour=base.brand.hour,
        reply_share=base.brand.reply_share,
        mix={a: float(getattr(base.content, a)) for a in MIX},
        buy_day=_tactic_day(base, 30),
        giveaway_day=_tactic_day(base, 30),
    )
    if st.buy is not None and st.buy.count > 0 and len(st.buy.days) == 1:
        lv = lv.with_(buy=True, buy_count=st.buy.count, buy_day=st.buy.days[0])
    if st.giveaway is not None and st.giveaway.entrants and len(st.giveaway.days) == 1:
        lv = lv.with_(
            giveaway=True,
            giveaway_entrants=st.giveaway.entrants,
            giveaway_prize=st.giveaway.prize_cost,
            giveaway_day=st.giveaway.days[0],
        )
    if st.influencer is not None and st.influencer.days:
        d = st.influencer.days
        every = d[1] - d[0] if len(d) > 1 else 30
        if list(d) == list(range(d[0], base.days, every)) and d[0] == _tactic_day(base, 30):
            lv = lv.with_(
                influencer=True, influencer_tier=st.influencer.tier, influencer_every=every
            )
    return lv


def _tactic_day(base, wanted: int) -> int:
    """A tactic's day: ``wanted``, or a tenth into the run if that is past its end."""
    wanted = int(wanted)
    return wanted if 0 <= wanted < base.days else max(0, base.days // 10)


def overrides(base, lv: Levers) -> dict:
    """Dotted scenario keys that turn ``base`` into the what-if (nothing for an unchanged lever).

    Follow-for-follow uses the ready-made scenario's values (200 a day for 90 days from day
    30); the other tactics take the levers' settings. A day past the run's end moves to a tenth
    into the run.
    """
    out: dict = {}
    start = levers_of(base)
    for name, on in (("buy", lv.buy), ("giveaway", lv.giveaway), ("influencer", lv.influencer)):
        if getattr(start, name) and not on:  # the base's own tactic, switched off
            out[f"strategies.{name}"] = None
    if lv.buy and lv.buy_count > 0:
        out["strategies.buy.days"] = [_tactic_day(base, lv.buy_day)]
        out["strategies.buy.count"] = int(lv.buy_count)
    if lv.follow_for_follow:
        day = _tactic_day(base, 30)
        out["strategies.follow_for_follow.start_day"] = day
        out["strategies.follow_for_follow.end_day"] = min(base.days - 1, day + 90)
        out["strategies.follow_for_follow.per_day"] = 200
    if lv.giveaway:
        out["strategies.giveaway.days"] = [
            min(_tactic_day(base, lv.giveaway_day), last_giveaway_day(base))
        ]
        out["strategies.giveaway.entrants"] = int(lv.giveaway_entrants)
        out["strategies.giveaway.prize_cost"] = float(lv.giveaway_prize)
    if lv.influencer:
        if lv.influencer_tier not in TIERS:
            raise ValueError(f"influencer size {lv.influencer_tier!r}: choose {' or '.join(TIERS)}")
        every = max(1, int(lv.influencer_every))
        first = _tactic_day(base, 30)
        out["strategies.influencer.days"] = list(range(first, base.days, every))
        out["strategies.influencer.tier"] = lv.influencer_tier
    same = {
        name
        for name in ("buy", "giveaway", "influencer")
        if getattr(start, name)
        and getattr(lv, name)
        and _settings(lv, name) == _settings(start, name)
    }
    for name in same:
        for k in [k for k in out if k.startswith(f"strategies.{name}.")]:
            del out[k]
    for key, value, now in (
        ("brand.posts_per_week", lv.posts_per_week, base.brand.posts_per_week),
        ("brand.rhythm", lv.rhythm, base.brand.rhythm),
        ("brand.hour", lv.hour, base.brand.hour),
        ("brand.reply_share", lv.reply_share, base.brand.reply_share),
    ):
        if value is not None and value != now:
            out[key] = value
    for attr, share in lv.mix.items():
        if attr not in ATTRIBUTES:
            raise ValueError(f"unknown content attribute {attr!r}")
        if share != getattr(base.content, attr):
            out[f"content.{attr}"] = float(share)
    return out


def _settings(lv: Levers, tactic: str) -> tuple:
    return tuple(v for k, v in asdict(lv).items() if k.startswith(tactic))


def last_giveaway_day(base) -> int:
    """The last day a giveaway can open so that its draw falls inside the run."""
    from sim.tactics.giveaway import GiveawayParams

    g = base.strategies.giveaway
    duration = g.duration if g is not None else GiveawayParams.model_fields["duration"].default
    return max(0, base.days - 1 - duration)


def budget(scenario) -> dict[str, float]:
    """Euros each tactic of ``scenario`` the levers switch on will spend over the run, from
    the cost keys the tactic declares (``costs`` of :mod:`sim.tactics`): a package's price per
    1,000, a giveaway's prize, an influencer's fee per share."""
    from sim.registry import active

    out: dict[str, float] = {}
    for cls, p in active(scenario):
        if cls.group != "strategies":
            continue
        days = [d for d in getattr(p, "days", ()) if d < scenario.days]
        if cls.name == "buy":
            out["buy"] = p.count * len(days) * p.price_per_1000 / 1000.0
        elif cls.name == "giveaway":
            out["giveaway"] = p.prize_cost * len(days) if p.entrants else 0.0
        elif cls.name == "influencer":
            out["influencer"] = p.fee * len(days)
        elif not cls.costs:
            out[cls.name] = 0.0
    return out


# ---------------------------------------------------------------------------------------------
# Plans: named what-ifs, their words
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A what-if the strategist named: its levers and its name ("" -> described by them)."""

    levers: Levers
    name: str = ""

    def shown(self, base, lang: str = "en") -> str:
        """The plan's name as the page shows it: the strategist's, else its levers in words."""
        return self.name.strip() or describe(base, self.levers, lang)


def describe(base, lv: Levers, lang: str = "en") -> str:
    """The levers in a few words: 'Giveaway on day 30 (3,000 entrants, €200 prize)'."""
    from sim.base.l10n import money, number
    from sim.dashboard.text import t

    ov = overrides(base, lv)
    parts = []
    if "strategies.buy.count" in ov:
        parts.append(
            t("Buy {n} followers on day {day}", lang).format(
                n=number(lv.buy_count, lang), day=ov["strategies.buy.days"][0]
            )
        )
    if "strategies.follow_for_follow.per_day" in ov:
        parts.append(t("Follow-for-follow", lang))
    if "strategies.giveaway.entrants" in ov:
        parts.append(
            t("Giveaway on day {day} ({n} entrants, {prize} prize)", lang).format(
                day=ov["strategies.giveaway.days"][0],
                n=number(lv.giveaway_entrants, lang),
                prize=money(lv.giveaway_prize, lang),
            )
        )
    if "strategies.influencer.tier" in ov:
        parts.append(
            t("{tier}-influencer every {every} days", lang).format(
                tier=t(lv.influencer_tier, lang), every=number(lv.influencer_every, lang)
            )
        )
    if "brand.posts_per_week" in ov:
        parts.append(
            t("{n} posts per week", lang).format(
                n=number(lv.posts_per_week, lang, 0 if float(lv.posts_per_week).is_integer() else 1)
            )
        )
    if "brand.rhythm" in ov:
        rhythm = {"regular": "regular rhythm", "erratic": "erratic rhythm"}[lv.rhythm]
        parts.append(t(rhythm, lang))
    if "brand.hour" in ov:
        parts.append(t("posting at {h}", lang).format(h=f"{int(lv.hour):02d}:00"))
    if "brand.reply_share" in ov:
        parts.append(t("replying to {p} of comments", lang).format(p=_pct(lv.reply_share, lang)))
    if any(k.startswith("content.") for k in ov):
        parts.append(t("another content mix", lang))
    if not parts:
        return t("No change", lang)
    parts = [parts[0][:1].upper() + parts[0][1:]] + [p[:1].lower() + p[1:] for p in parts[1:]]
    return "; ".join(parts)


def _pct(x: float, lang: str) -> str:
    from sim.base.l10n import percent

    return percent(x, lang, decimals=0)


def whatif_scenario(base, lv: Levers, name: str = ""):
    """The base scenario with the levers applied (validated), with its own name, title and
    description in English and Dutch: 'Giveaway on day 30 (what-if)'."""
    from sim.dashboard.text import t
    from sim.scenario import safe_name

    ov = overrides(base, lv)
    en = name.strip() or describe(base, lv, "en")
    nl = name.strip() or describe(base, lv, "nl")
    slug = safe_name((name.strip() or f"{base.name}-whatif").replace(" ", "_"))[:80]
    return base.with_overrides(
        {
            **ov,
            "name": slug,
            "title": f"{en} ({t('what-if', 'en')})"[:200],
            "title_nl": f"{nl} ({t('what-if', 'nl')})"[:200],
            "description": describe(base, lv, "en")[:500],
            "description_nl": describe(base, lv, "nl")[:500],
        },
        source="dashboard",
    )


# ---------------------------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------------------------


@dataclass
class Arm:
    """One scenario's runs: per seed, its day table and run figures."""

    scenario: object
    days: dict[int, pd.DataFrame]
    figures: dict[int, dict]

    def tidy(self, label: str) -> pd.DataFrame:
        """The arm's day tables as one tidy table (``arm`` = ``label``, ``seed``)."""
        return pd.concat(
            [d.assign(arm=label, seed=s) for s, d in self.days.items()], ignore_index=True
        )

    def figure(self, name: str) -> float:
        """A presented figure of the arm (:mod:`sim.base.presented`: the median over its seeds)."""
        from sim.base.presented import compute

        return compute(self.tidy("arm"), "arm").value("arm", name)


# The real users of the session's audiences, kept between lever changes: no lever changes what
# they depend on (tactics add their accounts after them), so each seed's are built once.
_POPULATIONS = None
# Finished arms by scenario and seeds: going back to an earlier setting (a reset, an undone
# drag) shows it again without a run. Bounded, so a long session's memory stays flat.
_ARMS: OrderedDict[str, Arm] = OrderedDict()
ARMS_KEPT = 12


def populations():
    """The dashboard's store of populations (:class:`sim.engine.audience.PopulationCache`): as many
    as a session's seeds need, at most 1 GB."""
    global _POPULATIONS
    if _POPULATIONS is None:
        from sim.engine.audience import PopulationCache

        _POPULATIONS = PopulationCache(entries=8, max_bytes=1 << 30)
    return _POPULATIONS


class Superseded(Exception):
    """A run given up because a newer change asked for another (see ``wanted``)."""


# What names a scenario without changing its runs: not part of a kept arm's key.
NAMING = {"name": "", "title": "", "title_nl": "", "description": "", "description_nl": ""}


def _arm_key(scenario, seeds) -> str:
    text = scenario.model_copy(update=NAMING).to_toml()
    return hashlib.sha256((text + repr(list(seeds))).encode()).hexdigest()


@one_at_a_time  # one simulation at a time in a server (see sim.dashboard.runlock)
def _run_seeds(scenario, seeds: list[int], wanted=None) -> Arm:
    from sim.engine.runner import run

    days, figs = {}, {}
    for s in seeds:
        if wanted is not None and not wanted():
            raise Superseded
        r = run(scenario, seed=s, populations=populations())
        # The figures from the recorder's rows, and the day table from their columns: the
        # same values and types as a frame built row by row, in half the time.
        figs[s] = r.summary()
        days[s] = pd.DataFrame({c: v for c, v in r.day_columns().items() if not c.startswith("_")})
        del r
    return Arm(scenario, days, figs)


def run_arm(scenario, seeds: list[int], wanted=None) -> Arm:
    """Run ``scenario`` on every seed (in this process), each audience's real users taken from
    :func:`populations` (the same results as building them each time); an arm run before with
    the same scenario and seeds is reused.

    Args:
        wanted: called between seeds; when it returns False the run stops (:class:`Superseded`).
    """
    key = _arm_key(scenario, seeds)
    if key in _ARMS:
        _ARMS.move_to_end(key)
        kept = _ARMS[key]
        return Arm(scenario, kept.days, kept.figures)  # the runs, under this scenario's name
    arm = _run_seeds(scenario, list(seeds), wanted)
    _ARMS[key] = arm
    while len(_ARMS) > ARMS_KEPT:
        _ARMS.popitem(last=False)
    return arm


@dataclass
class Session:
    """The baseline and the plans, run on the same seeds."""

    base: object
    baseline: Arm
    plans: list[Plan]
    arms: list[Arm]
    _tables: dict = field(default_factory=dict, repr=False)  # per language, computed once

    @staticmethod
    def word(text: str, lang: str = "en") -> str:
        """A word of the page in ``lang`` (what the charts label with)."""
        from sim.dashboard.text import t

        return t(text, lang)

    def labels(self, lang: str = "en") -> list[str]:
        """Each plan's name as shown, made distinct."""
        out: list[str] = []
        for p in self.plans:
            label = p.shown(self.base, lang)
            while label in out:
                label += " *"
            out.append(label)
        return out

    def table(self, lang: str = "en"):
        """The presented figures (:func:`sim.base.presented.compute`) of the baseline and the plans,
        grouped by the plans' names in ``lang`` (the baseline: "baseline" in ``lang``)."""
        from sim.base.presented import compute
        from sim.dashboard.text import t
        from sim.present.charts.run import run_marks

        if lang in self._tables:
            return self._tables[lang]
        base_label = t("baseline", lang)
        labels = self.labels(lang)
        days = pd.concat(
            [self.baseline.tidy(base_label)]
            + [a.tidy(lb) for a, lb in zip(self.arms, labels, strict=True)],
            ignore_index=True,
        )
        self._tables[lang] = compute(
            days,
            "arm",
            [base_label, *labels],
            base_label,
            {lb: run_marks(a.scenario) for a, lb in zip(self.arms, labels, strict=True)},
        )
        return self._tables[lang]

    def verdicts(self, lang: str = "en") -> list[str]:
        """Each plan against the baseline in one sentence (:func:`sim.base.presented.verdict`)."""
        from sim.base.presented import verdict
        from sim.dashboard.text import t

        table = self.table(lang)
        return [verdict(table, lb, lang, lb, t("the baseline", lang)) for lb in self.labels(lang)]


def run_session(base, plans: list[Plan], seeds: list[int], wanted=None) -> Session:
    """Run the baseline and each plan (at most :data:`MAX_PLANS`) on ``seeds``."""
    if len(plans) > MAX_PLANS:
        raise ValueError(f"at most {MAX_PLANS} what-ifs side by side; got {len(plans)}")
    baseline = run_arm(base, seeds, wanted)
    arms = []
    for p in plans:
        sc = whatif_scenario(base, p.levers, p.name)
        arms.append(baseline if not overrides(base, p.levers) else run_arm(sc, seeds, wanted))
    return Session(base, baseline, list(plans), arms)


def figure_label(name: str, lang: str = "en") -> str:
    """A headline figure's name in ``lang``."""
    from sim.base.presented import FIGURE

    return FIGURE[name].label(lang)


def format_figure(name: str, v: float, lang: str = "en", sign: bool = False) -> str:
    """A figure as shown on the page and in the report (:func:`sim.base.presented.text`, the one
    formatter every surface uses)."""
    from sim.base.presented import text

    if not math.isfinite(v):
        return text(name, float("nan"), lang)
    return text(name, v, lang, sign=sign)
