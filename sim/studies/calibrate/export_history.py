"""A follower history in analytics exports, and the follower count at the start of an export.

Daily follower files (LinkedIn's followers sheet, TikTok's ``FollowerHistory.csv`` and
``Overview.csv``, Meta's daily metric files) give the count, the new followers or the losses per
day; :func:`_start_count` takes from them the count on the day of the first post, which the fit
starts from. Used by :mod:`sim.studies.calibrate.exports`.
"""

from __future__ import annotations

import re

import pandas as pd

from sim.studies.calibrate.export_files import _Table
from sim.studies.calibrate.export_layouts import _norm
from sim.studies.calibrate.export_values import _columns, _count, _header, parse_times
from sim.studies.calibrate.words import Note


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
    body = table.rows[hi + 1 :]
    if not body:
        return None
    width = len(header)
    body = [(n, c + [""] * (width - len(c))) for n, c in body]
    dates = parse_times(
        [c[columns["date"]] for _, c in body], "en", table.where, table.years, what="date"
    )
    out = pd.DataFrame({"date": dates.dt.normalize()})
    for fld in ("total", "gained", "lost", "net"):
        if fld in columns:
            out[fld] = [
                _count(c[columns[fld]], fld, table.where, n, signed=fld == "net") for n, c in body
            ]
        else:
            out[fld] = float("nan")
    return out


def _history(histories: list[pd.DataFrame]) -> pd.DataFrame | None:
    if not histories:
        return None
    h = pd.concat(histories, ignore_index=True)
    h = h.groupby("date", as_index=False).agg(
        {
            c: (lambda s: s.dropna().iloc[-1] if s.notna().any() else float("nan"))
            for c in ("total", "gained", "lost", "net")
        }
    )
    return h.sort_values("date").reset_index(drop=True)


def _start_count(
    history: pd.DataFrame, first: pd.Timestamp, today: int | None
) -> tuple[int | None, str, int | None]:
    """The follower count at the start of ``first``: (count, how it was found, count today)."""
    totals = history.dropna(subset=["total"])
    if not totals.empty:
        last = int(totals["total"].iloc[-1])
        before = totals[totals["date"] < first]
        if not before.empty:
            return int(before["total"].iloc[-1]), Note("from_history"), last
        on = totals.iloc[0]
        change = 0.0
        if on["date"] == first:
            net = _net(history.iloc[[int(totals.index[0])]])
            change = float(net.iloc[0]) if net.notna().iloc[0] else 0.0
        if on["date"] > first:
            return None, "", last
        return int(on["total"] - change), Note("from_history"), last
    net = _net(history)
    if today is None or history[["net", "gained"]].isna().all().all():
        return None, "", None
    # New followers but no losses (LinkedIn's followers export): the start comes out low.
    gains_only = bool(history["net"].isna().all() and history["lost"].isna().all())
    since = float(net[history["date"] >= first].fillna(0.0).sum())
    start = int(round(today - since))
    how = Note("from_gains" if gains_only else "from_net", today=today, since=since)
    return max(start, 1), how, None


def _net(history: pd.DataFrame) -> pd.Series:
    net = history["net"].copy()
    gained = history["gained"]
    lost = history["lost"].fillna(0.0)
    return net.where(net.notna(), gained - lost)
