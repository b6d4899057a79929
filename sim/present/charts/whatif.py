"""The dashboard's charts: the baseline and up to four what-ifs run on the same seeds.

Four panels, shared by every what-if: followers (real ones solid, the profile's count dashed),
real reach per post, Kaushik's four metrics (each what-if as a share of the baseline) and net
euros against the baseline. Lines are medians over the runs; the band holding 90% of them is
drawn only when there are at least :data:`MIN_BAND_RUNS` runs, otherwise each run is drawn as a
thin line. Axes carry their unit (€, %) in the language's own format (:mod:`sim.base.l10n`).

Figures are :class:`matplotlib.figure.Figure` objects made directly, never through pyplot: no
global list of open figures keeps them alive, and drawing from the page's worker thread is safe.
Takes the runs in memory (a :class:`sim.dashboard.whatif.Session`: its baseline and what-ifs,
their labels, and ``word(text, lang)`` for the words), so a page redraws without files.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from sim.present.charts.common import PALETTE, band, style

BASE = PALETTE[6]
PLAN_COLOURS = (PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3])
MIN_BAND_RUNS = 5  # fewer runs than this: each run is drawn, not a 5-95% band
KAUSHIK = (
    ("conversation_rate", "conversation"),
    ("amplification_rate", "amplification"),
    ("applause_rate", "applause"),
    ("revenue", "economic value"),
)
PANELS = ("followers", "real_reach", "kaushik", "net")
SLIDE_INCHES, SLIDE_DPI = (19.2, 10.8), 100  # 1920 x 1080 pixels


def _figure(size, dpi=100):
    from sim.present.charts.common import figure

    return figure(size, dpi)


def run_series(frames: dict, col: str, smooth: int = 1) -> tuple[np.ndarray, pd.DataFrame]:
    """Days, and one column per run of ``col`` (a rolling mean over ``smooth`` days)."""
    m = pd.DataFrame(
        {s: d[col].rolling(smooth, min_periods=1).mean().to_numpy() for s, d in frames.items()}
    )
    return next(iter(frames.values()))["day"].to_numpy(), m


def _line(ax, frames, col, colour, label, smooth=1, ls="-", lw=1.8):
    day, m = run_series(frames, col, smooth)
    if m.shape[1] >= MIN_BAND_RUNS:
        ax.fill_between(day, *band(m), color=colour, alpha=0.15, lw=0)
    elif m.shape[1] > 1:
        for s in m:
            ax.plot(day, m[s], color=colour, lw=0.6, alpha=0.35, ls=ls)
    ax.plot(day, m.median(axis=1), color=colour, lw=lw, ls=ls, label=label)


def _axis(ax, kind: str, lang: str, x: bool = True) -> None:
    from sim.base.l10n import money, number, percent

    if kind == "euros":
        ax.yaxis.set_major_formatter(lambda v, _: money(v, lang))
    elif kind == "percent":
        ax.yaxis.set_major_formatter(lambda v, _: percent(v / 100, lang, 0))
    else:
        ax.yaxis.set_major_formatter(lambda v, _: number(v, lang))
    if x:
        ax.xaxis.set_major_formatter(lambda v, _: number(v, lang))


def arms_of(session, lang):
    """``(label, arm, colour)`` of the baseline and each what-if, labels clipped for a legend."""
    t = session.word  # the words are the caller's: charts import no interface

    def clip(text: str, n: int = 45) -> str:
        return text if len(text) <= n else text[: n - 1].rstrip() + "…"

    return [(t("baseline", lang), session.baseline, BASE)] + [
        (clip(lb), a, PLAN_COLOURS[i % len(PLAN_COLOURS)])
        for i, (lb, a) in enumerate(zip(session.labels(lang), session.arms, strict=True))
    ]


def kaushik_shares(session, arm) -> list[float | None]:
    """Each of Kaushik's four metrics of ``arm`` as a percentage of the baseline's (mean over
    days and runs); None where the baseline's is 0."""
    out: list[float | None] = []
    for col, _ in KAUSHIK:
        b = float(np.mean([d[col].mean() for d in session.baseline.days.values()]))
        w = float(np.mean([d[col].mean() for d in arm.days.values()]))
        out.append(100.0 * w / b if b > 0 else None)
    return out


def net_against_baseline(session, arm) -> dict:
    """Per run, a table of the day and the arm's net euros (revenue - cost, cumulative) minus the
    baseline's on the same seed."""
    out = {}
    for s, d in arm.days.items():
        b = session.baseline.days[s]
        out[s] = pd.DataFrame(
            {
                "day": d["day"],
                "net": (d["cumulative_revenue"] - d["cumulative_cost"])
                - (b["cumulative_revenue"] - b["cumulative_cost"]),
            }
        )
    return out


def draw_panel(ax, name: str, session, lang: str = "en", big: bool = False) -> None:
    """Draw panel ``name`` (one of :data:`PANELS`) of ``session`` into ``ax``."""
    t = session.word  # the words are the caller's: charts import no interface

    arms = arms_of(session, lang)
    fs = 28 if big else 11
    legend = {"frameon": False, "fontsize": 18 if big else 8, "loc": "upper left"}
    if name == "followers":
        for label, arm, colour in arms:
            _line(ax, arm.days, "real_followers", colour, label)
            if any((d["followers"] != d["real_followers"]).any() for d in arm.days.values()):
                _line(ax, arm.days, "followers", colour, None, ls="--", lw=1.2)
        ax.set_title(
            t("Followers: real (solid), on the profile (dashed)", lang), loc="left", fontsize=fs
        )
        _axis(ax, "count", lang)
        ax.set_xlabel(t("day", lang))
        ax.legend(**legend)
    elif name == "real_reach":
        for label, arm, colour in arms:
            _line(ax, arm.days, "real_reach_per_post", colour, label, smooth=7)
        ax.set_title(
            f"{t('Real reach per post', lang)} ({t('people', lang)})", loc="left", fontsize=fs
        )
        _axis(ax, "count", lang)
        ax.set_xlabel(t("day", lang))
        ax.legend(**legend)
    elif name == "kaushik":
        names = [t(n, lang) for _, n in KAUSHIK]
        x = np.arange(len(KAUSHIK))
        plans = arms[1:]
        width = 0.8 / max(1, len(plans))
        for k, (label, arm, colour) in enumerate(plans):
            shares = [np.nan if v is None else v for v in kaushik_shares(session, arm)]
            xs = x - 0.4 + width * (k + 0.5)
            ax.bar(xs, shares, width=width * 0.9, color=colour, label=label)
            if len(plans) <= 2:
                from sim.base.l10n import percent

                for xi, v in zip(xs, shares, strict=True):
                    if np.isfinite(v):
                        ax.text(
                            xi,
                            v,
                            percent(v / 100, lang, 0),
                            ha="center",
                            va="bottom",
                            fontsize=18 if big else 9,
                        )
        ax.axhline(100, color=BASE, lw=1, ls="--")
        top = np.nanmax([p.get_height() for p in ax.patches] + [100.0])
        ax.set_ylim(0, top * 1.35)  # room for the legend above the bars
        ax.set_xticks(x, names)
        ax.set_title(
            f"{t('Kaushik' + chr(39) + 's four metrics', lang)} "
            f"({t('as a share of the baseline', lang)})",
            loc="left",
            fontsize=fs,
        )
        _axis(ax, "percent", lang, x=False)
        ax.tick_params(axis="x", labelsize=18 if big else 9)
        if plans:
            ax.legend(**legend)
    elif name == "net":
        for label, arm, colour in arms[1:]:
            _line(ax, net_against_baseline(session, arm), "net", colour, label)
        ax.axhline(0, color=BASE, lw=1, ls="--")
        ax.set_title(t("Net euros against the baseline", lang), loc="left", fontsize=fs)
        _axis(ax, "euros", lang)
        ax.set_xlabel(t("day", lang))
        if len(arms) > 1:
            ax.legend(**{**legend, "loc": "best"})
    else:
        raise ValueError(f"unknown panel {name!r}: one of {', '.join(PANELS)}")
    style(ax)
    if big:  # a slide is read from across a room
        ax.tick_params(labelsize=18)
        ax.xaxis.label.set_size(20)


def runs_note(session, lang: str) -> str:
    """The line under a chart: how many runs each line is the median of, and what the band or
    the thin lines are."""
    t = session.word  # the words are the caller's: charts import no interface

    n = len(session.baseline.days)
    runs = t("each figure is the median of {n} simulated runs", lang).format(n=n)
    return f"{runs}; " + (
        t("band: 90% of the runs", lang) if n >= MIN_BAND_RUNS else t("thin lines: each run", lang)
    )


def session_figure(session, lang: str = "en"):
    """The page's chart: the four panels of ``session`` in one figure (not saved)."""
    fig = _figure((11, 7))
    axes = fig.subplots(2, 2)
    for ax, name in zip(axes.flat, PANELS, strict=True):
        draw_panel(ax, name, session, lang)
    fig.text(0.01, 0.005, runs_note(session, lang), fontsize=8, color="#777777")
    # Fixed margins rather than tight_layout: the page redraws on every change, and measuring
    # every text first costs about as much as drawing the figure.
    fig.subplots_adjust(left=0.08, right=0.99, top=0.95, bottom=0.09, hspace=0.38, wspace=0.2)
    return fig


def png(fig, dpi: int = 100) -> bytes:
    """``fig`` as PNG bytes (the figure is then left to the garbage collector)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def slide_pngs(session, lang: str = "en") -> dict[str, bytes]:
    """Each panel on its own 1920×1080 PNG, for a slide."""
    out = {}
    for name in PANELS:
        fig = _figure(SLIDE_INCHES, SLIDE_DPI)
        ax = fig.subplots()
        draw_panel(ax, name, session, lang, big=True)
        fig.text(0.01, 0.01, runs_note(session, lang), fontsize=16, color="#777777")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        out[name] = png(fig, SLIDE_DPI)
    return out
