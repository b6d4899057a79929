"""The dashboard server's memory over a session of lever changes, in a real browser.

Starts ``feedsim dashboard`` (a 3,000-user, 40-day shop, two seeds), opens it in headless
Chromium, and moves the "Hour" lever one step at a time (up through the day, then down, then up
again), waiting each time until the page has run the change and shows it. Prints the server's
resident memory (Linux ``/proc/<pid>/status``) after a warm-up and after every 10 changes.

    .venv/bin/python benchmarks/dashboard_memory.py --changes 100
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).parents[1]
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


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=100)
    ap.add_argument("--warm", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="feedsim-dash-mem-"))
    (tmp / "shop.toml").write_text(SCENARIO, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "dashboard",
            str(tmp / "shop.toml"),
            "--port",
            str(port),
            "--seeds",
            "0,1",
            "--out",
            str(tmp / "out"),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(240_000)
            page.goto(url)
            page.locator(".feedsim-value-0-real_reach_per_post").wait_for()
            page.locator(".feedsim-busy").wait_for(state="detached")
            hour = page.locator("[role=slider]").nth(1)  # posts per week, then the hour
            start = time.monotonic()
            base = None
            value = 12
            step = 1
            for k in range(1, args.changes + 1):
                if not 0 <= value + step <= 23:
                    step = -step
                value += step
                hour.focus()
                page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
                page.get_by_text(f"{value:02d}:00").first.wait_for()
                page.wait_for_timeout(100)
                page.locator(".feedsim-busy").wait_for(state="detached")
                if k == args.warm:
                    base = rss_mb(proc.pid)
                    print(f"after {k} changes: {base:.1f} MB", flush=True)
                elif k % 10 == 0:
                    now = rss_mb(proc.pid)
                    print(f"after {k} changes: {now:.1f} MB ({now - base:+.1f} MB)", flush=True)
            took = time.monotonic() - start
            print(f"{args.changes} changes in {took:.0f} s ({took / args.changes:.1f} s each)")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
