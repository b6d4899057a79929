"""A result folder as a spreadsheet (``.xlsx``, openpyxl): summary, days and posts.

Cells hold real numbers, rounded to what a reader needs, with a number format (thousands
grouping, euros, percentages) that the spreadsheet program shows in the reader's own
conventions: Dutch Excel shows ``1.234,5`` and ``4,6%`` from the same file. Headers name the
figure and its unit in the chosen language. Sheets:

- summary: the presented figures (:mod:`sim.base.presented`), one row per run, arm or grid point:
  the median over seeds and the band holding 90% of them;
- runs (comparisons and sweeps): the figures of every run, by seed;
- assumptions: every assumed value, its setting's key and its source (the report's
  assumptions page says the same in plain words);
- days: the folder's per-day table (every run of a comparison or sweep, tidy);
- posts (a run): one row per post.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from sim.base import metrics, presented
from sim.base.i18n import tr
from sim.base.l10n import excel_format
from sim.base.safe_io import FORMULA_STARTS, atomic_file
from sim.present.report.source import RUN, ReportSource

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL = 32_767  # characters a cell holds
# Digits kept per catalogue format (shares keep six: 0.000016 is 0.0016%).
DECIMALS = {
    "count": 0,
    "euros": 2,
    "share": 6,
    "ratio": 3,
    "number": 3,
    "percent": 4,
    "cents": 2,
    "return": 4,
}
# Columns that are not metrics: their header words.
PLAIN = {
    "arm": "scenario",
    "seed": "seed",
    "point": "setting",
    "point_index": "setting number",
    "seeds": "simulated runs",
    "run": "run",
    "key": "setting",
    "value": "value",
    "source": "source (as the preset states it)",
}
BAND_WORDS = {"low": "low end of the 90% band", "high": "high end of the 90% band"}
# Columns of the runs sheet that are no presented figure: their words and format.
EXTRA = {"extra_spend": ("extra spend against the baseline", "euros")}


def _header(name: str, lang: str) -> str:
    stem, _, band = name.rpartition("_")
    if band in BAND_WORDS and stem in presented.FIGURE:
        return f"{_header(stem, lang)}, {tr(BAND_WORDS[band], lang)}"
    if name in presented.FIGURE:
        f = presented.FIGURE[name]
        unit = {"euros": "€", "cents": "€", "return": "%"}.get(f.fmt)
        return f"{f.label(lang)} ({unit})" if unit else f.label(lang)
    if name in EXTRA:
        return f"{tr(EXTRA[name][0], lang)} (€)"
    if name in PLAIN:
        return tr(PLAIN[name], lang)
    m = _metric(name)
    if m is None:
        return name
    label, unit = tr(m.label, lang), tr(m.unit, lang)
    unit = "%" if m.fmt == "share" else ("€" if m.fmt == "euros" else unit)
    return label if not unit or unit in label else f"{label} ({unit})"


def _metric(name: str):
    """The catalogue entry of a column: a run figure, a core day or post metric, or a tactic's or
    platform action's own day counter."""
    m = metrics.lookup(name)
    if m is None:
        from sim.registry import COMPONENTS

        counters = {c.name: c for comp in COMPONENTS for c in comp.counters}
        m = counters.get(name)
    return m


def _fmt(name: str) -> str:
    """The column's format: a key figure's or the metric catalogue's; ``"plain"`` for an
    identifier (arm, seed); ``"given"`` for anything else (a grid key's values), kept as is."""
    stem, _, band = name.rpartition("_")
    if band in BAND_WORDS and stem in presented.FIGURE:
        name = stem
    if name in presented.FIGURE:
        return presented.FIGURE[name].fmt
    if name in EXTRA:
        return EXTRA[name][1]
    if name in PLAIN:
        return "plain"
    m = _metric(name)
    return m.fmt if m else "given"


def _cell_value(v, decimals: int | None):
    """A cell's value: numbers rounded to ``decimals`` (None: as they are; NaN left empty),
    booleans and text as they are."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) or hasattr(v, "dtype"):
        try:
            x = float(v)
        except (TypeError, ValueError):
            return str(v)
        if math.isnan(x) or math.isinf(x):
            return None
        if decimals is None:
            return int(x) if x.is_integer() else x
        return int(round(x)) if decimals == 0 else round(x, decimals)
    return str(v)


def _cell(ws, value):
    """A cell of ``value``; text is always a text cell, never a formula.

    Text (a label, a description, a grid value) is stored as a string whatever it begins with,
    and text that begins as a formula would (``=``, ``+``, ``-``, ``@``, a tab) is also marked
    to be shown as typed (Excel's quote prefix), so that editing the cell does not turn it into
    one. Characters a worksheet cannot hold (control characters) are dropped, and text is cut
    to the 32,767 characters a cell can hold.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return WriteOnlyCell(ws, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > EXCEL_MAX_CELL:
        text = text[: EXCEL_MAX_CELL - 1] + "…"
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _write_sheet(wb, title: str, frame: pd.DataFrame, lang: str) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title[:31])
    cols = list(frame.columns)
    fmts = [_fmt(c) for c in cols]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in cols
    ]
    decimals = [None if f in ("plain", "given") else DECIMALS.get(f, 3) for f in fmts]
    formats = [_number_format(c, f) for c, f in zip(cols, fmts, strict=True)]
    for c, col in enumerate(cols):
        ws.column_dimensions[_letter(c)].width = max(10, min(40, len(_header(col, lang)) + 2))
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for c in cols:
        cell = _cell(ws, _header(c, lang))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    rows = frame.itertuples(index=False, name=None)
    for n, row in enumerate(rows):
        if n + 2 > EXCEL_MAX_ROWS:
            break
        out = []
        for v, is_num, d, f in zip(row, numeric, decimals, formats, strict=True):
            cell = _cell(ws, _cell_value(v, d if is_num else None))
            if is_num:
                cell.number_format = f
            out.append(cell)
        ws.append(out)


def _number_format(name: str, fmt: str) -> str:
    """How a column's numbers show: whole counts and euros, percentages with one or two
    decimals (a key figure's return is a ratio: 1.28 shows as 128.0%), others with two."""
    if fmt in ("plain", "given"):
        return "General"
    if fmt in ("percent", "return"):
        return excel_format("share", 1)
    if fmt == "cents":
        return excel_format("euros", 2)
    if fmt == "euros":
        return excel_format("euros", 2 if name == "cost_per_engaged_real_follower" else 0)
    if fmt == "share":
        return "0.00##%"  # 4.56% and 0.0016% alike, never a misleading 0.00%
    return excel_format("count" if fmt == "count" else "number", 0 if fmt == "count" else 2)


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def summary_frame(src: ReportSource, lang: str = "en") -> pd.DataFrame:
    """The summary sheet: the presented figures per run, arm or grid point (its title in
    ``lang`` first): the median over seeds and, with several seeds, the 90% band."""
    t = src.table
    group = "run" if src.kind == RUN else "arm" if src.kind in ("comparison", "whatif") else "point"
    rows = []
    for g in t.groups:
        row = {group: src.shown(g, lang)}
        if src.kind != RUN:
            row["seeds"] = int((t.per_run.iloc[:, 0] == g).sum())
        for n in t.names():
            row[n] = t.value(g, n)
            if t.seeds > 1 and presented.FIGURE[n].fmt != "return":
                row[f"{n}_low"], row[f"{n}_high"] = t.low.loc[g, n], t.high.loc[g, n]
        rows.append(row)
    return pd.DataFrame(rows)


def runs_frame(src: ReportSource, lang: str = "en") -> pd.DataFrame:
    """The runs sheet: every figure of every run, by seed (groups by their titles)."""
    t = src.table
    keep = [
        c
        for c in t.per_run.columns
        if c in presented.FIGURE or c in EXTRA or c == "seed" or c == t.per_run.columns[0]
    ]
    out = t.per_run[keep].copy()
    first = out.columns[0]
    out[first] = out[first].map(lambda g: src.shown(g, lang))
    return out


def _groups_shown(frame: pd.DataFrame, src: ReportSource, lang: str) -> pd.DataFrame:
    """A day or post table with its arms (or grid points) named as the summary and the report
    name them (their titles in ``lang``), not by the labels the folder keeps."""
    col = next((c for c in ("arm", "point") if c in frame.columns), None)
    if col is None or not src.titles:
        return frame
    names = {g: src.shown(g, lang) for g in frame[col].unique()}
    return frame.assign(**{col: frame[col].map(names)})


def write_workbook(src: ReportSource, lang: str, path: str | Path, assumptions=None) -> Path:
    """Write the spreadsheet of ``src`` in ``lang`` to ``path`` (with the technical table of
    ``assumptions``, a :class:`sim.present.report.assumptions.Assumptions`, when given).

    Returns:
        The path written.
    """
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook(write_only=True)
    _write_sheet(wb, tr("summary", lang), summary_frame(src, lang), lang)
    if src.kind != RUN:
        _write_sheet(wb, tr("runs", lang), runs_frame(src, lang), lang)
    _write_sheet(wb, tr("days", lang), _groups_shown(src.days, src, lang), lang)
    if src.posts is not None:
        _write_sheet(wb, tr("posts", lang), _groups_shown(src.posts, src, lang), lang)
    if assumptions is not None:
        from sim.present.report.text import assumption_table

        _write_sheet(wb, tr("assumptions", lang), assumption_table(assumptions), lang)
    # Written all at once: a kill or a full disk mid-write leaves the earlier spreadsheet whole.
    with atomic_file(path, path.parent, fsync=True) as out:
        wb.save(out)
    return path


def write_sheets(sheets: list[tuple[str, pd.DataFrame]], lang: str, path: str | Path) -> Path:
    """Write a study's tables, one sheet each (title, frame), to ``path``."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook(write_only=True)
    for title, frame in sheets:
        _write_sheet(wb, title, frame, lang)
    with atomic_file(path, path.parent, fsync=True) as out:
        wb.save(out)
    return path
