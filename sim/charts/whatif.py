"""The dashboard's chart: a what-if against its baseline across seeds, four panels.

Followers by origin, real reach per post, Kaushik's four metrics (the what-if as a share of the
baseline) and net euros against the baseline; lines are medians over seeds, bands 5-95%.
Takes the runs in memory (two :class:`sim.dashboard.whatif.Arm`), so a page redraws without
files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.charts.common import PALETTE, pyplot, style

BASE, WHATIF = PALETTE[6], PALETTE[0]
ORIGINS = ("organic", "follow_back", "giveaway", "bought")  # bottom to top: the bought on top
ORIGIN_COLOURS = {"organic": PALETTE[0], "follow_back": PALETTE[4], "giveaway": PALETTE[3],
                  "bought": PALETTE[1]}
KAUSHIK = (("conversation_rate", "conversation"), ("amplification_rate", "amplification"),
           ("applause_rate", "applause"), ("revenue", "economic value"))


def _band(frames: dict, col: str, smooth: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                             np.ndarray]:
    m = pd.DataFrame({s: d[col].rolling(smooth, min_periods=1).mean().to_numpy()
                      for s, d in frames.items()})
    day = next(iter(frames.values()))["day"].to_numpy()
    return (day, m.median(axis=1).to_numpy(), m.quantile(0.05, axis=1).to_numpy(),
            m.quantile(0.95, axis=1).to_numpy())


def _line(ax, frames, col, colour, label, smooth=1):
    day, mid, lo, hi = _band(frames, col, smooth)
    ax.fill_between(day, lo, hi, color=colour, alpha=0.18, lw=0)
    ax.plot(day, mid, color=colour, lw=1.8, label=label)


def whatif_figure(baseline, whatif, words=None):
    """A matplotlib figure (not saved): the four panels for two arms run on the same seeds.

    Args:
        baseline, whatif: objects with ``days`` (seed -> day table), as
            :class:`sim.dashboard.whatif.Arm`.
        words: translates each English label (the page passes its language's); default as is.
    """
    def t(text: str) -> str:
        return words(text) if words else text

    plt = pyplot()
    fig, axes = plt.subplots(2, 2, figsize=(11, 7))
    (a1, a2), (a3, a4) = axes
    # The what-if's followers stacked by origin (mean over seeds), the baseline's real ones as a
    # line with its band.
    frames = list(whatif.days.values())
    day = frames[0]["day"].to_numpy()
    stacks, labels, colours = [], [], []
    for origin in ORIGINS:
        col = f"followers_{origin}"
        if col in frames[0] and any(f[col].any() for f in frames):
            stacks.append(np.mean([f[col].to_numpy() for f in frames], axis=0))
            labels.append(f"{t('what-if')}: {t(origin.replace('_', '-'))}")
            colours.append(ORIGIN_COLOURS[origin])
    if stacks:
        a1.stackplot(day, *stacks, labels=labels, colors=colours, alpha=0.8)
    _line(a1, baseline.days, "real_followers", BASE, f"{t('baseline')}: {t('real followers')}")
    a1.set_title(t("Followers by origin"), loc="left", fontsize=11)
    a1.legend(frameon=False, fontsize=8, loc="upper left")

    _line(a2, baseline.days, "real_reach_per_post", BASE, t("baseline"), smooth=7)
    _line(a2, whatif.days, "real_reach_per_post", WHATIF, t("what-if"), smooth=7)
    a2.set_title(t("Real reach per post") + f" ({t('people')})", loc="left",
                 fontsize=11)
    a2.legend(frameon=False, fontsize=8, loc="upper left")

    shares = []
    for col, _ in KAUSHIK:
        b = np.mean([d[col].mean() for d in baseline.days.values()])
        w = np.mean([d[col].mean() for d in whatif.days.values()])
        shares.append(100.0 * w / b if b > 0 else np.nan)
    names = [t(n) for _, n in KAUSHIK]
    a3.bar(names, shares, color=WHATIF)
    a3.axhline(100, color=BASE, lw=1, ls="--")
    for x, v in enumerate(shares):
        if np.isfinite(v):
            a3.text(x, v, f"{v:.0f}%", ha="center", va="bottom", fontsize=9)
    a3.set_title(t("Kaushik's four metrics") + f" ({t('what-if')} / "
                 f"{t('baseline')})", loc="left", fontsize=11)
    a3.tick_params(axis="x", labelsize=9)

    diffs = {}
    for s, d in whatif.days.items():
        b = baseline.days[s]
        diffs[s] = pd.DataFrame({"day": d["day"], "net": (d["cumulative_revenue"]
                                                          - d["cumulative_cost"])
                                 - (b["cumulative_revenue"] - b["cumulative_cost"])})
    _line(a4, diffs, "net", WHATIF, t("what-if"))
    a4.axhline(0, color=BASE, lw=1, ls="--")
    a4.set_title(t("Net euros against the baseline"), loc="left", fontsize=11)
    for ax in (a1, a2, a4):
        ax.set_xlabel(t("day"))
    for ax in axes.flat:
        style(ax)
    fig.text(0.01, 0.005, t("band: 5-95% of seeds"), fontsize=8, color="#777777")
    fig.tight_layout()
    return fig
