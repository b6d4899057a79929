"""The catalogue of presented figures: every number a client sees, named and explained once.

For each presented figure it holds its key, its name and a one-line explanation in English and
Dutch, its unit, how it is written, whether more is better for the brand and how it is read
against a baseline; and the constants every surface shares: the statistic across runs
(:data:`BAND`), the smallest spend worth a return (:data:`MIN_SPEND`), what counts as a purge
(:data:`PURGE_DROP`) and when rare counts are too few to compare (:data:`MIN_COUNT`).
:mod:`sim.base.presented` computes and writes these figures; it re-exports every name here.

A leaf module: it reads only :mod:`sim.base.i18n`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.base.i18n import check_lang

STATISTIC_EN = "median of the simulated runs, with the range of 90% of them"
STATISTIC_NL = "mediaan van de gesimuleerde runs, met de bandbreedte van 90% ervan"
BAND = (0.05, 0.95)
MIN_SPEND = 50.0  # euros: below this a return on spend is not worth a percentage
PURGE_DROP = 1 / 3  # a fall of bought followers by this share in one day is a purge
# Counts of rare things under this many (both arms' medians) are too few to compare: a Poisson
# count of 10 has a 90% range of about 5 to 15, so two counts under 10 overlap at any difference
# a client would act on.
MIN_COUNT = 10
TOO_FEW = {"en": "too few to compare", "nl": "te weinig om te vergelijken"}


def counts_too_few(
    mine: float,
    base: float,
    band_mine: tuple[float, float] | None = None,
    band_base: tuple[float, float] | None = None,
) -> bool:
    """Whether two medians of a rare count (an arm's and its baseline's) are too few to tell
    apart: both under :data:`MIN_COUNT`, or each inside the other's 90% band (where the bands
    are known: more than one run)."""
    if max(mine, base) < MIN_COUNT:
        return True
    if band_mine is None or band_base is None:
        return False
    return band_base[0] <= mine <= band_base[1] and band_mine[0] <= base <= band_mine[1]


@dataclass(frozen=True)
class Figure:
    """One presented figure.

    Attributes:
        name: its key (a column of :func:`run_values`' output).
        en, nl: its name in English and Dutch.
        explain_en, explain_nl: one line saying what it is.
        unit_en, unit_nl: what one unit is.
        fmt: ``"count"`` (a number without decimals), ``"number"`` (two significant decimals),
            ``"euros"``, ``"cents"`` (euros with cents) or ``"return"`` (a ratio as a %).
        better: +1 if more is better for the brand, -1 if less is, 0 if neither.
        whole: counts of whole things, shown rounded to a whole number.
        against: how it is read against the baseline: ``"ratio"`` (a % change) or
            ``"difference"`` (in the figure's unit); ``None``: it is already a comparison.
        rare: a count of rare things (purchases): its change is said in words when the counts
            are too few to compare (:func:`too_few`).
    """

    name: str
    en: str
    nl: str
    explain_en: str
    explain_nl: str
    unit_en: str
    unit_nl: str
    fmt: str
    better: int
    whole: bool = False
    against: str | None = "ratio"
    rare: bool = False

    def label(self, lang: str) -> str:
        """The figure's name in ``lang``."""
        return self.nl if check_lang(lang) == "nl" else self.en

    def explain(self, lang: str) -> str:
        """The figure's one-line explanation in ``lang``."""
        return self.explain_nl if check_lang(lang) == "nl" else self.explain_en

    def unit(self, lang: str) -> str:
        """The figure's unit in ``lang``."""
        return self.unit_nl if check_lang(lang) == "nl" else self.unit_en


FIGURES: tuple[Figure, ...] = (
    Figure(
        "real_reach_per_post",
        "real reach per post",
        "echt bereik per post",
        "real people who saw a typical post (the median post)",
        "echte mensen die een doorsnee post zagen (de mediaanpost)",
        "people",
        "mensen",
        "count",
        1,
    ),
    Figure(
        "real_reach_while",
        "real reach per post while the tactic acts",
        "echt bereik per post zolang de tactiek werkt",
        "the same, over the period the tactic acts (up to a purge of bought followers)",
        "hetzelfde, over de periode waarin de tactiek werkt (tot een opschoning van gekochte "
        "volgers)",
        "people",
        "mensen",
        "count",
        1,
    ),
    Figure(
        "followers_end",
        "followers at the end",
        "volgers aan het eind",
        "what the profile shows, bought followers included",
        "wat het profiel toont, gekochte volgers meegeteld",
        "followers",
        "volgers",
        "count",
        0,
        whole=True,
        against="difference",
    ),
    Figure(
        "real_followers_end",
        "real followers at the end",
        "echte volgers aan het eind",
        "real people following the brand",
        "echte mensen die het merk volgen",
        "followers",
        "volgers",
        "count",
        1,
        whole=True,
    ),
    Figure(
        "conversation",
        "conversation",
        "conversatie",
        "comments per post (Kaushik)",
        "reacties per post (Kaushik)",
        "comments per post",
        "reacties per post",
        "number",
        1,
    ),
    Figure(
        "amplification",
        "amplification",
        "versterking",
        "shares per post (Kaushik)",
        "keren gedeeld per post (Kaushik)",
        "shares per post",
        "keer gedeeld per post",
        "number",
        1,
    ),
    Figure(
        "applause",
        "applause",
        "applaus",
        "likes per post (Kaushik)",
        "likes per post (Kaushik)",
        "likes per post",
        "likes per post",
        "number",
        1,
    ),
    Figure(
        "economic_value",
        "economic value",
        "economische waarde",
        "site visits and purchases in euros (Kaushik)",
        "websitebezoeken en aankopen in euro (Kaushik)",
        "euros",
        "euro",
        "euros",
        1,
        against="difference",
    ),
    Figure(
        "purchases",
        "purchases",
        "aankopen",
        "purchases the posts led to",
        "aankopen die uit de posts voortkwamen",
        "purchases",
        "aankopen",
        "count",
        1,
        whole=True,
        against="difference",
        rare=True,
    ),
    Figure(
        "cost",
        "spend on tactics",
        "uitgaven aan tactieken",
        "what the tactics cost",
        "wat de tactieken kostten",
        "euros",
        "euro",
        "euros",
        -1,
        against="difference",
    ),
    Figure(
        "net_revenue",
        "net result",
        "nettoresultaat",
        "economic value minus the spend on tactics",
        "economische waarde min de uitgaven aan tactieken",
        "euros",
        "euro",
        "euros",
        1,
        against=None,
    ),  # its comparison: net_vs_baseline
    Figure(
        "net_vs_baseline",
        "net result against the baseline",
        "nettoresultaat ten opzichte van de nulmeting",
        "net result minus the baseline's; its range from the differences in the same "
        "simulated runs",
        "nettoresultaat min dat van de nulmeting; de bandbreedte uit de verschillen in "
        "dezelfde gesimuleerde runs",
        "euros",
        "euro",
        "euros",
        1,
        against=None,
    ),
    Figure(
        "return_on_spend",
        "return on spend",
        "rendement op de uitgaven",
        "(extra value against the baseline − spend) ÷ spend",
        "(extra waarde ten opzichte van de nulmeting − uitgaven) ÷ uitgaven",
        "share of the spend",
        "deel van de uitgaven",
        "return",
        1,
        against=None,
    ),
    Figure(
        "cost_per_engaged_real_follower",
        "cost per engaged real follower",
        "kosten per betrokken echte volger",
        "spend per real follower who liked, commented or shared",
        "uitgaven per echte volger die een like, reactie of deling gaf",
        "euros",
        "euro",
        "cents",
        -1,
        against="difference",
    ),
)
FIGURE = {f.name: f for f in FIGURES}
# Figures that exist only against a baseline, or only while a tactic acts.
BASELINE_ONLY = ("net_vs_baseline", "return_on_spend")
WINDOW_ONLY = ("real_reach_while",)
