"""The plausible-worlds chart: one mark per world, the baseline's line, coloured by direction.

Drawn here, in the outputs' wing, from what the study (:mod:`sim.studies.worlds`) wrote; the
study's run takes the drawing function from its caller, so the study imports no chart.

Each world's mark is the tactic's headline as a multiple of the baseline's in that world (mean
over seeds), so the baseline is the line at 1 in every world; worlds are sorted from the
largest loss to the largest gain, and labelled by their alternatives. Drawn from the table and
statement the study wrote, nothing else.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pandas as pd

from sim.base.l10n import number
from sim.present.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    pyplot,
    save_figure,
    speaks,
    style,
)
from sim.studies.worlds.plan import HEADLINE

COLOURS = {"lower": PALETTE[1], "higher": PALETTE[2], "same": NOTE_COLOUR}
WORDS = {
    "en": {
        "lower": "lower than the baseline",
        "higher": "higher than the baseline",
        "same": "no difference",
        "baseline": "baseline: {name}",
        "y": "{what}, as a multiple of the baseline's",
        "x": "plausible worlds ({keys})",
        "note": "{users} users, {days} days, {seeds} per world; mean over the runs",
        "runs": ("simulated run", "simulated runs"),
        "without": "the same scenario without its tactics",
    },
    "nl": {
        "lower": "lager dan de vergelijking",
        "higher": "hoger dan de vergelijking",
        "same": "geen verschil",
        "baseline": "vergelijking: {name}",
        "y": "{what}, als veelvoud van de vergelijking",
        "x": "plausibele werelden ({keys})",
        "note": "{users} gebruikers, {days} dagen, {seeds} per wereld; gemiddelde over de runs",
        "runs": ("gesimuleerde run", "gesimuleerde runs"),
        "without": "hetzelfde scenario zonder tactieken",
    },
}


def _key_rows(t: pd.DataFrame, said: dict[str, Any], lang: str) -> list[tuple[str, list[str]]]:
    """The key below the marks: per assumption, its words with a letter for each alternative
    ('wat gekochte volgers doen: A openen de app nooit · B ...') and each world's letter, so a
    world is read down its column instead of from a label of four alternatives on end."""
    from sim.scenario.assumptions import BY_KEY
    from sim.studies.sensitivity.report import choice_words

    rows = []
    for key, a in said.get("assumptions", {}).items():
        alternatives = [str(x) for x in a.get("alternatives", [])]
        if key not in t.columns or not alternatives:
            continue
        # In the catalogue's order (the scenario's own choice first), as every other page
        # lists them; the study keeps them sorted by name.
        order = list(getattr(BY_KEY.get(key), "names", ()))
        alternatives.sort(key=lambda x: order.index(x) if x in order else len(order))
        letters = {alt: chr(ord("A") + i) for i, alt in enumerate(alternatives)}
        legend = " · ".join(f"{letters[alt]} {choice_words(alt, lang)}" for alt in alternatives)
        words = str(a.get("nl" if lang == "nl" else "en", key))
        rows.append((f"{words}: {legend}", [letters.get(str(v), "?") for v in t[key]]))
    return rows


@speaks
def worlds_chart(
    table: pd.DataFrame, said: dict[str, Any], out_base: str | Path, lang: str = "en"
) -> list[Path]:
    """Draw ``out_base``.png/.svg from a worlds table and its statement; returns the files."""
    from sim.studies.worlds.statement import headline_words

    plt = pyplot()
    w = WORDS["nl" if lang == "nl" else "en"]
    t = table.sort_values(f"{HEADLINE}_ratio", kind="stable").reset_index(drop=True)
    legend_rows = _key_rows(t, said, lang)
    width = max(7.0, 0.32 * len(t) + 3)
    # Below the marks, a key of one row per assumption (half an inch each): a world's
    # alternatives (four when every structural assumption is varied, 36 worlds) stood on end
    # as one tick label would leave the marks no room.
    fig, (ax, key) = plt.subplots(
        2,
        1,
        sharex=True,
        figsize=(width, 5.2 + 0.5 * len(legend_rows)),
        height_ratios=[4.0, 0.5 * max(len(legend_rows), 1)],
        layout="constrained",
    )
    ax.axhline(1.0, color=TEXT_COLOUR, lw=1.4, zorder=1)
    name = str(said["baseline"])
    name = w["without"] if name.endswith("-without-tactics") else name
    ax.text(
        len(t) - 0.5,
        1.0,
        " " + w["baseline"].format(name=name),
        va="bottom",
        ha="right",
        fontsize=8,
        color=TEXT_COLOUR,
    )
    for way, colour in COLOURS.items():
        rows = t[t["direction"] == way]
        if len(rows):
            ax.scatter(
                rows.index, rows[f"{HEADLINE}_ratio"], color=colour, s=46, zorder=3, label=w[way]
            )
    ax.set_xlim(-0.7, len(t) - 0.3)
    style(ax)
    _draw_key(key, legend_rows)
    if legend_rows:
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
    else:  # a table without the assumptions' columns: each world by its own label
        ax.set_xticks(range(len(t)), [str(x) for x in t["label"]], rotation=90, fontsize=7)
    what = headline_words(HEADLINE)[1 if lang == "nl" else 0]
    # Wrapped: on one line a long figure's name ran past the top of the axes.
    ax.set_ylabel(textwrap.fill(w["y"].format(what=what), 48), fontsize=9)
    keys = " · ".join(
        str(a.get("nl" if lang == "nl" else "en", k))
        for k, a in said.get("assumptions", {}).items()
    )
    runs = len(said.get("seeds", []))
    note = w["note"].format(
        users=number(said.get("users", 0), lang),
        days=number(said.get("days", 0), lang),
        seeds=f"{number(runs, lang)} {w['runs'][0 if runs == 1 else 1]}",
    )
    below = key if legend_rows else ax
    below.set_xlabel(w["x"].format(keys=keys) + "\n" + note, fontsize=8, color=TEXT_COLOUR)
    ax.legend(loc="best", fontsize=8, frameon=False)
    # About 11 characters of 10-point text per inch of width.
    ax.set_title(
        "\n".join(textwrap.wrap(said["nl" if lang == "nl" else "en"], int(width * 10.5))),
        fontsize=10,
        loc="left",
        color=TEXT_COLOUR,
    )
    return save_figure(fig, out_base)


def _draw_key(key, rows: list[tuple[str, list[str]]]) -> None:
    """Row ``i`` of ``key``: the assumption's words and letters above, each world's letter in
    its column below."""
    key.set_ylim(len(rows) - 0.1, -0.75)
    key.set_yticks([])
    key.tick_params(axis="x", length=0, labelbottom=False)
    for side in ("top", "right", "bottom", "left"):
        key.spines[side].set_visible(False)
    for i, (legend, letters) in enumerate(rows):
        key.text(-0.6, i - 0.3, legend, fontsize=7.5, color=TEXT_COLOUR, va="bottom")
        for j, letter in enumerate(letters):
            key.text(j, i + 0.05, letter, fontsize=8, ha="center", va="center")
    if not rows:
        key.set_visible(False)


def worlds_charts(
    folder: str | Path, lang: str = "en", out: str | Path | None = None
) -> list[Path]:
    """Redraw a finished study's chart in ``lang`` into ``out`` (default: its folder), from its
    ``worlds.csv`` and ``statement.json`` read as regular files inside the folder."""
    from sim.base import safe_io
    from sim.studies.worlds.statement import STATEMENT_FILE, TABLE_FILE

    folder = Path(folder)
    for name in (STATEMENT_FILE, TABLE_FILE):
        if not (folder / name).is_file():
            raise FileNotFoundError(
                f"{folder} has no {name}: the plausible-worlds study has "
                "not finished; run the same command again to complete it"
            )
    said = safe_io.read_json(folder / STATEMENT_FILE, "worlds statement", folder)
    table = safe_io.read_csv(folder / TABLE_FILE, "worlds table", folder, whole=True)
    return worlds_chart(table, said, (Path(out) if out else folder) / "worlds", lang=lang)
