"""Columns and values of analytics exports: which column holds which field (and the refusal of a
file without the columns a fit needs), and counts and times as exports write them (``1.2K``,
``1.234``, ``--``; ISO, day-first, month-first, Excel serial numbers, ``September 25``).

Used by :mod:`sim.studies.calibrate.exports` and :mod:`sim.studies.calibrate.export_history`.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from sim.base.i18n import Said
from sim.base.l10n import Count
from sim.base.platform_names import platform_name
from sim.studies.calibrate.export_files import _Table
from sim.studies.calibrate.export_layouts import (
    _BLANK,
    _DAY_FIRST,
    _ISO,
    _MONTH_FIRST,
    _NOT_APPLICABLE,
    ABSURD,
    COUNTS,
    HEADERS,
    LANGS,
    MONTHS,
    SOURCE_NAME,
    ExportError,
    _norm,
)
from sim.studies.calibrate.words import Listed, Named, Note, measure

# ---------------------------------------------------------------------------------------------
# Columns.


def _header(table: _Table, lookup: dict) -> tuple[int, int]:
    """(index in rows, known columns) of the row (among the first 15) naming most known columns."""
    best, best_hits = 0, -1
    for i, (_, cells) in enumerate(table.rows[:15]):
        hits = len({lookup[_norm(c)][0] for c in cells if _norm(c) in lookup})
        if hits > best_hits:
            best, best_hits = i, hits
    return best, max(best_hits, 0)


def _columns(
    header: list[str], lookup: dict, where: str, prefer: tuple[str, ...] = ("views",)
) -> tuple[dict[str, int], list[str], list[str]]:
    """Field -> column index, the languages of the names found, and notes.

    A field named by two columns is refused (two Reach columns cannot both be the reach), except
    the fields in ``prefer`` whose synonyms rank (Views before Impressions): the better one is
    taken and the choice noted.
    """
    found: dict[str, list[tuple[int, int, str]]] = {}
    langs = []
    for j, name in enumerate(header):
        hit = lookup.get(_norm(name))
        if hit:
            found.setdefault(hit[0], []).append((hit[2], j, name))
            langs.append(hit[1])
    columns: dict[str, int] = {}
    notes: list[str] = []
    for fld, hits in found.items():
        if len(hits) > 1:
            names = {_norm(n) for _, _, n in hits}
            if fld not in COUNTS + ("posted_at",):
                columns[fld] = sorted(hits)[0][1]  # descriptive: the preferred name serves
                continue
            if fld not in prefer or len(names) < len(hits):
                cols = [Said("{name!r} (column {n})", {"name": n, "n": j + 1}) for _, j, n in hits]
                raise ExportError(
                    Said(
                        "{where}: {fld} is in more than one column: {cols}; a file cannot be "
                        "read with two columns for one figure: delete or rename all but one",
                        {"where": where, "fld": measure(fld), "cols": Listed(tuple(cols), ", ")},
                    )
                )
            hits = sorted(hits)
            aside = ", ".join(repr(n) for _, _, n in hits[1:])
            notes.append(Note("read_from", fld=fld, name=hits[0][2], aside=aside))
        columns[fld] = hits[0][1]
    return columns, langs, notes


def _missing(columns: dict) -> list[str]:
    missing = []
    if "posted_at" not in columns:
        missing.append("posted_at")
    if "reach" not in columns and "views" not in columns:
        missing.append("reach")
    missing += [f for f in ("likes", "comments") if f not in columns]
    return missing


_WHAT = {
    "posted_at": "the time of each post",
    "reach": "its reach or views",
    "likes": "its likes",
    "comments": "its comments",
}


def _refusal(source: str, platform: str, header: list[str], missing: list[str]) -> ExportError:
    names = []
    for m in missing:
        spec = HEADERS[platform][m]
        looked = [n for lang in LANGS for n in spec[lang]]
        if m == "reach":
            looked += [n for lang in LANGS for n in HEADERS[platform]["views"][lang]]
        listed = " / ".join(dict.fromkeys(looked))
        names.append(Said("{what} ({names})", {"what": Said(_WHAT[m], {}), "names": listed}))
    found = ", ".join(repr(c) for c in header[:14]) + (" ..." if len(header) > 14 else "")
    return ExportError(
        Said(
            "{source} is not a post-level {platform} export: no column for {names}. Found "
            "columns: {found}. Download the post-level export from {where}, or rename the "
            "columns to one of the names listed",
            {
                "source": source,
                "platform": Named(platform, nl=platform_name(platform)),
                "names": Listed(tuple(names)),
                "found": found or Said("none", {}),
                "where": SOURCE_NAME[platform],
            },
        )
    )


# ---------------------------------------------------------------------------------------------
# Values.


def _count(text: str, fld: str, where: str, row: int, signed: bool = False) -> float:
    """A count as written in an export: ``1234``, ``1,234``, ``1.234``, ``1 234``, ``1.2K``,
    ``3M``; blank or ``--`` is 0, ``NA`` is unknown (NaN). Not finite, negative or absurd values
    are refused with the row."""
    t = str(text).strip().strip('"').replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    low = t.casefold()
    if low in _BLANK:
        return 0.0
    if low in _NOT_APPLICABLE:
        return float("nan")
    scale = 1.0
    m = re.fullmatch(r"([-+]?\d+(?:[.,]\d+)?)([kmb])", low)
    if m:
        t = m.group(1).replace(",", ".")
        scale = {"k": 1e3, "m": 1e6, "b": 1e9}[m.group(2)]
    else:
        t = re.sub(r"[.,](?=\d{3}(\D|$))", "", t)  # thousands separators
        t = t.replace(",", ".")
    fields = {"where": where, "row": row, "fld": measure(fld), "value": text}
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?", t.casefold()):
        raise ExportError(Said("{where} row {row}: {fld} = {value!r} is not a number", fields))
    value = float(t) * scale
    if not math.isfinite(value):
        raise ExportError(
            Said("{where} row {row}: {fld} = {value!r} is not a finite number", fields)
        )
    if value < 0 and not signed:
        raise ExportError(
            Said("{where} row {row}: {fld} = {value!r} is negative; a count cannot be", fields)
        )
    if abs(value) > ABSURD:
        raise ExportError(
            Said(
                "{where} row {row}: {fld} = {value!r} is more than {limit:,}, more than any "
                "post's real figure; the file is damaged or the column is not a count",
                fields | {"limit": Count(ABSURD)},
            )
        )
    return value


def _named_month(value: str, years) -> pd.Timestamp | None:
    """``September 25``, ``25 september``, ``Sep 25, 2024 19:37`` (English, Dutch, German month
    names); a missing year is taken from ``years`` (the period in the file's name)."""
    v = value.strip().casefold().replace(",", " ")
    time = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?", v)
    hh = mm = 0
    if time:
        hh, mm = int(time.group(1)), int(time.group(2))
        if time.group(4) == "pm" and hh < 12:
            hh += 12
        if time.group(4) == "am" and hh == 12:
            hh = 0
        v = v[: time.start()] + v[time.end() :]
    words = re.findall(r"[a-zäöü]+", v)
    nums = re.findall(r"\d+", v)
    month = next((MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS), None)
    days = [int(n) for n in nums if len(n) <= 2]
    ys = [int(n) for n in nums if len(n) == 4]
    if month is None or len(days) != 1 or len(ys) > 1:
        return None
    day = days[0]
    if ys:
        candidates = [ys[0]]
    elif years is not None:
        candidates = list(range(years[0].year, years[1].year + 1))
    else:
        raise _NoYear(value)
    stamps = []
    for y in candidates:
        try:
            stamps.append(pd.Timestamp(y, month, day, hh, mm))
        except ValueError:
            continue
    if not stamps:
        return None
    if years is not None and not ys:
        inside = [s for s in stamps if years[0] <= s.normalize() <= years[1]]
        return inside[0] if inside else stamps[-1]
    return stamps[0]


class _NoYear(Exception):
    pass


def parse_times(
    values: list[str], language: str, where: str, years=None, what: str = "post time"
) -> pd.Series:
    """Dates as exports write them: ISO, ``MM/DD/YYYY HH:MM``, day-first ``1-3-2024 19:37``,
    Excel serial numbers, month names (``September 25``, the year from ``years``)."""
    formats = _ISO + (
        _DAY_FIRST + _MONTH_FIRST if language in ("nl", "de") else _MONTH_FIRST + _DAY_FIRST
    )
    series = pd.Series([str(v).strip() for v in values])
    for fmt in formats:
        parsed = pd.to_datetime(series, format=fmt, errors="coerce")
        if parsed.notna().all():
            return parsed
    nums = pd.to_numeric(series, errors="coerce")
    if nums.notna().all() and ((nums > 20000) & (nums < 80000)).all():
        # Excel serial numbers: days since 30 December 1899 (the 1900 date system).
        return (pd.Timestamp("1899-12-30") + pd.to_timedelta(nums, unit="D")).dt.round("min")
    try:
        named = [_named_month(v, years) for v in series]
    except _NoYear as exc:
        raise ExportError(
            Said(
                "{where}: the {what} {value!r} has no year, and the file's name does not say "
                "which period it covers; keep the name the platform gave the download (it "
                "holds the dates), or add the year",
                {"where": where, "what": measure(what), "value": exc.args[0]},
            )
        ) from None
    if all(n is not None for n in named):
        return pd.Series(named, dtype="datetime64[ns]")
    bad = next((v for v, n in zip(series, named, strict=True) if n is None), series.iloc[0])
    row = next((i for i, n in enumerate(named) if n is None), 0)
    raise ExportError(
        Said(
            "{where}: cannot read the {what} {value!r} (data row {row}); expected a date and "
            "time such as 2024-03-15 18:02, 03/15/2024 18:02, 15-03-2024 18:02, an Excel date "
            "or 'September 25'",
            {"where": where, "what": measure(what), "value": bad, "row": row + 1},
        )
    )
