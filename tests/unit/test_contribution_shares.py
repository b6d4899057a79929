"""The participation-inequality figures: the share of comments and shares from the most active."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.base.metrics import top_share
from sim.engine.model import FeedModel
from sim.scenario import resolve


def test_top_share_counts_only_users_who_contributed():
    done = np.array([0] * 1000 + [1] * 99 + [901])  # 100 contributors, one made 901 of 1,000
    assert top_share(done, 0.01) == pytest.approx(0.901)
    assert top_share(done, 0.10) == pytest.approx((901 + 9) / 1000)
    assert top_share(np.full(50, 2), 0.10) == pytest.approx(0.10)  # equal: the top 10% make 10%
    assert top_share(np.array([0, 0, 3]), 0.01) == 1.0  # at least one user
    assert top_share(np.zeros(5, int), 0.01) == 0.0  # nobody has: nothing held


def test_the_days_table_reads_the_accounts_ledgers_weekly_and_on_the_last_day():
    sc = resolve(
        {
            "days": 10,
            "audience": {"users": 5000},
            "brand": {"initial_followers": 1000},
            "behaviour": {"comment": 0.2, "share": 0.1},
        },
        source="test",
    )
    m = FeedModel(sc, seed=2)
    m.run_days(10)
    rows = m.recorder.day_rows
    a = m.audience
    done = (a.comments_given + a.shares_given)[a.kind == 0]
    assert done.sum() > 30
    assert rows[-1]["top10_contribution_share"] == top_share(done, 0.10)  # day 9, the last
    assert rows[-1]["top1_contribution_share"] == top_share(done, 0.01)
    assert all(math.isnan(r["top1_contribution_share"]) for r in rows[:6])  # before day 6
    assert rows[7]["top1_contribution_share"] == rows[6]["top1_contribution_share"]  # weekly
    assert 0 < rows[6]["top1_contribution_share"] < 1
    assert a.shares_given.sum() == sum(r["shares"] for r in rows)  # the kernel's ledger


def test_the_contributions_told_the_real_block_are_those_the_kinds_give():
    # Real accounts first, fakes after them, as generated: told the span, the scan lists the
    # same contributions as reading each account's kind (seed stated: the same case every run).
    from sim.base.accounts import BOUGHT, REAL
    from sim.engine.audience_arrays import real_span
    from sim.engine.recorder import _contributions

    rng = np.random.default_rng(4)
    n = 3_001
    comments = (rng.random(n) < 0.1).astype(np.int32) * rng.integers(1, 5, n).astype(np.int32)
    shares = (rng.random(n) < 0.05).astype(np.int32)
    kind = np.where(np.arange(n) < 2_500, REAL, BOUGHT).astype(np.int8)
    by_kind, by_span = np.empty(n, np.int64), np.empty(n, np.int64)
    k1 = _contributions(comments, shares, kind, by_kind)
    k2 = _contributions(comments, shares, kind, by_span, *real_span(kind))
    done = (comments + shares)[:2_500]
    np.testing.assert_array_equal(by_kind[:k1], done[done > 0])
    np.testing.assert_array_equal(by_span[:k2], done[done > 0])
