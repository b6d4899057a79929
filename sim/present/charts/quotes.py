"""The comparison charts' headlines and marks, read from the catalogue of presented figures.

Every number a comparison chart quotes is a figure of :mod:`sim.base.presented` for that folder (the
median of the runs, against the baseline on the same seeds), so a chart, the report, the deck and
the terminal say the same; the purges drawn are read from the arms' bought followers.
"""

from __future__ import annotations

import pandas as pd

from sim.present.charts.common import t


def purge_marks(days: pd.DataFrame, arms) -> list[tuple[str, int]]:
    """(what, day) of each day the platform purged an arm's bought followers (read from the
    median of the arm's bought followers across seeds)."""
    from sim.base.presented import purge_days

    if "followers_bought" not in days:
        return []
    out = set()
    for arm in arms.names:
        g = days[days["arm"] == arm]
        out.update(purge_days(g.groupby("day")["followers_bought"].median()))
    return [("bought followers purged", d) for d in sorted(out)]


def figures(days: pd.DataFrame, arms):
    """The presented figures of the comparison (:mod:`sim.base.presented`), which every headline
    quotes."""
    from sim.base.presented import compute

    return compute(days, "arm", list(arms.names), arms.baseline, arms.marks)


def _fig(table, arm: str, name: str, lang: str) -> str:
    from sim.base.presented import cell

    return cell(table, arm, name, lang)


def _period(table, lang: str) -> str:
    from sim.base.presented import period_words

    return period_words(table.last_day + 1, lang)


def reach_text(table, arms, lang: str) -> str:
    """The reach headline: every arm's real reach per post over the run against the
    baseline's, and over the period its tactic acts (the catalogue's figures)."""
    from sim.base.presented import change_text

    base, q = arms.baseline, arms.shown
    period = _period(table, lang)
    vals = table.values["real_reach_per_post"]
    others = vals.drop(base).dropna()
    text = t(
        "Real people reached by a typical post over {period}: '{base}' {v}",
        lang,
        period=period,
        base=q(base, lang),
        v=_fig(table, base, "real_reach_per_post", lang),
    )
    picks = list(others.index) if len(others) <= 2 else [others.idxmin(), others.idxmax()]
    for arm in picks:
        text += "; " + t(
            "'{arm}' {v} ({c})",
            lang,
            arm=q(arm, lang),
            v=_fig(table, arm, "real_reach_per_post", lang),
            c=change_text(table, arm, "real_reach_per_post", lang) or "±0%",
        )
        w = table.windows.get(arm)
        wc = change_text(table, arm, "real_reach_while", lang)
        if w is not None and wc:
            text += ", " + t("{c} {when}", lang, c=wc, when=w.words(lang, table.last_day))
    return text + "."


def add_net_vs_baseline(days: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """A copy of ``days`` with ``net_vs_baseline``: the arm's economic value minus its spend so
    far, less the baseline arm's on the same seed and day (the catalogue's definition)."""
    out = days.copy()
    net = out["cumulative_revenue"] - out["cumulative_cost"]
    base = out.assign(_net=net)[out["arm"] == baseline].set_index(["seed", "day"])["_net"]
    idx = pd.MultiIndex.from_frame(out[["seed", "day"]])
    out["net_vs_baseline"] = net.to_numpy() - base.reindex(idx).to_numpy()
    return out


def money_text(table, arms, lang: str) -> str:
    """The money headline: net result against the baseline (the catalogue's figure) and in
    how many runs the arm made less."""
    from sim.base.presented import runs_words, worse_count

    base, q = arms.baseline, arms.shown
    net = table.values["net_vs_baseline"].drop(base).dropna()
    if not len(net):
        return ""
    picks = list(net.index) if len(net) <= 2 else [net.idxmax(), net.idxmin()]
    parts = []
    for a in picks:
        k, n = worse_count(table, a, "net_vs_baseline")
        words = "'{arm}' {v} (less money in {k} of {n} {runs})"
        if table.value(a, "net_vs_baseline") > 0:  # how sure: the runs that went its way
            words, k = "'{arm}' {v} (more money in {k} of {n} {runs})", n - k
        parts.append(
            t(
                words,
                lang,
                arm=q(a, lang),
                v=_fig(table, a, "net_vs_baseline", lang),
                k=k,
                n=n,
                runs=runs_words(n, table.last_day + 1, lang),
            )
        )
    return (
        t(
            "Net result against '{base}' over {period}: ",
            lang,
            base=q(base, lang),
            period=_period(table, lang),
        )
        + "; ".join(parts)
        + "."
    )
