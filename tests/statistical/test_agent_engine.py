"""Whole runs with Mesa agents deciding every impression agree in distribution with the kernel.

Scenario (``SCENARIO``): 2,000 users on the Instagram preset, 60 days, a post a day with a content
mix (questions, calls to action, emotion, scarcity, stories, personal notes, humour), so each
post's behaviour vector differs from the base one by its content effects, fit, fatigue,
reputation and the brand's replies; an engagement pod from day 10, 300 bought followers on day
20 and ten staff sharing every post, so every stage of a post runs (test with pod, seeding,
followers, recommendation pools, share cascades).

Seeds 0-9 for each engine. Runs with the same seed share the audience and every draw but the
distribution's (common random numbers), so under the null hypothesis a seed's kernel and agent
runs are exchangeable and their difference has mean zero. Quantities per run: mean per post of
real reach, likes, new follows and purchases, and followers on the last day. Each is compared by
a paired t-test over the ten seeds; five tests, family-wise alpha = 0.01 with a Bonferroni
correction: each p-value must be at least 0.002.

The check can fail: the same test rejects an agent engine that decides with the scenario's base
behaviour vector instead of the post's (``BaseVectorEngine``), the mistake these engines exist to
rule out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import sim
from sim.engine.engines.agents import AgentEngine
from sim.engine.model import FeedModel
from sim.scenario import resolve

SEEDS = range(10)
ALPHA = 0.01  # family-wise
QUANTITIES = ("real_reach", "likes", "new_follows", "purchases", "followers_end")
PER_TEST = ALPHA / len(QUANTITIES)  # Bonferroni

SCENARIO = resolve(
    {
        "name": "agent-engine",
        "days": 60,
        "audience": {"users": 2000},
        "brand": {"initial_followers": 300, "posts_per_week": 7, "reply_share": 0.5},
        "content": {
            "question": 0.3,
            "call_to_action": 0.5,
            "emotion": 0.5,
            "scarcity": 0.3,
            "story": 0.5,
            "personal_note": 0.7,
            "humour": 0.2,
        },
        # Visits and purchases raised from the preset's so purchases per post are not mostly zero.
        "behaviour": {"visit": 0.2, "purchase": 0.5},
        "strategies": {
            "pod": {"start_day": 10, "members": 20},
            "buy": {"days": [20], "count": 300},
            "employee_advocacy": {"staff": 10},
        },
    }
)


class BaseVectorEngine(AgentEngine):
    """A deliberately wrong agent engine: its agents ignore the post's content, fit, fatigue,
    reputation and replies, and decide with the scenario's base behaviour vector."""

    def distribute_post(self, graph, acc, n_real, post, *rest):
        return super().distribute_post(
            graph, acc, n_real, post._replace(behaviour=self.model.behaviour), *rest
        )


def _quantities(posts: pd.DataFrame, days: pd.DataFrame) -> dict[str, float]:
    return {
        "real_reach": posts.real_reach.mean(),
        "likes": posts.likes.mean(),
        "new_follows": posts.new_follows.mean(),
        "purchases": posts.purchases.mean(),
        "followers_end": float(days.followers.iloc[-1]),
    }


def _runs(engine: str) -> pd.DataFrame:
    """One row of quantities per seed."""
    rows = []
    for seed in SEEDS:
        if engine == "base_vector":
            model = FeedModel(SCENARIO, seed=seed, engine="agents")
            model.distribute = BaseVectorEngine(model).distribute_post
            model.run_days(SCENARIO.days)
            rows.append(
                _quantities(
                    pd.DataFrame(model.recorder.post_rows), pd.DataFrame(model.recorder.day_rows)
                )
            )
        else:
            r = sim.run(SCENARIO, seed=seed, engine=engine)
            assert r.meta["engine"] == engine
            rows.append(_quantities(r.posts, r.days))
    return pd.DataFrame(rows, index=list(SEEDS))


@pytest.fixture(scope="module")
def kernel_runs() -> pd.DataFrame:
    return _runs("kernel")


def compare(kernel: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Per quantity: both means, the paired t statistic and its two-sided p-value."""
    out = {}
    for q in QUANTITIES:
        t = stats.ttest_rel(kernel[q], other[q])
        out[q] = {
            "kernel": kernel[q].mean(),
            "other": other[q].mean(),
            "t": float(t.statistic),
            "p": float(t.pvalue),
        }
    return pd.DataFrame(out).T


@pytest.mark.parametrize(
    "engine, agrees",
    [("agents", True), ("base_vector", False)],
    ids=["agent-engine-agrees", "base-vector-is-rejected"],
)
def test_agent_engine_runs_agree_with_kernel_runs(kernel_runs, engine, agrees):
    table = compare(kernel_runs, _runs(engine))
    print(
        f"\n{engine} against kernel, seeds {SEEDS.start}-{SEEDS.stop - 1}, paired t-tests, "
        f"alpha {ALPHA} family-wise ({PER_TEST} each):\n{table.to_string(float_format='%.4g')}"
    )
    assert np.isfinite(table.p).all(), "a quantity did not vary between seeds"
    rejected = table.index[table.p < PER_TEST].tolist()
    if agrees:
        assert not rejected, f"engines disagree on {rejected}:\n{table}"
    else:
        assert rejected, f"the base-vector engine went undetected:\n{table}"
