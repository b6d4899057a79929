"""The presented figures of a budget plan and of response curves: every number of a plan a client
sees, defined once.

:mod:`sim.base.presented` defines the figures of runs, comparisons and sweeps (the median over
the runs, with the range of 90% of them). A plan is judged differently, and this module says how:

**A plan's statistic.** The planner maximises the *expected* outcome, so a plan's figure is the
*mean over the test seeds the search never saw*, with one standard error of that mean
(``plans.csv``: ``<figure>_mean``, ``<figure>_se``). "Wins" is the share of seed-by-seed
comparisons with every other plan in which the plan reached more of the goal. Money per lever is
what the plan really spends (whole posts, whole staff).

**A curve's statistic.** Each point of a response curve is the mean over its seeds, with the band
from the lowest to the highest seed (``curves_summary.csv``: ``_mean``, ``_lo``, ``_hi``).

The PDF, the deck, the spreadsheet, the plan chart, the dashboard's plan view, the terminal and
the plan's verdict (``verdict.json``) all take their names from :data:`FIGURES` and write their
numbers with :func:`text`, so one figure has one value everywhere.

A leaf module: it reads pandas and the formatter :mod:`sim.base.l10n`, nothing heavy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from sim.base.i18n import check_lang

STATISTIC = {
    "en": "mean of the test runs the search never saw, ± one standard error",
    "nl": "gemiddelde van de testruns die het zoeken nooit zag, ± één standaardfout",
}
CURVE_STATISTIC = {
    "en": "mean of the runs, with the band from the lowest to the highest run",
    "nl": "gemiddelde van de runs, met de band van de laagste tot de hoogste run",
}


@dataclass(frozen=True)
class Figure:
    """One presented figure of a plan.

    Attributes:
        name: its key (``plans.csv`` holds ``<name>_mean`` and ``<name>_se``, or ``<name>``).
        en, nl: its name in English and Dutch.
        fmt: ``"count"`` (whole), ``"number"`` (one decimal: a mean of rare counts),
            ``"euros"`` or ``"share"`` (a percentage).
        goal: the ``--goal`` that maximises it (None: not a goal).
    """

    name: str
    en: str
    nl: str
    fmt: str
    goal: str | None = None

    def label(self, lang: str) -> str:
        """The figure's name in the language ``lang`` ("en" or "nl")."""
        return self.nl if check_lang(lang) == "nl" else self.en


FIGURES: tuple[Figure, ...] = (
    Figure("spent", "money spent", "uitgegeven geld", "euros"),
    Figure(
        "followers_real_end",
        "real followers at the end",
        "echte volgers aan het eind",
        "count",
        "real_followers",
    ),
    Figure(
        "engaged_real_followers_end",
        "engaged real followers at the end",
        "betrokken echte volgers aan het eind",
        "count",
        "engaged_real_followers",
    ),
    Figure("purchases", "purchases", "aankopen", "number", "purchases"),
    Figure(
        "net_euros",
        "net euros (economic value − money spent)",
        "nettoresultaat (economische waarde − uitgegeven geld)",
        "euros",
        "net_euros",
    ),
    Figure("wins", "comparisons won, run by run", "gewonnen vergelijkingen, run voor run", "share"),
)
FIGURE = {f.name: f for f in FIGURES}
OUTCOMES = ("followers_real_end", "engaged_real_followers_end", "purchases", "net_euros")
# --goal -> the figure it maximises
GOALS = {f.goal: f.name for f in FIGURES if f.goal}
# The goal in a sentence ("goal: purchases"): the figure's short name.
GOAL_WORDS = {
    "real_followers": ("real followers", "echte volgers"),
    "engaged_real_followers": ("engaged real followers", "betrokken echte volgers"),
    "purchases": ("purchases", "aankopen"),
    "net_euros": ("net euros", "nettoresultaat"),
}
# The rows of plans.csv, by their key.
PLANS = {
    "base": ("no extra money", "geen extra geld"),
    "best": ("best plan", "beste plan"),
    "alt1": ("alternative 1", "alternatief 1"),
    "alt2": ("alternative 2", "alternatief 2"),
    "buy": ("bought followers", "gekochte volgers"),
}


def goal_words(goal: str, lang: str) -> str:
    """The goal in a client's words ("purchases")."""
    en, nl = GOAL_WORDS[goal]
    return nl if check_lang(lang) == "nl" else en


def plan_words(plan: str, lang: str) -> str:
    """A row of the plan table in a client's words ("best plan")."""
    en, nl = PLANS.get(plan, (plan, plan))
    return nl if check_lang(lang) == "nl" else en


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def text(name: str, value: float, lang: str, sign: bool = False) -> str:
    """A plan figure's value as every surface writes it (through :mod:`sim.base.l10n`)."""
    from sim.base.l10n import DASH, money, number, percent

    if _nan(value):
        return DASH
    fmt = FIGURE[name].fmt
    if fmt == "euros":
        return money(value, lang, sign=sign)
    if fmt == "share":
        return percent(value, lang, 0)
    out = number(value, lang, 1 if fmt == "number" else 0)
    return f"+{out}" if sign and value > 0 else out


def value(plans: pd.DataFrame, plan: str, name: str) -> float:
    """A plan's figure (its mean on the test seeds; ``spent`` and ``wins`` as they are)."""
    row = plans.set_index("plan").loc[plan]
    return float(row[name] if name in ("spent", "wins") else row[f"{name}_mean"])


def error(plans: pd.DataFrame, plan: str, name: str) -> float:
    """One standard error of a plan's mean (NaN for ``spent`` and ``wins``)."""
    if name in ("spent", "wins"):
        return float("nan")
    return float(plans.set_index("plan").loc[plan, f"{name}_se"])


def cell(plans: pd.DataFrame, plan: str, name: str, lang: str, se: bool = True) -> str:
    """One figure of one plan as written everywhere: '12.4 ± 1.3'."""
    out = text(name, value(plans, plan, name), lang)
    e = error(plans, plan, name)
    if se and not _nan(e) and e > 0:
        out += f" ± {text(name, e, lang)}"
    return out


def money_cell(plans: pd.DataFrame, plan: str, lever: str, lang: str) -> str:
    """The euros a plan spends on ``lever`` (a dash for none)."""
    from sim.base.l10n import DASH, money

    v = float(plans.set_index("plan").loc[plan, f"{lever}_euros"])
    return money(v, lang) if v > 0 else DASH


def curve_text(name: str, mean: float, lo: float, hi: float, lang: str, sign: bool = False) -> str:
    """A point of a response curve: its mean, and the band from the lowest to the highest seed
    when the seeds differ: '+6.0 (+2.0 – +9.0)'."""
    out = text(name, mean, lang, sign)
    if not (_nan(lo) or _nan(hi)) and lo != hi:
        out += f" ({text(name, lo, lang, sign)} – {text(name, hi, lang, sign)})"
    return out


def curve_gain(runs: pd.DataFrame, lever: str, name: str) -> tuple[float, float, float, float]:
    """What the most money on ``lever`` bought against no extra money, run by run on the same
    seeds (``curves.csv``: one row per point and seed): ``(money, mean, lowest, highest)`` of the
    per-seed difference."""
    rows = runs[runs["lever"] == lever]
    top = rows["spent"].max()
    base = rows[rows["spent"] == rows["spent"].min()].set_index("seed")[name]
    gain = rows[rows["spent"] == top].set_index("seed")[name] - base
    gain = gain.dropna()
    return float(top), float(gain.mean()), float(gain.min()), float(gain.max())
