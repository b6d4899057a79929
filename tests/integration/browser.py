"""What the dashboard's tests share: a free loopback port, Debian's Chromium with Playwright
(or a skip that says loudly the page was not tested in a browser), and a server to test."""

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


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium() -> str | None:
    """The Chromium to drive ($FEEDSIM_CHROMIUM, else the first on the PATH), or None."""
    for name in (
        os.environ.get("FEEDSIM_CHROMIUM", ""),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if name and (path := shutil.which(name)):
            return path
    return None


def browser_or_skip() -> str:
    """Chromium's path, where it and Playwright are installed; otherwise the test is skipped."""
    path = chromium()
    if path is None:
        pytest.skip(
            "NO BROWSER: the dashboard's browser tests need Chromium (Debian: apt-get "
            "install chromium, which .ci/run does) or FEEDSIM_CHROMIUM=path; SKIPPED, "
            "the page was NOT tested in a browser"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip(
            "NO PLAYWRIGHT: pip install 'playwright>=1.40' (in the dev extra); SKIPPED, "
            "the page was NOT tested in a browser"
        )
    return path


def start_server(
    tmp_path: Path, lang: str, scenario_text: str, seeds: list[int], days: int, users: int
):
    """``feedsim dashboard`` on a scenario written into ``tmp_path``, on a free port; returns
    the process and its address once it answers (a test fails after 120 s)."""
    scenario = tmp_path / "shop.toml"
    scenario.write_text(scenario_text, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "dashboard",
            str(scenario),
            "--port",
            str(port),
            "--seeds",
            ",".join(map(str, seeds)),
            "--days",
            str(days),
            "--users",
            str(users),
            "--lang",
            lang,
            "--out",
            str(tmp_path / "out"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the dashboard exited: {proc.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    pytest.fail("the dashboard did not answer within 120 s")


def stop(proc) -> None:
    """End the server this test started."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
