"""`feedsim dashboard` in a real headless browser: Debian's Chromium, driven by Playwright.

The page loads with the baseline's figures; ticking "Buy followers" reruns the what-if, and the
numbers and the chart change; switching to Dutch relabels the page; "Save what-if" writes a
scenario file that validates and, run on the same seeds, reproduces the numbers shown.

Needs the `chromium` executable (Debian package `chromium`; `.ci/run` installs it) and the
`playwright` package. Where either is missing the test is skipped and says why.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
TIMEOUT_MS = 240_000  # first render runs both arms; generous on a loaded 2-core machine


def _chromium() -> str | None:
    for name in (os.environ.get("FEEDSIM_CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def browser_path():
    path = _chromium()
    if path is None:
        pytest.skip("NO BROWSER: the dashboard's browser test needs Chromium (Debian: "
                    "apt-get install chromium, which .ci/run does) or FEEDSIM_CHROMIUM=path; "
                    "SKIPPED, the page was NOT tested in a browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("NO PLAYWRIGHT: pip install 'playwright>=1.40' (in the dev extra); SKIPPED, "
                    "the page was NOT tested in a browser")
    return path


@pytest.fixture()
def server(tmp_path):
    scenario = tmp_path / "shop.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "dashboard", str(scenario), "--port", str(port),
         "--seeds", ",".join(map(str, SEEDS)), "--out", str(tmp_path / "out")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the dashboard exited: {proc.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("the dashboard did not answer within 120 s")
    yield url, scenario
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_dashboard_in_chromium(browser_path, server):
    from playwright.sync_api import sync_playwright

    from sim.dashboard import whatif as wi
    from sim.scenario import load_scenario

    url, _ = server
    reach = ".feedsim-whatif-real_reach_per_post"
    followers = ".feedsim-whatif-real_followers_end"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, headless=True,
                                    args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        page.locator(reach).wait_for()
        before = page.locator(reach).inner_text()
        assert before == page.locator(".feedsim-baseline-real_reach_per_post").inner_text()
        chart = page.locator("img").last
        chart_before = chart.get_attribute("src")

        page.get_by_text("Buy followers").click()
        page.wait_for_function(
            "([sel, old]) => document.querySelector(sel).innerText.trim() !== old",
            arg=[reach, before])
        after = page.locator(reach).inner_text()
        shown_followers = page.locator(followers).inner_text()
        page.wait_for_function(
            "(old) => [...document.querySelectorAll('img')].pop().getAttribute('src') !== old",
            arg=chart_before)

        page.locator("button", has_text="nl").click()
        page.get_by_text("Volgers kopen").wait_for()
        page.locator(".feedsim-save").click()
        saved = page.locator(".feedsim-saved").inner_text().split(": ", 1)[1].strip()
        browser.close()

    path = Path(saved)
    assert path.name == "whatif.toml" and (path.parent / "report.md").exists()
    sc = load_scenario(path)  # validates
    assert sc.strategies.buy is not None and sc.strategies.buy.count == 5_000
    arm = wi.run_arm(sc, SEEDS)
    assert wi.format_figure("real_reach_per_post",
                            arm.figure("real_reach_per_post")) == after
    assert wi.format_figure("real_followers_end", arm.figure("real_followers_end")) == \
        shown_followers
    assert after in (path.parent / "report.md").read_text(encoding="utf-8")
