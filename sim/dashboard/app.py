"""The strategy-session page (Solara): levers on the left, the what-if against the baseline.

Served by :func:`sim.dashboard.server.serve` (``feedsim dashboard``), which passes the scenario,
seeds, days, language and output folder in ``FEEDSIM_DASHBOARD_*`` environment variables, read
here when the page is built. Every change of a lever reruns the what-if on the same seeds as the
baseline (common random numbers; the baseline runs once); the figures shown are those
:func:`sim.dashboard.whatif.figures_table` computes, and "Save what-if" writes them with a
runnable scenario file.
"""

from __future__ import annotations

import os

import solara

from sim.dashboard import whatif as wi
from sim.dashboard.text import t
from sim.i18n import LANGS


def settings() -> dict:
    """What the command line passed (see :mod:`sim.dashboard.server`)."""
    return {
        "scenario": os.environ.get("FEEDSIM_DASHBOARD_SCENARIO", ""),
        "seeds": [int(s) for s in os.environ.get("FEEDSIM_DASHBOARD_SEEDS", "0,1,2").split(",")],
        "days": int(os.environ.get("FEEDSIM_DASHBOARD_DAYS", "0")) or None,
        "users": int(os.environ.get("FEEDSIM_DASHBOARD_USERS", "0")) or None,
        "lang": os.environ.get("FEEDSIM_DASHBOARD_LANG", "en"),
        "out": os.environ.get("FEEDSIM_DASHBOARD_OUT", "results"),
    }


def load_base(cfg: dict):
    """The baseline scenario: the file given (or the Instagram preset's small shop), shortened
    or resized as asked."""
    from sim.scenario import load_scenario, resolve

    base = load_scenario(cfg["scenario"]) if cfg["scenario"] else resolve(
        {"name": "shop"}, source="dashboard default")
    over = {}
    if cfg["days"]:
        over["days"] = cfg["days"]
    if cfg["users"]:
        over["audience.users"] = cfg["users"]
    return base.with_overrides(over, source="feedsim dashboard") if over else base


def shown(label: str, value: float, lang: str, unit: str = "") -> str:
    """A lever's label with its value and unit, always readable (not only while dragged):
    ``unit`` is "%" (a share 0-1 shown as a percentage), ":00" (an hour) or "" (a count)."""
    from sim.l10n import number, percent

    if unit == "%":
        text = percent(value, lang, decimals=0)
    elif unit == ":00":
        text = f"{int(value):02d}:00"
    else:
        text = number(value, lang, decimals=0 if float(value).is_integer() else 1)
    return f"{label}: {text}"


@solara.component
def Figures(table, lang, verdict=""):
    with solara.Card(t("What-if", lang)):
        with solara.Columns([2, 1, 1, 1]):
            solara.Text("")
            solara.Text(t("baseline", lang))
            solara.Text(t("what-if", lang))
            solara.Text(t("difference", lang))
        for row in table.itertuples():
            with solara.Columns([2, 1, 1, 1]):
                solara.Text(wi.figure_label(row.figure, lang))
                solara.Text(wi.format_figure(row.figure, row.baseline, lang),
                            classes=[f"feedsim-baseline-{row.figure}"])
                solara.Text(wi.format_figure(row.figure, row.whatif, lang),
                            classes=[f"feedsim-whatif-{row.figure}"])
                solara.Text(wi.format_figure(row.figure, row.difference, lang, sign=True),
                            classes=[f"feedsim-difference-{row.figure}"])
        if verdict:
            solara.Text(verdict, classes=["feedsim-verdict"])


@solara.component
def Page():
    cfg = solara.use_memo(settings, [])
    base = solara.use_memo(lambda: load_base(cfg), [])
    start = wi.levers_of(base)
    lang = solara.use_reactive(cfg["lang"])
    buy = solara.use_reactive(False)
    buy_count = solara.use_reactive(5_000)
    f4f = solara.use_reactive(False)
    giveaway = solara.use_reactive(False)
    influencer = solara.use_reactive(False)
    ppw = solara.use_reactive(float(start.posts_per_week))
    rhythm = solara.use_reactive(start.rhythm)
    hour = solara.use_reactive(int(start.hour))
    reply = solara.use_reactive(float(start.reply_share))
    mix = {a: solara.use_reactive(float(start.mix[a])) for a in wi.MIX}  # noqa: SH103 - fixed order
    saved = solara.use_reactive("")

    levers = wi.Levers(buy=buy.value, buy_count=int(buy_count.value or 0),
                       follow_for_follow=f4f.value, giveaway=giveaway.value,
                       influencer=influencer.value, posts_per_week=float(ppw.value),
                       rhythm=rhythm.value, hour=int(hour.value), reply_share=float(reply.value),
                       mix={a: float(r.value) for a, r in mix.items()})
    baseline = solara.use_memo(lambda: wi.run_arm(base, cfg["seeds"]), [])
    key = repr(levers)
    arm = solara.use_memo(lambda: (baseline if not wi.overrides(base, levers)
                                   else wi.run_arm(wi.whatif_scenario(base, levers),
                                                   cfg["seeds"])), [key])
    table = wi.figures_table(baseline, arm)
    L = lang.value

    def fig():
        from sim.charts.common import pyplot, settled
        from sim.charts.whatif import whatif_figure

        # Settled: the page draws it once, without laying it out again first.
        drawn = settled(whatif_figure(baseline, arm, lambda text: t(text, L)))
        # Out of pyplot's list of open figures (the page and "Save" still draw it): pyplot
        # would otherwise keep every lever change's figure for the life of the server.
        pyplot().close(drawn)
        return drawn

    figure = solara.use_memo(fig, [key, L])

    def save():
        from sim.results import new_run_dir

        folder = new_run_dir(os.path.join(cfg["out"], "dashboard"), f"{base.name}-whatif",
                             cfg["seeds"][0])
        paths = wi.save_whatif(base, levers, baseline, arm, folder, lang=L, chart=figure)
        saved.set(str(paths["scenario"]))

    solara.Title(f"feedsim: {base.name}")
    with solara.Sidebar():
        solara.ToggleButtonsSingle(value=lang, values=list(LANGS))
        solara.Checkbox(label=t("Buy followers", L), value=buy)
        if buy.value:
            solara.SliderInt(shown(t("How many", L), buy_count.value, L), value=buy_count,
                             min=0, max=50_000, step=500)
        solara.Checkbox(label=t("Follow-for-follow", L), value=f4f)
        solara.Checkbox(label=t("Giveaway", L), value=giveaway)
        solara.Checkbox(label=t("Influencer", L), value=influencer)
        solara.SliderFloat(shown(t("Posts per week", L), ppw.value, L), value=ppw, min=0,
                           max=21, step=1)
        solara.Text(t("Rhythm", L))
        solara.ToggleButtonsSingle(value=rhythm, values=["regular", "erratic"])
        solara.SliderInt(shown(t("Hour", L), hour.value, L, ":00"), value=hour, min=0,
                         max=23)
        solara.SliderFloat(shown(t("Reply to comments", L), reply.value, L, "%"), value=reply,
                           min=0, max=1, step=0.1)
        solara.Text(t("Content mix", L), style={"font-weight": "bold"})
        for a, r in mix.items():
            solara.SliderFloat(shown(t(a, L), r.value, L, "%"), value=r, min=0, max=1,
                               step=0.1)
    with solara.Column():
        # Plain text, not Markdown: Markdown pulls KaTeX from a CDN, which a session offline lacks.
        solara.Text(f"{t('Strategy what-if', L)}: {base.name}",
                    style={"font-size": "1.5em", "font-weight": "bold"})
        solara.Text(f"{base.platform}, {base.audience.users:,} {t('users', L)}, {base.days} "
                    f"{t('days', L)}, {t('Seeds', L)}: {', '.join(map(str, cfg['seeds']))}",
                    classes=["feedsim-setup"])
        Figures(table, L, wi.verdict_text(baseline, arm, L) if arm is not baseline else "")
        solara.FigureMatplotlib(figure, format="png")
        solara.Button(t("Save what-if", L), on_click=save, classes=["feedsim-save"])
        if saved.value:
            solara.Text(f"{t('Saved', L)}: {saved.value}", classes=["feedsim-saved"])
