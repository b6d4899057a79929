"""One run: ``run(scenario, seed) -> Results`` (pure), and ``run_to_folder`` (writes it)."""

from __future__ import annotations

import contextlib
import platform as _platform
import shutil
import time
from pathlib import Path

from sim.base.i18n import bar_lang, tr
from sim.base.tables import Rows
from sim.base.version import __version__
from sim.engine import results as res
from sim.engine.engines import DEFAULT_ENGINE
from sim.engine.model import FeedModel


def run(
    scenario,
    seed: int | None = None,
    days: int | None = None,
    progress: bool | str = False,
    audience=None,
    engine: str = DEFAULT_ENGINE,
    populations=None,
) -> res.Results:
    """Simulate a scenario and return its results; writes nothing.

    Args:
        scenario: a resolved Scenario (see ``sim.load_scenario``).
        seed: the run's seed; defaults to the scenario's ``seed``.
        days: simulated days; defaults to the scenario's ``days``.
        progress: show a progress bar on stderr once the run takes more than two seconds: True
            in English, a language code (``"nl"``) in that language.
        audience: an Audience to use instead of generating one.
        engine: what distributes each post: ``"kernel"`` (the numba feed kernel) or
            ``"agents"`` (Mesa agents decide every impression; small audiences only, see
            :mod:`sim.engine.engines`).
        populations: a store of populations already built (``sim.engine.audience.PopulationCache``
            or ``PopulationFolder``) to take the audience's real users from; the results are
            those of building them.

    Returns:
        The run's Results. The same scenario, seed and engine always give identical tables.

    Raises:
        sim.engine.engines.EngineError: for an unknown engine or an audience too large for it.
    """
    overrides = {}
    if days is not None and int(days) != scenario.days:
        overrides["days"] = int(days)
    if seed is not None and int(seed) != scenario.seed:
        overrides["seed"] = int(seed)  # the resolved scenario then reproduces this very run
    if overrides:
        scenario = scenario.with_overrides(overrides, source="--seed/--days")
    seed = scenario.seed
    lang = bar_lang(progress)
    if lang is not None:  # a fresh install compiles first: say so before the wait
        from sim.base import jit
        from sim.engine import kernel

        jit.say_if_compiling(kernel.deliver, lang=lang)
    t0 = time.perf_counter()
    model = FeedModel(
        scenario, seed=seed, audience=audience, engine=engine, populations=populations
    )
    t1 = time.perf_counter()
    bar = None
    try:
        if lang is not None and scenario.days > 0:
            from tqdm import tqdm

            # The bar starts once the first day has run: that day compiles the kernel on a
            # first run, and timed with the others it made the estimate hours long.
            model.step()
            bar = tqdm(
                total=scenario.days,
                initial=1,
                unit=tr("day", lang),
                desc=scenario.name,
                delay=2.0,
                leave=False,
            )
            model.run_days(scenario.days - 1, progress=lambda i: bar.update(1))
        else:
            model.run_days(scenario.days)
    finally:
        model.release()  # otherwise Mesa keeps every finished model alive
        if bar is not None:
            bar.close()
    t2 = time.perf_counter()
    a = model.audience
    meta = {
        "feedsim_version": __version__,
        "scenario": scenario.name,
        "platform": scenario.platform,
        "seed": seed,
        "engine": model.engine,
        "days": scenario.days,
        "accounts": a.n_accounts,
        "real_users": a.n_users,
        "follow_edges": a.n_edges,
        "seconds_audience": round(t1 - t0, 4),
        "seconds_simulation": round(t2 - t1, 4),
        "stage_seconds": {k: round(v, 4) for k, v in model.stage_seconds.items()},
        "python": _platform.python_version(),
    }
    return res.Results(
        scenario=scenario,
        seed=seed,
        days=Rows(model.recorder.day_rows),  # a DataFrame once read: see Results
        posts=Rows(model.recorder.post_rows),
        meta=meta,
    )


def run_to_folder(
    scenario,
    seed: int | None = None,
    days: int | None = None,
    out: str | Path = "results",
    progress: bool | str = False,
    engine: str = DEFAULT_ENGINE,
) -> tuple[res.Results, Path]:
    """Run (with ``engine``, see :func:`run`) and write ``out/<scenario>/<run-id>/`` with
    tables, resolved scenario and meta.

    Charts are not drawn here: :func:`sim.present.charts.run.run_charts` draws them from the folder.

    Returns:
        The run's Results and the folder written.

    Raises:
        sim.engine.results.OutputError: the folder cannot be created (before the run) or written
        (the
            partial folder is removed).
    """
    # The folder first: an unwritable --out is refused before anything is simulated. Folders
    # made for it are removed again if the run fails, so a refused run leaves nothing behind.
    made = [p for p in (Path(out) / res.safe_name(scenario.name), Path(out)) if not p.exists()]
    folder = res.new_run_dir(
        out, res.safe_name(scenario.name), scenario.seed if seed is None else int(seed)
    )
    try:
        result = run(scenario, seed=seed, days=days, progress=progress, engine=engine)
        res.write(result, folder)
    except OSError as exc:
        _remove(folder, made)  # no half-written run folder is left
        raise res.OutputError(
            f"cannot write the results into {folder}: "
            f"{exc.strerror or exc}; the partial folder was removed"
        ) from None
    except BaseException:
        _remove(folder, made)
        raise
    return result, folder


def _remove(folder: Path, made: list[Path]) -> None:
    """Remove a failed run's folder, and the empty parents made for it."""
    shutil.rmtree(folder, ignore_errors=True)
    for parent in made:
        with contextlib.suppress(OSError):
            parent.rmdir()
