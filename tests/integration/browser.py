"""What the dashboard's tests share: a free loopback port, and Debian's Chromium with Playwright
(or a skip that says loudly the page was not tested in a browser)."""

from __future__ import annotations

import os
import shutil
import socket

import pytest


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium() -> str | None:
    """The Chromium to drive ($FEEDSIM_CHROMIUM, else the first on the PATH), or None."""
    for name in (os.environ.get("FEEDSIM_CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


def browser_or_skip() -> str:
    """Chromium's path, where it and Playwright are installed; otherwise the test is skipped."""
    path = chromium()
    if path is None:
        pytest.skip("NO BROWSER: the dashboard's browser tests need Chromium (Debian: apt-get "
                    "install chromium, which .ci/run does) or FEEDSIM_CHROMIUM=path; SKIPPED, "
                    "the page was NOT tested in a browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("NO PLAYWRIGHT: pip install 'playwright>=1.40' (in the dev extra); SKIPPED, "
                    "the page was NOT tested in a browser")
    return path
