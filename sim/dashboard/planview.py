"""The dashboard's plan view: choose a budget, the months and a goal, see the best plan for the
money, its two alternatives and the same money on bought followers.

The plan is the planner's own (:mod:`sim.studies.plan.planner`: Optuna over the honest levers on
the page's seeds, judged on test runs the search never saw), run on the page's baseline with
fewer trials than the command line's, into a study folder under the page's output folder
(``dashboard/plans/<name>``; the same question resumes there, another gets a new folder). It runs
on the task's thread in worker processes while the page shows its busy state and greys the
previous plan. Every number is the catalogue's (:mod:`sim.base.presented_plan`), the same the
report and the terminal show; every word is the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import solara

from sim.dashboard.text import t

TRIALS = 16  # allocations tried: the command line's default is 40; the page wants an answer soon
TEST_SEEDS = 100  # the verdict's seeds start here (never the page's own, which tune)
BUDGETS = (500, 20_000, 500)  # euros: lowest, highest, step of the slider


@dataclass
class PlanShown:
    """A finished plan as the page shows it."""

    table: pd.DataFrame
    said: dict  # the verdict's facts (verdict.json)
    levers: list[str]
    words: dict  # what the chart says besides the numbers
    folder: Path

    def chart(self, lang: str) -> bytes:
        """The plan's chart in ``lang`` (drawn into the plan's folder, as the command does)."""
        from sim.present.charts.plan import plan_chart

        files = plan_chart(
            self.table,
            self.words,
            self.folder / ("plan" if lang == "en" else f"plan_{lang}"),
            lang=lang,
        )
        return next(p for p in files if p.suffix == ".png").read_bytes()


def months_of(base) -> int:
    """The base's run in whole months (at least one): where the months slider starts."""
    return max(1, round(base.days * 12 / 365))


def make_spec(base, budget: float, months: int, goal: str, seeds: list[int]):
    """The planning study the page asks for: the honest levers, the page's seeds to tune on and
    as many test seeds from :data:`TEST_SEEDS` (at least two)."""
    from sim.studies.plan import curves, planner
    from sim.studies.plan.levers import HONEST

    sc = curves.with_months(base, months)
    tests = list(range(TEST_SEEDS, TEST_SEEDS + max(2, len(seeds))))
    return planner.PlanSpec(
        f"{base.name}-plan-{int(budget)}-{months}m-{goal}",
        sc,
        float(budget),
        goal,
        list(HONEST),
        list(seeds),
        tests,
        trials=max(TRIALS, len(HONEST) + 1),
    )


def run_plan_view(
    base,
    budget: float,
    months: int,
    goal: str,
    seeds: list[int],
    out: str,
    workers: int | None = None,
) -> PlanShown:
    """Plan the study (or resume it: the same question finds its folder)."""
    import json

    from sim.studies.plan import planner

    spec = make_spec(base, budget, months, goal, seeds)
    folder = planner.choose_folder(spec, Path(out) / "dashboard" / "plans")
    table = planner.run_plan(spec, folder, workers=workers, progress=False)
    said = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    return PlanShown(table, said, list(spec.levers), planner.spec_words(spec), folder)


@solara.component
def PlanTable(shown: PlanShown, lang: str):
    """The plans side by side: the catalogue's rows (the report's), every cell with a class."""
    from sim.present.widths import longest_words
    from sim.studies.plan.words import money_rows, plan_rows

    for k, rows in enumerate(
        (plan_rows(shown.table, lang), money_rows(shown.table, shown.levers, lang))
    ):
        # Each column as wide as its longest word (a bold header's a little wider), so no word
        # is cut; a table wider than the page scrolls sideways instead of squeezing its words.
        widths = [w + 3 for w in longest_words(rows, header=1.15)]
        with solara.Card(style={"overflow-x": "auto"}):
            for i, row in enumerate(rows):
                plan = "head" if i == 0 else str(shown.table["plan"].iloc[i - 1])
                with solara.Columns(
                    widths, wrap=False, style={"min-width": f"{sum(widths):.0f}ch"}
                ):
                    for j, cell in enumerate(row):
                        solara.Text(
                            cell,
                            classes=[f"feedsim-pv-{k}-{plan}-{j}"],
                            style={"font-weight": "bold"} if i == 0 or j == 0 else {},
                        )


@solara.component
def PlanControls(budget, months, goal, lang: str, busy: bool, on_plan):
    """The sidebar of the plan view: budget, months, goal and the button."""
    from sim.base import presented_plan as pp
    from sim.base.l10n import money, number

    lo, hi, step = BUDGETS
    solara.SliderInt(
        f"{t('Budget', lang)}: {money(budget.value, lang)}",
        value=budget,
        min=lo,
        max=hi,
        step=step,
        thumb_label=False,
    )
    solara.SliderInt(
        f"{t('Months', lang)}: {number(months.value, lang)}",
        value=months,
        min=1,
        max=12,
        thumb_label=False,
    )
    goals = {pp.goal_words(g, lang): g for g in pp.GOALS}
    solara.Select(
        t("Goal", lang),
        values=list(goals),
        value=pp.goal_words(goal.value, lang),
        on_value=lambda v: goal.set(goals[v]),
        style={"max-width": "300px"},
        classes=["feedsim-goal"],
    )
    solara.Button(
        t("Make a plan", lang),
        on_click=on_plan,
        color="primary",
        disabled=busy,
        classes=["feedsim-make-plan"],
    )


@solara.component
def PlanResult(shown: PlanShown, lang: str, busy: bool, where: str):
    """The verdict, the tables, the chart and where the plan is kept (``where``: the folder as
    the page shows it)."""
    from sim.studies.plan.words import client_verdict as verdict
    from sim.studies.plan.words import trade_offs

    chart = solara.use_memo(lambda: shown.chart(lang), [id(shown), lang])
    with solara.Column(
        style={"opacity": "0.35" if busy else "1"},
        classes=["feedsim-stale" if busy else "feedsim-fresh"],
    ):
        solara.Text(
            verdict(shown.table, shown.said, lang),
            classes=["feedsim-pv-verdict"],
            style={"display": "block"},
        )
        for k, text in enumerate(trade_offs(shown.table, str(shown.said["goal"]), lang)):
            solara.Text(
                text,
                classes=[f"feedsim-pv-tradeoff-{k}"],
                style={"display": "block", "color": "#444"},
            )
        PlanTable(shown, lang)
        solara.Image(chart, classes=["feedsim-pv-chart"])
        solara.Text(
            f"{t('Plan folder', lang)}: {where}; "
            f"{t('turn it into the PDF and the deck with', lang)} feedsim report "
            f"{where} --lang {lang}",
            classes=["feedsim-pv-folder"],
            style={"font-size": "0.85em", "color": "#666"},
        )
