"""The one registry of result-folder kinds: how each is recognised, charted and reported.

Every folder feedsim writes is one of the kinds below, told apart by the file it alone keeps
(``feedsim plot`` and ``feedsim report`` both ask :func:`kind_of`, so no command decides it on
its own). A kind names, as ``"module:function"`` strings loaded on first use so that importing this
registry loads nothing heavy:

- ``charts``: ``function(folder, lang=...) -> list[Path]`` draws the folder's charts;
- ``report``: the report's source: ``"table"`` (a run, comparison or sweep: the catalogue of
  presented figures, :mod:`sim.present.report.source`) or ``"study"`` (sensitivity, explanation,
  calibration, plausible worlds, a plan, response curves: :mod:`sim.present.report.studies`);
  None: no report.

Kinds are tried in the order listed: a study folder holds files of the run kinds too (a
calibration keeps a scenario, a plan keeps sweeps in its folders), so the most specific
marker comes first. The dashboard's "Add to report" writes a comparison folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sim.base.i18n import Said
from sim.base.l10n import Listed, Named, SaidError

RUN, COMPARISON, SWEEP = "run", "comparison", "sweep"
SENSITIVITY, EXPLAIN, CALIBRATION = "sensitivity", "explain", "calibration"
WORLDS, OVERLAY = "worlds", "overlay"
PLAN, CURVES = "plan", "curves"


class FolderKindError(SaidError):
    """A folder that is none of the kinds feedsim writes; the message lists them."""


@dataclass(frozen=True)
class Kind:
    """One kind of result folder.

    Attributes:
        name: the kind's name (``"run"``, ``"sensitivity"``, …).
        words: what it is, for messages ("a sensitivity study").
        marker: the file(s) that identify it, for messages.
        written_by: the command that writes it.
        recognise: whether a folder is of this kind (reads no file beyond a header).
        charts: ``"module:function"`` drawing its charts (None: it has none to draw).
        report: ``"table"`` or ``"study"`` (see the module's docstring); None: no report.
    """

    name: str
    words: str
    marker: str
    written_by: str
    recognise: Callable[[Path], bool]
    charts: str | None
    report: str | None

    def draw(self, folder: str | Path, lang: str = "en", **options) -> list[Path]:
        """Draw the folder's charts in ``lang`` (``options``: the drawing function's own, such
        as ``out``); returns the files written."""
        if self.charts is None:
            return []
        return _load(self.charts)(Path(folder), lang=lang, **options)


def _load(ref: str):
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _has(*names: str) -> Callable[[Path], bool]:
    # Present, whatever it is: a pipe or a link in a marker's place makes the folder its kind,
    # so the kind's reader refuses that file by name (sim.base.safe_io) instead of the folder being
    # called no result folder at all.
    return lambda folder: all((folder / n).exists() or (folder / n).is_symlink() for n in names)


def _tidy_days(folder: Path) -> bool:
    """A ``days.csv`` with ``arm`` and ``seed`` columns: a comparison without its spec."""
    from sim.base import safe_io

    path = folder / "days.csv"
    if not path.is_file():
        return False
    try:
        head = safe_io.read_csv(path, "day table", folder, nrows=0).columns
    except (OSError, ValueError):
        return False
    return {"arm", "seed"} <= set(head)


def _calibration(folder: Path) -> bool:
    return _has("calibration.toml", "fit.csv")(folder)


KINDS: tuple[Kind, ...] = (
    Kind(
        EXPLAIN,
        Named("an explanation of a gap", nl="een verklaring van een verschil"),
        "explain.toml",
        "feedsim explain",
        _has("explain.toml"),
        "sim.present.charts.explain:explain_charts",
        "study",
    ),
    Kind(
        SENSITIVITY,
        Named("a sensitivity study", nl="een gevoeligheidsanalyse"),
        "sensitivity.toml",
        "feedsim sensitivity",
        _has("sensitivity.toml"),
        "sim.present.charts.sensitivity:sensitivity_charts",
        "study",
    ),
    Kind(
        WORLDS,
        Named("a plausible-worlds study", nl="een studie van plausibele werelden"),
        "worlds.toml",
        "feedsim worlds",
        _has("worlds.toml"),
        "sim.present.charts.worlds:worlds_charts",
        "study",
    ),
    Kind(
        CALIBRATION,
        Named(
            "a calibration to an account's export", nl="een kalibratie op de export van een account"
        ),
        Named("calibration.toml and fit.csv", nl="calibration.toml en fit.csv"),
        "feedsim calibrate",
        _calibration,
        "sim.present.charts.calibrate:calibration_charts",
        "study",
    ),
    Kind(
        PLAN,
        Named("a budget plan", nl="een budgetplan"),
        "plan.toml",
        "feedsim plan",
        _has("plan.toml"),
        "sim.present.charts.plan:plan_charts",
        "study",
    ),
    Kind(
        CURVES,
        Named("a response-curve study", nl="een studie van responscurves"),
        "curves.toml",
        "feedsim curves",
        _has("curves.toml"),
        "sim.present.charts.plan:curves_charts",
        "study",
    ),
    Kind(
        SWEEP,
        Named("a sweep of settings", nl="een reeks instellingen"),
        "sweep.toml",
        "feedsim sweep",
        _has("sweep.toml"),
        "sim.present.charts.sweep:sweep_charts",
        "table",
    ),
    Kind(
        COMPARISON,
        Named("a comparison of scenarios", nl="een vergelijking van scenario's"),
        Named(
            "comparison.toml, or days.csv with arm and seed columns",
            nl="comparison.toml, of days.csv met de kolommen arm en seed",
        ),
        "feedsim compare",
        lambda f: _has("comparison.toml")(f) or _tidy_days(f),
        "sim.present.charts.compare:comparison_charts",
        "table",
    ),
    Kind(
        OVERLAY,
        Named("an overlay of runs", nl="een overlay van runs"),
        "overlay.toml",
        "feedsim plot RUN RUN …",
        _has("overlay.toml"),
        "sim.present.charts.overlay:overlay_charts",
        None,
    ),
    Kind(
        RUN,
        Named("a run", nl="een run"),
        Named("days.csv and scenario.resolved.toml", nl="days.csv en scenario.resolved.toml"),
        "feedsim run",
        _has("days.csv", "scenario.resolved.toml"),
        "sim.present.charts.run:run_charts",
        "table",
    ),
)
BY_NAME = {k.name: k for k in KINDS}


def listing() -> Listed:
    """Every kind in words, for messages: 'a run (days.csv and scenario.resolved.toml, written
    by `feedsim run`); …' (a sentence said later: in Dutch too)."""
    return Listed(
        tuple(
            Said(
                "{words} ({marker}, written by `{command}`)",
                {"words": k.words, "marker": k.marker, "command": k.written_by},
            )
            for k in KINDS
        )
    )


def kind_of(folder: str | Path) -> Kind:
    """The kind of ``folder``.

    Raises:
        FolderKindError: not a folder, or none of the kinds (the message lists them all).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FolderKindError(
            Said(
                "{folder} is not a folder; pass a result folder feedsim wrote, such as "
                "results/organic/<run-id>",
                {"folder": folder},
            )
        )
    for k in KINDS:
        if k.recognise(folder):
            return k
    raise FolderKindError(
        Said(
            "{folder} is not a run folder, nor any other result folder feedsim writes. A result "
            "folder is one of: {kinds}. Pass such a folder, or the folder inside it that holds "
            "these files.",
            {"folder": folder, "kinds": listing()},
        )
    )


def reportable(folder: str | Path) -> Kind:
    """The kind of ``folder``, refused when that kind has no report.

    Raises:
        FolderKindError: none of the kinds, or one without a report.
    """
    k = kind_of(folder)
    if k.report is None:
        raise FolderKindError(
            Said(
                "{folder} is {kind}, which has no report of its own; report each of its run "
                "folders instead",
                {"folder": folder, "kind": k.words},
            )
        )
    return k
