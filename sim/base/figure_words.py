"""How the presented figures' context is said to a client: the length of a run ("a year",
"10 weken"), what its runs are called, a scenario's title or description in the reader's
language, and what every figure is across runs. :mod:`sim.base.presented` re-exports them.
"""

from __future__ import annotations

from sim.base.figures import STATISTIC_EN, STATISTIC_NL
from sim.base.i18n import check_lang


def period_words(days: int, lang: str) -> str:
    """'a year', 'six months', '120 days': the length of a run as a client says it."""
    from sim.base.l10n import number

    nl = check_lang(lang) == "nl"
    if days in (364, 365, 366):
        return "een jaar" if nl else "a year"
    if days in (730, 731):
        return "twee jaar" if nl else "two years"
    if days % 7 == 0 and days <= 20 * 7:
        weeks = days // 7
        return f"{number(weeks, lang)} weken" if nl else f"{number(weeks, lang)} weeks"
    return f"{number(days, lang)} dagen" if nl else f"{number(days, lang)} days"


def runs_words(n: int, days: int, lang: str) -> str:
    """'simulated years' for year-long runs, else 'simulated runs'."""
    nl = check_lang(lang) == "nl"
    year = days in (364, 365, 366)
    if nl:
        return "gesimuleerde jaren" if year else "gesimuleerde runs"
    return "simulated years" if year else "simulated runs"


def scenario_text(scenario, lang: str, what: str = "description") -> str:
    """A scenario's ``description`` or ``title`` in ``lang`` ("" if it has none in that
    language: an English text is never shown to a Dutch reader).

    ``scenario`` is a :class:`sim.scenario.Scenario` or its dict (a kept ``[base]`` table).
    """
    get = scenario.get if isinstance(scenario, dict) else (lambda k, d="": getattr(scenario, k, d))
    if check_lang(lang) == "nl":
        return str(get(f"{what}_nl", "") or "").strip()
    return str(get(what, "") or "").strip()


def title_words(scenario, lang: str) -> str:
    """A scenario's title in ``lang``, else its English title ("" if it has none): what names
    a scenario to a reader where no other words stand in for it."""
    return scenario_text(scenario, lang, "title") or scenario_text(scenario, "en", "title")


def statistic_words(lang: str) -> str:
    """What every presented figure is, across runs."""
    return STATISTIC_NL if check_lang(lang) == "nl" else STATISTIC_EN
