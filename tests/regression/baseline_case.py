"""The fixed case behind the regression baseline: one shipped scenario, shortened, one seed."""

from pathlib import Path

from sim.engine.runner import run
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).with_name("baseline.json")
SEED = 1


def summary() -> dict:
    sc = load_scenario(ROOT / "scenarios" / "bought_followers.toml")
    sc = sc.with_overrides({"audience.users": 20_000, "days": 120})
    r = run(sc, seed=SEED)
    out = r.summary()
    out["impressions"] = int(r.days["impressions"].sum())
    out["likes"] = int(r.days["likes"].sum())
    out["shares"] = int(r.days["shares"].sum())
    out["unfollows"] = int(r.days["unfollows"].sum())
    return out
