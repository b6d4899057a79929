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
from sim.charts.common import PALETTE, TEXT_COLOUR, count, pyplot, save_figure, speaks, style

CHART = "fit"
OBSERVED, SIMULATED = PALETTE[1], PALETTE[0]


def _engagement(posts: pd.DataFrame) -> pd.Series:
    return sum(posts[c].fillna(0.0) for c in ("likes", "comments", "shares"))


# The chart's words in Dutch (English is the key), so a Dutch report shows a Dutch chart.
NL = {
    "reach (accounts shown the post)": "bereik (accounts die de post te zien kregen)",
    "views (impressions)": "weergaven",
    "{what} per post": "{what} per post",
    "Engagement per post (likes + comments + shares)":
        "Reacties per post (likes + opmerkingen + delingen)",
    "fitted scenario, 90% of {n} seeds": "afgestemd scenario, 90% van {n} runs",
    "fitted scenario, median": "afgestemd scenario, mediaan",
    "export (each post)": "export (elke post)",
    "  held out →": "  controle →",
    "per post": "per post",
    "date of the post": "datum van de post",
    "held-out posts": "de controleposts",
    "all posts": "alle posts",
    "Median on {part}: {kind} {ro} observed, {rs} simulated; engagement {eo} observed, {es} "
    "simulated": "Mediaan op {part}: {kind} {ro} gemeten, {rs} gesimuleerd; reacties {eo} "
    "gemeten, {es} gesimuleerd",
    "{account} on {platform}: export against the fitted scenario":
        "{account} op {platform}: export tegenover het afgestemde scenario",
}


def _w(text: str, lang: str, **values) -> str:
    out = NL.get(text, text) if lang == "nl" else text
    return out.format(**values) if values else out


@speaks
def calibration_chart(folder: str | Path, lang: str = "en",
                      out: str | Path | None = None) -> list[Path]:
    """Draw ``fit.png/svg`` into a calibration folder (or ``out``) in ``lang``; returns the
    files written."""
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
    what = _w({"reach": "reach (accounts shown the post)", "views": "views (impressions)"}[kind],
              lang)
    panels = ((kind, _w("{what} per post", lang, what=what.capitalize())),
              ("engagement", _w("Engagement per post (likes + comments + shares)", lang)))
    holdout = pd.Timestamp(meta["holdout_from"]) if meta.get("holdout_from") else None
    for ax, (col, title) in zip(axes, panels, strict=True):
        by_post = sim.groupby("posted_at")[col]
        q = by_post.quantile([0.05, 0.5, 0.95]).unstack()
        ax.fill_between(q.index, q[0.05], q[0.95], color=SIMULATED, alpha=0.2,
                        label=_w("fitted scenario, 90% of {n} seeds", lang,
                                 n=meta["replicates"]))
        ax.plot(q.index, q[0.5], color=SIMULATED, lw=1.8,
                label=_w("fitted scenario, median", lang))
        ax.scatter(obs["posted_at"], obs[col], s=14, color=OBSERVED, zorder=3,
                   label=_w("export (each post)", lang))
        if holdout is not None:
            ax.axvline(holdout, color=TEXT_COLOUR, ls="--", lw=1)
            ax.text(holdout, 0.98, _w("  held out →", lang), transform=ax.get_xaxis_transform(),
                    va="top", fontsize=9, color=TEXT_COLOUR)
        ax.set_title(title, loc="left", fontsize=11)
        ax.set_ylabel(_w("per post", lang))
        ax.yaxis.set_major_formatter(lambda v, _: count(v))
        style(ax)
    axes[0].legend(loc="upper left", frameon=False, fontsize=9)
    axes[1].set_xlabel(_w("date of the post", lang))
    fig.autofmt_xdate()
    chk = meta.get("check", {})
    line = ""
    if chk:
        from sim.l10n import number

        part = _w("held-out posts" if holdout is not None else "all posts", lang)
        line = _w("Median on {part}: {kind} {ro} observed, {rs} simulated; engagement {eo} "
                  "observed, {es} simulated", lang, part=part, kind=what.split(" (")[0],
                  ro=count(chk["reach_observed"]), rs=count(chk["reach_simulated"]),
                  eo=number(chk["engagement_observed"], lang, 1),
                  es=number(chk["engagement_simulated"], lang, 1))
    fig.suptitle(_w("{account} on {platform}: export against the fitted scenario", lang,
                    account=meta["account"], platform=str(meta["platform"]).capitalize()),
                 x=0.06, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.06, 0.925, line, fontsize=10.5, color=TEXT_COLOUR)
    fig.subplots_adjust(top=0.86, left=0.09, right=0.97, bottom=0.12)
    return save_figure(fig, (Path(out) if out else folder) / CHART)


def calibration_charts(folder: str | Path, lang: str = "en", out: str | Path | None = None
                       ) -> list[Path]:
    """The calibration chart for the registry of folder kinds (as every kind draws: a folder,
    the reader's language and where to draw)."""
    return calibration_chart(folder, lang=lang, out=out)
