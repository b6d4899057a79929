"""Write a tidy post table in the layouts the platforms' analytics downloads have (docs/sources.md,
"Analytics exports"): encodings, separators, title and note rows, workbooks, ZIPs and year-less
dates as they come, so the tests read what a client hands over.

Every writer takes the tidy table of :mod:`sim.studies.calibrate.exports` (``FIELDS``) and writes
the counts as integers; the tests compare what is read back with that table.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

ACCOUNT = "bakkerij_jansen"


def _csv(rows: list[list], delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _i(v) -> int:
    return int(round(float(v)))


def thousands(v) -> str:
    """1234 -> '1,234' (what Meta's English exports write)."""
    return f"{_i(v):,}"


def instagram_en(posts: pd.DataFrame, path: Path, schema: str = "views") -> Path:
    """Meta Business Suite, Instagram, English: ``Views`` (or ``Impressions`` before April 2025),
    ``Date`` = Lifetime, ``MM/DD/YYYY HH:MM``, UTF-8 with BOM, metrics in a shuffled order."""
    measure = "Views" if schema == "views" else "Impressions"
    header = [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Permalink",
        "Post type",
        "Data comment",
        "Date",
        measure,
        "Reach",
        "Likes",
        "Shares",
        "Follows",
        "Comments",
        "Saves",
    ]
    rows = [header]
    for i, r in enumerate(posts.itertuples()):
        rows.append(
            [
                18000000000 + i,
                17841400000,
                ACCOUNT,
                "Bakkerij Jansen",
                f"=Post {i + 1}, with a comma",
                0,
                r.posted_at.strftime("%m/%d/%Y %H:%M"),
                f"https://www.instagram.com/p/{r.Index}/",
                "IG image",
                "",
                "Lifetime",
                _i(r.views),
                _i(r.reach),
                _i(r.likes),
                _i(r.shares),
                _i(r.follows),
                _i(r.comments),
                0,
            ]
        )
    path.write_bytes(b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"))
    return path


def instagram_nl(posts: pd.DataFrame, path: Path, schema: str = "views") -> Path:
    """Meta Business Suite, Instagram, Dutch interface: the headers of a real Dutch download
    (``Publicatietijdstip``, ``Weergaven``, ``Volgt`` ...), day-first dates without leading
    zeros, UTF-8 with BOM. The impressions schema says ``Impressies``."""
    measure = "Weergaven" if schema == "views" else "Impressies"
    header = [
        "Bericht-ID",
        "Gebruikersnaam account",
        "Accountnaam",
        "Omschrijving",
        "Duur (sec.)",
        "Publicatietijdstip",
        "Permalink",
        "Berichttype",
        measure,
        "Bereik",
        "Vind-ik-leuks",
        "Aantal keer gedeeld",
        "Opmerkingen",
        "Aantal keer opgeslagen",
        "Volgt",
    ]
    rows = [header]
    for i, r in enumerate(posts.itertuples()):
        t = r.posted_at
        rows.append(
            [
                18000000000 + i,
                ACCOUNT,
                "Bakkerij Jansen",
                f"Bericht {i + 1}",
                0,
                f"{t.day}-{t.month}-{t.year} {t:%H:%M}",
                f"https://www.instagram.com/p/{r.Index}/",
                "IG-afbeelding",
                _i(r.views),
                _i(r.reach),
                _i(r.likes),
                _i(r.shares),
                _i(r.comments),
                0,
                _i(r.follows),
            ]
        )
    path.write_bytes(b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"))
    return path


def facebook_posts(posts: pd.DataFrame, path: Path) -> Path:
    """Meta Business Suite, Facebook posts: 33 columns, UTF-8 with BOM, the quoted header
    ``Reactions, Comments and Shares``, counts with thousands separators, the caption in
    ``Title`` or ``Description``."""
    header = [
        "Post ID",
        "Page ID",
        "Page name",
        "Title",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Caption type",
        "Permalink",
        "Is crosspost",
        "Is share",
        "Post type",
        "Languages",
        "Custom labels",
        "Funded content status",
        "Data comment",
        "Date",
        "Impressions",
        "Reach",
        "Reactions, Comments and Shares",
        "Reactions",
        "Comments",
        "Shares",
        "Total clicks",
        "Link clicks",
        "Other clicks",
        "Matched audience targeting consumption (Photo click)",
        "Negative feedback from users: Hide all",
        "Seconds viewed",
        "Average Seconds viewed",
        "Estimated earnings (USD)",
        "Ad CPM (USD)",
        "Ad impressions",
    ]
    rows = [header]
    for i, r in enumerate(posts.itertuples()):
        total = _i(r.likes) + _i(r.comments) + _i(r.shares)
        rows.append(
            [
                1000 + i,
                555,
                "Bakkerij Jansen",
                "" if i % 2 else f"Titel {i}",
                f"Post {i}" if i % 2 else "",
                "",
                r.posted_at.strftime("%m/%d/%Y %H:%M"),
                "",
                f"https://www.facebook.com/{i}",
                "No",
                "No",
                "Photos" if i % 2 else "Videos",
                "",
                "",
                "",
                "",
                "Lifetime",
                thousands(r.views),
                thousands(r.reach),
                thousands(total),
                thousands(r.likes),
                thousands(r.comments),
                thousands(r.shares),
                0,
                0,
                0,
                0,
                0,
                "",
                "",
                "",
                "",
                "",
            ]
        )
    path.write_bytes(b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"))
    return path


def facebook_daily(days: pd.DataFrame, column: str, metric: str, path: Path) -> Path:
    """Facebook's account-level daily file: UTF-16 LE with BOM, a ``sep=,`` line, the metric's
    name on a line of its own, then ``"Date","Primary"``."""
    rows = [[metric], ["Date", "Primary"]]
    rows += [
        [f"{d:%Y-%m-%dT%H:%M:%S}", _i(v)] for d, v in zip(days["date"], days[column], strict=True)
    ]
    text = "sep=,\r\n" + _csv(rows, quoting=csv.QUOTE_ALL)
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path


LINKEDIN_NOTE = (
    "All posts: figures are lifetime totals for posts created in the selected "
    "period. Dates are in UTC."
)
LINKEDIN_HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views",
    "Offsite views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]


def _linkedin_rows(posts: pd.DataFrame, dates: str) -> list[list]:
    rows = []
    for i, r in enumerate(posts.itertuples()):
        if dates == "text":
            when = r.posted_at.strftime("%m/%d/%Y")
        elif dates == "serial":
            when = (r.posted_at.normalize() - pd.Timestamp("1899-12-30")).days
        else:
            when = r.posted_at.to_pydatetime().replace(hour=0, minute=0)
        rows.append(
            [
                f"Update {i + 1}",
                f"https://www.linkedin.com/feed/update/{i}",
                "Organic",
                "NA",
                "Bakkerij Jansen",
                when,
                "NA",
                "NA",
                "All followers",
                _i(r.views),
                "NA",
                "NA",
                0,
                "NA",
                _i(r.likes),
                _i(r.comments),
                _i(r.shares),
                _i(r.follows),
                "NA",
                "Image",
            ]
        )
    return rows


def _metrics_rows(posts: pd.DataFrame) -> list[list]:
    by_day = posts.groupby(posts["posted_at"].dt.normalize())["views"].sum()
    return [["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)"]] + [
        [d.strftime("%m/%d/%Y"), _i(v), 0, _i(v)] for d, v in by_day.items()
    ]


def linkedin_xlsx(posts: pd.DataFrame, path: Path, dates: str = "text") -> Path:
    """LinkedIn page analytics as ``.xlsx``: sheets ``Metrics`` and ``All posts``, a note in
    row 1, the header in row 2, ``NA`` where a figure does not apply; dates as text
    (``MM/DD/YYYY``), Excel serial numbers or date cells (``dates``)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Metrics"
    ws.append(["Aggregated metrics for the selected period"])
    for row in _metrics_rows(posts):
        ws.append(row)
    ws = wb.create_sheet("All posts")
    ws.append([LINKEDIN_NOTE])
    ws.append(LINKEDIN_HEADER)
    for row in _linkedin_rows(posts, dates):
        ws.append(row)
    wb.save(path)
    return path


def linkedin_xls(posts: pd.DataFrame, path: Path) -> Path:
    """The same workbook as legacy ``.xls`` (what LinkedIn long served), dates as date cells."""
    import xlwt

    wb = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    for name, rows in (
        ("Metrics", [["Aggregated metrics"]] + _metrics_rows(posts)),
        ("All posts", [[LINKEDIN_NOTE], LINKEDIN_HEADER] + _linkedin_rows(posts, "cells")),
    ):
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if hasattr(v, "year"):
                    ws.write(r, c, v, date_style)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))
    return path


def linkedin_followers_xlsx(days: pd.DataFrame, path: Path) -> Path:
    """LinkedIn's followers export: sheet ``New followers`` with the day's new followers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "New followers"
    ws.append(
        [
            "Date",
            "Sponsored followers",
            "Organic followers",
            "Auto-invited followers",
            "Total followers",
        ]
    )
    for d, g in zip(days["date"], days["gained"], strict=True):
        ws.append([d.strftime("%m/%d/%Y"), 0, _i(g), 0, _i(g)])
    wb.save(path)
    return path


DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _yearless(t: pd.Timestamp, lang: str) -> str:
    if lang == "nl":
        return f"{t.day} {DUTCH_MONTHS[t.month - 1]}"
    return f"{t:%B} {t.day}"


def tiktok_zip(posts: pd.DataFrame, days: pd.DataFrame, folder: Path, lang: str = "en") -> Path:
    """TikTok Studio's download: a ZIP named with its period, holding ``Content.csv``,
    ``Overview.csv`` and ``FollowerHistory.csv``; UTF-8 with BOM, every field quoted, dates
    without a year (``"September 25"``; Dutch month names with ``lang="nl"``)."""
    start, end = days["date"].min(), days["date"].max()
    path = folder / f"TikTok_Studio_{start:%Y%m%d}-{end:%Y%m%d}.zip"

    def member(rows: list[list]) -> bytes:
        return b"\xef\xbb\xbf" + _csv(rows, quoting=csv.QUOTE_ALL).encode("utf-8")

    content = [
        [
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ]
    content += [
        [
            f"Video {i + 1}",
            f"https://www.tiktok.com/@{ACCOUNT}/video/{i}",
            _yearless(r.posted_at, lang),
            _i(r.likes),
            _i(r.comments),
            _i(r.shares),
            _i(r.views),
        ]
        for i, r in enumerate(posts.itertuples())
    ]
    overview = [
        [
            "Date",
            "Video Views",
            "Profile Views",
            "Likes",
            "Comments",
            "Shares",
            "New followers",
            "Lost followers",
        ]
    ]
    overview += [
        [_yearless(d, lang), 0, 0, 0, 0, 0, _i(g), _i(lo)]
        for d, g, lo in zip(days["date"], days["gained"], days["lost"], strict=True)
    ]
    history = [["Date", "Followers", "Difference in followers from previous day"]]
    history += [
        [_yearless(d, lang), _i(t), _i(n)]
        for d, t, n in zip(days["date"], days["total"], days["net"], strict=True)
    ]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Content.csv", member(content))
        zf.writestr("Overview.csv", member(overview))
        zf.writestr("FollowerHistory.csv", member(history))
    return path
