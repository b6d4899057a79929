"""The strategy-session page (Solara): levers on the left, the what-ifs against the baseline.

Served by :func:`sim.dashboard.server.serve` (``feedsim dashboard``), which passes the scenario,
seeds, days, language and output folder in ``FEEDSIM_DASHBOARD_*`` environment variables, read
here when the page is built.

The page runs no simulation while it renders: a change of a lever starts a task on a worker
thread (:func:`solara.lab.use_task`) which first waits :data:`DEBOUNCE_S` (a drag is one change,
not ten), then runs the baseline and up to four what-ifs on the same seeds (common random
numbers; finished runs are reused) under the server's one-run lock. While it runs the page says
so and greys the previous numbers. Every figure is the catalogue's (:mod:`sim.base.presented`),
written in the page's language (:mod:`sim.base.l10n`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import solara
from solara.lab import use_task

from sim.base.i18n import LANGS
from sim.dashboard import planview as pv
from sim.dashboard import saving
from sim.dashboard import whatif as wi
from sim.dashboard.levers import Levers
from sim.dashboard.text import t

DEBOUNCE_S = 0.4  # a change waits this long for the next one before it runs


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


def _sized(sc, cfg: dict):
    """``sc`` shortened or resized as the command line asked, its tactics' days kept inside."""
    from sim.studies.comparison.plan import fit_days

    over = {}
    if cfg["days"]:
        over["days"] = cfg["days"]
        over |= fit_days(sc.model_copy(update={"days": cfg["days"]}), [], sc.name)
    if cfg["users"]:
        over["audience.users"] = cfg["users"]
    return sc.with_overrides(over, source="feedsim dashboard") if over else sc


def load_base(cfg: dict, template: str = ""):
    """The baseline scenario: ``template`` (a shipped scenario's name) if given, else the file
    given (or the Instagram preset's small shop), shortened or resized as asked."""
    from sim.scenario import load_scenario, resolve

    if template:
        from sim.scenario.templates import find

        return _sized(load_scenario(find(template)), cfg)
    base = (
        load_scenario(cfg["scenario"])
        if cfg["scenario"]
        else resolve({"name": "shop"}, source="dashboard default")
    )
    return _sized(base, cfg)


def short(path: Path, out: str) -> str:
    """``path`` as the page shows it: relative to the output folder, named by that folder's
    own name (never the server's full path)."""
    root = Path(out)
    try:
        return str(Path(root.name) / Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return Path(path).name


def clip(text: str, n: int = 40) -> str:
    """``text`` cut to ``n`` characters with an ellipsis (a list or legend entry)."""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass
class Shown:
    """What the page shows after a run: the session and its charts (browser-drawn panels,
    :mod:`sim.present.charts.whatif_live`)."""

    session: wi.Session | None
    panels: list
    lang: str
    problem: str = ""  # why there is no session: a setting the scenario refuses


def compute(base, plans, seeds, lang, wanted) -> Shown | None:
    """Run the session (on the task's thread) and build its charts; None if superseded."""
    from sim.present.charts.whatif_live import panels

    deadline = time.monotonic() + DEBOUNCE_S
    while time.monotonic() < deadline:  # a newer change within the wait: give way to it
        if not wanted():
            return None
        time.sleep(0.05)
    from sim.scenario import ScenarioError

    try:
        session = wi.run_session(base, plans, seeds, wanted)
    except wi.Superseded:
        return None
    except ScenarioError as exc:  # a setting the scenario refuses: said, not a traceback
        return Shown(None, [], lang, str(exc).splitlines()[0])
    return Shown(session, panels(session, lang), lang)


@solara.component
def Charts(shown_: Shown):
    """The four charts, two by two, drawn by the browser: hover a day for every line's value,
    click a legend entry to hide that what-if."""
    from sim.dashboard.livechart import Chart
    from sim.present.charts.whatif import runs_note

    with solara.Column(classes=["feedsim-chart"]):
        for row in (shown_.panels[:2], shown_.panels[2:]):
            with solara.Columns([1, 1]):
                for panel in row:
                    Chart(panel, shown_.lang)
        solara.Text(
            runs_note(shown_.session, shown_.lang), style={"color": "#777", "font-size": "12px"}
        )


@solara.component
def Figures(shown_: Shown, lang: str):
    """The what-ifs table: each figure for the baseline and every what-if, with its change
    against the baseline, then the verdicts, in the page's language."""
    session = shown_.session
    table = session.table(lang)
    labels = [t("baseline", lang), *session.labels(lang)]
    widths = [2] + [1] * len(labels)
    with solara.Card(t("What-ifs", lang)):
        with solara.Columns(widths):
            solara.Text("")
            for k, lb in enumerate(labels):
                solara.Text(lb, style={"font-weight": "bold"}, classes=[f"feedsim-head-{k}"])
        for name in wi.FIGURES:
            with solara.Columns(widths):
                solara.Text(wi.figure_label(name, lang))
                for k, lb in enumerate(labels):
                    from sim.base.presented import cell, change_text

                    text = cell(table, lb, name, lang)
                    if k and name not in ("net_vs_baseline",):
                        change = change_text(table, lb, name, lang)
                        text += f" ({change})" if change else ""
                    solara.Text(text, classes=[f"feedsim-value-{k}-{name}"])
        solara.Text(
            t("each figure is the median of {n} simulated runs", lang).format(n=table.seeds),
            style={"color": "#666", "font-size": "0.85em"},
        )
        for text in session.verdicts(lang):
            solara.Text(text, classes=["feedsim-verdict"], style={"display": "block"})


@solara.component
def Page():
    """The whole strategy-session page (Solara serves the component named ``Page``): the
    scenario and language, the levers, the what-ifs and their chart, and saving a what-if."""
    from sim.base.l10n import number
    from sim.base.platform_names import platform_name
    from sim.scenario import ScenarioError
    from sim.scenario.templates import templates

    cfg = solara.use_memo(settings, [])
    lang = solara.use_reactive(cfg["lang"])
    L = lang.value
    template = solara.use_reactive("")
    problem = solara.use_reactive("")
    shipped = solara.use_memo(templates, [])

    def base_of():
        try:
            return load_base(cfg, template.value), ""
        except ScenarioError as exc:
            return load_base(cfg), str(exc).splitlines()[0]

    base, why = solara.use_memo(base_of, [template.value])
    original = solara.use_memo(lambda: load_base(cfg), [])  # the scenario the server was given
    start = solara.use_memo(lambda: wi.levers_of(base), [template.value])
    plans = solara.use_reactive([wi.Plan(start)])
    current = solara.use_reactive(0)
    saved = solara.use_reactive("")
    exported = solara.use_reactive("")
    folder = solara.use_ref(None)

    def fresh():  # a new starting point: one what-if, on the new baseline's levers
        plans.set([wi.Plan(start)])
        current.set(0)
        problem.set(why)

    solara.use_effect(fresh, [template.value])
    k = min(current.value, len(plans.value) - 1)
    plan = plans.value[k]

    def set_plan(new: wi.Plan):
        plans.set([new if i == k else p for i, p in enumerate(plans.value)])

    runs_key = (
        template.value,
        tuple(p.levers.key() for p in plans.value),
        tuple(p.name for p in plans.value),
        L,
    )
    latest = solara.use_ref(runs_key)
    latest.current = runs_key

    def run():
        mine = runs_key
        return compute(base, list(plans.value), cfg["seeds"], L, lambda: latest.current == mine)

    task = use_task(run, dependencies=[runs_key])
    # The last finished session stays on screen (greyed) while the next one runs; a run given
    # up for a newer change finishes with nothing, which must not blank the page.
    last = solara.use_ref(None)
    if task.finished and task.value is not None:
        last.current = task.value
    elif last.current is None and task.latest is not None:
        last.current = task.latest
    result = last.current
    busy = task.pending or result is None

    def session_dir() -> Path:
        if folder.current is None:
            folder.current = saving.session_folder(cfg["out"], base.name)
        return folder.current

    def save():
        if result is None or result.session is None:
            return
        names = []
        s = result.session
        for p, arm in zip(s.plans, s.arms, strict=True):
            paths = saving.save_whatif(base, p, s.baseline, arm, session_dir(), lang=L)
            names.append(short(paths["scenario"], cfg["out"]))
        saved.set(", ".join(names))

    def export():
        if result is None or result.session is None:
            return
        d = session_dir()
        n = 1
        while (d / f"report-{n}").exists():
            n += 1
        out = saving.export_comparison(result.session, d / f"report-{n}", lang=L)
        exported.set(short(out, cfg["out"]))

    # The plan view: a budget, months and a goal, planned on a click in the background.
    view = solara.use_reactive("whatif")
    budget = solara.use_reactive(3000)
    months = solara.use_reactive(pv.months_of(base))
    goal = solara.use_reactive("purchases")
    asked = solara.use_reactive(None)

    def ask_plan():
        asked.set((template.value, budget.value, months.value, goal.value))

    def plan_run():
        if asked.value is None:
            return None
        _, money, n, aim = asked.value
        try:
            return pv.run_plan_view(base, money, n, aim, cfg["seeds"], cfg["out"])
        except ScenarioError as exc:  # a budget or setting the scenario refuses: said
            return str(exc).splitlines()[0]

    plan_task = use_task(plan_run, dependencies=[asked.value])
    planned = plan_task.value if plan_task.finished else None
    plan_busy = plan_task.pending

    given = (base.title_nl if L == "nl" and base.title_nl else base.title) or base.name
    solara.Title(f"feedsim: {given}")
    with solara.Sidebar():
        solara.ToggleButtonsSingle(value=lang, values=list(LANGS))
        views = {t("What-ifs", L): "whatif", t("Plan", L): "plan"}
        solara.ToggleButtonsSingle(
            value=next(k for k, v in views.items() if v == view.value),
            values=list(views),
            on_value=lambda v: view.set(views[v]),
            classes=["feedsim-view"],
        )
        if view.value == "plan":
            pv.PlanControls(budget, months, goal, L, plan_busy, ask_plan)
        else:
            names = {clip(tp.title_nl if L == "nl" else tp.title): tp.name for tp in shipped}
            first = original.title_nl if L == "nl" and original.title_nl else original.title
            options = [clip(first or original.name), *names]
            chosen = next((n for n, v in names.items() if v == template.value), options[0])
            solara.Select(
                t("Start from", L),
                values=options,
                value=chosen,
                on_value=lambda v: template.set(names.get(v, "")),
                style={"max-width": "300px"},
            )
            if problem.value:
                solara.Text(
                    f"{t('Could not start from this template', L)}: {problem.value}",
                    style={"color": "#b00020"},
                )
            solara.Text(t("What-ifs", L), style={"font-weight": "bold"})
            with solara.Row():
                for i in range(len(plans.value)):
                    solara.Button(
                        str(i + 1),
                        on_click=lambda i=i: current.set(i),
                        color="primary" if i == k else None,
                        classes=[f"feedsim-plan-{i + 1}"],
                    )
                if len(plans.value) < wi.MAX_PLANS:
                    solara.Button(
                        t("Add a what-if", L),
                        classes=["feedsim-add"],
                        on_click=lambda: (
                            plans.set([*plans.value, wi.Plan(plan.levers)]),
                            current.set(len(plans.value)),
                        ),
                    )
            solara.Text(
                f"{t('Editing', L)}: {plan.shown(base, L)}",
                classes=["feedsim-editing"],
                style={"font-size": "0.9em"},
            )
            with solara.Row():
                solara.Button(
                    t("Reset", L),
                    classes=["feedsim-reset"],
                    on_click=lambda: set_plan(wi.Plan(start, plan.name)),
                )
                if len(plans.value) > 1:
                    solara.Button(
                        t("Remove", L),
                        classes=["feedsim-remove"],
                        on_click=lambda: (
                            plans.set([p for i, p in enumerate(plans.value) if i != k]),
                            current.set(max(0, k - 1)),
                        ),
                    )
            Levers(
                base,
                plan.levers,
                lambda lv: set_plan(wi.Plan(lv, plan.name)),
                plan.name,
                lambda n: set_plan(wi.Plan(plan.levers, n)),
                L,
            )
    with solara.Column():
        # Plain text, not Markdown: Markdown pulls KaTeX from a CDN, which a session offline lacks.
        solara.Text(
            f"{t('Strategy session', L)}: {given}",
            style={"font-size": "1.5em", "font-weight": "bold"},
        )
        solara.Text(
            f"{platform_name(base.platform)}, {number(base.audience.users, L)} "
            f"{t('users', L)}, "
            f"{number(base.days, L)} {t('days', L)}",
            classes=["feedsim-setup"],
        )
        if view.value == "plan":
            if plan_busy:
                solara.ProgressLinear(True)
                solara.Text(t("Planning…", L), classes=["feedsim-busy"])
            if isinstance(planned, str):
                solara.Text(
                    f"{t('This setting cannot be simulated', L)}: {planned}",
                    classes=["feedsim-problem"],
                    style={"color": "#b00020"},
                )
            elif planned is not None:
                pv.PlanResult(planned, L, plan_busy, short(planned.folder, cfg["out"]))
        else:
            if busy:
                solara.ProgressLinear(True)
                solara.Text(t("Simulating…", L), classes=["feedsim-busy"])
            if result is not None and result.problem:
                solara.Text(
                    f"{t('This setting cannot be simulated', L)}: {result.problem}",
                    classes=["feedsim-problem"],
                    style={"color": "#b00020"},
                )
            elif result is not None:
                with solara.Column(
                    style={"opacity": "0.35" if busy else "1"},
                    classes=["feedsim-stale" if busy else "feedsim-fresh"],
                ):
                    Figures(result, L)
                    Charts(result)
                with solara.Row():
                    solara.Button(
                        t("Save what-ifs", L),
                        on_click=save,
                        classes=["feedsim-save"],
                        disabled=busy,
                    )
                    solara.Button(
                        t("Add to report", L),
                        on_click=export,
                        classes=["feedsim-export"],
                        disabled=busy,
                    )
            if saved.value:
                solara.Text(f"{t('Saved as', L)} {saved.value}", classes=["feedsim-saved"])
            if exported.value:
                solara.Text(
                    f"{t('Report folder', L)}: {exported.value}; "
                    f"{t('turn it into the PDF and the deck with', L)} "
                    f"feedsim report {exported.value} --lang {L}",
                    classes=["feedsim-exported"],
                )
