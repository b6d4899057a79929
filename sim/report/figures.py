"""The key figures of a report, computed from a folder's per-day tables.

One run's figures come from its day table alone, so a run folder (``days.csv``), a sweep
(``days.parquet``) and a comparison (a tidy ``days.csv`` with ``arm`` and ``seed``) are summed up
the same way; a group of runs (an arm, a grid point) shows the mean over its seeds, as the
folders' own ``summary.csv`` tables do.

- net euros = economic value − tactics cost over the whole run;
- cost per engaged real follower = tactics cost ÷ real followers who ever liked, commented or
  shared, at the end;
- return on spend = (economic value − cost) ÷ cost, as a percentage (none without spending);
- real reach per post = mean over posts of the unique real people who saw each;
- Kaushik's four: conversation (comments per post), amplification (shares per post), applause
  (likes per post) and economic value (euros, visits and purchases together).

These are the definitions of :mod:`sim.metrics`; the figures equal the catalogue's run figures
(``Results.summary()``) and the last day's ``roi`` and ``cost_per_engaged_real_follower``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class KeyFigure:
    """One row of the key-figure table.

    Attributes:
        name: the column in :func:`run_figures`' output.
        label: plain words (English; the Dutch comes from :mod:`sim.i18n`).
        meaning: one short sentence (English key of the catalogue).
        fmt: ``"euros"``, ``"percent"`` (a ratio shown ×100), ``"count"`` or ``"number"``.
        better: +1 if higher is better for the brand, -1 if lower is.
    """

    name: str
    label: str
    meaning: str
    fmt: str
    better: int


KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("net_revenue", "net euros", "economic value minus what the tactics cost",
              "euros", 1),
    KeyFigure("cost_per_engaged_real_follower", "cost per engaged real follower",
              "tactics cost per real follower who liked, commented or shared", "euros", -1),
    KeyFigure("roi", "return on tactics spend",
              "(economic value − cost) ÷ cost; none without spending", "percent", 1),
    KeyFigure("real_reach_per_post", "real reach per post",
              "real people who saw a post, mean over posts", "count", 1),
    KeyFigure("conversation", "conversation", "comments per post", "number", 1),
    KeyFigure("amplification", "amplification", "shares per post", "number", 1),
    KeyFigure("applause", "applause", "likes per post", "number", 1),
    KeyFigure("economic_value", "economic value",
              "site visits and purchases, in euros", "euros", 1),
    KeyFigure("followers_end", "followers at the end", "all followers, bought ones included",
              "count", 0),
    KeyFigure("real_followers_end", "real followers at the end",
              "real people following the brand", "count", 1),
)
# Only where runs are read against a baseline (comparisons, sweeps): same seeds, so the
# difference comes from the tactic, not from chance.
AGAINST_BASELINE = KeyFigure(
    "net_vs_baseline", "net euros against the baseline",
    "net euros minus the baseline's, on the same seeds", "euros", 1)
KEY = {k.name: k for k in (*KEY_FIGURES, AGAINST_BASELINE)}


def _per_post(days: pd.DataFrame, count: str, rate: str, posts: float) -> float:
    """Total ``count`` per post: from the counter if the table keeps it, else rate × posts."""
    if not posts:
        return float("nan")
    if count in days:
        total = float(days[count].sum())
    else:
        total = float((days[rate].fillna(0) * days["posts"]).sum())
    return total / posts


def run_figures(days: pd.DataFrame) -> dict[str, float]:
    """The key figures of one run from its day table (rows in day order).

    Args:
        days: one run's per-day metrics: ``posts``, ``real_reach_per_post``, ``revenue``,
            ``cost``, ``engaged_real_followers``, ``followers``, ``real_followers`` and either
            the counters ``comments``/``shares``/``likes`` or Kaushik's per-day rates.

    Returns:
        Figure name -> value (NaN where it is undefined: no posts, no spending).
    """
    days = days.sort_values("day", kind="stable") if "day" in days else days
    posts = float(days["posts"].sum())
    revenue, cost = float(days["revenue"].sum()), float(days["cost"].sum())
    last = days.iloc[-1] if len(days) else None
    engaged = float(last["engaged_real_followers"]) if last is not None else 0.0
    reach = float((days["real_reach_per_post"].fillna(0) * days["posts"]).sum())
    return {
        "net_revenue": revenue - cost,
        "cost_per_engaged_real_follower": cost / engaged if engaged else float("nan"),
        "roi": (revenue - cost) / cost if cost else float("nan"),
        "real_reach_per_post": reach / posts if posts else float("nan"),
        "conversation": _per_post(days, "comments", "conversation_rate", posts),
        "amplification": _per_post(days, "shares", "amplification_rate", posts),
        "applause": _per_post(days, "likes", "applause_rate", posts),
        "economic_value": revenue,
        "followers_end": float(last["followers"]) if last is not None else float("nan"),
        "real_followers_end": (float(last["real_followers"])
                               if last is not None and "real_followers" in days
                               else float("nan")),
    }


def group_figures(days: pd.DataFrame, group: str, order: list | None = None,
                  baseline: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Key figures per run and their mean per group (arm or grid point) over seeds.

    Args:
        days: a tidy day table of many runs, with ``group`` and ``seed`` columns.
        group: the column naming the group (``"arm"``, ``"point"``).
        order: the groups in the order to show them (default: order of first appearance).
        baseline: the group the others are read against (default: the first in ``order``);
            adds ``net_vs_baseline``, each run's net euros minus the baseline's on its seed.

    Returns:
        ``(per_run, means)``: one row per (group, seed), and one row per group (index: the
        group) with the mean over its seeds; NaN runs (no spending) are left out of a mean.
    """
    rows = []
    for (g, seed), run in days.groupby([group, "seed"], sort=False):
        rows.append({group: g, "seed": seed, **run_figures(run)})
    per_run = pd.DataFrame(rows)
    order = list(order) if order is not None else list(dict.fromkeys(days[group]))
    baseline = baseline if baseline is not None else order[0]
    base = per_run[per_run[group] == baseline].set_index("seed")["net_revenue"]
    per_run["net_vs_baseline"] = (per_run["net_revenue"].to_numpy()
                                  - base.reindex(per_run["seed"]).to_numpy())
    names = [*(k.name for k in KEY_FIGURES), AGAINST_BASELINE.name]
    with np.errstate(all="ignore"):
        means = per_run.groupby(group, sort=False)[names].mean().reindex(order)
    return per_run, means
