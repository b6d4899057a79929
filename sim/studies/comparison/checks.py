"""What makes two runs (or two arms) not like for like, in plain words.

A side-by-side is fair when only the tactic differs: the same platform, the same audience (size,
and, for single runs, the same seed, which draws it), the same number of days. Each difference
found here is one sentence a chart note and the terminal repeat.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Side:
    """One thing compared: its label, resolved scenario, and (for a finished run) its seed and
    followers on day 0."""

    label: str
    scenario: object
    seed: int | None = None
    start_followers: float | None = None


def _differ(sides: list[Side], what: str, get, show=str) -> str | None:
    values = {s.label: get(s) for s in sides}
    if len({repr(v) for v in values.values()}) <= 1:
        return None
    listed = ", ".join(f"{label}: {show(v)}" for label, v in values.items())
    return f"{what} differ ({listed})"


def differences(sides: list[Side]) -> list[str]:
    """Sentences naming every way ``sides`` differ besides their tactics (empty: like for like).

    Different seeds draw different audiences and different luck, so two single runs with
    different seeds differ by chance as well as by tactic.
    """
    found = [
        _differ(sides, "platforms", lambda s: s.scenario.platform),
        _differ(
            sides, "audience sizes", lambda s: s.scenario.audience.users, lambda v: f"{v:,} users"
        ),
        _differ(sides, "run lengths", lambda s: s.scenario.days, lambda v: f"{v} days"),
        _differ(
            sides,
            "followers at the start",
            lambda s: s.scenario.brand.initial_followers,
            lambda v: f"{v:,}",
        ),
    ]
    if all(s.seed is not None for s in sides):
        seeds = _differ(sides, "seeds", lambda s: s.seed)
        if seeds:
            found.append(
                seeds + ": each seed draws its own audience and luck, so part of the "
                "difference is chance; compare scenario files across many seeds "
                "(`feedsim compare A.toml B.toml --seeds 20`) instead"
            )
    if all(s.start_followers is not None for s in sides):
        found.append(
            _differ(sides, "followers on day 0", lambda s: s.start_followers, lambda v: f"{v:,.0f}")
        )
    return [f for f in found if f]
