"""Text is never a formula: arm labels, descriptions and sweep values that begin like a formula
are text cells in every spreadsheet and quoted in every CSV file, numbers stay numbers, and the
project reads its own files back to the same labels."""

from __future__ import annotations

import csv
import io

import pytest

from sim import cli
from sim.base.safe_io import FORMULA_STARTS

TINY = """\
days = 10
[audience]
users = 600
[brand]
initial_followers = 60
"""
LABELS = ['=HYPERLINK("http://example.invalid","click")', "+31 6 123", "-2+3", "@SUM(A1:A9)"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("made")
    (root / "tiny.toml").write_text(TINY)
    (root / "formulas.toml").write_text(_toml_comparison())
    assert (
        cli.main(
            [
                "compare",
                str(root / "formulas.toml"),
                "--workers",
                "1",
                "--out",
                str(root / "out"),
                "--quiet",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "sweep",
                str(root / "tiny.toml"),
                "--set",
                'description="=1+1","@x","-2","plain"',
                "--seeds",
                "1",
                "--workers",
                "1",
                "--out",
                str(root / "out"),
                "--quiet",
                "--no-charts",
            ]
        )
        == 0
    )
    return {"comparison": root / "out" / "formulas", "sweep": root / "out" / "tiny-sweep"}


def _toml_comparison() -> str:
    import tomli_w

    arms = [{"scenario": "tiny.toml", "label": lb} for lb in LABELS]
    for arm, ppw in zip(arms[1:], (2, 7, 1), strict=True):
        arm["set"] = {"brand.posts_per_week": ppw}
    return tomli_w.dumps(
        {"name": "formulas", "description": "=cmd|' /C calc'!A0", "seeds": 2, "arms": arms}
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_csv(path) -> tuple[int, int]:
    """Every field that would start a formula is a number; returns (quoted texts, negatives)."""
    quoted = negatives = 0
    for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
        for field in row:
            if field.startswith(FORMULA_STARTS):
                assert _is_number(field), (path.name, field)
                negatives += field.startswith("-")
            quoted += field.startswith("'") and field[1:].startswith(FORMULA_STARTS)
    return quoted, negatives


def test_csv_files_quote_formula_text_and_keep_negative_numbers(folders):
    quoted, negatives = _check_csv(folders["comparison"] / "days.csv")
    assert quoted > 0 and negatives > 0  # incremental revenue below the baseline's stays a number
    assert _check_csv(folders["comparison"] / "summary.csv")[0] == len(LABELS)
    assert _check_csv(folders["sweep"] / "runs.csv")[0] == 3
    assert _check_csv(folders["sweep"] / "summary.csv")[0] >= 0


@pytest.mark.parametrize("kind", ["comparison", "sweep"])
def test_no_spreadsheet_cell_is_a_formula(folders, kind, capsys):
    from openpyxl import load_workbook

    folder = folders[kind]
    assert cli.main(["report", str(folder)]) == 0
    assert cli.main(["export", str(folder), "--lang", "nl"]) == 0
    capsys.readouterr()
    for name in ("tables-en.xlsx", "tables-nl.xlsx"):
        texts = set()
        for ws in load_workbook(folder / name):
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                        assert cell.data_type == "s"
                        texts.add(cell.value)
        expected = set(LABELS) if kind == "comparison" else {"=1+1", "@x", "-2"}
        assert expected <= texts, texts  # stored as typed, not with an added apostrophe


def test_labels_read_back_as_written(folders, capsys):
    from sim.present.charts.compare import read_comparison

    days, arms = read_comparison(folders["comparison"])
    assert list(arms.names) == LABELS and arms.baseline == LABELS[0]
    assert cli.main(["plot", str(folders["comparison"])]) == 0
    capsys.readouterr()


def test_an_exports_post_types_are_quoted_in_observed_csv(tmp_path, capsys):
    from pathlib import Path

    source = Path(__file__).parents[1] / "data" / "instagram_export_en.csv"
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"))))
    kind = rows[0].index("Post type")
    for i, row in enumerate(rows[1:]):
        row[kind] = LABELS[i % len(LABELS)]
    export = tmp_path / "posts.csv"
    with export.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    assert (
        cli.main(
            [
                "calibrate",
                str(export),
                "--platform",
                "instagram",
                "--sims",
                "50",
                "--replicates",
                "1",
                "--workers",
                "1",
                "--out",
                str(tmp_path / "out"),
                "--quiet",
                "--no-charts",
            ]
        )
        == 0
    )
    folder = Path(capsys.readouterr().out.strip())
    quoted, _ = _check_csv(folder / "observed.csv")
    assert quoted == len(rows) - 1  # every post's type, each once
