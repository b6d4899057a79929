"""Every chart's headline says what its lines show, and nothing on a chart is cut off.

Each test draws a chart, keeps the figure as it is saved, reads the data back from the drawn
artists (lines, scatter points, stacked areas, heatmap cells) and checks that the numbers in the
headline are computed from exactly those: the same statistic, the same window, the same series.
Every figure drawn here is also checked for text outside the figure (clipped titles, legends,
labels).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import tomli_w

from sim.engine import results as res
from sim.engine.runner import run
from sim.present.charts import common, compare, overlay, sweep, sweep_time
from sim.present.charts import run as run_chart
from sim.scenario import load_scenario


@pytest.fixture
def drawn(monkeypatch):
    """Every figure the chart modules save, by file stem, checked for clipped text first."""
    figures: dict[str, object] = {}
    save = common.save_figure

    def keep(fig, out_base):
        paths = save(fig, out_base)  # the figure as written (closed, still drawable)
        outside = common.texts_outside(fig)
        assert outside == [], f"{Path(out_base).name}: text outside the figure: {outside}"
        figures[Path(out_base).name] = fig
        return paths

    for mod in (run_chart, compare, overlay, sweep, sweep_time):
        monkeypatch.setattr(mod, "save_figure", keep)
    return figures


def _texts(fig) -> str:
    """The figure's own texts (headline, notes) with line breaks undone."""
    return " ".join(" ".join(t.get_text().split()) for t in fig.texts)


def _arm_lines(ax, arms) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    out = {}
    for line in ax.get_lines():
        if line.get_label() in arms:
            out[line.get_label()] = (
                np.asarray(line.get_xdata(), float),
                np.asarray(line.get_ydata(), float),
            )
    return out


def test_the_clipping_check_finds_text_outside_the_figure():
    plt = common.pyplot()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_title("inside")
    assert common.texts_outside(fig) == []
    fig.text(0.9, 0.5, "a long note running off the right edge of the figure")
    assert common.texts_outside(fig) == ["a long note running off the right edge of the figure"]
    plt.close(fig)


# ---------------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_folder(small_scenario, tmp_path_factory) -> Path:
    # 2,000 users, 30 days, 200 followers bought on day 2 (tests/conftest.py), seed 3.
    result = run(load_scenario(small_scenario), seed=3)
    return res.write(result, tmp_path_factory.mktemp("run") / "seed3")


def test_run_chart_headline_is_the_stack_top_and_the_catalogue_reach_around_the_tactic(
    run_folder, drawn
):
    from sim.base.presented import reach_between

    run_chart.run_charts(run_folder)
    fig = drawn["followers_reach"]
    ax1, ax2 = fig.axes[:2]
    text = _texts(fig)
    # Followers: the top of the stack on the last day, every origin present drawn once.
    top = max(
        v[:, 1].max()
        for c in ax1.collections
        for p in c.get_paths()
        for v in [p.vertices[np.isclose(p.vertices[:, 0], 29)]]
        if len(v)
    )
    days = pd.read_csv(run_folder / "days.csv")
    assert top == days["followers"].iloc[-1]
    assert f"→ {common.count(top)}" in text
    labels = [t.get_text() for t in ax1.get_legend().get_texts()]
    assert labels == ["followers (organic)", "followers (bought)"]
    # Reach: the catalogue's typical post before the purchase day and while the bought
    # followers were there; with at most one post a day, that is the median post drawn.
    pts = ax2.collections[0].get_offsets()
    day, reach = np.asarray(pts[:, 0]), np.asarray(pts[:, 1])
    before, after = reach_between(days, 0, 2), reach_between(days, 2)
    if days["posts"].max() <= 1:
        assert before == np.median(reach[day < 2]) and after == np.median(reach[day >= 2])
    assert f"{common.count(before)} people before day 2" in text
    assert f"{common.count(after)}{common.change(before, after)} while the bought followers" in text
    # The title is the scenario's description; the purchase day is marked; no "0" on the
    # logarithmic axis.
    assert fig._suptitle.get_text() == "Small test shop"
    # The run's own facts under it, its length among them: a title can outlive --days.
    assert "Instagram · 2,000 users · 30 days · seed 3" in text
    assert any(np.allclose(line.get_xdata(), 2) for line in ax1.get_lines())
    assert "logarithmic" in ax2.get_ylabel()
    ticks = [t.get_text() for t in ax2.get_yticklabels() if t.get_text()]
    assert "0" not in ticks


def test_a_run_chart_wraps_a_long_description_inside_the_figure(run_folder, tmp_path, drawn):
    # A description lengthened by a run's --set ran off the right of the figure.
    import shutil

    folder = tmp_path / "long"
    shutil.copytree(run_folder, folder)
    path = folder / "scenario.resolved.toml"
    text = path.read_text(encoding="utf-8")
    long = "A small shop posts daily and buys followers (changed for this run: " + "x = 1; " * 30
    path.write_text(
        "\n".join(
            f'description = "{long})"' if line.startswith("description =") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    run_chart.run_charts(folder)  # the fixture fails on text outside the figure
    assert "\n" in drawn["followers_reach"]._suptitle.get_text()


def test_run_takeaway_without_a_tactic_compares_the_first_and_last_four_weeks():
    days = pd.DataFrame(
        {
            "day": range(70),
            "followers": 100,
            "followers_organic": 100,
            "posts": 1,
            "real_reach_per_post": [10] * 28 + [99] * 14 + [40] * 28,
        }
    )
    line = run_chart.takeaway(days, days)
    assert "10 people in the first four weeks, 40 in the last four weeks (+300%)" in line
    # The whole run is quoted too, as a period a client reads.
    assert "over 10 weeks: 40" in line


def test_run_takeaway_quotes_the_purge_and_not_a_diluted_whole():
    # Reach falls from 500 to 100 when followers are bought on day 30 and recovers to 450
    # after a purge on day 80: the headline names all three, never only "before/after day 30".
    d = np.arange(120)
    bought = np.where((d >= 30) & (d < 80), 5000, 0)
    reach = np.where(d < 30, 500, np.where(d < 80, 100, 450))
    days = pd.DataFrame(
        {
            "day": d,
            "followers": 1000 + bought,
            "followers_organic": 1000,
            "followers_bought": bought,
            "posts": 1,
            "real_reach_per_post": reach,
        }
    )
    line = run_chart.takeaway(days, days, [("followers bought", 30)])
    assert "500 people before day 30" in line
    assert "100 (-80%) while the bought followers were there (days 30 to 79)" in line
    assert "450 after the purge (-10%)" in line
    assert run_chart.purge_marks(days) == [("bought followers purged", 80)]


# ---------------------------------------------------------------------------------------------
# Comparisons: arms × seeds
# ---------------------------------------------------------------------------------------------


def _arms(
    names=(
        "organic",
        "buy 1,000 followers on day twenty",
        "giveaway with prize",
        "follow-for-follow",
        "micro-influencer",
        "buy 20,000",
        "pod",
    ),
    seeds=5,
    days=70,
) -> pd.DataFrame:
    """Arms coincide until day 20, then arm k gains k × 40 followers a day (a big jump for
    the sixth), loses reach and spends k euros a day; noise per seed."""
    rows = []
    for seed in range(seeds):
        noise = np.random.default_rng(seed).normal(0, 1, days)
        for k, arm in enumerate(names):
            extra = np.where(np.arange(days) >= 20, k, 0)
            followers = (
                1000
                + np.arange(days)
                + np.cumsum(extra * 40)
                + (k == 5) * 20_000 * (np.arange(days) >= 20)
            )
            revenue = 10 + noise + extra * 0.3 * (seed + 1)
            rows.append(
                pd.DataFrame(
                    {
                        "arm": arm,
                        "seed": seed,
                        "day": np.arange(days),
                        "followers": followers,
                        "real_followers": 1000 + np.arange(days) - extra * 3,
                        "real_reach_per_post": 500 + 20 * noise - extra * 30 * (seed + 1),
                        "engagement_rate_follower": 0.00002 * (1 + 0.1 * noise) / (1 + extra),
                        "conversation_rate": 0.2 + 0.05 * noise,
                        "amplification_rate": 0.1 + 0 * noise,
                        "applause_rate": 4 + noise,
                        "purchases": (noise > 1).astype(int),
                        "revenue": revenue,
                        "cost": extra.astype(float),
                        "posts": 1,
                        "engaged_real_followers": 100 + np.arange(days),
                        "cumulative_revenue": np.cumsum(revenue),
                        "cumulative_cost": np.cumsum(extra.astype(float)),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


@pytest.fixture
def comparison(tmp_path) -> Path:
    folder = tmp_path / "cmp"
    folder.mkdir()
    _arms().to_csv(folder / compare.DAYS_FILE, index=False)
    spec = {
        "baseline": "organic",
        "description": "Made-up arms",
        "tactics": {
            "organic": "",
            "buy 1,000 followers on day twenty": "buy",
            "buy 20,000": "buy",
            "giveaway with prize": "giveaway",
        },
        "marks": {"buy 20,000": [["buy", "strategies.buy.days", 20]]},
    }
    (folder / compare.COMPARISON_FILE).write_text(tomli_w.dumps(spec), encoding="utf-8")
    return folder


def test_comparison_headlines_quote_the_catalogue_of_presented_figures(comparison, drawn):
    from sim.base.presented import cell, change_text, compute

    days, arms = compare.read_comparison(comparison)
    compare.comparison_charts(comparison)
    names = set(arms.names)
    table = compute(days, "arm", list(arms.names), arms.baseline, arms.marks)

    fig = drawn["followers"]
    shown = {a: y[-1] for a, (_, y) in _arm_lines(fig.axes[0], names).items()}
    real = {a: y[-1] for a, (_, y) in _arm_lines(fig.axes[1], names).items()}
    # Beside the baseline: the arm with the most followers who are not real people.
    top = max((a for a in shown if a != "organic"), key=lambda a: shown[a] - real[a])
    for arm in ("organic", top):
        # The catalogue's figure is the end of the median line drawn, as a whole count.
        assert table.value(arm, "followers_end") == np.floor(shown[arm] + 0.5)
        assert table.value(arm, "real_followers_end") == np.floor(real[arm] + 0.5)
        assert (
            f"'{arm}' shows {cell(table, arm, 'followers_end', 'en')} followers "
            f"({cell(table, arm, 'real_followers_end', 'en')} real)" in _texts(fig)
        )
    assert "After 10 weeks:" in _texts(fig)
    assert "logarithmic" in fig.axes[0].get_ylabel()  # a 20,000 jump beside 1,000

    fig = drawn["real_reach"]
    reach = table.values["real_reach_per_post"].drop("organic")
    for arm in ("organic", reach.idxmin(), reach.idxmax()):
        assert f"'{arm}' {cell(table, arm, 'real_reach_per_post', 'en')}" in _texts(fig)
    lo = reach.idxmin()
    assert change_text(table, lo, "real_reach_per_post", "en") in _texts(fig)
    # The arm with a marked purchase is also read over the period its tactic acts.
    assert (
        f"{change_text(table, 'buy 20,000', 'real_reach_while', 'en')} while the bought "
        "followers were there" in _texts(fig)
    ) or reach.idxmin() != "buy 20,000"

    since = compare._since(days)
    fig = drawn["engagement_rate"]
    late = {a: np.nanmedian(y[x >= since]) for a, (x, y) in _arm_lines(fig.axes[0], names).items()}
    assert f"'organic' {common.percent(late['organic'])}" in _texts(fig)

    fig = drawn["kaushik"]
    worst = table.values["economic_value"].drop("organic").idxmin()
    for arm in ("organic", worst):
        assert f"{cell(table, arm, 'economic_value', 'en')} in economic value" in _texts(fig)

    fig = drawn["money"]
    net = {a: y[-1] for a, (_, y) in _arm_lines(fig.axes[1], names - {"organic"}).items()}
    best, worst = max(net, key=net.get), min(net, key=net.get)
    for arm in (best, worst):
        # The end of the drawn line is the catalogue's net result against the baseline.
        assert np.isclose(net[arm], table.value(arm, "net_vs_baseline"))
        way = "more" if table.value(arm, "net_vs_baseline") > 0 else "less"
        assert f"'{arm}' {cell(table, arm, 'net_vs_baseline', 'en')} ({way} money in" in _texts(fig)
    # Tiny shares are not written as 0.00%.
    assert "0.00%" not in _texts(drawn["engagement_rate"])


def test_a_comparison_draws_the_reach_of_an_arm_that_posts_weekly(tmp_path, drawn):
    # A day without a post has no reach per post: a 14-day window asked for seven values left
    # an arm posting once a week without a reach line.
    folder = tmp_path / "weekly"
    folder.mkdir()
    days = _arms(names=("organic", "weekly"), days=90)
    weekly = (days["arm"] == "weekly") & (days["day"] % 7 != 0)
    days.loc[weekly, "real_reach_per_post"] = np.nan
    days.to_csv(folder / compare.DAYS_FILE, index=False)
    spec = {"baseline": "organic", "description": "A weekly rhythm"}
    (folder / compare.COMPARISON_FILE).write_text(tomli_w.dumps(spec), encoding="utf-8")
    compare.comparison_charts(folder)
    lines = _arm_lines(drawn["real_reach"].axes[0], ["organic", "weekly"])
    x, y = lines["weekly"]
    assert np.isfinite(y[x >= 30]).all()  # a line over every day after the first weeks
    assert np.isfinite(lines["organic"][1][lines["organic"][0] >= 7]).all()


def test_a_dutch_comparison_chart_says_its_question_and_its_tactic_days_in_dutch(tmp_path, drawn):
    folder = tmp_path / "cmp_nl"
    folder.mkdir()
    _arms().to_csv(folder / compare.DAYS_FILE, index=False)
    spec = {
        "baseline": "organic",
        "description": "Made-up arms",
        "description_nl": "Verzonnen varianten",
        "marks": {
            "buy 20,000": [
                ["buy", "strategies.buy.days", 20],
                ["follow_for_follow", "strategies.follow_for_follow.start_day", 25],
                ["follow_for_follow", "strategies.follow_for_follow.end_day", 40],
                ["giveaway", "strategies.giveaway.duration", 50],
            ]
        },
    }
    (folder / compare.COMPARISON_FILE).write_text(tomli_w.dumps(spec), encoding="utf-8")
    compare.comparison_charts(folder, lang="nl")
    fig = drawn["followers"]
    words = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    for nl in ("gekochte volgers", "volgen-voor-volgen begint", "volgen-voor-volgen eindigt"):
        assert nl in words, (nl, words)
    assert "winactie: trekking" in words, words
    for en in ("starts", "ends", "draw", "follow-for-follow", "giveaway"):
        assert en not in words, (en, words)
    assert "Verzonnen varianten." in _texts(fig) and "Made-up arms" not in _texts(fig)
    # In English the same chart keeps the English words.
    compare.comparison_charts(folder, lang="en")
    words = " ".join(t.get_text() for ax in drawn["followers"].axes for t in ax.texts)
    assert "follow-for-follow starts" in words and "giveaway: draw" in words
    assert "Made-up arms." in _texts(drawn["followers"])


def test_comparison_colours_follow_the_tactic_on_every_chart(comparison, drawn):
    _, arms = compare.read_comparison(comparison)
    assert arms.colours["organic"] == common.TACTIC_COLOURS[""]
    buys = [arms.colours[a] for a in ("buy 1,000 followers on day twenty", "buy 20,000")]
    assert len(set(buys)) == 2 and common.TACTIC_COLOURS["buy"] not in (
        arms.colours["organic"],
        arms.colours["giveaway with prize"],
    )
    compare.comparison_charts(comparison)
    for name, fig in drawn.items():
        for ax in fig.axes:
            for arm, line in ((ln.get_label(), ln) for ln in ax.get_lines()):
                if arm in arms.colours:
                    assert line.get_color() == arms.colours[arm], (name, arm)
        # One legend entry per arm, each once.
        labels = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
        assert labels == list(arms.names), name


# ---------------------------------------------------------------------------------------------
# Sweeps
# ---------------------------------------------------------------------------------------------


def _sweep(grid: dict[str, list], seeds=(0, 1, 2), days=80):
    keys = list(grid)
    combos = [
        dict(zip(keys, vals, strict=True))
        for vals in np.array(np.meshgrid(*grid.values(), indexing="ij")).reshape(len(keys), -1).T
    ]
    points = {f"p{i:02d}": {k: v.item() for k, v in c.items()} for i, c in enumerate(combos)}
    spec = {
        "name": "buy_and_rhythm",
        "grid": grid,
        "seeds": list(seeds),
        "metrics": ["followers_end", "mean_real_reach_per_post"],
        "points": points,
    }
    frames, summary = [], []
    for i, (pid, values) in enumerate(points.items()):
        for s in seeds:
            frames.append(
                pd.DataFrame(
                    {
                        "point": pid,
                        "seed": s,
                        "day": np.arange(days),
                        "followers": 100 + np.arange(days) * (i + 1) + 10 ** (i % 3) * 50 + s,
                        "real_reach_per_post": 300 - 20 * i + 5 * s + 30 * np.sin(np.arange(days)),
                    }
                )
            )
        ends = [100 + 10 * i + s for s in seeds]
        reach = [300 - 20 * i + 5 * s for s in seeds]
        summary.append(
            {
                "point": pid,
                **values,
                "runs": len(seeds),
                "failed": 0,
                "followers_end_mean": np.mean(ends),
                "followers_end_p5": min(ends),
                "followers_end_p95": max(ends),
                "mean_real_reach_per_post_mean": np.mean(reach),
                "mean_real_reach_per_post_p5": min(reach),
                "mean_real_reach_per_post_p95": max(reach),
            }
        )
    return spec, pd.DataFrame(summary), pd.concat(frames, ignore_index=True)


def test_sweep_over_time_draws_every_grid_point_and_quotes_its_lines(tmp_path, drawn):
    spec, _, days = _sweep(
        {"strategies.buy.count": [0, 1000, 5000], "brand.posts_per_week": [3, 5, 7]}
    )
    sweep.sweep_over_time(days, spec, tmp_path / "time")
    fig = drawn["time"]
    labels = [ln.get_label() for ln in fig.axes[1].get_lines()]
    assert len(labels) == 9 == len(set(labels)), "a grid point was dropped"
    late = {
        ln.get_label(): sweep.late_level(
            (np.asarray(ln.get_xdata(), float), np.asarray(ln.get_ydata(), float))
        )
        for ln in fig.axes[1].get_lines()
    }
    best, worst = max(late, key=late.get), min(late, key=late.get)
    text = _texts(fig)
    # A point's keys stack in the legend and run on in the headline.
    assert f"highest at {best.replace(chr(10), ', ')} ({common.count(late[best])})" in text
    assert f"lowest at {worst.replace(chr(10), ', ')} ({common.count(late[worst])})" in text


def test_a_sweep_of_posting_rhythms_draws_the_reach_of_every_rhythm(tmp_path, drawn):
    # A day without a post has no reach per post. Asking every 14-day window for seven values
    # left the lines of one and three posts a week empty, and the headline named the highest and
    # the lowest both at an empty line: "highest at ...: 1 (–), lowest at ...: 1 (–)".
    spec, _, days = _sweep({"brand.posts_per_week": [1, 3, 7]}, days=120)
    week = {p: int(v["brand.posts_per_week"]) for p, v in spec["points"].items()}
    posts = [(d % 7) < week[p] for p, d in zip(days["point"], days["day"], strict=True)]
    days["real_reach_per_post"] = days["real_reach_per_post"].where(posts)
    sweep.sweep_over_time(days, spec, tmp_path / "rhythm")
    fig = drawn["rhythm"]
    lines = {ln.get_label(): np.asarray(ln.get_ydata(), float) for ln in fig.axes[1].get_lines()}
    assert set(lines) == {"1", "3", "7"}
    for label, y in lines.items():
        assert np.isfinite(y[-28:]).all(), f"{label} a week: no reach drawn late in the run"
    text = _texts(fig)
    assert "(–)" not in text
    late = {k: sweep.late_level((np.arange(120.0), y)) for k, y in lines.items()}
    best, worst = max(late, key=late.get), min(late, key=late.get)
    assert f"highest at posts per week = {best} ({common.count(late[best])})" in text
    assert f"lowest at posts per week = {worst} ({common.count(late[worst])})" in text
    assert fig.axes[1].get_ylabel().endswith("(14-day median)\n(logarithmic scale)")
    sweep.sweep_over_time(days, spec, tmp_path / "ritme", lang="nl")  # the axis said "14-day"
    assert "(mediaan over 14 dagen)" in drawn["ritme"].axes[1].get_ylabel()


def test_a_sweep_with_more_points_than_lines_says_so(tmp_path, drawn):
    spec, _, days = _sweep({"strategies.buy.count": list(range(0, 15_000, 1000))})
    sweep.sweep_over_time(days, spec, tmp_path / "many", max_lines=6)
    assert "6 of 15 grid points drawn" in _texts(drawn["many"])


def test_sweep_metric_lines_and_heatmaps_quote_what_they_draw(tmp_path, drawn):
    spec, summary, _ = _sweep({"strategies.buy.count": [0, 1000, 5000, 20000]})
    sweep.sweep_lines(spec, summary, pd.DataFrame(), tmp_path / "lines")
    fig = drawn["lines"]
    for ax, m in zip(fig.axes, spec["metrics"], strict=False):
        (mean,) = [ln for ln in ax.get_lines() if ln.get_label() == "mean"]
        y = mean.get_ydata()
        assert f"{common.metric_text(m, y[0])} → {common.metric_text(m, y[-1])}" in _texts(fig)
    spec2, summary2, _ = _sweep({"strategies.buy.count": [0, 5000], "brand.posts_per_week": [3, 7]})
    sweep.sweep_heatmaps(spec2, summary2, tmp_path / "heat")
    fig = drawn["heat"]
    for ax in [a for a in fig.axes if a.texts]:  # each heatmap, not its colour bar
        cells = [t.get_text() for t in ax.texts]
        values = [float(c.replace(",", "")) for c in cells]
        assert f"({cells[int(np.argmax(values))]})" in _texts(fig)


# ---------------------------------------------------------------------------------------------
# Finished runs overlaid
# ---------------------------------------------------------------------------------------------


def test_overlay_headline_is_the_lines_ends_and_names_what_differs(
    run_folder, small_scenario, tmp_path, drawn
):
    other = res.write(run(load_scenario(small_scenario), seed=4), tmp_path / "seed4")
    overlay.overlay_runs([run_folder, other], tmp_path / "ov" / "followers_reach")
    fig = drawn["followers_reach"]
    solid = [
        ln
        for ln in fig.axes[0].get_lines()
        if ln.get_linestyle() == "-" and ln.get_label() and not ln.get_label().startswith("_")
    ]
    dashed = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--"][:2]
    text = _texts(fig)
    for s, d in zip(solid, dashed, strict=True):
        assert (
            f"'{s.get_label()}' {common.count(s.get_ydata()[-1])} "
            f"({common.count(d.get_ydata()[-1])} real)"
        ) in text
    # Two runs of one scenario: labels tell them apart, and the differing seeds are named.
    assert [s.get_label() for s in solid] == ["small (seed 3)", "small (seed 4)"]
    assert "Not like for like" in text and "seeds differ" in text
