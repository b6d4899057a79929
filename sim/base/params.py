"""The base of every parameter table a scenario file holds, and the checks tables share.

A leaf module: components (tactics, platform actions) declare their own tables on this base, and
the scenario schema assembles them, so neither imports the other's module to get at the base.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

MAX_DAY = 3650  # ten years: the longest run a scenario may describe


class Params(BaseModel):
    """A table of a scenario file: frozen, unknown keys refused, no silent type coercion."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def check_days(days: tuple[int, ...], what: str = "day") -> tuple[int, ...]:
    """Refuse days outside 0..MAX_DAY, or listed twice (a field validator's body for lists of
    days)."""
    for d in days:
        if not 0 <= d <= MAX_DAY:
            raise ValueError(f"every {what} must be from 0 to {MAX_DAY:,}; got {d}")
    if len(set(days)) < len(days):
        twice = next(d for d in days if days.count(d) > 1)
        raise ValueError(f"{what} {twice} is listed twice; list each day once")
    return days
