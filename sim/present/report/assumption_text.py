"""The report's assumptions page in the reader's language: its sentence and its rows.

For a result without a sensitivity study, the assumed values are grouped by topic (:data:`TOPICS`,
what each group is about and why it matters) in plain words; with one, each studied figure's most
influential assumptions, their range and which way raising them moves the figure. The technical
table for the spreadsheet (every assumed value, its key and source) is :func:`assumption_table`.
:mod:`sim.present.report.text`, the report's words, re-exports every name here.
"""

from __future__ import annotations

import pandas as pd

from sim.base import metrics
from sim.base.i18n import tr
from sim.base.l10n import DASH, number, percent
from sim.present.report.assumptions import Assumptions
from sim.studies.sensitivity.report import assumption_words, range_text

# What each group of assumed values is about and why it matters, by the start of its key.
TOPICS = (
    (
        "feed.test",
        "How the platform tests a new post",
        "Hoe het platform een nieuwe post test",
        "A post is first shown to a small slice of followers and judged on their reactions: the "
        "size of that slice and how strict the judgement decide how much silent bought followers "
        "cost in reach.",
        "Een post gaat eerst naar een klein deel van de volgers en wordt beoordeeld op hun "
        "reacties: hoe groot dat deel is en hoe streng het oordeel, bepaalt hoeveel bereik stille "
        "gekochte volgers kosten.",
    ),
    (
        "feed.signal",
        "How the platform weighs reactions",
        "Hoe het platform reacties weegt",
        "How much a like, comment or share counts in the test.",
        "Hoeveel een like, reactie of deling meetelt in de test.",
    ),
    *(
        (
            prefix,
            "Social proof",
            "Sociale bewijskracht",
            "How much visible likes and a friend's share raise the chance of a like.",
            "Hoeveel zichtbare likes en een deling door een vriend de kans op een like vergroten.",
        )
        for prefix in ("feed.social_proof", "feed.friend")
    ),
    (
        "feed",
        "How far a post travels after the test",
        "Hoe ver een post komt na de test",
        "How many followers and non-followers see a post that passes or fails its test.",
        "Hoeveel volgers en niet-volgers een post zien die de test haalt of niet haalt.",
    ),
    (
        "behaviour",
        "How people react",
        "Hoe mensen reageren",
        "The chances of stopping on a post, liking, sharing, following, visiting the site and "
        "unfollowing: they set every figure's level.",
        "De kans dat iemand blijft hangen bij een post, liket, deelt, volgt, de website bezoekt of "
        "ontvolgt: die bepalen de hoogte van elk cijfer.",
    ),
    (
        "audience",
        "Who the audience is",
        "Wie het publiek is",
        "How many accounts people follow, how tight-knit the niche communities are and when "
        "people are online.",
        "Hoeveel accounts mensen volgen, hoe hecht de niche-community's zijn en wanneer mensen "
        "online zijn.",
    ),
    (
        "close_ties",
        "The owner's own people among the followers",
        "De eigen kring onder de volgers",
        "How many of the shop's first followers know the owner and how keenly they react: they "
        "see every post, so they weigh most in a small account's reach and reactions.",
        "Hoeveel van de eerste volgers de eigenaar kennen en hoe graag ze reageren: zij zien "
        "elke post, dus ze tellen het zwaarst mee in het bereik en de reacties van een klein "
        "account.",
    ),
    (
        "fit",
        "What content works",
        "Welke content werkt",
        "How much questions, emotion, humour, stories and other content traits raise reactions.",
        "Hoeveel vragen, emotie, humor, verhalen en andere kenmerken van content de reacties "
        "vergroten.",
    ),
    (
        "purge",
        "How the platform removes fake accounts",
        "Hoe het platform nepaccounts opruimt",
        "When purges come decides how long bought followers drag reach down.",
        "Wanneer opschoningen komen, bepaalt hoe lang gekochte volgers het bereik omlaag trekken.",
    ),
)


def _topic(key: str):
    for prefix, *words in TOPICS:
        if key.startswith(prefix):
            return words
    return None


def assumptions_intro(a: Assumptions, lang: str) -> str:
    """The sentence above the assumptions table."""
    if a.mode == "sensitivity":
        return tr(
            "The assumptions that move each figure most, from a sensitivity study: each "
            "was varied over its range, together with the others. The last column says "
            "in what share of those trials the effect turned the other way.",
            lang,
        )
    return tr(
        "For these points no public figure exists, so we made an assumption. No "
        "sensitivity study was run for this result yet: such a study shows which of them "
        "the conclusion depends on. Every value and its source is in the spreadsheet.",
        lang,
    )


def influence_header(lang: str) -> list[str]:
    """The header of a sensitivity study's table of influences, in ``lang``: the same on the
    study's own report and on a result's assumptions page."""
    return [
        tr("figure", lang),
        tr("rank", lang),
        tr("assumption", lang),
        tr("range", lang),
        tr("raising it", lang),
        tr("share of the turns in direction it causes", lang),
    ]


def influence_row(r, lang: str) -> list[str]:
    """One row of a sensitivity study's table (a row of ``sensitivity.csv``, as a named
    tuple) in plain words: the figure, the assumption's rank and words, its range (as the
    tornado chart and the terminal write it), which way raising it moves the figure and its
    share of the turns in direction."""
    mu = getattr(r, "mu", float("nan"))
    choices = getattr(r, "choices", "")
    if isinstance(choices, str) and choices:  # a structural choice: its alternatives, no way
        way = DASH
    else:
        way = (
            tr("raises the figure", lang)
            if mu > 0
            else tr("lowers the figure", lang)
            if mu < 0
            else DASH
        )
    return [
        _cap(figure_quantity(str(r.metric), str(r.quantity), lang)),
        str(r.rank),
        _cap(assumption_words(str(r.key), str(r.label), lang)),
        range_text(r.low, r.high, bool(r.integer), choices, lang, " – "),
        way,
        percent(getattr(r, "flip_share", float("nan")), lang, decimals=0),
    ]


def figure_quantity(metric: str, quantity: str, lang: str) -> str:
    """What a study measured of a run figure, in ``lang``: the figure's name, or the tactic's
    effect on it when the study measured against a baseline (``quantity`` 'effect on ...')."""
    figure = tr(metrics.label(metric), lang)
    if quantity.startswith("effect on"):
        return tr("the tactic's effect on {figure}", lang).format(figure=figure)
    return figure


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def assumption_rows(a: Assumptions, lang: str) -> list[list[str]]:
    """The assumptions table as rows of cells (the first row the header), in plain words."""
    nl = lang == "nl"
    if a.mode == "sensitivity":
        return [influence_header(lang)] + [influence_row(r, lang) for r in a.table.itertuples()]
    header = [tr("what we assumed", lang), tr("why it matters", lang), tr("values assumed", lang)]
    counts: dict[tuple, int] = {}
    for key in a.table["key"]:
        topic = _topic(str(key))
        if topic is None:
            topic = (
                tr("Other settings", "en"),
                tr("Other settings", "nl"),
                "Values the platform does not publish.",
                "Waarden die het platform niet publiceert.",
            )
        counts[tuple(topic)] = counts.get(tuple(topic), 0) + 1
    rows = [header]
    for (en, nl_, why_en, why_nl), n in counts.items():
        rows.append([nl_ if nl else en, why_nl if nl else why_en, number(n, lang)])
    return rows


def assumption_table(a: Assumptions) -> pd.DataFrame:
    """The technical assumptions table for the spreadsheet: every assumed value, its setting's
    key and the source's own words."""
    if a.mode == "sensitivity":
        return a.table.copy()
    return a.table[["key", "value", "source"]].assign(value=a.table["value"].map(_as_text))


def _as_text(v) -> str:
    return "" if v is None else str(v)
