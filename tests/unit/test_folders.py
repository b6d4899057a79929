"""The registry of result-folder kinds: each kind is recognised by its own files, a study folder
that also holds a run's files is the study, and a folder of none of them is refused with a
message that lists every kind."""

from __future__ import annotations

import pytest

from sim.present import folders


def _touch(folder, *names):
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        (folder / n).write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        (("days.csv", "scenario.resolved.toml"), "run"),
        (("comparison.toml",), "comparison"),
        (("sweep.toml",), "sweep"),
        (("sensitivity.toml", "sweep.toml"), "sensitivity"),
        (("explain.toml", "sweep.toml"), "explain"),
        (("worlds.toml",), "worlds"),
        (("calibration.toml", "fit.csv", "kaaswinkel.toml"), "calibration"),
        (("plan.toml", "plans.csv", "trials.csv"), "plan"),
        (("plan.toml",), "plan"),
        (("curves.toml", "curves_summary.csv", "curves.csv"), "curves"),
        (("overlay.toml",), "overlay"),
    ],
)
def test_each_kind_is_recognised_by_its_own_files(tmp_path, files, kind):
    assert folders.kind_of(_touch(tmp_path / "f", *files)).name == kind


def test_a_day_table_with_arms_and_seeds_is_a_comparison(tmp_path):
    f = tmp_path / "f"
    f.mkdir()
    (f / "days.csv").write_text("arm,seed,day\norganic,1,0\n", encoding="utf-8")
    assert folders.kind_of(f).name == "comparison"
    (f / "days.csv").write_text("day,posts\n0,1\n", encoding="utf-8")
    with pytest.raises(folders.FolderKindError):
        folders.kind_of(f)


def test_a_folder_of_no_kind_is_refused_with_every_kind_listed(tmp_path):
    f = _touch(tmp_path / "f", "notes.txt")
    with pytest.raises(folders.FolderKindError) as exc:
        folders.kind_of(f)
    for k in folders.KINDS:
        assert k.marker in str(exc.value) and k.written_by in str(exc.value)
    with pytest.raises(folders.FolderKindError, match="is not a folder"):
        folders.kind_of(tmp_path / "missing")


def test_an_overlay_has_no_report_of_its_own(tmp_path):
    f = _touch(tmp_path / "f", "overlay.toml")
    with pytest.raises(folders.FolderKindError, match="no report"):
        folders.reportable(f)
    assert folders.reportable(_touch(tmp_path / "s", "sweep.toml")).name == "sweep"


def test_every_kind_names_functions_that_exist():
    import importlib

    for k in folders.KINDS:
        if k.charts:
            module, _, name = k.charts.partition(":")
            assert callable(getattr(importlib.import_module(module), name)), k.name


def test_the_report_and_plot_ask_the_registry(tmp_path):
    from sim.present.report.source import ReportError, folder_kind

    assert folder_kind(_touch(tmp_path / "w", "worlds.toml")) == "worlds"
    with pytest.raises(ReportError, match="sensitivity.toml"):
        folder_kind(_touch(tmp_path / "x", "notes.txt"))


def test_the_dashboard_export_is_a_comparison_and_no_whatif_kind_is_left(tmp_path):
    # "Add to report" writes comparison.toml; a saved what-if (scenario, levers and notes) is
    # a scenario to run, not a result folder.
    assert folders.kind_of(_touch(tmp_path / "e", "comparison.toml", "days.csv")).name == (
        "comparison"
    )
    assert "whatif" not in folders.BY_NAME
    with pytest.raises(folders.FolderKindError):
        folders.kind_of(_touch(tmp_path / "w", "whatif.toml", "levers.toml"))
