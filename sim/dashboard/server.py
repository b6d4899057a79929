"""Serving the dashboard: Solara's Starlette app under uvicorn, in this process."""

from __future__ import annotations

import os
from pathlib import Path


def serve(
    scenario: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8765,
    seeds: list[int] | None = None,
    days: int | None = None,
    users: int | None = None,
    lang: str = "en",
    out: str | Path = "results",
    token: str | None = None,
) -> None:
    """Serve the page until interrupted (Ctrl-C).

    The settings travel to the page in ``FEEDSIM_DASHBOARD_*`` environment variables, the way
    Solara hands an app its configuration (``SOLARA_APP`` names the page's module). Every
    request passes :class:`sim.dashboard.guard.DashboardGuard` first: only this dashboard's own
    host and origin, and with ``token`` (serving other machines) only who has the token.
    """
    os.environ.update(
        {
            "SOLARA_APP": "sim.dashboard.app",
            "SOLARA_MODE": "production",
            "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
            "FEEDSIM_DASHBOARD_SCENARIO": str(Path(scenario).resolve()) if scenario else "",
            "FEEDSIM_DASHBOARD_SEEDS": ",".join(map(str, seeds or [0, 1, 2])),
            "FEEDSIM_DASHBOARD_DAYS": str(days or 0),
            "FEEDSIM_DASHBOARD_USERS": str(users or 0),
            "FEEDSIM_DASHBOARD_LANG": lang,
            "FEEDSIM_DASHBOARD_OUT": str(Path(out).resolve()),
        }
    )
    # numba started and the kernels loaded on this (main) thread before any page renders.
    from sim.dashboard.app import load_base, settings
    from sim.dashboard.warmup import warm

    warm(load_base(settings()))
    import uvicorn
    from solara.server import settings as solara_settings
    from solara.server.starlette import app

    # No "This website runs on Solara" over a chart (Solara's setting; its environment variable,
    # SOLARA_THEME_SHOW_BANNER, is read when solara is first imported, which was earlier).
    solara_settings.theme.show_banner = False
    from sim.dashboard.guard import DashboardGuard

    uvicorn.run(
        DashboardGuard(app, port, token=token, host=host), host=host, port=port, log_level="warning"
    )
