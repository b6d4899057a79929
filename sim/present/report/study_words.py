"""The words of the study reports: the sentences and table rows of a sensitivity study, an
explanation of a gap and a calibration to an account's export, in English or Dutch, and the
helpers every study's page writes its numbers with.

Used by :mod:`sim.present.report.studies`, which lays them out as a document and sheets; the
plausible-worlds study's words are :mod:`sim.present.report.plausible`. Client text names no
parameter key, file or command.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.base import metrics, safe_io
from sim.base.i18n import tr
from sim.base.l10n import DASH, count, figure_value, number, percent, significant
from sim.present.report.assumption_text import figure_quantity, influence_header, influence_row
from sim.studies.explain.report import too_few, too_few_sentence
from sim.studies.sensitivity.report import assumption_words


def _words(en: str, nl: str, lang: str) -> str:
    return nl if lang == "nl" else en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def figure_words(metric: str, lang: str) -> str:
    """A run figure's name in ``lang`` (the metric catalogue's label)."""
    return tr(metrics.label(metric), lang)


def _study_plan(folder: Path, name: str, what: str) -> dict:
    return safe_io.read_toml(folder / name, what, folder)


# ---------------------------------------------------------------------------------------------
# Sensitivity
# ---------------------------------------------------------------------------------------------


def _quantity(rows: pd.DataFrame, lang: str) -> str:
    return figure_quantity(str(rows["metric"].iloc[0]), str(rows["quantity"].iloc[0]), lang)


def sensitivity_sentences(table: pd.DataFrame, lang: str) -> list[str]:
    """One plain sentence per studied figure: what moves it most and whether its direction
    holds inside the ranges."""
    out = []
    for metric, rows in table.groupby("metric", sort=False):
        rows = rows.sort_values("rank")
        top = rows[rows["influence"] > 0].head(2)
        q = _quantity(rows, lang)
        mean = float(rows["mean"].iloc[0])
        n, opp = int(rows["points"].iloc[0]), int(rows["opposite_points"].iloc[0])
        names = [assumption_words(r.key, r.label, lang) for r in top.itertuples()]
        names = [n[:1].lower() + n[1:] for n in names]
        # A tactic's effect is a change and carries its sign; a level (no baseline) does not.
        effect = str(rows["quantity"].iloc[0]).startswith("effect on")
        shown = figure_value(metric, mean, lang, sign=effect)
        text = _words(f"{_cap(q)}: on average {shown}", f"{_cap(q)}: gemiddeld {shown}", lang)
        if names:
            text += _words(
                f"; it moves most with {names[0]}", f"; dit hangt het meest af van {names[0]}", lang
            )
            if len(names) > 1:
                text += _words(f", then {names[1]}", f", daarna van {names[1]}", lang)
        text += ". "
        if mean == 0:
            text += _words("On average it does not move.", "Gemiddeld verandert het niet.", lang)
        elif not effect:  # a level: where it lies against zero, not a direction
            above = mean > 0
            side = _words("above" if above else "below", "boven" if above else "onder", lang)
            if opp == 0:
                text += _words(
                    f"It stays {side} zero in all {number(n, lang)} trials.",
                    f"Het blijft {side} nul in alle {number(n, lang)} proeven.",
                    lang,
                )
            else:
                text += _words(
                    f"It is not {side} zero in {number(opp, lang)} of {number(n, lang)} trials.",
                    f"Het ligt niet {side} nul in {number(opp, lang)} van de {number(n, lang)} "
                    "proeven.",
                    lang,
                )
        elif opp == 0:
            text += _words(
                f"Its direction holds in all {number(n, lang)} trials.",
                f"De richting blijft gelijk in alle {number(n, lang)} proeven.",
                lang,
            )
        else:
            text += _words(
                f"Its direction turns in {number(opp, lang)} of {number(n, lang)} trials.",
                f"De richting draait om in {number(opp, lang)} van de {number(n, lang)} proeven.",
                lang,
            )
        out.append(text)
    return out


def sensitivity_rows(table: pd.DataFrame, lang: str) -> list[list[str]]:
    """The study's table in plain words: per figure, its six most influential assumptions (the
    rows a result's assumptions page shows of the same study, :func:`influence_row`)."""
    rows = [influence_header(lang)]
    for _, part in table.groupby("metric", sort=False):
        rows += [influence_row(r, lang) for r in part.sort_values("rank").head(6).itertuples()]
    return rows


# ---------------------------------------------------------------------------------------------
# Explanation
# ---------------------------------------------------------------------------------------------


def _channel(label: str, lang: str) -> str:
    return tr(label, lang)


def explain_sentences(table: pd.DataFrame, lang: str) -> list[str]:
    """Per figure: the gap between the tactic and the baseline and the part that carries most."""
    out = []
    for metric, rows in table.groupby("metric", sort=False):
        total = rows[rows["channel"] == "total"]
        if total.empty:
            continue
        if too_few(rows):
            out.append(too_few_sentence(rows, lang) + ".")
            continue
        gap = float(total["mean"].iloc[0])
        parts = rows[~rows["channel"].isin(["total"]) & (rows["mean"] * gap > 0)]
        text = _words(
            f"{_cap(figure_words(metric, lang))}: the tactic differs from the baseline "
            f"by {figure_value(metric, gap, lang, sign=True)}",
            f"{_cap(figure_words(metric, lang))}: de tactiek wijkt "
            f"{figure_value(metric, gap, lang, sign=True)} af van de nulmeting",
            lang,
        )
        if len(parts):
            top = parts.loc[parts["mean"].abs().idxmax()]
            text += _words(
                f"; {_channel(str(top['label']), lang)} accounts for "
                f"{percent(float(top['mean']) / gap, lang, 0)} of it",
                f"; daarvan komt {percent(float(top['mean']) / gap, lang, 0)} door "
                f"{_channel(str(top['label']), lang)}",
                lang,
            )
        out.append(text + ".")
    return out


def explain_rows(table: pd.DataFrame, lang: str) -> list[list[str]]:
    """The report's table of an explain study: each figure's parts of the gap against the
    baseline, with their contribution, share of the gap and 90% band, a header row first: every
    row of every figure (the PDF and the deck page a long table)."""
    header = [
        tr("figure", lang),
        _words("part of the gap", "deel van het verschil", lang),
        _words("contribution", "bijdrage", lang),
        _words("share of the gap", "aandeel in het verschil", lang),
        _words("90% of the runs", "90% van de runs", lang),
    ]
    from sim.present.charts.explain import drawn_rows

    rows = [header]
    parts = [part for _, part in table.groupby("metric", sort=False)]
    noise = {str(part["metric"].iloc[0]) for part in parts if too_few(part)}
    shown = pd.concat([drawn_rows(part) for part in parts])
    for r in shown.itertuples():
        m = str(r.metric)
        rows.append(
            [
                _cap(figure_words(m, lang)),
                _channel(str(r.label), lang),
                figure_value(m, r.mean, lang, sign=True),
                # No share of a gap that is noise (a rare count too few to compare).
                DASH if r.channel == "total" or m in noise else percent(r.share, lang, 0),
                f"{figure_value(m, r.p5, lang)} – {figure_value(m, r.p95, lang)}",
            ]
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Calibration
# ---------------------------------------------------------------------------------------------


def _fitted(key: str, meaning: str, lang: str) -> str:
    """A fitted value in a client's words: the calibration's own
    (:data:`sim.studies.calibrate.words. KEYS`, one table for the terminal, the chart and the
    report), else its meaning."""
    from sim.studies.calibrate.words import KEYS

    if key in KEYS:
        return KEYS[key][lang]
    return tr(meaning, lang)


def calibration_rows(fit: pd.DataFrame, lang: str) -> list[list[str]]:
    """The report's table of a calibration: each fitted value with its estimate, 90% interval
    and the range searched, a header row first."""
    from sim.studies.calibrate.account import three_digits

    header = [
        _words("what was fitted", "wat is geschat", lang),
        _words("estimate", "schatting", lang),
        _words("90% interval", "90%-interval", lang),
        _words("range searched", "doorzocht bereik", lang),
    ]
    rows = [header]
    for r in fit.itertuples():
        # As the scenario file and the command have it: three significant digits (a whole
        # number for the reachable market).
        estimate = significant(three_digits(float(r.estimate)), lang)
        if _past_interval(r):
            estimate += _words(" (outside it)", " (erbuiten)", lang)
        rows.append(
            [
                _cap(_fitted(str(r.key), str(r.meaning), lang)),
                estimate,
                f"{significant(r.low, lang)} – {significant(r.high, lang)}",
                f"{significant(r.searched_low, lang)} – {significant(r.searched_high, lang)}",
            ]
        )
    return rows


def _past_interval(r) -> bool:
    """Whether a fitted value lies outside its own 90% interval (moved there by the fit's
    polish; see ``sim.studies.calibrate.account.Calibration.past_interval``)."""
    from sim.studies.calibrate.account import outside

    return outside(float(r.estimate), (float(r.low), float(r.high)))


def _barely_informed(r) -> bool:
    """Whether a fitted value's interval covers most of the range searched (on the log scale
    where the search was logarithmic), so the export says little about it."""
    import math

    if bool(getattr(r, "log_scale", False)) and min(r.low, r.searched_low) > 0:
        width = math.log(r.high / r.low) / math.log(r.searched_high / r.searched_low)
    else:
        width = (r.high - r.low) / ((r.searched_high - r.searched_low) or 1)
    return width > 0.75


def calibration_sentences(meta: dict, fit: pd.DataFrame, lang: str) -> list[str]:
    """What the calibration fitted, how well it reproduces the posts it did not see, and which
    values the export barely informs."""
    from sim.present.report.text import _platform

    posts = meta.get("_posts")
    shown = f" ({number(posts, lang)} posts)" if posts else ""
    platform = _platform(str(meta.get("platform", "")))
    out = [
        _words(
            f"The model was fitted to the {platform} account's own posts{shown}.",
            f"Het model is afgestemd op de eigen posts van het {platform}-account{shown}.",
            lang,
        )
    ]
    check = meta.get("check", {})
    if {"posts", "reach_observed", "reach_simulated"} <= set(check):
        n = number(check["posts"], lang)
        ro, rs = number(check["reach_observed"], lang), number(check["reach_simulated"], lang)
        eo = count(check.get("engagement_observed", float("nan")), lang)
        es = count(check.get("engagement_simulated", float("nan")), lang)
        # The export's own measure: reach (accounts) where it has one, else views (TikTok).
        if meta.get("reach_kind") == "views":
            en_seen, nl_seen = f"was viewed {ro} times", f"werd een doorsnee post {ro} keer bekeken"
        else:
            en_seen, nl_seen = f"reached {ro} accounts", f"bereikte een doorsnee post {ro} accounts"
        out.append(
            _words(
                f"On the {n} most recent posts, which the fit did not see, a typical post "
                f"{en_seen} and drew {eo} likes, comments and shares together; the fitted model "
                f"gives {rs} and {es}.",
                f"Op de {n} nieuwste posts, die de schatting niet zag, {nl_seen} en kreeg die "
                f"samen {eo} likes, reacties en shares; het afgestemde model geeft {rs} en {es}.",
                lang,
            )
        )
        # How far one run's median strays: the same sentence as the chart's and the terminal's.
        from sim.studies.calibrate.words import scatter

        noise = scatter(check, str(meta.get("reach_kind", "reach")), lang)
        if noise:
            out.append(noise + ".")
    wide = sum(_barely_informed(r) for r in fit.itertuples())
    one = wide == 1
    out.append(
        _words(
            f"{number(wide, lang)} of the {number(len(fit), lang)} values "
            f"{'is' if one else 'are'} barely informed by the export: "
            f"{'its' if one else 'their'} interval covers most of the range searched, so treat "
            f"{'it as an assumption' if one else 'them as assumptions'}.",
            f"Over {number(wide, lang)} van de {number(len(fit), lang)} waarden zegt de "
            f"export weinig: {'het' if one else 'hun'} interval beslaat het grootste deel van "
            "het doorzochte bereik, dus behandel "
            f"{'die als aanname' if one else 'ze als aannames'}.",
            lang,
        )
        if wide
        else _words(
            "The export narrows down every fitted value.",
            "De export perkt elke geschatte waarde in.",
            lang,
        )
    )
    past = [r for r in fit.itertuples() if _past_interval(r)]
    if past:
        names = ", ".join(_fitted(str(r.key), str(r.meaning), lang) for r in past)
        out.append(
            _words(
                f"{'One value lies' if len(past) == 1 else f'{len(past)} values lie'} outside "
                f"{'its' if len(past) == 1 else 'their'} 90% interval ({names}): the fit's last "
                "step runs the model at the values and moves them until its runs meet the "
                "export's figures, and there they came nearer than inside the interval. The "
                "interval says how sure the first estimate was; the value is where the model "
                "fits this export best.",
                f"{'Eén waarde ligt' if len(past) == 1 else f'{len(past)} waarden liggen'} buiten "
                f"{'haar' if len(past) == 1 else 'hun'} 90%-interval ({names}): de laatste "
                "stap van de schatting draait het model op de waarden en schuift ze op tot de "
                "simulaties de cijfers van de export halen, en daar kwamen die dichterbij dan "
                "binnen het interval. Het interval zegt hoe zeker de eerste schatting was; de "
                "waarde is waar het model het best bij deze export past.",
                lang,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# A study's summary file in the report's words
# ---------------------------------------------------------------------------------------------


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def study_markdown(
    kind: str, table: pd.DataFrame, title: str, charts: dict[str, str] | None, lang: str
) -> str:
    """A sensitivity or explain study's summary file in ``lang``: per figure, the report's
    sentence, its chart and its table, so the file says what the report says (the summary a
    command writes with ``--lang nl``; in English the study writes its own, with the keys)."""
    if kind == "sensitivity":
        sentences, rows_of = sensitivity_sentences, sensitivity_rows
    else:
        sentences, rows_of = explain_sentences, explain_rows
    lines = [f"# {title}", ""]
    for metric, part in table.groupby("metric", sort=False):
        lines += [f"## {_cap(figure_words(str(metric), lang))}", "", *sentences(part, lang), ""]
        if charts and metric in charts:
            lines += [f"![{metric}]({charts[str(metric)]})", ""]
        header, *rows = rows_of(part, lang)
        lines += [_md_row(header), _md_row(["---"] * len(header))]
        lines += [*(_md_row(r) for r in rows), ""]
    return "\n".join(lines)
