"""Every word and number of a report, in the reader's language.

The PDF, the deck and the spreadsheet show the same strings, built here once from a
:class:`sim.report.source.ReportSource`: the title page, the summary in plain words, the
key-figure table and the assumptions table. Words pass through :func:`sim.i18n.tr`; numbers,
money, percentages and dates through :mod:`sim.l10n`.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from sim import metrics
from sim.i18n import tr
from sim.l10n import DASH, date, money, number, percent
from sim.report.assumptions import Assumptions
from sim.report.figures import AGAINST_BASELINE, KEY, KEY_FIGURES
from sim.report.source import COMPARISON, RUN, SWEEP, ReportSource, readable

COLUMNS_PER_TABLE = 5  # groups side by side in one key-figure table (more: another table)
SOURCE_CHARS = 110  # a preset source's words shown on the assumptions page


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def figure_text(name: str, value: float, lang: str) -> str:
    """One key figure as the table shows it: '€ 1.234', '−85%', '1.234', '0,42'."""
    fmt = KEY[name].fmt
    if name == "roi" and _nan(value):
        return tr("no spending", lang)
    if _nan(value):
        return DASH
    if fmt == "euros":
        return money(value, lang, decimals=2 if abs(value) < 100 and value != 0 else 0,
                     sign=name == AGAINST_BASELINE.name)
    if fmt == "percent":
        return percent(value, lang, decimals=0)
    if fmt == "count":
        return number(value, lang)
    return number(value, lang, decimals=2 if abs(value) < 10 else 1)


def title(src: ReportSource, lang: str) -> str:
    """The scenario's description, else its name made readable."""
    return src.description.strip() or readable(src.name)


def subtitle(src: ReportSource, lang: str, today: dt.date | None = None) -> str:
    """'A run of feedsim · 22 November 2026' in the reader's language."""
    kind = {RUN: tr("One simulated run", lang), COMPARISON: tr("Scenarios side by side", lang),
            SWEEP: tr("A sweep of settings", lang)}[src.kind]
    return f"{kind} · {readable(src.name)} · {date(today or dt.date.today(), lang)}"


def facts(src: ReportSource, lang: str) -> list[tuple[str, str]]:
    """The title page's facts, each (label, value) in the reader's language."""
    words = {"platform": tr("platform", lang), "days": tr("days", lang),
             "audience": tr("audience (real users)", lang), "seed": tr("seed", lang),
             "posts": tr("posts", lang), "arms": tr("scenarios", lang),
             "baseline": tr("baseline", lang), "seeds": tr("repetitions (seeds)", lang),
             "grid points": tr("settings tried", lang)}
    out = []
    for label, value in src.facts:
        shown = number(value, lang) if isinstance(value, (int, float)) else str(value)
        out.append((words.get(label, label), shown))
    return out


def _change(a: float, b: float, lang: str) -> str:
    """b against a as a signed percentage ('+12%'), or the difference when a is 0."""
    if _nan(a) or _nan(b) or a == 0:
        return DASH
    return percent(b / a - 1, lang, decimals=0, sign=True)


def summary(src: ReportSource, lang: str) -> list[str]:
    """The summary in plain words: a few sentences, each a paragraph."""
    if src.kind == RUN:
        return _run_summary(src, lang)
    return _group_summary(src, lang)


def _run_summary(src: ReportSource, lang: str) -> list[str]:
    f = src.figures.iloc[0]
    days = src.days
    start, end = days.iloc[0], days.iloc[-1]
    out = [tr("Over {days} days the brand published {posts} posts.", lang).format(
        days=number(len(days), lang), posts=number(days["posts"].sum(), lang))]
    left = float(end.get("followers_bought", 0) or 0)
    bought = float(days["bought_delivered"].sum()) if "bought_delivered" in days else left
    line = tr("Followers went from {start} to {end}, of whom {real} real people.", lang).format(
        start=number(start["followers"], lang), end=number(end["followers"], lang),
        real=number(f["real_followers_end"], lang))
    if bought:
        line += " " + tr("{bought} followers were bought; {left} of them are still there at the "
                         "end.", lang).format(bought=number(bought, lang),
                                              left=number(left, lang))
    out.append(line)
    out.append(tr("A post reached {reach} real people on average, and drew {comments} comments, "
                  "{shares} shares and {likes} likes.", lang).format(
        reach=figure_text("real_reach_per_post", f["real_reach_per_post"], lang),
        comments=figure_text("conversation", f["conversation"], lang),
        shares=figure_text("amplification", f["amplification"], lang),
        likes=figure_text("applause", f["applause"], lang)))
    cost = float(days["cost"].sum())
    if cost:
        out.append(tr("Site visits and purchases were worth {value}; the tactics cost {cost}. "
                      "Net: {net}, a return of {roi} on the money spent.", lang).format(
            value=money(f["economic_value"], lang), cost=money(cost, lang),
            net=money(f["net_revenue"], lang), roi=figure_text("roi", f["roi"], lang)))
    else:
        out.append(tr("No money was spent on tactics; site visits and purchases were worth "
                      "{value}.", lang).format(value=money(f["economic_value"], lang)))
    return out


def _group_summary(src: ReportSource, lang: str) -> list[str]:
    figs, base = src.figures, src.baseline
    what = tr("scenarios", lang) if src.kind == COMPARISON else tr("settings", lang)
    out = [tr("{n} {what} side by side, each run on the same {seeds} seeds (the same audience "
              "and chance events); every figure is the mean over the seeds.", lang).format(
        n=number(len(figs), lang), what=what, seeds=number(src.seeds, lang))]
    if base is not None and base in figs.index:
        b = figs.loc[base]
        for g in [g for g in figs.index if g != base][:6]:
            r = figs.loc[g]
            out.append(tr("'{group}' against '{base}': real reach per post {reach} ({change}), "
                          "net euros {net} against {base_net}.", lang).format(
                group=g, base=base,
                reach=figure_text("real_reach_per_post", r["real_reach_per_post"], lang),
                change=_change(b["real_reach_per_post"], r["real_reach_per_post"], lang),
                net=money(r["net_revenue"], lang), base_net=money(b["net_revenue"], lang)))
    net = figs["net_revenue"].dropna()
    if len(net) > 1:
        out.append(tr("Most net euros: '{best}' ({best_net}); fewest: '{worst}' ({worst_net}).",
                      lang).format(best=net.idxmax(), best_net=money(net.max(), lang),
                                   worst=net.idxmin(), worst_net=money(net.min(), lang)))
    return out


def key_figure_tables(src: ReportSource, lang: str) -> list[list[list[str]]]:
    """The key-figure table as rows of cells (the first row the header), split into tables of
    at most :data:`COLUMNS_PER_TABLE` groups. A single run gets a column of meanings instead."""
    figs = src.figures
    if src.kind == RUN:
        header = [tr("key figure", lang), tr("value", lang), tr("what it means", lang)]
        rows = [[tr(k.label, lang), figure_text(k.name, figs.iloc[0][k.name], lang),
                 tr(k.meaning, lang)] for k in KEY_FIGURES]
        return [[header, *rows]]
    groups = list(figs.index)
    tables = []
    for i in range(0, len(groups), COLUMNS_PER_TABLE):
        chunk = groups[i:i + COLUMNS_PER_TABLE]
        header = [tr("key figure (mean over seeds)", lang), *map(str, chunk)]
        rows = [[f"{tr(k.label, lang)} ({tr(k.meaning, lang)})" if k.name in _SHORT_MEANING
                 else tr(k.label, lang),
                 *(figure_text(k.name, figs.loc[g, k.name], lang) for g in chunk)]
                for k in (*KEY_FIGURES, AGAINST_BASELINE)]
        rows[-1][0] = tr("net euros against '{base}'", lang).format(base=src.baseline)
        tables.append([header, *rows])
    return tables


# Rows whose label needs its meaning beside it in a table of several columns.
_SHORT_MEANING = ("conversation", "amplification", "applause")


def assumptions_intro(a: Assumptions, lang: str) -> str:
    """The sentence above the assumptions table."""
    if a.mode == "sensitivity":
        return tr("The assumptions that move each figure most, from the sensitivity study in "
                  "{where}: each was varied over its range, with the others varied too.",
                  lang).format(where=a.where)
    return tr("No sensitivity study was found for this result, so these are the values of the "
              "{platform} preset that no public figure fixes (its sources call them "
              "assumptions). Run `feedsim sensitivity` to learn which of them the result rests "
              "on.", lang).format(platform=a.where)


def assumption_rows(a: Assumptions, lang: str) -> list[list[str]]:
    """The assumptions table as rows of cells (the first row the header)."""
    if a.mode == "sensitivity":
        header = [tr("figure", lang), tr("rank", lang), tr("assumption", lang),
                  tr("range", lang), tr("raising it", lang), tr("flips the sign", lang)]
        rows = [header]
        for r in a.table.itertuples():
            mu = getattr(r, "mu", float("nan"))
            way = (tr("raises the figure", lang) if mu > 0
                   else tr("lowers the figure", lang) if mu < 0 else DASH)
            decimals = 0 if bool(r.integer) else 3
            rng = f"{_plain(r.low, lang, decimals)} – {_plain(r.high, lang, decimals)}"
            quantity = tr(metrics.label(r.metric), lang)
            if str(r.quantity).startswith("effect on"):
                quantity = tr("effect on {figure}", lang).format(figure=quantity)
            rows.append([quantity, str(r.rank), f"{r.label} ({r.key})", rng, way,
                         percent(getattr(r, "flip_share", float("nan")), lang, decimals=0)])
        return rows
    header = [tr("setting", lang), tr("value", lang), tr("source (as the preset states it)",
                                                         lang)]
    rows = [header]
    for r in a.table.itertuples():
        src = r.source if len(r.source) <= SOURCE_CHARS else r.source[:SOURCE_CHARS - 1] + "…"
        rows.append([r.key, _value(r.value, lang), src])
    return rows


def _plain(v: float, lang: str, decimals: int) -> str:
    if _nan(v):
        return DASH
    if decimals and abs(v) >= 100:
        decimals = 0
    text = number(v, lang, decimals)
    if decimals and ("," in text or "." in text):  # 0.500 -> 0.5, never 1. or 1,
        text = text.rstrip("0").rstrip(",.")
    return text


def _value(v, lang: str) -> str:
    if isinstance(v, bool):
        return tr("yes", lang) if v else tr("no", lang)
    if isinstance(v, (int, float)):
        return _plain(float(v), lang, 0 if float(v).is_integer() else 4)
    if isinstance(v, (list, tuple)):
        shown = [_value(x, lang) for x in v[:6]]
        return "[" + "; ".join(shown) + ("; …" if len(v) > 6 else "") + "]"
    if isinstance(v, dict):
        return "; ".join(f"{k} {_value(x, lang)}" for k, x in v.items())
    return DASH if v is None else str(v)


def table_frame(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of cells (header first) as a DataFrame of text, for tests and previews."""
    return pd.DataFrame(rows[1:], columns=rows[0])
