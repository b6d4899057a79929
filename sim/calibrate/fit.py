"""Fitting an account's scenario to its export by simulation.

1. :func:`prior_design`: points spread evenly over the searched ranges, drawn by Optuna's
   quasi-Monte Carlo sampler (scrambled Sobol; Optuna keeps the search space, its log scales and
   the trials; docs/sources.md);
2. :func:`reference_table`: each point simulated once (its own seed) on the sweep engine's
   executors (a local process pool or a Dask cluster), its posts summarised like the export's;
3. :func:`fit`: ABC with regression adjustment (:mod:`sim.calibrate.abc`) gives each value's
   posterior median and interval; each trial's distance to the export is told to Optuna, so the
   study's best trial is the nearest simulation;
4. :func:`replicate_posts`: the fitted scenario run on a few seeds, per post, for the chart and
   the held-out check.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sim.calibrate import abc
from sim.calibrate.design import PARAMS, SUMMARIES, Param, simulated_posts, summaries


def prior_design(n: int, seed: int = 0, params: tuple[Param, ...] = PARAMS):
    """``n`` points over the searched ranges; returns (optuna study, trials, list of dicts)."""
    import warnings

    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    space = {p.key: optuna.distributions.FloatDistribution(p.low, p.high, log=p.log)
             for p in params}
    with warnings.catch_warnings():  # "experimental" since Optuna 3.0; the interface used is stable
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = optuna.samplers.QMCSampler(qmc_type="sobol", scramble=True, seed=seed,
                                             warn_independent_sampling=False)
    study = optuna.create_study(sampler=sampler, direction="minimize")
    trials = [study.ask(space) for _ in range(n)]
    return study, trials, [dict(t.params) for t in trials]


def simulate_summaries(scenario: dict, seed: int, reach_col: str, followers: int
                       ) -> tuple[str, Any]:
    """Run one point and summarise its posts; ``("ok", dict)`` or ``("error", traceback)``.

    Plain data in and out, so the task travels to any sweep worker.
    """
    try:
        from sim.runner import run
        from sim.scenario import resolve

        sc = resolve(scenario, source="calibration point", merge_preset=False)
        result = run(sc, seed=seed)
        posts = simulated_posts(result, pd.Timestamp("2000-01-01"))
        if posts.empty:
            return "error", "the run made no posts"
        return "ok", summaries(posts, reach_col, followers)
    except Exception:  # noqa: BLE001 - a failing point is reported, the others go on
        return "error", traceback.format_exc()


def simulate_posts(scenario: dict, seed: int, start: str, hours: list[int]) -> tuple[str, Any]:
    """Run one scenario and return its posts as the export's tidy table (records)."""
    try:
        from sim.runner import run
        from sim.scenario import resolve

        sc = resolve(scenario, source="calibrated scenario", merge_preset=False)
        result = run(sc, seed=seed)
        posts = simulated_posts(result, pd.Timestamp(start), hours)
        return "ok", posts.assign(seed=seed).to_dict("list")
    except Exception:  # noqa: BLE001
        return "error", traceback.format_exc()


def run_tasks(fn, tasks: list[tuple], workers: int | None = 1, dask: str | None = None,
              progress: bool = False, desc: str = "simulations") -> list[tuple[str, Any]]:
    """Run ``fn(*task)`` for every task, in order of the results returned.

    One worker and no Dask runs in this process (no start-up cost); otherwise the sweep engine's
    executors (:func:`sim.sweep.executors.make_pool`) run them, a bounded window at a time.
    """
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), unit="run", desc=desc, disable=not progress, leave=False)
    out: list[tuple[str, Any] | None] = [None] * len(tasks)
    try:
        if (workers or 0) == 1 and not dask:
            for i, t in enumerate(tasks):
                out[i] = fn(*t)
                bar.update(1)
            return out  # type: ignore[return-value]
        from sim.sweep.executors import make_pool

        pool = make_pool(workers, dask)
        try:
            window = 4 * getattr(pool, "workers", 4)
            pending = iter(enumerate(tasks))
            inflight: dict[Any, int] = {}

            def fill():
                while len(inflight) < window:
                    nxt = next(pending, None)
                    if nxt is None:
                        return
                    inflight[pool.submit(fn, *nxt[1])] = nxt[0]

            fill()
            while inflight:
                done, _ = pool.wait_any(list(inflight), timeout=1.0)
                for fut in done:
                    out[inflight.pop(fut)] = pool.outcome(fut)
                    bar.update(1)
                fill()
        except BaseException:
            pool.close(cancel=True)
            raise
        pool.close()
        return out  # type: ignore[return-value]
    finally:
        bar.close()


@dataclass
class ReferenceTable:
    """Prior draws and their simulated summaries.

    Attributes:
        theta: array (simulations, parameters).
        sims: array (simulations, summaries); NaN rows for failed runs.
        failed: tracebacks of runs that raised.
        study, trials: the Optuna study and its asked trials (in row order).
    """

    theta: np.ndarray
    sims: np.ndarray
    failed: list[str]
    study: Any = None
    trials: list | None = None

    def frame(self, params: tuple[Param, ...] = PARAMS) -> pd.DataFrame:
        return pd.concat([pd.DataFrame(self.theta, columns=[p.key for p in params]),
                          pd.DataFrame(self.sims, columns=list(SUMMARIES))], axis=1)


def reference_table(base, n: int, reach_col: str, followers: int, seed: int = 0,
                    workers: int | None = 1, dask: str | None = None, progress: bool = False,
                    params: tuple[Param, ...] = PARAMS) -> ReferenceTable:
    """Simulate ``n`` prior draws over the base scenario (draw ``i`` runs with seed
    ``seed + i``)."""
    study, trials, points = prior_design(n, seed, params)
    tasks = []
    for i, values in enumerate(points):
        sc = base.with_overrides(values, source="calibration design")
        tasks.append((sc.to_dict(), seed + i, reach_col, followers))
    results = run_tasks(simulate_summaries, tasks, workers, dask, progress, "calibration")
    theta = np.array([[v[p.key] for p in params] for v in points], dtype=float)
    sims = np.full((n, len(SUMMARIES)), np.nan)
    failed = []
    for i, (status, payload) in enumerate(results):
        if status == "ok":
            sims[i] = [payload[s] for s in SUMMARIES]
        else:
            failed.append(payload)
    return ReferenceTable(theta, sims, failed, study, trials)


def fit(table: ReferenceTable, observed: dict[str, float], keep: float = 0.15,
        params: tuple[Param, ...] = PARAMS) -> abc.Posterior:
    """The posterior of the parameters given the export's summaries (``observed``).

    Also tells each trial of the table's Optuna study its distance to the export, so
    ``table.study.best_trial`` is the nearest single simulation.
    """
    obs = np.array([observed[s] for s in SUMMARIES], dtype=float)
    post = abc.posterior(table.theta, table.sims, obs, params, SUMMARIES, keep=keep)
    if table.study is not None and table.trials is not None and not any(
            t.state.is_finished() for t in table.study.trials):
        use = ~np.isnan(obs)
        s = table.sims[:, use]
        spread = np.nanstd(s, axis=0) + 1e-12
        dist = np.sqrt(np.nansum(((s - obs[use]) / spread) ** 2, axis=1))
        import optuna

        for t, d, row in zip(table.trials, dist, table.sims, strict=True):
            if np.isfinite(row[use]).all():
                table.study.tell(t, float(d))
            else:
                table.study.tell(t, state=optuna.trial.TrialState.FAIL)
    return post


def replicate_posts(scenario, seeds: list[int], start: pd.Timestamp, hours: list[int],
                    workers: int | None = 1, dask: str | None = None) -> pd.DataFrame:
    """The scenario run on each seed; its posts as one tidy table with a ``seed`` column."""
    tasks = [(scenario.to_dict(), s, str(start), list(hours)) for s in seeds]
    frames = []
    for status, payload in run_tasks(simulate_posts, tasks, workers, dask):
        if status != "ok":
            raise RuntimeError(f"the fitted scenario failed to run:\n{payload}")
        frames.append(pd.DataFrame(payload))
    return pd.concat(frames, ignore_index=True)
