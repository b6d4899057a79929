"""A sensitivity study's results as a table and in plain sentences.

``sensitivity.csv`` holds one row per parameter and metric: the parameter's range and source, its
indices, its rank, and the metric's figures repeated on each row (the mean of the quantity over
the design points, how many points there are and how many give the opposite sign). Sentences and
charts are written from that table alone, so a finished study can be re-read and redrawn.

A leaf of the sensitivity package: pandas and the metric catalogue only, no engine, so charts can
read a study's folder with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.base.l10n import figure_value
from sim.scenario.labels import LABELS_EN, LABELS_NL

TABLE_FILE, SUMMARY_FILE, PLAN_FILE = "sensitivity.csv", "sensitivity.md", "sensitivity.toml"
TOP = 3  # assumptions named per metric


def quantity_label(metric: str, scenario: str, baseline: str | None) -> str:
    """'real reach per post' or 'effect on real reach per post (bought − organic)'."""
    label = metrics.label(metric)
    return f"effect on {label} ({scenario} − {baseline})" if baseline else label


# The alternatives of a structural choice (the ``choices`` column) in words.
CHOICE_WORDS = {
    "per_delivery": ("per delivery", "per aflevering"),
    "per_view": ("per view", "per weergave"),
    "absent": ("never open the app", "openen de app nooit"),
    "scroll": ("scroll without reacting", "scrollen zonder te reageren"),
    "react": ("react like real fans", "reageren als echte fans"),
    "on": ("found out", "komt uit"),
    "off": ("never found out", "komt nooit uit"),
    "waves": ("in waves", "in golven"),
    "continuous": ("a few every day", "elke dag een paar"),
    "none": ("never", "nooit"),
}


def choice_words(choices: str, lang: str = "en") -> str:
    """A structural choice's alternatives in words: 'per_delivery / per_view' -> 'per delivery
    or per view' ('per aflevering of per weergave')."""
    names = [c.strip() for c in str(choices).split("/") if c.strip()]
    said = [
        CHOICE_WORDS.get(n, (n.replace("_", " "),) * 2)[1 if lang == "nl" else 0] for n in names
    ]
    joiner = " of " if lang == "nl" else " or "
    return ", ".join(said[:-1]) + joiner + said[-1] if len(said) > 1 else "".join(said)


def plain_label(label: str) -> str:
    """A parameter's label without a formula: 'rises with …: r**k / for a score r' -> 'rises
    with …' (a formula is no words for a chart or a client)."""
    import re

    text = re.split(r":\s*[^:]*[*/=^]", str(label))[0].strip()
    return text or str(label)


def assumption_words(key: str, label: str, lang: str = "en") -> str:
    """A varied assumption in plain words: a structural choice's title from its catalogue, else
    its words in :data:`LABELS_EN` or :data:`LABELS_NL`; failing those, the study's label
    without a formula (English) or the kind of setting it is (Dutch)."""
    from sim.scenario.assumptions import BY_KEY

    if key in BY_KEY:
        return BY_KEY[key].title_nl if lang == "nl" else BY_KEY[key].title
    if lang != "nl":
        return LABELS_EN.get(key) or plain_label(label)
    if key in LABELS_NL:
        return LABELS_NL[key]
    kinds = {
        "feed": "een instelling van de feed",
        "behaviour": "een gedragskans",
        "discovery": "een instelling van de ontdekking",
        "audience": "een kenmerk van het publiek",
        "strategies": "een instelling van de tactiek",
        "purge": "een instelling van de opschoning",
    }
    return kinds.get(key.split(".")[0], "een andere aanname")


def range_text(
    low: float,
    high: float,
    integer: bool = False,
    choices: str = "",
    lang: str = "en",
    dash: str = "–",
) -> str:
    """'0.0085–0.0255', '90–270', or a structural choice's alternatives ('per delivery or per
    view'), in ``lang``: the one way every page (terminal, tornado, report) writes a range;
    ``dash`` between the ends (a table's: " – ")."""
    if isinstance(choices, str) and choices:
        return choice_words(choices, lang)
    from sim.base.l10n import number, significant

    if integer:
        return f"{number(low, lang)}{dash}{number(high, lang)}"
    # Three significant digits and never an exponent ('25,000', not '2.5e+04').
    return f"{significant(low, lang)}{dash}{significant(high, lang)}"


def metric_table(
    metric: str,
    quantity: str,
    params,
    ind: pd.DataFrame,
    Y: np.ndarray,
    Y_se: np.ndarray,
    flip: np.ndarray,
    method: str,
) -> pd.DataFrame:
    """The rows of one metric, ranked by influence (1 = most).

    Args:
        metric: the run figure's name.
        quantity: what was measured, in words (:func:`quantity_label`).
        params: the varied parameters, in design column order.
        ind: :func:`sim.studies.sensitivity.design.indices` for this metric.
        Y: the quantity per design point (mean over seeds).
        Y_se: its standard error over seeds per point (0 with one seed).
        flip: :func:`sim.studies.sensitivity.design.flip_shares` for this metric.
        method: ``"morris"`` or ``"sobol"``.
    """
    mean = float(np.mean(Y))
    sign = np.sign(mean)
    opposite = (np.sign(Y) == -sign) if sign != 0 else np.zeros(len(Y), dtype=bool)
    clear = opposite & (np.abs(Y) > 2 * Y_se)
    table = pd.DataFrame(
        {
            "metric": metric,
            "quantity": quantity,
            "method": method,
            "key": [p.key for p in params],
            "label": [p.label for p in params],
            "value": [p.value for p in params],
            "low": [p.low for p in params],
            "high": [p.high for p in params],
            "integer": [p.integer for p in params],
            "source": [p.source for p in params],
            "choices": [" / ".join(getattr(p, "choices", ())) for p in params],
        }
    )
    for col in ind.columns:
        if col != "key":
            table[col] = ind[col].to_numpy()
    table["flip_share"] = flip
    table["mean"] = mean
    table["points"] = len(Y)
    table["opposite_points"] = int(opposite.sum())
    table["opposite_clear_points"] = int(clear.sum())
    table = table.sort_values("influence", ascending=False, kind="stable").reset_index(drop=True)
    table.insert(3, "rank", np.arange(1, len(table) + 1))
    return table


def _sign_words(quantity: str, v: float) -> str:
    effect = quantity.startswith("effect on")
    if v > 0:
        return "a rise" if effect else "a value above zero"
    return "a fall" if effect else "a value below zero"


def _names(rows: pd.DataFrame) -> str:
    names = [
        f"{r.label} ({r.key}, "
        f"{range_text(r.low, r.high, bool(r.integer), getattr(r, 'choices', ''))})"
        for r in rows.itertuples()
    ]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sentences(table: pd.DataFrame, seeds: int | None = None) -> list[str]:
    """The plain sentences for one metric's rows of ``sensitivity.csv``.

    The first names the mean and the three assumptions the figure depends on most; the second
    says whether the sign of the mean flips anywhere inside the ranges, and if so on what share
    of the design points and with moves of which parameters.
    """
    t = table.sort_values("rank")
    first = t.iloc[0]
    metric, quantity = first["metric"], first["quantity"]
    mean, n = float(first["mean"]), int(first["points"])
    effect = quantity.startswith("effect on")  # a change has a sign; a level is just a level
    seeds_text = f", {seeds} seed{'s' if seeds != 1 else ''} each" if seeds else ""
    top = t[t["influence"] > 0].head(TOP)
    m = metrics.lookup(metric)
    # 'people (mean over posts)' -> 'people': the sentence already says it is a mean.
    unit = f" {m.unit.split(' (')[0]}" if m and m.fmt not in ("share", "euros") and m.unit else ""
    shown = figure_value(metric, mean, "en", sign=effect)
    head = (
        f"{quantity[:1].upper() + quantity[1:]}: {shown}{unit} "
        f"on average over {n:,} design points{seeds_text}."
    )
    if top.empty:
        head += " No assumption moves it inside its range."
    else:
        head += f" It depends most on {_names(top)}."
    out = [head]
    if mean == 0:
        out.append("On average it does not move, so it has no sign to keep.")
        return out
    opp, clear = int(first["opposite_points"]), int(first["opposite_clear_points"])
    usual, other = _sign_words(quantity, mean), _sign_words(quantity, -mean)
    if opp == 0 and not effect:  # a level: where it lies, not a direction
        out.append(f"It stays {'above' if mean > 0 else 'below'} zero at every design point.")
        return out
    if opp == 0:
        out.append(f"Its sign holds inside the ranges: every design point shows {usual}.")
        return out
    drivers = t[t["flip_share"] > 0].sort_values("flip_share", ascending=False).head(TOP)
    parts = [f"{r.label} ({r.key}, {r.flip_share:.0%})" for r in drivers.itertuples()]
    how = (
        "the design steps that carry it across zero move"
        if first["method"] == "morris"
        else "the opposite sign goes most with"
    )
    text = (
        f"Its sign flips inside the ranges: {opp / n:.0%} of design points ({opp:,} of "
        f"{n:,}) show {other} instead of {usual}"
    )
    text += (
        f", {clear:,} of them by more than two standard errors of the seed mean"
        if seeds and seeds > 1
        else ""
    )
    if parts:
        listed = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
        text += f"; {how} {listed}"
    out.append(text + ".")
    return out


def summary_markdown(
    table: pd.DataFrame, title: str, seeds: int | None, charts: dict[str, str] | None = None
) -> str:
    """``sensitivity.md``: the sentences per metric, then the top parameters in a small table."""
    lines = [f"# {title}", ""]
    for metric, rows in table.groupby("metric", sort=False):
        q = rows["quantity"].iloc[0]
        lines += [f"## {q[:1].upper() + q[1:]}", "", *sentences(rows, seeds), ""]
        if charts and metric in charts:
            lines += [f"![tornado]({charts[metric]})", ""]
        index = "μ*" if rows["method"].iloc[0] == "morris" else "total index"
        lines += [
            f"| rank | assumption | range | {index} | pushes it | source |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows.sort_values("rank").head(10).itertuples():
            way = "up" if r.mu > 0 else ("down" if r.mu < 0 else "—")
            idx = (
                figure_value(metric, r.influence, "en")
                if r.method == "morris"
                else f"{r.influence:.2f}"
            )
            lines.append(
                f"| {r.rank} | {r.label} (`{r.key}`) | "
                f"{range_text(r.low, r.high, bool(r.integer), getattr(r, 'choices', ''))}"
                f" | {idx} | {way} | "
                f"{str(r.source).replace('|', '/')} |"
            )
        lines.append("")
    return "\n".join(lines)


def read_table(folder: str | Path) -> pd.DataFrame:
    """A study folder's ``sensitivity.csv``.

    Raises:
        FileNotFoundError: the folder holds no finished study.
    """
    from sim.base.safe_io import read_study_table

    return read_study_table(folder, TABLE_FILE, "sensitivity study")


def is_sensitivity_folder(folder: str | Path) -> bool:
    """Whether ``folder`` holds a sensitivity study (its ``sensitivity.toml``)."""
    return (Path(folder) / PLAN_FILE).exists()
