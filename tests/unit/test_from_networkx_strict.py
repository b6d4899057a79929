"""from_networkx refuses graphs the model cannot mean, naming the node, and gives the scenario's
tactics the graph's own accounts (or refuses at load time when the graph lacks them)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sim.engine import audience as aud
from sim.engine.model import FeedModel
from sim.scenario import resolve

SMALL = {"name": "g", "days": 5, "audience": {"users": 100}, "brand": {"initial_followers": 5}}


def graph(n_real=30, n_bought=0, n_pod=0) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_node("brand", kind="brand")
    for i in range(n_real):
        G.add_node(f"u{i}", kind="real", interest=0.5, activity=0.5, community=i % 3)
    for i in range(n_bought):
        G.add_node(f"b{i}", kind="bought")
    for i in range(n_pod):
        G.add_node(f"p{i}", kind="pod")
    for i in range(n_real):
        G.add_edge(f"u{i}", f"u{(i + 1) % n_real}")
    G.add_edge("u0", "brand", origin="organic")
    return G


def scenario(**strategies):
    return resolve({**SMALL, "strategies": strategies})


@pytest.mark.parametrize(
    "attr, value, match",
    [
        ("interest", "high", r"node 'u4' has interest = 'high'; interest must be a number"),
        ("interest", float("nan"), r"node 'u4' has interest = nan; interest must lie in \[0, 1\]"),
        ("activity", 1.5, r"node 'u4' has activity = 1.5"),
        ("activity", True, r"node 'u4' has activity = True"),
        ("community", 2.5, r"node 'u4' has community = 2.5; a community is a whole number from 0"),
        ("community", -3, r"node 'u4' has community = -3"),
        ("community", 10**12, r"node 'u4' has community = 1000000000000"),
    ],
)
def test_bad_node_attributes_are_named(attr, value, match):
    G = graph()
    G.nodes["u4"][attr] = value
    with pytest.raises(ValueError, match=match):
        aud.from_networkx(G, scenario())


def test_self_loops_edges_from_the_brand_and_contradictory_origins_are_refused():
    G = graph()
    G.add_edge("u3", "u3")
    with pytest.raises(ValueError, match="node 'u3' follows itself"):
        aud.from_networkx(G, scenario())
    G = graph()
    G.add_edge("brand", "u3")
    with pytest.raises(ValueError, match="edge brand -> 'u3': the brand follows no one"):
        aud.from_networkx(G, scenario())
    G = graph()
    G.add_edge("u5", "brand", origin="bought")
    with pytest.raises(
        ValueError, match="node 'u5' of kind 'real' follows the brand with origin 'bought'"
    ):
        aud.from_networkx(G, scenario())
    G = graph(n_bought=2)
    G.add_edge("b1", "brand", origin="organic")
    with pytest.raises(ValueError, match="node 'b1' of kind 'bought'"):
        aud.from_networkx(G, scenario())


def test_tactics_that_need_accounts_the_graph_lacks_are_refused_at_load_time():
    buy = {"buy": {"days": [1], "count": 10}}
    with pytest.raises(
        ValueError,
        match=r"\[strategies.buy\] needs 10 accounts of kind 'bought' "
        r"not yet following the brand, but the graph holds 4",
    ):
        aud.from_networkx(graph(n_bought=4), scenario(**buy))
    with pytest.raises(ValueError, match=r"\[strategies.pod\] needs 6 accounts of kind 'pod'"):
        aud.from_networkx(graph(n_pod=2), scenario(pod={"members": 6}))
    with pytest.raises(
        ValueError,
        match=r"\[strategies.employee_advocacy\] needs 3 real "
        "accounts outside the population",
    ):
        aud.from_networkx(graph(), scenario(employee_advocacy={"staff": 3}))


def test_a_pod_and_a_purchase_on_a_graph_use_its_own_accounts():
    """Not a silent no-op: pod members react on duty and the purchase delivers the fakes."""
    sc = scenario(buy={"days": [1], "count": 10}, pod={"members": 6, "like": 1.0})
    a = aud.from_networkx(graph(n_bought=10, n_pod=6), sc)
    assert len(a.blocks["buy"]) == 10 and len(a.blocks["pod"]) == 6
    assert np.all(a.kind[a.blocks["pod"]] == aud.POD)
    assert np.all(a.reflex[a.blocks["pod"]] == 1.0)  # the pod's traits, as generated ones get
    model = FeedModel(sc, seed=1, audience=a)
    model.run_days(3)
    days = model.recorder.day_rows
    assert sum(r["bought_delivered"] for r in days) == 10
    assert int((a.origin[a.blocks["buy"]] == aud.BOUGHT_ORIGIN).sum()) == 10
    assert sum(r["likes"] for r in days) >= 6  # every member likes each post in its window
    model.release()
