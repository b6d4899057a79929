"""Every word and number of a report, in the reader's language.

The PDF, the deck and the spreadsheet show the same strings, built here once from a
:class:`sim.present.report.source.ReportSource`: the title page, the verdict, the summary in plain
words, the key-figure table and the assumptions (their page's words are in
:mod:`sim.present.report.assumption_text`, re-exported here). Every key figure comes from the
folder's catalogue of presented figures (:mod:`sim.base.presented`, computed once when the folder
is read) and is written by it; words pass through :func:`sim.base.i18n.tr`; dates through
:mod:`sim.base.l10n`.

Client text names no parameter key, file, folder or command: arms are shown by their scenario's
title in the reader's language, grid points in words, and the assumptions in plain words (the
technical table is in the spreadsheet).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from sim.base import presented
from sim.base.i18n import tr
from sim.base.l10n import date, number
from sim.present.report.assumption_text import (  # noqa: F401  (re-exported: the report's words)
    TOPICS,
    assumption_rows,
    assumption_table,
    assumptions_intro,
)
from sim.present.report.source import COMPARISON, RUN, SWEEP, ReportSource, readable

COLUMNS_PER_TABLE = 5  # groups side by side in one key-figure table (more: another table)
VERDICTS = 6  # verdict sentences at most (one per arm or grid point against the baseline)


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def figure_text(name: str, value: float, lang: str) -> str:
    """One presented figure's value as every surface writes it (:func:`sim.base.presented.text`)."""
    return presented.text(name, value, lang)


def title(src: ReportSource, lang: str) -> str:
    """The description in the reader's language; else the scenario's title; else, for a
    comparison, its arms' titles; else the name made readable."""
    keys = [k for k, v in src.facts if isinstance(v, list)]
    if src.kind == SWEEP and len(keys) == 1:  # a sweep is about what it varies
        from sim.present.charts.sweep import grid_label

        label = tr(grid_label(keys[0]), lang)
        return label[:1].upper() + label[1:] + ": " + dict(facts(src, lang))[label]
    if src.kind == SWEEP and src.table is not None:  # a sweep is about its settings, not
        # about the scenario it starts from: its title says what varies
        return tr("Settings compared: {points}", lang).format(
            points=", ".join(src.shown(g, lang) for g in src.table.groups[:4])
            + (", …" if len(src.table.groups) > 4 else "")
        )
    d = src.describe(lang)
    if d:
        return d
    if src.kind == COMPARISON and src.table is not None and src.baseline is not None:
        others = [src.shown(g, lang) for g in src.table.groups if g != src.baseline]
        if len(others) > 2:
            return tr("{base} against {n} other scenarios", lang).format(
                base=src.shown(src.baseline, lang), n=number(len(others), lang)
            )
        return tr("{base} against {others}", lang).format(
            base=src.shown(src.baseline, lang), others=", ".join(others)
        )
    if src.kind == RUN and src.titles.get(src.name, {}).get(lang):
        return src.titles[src.name][lang]
    return readable(src.name)


def subtitle(src: ReportSource, lang: str, today: dt.date | None = None) -> str:
    """'Scenarios side by side · 22 November 2026' in the reader's language."""
    kind = {
        RUN: tr("One simulated run", lang),
        COMPARISON: tr("Scenarios side by side", lang),
        SWEEP: tr("A sweep of settings", lang),
    }[src.kind]
    return f"{kind} · {date(today or dt.date.today(), lang)}"


def facts(src: ReportSource, lang: str) -> list[tuple[str, str]]:
    """The title page's facts, each (label, value) in the reader's language."""
    from sim.present.charts.sweep import grid_label

    words = {
        "platform": tr("platform", lang),
        "days": tr("simulated days", lang),
        "audience": tr("audience (real users)", lang),
        "seed": tr("seed", lang),
        "posts": tr("posts", lang),
        "arms": tr("scenarios", lang),
        "baseline": tr("baseline", lang),
        "seeds": tr(
            "simulated runs per scenario" if src.kind != SWEEP else "simulated runs per setting",
            lang,
        ),
        "grid points": tr("settings tried", lang),
    }
    out = []
    for label, value in src.facts:
        if label == "baseline":
            shown = src.shown(value, lang)
        elif label == "platform":
            shown = _platform(str(value))
        elif isinstance(value, (int, float)):
            shown = number(value, lang)
        elif isinstance(value, (list, tuple)):  # a grid key's values
            shown = ", ".join(
                number(v, lang, 0 if float(v).is_integer() else 2)
                if isinstance(v, (int, float)) and not isinstance(v, bool)
                else str(v)
                for v in value
            )
        else:
            shown = str(value)
        if label not in words:  # a grid key: in words
            label = tr(grid_label(label), lang)
        out.append((words.get(label, label), shown))
    return out


def _platform(name: str) -> str:
    return {
        "instagram": "Instagram",
        "facebook": "Facebook",
        "linkedin": "LinkedIn",
        "tiktok": "TikTok",
        "x": "X (Twitter)",
        "twitter": "X (Twitter)",
    }.get(name.lower(), name)


def verdicts(src: ReportSource, lang: str) -> list[str]:
    """One plain sentence per arm or grid point against the baseline, with how sure it is."""
    t = src.table
    if t is None or t.baseline is None:
        return []
    others = [g for g in t.groups if g != t.baseline]
    said = [
        presented.verdict(t, g, lang, src.shown(g, lang), src.shown(t.baseline, lang))
        for g in others[:VERDICTS]
    ]
    if len(others) > VERDICTS:  # said, not left out: the table holds them all
        more = len(others) - VERDICTS
        said.append(tr("The key figures give the other {n}.", lang).format(n=more))
    return [s[:1].upper() + s[1:] for s in said]  # a title written in lower case starts it


def summary(src: ReportSource, lang: str) -> list[str]:
    """The summary in plain words: the verdict first, then a few sentences, each a paragraph."""
    if src.kind == RUN:
        return _run_summary(src, lang)
    return _group_summary(src, lang)


def _run_summary(src: ReportSource, lang: str) -> list[str]:
    t, g = src.table, src.table.groups[0]
    days = src.days
    start = days.iloc[0]
    end = days.iloc[-1]

    def c(name):
        return presented.cell(t, g, name, lang)

    out = [
        tr("Over {period} the brand published {posts} posts.", lang).format(
            period=presented.period_words(len(days), lang), posts=number(days["posts"].sum(), lang)
        )
    ]
    left = float(end.get("followers_bought", 0) or 0)
    bought = float(days["bought_delivered"].sum()) if "bought_delivered" in days else left
    line = tr("Followers went from {start} to {end}, of whom {real} real people.", lang).format(
        start=number(start["followers"], lang), end=c("followers_end"), real=c("real_followers_end")
    )
    if bought:
        line += " " + tr(
            "{bought} followers were bought; {left} of them are still there at the end.", lang
        ).format(bought=number(bought, lang), left=number(left, lang))
    out.append(line)
    out.append(
        tr(
            "A typical post reached {reach} real people, and posts drew {comments} "
            "comments, {shares} shares and {likes} likes on average.",
            lang,
        ).format(
            reach=c("real_reach_per_post"),
            comments=c("conversation"),
            shares=c("amplification"),
            likes=c("applause"),
        )
    )
    w = t.windows.get(g)
    if w is not None:
        from sim.present.charts.run import reach_story

        out.append(
            reach_story(
                days,
                [("tactic", w.start)] if not w.bought else [("followers bought", w.start)],
                lang,
            )
            + "."
        )
    cost = t.value(g, "cost")
    if cost:
        out.append(
            tr(
                "Site visits and purchases were worth {value}; the tactics cost {cost}, "
                "a net result of {net}. Whether that spend paid off shows only against "
                "the same brand without the tactic: a comparison of scenarios.",
                lang,
            ).format(value=c("economic_value"), cost=c("cost"), net=c("net_revenue"))
        )
    else:
        out.append(
            tr(
                "No money was spent on tactics; site visits and purchases were worth {value}.", lang
            ).format(value=c("economic_value"))
        )
    return out


def _group_summary(src: ReportSource, lang: str) -> list[str]:
    t = src.table
    what = tr("scenarios", lang) if src.kind == COMPARISON else tr("settings", lang)
    out = verdicts(src, lang)
    out.append(
        tr(
            "{n} {what} side by side, each simulated {seeds} times on the same audience "
            "with the same luck; every figure is the median of those runs.",
            lang,
        ).format(n=number(len(t.groups), lang), what=what, seeds=number(src.seeds, lang))
    )
    # Every arm that spent money, in one paragraph: none is left out however many arms there
    # are (a cut after the first few dropped the later ones, such as the micro-influencer).
    spent = []
    for g in t.groups:
        if g == t.baseline or not t.value(g, "cost"):
            continue
        group = src.shown(g, lang)
        spent.append(
            tr("{group} spent {cost}; return on that spend: {roi}.", lang).format(
                group=group[:1].upper() + group[1:],
                cost=presented.cell(t, g, "cost", lang),
                roi=presented.cell(t, g, "return_on_spend", lang),
            )
        )
    if spent:
        out.append(" ".join(spent))
    net = t.values["net_revenue"].dropna()
    if len(net) > 2:
        best, worst = net.idxmax(), net.idxmin()
        out.append(
            tr(
                "Highest net result: {best} ({best_net}); lowest: {worst} ({worst_net}).", lang
            ).format(
                best=src.shown(best, lang),
                best_net=presented.cell(t, best, "net_revenue", lang),
                worst=src.shown(worst, lang),
                worst_net=presented.cell(t, worst, "net_revenue", lang),
            )
        )
    return out


def key_figure_cell(src: ReportSource, group, name: str, lang: str) -> str:
    """A key figure of one group as the table shows it: the value and, against the baseline,
    the change ('423 (-49%)')."""
    t = src.table
    out = presented.cell(t, group, name, lang)
    if t.baseline is not None and group != t.baseline:
        ch = presented.change_text(t, group, name, lang)
        if ch and not _nan(t.value(group, name)):
            out += f" ({ch})"
    return out


def key_figure_tables(src: ReportSource, lang: str) -> list[list[list[str]]]:
    """The key-figure tables as rows of cells (the first row the header): the figures, split
    into tables of at most :data:`COLUMNS_PER_TABLE` groups, then what each figure means.
    A single run gets a column of meanings instead."""
    t = src.table
    names = t.names()
    if src.kind == RUN:
        header = [tr("key figure", lang), tr("value", lang), tr("what it means", lang)]
        rows = [
            [
                presented.FIGURE[n].label(lang),
                presented.cell(t, t.groups[0], n, lang),
                presented.FIGURE[n].explain(lang),
            ]
            for n in names
        ]
        return [[header, *rows]]
    tables = []
    head = tr("key figure (median of {n} runs; change against the baseline)", lang).format(
        n=number(t.seeds, lang)
    )
    for i in range(0, len(t.groups), COLUMNS_PER_TABLE):
        chunk = t.groups[i : i + COLUMNS_PER_TABLE]
        header = [head, *(src.shown(g, lang) for g in chunk)]
        rows = [
            [presented.FIGURE[n].label(lang), *(key_figure_cell(src, g, n, lang) for g in chunk)]
            for n in names
        ]
        tables.append([header, *rows])
    meaning = [[tr("key figure", lang), tr("what it means", lang)]]
    meaning += [[presented.FIGURE[n].label(lang), presented.FIGURE[n].explain(lang)] for n in names]
    return [*tables, meaning]


def table_frame(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of cells (header first) as a DataFrame of text, for tests and previews."""
    return pd.DataFrame(rows[1:], columns=rows[0])
