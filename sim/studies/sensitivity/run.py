"""Planning and running a sensitivity study on the sweep engine.

A study's folder (``results/<name>/``) holds::

    sensitivity.toml   the plan: scenario, baseline, method, parameters and ranges (written first;
                       a rerun must match it, and then resumes)
    design.csv         the design as drawn: one row per point, one column per parameter
    scenario/          a sweep folder (sim.studies.sweep) of the scenario at every design point ×
    seed baseline/          the same for the baseline scenario (with --baseline)
    sensitivity.csv    one row per parameter and metric (sim.studies.sensitivity.report)
    sensitivity.md     a plain sentence per metric, and the top parameters

With a baseline the quantity is the effect, figure(scenario) − figure(baseline), taken per seed on
common random numbers (the same seed and the same values for the keys both scenarios have) and
averaged over seeds per design point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.base.i18n import Said, check_lang, tr
from sim.base.l10n import Count, english_number_text
from sim.base.metrics import RUN
from sim.scenario import Scenario, ScenarioError, suggest
from sim.studies.sensitivity.design import (
    DESIGN_SEED,
    METHODS,
    flip_shares,
    indices,
    point_values,
    sample,
)
from sim.studies.sensitivity.parameters import (
    ONLY_SOURCE,
    RANGE_SOURCE,
    Parameter,
    Skipped,
    collect,
    is_assumption,
)
from sim.studies.sensitivity.report import (
    PLAN_FILE,
    SUMMARY_FILE,
    TABLE_FILE,
    assumption_words,
    metric_table,
    quantity_label,
    sentences,
    summary_markdown,
)
from sim.studies.sweep.studies import StudyOutcome, prepare_study_folder, run_arms, study_lock

DEFAULT_METRICS = ("mean_real_reach_per_post", "followers_real_end", "purchases", "net_revenue")
DESIGN_FILE = "design.csv"


@dataclass
class Plan:
    """A validated sensitivity study, before anything runs."""

    name: str
    scenario: Scenario
    baseline: Scenario | None
    params: list[Parameter]
    skipped: list[Skipped]
    method: str
    trajectories: int
    samples: int
    spread: float
    seeds: list[int]
    metrics: tuple[str, ...]
    X: np.ndarray = field(repr=False)

    @property
    def points(self) -> int:
        """Design points."""
        return int(self.X.shape[0])

    @property
    def runs(self) -> int:
        """Simulation runs: points × seeds, twice with a baseline."""
        return self.points * len(self.seeds) * (2 if self.baseline is not None else 1)

    def to_dict(self) -> dict[str, Any]:
        """What defines the study: written to ``sensitivity.toml`` and compared on a rerun."""
        return {
            "name": self.name,
            "scenario": self.scenario.name,
            "baseline": self.baseline.name if self.baseline is not None else "",
            "method": self.method,
            "trajectories": self.trajectories,
            "samples": self.samples,
            "range": self.spread,
            "seeds": list(self.seeds),
            "metrics": list(self.metrics),
            "design_seed": DESIGN_SEED,
            "parameters": {p.key: [p.low, p.high] for p in self.params},
            "choices": {p.key: list(p.choices) for p in self.params if p.categorical},
        }

    def listing(self, lang: str = "en") -> str:
        """What would be varied, with ranges and sources, and what is not (``--list``). In
        Dutch each setting is named in a client's words and marked as an assumption or sourced;
        the sources themselves are quoted in English (``--lang en``, docs/sources.md)."""
        nl = check_lang(lang) == "nl"
        arms = Said(" × 2 scenarios", {}) if self.baseline is not None else ""
        head = Said(
            "{params} parameters varied ({method}, {points:,} design points × {seeds} seeds{arms} "
            "= {runs:,} runs):",
            {
                "params": len(self.params),
                "method": self.method,
                "points": Count(self.points),
                "seeds": len(self.seeds),
                "arms": arms,
                "runs": Count(self.runs),
            },
        )
        lines = [head.text(lang)]
        width = max((len(p.key) for p in self.params), default=0)
        for p in self.params:
            if p.categorical:
                rng, now = " | ".join(p.choices), p.choices[int(p.value)]
            else:
                fmt = ",.0f" if p.integer else ".4g"
                low, high, now = (
                    english_number_text(f"{x:{fmt}}", lang) for x in (p.low, p.high, p.value)
                )
                rng = f"{low} – {high}"
            if not nl:
                lines.append(f"  {p.key:<{width}}  {rng:<20} (now {now})  {p.source}")
                continue
            kind = _kind(p, lang)
            words = assumption_words(p.key, p.label, "nl")
            lines.append(f"  {p.key:<{width}}  {rng:<20} (nu {now})  {words} ({kind})")
        if self.skipped:
            lines.append(Said("not varied:", {}).text(lang))
            lines += [f"  {s.key}: {_said(s.reason, lang)}" for s in self.skipped]
        if nl:
            lines.append(
                Said(
                    "The sources are quoted in English: --list --lang en, docs/sources.md", {}
                ).text(lang)
            )
        return "\n".join(lines)


def _kind(p, lang: str) -> str:
    """Whether a varied setting is a structural choice, an assumption or sourced, in ``lang``."""
    if p.categorical:
        kind = "structural assumption"
    elif p.source == RANGE_SOURCE:
        kind = "range named in [sensitivity]"
    elif p.source == ONLY_SOURCE:
        kind = "named in [sensitivity] only"
    else:
        kind = "assumption" if is_assumption(p.source) else "sourced"
    return tr(kind, lang)


def _said(text, lang: str) -> str:
    """A reason as ``lang`` says it (a Named says itself; plain text stays as it is)."""
    return text.text(lang) if hasattr(text, "text") else str(text)


def plan(
    scenario: Scenario,
    baseline: Scenario | None = None,
    seeds: list[int] | None = None,
    metrics: list[str] | tuple[str, ...] | None = None,
    spread: float = 0.5,
    method: str = "morris",
    trajectories: int = 10,
    samples: int = 64,
    name: str | None = None,
    only: tuple[str, ...] | None = None,
) -> Plan:
    """Validate a study and draw its design; nothing runs.

    Args:
        scenario: the resolved scenario (its ``[sensitivity]`` table is honoured).
        baseline: measure the effect against this scenario (None: the figure itself).
        seeds: seeds per design point (default 0-3).
        metrics: run figures of :data:`sim.base.metrics.RUN` (default :data:`DEFAULT_METRICS`).
        spread: the default half-width of each range, a share of the value.
        method: ``"morris"`` or ``"sobol"``.
        trajectories: Morris trajectories.
        samples: Sobol base samples (a power of two).
        name: the study's folder name (default ``<scenario>-sensitivity``).
        only: vary these keys alone.

    Raises:
        ScenarioError: an unknown method or metric, bad counts, nothing to vary, or a bad key.
    """
    if method not in METHODS:
        raise ScenarioError(
            Said(
                "--method {method!r}: choose one of {methods}",
                {"method": method, "methods": ", ".join(METHODS)},
            )
        )
    metric_list = tuple(metrics or DEFAULT_METRICS)
    for m in metric_list:
        if m not in RUN:
            raise ScenarioError(
                Said(
                    "--metric {metric!r}: not a run figure{hint}; available: {names}",
                    {"metric": m, "hint": suggest(m, list(RUN)), "names": ", ".join(RUN)},
                )
            )
    if trajectories < 2:
        raise ScenarioError(
            Said("--trajectories {n}: Morris needs at least 2", {"n": trajectories})
        )
    if samples < 2 or samples & (samples - 1):
        raise ScenarioError(
            Said("--samples {n}: Sobol needs a power of two, e.g. 64 or 256", {"n": samples})
        )
    seeds = list(seeds if seeds is not None else range(4))
    params, skipped = collect(scenario, spread, only)
    if not params:
        raise ScenarioError(
            f"{scenario.name}: nothing to vary (no assumption has a range); name "
            "ranges in the scenario's [sensitivity] table"
        )
    X = sample(params, method, trajectories, samples)  # type: ignore[arg-type]
    return Plan(
        name or f"{scenario.name}-sensitivity",
        scenario,
        baseline,
        params,
        skipped,
        method,
        trajectories,
        samples,
        spread,
        seeds,
        metric_list,
        X,
    )


def _shared(points: list[dict[str, Any]], baseline: Scenario) -> list[dict[str, Any]]:
    """The points restricted to keys the baseline has (a tactic it leaves out stays out)."""
    flat = baseline.to_dict()

    def has(key: str) -> bool:
        node: Any = flat
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node is not None

    keep = [k for k in (points[0] if points else {}) if has(k)]
    return [{k: p[k] for k in keep} for p in points]


Outcome = StudyOutcome  # what a run of this study did


def run_study(
    p: Plan,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
) -> Outcome:
    """Run every missing design point × seed (resuming), then write the table and summary.

    Raises:
        ScenarioError: the folder holds another study.
        SweepInterrupted: Ctrl-C; finished runs are kept, the same call resumes.
    """
    from sim.base.safe_io import csv_bytes
    from sim.studies.sweep.points import make_point_spec
    from sim.studies.sweep.store import atomic_write

    folder = Path(folder)
    points = point_values(p.params, p.X)
    arms = {
        "scenario": make_point_spec(
            p.scenario, points, p.seeds, p.metrics, name=f"{p.name}-scenario", source="design"
        )
    }
    if p.baseline is not None:
        arms["baseline"] = make_point_spec(
            p.baseline,
            _shared(points, p.baseline),
            p.seeds,
            p.metrics,
            name=f"{p.name}-baseline",
            source="design (baseline)",
        )
    with study_lock(folder, "sensitivity study"):  # a second command here is told it is in use
        prepare_study_folder(p.to_dict(), folder, PLAN_FILE, "sensitivity study")
        design = pd.DataFrame(p.X, columns=[q.key for q in p.params])
        atomic_write(folder / DESIGN_FILE, design.to_csv(index_label="point").encode())
        out, runs = run_arms(arms, folder, workers, dask, progress)
        if out.failed:
            return out
        out.table = analyse(p, runs)
        atomic_write(folder / TABLE_FILE, csv_bytes(out.table, index=False))
    for m in p.metrics:
        out.sentences[m] = sentences(out.table[out.table["metric"] == m], len(p.seeds))
    return out


def quantity(p: Plan, runs: dict[str, pd.DataFrame], metric: str) -> tuple[np.ndarray, np.ndarray]:
    """The quantity per design point (mean over seeds) and its standard error over seeds."""
    n = p.points

    def grid(frame: pd.DataFrame) -> np.ndarray:
        values = frame.pivot(index="point_index", columns="seed", values=metric)
        return values.reindex(index=range(n), columns=p.seeds).to_numpy(dtype=float)

    q = grid(runs["scenario"])
    if "baseline" in runs:
        q = q - grid(runs["baseline"])
    if np.isnan(q).any():
        raise ScenarioError(
            f"{metric}: some design points have no finished run; run the same "
            "command again to complete them"
        )
    se = q.std(axis=1, ddof=1) / np.sqrt(q.shape[1]) if q.shape[1] > 1 else np.zeros(n)
    return q.mean(axis=1), se


def analyse(p: Plan, runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``sensitivity.csv`` from the runs tables of the study's sweeps."""
    tables = []
    base_name = p.baseline.name if p.baseline is not None else None
    for m in p.metrics:
        Y, se = quantity(p, runs, m)
        ind = indices(p.params, p.method, p.X, Y)  # type: ignore[arg-type]
        flip = flip_shares(p.method, p.X, Y, float(np.sign(Y.mean())))  # type: ignore[arg-type]
        tables.append(
            metric_table(
                m,
                quantity_label(m, p.scenario.name, base_name),
                p.params,
                ind,
                Y,
                se,
                flip,
                p.method,
            )
        )
    return pd.concat(tables, ignore_index=True)


def write_summary(p: Plan, out: Outcome, charts: dict[str, str] | None = None) -> Path:
    """``sensitivity.md``: the sentences and top parameters per metric."""
    from sim.studies.sweep.store import atomic_write

    title = f"Which assumptions does it rest on? {p.scenario.name}" + (
        f" against {p.baseline.name}" if p.baseline is not None else ""
    )
    text = summary_markdown(out.table, title, len(p.seeds), charts)
    path = out.folder / SUMMARY_FILE
    atomic_write(path, text.encode())
    return path
