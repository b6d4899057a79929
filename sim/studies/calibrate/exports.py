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

This module reads and writes; the layouts (:mod:`sim.studies.calibrate.export_layouts`), the
tables out of files (:mod:`~sim.studies.calibrate.export_files`), columns and values
(:mod:`~sim.studies.calibrate.export_values`) and the follower history
(:mod:`~sim.studies.calibrate.export_history`) are its siblings; their public names are
re-exported here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.base.i18n import Said
from sim.base.l10n import Count
from sim.studies.calibrate.export_files import _Table, _tables
from sim.studies.calibrate.export_files import decode as decode  # re-exported
from sim.studies.calibrate.export_files import read_bytes as read_bytes  # re-exported
from sim.studies.calibrate.export_history import _history, _read_history, _start_count
from sim.studies.calibrate.export_layouts import ABSURD as ABSURD  # re-exported
from sim.studies.calibrate.export_layouts import (
    COUNTS,
    FIELDS,
    FOLLOWER_HEADERS,
    HEADERS,
    LANGS,
    MAX_POSTS,
    PLATFORMS,
    SOURCE_NAME,
    Export,
    ExportError,
    _lookup,
    _norm,
)
from sim.studies.calibrate.export_layouts import MAX_BYTES as MAX_BYTES  # re-exported
from sim.studies.calibrate.export_layouts import MONTHS as MONTHS  # re-exported
from sim.studies.calibrate.export_layouts import CalibrationError as CalibrationError  # re-exported
from sim.studies.calibrate.export_values import (
    _WHAT,
    _columns,
    _count,
    _header,
    _missing,
    _refusal,
    parse_times,
)
from sim.studies.calibrate.words import Listed, Note
from sim.studies.calibrate.words import measure as _measure

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


def _read_posts(
    table: _Table, hi: int, columns: dict[str, int], langs: list[str], notes: list[str]
) -> _Posts:
    header_num, header = table.rows[hi]
    body = table.rows[hi + 1 :]
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
            data[fld] = [
                _count(v, fld, table.where, n) for n, v in zip(rownums, column(fld), strict=True)
            ]
        else:
            data[fld] = [float("nan")] * len(body)
    frame = pd.DataFrame(data, columns=list(FIELDS))
    followers = None
    if "followers" in columns:
        vals = [
            _count(v, "followers", table.where, n)
            for n, v in zip(rownums, column("followers"), strict=True)
        ]
        vals = [v for v in vals if v == v]
        followers = vals[-1] if vals else None
    account = None
    if "account" in columns and body:
        account = column("account")[0] or None
    names = {f: header[j] for f, j in columns.items()}
    links = column("link") if "link" in columns else None
    return _Posts(
        table,
        header_num,
        columns,
        names,
        language,
        frame,
        rownums,
        notes,
        followers,
        account,
        links,
    )


def read_export(
    path: str | Path, platform: str, followers: int | None = None, force: bool = False
) -> Export:
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
        raise ExportError(
            Said(
                "unknown platform {platform!r}; choose one of {choices}",
                {"platform": platform, "choices": ", ".join(PLATFORMS)},
            )
        )
    path = Path(path)
    lookup = _lookup(HEADERS[platform])
    follower_lookup = _lookup(FOLLOWER_HEADERS)
    tables = _tables(path, lookup, force)
    if not any(t.rows for t in tables):
        raise ExportError(
            Said(
                "{path}: the file is empty; expected a {where} export with one row per post",
                {"path": path, "where": SOURCE_NAME[platform]},
            )
        )
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
            if (
                "reach" in p.columns
                and "views" in p.columns
                and len(p.frame)
                and p.frame["reach"].isna().all()
            ):
                # A reach column empty (NA) throughout: the export has no reach, only views.
                p.notes.append(Note("all_na", name=p.names.pop("reach")))
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


def _assemble(
    path: Path,
    platform: str,
    found: list[_Posts],
    histories: list[pd.DataFrame],
    followers: int | None,
    force: bool,
) -> Export:
    notes: list[str] = []
    for p in found:
        notes += [Note("in_file", where=p.table.where, note=n) for n in p.notes]
    # One measure fitted for every post: reach where every file has it, else views; never
    # impressions in one file and views in another.
    has_reach = all("reach" in p.columns for p in found)
    kind = "reach" if has_reach else "views"
    if not has_reach and any("views" not in p.columns for p in found):
        lacking = [p.table.where for p in found if "views" not in p.columns]
        raise ExportError(
            Said(
                "{where} has reach but no views, while another file has views but no reach; one "
                "measure must be fitted for every post: give files that share it",
                {"where": lacking[0]},
            )
        )
    view_names = {p.names.get("views") for p in found if "views" in p.names}
    if kind == "views" and len({_norm(n) for n in view_names}) > 1:
        raise ExportError(
            Said(
                "{path}: the files measure posts by different columns ({names}): impressions "
                "and views are not the same count (Meta replaced impressions by views in 2025), "
                "so they cannot be fitted as one; give the exports of one schema, or ones with a "
                "Reach column",
                {"path": path, "names": ", ".join(sorted(map(repr, view_names)))},
            )
        )
    if len({_norm(n) for n in view_names}) > 1:
        notes.append(Note("mixed_views", names=", ".join(sorted(view_names))))
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
        raise ExportError(Said("{path}: the export has a header but no posts", {"path": path}))
    if len(posts) > MAX_POSTS and not force:
        raise ExportError(
            Said(
                "{path}: {n:,} posts, more than the {most:,} one account's export holds in "
                "years; check it is one account's file, or pass --force to fit on all of them "
                "(slow)",
                {"path": path, "n": Count(len(posts)), "most": Count(MAX_POSTS)},
            )
        )

    def rows_where(mask, what: Said, fix: Said) -> None:
        idx = [i for i, bad in enumerate(mask) if bad]
        if not idx:
            return
        shown = [
            Said("{where} row {row}", {"where": where_rows[i][0], "row": where_rows[i][1]})
            for i in idx[:8]
        ]
        more = Said(" and {n} more", {"n": Count(len(idx) - 8)}) if len(idx) > 8 else ""
        raise ExportError(
            Said(
                "{shown}{more}: {what}; {fix}",
                {"shown": Listed(tuple(shown)), "more": more, "what": what, "fix": fix},
            )
        )

    for fld in (kind, "likes", "comments"):
        name = {"what": _measure(fld)}
        rows_where(
            posts[fld].isna().to_numpy(),
            Said(
                "no {what} (NA) where the fit needs it" if fld == kind else "no {what} (NA)", name
            ),
            Said("remove those posts, or fill in their {what}", name),
        )
    if kind == "reach":
        rows_where(
            (posts["reach"] < posts["likes"]).to_numpy(),
            Said("reach is below likes (a like comes from an account the post reached)", {}),
            Said("the file is damaged or its columns are mislabelled: download it again", {}),
        )
    for fld in ("shares", "saves", "follows", "views"):
        part = posts[fld].isna()
        if part.any() and not part.all():
            notes.append(Note("partly_na", fld=fld, missing=int(part.sum()), posts=len(posts)))
    if len(found) > 1 and all(p.links is not None for p in found):
        _same_posts_same_day(found)
    dup = posts.duplicated(subset=["posted_at", "reach", "views", "likes", "comments"])
    if len(found) > 1 and dup.any():
        notes.append(Note("duplicates", n=int(dup.sum())))
        keep = (~dup).to_numpy()
        posts = posts[keep]
        where_rows = [w for w, k in zip(where_rows, keep, strict=True) if k]
    posts = posts.sort_values("posted_at", kind="stable").reset_index(drop=True)
    measure = column_names.get(kind, kind)
    notes.insert(0, Note("fitted_on", kind=kind, measure=measure))
    language = max(LANGS, key=lambda lang: (sum(p.language == lang for p in found), lang == "en"))

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
            notes.append(Note("first_count", first=first, start=start, how=how))
    if today is None and start is None:
        raise ExportError(
            Said(
                "{path}: the export has no Followers column; give the account's follower count "
                "with --followers N (the number on the profile)",
                {"path": path},
            )
        )
    count = int(start if start is not None else today)
    if count < 1:
        raise ExportError(
            Said(
                "{path}: the follower count must be at least 1; got {count}",
                {"path": path, "count": Count(count)},
            )
        )
    account = next((p.account for p in found if p.account), None) or path.stem
    return Export(
        platform=platform,
        account=account,
        followers=count,
        posts=posts,
        reach_kind=kind,
        language=language,
        source=str(path),
        columns=column_names,
        notes=tuple(notes),
        followers_today=None if today is None else int(today),
        history=history,
    )


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
                    Said(
                        "{where} row {row} and {other} row {other_row} hold the same post "
                        "({link}) with different figures: exports taken on different dates, "
                        "whose lifetime totals cannot be mixed; download them again on one day, "
                        "or give only the latest",
                        {"where": where, "row": first_row, "other": p.table.where}
                        | {"other_row": row, "link": link},
                    )
                )
            seen.setdefault(link, (p.table.where, row, key))


def write_export(
    posts: pd.DataFrame,
    platform: str,
    path: str | Path,
    followers: int,
    lang: str = "en",
    account: str = "feedsim",
    order: list[str] | None = None,
    delimiter: str | None = None,
) -> Path:
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
    fields = ["account"] + [
        f
        for f in (order or FIELDS)
        if f in table and (f in ("posted_at", "type") or posts[f].notna().all())
    ]
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
