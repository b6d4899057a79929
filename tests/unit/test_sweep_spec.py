"""Sweep specs (sim.studies.sweep.spec): parsing --set and --seeds, validating grids, sweep files,
and telling whether a folder's spec is the same sweep. Nothing runs.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sim.studies import sweep
from sim.studies.sweep.files import spec_diff


def _spec(base, counts=(0, 300), seeds=2, **kw):
    return sweep.make_spec(base, {"strategies.buy.count": list(counts)}, seeds=seeds, **kw)


def test_parse_values_are_toml_scalars():
    assert sweep.parse_values("0,1_000,5000") == [0, 1000, 5000]
    assert sweep.parse_values("0.03, 0.1") == [0.03, 0.1]
    assert sweep.parse_values("true,false") == [True, False]
    assert sweep.parse_values("[30],[30,120]") == [[30], [30, 120]]
    assert sweep.parse_values("instagram,tiktok") == ["instagram", "tiktok"]
    assert sweep.parse_values('"a,b",c') == ["a,b", "c"]
    assert sweep.parse_set("brand.posts_per_week=7,3,1") == ("brand.posts_per_week", [7, 3, 1])
    with pytest.raises(sweep.SweepError, match="KEY=VALUE"):
        sweep.parse_set("brand.posts_per_week")


def test_parse_seeds():
    assert sweep.parse_seeds(3) == [0, 1, 2]
    assert sweep.parse_seeds("30") == list(range(30))
    assert sweep.parse_seeds("3,7,9") == [3, 7, 9]
    assert sweep.parse_seeds("10-12") == [10, 11, 12]
    assert sweep.parse_seeds("0-1,5") == [0, 1, 5]
    assert sweep.parse_seeds([4, "6-7"]) == [4, 6, 7]
    for bad in (0, "x", "5-3", "1,1", True):
        with pytest.raises(sweep.SweepError):
            sweep.parse_seeds(bad)


def test_cartesian_product_and_types(base):
    spec = sweep.make_spec(
        base,
        [("strategies.buy.count", [0, 300, 900]), ("brand.posts_per_week", [7, 3])],
        seeds="4-5",
    )
    assert len(spec.points) == 6 and len(spec.runs) == 12
    assert [p.values for p in spec.points[:2]] == [
        {"strategies.buy.count": 0, "brand.posts_per_week": 7.0},
        {"strategies.buy.count": 0, "brand.posts_per_week": 3.0},
    ]
    assert spec.grid["brand.posts_per_week"] == [7.0, 3.0]  # resolved to the field's type
    assert len({p.id for p in spec.points}) == 6
    assert spec.points[3].scenario.strategies.buy.count == 300
    assert spec.points[3].scenario.brand.posts_per_week == 3.0
    assert {k.seed for k in spec.runs} == {4, 5}


def test_single_value_is_a_fixed_override(base):
    spec = sweep.make_spec(base, {"audience.users": [3000], "strategies.buy.count": [0, 10]})
    assert list(spec.grid) == ["strategies.buy.count"]
    assert spec.base.audience.users == 3000
    assert all(p.scenario.audience.users == 3000 for p in spec.points)


def test_bad_key_names_key_and_closest(base):
    with pytest.raises(sweep.SweepError) as exc:
        sweep.make_spec(base, {"strategies.buy.cout": [1, 2]})
    msg = str(exc.value)
    assert "cout" in msg and "did you mean 'count'" in msg


def test_bad_value_names_key_value_and_range(base):
    with pytest.raises(sweep.SweepError) as exc:
        sweep.make_spec(base, {"feed.test_fraction": [0.03, 1.5]})
    msg = str(exc.value)
    assert "feed.test_fraction" in msg and "1.5" in msg and "<= 1" in msg


def test_bad_combination_fails_before_running(base):
    # Each value is fine alone; with days = 4 the purchase on day 5 is beyond the horizon.
    with pytest.raises(sweep.SweepError, match="strategies.buy.days"):
        sweep.make_spec(base, {"days": [4, 20], "strategies.buy.count": [0, 100]})


def test_reserved_and_bad_metrics(base):
    with pytest.raises(sweep.SweepError, match="seeds"):
        sweep.make_spec(base, {"seed": [1, 2]})
    with pytest.raises(sweep.SweepError, match="did you mean 'followers_end'"):
        _spec(base, metrics=["followers_ned"])


def test_metrics_come_from_the_catalogue(base):
    from sim.base import metrics

    assert _spec(base).metrics == metrics.DEFAULT_FIGURES
    assert _spec(base, metrics=["net_revenue", "roi"]).metrics == ("net_revenue", "roi")
    with pytest.raises(sweep.SweepError) as exc:  # became visits and purchases
        _spec(base, metrics=["conversions"])
    msg = str(exc.value)
    assert "unknown metric 'conversions'" in msg and "available: " in msg
    assert all(name in msg for name in metrics.RUN)


def test_sweep_file_validation(tmp_path, tiny_toml):
    (tmp_path / "base.toml").write_text(tiny_toml)
    f = tmp_path / "s.toml"
    f.write_text(
        'scenario = "base.toml"\nseeds = 2\n[grid]\n"strategies.buy.count" = [0, 50]\n'
        '[overrides]\n"audience.users" = 2500\n'
    )
    spec = sweep.load_sweep_file(f)
    assert spec.name == "s" and spec.base.audience.users == 2500 and len(spec.runs) == 4
    f.write_text('scenario = "base.toml"\nsede = 2\n')
    with pytest.raises(sweep.SweepError, match="did you mean 'seeds'"):
        sweep.load_sweep_file(f)
    f.write_text('scenario = "base.toml"\n[grid]\nbrand.posts_per_week = 3\n')
    with pytest.raises(sweep.SweepError, match="must be a list"):
        sweep.load_sweep_file(f)
    f.write_text('scenario = "base.toml"\n[grid]\n"audience.users" = [50, 2000]\n')
    with pytest.raises(sweep.SweepError, match=r"audience.users = 50.*>= 100"):
        sweep.load_sweep_file(f)


@pytest.mark.parametrize("path", sorted(Path(__file__).parents[2].glob("sweeps/*.toml")))
def test_shipped_sweep_files_are_valid(path):
    spec = sweep.load_sweep_file(path)
    assert len(spec.runs) >= 40 and spec.base.audience.users <= 20_000


def test_is_sweep_file(tmp_path, tiny_toml):
    (tmp_path / "base.toml").write_text(tiny_toml)
    (tmp_path / "s.toml").write_text('scenario = "base.toml"\n')
    (tmp_path / "g.toml").write_text('[grid]\n"brand.quality" = [0.5, 0.9]\n')
    (tmp_path / "bad.toml").write_text("not = [toml")
    assert sweep.is_sweep_file(tmp_path / "s.toml") and sweep.is_sweep_file(tmp_path / "g.toml")
    assert not sweep.is_sweep_file(tmp_path / "base.toml")
    assert not sweep.is_sweep_file(tmp_path / "bad.toml")
    assert not sweep.is_sweep_file(tmp_path / "missing.toml")


def _as_written(spec) -> dict:
    return tomllib.loads(spec.to_toml())


def test_spec_diff_names_what_makes_another_sweep(base):
    old = _as_written(_spec(base, counts=(0, 300), seeds=2))
    assert spec_diff(old, _as_written(_spec(base, counts=(0, 300), seeds=2))) == []
    # More seeds or other metrics: the same sweep, resumed.
    assert spec_diff(old, _as_written(_spec(base, counts=(0, 300), seeds=3))) == []
    assert spec_diff(old, _as_written(_spec(base, seeds=2, metrics=["roi"]))) == []
    (grid,) = spec_diff(old, _as_written(_spec(base, counts=(0, 400), seeds=2)))
    assert grid == "grid strategies.buy.count: folder has [0, 300], now [0, 400]"
    other = sweep.make_spec(
        base.with_overrides({"brand.quality": 0.5}), {"strategies.buy.count": [0, 300]}, seeds=2
    )
    (scenario,) = spec_diff(old, _as_written(other))
    assert scenario.startswith("scenario brand.quality: folder has ") and "now 0.5" in scenario
    (seeds,) = spec_diff(old, _as_written(_spec(base, counts=(0, 300), seeds=[1])))
    assert seeds.startswith("seeds: folder has 0,1, now 1") and "dropping" in seeds


# ---------------------------------------------------------------------------------------------
# Explicit points (a sensitivity design)
# ---------------------------------------------------------------------------------------------


def test_point_spec_runs_the_listed_points_not_a_product(base):
    points = [
        {"feed.test_threshold": 0.01, "audience.communities": 40},
        {"feed.test_threshold": 0.03, "audience.communities": 60},
        {"feed.test_threshold": 0.02, "audience.communities": 50},
    ]
    spec = sweep.make_point_spec(base, points, seeds=2, metrics=["purchases"], name="design")
    assert [p.id for p in spec.points] == ["p00", "p01", "p02"]
    assert len(spec.runs) == 6 and spec.runs[1].id == "p00__seed1"
    assert spec.points[1].scenario.feed.test_threshold == 0.03
    assert spec.points[1].scenario.audience.communities == 60
    assert spec.keys == ("feed.test_threshold", "audience.communities") and spec.grid == {}
    written = tomllib.loads(spec.to_toml())
    assert "grid" not in written and written["keys"] == list(spec.keys)
    assert written["points"]["p02"] == {"feed.test_threshold": 0.02, "audience.communities": 50}


def test_point_spec_resolves_values_and_names_a_bad_point(base):
    spec = sweep.make_point_spec(base, [{"brand.posts_per_week": 7}])
    assert spec.points[0].values == {"brand.posts_per_week": 7.0}
    with pytest.raises(sweep.SweepError, match=r"point 1.*feed\.test_fraction = 2"):
        sweep.make_point_spec(base, [{"feed.test_fraction": 0.1}, {"feed.test_fraction": 2.0}])
    with pytest.raises(sweep.SweepError, match="no points"):
        sweep.make_point_spec(base, [])
    with pytest.raises(sweep.SweepError, match="seed"):
        sweep.make_point_spec(base, [{"seed": 3}])


def test_grid_spec_file_is_unchanged_by_explicit_points(base):
    """A grid sweep writes exactly the keys it always wrote, in the same order."""
    written = tomllib.loads(_spec(base).to_toml())
    assert list(written) == ["name", "seeds", "metrics", "grid", "points", "base"]
    assert not _spec(base).explicit


def test_spec_diff_compares_explicit_points(base):
    a = sweep.make_point_spec(base, [{"feed.test_threshold": 0.01}, {"feed.test_threshold": 0.02}])
    b = sweep.make_point_spec(base, [{"feed.test_threshold": 0.01}, {"feed.test_threshold": 0.03}])
    old, new = (tomllib.loads(s.to_toml()) for s in (a, b))
    assert spec_diff(old, old) == []
    assert any("points" in d and "p01" in d for d in spec_diff(old, new))
    grid = tomllib.loads(_spec(base).to_toml())
    assert any(d.startswith("keys") for d in spec_diff(grid, new))
