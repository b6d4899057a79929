"""One calibration end to end: an export in, a fitted scenario and its check out.

:func:`calibrate` reads nothing and writes nothing; :func:`write_calibration` writes its folder:

- ``<account>.toml``: a runnable scenario, the fitted values with their 90% intervals as comments;
- ``fit.csv``: each fitted value, its interval, the searched range and its meaning;
- ``observed.csv`` / ``simulated.csv``: the export's posts and the fitted scenario's (per seed);
- ``reference.csv``: every prior draw and its simulated summaries (the fit can be redone);
- ``calibration.toml``: what was fitted how (export, platform, sims, seeds, held-out split), the
  check and each replicate run's own held-out medians.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sim.studies.calibrate import fit as fitting
from sim.studies.calibrate.design import (
    AUDIENCE_PER_FOLLOWER,
    Param,
    account_scenario,
    audience_users,
    cast,
    engagement,
    follower_days,
    followers_at,
    growth_summaries,
    params_for,
    post_hours,
    rhythm,
    split,
    summaries,
)
from sim.studies.calibrate.exports import Export

LEVEL = 0.9  # the reported intervals are central 90% posterior intervals
# A value whose 90% interval spans more than this share of its searched range (on the range's
# own scale) is one the export barely informs: the fit left it close to where the search began.
BARELY = 0.8
# Seeds the fitted scenario runs on for the chart and the check: a further run of it falls
# outside the lowest and highest of n runs with chance 2 / (n + 1), so with 20 about one time in
# ten, as the chart's 90% band (with 5 it was one time in three).
REPLICATES = 20
# Said of a fitted value outside its own interval (``Calibration.past_interval``).
PAST_INTERVAL = (
    "moved past this interval by the polish: the model's runs there came nearer the export"
)


@dataclass
class Calibration:
    """What a calibration found.

    Attributes:
        export: the export read.
        name: the account's scenario name.
        estimate, interval: per fitted key, the fitted value and its central 90% posterior
            interval.
        scenario: the fitted scenario on the export's own posting calendar (what was checked).
        toml: the runnable scenario file's text (regular rhythm, no calendar).
        simulated: the fitted scenario's posts over ``seeds`` (tidy, with ``seed``).
        holdout_from: the first held-out post's time (None: nothing held out).
        check: held-out medians, observed and simulated (reach and engagement), and the lowest
            and highest of the replicate runs' own held-out reach medians.
        table, sims, seed, kept: the reference table, its size, base seed, draws kept.
    """

    export: Export
    name: str
    estimate: dict[str, float]
    interval: dict[str, tuple[float, float]]
    scenario: object
    toml: str
    simulated: pd.DataFrame
    holdout_from: pd.Timestamp | None
    check: dict[str, float] = field(default_factory=dict)
    table: pd.DataFrame | None = None
    sims: int = 0
    seed: int = 0
    kept: int = 0
    failed: list[str] = field(default_factory=list)
    refined: int = 0
    polished: int = 0
    params: tuple[Param, ...] = ()

    def width(self, key: str) -> float:
        """The 90% interval's width as a share of the searched range (on its own scale)."""
        p = next(q for q in self.params if q.key == key)
        lo, hi = self.interval[key]
        if p.log:
            return math.log(hi / lo) / math.log(p.high / p.low)
        return (hi - lo) / (p.high - p.low)

    def barely_informed(self) -> list[str]:
        """The fitted keys the export barely informs (interval wider than :data:`BARELY`)."""
        return [p.key for p in self.params if self.width(p.key) > BARELY]

    def past_interval(self) -> list[str]:
        """The fitted keys whose value lies outside its own 90% interval: the polish
        (:func:`sim.studies.calibrate.fit.polish`) moved it there because the model's runs at
        the interval's values missed the export's figures by more. A reader must be told, or a
        value and its interval contradict each other."""
        return [k for k, v in self.estimate.items() if outside(v, self.interval[k])]


def outside(value: float, interval: tuple[float, float]) -> bool:
    """Whether ``value`` lies outside ``interval`` (its ends rounded as they are shown: three
    significant digits, so a value shown at an end is inside)."""
    lo, hi = interval
    return three_digits(value) < three_digits(lo) or three_digits(value) > three_digits(hi)


def calibrate(
    export: Export,
    name: str | None = None,
    sims: int = 400,
    holdout: float = 0.25,
    replicates: int = REPLICATES,
    refine: int = 0,
    polish: int = 2,
    seed: int = 0,
    workers: int | None = 1,
    dask: str | None = None,
    progress: bool | str = False,
    meanwhile=None,
) -> Calibration:
    """Fit the account's scenario to its export, then check it on the held-out posts.

    Args:
        export: the account's export (:func:`sim.studies.calibrate.exports.read_export`).
        name: the scenario's name (default: the account's, made file-safe).
        sims: simulations in the reference table (prior draws).
        holdout: share of the latest posts kept out of the fit and used to check it.
        replicates: seeds the fitted scenario is run on for the chart and the check
            (:data:`REPLICATES`).
        refine: trials of the search for the point values inside the 90% box (0: the
            posterior medians; see :func:`sim.studies.calibrate.fit.refine`).
        polish: steps that move the point values until their simulations meet the export's
            summaries (0: none; see :func:`sim.studies.calibrate.fit.polish`).
        seed: the first seed; draw ``i`` runs with ``seed + i``, replicates after them.
        workers, dask: where simulations run (one worker and no Dask: in this process).
        meanwhile: work of the caller's to do while the workers run their first simulations
            (loading what the chart needs), called once; not called without workers.
    """
    from sim.scenario import safe_name

    name = safe_name(name or export.account, "account")
    fit_posts, holdout_from = split(export, holdout)
    fit_export = dataclasses.replace(export, posts=fit_posts)
    base = account_scenario(fit_export, name)
    params = params_for(export)
    observed = summaries(fit_posts, export.reach_kind, export.followers) | growth_summaries(
        follower_days(export.history, rhythm(fit_posts).start, base.days, export.followers),
        export.followers,
    )
    r = rhythm(export.posts)

    def beside_first_runs() -> None:  # while the workers run: what the polish will load
        if polish > 0:
            fitting.chi2_quantile(fitting.CONSISTENT, 1)
        if meanwhile is not None:
            meanwhile()

    with fitting.Executor(workers, dask) as ex:
        table = fitting.reference_table(
            base,
            sims,
            export.reach_kind,
            export.followers,
            seed=seed,
            executor=ex,
            progress=progress,
            params=params,
            meanwhile=beside_first_runs,
        )
        post = fitting.fit(table, observed, params=params)
        interval = post.interval(LEVEL)
        estimate = post.estimate()
        if polish > 0:
            estimate, _ = fitting.polish(
                base,
                post,
                observed,
                table,
                export.reach_kind,
                export.followers,
                steps=polish,
                seed=seed,
                executor=ex,
                params=params,
                starts=fitting.start_points(post, table, observed, params=params),
            )
        if refine > 0:
            estimate, _ = fitting.refine(
                base,
                post,
                observed,
                table,
                export.reach_kind,
                export.followers,
                trials=refine,
                seed=seed,
                executor=ex,
                params=params,
            )
        values = cast({k: three_digits(v) for k, v in estimate.items()}, params)
        full = account_scenario(export, name).with_overrides(values, source="fitted values")
        simulated = fitting.replicate_posts(
            full,
            list(range(seed + sims, seed + sims + replicates)),
            r.start,
            post_hours(full),
            executor=ex,
        )
    cal = Calibration(
        export=export,
        name=name,
        estimate=estimate,
        interval=interval,
        scenario=full,
        toml="",
        simulated=simulated,
        holdout_from=holdout_from,
        table=table.frame(params),
        sims=sims,
        seed=seed,
        kept=post.kept,
        failed=table.failed,
        refined=refine,
        polished=polish,
        params=params,
    )
    cal.check = held_out_check(cal)
    cal.toml = scenario_toml(cal, values)
    return cal


def held_out_check(cal: Calibration) -> dict[str, float]:
    """Median reach and engagement per post, observed and simulated, on the held-out posts
    (all posts when nothing was held out), and how far one run's median strays.

    The simulated medians pool the held-out posts of every replicate run. The export is one
    run of the real account, so its median is set beside the medians of single runs too:
    ``reach_low`` and ``reach_high`` are the lowest and highest of the replicate runs' own
    held-out medians (:func:`held_out_runs`), ``runs`` how many there are.
    """
    kind = cal.export.reach_kind
    obs, sim = cal.export.posts, cal.simulated
    if cal.holdout_from is not None:
        obs = obs[obs["posted_at"] >= cal.holdout_from]
        sim = sim[pd.to_datetime(sim["posted_at"]) >= cal.holdout_from]
    per_run = held_out_runs(cal)
    out = {
        "posts": float(len(obs)),
        "reach_observed": float(obs[kind].median()),
        "reach_simulated": float(sim[kind].median()),
        "engagement_observed": float(engagement(obs).median()),
        "engagement_simulated": float(engagement(sim).median()),
        "runs": float(len(per_run)),
        "reach_low": float(per_run["reach"].min()),
        "reach_high": float(per_run["reach"].max()),
    }
    # Follower growth over the whole export, where the export's history gives it: observed
    # against the fitted scenario's median over seeds, both from the count at the first post.
    last = cal.export.posts["posted_at"].iloc[-1]
    end = followers_at(cal.export, last)
    if end is not None and "followers" in cal.simulated:
        final = cal.simulated.sort_values("posted_at").groupby("seed").tail(1)
        out["growth_observed"] = float(end - cal.export.followers)
        out["growth_simulated"] = float(final["followers"].median() - cal.export.followers)
    elif gains_only(cal.export.history):
        # New followers without losses (LinkedIn's followers export): growth is not known, and
        # the check says so rather than compare a growth the export cannot give.
        out["growth_unknown"] = 1.0
    return out


def held_out_runs(cal: Calibration) -> pd.DataFrame:
    """Each replicate run's own held-out medians (all posts when nothing was held out): one row
    per seed with ``reach`` (the export's reach measure) and ``engagement``.

    The scatter of these medians is what one export's held-out median varies by if the account
    were the fitted scenario: a miss inside it is one the check cannot tell from noise.
    """
    kind = cal.export.reach_kind
    sim = cal.simulated
    if cal.holdout_from is not None:
        sim = sim[pd.to_datetime(sim["posted_at"]) >= cal.holdout_from]
    sim = sim.assign(engagement=engagement(sim))
    runs = sim.groupby("seed", sort=True)[[kind, "engagement"]].median()
    return runs.rename(columns={kind: "reach"}).reset_index()


def gains_only(history: pd.DataFrame | None) -> bool:
    """Whether a follower history gives new followers but neither losses, net changes nor
    totals, so the growth over it is not knowable (gains alone overstate it)."""
    if history is None or history.empty or not history["gained"].notna().any():
        return False
    return bool(history[["total", "net", "lost"]].isna().all().all())


def three_digits(v: float) -> float:
    """Three significant digits: the fit is not more precise than that. The scenario file
    gets its fitted values so rounded, and the terminal and the report show them so, so the
    same value reads the same everywhere."""
    if v == 0 or not math.isfinite(v):
        return v
    return float(f"{v:.3g}")


def scenario_toml(cal: Calibration, values: dict[str, float]) -> str:
    """The runnable scenario: what the export states, the fitted values and their intervals."""
    from sim.studies.sweep.store import toml_value

    ex = cal.export
    r = rhythm(ex.posts)
    period = f"{r.start:%Y-%m-%d} to {ex.posts['posted_at'].iloc[-1]:%Y-%m-%d}"
    shown = PLATFORM_NAMES.get(ex.platform, ex.platform)
    lines = [
        f"# {cal.name}: fitted by `feedsim calibrate` to {Path(ex.source).name} ({ex.platform}, "
        f"{len(ex.posts)} posts, {period}).",
        f"# Fitted by ABC with regression adjustment over {cal.sims} simulations ({cal.kept} "
        f"nearest kept); each comment gives the central {LEVEL:.0%} posterior interval.",
        (
            "# Values: posterior medians."
            if not (cal.refined or cal.polished)
            else "# Values: the posterior medians, moved until their simulations met the export's "
            f"summaries ({cal.polished} steps)."
            if not cal.refined
            else f"# Values: inside those intervals, the ones whose simulations came nearest the "
            "export "
            f"({cal.refined} trials searched)."
        ),
        "# Posting follows the export's rhythm; edit freely for what-ifs.",
        "",
        f"title = {toml_value(_title(ex.account, ex.platform, 'en'))}",
        f"title_nl = {toml_value(_title(ex.account, ex.platform, 'nl'))}",
        f"description = {toml_value(f'{ex.account} on {shown}, calibrated on {period}')}",
        "description_nl = "
        + toml_value(f"{ex.account} op {shown}, gekalibreerd op {period.replace(' to ', ' tot ')}"),
        f"platform = {toml_value(ex.platform)}",
        f"days = {max(r.days, 28)}",
        f"seed = {cal.seed}",
    ]
    fitted = {p.key for p in cal.params}
    tables: dict[str, list[str]] = {
        "audience": []
        if "audience.users" in fitted
        else [
            f"users = {audience_users(ex.followers)}  # {AUDIENCE_PER_FOLLOWER}x the "
            "followers, within 5,000 to 1,000,000 (assumption)"
        ],
        "brand": [
            f"initial_followers = {ex.followers}  # from the export"
            + (
                " (at its first post, from the follower history)"
                if any(getattr(n, "key", None) == "first_count" for n in ex.notes)
                else ""
            ),
            f"posts_per_week = {r.posts_per_week}  # from the post times",
        ]
        + ([] if r.hour is None else [f"hour = {r.hour}  # the most common posting hour"])
        + [
            f"rhythm = {toml_value(r.rhythm)}  # from the gaps between posting days",
        ],
    }
    past = set(cal.past_interval())
    for p in cal.params:
        table, key = p.key.split(".", 1)
        lo, hi = cal.interval[p.key]
        note = "; barely informed by this export" if cal.width(p.key) > BARELY else ""
        if p.key in past:
            note += f"; {PAST_INTERVAL}"
        fmt = (lambda v: f"{int(round(v)):,}") if p.integer else three_digits
        tables.setdefault(table, []).append(
            f"{key} = {values[p.key]}  # fitted: {LEVEL:.0%} interval {fmt(lo)} to "
            f"{fmt(hi)} (searched {fmt(p.low)} to {fmt(p.high)}){note}"
        )
    for table in ("audience", "brand", "behaviour", "feed"):
        lines += ["", f"[{table}]"] + tables.get(table, [])
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # a malformed file is a bug here, never the user's problem
    return text


PLATFORM_NAMES = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
}


def _title(account: str, platform: str, lang: str) -> str:
    """The calibrated scenario's title: the account's name, what it is (at most 120 characters)."""
    what = {"en": "calibrated on its own export", "nl": "gekalibreerd op de eigen export"}[lang]
    name = PLATFORM_NAMES.get(platform, platform)
    return f"{account[:80]} ({name}), {what}"[:120]


def fit_table(cal: Calibration) -> pd.DataFrame:
    """One row per fitted value: estimate, interval, searched range, width and meaning."""
    return pd.DataFrame(
        [
            {
                "key": p.key,
                "estimate": cal.estimate[p.key],
                "low": cal.interval[p.key][0],
                "high": cal.interval[p.key][1],
                "level": LEVEL,
                "searched_low": p.low,
                "searched_high": p.high,
                "log_scale": p.log,
                "width": cal.width(p.key),
                "barely_informed": cal.width(p.key) > BARELY,
                "meaning": p.meaning,
            }
            for p in cal.params
        ]
    )


def write_calibration(cal: Calibration, folder: str | Path) -> dict[str, Path]:
    """Write the calibration's files into an empty ``folder``; returns them by role."""
    import tomli_w

    from sim.base.safe_io import atomic_write, csv_bytes

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "scenario": folder / f"{cal.name}.toml",
        "fit": folder / "fit.csv",
        "observed": folder / "observed.csv",
        "simulated": folder / "simulated.csv",
        "reference": folder / "reference.csv",
        "meta": folder / "calibration.toml",
    }
    clash = [p.name for p in paths.values() if p.exists()]
    if clash:
        raise FileExistsError(f"{folder} already holds {', '.join(clash)}; refusing to overwrite")
    # Each file all at once; text cells (an export's post texts) never a spreadsheet formula.
    atomic_write(paths["scenario"], cal.toml.encode(), folder)
    atomic_write(paths["fit"], csv_bytes(fit_table(cal), index=False), folder)
    atomic_write(paths["observed"], csv_bytes(cal.export.posts, index=False), folder)
    atomic_write(paths["simulated"], csv_bytes(cal.simulated, index=False), folder)
    atomic_write(paths["reference"], csv_bytes(cal.table, index=False), folder)
    meta = {
        "account": cal.export.account,
        "name": cal.name,
        "export": str(cal.export.source),
        "platform": cal.export.platform,
        "followers": cal.export.followers,
        "reach_kind": cal.export.reach_kind,
        "columns": dict(cal.export.columns),
        "notes": list(cal.export.notes),
        "sims": cal.sims,
        "seed": cal.seed,
        "kept": cal.kept,
        "failed": len(cal.failed),
        "level": LEVEL,
        "replicates": int(cal.simulated["seed"].nunique()),
        "holdout_from": "" if cal.holdout_from is None else f"{cal.holdout_from:%Y-%m-%d %H:%M}",
        "check": {k: float(v) for k, v in cal.check.items() if np.isfinite(v)},
        # Each replicate run's own held-out medians: the scatter the check's range summarises.
        "check_runs": [
            {k: (int(v) if k == "seed" else float(v)) for k, v in row.items() if np.isfinite(v)}
            for row in held_out_runs(cal).to_dict("records")
        ],
        "barely_informed": cal.barely_informed(),
    }
    atomic_write(paths["meta"], tomli_w.dumps(meta).encode(), folder)
    return paths
