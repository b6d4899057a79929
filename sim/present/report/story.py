"""What each chart says, for the slide that shows it: a title that states the takeaway and
speaker notes that explain the chart, in the reader's language.

The numbers are the folder's presented figures (:mod:`sim.base.presented`), the same as in the
chart's own headline and the key-figure table.
"""

from __future__ import annotations

from sim.base import presented as P
from sim.base.i18n import tr
from sim.present.report.source import RUN, ReportSource


def _worst(src: ReportSource, name: str):
    """The arm or grid point that did worst on ``name`` against the baseline (None: none)."""
    t = src.table
    if t is None or t.baseline is None:
        return None
    col = t.values[name].drop(t.baseline).dropna()
    if not len(col):
        return None
    better = P.FIGURE[name].better or 1
    return col.idxmin() if better > 0 else col.idxmax()


def _notes_common(src: ReportSource, lang: str) -> str:
    if src.kind == RUN:
        return tr(
            "One simulated run. Dotted lines mark the days a tactic acts and the days the "
            "platform purges bought followers.",
            lang,
        )
    return tr(
        "Each line is the median of {n} simulated runs, every scenario with the same "
        "audience and the same luck in each run; the shaded band holds 90% of the runs. "
        "Dotted lines mark the days a tactic acts and the days the platform purges bought "
        "followers.",
        lang,
    ).format(n=src.seeds)


def chart_story(src: ReportSource, stem: str, lang: str) -> tuple[str, str]:
    """(slide title, speaker notes) of the chart file ``stem`` of ``src``."""
    t = src.table
    common = _notes_common(src, lang)
    period = P.period_words(t.last_day + 1, lang) if t is not None else ""
    if stem == "followers_reach" and t is not None:
        g = t.groups[0]
        w = t.windows.get(g)
        title = tr("Followers and real reach over {period}", lang).format(period=period)
        if w is not None and w.start > 0:
            from sim.base.l10n import number
            from sim.present.charts.common import change

            before = P.reach_between(src.days, 0, w.start)
            during = P.reach_between(src.days, w.start, w.end)
            title = tr("Real reach of a typical post: {a} before, {b}{c} {when}", lang).format(
                a=number(before, lang),
                b=number(during, lang),
                c=_localised(change, before, during, lang),
                when=w.words(lang, t.last_day).split(" (")[0],
            )
        notes = (
            tr(
                "Top: followers by origin, stacked, as the profile shows them. Bottom: every "
                "post's real reach (dots) and the median of the posts around it (line), on a "
                "logarithmic scale.",
                lang,
            )
            + " "
            + common
        )
        return title, notes
    base = src.shown(t.baseline, lang) if t is not None and t.baseline is not None else ""
    if stem == "real_reach" and t is not None:
        g = _worst(src, "real_reach_per_post")
        if g is not None:
            title = tr("{arm}: {change} real reach per post against {base}", lang).format(
                arm=src.shown(g, lang),
                base=base,
                change=P.change_text(t, g, "real_reach_per_post", lang),
            )
        else:
            title = tr("Real reach per post", lang)
        notes = (
            tr(
                "Real reach: the real people who saw a post, bought accounts left out. The "
                "headline quotes a typical post over the whole run and over the period the "
                "tactic acts.",
                lang,
            )
            + " "
            + common
        )
        return title, notes
    if stem == "followers" and t is not None:
        # The arm whose profile flatters most: the most followers who are not real people.
        gap = (t.values["followers_end"] - t.values["real_followers_end"]).fillna(0)
        top = gap.idxmax() if gap.max() > 0 else t.values["followers_end"].idxmax()
        title = tr("{arm} shows {n} followers; {r} of them are real", lang).format(
            arm=src.shown(top, lang),
            n=P.cell(t, top, "followers_end", lang),
            r=P.cell(t, top, "real_followers_end", lang),
        )
        notes = (
            tr(
                "Left: the follower count the profile shows. Right: the real people among them.",
                lang,
            )
            + " "
            + common
        )
        return title, notes
    if stem == "money" and t is not None:
        g = _worst(src, "net_vs_baseline")
        if g is not None:
            title = tr("{arm}: {net} net against {base} over {period}", lang).format(
                arm=src.shown(g, lang),
                net=P.cell(t, g, "net_vs_baseline", lang),
                base=base,
                period=period,
            )
        else:
            title = tr("Customers and money", lang)
        notes = (
            tr(
                "Left: purchases so far. Right: each scenario's economic value minus its "
                "spend, against the baseline in the same run (the dashed line at zero).",
                lang,
            )
            + " "
            + common
        )
        return title, notes
    if stem == "kaushik" and t is not None:
        g = _worst(src, "economic_value")
        if g is not None:
            title = tr("{arm}: {change} economic value against {base}", lang).format(
                arm=src.shown(g, lang),
                base=base,
                change=P.change_text(t, g, "economic_value", lang),
            )
        else:
            title = tr("Conversation, amplification, applause and economic value", lang)
        notes = (
            tr(
                "Kaushik's four measures of social value: comments, shares and likes per "
                "post, and the euros of site visits and purchases per day.",
                lang,
            )
            + " "
            + common
        )
        return title, notes
    if stem == "engagement_rate":
        return (
            tr("Engagement rate: likes, comments and shares per follower", lang),
            tr(
                "Bought followers never react, so they lower the share of followers who engage.",
                lang,
            )
            + " "
            + common,
        )
    return tr("What the settings change", lang), common


def _localised(change, a: float, b: float, lang: str) -> str:
    from sim.present.charts.common import _LANG

    token = _LANG.set(lang)
    try:
        return change(a, b)
    finally:
        _LANG.reset(token)
