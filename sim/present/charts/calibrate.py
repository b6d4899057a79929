"""The calibration chart: observed against simulated reach and engagement per post, over time.

Reads a folder written by :func:`sim.studies.calibrate.account.write_calibration` (``observed.csv``,
``simulated.csv``, ``calibration.toml``): each observed post is a dot; the fitted scenario, run on
the export's own posting days and hours over several seeds, is a median line with a 90% band
across seeds. Held-out posts (not used by the fit) sit right of a dashed line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from sim.base import safe_io
from sim.base.i18n import check_lang
from sim.present.charts.common import (
    PALETTE,
    TEXT_COLOUR,
    count,
    date_ticks,
    integer_ticks,
    pyplot,
    save_figure,
    speaks,
    style,
)
from sim.studies.calibrate import words as w

CHART = "fit"
OBSERVED, SIMULATED = PALETTE[1], PALETTE[0]


def _engagement(posts: pd.DataFrame) -> pd.Series:
    return sum(posts[c].fillna(0.0) for c in ("likes", "comments", "shares"))


# The chart's own words, English -> Dutch (the sentences it shares with the terminal live in
# sim.studies.calibrate.words).
# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
_NL = {
    "reach (accounts shown the post)": "bereik (accounts die de post zagen)",
    "views (impressions)": "weergaven (impressies)",
    "{what} per post": "{what} per post",
    "Engagement per post (likes + comments + shares)":
        "Interactie per post (likes + reacties + shares)",
    "calibrated account, 90% of {n} seeds": "gekalibreerd account, 90% van {n} seeds",
    "calibrated account, median": "gekalibreerd account, mediaan",
    "export (each post)": "export (elke post)",
    "  held out →": "  achtergehouden →",
    "per post": "per post",
    "date of the post": "datum van de post",
}
# fmt: on


def _t(text: str, lang: str, **fields) -> str:
    return (text if lang == "en" else _NL.get(text, text)).format(**fields)


@speaks
def calibration_chart(
    folder: str | Path, lang: str = "en", out: str | Path | None = None, split: bool = False
) -> list[Path]:
    """Draw ``fit.png/svg`` into a calibration folder (or ``out``) in ``lang``; returns the
    files written. ``split``: the SVG drawn in a copy of this process meanwhile (see
    :func:`sim.present.charts.common.save_figure`).

    The headline is the chart's verdict: how close the calibrated account comes to the real one
    on the posts the fit did not see, then its follower growth and the values the export
    barely informs.
    """
    check_lang(lang)
    folder = Path(folder)
    meta = safe_io.read_toml(folder / "calibration.toml", "calibration summary", folder)
    obs = safe_io.read_csv(
        folder / "observed.csv", "observed posts", folder, parse_dates=["posted_at"]
    )
    sim = safe_io.read_csv(
        folder / "simulated.csv", "simulated posts", folder, parse_dates=["posted_at"]
    )
    kind = meta["reach_kind"]
    obs = obs.assign(engagement=_engagement(obs))
    sim = sim.assign(engagement=_engagement(sim))
    plt = pyplot()
    fig, axes = plt.subplots(2, 1, figsize=(10, 7.8), sharex=True, gridspec_kw={"hspace": 0.25})
    what = _t(
        {"reach": "reach (accounts shown the post)", "views": "views (impressions)"}[kind], lang
    )
    panels = (
        (kind, _t("{what} per post", lang, what=what[0].upper() + what[1:])),
        ("engagement", _t("Engagement per post (likes + comments + shares)", lang)),
    )
    holdout = pd.Timestamp(meta["holdout_from"]) if meta.get("holdout_from") else None
    for ax, (col, title) in zip(axes, panels, strict=True):
        by_post = sim.groupby("posted_at")[col]
        q = by_post.quantile([0.05, 0.5, 0.95]).unstack()
        ax.fill_between(
            q.index,
            q[0.05],
            q[0.95],
            color=SIMULATED,
            alpha=0.2,
            label=_t("calibrated account, 90% of {n} seeds", lang, n=meta["replicates"]),
        )
        ax.plot(
            q.index, q[0.5], color=SIMULATED, lw=1.8, label=_t("calibrated account, median", lang)
        )
        ax.scatter(
            obs["posted_at"],
            obs[col],
            s=14,
            color=OBSERVED,
            zorder=3,
            label=_t("export (each post)", lang),
        )
        if holdout is not None:
            ax.axvline(holdout, color=TEXT_COLOUR, ls="--", lw=1)
            ax.text(
                holdout,
                0.98,
                _t("  held out →", lang),
                transform=ax.get_xaxis_transform(),
                va="top",
                fontsize=9,
                color=TEXT_COLOUR,
            )
        ax.set_title(title, loc="left", fontsize=11)
        ax.set_ylabel(_t("per post", lang))
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        integer_ticks(ax.yaxis)  # written whole, so ticked whole (a few likes a post)
        style(ax)
    # Above the first panel, right of its title: the dots and the band fill the panel itself.
    # Under the chart: the dots and the band fill the panels themselves.
    fig.legend(
        *axes[0].get_legend_handles_labels(),
        loc="lower center",
        ncol=3,
        frameon=False,
        fontsize=9,
        bbox_to_anchor=(0.5, 0.0),
    )
    axes[1].set_xlabel(_t("date of the post", lang))
    date_ticks(axes[1].xaxis, lang)
    fig.autofmt_xdate()
    chk = meta.get("check", {})
    lines = []
    if chk:
        lines.append(w.verdict(chk, kind, holdout is not None, lang))
        grown = w.growth(chk, lang)
        if grown:
            lines.append(grown)
    if "barely_informed" in meta:
        lines.append(w.barely(list(meta["barely_informed"]), lang))
    from sim.studies.calibrate.account import PLATFORM_NAMES

    platform = PLATFORM_NAMES.get(meta["platform"], meta["platform"])
    title = w.words("title", lang, account=meta["account"], platform=platform)
    # Long names and sentences wrap rather than run off the slide; the panels start below them.
    head = textwrap.wrap(title, 78)
    body = [part for line in lines for part in textwrap.wrap(line, 105)]
    height = fig.get_figheight() * 72  # points
    y = 0.975
    fig.text(0.06, y, "\n".join(head), fontsize=14, fontweight="bold", va="top", linespacing=1.2)
    y -= len(head) * 14 * 1.2 / height + 0.012
    fig.text(0.06, y, "\n".join(body), fontsize=10.5, color=TEXT_COLOUR, va="top", linespacing=1.5)
    y -= len(body) * 10.5 * 1.5 / height + 0.05
    fig.subplots_adjust(top=y, left=0.09, right=0.97, bottom=0.165)
    return save_figure(fig, (Path(out) if out else folder) / CHART, split=split)


def calibration_charts(
    folder: str | Path, lang: str = "en", out: str | Path | None = None
) -> list[Path]:
    """The calibration chart for the registry of folder kinds (as every kind draws: a folder,
    the reader's language and where to draw)."""
    return calibration_chart(folder, lang=lang, out=out)
