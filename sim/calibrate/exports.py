"""Post-level analytics exports: which columns each platform's export has, reading one, writing one.

A brand downloads one row per post from Meta Business Suite (Instagram, Facebook), LinkedIn page
analytics (Updates) or TikTok analytics (Content). Each export names its columns in the account's
language, and the order changes between versions, so columns are found by name: every canonical
field below lists the English and Dutch headers it may carry (case, spacing and a byte-order mark
are ignored). Where the headers come from, and which could not be confirmed, is in
docs/sources.md ("Analytics exports").

The result is one tidy table (:data:`FIELDS`), the same for every platform, plus the follower
count: exports of single posts rarely hold it, so it comes from a ``Followers`` column if there is
one, else from the caller (``feedsim calibrate --followers``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.safe_io import read_bytes

# The largest export read: a year of daily posts is well under a megabyte.
EXPORT_LIMIT = 64_000_000
PLATFORMS = ("instagram", "facebook", "linkedin", "tiktok")

#: Canonical fields of a post, in the tidy table's column order.
FIELDS = ("posted_at", "type", "reach", "views", "likes", "comments", "shares", "saves",
          "follows")
COUNTS = ("reach", "views", "likes", "comments", "shares", "saves", "follows")

# Headers per platform and field: English first (what :func:`write_export` writes with
# lang="en"), then Dutch (the first Dutch one is written with lang="nl"). Facebook and LinkedIn
# say "Reacties" for reactions (likes) and "Opmerkingen" for comments; Instagram says "Reacties"
# for comments. That is why the tables are per platform.
_META_COMMON = {
    "posted_at": (["Publish time"], ["Publicatietijd", "Tijdstip van publicatie"]),
    "type": (["Post type"], ["Berichttype", "Type bericht"]),
    "reach": (["Reach"], ["Bereik"]),
    "views": (["Impressions", "Views"], ["Weergaven", "Impressies"]),
    "shares": (["Shares"], ["Gedeeld", "Keer gedeeld", "Deelacties"]),
    "account": (["Account username", "Account name", "Page name"],
                ["Gebruikersnaam account", "Accountnaam", "Paginanaam"]),
    "followers": (["Followers"], ["Volgers"]),
}
HEADERS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "instagram": {
        **_META_COMMON,
        "likes": (["Likes"], ["Vind-ik-leuks"]),
        "comments": (["Comments"], ["Reacties", "Opmerkingen"]),
        "saves": (["Saves"], ["Opgeslagen", "Opslagacties"]),
        "follows": (["Follows"], ["Volgacties", "Nieuwe volgers"]),
    },
    "facebook": {
        **_META_COMMON,
        "likes": (["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"]),
        "comments": (["Comments"], ["Opmerkingen"]),
        "saves": (["Saves"], ["Opgeslagen"]),
        "follows": (["Follows"], ["Volgacties", "Nieuwe volgers"]),
    },
    "linkedin": {
        "posted_at": (["Created date", "Date"], ["Aanmaakdatum", "Datum gemaakt", "Datum"]),
        "type": (["Post type", "Content type"], ["Type bericht", "Type content"]),
        "reach": (["Unique impressions", "Members reached"], ["Unieke weergaven"]),
        "views": (["Impressions"], ["Weergaven", "Impressies"]),
        "likes": (["Reactions", "Likes"], ["Reacties", "Vind-ik-leuks"]),
        "comments": (["Comments"], ["Opmerkingen"]),
        "shares": (["Reposts", "Shares"], ["Reposts", "Gedeeld"]),
        "saves": (["Saves"], ["Opgeslagen"]),
        "follows": (["Follows"], ["Volgacties", "Nieuwe volgers"]),
        "account": (["Page name", "Posted by"], ["Paginanaam", "Geplaatst door"]),
        "followers": (["Followers"], ["Volgers"]),
    },
    "tiktok": {
        "posted_at": (["Post time", "Time"], ["Plaatsingstijd", "Tijdstip van plaatsing"]),
        "type": (["Content type"], ["Type content"]),
        "reach": (["Reached audience", "Reach"], ["Bereikt publiek", "Bereik"]),
        "views": (["Video views", "Total views", "Views"],
                  ["Videoweergaven", "Weergaven", "Totaal aantal weergaven"]),
        "likes": (["Likes", "Total likes"], ["Vind-ik-leuks"]),
        "comments": (["Comments", "Total comments"], ["Opmerkingen", "Reacties"]),
        "shares": (["Shares", "Total shares"], ["Gedeeld", "Keer gedeeld"]),
        "saves": (["Add to Favorites", "Saves", "Favorites"], ["Favorieten", "Opgeslagen"]),
        "follows": (["New followers", "Follows"], ["Nieuwe volgers", "Volgacties"]),
        "account": (["Username", "Account name"], ["Gebruikersnaam", "Accountnaam"]),
        "followers": (["Followers"], ["Volgers"]),
    },
}

SOURCE_NAME = {
    "instagram": "Meta Business Suite (Insights > Content > Export data)",
    "facebook": "Meta Business Suite (Insights > Content > Export data)",
    "linkedin": "LinkedIn page analytics (Analytics > Updates > Export)",
    "tiktok": "TikTok analytics (Analytics > Content > Download data)",
}

# Date formats tried in turn; the first under which every row parses wins. Day-first formats
# come before month-first ones when the headers are Dutch.
_ISO = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
        "%Y-%m-%d"]
_MONTH_FIRST = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y"]
_DAY_FIRST = ["%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y"]


class ExportError(ValueError):
    """A file that is not a usable analytics export; the message names what is missing."""


@dataclass(frozen=True)
class Export:
    """One account's posts, read from an analytics export.

    Attributes:
        platform: instagram, facebook, linkedin or tiktok.
        account: the account's name (from the export, else the file name).
        followers: the account's follower count.
        posts: one row per post, columns :data:`FIELDS`, sorted by time; ``reach`` is NaN where
            the export reports only views.
        reach_kind: ``"reach"`` (unique accounts) or ``"views"`` (impressions): what the fit
            compares with the simulation's real reach or impressions.
        language: ``"en"`` or ``"nl"``, the headers' language.
        source: the file read.
    """

    platform: str
    account: str
    followers: int
    posts: pd.DataFrame
    reach_kind: str
    language: str
    source: str

    def reach(self) -> pd.Series:
        """Per-post reach if the export has it, else views."""
        return self.posts[self.reach_kind].astype(float)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\ufeff", "")).strip().casefold()


def _lookup(platform: str) -> dict[str, tuple[str, str]]:
    """normalised header -> (field, language)."""
    out: dict[str, tuple[str, str]] = {}
    for field, (en, nl) in HEADERS[platform].items():
        for lang, names in (("en", en), ("nl", nl)):
            for name in names:
                out.setdefault(_norm(name), (field, lang))
    return out


def _read_rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delim = dialect.delimiter
    except csv.Error:
        delim = ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delim) if any(c.strip()
                                                                                  for c in row)]


def read_export(path: str | Path, platform: str, followers: int | None = None) -> Export:
    """Read a post-level analytics export into an :class:`Export`.

    Args:
        path: a CSV file (comma, semicolon or tab separated; UTF-8, with or without BOM). Title
            lines above the header row (LinkedIn writes one) are skipped.
        platform: instagram, facebook, linkedin or tiktok: which export's headers to expect.
        followers: the account's follower count, if the export has no ``Followers`` column.

    Raises:
        ExportError: an unknown platform, an unreadable file, or a file without the columns a
            fit needs (the time of each post, its reach or views, likes and comments), or
            without a follower count; the message names what is missing and where to get it.
    """
    if platform not in PLATFORMS:
        raise ExportError(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path}: no such file")
    try:  # a regular file of bounded size: never a pipe or a device (sim.safe_io)
        data = read_bytes(path, "export", limit=EXPORT_LIMIT)
    except OSError as exc:
        raise ExportError(str(exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    rows = _read_rows(text)
    lookup = _lookup(platform)
    # The header is the row (among the first five) that names the most known columns.
    best, best_hits = 0, -1
    for i, row in enumerate(rows[:5]):
        hits = sum(_norm(c) in lookup for c in row)
        if hits > best_hits:
            best, best_hits = i, hits
    if not rows:
        raise ExportError(f"{path}: the file is empty; expected a {SOURCE_NAME[platform]} "
                          "export with one row per post")
    header, body = rows[best], rows[best + 1:]
    columns: dict[str, int] = {}
    langs: list[str] = []
    for j, name in enumerate(header):
        hit = lookup.get(_norm(name))
        if hit and hit[0] not in columns:
            columns[hit[0]] = j
            langs.append(hit[1])
    language = "nl" if langs.count("nl") > langs.count("en") else "en"
    missing = []
    if "posted_at" not in columns:
        missing.append("the time of each post")
    if "reach" not in columns and "views" not in columns:
        missing.append("its reach or views")
    for field in ("likes", "comments"):
        if field not in columns:
            missing.append(f"its {field}")
    if missing:
        wanted = {"the time of each post": "posted_at", "its reach or views": "reach",
                  "its likes": "likes", "its comments": "comments"}
        names = []
        for m in missing:
            en, nl = HEADERS[platform][wanted[m]]
            extra = HEADERS[platform]["views"] if wanted[m] == "reach" else ([], [])
            names.append(f"{m} ({' / '.join(en + nl + extra[0] + extra[1])})")
        found = ", ".join(repr(c) for c in header[:12]) + (" ..." if len(header) > 12 else "")
        raise ExportError(
            f"{path} is not a post-level {platform} export: no column for {'; '.join(names)}. "
            f"Found columns: {found}. Download the post-level export from "
            f"{SOURCE_NAME[platform]}, or rename the columns to one of the names listed")
    if not body:
        raise ExportError(f"{path}: the export has a header but no posts")
    width = len(header)
    body = [r + [""] * (width - len(r)) for r in body]

    def column(field: str) -> list[str]:
        return [r[columns[field]].strip() for r in body]

    posted = _parse_times(column("posted_at"), language, path)
    data: dict[str, object] = {"posted_at": posted}
    data["type"] = column("type") if "type" in columns else [""] * len(body)
    for field in COUNTS:
        if field in columns:
            data[field] = [_count(v, field, path, i + best + 2)
                           for i, v in enumerate(column(field))]
        else:
            data[field] = [float("nan")] * len(body)
    posts = pd.DataFrame(data, columns=list(FIELDS)).sort_values("posted_at",
                                                                  kind="stable")
    posts = posts.reset_index(drop=True)
    reach_kind = "reach" if posts["reach"].notna().all() else "views"
    if posts[reach_kind].isna().any():
        raise ExportError(f"{path}: some posts have neither reach nor views; remove those rows")
    if followers is None and "followers" in columns:
        vals = [_count(v, "followers", path, i + best + 2) for i, v in
                enumerate(column("followers"))]
        vals = [v for v in vals if v == v]  # NaN-free
        followers = int(vals[-1]) if vals else None
    if followers is None:
        raise ExportError(f"{path}: the export has no Followers column; give the account's "
                          "follower count with --followers N (the number on the profile)")
    if followers < 1:
        raise ExportError(f"{path}: the follower count must be at least 1; got {followers}")
    account = column("account")[0] if "account" in columns and column("account")[0] else \
        path.stem
    return Export(platform=platform, account=account, followers=int(followers), posts=posts,
                  reach_kind=reach_kind, language=language, source=str(path))


def _count(text: str, field: str, path: Path, line: int) -> float:
    """A count as written in an export: ``1234``, ``1,234``, ``1.234``, ``1 234``, or blank (0)."""
    t = text.replace("\u00a0", "").replace(" ", "")
    if t in ("", "-", "--"):
        return 0.0
    t = re.sub(r"[.,](?=\d{3}(\D|$))", "", t)  # thousands separators
    try:
        value = float(t.replace(",", "."))
    except ValueError:
        raise ExportError(f"{path} line {line}: {field} = {text!r} is not a number") from None
    if value < 0:
        raise ExportError(f"{path} line {line}: {field} = {text!r} is negative")
    return value


def _parse_times(values: list[str], language: str, path: Path) -> pd.Series:
    formats = _ISO + (_DAY_FIRST + _MONTH_FIRST if language == "nl"
                      else _MONTH_FIRST + _DAY_FIRST)
    for fmt in formats:
        parsed = pd.to_datetime(pd.Series(values), format=fmt, errors="coerce")
        if parsed.notna().all():
            return parsed
    bad = values[0]
    for fmt in formats[:1]:
        parsed = pd.to_datetime(pd.Series(values), format=fmt, errors="coerce")
        bad = next((v for v, p in zip(values, parsed, strict=True) if pd.isna(p)), bad)
    raise ExportError(f"{path}: cannot read the post time {bad!r}; expected a date and time "
                      "such as 2024-03-15 18:02, 03/15/2024 18:02 or 15-03-2024 18:02")


def write_export(posts: pd.DataFrame, platform: str, path: str | Path, followers: int,
                 lang: str = "en", account: str = "feedsim", order: list[str] | None = None,
                 delimiter: str | None = None) -> Path:
    """Write a tidy post table (:data:`FIELDS`) in a platform's export layout.

    Used to check the fit on exports made by feedsim from known parameters: what
    :func:`read_export` reads back is what a real export of the same posts would give.

    Args:
        posts: columns :data:`FIELDS` (NaN counts are left out as columns).
        lang: "en" or "nl" headers (Dutch exports use ``;`` and day-first dates).
        order: canonical fields in the order to write (default: the table's order).
    """
    table = HEADERS[platform]
    pick = 0 if lang == "en" else 1
    fields = ["account"] + [f for f in (order or FIELDS) if f in table and
                            (f in ("posted_at", "type") or posts[f].notna().all())]
    fields.append("followers")
    delimiter = delimiter or ("," if lang == "en" else ";")
    date_fmt = "%Y-%m-%d %H:%M" if lang == "en" else "%d-%m-%Y %H:%M"
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow([table[f][pick][0] for f in fields])
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
