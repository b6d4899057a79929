"""Employee advocacy works by mechanism: staff shares reach real people only when sharing is
part of the job, and a share with a personal note reaches more than a bare link.

Design: a 1,000-follower shop in a 20,000-user town over 90 days, seeds 10-19, every arm on
common random numbers (same audience, same posting plan). Each comparison is a paired one-sided
t-test over the ten seeds at α = 0.001 (critical t = 4.297 at 9 degrees of freedom).
"""

from __future__ import annotations

import numpy as np
import pytest
from paired import paired_t, t_critical

from sim.engine.runner import run
from sim.scenario import resolve

SEEDS = range(10, 20)
T_CRIT = t_critical(len(SEEDS))  # one-sided, α = 0.001
STAFF = {"staff": 40}


def _runs(advocacy):
    raw = {"days": 90, "audience": {"users": 20_000}, "brand": {"initial_followers": 1_000}}
    if advocacy is not None:
        raw["strategies"] = {"employee_advocacy": advocacy}
    sc = resolve(raw, source="employee advocacy test")
    return [run(sc, seed=s) for s in SEEDS]


def _per_seed(runs, column):
    return np.array([r.posts[column].mean() for r in runs])


@pytest.fixture(scope="module")
def arms():
    return {
        "none": _runs(None),
        "job": _runs(STAFF),
        "not_job": _runs({**STAFF, "part_of_job": False}),
        "bare": _runs({**STAFF, "personal_note": False}),
    }


def test_staff_who_share_as_part_of_the_job_raise_real_reach(arms):
    job, none = _per_seed(arms["job"], "real_reach"), _per_seed(arms["none"], "real_reach")
    assert paired_t(job, none) > T_CRIT, (job, none)
    # ... and the extra reach came through the staff's own followers.
    assert _per_seed(arms["none"], "seeded_impressions").max() == 0
    assert _per_seed(arms["job"], "seeded_impressions").min() > 0


def test_staff_who_are_not_asked_barely_share(arms):
    """The source articles: employees won't share unless it is part of their job."""
    job = _per_seed(arms["job"], "seeded_impressions")
    not_job = _per_seed(arms["not_job"], "seeded_impressions")
    assert paired_t(job, not_job) > T_CRIT
    assert not_job.mean() < 0.1 * job.mean()
    reach_job = _per_seed(arms["job"], "real_reach")
    reach_not = _per_seed(arms["not_job"], "real_reach")
    assert reach_job.mean() > reach_not.mean()


def test_a_bare_link_reaches_fewer_than_a_share_with_a_personal_note(arms):
    note = _per_seed(arms["job"], "seeded_impressions")
    bare = _per_seed(arms["bare"], "seeded_impressions")
    assert paired_t(note, bare) > T_CRIT


def test_the_opposite_where_the_parameters_say_so(arms):
    """Staff whose followers ignore shares (notice = 0) add no reach through sharing."""
    deaf = _runs({**STAFF, "notice": 0.0})
    assert _per_seed(deaf, "seeded_impressions").max() == 0
    shares = sum(int(r.days["staff_shares"].sum()) for r in deaf)
    assert shares > 0  # they did share; nobody took notice
