"""Tornado charts of a sensitivity study: which assumptions move a figure most.

One chart per metric: horizontal bars ranked by influence (Morris μ*, the mean absolute change
across a parameter's range; or Sobol's total index), each labelled with the parameter in words and
its range, coloured by the sign of μ (whether raising the parameter raises the figure). The
headline is computed from the bars drawn.

The study is read from its ``sensitivity.csv`` through :mod:`sim.studies.sensitivity.report`;
drawing never loads the engine or the sweep executors.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from sim.base import metrics
from sim.base.l10n import figure_value, number
from sim.present.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    pyplot,
    save_figure,
    speaks,
    style,
    t,
)
from sim.studies.sensitivity.report import (
    assumption_words,
    range_text,
    read_table,
)

MAX_BARS = 15
UP, DOWN, FLAT = PALETTE[0], PALETTE[1], "#999999"


def _colour(mu: float, choice: bool = False) -> str:
    """Blue: raising it raises the figure; orange: lowers it; grey: a structural choice, whose
    alternatives have no "higher"."""
    if choice:
        return FLAT
    return UP if mu > 0 else (DOWN if mu < 0 else FLAT)


def _is_choice(r) -> bool:
    choices = getattr(r, "choices", "")
    return isinstance(choices, str) and bool(choices)


def _numeric(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of numbers (not structural choices): only they have a direction."""
    if "choices" not in rows:
        return rows
    return rows[~rows["choices"].map(lambda c: isinstance(c, str) and bool(c))]


def _range(r, lang: str) -> str:
    """A bar's range: a structural choice's alternatives in words, else its numbers."""
    return range_text(r.low, r.high, bool(r.integer), getattr(r, "choices", ""), lang)


def tornado_headline(rows: pd.DataFrame, lang: str = "en") -> str:
    """The one-line takeaway of a tornado, from exactly the rows it draws."""
    if lang == "nl":
        return _headline_nl(rows)
    quantity = rows["quantity"].iloc[0]
    top = rows.iloc[0]
    n = len(rows)
    num = _numeric(rows)
    up, down = int((num["mu"] > 0).sum()), int((num["mu"] < 0).sum())
    text = (
        f"{quantity[:1].upper() + quantity[1:]} moves most with "
        f"{assumption_words(top['key'], top['label'])}"
    )
    if n > 1:
        text += f", then {assumption_words(rows.iloc[1]['key'], rows.iloc[1]['label'])}"
    if not len(num):
        return text
    return text + f"; raising {up} of the {len(num)} numbers shown pushes it up, {down} down"


def _headline_nl(rows: pd.DataFrame) -> str:
    figure = t(metrics.label(rows["metric"].iloc[0]), "nl")
    effect = str(rows["quantity"].iloc[0]).startswith("effect on")
    what = f"Het effect op {figure}" if effect else figure[:1].upper() + figure[1:]
    names = [assumption_words(r.key, r.label, "nl") for r in rows.head(2).itertuples()]
    text = f"{what} hangt het meest af van {names[0]}"
    if len(names) > 1:
        text += f", daarna van {names[1]}"
    num = _numeric(rows)
    up, down = int((num["mu"] > 0).sum()), int((num["mu"] < 0).sum())
    if not len(num):
        return text
    return text + (
        f"; bij {up} van de {len(num)} getoonde getallen stijgt het cijfer als de "
        f"aanname hoger is, bij {down} daalt het"
    )


@speaks
def tornado(
    rows: pd.DataFrame, out_base: str | Path, total: int | None = None, lang: str = "en"
) -> list[Path]:
    """One metric's tornado chart.

    Args:
        rows: that metric's rows of ``sensitivity.csv`` (any order; the top ``MAX_BARS`` by rank
            are drawn).
        out_base: where to write, without a suffix.
        total: how many parameters were varied (default: the rows given).
        lang: the reader's language.
    """
    plt = pyplot()
    rows = rows.sort_values("rank").head(MAX_BARS).reset_index(drop=True)
    total = total or len(rows)
    metric, method = rows["metric"].iloc[0], rows["method"].iloc[0]
    labels = [
        "\n".join(
            textwrap.wrap(f"{assumption_words(r.key, r.label, lang)} ({_range(r, lang)})", 48)
        )
        for r in rows.itertuples()
    ]
    fig, ax = plt.subplots(figsize=(10, 1.6 + 0.5 * len(rows)), layout="constrained")
    # A margin at the sides: the longest wrapped label otherwise ends at the figure's edge.
    fig.get_layout_engine().set(w_pad=0.15)
    y = list(range(len(rows)))[::-1]
    ax.barh(
        y,
        rows["influence"],
        color=[_colour(r.mu, _is_choice(r)) for r in rows.itertuples()],
        height=0.65,
    )
    ax.set_yticks(y, labels, fontsize=9)
    style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", alpha=0.3)
    for yi, v in zip(y, rows["influence"], strict=True):
        shown = figure_value(metric, v, lang) if method == "morris" else number(v, lang, 2)
        ax.text(v, yi, f" {shown}", va="center", fontsize=8, color=TEXT_COLOUR)
    if method == "morris":
        unit = metrics.unit(metric)
        ax.set_xlabel(
            textwrap.fill(
                t("mean change of the figure across the assumption's range", lang)
                + (f", {t(unit, lang)}" if unit else ""),
                80,
            ),
            fontsize=9,
        )
    else:
        ax.set_xlabel(
            t("total Sobol index: share of the variance the parameter takes part in", lang),
            fontsize=9,
        )
    ax.set_xlim(0, max(float(rows["influence"].max()), 1e-12) * 1.18)
    fig.suptitle(
        textwrap.fill(tornado_headline(rows, lang), 110),
        x=0.01,
        ha="left",
        fontsize=11,
        color=TEXT_COLOUR,
    )
    shown = (
        t("top {n} of {total} assumptions", lang, n=len(rows), total=total)
        if total > len(rows)
        else t("all {total} assumptions", lang, total=total)
    )
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in (UP, DOWN)]
    names = [t("raising it raises the figure", lang), t("raising it lowers the figure", lang)]
    if len(_numeric(rows)) < len(rows):
        handles.append(plt.Rectangle((0, 0), 1, 1, color=FLAT))
        names.append(t("a choice between alternatives", lang))
    # Below the axes, not inside them: inside, it covered the end of a long lower bar.
    fig.legend(
        handles, names, loc="outside lower right", ncols=len(handles), fontsize=8, frameon=False
    )
    fig.text(
        0.01,
        0.0,
        shown
        + t(
            "; {n} design points ({method})",
            lang,
            n=number(int(rows["points"].iloc[0]), lang),
            method=method.capitalize(),  # the method's author: Morris, Sobol
        ),
        fontsize=8,
        color=NOTE_COLOUR,
        va="bottom",
    )
    return save_figure(fig, out_base)


def chart_name(metric: str) -> str:
    """The file stem of a metric's tornado: ``tornado_<metric>``."""
    return f"tornado_{metric}"


@speaks
def sensitivity_charts(
    folder: str | Path, lang: str = "en", out: str | Path | None = None
) -> list[Path]:
    """Every metric's tornado chart into the study's folder (or ``out``); returns the files
    (PNG, SVG)."""
    folder = Path(folder)
    table = read_table(folder)
    target = Path(out) if out else folder
    paths: list[Path] = []
    for metric, rows in table.groupby("metric", sort=False):
        paths += tornado(rows, target / chart_name(str(metric)), total=len(rows), lang=lang)
    return paths
