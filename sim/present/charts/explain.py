"""Waterfall charts of an explanation: where a tactic's loss (or gain) against its baseline comes
from.

One chart per metric: a bar per channel that applies, then "the rest", each starting where the
previous one ended, and the total gap as the last bar from zero; whiskers show each contribution's
90% interval across seeds. The headline is computed from the bars drawn.

The explanation is read from its ``explain.csv`` through :mod:`sim.studies.explain.report`; drawing
never loads the engine or the sweep executors.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from sim.base import metrics
from sim.base.l10n import figure_value
from sim.present.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    integer_ticks,
    pyplot,
    save_figure,
    speaks,
    style,
    t,
)
from sim.studies.explain.report import (
    arm_title,
    chart_name,
    read_table,
    share_text,
    too_few,
    too_few_sentence,
)

GAIN, LOSS, TOTAL = PALETTE[0], PALETTE[1], "#555555"


def drawn_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a waterfall draws, in order: the channels that apply, the rest, the total."""
    # A channel that does not apply, or is zero by construction (spend on a figure that is not
    # money), is named in the footnote instead of drawn as an empty bar.
    noted = rows["note"].fillna("").astype(str) != "" if "note" in rows else False
    keep = rows[rows["applies"].astype(bool) & ~((rows["mean"] == 0) & noted)]
    body = keep[keep["channel"] != "total"]
    return pd.concat([body, keep[keep["channel"] == "total"]], ignore_index=True)


def _value(metric: str, v: float, lang: str) -> str:
    # As the study's own summary and its report write it (the one formatter).
    return figure_value(metric, v, lang, sign=True)


def _headline_nl(rows: pd.DataFrame) -> str:
    metric = rows["metric"].iloc[0]
    total = float(rows.loc[rows["channel"] == "total", "mean"].iloc[0])
    text = (
        f"{t(metrics.label(metric), 'nl')[:1].upper()}{t(metrics.label(metric), 'nl')[1:]}: "
        f"de tactiek tegenover de nulmeting = {_value(metric, total, 'nl')}"
    )
    parts = rows[(rows["channel"] != "total") & (rows["mean"] * total > 0)]
    if total == 0 or parts.empty:
        return text
    top = parts.loc[parts["mean"].abs().idxmax()]
    return text + (
        f"; daarvan komt {share_text(float(top['mean']) / total)} door {t(str(top['label']), 'nl')}"
    )


def waterfall_headline(rows: pd.DataFrame, tactic: str, baseline: str, lang: str = "en") -> str:
    """The one-line takeaway of a waterfall, from exactly the rows it draws; a rare count too
    few to tell apart from the baseline's is said to be so (:func:`too_few`)."""
    if too_few(rows):
        return too_few_sentence(rows, lang)
    if lang == "nl":
        return _headline_nl(rows)
    metric = rows["metric"].iloc[0]
    total = float(rows.loc[rows["channel"] == "total", "mean"].iloc[0])
    parts = rows[rows["channel"] != "total"]
    word = "loss" if total < 0 else "gain"
    text = (
        f"Where the {word} comes from: {metrics.label(metric)}, {tactic} − {baseline} = "
        f"{_value(metric, total, 'en')}"
    )
    if total == 0 or parts.empty:
        return text
    # The channel that moves the figure most in the direction of the gap.
    same = parts[(parts["mean"] * total) > 0]
    if same.empty:
        return text
    top = same.loc[same["mean"].abs().idxmax()]
    return text + f"; {top['label']} carries {share_text(float(top['mean']) / total)} of it"


@speaks
def waterfall(
    rows: pd.DataFrame, out_base: str | Path, tactic: str, baseline: str, lang: str = "en"
) -> list[Path]:
    """One metric's waterfall chart from its rows of ``explain.csv``."""
    plt = pyplot()
    drawn = drawn_rows(rows)
    zero = [str(lb) for lb in rows["label"] if lb not in set(drawn["label"])]
    rows = drawn
    metric = rows["metric"].iloc[0]
    noise = too_few(rows)  # a rare count's gap that is noise: no part gets a share of it
    fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    level = 0.0
    for i, r in enumerate(rows.itertuples()):
        is_total = r.channel == "total"
        start = 0.0 if is_total else level
        colour = TOTAL if is_total else (GAIN if r.mean >= 0 else LOSS)
        ax.bar(i, r.mean, bottom=start, color=colour, width=0.6)
        end = start + r.mean
        ax.errorbar(
            i,
            end,
            yerr=[[max(r.mean - r.p5, 0.0)], [max(r.p95 - r.mean, 0.0)]],
            color=TEXT_COLOUR,
            capsize=3,
            linewidth=0.8,
        )
        if not is_total:
            ax.plot([i + 0.3, i + 0.7], [end, end], color=NOTE_COLOUR, linewidth=0.8)
            level = end
        share = "" if is_total or noise else share_text(float(r.share))
        # Beside the bar, half-way up: clear of the whisker and the connector at its end.
        ax.annotate(
            _value(metric, r.mean, lang) + (f"\n{share}" if share else ""),
            (i + 0.31, start + r.mean / 2),
            ha="left",
            va="center",
            fontsize=8,
            color=TEXT_COLOUR,
        )
    ax.axhline(0, color=TEXT_COLOUR, linewidth=0.8)
    ax.set_xticks(
        range(len(rows)),
        ["\n".join(textwrap.wrap(t(str(lb), lang), 12)) for lb in rows["label"]],
        fontsize=9,
    )
    style(ax)
    unit = metrics.unit(metric)
    ax.set_ylabel(
        t("contribution to the gap", lang) + (f", {t(unit, lang)}" if unit else ""), fontsize=9
    )
    ax.margins(y=0.15)
    spread = rows[["mean", "p5", "p95"]].abs().to_numpy(float)
    if not (spread > 1e-9).any():  # nothing but rounding noise: a scale of 1e-17 says nothing
        ax.set_ylim(-1.0, 1.0)
        integer_ticks(ax.yaxis)
    fig.suptitle(
        textwrap.fill(waterfall_headline(rows, tactic, baseline, lang), 95),
        x=0.01,
        ha="left",
        fontsize=11,
        color=TEXT_COLOUR,
    )
    seeds = int(rows["seeds"].iloc[0])
    note = t(
        "Shapley split over every on/off combination of the channels, {seeds} seeds on "
        "common random numbers; whiskers: 90% across seeds",
        lang,
        seeds=seeds,
    )
    if zero:
        note += t("; zero here: {parts}", lang, parts=", ".join(t(z, lang) for z in zero))
    ax.set_xlabel(textwrap.fill(note, 130), fontsize=8, color=NOTE_COLOUR, loc="left")
    return save_figure(fig, out_base)


@speaks
def explain_charts(
    folder: str | Path, lang: str = "en", out: str | Path | None = None
) -> list[Path]:
    """Every metric's waterfall into the explanation's folder (or ``out``); returns the files
    (PNG, SVG)."""
    folder = Path(folder)
    target = Path(out) if out else folder
    table = read_table(folder)
    tactic, baseline = (arm_title(folder, arm, lang) for arm in ("tactic", "baseline"))
    paths: list[Path] = []
    for metric, rows in table.groupby("metric", sort=False):
        paths += waterfall(rows, target / chart_name(str(metric)), tactic, baseline, lang)
    return paths
