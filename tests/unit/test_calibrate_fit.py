"""The fit's parts: ABC with regression adjustment on a model with a known answer, the ranges'
transforms, posting rhythm from post times, and the summaries of a post table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.studies.calibrate import abc
from sim.studies.calibrate.design import PARAMS, Param, rhythm, summaries
from sim.studies.calibrate.fit import prior_design

P = (Param("a", 0.0, 1.0, False, ""), Param("b", 0.01, 1.0, True, ""))


def _toy(n: int, noise: float, seed: int):
    """Summaries that are the parameters (b on a log scale) plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    theta = np.column_stack([rng.uniform(0, 1, n), np.exp(rng.uniform(np.log(0.01), 0, n))])
    sims = np.column_stack([theta[:, 0], np.log(theta[:, 1])]) + rng.normal(0, noise, (n, 2))
    return theta, sims


def test_posterior_centres_on_the_truth_and_narrows_with_less_noise():
    truth = np.array([0.3, 0.1])
    obs = np.array([truth[0], np.log(truth[1])])
    widths = []
    for noise in (0.2, 0.02):
        theta, sims = _toy(4000, noise, seed=1)
        post = abc.posterior(theta, sims, obs, P, ("x", "y"))
        est, iv = post.estimate(), post.interval(0.9)
        assert iv["a"][0] < truth[0] < iv["a"][1]
        assert iv["b"][0] < truth[1] < iv["b"][1]
        assert est["a"] == pytest.approx(truth[0], abs=2 * noise + 0.02)
        widths.append(iv["a"][1] - iv["a"][0])
    assert widths[1] < widths[0] / 3


def test_regression_adjustment_beats_plain_rejection():
    # With few draws kept far from the observation, adjustment moves them onto it.
    theta, sims = _toy(300, 0.01, seed=2)
    obs = np.array([0.5, np.log(0.2)])
    post = abc.posterior(theta, sims, obs, P, ("x", "y"), keep=0.3)
    kept_spread = np.ptp(post.draws[:, 0])
    assert kept_spread < 0.1  # plain rejection at 30% kept spans about 0.5 in a


def test_a_missing_summary_is_left_out():
    theta, sims = _toy(2000, 0.05, seed=3)
    post = abc.posterior(theta, sims, np.array([0.7, np.nan]), P, ("x", "y"))
    assert post.used == ("x",)
    lo, hi = post.interval(0.9)["b"]
    assert hi / lo > 10  # b is not informed: its interval spans most of its range
    assert post.interval(0.9)["a"][0] > 0.55


def test_transforms_round_trip_and_stay_inside_the_range():
    for p in PARAMS:
        x = np.array([p.low * 1.01, (p.low + p.high) / 2, p.high * 0.99])
        assert np.allclose(abc.from_unbounded(abc.to_unbounded(x, p), p), x, rtol=1e-6)
        far = abc.from_unbounded(np.array([-50.0, 50.0]), p)
        assert p.low <= far[0] and far[1] <= p.high


@pytest.mark.parametrize("seed", [0, 5])
def test_prior_design_is_optunas_sobol_sampler_asked_trial_by_trial(seed):
    # The design computed at once equals, to the last bit, what Optuna's QMCSampler gives when
    # asked one trial after another (its first trial from its independent sampler).
    from sim.studies.calibrate.sobol import optuna_study

    study, space = optuna_study(seed, PARAMS)
    asked = [dict(study.ask(space).params) for _ in range(40)]
    assert prior_design(40, seed=seed) == asked
    assert prior_design(1, seed=seed) == asked[:1] and prior_design(0, seed=seed) == []


def test_prior_design_covers_each_range_evenly_and_is_seeded():
    pts = prior_design(64, seed=5)
    again = prior_design(64, seed=5)
    other = prior_design(64, seed=6)
    assert pts == again and pts != other
    for p in PARAMS:
        v = np.array([d[p.key] for d in pts])
        assert v.min() >= p.low and v.max() <= p.high
        u = (
            (np.log(v / p.low) / np.log(p.high / p.low))
            if p.log
            else (v - p.low) / (p.high - p.low)
        )
        counts = np.histogram(u, bins=4, range=(0, 1))[0]
        assert counts.min() >= 12  # Sobol: 16 per quarter, give or take scrambling


def _posts(times, reach=100, likes=5):
    return pd.DataFrame(
        {
            "posted_at": pd.to_datetime(times),
            "reach": float(reach),
            "views": float(reach),
            "likes": float(likes),
            "comments": 1.0,
            "shares": float("nan"),
            "saves": 0.0,
            "follows": 0.0,
            "type": "",
        }
    )


def test_rhythm_reads_days_hours_and_bursts():
    daily = _posts([f"2024-03-{d:02d} 19:{d:02d}" for d in range(1, 29)])
    r = rhythm(daily)
    assert (r.days, r.posts_per_week, r.hour, r.rhythm) == (28, 7.0, 19, "regular")
    assert r.calendar[3] == (3, 19)
    bursts = _posts(
        [f"2024-03-{d:02d} 12:00" for d in (1, 2, 3, 24, 25, 26)]
        + [f"2024-04-{d:02d} 12:00" for d in (15, 16, 17)]
    )
    assert rhythm(bursts).rhythm == "erratic"
    dates_only = _posts([f"2024-03-{d:02d}" for d in range(1, 15, 2)])
    assert rhythm(dates_only).hour is None


def test_summaries_follow_the_table():
    a = _posts([f"2024-03-{d:02d} 19:00" for d in range(1, 11)], reach=200, likes=10)
    b = _posts([f"2024-03-{d:02d} 19:00" for d in range(1, 11)], reach=200, likes=20)
    sa, sb = summaries(a, "reach", 1000), summaries(b, "reach", 1000)
    # 200 likes against 100 over the same 2,000 reach (+1 each: empty tables stay finite).
    assert sb["likes_per_reach"] - sa["likes_per_reach"] == pytest.approx(np.log(201 / 101))
    assert sb["engagement_per_follower"] > sa["engagement_per_follower"]
    assert sa["reach_per_follower"] == sb["reach_per_follower"]
    assert np.isnan(sa["shares_per_reach"])  # the table has no shares


def test_summaries_see_the_share_of_posts_in_each_group_and_the_trend():
    times = [f"2024-03-{d:02d} 19:00" for d in range(1, 12)]
    # Eleven posts in two groups (500 and 2,500); the median is a low post in both tables, but
    # the second has four more posts in the high group.
    few = _posts(times, reach=500)
    few["reach"] = [500.0] * 9 + [2500.0] * 2
    many = few.copy()
    many["reach"] = [500.0] * 6 + [2500.0] * 5
    sf, sm = summaries(few, "reach", 1000), summaries(many, "reach", 1000)
    assert sf["reach_per_follower"] == sm["reach_per_follower"]
    assert sm["reach_log_mean"] - sf["reach_log_mean"] == pytest.approx(3 / 11 * np.log(2501 / 501))
    assert sm["reach_log_sd"] > sf["reach_log_sd"]
    # The high posts come last in both: reach grows from the earlier half to the later.
    assert sm["reach_trend"] > sf["reach_trend"] > 0
    # The trend follows the posting times, whatever the table's row order.
    assert summaries(many.iloc[::-1], "reach", 1000)["reach_trend"] == sm["reach_trend"]


def test_a_summary_that_jumps_between_groups_is_measured_in_its_noise():
    # Like TikTok's views, which fall in groups (one per recommendation pool): a summary that is
    # nearly the same in most draws and far off in a few, whatever the parameters. Its unit in
    # the distance is its spread around what the parameters predict, wider than its spread over
    # the draws, so an export in that tail does not make it outweigh the summaries that follow
    # the parameters; a summary that follows them keeps its spread over the draws as its unit
    # (seeded: numpy default_rng(4); measured 1.6 times its spread and 1.0 times).
    rng = np.random.default_rng(4)
    n = 600
    theta = np.column_stack([rng.uniform(0, 1, n), np.exp(rng.uniform(np.log(0.01), 0, n))])
    lumpy = np.where(rng.random(n) < 0.15, rng.uniform(0.5, 3.0, n), rng.normal(0, 0.05, n))
    sims = np.column_stack([theta[:, 0] + rng.normal(0, 0.03, n), lumpy])
    spread = np.median(np.abs(sims - np.median(sims, axis=0)), axis=0)
    scale = abc.summary_scale(theta, sims, P)
    assert scale[0] == pytest.approx(spread[0])
    assert scale[1] > 1.3 * spread[1]


def test_chunks_hold_every_task_once_and_put_runs_on_one_audience_together():
    from sim.studies.calibrate.fit import chunks

    keys = ["a", None, "b", "a", None, "c", "a", None, None, None]
    got = chunks(len(keys), keys, size=2)
    assert sorted(i for ix, _ in got for i in ix) == list(range(len(keys)))
    assert got[0] == ([0, 3, 6], True)  # the longest first; alike keys share their audience
    alone = [ix for ix, share in got if not share]
    assert [i for ix in alone for i in ix] == [1, 2, 4, 5, 7, 8, 9]  # in their order
    assert max(len(ix) for ix in alone) == 2
    assert chunks(3) == [([0, 1, 2], False)]


@pytest.fixture(scope="module")
def small_base():
    from sim.studies.calibrate import synthetic

    return synthetic.make_base(followers=120, days=10)


def test_runs_that_share_an_audience_give_what_each_gives_alone(small_base, monkeypatch):
    """The polish's runs on one seed whose points differ only in what the audience does not
    depend on build its real users once; every summary is the one a run of its own gives."""
    from sim.engine import audience
    from sim.studies.calibrate.fit import INLINE, population_key, simulate_summaries

    points = [{}, {"behaviour.like": 0.3}, {"behaviour.activity_mean": 0.5}]
    scenarios = [small_base.with_overrides(v, source="test point") for v in points]
    tasks = [(sc.to_dict(), s, "reach", 120) for sc in scenarios for s in (1, 2)]
    keys = [population_key(sc, s) for sc in scenarios for s in (1, 2)]
    alone = [simulate_summaries(*t) for t in tasks]
    assert all(status == "ok" for status, _ in alone)
    built = []
    real = audience.build_population
    monkeypatch.setattr(audience, "build_population", lambda *a: built.append(1) or real(*a))
    shared = INLINE.map(simulate_summaries, tasks, keys=keys)
    assert repr(shared) == repr(alone)  # repr: every float to its last bit, NaN included
    assert len(built) == 4  # the like's chance moves no audience; activity does
    streamed = INLINE.map(simulate_summaries, iter(tasks), total=len(tasks))
    assert repr(streamed) == repr(alone)


def test_a_runs_summaries_from_its_columns_are_those_of_its_tables(small_base):
    """A simulation is summarised from the run's columns, without building its post and day
    tables; every figure is the one the tables give, to the last bit, on both reach columns."""
    from sim.engine.runner import run
    from sim.studies.calibrate.design import (
        growth_summaries,
        simulated_days,
        simulated_posts,
        simulated_summaries,
    )

    for seed, churn in ((1, 0.0004), (2, 0.2)):
        sc = small_base.with_overrides({"behaviour.unfollow": churn}, source="test point")
        result = run(sc, seed=seed)
        assert len(result.post_columns()["day"]) > 1
        assert result.day_columns()["unfollows"].any() == (churn > 0.1)
        for col in ("reach", "views"):
            posts = simulated_posts(result, pd.Timestamp("2000-01-01"))
            tables = summaries(posts, col, 120) | growth_summaries(simulated_days(result), 120)
            assert repr(simulated_summaries(result, col, 120)) == repr(tables)


def test_the_reference_table_runs_the_prior_design_in_its_order(small_base):
    from sim.studies.calibrate.fit import reference_table

    table = reference_table(small_base, 5, "reach", 120, seed=3)
    points = prior_design(5, seed=3)
    assert table.theta.tolist() == [[v[p.key] for p in PARAMS] for v in points]
    assert not table.failed and np.isfinite(table.sims).any(axis=1).all()


def test_a_points_task_holds_the_scenario_its_overrides_give():
    """Every point of a design, built into the base's dict without validating it, is the
    dict ``with_overrides`` gives; the base's dict is left as it was."""
    import copy

    from sim.studies.calibrate import synthetic
    from sim.studies.calibrate.design import cast, market_param
    from sim.studies.calibrate.fit import point_dict

    base = synthetic.make_base(followers=900, days=12)
    params = (*PARAMS, market_param(900))
    base_dict = base.to_dict()
    kept = copy.deepcopy(base_dict)
    points = prior_design(40, seed=5, params=params)
    for point in points:
        values = cast(point, params)
        assert point_dict(base_dict, values) == base.with_overrides(values).to_dict()
    assert base_dict == kept
    assert point_dict(base_dict, {"audience.users": 12_345})["audience"]["users"] == 12_345
    assert base_dict["audience"]["users"] != 12_345


def test_the_polish_limit_is_scipys_chi_squared_quantile():
    from scipy.stats import chi2

    from sim.studies.calibrate.fit import CONSISTENT, chi2_quantile

    for k in range(1, 40):
        for q in (0.5, 0.9, CONSISTENT):
            assert chi2_quantile(q, k) == chi2.ppf(q, k), (q, k)


def test_outcomes_packed_for_a_dask_cluster_read_back_the_same(small_base):
    """A Dask cluster's results come back as bytes only; the summaries (NaN included) and the
    posts (times included) read back as they were."""
    from sim.studies.calibrate.fit import (
        run_tasks,
        run_tasks_packed,
        simulate_posts,
        simulate_summaries,
        unpack,
    )

    tasks = [(small_base.to_dict(), s, "reach", 120) for s in (1, 2)]
    status, payload = run_tasks_packed(simulate_summaries, tasks)
    assert status == "ok" and isinstance(payload, bytes)
    assert repr(unpack(payload)) == repr(run_tasks(simulate_summaries, tasks))
    posts = [(small_base.to_dict(), 3, "2024-01-01", [19])]
    status, payload = run_tasks_packed(simulate_posts, posts)
    got, direct = unpack(payload), run_tasks(simulate_posts, posts)
    assert repr(got) == repr(direct) and isinstance(got[0][1]["posted_at"][0], pd.Timestamp)


def _toy_fit(seed: int = 5):
    """A model whose summaries are the fitted values on their unbounded scale (one summary per
    value, the rest absent) plus seed noise of 0.05, a prior table of 300 draws and an export
    at ``truth``; no simulation runs."""
    from sim.studies.calibrate import fit, synthetic
    from sim.studies.calibrate.design import SUMMARIES

    k = len(PARAMS)
    truth = {
        p.key: float(abc.from_unbounded(np.array([0.3 - 0.1 * j]), p)[0])
        for j, p in enumerate(PARAMS)
    }

    def toy(values: dict[str, float], seed: int) -> dict[str, float]:
        z = [abc.to_unbounded(np.array([values[p.key]]), p)[0] for p in PARAMS]
        noise = np.random.default_rng(seed).normal(0, 0.05, k)
        return dict.fromkeys(SUMMARIES, float("nan")) | {
            s: float(z[j] + noise[j]) for j, s in enumerate(SUMMARIES[:k])
        }

    class ToyExecutor:
        def map(self, fn, tasks, progress=False, desc="", keys=None, total=None):
            out = []
            for sc, s, *_ in tasks:
                v = {p.key: sc[p.key.split(".")[0]][p.key.split(".")[1]] for p in PARAMS}
                out.append(("ok", toy(v, s)))
            return out

    rng = np.random.default_rng(seed)
    theta = np.column_stack([abc.from_unbounded(rng.normal(0, 1.5, 300), p) for p in PARAMS])
    sims = np.array(
        [
            [toy(dict(zip([p.key for p in PARAMS], row, strict=True)), i)[s] for s in SUMMARIES]
            for i, row in enumerate(theta)
        ]
    )
    table = fit.ReferenceTable(theta, sims, [])
    observed = toy(truth, 999)
    base = synthetic.make_base(followers=500, days=10)
    return fit, table, observed, truth, base, ToyExecutor()


def _off(values, truth) -> float:
    """The largest distance of ``values`` from ``truth`` on the values' unbounded scales."""
    return max(
        abs(
            abc.to_unbounded(np.array([values[p.key]]), p)[0]
            - abc.to_unbounded(np.array([truth[p.key]]), p)[0]
        )
        for p in PARAMS
    )


def _moved(truth, by: float) -> dict[str, float]:
    out = {}
    for p in PARAMS:
        z = abc.to_unbounded(np.array([truth[p.key]]), p)[0]
        out[p.key] = float(abc.from_unbounded(np.array([z + by]), p)[0])
    return out


def test_the_polish_begins_from_the_candidate_nearest_the_export():
    # Point values far off the export (every value 3 units off on its unbounded scale, beyond
    # what two polish steps of at most 0.5 can mend) stay far off when polished alone; offered
    # the start points (the nearest draws, the plain median of the nearest ones), the polish
    # runs them all, finds the point values inconsistent with the export and begins from the
    # nearest candidate, so it ends near the export's values.
    fit, table, observed, truth, base, ex = _toy_fit()
    post = abc.Posterior(
        PARAMS, table.theta[:50], np.full(50, 1 / 50), 50, (), centre=_moved(truth, 3.0)
    )
    starts = fit.start_points(post, table, observed, params=PARAMS)
    assert len(starts) == 2 + fit.START_DRAWS
    alone, _ = fit.polish(base, post, observed, table, "reach", 500, executor=ex, params=PARAMS)
    chosen, tried = fit.polish(
        base, post, observed, table, "reach", 500, executor=ex, params=PARAMS, starts=starts
    )
    assert _off(alone, truth) > 1.5
    assert _off(chosen, truth) < 0.5
    assert len(tried) == 3 and min(tried) <= tried[0]


def test_point_values_as_near_the_export_as_its_noise_allows_stay_the_start():
    # Point values half a deviation of the export's noise (0.05) off it on every value are
    # consistent with it (measured: distance 15.8 against the limit of 21.6 for seven
    # summaries): the polish begins from them although a candidate at the export's own values
    # is nearer (10.5), and ends where it ends without candidates. Three deviations off on each
    # value (91.3), they are not, and the polish begins from that candidate instead.
    fit, table, observed, truth, base, ex = _toy_fit()
    for by, kept in ((0.025, True), (0.15, False)):
        post = abc.Posterior(
            PARAMS, table.theta[:50], np.full(50, 1 / 50), 50, (), centre=_moved(truth, by)
        )
        starts = [truth] + fit.start_points(post, table, observed, params=PARAMS)
        alone = fit.polish(base, post, observed, table, "reach", 500, executor=ex, params=PARAMS)
        chosen = fit.polish(
            base, post, observed, table, "reach", 500, executor=ex, params=PARAMS, starts=starts
        )
        assert (chosen == alone) == kept, by
        assert _off(chosen[0], truth) < 0.2


def test_work_meanwhile_runs_once_beside_the_workers_and_never_inline():
    """The caller's own work (the CLI loads the chart's code) runs once while a pool's workers
    take their first tasks; in one process there is no time to spare, so it is not called."""
    import operator

    from sim.studies.calibrate.workers import Executor

    called = []
    tasks = [(i, 10) for i in range(12)]
    with Executor(2) as ex:
        got = ex.map(operator.add, iter(tasks), total=12, meanwhile=lambda: called.append(1))
    assert got == [i + 10 for i in range(12)] and called == [1]
    inline = Executor(1).map(operator.add, tasks, meanwhile=lambda: called.append(2))
    assert inline == got and called == [1]
