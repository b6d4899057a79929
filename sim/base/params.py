"""The base of every parameter table a scenario file holds, and the checks tables share.

A leaf module: components (tactics, platform actions) declare their own tables on this base, and
the scenario schema assembles them, so neither imports the other's module to get at the base.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sim.base.i18n import Said
from sim.base.l10n import Count, SaidError

MAX_DAY = 3650  # ten years: the longest run a scenario may describe


class Refusal(SaidError):
    """A table's check that failed, carrying its sentence said later (:attr:`said`, a
    :class:`sim.base.i18n.Said`): ``str()`` is the English pydantic quotes, and the scenario's
    refusal finds the sentence in pydantic's error to say it in the reader's language."""


class Params(BaseModel):
    """A table of a scenario file: frozen, unknown keys refused, no silent type coercion."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def check_days(days: tuple[int, ...], what: str = "day") -> tuple[int, ...]:
    """Refuse days outside 0..MAX_DAY, or listed twice (a field validator's body for lists of
    days); ``what``: the English word for such a day, a key of the Dutch catalogue."""
    word = Said(what, {})
    for d in days:
        if not 0 <= d <= MAX_DAY:
            raise Refusal(
                Said(
                    "every {what} must be from 0 to {most:,}; got {day}",
                    {"what": word, "most": Count(MAX_DAY), "day": d},
                )
            )
    if len(set(days)) < len(days):
        twice = next(d for d in days if days.count(d) > 1)
        raise Refusal(
            Said("{what} {day} is listed twice; list each day once", {"what": word, "day": twice})
        )
    return days


def one_day_at_least(days: tuple[int, ...]) -> None:
    """Refuse an empty list of days: a dated tactic with no day never acts."""
    if not days:
        raise Refusal(Said("list at least one day, e.g. days = [30]", {}))
