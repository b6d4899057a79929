"""The dashboard's plan view in a real headless browser (Debian's Chromium, driven by Playwright),
in English and in Dutch, on a tiny shop (5,000 users, 40 days, two tuning seeds).

The view is chosen, a budget is set, the plan is asked for: the busy state appears and clears,
and the page shows the verdict, the plans side by side and the chart. The verdict and every cell
are the catalogue's own text (:mod:`sim.base.presented_plan`) for the plan folder the page names;
the Dutch page holds no English and no English number formats; the platform is written as it
spells itself. Screenshots are kept in results/dashboard-screenshots/.

Skipped, and says why, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from browser import browser_or_skip, start_server, stop

SCENARIO = """\
platform = "instagram"
days = 40
seed = 1
[audience]
users = 5000
[brand]
initial_followers = 150
posts_per_week = 7
"""
TIMEOUT_MS = 300_000  # a plan of 16 trials on a loaded 2-core machine
SHOTS = Path(__file__).parents[2] / "results" / "dashboard-screenshots"
ENGLISH = (
    "Months",
    "Goal",
    "Make a plan",
    "best plan",
    "alternative",
    "bought followers",
    "no extra money",
    "purchases",
    "Best plan",
    "Plan folder",
    "euros per lever",
    "wins",
    "the ",
)
WORDS = {
    "en": {"plan": "Plan", "make": "Make a plan", "budget": "Budget: €1,500"},
    "nl": {"plan": "Plan", "make": "Plan maken", "budget": "Budget: € 1.500"},
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_plan_in_chromium(tmp_path, lang):
    browser_path = browser_or_skip()
    from playwright.sync_api import sync_playwright

    from sim.base import presented_plan as pp
    from sim.studies.plan.words import client_verdict as verdict

    words = WORDS[lang]
    proc, url = start_server(tmp_path, lang, SCENARIO, [0, 1], 40, 5000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=browser_path, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1300})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(url)
            page.locator(".feedsim-busy").wait_for(state="detached")
            page.locator(".feedsim-view").get_by_text(words["plan"], exact=True).click()
            page.locator(".feedsim-make-plan").wait_for()
            # The budget slider down from €3,000 to €1,500: three steps of €500.
            page.locator("[role=slider]").first.focus()
            for _ in range(3):
                page.keyboard.press("ArrowLeft")
            page.get_by_text(words["budget"]).wait_for()
            page.locator(".feedsim-make-plan").click()
            page.locator(".feedsim-busy").wait_for()
            page.locator(".feedsim-busy").wait_for(state="detached")
            page.locator(".feedsim-pv-verdict").wait_for()
            page.locator(".feedsim-pv-chart").wait_for()
            shown = page.locator(".feedsim-pv-verdict").inner_text()
            cells = {
                c: page.locator(f".feedsim-pv-0-{c[0]}-{c[1]}").inner_text()
                for c in [(plan, j) for plan in ("base", "best", "buy") for j in range(1, 7)]
            }
            where = page.locator(".feedsim-pv-folder").inner_text()
            body = page.locator("body").inner_text()
            page.screenshot(path=str(SHOTS / f"plan-{lang}.png"), full_page=True)
            browser.close()
    finally:
        stop(proc)

    # The folder the page names holds the plan it shows, and the page shows it as the report.
    name = re.search(r"(out/dashboard/plans/[\w.-]+)", where).group(1)
    folder = tmp_path / name
    table = pd.read_csv(folder / "plans.csv")
    said = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    assert said["budget"] == 1500.0 and said["goal"] == "purchases"
    assert shown == verdict(table, said, lang)
    names = ["spent", *pp.OUTCOMES, "wins"]
    for (plan, j), text in cells.items():
        assert text == pp.cell(table, plan, names[j - 1], lang), (plan, j)
    assert "Instagram" in body and "instagram" not in body
    assert str(tmp_path) not in body
    if lang == "nl":
        words_only = body.replace(name, "")  # the folder's name is a name, not words
        left = [w for w in ENGLISH if w in words_only]
        assert not left, f"English on the Dutch page: {left}"
        assert not re.search(r"\d,\d{3}\b", words_only)  # no English thousands separator
