"""Dose-response of a tactic: how a figure changes as the dose grows, and whether that holds.

A dose-response study runs one scenario at a list of doses of one key (bought followers:
``strategies.buy.count``) on common random numbers (every dose of a seed meets the same
audience), once at the preset values, once with each parameter of a list moved to 0.5x and
1.5x its value, and once in each other alternative of every structural assumption the scenario
rests on (:mod:`sim.scenario.assumptions`: the test's denominator, what bought followers do,
whether anyone finds out, how fakes are purged). It answers the three questions a conclusion
must survive:

- **shape**: does the figure change monotonically with the dose (never up, then down)?
- **no cliff**: is every step between neighbouring doses at most half of the whole change?
- **robust direction**: does the whole change (first dose to last) keep its sign when each
  parameter moves +-50%, and in each other structural alternative?

Runs go through the sweep engine (local pool or Dask, resumable; one folder per study). The
statistic per dose is the median over seeds of each run's figure (for real reach, a run's median
real reach per post).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

DOSE_KEY = "strategies.buy.count"
DOSES = (0, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000)
FIGURES = ("median_real_reach_per_post", "followers_real_end", "purchases", "net_revenue")
# The platform's test and its widening: the parameters the headline of bought followers rests on.
TEST_PARAMS = (
    "feed.test_fraction",
    "feed.test_min",
    "feed.test_threshold",
    "feed.test_steepness",
    "feed.passed_reach",
    "feed.demoted_reach",
    "feed.explore_threshold",
    "feed.explore_steepness",
    "feed.explore_scaling",
    "feed.explore_max_share",
)
FACTORS = (0.5, 1.5)
BASE = "preset"


@dataclass(frozen=True)
class Variant:
    """One line of the study: the preset, one parameter moved by a factor, or one structural
    assumption in another of its alternatives (``settings``: the keys that set it)."""

    name: str  # "preset", "feed.test_threshold x0.5" or "feed.test_score=per_view"
    key: str | None = None
    value: Any = None
    settings: tuple[tuple[str, Any], ...] = ()


@dataclass
class Verdict:
    """What a figure's dose-response says, per variant."""

    figure: str
    table: pd.DataFrame  # rows: variants; columns: doses (the statistic per dose)
    monotone: bool  # the preset's line never turns
    largest_step: float  # the preset's largest step, as a share of its whole change
    direction: int  # sign of the preset's whole change (last dose minus first)
    flips: list[str] = field(default_factory=list)  # variants whose whole change has the other sign

    @property
    def no_cliff(self) -> bool:
        """True when no single step of the preset's line makes more than half of its whole
        change."""
        return self.largest_step <= 0.5

    def sentence(self, label: str, lang: str = "en") -> str:
        """The finding in plain words, in ``lang``."""
        from sim.base.i18n import tr

        t = self.table.loc[BASE]
        doses = list(self.table.columns)
        way = tr({1: "rises", -1: "falls", 0: "does not change"}[self.direction], lang)
        shape = tr("steadily" if self.monotone else "not steadily (it turns)", lang)
        text = tr(
            "{label} {way} from {a} to {b} as the dose goes from {d0} to {d1}; {shape}, "
            "its largest step {step} of the whole change",
            lang,
        ).format(
            label=label[:1].upper() + label[1:],
            way=way,
            a=f"{t.iloc[0]:,.0f}",
            b=f"{t.iloc[-1]:,.0f}",
            d0=f"{doses[0]:,}",
            d1=f"{doses[-1]:,}",
            shape=shape,
            step=f"{self.largest_step:.0%}",
        )
        names = [str(name) for name in self.table.index if name != BASE]
        n = len({name.rsplit(" x", 1)[0] for name in names if "=" not in name})
        worlds = [name for name in names if "=" in name]
        if worlds:
            text += _structural_text(len(worlds), [w for w in worlds if w in self.flips], lang)
        if n and not any("=" not in f for f in self.flips):
            text += tr(
                "; the direction holds with each of {n} parameter(s) at 0.5x and 1.5x", lang
            ).format(n=n)
        elif n:
            text += tr("; the direction flips with {names}", lang).format(
                names=", ".join(f for f in self.flips if "=" not in f)
            )
        return text + "."


def _structural_text(n: int, flips: list[str], lang: str) -> str:
    """How the direction fares in the structural alternatives, in ``lang``."""
    if not flips:
        return (
            f"; de richting blijft in alle {n} andere structurele varianten"
            if lang == "nl"
            else f"; the direction holds in all {n} other structural alternative(s)"
        )
    listed = ", ".join(flips)
    return (
        f"; de richting keert om in {len(flips)} van {n} andere structurele varianten ({listed})"
        if lang == "nl"
        else f"; the direction flips in {len(flips)} of {n} other structural alternative(s) "
        f"({listed})"
    )


def variants(
    base: dict,
    params: Iterable[str] = TEST_PARAMS,
    factors: Sequence[float] = FACTORS,
    structural: bool = True,
) -> list[Variant]:
    """The preset, each parameter of ``params`` at each factor of its value in ``base``, then
    (``structural``) each other alternative of every structural assumption ``base`` rests on.

    ``base`` is the resolved scenario as a dict. Integer parameters are rounded; shares are
    capped at 1. A parameter at 0 (so a factor leaves it unchanged) is skipped.
    """
    out = [Variant(BASE)]
    for key in params:
        table, name = key.split(".", 1)
        value = base[table][name]
        if not value:
            continue
        for f in factors:
            v = value * f
            if isinstance(value, int) and not isinstance(value, bool):
                v = int(round(v))
            elif name.endswith(("reach", "share", "fraction")):
                v = min(v, 1.0)
            if v == value:
                continue
            out.append(Variant(f"{key} x{f:g}", key, v))
    if structural:
        from sim.scenario.assumptions import applicable

        for a in applicable(base, categorical=True):
            now = a.current(base)
            for alt in a.alternatives:
                if alt.name != now:
                    out.append(
                        Variant(f"{a.key}={alt.name}", settings=tuple(alt.overrides(base).items()))
                    )
    return out


def design(
    variant_list: Sequence[Variant], doses: Sequence[int] = DOSES, dose_key: str = DOSE_KEY
) -> list[dict]:
    """The sweep points: every variant at every dose (variant-major)."""
    points = []
    for v in variant_list:
        for d in doses:
            point = {dose_key: d}
            if v.key is not None:
                point[v.key] = v.value
            point.update(dict(v.settings))
            points.append(point)
    return points


def tables(
    runs: pd.DataFrame,
    variant_list: Sequence[Variant],
    doses: Sequence[int],
    figures: Iterable[str] = FIGURES,
) -> dict[str, pd.DataFrame]:
    """Per figure, the median over seeds per (variant, dose), from a sweep's ``runs.csv``.

    ``runs`` has a ``point`` column numbered as :func:`design` laid the points out.
    """
    n = len(doses)
    names = [v.name for v in variant_list]
    out = {}
    for fig in figures:
        med = runs.groupby("point")[fig].median()
        grid = pd.DataFrame(index=names, columns=list(doses), dtype=float)
        for i, name in enumerate(names):
            for j, d in enumerate(doses):
                grid.loc[name, d] = med.iloc[i * n + j]
        out[fig] = grid
    return out


def verdict(figure: str, table: pd.DataFrame) -> Verdict:
    """Shape, cliff and direction of one figure's table (see :func:`tables`)."""
    base = table.loc[BASE].to_numpy(dtype=float)
    steps = [b - a for a, b in zip(base[:-1], base[1:], strict=True)]
    whole = base[-1] - base[0]
    direction = int(math.copysign(1, whole)) if whole else 0
    monotone = all(s * direction >= 0 for s in steps) if direction else all(s == 0 for s in steps)
    largest = max(abs(s) for s in steps) / abs(whole) if whole else math.inf
    flips = []
    for name, row in table.iterrows():
        if name == BASE:
            continue
        change = float(row.iloc[-1] - row.iloc[0])
        if direction and change * direction <= 0:
            flips.append(str(name))
    return Verdict(figure, table, monotone, largest, direction, flips)


def study(
    scenario,
    folder: str | Path,
    seeds=8,
    doses: Sequence[int] = DOSES,
    params: Iterable[str] = TEST_PARAMS,
    figures: Sequence[str] = FIGURES,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool = True,
    dose_key: str = DOSE_KEY,
    structural: bool = True,
) -> dict[str, Verdict]:
    """Run a dose-response study of ``scenario`` into ``folder`` and judge every figure.

    Args:
        scenario: a resolved :class:`sim.scenario.Scenario` that holds the tactic dosed.
        folder: the study's sweep folder (resumed if it holds the same study).
        seeds: seeds per point (a count, list or range, as ``feedsim sweep --seeds``).
        structural: also run every other alternative of the structural assumptions.
    """
    from sim.studies.sweep import make_point_spec, run_sweep
    from sim.studies.sweep.store import read_sweep

    vs = variants(scenario.to_dict(), params, structural=structural)
    spec = make_point_spec(
        scenario,
        design(vs, doses, dose_key),
        seeds=seeds,
        metrics=figures,
        name=Path(folder).name,
        source="dose-response",
    )
    run_sweep(spec, folder, workers=workers, dask=dask, progress=progress)
    _, _, runs = read_sweep(folder)
    runs = runs.assign(point=runs["point"].str.slice(1).astype(int))
    return {fig: verdict(fig, t) for fig, t in tables(runs, vs, doses, figures).items()}
