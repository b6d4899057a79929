"""Unit tests for sim.present.charts: every chart writes PNG and SVG from tables built here (or one
small run), the comparison charts draw any arms, and the output layer only ever reads files: no
chart module imports the sweep engine or the simulation, and the simulation does not import
charts."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import tomli_w

import sim
from sim.base import metrics
from sim.engine import results as res
from sim.engine.runner import run
from sim.present.charts import common, compare
from sim.present.charts import run as run_chart
from sim.present.charts import sweep as sweep_chart
from sim.scenario import load_scenario

SIM = Path(sim.__file__).resolve().parent
CHART_MODULES = sorted((SIM / "present" / "charts").glob("*.py"))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _assert_png_and_svg(paths: list[Path], *bases: str) -> None:
    names = {p.name for p in paths}
    for base in bases:
        assert {f"{base}.png", f"{base}.svg"} <= names, (base, sorted(names))
    for p in paths:
        assert p.stat().st_size > 1_000, p
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == PNG_MAGIC, p
        else:
            assert "<svg" in p.read_text(encoding="utf-8"), p


# ---------------------------------------------------------------------------------------------
# Run charts: one small real run (2,000 users, 30 days)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_folders(small_scenario, tmp_path_factory) -> list[Path]:
    scenario = load_scenario(small_scenario)
    root = tmp_path_factory.mktemp("runs")
    folders = []
    for seed in (3, 4):
        result = run(scenario, seed=seed)
        folders.append(res.write(result, root / f"seed{seed}"))
    return folders


def test_run_charts_write_png_and_svg(run_folders):
    folder = run_folders[0]
    paths = run_chart.run_charts(folder)
    _assert_png_and_svg(paths, "followers_reach")
    assert all(p.parent == folder for p in paths)


def test_run_takeaway_names_bought_and_real_followers(run_folders):
    r = res.read(run_folders[0])
    line = run_chart.takeaway(r.days, r.posts)
    end = r.days.iloc[-1]
    assert f"{end['followers_bought']:,.0f} bought" in line
    assert f"{end['followers'] - end['followers_bought']:,.0f} real" in line
    assert "Real reach of a typical post" in line
    assert run_chart.takeaway(r.days.iloc[:0], r.posts) == "No days simulated."


def test_run_chart_stacks_every_origin_of_a_follower():
    # Real origins below, bought on top: each origin the catalogue knows, exactly once.
    origins = {
        m.name.removeprefix("followers_")
        for m in metrics.CORE_DAY_METRICS
        if m.name.startswith("followers_")
    }
    assert set(run_chart.STACK) == origins and len(run_chart.STACK) == len(origins)
    assert run_chart.STACK[-1] == "bought"


def test_compare_runs_overlays_run_folders(run_folders, tmp_path):
    paths = compare.compare_runs(run_folders, tmp_path / "new" / "followers_reach")
    _assert_png_and_svg(paths, "followers_reach")


# ---------------------------------------------------------------------------------------------
# Comparison charts: arms × seeds × days, built here
# ---------------------------------------------------------------------------------------------


def _arm_days(arms=("A", "B", "C"), seeds=3, days=60, split=20) -> pd.DataFrame:
    """A tidy comparison table: arms coincide seed by seed until ``split`` (shared random
    numbers), then each arm k gains k × 5 followers a day and spends k euros a day."""
    rows = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        noise = rng.normal(0, 1, days)
        for k, arm in enumerate(arms):
            extra = np.where(np.arange(days) >= split, k, 0)
            followers = 100 + np.arange(days) * 2 + np.cumsum(extra * 5)
            revenue = 10 + noise + extra * 0.5
            cost = extra.astype(float)
            purchases = (np.arange(days) % 7 == 0).astype(int) + extra
            rows.append(
                pd.DataFrame(
                    {
                        "arm": arm,
                        "seed": seed,
                        "day": np.arange(days),
                        "followers": followers,
                        "real_followers": followers - np.cumsum(extra),
                        "real_reach_per_post": 50 + noise * 3 - extra * 4,
                        "engagement_rate_follower": 0.03 - extra * 0.002 + noise * 0.001,
                        "conversation_rate": 0.2 + 0.01 * noise,
                        "amplification_rate": 0.1 + 0 * noise,
                        "applause_rate": 4 + noise,
                        "purchases": purchases,
                        "revenue": revenue,
                        "cost": cost,
                        "cumulative_revenue": np.cumsum(revenue),
                        "cumulative_cost": np.cumsum(cost),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def _comparison_folder(path: Path, days: pd.DataFrame, spec: dict | None) -> Path:
    path.mkdir(parents=True)
    days.to_csv(path / compare.DAYS_FILE, index=False)
    if spec is not None:
        (path / compare.COMPARISON_FILE).write_text(tomli_w.dumps(spec), encoding="utf-8")
    return path


def test_comparison_charts_draw_any_arms(tmp_path):
    folder = _comparison_folder(tmp_path / "cmp", _arm_days(), {"baseline": "B"})
    paths = compare.comparison_charts(folder)
    _assert_png_and_svg(paths, *(name for name, _ in compare.CHARTS))
    assert len(paths) == 2 * len(compare.CHARTS)
    # The headlines name the baseline the file chose, not any arm built into the charts.
    text = (folder / "money.svg").read_text(encoding="utf-8")
    assert "against 'B'" in text and "organic" not in text


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_comparison_charts_drawn_on_two_processes_are_the_same_files(tmp_path):
    """Every second chart drawn by a forked copy: the same files, in the same order, as all
    drawn here (the SVG without the date and the random ids matplotlib writes in each)."""
    import re

    days = _arm_days()
    one = compare.comparison_charts(_comparison_folder(tmp_path / "one", days, None))
    two = compare.comparison_charts(_comparison_folder(tmp_path / "two", days, None), processes=2)
    assert [p.name for p in two] == [p.name for p in one]

    def content(p: Path) -> bytes:
        data = p.read_bytes()
        if p.suffix == ".svg":
            data = re.sub(rb"\s*<dc:date>[^<]*</dc:date>", b"", data)
            data = re.sub(rb"([\"#])([mp])[0-9a-f]{10}\b", rb"\1\2", data)
        return data

    for a, b in zip(one, two, strict=True):
        assert content(a) == content(b), a.name


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_chart_the_forked_copy_fails_is_drawn_again_and_its_error_raised_here(
    tmp_path, monkeypatch
):
    import os

    parent = os.getpid()
    real = dict(compare.CHARTS)

    def followers_only_here(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("the copy could not draw it")
        return real["followers"](*args, **kwargs)

    charts = tuple((n, followers_only_here if n == "followers" else f) for n, f in compare.CHARTS)
    monkeypatch.setattr(compare, "CHARTS", charts)
    folder = _comparison_folder(tmp_path / "cmp", _arm_days(), None)
    paths = compare.comparison_charts(folder, processes=2)
    _assert_png_and_svg(paths, *(name for name, _ in compare.CHARTS))

    def broken(*args, **kwargs):
        raise RuntimeError("no chart today")

    broken_charts = tuple((n, broken if n == "kaushik" else f) for n, f in compare.CHARTS)
    monkeypatch.setattr(compare, "CHARTS", broken_charts)
    with pytest.raises(RuntimeError, match="no chart today"):
        compare.comparison_charts(folder, processes=2)


def _small_figure():
    fig, ax = common.pyplot().subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [3, 1, 2], label="a line")
    ax.set_title("a title")
    return fig


def _svg_content(p: Path) -> bytes:
    import re

    data = p.read_bytes()
    data = re.sub(rb"\s*<dc:date>[^<]*</dc:date>", b"", data)
    return re.sub(rb"([\"#])([mp])[0-9a-f]{10}\b", rb"\1\2", data)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_figure_saved_split_over_two_processes_is_the_same_files(tmp_path):
    """The SVG saved by a forked copy while this process saves the PNG: the same files as both
    saved here (the SVG without its date and random ids)."""
    one = common.save_figure(_small_figure(), tmp_path / "one")
    two = common.save_figure(_small_figure(), tmp_path / "two", split=True)
    assert [p.suffix for p in two] == [p.suffix for p in one] == [".png", ".svg"]
    assert two[0].read_bytes() == one[0].read_bytes()
    assert _svg_content(two[1]) == _svg_content(one[1])


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_format_the_forked_copy_fails_to_save_is_saved_here(tmp_path, monkeypatch):
    import os

    parent = os.getpid()
    real = common._save

    def png_only_here(fig, path):
        if os.getpid() != parent:
            raise RuntimeError("the copy could not save it")
        real(fig, path)

    monkeypatch.setattr(common, "_save", png_only_here)
    paths = common.save_figure(_small_figure(), tmp_path / "fig", split=True)
    assert all(p.stat().st_size > 0 for p in paths) and paths[1].suffix == ".svg"


def test_a_figure_that_cannot_be_split_is_saved_here_once_per_format(tmp_path, monkeypatch):
    saved = []
    real = common._save
    monkeypatch.setattr(common, "in_a_copy", lambda work: 0)  # no copy could be made
    monkeypatch.setattr(common, "_save", lambda fig, path: saved.append(path) or real(fig, path))
    paths = common.save_figure(_small_figure(), tmp_path / "fig", split=True)
    assert saved == paths and [p.suffix for p in paths] == [".png", ".svg"]


def test_comparison_arms_in_order_of_appearance_with_palette_colours(tmp_path):
    days = _arm_days(arms=("zeta", "alpha", "mu"))
    folder = _comparison_folder(tmp_path / "cmp", days, None)
    _, arms = compare.read_comparison(folder)
    assert arms.names == ("zeta", "alpha", "mu")
    assert arms.baseline == "zeta"  # no comparison.toml: the first arm
    assert list(arms.colours.values()) == list(common.PALETTE[:3])
    assert arms.seeds == 3
    _assert_png_and_svg(compare.comparison_charts(folder), "followers", "kaushik")


def test_comparison_baseline_from_comparison_toml(tmp_path):
    folder = _comparison_folder(
        tmp_path / "cmp", _arm_days(), {"arms": ["A", "B", "C"], "baseline": "C"}
    )
    assert compare.is_comparison_folder(folder)
    _, arms = compare.read_comparison(folder)
    assert arms.baseline == "C" and arms.names == ("A", "B", "C")


def test_comparison_rejects_a_bad_folder(tmp_path):
    bad = _comparison_folder(tmp_path / "bad", _arm_days(), {"baseline": "nope"})
    with pytest.raises(compare.ComparisonError, match="'nope' is not an arm"):
        compare.read_comparison(bad)
    no_arm = _comparison_folder(tmp_path / "no_arm", _arm_days().drop(columns="arm"), {})
    with pytest.raises(compare.ComparisonError, match="arm"):
        compare.read_comparison(no_arm)
    with pytest.raises(FileNotFoundError):
        compare.read_comparison(tmp_path / "missing")


def test_incremental_revenue_is_computed_against_the_baseline():
    days = _arm_days()
    days["incremental_revenue"] = -1.0  # a stale column in a file is not trusted
    out = compare.add_incremental_revenue(days, "B")
    assert (days["incremental_revenue"] == -1.0).all(), "the input table was changed"
    assert (out.loc[out["arm"] == "B", "incremental_revenue"] == 0).all()
    for arm in ("A", "C"):
        mine = out[out["arm"] == arm].set_index(["seed", "day"])
        base = out[out["arm"] == "B"].set_index(["seed", "day"])
        expected = mine["cumulative_revenue"] - base["cumulative_revenue"]
        np.testing.assert_allclose(mine["incremental_revenue"], expected)
    # Before the tactics start, the arms coincide: no extra revenue.
    assert (out.loc[out["day"] < 20, "incremental_revenue"] == 0).all()


# ---------------------------------------------------------------------------------------------
# Sweep charts: a grid × seeds, built here
# ---------------------------------------------------------------------------------------------

METRIC_NAMES = [
    "followers_end",
    "mean_real_reach_per_post",
    "median_engagement_rate_follower",
    "revenue",
]


def _sweep_tables(grid: dict[str, list], seeds=(0, 1), days=20):
    """(spec, summary, runs, days) of a made-up sweep over ``grid``."""
    keys = list(grid)
    combos = [
        dict(zip(keys, vals, strict=True))
        for vals in np.array(np.meshgrid(*grid.values(), indexing="ij")).reshape(len(keys), -1).T
    ]
    combos = [{k: v.item() for k, v in c.items()} for c in combos]
    points = {f"p{i:02d}": c for i, c in enumerate(combos)}
    spec = {
        "name": "made-up",
        "grid": grid,
        "seeds": list(seeds),
        "metrics": METRIC_NAMES,
        "points": points,
    }
    runs, summary, day_rows = [], [], []
    for i, (pid, values) in enumerate(points.items()):
        for s in seeds:
            runs.append(
                {
                    "point": pid,
                    "seed": s,
                    **values,
                    "followers_end": 100 + 10 * i + s,
                    "mean_real_reach_per_post": 40 - i + s,
                    "median_engagement_rate_follower": 0.02 + 0.001 * s,
                    "revenue": 500.0 + 7 * i,
                }
            )
            day_rows.append(
                pd.DataFrame(
                    {
                        "point": pid,
                        "seed": s,
                        "day": np.arange(days),
                        "followers": 100 + np.arange(days) * (i + 1) + s,
                        "real_reach": 30 + (np.arange(days) % 5) * i,
                    }
                )
            )
        sub = pd.DataFrame([r for r in runs if r["point"] == pid])
        row = {"point": pid, **values, "runs": len(seeds), "failed": 0}
        for m in METRIC_NAMES:
            row.update(
                {
                    f"{m}_mean": sub[m].mean(),
                    f"{m}_p5": sub[m].quantile(0.05),
                    f"{m}_p95": sub[m].quantile(0.95),
                }
            )
        summary.append(row)
    return spec, pd.DataFrame(summary), pd.DataFrame(runs), pd.concat(day_rows)


def test_sweep_charts_of_each_kind(tmp_path):
    spec, summary, runs, days = _sweep_tables({"strategies.buy.count": [0, 1000, 5000]})
    _assert_png_and_svg(sweep_chart.sweep_lines(spec, summary, runs, tmp_path / "lines"), "lines")
    _assert_png_and_svg(sweep_chart.sweep_over_time(days, spec, tmp_path / "time"), "time")
    spec2, summary2, _, days2 = _sweep_tables(
        {"strategies.buy.count": [0, 1000], "brand.posts_per_week": [3, 7]}
    )
    _assert_png_and_svg(sweep_chart.sweep_heatmaps(spec2, summary2, tmp_path / "heat"), "heat")
    _assert_png_and_svg(sweep_chart.sweep_points(spec2, summary2, tmp_path / "pts"), "pts")
    _assert_png_and_svg(sweep_chart.sweep_over_time(days2, spec2, tmp_path / "time2"), "time2")


def _sweep_folder(folder: Path) -> Path:
    """A finished 1-D sweep folder as sim.studies.sweep.store lays it out."""
    from sim.studies.sweep.store import DAYS_FILE, RUNS_FILE, SPEC_FILE, SUMMARY_FILE

    spec, summary, runs, days = _sweep_tables({"strategies.buy.count": [0, 1000]})
    folder.mkdir()
    (folder / SPEC_FILE).write_text(tomli_w.dumps(spec), encoding="utf-8")
    summary.to_csv(folder / SUMMARY_FILE, index=False)
    runs.to_csv(folder / RUNS_FILE, index=False)
    days.to_parquet(folder / DAYS_FILE, index=False)
    return folder


def test_sweep_charts_read_a_sweep_folder(tmp_path):
    folder = _sweep_folder(tmp_path / "made-up")
    paths = sweep_chart.sweep_charts(folder)
    _assert_png_and_svg(paths, "sweep_metrics", "sweep_over_time")
    with pytest.raises(FileNotFoundError):
        sweep_chart.sweep_charts(tmp_path)


def test_sweep_takeaway_reads_labels_from_the_catalogue():
    spec, summary, _, _ = _sweep_tables({"strategies.buy.count": [0, 1000, 5000]})
    line = sweep_chart._takeaway_1d("strategies.buy.count", summary, METRIC_NAMES)
    assert line.startswith("From followers bought per package = 0 to 5,000: ")
    assert metrics.label("followers_end") in line
    assert metrics.label("mean_real_reach_per_post") in line


# ---------------------------------------------------------------------------------------------
# The command line draws what the API wrote (in process)
# ---------------------------------------------------------------------------------------------


def test_feedsim_plot_recognises_each_kind_of_folder(run_folders, tmp_path, capsys):
    from sim.cli import main

    comparison = _comparison_folder(tmp_path / "cmp", _arm_days(arms=("x", "y")), {})
    cases = {
        comparison: "money.png",
        run_folders[1]: "followers_reach.png",
        _sweep_folder(tmp_path / "sweep"): "sweep_over_time.png",
    }
    for folder, chart in cases.items():
        assert main(["plot", str(folder)]) == 0
        assert str(folder / chart) in capsys.readouterr().out.splitlines()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["plot", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "not a run folder" in err and "comparison.toml" in err
    bad = _comparison_folder(tmp_path / "bad", _arm_days(), {"baseline": "D"})
    assert main(["plot", str(bad)]) == 2
    assert "'D' is not an arm" in capsys.readouterr().err


def test_feedsim_compare_overlays_run_folders(run_folders, tmp_path, capsys):
    import tomllib

    from sim.cli import main

    assert main(["compare", *map(str, run_folders), "--out", str(tmp_path)]) == 0
    (folder,) = (tmp_path / "compare").iterdir()
    assert folder.name.endswith("-small-seed3-vs-small-seed4")  # named by what went in
    out, err = capsys.readouterr()
    assert f"chart: {folder / 'followers_reach.png'}" in out
    # Two seeds draw two audiences: said plainly.
    assert "not like for like: seeds differ (small (seed 3): 3, small (seed 4): 4)" in err
    listed = tomllib.loads((folder / "overlay.toml").read_text())["runs"]
    assert listed == [str(f.resolve()) for f in run_folders]
    # `feedsim plot` redraws the overlay from the run folders it lists.
    (folder / "followers_reach.png").unlink()
    assert main(["plot", str(folder)]) == 0
    assert (folder / "followers_reach.png").exists()
    assert main(["compare", str(tmp_path / "nothing"), "--out", str(tmp_path)]) == 2
    assert main(["compare", str(run_folders[0]), "--seeds", "3", "--out", str(tmp_path)]) == 2
    assert "apply to scenario files" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Number formats follow the metric catalogue
# ---------------------------------------------------------------------------------------------


def test_values_are_written_as_the_catalogue_says():
    assert common.metric_text("median_engagement_rate_follower", 0.02414) == "2.41%"
    assert common.percent(0.000016) == "0.0016%" and common.percent(0) == "0.00%"
    assert common.euros_tick(2.5) == "€2.50" and common.euros_tick(-300) == "-€300"
    assert common.metric_text("revenue", 1234.4) == "€1,234"
    assert common.metric_text("net_revenue", -50) == "-€50"
    assert common.metric_text("roi", 1.234) == "1.23"
    assert common.metric_text("followers_end", 12345.6) == "12,346"
    assert common.metric_text("not_a_metric", 3.14) == "3.1"
    assert common.euros(1200, sign=True) == "+€1,200"
    assert common.change(100, 80) == " (-20%)" and common.change(0, 5) == ""
    assert common.value_text(True) == "true" and common.value_text(20000) == "20,000"
    assert common.value_text(0.05) == "0.05"
    assert common.axis_label("real_reach_per_post") == "real reach per post, people"
    share = common.tick_formatter("engagement_rate_follower")
    assert [share(v, None) for v in (0, 0.0025, 0.0125, 0.025)] == ["0%", "0.25%", "1.25%", "2.5%"]
    counts = common.tick_formatter("conversation_rate")
    assert [counts(v, None) for v in (0, 0.5, 1.0, 12_000)] == ["0", "0.5", "1", "12,000"]
    assert common.colours(["x", "y", "x"]) == {"x": common.PALETTE[0], "y": common.PALETTE[1]}


# ---------------------------------------------------------------------------------------------
# The output layer flows one way
# ---------------------------------------------------------------------------------------------

# The engine: what runs a simulation or a sweep. Charts read files and must not load any of it.
ENGINE = {
    "sim.engine.runner",
    "sim.engine.model",
    "sim.engine.kernel",
    "sim.engine.audience",
    "sim.engine.diffusion",
    "sim.engine.agents",
    "sim.strategies",
    "sim.platform",
    "sim.engine.recorder",
    "sim.base.content",
    "sim.base.rules",
}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, at module level?) of every import in a file, ``from sim import x``
    counted as ``sim.x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, id(node) in top))
            out += [(f"{node.module}.{a.name}", id(node) in top) for a in node.names]
    return out


@pytest.mark.parametrize("path", CHART_MODULES, ids=lambda p: p.name)
def test_chart_modules_do_not_import_the_engine(path):
    for name, _ in _imports(path):
        if name == "sim.studies.sweep" or name.startswith("sim.studies.sweep."):
            # The sweep package's __init__ and the store only; what ``from sim.studies.sweep.store
            # import X`` names is a member of the store.
            assert name == "sim.studies.sweep.store" or name.startswith(
                "sim.studies.sweep.store."
            ), name
        assert not any(name == e or name.startswith(e + ".") for e in ENGINE), name


@pytest.mark.parametrize("path", CHART_MODULES, ids=lambda p: p.name)
def test_chart_modules_are_small_documented_and_load_matplotlib_lazily(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 500
    assert ast.get_docstring(ast.parse(text)), f"{path.name} has no docstring"
    for name, at_top in _imports(path):
        if name.split(".")[0] == "matplotlib":
            assert path.name == "common.py", f"{path.name} imports {name}"
            assert not at_top, "matplotlib is imported when a chart is drawn, not at import"


def test_nothing_in_the_simulation_imports_charts():
    # Only the command line draws charts, after the API returns.
    wings = ("", "base/", "engine/", "studies/sweep/")
    for path in [p for d in wings for p in sorted(SIM.glob(d + "*.py"))]:
        if path.name == "cli.py":
            continue
        for name, _ in _imports(path):
            assert not name.startswith("sim.present.charts") and name != "sim.plots", (
                path.name,
                name,
            )


def test_importing_charts_draws_nothing_and_loads_lazily(monkeypatch):
    # In-process: drop the chart modules and import the package again; it must load no chart
    # module (they come on first use), so importing it cannot pull in matplotlib.
    # restored afterwards
    monkeypatch.setattr(sim.present, "charts", sys.modules["sim.present.charts"])
    for name in [m for m in sys.modules if m.startswith("sim.present.charts")]:
        monkeypatch.delitem(sys.modules, name)
    import importlib

    charts = importlib.import_module("sim.present.charts")
    assert not [m for m in sys.modules if m.startswith("sim.present.charts.")]
    assert callable(charts.run_charts) and "sim.present.charts.run" in sys.modules


def test_marks_on_nearby_days_stand_apart():
    # Five things on days 30 and 33 of a year: each name in its own column, none over another.
    from sim.present.charts.common import mark_days, pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.set_xlim(0, 365)
    names = ["followers bought", "follow-for-follow starts", "giveaway", "influencer", "draw"]
    mark_days(ax, list(zip(names, [30, 30, 33, 33, 33], strict=True)))
    fig.canvas.draw()
    boxes = sorted(
        (t.get_window_extent() for t in ax.texts if t.get_text().strip() in names),
        key=lambda b: b.x0,
    )
    assert len(boxes) == 5
    assert all(a.x1 <= b.x0 + 0.5 for a, b in zip(boxes, boxes[1:], strict=False))
    plt.close(fig)


def test_a_mark_on_a_few_days_is_named_on_each_and_a_recurring_one_once():
    # Purges on days 180 and 360: the second line is as much news as the first, so it carries
    # the name too; an influencer's twelve monthly posts are named at the first only.
    from sim.present.charts.common import NAMED_REPEATS, mark_days, pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.set_xlim(0, 365)
    monthly = [("influencer", d) for d in range(15, 365, 30)]
    assert len(monthly) > NAMED_REPEATS
    mark_days(ax, [("bought followers purged", 180), ("bought followers purged", 360), *monthly])
    named = [t.get_text().strip() for t in ax.texts]
    assert named.count("bought followers purged") == 2
    assert named.count("influencer") == 1
    assert len(ax.lines) == 2 + len(monthly)  # every day still gets its line
    plt.close(fig)


@pytest.mark.parametrize("lang, expected", [("en", "0.86"), ("nl", "0,86")])
def test_plain_number_ticks_take_the_charts_language(tmp_path, lang, expected):
    # A Dutch plausible-worlds chart once read "0.86" on its axis beside "5.000 gebruikers".
    @common.speaks
    def chart(out, lang="en"):
        fig, ax = common.pyplot().subplots()
        ax.plot([0, 1], [0.86, 0.98])
        ax.xaxis.set_major_formatter(lambda v, _: f"day {v:.1f}")  # an axis's own: kept
        paths = common.save_figure(fig, out)
        return ax, paths

    ax, paths = chart(tmp_path / "c", lang=lang)
    labels = [t.get_text() for t in ax.yaxis.get_ticklabels()]
    assert expected in labels, labels
    assert all("day " in t.get_text() for t in ax.xaxis.get_ticklabels() if t.get_text())
    assert paths[0].stat().st_size > 0


def test_counts_on_the_money_curves_are_ticked_on_whole_numbers(tmp_path, monkeypatch):
    # Purchases between 1 and 4 once got ticks at halves written whole: "1, 2, 2, 3, 4, 4".
    from sim.present.charts import plan

    kept = {}

    def keep(fig, out_base):
        kept["fig"] = fig
        return []

    monkeypatch.setattr(plan, "save_figure", keep)
    rows = []
    for lever in ("boost", "buy"):
        for spent, y in ((0.0, 2.0), (1500.0, 3.5 if lever == "boost" else 1.0), (3000.0, 2.5)):
            row = {"lever": lever, "spent": spent}
            for m in plan.PANELS:
                v = y if m == "purchases" else 100 * y
                row |= {f"{m}_mean": v, f"{m}_lo": v, f"{m}_hi": v, f"{m}_least": False}
            rows.append(row)
    said = {"platform": "instagram", "users": 10_000, "days": 91, "seeds": 2}
    plan.curves_chart(pd.DataFrame(rows), said, tmp_path / "curves", lang="nl")
    fig = kept["fig"]
    fig.canvas.draw()
    purchases = fig.axes[plan.PANELS.index("purchases")]
    ticks = [t.get_text() for t in purchases.yaxis.get_ticklabels() if t.get_text()]
    assert len(ticks) >= 3 and len(ticks) == len(set(ticks)), ticks
    assert all(float(v).is_integer() for v in purchases.get_yticks()), purchases.get_yticks()


@pytest.mark.parametrize("lang, expected", [("en", "+1.0025e3"), ("nl", "+1,0025e3")])
def test_the_offset_of_close_values_takes_the_charts_language(tmp_path, lang, expected):
    # Values close together share an offset written above the axis; a Dutch chart wrote it
    # with a decimal point.
    @common.speaks
    def chart(out, lang="en"):
        fig, ax = common.pyplot().subplots()
        ax.plot([0, 1], [1002.5001, 1002.5004])
        common.save_figure(fig, out)
        return ax

    ax = chart(tmp_path / "c", lang=lang)
    assert ax.yaxis.get_major_formatter().get_offset() == expected


@pytest.mark.parametrize(
    "lowest, bottom", [(446.0, 200.0), (100.0, 50.0), (12.0, 5.0), (5.0, 0.0), (np.nan, 0.0)]
)
def test_a_reach_axis_starts_at_the_step_below_its_lowest_value(lowest, bottom):
    # A run whose posts all reached hundreds spent a third of its reach panel on 0 to 100.
    fig, ax = common.pyplot().subplots()
    ax.set_yscale("symlog", linthresh=10)
    common.symlog_floor(ax, lowest, linthresh=10)
    assert ax.get_ylim()[0] == bottom
    common.pyplot().close(fig)


def test_the_run_charts_reach_panel_starts_below_its_lowest_post(run_folders, monkeypatch):
    drawn = []
    monkeypatch.setattr(run_chart, "save_figure", lambda fig, out, *a, **k: drawn.append(fig))
    run_chart.run_charts(run_folders[0])
    reach = res.read(run_folders[0]).posts["real_reach"]
    bottom = drawn[0].axes[1].get_ylim()[0]
    assert bottom <= reach.min() and (bottom > 0) == (reach.min() >= 10), (bottom, reach.min())


def test_a_worlds_chart_of_every_structural_assumption_keeps_its_axes(tmp_path, monkeypatch):
    # With all four structural assumptions varied (36 worlds) each world's four alternatives
    # stood on end below the axes and squeezed them to nothing ("constrained_layout not
    # applied"); a key of one row per assumption reads each world down its column instead.
    import itertools
    import warnings

    from sim.present.charts import worlds

    kept = {}
    monkeypatch.setattr(worlds, "save_figure", lambda fig, out: kept.setdefault("fig", fig))
    choices = {
        "feed.test_score": ["per_delivery", "per_view"],
        "strategies.buy.bots": ["absent", "react", "scroll"],
        "discovery.enabled": ["off", "on"],
        "purge": ["continuous", "none", "waves"],
    }
    rows = []
    for i, combo in enumerate(itertools.product(*choices.values())):
        ratio = 0.8 + 0.01 * i
        rows.append(
            {
                **dict(zip(choices, combo, strict=True)),
                "label": " · ".join(combo),
                "direction": "lower",
            }
            | {"mean_real_reach_per_post_ratio": ratio}
        )
    said = {
        "nl": "1.000 volgers kopen verlaagde het echte bereik per post in 36 van de 36 werelden.",
        "baseline": "shop",
        "seeds": [0, 1],
        "users": 4000,
        "days": 60,
        "assumptions": {k: {"en": k, "nl": k, "alternatives": v} for k, v in choices.items()},
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the layout's warning fails the test
        worlds.worlds_chart(pd.DataFrame(rows), said, tmp_path / "worlds", lang="nl")
        fig = kept["fig"]
        fig.canvas.draw()
    marks, key = fig.axes
    assert marks.get_window_extent().height > 0.5 * fig.bbox.height  # the marks keep the room
    texts = [t.get_text() for t in key.texts]
    # The alternatives in the catalogue's order, as every other page lists them.
    bots = "strategies.buy.bots: A openen de app nooit · B scrollen zonder te reageren · C "
    assert bots + "reageren als echte fans" in texts
    assert texts.count("C") == 12 + 12  # bots 'react' and purge 'none' in 12 worlds each
    common.pyplot().close(fig)
