"""An explanation's results as a table and in plain sentences.

``explain.csv`` holds one row per metric and channel (the channels, ``rest`` and ``total``): the
mean contribution to the gap tactic − baseline, its 90% interval across seeds, its share of the
gap, whether the channel applies to the pair, and a note. Sentences and charts are written from
that table alone, so a finished explanation can be re-read and redrawn.

A leaf of the explain package: pandas and the metric catalogue only, no engine, so charts can
read an explanation's folder with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.base.l10n import figure_value

TABLE_FILE, SUMMARY_FILE, PLAN_FILE = "explain.csv", "explain.md", "explain.toml"

# Every channel in the order it is drawn and told, with its words; "rest" and "total" close it.
CHANNEL_LABELS = {
    "dilution": "test dilution",
    "purges": "purges",
    "discovery": "discovery and trust",
    "spend": "spend",
    "rest": "the rest",
    "total": "total gap",
}


def chart_name(metric: str) -> str:
    """The file stem of a metric's waterfall: ``waterfall_<metric>``."""
    return f"waterfall_{metric}"


def share_text(share: float) -> str:
    """'85%' of the gap, or '' when the gap is zero."""
    return (
        ""
        if not np.isfinite(share)
        else f"{abs(100 * share):.0f}%"
        if share == 0 or abs(share) < 0.005
        else f"{100 * share:.0f}%"
    )


def too_few(rows: pd.DataFrame) -> bool:
    """Whether one metric's rows are a rare count (purchases) of which the tactic and the
    baseline, as run, hold too few to tell apart (the catalogue's rule,
    :func:`sim.base.figures.counts_too_few`): then its gap is noise and no part of it is
    told. False for a folder written before the arms' own figures were kept."""
    from sim.base.figures import FIGURE, counts_too_few

    metric = str(rows["metric"].iloc[0])
    figure = FIGURE.get(metric)
    if figure is None or not figure.rare or "tactic_median" not in rows:
        return False
    r = rows.iloc[0]
    mine, base = float(r["tactic_median"]), float(r["baseline_median"])
    if int(r["seeds"]) < 2:
        return counts_too_few(mine, base)
    bands = (float(r["tactic_low"]), float(r["tactic_high"]))
    return counts_too_few(mine, base, bands, (float(r["baseline_low"]), float(r["baseline_high"])))


def too_few_sentence(rows: pd.DataFrame, lang: str) -> str:
    """The words for a gap :func:`too_few` calls noise, without a full stop: the figure, "too
    few to compare" and both arms' medians."""
    from sim.base.i18n import tr

    metric = str(rows["metric"].iloc[0])
    r = rows.iloc[0]
    label = tr(metrics.label(metric), lang)
    return tr(
        "{figure}: too few to compare ({tactic} with the tactic against {baseline} in the "
        "baseline, medians of {n} runs)",
        lang,
    ).format(
        figure=label[:1].upper() + label[1:],
        tactic=figure_value(metric, float(r["tactic_median"]), lang),
        baseline=figure_value(metric, float(r["baseline_median"]), lang),
        n=int(r["seeds"]),
    )


def _has_note(note) -> bool:
    return isinstance(note, str) and bool(note)


def sentences(rows: pd.DataFrame, tactic: str, baseline: str) -> list[str]:
    """Plain sentences for one metric's rows of ``explain.csv``."""
    if too_few(rows):
        return [too_few_sentence(rows, "en") + "."]
    metric = rows["metric"].iloc[0]
    by = rows.set_index("channel")
    total = by.loc["total"]
    n = int(total["seeds"])
    label = metrics.label(metric)
    mean, low, high = (
        figure_value(metric, total[k], "en", sign=True) for k in ("mean", "p5", "p95")
    )
    out = [
        f"{label[:1].upper() + label[1:]}: {tactic} − {baseline} = {mean} (90% of {n} seeds: "
        f"{low} to {high})."
    ]
    parts = []
    for ch in CHANNEL_LABELS:
        if ch == "total" or ch not in by.index or not bool(by.loc[ch, "applies"]):
            continue
        if by.loc[ch, "mean"] == 0 and _has_note(by.loc[ch, "note"]):
            continue  # zero by construction: said below with its reason
        r = by.loc[ch]
        share = share_text(float(r["share"]))
        parts.append(
            f"{CHANNEL_LABELS[ch]} {figure_value(metric, r['mean'], 'en', sign=True)}"
            + (f" ({share})" if share else "")
        )
    if parts:
        out.append("Of this: " + "; ".join(parts) + ".")
    for ch in CHANNEL_LABELS:
        if ch in by.index and by.loc[ch, "mean"] == 0 and _has_note(by.loc[ch, "note"]):
            out.append(
                f"{CHANNEL_LABELS[ch][:1].upper() + CHANNEL_LABELS[ch][1:]}: zero, "
                f"{by.loc[ch, 'note']}."
            )
    return out


def summary_markdown(
    table: pd.DataFrame, tactic: str, baseline: str, charts: dict[str, str] | None = None
) -> str:
    """``explain.md``: the sentences per metric, with its chart."""
    lines = [f"# Where does the gap come from? {tactic} against {baseline}", ""]
    for metric, rows in table.groupby("metric", sort=False):
        lines.append(f"## {metrics.label(str(metric))}")
        lines.append("")
        lines.append(" ".join(sentences(rows, tactic, baseline)))
        if charts and metric in charts:
            lines += ["", f"![{metric}]({charts[str(metric)]})"]
        lines.append("")
    return "\n".join(lines)


def arm_title(folder: str | Path, arm: str, lang: str) -> str:
    """The title in ``lang`` of the scenario an explanation ran as its ``arm`` (``"tactic"`` or
    ``"baseline"``), from the arm's kept scenario; else the scenario's name, as the plan keeps
    it."""
    from sim.base import safe_io
    from sim.base.figure_words import title_words

    folder = Path(folder)
    try:
        base = safe_io.read_toml(folder / arm / "sweep.toml", "sweep spec", folder).get("base", {})
    except (OSError, ValueError):  # not there or damaged: the plan's name stands in
        base = {}
    title = title_words(base, lang)
    if title:
        return title
    try:
        plan = safe_io.read_toml(folder / PLAN_FILE, "explanation plan", folder)
    except (OSError, ValueError):
        return arm
    return str(plan.get(arm, arm))


def read_table(folder: str | Path) -> pd.DataFrame:
    """An explanation folder's ``explain.csv``.

    Raises:
        FileNotFoundError: the folder holds no finished explanation.
    """
    from sim.base.safe_io import read_study_table

    return read_study_table(folder, TABLE_FILE, "explanation")


def is_explain_folder(folder: str | Path) -> bool:
    """Whether ``folder`` holds an explanation (its ``explain.toml``), finished or not."""
    return (Path(folder) / PLAN_FILE).exists()
