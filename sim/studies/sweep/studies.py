"""A study made of several sweeps in one folder: a tactic and its baseline (``feedsim explain``),
a scenario and its baseline over a design (``feedsim sensitivity``).

Each arm is an ordinary sweep in its own subfolder, so it resumes run by run and never
overwrites; the study's plan file at the top says what the folder holds, and a different study
is refused. All arms share one executor, started (and its workers warmed) only if some run is
missing.
"""

from __future__ import annotations

import contextlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.studies.sweep.spec import SweepError


@dataclass
class StudyOutcome:
    """What running a study did.

    Attributes:
        folder: the study folder.
        ran, skipped: runs done now, and runs found already done.
        failed: ``<arm>/<run id>`` of runs that raised (tracebacks in ``<arm>/failed``).
        table: the study's result table, once every run is done.
        sentences: plain-words findings per metric.
        read: the study's tables as read back from its folder, for its charts and text
            (a comparison's day table, arms and presented figures; None: read them there).
    """

    folder: Path
    ran: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    table: Any = None
    sentences: dict[str, list[str]] = field(default_factory=dict)
    read: Any = None


# Plan keys that hold words for reports, not what the runs are: they may change on a rerun.
WORDS_ONLY = ("metrics", "labels_nl", "description_nl")


def prepare_study_folder(plan: dict, folder: Path, plan_file: str, what: str) -> None:
    """Check that ``folder`` is empty, new, or holds this very study; then write its plan.

    Args:
        plan: what defines the study's runs (a dict that TOML can hold); a ``metrics`` key may
            differ, since other metrics are read from the same runs, and so may
            :data:`WORDS_ONLY` (words, not runs).
        folder: the study folder.
        plan_file: the plan's file name in the folder.
        what: the study's kind in words, for messages ("sensitivity study").

    Raises:
        SweepError: the folder holds a different study, or something that is not one.
    """
    import tomli_w

    from sim.base.safe_io import read_toml
    from sim.studies.sweep.store import LOCK_FILE, atomic_write

    path = folder / plan_file
    new = tomllib.loads(tomli_w.dumps(plan))
    if path.exists() or path.is_symlink():
        try:
            old = read_toml(path, f"{what} plan", folder)
        except (OSError, ValueError) as exc:
            raise SweepError(f"{path}: cannot read the {what} plan: {exc}") from None
        diffs = [
            k
            for k in sorted(set(old) | set(new))
            if k not in WORDS_ONLY and old.get(k) != new.get(k)
        ]
        if diffs:
            raise SweepError(
                f"{folder} holds a different {what} (differs in "
                f"{', '.join(diffs)}); its runs are kept; choose another --name "
                "or --out"
            )
    elif folder.exists() and any(p.name != LOCK_FILE for p in folder.iterdir()):
        raise SweepError(
            f"{folder} exists and is not a {what} folder (no {plan_file}); "
            "refusing to write into it; choose another --name or --out"
        )
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomli_w.dumps(plan).encode())


@contextlib.contextmanager
def study_lock(folder: Path, what: str):
    """Hold the study folder while the block runs (created if missing): a second command
    started on the same folder is told it is in use, not that it holds something else.

    Raises:
        SweepError: another process holds the folder, or it cannot be created.
    """
    from sim.studies.sweep.run import made_folder
    from sim.studies.sweep.store import folder_lock

    made_folder(folder, what)
    with folder_lock(folder, what):
        yield


def run_arms(
    specs: dict,
    folder: Path,
    workers: int | None = None,
    dask: str | None = None,
    progress: bool | str = True,
    meanwhile=None,
) -> tuple[StudyOutcome, dict]:
    """Run every missing run of each arm's sweep into ``folder/<arm>``, as one queue on one
    shared executor (:func:`sim.studies.sweep.run.run_sweeps`): the workers never wait for
    one arm to finish before starting the next.

    Args:
        specs: arm name -> SweepSpec.
        folder: the study folder (see :func:`prepare_study_folder`).
        meanwhile: called once while the first runs are under way (the caller's own work that
            needs no run, such as loading what draws the charts), or never if nothing runs.

    Returns:
        (outcome, runs): runs maps each arm to its ``runs.csv`` table, or is empty if a run
        failed.

    Raises:
        SweepInterrupted: Ctrl-C; finished runs are kept and the same call resumes.
    """
    from sim.base.safe_io import FileRefusedError, make_folder
    from sim.studies.sweep.run import run_sweeps
    from sim.studies.sweep.store import read_sweep

    out = StudyOutcome(folder)
    for arm in specs:
        try:  # an arm's folder that is a link out of the study folder is never written
            make_folder(folder / arm, folder)
        except FileRefusedError as exc:
            raise SweepError(str(exc)) from None
    # Arms run the same seeds on one pool: their audiences' real users are shared.
    results = run_sweeps(
        [(spec, folder / arm) for arm, spec in specs.items()],
        folder,
        workers,
        dask,
        progress,
        shared_audiences=len(specs) > 1,
        meanwhile=meanwhile,
    )
    for arm, res in zip(specs, results, strict=True):
        out.ran += res.ran
        out.skipped += res.skipped
        out.failed += [f"{arm}/{r}" for r in res.failed]
    if out.failed:
        return out, {}
    return out, {arm: read_sweep(folder / arm)[2] for arm in specs}
