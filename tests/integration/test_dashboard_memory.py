"""A dashboard left open for a meeting stays lean: over 100 lever changes the server's memory
grows by less than 50 MB.

Lighter than the browser: it drives what the page does on every change (the page's task,
:func:`sim.dashboard.app.compute`: the baseline and two what-ifs on the same seeds, one of them
changed each time, and its four charts built for the browser) 100 times in this process, and
reads the process's resident memory (Linux ``/proc``) after a warm-up of ten changes. (Measured
in a real browser against a served page: ``benchmarks/dashboard_memory.py``.)
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

pytest.importorskip("solara")

CHANGES = 100
WARM = 10
LIMIT_MB = 50


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
def test_memory_is_flat_over_100_lever_changes(monkeypatch):
    from sim.dashboard import app
    from sim.dashboard import whatif as wi
    from sim.scenario import resolve

    monkeypatch.setattr(app, "DEBOUNCE_S", 0.0)
    base = resolve(
        {
            "name": "shop",
            "days": 20,
            "seed": 1,
            "audience": {"users": 1000},
            "brand": {"initial_followers": 100},
        },
        source="test",
    )
    start = wi.levers_of(base)
    sizes = []
    for k in range(CHANGES):
        # A drag of "how many" through 100 values, beside a giveaway kept as it was.
        plans = [
            wi.Plan(start.with_(buy=True, buy_count=500 + 100 * k)),
            wi.Plan(start.with_(giveaway=True, giveaway_entrants=300), "Winactie"),
        ]
        shown = app.compute(base, plans, [0, 1], "nl" if k % 2 else "en", lambda: True)
        assert shown is not None and len(shown.panels) == 4
        del shown
        gc.collect()
        sizes.append(rss_mb())
    growth = max(sizes[WARM:]) - sizes[WARM - 1]
    print(
        f"RSS after {WARM} changes {sizes[WARM - 1]:.1f} MB, largest after "
        f"{CHANGES} {max(sizes[WARM:]):.1f} MB: +{growth:.1f} MB"
    )
    assert growth < LIMIT_MB
