"""Overrides that select a preset rebuild the scenario from that preset, on every path.

``--set platform=tiktok`` (in ``sweep``, ``compare``, a comparison file's ``[overrides]``, or
``Scenario.with_overrides`` directly) must give the scenario a file naming TikTok gives, and so
the same runs; an override of an ordinary key still changes that key alone. The expected
scenarios come from files written here, loaded through the ordinary loader.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sim.scenario import load_scenario, resolve
from sim.studies import sweep
from sim.studies.comparison.plan import load_comparison_file, make_plan

REPO = Path(__file__).resolve().parents[2]
SMALL = "\n[audience]\nusers = 3_000\n"
BOUGHT = (REPO / "scenarios" / "bought_followers.toml").read_text(encoding="utf-8")


def _shrunk(text: str, platform: str | None = None) -> str:
    """The shipped scenario's text at 3,000 users and 40 days, naming ``platform`` if given."""
    text = text.replace("users = 100_000", "users = 3_000").replace("days = 365", "days = 40")
    if platform is not None:
        text = text.replace('platform = "instagram"', f'platform = "{platform}"')
    return text


@pytest.fixture()
def files(tmp_path):
    """The bought-followers shop as written for Instagram, TikTok and Facebook."""
    out = {}
    for platform in ("instagram", "tiktok", "facebook"):
        path = tmp_path / platform / "bought_followers.toml"
        path.parent.mkdir()
        path.write_text(_shrunk(BOUGHT, platform), encoding="utf-8")
        out[platform] = path
    return out


def test_the_shrunk_files_differ_as_their_presets_do(files):
    ig, tt = load_scenario(files["instagram"]), load_scenario(files["tiktok"])
    assert ig.platform == "instagram" and tt.platform == "tiktok"
    assert ig.feed != tt.feed  # otherwise the tests below could not tell the presets apart


def test_with_overrides_platform_equals_the_file_naming_it(files):
    ig = load_scenario(files["instagram"])
    for platform in ("tiktok", "facebook"):
        assert ig.with_overrides({"platform": platform}) == load_scenario(files[platform])


def test_platform_override_keeps_what_the_author_wrote(files):
    ig = load_scenario(files["instagram"]).with_overrides({"brand.quality": 0.5})
    tt = ig.with_overrides({"platform": "tiktok"})
    assert tt.brand.quality == 0.5
    assert tt.strategies.buy is not None and tt.strategies.buy.count == 5_000
    assert tt.audience.users == 3_000


def test_platform_override_of_a_scenario_built_without_a_file(files):
    # A resolved dict (as read back from a results folder) has no written layer: the values
    # equal to its preset's are taken as the preset's, so the new preset replaces them.
    ig = load_scenario(files["instagram"])
    rebuilt = resolve(ig.to_dict(), source="resolved", merge_preset=False)
    assert rebuilt.with_overrides({"platform": "tiktok"}) == load_scenario(files["tiktok"])


def test_ordinary_override_changes_that_key_alone(files):
    ig = load_scenario(files["instagram"])
    changed = ig.with_overrides({"feed.test_threshold": 0.2, "strategies.buy.count": 700})
    expect = ig.to_dict()
    expect["feed"]["test_threshold"] = 0.2
    expect["strategies"]["buy"]["count"] = 700
    assert changed.to_dict() == expect


def test_sweep_grid_over_platform_gives_each_preset(files):
    spec = sweep.make_spec(
        load_scenario(files["instagram"]), [("platform", ["facebook", "tiktok"])], seeds=1
    )
    got = {p.values["platform"]: p.scenario for p in spec.points}
    for platform in ("facebook", "tiktok"):
        assert got[platform] == load_scenario(files[platform])


def test_compare_set_platform_gives_each_arm_the_preset(files, tmp_path):
    organic = tmp_path / "organic.toml"
    organic.write_text(_shrunk((REPO / "scenarios" / "organic.toml").read_text()), "utf-8")
    plan = make_plan(
        [(None, load_scenario(files["instagram"])), (None, load_scenario(organic))],
        [0],
        overrides={"platform": "tiktok", "days": 35},
    )
    want = load_scenario(files["tiktok"]).with_overrides({"days": 35})
    assert plan.arms[0].scenario == want
    assert plan.arms[1].scenario.feed == want.feed


def test_comparison_file_overrides_select_the_preset(files, tmp_path):
    comp = tmp_path / "comp.toml"
    comp.write_text(
        f'''
[overrides]
platform = "tiktok"

[[arms]]
label = "bought"
scenario = "{files["instagram"].as_posix()}"

[[arms]]
label = "bought again"
scenario = "{files["instagram"].as_posix()}"
set = {{ "brand.quality" = 0.6 }}
''',
        encoding="utf-8",
    )
    plan = load_comparison_file(comp, seeds=[0])
    assert plan.arms[0].scenario == load_scenario(files["tiktok"])
    assert plan.arms[1].scenario.feed == load_scenario(files["tiktok"]).feed
    assert plan.arms[1].scenario.brand.quality == 0.6


def test_an_unknown_platform_is_refused_with_the_presets_named(files):
    from sim.scenario import ScenarioError

    with pytest.raises(ScenarioError, match="unknown platform 'tiktk'.*tiktok"):
        load_scenario(files["instagram"]).with_overrides({"platform": "tiktk"}, source="--set")


def _days(sc, seed=3) -> pd.DataFrame:
    from sim.engine.runner import run

    return run(sc, seed=seed).days


def test_set_platform_runs_as_the_file_naming_it(files):
    by_override = load_scenario(files["instagram"]).with_overrides({"platform": "tiktok"})
    by_file = load_scenario(files["tiktok"])
    pd.testing.assert_frame_equal(_days(by_override), _days(by_file))


def test_sweep_over_platforms_gives_different_results_per_platform(files):
    spec = sweep.make_spec(
        load_scenario(files["instagram"]), [("platform", ["facebook", "tiktok"])], seeds=1
    )
    reach = {p.values["platform"]: _days(p.scenario)["real_reach"].sum() for p in spec.points}
    assert reach["facebook"] != reach["tiktok"]
    assert reach["tiktok"] == _days(load_scenario(files["tiktok"]))["real_reach"].sum()


def test_a_run_command_validates_its_scenario_once(files, monkeypatch, tmp_path):
    # --set, --days and --seed are applied in one place: the file and its overrides are
    # validated together once, and the runner takes the scenario as it is.
    from sim.cli import main
    from sim.scenario import schema

    calls = []
    real = schema.Scenario.model_validate.__func__
    monkeypatch.setattr(
        schema.Scenario,
        "model_validate",
        classmethod(lambda cls, *a, **k: calls.append(1) or real(cls, *a, **k)),
    )
    out = tmp_path / "out"
    code = main(
        [
            "run",
            str(files["instagram"]),
            "--set",
            "platform=tiktok",
            "--days",
            "35",
            "--seed",
            "4",
            "--no-charts",
            "--quiet",
            "--out",
            str(out),
        ]
    )
    assert code == 0 and len(calls) == 1
    kept = load_scenario(next(out.glob("*/*/scenario.resolved.toml")))
    assert (kept.platform, kept.days, kept.seed) == ("tiktok", 35, 4)


def test_a_mistake_in_the_file_is_named_with_its_line_even_with_overrides(tmp_path):
    from sim.scenario import ScenarioError

    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\n[audience]\nusers = "many"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad.toml \(line 3\): audience.users"):
        load_scenario(path, {"days": 5}, "--days")
    good = tmp_path / "ok.toml"
    good.write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"ok.toml with --set: audience.users = -5"):
        load_scenario(good, {"audience.users": -5}, "--set")
