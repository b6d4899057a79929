"""Fitting an account's scenario to its export by simulation.

1. :func:`prior_design`: points spread evenly over the searched ranges, those of Optuna's
   quasi-Monte Carlo sampler (scrambled Sobol, with its log scales; docs/sources.md), computed
   at once (:mod:`sim.studies.calibrate.sobol`);
2. :func:`reference_table`: each point simulated once (its own seed) on the sweep engine's
   executors (a local process pool or a Dask cluster), its posts summarised like the export's;
3. :func:`fit`: ABC with regression adjustment (:mod:`sim.studies.calibrate.abc`) gives each value's
   posterior median and interval;
4. :func:`refine`: Optuna's TPE sampler searches inside the 90% posterior box for the values
   whose simulations (averaged over a few seeds) come nearest the export, starting from the
   posterior medians; with several correlated values, the medians taken one by one can sit off
   the ridge of values that fit together;
5. :func:`replicate_posts`: the fitted scenario run on a few seeds, per post, for the chart and
   the held-out check.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sim.studies.calibrate import abc
from sim.studies.calibrate.design import (
    PARAMS,
    SUMMARIES,
    Param,
    cast,
    simulated_posts,
    simulated_summaries,
)
from sim.studies.calibrate.sobol import design_points
from sim.studies.calibrate.workers import CHUNK as CHUNK  # re-exported
from sim.studies.calibrate.workers import INLINE as INLINE  # re-exported
from sim.studies.calibrate.workers import Executor as Executor  # re-exported
from sim.studies.calibrate.workers import chunks as chunks  # re-exported
from sim.studies.calibrate.workers import population_key as population_key  # re-exported
from sim.studies.calibrate.workers import run_tasks as run_tasks  # re-exported
from sim.studies.calibrate.workers import run_tasks_packed as run_tasks_packed  # re-exported
from sim.studies.calibrate.workers import unpack as unpack  # re-exported


def prior_design(n: int, seed: int = 0, params: tuple[Param, ...] = PARAMS) -> list[dict]:
    """``n`` points over the searched ranges: the points Optuna's scrambled Sobol sampler asks,
    one trial after another (:func:`sim.studies.calibrate.sobol.design_points`)."""
    return design_points(n, seed, params)


def point_dict(base: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The scenario of one point as a task carries it: ``base`` (a resolved scenario's
    ``to_dict()``) with the dotted keys of ``values`` (cast as the scenario takes them) set,
    the dict ``with_overrides(values).to_dict()`` gives (a test holds them equal). The worker
    resolves it, and so validates it, before it runs; built here without validating it first,
    a point costs this process a few microseconds instead of about 0.6 ms while the workers
    run (a calibration makes some 570 of them). The tables on each key's path are copied, so
    ``base`` stays as it was."""
    out = dict(base)
    for key, value in values.items():
        *path, last = key.split(".")
        table = out
        for name in path:
            table[name] = dict(table[name])
            table = table[name]
        table[last] = value
    return out


def simulate_summaries(
    scenario: dict, seed: int, reach_col: str, followers: int, populations=None
) -> tuple[str, Any]:
    """Run one point and summarise its posts; ``("ok", dict)`` or ``("error", traceback)``.

    Plain data in and out, so the task travels to any sweep worker. ``populations`` (a
    :class:`sim.engine.audience.PopulationCache`, given by :func:`run_tasks`) hands the run
    its audience's real users when an earlier run built them; the results are the same.
    """
    try:
        from sim.engine.runner import run
        from sim.scenario import resolve

        # The seed resolved with the point: run() would otherwise resolve it a second time.
        sc = resolve(
            {**scenario, "seed": int(seed)}, source="calibration point", merge_preset=False
        )
        result = run(sc, seed=seed, populations=populations)
        # From the run's columns, as summaries() of simulated_posts() and growth_summaries()
        # of simulated_days() give them, without building the tables (about 8 ms a run).
        got = simulated_summaries(result, reach_col, followers)
        if got is None:
            return "error", "the run made no posts"
        return "ok", got
    except Exception:  # noqa: BLE001 - a failing point is reported, the others go on
        return "error", traceback.format_exc()


def simulate_posts(scenario: dict, seed: int, start: str, hours: list[int]) -> tuple[str, Any]:
    """Run one scenario and return its posts as the export's tidy table (records)."""
    try:
        from sim.engine.runner import run
        from sim.scenario import resolve

        sc = resolve(
            {**scenario, "seed": int(seed)}, source="calibrated scenario", merge_preset=False
        )
        result = run(sc, seed=seed)
        posts = simulated_posts(result, pd.Timestamp(start), hours)
        # The follower count at the end of each post's day, for the check of growth.
        by_day = result.days.set_index("day")["followers"]
        days = (pd.to_datetime(posts["posted_at"]).dt.normalize() - pd.Timestamp(start)).dt.days
        followers = by_day.reindex(days.to_numpy()).to_numpy(dtype=float)
        return "ok", posts.assign(seed=seed, followers=followers).to_dict("list")
    except Exception:  # noqa: BLE001
        return "error", traceback.format_exc()


@dataclass
class ReferenceTable:
    """Prior draws and their simulated summaries.

    Attributes:
        theta: array (simulations, parameters).
        sims: array (simulations, summaries); NaN rows for failed runs.
        failed: tracebacks of runs that raised.
    """

    theta: np.ndarray
    sims: np.ndarray
    failed: list[str]

    def frame(self, params: tuple[Param, ...] = PARAMS) -> pd.DataFrame:
        """One row per simulation: the parameters it drew, then its summaries."""
        return pd.concat(
            [
                pd.DataFrame(self.theta, columns=[p.key for p in params]),
                pd.DataFrame(self.sims, columns=list(SUMMARIES)),
            ],
            axis=1,
        )


def reference_table(
    base,
    n: int,
    reach_col: str,
    followers: int,
    seed: int = 0,
    executor: Executor = INLINE,
    progress: bool | str = False,
    params: tuple[Param, ...] = PARAMS,
    meanwhile=None,
) -> ReferenceTable:
    """Simulate ``n`` prior draws over the base scenario (draw ``i`` runs with seed
    ``seed + i``): the points of :func:`prior_design`, each scenario made as the workers need
    it, so that making them overlaps the first runs; ``meanwhile``: see :meth:`Executor.map`."""
    points = prior_design(n, seed, params)
    base_dict = base.to_dict()

    def tasks():
        for i, point in enumerate(points):
            yield point_dict(base_dict, cast(point, params)), seed + i, reach_col, followers

    results = executor.map(
        simulate_summaries, tasks(), progress, "calibration", total=n, meanwhile=meanwhile
    )
    theta = np.array([[v[p.key] for p in params] for v in points], dtype=float)
    sims = np.full((n, len(SUMMARIES)), np.nan)
    failed = []
    for i, (status, payload) in enumerate(results):
        if status == "ok":
            sims[i] = [payload[s] for s in SUMMARIES]
        else:
            failed.append(payload)
    return ReferenceTable(theta, sims, failed)


def fit(
    table: ReferenceTable,
    observed: dict[str, float],
    keep: float = 0.15,
    params: tuple[Param, ...] = PARAMS,
) -> abc.Posterior:
    """The posterior of the parameters given the export's summaries (``observed``)."""
    obs = np.array([observed.get(s, np.nan) for s in SUMMARIES], dtype=float)
    return abc.posterior(table.theta, table.sims, obs, params, SUMMARIES, keep=keep)


def _scaled_distance(sims: np.ndarray, observed: np.ndarray, scale: np.ndarray) -> float:
    use = ~np.isnan(observed)
    return float(np.sqrt(np.sum(((sims[use] - observed[use]) / scale[use]) ** 2)))


def summary_scale(table: ReferenceTable, params: tuple[Param, ...] = PARAMS) -> np.ndarray:
    """Each summary's unit, as the fit's distance takes it (:func:`abc.summary_scale`): the
    larger of its spread over the prior simulations and its noise around the parameters'
    prediction; 1 for a summary no simulation gives."""
    out = np.ones(table.sims.shape[1])
    cols = np.isfinite(table.sims).any(axis=0)
    rows = np.isfinite(table.sims[:, cols]).all(axis=1)
    if rows.sum() > 1:
        out[cols] = abc.summary_scale(table.theta[rows], table.sims[rows][:, cols], params)
    return out


def refine(
    base,
    post: abc.Posterior,
    observed: dict[str, float],
    table: ReferenceTable,
    reach_col: str,
    followers: int,
    trials: int = 32,
    seeds: list[int] | None = None,
    batch: int = 8,
    seed: int = 0,
    executor: Executor = INLINE,
    params: tuple[Param, ...] = PARAMS,
) -> tuple[dict[str, float], float]:
    """The values inside the posterior's 90% box whose simulations come nearest the export.

    Trials are asked from Optuna's TPE sampler in batches (each trial's seeds run on the sweep
    executors), the posterior medians first. Returns (values, their distance).
    """
    import warnings

    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    seeds = seeds or [1_000_000 + seed, 1_000_001 + seed, 1_000_002 + seed]
    est, box = post.estimate(), post.interval(0.9)
    space = {}
    for p in params:
        lo, hi = box[p.key]
        lo, hi = max(p.low, min(lo, est[p.key])), min(p.high, max(hi, est[p.key]))
        if hi <= lo:
            hi = min(p.high, lo * 1.001 + 1e-9)
        space[p.key] = optuna.distributions.FloatDistribution(lo, hi, log=p.log)
    with warnings.catch_warnings():  # multivariate TPE is "experimental" since Optuna 2.2
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = optuna.samplers.TPESampler(
            seed=seed, n_startup_trials=min(8, trials), multivariate=True
        )
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.enqueue_trial({k: float(np.clip(est[k], space[k].low, space[k].high)) for k in space})
    obs = np.array([observed.get(s, np.nan) for s in SUMMARIES], dtype=float)
    scale = summary_scale(table, params)
    done = 0
    while done < trials:
        asked = [study.ask(space) for _ in range(min(batch, trials - done))]
        tasks = []
        for t in asked:
            sc = base.with_overrides(cast(dict(t.params), params), source="calibration refinement")
            tasks += [(sc.to_dict(), s, reach_col, followers) for s in seeds]
        results = executor.map(simulate_summaries, tasks)
        for i, t in enumerate(asked):
            got = results[i * len(seeds) : (i + 1) * len(seeds)]
            if any(status != "ok" for status, _ in got):
                study.tell(t, state=optuna.trial.TrialState.FAIL)
                continue
            mean = np.array([[g[s] for s in SUMMARIES] for _, g in got]).mean(axis=0)
            study.tell(t, _scaled_distance(mean, obs, scale))
        done += len(asked)
    best = study.best_trial
    return dict(best.params), float(best.value)


POLISH_SEEDS = 6  # seeds each polished point runs on (their summaries averaged)
POLISH_STEP = 0.25  # the finite-difference step, on the unbounded scale of each value
POLISH_TRUST = 0.5  # the largest move of one value in one step, on the same scale
START_DRAWS = 3  # nearest reference draws offered to the polish as starting points
# The posterior's point values stay the polish's start while their distance to the export is
# below this quantile of the distance a point at the export's own values would have: about a
# chi-squared with one degree of freedom per summary, widened by the noise of the seeds' mean.
CONSISTENT = 0.99


def start_points(
    post: abc.Posterior,
    table: ReferenceTable,
    observed: dict[str, float],
    keep: float = 0.15,
    draws: int = START_DRAWS,
    params: tuple[Param, ...] = PARAMS,
) -> list[dict[str, float]]:
    """Where the polish may begin besides the posterior's point values: the median of the
    wider posterior, the plain (unadjusted) weighted median of the nearest ``keep`` share of
    the draws, and the ``draws`` nearest draws themselves, each a point an ABC fit could
    defend; :func:`polish` runs them all and begins from the one whose simulations come
    nearest the export.

    The regression behind the posterior's point values fits a slope per summary on few draws,
    and where a threshold splits the draws (posts that pass the follower test or not) it can
    carry the point off every draw it was fitted on (measured on a Facebook export, design
    seed 2: the point values sent every post past the test, five times the export's reach,
    while the unadjusted median of the same draws came within 6%).
    """
    obs = np.array([observed.get(s, np.nan) for s in SUMMARIES], dtype=float)
    use = np.isfinite(obs)
    ok = np.isfinite(table.sims[:, use]).all(axis=1)
    if not use.any() or ok.sum() < 2:
        return []
    scale = summary_scale(table, params)[use]
    d = np.sqrt((((table.sims[ok][:, use] - obs[use]) / scale) ** 2).sum(axis=1))
    theta = table.theta[ok]
    order = np.argsort(d)
    near = order[: max(2, int(round(keep * len(d))))]
    w = 1.0 - (d[near] / (d[near[-1]] * 1.0001 + 1e-12)) ** 2
    enum = list(enumerate(params))
    out = [
        {p.key: abc.weighted_quantile(post.draws[:, j], post.weights, 0.5) for j, p in enum},
        {p.key: abc.weighted_quantile(theta[near, j], w, 0.5) for j, p in enum},
    ]
    out += [{p.key: float(theta[i, j]) for j, p in enumerate(params)} for i in order[:draws]]
    est = post.estimate()
    keys = [p.key for p in params]
    return [v for v in out if not np.allclose([v[k] for k in keys], [est[k] for k in keys])]


def polish(
    base,
    post: abc.Posterior,
    observed: dict[str, float],
    table: ReferenceTable,
    reach_col: str,
    followers: int,
    steps: int = 2,
    seeds: list[int] | None = None,
    seed: int = 0,
    executor: Executor = INLINE,
    params: tuple[Param, ...] = PARAMS,
    starts: list[dict[str, float]] | None = None,
) -> tuple[dict[str, float], list[float]]:
    """The point values moved until their simulations meet the export's summaries.

    The posterior's point values come from the draws nearest the export and a linear
    regression over them, which bends where the model does not (a recommendation pool that
    opens or not, followers that come in bursts), so the simulations at those values can miss
    the export on several summaries at once (measured on an Instagram export: every summary
    off by two to ten of its seed-to-seed deviations). Here each point runs on a small pool of
    seeds (:data:`POLISH_SEEDS`, the same for every point, so differences between points are
    not the seeds' luck) and its mean summaries are compared with the export's, each in units of
    its spread over those seeds at the starting point (the noise of one export like the
    client's). The slopes come from the same runs with each value moved by :data:`POLISH_STEP`
    on its unbounded scale, and a Levenberg-Marquardt step (at most :data:`POLISH_TRUST` per
    value) moves against the miss: a step that comes nearer is taken and the next one bolder, a
    step that does not is undone and the next one shorter. So polishing never ends farther from
    the export than it began.

    With ``starts`` (other points an ABC fit could defend, :func:`start_points`), every
    candidate, the posterior's point values first, runs on the same seeds and is measured with
    each summary in units of its spread over those seeds, averaged over the candidates. The
    point values stay the start while they are as near the export as its own noise allows
    (:data:`CONSISTENT`); past that, the polish begins from the nearest candidate. (Choosing
    the nearest every time trades the point values for a candidate that is nearer only by the
    seeds' luck: measured on an Instagram export, held-out reach +2% polished from the point
    values, +11% from a candidate nearer by half.)

    Returns:
        (values, the distance of each point tried, in order).
    """
    if steps <= 0:
        return post.estimate(), []
    seeds = seeds or [2_000_000 + seed + k for k in range(POLISH_SEEDS)]
    obs = np.array([observed.get(s, np.nan) for s in SUMMARIES], dtype=float)
    use = np.isfinite(obs)
    est = post.estimate()
    z0 = np.array([abc.to_unbounded(np.array([est[p.key]]), p)[0] for p in params])

    def run_points(points: list[np.ndarray]) -> list[np.ndarray | None]:
        # Each point's runs on the seeds (seeds, summaries used), or None where one failed; all
        # the points' runs in one map, so no worker waits for another between points.
        tasks, keys = [], []
        for zz in points:
            sc = base.with_overrides(cast(_values(zz, params), params), source="calibration polish")
            d = sc.to_dict()
            tasks += [(d, s, reach_col, followers) for s in seeds]
            # A point moved only in what the audience does not depend on (a like's chance,
            # churn, ...) runs on the same audiences as the others on the same seeds.
            keys += [population_key(sc, s) for s in seeds]
        got = executor.map(simulate_summaries, tasks, keys=keys) if tasks else []
        out: list[np.ndarray | None] = []
        for k in range(len(points)):
            mine = got[k * len(seeds) : (k + 1) * len(seeds)]
            if any(status != "ok" for status, _ in mine):
                out.append(None)
                continue
            runs = np.array([[g[s] for s in SUMMARIES] for _, g in mine], dtype=float)
            runs = runs.reshape(len(seeds), len(SUMMARIES))[:, use]
            out.append(runs if np.isfinite(runs).all() else None)
        return out

    def evaluate(z: np.ndarray, slopes: bool, known: np.ndarray | None = None):
        # ``known``: the runs at ``z`` already made (a chosen start); only the slopes' points run.
        points = [] if known is not None else [z]
        points += [z + POLISH_STEP * e for e in np.eye(len(z))] if slopes else []
        got = run_points(points)
        if any(g is None for g in got):
            return None
        runs = np.array(([known] if known is not None else []) + got)
        return measured(runs, slopes)

    def measured(runs: np.ndarray, slopes: bool):
        # runs: (points, seeds, summaries), the point itself first, then its slopes' points.
        mean = runs.mean(axis=1)
        # (summaries, values), in rows: the products below round alike whatever the layout of
        # the runs' array, which depends on how they were gathered.
        jac = np.ascontiguousarray((mean[1:] - mean[0]).T / POLISH_STEP) if slopes else None
        return mean[0] - obs[use], runs[0], jac

    floor = (0.05 * summary_scale(table, params)[use]) ** 2
    known = None
    if starts:
        zs = [z0] + [
            np.array([abc.to_unbounded(np.array([v[p.key]]), p)[0] for p in params]) for v in starts
        ]
        ran = run_points(zs)  # every candidate in one map
        got = [
            (i, z, measured(r[None], False))
            for i, (z, r) in enumerate(zip(zs, ran, strict=True))
            if r is not None
        ]
        if not got:
            return est, []
        # The candidates measured alike: each summary in units of its spread over the seeds,
        # averaged over the candidates.
        weight = 1.0 / np.maximum(np.mean([g[1].var(axis=0, ddof=1) for *_, g in got], 0), floor)
        dist = [float(np.sum(weight * g[0] ** 2)) for *_, g in got]
        limit = chi2_quantile(CONSISTENT, int(use.sum())) * (1.0 + 1.0 / len(seeds))
        pick = 0 if got[0][0] == 0 and dist[0] <= limit else int(np.argmin(dist))
        z0, known = got[pick][1], got[pick][2][1]
    first = evaluate(z0, steps > 0, known)
    if first is None:
        return (_values(z0, params) if starts else est), []
    miss, runs, jac = first
    weight = 1.0 / np.maximum(runs.var(axis=0, ddof=1), floor)
    best_z, best_d, best_miss, best_jac = z0, float(np.sum(weight * miss**2)), miss, jac
    tried, damping = [best_d], 1.0
    for k in range(steps):
        jtj = best_jac.T @ (weight[:, None] * best_jac)
        lhs = jtj + damping * np.diag(np.diag(jtj)) + 1e-9 * np.eye(len(z0))
        move = np.linalg.solve(lhs, -best_jac.T @ (weight * best_miss))
        z = best_z + np.clip(move, -POLISH_TRUST, POLISH_TRUST)
        got = evaluate(z, k < steps - 1)
        if got is None:
            break
        miss, _, jac = got
        d = float(np.sum(weight * miss**2))
        tried.append(d)
        if d < best_d:
            best_z, best_d, best_miss = z, d, miss
            best_jac = jac if jac is not None else best_jac
            damping /= 3.0
        else:
            damping *= 4.0
    return _values(best_z, params), tried


def chi2_quantile(q: float, k: int) -> float:
    """The ``q`` quantile of a chi-squared distribution with ``k`` degrees of freedom: twice
    the inverse of the regularised lower incomplete gamma function at ``k / 2``, which is how
    ``scipy.stats.chi2.ppf`` computes it (a test holds them equal to the last bit), from
    ``scipy.special`` alone: ``scipy.stats`` takes this process about 0.4 s more to import,
    while the workers wait for the polish's first runs."""
    from scipy.special import gammaincinv

    return 2.0 * float(gammaincinv(k / 2.0, q))


def _values(z: np.ndarray, params: tuple[Param, ...]) -> dict[str, float]:
    return {p.key: float(abc.from_unbounded(z[j : j + 1], p)[0]) for j, p in enumerate(params)}


def replicate_posts(
    scenario, seeds: list[int], start: pd.Timestamp, hours: list[int], executor: Executor = INLINE
) -> pd.DataFrame:
    """The scenario run on each seed; its posts as one tidy table with a ``seed`` column."""
    tasks = [(scenario.to_dict(), s, str(start), list(hours)) for s in seeds]
    frames = []
    for status, payload in executor.map(simulate_posts, tasks):
        if status != "ok":
            raise RuntimeError(f"the fitted scenario failed to run:\n{payload}")
        frames.append(pd.DataFrame(payload))
    return pd.concat(frames, ignore_index=True)
