"""Planning and running an explanation on the sweep engine, and attributing the gap.

An explanation's folder (``results/<name>/``) holds::

    explain.toml   the plan: tactic, baseline, channels switched, seeds (written first; a rerun
                   must match it, and then resumes)
    tactic/        a sweep folder (sim.studies.sweep) of the tactic at every on/off combination ×
    seed baseline/      the same for the baseline
    explain.csv    one row per metric and channel (sim.studies.explain.report)
    explain.md     a plain sentence per metric

For every seed, the gap figure(tactic) − figure(baseline) is taken at each of the 2^k on/off
combinations of the channels that apply (both arms switched alike, on the same seeds), and split
by the Shapley value (:mod:`sim.studies.explain.shapley`); the contributions' mean and 90% interval
are taken across seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.base.i18n import Said
from sim.base.metrics import RUN
from sim.scenario import Scenario, ScenarioError, suggest
from sim.studies.explain.channels import CHANNELS, Channel, applicable, combination_points
from sim.studies.explain.report import (
    CHANNEL_LABELS,
    PLAN_FILE,
    SUMMARY_FILE,
    TABLE_FILE,
    sentences,
)
from sim.studies.explain.report import summary_markdown as _markdown
from sim.studies.explain.shapley import attribute
from sim.studies.sweep.studies import StudyOutcome, prepare_study_folder, run_arms, study_lock

DEFAULT_METRICS = ("mean_real_reach_per_post", "followers_real_end", "purchases", "net_revenue")
ARMS = ("tactic", "baseline")


@dataclass
class Plan:
    """A validated explanation, before anything runs."""

    name: str
    tactic: Scenario
    baseline: Scenario
    channels: list[Channel]
    zero: dict[str, str]  # channel -> why it is zero
    seeds: list[int]
    metrics: tuple[str, ...]

    @property
    def combinations(self) -> int:
        """On/off combinations of the channels that apply: 2^k."""
        return 1 << len(self.channels)

    @property
    def runs(self) -> int:
        """Simulation runs: combinations × seeds × 2 arms."""
        return self.combinations * len(self.seeds) * 2

    def points(self, arm: str) -> list[dict[str, Any]]:
        """The scenario overrides of each combination for ``arm`` (``"tactic"``/``"baseline"``)."""
        return combination_points(self.channels, self.tactic if arm == "tactic" else self.baseline)

    def titles(self, lang: str) -> tuple[str, str]:
        """The tactic's and the baseline's titles in ``lang`` (else in English, else their
        names), as a client reads them."""
        from sim.base.figure_words import title_words

        return tuple(title_words(sc, lang) or sc.name for sc in (self.tactic, self.baseline))

    def to_dict(self) -> dict[str, Any]:
        """What defines the runs: written to ``explain.toml`` and compared on a rerun."""
        return {
            "name": self.name,
            "tactic": self.tactic.name,
            "baseline": self.baseline.name,
            "channels": [c.name for c in self.channels],
            "seeds": list(self.seeds),
            "metrics": list(self.metrics),
        }


def plan(
    tactic: Scenario,
    baseline: Scenario,
    seeds: list[int] | None = None,
    metrics: list[str] | tuple[str, ...] | None = None,
    name: str | None = None,
    channels: tuple[str, ...] | None = None,
) -> Plan:
    """Validate an explanation of ``tactic`` against ``baseline``; nothing runs.

    Args:
        seeds: seeds per combination (default 0-7).
        metrics: run figures of :data:`sim.base.metrics.RUN` (default :data:`DEFAULT_METRICS`).
        name: the folder name (default ``<tactic>-explain``).
        channels: examine only these channels (default: all that apply).

    Raises:
        ScenarioError: an unknown metric or channel, or no seeds.
    """
    metric_list = tuple(dict.fromkeys(metrics or DEFAULT_METRICS))
    for m in metric_list:
        if m not in RUN:
            raise ScenarioError(
                Said(
                    "--metric {metric!r}: not a run figure{hint}; available: {names}",
                    {"metric": m, "hint": suggest(m, list(RUN)), "names": ", ".join(RUN)},
                )
            )
    names = [c.name for c in CHANNELS]
    for c in channels or ():
        if c not in names:
            raise ScenarioError(
                f"channel {c!r}: unknown{suggest(c, names)}; known: {', '.join(names)}"
            )
    seed_list = list(seeds if seeds is not None else range(8))
    if not seed_list:
        raise ScenarioError("--seeds: give at least one seed")
    on, zero = applicable(tactic, baseline, channels)
    return Plan(
        name or f"{tactic.name}-explain", tactic, baseline, on, zero, seed_list, metric_list
    )


Outcome = StudyOutcome  # what a run of this study did


def run_explain(
    p: Plan,
    folder: str | Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
) -> Outcome:
    """Run every missing combination × seed of both arms (resuming), then attribute the gap.

    Raises:
        ScenarioError: the folder holds something else; a combination is not a valid scenario.
        SweepInterrupted: Ctrl-C; finished runs are kept, the same call resumes.
    """
    from sim.base.safe_io import csv_bytes
    from sim.studies.sweep.points import make_point_spec
    from sim.studies.sweep.store import atomic_write

    folder = Path(folder)
    specs = {
        arm: make_point_spec(
            p.tactic if arm == "tactic" else p.baseline,
            p.points(arm),
            p.seeds,
            p.metrics,
            name=f"{p.name}-{arm}",
            source=f"{arm} combination",
        )
        for arm in ARMS
    }
    with study_lock(folder, "explanation"):  # a second command here is told it is in use
        prepare_study_folder(p.to_dict(), folder, PLAN_FILE, "explanation")
        out, runs = run_arms(specs, folder, workers, dask, progress)
        if out.failed:
            return out
        out.table = analyse(p, runs)
        atomic_write(folder / TABLE_FILE, csv_bytes(out.table, index=False))
    for m in p.metrics:
        out.sentences[m] = sentences(out.table[out.table["metric"] == m], *p.titles("en"))
    return out


def gaps(p: Plan, runs: dict[str, pd.DataFrame], metric: str) -> np.ndarray:
    """The gap tactic − baseline, shape (2^k combinations, seeds), from the arms' runs tables."""

    def grid(frame: pd.DataFrame) -> np.ndarray:
        values = frame.pivot(index="point_index", columns="seed", values=metric)
        return values.reindex(index=range(p.combinations), columns=p.seeds).to_numpy(float)

    g = grid(runs["tactic"]) - grid(runs["baseline"])
    if np.isnan(g).any():
        raise ScenarioError(
            f"{metric}: some combinations have no finished run; run the same "
            "command again to complete them"
        )
    return g


def contributions(p: Plan, g: np.ndarray) -> dict[str, np.ndarray]:
    """Per-seed contribution of every channel, ``rest`` and ``total`` from the gaps ``g``.

    Channels that do not apply get zeros; the others their Shapley value over the combinations.
    """
    shares = attribute([c.name for c in p.channels], lambda m: g[m])
    zeros = np.zeros(g.shape[1])
    return {ch: np.asarray(shares.get(ch, zeros), dtype=float) for ch in CHANNEL_LABELS}


def analyse(p: Plan, runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``explain.csv`` from the runs tables of both arms."""
    from sim.base.metrics import lookup

    rows = []
    for m in p.metrics:
        c = contributions(p, gaps(p, runs, m))
        total = float(c["total"].mean())
        money = (lookup(m).fmt == "euros") if lookup(m) else False
        arms = arm_figures(p, runs, m)
        for ch, per_seed in c.items():
            applies = ch in ("rest", "total") or ch not in p.zero
            note = p.zero.get(ch, "")
            if ch == "spend" and applies and not money:
                note = "spending moves net euros only; nothing in a run reads money back"
            mean = float(per_seed.mean())
            rows.append(
                {
                    "metric": m,
                    "channel": ch,
                    "label": CHANNEL_LABELS[ch],
                    "mean": mean,
                    "p5": float(np.quantile(per_seed, 0.05)),
                    "p95": float(np.quantile(per_seed, 0.95)),
                    "share": (mean / total if mean else 0.0) if total != 0 else float("nan"),
                    "applies": applies,
                    "note": note,
                    "seeds": len(p.seeds),
                    **arms,
                }
            )
    return pd.DataFrame(rows)


def arm_figures(p: Plan, runs: dict[str, pd.DataFrame], metric: str) -> dict[str, float]:
    """Each arm's own figure, as it was run (the combination with every channel on): its
    median over the seeds and its 90% band (``BAND``), as ``tactic_median``, ``tactic_low``,
    ``tactic_high`` and the same for the baseline: what tells a rare count's gap from noise."""
    from sim.base.figures import BAND

    out = {}
    for arm in ARMS:
        frame = runs[arm]
        values = frame.loc[frame["point_index"] == p.combinations - 1, metric].to_numpy(float)
        out[f"{arm}_median"] = float(np.median(values))
        out[f"{arm}_low"], out[f"{arm}_high"] = (float(q) for q in np.quantile(values, BAND))
    return out


def write_summary(p: Plan, out: Outcome, charts: dict[str, str] | None = None) -> Path:
    """``explain.md``: the sentences per metric."""
    from sim.studies.sweep.store import atomic_write

    path = out.folder / SUMMARY_FILE
    atomic_write(path, _markdown(out.table, *p.titles("en"), charts).encode())
    return path
