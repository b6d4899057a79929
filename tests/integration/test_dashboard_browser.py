"""`feedsim dashboard` in a real headless browser: Debian's Chromium, driven by Playwright.

A strategy session in English and in Dutch: the page opens on the baseline, a template is
picked, three levers are set (the busy state appears and clears), a second what-if is added and
named, both are saved and the session is exported to a report folder. The texts shown are
checked (the language's words and number formats, no server path, no list of seeds),
screenshots are kept, the saved scenarios rerun to the numbers shown, and the exported folder
is reported.

Needs the `chromium` executable (Debian package `chromium`; `.ci/run` installs it) and the
`playwright` package. Where either is missing the test is skipped and says why.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import browser
import pytest
from browser import browser_or_skip

SCENARIO = """\
platform = "instagram"
days = 40
seed = 1
[audience]
users = 3000
[brand]
initial_followers = 200
posts_per_week = 7
"""
SEEDS = [0, 1]
TIMEOUT_MS = 240_000  # first render runs the baseline; generous on a loaded 2-core machine
SHOTS = Path(__file__).parents[2] / "results" / "dashboard-screenshots"
# Words of the page that must not be left in English on the Dutch page.
ENGLISH = (
    "Buy followers",
    "Giveaway",
    "users",
    "days",
    "What-if",
    "Save",
    "Simulating",
    "baseline",
    "real reach",
    "net result",
    "regular",
    "erratic",
    "Reset",
    "Seeds",
    "Influencer every",
    "spend on tactics",
    "How many",
    "Add to report",
    "Start from",
)
WORDS = {
    "en": {
        "template": "A niche shop posts daily and grows only organically",
        "title": "Organic growth",
        "buy": "Buy followers",
        "giveaway": "Giveaway",
        "influencer": "Influencer",
        "users": "3,000 users",
        "saved": "Saved as",
        "name": "Name",
        "day": "day",
        "baseline": "baseline",
    },
    "nl": {
        "template": "Een nichewinkel post dagelijks en groeit alleen organisch",
        "title": "Organische groei",
        "buy": "Volgers kopen",
        "giveaway": "Winactie",
        "influencer": "Influencer",
        "users": "3.000 gebruikers",
        "saved": "Opgeslagen als",
        "name": "Naam",
        "day": "dag",
        "baseline": "nulmeting",
    },
}


@pytest.fixture()
def browser_path():
    return browser_or_skip()


def start_server(tmp_path: Path, lang: str):
    return browser.start_server(tmp_path, lang, SCENARIO, SEEDS, 40, 3000)


def _settle(page) -> None:
    """Wait until no run is pending (the busy text gone) and figures are shown."""
    page.locator(".feedsim-busy").wait_for(state="detached")
    page.locator(".feedsim-value-0-real_reach_per_post").wait_for()


def _change(page, action) -> None:
    """Do ``action`` and see the busy state appear (the previous numbers greyed) and clear.

    The page's widgets reach the browser one message at a time, so each state is awaited as a
    whole in the page: the busy text with the greyed numbers (it lasts at least the page's pause
    before a run), then no busy text, the numbers in full colour and none greyed."""
    action()
    page.wait_for_function(
        "document.querySelector('.feedsim-busy') && document.querySelector('.feedsim-stale')"
    )
    _settle(page)
    page.wait_for_function(
        "!document.querySelector('.feedsim-busy') && !document.querySelector('.feedsim-stale')"
        " && document.querySelector('.feedsim-fresh')"
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_strategy_session_in_chromium(browser_path, tmp_path, lang):
    from playwright.sync_api import sync_playwright

    from sim.dashboard import whatif as wi
    from sim.present.report import write_report
    from sim.scenario import load_scenario

    words = WORDS[lang]
    proc, url = start_server(tmp_path, lang)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=browser_path, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(url)
            _settle(page)

            # A template: the organic shop, shortened to the page's 40 days and 3,000 users.
            def pick():
                page.locator(".v-select").first.click()
                page.locator(
                    ".v-menu__content .v-list-item", has_text=words["template"][:30]
                ).click()

            _change(page, pick)
            page.get_by_text(words["title"]).first.wait_for()

            # Three levers: buy followers, a giveaway, fewer posts per week.
            _change(page, lambda: page.get_by_text(words["buy"], exact=True).click())
            _change(page, lambda: page.get_by_text(words["giveaway"], exact=True).click())

            def fewer_posts():
                # The slider found by its label, not its place: the levers' widgets reach the
                # page one message at a time, so counting sliders may find another one.
                posts = page.locator(".v-input", has_text=re.compile(r"^Posts per week: \d"))
                posts.locator("[role=slider]").first.focus()
                for _ in range(3):  # three presses within the pause: one rerun
                    page.keyboard.press("ArrowLeft")

            _change(page, fewer_posts)
            page.get_by_text(re.compile("^Posts per week: 4$")).wait_for()
            assert page.get_by_text(re.compile("^Posts per week: 4$")).count() == 1

            # A second what-if, named, with an influencer instead of buying.
            page.locator(".feedsim-add").click()
            page.locator(".feedsim-busy").wait_for(state="detached")
            _change(page, lambda: page.get_by_text(words["buy"], exact=True).click())
            _change(page, lambda: page.get_by_text(words["influencer"], exact=True).click())
            name = page.get_by_label(words["name"])
            name.fill("Influencer plan")
            name.press("Enter")
            page.locator(".feedsim-head-2", has_text="Influencer plan").wait_for()
            _settle(page)

            # The charts are drawn by the browser: four of them, with every line's value under
            # the pointer, in the page's language (the day: the followers chart at 85% of its
            # width, past the tactics of day 30 in the 40-day session).
            charts = page.locator(".feedsim-live")
            charts.first.locator("canvas").wait_for()
            assert charts.count() == 4
            box = charts.first.bounding_box()
            page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.6)
            tip = page.locator(".feedsim-tip").first
            tip.wait_for()
            hover = tip.inner_text()

            shown = {
                (k, f): page.locator(f".feedsim-value-{k}-{f}").inner_text()
                for k in (1, 2)
                for f in ("real_reach_per_post", "real_followers_end", "cost")
            }
            body = page.locator("body").inner_text()
            page.screenshot(path=str(SHOTS / f"session-{lang}.png"), full_page=True)

            page.locator(".feedsim-save").click()
            saved = page.locator(".feedsim-saved").inner_text()
            page.locator(".feedsim-export").click()
            exported = page.locator(".feedsim-exported").inner_text()
            page.locator(".feedsim-exported").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"saved-{lang}.png"), full_page=True)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

    # The hover box names the day and each arm, with its number in the language's format.
    assert hover.startswith(f"{words['day']} "), hover
    assert "Influencer plan" in hover and words["baseline"] in hover, hover
    assert re.search(r"\d", hover.split(":", 1)[1]), hover

    # What the page says: its language, its formats, nothing of the server's.
    everything = body + saved + exported + hover
    assert words["users"] in body
    assert str(tmp_path) not in everything and "/tmp" not in everything
    assert not re.search(r"[Ss]eeds?:", everything)
    if lang == "nl":
        left = [w for w in ENGLISH if w in body]
        assert not left, f"English on the Dutch page: {left}"
        assert not re.search(r"\d,\d{3}\b", body)  # no English thousands separator

    # The saved scenarios rerun to the numbers shown.
    out = tmp_path / "out"
    files = [out.parent / s.strip() for s in saved.split(words["saved"], 1)[1].split(",")]
    assert len(files) == 2 and all(f.suffix == ".toml" and f.exists() for f in files)
    for k, path in enumerate(files, start=1):
        sc = load_scenario(path)
        arm = wi._run_seeds(sc, SEEDS)
        for f in ("real_reach_per_post", "real_followers_end", "cost"):
            assert shown[(k, f)].split(" (")[0] == wi.format_figure(f, arm.figure(f), lang)
    assert load_scenario(files[1]).title == "Influencer plan (what-if)"

    # The exported folder reports.
    folder = out.parent / exported.split(":", 1)[1].split(";")[0].strip()
    paths = write_report(folder, lang=lang, out=tmp_path / "report")
    assert {p.suffix for p in paths} == {".pdf", ".pptx", ".xlsx"}
