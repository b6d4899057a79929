"""Run tables kept as rows: the same CSV bytes, column types and summary as through pandas."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base import metrics
from sim.base.tables import Rows, column_kind
from sim.engine.runner import run
from sim.scenario import resolve

ODD_ROWS = [
    {
        "n": 1,
        "x": math.nan,
        "t": "",
        "b": True,
        "q": 'say "hi", then go',
        "m": 1,
        "big": 1e16,
        "neg": -0.0,
        "inf": math.inf,
        "none": None,
        "mixed": True,
        "np": np.float64(0.1),
        "text_and_numbers": "a",
        "text_and_nan": math.nan,
    },
    {
        "n": 2,
        "x": 0.5,
        "t": "video+reel",
        "b": False,
        "q": "line\nbreak",
        "m": 2.5,
        "big": 1.2345678901234567e-7,
        "neg": 3.0,
        "inf": -math.inf,
        "none": None,
        "mixed": 1,
        "np": np.int64(3),
        "text_and_numbers": 2.5,
        "text_and_nan": "b",
    },
]


def _pandas_csv(rows, tmp_path) -> bytes:
    path = tmp_path / "pandas.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path.read_bytes()


def _our_csv(rows, tmp_path) -> bytes:
    path = tmp_path / "ours.csv"
    Rows(rows).write_csv(path)
    return path.read_bytes()


@pytest.mark.parametrize(
    "rows",
    [ODD_ROWS, [], [{"only": ""}], [{"a": 1}, {"a": 2, "b": 0.5}]],
    ids=["odd values", "no rows", "one empty text", "a column added late"],
)
def test_csv_is_byte_for_byte_what_pandas_writes(rows, tmp_path):
    assert _our_csv(rows, tmp_path) == _pandas_csv(rows, tmp_path)


def test_formula_text_is_quoted_as_pandas_and_safe_io_write_it(tmp_path):
    """Text a spreadsheet would run is quoted as the project's pandas writer quotes it
    (sim.base.safe_io.csv_bytes); numbers, negative ones too, are written as they are."""
    from sim.base.safe_io import csv_bytes

    rows = [
        {"content": "=HYPERLINK(1)", "delta": -5, "share": -0.25},
        {"content": "-question", "delta": 2, "share": 0.5},
        {"content": "video+reel", "delta": 0, "share": math.nan},
    ]
    ours = _our_csv(rows, tmp_path)
    assert ours == csv_bytes(pd.DataFrame(rows), index=False)
    assert ours.decode().splitlines()[1:] == [
        "'=HYPERLINK(1),-5,-0.25",
        "'-question,2,0.5",
        "video+reel,0,",
    ]


def test_column_types_are_the_ones_pandas_infers():
    frame = pd.DataFrame(ODD_ROWS)
    table = Rows(ODD_ROWS)
    assert table.columns == tuple(frame.columns)
    for col in ("n", "x", "b", "m", "big", "np"):
        assert table[col].dtype == frame[col].dtype, col
        np.testing.assert_array_equal(table[col], frame[col].to_numpy())
    assert column_kind([True, 1]) == "text" and column_kind([1, 2.0]) == "float"


def test_a_run_writes_and_summarises_the_same_without_pandas(tmp_path):
    sc = resolve(
        {
            "days": 40,
            "audience": {"users": 3000},
            "brand": {"initial_followers": 100},
            "strategies": {"buy": {"days": [5], "count": 300}},
        },
        source="test",
    )
    r = run(sc, seed=2)
    rows_summary = r.summary()
    for name in ("days", "posts"):
        table = getattr(r, f"_{name}")
        assert isinstance(table, Rows) and len(table) > 0
        assert _our_csv(table.rows, tmp_path) == _pandas_csv(table.rows, tmp_path)
    frame_summary = metrics.summarise(r.days, r.posts)  # reading .days builds the DataFrames
    assert isinstance(r.days, pd.DataFrame) and r.days is r.days
    assert rows_summary.keys() == frame_summary.keys()
    for key, value in rows_summary.items():
        other = frame_summary[key]
        assert type(value) is type(other), key
        assert value == other or (math.isnan(value) and math.isnan(other)), key
