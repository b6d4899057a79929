"""The registry: every component (tactic or platform action), and what is built from them.

The scenario schema takes each component's parameter table from here, the audience the accounts
each needs, the model its stages and the recorder its counters. Components are listed once, in
:mod:`sim.tactics`, :mod:`sim.platform` and :mod:`sim.traits`; their order here is the order
in which they act.
"""

from __future__ import annotations

from sim.base.metrics import Metric
from sim.components import AccountBlock, Component
from sim.platform import ACTIONS
from sim.tactics import TACTICS
from sim.traits import TRAITS

COMPONENTS: tuple[type[Component], ...] = (*TACTICS, *ACTIONS, *TRAITS)


def params_of(scenario, cls: type[Component]):
    """The component's table in ``scenario`` (None for a tactic the scenario leaves out)."""
    if cls.group == "strategies":
        return getattr(scenario.strategies, cls.name)
    return getattr(scenario, cls.name)


def active(scenario) -> list[tuple[type[Component], object]]:
    """(component class, params) of every component the scenario switches on, in order."""
    out = []
    for cls in COMPONENTS:
        params = params_of(scenario, cls)
        if cls.is_on(params):
            out.append((cls, params))
    return out


def account_blocks(scenario) -> list[tuple[type[Component], object, AccountBlock]]:
    """The extra accounts the scenario's components need, in the order they are created."""
    out = []
    for cls, params in active(scenario):
        block = cls.accounts(params, scenario)
        if block is not None and block.count > 0:
            out.append((cls, params, block))
    return out


def counters() -> tuple[Metric, ...]:
    """Every component's day counters (all of them, so every run has the same columns)."""
    return tuple(m for cls in COMPONENTS for m in cls.counters)


def tactic_days(scenario) -> list[tuple[str, str, int]]:
    """(tactic name, dotted key, day) of every day a switched-on tactic names, in day order:
    the days a chart marks (a purchase, a giveaway and its draw, an influencer's post)."""
    out = []
    for cls, params in active(scenario):
        if cls.group != "strategies":
            continue
        out += [(cls.name, key, int(day)) for key, day in cls.dated(params)]
        # A tactic that acts every day of a period: where the period starts and ends inside the run.
        for edge in ("start_day", "end_day"):
            day = getattr(params, edge, None)
            key = f"strategies.{cls.name}.{edge}"
            named = {k for _, k, _ in out}
            if day is not None and 0 < day < scenario.days - 1 and key not in named:
                out.append((cls.name, key, int(day)))
    return sorted(out, key=lambda t: t[2])


# What a marked day is called, in English words (each the key of its translation).
TACTIC_WORDS = {
    "buy": "followers bought",
    "giveaway": "giveaway",
    "influencer": "influencer",
    "follow_for_follow": "follow-for-follow",
    "pod": "engagement pod",
    "employee_advocacy": "staff sharing",
}


def mark_label(tactic: str, key: str) -> str:
    """What a marked day is, in English words (the key of its translation): 'giveaway draw'."""
    words = TACTIC_WORDS.get(tactic, tactic.replace("_", " "))
    if "duration" in key:
        return f"{words}: draw"
    if key.endswith("start_day"):
        return f"{words} starts"
    if key.endswith("end_day"):
        return f"{words} ends"
    return words
