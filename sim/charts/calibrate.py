"""The calibration chart: observed against simulated reach and engagement per post, over time.

Reads a folder written by :func:`sim.calibrate.account.write_calibration` (``observed.csv``,
``simulated.csv``, ``calibration.toml``): each observed post is a dot; the fitted scenario, run on
the export's own posting days and hours over several seeds, is a median line with a 90% band
across seeds. Held-out posts (not used by the fit) sit right of a dashed line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim import safe_io
from sim.charts.common import PALETTE, TEXT_COLOUR, count, pyplot, save_figure, style

CHART = "fit"
OBSERVED, SIMULATED = PALETTE[1], PALETTE[0]


def _engagement(posts: pd.DataFrame) -> pd.Series:
    return sum(posts[c].fillna(0.0) for c in ("likes", "comments", "shares"))


def calibration_chart(folder: str | Path) -> list[Path]:
    """Draw ``fit.png/svg`` into a calibration folder; returns the files written."""
    folder = Path(folder)
    meta = safe_io.read_toml(folder / "calibration.toml", "calibration summary", folder)
    obs = safe_io.read_csv(folder / "observed.csv", "observed posts", folder,
                           parse_dates=["posted_at"])
    sim = safe_io.read_csv(folder / "simulated.csv", "simulated posts", folder,
                           parse_dates=["posted_at"])
    kind = meta["reach_kind"]
    obs = obs.assign(engagement=_engagement(obs))
    sim = sim.assign(engagement=_engagement(sim))
    plt = pyplot()
    fig, axes = plt.subplots(2, 1, figsize=(10, 7), sharex=True, gridspec_kw={"hspace": 0.25})
    what = {"reach": "reach (accounts shown the post)", "views": "views (impressions)"}[kind]
    panels = ((kind, f"{what.capitalize()} per post"),
              ("engagement", "Engagement per post (likes + comments + shares)"))
    holdout = pd.Timestamp(meta["holdout_from"]) if meta.get("holdout_from") else None
    for ax, (col, title) in zip(axes, panels, strict=True):
        by_post = sim.groupby("posted_at")[col]
        q = by_post.quantile([0.05, 0.5, 0.95]).unstack()
        ax.fill_between(q.index, q[0.05], q[0.95], color=SIMULATED, alpha=0.2,
                        label=f"fitted scenario, 90% of {meta['replicates']} seeds")
        ax.plot(q.index, q[0.5], color=SIMULATED, lw=1.8, label="fitted scenario, median")
        ax.scatter(obs["posted_at"], obs[col], s=14, color=OBSERVED, zorder=3,
                   label="export (each post)")
        if holdout is not None:
            ax.axvline(holdout, color=TEXT_COLOUR, ls="--", lw=1)
            ax.text(holdout, 0.98, "  held out →", transform=ax.get_xaxis_transform(),
                    va="top", fontsize=9, color=TEXT_COLOUR)
        ax.set_title(title, loc="left", fontsize=11)
        ax.set_ylabel("per post")
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        style(ax)
    axes[0].legend(loc="upper left", frameon=False, fontsize=9)
    axes[1].set_xlabel("date of the post")
    fig.autofmt_xdate()
    chk = meta.get("check", {})
    line = ""
    if chk:
        part = "held-out posts" if holdout is not None else "all posts"
        line = (f"Median on {part}: {kind} {count(chk['reach_observed'])} observed, "
                f"{count(chk['reach_simulated'])} simulated; engagement "
                f"{chk['engagement_observed']:,.1f} observed, "
                f"{chk['engagement_simulated']:,.1f} simulated")
    fig.suptitle(f"{meta['account']} on {meta['platform']}: export against the fitted scenario",
                 x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.925, line, fontsize=10.5, color=TEXT_COLOUR)
    fig.subplots_adjust(top=0.86, left=0.09, right=0.97, bottom=0.12)
    return save_figure(fig, folder / CHART)


def calibration_charts(folder: str | Path, lang: str = "en", out: str | Path | None = None
                       ) -> list[Path]:
    """The calibration chart for the registry of folder kinds: drawn into the folder itself
    (its words are English; ``lang`` and ``out`` are accepted so every kind draws alike)."""
    return calibration_chart(folder)
