"""The dashboard's charts as the browser draws them: hover values, a series toggled by its legend.

The same four panels as :mod:`sim.present.charts.whatif` (followers, real reach per post,
Kaushik's four metrics as a share of the baseline, net euros against the baseline), built as
plain data for ECharts (the chart library Solara ships) instead of pictures. Building them takes
milliseconds where drawing and encoding the matplotlib figure took a large part of a lever
change; the picture is still drawn from :mod:`sim.present.charts.whatif` where a file is wanted
(a saved what-if, the slides of an exported report).

Each panel is a :class:`Panel`: the ECharts ``option`` (titles, legend, axes and series, in the
reader's words), the ``unit`` of its values (``"count"``, ``"euros"`` or ``"percent"``), which the
page formats in the reader's language, and ``tips``: per series the name its hover value carries,
or None for a series that only draws (each run's thin line). Values are rounded to what a reader
can see; the lines are the medians over the runs, as in the pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.present.charts.common import band
from sim.present.charts.whatif import (
    KAUSHIK,
    MIN_BAND_RUNS,
    PANELS,
    arms_of,
    kaushik_shares,
    net_against_baseline,
    run_series,
)

UNITS = ("count", "euros", "percent")


@dataclass
class Panel:
    """One chart of the page: its ECharts option, the unit of its values, its hover names."""

    name: str
    option: dict
    unit: str
    tips: list[str | None] = field(default_factory=list)


def _points(days: np.ndarray, values, digits: int) -> list[list[float]]:
    """``[[day, value], ...]`` rounded to ``digits``; a missing value stays a gap (None)."""
    days = np.asarray(days).astype(np.int64).tolist()
    return [list(p) for p in zip(days, _rounded(values, digits), strict=True)]


# Below this size a value times 10**digits is a whole number of a double's 53 bits apart from
# far less than the margin that tells a value from a tie: see _rounded.
_EXACT_BELOW = 2.0**40
_TIE_MARGIN = 1e-3


def _rounded(values, digits: int) -> list:
    """Each of ``values`` as Python's ``round(v, digits)`` gives it (None for NaN or infinite),
    computed for the whole array at once.

    Python rounds the value's exact decimal expansion; NumPy's ``round`` scales, rounds and
    scales back, and where the scaled value lands next to a half the two can differ. Away from
    a half (by more than ``_TIE_MARGIN``, far more than the scaling's error below
    ``_EXACT_BELOW``) the nearest whole number is the same for both, and dividing it back is
    one correctly rounded division, as Python's conversion of the decimal is: the same double.
    The few values near a half, or too large, are rounded by Python itself.
    """
    v = np.asarray(values, dtype=float)
    scale = 10.0**digits
    scaled = v * scale
    whole = np.rint(scaled)
    with np.errstate(invalid="ignore"):
        sure = (np.abs(scaled) < _EXACT_BELOW) & (
            np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > _TIE_MARGIN
        )
    out = (whole / scale).tolist()
    for i in np.flatnonzero(~sure).tolist():
        x = float(v[i])
        out[i] = round(x, digits) if np.isfinite(x) else None
    return out


def _lines(panel: Panel, frames, col, colour, label, smooth=1, dashed=False, tip=None) -> None:
    """The median line of ``col`` over the runs in ``frames``, with the band holding 90% of the
    runs when there are at least :data:`MIN_BAND_RUNS` of them, or else each run as a thin line,
    as in the pictures. The band and the thin lines share the arm's name, so its legend entry
    hides them with the median; they carry no hover value of their own."""
    days, runs = run_series(frames, col, smooth)
    series = panel.option["series"]
    quiet = {"symbol": "none", "silent": True, "z": 1, "emphasis": {"disabled": True}}
    if runs.shape[1] >= MIN_BAND_RUNS:
        low, high = band(runs)
        stack = f"band-{len(series)}"
        series.append(
            {"type": "line", "name": label, "stack": stack, "data": _points(days, low, 1)}
            | quiet
            | {"lineStyle": {"opacity": 0}, "itemStyle": {"color": colour}}
        )
        series.append(
            {"type": "line", "name": label, "stack": stack, "data": _points(days, high - low, 1)}
            | quiet
            | {
                "lineStyle": {"opacity": 0},
                "areaStyle": {"color": colour, "opacity": 0.15},
                "itemStyle": {"color": colour},
            }
        )
        panel.tips += [None, None]
    elif runs.shape[1] > 1:
        for s in runs:
            series.append(
                {"type": "line", "name": label, "data": _points(days, runs[s], 1)}
                | quiet
                | {
                    "lineStyle": {"width": 0.8, "opacity": 0.35, "color": colour},
                    "itemStyle": {"color": colour},
                }
            )
            panel.tips.append(None)
    series.append(
        {
            "type": "line",
            "name": label,
            "data": _points(days, runs.median(axis=1), 1),
            "showSymbol": False,
            "z": 3,
            "lineStyle": {"width": 1.4 if dashed else 2.2, "color": colour}
            | ({"type": "dashed"} if dashed else {}),
            "itemStyle": {"color": colour},
            "emphasis": {"focus": "series"},
        }
    )
    panel.tips.append(tip or label)


def _base_option(title: str, x_name: str | None, category: list[str] | None = None) -> dict:
    option = {
        "animation": False,
        "title": {"text": title, "left": 0, "textStyle": {"fontSize": 13, "fontWeight": "normal"}},
        "legend": {"top": 22, "left": 0, "type": "scroll", "textStyle": {"fontSize": 11}},
        "grid": {"left": 8, "right": 16, "top": 64, "bottom": 28, "containLabel": True},
        "tooltip": {"trigger": "axis", "confine": True},
        "yAxis": {"type": "value", "scale": False, "splitLine": {"lineStyle": {"color": "#eee"}}},
        "series": [],
    }
    if category is None:
        option["xAxis"] = {
            "type": "value",
            "name": x_name or "",
            "nameLocation": "middle",
            "nameGap": 22,
            "minInterval": 1,
            "splitLine": {"show": False},
        }
    else:
        option["xAxis"] = {
            "type": "category",
            "data": category,
            "axisLabel": {"interval": 0, "fontSize": 10, "width": 90, "overflow": "break"},
        }
        option["tooltip"] = {"trigger": "axis", "axisPointer": {"type": "shadow"}, "confine": True}
    return option


def _followers(session, lang: str) -> Panel:
    t = session.word
    p = Panel(
        "followers",
        _base_option(t("Followers: real (solid), on the profile (dashed)", lang), t("day", lang)),
        "count",
    )
    profile = t("on the profile", lang)
    for label, arm, colour in arms_of(session, lang):
        _lines(p, arm.days, "real_followers", colour, label)
        if any((d["followers"] != d["real_followers"]).any() for d in arm.days.values()):
            _lines(p, arm.days, "followers", colour, label, dashed=True, tip=f"{label} ({profile})")
    return p


def _reach(session, lang: str) -> Panel:
    t = session.word
    title = f"{t('Real reach per post', lang)} ({t('people', lang)})"
    p = Panel("real_reach", _base_option(title, t("day", lang)), "count")
    for label, arm, colour in arms_of(session, lang):
        _lines(p, arm.days, "real_reach_per_post", colour, label, smooth=7)
    return p


def _kaushik(session, lang: str) -> Panel:
    t = session.word
    title = (
        f"{t('Kaushik' + chr(39) + 's four metrics', lang)} "
        f"({t('as a share of the baseline', lang)})"
    )
    names = [t(n, lang) for _, n in KAUSHIK]
    p = Panel("kaushik", _base_option(title, None, category=names), "percent")
    for label, arm, colour in arms_of(session, lang)[1:]:
        p.option["series"].append(
            {
                "type": "bar",
                "name": label,
                "data": [None if v is None else round(v, 1) for v in kaushik_shares(session, arm)],
                "itemStyle": {"color": colour},
                "label": {"show": len(session.arms) <= 2, "position": "top", "fontSize": 10},
            }
        )
        p.tips.append(label)
    p.option["series"].append(_reference_line(100.0))
    p.tips.append(None)
    return p


def _reference_line(y: float) -> dict:
    """A dashed horizontal line at ``y`` (the baseline's level), drawn by an empty series."""
    return {
        "type": "line",
        "name": "",
        "data": [],
        "silent": True,
        "markLine": {
            "symbol": "none",
            "silent": True,
            "label": {"show": False},
            "lineStyle": {"type": "dashed", "color": "#000000", "width": 1},
            "data": [{"yAxis": y}],
        },
    }


def _net(session, lang: str) -> Panel:
    t = session.word
    p = Panel(
        "net", _base_option(t("Net euros against the baseline", lang), t("day", lang)), "euros"
    )
    for label, arm, colour in arms_of(session, lang)[1:]:
        _lines(p, net_against_baseline(session, arm), "net", colour, label)
    p.option["series"].append(_reference_line(0.0))
    p.tips.append(None)
    return p


BUILDERS = {"followers": _followers, "real_reach": _reach, "kaushik": _kaushik, "net": _net}


def panels(session, lang: str = "en") -> list[Panel]:
    """The four panels of ``session`` (in the order of :data:`PANELS`), in ``lang``'s words."""
    return [BUILDERS[name](session, lang) for name in PANELS]
