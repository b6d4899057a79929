"""Levers: each honest tactic (and buying followers, to compare) as money -> scenario changes.

A lever turns an amount of euros, spent over the run on top of a base scenario, into the
scenario keys that spend it, using the lever's own cost model (:mod:`sim.studies.plan.costs`, the
tactics' ``cost_model``). Money comes in whole units (an influencer post, a giveaway, an
employee), so a lever also says what it really spends: the curves and the plan put that on
their money axis, never the amount asked for.

How a lever spends its money is itself a choice, written here and shown with the results:

- ``influencer``: sponsored posts at the base's fee (else the micro tier's), spread evenly;
- ``boost``: one boosted post about every two weeks, the money split evenly between them;
- ``giveaway``: giveaways of 3,000 entrants (at most the whole audience) and the prize of
  giveaway.toml, spread evenly;
- ``community``: a managed group from day 14, the money buying hours a week; the brand starts
  one conversation for every half hour a week (assumption);
- ``employee_advocacy``: staff asked to share every post as part of their job, each share
  taking five minutes (assumption), the money buying staff;
- ``posts``: more posts a week at the brand's quality, each costing its production hours;
- ``content``: better posts (higher mean quality), each 0.1 costing extra hours per post;
- ``replies``: answering a share of the comments, three hours a week for all of them;
- ``buy``: fake followers at the vendor's price, delivered on day 14 (the comparison).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim.studies.plan.costs import Production, posts_in_run

START_DAY = 14  # tactics begin after a fortnight of the base's own posting
MINUTES_PER_SHARE = 5.0  # staff time per share with a note (assumption)
HOURS_PER_THREAD = 0.5  # community manager's time per conversation started and kept (assumption)


@dataclass(frozen=True)
class Lever:
    """One lever: its words and how money becomes scenario keys.

    Attributes:
        name: the lever's key (a tactic's name, or posts / content / replies).
        en, nl: its name in English and Dutch.
        spend: (base scenario, euros) -> (dotted key -> value, euros really spent).
        honest: False for buying followers, shown beside the others but never planned.
    """

    name: str
    en: str
    nl: str
    spend: Callable[[Any, float], tuple[dict[str, Any], float]]
    honest: bool = True

    def label(self, lang: str = "en") -> str:
        """The lever's name in ``lang`` ("en" or "nl")."""
        return self.nl if lang == "nl" else self.en


def _down(x: float, digits: int) -> float:
    """``x`` rounded down to ``digits`` decimals: a lever never spends more than it is given."""
    return math.floor(x * 10**digits) / 10**digits


def _spread(n: int, days: int, start: int = START_DAY) -> list[int]:
    """``n`` distinct days from ``start`` to the run's end, evenly spaced."""
    start = min(start, days - 1)
    span = days - start
    n = min(n, span)
    return sorted({start + int(k * span / n) for k in range(n)}) if n else []


def _influencer(sc, euros):
    from sim.tactics.influencer import TIER_FEES

    own = sc.strategies.influencer
    fee = own.fee if own is not None else TIER_FEES["micro"]
    days = _spread(int(euros // fee) if fee > 0 else 0, sc.days)
    if not days:
        return {}, 0.0
    return {"strategies.influencer.days": days, "strategies.influencer.fee": fee}, fee * len(days)


def _boost(sc, euros):
    days = _spread(max(1, (sc.days - START_DAY) // 14), sc.days)
    if euros <= 0 or not days:
        return {}, 0.0
    each = _down(euros / len(days), 2)  # whole cents
    return {"strategies.boost.days": days, "strategies.boost.budget": each}, each * len(days)


GIVEAWAY_ENTRANTS, GIVEAWAY_PRIZE = 3000, 200.0  # as scenarios/giveaway.toml


def _giveaway(sc, euros):
    days = _spread(int(euros // GIVEAWAY_PRIZE), max(1, sc.days - 7))  # each draw inside the run
    if not days:
        return {}, 0.0
    # A giveaway draws at most the whole audience: a small shop's (a dashboard shrunk to a few
    # thousand users) gets every user as an entrant rather than a scenario the schema refuses.
    entrants = min(GIVEAWAY_ENTRANTS, int(sc.audience.users))
    return (
        {
            "strategies.giveaway.days": days,
            "strategies.giveaway.entrants": entrants,
            "strategies.giveaway.prize_cost": GIVEAWAY_PRIZE,
        },
        GIVEAWAY_PRIZE * len(days),
    )


def _community(sc, euros, production: Production | None = None):
    rate = (production or Production()).hourly_rate
    days = sc.days - START_DAY
    if euros <= 0 or days <= 0 or rate <= 0:
        return {}, 0.0
    hours = _down(min(168.0, euros / (rate * days / 7.0)), 3)
    keys = {
        "strategies.community.open_day": START_DAY,
        "strategies.community.managed": True,
        "strategies.community.hours_per_week": hours,
        "strategies.community.hourly_rate": rate,
        "strategies.community.threads_per_week": round(min(700.0, hours / HOURS_PER_THREAD), 3),
    }
    return keys, hours * rate * days / 7.0


def _staff(sc, euros, production: Production | None = None):
    rate = (production or Production()).hourly_rate
    posts = (sc.days - START_DAY) * sc.brand.posts_per_week / 7.0
    per_employee = 0.5 * posts * MINUTES_PER_SHARE / 60.0 * rate  # shares half the posts
    staff = int(euros // per_employee) if per_employee > 0 else 0
    if staff <= 0:
        return {}, 0.0
    keys = {
        "strategies.employee_advocacy.staff": staff,
        "strategies.employee_advocacy.start_day": START_DAY,
        "strategies.employee_advocacy.part_of_job": True,
        "strategies.employee_advocacy.share_chance": 0.5,
        "strategies.employee_advocacy.minutes_per_share": MINUTES_PER_SHARE,
        "strategies.employee_advocacy.hourly_rate": rate,
    }
    return keys, staff * per_employee


def _posts(sc, euros, production: Production | None = None):
    p = production or Production()
    per_post = p.hours_per_post_at(sc.brand.quality) * p.hourly_rate
    if euros <= 0 or per_post <= 0:
        return {}, 0.0
    weeks = sc.days / 7.0
    extra = _down(min(70.0 - sc.brand.posts_per_week, euros / per_post / weeks), 3)
    return {"brand.posts_per_week": sc.brand.posts_per_week + extra}, extra * weeks * per_post


def _content(sc, euros, production: Production | None = None):
    p = production or Production()
    per_step = posts_in_run(sc) * p.hours_per_quality_step * p.hourly_rate  # euros per +0.1
    if euros <= 0 or per_step <= 0:
        return {}, 0.0
    q0 = sc.brand.quality
    q = _down(min(1.0, q0 + 0.1 * euros / per_step), 4)
    if q < p.reference_quality:  # below the reference better posts cost no extra hours
        return {}, 0.0
    return {"brand.quality": q}, (q - max(q0, p.reference_quality)) / 0.1 * per_step


def _replies(sc, euros, production: Production | None = None):
    p = production or Production()
    full = p.reply_hours_per_week * sc.days / 7.0 * p.hourly_rate
    if euros <= 0 or full <= 0:
        return {}, 0.0
    share = _down(min(1.0, sc.brand.reply_share + euros / full), 4)
    return {"brand.reply_share": share}, (share - sc.brand.reply_share) * full


def _buy(sc, euros):
    price = sc.strategies.buy.price_per_1000 if sc.strategies.buy is not None else 9.0
    count = int(euros / price * 1000) if price > 0 else 0
    if count <= 0:
        return {}, 0.0
    return (
        {
            "strategies.buy.days": [min(START_DAY, sc.days - 1)],
            "strategies.buy.count": count,
            "strategies.buy.price_per_1000": price,
        },
        count * price / 1000.0,
    )


LEVERS: dict[str, Lever] = {
    lv.name: lv
    for lv in (
        Lever("influencer", "influencer posts", "influencerposts", _influencer),
        Lever("boost", "paid boost", "betaalde boost", _boost),
        Lever("giveaway", "giveaways", "winacties", _giveaway),
        Lever("community", "community management", "communitybeheer", _community),
        Lever("employee_advocacy", "employee advocacy", "medewerkers die delen", _staff),
        Lever("posts", "more posts", "meer posts", _posts),
        Lever("content", "better content", "betere content", _content),
        Lever("replies", "answering comments", "reacties beantwoorden", _replies),
        Lever("buy", "bought followers", "gekochte volgers", _buy, honest=False),
    )
}
HONEST = tuple(name for name, lv in LEVERS.items() if lv.honest)


def parse_levers(text: str) -> list[str]:
    """``--lever``: one name, a comma-separated list, or ``all`` (every honest lever)."""
    from sim.scenario import ScenarioError

    if text.strip() == "all":
        return list(HONEST)
    names = [t.strip() for t in text.split(",") if t.strip()]
    bad = [n for n in names if n not in LEVERS or not LEVERS[n].honest]
    if bad or not names:
        raise ScenarioError(
            f"--lever {text!r}: {', '.join(bad) or 'nothing'} is not a lever; "
            f"choose from {', '.join(HONEST)} or all (bought followers are "
            "always drawn beside them)"
        )
    return names


def apply(base, lever: str, euros: float) -> tuple[dict[str, Any], float]:
    """The keys that spend ``euros`` on ``lever`` over ``base``, and the euros really spent.

    Refuses a base that already uses the lever's tactic: the curve would then mix its money
    with the base's.
    """
    from sim import registry
    from sim.scenario import ScenarioError

    for cls, _ in registry.active(base):
        if cls.group == "strategies" and cls.name == lever:
            raise ScenarioError(
                f"{base.name}: [strategies.{lever}] is already in the scenario; "
                "a response curve adds the lever's money on top of a base "
                "without it: remove the table, or choose another lever"
            )
    return LEVERS[lever].spend(base, float(euros))
