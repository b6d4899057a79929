"""The agent engine and the choice of engine: the command line's --engine, the size limit, the
stats record the agent engine returns, and agents deciding with the post's behaviour vector."""

from __future__ import annotations

import json

import numpy as np
import pytest

import sim
from sim.base import rng as xr
from sim.base.accounts import NONE
from sim.base.rules import N_BEHAVIOUR
from sim.cli import main
from sim.engine import engines
from sim.engine import kernel as k
from sim.engine.engines import AGENT_ENGINE_MAX_ACCOUNTS, EngineError
from sim.engine.engines.agents import AgentEngine, structural_virality
from sim.engine.model import FeedModel
from sim.scenario import resolve

TINY = {
    "name": "tiny",
    "days": 4,
    "audience": {"users": 300},
    "brand": {"initial_followers": 60, "posts_per_week": 7},
}


# --------------------------------------------------------------------------- choosing the engine
def test_cli_unknown_engine_exits_2_naming_the_allowed_ones(write_scenario, capsys):
    path = write_scenario("days = 3\n[audience]\nusers = 300\n")
    with pytest.raises(SystemExit) as exc:
        main(["run", str(path), "--engine", "mesa"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--engine" in err and "'kernel'" in err and "'agents'" in err


def test_cli_agents_engine_refuses_a_large_audience_naming_the_limit(
    write_scenario, tmp_path, capsys
):
    path = write_scenario("days = 3\n[audience]\nusers = 30_000\n")
    out = tmp_path / "results"
    assert main(["run", str(path), "--engine", "agents", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{AGENT_ENGINE_MAX_ACCOUNTS:,}" in err and "--engine kernel" in err
    assert not out.exists(), "nothing is written for a refused run"


def test_cli_runs_the_agents_engine_and_meta_records_it(write_scenario, tmp_path, capsys):
    path = write_scenario("days = 3\n[audience]\nusers = 300\n[brand]\ninitial_followers = 50\n")
    out = tmp_path / "results"
    assert (
        main(["run", str(path), "--engine", "agents", "--out", str(out), "--no-charts", "--quiet"])
        == 0
    )
    folder = capsys.readouterr().out.strip()
    assert json.loads((tmp_path / folder / "meta.json").read_text())["engine"] == "agents"


def test_api_checks_the_engine_name_and_the_accounts_tactics_add(monkeypatch):
    sc = resolve(TINY)
    with pytest.raises(EngineError, match="unknown engine 'mesa'; allowed: kernel, agents"):
        FeedModel(sc, seed=1, engine="mesa")
    # 300 users pass the check on the scenario; 300 users and 50 bought accounts do not.
    monkeypatch.setattr(engines, "AGENT_ENGINE_MAX_ACCOUNTS", 320)
    bought = sc.with_overrides({"strategies.buy.days": [1], "strategies.buy.count": 50})
    with pytest.raises(EngineError, match="at most 320 accounts; this audience has 350"):
        FeedModel(bought, seed=1, engine="agents")
    assert FeedModel(bought, seed=1).engine == "kernel"


def test_kernel_runs_do_not_change_and_record_their_engine():
    sc = resolve(TINY)
    default, named = sim.run(sc, seed=2), sim.run(sc, seed=2, engine="kernel")
    assert default.meta["engine"] == named.meta["engine"] == "kernel"
    assert default.posts.equals(named.posts) and default.days.equals(named.days)
    agents = sim.run(sc, seed=2, engine="agents")
    assert list(agents.posts.columns) == list(default.posts.columns)
    assert list(agents.days.columns) == list(default.days.columns)


# --------------------------------------------------------------------------- the stats record
@pytest.fixture(params=["followers react", "seeded viewers react"])
def certain(request):
    """A model whose every offer is seen and every reaction certain or impossible, so a post's
    counts do not depend on the draws: both engines must give the same numbers.

    Returns the model, the pod, the two seeders and which stage's viewers react: the brand's
    followers, or the seeders' followers who do not follow the brand. Everyone else sees
    without reacting (interest 0), which also keeps the diffusion tree within the kernel's
    scratch of n + 1 nodes.
    """
    sc = resolve({**TINY, "feed": {"test_fraction": 1.0, "explore_stages": []}})
    m = FeedModel(sc, seed=5)
    a = m.audience
    a.activity[:] = a.trust[:] = 1.0
    a.set_interest(slice(None), 0.0)
    non_followers = np.flatnonzero(a.origin == NONE).astype(np.int32)
    seeders = non_followers[np.argsort(np.diff(a.indptr)[non_followers])[-2:]]
    if request.param == "followers react":
        a.set_interest(a.origin != NONE, 1.0)
    else:
        for v in seeders:
            a.set_interest(a.indices[a.indptr[v] : a.indptr[v + 1]], 1.0)
        a.set_interest(a.origin != NONE, 0.0)
    return m, non_followers[:4], seeders, request.param


def _distribute(m, distribute, pod, seeders):
    a = m.audience
    ws = k.scratch(a.n_accounts)
    return distribute(
        k.Graph(a.indptr, a.indices),
        m.acc,
        a.n_users,
        k.Post(0, 0, 1.0, np.ones(N_BEHAVIOUR)),
        k.Targets(a.followers_of_brand(), pod, seeders, np.ones(2)),
        k.feed_params(m.scenario.feed, 1.0),
        ws,
        m.dist_state.copy(),
    )


def test_agent_engine_returns_the_kernels_record_with_the_same_counts(certain):
    m, pod, seeders, case = certain
    ks = _distribute(m, k.distribute_post, pod, seeders)
    ag = _distribute(m, AgentEngine(m).distribute_post, pod, seeders)
    assert type(ag) is type(ks) and ag.dtype == ks.dtype == k.POST_STATS
    assert ag.pod_impressions == 4 and ag.cascade_impressions > 0
    if case == "seeded viewers react":  # non-followers: they follow, too
        assert ag.seeded_impressions > 0 and ag.new_follows > 0
    # Which sharer reached a viewer first depends on the test sample's order: only the tree's
    # shape may differ.
    for name in k.POST_STATS.names:
        if name != "structural_virality":
            assert np.array_equal(ag[name], ks[name]), name


def test_structural_virality_matches_the_kernels():
    parent = [0, 0, 0, 1, 1, 3, 5, 2]
    size = np.empty(len(parent), np.int64)
    expected = k.structural_virality(np.array(parent, np.int32), size, len(parent))
    assert structural_virality(parent) == pytest.approx(expected)
    assert structural_virality([0]) == 0.0


# --------------------------------------------------------------------------- agents' vector
def test_agents_decide_with_the_behaviour_of_the_post_shown():
    sc = resolve({**TINY, "content": {"question": 1.0, "call_to_action": 1.0}})
    m = FeedModel(sc, seed=3)
    shown = []
    distribute = m.distribute
    m.distribute = lambda *args: shown.append(args[3].behaviour) or distribute(*args)
    m.run_days(2)
    assert shown and m.post_behaviour is shown[-1]
    assert not np.allclose(m.post_behaviour, m.behaviour), "content changed the vector"

    fan = m.user(int(np.argmax(m.audience.interest[: m.audience.n_users])))
    m.audience.trust[fan.uid] = 1.0
    m.post_behaviour = np.zeros(N_BEHAVIOUR)  # a post nobody stops on
    assert not any(fan.decide(1.0).dwell for _ in range(200))
    assert any(fan.decide(1.0, behaviour=m.behaviour).dwell for _ in range(200))
    # The agent engine hands its own stream: the model's agent stream is left alone.
    state, agent_state = m.agent_state.copy(), m.agent_state.copy()
    fan.decide(1.0, state=state)
    assert np.any(state != agent_state) and np.array_equal(m.agent_state, agent_state)


def test_agent_engine_paces_a_posts_pools_as_the_kernel_does():
    # Every post passes and opens both pools (thresholds 0); the non-followers are all
    # interested (so each is taken) but trust the brand nil (so none reacts and no share takes
    # a place): each pool's size alone sets its count, one draw per post scaling both pools.
    feed = {
        "test_fraction": 1.0,
        "test_threshold": 0.0,
        "explore_stages": [5, 10],
        "explore_threshold": 0.0,
        "explore_max_share": 1.0,
        "explore_spread": 0.8,
    }
    m = FeedModel(resolve({**TINY, "feed": feed}), seed=5)
    a = m.audience
    a.activity[:] = 1.0
    a.trust[:] = 0.0
    a.set_interest(slice(None), np.where(a.origin == NONE, 1.0, 0.0))
    nobody = np.empty(0, dtype=np.int32)

    def post(distribute, seed):
        return distribute(
            k.Graph(a.indptr, a.indices),
            m.acc,
            a.n_users,
            k.Post(0, 0, 1.0, np.ones(N_BEHAVIOUR)),
            k.Targets(a.followers_of_brand(), nobody, nobody, np.empty(0)),
            k.feed_params(m.scenario.feed, 1.0),
            k.scratch(a.n_accounts),
            xr.new_state(np.random.SeedSequence(seed)),
        )

    sizes = []
    for seed in range(6):
        ks = post(k.distribute_post, seed)
        ag = post(AgentEngine(m).distribute_post, seed)
        assert ks.explore_stage == ag.explore_stage == 2
        assert ag.explore_impressions == ks.explore_impressions
        sizes.append(int(ks.explore_impressions))
    assert len(set(sizes)) > 1, sizes  # the stated 15 places would be the same for every post
