"""The strategy-session page's levers (Solara): each tactic with its settings and budget, the
posting rhythm, the hour, replying to comments and the content mix, every value written with its
unit in the page's language (:func:`shown`). Part of :mod:`sim.dashboard.app`.
"""

from __future__ import annotations

import solara

from sim.dashboard import whatif as wi
from sim.dashboard.text import t


def shown(label: str, value: float, lang: str, unit: str = "") -> str:
    """A lever's label with its value and unit, always readable (not only while dragged):
    ``unit`` is "%" (a share 0-1 shown as a percentage), ":00" (an hour), "€" (euros),
    "days" (a number of days), "day" (a day of the run) or "" (a count)."""
    from sim.base.l10n import money, number, percent

    if unit == "%":
        text = percent(value, lang, decimals=0)
    elif unit == ":00":
        text = f"{int(value):02d}:00"
    elif unit == "€":
        text = money(value, lang)
    else:
        text = number(value, lang, decimals=0 if float(value).is_integer() else 1)
        if unit == "days":
            text = f"{text} {t('days', lang)}"
        elif unit == "day":
            text = f"{t('day', lang)} {text}"
    return f"{label}: {text}"


@solara.component
def Levers(base, lv: wi.Levers, set_lv, name: str, set_name, lang: str):
    """The lever panel: each tactic with its settings, the posting rhythm, the hour, replying to
    comments and the content mix; every change goes to ``set_lv`` as new :class:`Levers`."""
    from sim.base.l10n import money

    L = lang

    def field(key):
        return lambda v: set_lv(lv.with_(**{key: v}))

    last = max(0, base.days - 1)
    solara.InputText(t("Name", L), value=name, on_value=set_name, continuous_update=False)
    solara.Checkbox(label=t("Buy followers", L), value=lv.buy, on_value=field("buy"))
    sc = wi.whatif_scenario(base, lv)
    costs = wi.budget(sc)
    if lv.buy:
        solara.SliderInt(
            shown(t("How many", L), lv.buy_count, L),
            value=lv.buy_count,
            on_value=field("buy_count"),
            min=0,
            max=50_000,
            step=500,
            thumb_label=False,
        )
        solara.SliderInt(
            shown(t("On day", L), min(lv.buy_day, last), L),
            value=lv.buy_day,
            on_value=field("buy_day"),
            min=0,
            max=last,
            thumb_label=False,
        )
        solara.Text(
            f"{t('Budget', L)}: {money(costs.get('buy', 0), L)}", classes=["feedsim-budget-buy"]
        )
    solara.Checkbox(
        label=t("Follow-for-follow", L),
        value=lv.follow_for_follow,
        on_value=field("follow_for_follow"),
    )
    solara.Checkbox(label=t("Giveaway", L), value=lv.giveaway, on_value=field("giveaway"))
    if lv.giveaway:
        solara.SliderInt(
            shown(t("Entrants", L), lv.giveaway_entrants, L),
            value=lv.giveaway_entrants,
            on_value=field("giveaway_entrants"),
            min=0,
            max=min(20_000, base.audience.users),
            step=250,
            thumb_label=False,
        )
        solara.SliderFloat(
            shown(t("Prize", L), lv.giveaway_prize, L, "€"),
            value=lv.giveaway_prize,
            on_value=field("giveaway_prize"),
            min=0,
            max=2_000,
            step=50,
            thumb_label=False,
        )
        solara.SliderInt(
            shown(t("On day", L), min(lv.giveaway_day, wi.last_giveaway_day(base)), L),
            value=lv.giveaway_day,
            on_value=field("giveaway_day"),
            min=0,
            max=wi.last_giveaway_day(base),
            thumb_label=False,
        )
        solara.Text(
            f"{t('Budget', L)}: {money(costs.get('giveaway', 0), L)}",
            classes=["feedsim-budget-giveaway"],
        )
    solara.Checkbox(label=t("Influencer", L), value=lv.influencer, on_value=field("influencer"))
    if lv.influencer:
        tiers = {t(x, L): x for x in wi.TIERS}
        solara.Text(t("Size", L))
        solara.ToggleButtonsSingle(
            value=t(lv.influencer_tier, L),
            values=list(tiers),
            on_value=lambda v: set_lv(lv.with_(influencer_tier=tiers[v])),
        )
        solara.SliderInt(
            shown(t("Every", L), lv.influencer_every, L, "days"),
            value=lv.influencer_every,
            on_value=field("influencer_every"),
            min=7,
            max=90,
            step=1,
            thumb_label=False,
        )
        solara.Text(
            f"{t('Budget', L)}: {money(costs.get('influencer', 0), L)}",
            classes=["feedsim-budget-influencer"],
        )
    solara.SliderFloat(
        shown(t("Posts per week", L), lv.posts_per_week, L),
        value=lv.posts_per_week,
        on_value=field("posts_per_week"),
        min=0,
        max=21,
        step=1,
        thumb_label=False,
    )
    rhythms = {t(x, L): x for x in ("regular", "erratic")}
    solara.Text(t("Rhythm", L))
    solara.ToggleButtonsSingle(
        value=t(lv.rhythm, L),
        values=list(rhythms),
        on_value=lambda v: set_lv(lv.with_(rhythm=rhythms[v])),
    )
    solara.SliderInt(
        shown(t("Hour", L), lv.hour, L, ":00"),
        value=lv.hour,
        on_value=field("hour"),
        min=0,
        max=23,
        thumb_label=False,
    )
    solara.SliderFloat(
        shown(t("Reply to comments", L), lv.reply_share, L, "%"),
        value=lv.reply_share,
        on_value=field("reply_share"),
        min=0,
        max=1,
        step=0.1,
        thumb_label=False,
    )
    solara.Text(t("Content mix", L), style={"font-weight": "bold"})
    for a in wi.MIX:
        solara.SliderFloat(
            shown(t(a, L), lv.mix[a], L, "%"),
            value=lv.mix[a],
            on_value=lambda v, a=a: set_lv(lv.with_(mix={**lv.mix, a: v})),
            min=0,
            max=1,
            step=0.1,
            thumb_label=False,
        )
