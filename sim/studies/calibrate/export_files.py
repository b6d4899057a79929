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

from sim.base.safe_io import FileRefusedError
from sim.base.safe_io import read_bytes as safe_read_bytes
from sim.studies.calibrate.export_layouts import (
    _SUFFIXES,
    MAX_BYTES,
    MAX_POSTS,
    ExportError,
    _norm,
)

# ---------------------------------------------------------------------------------------------
# Bytes in: regular files only, bounded.


def read_bytes(path: Path, force: bool = False, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most ``limit`` (default :data:`MAX_BYTES`) unless ``force``;
    FIFOs, devices and sockets are refused without blocking (see :mod:`sim.base.safe_io`)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot read it ({exc.strerror})") from None
    if stat.S_ISREG(st.st_mode) and st.st_size > limit and not force:
        raise ExportError(
            f"{path} is {st.st_size / 2**20:.0f} MB, more than the "
            f"{limit / 2**20:.0f} MB an analytics export of one account takes; "
            "check it is the right file, or pass --force to read it anyway"
        )
    try:
        return safe_read_bytes(
            path, "analytics export", limit=max(limit, st.st_size) if force else limit
        )
    except FileRefusedError as exc:
        raise ExportError(f"{exc}; save the export as a regular file and give that file") from None


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
                    f"{where}: starts as {enc.upper()} (byte-order mark) but byte "
                    f"{exc.start + len(bom)} is not {enc.upper()}; the file is "
                    "damaged: download the export again"
                ) from None
    head = raw[:4096]
    if head.count(0) > len(head) // 4:
        # UTF-16 without a byte-order mark: every other byte of plain text is zero.
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return _checked(raw.decode(enc), where)
        except UnicodeDecodeError:
            pass
        raise ExportError(
            f"{where} is a binary file, not a CSV export; give the file as "
            "downloaded (CSV, .xlsx, .xls or the ZIP)"
        )
    try:
        return _checked(raw.decode("utf-8"), where)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(raw.decode("cp1252"), where)
    except UnicodeDecodeError as exc:
        raise ExportError(
            f"{where}: unreadable encoding (byte 0x{raw[exc.start]:02x} at "
            f"{exc.start} is neither UTF-8, UTF-16 nor Windows-1252); save the "
            "file again as CSV UTF-8"
        ) from None


def _checked(text: str, where: str) -> str:
    controls = sum(ch < " " and ch not in "\t\r\n\f" for ch in text[:8192])
    if "\x00" in text[:8192] or controls > 8:
        raise ExportError(
            f"{where} is a binary file, not a CSV export; give the file as "
            "downloaded (CSV, .xlsx, .xls or the ZIP)"
        )
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
    best, best_hits = forced or ",", -1
    for delim in [forced] if forced else [",", ";", "\t"]:
        try:
            head = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delim), 15))
        except csv.Error:
            continue
        hits = max((sum(_norm(c) in lookup for c in r) for r in head), default=0)
        if hits > best_hits:
            best, best_hits = delim, hits
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=best)
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num + (1 if forced else 0), cells))
    except csv.Error as exc:
        raise ExportError(f"{where} line {reader.line_num}: not readable as CSV ({exc})") from None
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
        raise ExportError(
            f"{where}: not a readable .xlsx workbook ({exc}); open it in a "
            "spreadsheet and save it again, or download it again"
        ) from None
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
            out.append(_Table(f"{where} (sheet {ws.title!r})", rows))
    finally:
        wb.close()
    return out


def _xls_tables(raw: bytes, where: str, max_rows: int) -> list[_Table]:
    try:
        import xlrd
    except ImportError:
        raise ExportError(
            f"{where} is a legacy .xls workbook and the xlrd package is not "
            "installed; install feedsim's dependencies again, or open the file "
            "and save it as .xlsx"
        ) from None
    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    except Exception as exc:  # noqa: BLE001
        raise ExportError(
            f"{where}: not a readable .xls workbook ({exc}); open it in a "
            "spreadsheet and save it again, or download it again"
        ) from None
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
        out.append(_Table(f"{where} (sheet {sheet.name!r})", rows))
    return out


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
        raise ExportError(f"{path}: not a readable ZIP ({exc}); download it again") from None
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
                    f"{where} unpacks to {info.file_size / 2**20:.0f} MB, more than "
                    f"{MAX_BYTES / 2**20:.0f} MB; pass --force to read it anyway"
                )
            with zf.open(info) as f:
                data = f.read(None if force else MAX_BYTES - total + 1)
            total += len(data)
            if total > MAX_BYTES and not force:
                raise ExportError(
                    f"{where} unpacks to more than {MAX_BYTES / 2**20:.0f} MB; "
                    "pass --force to read it anyway"
                )
            out += _csv_tables(decode(data, where), where, lookup, years)
    if not out:
        raise ExportError(
            f"{path}: the ZIP holds no CSV file; give the ZIP TikTok Studio "
            "downloads (Content.csv, Overview.csv, FollowerHistory.csv)"
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
                f"{path}: not a readable ZIP or workbook ({exc}); download it again"
            ) from None
        if "xl/workbook.xml" in names:
            return _xlsx_tables(raw, str(path), max_rows)
        return _zip_tables(raw, path, lookup, force)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _xls_tables(raw, str(path), max_rows)
    if raw.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")):
        raise ExportError(
            f"{path} is a binary file (not a CSV, .xlsx, .xls or ZIP export); "
            "give the file as downloaded"
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
        raise ExportError(f"{path}: the folder holds no export (CSV, .xlsx, .xls or ZIP)")
    out, total = [], 0
    for p in files:
        try:
            size = os.stat(p).st_size
        except OSError:
            size = 0
        total += size
        if total > MAX_BYTES and not force:
            raise ExportError(
                f"{path}: its exports together exceed {MAX_BYTES / 2**20:.0f} MB; "
                "pass --force to read them anyway"
            )
        out += _file_tables(p, lookup, force)
    return out
