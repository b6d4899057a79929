"""Exports made by feedsim itself from known values: the test bed of the fit.

A run of a scenario with known parameter values is written in a platform's export layout
(:func:`sim.studies.calibrate.exports.write_export`), so reading and fitting it is exactly what
happens to a client's file, and the values it should recover are known.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.studies.calibrate.design import post_hours, simulated_posts
from sim.studies.calibrate.exports import write_export

START = pd.Timestamp("2024-01-01")


def make_base(
    platform: str = "instagram",
    followers: int = 400,
    days: int = 42,
    hour: int = 19,
    users: int | None = None,
    name: str = "synthetic",
):
    """A scenario posting once a day at ``hour``: what a synthetic export is simulated from."""
    from sim.scenario import resolve
    from sim.studies.calibrate.design import audience_users

    return resolve(
        {
            "name": name,
            "platform": platform,
            "days": days,
            "audience": {"users": users or audience_users(followers)},
            "brand": {"initial_followers": followers, "hour": hour, "posts_per_week": 7.0},
            "content": {"calendar": [{"day": d, "hour": hour} for d in range(days)]},
        },
        source="synthetic export",
    )


def synthetic_export(
    base,
    values: dict,
    seed: int,
    path: str | Path,
    lang: str = "en",
    account: str = "feedsim_test",
    order: list[str] | None = None,
) -> Path:
    """Run ``base`` with ``values`` (dotted key -> value) on ``seed`` and write its export.

    Returns:
        The file written, in ``base.platform``'s export layout with ``lang`` headers.
    """
    from sim.engine.runner import run

    sc = base.with_overrides(values, source="known values")
    result = run(sc, seed=seed)
    posts = simulated_posts(result, START, post_hours(sc))
    return write_export(
        posts,
        sc.platform,
        path,
        followers=sc.brand.initial_followers,
        lang=lang,
        account=account,
        order=order,
    )
