"""Analytics exports as a brand downloads them: which columns each platform's export has, reading
one, writing one.

A brand downloads one row per post from Meta Business Suite (Instagram, Facebook), LinkedIn page
analytics (the ``All posts`` sheet of its workbook) or TikTok Studio (``Content.csv`` inside a
ZIP). Each export names its columns in the interface's language, and the order changes between
versions, so columns are found by name: every canonical field below lists the headers it may
carry in English, Dutch and, where known, German (case, spacing and a byte-order mark are
ignored). Where each name comes from is in docs/sources.md ("Analytics exports").

What is read (:func:`read_export`):

- CSV in UTF-8 (with or without BOM), UTF-16 LE/BE (by its BOM) or cp1252; comma, semicolon or
  tab separated; a ``sep=,`` line and title or metric-name lines above the header are skipped,
  since the header is found as the row naming the most known columns;
- ``.xlsx`` and ``.xls`` workbooks: the sheet and its header row are found by their columns;
- a TikTok Studio ZIP of CSVs, whose dates carry no year (``"September 25"``): the year comes from
  the ZIP's file name;
- a folder holding several of these: the post tables are joined, the follower tables read.

The result is one tidy table (:data:`FIELDS`), the same for every platform, plus the follower
count at the start of the export: from a daily follower history when the files hold one (LinkedIn
followers, TikTok ``FollowerHistory.csv``/``Overview.csv``), else the count today (a
``Followers`` column or ``--followers``).

What cannot be trusted is refused with the file, row and fix (:class:`ExportError`): special
files, binary data, unreadable encodings, counts that are not finite, negative or absurd, reach
below likes, a field in two columns, posts without the fitted measure, impressions and views mixed
in the fitted measure, more posts or bytes than :data:`MAX_POSTS`/:data:`MAX_BYTES` unless forced.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.base.safe_io import FileRefusedError
from sim.base.safe_io import read_bytes as safe_read_bytes

PLATFORMS = ("instagram", "facebook", "linkedin", "tiktok")
LANGS = ("en", "nl", "de")

#: Canonical fields of a post, in the tidy table's column order.
FIELDS = ("posted_at", "type", "reach", "views", "likes", "comments", "shares", "saves",
          "follows")
COUNTS = ("reach", "views", "likes", "comments", "shares", "saves", "follows")

#: Limits beyond which a file is refused unless forced (``--force``): bytes read from one file
#: (or one ZIP member, or a folder's files together) and posts in one export.
MAX_BYTES = 50 * 2**20
MAX_POSTS = 20_000
#: A count above this is not a real post's figure (ten billion: more than the planet's accounts).
ABSURD = 1e10
_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".zip")


def _n(en: list[str], nl: list[str], de: list[str] | None = None) -> dict[str, list[str]]:
    return {"en": en, "nl": nl, "de": de or []}


# The one table of column names: per platform and field, per language. The first name of a
# language is what write_export writes. Facebook and LinkedIn say "Reacties" for reactions
# (likes); Instagram said "Reacties" for comments before it said "Opmerkingen". That is why the
# table is per platform. Sources per name: docs/sources.md.
_META_COMMON = {
    "posted_at": _n(["Publish time"], ["Publicatietijdstip", "Publicatietijd",
                                       "Tijdstip van publicatie"],
                    ["Veröffentlichungszeitpunkt", "Veröffentlichungszeit"]),
    "type": _n(["Post type"], ["Berichttype", "Type bericht"], ["Beitragstyp"]),
    "reach": _n(["Reach"], ["Bereik"], ["Reichweite"]),
    # Views first: Meta replaced impressions by views (Instagram 21 April 2025, Facebook Pages
    # 15 November 2025); a file with both gives the views.
    "views": _n(["Views", "Impressions"], ["Weergaven", "Impressies"],
                ["Aufrufe", "Impressionen"]),
    "shares": _n(["Shares"], ["Aantal keer gedeeld", "Gedeeld", "Keer gedeeld", "Deelacties"],
                 ["Geteilte Inhalte", "Teilen"]),
    "account": _n(["Account username", "Account name", "Page name"],
                  ["Gebruikersnaam account", "Accountnaam", "Paginanaam"],
                  ["Benutzername des Kontos", "Kontoname", "Seitenname"]),
    "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
    "link": _n(["Permalink"], ["Permalink"], ["Permalink"]),
}
HEADERS: dict[str, dict[str, dict[str, list[str]]]] = {
    "instagram": {
        **_META_COMMON,
        "likes": _n(["Likes"], ["Vind-ik-leuks"], ["Gefällt mir"]),
        "comments": _n(["Comments"], ["Opmerkingen", "Reacties"], ["Kommentare"]),
        "saves": _n(["Saves"], ["Aantal keer opgeslagen", "Opgeslagen", "Opslagacties"],
                    ["Gespeichert"]),
        "follows": _n(["Follows"], ["Volgt", "Volgacties", "Nieuwe volgers"], ["Follows"]),
    },
    "facebook": {
        **_META_COMMON,
        "likes": _n(["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"],
                    ["Reaktionen", "Gefällt mir"]),
        "comments": _n(["Comments"], ["Opmerkingen"], ["Kommentare"]),
        "saves": _n(["Saves"], ["Opgeslagen"], ["Gespeichert"]),
        "follows": _n(["Follows"], ["Volgt", "Volgacties", "Nieuwe volgers"], ["Follows"]),
    },
    "linkedin": {
        "posted_at": _n(["Created date", "Date"], ["Aanmaakdatum", "Datum gemaakt", "Datum"],
                        ["Erstellungsdatum", "Datum"]),
        "type": _n(["Post type", "Content type"], ["Type bericht", "Type content"],
                   ["Beitragstyp"]),
        "reach": _n(["Unique impressions", "Members reached"], ["Unieke weergaven"],
                    ["Eindeutige Impressionen"]),
        "views": _n(["Impressions"], ["Weergaven", "Impressies"], ["Impressionen"]),
        "likes": _n(["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"],
                    ["Reaktionen", "Gefällt mir"]),
        "comments": _n(["Comments"], ["Opmerkingen"], ["Kommentare"]),
        "shares": _n(["Reposts", "Shares"], ["Reposts", "Gedeeld"],
                     ["Reposts", "Geteilte Inhalte"]),
        "saves": _n(["Saves"], ["Opgeslagen"], ["Gespeichert"]),
        "follows": _n(["Follows"], ["Volgacties", "Nieuwe volgers"], ["Follows"]),
        "account": _n(["Page name", "Posted by"], ["Paginanaam", "Geplaatst door"],
                      ["Seitenname", "Gepostet von"]),
        "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
        "link": _n(["Post link", "Update link"], [], []),
    },
    "tiktok": {
        "posted_at": _n(["Post time", "Time"], ["Plaatsingstijd", "Tijdstip van plaatsing"],
                        ["Beitragszeit", "Veröffentlichungszeit"]),
        "type": _n(["Content type"], ["Type content"], ["Inhaltstyp"]),
        "reach": _n(["Reached audience", "Reach"], ["Bereikt publiek", "Bereik"],
                    ["Erreichtes Publikum", "Reichweite"]),
        "views": _n(["Total views", "Video views", "Views"],
                    ["Totaal aantal weergaven", "Videoweergaven", "Weergaven"],
                    ["Videoaufrufe", "Aufrufe"]),
        "likes": _n(["Total likes", "Likes"], ["Vind-ik-leuks"], ["Likes"]),
        "comments": _n(["Total comments", "Comments"], ["Opmerkingen", "Reacties"],
                       ["Kommentare"]),
        "shares": _n(["Total shares", "Shares"], ["Gedeeld", "Keer gedeeld"],
                     ["Geteilte Inhalte", "Teilen"]),
        "saves": _n(["Add to Favorites", "Saves", "Favorites"], ["Favorieten", "Opgeslagen"],
                    ["Favoriten"]),
        "follows": _n(["Follows"], ["Volgacties"], ["Follows"]),
        "account": _n(["Username", "Account name"], ["Gebruikersnaam", "Accountnaam"],
                      ["Benutzername"]),
        "followers": _n(["Followers"], ["Volgers"], ["Follower"]),
        "link": _n(["Video link"], ["Videolink"], []),
    },
}

#: Daily follower files: LinkedIn's followers export (``New followers`` sheet), TikTok Studio's
#: ``FollowerHistory.csv`` and ``Overview.csv``. ``total``: followers that day; ``gained`` /
#: ``lost``: followers won and lost that day (LinkedIn's ``Total followers`` is the day's new
#: followers, the sum of its sponsored, organic and auto-invited ones); ``net``: the day's
#: difference. Meta's daily files name their figure on a line above ``"Date","Primary"``.
FOLLOWER_HEADERS: dict[str, dict[str, list[str]]] = {
    "date": _n(["Date"], ["Datum"], ["Datum"]),
    "total": _n(["Followers"], ["Volgers"], ["Follower"]),
    "gained": _n(["New followers", "Total followers"], ["Nieuwe volgers", "Totaal aantal volgers"],
                 ["Neue Follower"]),
    "lost": _n(["Lost followers"], ["Verloren volgers"], ["Verlorene Follower"]),
    "net": _n(["Difference in followers from previous day"],
              ["Verschil in volgers ten opzichte van vorige dag"], []),
}

SOURCE_NAME = {
    "instagram": "Meta Business Suite (Insights > Content > Export)",
    "facebook": "Meta Business Suite (Insights > Content > Export)",
    "linkedin": "LinkedIn page analytics (your page > Analytics > Export)",
    "tiktok": "TikTok Studio (Analytics > Download data)",
}

# Date formats tried in turn; the first under which every row parses wins. Day-first formats
# come before month-first ones when the headers are Dutch or German.
_ISO = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
        "%Y-%m-%d"]
_MONTH_FIRST = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y"]
_DAY_FIRST = ["%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M",
              "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
MONTHS = {
    **{m: i + 1 for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"])},
    **{m: i + 1 for i, m in enumerate(
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
         "oktober", "november", "december"])},
    **{m: i + 1 for i, m in enumerate(
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
         "oktober", "november", "dezember"])},
    **{m: i + 1 for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])},
    "mrt": 3, "okt": 10, "mei": 5, "mär": 3, "dez": 12, "sept": 9,
}
_BLANK = ("", "-", "--", "\u2013", "\u2014")  # no count: zero
_NOT_APPLICABLE = ("na", "n/a", "n.v.t.", "nvt", "lifetime", "levensduur")  # unknown: NaN


class ExportError(ValueError):
    """A file that is not a usable analytics export; the message names the file and the fix."""


@dataclass(frozen=True)
class Export:
    """One account's posts, read from an analytics export.

    Attributes:
        platform: instagram, facebook, linkedin or tiktok.
        account: the account's name (from the export, else the file name).
        followers: the account's follower count at the start of the export (day 0 of the fit):
            from a follower history when the files hold one, else the count given.
        posts: one row per post, columns :data:`FIELDS`, sorted by time; ``reach`` is NaN where
            the export reports only views.
        reach_kind: ``"reach"`` (unique accounts) or ``"views"`` (impressions or views): what the
            fit compares with the simulation's real reach or impressions.
        language: ``"en"``, ``"nl"`` or ``"de"``, the headers' language.
        source: the file or folder read.
        columns: per field, the header(s) it was read from.
        notes: what the reader decided that a user should know (which measure was used, rows
            with a count left out, where the follower count came from).
        followers_today: the follower count given or read as today's (None: only a history).
        history: the daily follower history (date, followers, gained, lost; NaN where not
            given), or None.
    """

    platform: str
    account: str
    followers: int
    posts: pd.DataFrame
    reach_kind: str
    language: str
    source: str
    columns: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    followers_today: int | None = None
    history: pd.DataFrame | None = None

    def reach(self) -> pd.Series:
        """Per-post reach if the export has it, else views."""
        return self.posts[self.reach_kind].astype(float)


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
        raise ExportError(f"{path} is {st.st_size / 2**20:.0f} MB, more than the "
                          f"{limit / 2**20:.0f} MB an analytics export of one account takes; "
                          "check it is the right file, or pass --force to read it anyway")
    try:
        return safe_read_bytes(path, "analytics export",
                               limit=max(limit, st.st_size) if force else limit)
    except FileRefusedError as exc:
        raise ExportError(f"{exc}; save the export as a regular file and give that file"
                          ) from None


def decode(raw: bytes, where: str) -> str:
    """The text of a CSV as downloaded: BOM-marked UTF-8 or UTF-16, plain UTF-8, else cp1252.
    Binary data and bytes no encoding explains are named as such."""
    if raw.startswith(codecs.BOM_UTF8):
        # A UTF-8 mark over Windows-1252 text happens when a spreadsheet re-saves a download.
        raw = raw[len(codecs.BOM_UTF8):]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom):].decode(enc), where)
            except UnicodeDecodeError as exc:
                raise ExportError(f"{where}: starts as {enc.upper()} (byte-order mark) but byte "
                                  f"{exc.start + len(bom)} is not {enc.upper()}; the file is "
                                  "damaged: download the export again") from None
    head = raw[:4096]
    if head.count(0) > len(head) // 4:
        # UTF-16 without a byte-order mark: every other byte of plain text is zero.
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return _checked(raw.decode(enc), where)
        except UnicodeDecodeError:
            pass
        raise ExportError(f"{where} is a binary file, not a CSV export; give the file as "
                          "downloaded (CSV, .xlsx, .xls or the ZIP)")
    try:
        return _checked(raw.decode("utf-8"), where)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(raw.decode("cp1252"), where)
    except UnicodeDecodeError as exc:
        raise ExportError(f"{where}: unreadable encoding (byte 0x{raw[exc.start]:02x} at "
                          f"{exc.start} is neither UTF-8, UTF-16 nor Windows-1252); save the "
                          "file again as CSV UTF-8") from None


def _checked(text: str, where: str) -> str:
    controls = sum(ch < " " and ch not in "\t\r\n\f" for ch in text[:8192])
    if "\x00" in text[:8192] or controls > 8:
        raise ExportError(f"{where} is a binary file, not a CSV export; give the file as "
                          "downloaded (CSV, .xlsx, .xls or the ZIP)")
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
        raise ExportError(f"{where}: not a readable .xlsx workbook ({exc}); open it in a "
                          "spreadsheet and save it again, or download it again") from None
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
        raise ExportError(f"{where} is a legacy .xls workbook and the xlrd package is not "
                          "installed; install feedsim's dependencies again, or open the file "
                          "and save it as .xlsx") from None
    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    except Exception as exc:  # noqa: BLE001
        raise ExportError(f"{where}: not a readable .xls workbook ({exc}); open it in a "
                          "spreadsheet and save it again, or download it again") from None
    out = []
    for sheet in book.sheets():
        rows = []
        for r in range(min(sheet.nrows, max_rows)):
            cells = []
            for c in sheet.row(r):
                if c.ctype == xlrd.XL_CELL_DATE:
                    try:
                        cells.append(_cell(xlrd.xldate.xldate_as_datetime(c.value,
                                                                          book.datemode)))
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
            if info.is_dir() or not name.lower().endswith((".csv", ".txt")) or \
                    Path(name).name.startswith((".", "__MACOSX")) or "__MACOSX" in name:
                continue
            where = f"{path} ({name})"
            if info.file_size > MAX_BYTES and not force:
                raise ExportError(f"{where} unpacks to {info.file_size / 2**20:.0f} MB, more than "
                                  f"{MAX_BYTES / 2**20:.0f} MB; pass --force to read it anyway")
            with zf.open(info) as f:
                data = f.read(None if force else MAX_BYTES - total + 1)
            total += len(data)
            if total > MAX_BYTES and not force:
                raise ExportError(f"{where} unpacks to more than {MAX_BYTES / 2**20:.0f} MB; "
                                  "pass --force to read it anyway")
            out += _csv_tables(decode(data, where), where, lookup, years)
    if not out:
        raise ExportError(f"{path}: the ZIP holds no CSV file; give the ZIP TikTok Studio "
                          "downloads (Content.csv, Overview.csv, FollowerHistory.csv)")
    return out


def _file_tables(path: Path, lookup: dict, force: bool) -> list[_Table]:
    raw = read_bytes(path, force)
    max_rows = MAX_POSTS * 2 + 100 if not force else 10**9
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise ExportError(f"{path}: not a readable ZIP or workbook ({exc}); download it "
                              "again") from None
        if "xl/workbook.xml" in names:
            return _xlsx_tables(raw, str(path), max_rows)
        return _zip_tables(raw, path, lookup, force)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _xls_tables(raw, str(path), max_rows)
    if raw.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")):
        raise ExportError(f"{path} is a binary file (not a CSV, .xlsx, .xls or ZIP export); "
                          "give the file as downloaded")
    return _csv_tables(decode(raw, str(path)), str(path), lookup, _years_in_name(path.name))


def _tables(path: Path, lookup: dict, force: bool) -> list[_Table]:
    try:
        is_dir = path.is_dir()
    except OSError:
        is_dir = False
    if not is_dir:
        return _file_tables(path, lookup, force)
    files = sorted(p for p in path.iterdir() if not p.name.startswith(".")
                   and p.name.lower().endswith(_SUFFIXES))
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
            raise ExportError(f"{path}: its exports together exceed {MAX_BYTES / 2**20:.0f} MB; "
                              "pass --force to read them anyway")
        out += _file_tables(p, lookup, force)
    return out


# ---------------------------------------------------------------------------------------------
# Columns.


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\ufeff", "")).strip().strip('"').casefold()


def _lookup(headers: dict[str, dict[str, list[str]]]) -> dict[str, tuple[str, str, int]]:
    """normalised header -> (field, language, preference; 0 is the most preferred)."""
    out: dict[str, tuple[str, str, int]] = {}
    for fld, names in headers.items():
        for lang in LANGS:
            for rank, name in enumerate(names[lang]):
                out.setdefault(_norm(name), (fld, lang, rank))
    return out


def _header(table: _Table, lookup: dict) -> tuple[int, int]:
    """(index in rows, known columns) of the row (among the first 15) naming most known columns."""
    best, best_hits = 0, -1
    for i, (_, cells) in enumerate(table.rows[:15]):
        hits = len({lookup[_norm(c)][0] for c in cells if _norm(c) in lookup})
        if hits > best_hits:
            best, best_hits = i, hits
    return best, max(best_hits, 0)


def _columns(header: list[str], lookup: dict, where: str, prefer: tuple[str, ...] = ("views",)
             ) -> tuple[dict[str, int], list[str], list[str]]:
    """field -> column index, the languages of the names found, and notes.

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
    columns, notes = {}, []
    for fld, hits in found.items():
        if len(hits) > 1:
            names = {_norm(n) for _, _, n in hits}
            if fld not in COUNTS + ("posted_at",):
                columns[fld] = sorted(hits)[0][1]  # descriptive: the preferred name serves
                continue
            if fld not in prefer or len(names) < len(hits):
                cols = ", ".join(f"{n!r} (column {j + 1})" for _, j, n in hits)
                raise ExportError(f"{where}: {fld} is in more than one column: {cols}; a "
                                  "file cannot be read with two columns for one figure: "
                                  "delete or rename all but one")
            hits = sorted(hits)
            aside = ", ".join(repr(n) for _, _, n in hits[1:])
            notes.append(f"{fld} read from {hits[0][2]!r}; {aside} left aside")
        columns[fld] = hits[0][1]
    return columns, langs, notes


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
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?", t.casefold()):
        raise ExportError(f"{where} row {row}: {fld} = {text!r} is not a number")
    value = float(t) * scale
    if not math.isfinite(value):
        raise ExportError(f"{where} row {row}: {fld} = {text!r} is not a finite number")
    if value < 0 and not signed:
        raise ExportError(f"{where} row {row}: {fld} = {text!r} is negative; a count cannot be")
    if abs(value) > ABSURD:
        raise ExportError(f"{where} row {row}: {fld} = {text!r} is more than {ABSURD:,.0f}, "
                          "more than any post's real figure; the file is damaged or the column "
                          "is not a count")
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
        v = v[:time.start()] + v[time.end():]
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


def parse_times(values: list[str], language: str, where: str, years=None,
                what: str = "post time") -> pd.Series:
    """Dates as exports write them: ISO, ``MM/DD/YYYY HH:MM``, day-first ``1-3-2024 19:37``,
    Excel serial numbers, month names (``September 25``, the year from ``years``)."""
    formats = _ISO + (_DAY_FIRST + _MONTH_FIRST if language in ("nl", "de")
                      else _MONTH_FIRST + _DAY_FIRST)
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
        raise ExportError(f"{where}: the {what} {exc.args[0]!r} has no year, and the file's name "
                          "does not say which period it covers; keep the name the platform gave "
                          "the download (it holds the dates), or add the year") from None
    if all(n is not None for n in named):
        return pd.Series(named, dtype="datetime64[ns]")
    bad = next((v for v, n in zip(series, named, strict=True) if n is None), series.iloc[0])
    row = next((i for i, n in enumerate(named) if n is None), 0)
    raise ExportError(f"{where}: cannot read the {what} {bad!r} (data row {row + 1}); expected "
                      "a date and time such as 2024-03-15 18:02, 03/15/2024 18:02, 15-03-2024 "
                      "18:02, an Excel date or 'September 25'")


# ---------------------------------------------------------------------------------------------
# Reading.


@dataclass
class _Posts:
    table: _Table
    header_row: int
    columns: dict[str, int]
    names: dict[str, str]
    language: str
    frame: pd.DataFrame
    rownums: list[int]
    notes: list[str]
    followers: float | None
    account: str | None
    links: list[str] | None


def _missing(columns: dict) -> list[str]:
    missing = []
    if "posted_at" not in columns:
        missing.append("posted_at")
    if "reach" not in columns and "views" not in columns:
        missing.append("reach")
    missing += [f for f in ("likes", "comments") if f not in columns]
    return missing


_WHAT = {"posted_at": "the time of each post", "reach": "its reach or views",
         "likes": "its likes", "comments": "its comments"}


def _refusal(source: str, platform: str, header: list[str], missing: list[str]) -> ExportError:
    names = []
    for m in missing:
        spec = HEADERS[platform][m]
        looked = [n for lang in LANGS for n in spec[lang]]
        if m == "reach":
            looked += [n for lang in LANGS for n in HEADERS[platform]["views"][lang]]
        names.append(f"{_WHAT[m]} ({' / '.join(dict.fromkeys(looked))})")
    found = ", ".join(repr(c) for c in header[:14]) + (" ..." if len(header) > 14 else "")
    return ExportError(
        f"{source} is not a post-level {platform} export: no column for {'; '.join(names)}. "
        f"Found columns: {found or 'none'}. Download the post-level export from "
        f"{SOURCE_NAME[platform]}, or rename the columns to one of the names listed")


def _read_posts(table: _Table, hi: int, columns: dict[str, int], langs: list[str],
                notes: list[str]) -> _Posts:
    header_num, header = table.rows[hi]
    body = table.rows[hi + 1:]
    language = max(LANGS, key=lambda lang: (langs.count(lang), lang == "en"))
    width = len(header)
    body = [(n, cells + [""] * (width - len(cells))) for n, cells in body]
    rownums = [n for n, _ in body]

    def column(fld: str) -> list[str]:
        return [cells[columns[fld]].strip() for _, cells in body]

    data: dict[str, object] = {}
    if body:
        data["posted_at"] = parse_times(column("posted_at"), language, table.where, table.years)
    else:
        data["posted_at"] = pd.Series([], dtype="datetime64[ns]")
    data["type"] = column("type") if "type" in columns else [""] * len(body)
    for fld in COUNTS:
        if fld in columns:
            data[fld] = [_count(v, fld, table.where, n) for n, v in zip(rownums, column(fld),
                                                                           strict=True)]
        else:
            data[fld] = [float("nan")] * len(body)
    frame = pd.DataFrame(data, columns=list(FIELDS))
    followers = None
    if "followers" in columns:
        vals = [_count(v, "followers", table.where, n)
                for n, v in zip(rownums, column("followers"), strict=True)]
        vals = [v for v in vals if v == v]
        followers = vals[-1] if vals else None
    account = None
    if "account" in columns and body:
        account = column("account")[0] or None
    names = {f: header[j] for f, j in columns.items()}
    links = column("link") if "link" in columns else None
    return _Posts(table, header_num, columns, names, language, frame, rownums, notes,
                  followers, account, links)


def _metric_field(name: str) -> str | None:
    """Which follower figure a Meta daily file's metric-name line names (``Follows``,
    ``Unfollows``, ``Followers``, and their Dutch names), if any."""
    n = _norm(name)
    if re.search(r"unfollow|ontvolg|verloren volgers|lost followers", n):
        return "lost"
    if re.search(r"follows|volgacties|new followers|nieuwe volgers", n):
        return "gained"
    if re.search(r"followers|volgers", n):
        return "total"
    return None


def _read_history(table: _Table, lookup: dict) -> pd.DataFrame | None:
    if not table.rows:
        return None
    hi, hits = _header(table, lookup)
    _, header = table.rows[hi]
    normed = [_norm(c) for c in header]
    if hits == 1 and "primary" in normed and hi > 0:
        # Meta's daily file: the metric's name on the line above "Date","Primary".
        metric = _metric_field(" ".join(table.rows[hi - 1][1]))
        if metric is None:
            return None
        header = [metric if _norm(c) == "primary" else c for c in header]
        lookup = {**lookup, metric: (metric, "en", 0)}
    elif hits < 2:
        return None
    columns, _, _ = _columns(header, lookup, table.where, prefer=("gained",))
    if "date" not in columns or not {"total", "gained", "lost", "net"} & columns.keys():
        return None
    body = table.rows[hi + 1:]
    if not body:
        return None
    width = len(header)
    body = [(n, c + [""] * (width - len(c))) for n, c in body]
    dates = parse_times([c[columns["date"]] for _, c in body], "en", table.where, table.years,
                        what="date")
    out = pd.DataFrame({"date": dates.dt.normalize()})
    for fld in ("total", "gained", "lost", "net"):
        if fld in columns:
            out[fld] = [_count(c[columns[fld]], fld, table.where, n, signed=fld == "net")
                        for n, c in body]
        else:
            out[fld] = float("nan")
    return out


def read_export(path: str | Path, platform: str, followers: int | None = None,
                force: bool = False) -> Export:
    """Read an analytics export (a file, a ZIP or a folder) into an :class:`Export`.

    Args:
        path: a CSV, ``.xlsx``, ``.xls`` or TikTok Studio ZIP as downloaded, or a folder of them.
        platform: instagram, facebook, linkedin or tiktok: which export's headers to expect.
        followers: the account's follower count today, if the export has no ``Followers``
            column (with a follower history, the count at the start is derived from it).
        force: read beyond :data:`MAX_BYTES` and :data:`MAX_POSTS`.

    Raises:
        ExportError: an unknown platform, an unreadable or untrustworthy file, or a file without
            the columns a fit needs (the time of each post, its reach or views, likes and
            comments), or without a follower count; the message names the file, the row where
            there is one, what is wrong and how to fix it.
    """
    if platform not in PLATFORMS:
        raise ExportError(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
    path = Path(path)
    lookup = _lookup(HEADERS[platform])
    follower_lookup = _lookup(FOLLOWER_HEADERS)
    tables = _tables(path, lookup, force)
    if not any(t.rows for t in tables):
        raise ExportError(f"{path}: the file is empty; expected a {SOURCE_NAME[platform]} "
                          "export with one row per post")
    found: list[_Posts] = []
    histories: list[pd.DataFrame] = []
    best_header: list[str] = []
    best_missing: list[str] = list(_WHAT)
    for t in tables:
        if not t.rows:
            continue
        hi, _ = _header(t, lookup)
        header = t.rows[hi][1]
        columns, langs, notes = _columns(header, lookup, t.where)
        missing = _missing(columns)
        if not missing:
            p = _read_posts(t, hi, columns, langs, notes)
            if "reach" in p.columns and "views" in p.columns and len(p.frame) \
                    and p.frame["reach"].isna().all():
                # A reach column empty (NA) throughout: the export has no reach, only views.
                p.notes.append(f"the column {p.names.pop('reach')!r} is NA throughout; left out")
                del p.columns["reach"]
            found.append(p)
            continue
        if len(missing) < len(best_missing) or not best_header:
            best_header, best_missing = header, missing
        h = _read_history(t, follower_lookup)
        if h is not None:
            histories.append(h)
    if not found:
        raise _refusal(str(path), platform, best_header, best_missing)
    return _assemble(path, platform, found, histories, followers, force)


def _assemble(path: Path, platform: str, found: list[_Posts], histories: list[pd.DataFrame],
              followers: int | None, force: bool) -> Export:
    notes: list[str] = []
    for p in found:
        notes += [f"{p.table.where}: {n}" for n in p.notes]
    # One measure fitted for every post: reach where every file has it, else views; never
    # impressions in one file and views in another.
    has_reach = all("reach" in p.columns for p in found)
    kind = "reach" if has_reach else "views"
    if not has_reach and any("views" not in p.columns for p in found):
        lacking = [p.table.where for p in found if "views" not in p.columns]
        raise ExportError(f"{lacking[0]} has reach but no views, while another file has views but "
                          "no reach; one measure must be fitted for every post: give files that "
                          "share it")
    view_names = {p.names.get("views") for p in found if "views" in p.names}
    if kind == "views" and len({_norm(n) for n in view_names}) > 1:
        raise ExportError(f"{path}: the files measure posts by different columns "
                          f"({', '.join(sorted(map(repr, view_names)))}): impressions and views "
                          "are not the same count (Meta replaced impressions by views in 2025), "
                          "so they cannot be fitted as one; give the exports of one schema, or "
                          "ones with a Reach column")
    if len({_norm(n) for n in view_names}) > 1:
        notes.append(f"views come from different columns ({', '.join(sorted(view_names))}): "
                     "impressions and views are not the same count, so the views are not "
                     "compared as one; the fit uses reach")
    column_names = {}
    for fld in FIELDS:
        names = list(dict.fromkeys(p.names[fld] for p in found if fld in p.names))
        if names:
            column_names[fld] = " / ".join(names)
    frames, where_rows = [], []
    for p in found:
        frames.append(p.frame)
        where_rows += [(p.table.where, n) for n in p.rownums]
    posts = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].copy()
    if posts.empty:
        raise ExportError(f"{path}: the export has a header but no posts")
    if len(posts) > MAX_POSTS and not force:
        raise ExportError(f"{path}: {len(posts):,} posts, more than the {MAX_POSTS:,} one "
                          "account's export holds in years; check it is one account's file, or "
                          "pass --force to fit on all of them (slow)")

    def rows_where(mask, what: str, fix: str) -> None:
        idx = [i for i, bad in enumerate(mask) if bad]
        if not idx:
            return
        shown = "; ".join(f"{where_rows[i][0]} row {where_rows[i][1]}" for i in idx[:8])
        more = f" and {len(idx) - 8} more" if len(idx) > 8 else ""
        raise ExportError(f"{shown}{more}: {what}; {fix}")

    rows_where(posts[kind].isna().to_numpy(),
               f"no {kind} (NA) where the fit needs it",
               f"remove those posts, or fill in their {kind}")
    for fld in ("likes", "comments"):
        rows_where(posts[fld].isna().to_numpy(), f"no {fld} (NA)",
                   f"remove those posts, or fill in their {fld}")
    if kind == "reach":
        rows_where((posts["reach"] < posts["likes"]).to_numpy(),
                   "reach is below likes (a like comes from an account the post reached)",
                   "the file is damaged or its columns are mislabelled: download it again")
    for fld in ("shares", "saves", "follows", "views"):
        part = posts[fld].isna()
        if part.any() and not part.all():
            notes.append(f"{fld}: {int(part.sum())} of {len(posts)} posts have none (NA); "
                         f"{fld} is left out of the fit")
    if len(found) > 1 and all(p.links is not None for p in found):
        _same_posts_same_day(found)
    dup = posts.duplicated(subset=["posted_at", "reach", "views", "likes", "comments"])
    if len(found) > 1 and dup.any():
        notes.append(f"{int(dup.sum())} posts appear in more than one file; each is kept once")
        keep = (~dup).to_numpy()
        posts = posts[keep]
        where_rows = [w for w, k in zip(where_rows, keep, strict=True) if k]
    posts = posts.sort_values("posted_at", kind="stable").reset_index(drop=True)
    measure = column_names.get(kind, kind)
    notes.insert(0, f"fitted on {kind}, from the column {measure}")
    language = max(LANGS, key=lambda lang: (sum(p.language == lang for p in found),
                                            lang == "en"))

    # Followers: today's (given, or the last Followers value), and at the start from a history.
    today = followers
    if today is None:
        vals = [p.followers for p in found if p.followers is not None]
        today = int(vals[-1]) if vals else None
    history = _history(histories)
    start = None
    if history is not None:
        first = posts["posted_at"].iloc[0].normalize()
        start, how, today_hist = _start_count(history, first, today)
        if today is None:
            today = today_hist
        if start is not None:
            notes.append(f"followers at the first post ({first:%Y-%m-%d}): {start:,}, {how}")
    if today is None and start is None:
        raise ExportError(f"{path}: the export has no Followers column; give the account's "
                          "follower count with --followers N (the number on the profile)")
    count = int(start if start is not None else today)
    if count < 1:
        raise ExportError(f"{path}: the follower count must be at least 1; got {count}")
    account = next((p.account for p in found if p.account), None) or path.stem
    return Export(platform=platform, account=account, followers=count, posts=posts,
                  reach_kind=kind, language=language, source=str(path), columns=column_names,
                  notes=tuple(notes), followers_today=None if today is None else int(today),
                  history=history)


def _same_posts_same_day(found: list[_Posts]) -> None:
    """Refuse files that hold one post (by its link) with different figures: lifetime totals
    taken on different days, which a fit cannot mix."""
    seen: dict[str, tuple[str, int, tuple]] = {}
    for p in found:
        figures = p.frame[["reach", "views", "likes", "comments"]].to_numpy()
        for link, row, fig in zip(p.links, p.rownums, figures, strict=True):
            if not link:
                continue
            key = tuple(float(x) for x in fig if x == x)
            if link in seen and seen[link][0] != p.table.where and seen[link][2] != key:
                where, first_row, _ = seen[link]
                raise ExportError(
                    f"{where} row {first_row} and {p.table.where} row {row} hold the same post "
                    f"({link}) with different figures: exports taken on different dates, whose "
                    "lifetime totals cannot be mixed; download them again on one day, or give "
                    "only the latest")
            seen.setdefault(link, (p.table.where, row, key))


def _history(histories: list[pd.DataFrame]) -> pd.DataFrame | None:
    if not histories:
        return None
    h = pd.concat(histories, ignore_index=True)
    h = h.groupby("date", as_index=False).agg(
        {c: (lambda s: s.dropna().iloc[-1] if s.notna().any() else float("nan"))
         for c in ("total", "gained", "lost", "net")})
    return h.sort_values("date").reset_index(drop=True)


def _start_count(history: pd.DataFrame, first: pd.Timestamp, today: int | None
                 ) -> tuple[int | None, str, int | None]:
    """The follower count at the start of ``first``: (count, how it was found, count today)."""
    totals = history.dropna(subset=["total"])
    if not totals.empty:
        last = int(totals["total"].iloc[-1])
        before = totals[totals["date"] < first]
        if not before.empty:
            return int(before["total"].iloc[-1]), "from the follower history", last
        on = totals.iloc[0]
        change = 0.0
        if on["date"] == first:
            net = _net(history.iloc[[int(totals.index[0])]])
            change = float(net.iloc[0]) if net.notna().iloc[0] else 0.0
        if on["date"] > first:
            return None, "", last
        return int(on["total"] - change), "from the follower history", last
    net = _net(history)
    if today is None or history[["net", "gained"]].isna().all().all():
        return None, "", None
    # New followers but no losses (LinkedIn's followers export): the start comes out low.
    gains_only = bool(history["net"].isna().all() and history["lost"].isna().all())
    since = float(net[history["date"] >= first].fillna(0.0).sum())
    start = int(round(today - since))
    how = (f"today's {today:,} less the {since:+,.0f} net new followers since then (follower "
           "history)")
    if gains_only:
        how = (f"today's {today:,} less the {since:,.0f} new followers since then (follower "
               "history); the export gives no losses, so this is low by the followers lost "
               "since")
    return max(start, 1), how, None


def _net(history: pd.DataFrame) -> pd.Series:
    net = history["net"].copy()
    gained = history["gained"]
    lost = history["lost"].fillna(0.0)
    return net.where(net.notna(), gained - lost)


def write_export(posts: pd.DataFrame, platform: str, path: str | Path, followers: int,
                 lang: str = "en", account: str = "feedsim", order: list[str] | None = None,
                 delimiter: str | None = None) -> Path:
    """Write a tidy post table (:data:`FIELDS`) in a platform's export layout (plain CSV).

    Used to check the fit on exports made by feedsim from known parameters: what
    :func:`read_export` reads back is what a real export of the same posts would give. The
    layouts as downloaded (workbooks, ZIPs, UTF-16) are written by the test suite.

    Args:
        posts: columns :data:`FIELDS` (NaN counts are left out as columns).
        lang: "en", "nl" or "de" headers (Dutch and German use ``;`` and day-first dates).
        order: canonical fields in the order to write (default: the table's order).
    """
    table = HEADERS[platform]
    fields = ["account"] + [f for f in (order or FIELDS) if f in table and
                            (f in ("posted_at", "type") or posts[f].notna().all())]
    fields.append("followers")
    delimiter = delimiter or ("," if lang == "en" else ";")
    date_fmt = "%Y-%m-%d %H:%M" if lang == "en" else "%d-%m-%Y %H:%M"
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow([table[f][lang][0] for f in fields])
    for _, row in posts.iterrows():
        cells = []
        for f in fields:
            if f == "account":
                cells.append(account)
            elif f == "followers":
                cells.append(str(int(followers)))
            elif f == "posted_at":
                cells.append(pd.Timestamp(row[f]).strftime(date_fmt))
            elif f == "type":
                cells.append(str(row[f]))
            else:
                cells.append(str(int(row[f])))
        w.writerow(cells)
    path = Path(path)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
