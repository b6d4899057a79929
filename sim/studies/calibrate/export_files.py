"""Tables out of analytics export files: bytes in (regular files only, bounded), decoded text,
and the rows of every table a CSV, ``.xlsx`` or ``.xls`` workbook, TikTok Studio ZIP or folder of
them holds.

Each table is (where, rows), each row (row number, cells); :mod:`sim.studies.calibrate.exports`
finds the posts and follower histories among them.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.base.i18n import Said
from sim.base.safe_io import FileRefusedError
from sim.base.safe_io import read_bytes as safe_read_bytes
from sim.studies.calibrate.export_layouts import (
    _SUFFIXES,
    MAX_BYTES,
    MAX_POSTS,
    ExportError,
    _norm,
)
from sim.studies.calibrate.words import Named

# ---------------------------------------------------------------------------------------------
# Bytes in: regular files only, bounded.


def read_bytes(path: Path, force: bool = False, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most ``limit`` (default :data:`MAX_BYTES`) unless ``force``;
    FIFOs, devices and sockets are refused without blocking (see :mod:`sim.base.safe_io`)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ExportError(Said("{path}: no such file", {"path": path})) from None
    except OSError as exc:
        raise ExportError(
            Said("{path}: cannot read it ({reason})", {"path": path, "reason": exc.strerror})
        ) from None
    if stat.S_ISREG(st.st_mode) and st.st_size > limit and not force:
        raise ExportError(
            Said(
                "{path} is {size:.0f} MB, more than the {limit:.0f} MB an analytics export of "
                "one account takes; check it is the right file, or pass --force to read it anyway",
                {"path": path, "size": st.st_size / 2**20, "limit": limit / 2**20},
            )
        )
    # What safe_io would refuse in English, said here first in the reader's language.
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(
            Said(
                "{path} is a folder, not an analytics export; save the export as a regular "
                "file and give that file",
                {"path": path},
            )
        )
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(
            Said(
                "{path} is not a regular file (a pipe, socket or device); an analytics export "
                "must be an ordinary file; save the export as a regular file and give that file",
                {"path": path},
            )
        )
    try:
        return safe_read_bytes(
            path, "analytics export", limit=max(limit, st.st_size) if force else limit
        )
    except FileRefusedError as exc:
        raise ExportError(
            Said(
                "{reason}; save the export as a regular file and give that file",
                {"reason": str(exc)},
            )
        ) from None


def decode(raw: bytes, where: str) -> str:
    """The text of a CSV as downloaded: BOM-marked UTF-8 or UTF-16, plain UTF-8, else cp1252.
    Binary data and bytes no encoding explains are named as such."""
    if raw.startswith(codecs.BOM_UTF8):
        # A UTF-8 mark over Windows-1252 text happens when a spreadsheet re-saves a download.
        raw = raw[len(codecs.BOM_UTF8) :]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom) :].decode(enc), where)
            except UnicodeDecodeError as exc:
                raise ExportError(
                    Said(
                        "{where}: starts as {enc} (byte-order mark) but byte {byte} is not "
                        "{enc}; the file is damaged: download the export again",
                        {"where": where, "enc": enc.upper(), "byte": exc.start + len(bom)},
                    )
                ) from None
    head = raw[:4096]
    if head.count(0) > len(head) // 4:
        # UTF-16 without a byte-order mark: every other byte of plain text is zero.
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return _checked(raw.decode(enc), where)
        except UnicodeDecodeError:
            pass
        raise _binary(where)
    try:
        return _checked(raw.decode("utf-8"), where)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(raw.decode("cp1252"), where)
    except UnicodeDecodeError as exc:
        raise ExportError(
            Said(
                "{where}: unreadable encoding (byte 0x{byte:02x} at {at} is neither UTF-8, "
                "UTF-16 nor Windows-1252); save the file again as CSV UTF-8",
                {"where": where, "byte": raw[exc.start], "at": exc.start},
            )
        ) from None


def _binary(where: str) -> ExportError:
    return ExportError(
        Said(
            "{where} is a binary file, not a CSV export; give the file as downloaded (CSV, "
            ".xlsx, .xls or the ZIP)",
            {"where": where},
        )
    )


def _checked(text: str, where: str) -> str:
    controls = sum(ch < " " and ch not in "\t\r\n\f" for ch in text[:8192])
    if "\x00" in text[:8192] or controls > 8:
        raise _binary(where)
    return text


# ---------------------------------------------------------------------------------------------
# Tables out of files: (where, rows), each row (row number, cells).


@dataclass
class _Table:
    where: str
    rows: list[tuple[int, list[str]]]
    years: tuple[pd.Timestamp, pd.Timestamp] | None = None  # from a ZIP's (or file's) name


def _csv_tables(text: str, where: str, lookup: dict, years) -> list[_Table]:
    lines = text.splitlines()
    forced = None
    if lines and re.fullmatch(r'"?sep=(.)"?,*', lines[0].strip()):
        forced = re.fullmatch(r'"?sep=(.)"?,*', lines[0].strip()).group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
    best, best_key = forced or ",", (-1, 0)
    for delim in [forced] if forced else [",", ";", "\t"]:
        try:
            head = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delim), 15))
        except csv.Error:
            continue
        hits = max((sum(_norm(c) in lookup for c in r) for r in head), default=0)
        # Where no delimiter finds a known header, the one that splits the first row widest is
        # the file's own, so a refusal names its columns ('a', 'b', 'c', not 'a;b;c').
        first = next((r for r in head if any(c.strip() for c in r)), [])
        key = (hits, 0 if hits else len(first))
        if key > best_key:
            best, best_key = delim, key
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=best)
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num + (1 if forced else 0), cells))
    except csv.Error as exc:
        raise ExportError(
            Said(
                "{where} line {line}: not readable as CSV ({reason})",
                {"where": where, "line": reader.line_num, "reason": str(exc)},
            )
        ) from None
    return [_Table(where, rows, years)]


def _cell(value) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _xlsx_tables(raw: bytes, where: str, max_rows: int) -> list[_Table]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook is the user's file, not a bug
        raise _unreadable_book(where, ".xlsx", exc) from None
    out = []
    try:
        for ws in wb.worksheets:
            rows = []
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if i > max_rows:
                    break
                cells = [_cell(v) for v in values]
                if any(c.strip() for c in cells):
                    rows.append((i, cells))
            out.append(_Table(_sheet(where, ws.title), rows))
    finally:
        wb.close()
    return out


def _xls_tables(raw: bytes, where: str, max_rows: int) -> list[_Table]:
    try:
        import xlrd
    except ImportError:
        raise ExportError(
            Said(
                "{where} is a legacy .xls workbook and the xlrd package is not installed; "
                "install feedsim's dependencies again, or open the file and save it as .xlsx",
                {"where": where},
            )
        ) from None
    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    except Exception as exc:  # noqa: BLE001
        raise _unreadable_book(where, ".xls", exc) from None
    out = []
    for sheet in book.sheets():
        rows = []
        for r in range(min(sheet.nrows, max_rows)):
            cells = []
            for c in sheet.row(r):
                if c.ctype == xlrd.XL_CELL_DATE:
                    try:
                        cells.append(_cell(xlrd.xldate.xldate_as_datetime(c.value, book.datemode)))
                    except Exception:  # noqa: BLE001
                        cells.append(_cell(c.value))
                else:
                    cells.append(_cell(c.value))
            if any(x.strip() for x in cells):
                rows.append((r + 1, cells))
        out.append(_Table(_sheet(where, sheet.name), rows))
    return out


def _sheet(where: str, title: str) -> Named:
    """A workbook's sheet as a refusal names it, in the words of the reader's spreadsheet."""
    said = Said("{where} (sheet {title!r})", {"where": where, "title": title})
    return Named(str(said), nl=said.text("nl"))


def _unreadable_book(where: str, kind: str, exc: Exception) -> ExportError:
    return ExportError(
        Said(
            "{where}: not a readable {kind} workbook ({reason}); open it in a spreadsheet and "
            "save it again, or download it again",
            {"where": where, "kind": kind, "reason": str(exc)},
        )
    )


def _years_in_name(name: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The period a file name states: two dates (``2024-09-01_2024-09-28``, ``20240901``) or
    years (``2024-2025``)."""
    dates = []
    for y, m, d in re.findall(r"(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", name):
        try:
            dates.append(pd.Timestamp(int(y), int(m), int(d)))
        except ValueError:
            continue
    if dates:
        return min(dates), max(dates)
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name)]
    if years:
        return pd.Timestamp(min(years), 1, 1), pd.Timestamp(max(years), 12, 31)
    return None


def _zip_tables(raw: bytes, path: Path, lookup: dict, force: bool) -> list[_Table]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise ExportError(
            Said(
                "{path}: not a readable ZIP ({reason}); download it again",
                {"path": path, "reason": str(exc)},
            )
        ) from None
    years = _years_in_name(path.name)
    out, total = [], 0
    with zf:
        for info in zf.infolist():
            name = info.filename
            if (
                info.is_dir()
                or not name.lower().endswith((".csv", ".txt"))
                or Path(name).name.startswith((".", "__MACOSX"))
                or "__MACOSX" in name
            ):
                continue
            where = f"{path} ({name})"
            if info.file_size > MAX_BYTES and not force:
                raise ExportError(
                    Said(
                        "{where} unpacks to {size:.0f} MB, more than {limit:.0f} MB; pass "
                        "--force to read it anyway",
                        {
                            "where": where,
                            "size": info.file_size / 2**20,
                            "limit": MAX_BYTES / 2**20,
                        },
                    )
                )
            with zf.open(info) as f:
                data = f.read(None if force else MAX_BYTES - total + 1)
            total += len(data)
            if total > MAX_BYTES and not force:
                raise ExportError(
                    Said(
                        "{where} unpacks to more than {limit:.0f} MB; pass --force to read it "
                        "anyway",
                        {"where": where, "limit": MAX_BYTES / 2**20},
                    )
                )
            out += _csv_tables(decode(data, where), where, lookup, years)
    if not out:
        raise ExportError(
            Said(
                "{path}: the ZIP holds no CSV file; give the ZIP TikTok Studio downloads "
                "(Content.csv, Overview.csv, FollowerHistory.csv)",
                {"path": path},
            )
        )
    return out


def _file_tables(path: Path, lookup: dict, force: bool) -> list[_Table]:
    raw = read_bytes(path, force)
    max_rows = MAX_POSTS * 2 + 100 if not force else 10**9
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise ExportError(
                Said(
                    "{path}: not a readable ZIP or workbook ({reason}); download it again",
                    {"path": path, "reason": str(exc)},
                )
            ) from None
        if "xl/workbook.xml" in names:
            return _xlsx_tables(raw, str(path), max_rows)
        return _zip_tables(raw, path, lookup, force)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _xls_tables(raw, str(path), max_rows)
    if raw.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")):
        raise ExportError(
            Said(
                "{path} is a binary file (not a CSV, .xlsx, .xls or ZIP export); give the file "
                "as downloaded",
                {"path": path},
            )
        )
    return _csv_tables(decode(raw, str(path)), str(path), lookup, _years_in_name(path.name))


def _tables(path: Path, lookup: dict, force: bool) -> list[_Table]:
    try:
        is_dir = path.is_dir()
    except OSError:
        is_dir = False
    if not is_dir:
        return _file_tables(path, lookup, force)
    files = sorted(
        p
        for p in path.iterdir()
        if not p.name.startswith(".") and p.name.lower().endswith(_SUFFIXES)
    )
    if not files:
        raise ExportError(
            Said("{path}: the folder holds no export (CSV, .xlsx, .xls or ZIP)", {"path": path})
        )
    out, total = [], 0
    for p in files:
        try:
            size = os.stat(p).st_size
        except OSError:
            size = 0
        total += size
        if total > MAX_BYTES and not force:
            raise ExportError(
                Said(
                    "{path}: its exports together exceed {limit:.0f} MB; pass --force to read "
                    "them anyway",
                    {"path": path, "limit": MAX_BYTES / 2**20},
                )
            )
        out += _file_tables(p, lookup, force)
    return out
