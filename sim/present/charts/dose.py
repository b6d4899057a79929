"""The dose-response chart: each figure against the dose, at the preset and with each
assumption moved +-50%.

One panel per figure: the preset's line (median over seeds, drawn bold) and one faint line per
variant (a parameter at 0.5x or 1.5x). Each panel's title says what its own lines show (shape,
largest step, whether the direction holds across the variants); the headline is the first
figure's sentence. Drawn from the study's verdicts (:mod:`sim.studies.dose_response`), nothing else.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sim.base import metrics
from sim.present.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    count,
    pyplot,
    save_figure,
    speaks,
    style,
    t,
    tick_formatter,
)

BASE_COLOUR, VARIANT_COLOUR = PALETTE[1], "#bbbbbb"


@speaks
def panel_title(v, lang: str = "en") -> str:
    """A panel's title from its verdict: the same numbers its lines show."""
    way = t({1: "rises", -1: "falls", 0: "flat"}[v.direction], lang)
    shape = t("steadily" if v.monotone else "and turns", lang)
    held = (
        t("direction holds in every variant", lang)
        if not v.flips
        else t("direction flips in {n} variant(s)", lang, n=len(v.flips))
    )
    return t(
        "{label}: {way} {shape}; largest step {step}; {held}",
        lang,
        label=t(metrics.label(v.figure), lang),
        way=way,
        shape=shape,
        step=f"{v.largest_step:.0%}",
        held=held,
    )


@speaks
def dose_chart(
    verdicts: dict,
    out_base: str | Path,
    dose_label: str = "followers bought",
    note: str = "",
    lang: str = "en",
) -> list[Path]:
    """Draw every figure's dose-response into ``out_base``.png/.svg; returns the files."""
    plt = pyplot()
    items = list(verdicts.values())
    cols = 2 if len(items) > 1 else 1
    rows = (len(items) + cols - 1) // cols
    fig, axes = plt.subplots(
        rows, cols, figsize=(12, 1.2 + 3.6 * rows), layout="constrained", squeeze=False
    )
    for ax, v in zip(axes.flat, items, strict=False):
        table = v.table
        doses = [float(d) for d in table.columns]
        for name, row in table.iterrows():
            if name != "preset":
                ax.plot(
                    doses,
                    row.to_numpy(dtype=float),
                    color=VARIANT_COLOUR,
                    lw=0.8,
                    alpha=0.8,
                    zorder=1,
                )
        ax.plot(
            doses,
            table.loc["preset"].to_numpy(dtype=float),
            color=BASE_COLOUR,
            lw=2.4,
            marker="o",
            ms=4,
            zorder=3,
        )
        style(ax)
        ax.set_title(
            "\n".join(textwrap.wrap(panel_title(v, lang), 60)),
            fontsize=9,
            loc="left",
            color=TEXT_COLOUR,
        )
        ax.set_xlabel(t(dose_label, lang), fontsize=9)
        unit = metrics.unit(v.figure)
        ax.set_ylabel(
            t(metrics.label(v.figure), lang) + (f", {t(unit, lang)}" if unit else ""), fontsize=9
        )
        ax.yaxis.set_major_formatter(plt.FuncFormatter(tick_formatter(v.figure)))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: count(x)))
    for ax in list(axes.flat)[len(items) :]:
        ax.set_visible(False)
    first = items[0]
    fig.suptitle(
        "\n".join(textwrap.wrap(first.sentence(t(metrics.label(first.figure), lang), lang), 120)),
        x=0.01,
        ha="left",
        fontsize=11,
        color=TEXT_COLOUR,
    )
    handles = [
        plt.Line2D([], [], color=BASE_COLOUR, lw=2.4, marker="o"),
        plt.Line2D([], [], color=VARIANT_COLOUR, lw=0.8),
    ]
    fig.legend(
        handles,
        [
            t("preset values (median over seeds)", lang),
            t("one assumption at 0.5x or 1.5x, or a structural alternative", lang),
        ],
        loc="outside lower left",
        fontsize=8,
        frameon=False,
        ncols=2,
    )
    if note:
        fig.text(0.99, 0.0, note, fontsize=8, color=NOTE_COLOUR, ha="right", va="bottom")
    return save_figure(fig, out_base)
