"""A run's tables as the recorder fills them: rows of plain values, read and written without
pandas.

Importing pandas costs about a third of a second, more than simulating a 20,000-user half-year.
A run's tables are therefore kept as the rows the recorder made (:class:`Rows`): a run's summary
and its CSV files come straight from them, and a pandas DataFrame is built only when someone
asks for one (:attr:`sim.engine.results.Results.days`).

The CSV text is byte for byte what ``pandas.DataFrame(rows).to_csv(path, index=False)`` writes:
each column gets the type pandas would infer from its values (booleans, integers, floats when
any value is a float, text otherwise); floats are written in their shortest round-trip form
(``repr``), missing values and NaN as empty fields, and text is quoted only where needed.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from sim.base.safe_io import atomic_write, neutral

BOOL, INT, FLOAT, TEXT = "bool", "int", "float", "text"
_DTYPES = {BOOL: bool, INT: np.int64, FLOAT: np.float64, TEXT: object}


def _type_kind(t: type) -> str:
    if issubclass(t, (bool, np.bool_)):
        return BOOL
    if issubclass(t, (int, np.integer)):
        return INT
    if issubclass(t, (float, np.floating)):
        return FLOAT
    return TEXT  # text, None, or anything else: pandas keeps the column as objects


def column_kind(values) -> str:
    """The type pandas infers for a column of these values: BOOL, INT, FLOAT or TEXT."""
    seen = {_type_kind(t) for t in set(map(type, values))}
    if len(seen) == 1:
        return seen.pop()
    return FLOAT if seen == {INT, FLOAT} else TEXT


def _missing(v) -> bool:
    return v is None or (isinstance(v, (float, np.floating)) and math.isnan(v))


def _cells(values: list, kind: str) -> list:
    """A column's values as the csv module must be given them to write what pandas writes:
    missing values and NaN as empty fields, floats by their ``repr`` (as csv writes a float),
    whole numbers of a float column as floats."""
    if kind == FLOAT:
        return ["" if v != v else float(v) for v in values]  # v != v: NaN
    if kind == INT:
        return [int(v) for v in values]
    if kind == BOOL:
        return [bool(v) for v in values]
    # Text a spreadsheet program would run as a formula gets a leading apostrophe.
    return ["" if _missing(v) else neutral(v) for v in values]


class Rows:
    """A finished table held as a list of rows (dicts of plain values).

    Args:
        rows: one dict per row; a table's columns are the keys in the order they first appear.
            The rows are read, never changed, and must not change once the table is read.

    Supports what the run summary (:func:`sim.base.metrics.summarise`) reads: ``len``, ``in``
    (a column name) and ``table[column]`` (a NumPy array of the type pandas would infer).
    """

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self._columns: tuple[str, ...] | None = None
        self._names: frozenset[str] = frozenset()
        self._uniform = False  # every row has every column, in the same order
        self._values: dict[str, list] | None = None
        self._kinds: dict[str, str] = {}
        self._arrays: dict[str, np.ndarray] = {}

    @property
    def columns(self) -> tuple[str, ...]:
        """The table's column names, in the order they first appear in the rows."""
        if self._columns is None:
            first = tuple(self.rows[0]) if self.rows else ()
            if all(tuple(row) == first for row in self.rows):  # a recorder's rows
                self._columns, self._uniform = first, True
            else:
                seen: dict[str, None] = {}
                for row in self.rows:
                    if row.keys() != seen.keys():  # a set comparison, in C: a new key
                        seen.update(dict.fromkeys(row))
                self._columns = tuple(seen)
            self._names = frozenset(self._columns)
        return self._columns

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, column: str) -> bool:
        return column in self._names if self._columns is not None else column in self.columns

    def values(self, column: str) -> list:
        """The column's values, one a row (None where a row lacks the column)."""
        if self._values is None:
            columns = self.columns
            if self._uniform:
                # Every row has every column in order (a recorder's rows): one transposition.
                lists = [list(v) for v in zip(*(row.values() for row in self.rows), strict=True)]
                self._values = dict(zip(columns, lists or [[] for _ in columns], strict=True))
            else:
                self._values = {c: [row.get(c) for row in self.rows] for c in columns}
        return self._values[column]

    def kind(self, column: str) -> str:
        """The type pandas would infer for the column: BOOL, INT, FLOAT or TEXT."""
        if column not in self._kinds:
            self._kinds[column] = column_kind(self.values(column))
        return self._kinds[column]

    def __getitem__(self, column: str) -> np.ndarray:
        if column not in self:
            raise KeyError(column)
        if column not in self._arrays:
            kind = self.kind(column)
            values = self.values(column)
            if kind == FLOAT:
                values = [math.nan if v is None else v for v in values]
            array = np.array(values, dtype=_DTYPES[kind])
            array.flags.writeable = False  # shared by every reader of the column
            self._arrays[column] = array
        return self._arrays[column]

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def to_frame(self):
        """The table as a pandas DataFrame (imports pandas)."""
        import pandas as pd

        return pd.DataFrame(self.rows)

    def write_csv(self, path: str | Path) -> None:
        """Write the table as CSV, byte for byte as pandas' ``to_csv(path, index=False)`` (text
        a spreadsheet could run as a formula quoted as :func:`sim.base.safe_io.neutral` says), all
        at once (:func:`sim.base.safe_io.atomic_write`)."""
        columns = self.columns
        kinds = [self.kind(c) for c in columns]
        text = io.StringIO()
        out = csv.writer(text, lineterminator="\n")
        out.writerow([neutral(c) for c in columns])
        cells = [_cells(self.values(c), k) for c, k in zip(columns, kinds, strict=True)]
        out.writerows(zip(*cells, strict=True))
        atomic_write(path, text.getvalue().encode("utf-8"), Path(path).parent)
