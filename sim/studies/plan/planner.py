"""The planner: the best mix of honest levers for a budget, and how sure we are.

``feedsim plan SCENARIO --budget 3000 --months 6 --goal purchases`` searches allocations of the
budget over the levers (:mod:`sim.studies.plan.levers`) with Optuna's TPE sampler (seeded, so the
same command asks the same trials and resumes from the runs it finds). Every trial runs on the same
tuning seeds (common random numbers), so two allocations differ by their money, not their luck.
The best trial and two alternatives that spend the money differently are then run again on
*test seeds the search never saw*, beside the base without money and the same money on bought
followers; the verdict is read from those runs only: each plan's mean and standard error, and how
often it beat each other plan seed by seed.

Constraints: at most N influencer posts a month, at most H hours a week of the brand's own time
(community management, staff advocacy, production and replies, at the production hourly rate).
A trial over a cap is scaled down to it; the money it cannot spend stays unspent and is shown.

A study's folder (``results/<name>/``)::

    plan.toml            what defines the study (a different one gets a new folder)
    tuning/batch-NNN/    the trials' runs, a sweep per batch of trials
    verdict/             the chosen plans, the base and bought followers on the test seeds
    trials.csv           every trial: its euros per lever and its mean goal on tuning seeds
    plans.csv            the verdict: each plan's euros per lever, its outcomes on test seeds
                         (mean and standard error) and its share of wins against the others
    plan_best.toml, plan_alt1.toml, plan_alt2.toml   each plan as a runnable scenario
    verdict.json         the verdict in English and Dutch, with what could change it: the
                         costs that are assumptions and the structural assumptions the best
                         plan rests on; verdict.txt and verdict.nl.txt the sentences
    plan.png/.svg        (plan_nl.png/.svg in Dutch) the allocations and the goal, side by side
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.studies.plan.curves import RUN_METRICS
from sim.studies.plan.levers import HONEST
from sim.studies.plan.spec import DISTINCT as DISTINCT  # re-exported
from sim.studies.plan.spec import GOALS as GOALS  # re-exported
from sim.studies.plan.spec import HOUR_LEVERS as HOUR_LEVERS  # re-exported
from sim.studies.plan.spec import ORDER as ORDER  # re-exported
from sim.studies.plan.spec import Allocation as Allocation  # re-exported
from sim.studies.plan.spec import PlanSpec as PlanSpec  # re-exported
from sim.studies.plan.spec import allocate as allocate  # re-exported
from sim.studies.plan.spec import capped as capped  # re-exported
from sim.studies.plan.spec import weights_to_euros as weights_to_euros  # re-exported

PLAN_FILE = "plan.toml"
TRIALS_FILE = "trials.csv"
PLANS_FILE = "plans.csv"
WORLDS_FILE = "plan_worlds.csv"


def choose_folder(spec: PlanSpec, out: str | Path) -> Path:
    """``out/<name>`` if new or holding this very plan; else the first free ``-2``, ``-3``, ..."""
    from sim.studies.sweep.spec import SweepError
    from sim.studies.sweep.studies import prepare_study_folder

    out = Path(out)
    for k in range(1, 10_000):
        folder = out / (spec.name if k == 1 else f"{spec.name}-{k}")
        try:
            prepare_study_folder(spec.to_dict(), folder, PLAN_FILE, "planning study")
        except SweepError:
            continue
        return folder
    raise SweepError(f"{out}: no free folder name for {spec.name}; choose another --name")


def _goal_values(runs: pd.DataFrame, seeds: list[int], spent: list[float], goal: str) -> np.ndarray:
    """(points, seeds) of the goal, net euros being economic value − money spent."""
    out = np.empty((len(spent), len(seeds)))
    for i, money in enumerate(spent):
        rows = runs[runs["point_index"] == i].set_index("seed").reindex(seeds)
        if goal == "net_euros":
            out[i] = rows["revenue"].to_numpy(float) - money
        else:
            out[i] = rows[GOALS[goal]].to_numpy(float)
    return out


def _run_points(base, points, seeds, folder, pool, progress, name):
    from sim.studies.sweep.points import make_point_spec
    from sim.studies.sweep.run import run_sweep
    from sim.studies.sweep.store import read_sweep

    spec = make_point_spec(base, points, seeds, RUN_METRICS, name=name, source="plan")
    res = run_sweep(spec, folder, pool=pool, progress=progress)
    if res.failed:
        raise RuntimeError(
            f"{len(res.failed)} run(s) failed in {folder}; tracebacks in "
            f"{folder}/failed; run the same command again to retry them"
        )
    return read_sweep(folder)[2]


def search(spec: PlanSpec, folder: Path, pool, progress: bool | str = False) -> pd.DataFrame:
    """Every trial of the search: euros per lever (asked and spent), mean goal on tuning
    seeds. The first trials put the whole budget on each lever alone, then an even split."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=spec.sampler_seed, n_startup_trials=6)
    study = optuna.create_study(direction="maximize", sampler=sampler)
    for lever in spec.levers:
        study.enqueue_trial({f"w_{k}": (1.0 if k == lever else 0.0) for k in spec.levers})
    study.enqueue_trial({f"w_{k}": 0.5 for k in spec.levers})
    rows = []
    done = 0
    batch_no = 0
    while done < spec.trials:
        n = min(spec.batch, spec.trials - done)
        trials = [study.ask() for _ in range(n)]
        allocs = []
        for tr in trials:
            w = {k: tr.suggest_float(f"w_{k}", 0.0, 1.0) for k in spec.levers}
            allocs.append(allocate(spec.base, weights_to_euros(spec, w)))
        runs = _run_points(
            spec.base,
            [a.keys for a in allocs],
            spec.tune_seeds,
            folder / "tuning" / f"batch-{batch_no:03d}",
            pool,
            progress,
            f"{spec.name}-batch-{batch_no:03d}",
        )
        values = _goal_values(runs, spec.tune_seeds, [a.total for a in allocs], spec.goal)
        for tr, a, v in zip(trials, allocs, values, strict=True):
            study.tell(tr, float(v.mean()))
            rows.append(
                {
                    "trial": tr.number,
                    **{f"{k}_euros": a.spent.get(k, 0.0) for k in spec.levers},
                    "spent": a.total,
                    "goal_tuning": float(v.mean()),
                    "keys": a.keys,
                }
            )
        done += n
        batch_no += 1
    return pd.DataFrame(rows)


def pick(trials: pd.DataFrame, levers: list[str], k: int = 3) -> list[int]:
    """Row numbers of the best trial and the next best that each move at least ``DISTINCT``
    of the money away from every plan already picked."""
    order = trials.sort_values("goal_tuning", ascending=False, kind="stable").index
    shares = trials[[f"{lv}_euros" for lv in levers]].to_numpy(float)
    sums = shares.sum(axis=1, keepdims=True)
    shares = np.divide(shares, sums, out=np.zeros_like(shares), where=sums > 0)
    chosen: list[int] = []
    for i in order:
        if all(np.abs(shares[i] - shares[j]).sum() / 2 >= DISTINCT for j in chosen):
            chosen.append(int(i))
        if len(chosen) == k:
            break
    return chosen


def run_plan(
    spec: PlanSpec,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
) -> pd.DataFrame:
    """Search, then judge the chosen plans on the test seeds; writes the folder's files (the
    chart is drawn by :func:`sim.present.charts.plan.plan_chart` from ``plans.csv``).

    Returns:
        The verdict table (``plans.csv``).
    """
    from sim.studies.plan.levers import apply
    from sim.studies.sweep.executors import make_pool
    from sim.studies.sweep.store import atomic_write

    folder = Path(folder)
    pool = make_pool(workers, dask)
    try:
        trials = search(spec, folder, pool, progress)
        picked = pick(trials, spec.levers)
        names = ["best", "alt1", "alt2"][: len(picked)]
        buy_keys, buy_spent = apply(spec.base, "buy", spec.budget)
        points = [{}] + [trials.loc[i, "keys"] for i in picked] + [buy_keys]
        spent = [0.0] + [float(trials.loc[i, "spent"]) for i in picked] + [buy_spent]
        labels = ["base", *names, "buy"]
        runs = _run_points(
            spec.base,
            points,
            spec.test_seeds,
            folder / "verdict",
            pool,
            progress,
            f"{spec.name}-verdict",
        )
        in_worlds = (
            plan_worlds(spec, points, spent, labels, folder, pool, progress)
            if spec.worlds
            else None
        )
    finally:
        pool.close()
    table = verdict(spec, trials, picked, labels, spent, runs)
    if in_worlds is not None:
        atomic_write(folder / WORLDS_FILE, in_worlds.to_csv(index=False).encode())
    atomic_write(folder / TRIALS_FILE, trials.drop(columns=["keys"]).to_csv(index=False).encode())
    atomic_write(folder / PLANS_FILE, table.to_csv(index=False).encode())
    for label, i in zip(names, picked, strict=True):
        sc = spec.base.with_overrides(trials.loc[i, "keys"], source=f"plan {label}")
        sc = sc.model_copy(update={"name": f"{spec.base.name}-plan-{label}"[:80]})
        atomic_write(folder / f"plan_{label}.toml", sc.to_toml().encode())
    said = statement(spec, table, trials.loc[picked[0], "keys"], in_worlds)
    import json

    atomic_write(folder / "verdict.json", json.dumps(said, indent=2, ensure_ascii=False).encode())
    atomic_write(folder / "verdict.txt", (said["en"] + "\n").encode())
    atomic_write(folder / "verdict.nl.txt", (said["nl"] + "\n").encode())
    return table


def spec_words(spec: PlanSpec) -> dict[str, Any]:
    """What the plan's chart and report say about the study besides its numbers: users, days,
    test seeds, platform, budget, goal and levers."""
    return {
        "users": spec.base.audience.users,
        "days": spec.base.days,
        "seeds": len(spec.test_seeds),
        "platform": spec.base.platform,
        "budget": spec.budget,
        "goal": spec.goal,
        "levers": spec.levers,
    }


def verdict(
    spec: PlanSpec,
    trials: pd.DataFrame,
    picked: list[int],
    labels: list[str],
    spent: list[float],
    runs: pd.DataFrame,
) -> pd.DataFrame:
    """One row per plan on the test seeds: euros per lever, outcomes (mean, standard error),
    and ``wins``: the share of (seed, other plan) pairs in which it reached more of the goal."""
    seeds = spec.test_seeds
    goal = _goal_values(runs, seeds, spent, spec.goal)
    rows = []
    for p, label in enumerate(labels):
        row: dict[str, Any] = {"plan": label}
        for lv in spec.levers:
            row[f"{lv}_euros"] = (
                float(trials.loc[picked[p - 1], f"{lv}_euros"])
                if label not in ("base", "buy")
                else 0.0
            )
        row["buy_euros"] = spent[p] if label == "buy" else 0.0
        row["spent"] = spent[p]
        for m in ("followers_real_end", "engaged_real_followers_end", "purchases", "net_euros"):
            v = _goal_values(
                runs,
                seeds,
                spent,
                "net_euros"
                if m == "net_euros"
                else next(g for g, col in GOALS.items() if col == m),
            )[p]
            row[f"{m}_mean"] = float(v.mean())
            row[f"{m}_se"] = float(v.std(ddof=1) / np.sqrt(len(v))) if len(v) > 1 else 0.0
        others = [q for q in range(len(labels)) if q != p]
        wins = sum(int(goal[p, s] > goal[q, s]) for q in others for s in range(len(seeds)))
        row["wins"] = wins / (len(others) * len(seeds))
        row["goal"] = spec.goal
        row["goal_tuning"] = (
            float(trials.loc[picked[p - 1], "goal_tuning"])
            if label not in ("base", "buy")
            else float("nan")
        )
        rows.append(row)
    return pd.DataFrame(rows)


def default_levers() -> list[str]:
    """The levers a plan weighs when none are named: every honest lever (never bought followers)."""
    return list(HONEST)


def beats_base(table: pd.DataFrame, col: str) -> str:
    """How the best plan's mean ``col`` on the test seeds stands against spending nothing:
    "yes" (above it by more than two standard errors of the difference), "noise" (above it,
    within them) or "no" (not above it)."""
    t = table.set_index("plan")
    lead = t.loc["best", f"{col}_mean"] - t.loc["base", f"{col}_mean"]
    se = float(np.hypot(t.loc["base", f"{col}_se"], t.loc["best", f"{col}_se"]))
    return "no" if lead <= 0 else ("noise" if lead <= 2 * se else "yes")


def statement(
    spec: PlanSpec,
    table: pd.DataFrame,
    best_keys: dict[str, Any],
    in_worlds: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The verdict in English and Dutch: the best plan, what it reached on unseen seeds against
    no extra money and bought followers, and which assumptions could change it (the facts,
    ``en`` and ``nl`` for the terminal, and ``client``: the same without the commands, which
    the report and the dashboard quote)."""
    from sim.scenario.assumptions import applicable
    from sim.studies.plan.words import GOAL_COLUMNS, verdict_sentence

    col = GOAL_COLUMNS[spec.goal]
    t = table.set_index("plan")
    best = t.loc["best"]
    used = [lv for lv in spec.levers if best[f"{lv}_euros"] > 0]
    plans = [p for p in ("best", "alt1", "alt2") if p in t.index]
    top = max(plans, key=lambda p: t.loc[p, f"{col}_mean"])
    after = spec.base.with_overrides(best_keys, source="best plan") if best_keys else spec.base
    structural = applicable(after.to_dict())
    # Within the noise: the two means differ by at most two standard errors of their difference.
    gap = abs(t.loc[top, f"{col}_mean"] - best[f"{col}_mean"])
    noise = gap <= 2 * float(np.hypot(t.loc[top, f"{col}_se"], best[f"{col}_se"]))
    out: dict[str, Any] = {
        "goal": spec.goal,
        "budget": spec.budget,
        "days": spec.base.days,
        "test_seeds": list(spec.test_seeds),
        "top_on_test_seeds": top,
        "cost_assumptions": used,
        "structural_assumptions": [a.key for a in structural],
        "within_noise": bool(noise),
        "beats_base": beats_base(table, col),
    }
    if in_worlds is not None and len(in_worlds):
        out.update(
            {
                "worlds": len(in_worlds),
                "best_stays_best": int(in_worlds["best_stays_best"].sum()),
                "best_beats_buy": int(in_worlds["best_beats_buy"].sum()),
                "worlds_table": WORLDS_FILE,
            }
        )
    for lang in ("en", "nl"):
        out[lang] = verdict_sentence(table, out, lang)
    out["client"] = {lang: verdict_sentence(table, out, lang, client=True) for lang in ("en", "nl")}
    return out


def plan_worlds(
    spec: PlanSpec,
    points: list[dict[str, Any]],
    spent: list[float],
    labels: list[str],
    folder: Path,
    pool,
    progress: bool | str,
) -> pd.DataFrame:
    """The chosen plans in every plausible world of the structural assumptions the honest plans
    rest on (:mod:`sim.scenario.assumptions`), on the test seeds: one row per world, whether
    the best plan stayed best (highest mean goal of all the plans) and beat bought followers.
    The bought-followers comparison keeps its own defaults for the choices about bought
    followers (what bots do, purges, discovery), which only it rests on."""
    import itertools

    from sim.scenario.assumptions import applicable

    honest = [i for i, lb in enumerate(labels) if lb != "buy"]
    flats = [
        spec.base.with_overrides(points[i], source="a plan").to_dict()
        if points[i]
        else spec.base.to_dict()
        for i in range(len(points))
    ]
    keys = {a.key: a for i in honest for a in applicable(flats[i], categorical=True) if a.worlds}
    if not keys:
        return pd.DataFrame(columns=["world", "best_stays_best", "best_beats_buy"])
    chosen = list(keys.values())
    worlds = list(itertools.product(*[a.alternatives for a in chosen]))
    all_points, index = [], []
    for w, combo in enumerate(worlds):
        for i, pt in enumerate(points):
            extra: dict[str, Any] = {}
            for a, alt in zip(chosen, combo, strict=True):
                if a.applies(flats[i]):
                    extra.update(alt.overrides(flats[i]))
            all_points.append({**pt, **extra})
            index.append((w, i))
    runs = _run_points(
        spec.base,
        all_points,
        spec.test_seeds,
        folder / "worlds",
        pool,
        progress,
        f"{spec.name}-worlds",
    )
    values = _goal_values(runs, spec.test_seeds, [spent[i] for _, i in index], spec.goal)
    rows = []
    for w, combo in enumerate(worlds):
        means = {labels[i]: float(values[w * len(points) + i].mean()) for i in range(len(points))}
        row: dict[str, Any] = {
            "world": w,
            **{a.key: alt.name for a, alt in zip(chosen, combo, strict=True)},
        }
        row.update({f"{lb}_mean": v for lb, v in means.items()})
        row["best_stays_best"] = bool(means["best"] >= max(means.values()))
        row["best_beats_buy"] = bool(means["best"] > means["buy"])
        rows.append(row)
    return pd.DataFrame(rows)
