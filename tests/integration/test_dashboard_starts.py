"""`feedsim dashboard` starts cleanly every time: fresh server processes, each opened in Debian's
Chromium (driven by Playwright) by two tabs at once, never show a Python traceback.

The page's first render runs the baseline; two renders (two tabs, or one tab's reconnect) used to
load numba's typing registries from two threads at once in a fresh process, and about one start
in four showed "ValueError: generator already executing" instead of the figures. The server now
starts numba on its main thread before it serves anyone, and runs one simulation at a time.

Each start is a new process, so each one meets numba's start-up afresh; the scenario is small
(5,000 users, 30 days, one seed) so that a start takes seconds. Needs the `chromium` executable
and the `playwright` package; where either is missing the test is skipped and says why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import browser_or_skip, free_port

ROOT = Path(__file__).parents[2]
STARTS = 5
TABS = 2
FIGURE = ".feedsim-value-1-real_reach_per_post"
TIMEOUT_MS = 180_000  # a loaded 2-core machine; an idle one needs a few seconds


@pytest.fixture()
def browser_path():
    return browser_or_skip()


def _serve(tmp_path: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "dashboard",
            str(ROOT / "scenarios" / "organic.toml"),
            "--users",
            "5000",
            "--days",
            "30",
            "--seeds",
            "1",
            "--port",
            str(port),
            "--out",
            str(tmp_path / "out"),
        ],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the dashboard exited: {log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    pytest.fail("the dashboard did not answer within 120 s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_every_start_shows_the_figures_and_no_traceback(browser_path, tmp_path):
    from playwright.sync_api import sync_playwright

    # The figures, or anything that looks like an error Solara put on the page instead.
    settled = (
        "(sel) => document.querySelector(sel) !== null || "
        "/Traceback|Error/.test(document.body.innerText)"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path, headless=True, args=["--no-sandbox"]
        )
        for start in range(STARTS):
            log = tmp_path / f"server-{start}.log"
            proc, url = _serve(tmp_path, log)
            try:
                pages = [browser.new_page() for _ in range(TABS)]
                for page in pages:  # both tabs connect before either has rendered
                    page.set_default_timeout(TIMEOUT_MS)
                    page.goto(url, wait_until="commit")
                for tab, page in enumerate(pages):
                    page.wait_for_function(settled, arg=FIGURE)
                    text = page.locator("body").inner_text()
                    assert "Traceback" not in text and "Error" not in text, (
                        f"start {start + 1}, tab {tab + 1} shows an error:\n{text[:3000]}"
                    )
                    assert page.locator(FIGURE).inner_text().strip()
                    # The levers read without dragging; no framework badge over the charts.
                    assert "Posts per week: 7" in text and "Hour: 12:00" in text
                    assert "runs on Solara" not in text
                    page.close()
            finally:
                _stop(proc)
            out = log.read_text()
            assert "Traceback" not in out, f"start {start + 1}: the server logged:\n{out}"
        browser.close()
