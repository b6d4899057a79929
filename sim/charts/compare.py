"""Comparison charts: several arms of an experiment across seeds, and an overlay of run folders.

A comparison folder holds a tidy ``days.csv`` (one row per arm × seed × day, with an ``arm`` and a
``seed`` column next to the day metrics) and, optionally, ``comparison.toml``, whose ``baseline``
names the arm the others are measured against (default: the first arm). Arms are drawn in the
order they first appear in ``days.csv`` and take their colours from the palette in that order, so
an arm keeps its colour on every chart. Lines are the median across seeds, bands hold 90% of seeds.

The five comparison charts: follower count, real reach per post, engagement rate, Kaushik's four
metrics, and money (purchases so far; extra revenue against the baseline, net of cost). Extra
revenue is computed here from ``cumulative_revenue``, seed by seed and day by day.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim import metrics
from sim.charts.common import (
    NOTE_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    axis_label,
    colours,
    count,
    euros,
    headline,
    pyplot,
    save_figure,
    style,
    tick_formatter,
)

COMPARISON_FILE, DAYS_FILE = "comparison.toml", "days.csv"
SMOOTH_DAYS = 14
# Headlines describe the settled state: from this day on, once early tactics have played out.
LATE_DAY = 30
KAUSHIK = ("conversation_rate", "amplification_rate", "applause_rate", "revenue")


class ComparisonError(ValueError):
    """A folder that cannot be drawn as a comparison (no arm or seed column, unknown baseline)."""


@dataclass(frozen=True)
class Arms:
    """The arms of a comparison as the charts draw them.

    Attributes:
        names: the arms, in order of first appearance.
        baseline: the arm the others are measured against.
        colours: one colour per arm.
        seeds: seeds per arm.
    """

    names: tuple[str, ...]
    baseline: str
    colours: dict[str, str]
    seeds: int


def is_comparison_folder(folder: str | Path) -> bool:
    """Whether ``folder`` was written as a comparison (it holds ``comparison.toml``)."""
    return (Path(folder) / COMPARISON_FILE).exists()


def read_comparison(folder: str | Path) -> tuple[pd.DataFrame, Arms]:
    """The tidy day table of a comparison folder and its arms.

    Raises:
        FileNotFoundError: no ``days.csv``.
        ComparisonError: no ``arm`` or ``seed`` column, or a baseline that is not an arm.
    """
    folder = Path(folder)
    if not (folder / DAYS_FILE).exists():
        raise FileNotFoundError(f"{folder} is not a comparison folder (no {DAYS_FILE})")
    days = pd.read_csv(folder / DAYS_FILE)
    missing = [c for c in ("arm", "seed", "day") if c not in days]
    if missing:
        raise ComparisonError(f"{folder / DAYS_FILE} has no {', '.join(missing)} column")
    days["arm"] = days["arm"].astype(str)
    spec = {}
    if is_comparison_folder(folder):
        spec = tomllib.loads((folder / COMPARISON_FILE).read_text(encoding="utf-8"))
    names = tuple(dict.fromkeys(days["arm"]))
    if not names:
        raise ComparisonError(f"{folder / DAYS_FILE} has no rows")
    baseline = str(spec.get("baseline", names[0]))
    if baseline not in names:
        raise ComparisonError(f"{folder / COMPARISON_FILE}: baseline {baseline!r} is not an arm "
                              f"of {DAYS_FILE} ({', '.join(names)})")
    return days, Arms(names, baseline, colours(names), int(days["seed"].nunique()))


def add_incremental_revenue(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """A copy of ``days`` with ``incremental_revenue``: the arm's cumulative revenue minus the
    baseline arm's on the same seed and day (0 for the baseline itself)."""
    base = days[days["arm"] == baseline].set_index(["seed", "day"])["cumulative_revenue"]
    idx = pd.MultiIndex.from_frame(days[["seed", "day"]])
    out = days.copy()
    out["incremental_revenue"] = (days["cumulative_revenue"].to_numpy()
                                  - base.reindex(idx).to_numpy())
    return out


def _bands(days: pd.DataFrame, metric: str, arms: Arms, smooth: int = 1,
           roll: str = "median") -> dict:
    """Per arm present: (day, median, p5, p95) of ``metric`` across seeds, after a per-seed
    rolling ``roll`` ("median": robust to the rare post that goes viral; "mean": for small counts
    such as comments per post, whose median jumps between 0 and 1) over ``smooth`` days."""
    out = {}
    for arm in arms.names:
        g = days[days["arm"] == arm]
        if g.empty:
            continue
        wide = g.pivot(index="day", columns="seed", values=metric)
        if smooth > 1:
            # Half a window before the first point: one lucky first post is not a trend.
            window = wide.rolling(smooth, min_periods=max(1, smooth // 2))
            wide = window.median() if roll == "median" else window.mean()
        out[arm] = (wide.index.to_numpy(), wide.median(axis=1).to_numpy(),
                    wide.quantile(0.05, axis=1).to_numpy(), wide.quantile(0.95, axis=1).to_numpy())
    return out


def _draw_bands(ax, bands: dict, arms: Arms, scale: float = 1.0) -> None:
    """Lines with 90% bands. An arm's band starts where it first differs from the baseline (or,
    without it, the first arm drawn): arms share their random numbers, so before an arm's tactic
    starts the two coincide and a band would only repeat the baseline's."""
    ref = bands.get(arms.baseline, next(iter(bands.values()), None))
    for arm, (x, mid, lo, hi) in bands.items():
        c = arms.colours[arm]
        start = 0
        if ref is not None and bands[arm] is not ref and len(ref[0]) == len(x):
            same = np.isclose(lo, ref[2], equal_nan=True) & np.isclose(hi, ref[3], equal_nan=True)
            start = int(np.argmin(same)) if not same.all() else len(x)
        ax.fill_between(x[start:], lo[start:] * scale, hi[start:] * scale, color=c, alpha=0.12,
                        lw=0)
        ax.plot(x, mid * scale, color=c, lw=2, label=arm)


def _late_median(days: pd.DataFrame, metric: str, since: int) -> pd.Series:
    """Median of ``metric`` per arm over days >= ``since`` (all seeds), arms in table order."""
    late = days[days["day"] >= since]
    return late.groupby("arm", sort=False)[metric].median()


def _frame(title: str, takeaway_text: str, arms: Arms, panels=(1, 1), size=(10, 5.6)):
    plt = pyplot()
    fig, axes = plt.subplots(*panels, figsize=size, squeeze=False)
    fig.suptitle(title, x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.905 if panels[0] == 1 else 0.93, takeaway_text, fontsize=10.5,
             color=TEXT_COLOUR)
    fig.text(0.99, 0.01, f"lines: median of {arms.seeds} seeds; bands: 90% of seeds",
             ha="right", fontsize=8, color=NOTE_COLOUR)
    for ax in axes.flat:
        style(ax)
    return fig, axes


def _since(days: pd.DataFrame) -> int:
    # A run shorter than twice LATE_DAY keeps its second half.
    return min(LATE_DAY, int(days["day"].max()) // 2)


def followers_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path) -> list[Path]:
    """Follower count per arm: the number a client sees on the profile."""
    base = arms.baseline
    last_day = int(days["day"].max())
    end = days[days["day"] == last_day].groupby("arm", sort=False).mean(numeric_only=True)
    mean_followers = days.groupby(["arm", "day"], sort=False)["followers"].mean()
    peak = mean_followers.groupby(level="arm", sort=False).max()
    top = peak.idxmax()
    real = (f" ({count(end.loc[top, 'real_followers'])} real)" if "real_followers" in end
            else "")
    text = (f"'{top}' peaks at {count(peak[top])} followers; on day {last_day} it has "
            f"{count(end.loc[top, 'followers'])}{real} against "
            f"{count(end.loc[base, 'followers'])} for '{base}'.")
    fig, axes = _frame("Follower count: what the profile shows", text, arms)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, "followers", arms), arms)
    ax.set_ylabel(axis_label("followers"))
    ax.set_xlabel("day")
    ax.yaxis.set_major_formatter(tick_formatter("followers"))
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.1, right=0.97, bottom=0.12)
    return save_figure(fig, out_base)


def reach_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path) -> list[Path]:
    """Real reach per post per arm: people who actually saw a post."""
    base, since = arms.baseline, _since(days)
    reach = _late_median(days, "real_reach_per_post", since)
    worst = reach.idxmin()
    text = (f"From day {since}, a typical post of '{base}' reaches {count(reach[base])} real "
            f"people; '{worst}' only {count(reach[worst])} "
            f"({100 * (reach[worst] / reach[base] - 1):+.0f}%).")
    fig, axes = _frame("Real reach per post: people who actually saw it", text, arms)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, "real_reach_per_post", arms, SMOOTH_DAYS), arms)
    ax.set_ylabel(axis_label("real_reach_per_post", f"{SMOOTH_DAYS}-day median"))
    ax.set_xlabel("day")
    ax.yaxis.set_major_formatter(tick_formatter("real_reach_per_post"))
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.12, right=0.97, bottom=0.12)
    return save_figure(fig, out_base)


def engagement_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path) -> list[Path]:
    """Engagement rate per follower per arm: likes, comments and shares per follower."""
    base, since, name = arms.baseline, _since(days), "engagement_rate_follower"
    eng = _late_median(days, name, since) * 100
    worst = eng.idxmin()
    text = (f"From day {since}, a typical post of '{base}' engages {eng[base]:.2f}% of "
            f"followers; '{worst}' {eng[worst]:.2f}%.")
    fig, axes = _frame("Engagement rate: likes, comments and shares per follower", text, arms)
    ax = axes[0, 0]
    _draw_bands(ax, _bands(days, name, arms, SMOOTH_DAYS), arms)
    ax.set_ylabel(axis_label(name, f"{SMOOTH_DAYS}-day median"))
    ax.set_xlabel("day")
    ax.yaxis.set_major_formatter(tick_formatter(name))
    ax.legend(frameon=False, fontsize=9, ncol=2)
    fig.subplots_adjust(top=0.84, left=0.12, right=0.97, bottom=0.12)
    return save_figure(fig, out_base)


def kaushik_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path) -> list[Path]:
    """Kaushik's four social metrics per arm: conversation, amplification, applause and economic
    value, each a per-seed running mean over four weeks (rare counts jump between 0 and 1)."""
    base, last_day = arms.baseline, int(days["day"].max())
    value = days.groupby(["arm", "seed"], sort=False)["revenue"].sum().groupby(
        level="arm", sort=False).mean()
    best = value.idxmax()
    text = (f"Economic value over {last_day + 1} days: '{base}' {euros(value[base])}; "
            f"highest '{best}' {euros(value[best])}; lowest '{value.idxmin()}' "
            f"{euros(value.min())}.")
    fig, axes = _frame("Social value, as Kaushik measures it", text, arms, panels=(2, 2),
                       size=(12, 8))
    window = 2 * SMOOTH_DAYS
    for ax, name in zip(axes.flat, KAUSHIK, strict=True):
        m = metrics.DAY[name]  # the day metric: "revenue" is also a run figure (a total)
        per_day = " per day" if m.over_day == "sum" else ""
        _draw_bands(ax, _bands(days, name, arms, window, roll="mean"), arms)
        ax.set_title(f"{headline(name)}: {m.unit}{per_day} ({window}-day mean)", loc="left",
                     fontsize=11)
        ax.yaxis.set_major_formatter(tick_formatter(name))
        ax.set_xlabel("day")
    axes[0, 0].legend(frameon=False, fontsize=8, ncol=2)
    fig.subplots_adjust(top=0.86, left=0.07, right=0.98, bottom=0.09, hspace=0.35, wspace=0.2)
    return save_figure(fig, out_base)


def money_chart(days: pd.DataFrame, arms: Arms, out_base: str | Path) -> list[Path]:
    """Purchases so far per arm, and each arm's extra revenue against the baseline (same seed,
    same day) minus its own cost so far."""
    base, last_day = arms.baseline, int(days["day"].max())
    days = add_incremental_revenue(days, base)
    days["net_vs_baseline"] = days["incremental_revenue"] - days["cumulative_cost"]
    net = days[days["day"] == last_day].groupby("arm", sort=False)["net_vs_baseline"].mean()
    net = net.drop(base, errors="ignore")
    text = (f"Net of its cost, against '{base}', by day {last_day}: best '{net.idxmax()}' "
            f"{euros(net.max(), True)}; worst '{net.idxmin()}' {euros(net.min(), True)}."
            if len(net) else "")
    fig, axes = _frame("Customers and return on the money spent", text, arms, panels=(1, 2),
                       size=(12, 5.6))
    cum = days.sort_values("day", kind="stable")
    cum["cumulative_purchases"] = cum.groupby(["arm", "seed"])["purchases"].cumsum()
    _draw_bands(axes[0, 0], _bands(cum, "cumulative_purchases", arms), arms)
    axes[0, 0].set_title(f"{headline('purchases')} so far", loc="left", fontsize=11)
    axes[0, 0].set_xlabel("day")
    axes[0, 0].yaxis.set_major_formatter(tick_formatter("purchases"))
    axes[0, 0].legend(frameon=False, fontsize=8, ncol=2)
    _draw_bands(axes[0, 1], _bands(days[days["arm"] != base], "net_vs_baseline", arms), arms)
    axes[0, 1].axhline(0, color=arms.colours[base], lw=1.5, ls="--")
    axes[0, 1].set_title(f"Extra revenue minus cost, vs '{base}' (dashed), €", loc="left",
                         fontsize=11)
    axes[0, 1].yaxis.set_major_formatter(lambda v, _: euros(v))
    axes[0, 1].set_xlabel("day")
    fig.subplots_adjust(top=0.82, left=0.07, right=0.98, bottom=0.12, wspace=0.25)
    return save_figure(fig, out_base)


CHARTS = (("followers", followers_chart), ("real_reach", reach_chart),
          ("engagement_rate", engagement_chart), ("kaushik", kaushik_chart),
          ("money", money_chart))


def comparison_charts(folder: str | Path) -> list[Path]:
    """Draw the comparison charts of ``folder`` from its ``days.csv`` into it.

    Args:
        folder: a folder with a tidy ``days.csv`` (``arm``, ``seed``, ``day`` and the day
            metrics) and, optionally, ``comparison.toml`` naming the ``baseline`` arm.

    Returns:
        The files written, PNG and SVG of each chart.
    """
    folder = Path(folder)
    days, arms = read_comparison(folder)
    paths: list[Path] = []
    for name, chart in CHARTS:
        paths += chart(days, arms, folder / name)
    return paths


def compare_runs(folders: list[str | Path], out: str | Path, metric: str = "real_reach"
                 ) -> list[Path]:
    """Overlay several run folders on one chart: followers (all and real) and a post metric.

    Args:
        folders: run folders written by :func:`sim.results.write`.
        out: where to write, without a suffix; its folder is created.
        metric: the post metric of the lower panel (a running median of 14 posts).

    Returns:
        The PNG and SVG written.
    """
    from sim import results as res

    plt = pyplot()
    runs = [res.read(f) for f in folders]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True,
                                   gridspec_kw={"hspace": 0.25})
    post = metrics.POST.get(metric)
    label = post.label if post else metric
    lines = []
    for i, r in enumerate(runs):
        c = PALETTE[i % len(PALETTE)]
        ax1.plot(r.days["day"], r.days["followers"], color=c, lw=2, label=r.scenario.name)
        real = r.days["followers"] - r.days["followers_bought"]
        ax1.plot(r.days["day"], real, color=c, lw=1.2, ls="--")
        smooth = r.posts[metric].rolling(14, min_periods=1, center=True).median()
        ax2.plot(r.posts["day"], smooth, color=c, lw=2, label=r.scenario.name)
        lines.append(f"{r.scenario.name}: {count(np.median(r.posts[metric]))}")
    ax1.set_ylabel(f"{axis_label('followers')} (dashed: real only)")
    ax1.legend(frameon=False, fontsize=9)
    ax1.yaxis.set_major_formatter(tick_formatter("followers"))
    ax2.set_ylabel(f"{label}" + (f", {post.unit}" if post else "") + "\n(median of 14 posts)")
    ax2.set_xlabel("day")
    ax2.yaxis.set_major_formatter(lambda v, _: count(v))
    for ax in (ax1, ax2):
        style(ax)
    fig.suptitle(f"Followers and {label.removesuffix(' per post')}, side by side", x=0.06,
                 ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.925, f"Median {label} — " + "; ".join(lines), fontsize=10.5,
             color=TEXT_COLOUR)
    fig.subplots_adjust(top=0.86, left=0.1, right=0.97, bottom=0.08)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return save_figure(fig, out)
