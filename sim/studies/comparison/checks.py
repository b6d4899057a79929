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


def _differ(sides: list[Side], what: str, get, show, lang: str) -> str | None:
    from sim.base.i18n import tr

    values = {s.label: get(s) for s in sides}
    if len({repr(v) for v in values.values()}) <= 1:
        return None
    listed = ", ".join(f"{label}: {show(v)}" for label, v in values.items())
    return tr("{what} differ ({listed})", lang).format(what=tr(what, lang), listed=listed)


def differences(sides: list[Side], lang: str = "en") -> list[str]:
    """Sentences naming every way ``sides`` differ besides their tactics (empty: like for like),
    in ``lang``, counts written as it writes them.

    Different seeds draw different audiences and different luck, so two single runs with
    different seeds differ by chance as well as by tactic.
    """
    from sim.base.i18n import tr
    from sim.base.l10n import number
    from sim.base.platform_names import platform_name

    def counted(unit: str):
        return lambda v: tr(unit, lang).format(n=number(v, lang))

    found = [
        _differ(sides, "platforms", lambda s: s.scenario.platform, platform_name, lang),
        _differ(
            sides, "audience sizes", lambda s: s.scenario.audience.users, counted("{n} users"), lang
        ),
        _differ(sides, "run lengths", lambda s: s.scenario.days, counted("{n} days"), lang),
        _differ(
            sides,
            "followers at the start",
            lambda s: s.scenario.brand.initial_followers,
            lambda v: number(v, lang),
            lang,
        ),
    ]
    if all(s.seed is not None for s in sides):
        seeds = _differ(sides, "seeds", lambda s: s.seed, str, lang)
        if seeds:
            found.append(
                seeds
                + tr(
                    ": each seed draws its own audience and luck, so part of the difference is "
                    "chance; compare scenario files across many seeds (`feedsim compare A.toml "
                    "B.toml --seeds 20`) instead",
                    lang,
                )
            )
    if all(s.start_followers is not None for s in sides):
        found.append(
            _differ(
                sides,
                "followers on day 0",
                lambda s: s.start_followers,
                lambda v: number(v, lang),
                lang,
            )
        )
    return [f for f in found if f]
