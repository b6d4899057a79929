"""experiments/validation.py --quick prints a table with every row measured and no cell empty."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module():
    spec = importlib.util.spec_from_file_location("validation", ROOT / "experiments" /
                                                  "validation.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["validation"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_quick_table_has_every_row_and_no_empty_cell(capsys):
    mod = _module()
    assert mod.main(["--quick"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    header, body = lines[0], lines[1:]
    n_cols = header.count(" | ") + 1
    for name in mod.ROWS:  # every group of rows printed, each with its own command
        assert f"--rows {name} --quick`" in out, name
    assert len(body) >= len(mod.ROWS)
    for line in body:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == n_cols and all(cells), line
        assert cells[4] in {"yes", "no", "partly", "cited"}, line
