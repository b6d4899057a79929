"""The page's task without a browser: a change waits for the next one (one drag, one rerun),
a refused setting is said rather than raised, and paths are shown short."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("solara")

from sim.dashboard import app  # noqa: E402
from sim.dashboard import whatif as wi  # noqa: E402
from sim.scenario import ScenarioError, resolve  # noqa: E402


@pytest.fixture()
def base():
    return resolve(
        {
            "name": "shop",
            "days": 20,
            "seed": 1,
            "audience": {"users": 500},
            "brand": {"initial_followers": 50},
        },
        source="test",
    )


def test_a_change_superseded_during_the_pause_runs_nothing(base, monkeypatch):
    import time

    import sim.present.charts.whatif_live as charts

    ran = []
    monkeypatch.setattr(wi, "run_session", lambda *a, **k: ran.append(a) or "session")
    monkeypatch.setattr(charts, "panels", lambda session, lang: ["panel"])
    monkeypatch.setattr(app, "DEBOUNCE_S", 0.3)
    # A step of a drag: the next step arrives 0.05 s into this one's pause.
    t0 = time.monotonic()
    assert app.compute(base, [], [0], "en", lambda: time.monotonic() - t0 < 0.05) is None
    assert ran == []
    # The last step of the drag: nothing newer arrives, so it runs, once.
    shown = app.compute(base, [], [0], "en", lambda: True)
    assert shown.session == "session" and shown.panels == ["panel"] and len(ran) == 1


def test_a_refused_setting_is_said_not_raised(base, monkeypatch):
    def refuse(*a, **k):
        raise ScenarioError(
            "dashboard: strategies.giveaway.entrants = 3,000 is more than the "
            "audience's 500 users; lower it\nmore detail"
        )

    monkeypatch.setattr(wi, "run_session", refuse)
    monkeypatch.setattr(app, "DEBOUNCE_S", 0.0)
    shown = app.compute(base, [], [0], "nl", lambda: True)
    assert shown.session is None and "more than the audience's 500 users" in shown.problem
    assert "\n" not in shown.problem


def test_paths_are_shown_relative_to_the_output_folder(tmp_path):
    out = tmp_path / "results"
    f = out / "dashboard" / "shop-20260101-000000" / "plan.toml"
    assert app.short(f, str(out)) == str(Path("results/dashboard/shop-20260101-000000/plan.toml"))
    assert app.short(Path("/elsewhere/x.toml"), str(out)) == "x.toml"
