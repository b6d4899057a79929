"""The spreadsheet's table of each study, in the reader's words: what the report's tables say,
with the numbers as the study keeps them (a sensitivity study, an explanation, a calibration and
an account's posts). The plausible worlds' sheet is :func:`sim.present.report.plausible.
worlds_sheet`, a plan's :func:`sim.present.report.plan.sheet_in_words`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.base.i18n import tr
from sim.present.report.assumption_text import influence_header, influence_row
from sim.present.report.study_words import (
    _barely_informed,
    _cap,
    _channel,
    _fitted,
    _words,
    figure_words,
)
from sim.present.report.workbook import BAND_WORDS

# The columns of sensitivity.csv a reader needs spelled out: their words in English and Dutch
# (μ, μ* and σ are Morris's, over the whole range; S1 and ST Sobol's).
_SENSITIVITY_COLUMNS = {
    "rank": ("rank", "rang"),
    "key": ("setting", "instelling"),
    "value": ("value in the scenario", "waarde in het scenario"),
    "low": ("low end of the range", "onderkant van het bereik"),
    "high": ("high end of the range", "bovenkant van het bereik"),
    "choices": ("alternatives", "alternatieven"),
    "method": ("method", "methode"),
    "mu_star": ("μ*: mean size of its effect", "μ*: gemiddelde grootte van het effect"),
    "mu": ("μ: mean effect, with its sign", "μ: gemiddeld effect, met teken"),
    "sigma": ("σ: spread of its effects", "σ: spreiding van de effecten"),
    "mu_star_conf": ("μ*, 95% confidence half-width", "μ*, halve breedte van het 95%-interval"),
    "mu_star_rel": ("μ* against the largest", "μ* tegenover de grootste"),
    "S1": ("S1: share of the variance alone", "S1: aandeel in de variantie alleen"),
    "S1_conf": ("S1, 95% confidence half-width", "S1, halve breedte van het 95%-interval"),
    "ST": ("ST: share of the variance in all", "ST: aandeel in de variantie in totaal"),
    "ST_conf": ("ST, 95% confidence half-width", "ST, halve breedte van het 95%-interval"),
    "influence": ("influence (what the rank follows)", "invloed (waar de rang op volgt)"),
    "mean": ("the figure's mean over the design", "gemiddelde van het cijfer over het ontwerp"),
    "points": ("design points", "ontwerppunten"),
    "opposite_points": ("points with the opposite sign", "punten met het omgekeerde teken"),
    "opposite_clear_points": (
        "of them more than two standard errors from zero",
        "daarvan meer dan twee standaardfouten van nul",
    ),
}

_SOBOL_MU = ("ρ: rank correlation with the figure", "ρ: rangcorrelatie met het cijfer")


def sensitivity_sheet(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The spreadsheet's table of a sensitivity study: every row of ``sensitivity.csv``, the
    figure and the assumption in the words of the report's table, which way raising it moves
    the figure and its share of the turns in direction in %, then the design's numbers under
    their names (the preset's source as it states it)."""
    rows = [influence_row(r, lang) for r in table.itertuples()]
    header = influence_header(lang)
    out = pd.DataFrame(
        {
            header[0]: [r[0] for r in rows],
            header[2]: [r[2] for r in rows],
            header[4]: [r[4] for r in rows],
            f"{header[5]} (%)": 100 * table["flip_share"].astype(float),
        }
    )
    sobol = len(table) and str(table["method"].iloc[0]) == "sobol"
    for col in table.columns:
        if col == "mu" and sobol:  # Sobol's mu is no mean effect: the rank correlation
            out[_words(*_SOBOL_MU, lang)] = table[col]
        elif col in _SENSITIVITY_COLUMNS:
            out[_words(*_SENSITIVITY_COLUMNS[col], lang)] = table[col]
        elif col == "source":
            out[col] = table[col]  # the workbook's own header: as the preset states it
    return out


def _note_words(note, lang: str) -> str:
    """Why a part of the gap is zero, in ``lang`` (``explain.csv``'s note)."""
    if not isinstance(note, str) or not note:
        return ""
    head = "does not apply: "
    if note.startswith(head):
        return tr("does not apply: {why}", lang).format(why=tr(note[len(head) :], lang))
    return tr(note, lang)


def explain_sheet(table: pd.DataFrame, folder: Path, lang: str) -> pd.DataFrame:
    """The spreadsheet's table of an explanation: every row of ``explain.csv`` in words a
    client reads (the figure, the part of the gap, why a part is zero, the scenarios by their
    titles), the numbers as kept: contribution, its 90% band, its share of the gap in %."""
    from sim.studies.explain.report import arm_title

    out = pd.DataFrame(
        {
            tr("figure", lang): [_cap(figure_words(str(m), lang)) for m in table["metric"]],
            _words("part of the gap", "deel van het verschil", lang): [
                _channel(str(lb), lang) for lb in table["label"]
            ],
            _words("contribution", "bijdrage", lang): table["mean"],
            tr(BAND_WORDS["low"], lang): table["p5"],
            tr(BAND_WORDS["high"], lang): table["p95"],
            _words("share of the gap (%)", "aandeel in het verschil (%)", lang): (
                100 * table["share"]
            ),
            _words("applies", "telt mee", lang): [
                tr("yes", lang) if bool(a) else tr("no", lang) for a in table["applies"]
            ],
            _words("why it is zero", "waarom het nul is", lang): [
                _note_words(n, lang) for n in table["note"]
            ],
            tr("simulated runs", lang): table["seeds"],
        }
    )
    for arm in ("tactic", "baseline"):
        if f"{arm}_median" not in table:
            continue  # a folder written before the scenarios' own figures were kept
        title = arm_title(folder, arm, lang)
        for stat in ("median", "low", "high"):
            words = _words("median", "mediaan", lang) if stat == "median" else None
            out[f"{title}, {words or tr(BAND_WORDS[stat], lang)}"] = table[f"{arm}_{stat}"]
    return out


def calibration_sheet(fit: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The spreadsheet's table of a calibration: each fitted value in the report's words, its
    setting, its estimate and 90% interval, the range searched, whether the search was
    logarithmic and whether the export says little about it (numbers as kept)."""
    yes, no = tr("yes", lang), tr("no", lang)
    return pd.DataFrame(
        {
            _words("what was fitted", "wat is geschat", lang): [
                _cap(_fitted(str(r.key), str(r.meaning), lang)) for r in fit.itertuples()
            ],
            _words("setting", "instelling", lang): fit["key"],
            _words("estimate", "schatting", lang): fit["estimate"],
            _words("90% interval, low end", "90%-interval, onderkant", lang): fit["low"],
            _words("90% interval, high end", "90%-interval, bovenkant", lang): fit["high"],
            _words("range searched, low end", "doorzocht bereik, onderkant", lang): fit[
                "searched_low"
            ],
            _words("range searched, high end", "doorzocht bereik, bovenkant", lang): fit[
                "searched_high"
            ],
            _words("searched on a log scale", "logaritmisch doorzocht", lang): [
                yes if bool(v) else no for v in fit["log_scale"]
            ],
            _words("the export says little about it", "de export zegt er weinig over", lang): [
                yes if _barely_informed(r) else no for r in fit.itertuples()
            ],
        }
    )


# An export's post table (observed.csv, simulated.csv): its columns in words.
POST_COLUMNS = {
    "posted_at": ("published", "gepubliceerd"),
    "type": ("post type", "soort post"),
    "reach": ("reach", "bereik"),
    "views": ("views", "weergaven"),
    "likes": ("likes", "likes"),
    "comments": ("comments", "reacties"),
    "shares": ("shares", "keer gedeeld"),
    "saves": ("saves", "keer opgeslagen"),
    "follows": ("follows", "nieuwe volgers"),
    "followers": ("followers", "volgers"),
}


def post_sheet(posts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An export's posts, observed or simulated, with the columns in the reader's words."""
    return posts.rename(
        columns={c: _words(*POST_COLUMNS[c], lang) for c in posts.columns if c in POST_COLUMNS}
    )
